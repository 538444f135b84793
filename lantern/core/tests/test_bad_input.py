"""Input no view can use is answered before any view reads it (`lantern/core/input.py`), with a
reason, the same on SQLite and PostgreSQL: a body over 2.5 MB (413), a NUL character anywhere
(PostgreSQL refuses it in text: it was a 500), text that is not Unicode, a page number no
database holds. And the OpenAPI document says what every operation may answer."""

import json

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import reverse

from lantern.accounts.services import create_api_token
from lantern.core.input import problem_with

MIDDLEWARE = "lantern.core.input.refuse_unusable_input"
LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE  # 2.5 MB, Django's default


def token_client(person) -> Client:
    secret = create_api_token(person, name="script", scope="write", days=30)[1]
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_the_input_check_runs_before_any_view_and_after_the_language_is_known():
    chain = settings.MIDDLEWARE
    assert MIDDLEWARE in chain, "add it to MIDDLEWARE in settings.py"
    assert chain.index(MIDDLEWARE) > chain.index("django.middleware.locale.LocaleMiddleware")
    assert chain.index(MIDDLEWARE) > chain.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )


def test_a_json_body_over_the_limit_gets_413_with_a_message(people):
    script = token_client(people.river)
    body = json.dumps({"kind": "alcohol", "name": "x" * LIMIT, "started_on": "2026-01-01"})
    response = script.post(
        reverse("api:recovery-counter-create-api"), body, content_type="application/json"
    )
    assert response.status_code == 413
    assert "more than Lantern accepts at once" in response.json()["detail"]


def test_a_form_over_the_limit_gets_a_friendly_413_page(people, signed_in):
    river = signed_in(people.river)
    response = river.post(reverse("core-language"), {"language": "es", "next": "x" * LIMIT})
    assert response.status_code == 413
    page = response.content.decode()
    assert "Too much at once" in page and "Need help now?" in page


def test_a_body_sent_without_a_length_is_measured_too():
    request = RequestFactory().post(
        reverse("core-language"), "x" * (LIMIT + 1), content_type="text/plain"
    )
    del request.META["CONTENT_LENGTH"]  # a chunked request
    assert problem_with(request).status == 413


def test_a_nul_in_a_json_body_gets_400_with_a_message(people):
    script = token_client(people.river)
    response = script.post(
        reverse("api:recovery-checkin-create-api"),
        json.dumps({"mood": 3, "craving": 1, "note": "bad\u0000day"}),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("This contains a character Lantern cannot store")


def test_a_lone_surrogate_in_a_json_body_is_not_text_and_gets_400(people):
    script = token_client(people.river)
    response = script.post(
        reverse("api:recovery-checkin-create-api"),
        '{"mood": 3, "craving": 1, "note": "bad \\ud800 day"}',
        content_type="application/json",
    )
    assert response.status_code == 400


def test_an_escaped_backslash_before_u0000_is_only_text_and_passes(people):
    script = token_client(people.river)
    response = script.post(
        reverse("api:recovery-checkin-create-api"),
        '{"mood": 3, "craving": 1, "note": "C:\\\\u0000 is a folder"}',
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["checkin"]["note"] == "C:\\u0000 is a folder"


def test_a_nul_in_the_query_string_gets_400(people, signed_in):
    river = signed_in(people.river)
    api = river.get(reverse("api:core-notifications-api"), {"page": "1\x00"})
    assert api.status_code == 400 and "cannot store" in api.json()["detail"]
    page = river.get(reverse("core-notifications"), {"page": "1\x00"})
    assert page.status_code == 400
    assert "Something in that could not be used" in page.content.decode()


def test_a_nul_in_the_path_gets_400_rather_than_reaching_the_database(client, db):
    response = client.get(reverse("core-home") + "a%00b/")
    assert response.status_code == 400


def test_a_nul_in_a_web_push_subscription_is_answered_in_json(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        reverse("core-push-subscribe"),
        json.dumps({"endpoint": "https://push.example\u0000", "keys": {"p256dh": "", "auth": ""}}),
        content_type="application/json",
    )
    assert response.status_code == 400 and "cannot store" in response.json()["detail"]


def test_a_form_with_more_fields_than_django_reads_gets_400(people, signed_in):
    river = signed_in(people.river)
    fields = {f"f{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = river.post(reverse("core-language"), fields)
    assert response.status_code == 400
    assert "too many fields" in response.content.decode()


def test_a_notifications_page_far_past_the_end_is_an_empty_page(people):
    script = token_client(people.river)
    response = script.get(reverse("api:core-notifications-api"), {"page": "922337203685477580"})
    assert response.status_code == 200
    assert response.json() == {"items": [], "count": 0}


@pytest.fixture
def document(client, db):
    return client.get(reverse("api:openapi-json")).json()


def test_every_operation_documents_its_error_answers(document):
    signed_in_errors = {"400", "401", "403", "404", "422", "429"}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            answers = set(operation["responses"])
            public = "security" not in operation
            expected = {"400", "422"} if public else signed_in_errors
            assert expected <= answers, (method, path, answers)
            if "requestBody" in operation:
                assert "413" in answers, (method, path)
            error = operation["responses"]["400"]["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/ErrorOut"}


def test_a_form_post_to_the_json_api_is_refused_not_a_server_error(people, signed_in):
    """A client that sends a form (multipart) where the API expects JSON gets a 4xx: reading
    the form to look for NULs must leave the body for the API to read."""
    river = signed_in(people.river)
    response = river.post("/api/v1/recovery/counters", {"name": "alcohol"})
    assert 400 <= response.status_code < 500
    push = river.post("/push/subscribe/", {"endpoint": "https://push.example.org/x"})
    assert push.status_code == 400
