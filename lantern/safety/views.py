"""The safety net's pages. Each view loads records through `access` (404 for anyone who may not
see them) and acts through `services`, which check again and refuse with `Refused`; a
`NotFound` from a service is let through (it is a 404)."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core.errors import RateLimited, Refused, attempt
from lantern.core.roles import Role

from . import access, extensions, review, services
from .models import ReachOut, Shift


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TelInput(forms.TextInput):
    input_type = "tel"


class ReachOutForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Anything you want them to know?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    phone = forms.CharField(
        label=gettext_lazy("A number to call you on"),
        required=False,
        max_length=40,
        widget=TelInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        help_text=gettext_lazy(
            "Only if you would like a call. Only the person who answers sees it, and it is "
            "erased when the conversation closes."
        ),
    )


class HandOffForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("What should the specialist know? They both read this."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ShiftForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("Role"))
    hours = forms.FloatField(label=gettext_lazy("For how many hours"), min_value=0.25, max_value=12)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Role.choices)
        self.fields["role"].choices = [
            (r, labels[r]) for r in access.RESPONDER_ROLES if r in user.roles
        ]


class ReviewReachOutForm(forms.Form):
    body = forms.CharField(
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CircleAddForm(forms.Form):
    handle = forms.CharField(label=gettext_lazy("Their handle"), max_length=30)


def _crisis_lines() -> list:
    return services.crisis_resources(get_language() or "en")


def help_page(request):
    """Crisis lines, always public, one tap to call or text. `?offline=1` is the page the
    service worker keeps for when the phone has no connection (core/templates/core/sw.js): the
    same lines, saying that the phone is offline, with no one's header."""
    if request.GET.get("offline"):
        return render(request, "safety/offline.html", {"resources": _crisis_lines()})
    return render(
        request, "safety/help.html", {"resources": _crisis_lines(), "form": ReachOutForm()}
    )


# --- Reach-outs ---------------------------------------------------------------------------------


@login_required
def reach_out_start(request):
    """ "I need someone now". Whatever happens, even a refusal (too many requests in a short
    time), the page shows the crisis lines and the person's reach-out that is still going."""
    form = ReachOutForm(request.POST if request.method == "POST" else None)
    refused = None
    if request.method == "POST" and form.is_valid():
        try:
            reach_out = services.start_reach_out(
                request.user, form.cleaned_data["message"], form.cleaned_data["phone"]
            )
        except RateLimited as exc:
            refused = exc.message
        except Refused as exc:
            exc.add_to_form(form)  # a number nobody could dial: the form again, nothing lost
        else:
            return redirect("safety-reach-out", pk=reach_out.pk)
    return render(
        request,
        "safety/reach_out_start.html",
        {
            "form": form,
            "refused": refused,
            "current": services.current_reach_out(request.user),
            "resources": _crisis_lines(),
        },
        status=429 if refused else (400 if form.errors else 200),
    )


@login_required
def reach_out_detail(request, pk: int):
    """The member and whoever answers talk here. The person with the member also finds what
    the member shares with them, the number to call if the member gave one, and a hand-off to
    a peer specialist."""
    reach_out = services.read_reach_out(request.user, access.get_reach_out_for(request.user, pk))
    user = request.user
    still_going = reach_out.status != ReachOut.Status.CLOSED
    with_them = still_going and reach_out.claimed_by_id == user.pk
    context = {
        "reach_out": reach_out,
        "chat": reach_out.messages.select_related("author"),
        "is_member": user == reach_out.member,
        "with_them": with_them,
        "can_claim": reach_out.is_open and access.can_claim_reach_out(user, reach_out),
        "can_take_over": access.can_take_over_reach_out(user, reach_out),
        "can_message": still_going and access.can_message_in_reach_out(user, reach_out),
        "can_close": still_going and access.can_close_reach_out(user, reach_out),
        "can_hand_off": access.can_hand_off_reach_out(user, reach_out),
        "show_phone": access.can_see_reach_out_phone(user, reach_out),
        "shared": extensions.links_for_responder(user, reach_out.member) if with_them else [],
        "form": MessageForm(),
        "hand_off_form": HandOffForm(),
        "resources": _crisis_lines(),
    }
    template = "safety/_reach_out_live.html" if request.htmx else "safety/reach_out.html"
    return render(request, template, context)


