"""Program pages. Thin: load through `access` (404 otherwise), call a service with the person
first, show a refusal on the form (`attempt`)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import attempt
from lantern.safety import crisis

from . import access, forms, registry, services


@login_required
def program_list(request):
    """The programs a person belongs to, and those they keep."""
    return render(
        request,
        "programs/list.html",
        {
            "programs": services.programs_of(request.user),
            "staffed": services.staffed_programs(request.user),
        },
    )


@login_required
def program_detail(request, slug: str):
    program = access.get_program_for(request.user, slug)
    panels = []
    for panel in registry.panels_for(program.kind):
        context = panel.context(request, program)
        if context is not None:
            panels.append((panel.template, context))
    return render(
        request,
        "programs/program.html",
        {
            "program": program,
            "panels": panels,
            "is_staff": access.is_program_staff(request.user, program),
        },
    )


@login_required
def people(request, slug: str):
    program = access.get_staffed_program_for(request.user, slug)
    form = forms.HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            services.enrol(request.user, program, form.cleaned_data["handle"])
        if done:
            messages.success(
                request, _("%(handle)s is enrolled.") % {"handle": form.cleaned_data["handle"]}
            )
            return redirect("programs-people", slug=program.slug)
    return render(
        request,
        "programs/people.html",
        {"program": program, "form": form, "people": services.people_of(request.user, program)},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def discharge(request, slug: str, pk: int):
    program = access.get_staffed_program_for(request.user, slug)
    enrolled = services.enrolment_of(request.user, program, pk)
    if enrolled is None:  # already discharged (a second click, another leader)
        messages.info(request, _("They are not enrolled."))
        return redirect("programs-people", slug=program.slug)
    with attempt(request=request) as done:
        services.discharge(request.user, program, enrolled.person)
    if done:
        messages.success(
            request, _("%(handle)s is no longer enrolled.") % {"handle": enrolled.person.handle}
        )
    return redirect("programs-people", slug=program.slug)


def _report(request, program):
    form = forms.PeriodForm(request.GET or None, initial=forms.PeriodForm.initial_period())
    period = forms.PeriodForm.initial_period()
    if form.is_bound and form.is_valid():
        period = form.cleaned_data
    result = None
    with attempt(form):
        result = services.report(request.user, program, period["start"], period["end"])
    return form, result


@login_required
def report(request, slug: str):
    program = access.get_staffed_program_for(request.user, slug)
    form, result = _report(request, program)
    sections = []
    if result is not None:
        for section in result.sections:
            rows = [[services.shown(v, result.small) for v in row] for row in section.rows]
            sections.append((section, rows, services.section_bars(section, result.small)))
    return render(
        request,
        "programs/report.html",
        {"program": program, "form": form, "report": result, "sections": sections},
        status=400 if form.errors else 200,
    )


@login_required
def report_csv(request, slug: str):
    program = access.get_staffed_program_for(request.user, slug)
    form, result = _report(request, program)
    if result is None:
        return HttpResponse(
            "\n".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(services.as_csv(result), content_type="text/csv; charset=utf-8")
    name = f"{program.slug}-{result.start.isoformat()}-{result.end.isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Settings → Programs (administrators) -------------------------------------------------------


@login_required
def manage(request):
    if not access.can_manage_programs(request.user):
        raise Http404
    form = forms.ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            saved = services.create_program(request.user, **form.cleaned_data)
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("The program is started. Now name its staff."))
            return redirect("programs-manage-program", slug=saved.obj.slug)
    return render(
        request,
        "programs/manage.html",
        {"form": form, "programs": services.all_programs()},
        status=400 if form.errors else 200,
    )


@login_required
def manage_program(request, slug: str):
    program = access.get_managed_program_for(request.user, slug)
    form = forms.HandleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with attempt(form) as done:
            services.add_staff(request.user, program, form.cleaned_data["handle"])
        if done:
            messages.success(
                request,
                _("%(handle)s is on the program's staff.")
                % {"handle": form.cleaned_data["handle"]},
            )
            return redirect("programs-manage-program", slug=program.slug)
    return render(
        request,
        "programs/manage_program.html",
        {"program": program, "form": form, "staff": services.staff_of(program)},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def remove_staff(request, slug: str):
    program = access.get_managed_program_for(request.user, slug)
    with attempt(request=request) as done:
        services.remove_staff(request.user, program, request.POST.get("handle", ""))
    if done:
        messages.success(request, _("They are no longer on the program's staff."))
    return redirect("programs-manage-program", slug=program.slug)


@require_POST
@login_required
def close(request, slug: str):
    program = access.get_managed_program_for(request.user, slug)
    with attempt(request=request) as done:
        services.close_program(request.user, program)
    if done:
        messages.success(request, _("The program is closed. Its records stay for its reports."))
    return redirect("programs-manage")
