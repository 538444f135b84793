"""Meeting pages: the public finder, meeting pages and feeds; a member's attendance and
corrections; the moderators' review queue and the administrators' import. Thin: load through
`access`, call a service with the person first, redirect or render."""

import json
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lantern.core import units
from lantern.core.errors import Refused
from lantern.core.timezones import zone_for
from lantern.safety import crisis

from . import access, calendar, extensions, finder, services
from .feed import export_feed
from .forms import AttendedForm, ChangeReportForm, DismissForm, ImportForm, MeetingEditForm
from .models import ChangeReport, Meeting, MeetingType


def _distance_field(query) -> str:
    """Which "Within" list the finder shows: the one the address uses, else the reader's unit
    (miles in US English, kilometres elsewhere) when the form has it."""
    for name in ("km", "mi"):
        if query.get(name):
            return name
    wanted = "mi" if units.distance_unit() == "mi" else "km"
    return wanted if wanted in finder.FinderForm.base_fields else "km"


def _finder(request):
    """The finder's form and search. An address without a distance searches, and shows, the
    default one; a ZIP code the search does not know is an error on that field."""
    query = None
    distance_field = _distance_field(request.GET)
    if request.GET:
        query = request.GET.copy()
        if not query.get(distance_field):
            query[distance_field] = str(finder.FinderForm.base_fields[distance_field].initial)
    form = finder.FinderForm(query)
    outcome = finder.Search()
    if form.is_bound and form.is_valid():
        # A person who chose a zone sees their time; a visitor sees each meeting's own time.
        chosen = request.user.is_authenticated and request.user.time_zone
        outcome = finder.search(
            form.cleaned_data, zone_for(request.user) if chosen else None, appointments=10
        )
        if outcome.error:
            form.add_error("zip" if form.cleaned_data.get("zip") else None, outcome.error)
    return form, outcome


@require_GET
def finder_page(request):
    """Find a meeting: public, works without JavaScript, the search lives in the URL."""
    form, outcome = _finder(request)
    waiting = None  # for the reviewers' link (the template asks the predicate itself)
    if access.can_review_meeting_changes(request.user):
        waiting = ChangeReport.objects.filter(status=ChangeReport.Status.OPEN).count()
    near_me = form.is_bound and not form.errors and form.cleaned_data.get("lat") is not None
    return render(
        request,
        "meetings/finder.html",
        {
            "form": form,
            "search": outcome,
            "near_me": near_me,
            # The form has a "Within" list per unit; the page shows one.
            "other_distance": "mi" if _distance_field(request.GET) == "km" else "km",
            "types": MeetingType.objects.all(),
            "waiting_changes": waiting,
        },
    )


@require_GET
def detail(request, slug: str):
    meeting = access.get_meeting_for(request.user, slug)
    column = "name_es" if request.LANGUAGE_CODE == "es" else "name_en"
    names = dict(MeetingType.objects.values_list("code", column))
    days = services.attendance_days(request.user) if request.user.is_authenticated else []
    room = extensions.room_urls([meeting.pk]).get(meeting.pk)
    # Held in a Lantern room: "Join in Lantern", and no second button to the same room.
    elsewhere = meeting.conference_url
    if room and elsewhere.endswith(room):
        elsewhere = ""
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "lantern_room": room,
            "join_online_url": elsewhere,
            "type_names": [names.get(code, code) for code in meeting.type_codes],
            "next_start": meeting.next_start(timezone.now()),
            "attendance_days": days,
        },
    )


@login_required
@require_POST
def attended(request, slug: str):
    """“I went”: log today's (or a recent) meeting in the member's private history."""
    meeting = access.get_meeting_for(request.user, slug)
    form = AttendedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the day you went."))
        return redirect("meetings-detail", slug=slug)
    try:
        services.record_attendance(request.user, meeting, form.cleaned_data["date"])
    except Refused as error:
        messages.error(request, error.message)
        return redirect("meetings-detail", slug=slug)
    messages.success(request, _("Logged. Keep coming back."))
    return redirect("meetings-attendance")


