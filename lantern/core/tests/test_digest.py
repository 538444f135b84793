"""Email digests: a person who asks for one email a day (or a week) gets the titles of what they
have not read, in one email at their chosen local time, through a real SMTP server. Urgent
safety notifications never wait for the digest."""

import datetime

import pytest
import time_machine

from lantern.accounts.models import User
from lantern.conftest import run_tasks
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.notifications import mark_read, next_digest_time, notify

pytestmark = pytest.mark.django_db(transaction=True)

# This file's own kinds: in-app titles that quote a member's words, neutral digest lines.
notification_kinds.register(
    "test.digest.reply",
    title="%(actor)s replied to “%(thread)s”",
    neutral="You have a new reply on Lantern",
    detailed_if_chosen=True,  # the reader's own thread: theirs to see in a subject if they wish
)
notification_kinds.register(
    "test.digest.reaction",
    title="%(actor)s sent you strength",
    neutral="Someone sent you strength on Lantern",
)
notification_kinds.register(
    "test.digest.mention",
    title="%(actor)s mentioned you",
    neutral="Someone mentioned you on Lantern",
)
MONDAY_9 = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)  # 03:00 in Chicago


def at(moment):
    return time_machine.travel(moment, tick=False)


def hours(n):
    return MONDAY_9 + datetime.timedelta(hours=n)


@pytest.fixture
def river(people):
    from allauth.account.models import EmailAddress

    river = people.river
    river.email, river.notify_email, river.time_zone = "river@example.org", True, "UTC"
    river.email_digest, river.digest_time = "daily", datetime.time(18, 0)
    river.save()
    EmailAddress.objects.create(user=river, email=river.email, verified=True, primary=True)
    return river


def test_a_daily_digest_gathers_the_days_notifications_into_one_email(river, people, smtp_server):
    with at(hours(0)):
        notify(
            river,
            "test.digest.reply",
            actor=people.jo,
            params={"thread": "First week"},
            body="private words",
        )
        notify(river, "test.digest.reaction", actor=people.sam)
        read = notify(river, "test.digest.mention", actor=people.casey)
        run_tasks()
    assert smtp_server.messages == []  # nothing one by one
    mark_read(river, read)  # seen in the app: not worth an email
    with at(hours(8) + datetime.timedelta(minutes=59)):
        run_tasks()
    assert smtp_server.messages == []  # not before 18:00
    with at(hours(9)):
        run_tasks()
    [mail] = smtp_server.messages
    assert mail["Subject"] == "Lantern: 2 new notifications"
    text = mail.get_payload(decode=True).decode()
    # One neutral line per notification: never who wrote or what they wrote.
    assert "You have a new reply on Lantern" in text
    assert "Someone sent you strength on Lantern" in text
    assert "Someone mentioned you on Lantern" not in text  # read in the app already
    assert "private words" not in text  # titles only, never bodies
    assert "First week" not in text and "jo replied" not in text
    assert "/notifications/" in text
    with at(hours(10)):
        run_tasks()
    assert len(smtp_server.messages) == 1  # sent once


def test_the_next_days_notifications_make_the_next_digest(river, people, smtp_server):
    with at(hours(0)):
        notify(river, "test.digest.reply", actor=people.jo, params={"thread": "First"})
    with at(hours(9)):
        run_tasks()
    with at(hours(20)):
        notify(river, "test.digest.reaction", actor=people.sam)
        run_tasks()
    with at(hours(33)):  # 18:00 on Tuesday
        run_tasks()
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert subjects == ["Lantern: 1 new notification", "Lantern: 1 new notification"]
    second = smtp_server.messages[1].get_payload(decode=True).decode()
    assert "Someone sent you strength on Lantern" in second
    assert "You have a new reply on Lantern" not in second  # the first day's, mailed then


def test_urgent_safety_notifications_go_at_once_even_with_a_digest(river, people, smtp_server):
    with at(hours(0)):
        notify(river, "safety.reach_out", actor=people.sam, urgent=True)
        run_tasks()
    assert [m["Subject"] for m in smtp_server.messages] == ["Urgent: someone may need help now"]
    with at(hours(9)):
        run_tasks()
    assert len(smtp_server.messages) == 1  # and not again in the digest


