"""notify(): in-app at once; email and Web Push through the task worker, by preference, outside
quiet hours unless urgent. Mail goes to a real SMTP server; push goes to a real HTTP endpoint
standing in for the browser's push service, and the test decrypts what arrived."""

import base64
import datetime
import json
from email.header import decode_header, make_header

import http_ece
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from lantern.community import services as community
from lantern.community.models import Space
from lantern.conftest import run_tasks
from lantern.core import notification_kinds, push
from lantern.core.models import Notification, PushSubscription
from lantern.core.notifications import delivery_time, notify
from lantern.core.timezones import quiet_hours_end
from lantern.recovery import services as recovery

# Kinds of this file's own (real apps register theirs in their AppConfig.ready()). The title
# quotes a member's words (a thread title); the neutral words never do.
notification_kinds.register(
    "test.notifications.reply",
    title="%(actor)s replied to “%(thread)s”",
    neutral="You have a new reply on Lantern",
)
notification_kinds.register("test.notifications.note", title="For river")
NEUTRAL = "You have a new reply on Lantern"


def reply_from(person, thread="First week"):
    """What notify() needs for "<person> replied to “<thread>”"."""
    return {"actor": person, "params": {"thread": thread}}


def with_verified_email(person, address, verified=True):
    from allauth.account.models import EmailAddress

    person.email, person.notify_email = address, True
    person.save()
    EmailAddress.objects.create(user=person, email=address, verified=verified, primary=True)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def browser_subscription(user, endpoint):
    """What a browser creates when it subscribes: a P-256 key pair and an auth secret."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    auth = b"0123456789abcdef"
    PushSubscription.objects.create(
        user=user, endpoint=endpoint, p256dh=b64(public), auth=b64(auth)
    )
    return key, auth


@pytest.fixture
def deliver(transactional_db):
    """notify() commits for real (as in production), then the task worker runs the queue."""

    def run(*args, **kwargs):
        notification = notify(*args, **kwargs)
        run_tasks()
        notification.refresh_from_db()
        return notification

    return run


def test_a_notification_shows_in_the_list_at_once_and_is_marked_read_when_opened(people, signed_in):
    n = notify(
        people.river,
        "test.notifications.reply",
        **reply_from(people.jo),
        url=reverse("core-notifications"),
    )
    client = signed_in(people.river)
    page = client.get("/notifications/")
    assert "jo replied to “First week”" in page.content.decode()
    assert b'<span class="badge">1' in page.content
    client.post(f"/notifications/{n.pk}/open/")
    n.refresh_from_db()
    assert n.read_at is not None
    assert b'class="badge"' not in client.get("/notifications/").content


def test_nobody_can_open_another_persons_notification(people, signed_in):
    n = notify(people.river, "test.notifications.note")
    assert signed_in(people.sam).post(f"/notifications/{n.pk}/open/").status_code == 404
    n.refresh_from_db()
    assert n.read_at is None
    assert b"For river" not in signed_in(people.sam).get("/notifications/").content


def test_email_goes_out_through_smtp_with_the_neutral_title_but_never_the_body(
    people, smtp_server, deliver
):
    river = people.river
    with_verified_email(river, "river@example.org")
    river.save()
    n = deliver(river, "test.notifications.reply", **reply_from(people.jo), body="private words")
    assert len(smtp_server.messages) == 1
    mail = smtp_server.messages[0]
    assert mail["X-Rcpt-To"] == "river@example.org"
    assert mail["Subject"] == NEUTRAL
    text = mail.get_payload(decode=True).decode()
    assert NEUTRAL in text
    assert "private words" not in text
    assert "First week" not in text and "jo" not in text
    assert settings.SITE_URL in text
    assert n.emailed_at is not None
    run_tasks()  # running again sends nothing twice
    assert len(smtp_server.messages) == 1


def test_no_email_to_an_address_nobody_confirmed(people, smtp_server, deliver):
    with_verified_email(people.river, "someone.else@example.org", verified=False)
    deliver(people.river, "test.notifications.reply", **reply_from(people.jo))
    assert smtp_server.messages == []


def test_no_email_when_the_person_did_not_ask_for_it(people, smtp_server, deliver):
    people.river.email = "river@example.org"
    people.river.save()
    deliver(people.river, "test.notifications.reply", **reply_from(people.jo))
    assert smtp_server.messages == []


def test_email_waits_for_the_end_of_quiet_hours(people, smtp_server, deliver):
    river = people.river
    now_there = timezone.now().astimezone(datetime.UTC)
    river.time_zone = "UTC"
    with_verified_email(river, "river@example.org")
    # Quiet hours that started an hour ago and end in two hours.
    river.quiet_hours_start = (
        (now_there - datetime.timedelta(hours=1)).time().replace(microsecond=0)
    )
    river.quiet_hours_end = (now_there + datetime.timedelta(hours=2)).time().replace(microsecond=0)
    river.save()
    n = deliver(river, "test.notifications.reply", **reply_from(people.jo, "A reply, not urgent"))
    assert smtp_server.messages == []
    assert n.emailed_at is None
    in_app = Notification.objects.get(pk=n.pk).title
    assert in_app == "jo replied to “A reply, not urgent”"  # in-app already


def test_urgent_safety_notifications_ignore_quiet_hours(people, smtp_server, deliver):
    river = people.river
    river.time_zone = "UTC"
    with_verified_email(river, "river@example.org")
    river.quiet_hours_start, river.quiet_hours_end = datetime.time(0, 0), datetime.time(23, 59)
    river.save()
    deliver(river, "safety.reach_out", actor=people.jo, urgent=True)
    # The subject is safety's neutral words: whoever sees the lock screen learns nobody's name.
    assert [m["Subject"] for m in smtp_server.messages] == ["Urgent: someone may need help now"]


def test_web_push_reaches_the_device_encrypted_and_signed_with_our_vapid_key(
    people, push_service, deliver
):
    key, auth = browser_subscription(people.river, push_service.url + "/push/river-phone")
    n = deliver(
        people.river,
        "test.notifications.reply",
        **reply_from(people.jo),
        url=reverse("core-notifications"),
        urgent=False,
    )
    assert n.pushed_at is not None
    [message] = push_service.received
    headers = {k.lower(): v for k, v in message["headers"].items()}
    assert headers["content-encoding"] == "aes128gcm"
    assert headers["urgency"] == "normal"
    # The VAPID header names our public key, so the push service knows who sends.
    assert f"k={push.vapid_public_key(settings.VAPID_PRIVATE_KEY)}" in headers["authorization"]
    # Only the browser's private key opens the payload.
    payload = json.loads(http_ece.decrypt(message["body"], private_key=key, auth_secret=auth))
    assert payload["title"] == NEUTRAL  # lock screens are shared: never the in-app title
    assert payload["url"].endswith("/notifications/")
    assert "body" not in payload


def test_a_subscription_the_push_service_says_is_gone_is_forgotten(people, push_service, deliver):
    browser_subscription(people.river, push_service.url + "/push/gone")
    deliver(people.river, "test.notifications.reply", **reply_from(people.jo))
    assert not PushSubscription.objects.filter(user=people.river).exists()


def test_a_push_service_that_redirects_is_not_followed(people, push_service, deliver):
    browser_subscription(people.river, push_service.url + "/push/redirect")
    deliver(people.river, "test.notifications.reply", **reply_from(people.jo))
    assert [m["path"] for m in push_service.received] == ["/push/redirect"]  # nothing more
    assert not PushSubscription.objects.filter(user=people.river).exists()


@pytest.mark.parametrize(
    "endpoint",
    [
        "https://127.0.0.1:6379/",
        "https://169.254.169.254/latest/meta-data/",
        "https://10.0.0.1/push",
        "http://fcm.googleapis.com/fcm/send/abc",
        "https://fcm.googleapis.com.evil.example/abc",
        "https://evil.example/?fcm.googleapis.com",
    ],
)
def test_subscriptions_to_anything_but_a_push_service_are_refused(people, signed_in, endpoint):
    client = signed_in(people.river)
    body = {"endpoint": endpoint, "keys": {"p256dh": "x", "auth": "y"}}
    response = client.post("/push/subscribe/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    assert not PushSubscription.objects.exists()


def test_a_person_keeps_their_ten_newest_devices(people, signed_in):
    client = signed_in(people.river)
    for n in range(12):
        body = {
            "endpoint": f"https://fcm.googleapis.com/fcm/send/{n}",
            "keys": {"p256dh": "x", "auth": "y"},
        }
        client.post("/push/subscribe/", json.dumps(body), content_type="application/json")
    endpoints = set(PushSubscription.objects.values_list("endpoint", flat=True))
    assert len(endpoints) == 10
    assert "https://fcm.googleapis.com/fcm/send/11" in endpoints
    assert "https://fcm.googleapis.com/fcm/send/0" not in endpoints


def test_signing_out_stops_notifications_to_that_device(people, signed_in):
    client = signed_in(people.river)
    body = {
        "endpoint": "https://fcm.googleapis.com/fcm/send/phone",
        "keys": {"p256dh": "x", "auth": "y"},
    }
    client.post("/push/subscribe/", json.dumps(body), content_type="application/json")
    assert PushSubscription.objects.filter(user=people.river).exists()
    client.post("/accounts/logout/")
    assert not PushSubscription.objects.filter(user=people.river).exists()


def test_notifications_only_link_to_this_site(people):
    for url in ["https://evil.example/", "//evil.example/", "@evil.example/x", "/\\evil.example"]:
        with pytest.raises(ValueError):
            notify(people.river, "test.notifications.note", url=url)


def test_a_browser_subscribes_through_the_site(people, signed_in):
    client = signed_in(people.river)
    good = {
        "endpoint": "https://fcm.googleapis.com/fcm/send/abc",
        "keys": {"p256dh": "x", "auth": "y"},
    }
    response = client.post("/push/subscribe/", json.dumps(good), content_type="application/json")
    assert response.status_code == 201
    assert PushSubscription.objects.get(user=people.river).endpoint == good["endpoint"]
    bad = client.post("/push/subscribe/", "not json", content_type="application/json")
    assert bad.status_code == 400
    assert "PushSubscription" in bad.json()["error"]
    assert (
        "push service"
        in client.post(
            "/push/subscribe/",
            json.dumps({**good, "endpoint": "http://insecure.example/"}),
            content_type="application/json",
        ).json()["error"]
    )


@pytest.mark.parametrize(
    ("start", "end", "local_now", "expected_end"),
    [
        # Wrapping midnight: 22:00-07:00, at 23:30 the quiet ends at 07:00 the next morning.
        ("22:00", "07:00", "2026-03-07 23:30", "2026-03-08 07:00"),
        ("22:00", "07:00", "2026-03-08 06:00", "2026-03-08 07:00"),
        ("22:00", "07:00", "2026-03-08 12:00", None),
        ("13:00", "15:00", "2026-03-08 14:00", "2026-03-08 15:00"),
    ],
)
def test_quiet_hours_end_in_local_time_across_a_dst_change(start, end, local_now, expected_end):
    zone = __import__("zoneinfo").ZoneInfo("America/New_York")  # DST starts 2026-03-08 02:00
    now = datetime.datetime.fromisoformat(local_now).replace(tzinfo=zone)
    result = quiet_hours_end(
        datetime.time.fromisoformat(start), datetime.time.fromisoformat(end), zone, now
    )
    if expected_end is None:
        assert result is None
    else:
        expected = datetime.datetime.fromisoformat(expected_end).replace(tzinfo=zone)
        assert result == expected
        assert result.astimezone(datetime.UTC).hour == (11 if expected.hour == 7 else 19)


def test_urgent_notifications_are_never_delayed(people):
    people.river.quiet_hours_start = datetime.time(0, 0)
    people.river.quiet_hours_end = datetime.time(23, 59)
    assert delivery_time(people.river, urgent=True) is None


# --- Private words never reach a subject, a lock screen or a digest, unless the member chose ---
# Through the real flows: river's thread, sam's reply, river's new start told to jo.

FENTANYL = "I used fentanyl again last night after 40 days"


def subject(mail) -> str:
    """The subject as a mail program shows it (long or non-ASCII subjects are encoded)."""
    return str(make_header(decode_header(mail["Subject"])))


def what_was_sent(mail) -> str:
    return subject(mail) + "\n" + mail.get_payload(decode=True).decode()


def mails_to(smtp_server, address):
    return [m for m in smtp_server.messages if m["X-Rcpt-To"] == address]


@pytest.fixture
def rivers_thread(people, transactional_db):
    """river's thread in a group she and sam belong to, titled with what happened."""
    space = Space.objects.create(slug="early-days", name="Early days")
    community.join_space(people.river, space)
    community.join_space(people.sam, space)
    return community.start_thread(people.river, space, FENTANYL, "Starting over today.").obj.thread


