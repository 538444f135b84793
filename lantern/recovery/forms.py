from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Counter, Goal, PlanItem, Sleep, Trigger


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


class RangeInput(forms.NumberInput):
    input_type = "range"


class CounterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What are you counting days away from?"), choices=Counter.Kind.choices
    )
    name = forms.CharField(
        label=_("Name it (shown on your counter)"),
        max_length=60,
        required=False,
        help_text=_("For example: Alcohol, Opioids, Sports betting."),
    )
    started_on = forms.DateField(label=_("Your date"), widget=DateInput())
    started_at = forms.TimeField(
        label=_("Time"),
        required=False,
        widget=TimeInput(),
        help_text=_("If you know it. It sets when your 24 hours are up."),
    )
    tell_on_reset = forms.BooleanField(
        label=_("Tell the people I share milestones with when I make a new start"),
        required=False,
    )


class NewStartForm(forms.Form):
    started_on = forms.DateField(label=_("New start date"), widget=DateInput())
    started_at = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())


def _range(label, low, high, help_text):
    return forms.IntegerField(
        label=label,
        help_text=help_text,
        min_value=low,
        max_value=high,
        widget=RangeInput(attrs={"min": low, "max": high, "step": 1}),
        error_messages={
            "required": _("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high},
            "invalid": _("Choose a number from %(low)s to %(high)s.") % {"low": low, "high": high},
            "min_value": _("Choose a number from %(low)s to %(high)s.")
            % {"low": low, "high": high},
            "max_value": _("Choose a number from %(low)s to %(high)s.")
            % {"low": low, "high": high},
        },
    )


MEDICATION_CHOICES = [("", _("Skip")), ("yes", _("Yes")), ("no", _("No"))]


class CheckInForm(forms.Form):
    # The numbers printed under each slider, so its values are visible without JavaScript.
    MOOD_SCALE = range(1, 6)
    CRAVING_SCALE = range(0, 11)

    mood = _range(_("Mood"), 1, 5, _("1 is very low, 5 is very good."))
    craving = _range(_("Craving"), 0, 10, _("0 is none, 10 is the strongest."))
    triggers = forms.MultipleChoiceField(
        label=_("Triggers today"),
        choices=Trigger.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    sleep = forms.ChoiceField(
        label=_("Sleep last night"),
        choices=[("", _("Skip")), *Sleep.choices],
        required=False,
        widget=forms.RadioSelect,
    )
    medication = forms.ChoiceField(
        label=_("Took my medication (for medication-assisted recovery)"),
        choices=MEDICATION_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )
    meetings = forms.MultipleChoiceField(
        label=_("Meetings you logged today"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_meetings = forms.IntegerField(
        label=_("Other meetings today (not logged on Lantern)"),
        min_value=0,
        max_value=20,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    gratitude = forms.CharField(
        label=_("Grateful for"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note = forms.CharField(
        label=_("Private note"),
        required=False,
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only you can read this. It is stored encrypted."),
    )
    checkin_id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, attendance=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meetings"].choices = [(str(a.pk), a.meeting_name) for a in attendance]
        if not attendance:
            del self.fields["meetings"]

    def service_values(self) -> dict:
        data = self.cleaned_data
        medication = {"yes": True, "no": False}.get(data["medication"])
        return {
            "mood": data["mood"],
            "craving": data["craving"],
            "triggers": data["triggers"],
            "sleep": data["sleep"],
            "medication_taken": medication,
            "meeting_ids": [int(m) for m in data.get("meetings", [])],
            "other_meetings": data["other_meetings"] or 0,
            "gratitude": data["gratitude"],
            "note": data["note"],
        }


class JournalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Entry"),
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Private and encrypted. Nobody else can read it unless you share it."),
    )


class HandleForm(forms.Form):
    handle = forms.CharField(label=_("Their handle"), max_length=30)


SCOPE_CHOICES = [
    ("milestones", _("Milestones and counters")),
    ("checkins", _("Check-ins")),
    ("plan", _("Recovery plan")),
]


class GrantForm(forms.Form):
    handle = forms.CharField(
        label=_("Their handle"),
        max_length=30,
        help_text=_("A supporter, mentor or specialist you trust."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What they may see"), choices=SCOPE_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    ends_on = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to share until you stop it."),
    )
    # Set when the member changes what one person sees (the form starts from what is shared):
    # what is ticked is then exactly what they see. Without it, sharing again only adds.
    grant = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, grant=None, **kwargs):
        if grant is not None:
            kwargs["initial"] = {
                "handle": grant.person.handle,
                "scopes": grant.scopes(),
                "ends_on": grant.ends_on,
                "grant": grant.pk,
            }
        super().__init__(*args, **kwargs)
        if grant is None:
            self.fields["scopes"].help_text = _(
                "Already sharing with them? What you tick is added to what they see."
            )


class PlanItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=PlanItem.Kind.choices)
    text = forms.CharField(
        label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    detail = forms.CharField(
        label=_("Details"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    LABELS = {
        "trigger": (_("Trigger"), _("How I cope with it")),
        "warning_sign": (_("Warning sign"), _("What I will do when I notice it")),
        "person": (_("Name"), _("Phone number or how to reach them")),
        "reason": (_("Reason"), _("More about it")),
    }

    def __init__(self, *args, kind=None, **kwargs):
        super().__init__(*args, **kwargs)
        kind = kind or self.data.get("kind") or self.initial.get("kind")
        if kind in self.LABELS:
            self.fields["text"].label, self.fields["detail"].label = self.LABELS[kind]
            self.fields["kind"].widget = forms.HiddenInput()
            self.fields["kind"].initial = kind
            if kind == "person":
                self.fields["text"].widget = forms.TextInput()
                self.fields["detail"].widget = forms.TextInput(attrs={"inputmode": "tel"})


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )
    target_date = forms.DateField(label=_("Target date"), required=False, widget=DateInput())
    status = forms.ChoiceField(label=_("Status"), choices=Goal.Status.choices)


class TextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), max_length=10_000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["text"].label = label


class ReminderForm(forms.Form):
    reminder_time = forms.TimeField(
        label=_("Remind me to check in at"),
        required=False,
        widget=TimeInput(),
        help_text=_(
            "In your time zone, by the ways you chose on your preferences page. "
            "Leave empty for no reminder."
        ),
    )


class MilestoneShareForm(forms.Form):
    """Share a milestone in a group: the member picks the group and reads (and may change)
    exactly what will be posted; the counter's name is left out unless they add it."""

    space = forms.ChoiceField(label=_("Which group?"))
    body = forms.CharField(
        label=_("What the post will say"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, spaces, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.spaces = {s.slug: s for s in spaces}
        self.fields["space"].choices = [(s.slug, s.name) for s in spaces]