def test_a_weekly_digest_goes_out_on_monday_in_the_persons_time_zone(river, people, smtp_server):
    river.email_digest, river.time_zone = "weekly", "America/Chicago"
    river.save()
    tuesday = MONDAY_9 + datetime.timedelta(days=1)
    with at(tuesday):
        notify(river, "test.digest.reply", actor=people.jo, params={"thread": "Tuesday"})
        run_tasks()
    # 18:00 in Chicago on the next Monday is 00:00 UTC on Tuesday (CST, UTC-6).
    due = datetime.datetime(2026, 12, 1, 0, 0, tzinfo=datetime.UTC)
    assert User.objects.get(pk=river.pk).digest_due_at == due
    with at(due - datetime.timedelta(minutes=1)):
        run_tasks()
    assert smtp_server.messages == []
    with at(due):
        run_tasks()
    assert len(smtp_server.messages) == 1


def test_a_digest_time_inside_quiet_hours_waits_for_them_to_end(river):
    river.quiet_hours_start, river.quiet_hours_end = datetime.time(17, 0), datetime.time(19, 30)
    assert next_digest_time(river, hours(0)) == hours(10) + datetime.timedelta(minutes=30)


def test_no_digest_without_a_confirmed_address(river, people, smtp_server):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=river).update(verified=False)
    with at(hours(0)):
        notify(river, "test.digest.reply", actor=people.jo, params={"thread": "A thread"})
    with at(hours(9)):
        run_tasks()
    assert smtp_server.messages == []
    assert Notification.objects.get(recipient=river).emailed_at is None


def test_a_member_chooses_a_daily_email_in_preferences(people, signed_in):
    from allauth.account.models import EmailAddress

    river = people.river
    river.email = "river@example.org"
    river.save()
    EmailAddress.objects.create(user=river, email=river.email, verified=True, primary=True)
    client = signed_in(river)
    page = client.get("/accounts/preferences/")
    assert b"One email a day" in page.content
    response = client.post(
        "/accounts/preferences/",
        {
            "handle": "river",
            "language": "en",
            "notify_email": "on",
            "email_digest": "daily",
            "digest_time": "07:30",
        },
    )
    assert response.status_code == 302
    river.refresh_from_db()
    assert (river.email_digest, river.digest_time) == ("daily", datetime.time(7, 30))


def test_changing_the_digest_time_calls_off_the_one_on_its_way(river, people, smtp_server):
    from lantern.accounts.services import update_preferences

    with at(hours(0)):
        notify(river, "test.digest.reply", actor=people.jo, params={"thread": "A thread"})
        update_preferences(
            river,
            quiet_hours_start=datetime.time(17, 0),
            quiet_hours_end=datetime.time(22, 0),
            digest_time=datetime.time(7, 0),
        )
    with at(hours(9)):  # 18:00, inside the new quiet hours: the old time is called off
        run_tasks()
    assert smtp_server.messages == []
    with at(hours(22)):  # 07:00 the next morning
        run_tasks()
    assert [m["Subject"] for m in smtp_server.messages] == ["Lantern: 1 new notification"]


def test_leaving_the_digest_sends_what_it_held_at_once(river, people, smtp_server):
    from lantern.accounts.services import update_preferences

    with at(hours(0)):
        notify(river, "test.digest.reaction", actor=people.sam)  # held for the digest
        update_preferences(river, email_digest="")
        run_tasks()
        notify(river, "test.digest.mention", actor=people.casey)  # each on its own now
        run_tasks()
    # What the digest held goes now, once: in a last digest, or on its own if the worker gets
    # to its single email first (the order of queued tasks differs between backends).
    mails = [
        m["Subject"] + "\n" + m.get_payload(decode=True).decode() for m in smtp_server.messages
    ]
    assert sum("Someone sent you strength on Lantern" in m for m in mails) == 1
    assert [m["Subject"] for m in smtp_server.messages][-1] == "Someone mentioned you on Lantern"
    assert not any("once a day" in m for m in mails)
    sent = len(smtp_server.messages)
    with at(hours(9)):
        run_tasks()
    assert len(smtp_server.messages) == sent  # the 18:00 digest was called off


def test_a_member_who_chose_detailed_subjects_reads_the_titles_in_the_digest(
    river, people, smtp_server
):
    river.detailed_subjects = True
    river.save()
    with at(hours(0)):
        notify(river, "test.digest.reply", actor=people.jo, params={"thread": "First week"})
        notify(river, "test.digest.reaction", actor=people.sam, body="private words")
        run_tasks()
    with at(hours(9)):
        run_tasks()
    [mail] = smtp_server.messages
    text = mail.get_payload(decode=True).decode()
    assert "- jo replied to “First week”" in text
    # A kind whose title is not the reader's own business stays neutral; bodies never go.
    assert "- Someone sent you strength on Lantern" in text
    assert "sam" not in text and "private words" not in text
