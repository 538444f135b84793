"""Every alumni page of the access matrix on a 360 px phone, in English and in Spanish, as the
first person it is for: nothing wider than the screen, no console errors, tap targets of at
least 24 px, the page in the reader's language, and nothing axe finds (the checks of
core/tests/test_browser_every_page.py, on alumni's pages alone), plus the page that shows a new
code and a graduate's page with a note."""

import pytest
from django.urls import reverse

from lantern.core.tests.test_browser_every_page import (
    FOR_WHOM,
    NOT_PAGES,
    contexts,
    problems,
    speak,
    visit,
)
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn
from lantern.programs.alumni.tests import matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pages(made):
    found = []
    for name, (method, kwargs, answers) in matrix.MATRIX.items():
        if method != "get" or name in NOT_PAGES:
            continue
        who = next(w for w in FOR_WHOM if answers[w] == 200)
        kwargs = {k: made.get(v, v) for k, v in (kwargs or {}).items()}
        found.append((who, name, reverse(name, kwargs=kwargs or None)))
    return found


def test_every_alumni_page_fits_a_phone_in_both_languages(browser, live_server, people):
    made = matrix.records(people)
    # Something on every list: an answer with a note, a level of care, a volunteer.
    checkin = CheckIn.objects.get(pk=made[matrix.CHECKIN])
    CheckIn.objects.filter(person=people.river, day=90).update(due_on=checkin.due_on)
    ninety = CheckIn.objects.get(person=people.river, day=90)
    services.answer_checkin(people.river, ninety, answer="call", note="A hard week, honestly.")
    program = checkin.program
    services.record_care_level(
        people.jo, program, people.river, level="intensive", since=checkin.due_on
    )
    services.volunteer(people.river, program)
    walk = _pages(made)
    phones = contexts(browser, live_server, people, only=("river", "jo"))
    failures = []
    try:
        for language in ("en", "es"):
            speak(phones, people, live_server, language)
            for who, name, url in walk:
                phone = phones[who]
                phone.console_errors.clear()
                response = visit(phone, url, f"{language} as {who}")
                if response is None or response.status != 200:
                    failures.append(f"{language} {url} as {who}: {response and response.status}")
                    continue
                found = problems(phone, language, missing=False)
                failures += [f"{language} {url} ({name}) as {who}: {p}" for p in found]
            # The page that shows a new code once: a POST's answer.
            jo = phones["jo"]
            jo.visit(reverse("alumni-code-new", args=[program.slug, made[matrix.COHORT]]))
            jo.locator("main form button[type=submit]").click()
            jo.locator(".invite-code").wait_for()
            failures += [f"{language} new code: {p}" for p in problems(jo, language, False)]
    finally:
        for phone in phones.values():
            phone.context.close()
    assert failures == [], "\n".join(failures)
