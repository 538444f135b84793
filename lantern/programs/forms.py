from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Program


class ProgramForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind of program"), choices=Program.Kind.choices)
    description = forms.CharField(
        label=_("What the program is"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class HandleForm(forms.Form):
    handle = forms.CharField(label=_("Handle"), max_length=40)


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def initial_period(cls) -> dict:
        today = timezone.localdate()
        return {"start": today - timedelta(days=90), "end": today}
