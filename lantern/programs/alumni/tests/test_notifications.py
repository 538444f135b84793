"""What alumni tells people, and what it never says: a graduate's check-in reminder names the
program (the program's words, not a member's); what reaches the program's staff names the
graduate in the app only, and mail carries neutral words, never the answer nor the note. Reading
pages writes nothing."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lantern.conftest import run_tasks
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.tests.test_notifications import with_verified_email
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn, CodeUse, Cohort, InviteCode, Volunteer
from lantern.programs.alumni.services.followups import due_moment

from .conftest import make_due

pytestmark = pytest.mark.django_db

NOTE = "My sponsor moved away and the evenings are long."


def test_every_alumni_kind_has_neutral_words_and_staff_kinds_are_marked():
    kinds = {k: v for k, v in notification_kinds.registered().items() if k.startswith("alumni.")}
    assert set(kinds) == {
        "alumni.checkin_due",
        "alumni.asked_for_call",
        "alumni.finding_it_hard",
        "alumni.volunteer",
    }
    assert all(kind.neutral for kind in kinds.values())
    assert {k for k, v in kinds.items() if v.staff} == set(kinds) - {"alumni.checkin_due"}
    for kind in kinds.values():
        assert "%(actor)s" not in str(kind.neutral)


def test_the_check_in_reminder_says_what_it_is_and_links_to_it(people, graduate, signed_in):
    checkin = make_due(people.river, 30)
    assert services.send_checkin(checkin.pk, due_moment(checkin.due_on)) == "sent"
    note = Notification.objects.get(recipient=people.river, kind="alumni.checkin_due")
    assert notification_kinds.title(note) == "Your 30-day check-in from Northside Alumni"
    assert notification_kinds.neutral_title(note) == "You have a check-in waiting on Lantern"
    assert "Only you and the program's staff see it." in notification_kinds.body(note)
    assert note.url == checkin.get_absolute_url()
    # Opening it from the list leads to the check-in.
    page = signed_in(people.river).get(reverse("core-notifications")).content.decode()
    assert "Your 30-day check-in from Northside Alumni" in page


@pytest.mark.django_db(transaction=True)
def test_the_staffs_mail_says_neither_who_nor_what(people, cohort, smtp_server):
    casey = people.casey
    with_verified_email(casey, "casey@example.org")
    casey.quiet_hours_start = casey.quiet_hours_end = None
    casey.save()
    services.add_graduate(casey, cohort, "river")
    checkin = make_due(people.river, 30)
    services.answer_checkin(people.river, checkin, answer="call", note=NOTE)
    with time_machine.travel(timezone.now() + timedelta(minutes=1), tick=False):
        run_tasks()
    subjects = [m["Subject"] for m in smtp_server.messages if "casey" in m["X-Rcpt-To"]]
    assert "A graduate asked to hear from the program" in " ".join(subjects)
    for mail in smtp_server.messages:
        text = mail["Subject"] + mail.get_payload(decode=True).decode()
        assert "river" not in text
        assert "sponsor" not in text
        assert "call me" not in text


def test_reading_pages_writes_nothing(people, alumni, cohort, new_code, graduate, signed_in):
    make_due(people.river, 30)
    before = (
        CheckIn.objects.filter(answered_at__isnull=False).count(),
        CheckIn.objects.filter(notified_at__isnull=False).count(),
        Notification.objects.count(),
    )
    river, casey = signed_in(people.river), signed_in(people.casey)
    for url in (
        reverse("alumni-mine"),
        reverse("alumni-join") + f"?code={new_code.shown}",
        reverse("alumni-give-back", args=[alumni.slug]),
        cohort.get_absolute_url(),
        CheckIn.objects.get(person=people.river, day=30).get_absolute_url(),
        alumni.get_absolute_url(),
    ):
        assert river.get(url).status_code == 200, url
    for url in (
        reverse("alumni-cohorts", args=[alumni.slug]),
        reverse("alumni-code-new", args=[alumni.slug, cohort.pk]),
        reverse("alumni-followups", args=[alumni.slug]),
        reverse("alumni-volunteers", args=[alumni.slug]),
        reverse("alumni-graduate", args=[alumni.slug, people.river.pk]),
    ):
        assert casey.get(url).status_code == 200, url
    after = (
        CheckIn.objects.filter(answered_at__isnull=False).count(),
        CheckIn.objects.filter(notified_at__isnull=False).count(),
        Notification.objects.count(),
    )
    assert after == before
    assert InviteCode.objects.count() == 1 and InviteCode.objects.get().uses == 0
    assert not CodeUse.objects.exists() and not Volunteer.objects.exists()
    assert Cohort.objects.count() == 1