@login_required
@require_POST
def reach_out_claim(request, pk: int):
    reach_out = access.get_reach_out_for(request.user, pk)
    with attempt() as done:
        services.claim_reach_out(request.user, reach_out)
    if not done:  # someone else took it a moment ago: not an error
        messages.info(request, done.refused.message)
    return redirect("safety-reach-out", pk=pk)


@login_required
@require_POST
def reach_out_hand_off(request, pk: int):
    """The person with the member asks a peer specialist to take over."""
    reach_out = access.get_reach_out_for(request.user, pk)
    form = HandOffForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    with attempt(request=request) as done:
        services.hand_off_reach_out(request.user, reach_out, note)
    if done:
        messages.success(
            request,
            _("The peer specialists on duty are told. Stay with them until one takes over."),
        )
    return redirect("safety-reach-out", pk=pk)


@login_required
@require_POST
def reach_out_message(request, pk: int):
    reach_out = access.get_reach_out_for(request.user, pk)
    form = MessageForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""  # the service says what is wrong
    with attempt(request=request):
        services.post_reach_out_message(request.user, reach_out, text)
    return redirect("safety-reach-out", pk=pk)


@login_required
@require_POST
def reach_out_close(request, pk: int):
    services.close_reach_out(request.user, access.get_reach_out_for(request.user, pk))
    messages.success(request, _("The conversation is closed. You can reach out again any time."))
    return redirect("safety-reach-out", pk=pk)


@login_required
def reach_out_list(request):
    """Reach-outs this person was asked to answer (specialists and admins see all open ones)."""
    if not access.can_respond_to_reach_outs(request.user):
        raise Http404
    reach_outs = access.reach_outs_for(request.user)[:100]
    return render(request, "safety/reach_out_list.html", {"reach_outs": reach_outs})


# --- Circle -------------------------------------------------------------------------------------


@login_required
def circle(request):
    form = CircleAddForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_to_circle(request.user, form.cleaned_data["handle"])
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(
                request, _("%(handle)s is in your circle.") % {"handle": entry.person.handle}
            )
            return redirect("safety-circle")
    return render(
        request,
        "safety/circle.html",
        {
            "form": form,
            "people": services.circle_of(request.user),
            "prefs": services.circle_preferences(request.user),
        },
    )


@login_required
@require_POST
def circle_remove(request, person_id: int):
    services.remove_from_circle(request.user, person_id)
    return redirect("safety-circle")


@login_required
@require_POST
def circle_preferences(request):
    services.set_circle_preferences(
        request.user,
        tell_circle_when_urgent=request.POST.get("tell_circle_when_urgent") == "on",
        tell_circle_when_elevated=request.POST.get("tell_circle_when_elevated") == "on",
    )
    messages.success(request, _("Saved."))
    return redirect("safety-circle")


# --- On duty ------------------------------------------------------------------------------------


@login_required
def duty(request):
    if not access.can_go_on_duty(request.user):
        raise Http404
    form = ShiftForm(
        request.user, request.POST if request.method == "POST" else None, initial={"hours": 2}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.start_shift(
                request.user, form.cleaned_data["role"], form.cleaned_data["hours"]
            )
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("You are on duty. Thank you."))
            return redirect("safety-duty")
    return render(
        request,
        "safety/duty.html",
        {
            "form": form,
            "now_on_duty": Shift.objects.on_duty().select_related("person"),
            "mine": Shift.objects.on_duty().filter(person=request.user),
        },
    )


@login_required
@require_POST
def duty_end(request):
    services.end_shift(request.user)
    messages.success(request, _("You are off duty."))
    return redirect("safety-duty")