@pytest.fixture
def rivers_counter_told_to_jo(people, transactional_db):
    """river counts days and tells jo, whom she shares milestones with, of a new start."""
    today = recovery.today_for(people.river)
    counter = recovery.start_counter(
        people.river, "drug", today - datetime.timedelta(days=40), tell_on_reset=True
    )
    recovery.grant_access(people.river, "jo", ["milestones"])
    return counter


def test_a_reply_to_a_thread_with_private_words_is_mailed_and_pushed_without_them(
    people, smtp_server, push_service, rivers_thread
):
    with_verified_email(people.river, "river@example.org")
    key, auth = browser_subscription(people.river, push_service.url + "/push/river-phone")
    community.reply(people.sam, rivers_thread, "Proud of you for telling us.")
    run_tasks()
    [mail] = mails_to(smtp_server, "river@example.org")
    assert subject(mail) == "You have a new reply on Lantern"
    [message] = push_service.received
    payload = json.loads(http_ece.decrypt(message["body"], private_key=key, auth_secret=auth))
    assert payload["title"] == "You have a new reply on Lantern"
    for sent in (what_was_sent(mail), json.dumps(payload, ensure_ascii=False)):
        for words in ("fentanyl", "40 days", "last night", "sam", "Proud of you"):
            assert words not in sent
    # Nor does the mail's link say which group (belonging to one can be private): it leads to
    # the notifications list. The push, encrypted for river's phone alone, opens the reply.
    assert "early-days" not in what_was_sent(mail)
    assert reverse("core-notifications") in what_was_sent(mail)
    assert payload["url"].endswith(rivers_thread.posts.last().get_absolute_url())
    # In the app, river reads what happened.
    assert Notification.objects.get(recipient=people.river).title == f"sam replied to “{FENTANYL}”"


