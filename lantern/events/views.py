"""Events and clubs pages: thin views that load through `access`, call one service and show
the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.core.errors import NotFound, Refused, attempt
from lantern.core.timezones import zone_for
from lantern.safety import crisis

from . import access, calendar, forms, services
from .models import Club, Event, Rsvp

PER_PAGE = 20
FEED_MAX = 500


@require_GET
def event_list(request):
    user = request.user
    events = services.with_counts(Event.objects.visible_to(user).upcoming().select_related("club"))
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    mine = []
    if user.is_authenticated:
        mine = list(
            Rsvp.objects.filter(person=user, event__ends_at__gte=timezone.now())
            .exclude(status=Rsvp.Status.CANCELLED)
            .select_related("event")
            .order_by("event__starts_at")
        )
    return render(
        request,
        "events/list.html",
        {"page": page, "mine": mine, "can_organize": access.can_organize(user)},
    )


@require_GET
def event_detail(request, pk: int):
    event = access.get_event_for(request.user, pk)
    rsvp = services.rsvp_of(request.user, event)
    going = services.going_count(event)
    context = {
        "event": event,
        "rsvp": rsvp,
        "going": going,
        "left": None if event.capacity is None else max(event.capacity - going, 0),
        "position": services.waitlist_position(rsvp)
        if rsvp and rsvp.status == Rsvp.Status.WAITLIST
        else None,
        "can_rsvp": access.can_rsvp(request.user, event),
        "can_edit": access.can_edit_event(request.user, event),
        "different_zone": request.user.is_authenticated
        and zone_for(request.user).key != event.time_zone,
    }
    if access.can_see_attendees(request.user, event):
        context["attendees"] = services.attendees(event)
    return render(request, "events/detail.html", context)


@login_required
def event_new(request):
    if not access.can_organize(request.user):
        raise NotFound
    form = forms.EventForm(request.POST or None, zone=zone_for(request.user).key)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.create_event(request.user, form.to_fields())
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Your event is on the calendar."))
            return redirect(saved.obj.get_absolute_url())
    return render(
        request, "events/form.html", {"form": form, "event": None}, status=_status(request, form)
    )


@login_required
def event_edit(request, pk: int):
    event = access.get_event_to_edit_for(request.user, pk)
    form = forms.EventForm(
        request.POST or None,
        initial=forms.EventForm.initial_for(event),
        zone=event.time_zone,
    )
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.update_event(request.user, event, form.to_fields())
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Saved. Everyone coming is told of a new time or place."))
            return redirect(event.get_absolute_url())
    return render(
        request, "events/form.html", {"form": form, "event": event}, status=_status(request, form)
    )


@login_required
def event_cancel(request, pk: int):
    event = access.get_event_to_edit_for(request.user, pk)
    form = forms.CancelEventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.cancel_event(request.user, event, form.cleaned_data["reason"])
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The event is called off. Everyone coming was told."))
            return redirect(event.get_absolute_url())
    return render(
        request, "events/cancel.html", {"form": form, "event": event}, status=_status(request, form)
    )


@login_required
@require_POST
def event_rsvp(request, pk: int):
    event = access.get_event_for(request.user, pk)
    with attempt(request=request) as done:
        rsvp = services.rsvp(request.user, event)
    if done:
        if rsvp.status == Rsvp.Status.GOING:
            messages.success(request, _("You are going. We will remind you the day before."))
        else:
            messages.info(
                request,
                _(
                    "The event is full, so you are on the waitlist. If a place frees up, "
                    "it is yours and we will tell you."
                ),
            )
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def event_rsvp_cancel(request, pk: int):
    event = access.get_event_for(request.user, pk)
    if services.cancel_rsvp(request.user, event) is not None:
        messages.success(request, _("You are no longer on the list for this event."))
    return redirect(event.get_absolute_url())


@require_GET
def feed_ics(request):
    """Upcoming events this person may see (visitors: the public ones) as one calendar."""
    events = Event.objects.visible_to(request.user).upcoming()[:FEED_MAX]
    body = calendar.calendar_for(events, "Lantern events")
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@require_GET
def event_ics(request, pk: int):
    event = access.get_event_for(request.user, pk)
    response = HttpResponse(
        calendar.calendar_for([event], event.title), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


# --- Clubs --------------------------------------------------------------------------------------


@require_GET
def club_list(request):
    clubs = Club.objects.order_by("name")
    return render(
        request,
        "events/clubs.html",
        {
            "clubs": clubs,
            "mine": {c.pk for c in services.clubs_of(request.user)},
            "can_create": access.can_create_club(request.user),
        },
    )


@require_GET
def club_detail(request, slug: str):
    club = access.get_club_for(request.user, slug)
    events = services.with_counts(
        Event.objects.visible_to(request.user).upcoming().filter(club=club)
    )[:PER_PAGE]
    return render(
        request,
        "events/club.html",
        {
            "club": club,
            "events": events,
            "members": club.members.count(),
            "is_member": access.is_club_member(request.user, club),
            "can_edit": access.can_edit_club(request.user, club),
        },
    )


@login_required
def club_new(request):
    if not access.can_create_club(request.user):
        raise NotFound
    form = forms.ClubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.create_club(
                request.user, form.cleaned_data["name"], form.cleaned_data["description"]
            )
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect(saved.obj.get_absolute_url())
    return render(request, "events/club_new.html", {"form": form}, status=_status(request, form))


@login_required
@require_POST
def club_join(request, slug: str):
    club = access.get_club_for(request.user, slug)
    services.join_club(request.user, club)
    messages.success(request, _("Welcome to %(club)s.") % {"club": club.name})
    return redirect(club.get_absolute_url())


@login_required
@require_POST
def club_leave(request, slug: str):
    club = access.get_club_for(request.user, slug)
    services.leave_club(request.user, club)
    messages.success(request, _("You left %(club)s.") % {"club": club.name})
    return redirect(club.get_absolute_url())
