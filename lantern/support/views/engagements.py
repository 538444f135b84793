"""Engagement pages: the member's page, the caseload, requests, invitations, consent, closing,
hand-over and messages. Thin: load through `access`, call a service, redirect or render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import Refused, attempt
from lantern.safety import crisis

from .. import access, forms, services
from ..models import Engagement, today
from .base import _posted, _specialist_only


@login_required
def home(request):
    """A member's engagements (consent, access history) and the way to ask for a specialist."""
    if access.is_specialist(request.user):
        return redirect("support-caseload")
    engagements = services.engagements_of_member(request.user)
    return render(
        request,
        "support/home.html",
        {
            "engagements": engagements,
            "live": [e for e in engagements if e.status != Engagement.Status.CLOSED],
            "form": forms.RequestForm(),
            "code_form": forms.CodeForm(),
        },
    )


@login_required
def caseload(request):
    _specialist_only(request.user)
    return render(
        request,
        "support/caseload.html",
        {
            "rows": services.caseload(request.user),
            "rate": services.followup_rate([request.user]),
            "supervisor": access.is_supervisor(request.user),
            "requests": services.open_requests(),
            "invite_form": forms.InviteForm(),
        },
    )


@login_required
def team(request):
    """A supervisor's teams: caseloads and follow-up rates, never the records' text."""
    if not access.is_supervisor(request.user):
        raise Http404
    return render(request, "support/team.html", {"teams": services.team_view(request.user)})


@login_required
def due(request):
    """Follow-ups due this week or overdue, across the caseload."""
    _specialist_only(request.user)
    return render(
        request,
        "support/due.html",
        {"followups": services.due_list(request.user), "today": today()},
    )


@login_required
@require_POST
def request_specialist(request):
    form = forms.RequestForm(request.POST)
    if form.is_valid():
        with attempt(request=request) as done:
            saved = services.request_specialist(request.user, form.cleaned_data["note"])
        if done:
            crisis.offer_after_save(request, saved)
            messages.success(request, _("Your request is sent. A peer specialist will answer."))
            return redirect(saved.obj)
    return redirect("support-home")


@login_required
def invite(request):
    _specialist_only(request.user)
    form = forms.InviteForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.invite(request.user, form.cleaned_data["handle"])
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Invitation sent. Nothing is shared until they consent."))
            return redirect(engagement)
    status = 400 if request.method == "POST" else 200
    return render(request, "support/invite.html", {"form": form}, status=status)


@login_required
@require_POST
def invite_code(request):
    _specialist_only(request.user)
    engagement = services.create_invite_code(request.user)
    return render(request, "support/invite.html", {"form": forms.InviteForm(), "code": engagement})


@login_required
def join(request):
    form = forms.CodeForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            engagement = services.join_with_code(request.user, form.cleaned_data["code"])
        except Refused as error:
            error.add_to_form(form)
        else:
            return redirect("support-consent", pk=engagement.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "support/join.html", {"form": form}, status=status)


@login_required
def engagement(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    member_view = access.is_member_of(request.user, e)
    consent = getattr(e, "consent", None)
    context = {
        "e": e,
        "member_view": member_view,
        "consent": consent,
        "consent_in_force": consent is not None and consent.in_force(),
        "can_take": access.can_take_request(request.user, e),
        "close_form": forms.CloseForm(),
        "handover_form": forms.HandoverForm(),
        "history": e.history.select_related("by")[:20],
    }
    if member_view:
        context["looked"] = services.access_history(request.user, e)
        context["proposals"] = [
            p for p in services.proposals_for(e) if p.status == p.Status.PROPOSED
        ]
    else:
        context["scopes"] = {
            s: access.can_read_records(request.user, e, s)
            for s in ("intake", "notes", "assessments", "referrals", "followups", "plan")
        }
    return render(request, "support/engagement.html", context)


@login_required
@require_POST
def take(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    services.take_request(request.user, e)
    messages.success(request, _("You took the request. The member is asked for consent."))
    return redirect(e)


@login_required
def consent(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    if not access.is_member_of(request.user, e):
        raise Http404
    current = getattr(e, "consent", None)
    initial = {}
    if current is not None and current.in_force():
        initial = {
            "scopes": current.scopes,
            "purpose": current.purpose,
            "audience": current.audience,
            "ends_on": current.ends_on,
        }
    form = forms.ConsentForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_consent(request.user, e, **form.cleaned_data)
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Your consent is saved. You can withdraw it at any time."))
            return redirect(e)
    status = 400 if request.method == "POST" else 200
    return render(request, "support/consent.html", {"e": e, "form": form}, status=status)


@login_required
@require_POST
def revoke(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    if not access.is_member_of(request.user, e):
        raise Http404
    services.revoke_consent(request.user, e)
    messages.success(
        request, _("Consent withdrawn. Your peer specialist can no longer see your records.")
    )
    return redirect(e)


@login_required
@require_POST
def decline(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    with attempt(request=request):
        services.decline(request.user, e)
    return redirect("support-home")


@login_required
@require_POST
def close(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    form = forms.CloseForm(request.POST)
    if not access.can_view_engagement(request.user, e):
        raise Http404
    with attempt(request=request) as done:
        if not form.is_valid():
            raise Refused(_("Choose a reason."), field="reason")
        services.close(request.user, e, form.cleaned_data["reason"])
    if done:
        messages.success(request, _("The engagement is closed."))
    return redirect(e)


@login_required
@require_POST
def handover(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    if not access.is_specialist_of(request.user, e):
        raise Http404
    form = forms.HandoverForm(request.POST)
    with attempt(request=request) as done:
        if not form.is_valid():
            raise Refused(_("Give your colleague's handle."), field="handle")
        services.propose_handover(request.user, e, form.cleaned_data["handle"])
    if done:
        messages.success(request, _("The member is asked to agree to the hand-over."))
    return redirect(e)


@login_required
@require_POST
def handover_answer(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    if not access.is_member_of(request.user, e):
        raise Http404
    with attempt(request=request):
        services.answer_handover(request.user, e, agree=request.POST.get("agree") == "yes")
    return redirect(e)


@login_required
@require_POST
def message(request, pk: int):
    e = access.get_engagement_for(request.user, pk)
    with attempt(request=request) as done:
        conversation = services.open_messages(request.user, e)
    if not done:
        return redirect(e)
    return redirect("community-conversation", pk=conversation.pk)