def test_a_new_start_is_mailed_without_saying_so_nor_whose(
    people, smtp_server, rivers_counter_told_to_jo
):
    with_verified_email(people.jo, "jo@example.org")
    recovery.new_start(people.river, rivers_counter_told_to_jo, recovery.today_for(people.river))
    run_tasks()
    [mail] = mails_to(smtp_server, "jo@example.org")
    assert subject(mail) == "Someone who shares their recovery with you has news"
    sent = what_was_sent(mail)
    for words in ("new start", "river", "support can mean"):
        assert words not in sent


def test_a_member_who_chose_detailed_subjects_reads_the_title_in_them(
    people, smtp_server, push_service, rivers_thread
):
    river = people.river
    with_verified_email(river, "river@example.org")
    river.detailed_subjects = True
    river.save()
    key, auth = browser_subscription(river, push_service.url + "/push/river-phone")
    community.reply(people.sam, rivers_thread, "Proud of you for telling us.")
    run_tasks()
    [mail] = mails_to(smtp_server, "river@example.org")
    assert subject(mail) == f"sam replied to “{FENTANYL}”"
    [message] = push_service.received
    payload = json.loads(http_ece.decrypt(message["body"], private_key=key, auth_secret=auth))
    assert payload["title"] == f"sam replied to “{FENTANYL}”"
    # The reply itself is still never mailed: it is read in the app. The link goes to it.
    assert "Proud of you" not in what_was_sent(mail)
    assert rivers_thread.posts.last().get_absolute_url() in what_was_sent(mail)


def test_detailed_subjects_never_tell_someone_elses_new_start(
    people, smtp_server, rivers_counter_told_to_jo
):
    """jo chose detailed subjects for her own replies; river's news is river's, not jo's to put
    on a lock screen."""
    with_verified_email(people.jo, "jo@example.org")
    people.jo.detailed_subjects = True
    people.jo.save()
    recovery.new_start(people.river, rivers_counter_told_to_jo, recovery.today_for(people.river))
    run_tasks()
    [mail] = mails_to(smtp_server, "jo@example.org")
    assert subject(mail) == "Someone who shares their recovery with you has news"
    assert "river" not in what_was_sent(mail)


def test_staff_notifications_stay_neutral_whatever_the_choice(people, smtp_server, deliver):
    with_verified_email(people.morgan, "morgan@example.org")
    people.morgan.detailed_subjects = True
    people.morgan.save()
    deliver(people.morgan, "safety.reach_out", actor=people.river, urgent=True)
    [mail] = smtp_server.messages
    assert subject(mail) == "Urgent: someone may need help now"
    assert "river" not in what_was_sent(mail)
