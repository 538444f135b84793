"""Residence pages. Thin: load through `access` (404 otherwise), call a service with the person
first, show a refusal on the form (`attempt`), answer 400 with the form again when it has errors.
Every flow is a plain form and a redirect: nothing needs JavaScript."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import attempt
from lantern.programs import services as programs
from lantern.safety import crisis

from . import access, forms
from .services import chores, houses, meetings, residents, rules


def posted(request):
    """The form's data on a POST (even an empty one, so it says what is missing), else None."""
    return request.POST if request.method == "POST" else None


def status_for(*forms_) -> int:
    return 400 if any(f is not None and f.errors for f in forms_) else 200


# --- Houses ---------------------------------------------------------------------------------------


@login_required
def house_list(request, slug: str):
    """Staff: every house with its beds taken and free, and a form to add a house."""
    program = access.get_staffed_residence_for(request.user, slug)
    form = forms.HouseForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            house = houses.create_house(request.user, program, **form.cleaned_data)
        if done:
            messages.success(request, _("The house is added. Now add its rooms and beds."))
            return redirect("residences-beds", slug=slug, pk=house.pk)
    return render(
        request,
        "residences/houses.html",
        {
            "program": program,
            "houses": houses.houses_with_occupancy(program),
            "form": form,
            "waiting": len(residents.waiting_list(program)),
        },
        status=status_for(form),
    )


@login_required
def house_detail(request, slug: str, pk: int):
    """Staff see who sleeps in which bed; a resident sees their own house page: the rules to
    accept first, their bed, this week's chores, the next house meeting, their attendance."""
    house = access.get_house_for(request.user, slug, pk)
    program = house.program
    if access.is_staff(request.user, program):
        return render(
            request,
            "residences/house_staff.html",
            {
                "program": program,
                "house": house,
                "rooms": houses.beds_of(house),
                "next_meeting": meetings.next_meeting(house),
                "week": chores.current_week(house),
            },
        )
    residency = access.open_residency(request.user, program)
    return render(
        request,
        "residences/house_resident.html",
        {
            "program": program,
            "house": house,
            "residency": residency,
            "rules_to_accept": rules.rules_to_accept(request.user, program),
            "rules": rules.current_rules(program),
            "my_chores": chores.chores_for(request.user, house),
            "next_meeting": meetings.next_meeting(house),
            "attendance": list(meetings.attendance_of(request.user, program)[:12]),
            "staff": programs.staff_of(program),
        },
    )


@login_required
def house_edit(request, slug: str, pk: int):
    house = access.get_staffed_house_for(request.user, slug, pk)
    initial = {
        "name": house.name,
        "time_zone": house.time_zone,
        "meeting_weekday": house.meeting_weekday,
        "meeting_time": house.meeting_time,
    }
    form = forms.HouseForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            houses.update_house(request.user, house, **form.cleaned_data)
        if done:
            messages.success(request, _("The house is saved."))
            return redirect("residences-house", slug=slug, pk=house.pk)
    return render(
        request,
        "residences/house_edit.html",
        {"program": house.program, "house": house, "form": form},
        status=status_for(form),
    )


def _beds_page(request, house, room_form=None, bed_form=None):
    return render(
        request,
        "residences/beds.html",
        {
            "program": house.program,
            "house": house,
            "rooms": houses.beds_of(house),
            "room_form": room_form or forms.RoomForm(),
            "bed_form": bed_form or forms.BedForm(house=house),
        },
        status=status_for(room_form, bed_form),
    )


@login_required
def beds(request, slug: str, pk: int):
    """Staff: the house's rooms and beds; adding a room."""
    house = access.get_staffed_house_for(request.user, slug, pk)
    form = forms.RoomForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            houses.add_room(request.user, house, form.cleaned_data["name"])
        if done:
            messages.success(request, _("The room is added. Now add its beds."))
            return redirect("residences-beds", slug=slug, pk=house.pk)
    return _beds_page(request, house, room_form=form if request.method == "POST" else None)


@require_POST
@login_required
def bed_add(request, slug: str, pk: int):
    house = access.get_staffed_house_for(request.user, slug, pk)
    form = forms.BedForm(request.POST, house=house)
    if form.is_valid():
        with attempt(form) as done:
            houses.add_bed(request.user, form.cleaned_data["room"], form.cleaned_data["label"])
        if done:
            messages.success(request, _("The bed is added."))
            return redirect("residences-beds", slug=slug, pk=house.pk)
    return _beds_page(request, house, bed_form=form)


@require_POST
@login_required
def bed_service(request, slug: str, pk: int):
    """Take a bed out of service, or put it back (the button says which)."""
    bed = access.get_bed_for(request.user, slug, pk)
    with attempt(request=request) as done:
        if request.POST.get("in_service") == "1":
            houses.return_bed_to_service(request.user, bed)
        else:
            houses.take_bed_out_of_service(request.user, bed)
    if done:
        messages.success(request, _("The bed is saved."))
    return redirect("residences-beds", slug=slug, pk=bed.room.house_id)


# --- Residents ------------------------------------------------------------------------------------


@login_required
def move_in(request, slug: str, pk: int):
    house = access.get_staffed_house_for(request.user, slug, pk)
    program = house.program
    form = forms.MoveInForm(posted(request), beds=houses.free_beds(program, house))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            person = residents.person_by_handle(data["handle"])
            residents.move_in(
                request.user,
                program,
                person,
                data["bed"],
                data["moved_in"],
                data["planned_move_out"],
            )
        if done:
            messages.success(request, _("%(handle)s has moved in.") % {"handle": person.handle})
            return redirect("residences-house", slug=slug, pk=house.pk)
    return render(
        request,
        "residences/move_in.html",
        {"program": program, "house": house, "form": form},
        status=status_for(form),
    )


