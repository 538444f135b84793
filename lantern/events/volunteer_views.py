"""Volunteering pages: opportunities and their shifts, signing up, logging hours, the
organizer's confirmations and a member's printable service summary."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.core.errors import NotFound, Refused, attempt
from lantern.core.timezones import zone_for
from lantern.safety import crisis

from . import access, forms, volunteering
from .models import Opportunity, ServiceHours, ShiftSignup


def _status(request, form) -> int:
    return 400 if request.method == "POST" and form.errors else 200


@login_required
@require_GET
def volunteer_list(request):
    mine = (
        ShiftSignup.objects.filter(person=request.user, shift__ends_at__gt=timezone.now())
        .select_related("shift__opportunity")
        .order_by("shift__starts_at")
    )
    return render(
        request,
        "events/volunteer.html",
        {
            "opportunities": Opportunity.objects.filter(active=True),
            "mine": mine,
            "can_organize": access.can_organize(request.user),
        },
    )


@login_required
def opportunity_new(request):
    if not access.can_organize(request.user):
        raise NotFound
    form = forms.OpportunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            saved = volunteering.create_opportunity(
                request.user, d["title"], d["description"], d["place"]
            )
        except Refused as error:
            error.add_to_form(form)
        else:
            crisis.offer_after_save(request, saved)
            return redirect(saved.obj.get_absolute_url())
    return render(
        request, "events/opportunity_new.html", {"form": form}, status=_status(request, form)
    )


@login_required
@require_GET
def opportunity_detail(request, pk: int):
    opportunity = access.get_opportunity_for(request.user, pk)
    shifts = list(volunteering.upcoming_shifts(opportunity))
    signed_up = set(
        ShiftSignup.objects.filter(person=request.user, shift__opportunity=opportunity).values_list(
            "shift_id", flat=True
        )
    )
    past = (
        ShiftSignup.objects.filter(
            person=request.user, shift__opportunity=opportunity, shift__ends_at__lte=timezone.now()
        )
        .select_related("shift")
        .order_by("-shift__starts_at")[:20]
    )
    logged = {
        h.shift_id: h
        for h in ServiceHours.objects.filter(person=request.user, shift__opportunity=opportunity)
    }
    keeper = access.can_keep_opportunity(request.user, opportunity)
    return render(
        request,
        "events/opportunity.html",
        {
            "opportunity": opportunity,
            "shifts": shifts,
            "signed_up": signed_up,
            "past": [(s.shift, logged.get(s.shift_id)) for s in past],
            "keeper": keeper,
            "waiting": volunteering.waiting_hours(opportunity) if keeper else [],
        },
    )


@login_required
def shift_new(request, pk: int):
    opportunity = access.get_opportunity_to_keep_for(request.user, pk)
    form = forms.ShiftForm(request.POST or None, zone=zone_for(request.user).key)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        starts, ends = forms.local_span(d["day"], d["starts"], d["ends"], d["time_zone"])
        with attempt(form) as done:
            volunteering.add_shift(
                request.user, opportunity, starts, ends, d["time_zone"], d["spots"]
            )
        if done:
            messages.success(request, _("The shift is added."))
            return redirect(opportunity.get_absolute_url())
    return render(
        request,
        "events/shift_new.html",
        {"form": form, "opportunity": opportunity},
        status=_status(request, form),
    )


@login_required
@require_POST
def shift_signup(request, pk: int):
    shift = access.get_shift_for(request.user, pk)
    try:
        volunteering.sign_up(request.user, shift)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are signed up. Thank you for giving back."))
    return redirect(shift.opportunity.get_absolute_url())


@login_required
@require_POST
def shift_cancel(request, pk: int):
    shift = access.get_shift_for(request.user, pk)
    try:
        volunteering.cancel_signup(request.user, shift)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("You are off this shift."))
    return redirect(shift.opportunity.get_absolute_url())


@login_required
def hours_log(request, pk: int):
    shift = access.get_shift_for(request.user, pk)
    if not ShiftSignup.objects.filter(shift=shift, person=request.user).exists():
        raise NotFound
    form = forms.HoursForm(request.POST or None, initial={"hours": shift.hours})
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            volunteering.log_hours(request.user, shift, form.cleaned_data["hours"])
        if done:
            messages.success(request, _("Logged. The organizer will confirm your hours."))
            return redirect(shift.opportunity.get_absolute_url())
    return render(
        request,
        "events/hours_log.html",
        {"form": form, "shift": shift},
        status=_status(request, form),
    )


@login_required
@require_POST
def hours_confirm(request, pk: int):
    logged = access.get_hours_to_confirm_for(request.user, pk)
    with attempt(request=request):
        volunteering.confirm_hours(request.user, logged)
    return redirect(logged.shift.opportunity.get_absolute_url())


@login_required
@require_POST
def hours_decline(request, pk: int):
    logged = access.get_hours_to_confirm_for(request.user, pk)
    with attempt(request=request):
        volunteering.decline_hours(request.user, logged)
    return redirect(logged.shift.opportunity.get_absolute_url())


@login_required
@require_GET
def service_summary(request):
    """The member's confirmed hours, on a page made for printing."""
    return render(
        request,
        "events/service_summary.html",
        {"summary": volunteering.service_summary(request.user)},
    )
