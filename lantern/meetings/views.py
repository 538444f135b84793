import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from lantern.core.timezones import zone_for

from . import calendar, finder, services
from .feed import export_meeting
from .models import Meeting, MeetingType


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
    return render(
        request,
        "meetings/finder.html",
        {"form": form, "search": outcome, "types": MeetingType.objects.all()},
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


class AttendedForm(forms.Form):
    date = forms.DateField(label=_("Which day?"))


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
    """The member's own meeting history: private to them."""
    return render(
        request,
        "meetings/attendance.html",
        {
            "entries": request.user.attendance.all()[:100],
            "summary": services.attendance_summary(request.user),
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
