"""The words of signing up and signing in: one name for joining everywhere ("Join", "Únete"),
and "tú" in Spanish on the pages allauth draws too (allauth's own Spanish says "usted")."""

import re

import pytest
from django.test import Client

from lantern.conftest import log_in

# What "usted" sounds like on these pages (allauth's and Django's own Spanish).
USTED = re.compile(
    r"\busted\b|\b[Ss]u (contraseña|cuenta|dirección|información)\b|regístrese|inicie sesión"
    r"|¿Ya tiene|Ha iniciado|¿Seguro que desea|Introduzca|Ingrese|Verifique|Utilice su"
    r"|vuelva a autenticarse|póngase|[Ll]e hemos enviado|¿Ha olvidado"
)
OTHER_NAMES = re.compile(r"Sign Up|Signup|Sign up|Join with a nickname|Registrarse|Unirse")


def visible_text(html: str) -> str:
    html = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def spanish(client):
    client.cookies["django_language"] = "es"
    return client


@pytest.mark.django_db
def test_joining_is_called_join_on_every_page_that_offers_it():
    visitor = Client()
    for path in ("/", "/accounts/login/", "/accounts/signup/", "/meetings/"):
        text = visible_text(visitor.get(path).content.decode())
        assert "Join" in text, path
        assert not OTHER_NAMES.search(text), f"{path}: {OTHER_NAMES.search(text).group(0)}"


@pytest.mark.django_db
def test_joining_is_unete_in_spanish():
    visitor = spanish(Client())
    for path in ("/", "/accounts/login/", "/accounts/signup/"):
        text = visible_text(visitor.get(path).content.decode())
        assert "Únete" in text, path
        assert not OTHER_NAMES.search(text), f"{path}: {OTHER_NAMES.search(text).group(0)}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/accounts/password/reset/done/",
        "/accounts/password/reset/key/zz-not-a-key/",
        "/accounts/confirm-email/not-a-key/",
        "/accounts/confirm-email/",
    ],
)
def test_a_visitor_is_spoken_to_as_tu(path):
    text = visible_text(spanish(Client()).get(path, follow=True).content.decode())
    assert not USTED.search(text), f"{path}: “{USTED.search(text).group(0)}” in {text[:300]}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/logout/",
        "/accounts/reauthenticate/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
    ],
)
def test_a_member_is_spoken_to_as_tu(people, path):
    people.river.language = "es"
    people.river.save(update_fields=["language"])
    text = visible_text(log_in(Client(), people.river).get(path).content.decode())
    assert not USTED.search(text), f"{path}: “{USTED.search(text).group(0)}” in {text[:300]}"


@pytest.mark.django_db
def test_staff_confirming_with_a_code_are_spoken_to_as_tu(people):
    people.alex.language = "es"
    people.alex.save(update_fields=["language"])
    text = visible_text(
        log_in(Client(), people.alex).get("/accounts/2fa/reauthenticate/").content.decode()
    )
    assert not USTED.search(text), text[:300]
