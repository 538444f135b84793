"""Input the fuzzer of issue 12 sent to the recovery API, answered with a reason and the same on
SQLite and PostgreSQL: a start time with a time zone (a 500 on SQLite, the zone silently dropped
on PostgreSQL), a page number no database holds, a NUL in a counter's name."""

import datetime
import json

import pytest
import time_machine
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.recovery import services
from lantern.recovery.models import Counter, Run

NOW = datetime.datetime(2026, 11, 23, 18, tzinfo=datetime.UTC)
ZONED = ["02:17:28Z", "18:30+02:00", "07:00:00-05:00"]
ZONE_MESSAGE = (
    "Give the time as it was on your own clock, without a time zone "
    "(18:30, not 18:30Z or 18:30+02:00)."
)


def send(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("started_at", ZONED)
def test_a_new_counter_with_a_zoned_time_is_refused_with_what_to_send(
    people, signed_in, started_at
):
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = send(
            river,
            reverse("api:recovery-counter-create-api"),
            {"kind": "alcohol", "started_on": "2026-11-01", "started_at": started_at},
        )
    assert response.status_code == 400
    assert response.json() == {"detail": ZONE_MESSAGE, "field": "started_at"}
    assert not Counter.objects.exists()


@pytest.mark.parametrize("started_at", ZONED)
def test_a_new_start_with_a_zoned_time_is_refused_and_the_run_goes_on(
    people, signed_in, started_at
):
    counter = services.start_counter(people.river, "alcohol", datetime.date(2026, 8, 25))
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = send(
            river,
            reverse("api:recovery-counter-new-start-api", args=[counter.pk]),
            {"started_on": "2026-11-23", "started_at": started_at},
        )
    assert response.status_code == 400
    assert response.json() == {"detail": ZONE_MESSAGE, "field": "started_at"}
    assert Run.objects.get(counter=counter).ended_on is None  # nothing was ended


def test_a_time_on_the_members_own_clock_is_kept_as_given(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = send(
            river,
            reverse("api:recovery-counter-create-api"),
            {"kind": "alcohol", "started_on": "2026-11-01", "started_at": "02:17:28"},
        )
    assert response.status_code == 201 and response.json()["started_at"] == "02:17:28"
    assert Run.objects.get().started_at == datetime.time(2, 17, 28)


def test_the_service_refuses_a_zoned_time_whoever_calls_it(people):
    zoned = datetime.time(2, 17, tzinfo=datetime.UTC)
    with pytest.raises(Refused) as refused:
        services.start_counter(people.river, "alcohol", datetime.date(2026, 1, 1), started_at=zoned)
    assert refused.value.field == "started_at"
    counter = services.start_counter(people.river, "alcohol", datetime.date(2026, 1, 1))
    with pytest.raises(Refused):
        services.new_start(people.river, counter, datetime.date(2026, 2, 1), zoned)
    with pytest.raises(Refused):
        services.update_counter(
            people.river,
            counter,
            kind="alcohol",
            name="",
            tell_on_reset=False,
            started_on=datetime.date(2026, 1, 1),
            started_at=zoned,
        )


@pytest.mark.parametrize("url_name", ["api:recovery-counters-api", "api:recovery-checkins-api"])
def test_a_page_far_past_the_end_is_an_empty_page(people, signed_in, url_name):
    services.start_counter(people.river, "alcohol", datetime.date(2026, 1, 1))
    river = signed_in(people.river)
    response = river.get(reverse(url_name), {"page": "922337203685477580"})
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_a_counter_name_with_a_nul_is_refused_and_nothing_is_stored(people, signed_in):
    river = signed_in(people.river)
    response = send(
        river,
        reverse("api:recovery-counter-create-api"),
        {"kind": "alcohol", "name": "Alco\u0000hol", "started_on": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "cannot store" in response.json()["detail"]
    assert not Counter.objects.exists()


def test_a_counter_form_with_a_nul_gets_a_page_that_says_why(people, signed_in):
    river = signed_in(people.river)
    response = river.post(
        reverse("recovery-counter-new"),
        {"kind": "alcohol", "name": "Alco\x00hol", "started_on": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "a character Lantern cannot store" in response.content.decode()
    assert not Counter.objects.exists()


def test_the_counter_form_takes_a_time_on_the_clock_only(people, signed_in):
    river = signed_in(people.river)
    with time_machine.travel(NOW, tick=False):
        response = river.post(
            reverse("recovery-counter-new"),
            {"kind": "alcohol", "started_on": "2026-11-01", "started_at": "02:17:28Z"},
        )
    assert response.status_code == 200
    assert "Enter a valid time." in response.content.decode()
    assert not Counter.objects.exists()
