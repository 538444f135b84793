"""Moderation pages: the queue, reports (with the conversation for a reported message), actions
on posts, messages and people, and the log every moderator can read. Anyone else: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.models import User

from . import access, forms, moderation
from .models import Message, Post, Report, Space, Thread
from .services import CommunityError


def _moderator_only(request) -> None:
    if not access.can_moderate(request.user):
        raise Http404


@login_required
@require_GET
def queue(request):
    _moderator_only(request)
    reports, held, held_messages = moderation.moderation_queue(request.user)
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
        {"actions": moderation.moderation_log(request.user)},
    )


def _report_for(request, pk: int) -> Report:
    report = get_object_or_404(
        Report.objects.select_related(
            "post__space", "post__thread", "post__author", "message__conversation", "reporter"
        ),
        pk=pk,
    )
    if not moderation.can_handle_report(request.user, report):
        raise Http404
    return report


@login_required
@require_GET
def report_detail(request, pk: int):
    report = _report_for(request, pk)
    conversation_messages = []
    if report.message_id:
        moderation.record_conversation_read(request.user, report)
        conversation_messages = report.message.conversation.messages.select_related(
            "sender"
        ).order_by("created_at")
    person = report.post.author if report.post_id else report.message.sender
    return render(
        request,
        "community/report_detail.html",
        {
            "report": report,
            "conversation_messages": conversation_messages,
            "person": person,
            "form": forms.ReasonForm(),
            "sanction_form": forms.SanctionForm(
                initial={"space": report.post.space.slug if report.post_id else ""}
            ),
        },
    )


@login_required
@require_POST
def report_resolve(request, pk: int):
    report = _report_for(request, pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason for the other moderators."))
        return redirect("community-report", pk=pk)
    moderation.resolve_report(request.user, report, form.cleaned_data["reason"])
    messages.success(request, _("Report closed."))
    return redirect("community-moderation")


@login_required
@require_POST
def moderate_post(request, pk: int):
    post = get_object_or_404(Post.objects.select_related("space", "thread", "author"), pk=pk)
    if not access.can_moderate_space(request.user, post.space):
        raise Http404
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason for the other moderators."))
    else:
        try:
            moderation.moderate_post(
                request.user, post, request.POST.get("action", ""), form.cleaned_data["reason"]
            )
        except CommunityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Done, and recorded."))
    return redirect(
        (request.POST.get("next") == "thread" and post.thread.get_absolute_url())
        or "community-moderation"
    )


@login_required
@require_POST
def moderate_thread(request, pk: int):
    thread = get_object_or_404(Thread.objects.select_related("space"), pk=pk)
    if not access.can_moderate_space(request.user, thread.space):
        raise Http404
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason for the other moderators."))
    else:
        locked = request.POST.get("action") == "lock"
        moderation.lock_thread(request.user, thread, locked, form.cleaned_data["reason"])
        messages.success(request, _("Done, and recorded."))
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def moderate_message(request, pk: int):
    if not access.is_site_moderator(request.user):
        raise Http404
    message = get_object_or_404(Message.objects.select_related("conversation", "sender"), pk=pk)
    form = forms.ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a reason for the other moderators."))
    else:
        try:
            moderation.moderate_message(
                request.user, message, request.POST.get("action", ""), form.cleaned_data["reason"]
            )
        except CommunityError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Done, and recorded."))
    return redirect("community-moderation")


@login_required
def moderate_person(request, handle: str):
    _moderator_only(request)
    person = get_object_or_404(User, handle__iexact=handle)
    seen = moderation.person_history(request.user, person)
    if seen is None:
        raise Http404
    history, sanctions = seen
    form = forms.SanctionForm(request.POST or None, initial={"space": request.GET.get("space", "")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        space = Space.objects.filter(slug=data["space"]).first() if data["space"] else None
        try:
            moderation.sanction(
                request.user,
                person,
                data["action"],
                data["reason"],
                space=space,
                days=data["days"],
            )
        except CommunityError as exc:
            form.add_error(None, str(exc))
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
