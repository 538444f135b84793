from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CareLevel, CheckIn
from .services.cohorts import DAYS_MAX, NAME_MAX, USES_MAX
from .services.followups import NOTE_MAX

DATE = forms.DateInput(attrs={"type": "date"})


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX,
        help_text=_("For example “Graduates, March 2026”. Graduates see it."),
    )
    graduated_on = forms.DateField(
        label=_("Graduation or start date"),
        required=False,
        widget=DATE,
        help_text=_("Check-ins are counted from this day for anyone who joins before it."),
    )


class CodeForm(forms.Form):
    uses = forms.IntegerField(
        label=_("How many people may use it"), min_value=1, max_value=USES_MAX, initial=25
    )
    days = forms.IntegerField(
        label=_("For how many days"), min_value=1, max_value=DAYS_MAX, initial=30
    )


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=40,
        help_text=_("The code from your program, with or without the dash."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class HandleForm(forms.Form):
    handle = forms.CharField(label=_("Handle"), max_length=40)


class CheckInForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("How are you doing?"), choices=CheckIn.Answer.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything you'd like to add"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only you and the program's staff can read this."),
    )


class CareLevelForm(forms.Form):
    level = forms.ChoiceField(label=_("Level of care"), choices=CareLevel.Level.choices)
    since = forms.DateField(label=_("Since"), widget=DATE, initial=timezone.localdate)
