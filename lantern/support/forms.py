from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.directory.models import Kind, Resource

from .models import Consent, ContactNote, Engagement, FollowUp, Referral, Scope

DOMAIN_LABELS = {
    "housing": _("Housing"),
    "employment": _("Employment"),
    "legal": _("Legal"),
    "physical_health": _("Physical health"),
    "mental_health": _("Mental health"),
    "family": _("Family"),
    "education": _("Education"),
    "transport": _("Transport"),
    "income": _("Income"),
}
PATHWAY_LABELS = [
    ("12-step", _("12-step fellowship")),
    ("smart", _("SMART Recovery")),
    ("dharma", _("Recovery Dharma / Refuge")),
    ("medication", _("Medication-assisted recovery")),
    ("faith", _("Faith-based")),
    ("harm_reduction", _("Harm reduction")),
    ("other", _("Another path")),
]
LEVELS = [
    (0, _("No need")),
    (1, _("Some need")),
    (2, _("Real need")),
    (3, _("Urgent")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class RequestForm(forms.Form):
    note = forms.CharField(
        label=_("Anything you want them to know first? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(forms.Form):
    handle = forms.CharField(label=_("The member's handle"), max_length=40)


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("The eight letters and numbers your peer specialist gave you."),
    )


class ConsentForm(forms.Form):
    scopes = forms.MultipleChoiceField(
        label=_("What may your peer specialist keep and see?"),
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one kind of record.")},
    )
    purpose = forms.CharField(
        label=_("For what purpose"),
        max_length=300,
        initial=_("Peer recovery support: goals, contacts and connecting me to services."),
    )
    audience = forms.ChoiceField(
        label=_("Who may see them"),
        choices=Consent.Audience.choices,
        widget=forms.RadioSelect,
        initial=Consent.Audience.SPECIALIST,
    )
    ends_on = forms.DateField(
        label=_("Until (optional)"),
        required=False,
        widget=DateInput(),
        help_text=_("Empty: until you withdraw it or the engagement closes."),
    )


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is it closing?"),
        choices=[c for c in Engagement.CloseReason.choices if c[0] != "declined"],
    )


class HandoverForm(forms.Form):
    handle = forms.CharField(label=_("Your colleague's handle"), max_length=40)


class IntakeForm(forms.Form):
    pathways = forms.MultipleChoiceField(
        label=_("Recovery pathways"),
        choices=PATHWAY_LABELS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    goals = forms.CharField(
        label=_("Their goals, in their words"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=10_000,
    )
    strengths = forms.CharField(
        label=_("Strengths"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=10_000,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for domain, label in DOMAIN_LABELS.items():
            self.fields[f"need_{domain}"] = forms.TypedChoiceField(
                label=_("Need: %(domain)s") % {"domain": label},
                choices=LEVELS,
                coerce=int,
                initial=0,
                required=False,
                empty_value=0,
            )

    def needs(self) -> dict:
        return {d: {"level": self.cleaned_data[f"need_{d}"]} for d in DOMAIN_LABELS}


class NoteForm(forms.Form):
    contact_on = forms.DateField(label=_("Date of contact"), widget=DateInput())
    mode = forms.ChoiceField(label=_("How"), choices=ContactNote.Mode.choices)
    minutes = forms.IntegerField(label=_("Duration (minutes)"), min_value=1, max_value=1440)
    topics = forms.CharField(label=_("Topics"), max_length=500, required=False)
    body = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 5}))
    next_steps = forms.CharField(
        label=_("Next steps"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddendumForm(forms.Form):
    body = forms.CharField(label=_("Addendum"), widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(forms.Form):
    resource = forms.ModelChoiceField(
        label=_("Resource from the directory"),
        queryset=Resource.objects.active(),
        required=False,
        empty_label=_("(none: a professional named below)"),
    )
    professional = forms.CharField(
        label=_("Or a professional or service (name)"), max_length=160, required=False
    )
    category = forms.ChoiceField(
        label=_("Category (for a professional)"),
        choices=[("", "-"), *Kind.choices],
        required=False,
    )
    warm = forms.BooleanField(label=_("Warm hand-off: I connected them in person"), required=False)


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Referral.Status.choices)
    outcome = forms.CharField(label=_("Outcome"), max_length=2000, required=False)


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=FollowUp.Outcome.choices)
    done_on = forms.DateField(label=_("Date"), widget=DateInput())


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("To"), widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", _("The end comes before the start."))
        return data


def assessment_form(instrument, data=None):
    """A form with one radio group per item of the instrument; every item may be left out."""
    fields = {
        item.id: forms.TypedChoiceField(
            label=item.label(),
            choices=[(str(v), label) for v, label in instrument.option_choices()],
            coerce=int,
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
        )
        for item in instrument.items
    }
    fields["taken_on"] = forms.DateField(label=_("Date"), widget=DateInput(), required=False)
    return type("AssessmentForm", (forms.Form,), fields)(data)


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Goal"), max_length=500)
    steps = forms.CharField(
        label=_("Steps (one a line)"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput())


class PlanGoalForm(ProposalForm):
    """A goal the specialist adds to the member's plan directly (consent covers the plan)."""


class PlanStepForm(forms.Form):
    text = forms.CharField(label=_("A step"), max_length=1000)
