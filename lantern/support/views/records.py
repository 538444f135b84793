"""Record pages inside an engagement: intake, contact notes, assessments, referrals,
follow-ups and the plan. Each carries the notice against redisclosure."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core import charts
from lantern.core.errors import Refused, attempt
from lantern.safety import crisis

from .. import access, forms, instruments, services
from ..models import Referral, today
from .base import _posted


@login_required
def intake(request, pk: int):
    e = access.get_engagement_records_for(request.user, pk, "intake")
    current = services.read_intake(request.user, e)
    if not access.can_write_records(request.user, e, "intake"):
        return render(request, "support/intake.html", {"e": e, "intake": current})
    initial = {}
    if current is not None:
        initial = {"pathways": current.pathway_list, "goals": current.goals}
        initial["strengths"] = current.strengths
        for domain, value in current.need_map.items():
            initial[f"need_{domain}"] = value.get("level", 0)
    form = forms.IntakeForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with attempt(form) as done:
            saved = services.save_intake(
                request.user,
                e,
                pathways=data["pathways"],
                goals=data["goals"],
                needs=form.needs(),
                strengths=data["strengths"],
            )
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Intake saved. Follow-ups are scheduled."))
            return redirect(e)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "support/intake.html", {"e": e, "intake": current, "form": form}, status=status
    )


@login_required
def notes(request, pk: int):
    e = access.get_engagement_records_for(request.user, pk, "notes")
    form = None
    if access.can_write_records(request.user, e, "notes"):
        form = forms.NoteForm(_posted(request), initial={"contact_on": today(), "minutes": 30})
        if request.method == "POST" and form.is_valid():
            with attempt(form) as done:
                saved = services.add_note(request.user, e, **form.cleaned_data)
            if done:
                crisis.offer_after_save(request, saved)
                messages.success(request, _("Note saved. You can change it for 24 hours."))
                return redirect("support-notes", pk=e.pk)
    elif request.method == "POST":
        raise Http404
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "support/notes.html",
        {"e": e, "notes": services.read_notes(request.user, e), "form": form},
        status=status,
    )


@login_required
def note(request, pk: int):
    n = access.get_note_for(request.user, pk)
    services.read_note(request.user, n)
    editable = services.can_edit_note(request.user, n)
    form = None
    if editable:
        initial = {f: getattr(n, f) for f in forms.NoteForm.base_fields}
        form = forms.NoteForm(_posted(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            with attempt(form) as done:
                saved = services.edit_note(request.user, n, **form.cleaned_data)
            if done:
                crisis.offer_after_save(request, saved)
                messages.success(request, _("Note changed."))
                return redirect("support-note", pk=n.pk)
    elif request.method == "POST":
        messages.error(
            request,
            _("A note can be changed for 24 hours after it is written. Add an addendum instead."),
        )
        return redirect("support-note", pk=n.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "support/note.html",
        {
            "n": n,
            "e": n.engagement,
            "form": form,
            "addendum_form": forms.AddendumForm(),
            "can_add": access.can_write_records(request.user, n.engagement, "notes"),
            "edit_until": n.created_at + timedelta(hours=24),
        },
        status=status,
    )


@login_required
@require_POST
def addendum(request, pk: int):
    n = access.get_note_for(request.user, pk)
    if not access.can_write_records(request.user, n.engagement, "notes"):
        raise Http404
    form = forms.AddendumForm(request.POST)
    with attempt(request=request) as done:
        if not form.is_valid():
            raise Refused(_("Write the addendum."), field="body")
        saved = services.add_addendum(request.user, n, form.cleaned_data["body"])
    if done:
        crisis.offer_after_save(request, saved)
        messages.success(request, _("Addendum added."))
    return redirect("support-note", pk=n.pk)


@login_required
def assessments(request, pk: int):
    e = access.get_engagement_records_for(request.user, pk, "assessments")
    done = services.read_assessments(request.user, e)
    known = instruments.available()
    series = {}
    for a in done:
        series.setdefault(a.instrument, []).append(a)
    charts = [_score_chart(known[slug], items) for slug, items in series.items() if slug in known]
    return render(
        request,
        "support/assessments.html",
        {
            "e": e,
            "instruments": known.values(),
            "charts": charts,
            "can_add": access.can_write_records(request.user, e, "assessments"),
        },
    )


def _score_chart(instrument, items):
    scale = charts.Scale(low=instrument.min_total, high=instrument.max_total, top=8, bottom=92)
    values = [a.score for a in items]
    points = charts.line(values, scale, width=300)
    return {
        "instrument": instrument,
        "rows": [(a, p, instrument.band_for(a.score)) for a, p in zip(items, points, strict=True)],
        "lines": charts.polylines(points),
        "grid": charts.grid([instrument.min_total, instrument.max_total], scale),
    }


@login_required
def assessment_new(request, pk: int, slug: str):
    e = access.get_staff_engagement_for(request.user, pk, "assessments")
    instrument = instruments.get(slug)
    if instrument is None:
        raise Http404
    form = forms.assessment_form(instrument, _posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        taken_on = data.pop("taken_on")
        with attempt(form) as done:
            services.record_assessment(request.user, e, slug, data, taken_on)
        if done:
            messages.success(request, _("Assessment saved."))
            return redirect("support-assessments", pk=e.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "support/assessment_form.html",
        {"e": e, "instrument": instrument, "form": form},
        status=status,
    )


@login_required
def referrals(request, pk: int):
    e = access.get_engagement_records_for(request.user, pk, "referrals")
    writer = access.can_write_records(request.user, e, "referrals")
    form = forms.ReferralForm(_posted(request)) if writer else None
    if request.method == "POST":
        if form is None:
            raise Http404
        if form.is_valid():
            with attempt(form) as done:
                saved = services.make_referral(request.user, e, **form.cleaned_data)
            if done:
                crisis.offer_after_save(request, saved)
                messages.success(request, _("Referral saved."))
                return redirect("support-referrals", pk=e.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "support/referrals.html",
        {
            "e": e,
            "referrals": services.read_referrals(request.user, e),
            "form": form,
            "statuses": Referral.Status.choices,
        },
        status=status,
    )


@login_required
@require_POST
def referral_status(request, pk: int):
    r = access.get_referral_for(request.user, pk)
    if not access.can_write_records(request.user, r.engagement, "referrals"):
        raise Http404
    form = forms.ReferralStatusForm(request.POST)
    with attempt(request=request) as done:
        if not form.is_valid():
            raise Refused(_("Choose a status from the list."), field="status")
        saved = services.set_referral_status(request.user, r, **form.cleaned_data)
    if done:
        crisis.offer_after_save(request, saved)
        messages.success(request, _("Referral updated."))
    return redirect("support-referrals", pk=r.engagement_id)


@login_required
def followups(request, pk: int):
    e = access.get_engagement_records_for(request.user, pk, "followups")
    return render(
        request,
        "support/followups.html",
        {
            "e": e,
            "followups": services.read_followups(request.user, e),
            "form": forms.FollowUpForm(initial={"done_on": today()}),
            "can_record": access.can_write_records(request.user, e, "followups"),
        },
    )


@login_required
@require_POST
def followup_record(request, pk: int):
    f = access.get_followup_for(request.user, pk)
    if not access.can_write_records(request.user, f.engagement, "followups"):
        raise Http404
    form = forms.FollowUpForm(request.POST)
    with attempt(request=request) as done:
        if not form.is_valid():
            raise Refused(_("Choose reached or not reached, and the date."), field="outcome")
        services.record_followup(request.user, f, **form.cleaned_data)
    if done:
        messages.success(request, _("Follow-up recorded."))
    return redirect("support-followups", pk=f.engagement_id)


@login_required
def plan(request, pk: int):
    """The member's plan for their specialist (read, audited), and goals proposed for it."""
    e = access.get_engagement_records_for(request.user, pk, "plan")
    if access.is_member_of(request.user, e):
        return redirect("recovery-plan")
    form = None
    if access.can_write_records(request.user, e, "plan"):
        form = forms.ProposalForm(_posted(request))
        if request.method == "POST" and form.is_valid():
            with attempt(form) as done:
                saved = services.propose_goal(request.user, e, **form.cleaned_data)
            if done:
                crisis.offer_after_save(request, saved)
                messages.success(request, _("Proposed. The member decides whether it goes in."))
                return redirect("support-plan", pk=e.pk)
    elif request.method == "POST":
        raise Http404
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "support/plan.html",
        {
            "e": e,
            "plan": services.read_plan(request.user, e),
            "proposals": services.proposals_for(e),
            "form": form,
        },
        status=status,
    )


@login_required
@require_POST
def proposal_answer(request, pk: int):
    proposal = access.get_proposal_for(request.user, pk)
    if not access.is_member_of(request.user, proposal.engagement):
        raise Http404
    accept = request.POST.get("accept") == "yes"
    with attempt(request=request) as done:
        services.answer_proposal(request.user, proposal, accept=accept)
    if done and accept:
        messages.success(request, _("The goal is in your recovery plan."))
    return redirect(proposal.engagement)
