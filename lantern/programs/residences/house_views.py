"""The pages of life in a house: the house rules (staff publish, residents accept), house
meetings and attendance, the chore rota, and the house log. Thin, as `views.py`."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import NotFound, attempt
from lantern.safety import crisis

from . import access, forms
from .services import chores, log, meetings, rules
from .views import posted, status_for

# --- House rules ----------------------------------------------------------------------------------


@login_required
def rules_page(request, slug: str):
    """Staff: the rules in force, publishing a new version, and who accepted which version."""
    program = access.get_staffed_residence_for(request.user, slug)
    current = rules.current_rules(program)
    form = forms.RulesForm(posted(request), initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = rules.publish_rules(request.user, program, form.cleaned_data["text"])
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(
                request,
                _("Version %(n)s is published. Residents are asked to accept it.")
                % {"n": saved.obj.number},
            )
            return redirect("residences-rules", slug=slug)
    return render(
        request,
        "residences/rules.html",
        {
            "program": program,
            "current": current,
            "form": form,
            "table": rules.acceptance_table(request.user, program),
            "versions": list(rules.versions_of(program)),
        },
        status=status_for(form),
    )


@require_POST
@login_required
def rules_accept(request, slug: str, number: int):
    """A resident accepts the house rules they were shown."""
    program = access.get_residence_for(request.user, slug)
    residency = access.open_residency(request.user, program)
    version = rules.version_for(program, number)
    if residency is None or version is None:
        raise NotFound
    with attempt(request=request) as done:
        rules.accept_rules(request.user, version)
    if done:
        messages.success(request, _("Thank you. You accepted the house rules."))
    return redirect("residences-house", slug=slug, pk=residency.bed.room.house_id)


# --- House meetings -------------------------------------------------------------------------------


@login_required
def meeting_list(request, slug: str, pk: int):
    """Staff: the house's meetings and each resident's attendance rate; opening a meeting."""
    house = access.get_staffed_house_for(request.user, slug, pk)
    form = forms.DateForm(posted(request), initial={"date": meetings.last_scheduled_date(house)})
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            meeting = meetings.open_meeting(request.user, house, form.cleaned_data["date"])
        if done:
            return redirect("residences-meeting", slug=slug, pk=house.pk, meeting=meeting.pk)
    return render(
        request,
        "residences/meetings.html",
        {
            "program": house.program,
            "house": house,
            "form": form,
            "meetings": list(meetings.meetings_of(house)),
            "rates": meetings.rates_of(house),
            "next_meeting": meetings.next_meeting(house),
        },
        status=status_for(form),
    )


@login_required
def meeting_detail(request, slug: str, pk: int, meeting: int):
    """Staff: taking attendance, one row per resident."""
    meeting = access.get_meeting_for(request.user, slug, pk, meeting)
    rows = meetings.roster(meeting)
    form = forms.AttendanceForm(posted(request), rows=rows)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            count = meetings.take_attendance(request.user, meeting, form.marks())
        if done:
            messages.success(request, _("Attendance is saved (%(n)s marked).") % {"n": count})
            return redirect("residences-meetings", slug=slug, pk=meeting.house_id)
    return render(
        request,
        "residences/meeting.html",
        {
            "program": meeting.house.program,
            "house": meeting.house,
            "meeting": meeting,
            "form": form,
        },
        status=status_for(form),
    )


# --- The chore rota -------------------------------------------------------------------------------


def _rota_page(request, house, chore_form=None):
    weeks = chores.weeks_of(house)
    return render(
        request,
        "residences/rota.html",
        {
            "program": house.program,
            "house": house,
            "week": weeks[0] if weeks else None,
            "earlier": weeks[1:],
            "chores": list(house.chores.filter(active=True)),
            "chore_form": chore_form or forms.ChoreForm(),
        },
        status=status_for(chore_form),
    )


@login_required
def rota(request, slug: str, pk: int):
    """Staff: this week's chores and who did what, advancing the rota, the house's chores."""
    house = access.get_staffed_house_for(request.user, slug, pk)
    return _rota_page(request, house)


@require_POST
@login_required
def rota_advance(request, slug: str, pk: int):
    house = access.get_staffed_house_for(request.user, slug, pk)
    seen = request.POST.get("week") or None
    with attempt(request=request) as done:
        week = chores.advance_rota(
            request.user, house, int(seen) if seen and seen.isdigit() else None
        )
    if done:
        messages.success(
            request,
            _("The rota moved on to the week of %(day)s.")
            % {"day": date_format(week.week_start, "j M Y")},
        )
    return redirect("residences-rota", slug=slug, pk=house.pk)


@require_POST
@login_required
def chore_add(request, slug: str, pk: int):
    house = access.get_staffed_house_for(request.user, slug, pk)
    form = forms.ChoreForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            chores.add_chore(
                request.user, house, form.cleaned_data["name"], form.cleaned_data["weight"]
            )
        if done:
            messages.success(request, _("The chore is added: it joins the rota next week."))
            return redirect("residences-rota", slug=slug, pk=house.pk)
    return _rota_page(request, house, chore_form=form)


@require_POST
@login_required
def chore_retire(request, slug: str, pk: int):
    chore = access.get_chore_for(request.user, slug, pk)
    chores.retire_chore(request.user, chore)
    messages.success(request, _("The chore is off the rota from next week."))
    return redirect("residences-rota", slug=slug, pk=chore.house_id)


def _back_from_chore(request, slug, assignment):
    house = assignment.week.house
    if access.is_staff(request.user, house.program):
        return redirect("residences-rota", slug=slug, pk=house.pk)
    return redirect("residences-house", slug=slug, pk=house.pk)


@require_POST
@login_required
def chore_done(request, slug: str, pk: int):
    assignment = access.get_assignment_for(request.user, slug, pk)
    chores.mark_done(request.user, assignment)
    messages.success(
        request, _("“%(chore)s” is done. Thank you.") % {"chore": assignment.chore.name}
    )
    return _back_from_chore(request, slug, assignment)


@require_POST
@login_required
def chore_undo(request, slug: str, pk: int):
    assignment = access.get_assignment_for(request.user, slug, pk)
    chores.mark_not_done(request.user, assignment)
    messages.success(request, _("“%(chore)s” is not done yet.") % {"chore": assignment.chore.name})
    return _back_from_chore(request, slug, assignment)


# --- The house log --------------------------------------------------------------------------------


@login_required
def house_log(request, slug: str, pk: int):
    """Staff: the house log (each read about a resident audited), and writing an entry."""
    house = access.get_staffed_house_for(request.user, slug, pk)
    people = log.residents_ever(house)
    form = forms.LogForm(posted(request), residents=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            saved = log.write_entry(
                request.user, house, day=data["date"], text=data["text"], resident=data["resident"]
            )
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The entry is in the log."))
            return redirect("residences-log", slug=slug, pk=house.pk)
    about = None
    wanted = request.GET.get("about", "")
    if wanted.isdigit():
        about = people.filter(pk=int(wanted)).first()
    return render(
        request,
        "residences/log.html",
        {
            "program": house.program,
            "house": house,
            "form": form,
            "about": about,
            "entries": log.read_entries(request.user, house, resident=about),
        },
        status=status_for(form),
    )
