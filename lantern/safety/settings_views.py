"""Settings → Crisis lines and Settings → On-duty roster (administrators). Thin: access, a form,
a service from `roster.py`."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lantern.core import access
from lantern.core.errors import Refused
from lantern.core.roles import HELPER_ROLES, Role
from lantern.core.timezones import zone_for

from . import roster
from .models import CrisisResource, SafetySettings, Shift


class CrisisLineForm(forms.ModelForm):
    class Meta:
        model = CrisisResource
        fields = list(roster.LINE_FIELDS)
        labels = {
            "kind": gettext_lazy("Kind"),
            "name": gettext_lazy("Name"),
            "description": gettext_lazy("What it is for"),
            "phone": gettext_lazy("Number to call"),
            "phone_label": gettext_lazy("Words on the call button"),
            "sms": gettext_lazy("Number to text"),
            "sms_body": gettext_lazy("Word to send"),
            "sms_label": gettext_lazy("Words on the text button"),
            "url": gettext_lazy("Web address"),
            "order": gettext_lazy("Place in the list (lower first)"),
            "active": gettext_lazy("Shown on every page"),
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    all_optional = False


class ScheduleShiftForm(forms.Form):
    handle = forms.CharField(label=gettext_lazy("Handle"), max_length=30)
    role = forms.ChoiceField(
        label=gettext_lazy("Role"),
        choices=[(role, label) for role, label in Role.choices if role in HELPER_ROLES],
    )
    starts_at = forms.DateTimeField(
        label=gettext_lazy("Starts"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    hours = forms.FloatField(
        label=gettext_lazy("For how many hours"), min_value=0.25, max_value=12, initial=4
    )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().lstrip("@")
        person = get_user_model().objects.filter(handle__iexact=handle, is_active=True).first()
        if person is None:
            raise forms.ValidationError(_("Nobody on Lantern has that handle."))
        return person


class NetSettingsForm(forms.ModelForm):
    class Meta:
        model = SafetySettings
        fields = list(roster.NET_FIELDS)

    all_optional = False


def _admin_only(request) -> None:
    if not access.can_manage_roles(request.user):
        raise Http404


@login_required
def crisis_lines(request):
    _admin_only(request)
    return render(
        request,
        "safety/manage_crisis_lines.html",
        {"languages": roster.lines_by_language(settings.LANGUAGES)},
    )


@login_required
@require_POST
def crisis_lines_keep(request, locale: str):
    _admin_only(request)
    if locale not in dict(settings.LANGUAGES):
        raise Http404
    roster.keep_builtin_lines(request.user, locale)
    messages.success(request, _("These lines are now yours to edit."))
    return redirect("safety-manage-crisis-lines")


@login_required
def crisis_line_edit(request, pk: int | None = None, locale: str = ""):
    _admin_only(request)
    if pk is None:
        if locale not in dict(settings.LANGUAGES):
            raise Http404
        line = CrisisResource(locale=locale, kind=CrisisResource.Kind.CRISIS)
    else:
        line = get_object_or_404(CrisisResource, pk=pk)
    form = CrisisLineForm(request.POST or None, instance=line)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in roster.LINE_FIELDS}
        try:
            roster.save_line(request.user, line, **values)
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The crisis line is saved."))
            return redirect("safety-manage-crisis-lines")
    return render(
        request,
        "safety/manage_crisis_line.html",
        {"form": form, "line": line, "language": dict(settings.LANGUAGES)[line.locale]},
    )


@login_required
def on_duty_roster(request):
    _admin_only(request)
    zone = zone_for(request.user)
    form = ScheduleShiftForm(
        request.POST or None,
        initial={"starts_at": timezone.now().astimezone(zone).replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts_at = data["starts_at"]
        if timezone.is_naive(starts_at):
            starts_at = starts_at.replace(tzinfo=zone)
        try:
            roster.schedule_shift(
                request.user, data["handle"], data["role"], starts_at, data["hours"]
            )
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(
                request,
                _("%(handle)s is on the roster.") % {"handle": data["handle"].handle},
            )
            return redirect("safety-manage-roster")
    return render(
        request,
        "safety/manage_roster.html",
        {"form": form, "shifts": roster.roster(), "now": timezone.now(), "zone": zone},
    )


@login_required
@require_POST
def on_duty_cancel(request, pk: int):
    _admin_only(request)
    shift = get_object_or_404(Shift, pk=pk)
    roster.cancel_shift(request.user, shift)
    messages.success(request, _("The shift is off the roster."))
    return redirect("safety-manage-roster")


@login_required
def net_settings(request):
    _admin_only(request)
    form = NetSettingsForm(request.POST or None, instance=SafetySettings.current())
    if request.method == "POST" and form.is_valid():
        try:
            roster.save_net_settings(
                request.user, **{name: form.cleaned_data[name] for name in roster.NET_FIELDS}
            )
        except Refused as exc:
            exc.add_to_form(form)
        else:
            messages.success(request, _("The safety net's settings are saved."))
            return redirect("core-manage")
    return render(request, "safety/manage_net.html", {"form": form})
