"""Every page of mentorship (asking, suggestions, profiles, cohorts) on a 360 px phone, in
English and Spanish, with the checks of the site-wide walk
(`core/tests/test_browser_every_page.py`): no sideways scrolling, no console errors, no tap
target under 24 × 24 px, no axe violation, the page in the reader's language."""

import pytest
from django.urls import reverse

from lantern.core.tests.test_browser_every_page import FOR_WHOM, contexts, problems, speak
from lantern.mentorship.tests import matrix

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOT_PAGES: set = set()


def test_every_mentorship_page_fits_a_phone_in_both_languages(browser, live_server, people):
    made = matrix.records(people)
    walk = []
    for name, (method, kwargs, answers) in matrix.MATRIX.items():
        if method != "get" or name in NOT_PAGES or name.startswith("api:"):
            continue
        readers = [who for who in FOR_WHOM if answers[who] == 200]
        kwargs = {k: made.get(v, v) for k, v in (kwargs or {}).items()}
        walk.append((readers[0], name, reverse(name, kwargs=kwargs or None)))
    phones = contexts(browser, live_server, people, only=sorted({who for who, _n, _u in walk}))
    failures = []
    try:
        for language in ("en", "es"):
            speak(phones, people, live_server, language)
            for who, name, url in walk:
                phone = phones[who]
                phone.console_errors.clear()
                response = phone.visit(url)
                if response is None or response.status != 200:
                    failures.append(f"{language} {url} as {who}: {response and response.status}")
                    continue
                found = problems(phone, language, missing=False)
                failures += [f"{language} {url} ({name}) as {who}: {p}" for p in found]
    finally:
        for phone in phones.values():
            phone.context.close()
    assert failures == [], "\n".join(failures)
