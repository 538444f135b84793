"""The newcomers' welcome list says which post waits (issue 13: a thread with two replies was
listed as "waiting 20 hours" because the newcomer's first post was its last reply, but only the
thread's title showed)."""

import time_machine
from django.utils import timezone

from lantern.community import services
from lantern.community.models import Post
from lantern.community.views.posts import POSTS_PER_PAGE


def test_a_waiting_reply_shows_who_wrote_it_its_words_and_links_to_it(early, people, signed_in):
    opening = services.start_thread(people.jo, early, "Evenings", "What helps you?").obj
    services.reply(people.morgan, opening.thread, "A meeting at 7.")
    sam_reply = services.reply(people.sam, opening.thread, "Day 2. I **can't** sit still.").obj
    assert sam_reply.newcomer and not sam_reply.opening
    page = signed_in(people.jo).get("/groups/welcome/").content.decode()
    assert "A reply by sam" in page and "in “Evenings”" in page
    assert "<q>Day 2. I can&#x27;t sit still.</q>" in page  # its words, as plain text
    assert f'href="/groups/early-days/t/{opening.thread_id}/?page=1#post-{sam_reply.pk}"' in page
    assert "waiting for a reply, posted just now" in page


def test_a_waiting_thread_shows_its_title_and_author(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hi, I'm new", "Day 9.").obj
    with time_machine.travel(timezone.now() + timezone.timedelta(hours=20), tick=False):
        page = signed_in(people.jo).get("/groups/welcome/").content.decode()
    assert f'?page=1#post-{saved.pk}">Hi, I&#x27;m new</a>' in page and "by river" in page
    assert "posted 20\xa0hours ago" in page


def test_a_waiting_reply_far_down_a_long_thread_links_to_its_page(early, people, signed_in):
    opening = services.start_thread(people.jo, early, "Long", "A long thread").obj
    for n in range(POSTS_PER_PAGE + 4):
        Post.objects.create(
            thread=opening.thread,
            space=early,
            author=people.jo,
            body=f"reply {n}",
            html=f"<p>reply {n}</p>",
        )
    late = services.reply(people.sam, opening.thread, "Me too").obj
    page = signed_in(people.jo).get("/groups/welcome/").content.decode()
    assert f"?page=2#post-{late.pk}" in page


def test_a_content_warning_keeps_the_words_folded(early, people, signed_in):
    services.start_thread(people.river, early, "Hard day", "heavy words", content_warning=True)
    page = signed_in(people.jo).get("/groups/welcome/").content.decode()
    assert "heavy words" not in page and "Content warning: heavy topic." in page
