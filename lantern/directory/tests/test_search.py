"""A visitor looks for help: words, a category and a language, in a plain GET form that works
without JavaScript, and the API gives a program the very same answer. A search that finds
nothing says so and what to try; a search that cannot be read says what to fix."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.directory import services
from lantern.directory.models import Kind, Resource

pytestmark = pytest.mark.django_db

CSV = """name,kind,description,address,phone,eligibility,languages
Harbor House,housing,Sober living with house meetings,1 Main St,312-555-0100,Adults,English
Casa Esperanza,housing,Vivienda de recuperación,2 Main St,312-555-0101,Adultos,Spanish; English
Westside MOUD,mat,Same-week buprenorphine starts,3 Main St,,Anyone with OUD,English; Spanish
Pilsen Pantry,food,Groceries every week; no ID needed,1800 S Blue Island Ave,,Anyone,Spanish
Uptown Health,health,Primary care and hepatitis C,4700 N Broadway,,Anyone,English; Amharic
Legal Aid Chicago,legal,Expungement clinics,111 W Washington St,,Low income,English; Polish
"""


@pytest.fixture
def directory(db):
    services.import_csv(None, CSV)
    return {r.name: r for r in Resource.objects.all()}


def listed(response, directory) -> set[str]:
    """The names of the resources a results page links to."""
    page = response.content.decode()
    return {name for name, r in directory.items() if f'href="{r.get_absolute_url()}"' in page}


def api_names(client, **query) -> set[str]:
    response = client.get(reverse("api:directory-resources-api"), query)
    assert response.status_code == 200, response.content
    return {item["name"] for item in response.json()["items"]}


def search(client, **query):
    return client.get(reverse("directory-list"), query)


def test_every_word_must_match_somewhere_in_name_description_address_or_eligibility(
    client, directory
):
    assert listed(search(client, q="sober"), directory) == {"Harbor House"}
    assert listed(search(client, q="SOBER meetings"), directory) == {"Harbor House"}
    assert listed(search(client, q="blue island"), directory) == {"Pilsen Pantry"}  # address
    assert listed(search(client, q="low income"), directory) == {"Legal Aid Chicago"}
    assert listed(search(client, q="sober groceries"), directory) == set()  # not one of either


def test_a_category_and_a_language_narrow_the_list(client, directory):
    assert listed(search(client, kind="housing"), directory) == {"Harbor House", "Casa Esperanza"}
    spanish = listed(search(client, kind="housing", language="spanish"), directory)
    assert spanish == {"Casa Esperanza"}
    assert listed(search(client, language="Amharic"), directory) == {"Uptown Health"}
    everything = listed(search(client), directory)
    assert everything == set(directory)


@pytest.mark.parametrize(
    "query",
    [
        {"q": "sober"},
        {"kind": "mat"},
        {"language": "spanish"},
        {"q": "anyone", "language": "english"},
        {"q": "  main   st ", "kind": "housing"},
        {"q": "nothing-like-this"},
        {},
    ],
)
def test_the_api_answers_what_the_page_shows(client, directory, query):
    page = search(client, **query)
    assert page.status_code == 200
    assert listed(page, directory) == api_names(client, **query)


def test_a_search_that_finds_nothing_says_so_and_suggests_what_to_try(client, directory):
    page = search(client, q="dentist", kind="legal").content.decode()
    assert "No resources match. Try fewer words or another category." in page
    assert 'value="dentist"' in page  # the words are still in the box to change
    data = client.get(reverse("api:directory-resources-api"), {"q": "dentist"}).json()
    assert data == {"items": [], "count": 0}


def test_an_empty_directory_says_so_too(client, db):
    page = search(client).content.decode()
    assert "No resources match" in page


def test_an_unknown_category_shows_what_to_fix_and_lists_nothing(client, directory):
    page = search(client, q="sober", kind="dentists")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Select a valid choice" in html
    assert listed(page, directory) == set()  # never the whole directory as if it matched
    assert "No resources match" not in html  # the error says what to do instead
    api = client.get(reverse("api:directory-resources-api"), {"q": "sober", "kind": "dentists"})
    assert api.status_code in (400, 422)
    assert api.json()["detail"]


def test_the_api_refuses_words_longer_than_the_form_takes_with_the_reason(client, directory):
    api = client.get(reverse("api:directory-resources-api"), {"q": "x" * 101})
    assert api.status_code == 400
    body = api.json()
    assert body["field"] == "q" and "100" in body["detail"]
    api = client.get(reverse("api:directory-resources-api"), {"language": "y" * 41})
    assert api.status_code == 400 and api.json()["field"] == "language"
    page = search(client, q="x" * 101)
    assert "at most 100 characters" in page.content.decode()
    assert listed(page, directory) == set()


def test_the_api_documents_the_categories_it_accepts(client, db):
    schema = client.get(reverse("api:openapi-json")).json()
    operation = schema["paths"][reverse("api:directory-resources-api")]["get"]
    kind = next(p for p in operation["parameters"] if p["name"] == "kind")
    assert set(kind["schema"]["enum"]) == {"", *Kind.values}
    assert "400" in operation["responses"]


def test_a_nul_character_in_a_search_is_refused_with_a_message_not_an_error(client, directory):
    page = search(client, q="so\x00ber")
    assert page.status_code == 400
    assert "cannot store" in page.content.decode()
    api = client.get(reverse("api:directory-resources-api"), {"q": "so\x00ber"})
    assert api.status_code == 400 and "cannot store" in api.json()["detail"]


def test_a_missing_resource_in_the_api_is_404_with_a_message(client, directory):
    gone = max(r.pk for r in directory.values()) + 1
    response = client.get(reverse("api:directory-resource-api", args=[gone]))
    assert response.status_code == 404 and response.json()["detail"]
    one = directory["Westside MOUD"]
    data = client.get(reverse("api:directory-resource-api", args=[one.pk])).json()
    assert data["name"] == "Westside MOUD" and data["kind"] == "mat"
    assert data["languages"] == "English; Spanish" and data["demo"] is False


def test_the_pages_keep_the_search_when_moving_between_pages(client, db):
    for n in range(30):
        Resource.objects.create(name=f"Pantry {n:02d}", kind="food", languages="Spanish")
    Resource.objects.create(name="Clinic", kind="health", languages="Spanish")
    first = search(client, kind="food", language="spanish").content.decode()
    assert "Page 1 of 2" in first and "Pantry 24" in first and "Pantry 25" not in first
    assert "kind=food&amp;language=spanish&amp;page=2" in first
    second = search(client, kind="food", language="spanish", page=2).content.decode()
    assert "Pantry 25" in second and "Clinic" not in second and "page=1" in second
    # A page past the end shows the last page, not an error.
    assert "Pantry 29" in search(client, kind="food", page=99).content.decode()
    api = client.get(reverse("api:directory-resources-api"), {"kind": "food", "page": 2}).json()
    assert api["count"] == 30 and len(api["items"]) == 5


def test_inactive_resources_are_never_found(client, directory):
    Resource.objects.filter(name="Harbor House").update(active=False)
    assert listed(search(client, kind="housing"), directory) == {"Casa Esperanza"}
    assert api_names(client, kind="housing") == {"Casa Esperanza"}


def test_spanish_readers_see_spanish_labels(client, directory):
    """What the catalogue already says in Spanish shows in Spanish (the lead compiles the rest
    at the end; each string is compared with the catalogue, not written out here)."""
    page = client.get(
        reverse("directory-list"), {"kind": "food"}, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert 'lang="es"' in page
    assert "Buscar" in page and "Idioma" in page  # the form's labels
    with translation.override("es"):
        food, other = str(Kind.FOOD.label), str(Kind.OTHER.label)
        nothing_found = gettext("No resources match. Try fewer words or another category.")
        address = gettext("Address")
    assert other == "Otro" and f'<option value="other">{other}</option>' in page
    assert f'<span class="tag">{food}</span>' in page  # the category on the result
    nothing = client.get(reverse("directory-list"), {"q": "zzz"}, HTTP_ACCEPT_LANGUAGE="es")
    assert nothing_found in nothing.content.decode()
    one = client.get(directory["Pilsen Pantry"].get_absolute_url(), HTTP_ACCEPT_LANGUAGE="es")
    assert 'lang="es"' in one.content.decode() and address in one.content.decode()


def test_a_signed_in_member_searches_the_same_directory(people, signed_in, directory):
    river = signed_in(people.river)
    assert listed(search(river, kind="mat"), directory) == {"Westside MOUD"}
    assert api_names(river, kind="mat") == {"Westside MOUD"}


TYPED = st.text(st.characters(blacklist_categories=("Cs",)), max_size=120)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(q=TYPED, kind=st.one_of(st.sampled_from(["", *Kind.values]), TYPED), language=TYPED)
def test_whatever_is_typed_the_page_and_api_never_fail_and_agree(
    client, directory, q, kind, language
):
    query = {"q": q, "kind": kind, "language": language}
    page = search(client, **query)
    api = client.get(reverse("api:directory-resources-api"), query)
    assert page.status_code in (200, 400)
    assert api.status_code in (200, 400, 422)
    if "\x00" in q + kind + language:
        assert page.status_code == api.status_code == 400
        return
    assert page.status_code == 200
    if api.status_code == 200:
        assert listed(page, directory) == {item["name"] for item in api.json()["items"]}
    else:
        assert api.json()["detail"]
        assert listed(page, directory) == set()
