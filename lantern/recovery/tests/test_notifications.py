"""What recovery tells other people: registered kinds whose email subject and push title never
name the member, notifications that know what they are about (so erasure, an unshare or a
revoke finds them by reference), and links made with reverse()."""

import datetime

from django.utils import translation

from lantern.accounts import services as accounts
from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.recovery import services

D = datetime.date
KINDS = ["recovery.reminder", "recovery.new_start", "recovery.journal_shared", "recovery.grant"]


def test_every_recovery_kind_is_registered_with_a_neutral_title():
    registered = notification_kinds.registered()
    for name in KINDS:
        kind = registered[name]
        assert kind.neutral is not None, name
        assert "%(actor)s" not in str(kind.neutral), name  # never who, on a lock screen


def test_sharing_tells_the_person_by_reference_and_names_the_member_in_app_only(people):
    river = people.river
    entry = services.save_entry(river, title="Day 3", body="I told my brother.").obj
    services.share_entry(river, entry, "jo")
    grant = services.grant_access(river, "jo", ["milestones"])
    counter = services.start_counter(river, "alcohol", D(2025, 1, 1), tell_on_reset=True)
    services.new_start(river, counter, services.today_for(river))
    told = {n.kind: n for n in Notification.objects.filter(recipient=people.jo)}
    assert set(told) == {"recovery.journal_shared", "recovery.grant", "recovery.new_start"}
    expected = {
        "recovery.journal_shared": (
            f"recovery.journalentry:{entry.pk}",
            f"/recovery/shared/journal/{entry.pk}/",
            "river shared a journal entry with you",
        ),
        "recovery.grant": (
            f"recovery.grant:{grant.pk}",
            "/recovery/shared/river/",
            "river shared their recovery with you",
        ),
        "recovery.new_start": (
            f"recovery.counter:{counter.pk}",
            "/recovery/shared/river/",
            "river made a new start",
        ),
    }
    for kind, (about, url, title) in expected.items():
        n = told[kind]
        assert (n.about, n.url, n.title, n.actor) == (about, url, title, river), kind
        assert "river" not in n.neutral_title and "brother" not in n.neutral_title, kind
        assert "Day 3" not in n.title  # the entry's words stay in the entry


def test_the_row_stores_no_words_so_the_title_is_rendered_in_the_readers_language(people):
    services.grant_access(people.river, "jo", ["checkins"])
    n = Notification.objects.get(recipient=people.jo)
    assert (n.fallback_title, n.params, n.body, n.actor) == ("", {}, "", people.river)
    with translation.override("es"):
        assert "river" in n.title  # the handle is filled in, whatever the language
    people.river.handle = "river-renamed"
    people.river.save()
    assert Notification.objects.get(pk=n.pk).title == "river-renamed shared their recovery with you"


def test_unsharing_deleting_and_revoking_take_back_what_was_said(people):
    river, jo = people.river, people.jo
    entry = services.save_entry(river, title="", body="one").obj
    other = services.save_entry(river, title="", body="two").obj
    services.share_entry(river, entry, "jo")
    services.share_entry(river, entry, "sam")
    services.share_entry(river, other, "jo")
    grant = services.grant_access(river, "jo", ["plan"])
    counter = services.start_counter(river, "drug", D(2025, 1, 1), tell_on_reset=True)
    services.grant_access(river, "sam", ["milestones"])
    services.new_start(river, counter, services.today_for(river))

    services.unshare_entry(river, entry, jo.pk)
    assert not Notification.objects.about(entry).filter(recipient=jo).exists()
    assert Notification.objects.about(entry).filter(recipient=people.sam).exists()  # still shared
    services.delete_entry(river, other)
    assert not Notification.objects.filter(kind="recovery.journal_shared", recipient=jo).exists()
    services.revoke_grant(river, grant)
    assert not Notification.objects.about(grant).exists()
    services.delete_counter(river, counter)
    assert not Notification.objects.filter(kind="recovery.new_start").exists()


def test_erasure_removes_what_others_were_told_by_reference_not_by_link(people):
    river = people.river
    entry = services.save_entry(river, title="", body="words").obj
    services.share_entry(river, entry, "jo")
    services.grant_access(river, "jo", ["milestones"])
    counter = services.start_counter(river, "alcohol", D(2025, 1, 1), tell_on_reset=True)
    services.new_start(river, counter, services.today_for(river))
    # A link that happens to look like river's pages, about something else: erasure keeps it.
    notification_kinds.register("test.other", title="Something else")
    unrelated = notify(people.jo, "test.other", about=people.sam, url="/recovery/shared/river/")
    assert Notification.objects.filter(recipient=people.jo).count() == 4
    accounts.erase_account(river)
    assert list(Notification.objects.filter(recipient=people.jo)) == [unrelated]
