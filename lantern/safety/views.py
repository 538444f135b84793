from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lantern.core import audit

from . import access, services
from .models import Alert, ReachOut, Shift


class MessageForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Message"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReachOutForm(forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Anything you want them to know?"),
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
        from lantern.accounts.models import Role

        labels = dict(Role.choices)
        self.fields["role"].choices = [
            (r, labels[r]) for r in access.RESPONDER_ROLES if r in user.roles
        ]


class CircleAddForm(forms.Form):
    handle = forms.CharField(label=gettext_lazy("Their handle"), max_length=30)


def help_page(request):
    """Crisis lines, always public, one tap to call or text; cached by the service worker."""
    return render(
        request,
        "safety/help.html",
        {"resources": services.crisis_resources(get_language() or "en"), "form": ReachOutForm()},
    )


# --- Reach-outs ---------------------------------------------------------------------------------


def _get_reach_out_for_user(request, pk: int) -> ReachOut:
    reach_out = get_object_or_404(ReachOut.objects.select_related("member", "claimed_by"), pk=pk)
    if not access.can_view_reach_out(request.user, reach_out):
        raise Http404
    return reach_out


@login_required
def reach_out_start(request):
    form = ReachOutForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        reach_out = services.start_reach_out(request.user, form.cleaned_data["message"])
        return redirect("safety-reach-out", pk=reach_out.pk)
    current = ReachOut.objects.filter(member=request.user, status=ReachOut.Status.OPEN).first()
    return render(
        request,
        "safety/reach_out_start.html",
        {
            "form": form,
            "current": current,
            "resources": services.crisis_resources(get_language() or "en"),
        },
    )


@login_required
def reach_out_detail(request, pk: int):
    reach_out = _get_reach_out_for_user(request, pk)
    if request.user != reach_out.member:
        audit.record(request.user, "reach_out.view", reach_out, subject=reach_out.member)
    context = {
        "reach_out": reach_out,
        "is_member": request.user == reach_out.member,
        "can_claim": reach_out.is_open and access.can_claim_reach_out(request.user, reach_out),
        "can_message": access.can_message_in_reach_out(request.user, reach_out)
        and reach_out.status != ReachOut.Status.CLOSED,
        "can_close": access.can_close_reach_out(request.user, reach_out)
        and reach_out.status != ReachOut.Status.CLOSED,
        "form": MessageForm(),
        "resources": services.crisis_resources(get_language() or "en"),
    }
    template = "safety/_reach_out_live.html" if request.htmx else "safety/reach_out.html"
    return render(request, template, context)


@login_required
@require_POST
def reach_out_claim(request, pk: int):
    reach_out = _get_reach_out_for_user(request, pk)
    if not access.can_claim_reach_out(request.user, reach_out):
        raise Http404
    try:
        services.claim_reach_out(reach_out, request.user)
    except services.SafetyError as exc:
        messages.info(request, str(exc))
    return redirect("safety-reach-out", pk=pk)


@login_required
@require_POST
def reach_out_message(request, pk: int):
    reach_out = _get_reach_out_for_user(request, pk)
    if not access.can_message_in_reach_out(request.user, reach_out):
        raise Http404
    form = MessageForm(request.POST)
    if form.is_valid():
        try:
            services.post_reach_out_message(reach_out, request.user, form.cleaned_data["text"])
        except services.SafetyError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Write a message of up to 4,000 characters."))
    return redirect("safety-reach-out", pk=pk)


@login_required
@require_POST
def reach_out_close(request, pk: int):
    reach_out = _get_reach_out_for_user(request, pk)
    if not access.can_close_reach_out(request.user, reach_out):
        raise Http404
    services.close_reach_out(reach_out, request.user)
    messages.success(request, _("The conversation is closed. You can reach out again any time."))
    return redirect("safety-reach-out", pk=pk)