@login_required
def attendance(request):
    """The member's own meeting history: private to them, with today's meetings among the
    ones they go to, one tap each."""
    return render(
        request,
        "meetings/attendance.html",
        {
            "entries": request.user.attendance.select_related("meeting")[:100],
            "summary": services.attendance_summary(request.user),
            "today": services.todays_usual_meetings(request.user),
            "today_date": services.attendance_days(request.user)[0],
        },
    )


@require_GET
@cache_control(public=True, max_age=300)
def feed_json(request):
    """All active meetings as a Meeting Guide JSON feed."""
    meetings = Meeting.objects.active().select_related("location", "group").order_by("slug")
    data = export_feed(meetings.iterator(chunk_size=2000), settings.SITE_URL)
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json")


@require_GET
@cache_control(public=True, max_age=300)
def feed_ics(request):
    """The finder's results (or all meetings, up to 500) as one calendar."""
    form, outcome = _finder(request)
    if form.is_bound:
        meetings = [r.meeting for r in outcome.results]
    else:
        meetings = Meeting.objects.active().select_related("location")[:500]
    body = calendar.calendar_for(meetings, "Lantern meetings")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
def meeting_ics(request, slug: str):
    meeting = access.get_meeting_for(request.user, slug)
    response = HttpResponse(
        calendar.calendar_for([meeting], meeting.name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


@login_required
def report_change(request, slug: str):
    """“Report a change”: a member tells the moderators a meeting's details are out of date.
    If what they wrote sounds like crisis, the next page offers the crisis lines."""
    meeting = access.get_meeting_for(request.user, slug)
    form = ChangeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.report_change(
                request.user, meeting, form.cleaned_data["topic"], form.cleaned_data["details"]
            )
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Thank you. A moderator will check it and update it."))
            return redirect("meetings-detail", slug=slug)
    return render(request, "meetings/report_change.html", {"meeting": meeting, "form": form})


@login_required
def changes(request):
    """The moderators' queue of suggested corrections, oldest first."""
    if not access.can_review_meeting_changes(request.user):
        raise Http404
    reports = ChangeReport.objects.select_related("meeting", "reporter", "reviewed_by")
    return render(
        request,
        "meetings/changes.html",
        {
            "open": reports.filter(status=ChangeReport.Status.OPEN),
            "reviewed": reports.exclude(status=ChangeReport.Status.OPEN).order_by("-reviewed_at")[
                :20
            ],
        },
    )


@login_required
def change(request, pk: int):
    """One suggestion beside the meeting's details, ready to correct and apply."""
    report = access.get_change_report_for(request.user, pk)
    meeting = report.meeting
    form = MeetingEditForm(request.POST or None, initial=MeetingEditForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_change(
                request.user,
                report,
                form.changes(),
                active=form.cleaned_data["active"],
                note=form.cleaned_data["review_note"],
            )
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Applied. The meeting page shows the change now."))
            return redirect("meetings-changes")
    return render(
        request,
        "meetings/change.html",
        {"report": report, "meeting": meeting, "form": form, "dismiss_form": DismissForm()},
    )


@login_required
@require_POST
def change_dismiss(request, pk: int):
    report = access.get_change_report_for(request.user, pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the meeting stays as it is, for the other moderators."))
        return redirect("meetings-change", pk=pk)
    try:
        services.dismiss_change(request.user, report, form.cleaned_data["review_note"])
    except Refused as error:
        messages.error(request, error.message)
    return redirect("meetings-changes")


@login_required
def import_page(request):
    """Administrators upload a Meeting Guide feed; the page shows what the import did, row by
    row, as the `import_meetings` command prints it."""
    if not access.can_import_meetings(request.user):
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["feed"]
        source = form.cleaned_data["source"] or f"upload:{PurePath(upload.name).name}"
        try:
            entries = services.read_feed(upload.read())
            report = services.import_uploaded_feed(
                request.user, entries, source, form.cleaned_data["fellowship"]
            )
        except Refused as error:
            error.add_to_form(form)
    return render(request, "meetings/import.html", {"form": form, "report": report})
