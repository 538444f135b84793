"""Lantern's own error pages: a missing page and a server error each give the way home and the
crisis numbers, in the reader's language, never Django's bare "Not Found" or "Server Error"."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import path

from lantern import urls as site_urls
from lantern.core import views


def broken_page(request):
    raise RuntimeError("a bug in a view")


# The site's URLs and its error handlers, plus one page that fails (the tests below use it).
urlpatterns = [path("broken/", broken_page), *site_urls.urlpatterns]
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")


@pytest.mark.django_db
def test_a_missing_page_offers_the_way_home_and_the_crisis_lines():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "We can't find that page" in page
    assert 'href="/"' in page and 'href="/help/"' in page
    assert 'href="tel:988"' in page and 'href="tel:911"' in page
    assert 'class="site-header"' in page  # the site's own page, with its crisis button


@pytest.mark.django_db
def test_a_missing_page_speaks_the_visitors_language():
    visitor = Client(headers={"accept-language": "es-MX,es;q=0.9"})
    page = visitor.get("/no-such-page/").content.decode()
    assert '<html lang="es">' in page
    assert "No encontramos esa página" in page
    assert "¿Necesitas ayuda ahora?" in page


@pytest.mark.django_db
def test_a_missing_record_reads_as_missing_in_the_members_language(people, signed_in):
    people.river.language = "es"
    people.river.save(update_fields=["language"])
    response = signed_in(people.river).get("/recovery/counters/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert '<html lang="es">' in page
    assert 'href="tel:988"' in page


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_server_error_shows_lanterns_page_with_the_crisis_numbers():
    response = Client(raise_request_exception=False).get("/broken/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong on our side" in page
    assert 'href="tel:988"' in page and 'href="tel:911"' in page and 'href="/"' in page


@pytest.mark.urls(__name__)
@pytest.mark.django_db
def test_a_server_error_speaks_the_language_of_the_cookie():
    visitor = Client(raise_request_exception=False)
    visitor.cookies["django_language"] = "es"
    response = visitor.get("/broken/")
    assert response.status_code == 500
    assert '<html lang="es">' in response.content.decode()
    assert response["Content-Language"] == "es"


@pytest.mark.django_db
def test_the_server_error_page_never_asks_the_database():
    """The error may be the database's: the page is built from the request alone."""
    request = RequestFactory(headers={"accept-language": "es"}).get("/anything/")
    with CaptureQueriesContext(connection) as queries:
        response = views.server_error(request)
    assert len(queries) == 0
    assert response.status_code == 500
    assert response["Content-Language"] == "es"
    assert '<html lang="es">' in response.content.decode()
    assert 'href="tel:988"' in response.content.decode()
