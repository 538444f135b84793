"""A Spanish reader reads the course in Spanish (written natively, in "tú"); anything a course
lacks in Spanish falls back to English."""

from django.urls import reverse
from django.utils import translation

from lantern.training.models import Part, in_language

ES = {"headers": {"accept-language": "es"}}


def _spanish(client):
    client.post(reverse("core-language"), {"language": "es"})
    return client


def test_the_course_reads_in_spanish(people, signed_in, course):
    river = _spanish(signed_in(people.river))
    page = river.get(reverse("training-courses")).content.decode()
    assert 'lang="es"' in page
    assert "Cómo acompañar a un par en crisis, y cuándo pedir más ayuda" in page
    assert "Responding to a peer in crisis" not in page

    lesson = river.get(reverse("training-part", args=[course.slug, "asking-about-suicide"]))
    text = lesson.content.decode()
    assert "Preguntar directamente por el suicidio" in text
    assert "¿Estás pensando en quitarte la vida?" in text

    scenario = river.get(
        reverse("training-part", args=[course.slug, "late-night-message"]) + "?step=examples"
    ).content.decode()
    assert "Me alegra mucho que me escribieras" in scenario
    assert "oprimir 2 o enviar AYUDA" in scenario


def test_the_spanish_speaks_to_the_reader_as_tu(course):
    spanish = " ".join(
        " ".join(part.content["es"].values()) for part in Part.objects.filter(course=course)
    )
    assert "Usted" not in spanish and " usted " not in spanish
    for tu in ("Estás aquí", "Quédate con", "pregúntale", "Suma ayuda"):
        assert tu in spanish, tu


def test_a_missing_language_falls_back_to_english():
    content = {"en": {"title": "Hello"}}
    with translation.override("es"):
        assert in_language(content) == {"title": "Hello"}
    assert in_language({"en": {"title": "A"}, "es": {"title": "B"}}, "es-mx") == {"title": "B"}


def test_a_spanish_reader_gets_the_api_in_spanish(people, signed_in, course):
    river = _spanish(signed_in(people.river))
    (item,) = river.get(reverse("api:training-courses-api")).json()["items"]
    assert item["title"].startswith("Cómo acompañar")
