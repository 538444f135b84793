"""Under ASGI (uvicorn, `make run`), static files are served without Django's warning that a
streaming response consumes a synchronous iterator, and arrive whole."""

import warnings
from pathlib import Path

import pytest
from asgiref.sync import async_to_sync
from django.conf import settings
from django.test import AsyncClient, Client

STYLESHEET = Path(settings.BASE_DIR) / "lantern" / "static" / "css" / "lantern.css"
PATHS = ["/static/css/lantern.css", "/static/js/lantern.js", "/static/img/icon.svg", "/"]


@pytest.fixture
def static_from_the_source(settings):
    """Static files from the app directories, as in development (no collectstatic)."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True


async def fetch_all(client, paths):
    bodies = {}
    for path in paths:
        response = await client.get(path)
        assert response.status_code == 200, path
        bodies[path] = (
            b"".join([part async for part in response]) if response.streaming else response.content
        )
    return bodies


@pytest.mark.django_db
def test_static_files_under_asgi_raise_no_warning_and_arrive_whole(static_from_the_source):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        bodies = async_to_sync(fetch_all)(AsyncClient(), PATHS)
    about_streaming = [str(w.message) for w in caught if "StreamingHttpResponse" in str(w.message)]
    assert about_streaming == []
    assert bodies["/static/css/lantern.css"] == STYLESHEET.read_bytes()


@pytest.mark.django_db
def test_static_files_under_wsgi_are_unchanged(static_from_the_source):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        response = Client().get("/static/css/lantern.css")
        body = b"".join(response.streaming_content)
    assert [w for w in caught if "StreamingHttpResponse" in str(w.message)] == []
    assert body == STYLESHEET.read_bytes()
