"""“Report a change”: members tell moderators when a meeting's details are out of date;
moderators correct and apply, or dismiss with a reason the other moderators can read."""

from lantern.core.models import AuditEvent, Notification
from lantern.meetings.models import ChangeReport, Meeting
from lantern.meetings.services import import_feed
from lantern.meetings.tests.test_import import GOOD
from lantern.safety.contexts import Context
from lantern.safety.models import Alert


def _feed_meeting():
    import_feed([GOOD], source="intergroup")
    return Meeting.objects.get(slug=GOOD["slug"])


def _correction(meeting, **changes):
    """The moderator's form as it arrives: the meeting's current values with some changed."""
    location = meeting.location
    data = {
        "name": meeting.name,
        "day": [str(d) for d in meeting.days],
        "time": meeting.start_time.strftime("%H:%M") if meeting.days else "",
        "end_time": meeting.end_time.strftime("%H:%M") if meeting.end_time else "",
        "location": location.name,
        "address": location.address,
        "city": location.city,
        "state": location.state,
        "postal_code": location.postal_code,
        "conference_url": meeting.conference_url,
        "conference_phone": meeting.conference_phone,
        "notes": meeting.notes,
        "active": "on",
        "review_note": "Checked with the group's secretary",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_members_correction_reaches_the_moderators_and_is_applied(people, signed_in):
    meeting = _feed_meeting()
    river, morgan = signed_in(people.river), signed_in(people.morgan)
    page = river.get(f"/meetings/{meeting.slug}/").content.decode()
    assert f"/meetings/{meeting.slug}/report/" in page  # "Report a change" on the meeting page

    response = river.post(
        f"/meetings/{meeting.slug}/report/",
        {"topic": "time", "details": "It starts at 7 pm now, since October."},
        follow=True,
    )
    assert "A moderator will check it" in response.content.decode()
    report = ChangeReport.objects.get()
    assert Notification.objects.filter(recipient=people.morgan, kind="meetings.change").exists()

    queue = morgan.get("/staff/meetings/changes/").content.decode()
    assert "Sunday Serenity: The day or time" in queue
    review = morgan.get(f"/staff/meetings/changes/{report.pk}/").content.decode()
    assert "It starts at 7 pm now, since October." in review
    assert 'value="18:00"' in review  # the form starts from the meeting as it is

    response = morgan.post(
        f"/staff/meetings/changes/{report.pk}/",
        _correction(meeting, time="19:00", end_time="20:00"),
    )
    assert response.status_code == 302
    page = river.get(f"/meetings/{meeting.slug}/").content.decode()
    assert "7:00 PM–8:00 PM" in page
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == ("applied", people.morgan)
    assert AuditEvent.objects.filter(action="meetings.change.apply", actor=people.morgan).exists()
    thanks = Notification.objects.get(recipient=people.river, kind="meetings.change_applied")
    assert "is updated" in thanks.title and thanks.url == f"/meetings/{meeting.slug}/"


def test_the_fix_survives_a_reimport_of_the_same_feed_and_the_feed_wins_when_it_changes(
    people, signed_in
):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="time")
    signed_in(people.morgan).post(
        f"/staff/meetings/changes/{report.pk}/", _correction(meeting, time="19:00")
    )
    import_feed([GOOD], source="intergroup")
    assert Meeting.objects.get(pk=meeting.pk).start_time.strftime("%H:%M") == "19:00"
    import_feed([{**GOOD, "time": "18:15"}], source="intergroup")
    assert Meeting.objects.get(pk=meeting.pk).start_time.strftime("%H:%M") == "18:15"


def test_a_new_address_is_placed_by_its_zip_code(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="place")
    signed_in(people.morgan).post(
        f"/staff/meetings/changes/{report.pk}/",
        _correction(meeting, address="1500 W Belmont Ave", postal_code="60657", location=""),
    )
    meeting.refresh_from_db()
    assert meeting.location.address == "1500 W Belmont Ave"
    assert round(meeting.latitude, 1) == 41.9  # Lakeview, from the ZIP code
    assert round(meeting.longitude, 2) != round(GOOD["longitude"], 2)


def test_a_meeting_that_no_longer_meets_leaves_the_finder_but_is_kept(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="gone")
    signed_in(people.morgan).post(
        f"/staff/meetings/changes/{report.pk}/", _correction(meeting, active=None)
    )
    assert not Meeting.objects.get(pk=meeting.pk).active
    assert signed_in(people.river).get(f"/meetings/{meeting.slug}/").status_code == 404


def test_a_bad_correction_shows_what_to_fix_and_changes_nothing(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="time")
    response = signed_in(people.morgan).post(
        f"/staff/meetings/changes/{report.pk}/", _correction(meeting, time="25:99", day=[])
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid time." in page
    assert "Choose its days, or leave the time empty for a meeting by appointment." in page
    assert Meeting.objects.get(pk=meeting.pk).start_time.strftime("%H:%M") == "18:00"
    assert ChangeReport.objects.get().status == "open"


def test_a_meeting_held_by_appointment_is_corrected_without_inventing_a_day(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="time")
    morgan = signed_in(people.morgan)

    morgan.post(f"/staff/meetings/changes/{report.pk}/", _correction(meeting, day=[], time=""))
    meeting.refresh_from_db()
    assert (meeting.days, meeting.days_mask) == ([], 0)
    assert "By appointment" in morgan.get(f"/meetings/{meeting.slug}/").content.decode()

    again = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="other")
    form = morgan.get(f"/staff/meetings/changes/{again.pk}/").content.decode()
    assert "No day and no time: the meeting is by appointment." in form
    assert 'name="time" value="00:00"' not in form  # no time is shown that was never given
    renamed = morgan.post(
        f"/staff/meetings/changes/{again.pk}/", _correction(meeting, name="Sponsor talks")
    )
    assert renamed.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.name, meeting.days) == ("Sponsor talks", [])


