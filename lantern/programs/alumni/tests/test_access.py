"""Alumni's own rows of the access matrix, checked here too (the project-wide matrix test needs
every app's records at once): each URL, as each person of the cast, answers as tests/matrix.py
says. And the decisions behind it, as stories: records that do not exist, or belong to another
program, are not found; pages of other kinds of program are not alumni pages."""

import pytest
from django.test import Client
from django.urls import reverse

from lantern.conftest import log_in
from lantern.core.tests.matrix import WHO
from lantern.core.tests.test_access_matrix import _check, url_names
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.tests import matrix
from lantern.programs.models import Program

pytestmark = pytest.mark.django_db


def test_every_alumni_url_is_in_the_matrix():
    mine = [name for name in url_names() if name.startswith("alumni-")]
    assert sorted(mine) == sorted(matrix.MATRIX)


def test_each_alumni_url_answers_each_person_as_the_matrix_says(people):
    made = matrix.records(people)
    clients = {"anon": Client(), **{p.handle: log_in(Client(), p) for p in people}}
    failures = []
    for name, (method, kwargs, answers) in matrix.MATRIX.items():
        url = reverse(name, kwargs={k: made.get(v, v) for k, v in (kwargs or {}).items()} or None)
        for who in WHO:
            ok, got = _check(clients[who], method, url, answers[who])
            if not ok:
                failures.append(f"{name} {url} as {who}: expected {answers[who]}, got {got}")
    assert failures == [], "\n".join(failures)


def test_records_of_another_program_are_not_found_under_this_one(
    people, alumni, cohort, new_code, signed_in
):
    other = programs.create_program(
        people.alex, name="Eastside Alumni", kind=Program.Kind.ALUMNI, description=""
    ).obj
    programs.add_staff(people.alex, other, "casey")
    casey = signed_in(people.casey)
    for name, kwargs in (
        ("alumni-cohort", {"pk": cohort.pk}),
        ("alumni-code-new", {"pk": cohort.pk}),
        ("alumni-cohort-add", {"pk": cohort.pk}),
    ):
        url = reverse(name, kwargs={"slug": other.slug, **kwargs})
        method = casey.post if name.endswith("add") else casey.get
        assert method(url).status_code == 404, name
    revoke = reverse("alumni-code-revoke", args=[other.slug, new_code.code.pk])
    assert casey.post(revoke).status_code == 404
    services.add_graduate(people.casey, cohort, "river")
    graduate = reverse("alumni-graduate", args=[other.slug, people.river.pk])
    assert casey.get(graduate).status_code == 404


def test_missing_records_are_not_found(people, alumni, signed_in):
    casey = signed_in(people.casey)
    for url in (
        reverse("alumni-cohort", args=[alumni.slug, 999]),
        reverse("alumni-code-new", args=[alumni.slug, 999]),
        reverse("alumni-graduate", args=[alumni.slug, 999]),
        reverse("alumni-cohorts", args=["no-such-program"]),
        reverse("alumni-checkin", args=[999]),
    ):
        assert casey.get(url).status_code == 404, url


def test_other_kinds_of_program_have_no_alumni_pages(people, residence, signed_in):
    jo = signed_in(people.jo)
    for name in ("alumni-cohorts", "alumni-followups", "alumni-volunteers", "alumni-give-back"):
        assert jo.get(reverse(name, args=[residence.slug])).status_code == 404, name
    river = signed_in(people.river)  # lives at Maple House
    assert river.get(reverse("alumni-give-back", args=[residence.slug])).status_code == 404


def test_a_closed_program_has_no_alumni_pages(people, alumni, cohort, signed_in):
    services.add_graduate(people.casey, cohort, "river")
    programs.close_program(people.alex, alumni)
    for person, name, args in (
        (people.casey, "alumni-cohorts", [alumni.slug]),
        (people.casey, "alumni-cohort", [alumni.slug, cohort.pk]),
        (people.river, "alumni-give-back", [alumni.slug]),
    ):
        assert signed_in(person).get(reverse(name, args=args)).status_code == 404, name
    assert (
        "Northside Alumni"
        not in signed_in(people.river).get(reverse("alumni-mine")).content.decode()
    )


def test_post_only_addresses_refuse_a_get(people, alumni, cohort, new_code, signed_in):
    casey = signed_in(people.casey)
    for url in (
        reverse("alumni-cohort-add", args=[alumni.slug, cohort.pk]),
        reverse("alumni-code-revoke", args=[alumni.slug, new_code.code.pk]),
        reverse("alumni-care-level", args=[alumni.slug, people.river.pk]),
    ):
        assert casey.get(url).status_code == 405, url
