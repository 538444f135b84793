import json
from pathlib import PurePath

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lantern.core import access, audit
from lantern.core.timezones import zone_for

from . import calendar, finder, services
from .feed import export_meeting
from .forms import AttendedForm, ChangeReportForm, DismissForm, ImportForm, MeetingEditForm
from .models import ChangeReport, Meeting, MeetingType


def _finder(request):
    form = finder.FinderForm(request.GET or None)
    outcome = finder.Search()
    if form.is_bound and form.is_valid():
        # A person who chose a zone sees their time; a visitor sees each meeting's own time.
        chosen = request.user.is_authenticated and request.user.time_zone
        outcome = finder.search(form.cleaned_data, zone_for(request.user) if chosen else None)
    return form, outcome


@require_GET
def finder_page(request):
    """Find a meeting: public, works without JavaScript, the search lives in the URL."""
    form, outcome = _finder(request)
    waiting = None
    if access.can_review_meeting_changes(request.user):
        waiting = ChangeReport.objects.filter(status=ChangeReport.Status.OPEN).count()
    return render(
        request,
        "meetings/finder.html",
        {
            "form": form,
            "search": outcome,
            "types": MeetingType.objects.all(),
            "waiting_changes": waiting,
            "can_import": access.can_import_meetings(request.user),
        },
    )


@require_GET
def detail(request, slug: str):
    meeting = get_object_or_404(
        Meeting.objects.select_related("location", "group"), slug=slug, active=True
    )
    column = "name_es" if request.LANGUAGE_CODE == "es" else "name_en"
    names = dict(MeetingType.objects.values_list("code", column))
    days = services.attendance_days(request.user) if request.user.is_authenticated else []
    return render(
        request,
        "meetings/detail.html",
        {
            "meeting": meeting,
            "type_names": [names.get(code, code) for code in meeting.type_codes],
            "next_start": meeting.next_start(timezone.now()),
            "attendance_days": days,
        },
    )


@login_required
@require_POST
def attended(request, slug: str):
    """“I went”: log today's (or a recent) meeting in the member's private history."""
    meeting = get_object_or_404(Meeting, slug=slug, active=True)
    form = AttendedForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the day you went."))
        return redirect("meetings-detail", slug=slug)
    try:
        services.record_attendance(request.user, meeting, form.cleaned_data["date"])
    except services.AttendanceError as exc:
        messages.error(request, str(exc))
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
    data = [export_meeting(m, settings.SITE_URL) for m in meetings.iterator(chunk_size=2000)]
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
    meeting = get_object_or_404(Meeting.objects.select_related("location"), slug=slug, active=True)
    response = HttpResponse(
        calendar.calendar_for([meeting], meeting.name), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}.ics"'
    return response


@login_required
def report_change(request, slug: str):
    """“Report a change”: a member tells the moderators a meeting's details are out of date."""
    meeting = get_object_or_404(Meeting, slug=slug, active=True)
    form = ChangeReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            filed = services.report_change(
                request.user, meeting, form.cleaned_data["topic"], form.cleaned_data["details"]
            )
        except services.ChangeError as exc:
            form.add_error(None, str(exc))
        else:
            if filed.show_resources:
                from lantern.safety.services import crisis_resources

                return render(
                    request,
                    "meetings/report_sent.html",
                    {"meeting": meeting, "resources": crisis_resources(get_language() or "en")},
                )
            messages.success(request, _("Thank you. A moderator will check it and update it."))
            return redirect("meetings-detail", slug=slug)
    return render(request, "meetings/report_change.html", {"meeting": meeting, "form": form})


def _reviewer(request):
    if not access.can_review_meeting_changes(request.user):
        raise Http404
    return request.user


@login_required
def changes(request):
    """The moderators' queue of suggested corrections, oldest first."""
    _reviewer(request)
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
    moderator = _reviewer(request)
    report = get_object_or_404(
        ChangeReport.objects.select_related("meeting__location", "reporter"), pk=pk
    )
    meeting = report.meeting
    form = MeetingEditForm(request.POST or None, initial=MeetingEditForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        try:
            services.apply_change(
                report,
                moderator,
                form.changes(),
                active=form.cleaned_data["active"],
                note=form.cleaned_data["review_note"],
            )
        except services.ChangeError as exc:
            form.add_error(None, str(exc))
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
    moderator = _reviewer(request)
    report = get_object_or_404(ChangeReport, pk=pk)
    form = DismissForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the meeting stays as it is, for the other moderators."))
        return redirect("meetings-change", pk=pk)
    try:
        services.dismiss_change(report, moderator, form.cleaned_data["review_note"])
    except services.ChangeError as exc:
        messages.error(request, str(exc))
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
        try:
            entries = services.read_feed(upload.read())
        except services.FeedError as exc:
            form.add_error("feed", str(exc))
        else:
            source = form.cleaned_data["source"] or f"upload:{PurePath(upload.name).name}"
            report = services.import_feed(entries, source, form.cleaned_data["fellowship"])
            audit.record(request.user, "meetings.import", None, source=source)
    return render(request, "meetings/import.html", {"form": form, "report": report})