@login_required
def resident_list(request, slug: str):
    """Staff: everyone who lives or has lived in the program's houses."""
    program = access.get_staffed_residence_for(request.user, slug)
    return render(
        request,
        "residences/residents.html",
        {"program": program, "residencies": list(residents.history_of(program)[:200])},
    )


def _residency_page(request, residency, move_out_form=None, plan_form=None):
    house = residency.bed.room.house
    program = house.program
    return render(
        request,
        "residences/residency.html",
        {
            "program": program,
            "house": house,
            "residency": residency,
            "move_out_form": move_out_form or forms.MoveOutForm(),
            "plan_form": plan_form
            or forms.PlannedMoveOutForm(initial={"planned_move_out": residency.planned_move_out}),
            "attendance": list(meetings.history_for(request.user, residency.person, program)),
            "chores": list(chores.chore_history(residency.person, program)[:30]),
            "accepted": list(rules.my_acknowledgements(residency.person, program)),
        },
        status=status_for(move_out_form, plan_form),
    )


@login_required
def residency_detail(request, slug: str, pk: int):
    """Staff: one residency, the resident's attendance and chores, moving out."""
    residency = access.get_residency_for(request.user, slug, pk)
    form = forms.PlannedMoveOutForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            residents.plan_move_out(request.user, residency, form.cleaned_data["planned_move_out"])
        if done:
            messages.success(request, _("The planned move-out date is saved."))
            return redirect("residences-residency", slug=slug, pk=residency.pk)
    return _residency_page(request, residency, plan_form=form if request.method == "POST" else None)


@require_POST
@login_required
def move_out(request, slug: str, pk: int):
    residency = access.get_residency_for(request.user, slug, pk)
    form = forms.MoveOutForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            residents.move_out(
                request.user, residency, form.cleaned_data["moved_out"], form.cleaned_data["reason"]
            )
        if done:
            messages.success(
                request, _("%(handle)s has moved out.") % {"handle": residency.person.handle}
            )
            return redirect("residences-house", slug=slug, pk=residency.bed.room.house_id)
    return _residency_page(request, residency, move_out_form=form)


# --- The waiting list -----------------------------------------------------------------------------


def _waiting_page(request, program, form=None, bound=None):
    """The list; `bound` is (entry pk, form) for an offer or move-in form sent back with errors."""
    free = list(houses.free_beds(program))
    entries = residents.waiting_list(program)
    for entry in entries:
        if bound and bound[0] == entry.pk and isinstance(bound[1], forms.OfferForm):
            entry.offer_form = bound[1]
        else:
            entry.offer_form = forms.OfferForm(
                beds=free, needs_handle=entry.person_id is None, prefix=f"e{entry.pk}"
            )
        if bound and bound[0] == entry.pk and isinstance(bound[1], forms.MoveInDateForm):
            entry.move_in_form = bound[1]
        else:
            entry.move_in_form = forms.MoveInDateForm(
                prefix=f"m{entry.pk}", initial={"moved_in": timezone.localdate()}
            )
    return render(
        request,
        "residences/waiting.html",
        {
            "program": program,
            "entries": entries,
            "form": form or forms.WaitingForm(),
            "has_free_beds": bool(free),
        },
        status=status_for(form, bound[1] if bound else None),
    )


@login_required
def waiting(request, slug: str):
    program = access.get_staffed_residence_for(request.user, slug)
    form = forms.WaitingForm(posted(request))
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = residents.add_to_waiting_list(request.user, program, **form.cleaned_data)
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Added to the waiting list."))
            return redirect("residences-waiting", slug=slug)
    return _waiting_page(request, program, form=form if request.method == "POST" else None)


@require_POST
@login_required
def offer(request, slug: str, pk: int):
    entry = access.get_waiting_entry_for(request.user, slug, pk)
    program = entry.program
    form = forms.OfferForm(
        request.POST,
        beds=list(houses.free_beds(program)),
        needs_handle=entry.person_id is None,
        prefix=f"e{entry.pk}",
    )
    if form.is_valid():
        with attempt(form) as done:
            residents.offer_bed(
                request.user, entry, form.chosen_bed(), form.cleaned_data.get("handle", "")
            )
        if done:
            messages.success(request, _("The bed is offered. They are told."))
            return redirect("residences-waiting", slug=slug)
    return _waiting_page(request, program, bound=(entry.pk, form))


@require_POST
@login_required
def waiting_move_in(request, slug: str, pk: int):
    entry = access.get_waiting_entry_for(request.user, slug, pk)
    form = forms.MoveInDateForm(request.POST, prefix=f"m{entry.pk}")
    if form.is_valid():
        with attempt(form) as done:
            residency = residents.move_in_from_waiting_list(
                request.user, entry, form.cleaned_data["moved_in"]
            )
        if done:
            messages.success(
                request, _("%(handle)s has moved in.") % {"handle": entry.person.handle}
            )
            return redirect("residences-house", slug=slug, pk=residency.bed.room.house_id)
    return _waiting_page(request, entry.program, bound=(entry.pk, form))


@require_POST
@login_required
def waiting_remove(request, slug: str, pk: int):
    entry = access.get_waiting_entry_for(request.user, slug, pk)
    with attempt(request=request) as done:
        residents.remove_from_waiting_list(request.user, entry)
    if done:
        messages.success(request, _("Taken off the waiting list."))
    return redirect("residences-waiting", slug=slug)
