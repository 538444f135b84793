"""A drop-in center's pages for its staff (hours, activities, kiosks, visits by day and hour)
and for each person (their own visits). Thin: load through `access` (404 otherwise), call a
service with the person first, show a refusal on the form. The kiosk's own pages, which no one
signs in to, are in `kiosk_views.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core import site
from lantern.core.errors import attempt
from lantern.safety import crisis

from . import access, counts, forms, services
from .models import Activity, Kiosk

VISITS_PER_PAGE = 50


@login_required
def hours(request, slug: str):
    program = access.get_center_for(request.user, slug)
    center = services.center_of(program)
    spans = program.opening_spans.all()
    form = forms.HoursForm(
        request.POST or None,
        initial=forms.HoursForm.initial_for(center, spans),
        default_zone=site.time_zone_name(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            saved = services.set_opening_hours(
                request.user,
                program,
                spans=data["spans"],
                time_zone=data["time_zone"],
                note=data["note"],
            )
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The opening hours are saved."))
            return redirect(program.get_absolute_url())
    return render(
        request,
        "dropin/hours.html",
        {"program": program, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def activities(request, slug: str):
    """Every activity of the center (weekly ones by day, one-off ones from today on), and a
    form to add one."""
    program = access.get_center_for(request.user, slug)
    form = forms.ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            saved = services.add_activity(
                request.user,
                program,
                title=data["title"],
                place=data["place"],
                starts=data["starts"],
                ends=data["ends"],
                on_date=data["on_date"],
                weekday=data["weekday"],
            )
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("“%(title)s” is added.") % {"title": saved.obj.title})
            return redirect("dropin-activities", slug=program.slug)
    today = services.local_now(services.zone_of(program)).date()
    listed = Activity.objects.filter(program=program)
    return render(
        request,
        "dropin/activities.html",
        {
            "program": program,
            "form": form,
            "weekly": listed.filter(weekday__isnull=False).order_by("weekday", "starts"),
            "once": listed.filter(date__gte=today).order_by("date", "starts"),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def activity_delete(request, slug: str, pk: int):
    program = access.get_center_for(request.user, slug)
    activity = access.find_activity(program, pk)
    if activity is None:
        messages.info(request, _("That activity is already removed."))
        return redirect("dropin-activities", slug=slug)
    with attempt(request=request) as done:
        services.remove_activity(request.user, activity)
    if done:
        messages.success(request, _("“%(title)s” is removed.") % {"title": activity.title})
    return redirect("dropin-activities", slug=slug)


@login_required
def kiosks(request, slug: str):
    """The center's kiosks, and a form to start one. A new kiosk's address is shown on this
    response only: Lantern keeps no copy it could show again."""
    program = access.get_center_for(request.user, slug)
    form = forms.KioskForm(request.POST or None)
    new = None
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            new = services.create_kiosk(request.user, program, form.cleaned_data["name"])
        if done:
            crisis.offer_after_save(request, new)
            form = forms.KioskForm()
    context = {
        "program": program,
        "form": form,
        "kiosks": Kiosk.objects.filter(program=program).select_related("created_by"),
        "new": new,
    }
    if new is not None:
        path = reverse("dropin-kiosk", args=[new.secret])
        context.update(kiosk_path=path, kiosk_url=request.build_absolute_uri(path))
    return render(request, "dropin/kiosks.html", context, status=400 if form.errors else 200)


@require_POST
@login_required
def kiosk_revoke(request, slug: str, pk: int):
    kiosk = access.get_kiosk_for(request.user, slug, pk)
    with attempt(request=request) as done:
        services.revoke_kiosk(request.user, kiosk)
    if done:
        messages.success(
            request,
            _("The kiosk “%(name)s” is revoked: its address no longer opens.")
            % {"name": kiosk.name},
        )
    return redirect("dropin-kiosks", slug=slug)


@login_required
def visits(request, slug: str):
    """Today's count, and visits by day and by hour over a period, on the center's clock."""
    program = access.get_center_for(request.user, slug)
    zone = services.zone_of(program)
    today = services.local_now(zone).date()
    period = forms.VisitsPeriodForm.default_period(today)
    form = forms.VisitsPeriodForm(request.GET or None, initial=period)
    if form.is_bound and form.is_valid():
        period = {"start": form.cleaned_data["start"], "end": form.cleaned_data["end"]}
    return render(
        request,
        "dropin/visits.html",
        {
            "program": program,
            "form": form,
            "zone": zone,
            "count": counts.today_count(program, zone),
            "table": counts.visit_table(program, zone, period["start"], period["end"]),
        },
        status=400 if form.errors else 200,
    )


# --- A person's own visits ------------------------------------------------------------------


@login_required
def my_visits(request):
    page = Paginator(counts.visits_of(request.user), VISITS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "dropin/my_visits.html", {"page": page})


@require_POST
@login_required
def visit_disown(request, pk: int):
    visit = access.get_own_visit_for(request.user, pk)
    with attempt(request=request) as done:
        services.disown_visit(request.user, visit)
    if done:
        messages.success(request, _("That visit is no longer on your record."))
    return redirect("dropin-my-visits")