# --- Alerts -------------------------------------------------------------------------------------


@login_required
def alert_list(request):
    if not access.can_work_alerts(request.user):
        raise Http404
    show = "resolved" if request.GET.get("show") == "resolved" else "open"
    alerts = access.alerts_for(request.user, resolved=show == "resolved")[:200]
    return render(request, "safety/alert_list.html", {"alerts": alerts, "show": show})


@login_required
def alert_detail(request, pk: int):
    alert = services.read_alert(request.user, access.get_alert_for(request.user, pk))
    return render(
        request,
        "safety/alert.html",
        {
            "alert": alert,
            "notes": alert.notes.select_related("author"),
            "form": NoteForm(),
            "contacts": extensions.author_contacts(request.user, alert),
        },
    )


@login_required
@require_POST
def alert_acknowledge(request, pk: int):
    services.acknowledge_alert(request.user, access.get_alert_for(request.user, pk))
    return redirect("safety-alert", pk=pk)


@login_required
@require_POST
def alert_note(request, pk: int):
    alert = access.get_alert_for(request.user, pk)
    form = NoteForm(request.POST)
    text = form.cleaned_data["text"] if form.is_valid() else ""  # the service says what is wrong
    with attempt(request=request):
        services.add_alert_note(request.user, alert, text)
    return redirect("safety-alert", pk=pk)


@login_required
@require_POST
def alert_resolve(request, pk: int):
    alert = access.get_alert_for(request.user, pk)
    services.resolve_alert(request.user, alert, request.POST.get("text", "")[:4000])
    messages.success(request, _("Alert resolved."))
    return redirect("safety-alerts")


@login_required
def metrics(request):
    try:
        days = min(max(int(request.GET.get("days", 30)), 1), 365)
    except ValueError:
        days = 30
    return render(request, "safety/metrics.html", {"m": services.metrics(request.user, days)})


# --- Needs a look -------------------------------------------------------------------------------


@login_required
def review_queue(request):
    """The "Needs a look" queue: shared words the safety net is unsure about, soonest deadline
    first, each with where it was written, who wrote it and three actions (`?show=handled`: what
    was looked at lately, and by whom). A supporter off duty is asked to go on duty first."""
    if not access.can_open_review_page(request.user):
        raise Http404
    show = "handled" if request.GET.get("show") == "handled" else "open"
    working = access.can_work_review_queue(request.user)
    items = []
    if working:
        items = review.queue_page(request.user, handled=show == "handled")
    return render(
        request,
        "safety/review_queue.html",
        {
            "items": items,
            "show": show,
            "working": working,
            "can_reach_out": extensions.can_reach_review_authors(),
            "show_alerts": access.can_work_alerts(request.user),
            "now": timezone.now(),
        },
    )


def _back_to_queue():
    return redirect("safety-review")


@login_required
@require_POST
def review_fine(request, pk: int):
    item = access.get_review_item_for(request.user, pk)
    with attempt(request=request) as done:
        review.looks_fine(request.user, item)
    if done:
        messages.success(request, _("Thank you for looking. It has left the queue."))
    return _back_to_queue()


@login_required
@require_POST
def review_reach_out(request, pk: int):
    """Open a private conversation with the writer (with a first message if one was written),
    and go to it."""
    item = access.get_review_item_for(request.user, pk)
    form = ReviewReachOutForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message of up to 4,000 characters."))
        return _back_to_queue()
    body = form.cleaned_data["body"]
    with attempt(request=request) as done:
        url = review.reach_out(request.user, item, body)
    if not done:
        return _back_to_queue()
    return redirect(url)


@login_required
@require_POST
def review_raise(request, pk: int):
    item = access.get_review_item_for(request.user, pk)
    with attempt(request=request) as done:
        review.raise_to_urgent(request.user, item)
    if done:
        messages.success(
            request, _("Raised to urgent: the moderators and specialists on duty are told now.")
        )
    return _back_to_queue()
