"""A notification stores its kind, what it is about, the person it names and its parameters;
its words are rendered when it is shown or sent: in the reader's language (even for
notifications made before they switched), neutral in mail and on lock screens, and naming "a
former member" once the person it names has left."""

import json

import http_ece
import pytest
from django.urls import reverse
from django.utils import translation

from lantern.accounts import services as accounts
from lantern.conftest import PASSWORD, run_tasks
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.tests.test_notifications import browser_subscription, with_verified_email
from lantern.safety import services as safety

notification_kinds.register(
    "test.words.reply",
    title="%(actor)s replied to “%(thread)s”",
    neutral="You have a new reply on Lantern",
    body="Replies to your own threads always reach you.",
)
THREAD = "The night I nearly used again"


def switch_language(client, language):
    response = client.post(reverse("core-language"), {"language": language, "next": "/"})
    assert response.status_code == 302


def test_a_spanish_member_reads_in_spanish_what_came_before_she_switched(people, signed_in):
    river = signed_in(people.river)
    assert people.river.language == "en"
    # Made while river read Lantern in English: the row keeps no words, only what to say.
    notify(
        people.river,
        "safety.reach_out_update",
        url=reverse("core-notifications"),
        urgent=True,
    )
    switch_language(river, "es")
    page = river.get(reverse("core-notifications")).content.decode()
    assert "Estamos buscando a alguien para ti" in page
    assert "We are finding someone for you" not in page
    assert "así que les pedimos ayuda a más personas" in page  # the kind's standing words
    home = river.get(reverse("core-home")).content.decode()
    assert "Estamos buscando a alguien para ti" in home
    # The API answers in her language too.
    [item] = river.get(reverse("api:core-notifications-api")).json()["items"]
    assert item["title"] == "Estamos buscando a alguien para ti"
    assert item["body"].startswith("Nadie ha respondido todavía")


def test_a_title_naming_someone_is_rendered_in_the_language_of_the_reader(people):
    """safety's circle kind names the person in its title: the words come from the catalogue
    at display time, not from the row."""
    notify(people.river, "safety.circle", actor=people.sam)
    n = Notification.objects.get(recipient=people.river, kind="safety.circle")
    with translation.override("es"):
        assert n.title == "sam te agregó a su círculo"
    with translation.override("en"):
        assert n.title == "sam added you to their circle"
    assert n.params == {} and n.fallback_title == ""  # no words stored


def test_mail_and_push_carry_the_neutral_words_never_a_members(
    people, smtp_server, push_service, transactional_db
):
    river = people.river
    with_verified_email(river, "river@example.org")
    key, auth = browser_subscription(river, push_service.url + "/push/river-phone")
    n = notify(river, "test.words.reply", actor=people.sam, params={"thread": THREAD})
    run_tasks()
    assert n.title == f"sam replied to “{THREAD}”"  # what river reads in the app
    [mail] = smtp_server.messages
    text = mail["Subject"] + mail.get_payload(decode=True).decode()
    assert mail["Subject"] == "You have a new reply on Lantern"
    [message] = push_service.received
    payload = json.loads(http_ece.decrypt(message["body"], private_key=key, auth_secret=auth))
    assert payload["title"] == "You have a new reply on Lantern"
    for sent in (text, json.dumps(payload, ensure_ascii=False)):
        assert THREAD not in sent  # a member's words
        assert "sam" not in sent  # who wrote to river is nobody else's business
        assert "Replies to your own threads" not in sent  # the in-app explanation


def test_a_kind_without_neutral_words_is_mailed_with_the_generic_ones(
    people, smtp_server, transactional_db
):
    notification_kinds.register("test.words.bare", title="%(actor)s did something")
    with_verified_email(people.river, "river@example.org")
    notify(people.river, "test.words.bare", actor=people.sam)
    run_tasks()
    assert [m["Subject"] for m in smtp_server.messages] == [
        "You have a new notification on Lantern"
    ]


def test_someone_who_erased_their_account_is_named_a_former_member(people, signed_in):
    notify(people.river, "test.words.reply", actor=people.sam, params={"thread": THREAD})
    sam = signed_in(people.sam)
    assert sam.post(reverse("accounts-erase"), {"password": PASSWORD}).status_code == 302
    n = Notification.objects.get(recipient=people.river)
    assert n.actor is None
    assert n.title == f"a former member replied to “{THREAD}”"
    page = signed_in(people.river).get(reverse("core-notifications")).content.decode()
    assert f"a former member replied to “{THREAD}”" in page
    assert "sam" not in page
    with translation.override("es"):
        assert n.title.startswith("un exmiembro")


def test_erasure_finds_notifications_by_what_they_are_about(people):
    """`Notification.objects.about(record)`: how an app's erase step finds other people's
    notifications about a member's records (here: the person added to river's circle)."""
    entry = safety.add_to_circle(people.river, "jo")
    assert Notification.objects.about(entry).get().recipient == people.jo
    accounts.erase_account(people.river)
    assert not Notification.objects.filter(kind="safety.circle").exists()


def test_an_unregistered_kind_is_refused(people):
    with pytest.raises(ValueError, match="Register the notification kind"):
        notify(people.river, "nobody.registered.this")


def test_the_notifications_page_asks_the_same_few_queries_for_any_number(
    people, signed_in, django_assert_max_num_queries
):
    cast = list(people)
    for n in range(30):
        notify(
            people.river,
            "test.words.reply",
            actor=cast[n % len(cast)],
            params={"thread": f"Thread {n}"},
            body=f"words {n}",
        )
    river = signed_in(people.river)
    river.get(reverse("core-notifications"))  # the session and caches warmed
    with django_assert_max_num_queries(12):
        page = river.get(reverse("core-notifications")).content.decode()
    assert page.count("replied to “Thread") == 25  # a page of 25, each naming its writer
    # Home also fills every app's card (recovery, support, training, events, mentorship...):
    # a fixed number of queries, whatever the number of notifications.
    with django_assert_max_num_queries(16):
        river.get(reverse("core-home"))
    with django_assert_max_num_queries(12):
        items = river.get(reverse("api:core-notifications-api")).json()["items"]
    assert len(items) == 25 and items[0]["body"].startswith("Replies to your own threads")
