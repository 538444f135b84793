"""The offer after an urgent save is one partial, the same after a post, a check-in or a journal
entry, and prominent (issue 13: "a small link under five cards after a post, a full button after
a check-in"): first on the next page, the button to reach a person before the list of lines."""

import re

from django.urls import reverse

from lantern.community import services as community
from lantern.community.models import Space
from lantern.recovery.models import CheckIn

URGENT = "I have enough pills saved up. Tonight is the night."


def offer_of(page: str) -> str:
    start = page.index('<section class="card notice crisis-offer"')
    return page[start : page.index("</section>", start)]


def test_the_same_prominent_offer_after_a_post_a_check_in_and_a_journal_entry(people, signed_in):
    space = Space.objects.create(slug="early", name="Early days", description="First weeks")
    community.join_space(people.river, space)
    river = signed_in(people.river)
    saves = [
        (reverse("community-thread-new", args=["early"]), {"title": "Tonight", "body": URGENT}),
        (reverse("recovery-checkin"), {"mood": 1, "craving": 9, "note": URGENT}),
        (reverse("recovery-journal-new"), {"title": "", "body": URGENT}),
    ]
    offers = []
    for url, data in saves:
        response = river.post(url, data, follow=True)
        page = response.content.decode()
        main = page[page.index('<main id="main"') :]
        offer = offer_of(main)
        # First in the page's content (after any one-line message), before its heading.
        assert main.index("crisis-offer") < main.index("<h1"), url
        button = offer.index("Reach out to someone on Lantern")
        assert button < offer.index('<ul class="crisis-lines">'), url  # not under five cards
        assert 'href="tel:988"' in offer and 'href="tel:911"' in offer
        offers.append(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", offer))
    assert offers[0] == offers[1] == offers[2]  # one offer, the same everywhere
    assert CheckIn.objects.filter(member=people.river).exists()
