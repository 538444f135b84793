"""A responder on duty: an open reach-out is the first thing on every page they open, with how
many are waiting, until someone claims it (`{% reach_out_banner %}` in base.html). jo's home page
used to bury "river needs someone now · 0 minutes" fourth, under her recovery codes."""

import re

from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lantern.safety import services

BANNER = 'class="card notice reach-out-banner"'


def main_of(client, url: str) -> str:
    """The page's <main>: the banner must come before anything the page itself shows."""
    page = client.get(url).content.decode()
    return page[page.index('<main id="main"') :]


def first_section(main: str) -> str:
    return re.search(r"<(section|article|h1)[^>]*>", main).group(0)


def banner(main: str) -> str:
    if BANNER not in main:
        return ""
    start = main.index(BANNER)
    return main[start : main.index("</section>", start)]


def test_jo_on_duty_sees_river_waiting_first_on_every_page_until_it_is_claimed(people, signed_in):
    services.start_shift(people.jo, "supporter", 2)
    jo = signed_in(people.jo)
    assert BANNER not in main_of(jo, reverse("core-home"))  # nobody waiting: no banner
    reach_out = services.start_reach_out(people.river, "bad night")
    for url in (
        reverse("core-home"),
        reverse("community-spaces"),
        reverse("recovery-home"),
        reverse("meetings-finder"),
        reverse("core-notifications"),
    ):
        main = main_of(jo, url)
        assert BANNER in first_section(main), url  # before the page's own heading and cards
        shown = banner(main)
        assert "1 person needs someone now" in shown
        assert "river needs someone now" in shown and "just now" in shown
        assert f'href="{reverse("safety-reach-out", args=[reach_out.pk])}"' in shown
        assert "Answer river" in shown and "0 minutes" not in shown
    services.start_reach_out(people.sam)
    assert "2 people need someone now" in banner(main_of(jo, reverse("core-home")))

    services.claim_reach_out(people.casey, reach_out)  # someone else answers river
    shown = banner(main_of(jo, reverse("core-home")))
    assert "1 person needs someone now" in shown and "river needs someone now" not in shown
    services.claim_reach_out(people.jo, services.current_reach_out(people.sam))
    assert BANNER not in main_of(jo, reverse("core-home"))


def test_nobody_off_duty_or_not_asked_sees_the_banner(people, signed_in):
    services.start_reach_out(people.river)  # nobody on duty: the specialists are asked
    assert BANNER not in main_of(signed_in(people.casey), "/")  # asked, but off duty
    services.start_shift(people.casey, "specialist", 2)
    assert "1 person needs someone now" in main_of(signed_in(people.casey), "/")
    services.start_shift(people.jo, "supporter", 2)
    assert BANNER not in main_of(signed_in(people.jo), "/")  # on duty, not asked
    for person in (people.river, people.sam, people.morgan):
        assert BANNER not in main_of(signed_in(person), "/")


def test_the_banner_is_left_out_on_the_reach_outs_own_page(people, signed_in):
    services.start_shift(people.jo, "supporter", 2)
    reach_out = services.start_reach_out(people.river)
    page = main_of(signed_in(people.jo), reverse("safety-reach-out", args=[reach_out.pk]))
    assert BANNER not in page and "I'll talk with them" in page


def test_the_banner_costs_one_query_and_nothing_for_members(people, signed_in, rf):
    services.start_shift(people.jo, "supporter", 2)
    services.start_reach_out(people.river)
    services.start_reach_out(people.sam)
    for person, queries in ((people.jo, 1), (people.river, 0)):
        request = rf.get("/")
        request.user = person
        person.roles  # the roles are asked once per request anyway (the header)
        template = "{% load safety %}{% reach_out_banner %}{% reach_outs_waiting as n %}{{ n }}"
        with CaptureQueriesContext(connection) as captured:
            html = engine_render(template, request)
        assert len(captured) == queries, [q["sql"] for q in captured]
        assert html.strip().endswith("2" if person == people.jo else "0")


def engine_render(source: str, request) -> str:
    return Template(source).render(Context({"request": request}))


def test_a_handed_off_reach_out_waits_for_the_specialists_on_duty(people, signed_in):
    services.start_shift(people.jo, "supporter", 2)
    services.start_shift(people.casey, "specialist", 2)
    reach_out = services.start_reach_out(people.river)
    services.claim_reach_out(people.jo, reach_out)
    assert BANNER not in main_of(signed_in(people.casey), "/")  # jo is with her
    services.hand_off_reach_out(people.jo, reach_out, "She would like a specialist.")
    shown = banner(main_of(signed_in(people.casey), "/"))
    assert "jo asks a peer specialist to take over with river" in shown
    assert "Take over with river" in shown
    assert BANNER not in main_of(signed_in(people.jo), "/")
    services.claim_reach_out(people.casey, reach_out)  # casey takes over
    assert BANNER not in main_of(signed_in(people.casey), "/")
