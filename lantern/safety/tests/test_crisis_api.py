"""The crisis lines through the API: an app on a member's phone fetches them once and keeps them
for the night the phone has no signal."""

from lantern.safety.models import CrisisResource


def test_a_visitor_gets_the_crisis_lines_without_signing_in(client, db):
    lines = client.get("/api/v1/safety/crisis-resources").json()
    assert lines, "the crisis lines are never empty"
    assert any(line["tel_href"] == "tel:988" for line in lines)
    assert any(line["kind"] == "emergency" for line in lines)


def test_the_lines_come_in_the_language_asked_for(client, db):
    CrisisResource.objects.create(
        locale="es", kind="crisis", name="Línea 988 en español", phone="988", order=1
    )
    CrisisResource.objects.create(locale="en", kind="crisis", name="988 Lifeline", phone="988")
    spanish = [r["name"] for r in client.get("/api/v1/safety/crisis-resources?language=es").json()]
    english = [r["name"] for r in client.get("/api/v1/safety/crisis-resources?language=en").json()]
    assert "Línea 988 en español" in spanish and "988 Lifeline" not in spanish
    assert "988 Lifeline" in english and "Línea 988 en español" not in english


def test_an_unknown_language_falls_back_to_the_request_language(client, db):
    lines = client.get("/api/v1/safety/crisis-resources?language=xx").json()
    assert lines and all(line["name"] for line in lines)