@login_required
def reach_out_list(request):
    """Reach-outs this person was asked to answer (specialists and admins see all open ones)."""
    if not access.can_respond_to_reach_outs(request.user):
        raise Http404
    reach_outs = ReachOut.objects.select_related("member", "claimed_by")
    if access.has_role(request.user, "specialist", "admin"):
        reach_outs = reach_outs.exclude(status=ReachOut.Status.CLOSED)
    else:
        reach_outs = reach_outs.filter(recipients__person=request.user).exclude(
            status=ReachOut.Status.CLOSED
        )
    return render(request, "safety/reach_out_list.html", {"reach_outs": reach_outs[:100]})


# --- Circle -------------------------------------------------------------------------------------


@login_required
def circle(request):
    form = CircleAddForm(request.POST if request.method == "POST" else None)
    prefs = services.circle_preferences(request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_to_circle(request.user, form.cleaned_data["handle"])
        except services.SafetyError as exc:
            form.add_error("handle", str(exc))
        else:
            messages.success(
                request, _("%(handle)s is in your circle.") % {"handle": entry.person.handle}
            )
            return redirect("safety-circle")
    return render(
        request,
        "safety/circle.html",
        {"form": form, "people": services.circle_of(request.user), "prefs": prefs},
    )


@login_required
@require_POST
def circle_remove(request, person_id: int):
    services.remove_from_circle(request.user, person_id)
    return redirect("safety-circle")


@login_required
@require_POST
def circle_preferences(request):
    prefs = services.circle_preferences(request.user)
    prefs.tell_circle_when_urgent = request.POST.get("tell_circle_when_urgent") == "on"
    prefs.tell_circle_when_elevated = request.POST.get("tell_circle_when_elevated") == "on"
    prefs.save()
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
        except services.SafetyError as exc:
            form.add_error(None, str(exc))
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
    if not access.can_go_on_duty(request.user):
        raise Http404
    services.end_shift(request.user)
    messages.success(request, _("You are off duty."))
    return redirect("safety-duty")


# --- Alerts -------------------------------------------------------------------------------------


def _get_alert_for_user(request, pk: int) -> Alert:
    if not access.can_work_alerts(request.user):
        raise Http404
    return get_object_or_404(Alert.objects.select_related("author", "owner"), pk=pk)


@login_required
def alert_list(request):
    if not access.can_work_alerts(request.user):
        raise Http404
    show = request.GET.get("show", "open")
    alerts = Alert.objects.select_related("author", "owner")
    alerts = alerts.open() if show == "open" else alerts.filter(status=Alert.Status.RESOLVED)
    return render(request, "safety/alert_list.html", {"alerts": alerts[:200], "show": show})


@login_required
def alert_detail(request, pk: int):
    alert = _get_alert_for_user(request, pk)
    audit.record(request.user, "alert.view", alert, subject=alert.author)
    return render(
        request,
        "safety/alert.html",
        {"alert": alert, "notes": alert.notes.select_related("author"), "form": NoteForm()},
    )


@login_required
@require_POST
def alert_acknowledge(request, pk: int):
    alert = _get_alert_for_user(request, pk)
    services.acknowledge_alert(alert, request.user)
    return redirect("safety-alert", pk=pk)


@login_required
@require_POST
def alert_note(request, pk: int):
    alert = _get_alert_for_user(request, pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.add_alert_note(alert, request.user, form.cleaned_data["text"])
    else:
        messages.error(request, _("Write a note of up to 4,000 characters."))
    return redirect("safety-alert", pk=pk)


@login_required
@require_POST
def alert_resolve(request, pk: int):
    alert = _get_alert_for_user(request, pk)
    services.resolve_alert(alert, request.user, request.POST.get("text", "")[:4000])
    messages.success(request, _("Alert resolved."))
    return redirect("safety-alerts")


@login_required
def metrics(request):
    if not access.can_view_safety_metrics(request.user):
        raise Http404
    try:
        days = min(max(int(request.GET.get("days", 30)), 1), 365)
    except ValueError:
        days = 30
    return render(request, "safety/metrics.html", {"m": services.metrics(days)})