def test_days_without_a_time_are_refused_with_what_to_fix(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="time")
    page = (
        signed_in(people.morgan)
        .post(f"/staff/meetings/changes/{report.pk}/", _correction(meeting, day=["2"], time=""))
        .content.decode()
    )
    assert "Give the time it starts on those days." in page
    assert Meeting.objects.get(pk=meeting.pk).days == [0]


def test_dismissing_needs_a_reason_that_other_moderators_see(people, signed_in):
    meeting = _feed_meeting()
    report = ChangeReport.objects.create(meeting=meeting, reporter=people.river, topic="other")
    morgan = signed_in(people.morgan)
    morgan.post(f"/staff/meetings/changes/{report.pk}/dismiss/", {"review_note": ""})
    assert ChangeReport.objects.get().status == "open"
    morgan.post(
        f"/staff/meetings/changes/{report.pk}/dismiss/",
        {"review_note": "The group confirmed 6 pm"},
    )
    assert ChangeReport.objects.get().status == "dismissed"
    queue = signed_in(people.alex).get("/staff/meetings/changes/").content.decode()
    assert "The group confirmed 6 pm" in queue and "morgan" in queue


def test_a_member_cannot_pile_up_suggestions_or_send_an_empty_one(people, signed_in):
    meeting = _feed_meeting()
    river = signed_in(people.river)
    empty = river.post(f"/meetings/{meeting.slug}/report/", {"topic": "time", "details": " "})
    assert empty.status_code == 200 and "This field is required." in empty.content.decode()
    assert not ChangeReport.objects.exists()
    river.post(f"/meetings/{meeting.slug}/report/", {"topic": "time", "details": "7 pm now"})
    again = river.post(f"/meetings/{meeting.slug}/report/", {"topic": "place", "details": "moved"})
    assert "You already suggested a change" in again.content.decode()
    assert ChangeReport.objects.count() == 1


def test_crisis_words_in_a_suggestion_reach_a_person(people, signed_in):
    meeting = _feed_meeting()
    river = signed_in(people.river)
    response = river.post(
        f"/meetings/{meeting.slug}/report/",
        {"topic": "gone", "details": "it closed and I want to kill myself tonight"},
        follow=True,
    )
    page = response.content.decode()
    # Saved, then the meeting's page opens with the crisis lines (safety's one offer).
    assert response.redirect_chain == [(f"/meetings/{meeting.slug}/", 302)]
    assert "988" in page and "Reach out to someone on Lantern" in page
    assert "A moderator will check it" in page
    assert Alert.objects.filter(author=people.river, context=Context.MEETING_CORRECTION).exists()
    # Offered once: the next page is calm again.
    assert "988" not in river.get(f"/meetings/{meeting.slug}/").content.decode()


def test_suggestions_are_rate_limited_per_person_with_a_clear_message(people, signed_in, settings):
    settings.LANTERN_RATE_LIMITS = {**settings.LANTERN_RATE_LIMITS, "report": "3/h"}
    import_feed([{**GOOD, "slug": f"meeting-{n}", "name": f"Meeting {n}"} for n in range(5)], "t")
    river = signed_in(people.river)
    for n in range(3):
        response = river.post(f"/meetings/meeting-{n}/report/", {"topic": "time", "details": "7"})
        assert response.status_code == 302, n
    refused = river.post("/meetings/meeting-3/report/", {"topic": "time", "details": "7 pm"})
    page = refused.content.decode()
    assert refused.status_code == 200
    assert "That is a lot in a short time. Please wait a few minutes and try again." in page
    assert "7 pm" in page  # what they wrote is kept for later
    assert ChangeReport.objects.filter(reporter=people.river).count() == 3
    # The limit is river's, not everyone's.
    sam = signed_in(people.sam)
    sent = sam.post("/meetings/meeting-3/report/", {"topic": "time", "details": "7"})
    assert sent.status_code == 302
    assert ChangeReport.objects.filter(reporter=people.sam).count() == 1


def test_the_moderators_notification_names_the_meeting_never_the_members_words(people, signed_in):
    meeting = _feed_meeting()
    signed_in(people.river).post(
        f"/meetings/{meeting.slug}/report/",
        {"topic": "other", "details": "ask for Dana, the secretary, on 555-0100"},
    )
    told = Notification.objects.get(recipient=people.morgan)
    report = ChangeReport.objects.get()
    assert told.about == f"meetings.changereport:{report.pk}"
    assert told.url == f"/staff/meetings/changes/{report.pk}/"
    assert told.title == "A meeting's details may be out of date: Sunday Serenity"
    assert told.neutral_title == "A meeting correction is waiting for review"
    for words in (told.title, told.neutral_title, told.body):
        assert "Dana" not in words and "555" not in words
    # Administrators and other members are not told (moderators keep the list).
    assert not Notification.objects.exclude(recipient=people.morgan).exists()
