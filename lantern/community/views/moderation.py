"""Moderation pages: the queue, reports (with the conversation for a reported message), actions
on posts, threads, messages and people, and the log every moderator can read. Anyone else: 404.
Each action is one service (services/moderation.py); a form's button says which."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.core.errors import Refused, attempt
from lantern.core.models import reference
from lantern.safety import access as safety_access

from .. import access, forms, services
from ..models import Space

# The buttons of the moderation forms, and the one service each stands for.
POST_ACTIONS = {
    "hide": services.hide_post,
    "restore": services.restore_post,
    "approve": services.restore_post,  # a held post: the same "members see it"
}
THREAD_ACTIONS = {"lock": services.lock_thread, "unlock": services.unlock_thread}
MESSAGE_ACTIONS = {"hide": services.hide_message, "approve": services.release_message}


def _needs_reason(request) -> None:
    messages.error(request, _("Write a reason for the other moderators."))


def _moderator_only(request) -> None:
    if not access.can_moderate(request.user):
        raise Http404


def _act(request, actions: dict, record, reason_form) -> None:
    """Run the service the pressed button stands for, and say how it went."""
    action = actions.get(request.POST.get("action", ""))
    if not reason_form.is_valid():
        _needs_reason(request)
        return
    if action is None:
        messages.error(request, _("Choose an action."))
        return
    try:
        action(request.user, record, reason_form.cleaned_data["reason"])
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done, and recorded."))


def _with_alerts(user, records: list) -> list:
    """Each held or reported record with the safety alert its words raised (`.alert`), for the
    people who work alerts: a link to it, and a way to reach the writer about it."""
    alerts = safety_access.alerts_about(user, records)
    for record in records:
        record.alert = alerts.get(reference(record))
    return records


@login_required
@require_GET
def queue(request):
    _moderator_only(request)
    reports, held, held_messages = services.moderation_queue(request.user)
    held, held_messages = list(held), list(held_messages)
    _with_alerts(request.user, held + held_messages)
    return render(
        request,
        "community/moderation.html",
        {
            "reports": reports,
            "held": held,
            "held_messages": held_messages,
            "form": forms.ReasonForm(),
        },
    )


@login_required
@require_GET
def moderation_log(request):
    _moderator_only(request)
    return render(
        request,
        "community/moderation_log.html",
        {"actions": services.moderation_log(request.user)},
    )


@login_required
@require_GET
def report_detail(request, pk: int):
    report = access.get_report_for(request.user, pk)
    conversation_messages = []
    if report.message_id:
        conversation_messages = services.read_reported_conversation(request.user, report)
    person = report.post.author if report.post_id else report.message.sender
    _with_alerts(request.user, [report.post or report.message])
    return render(
        request,
        "community/report_detail.html",
        {
            "report": report,
            "reported": report.post or report.message,
            "conversation_messages": conversation_messages,
            "person": person,
            "form": forms.ReasonForm(),
        },
    )


@login_required
@require_POST
def report_resolve(request, pk: int):
    report = access.get_report_for(request.user, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        _needs_reason(request)
        return redirect("community-report", pk=pk)
    try:
        services.resolve_report(request.user, report, form.cleaned_data["reason"])
    except Refused as error:
        messages.error(request, error.message)
        return redirect("community-report", pk=pk)
    messages.success(request, _("Report closed."))
    return redirect("community-moderation")


@login_required
@require_POST
def alert_message(request, pk: int):
    """Open (or find) a private conversation with the writer of words that raised a safety
    alert, about that alert, for the people who work alerts; then go to it."""
    alert = safety_access.get_alert_for(request.user, pk)
    with attempt(request=request) as done:
        conversation = services.message_alert_author(request.user, alert)
    if not done:
        return redirect("safety-alert", pk=pk)
    return redirect(conversation.get_absolute_url())


@login_required
@require_POST
def moderate_post(request, pk: int):
    post = access.get_post_to_moderate_for(request.user, pk)
    _act(request, POST_ACTIONS, post, forms.ReasonForm(request.POST))
    if request.POST.get("next") == "thread":
        return redirect(post.thread.get_absolute_url())
    return redirect("community-moderation")


@login_required
@require_POST
def moderate_thread(request, pk: int):
    thread = access.get_thread_to_moderate_for(request.user, pk)
    _act(request, THREAD_ACTIONS, thread, forms.ReasonForm(request.POST))
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def moderate_message(request, pk: int):
    message = access.get_message_to_moderate_for(request.user, pk)
    _act(request, MESSAGE_ACTIONS, message, forms.ReasonForm(request.POST))
    return redirect("community-moderation")


def _sanction(moderator, person, data: dict, space: Space | None):
    """The service for the action chosen on the form, each with what it needs."""
    action, reason = data["action"], data["reason"]
    if action == "warn":
        return services.warn(moderator, person, reason, space=space)
    if action == "mute":
        return services.mute(moderator, person, reason, days=data["days"], space=space)
    if action == "remove":
        return services.remove_from_space(moderator, person, reason, space=space)
    if action == "ban":
        return services.ban(moderator, person, reason, days=data["days"])
    return services.lift_sanctions(moderator, person, reason, space=space)


@login_required
def moderate_person(request, handle: str):
    _moderator_only(request)
    person = access.get_person_for(request.user, handle, active=False)
    seen = services.person_history(request.user, person)
    if seen is None:
        raise Http404
    history, sanctions = seen
    form = forms.SanctionForm(request.POST or None, initial={"space": request.GET.get("space", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        space = Space.objects.filter(slug=data["space"]).first() if data["space"] else None
        try:
            _sanction(request.user, person, data, space)
        except Refused as error:
            error.add_to_form(form)
        else:
            messages.success(request, _("Done, and recorded."))
            return redirect("community-moderate-person", handle=person.handle)
    return render(
        request,
        "community/moderate_person.html",
        {
            "person": person,
            "form": form,
            "history": history[:50],
            "sanctions": sanctions,
        },
    )
