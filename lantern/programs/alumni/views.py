"""Alumni pages. Thin: load through `access` (404 otherwise), call a service with the person
first, show a refusal on the form (`attempt`), offer the crisis lines after saving words."""

from collections import defaultdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import RateLimited, attempt
from lantern.programs import services as programs
from lantern.programs.models import Program
from lantern.safety import crisis

from . import access, forms, services


def _status(form, done=None) -> int:
    if done is not None and isinstance(done.refused, RateLimited):
        return 429
    return 400 if form.errors else 200


# --- Graduates ----------------------------------------------------------------------------------


@login_required
def join(request):
    """ "Join with a code": the code from paper or from the printed link (`?code=`). Signed-out
    visitors are sent to sign in or join, and come back here with the code."""
    form = forms.JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")[:40]})
    done = None
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            cohort = services.join_with_code(request.user, form.cleaned_data["code"])
        if done:
            messages.success(
                request,
                _("Welcome to %(cohort)s, %(program)s.")
                % {"cohort": cohort.name, "program": cohort.program.name},
            )
            return redirect(cohort.get_absolute_url())
    return render(request, "alumni/join.html", {"form": form}, status=_status(form, done))


@login_required
def mine(request):
    """A graduate's own aftercare: their cohorts, check-ins, levels of care and giving back,
    in every alumni program they are in (a fixed number of queries)."""
    person = request.user
    mine_programs = [
        p
        for p in programs.programs_of(person)
        if p.kind == Program.Kind.ALUMNI and not access.is_staff(person, p)
    ]
    ids = {p.pk for p in mine_programs}
    today = timezone.localdate()
    checkins, levels, cohorts = defaultdict(list), defaultdict(list), defaultdict(list)
    for checkin in services.checkins_of(person).filter(program_id__in=ids):
        checkin.is_due = checkin.due_on <= today
        checkins[checkin.program_id].append(checkin)
    for level in services.history(None, person):
        if level.program_id in ids:
            levels[level.program_id].append(level)
    by_id = {p.pk: p for p in mine_programs}
    for cohort in services.cohorts_in(person, ids):
        cohort.program = by_id[cohort.program_id]
        cohorts[cohort.program_id].append(cohort)
    offered = services.volunteered_in(person, ids)
    sections = [
        {
            "program": p,
            "cohorts": cohorts[p.pk],
            "checkins": checkins[p.pk],
            "levels": levels[p.pk],
            "volunteered": p.pk in offered,
        }
        for p in mine_programs
    ]
    return render(request, "alumni/mine.html", {"sections": sections})


@login_required
def checkin(request, pk: int):
    checkin = access.get_checkin_for(request.user, pk)
    form = forms.CheckInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.answer_checkin(
                request.user,
                checkin,
                answer=form.cleaned_data["answer"],
                note=form.cleaned_data["note"],
            )
        if done:
            crisis.offer_after_save(request, saved)
            if saved.obj.asks_for_staff:
                messages.success(
                    request,
                    _(
                        "Thank you. The program's staff have been told, and someone will be "
                        "in touch."
                    ),
                )
            else:
                messages.success(request, _("Thank you for checking in."))
            return redirect("alumni-mine")
    return render(
        request,
        "alumni/checkin.html",
        {"checkin": checkin, "program": checkin.program, "form": form},
        status=_status(form),
    )


@login_required
def give_back(request, slug: str):
    """ "I'd like to come back as a peer supporter": the offer, then the supporter pathway."""
    program = access.get_program_for(request.user, slug)
    if request.method == "POST":
        with attempt(request=request) as done:
            services.volunteer(request.user, program)
        if done:
            messages.success(
                request, _("Thank you. The program's staff have been told you'd like to give back.")
            )
        return redirect("alumni-give-back", slug=program.slug)
    return render(
        request,
        "alumni/give_back.html",
        {
            "program": program,
            "is_staff": access.is_staff(request.user, program),
            "volunteered": services.has_volunteered(request.user, program),
        },
    )


# --- The program's staff ------------------------------------------------------------------------


@login_required
def cohorts(request, slug: str):
    program = access.get_staffed_program_for(request.user, slug)
    form = forms.CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.create_cohort(request.user, program, **form.cleaned_data)
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The cohort is started. Now make a code for it."))
            return redirect(saved.obj.get_absolute_url())
    return render(
        request,
        "alumni/cohorts.html",
        {
            "program": program,
            "form": form,
            "cohorts": services.cohorts_of(request.user, program),
        },
        status=_status(form),
    )


