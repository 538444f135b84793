import os
import subprocess
import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from lantern.conftest import REPO
from lantern.settings import envbool, envint

# The production configuration documented in the README.
PRODUCTION_ENV = {
    "LANTERN_DEBUG": "0",
    "LANTERN_SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-for-tests-" + "y" * 10,
    "LANTERN_DATA_KEYS": "q8X9nqPb2xGXoY4YB2m2yQqz8v9gJqRkq2sFZ3nYV4w=",
    "LANTERN_SITE_URL": "https://lantern.example.org",
    "LANTERN_ALLOWED_HOSTS": "lantern.example.org",
    "LANTERN_VAPID_PRIVATE_KEY": "r5r2yWn1dY2rkZ6n1m0i9T8b3o5y3XwQw1m4Jq2XnQ0",
    "EMAIL_URL": "submission://lantern:secret@smtp.example.org:587",
}


def test_every_page_sends_the_privacy_headers(client, db):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_pages_contain_no_inline_script(client, people, signed_in):
    for page in ["/", "/help/", "/accounts/signup/", "/accounts/login/"]:
        html = client.get(page).content.decode()
        assert "<script>" not in html and "onclick=" not in html, page
    html = signed_in(people.river).get("/accounts/preferences/").content.decode()
    assert "<script>" not in html


def test_the_crisis_page_has_one_tap_calls_and_texts(client, db):
    html = client.get("/help/").content.decode()
    assert 'href="tel:988"' in html
    assert 'href="sms:988"' in html
    assert 'href="tel:911"' in html
    assert 'href="tel:+18006624357"' in html


def test_every_page_links_to_help(client, people, signed_in):
    for page in ["/", "/accounts/login/", "/guidelines/"]:
        assert 'href="/help/"' in client.get(page).content.decode()
    assert 'href="/help/"' in signed_in(people.river).get("/notifications/").content.decode()


# The test run's own variables must not leak into the production check.
IGNORED = ("LANTERN_", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "REDIS_URL")


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO,
        env={**{k: v for k, v in os.environ.items() if not k.startswith(IGNORED)}, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_documented_production_configuration_passes_the_deploy_check():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_its_secrets_or_a_mail_server():
    for missing, message in [
        ("LANTERN_DATA_KEYS", "LANTERN_DATA_KEYS must be set"),
        ("EMAIL_URL", "EMAIL_URL must be set"),
    ]:
        env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
        result = run_manage("check", env=env)
        assert result.returncode != 0
        assert message in result.stderr


def test_a_misspelt_boolean_setting_fails_loudly(monkeypatch):
    monkeypatch.setenv("LANTERN_X", "yes please")
    with pytest.raises(ImproperlyConfigured, match="LANTERN_X must be a boolean"):
        envbool("LANTERN_X", "0")
    monkeypatch.setenv("LANTERN_N", "ten")
    with pytest.raises(ImproperlyConfigured, match="whole number"):
        envint("LANTERN_N", "1")


def test_mail_is_printed_by_default_and_a_mistyped_mail_url_stops_the_start():
    result = run_manage(
        "shell", "-c", "from django.conf import settings as s; print(s.EMAIL_BACKEND)", env={}
    )
    assert result.stdout.strip().endswith("console.EmailBackend"), result.stderr
    result = run_manage("check", env={"EMAIL_URL": "smtpx://mail.example.org"})
    assert result.returncode != 0
    assert "EMAIL_URL scheme must be one of" in result.stderr


def test_a_community_time_zone_with_stray_spaces_is_read_and_a_wrong_one_stops_the_start():
    """`make run` once exported "America/Chicago  " (make keeps the spaces before a comment)."""
    show = "from django.conf import settings as s; print(repr(s.LANTERN_DEFAULT_TIME_ZONE))"
    result = run_manage("shell", "-c", show, env={"LANTERN_DEFAULT_TIME_ZONE": "America/Chicago  "})
    assert result.stdout.strip().endswith("'America/Chicago'"), result.stderr
    result = run_manage("check", env={"LANTERN_DEFAULT_TIME_ZONE": "Chicago"})
    assert result.returncode != 0
    assert "LANTERN_DEFAULT_TIME_ZONE must be an IANA time zone" in result.stderr


def test_health_check_answers(client, db):
    assert client.get("/healthz").content == b"ok"
