"""Private messages (services/conversations.py): the list, a new message, a conversation,
reporting a message, blocks and the person's message settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from lantern.accounts.badges import roles_of
from lantern.core.errors import Refused
from lantern.safety import crisis

from .. import access, forms, services
from .base import after_save, refused_status


@login_required
@require_GET
def conversations(request):
    items = list(services.conversations_for(request.user))
    for c in items:
        c.with_person = c.other(request.user)
        read = c.read_at(request.user)
        c.unread = read is None or c.last_message_at > read
    return render(request, "community/messages.html", {"conversations": items})


@login_required
def message_new(request):
    form = forms.NewMessageForm(request.POST or None, initial={"to": request.GET.get("to", "")})
    status = 200
    if request.method == "POST" and form.is_valid():
        recipient = services.person_by_handle(form.cleaned_data["to"])
        if recipient is None:
            form.add_error("to", _("Nobody on Lantern has that handle."))
        else:
            try:
                saved = services.message_person(request.user, recipient, form.cleaned_data["body"])
            except Refused as error:
                error.add_to_form(form)
                status = refused_status(error)
            else:
                after_save(request, saved, _("message"))
                return redirect(saved.obj.conversation.get_absolute_url())
    return render(request, "community/message_new.html", {"form": form}, status=status)


@login_required
def conversation(request, pk: int):
    conversation = access.get_conversation_for(request.user, pk)
    other = conversation.other(request.user)
    form = forms.MessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                saved = services.send_message(request.user, conversation, form.cleaned_data["body"])
            except Refused as error:
                error.add_to_form(form)
                status = refused_status(error, 400)
            else:
                after_save(request, saved, _("message"))
                return redirect(conversation.get_absolute_url())
    services.mark_conversation_read(request.user, conversation)
    refusal = access.why_cannot_send(request.user, conversation)
    return render(
        request,
        "community/conversation.html",
        {
            "conversation": conversation,
            "other": other,
            "other_roles": roles_of(other),
            "items": services.messages_for(request.user, conversation),
            "form": form,
            "refusal": refusal,
            "refusal_text": services.refusal_text(refusal),
            "i_blocked": services.has_blocked(request.user, other),
        },
        status=status,
    )


@login_required
def message_report(request, pk: int):
    message = access.get_message_for(request.user, pk)
    form = forms.ReportForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.report_message(
                request.user, message, form.cleaned_data["reason"], form.cleaned_data["note"]
            )
        except Refused as error:
            error.add_to_form(form)
            status = refused_status(error)
        else:
            crisis.offer_after_save(request, saved)
            messages.success(
                request,
                _("Thank you. Moderators will read this conversation. You can also block them."),
            )
            return redirect(message.conversation.get_absolute_url())
    return render(
        request, "community/report.html", {"form": form, "message_obj": message}, status=status
    )


@login_required
@require_POST
def block(request, handle: str):
    other = access.get_person_for(request.user, handle)
    try:
        services.block(request.user, other)
    except Refused as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("You blocked %(handle)s. Neither of you can message the other.")
            % {"handle": other.handle},
        )
    return redirect("community-blocks")


@login_required
@require_POST
def unblock(request, handle: str):
    other = access.get_person_for(request.user, handle, active=False)
    services.unblock(request.user, other)
    messages.success(request, _("You unblocked %(handle)s.") % {"handle": other.handle})
    return redirect("community-blocks")


@login_required
@require_GET
def blocks(request):
    return render(request, "community/blocks.html", {"blocks": services.blocks_of(request.user)})


@login_required
def my_settings(request):
    """Whom the person exchanges private messages with, and which group notifications they get."""
    current = services.settings_for(request.user)
    form = forms.MemberSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        services.save_settings(
            request.user, **{name: form.cleaned_data[name] for name in form.Meta.fields}
        )
        messages.success(request, _("Your settings are saved."))
        return redirect("community-my-settings")
    return render(
        request,
        "community/my_settings.html",
        {"form": form, "newcomer": access.is_newcomer(request.user)},
        status=400 if form.is_bound and form.errors else 200,
    )