def _cohort_page(request, cohort, *, add_form=None, status=200):
    program = cohort.program
    staff = access.is_staff(request.user, program)
    context = {"program": program, "cohort": cohort, "is_staff": staff}
    if staff:
        graduates = list(services.graduates_of(request.user, cohort))
        due = services.schedule_of(cohort, [m.person_id for m in graduates])
        for membership in graduates:
            membership.checkins = due.get(membership.person_id, [])
        context.update(
            graduates=graduates,
            codes=services.codes_of(request.user, cohort),
            add_form=add_form or forms.HandleForm(),
        )
    else:
        context["checkins"] = list(services.checkins_of(request.user, program))
        context["today"] = timezone.localdate()
    return render(request, "alumni/cohort.html", context, status=status)


@login_required
def cohort(request, slug: str, pk: int):
    return _cohort_page(request, access.get_cohort_for(request.user, slug, pk))


@require_POST
@login_required
def cohort_add(request, slug: str, pk: int):
    cohort = access.get_staff_cohort_for(request.user, slug, pk)
    form = forms.HandleForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            added = services.add_graduate(request.user, cohort, form.cleaned_data["handle"])
        if done:
            messages.success(
                request,
                _("%(handle)s is in the cohort and on the follow-up schedule.")
                % {"handle": added.person.handle},
            )
            return redirect(cohort.get_absolute_url())
    return _cohort_page(request, cohort, add_form=form, status=400)


@login_required
def code_new(request, slug: str, pk: int):
    """Make a code: the page that answers the form shows it, once, as a code and a link, laid
    out to print."""
    cohort = access.get_staff_cohort_for(request.user, slug, pk)
    form = forms.CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            new = services.create_code(request.user, cohort, **form.cleaned_data)
        if done:
            return render(
                request,
                "alumni/code_created.html",
                {
                    "program": cohort.program,
                    "cohort": cohort,
                    "new": new,
                    "link": request.build_absolute_uri(new.link),
                },
            )
    return render(
        request,
        "alumni/code_new.html",
        {"program": cohort.program, "cohort": cohort, "form": form},
        status=_status(form),
    )


@require_POST
@login_required
def code_revoke(request, slug: str, pk: int):
    code = access.get_code_for(request.user, slug, pk)
    with attempt(request=request) as done:
        services.revoke_code(request.user, code)
    if done:
        messages.success(
            request, _("The code ending in %(ending)s is withdrawn.") % {"ending": code.ending}
        )
    return redirect(code.cohort.get_absolute_url())


@login_required
def followups(request, slug: str):
    """Who is due or overdue for a check-in, and who asked to hear from the program."""
    program = access.get_staffed_program_for(request.user, slug)
    return render(
        request,
        "alumni/followups.html",
        {
            "program": program,
            "due": services.due_list(request.user, program),
            "asking": services.asking_for_staff(request.user, program),
        },
    )


def _graduate_page(request, program, person, *, form=None, status=200):
    return render(
        request,
        "alumni/graduate.html",
        {
            "program": program,
            "person": person,
            "checkins": services.read_checkins(request.user, program, person),
            "levels": services.history(program, person),
            "form": form or forms.CareLevelForm(),
            "volunteered": services.has_volunteered(person, program),
            "today": timezone.localdate(),
        },
        status=status,
    )


@login_required
def graduate(request, slug: str, person: int):
    program, graduate = access.get_graduate_for(request.user, slug, person)
    return _graduate_page(request, program, graduate)


@require_POST
@login_required
def care_level(request, slug: str, person: int):
    program, graduate = access.get_graduate_for(request.user, slug, person)
    form = forms.CareLevelForm(request.POST)
    if form.is_valid():
        with attempt(form) as done:
            services.record_care_level(request.user, program, graduate, **form.cleaned_data)
        if done:
            messages.success(request, _("The level of care is recorded."))
            return redirect("alumni-graduate", slug=program.slug, person=graduate.pk)
    return _graduate_page(request, program, graduate, form=form, status=400)


@login_required
def volunteers(request, slug: str):
    program = access.get_staffed_program_for(request.user, slug)
    return render(
        request,
        "alumni/volunteers.html",
        {
            "program": program,
            "volunteers": services.volunteers_of(request.user, program),
        },
    )
