"""A Spanish-speaking visitor: the kiosk follows the tablet's language (the browser's
Accept-Language: no one's preference is stored on a shared tablet), with the 24-hour clock of
lantern/formats/es; the counts' hour labels follow the reader's language too."""

from datetime import time

from django.utils import translation

from lantern.programs.dropin import counts, services

from .conftest import kiosk_url

ES = {"headers": {"accept-language": "es"}}


def test_the_kiosk_follows_the_tablet_s_language(center, new_kiosk, people, tablet):
    for day in range(7):  # whatever day the test runs on
        services.add_activity(
            people.morgan, center, title="Café", starts=time(18), ends=time(19), weekday=day
        )
    html = tablet.get(kiosk_url(new_kiosk.secret), **ES).content.decode()
    assert 'lang="es"' in html
    assert "18:00" in html and "6:00 PM" not in html
    english = tablet.get(kiosk_url(new_kiosk.secret)).content.decode()
    assert 'lang="en"' in english and "6:00 PM" in english
    assert tablet.cookies.get("django_language") is None  # nothing kept on the tablet


def test_hour_labels_follow_the_reader_s_language():
    with translation.override("es"):
        assert counts.hour_label(14) == "14:00"
    with translation.override("en"):
        assert counts.hour_label(14) == "2:00 PM"
