"""Input for the mentorship pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.recovery.models import Counter

from .services import AskFields, ProfileFields
from .vocabulary import Availability, Experience, Gender, Language, Pathway

GENDER_CHOICES = [("", _("Rather not say")), *Gender.choices]


def many(label, choices, **kwargs):
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, **kwargs
    )


class AskForm(forms.Form):
    languages = many(_("Languages you would like to talk in"), Language.choices)
    gender = forms.ChoiceField(label=_("Your gender"), choices=GENDER_CHOICES, required=False)
    same_gender_only = forms.BooleanField(label=_("Only mentors of my gender"), required=False)
    pathways = many(_("Your pathways"), Pathway.choices, required=False)
    experience = many(
        _("A mentor who knows this from the inside"), Experience.choices, required=False
    )
    availability = many(_("When you are free"), Availability.choices, required=False)
    min_years = forms.IntegerField(
        label=_("At least this many years in recovery"), min_value=1, max_value=30, initial=1
    )
    online_only = forms.BooleanField(label=_("Online only"), required=False)
    area = forms.CharField(
        label=_("Your ZIP code"),
        max_length=10,
        required=False,
        help_text=_("To suggest mentors near you. Leave empty to keep it to yourself."),
    )

    def to_fields(self) -> AskFields:
        d = self.cleaned_data
        return AskFields(
            languages=tuple(d["languages"]),
            gender=d["gender"],
            same_gender_only=d["same_gender_only"],
            pathways=tuple(d["pathways"]),
            experience=tuple(d["experience"]),
            availability=tuple(d["availability"]),
            min_years=d["min_years"],
            online_only=d["online_only"],
            area=d["area"],
        )


class ProfileForm(forms.Form):
    counter = forms.ModelChoiceField(
        label=_("Show the time on one of your counters"),
        queryset=Counter.objects.none(),
        required=False,
        help_text=_("Only its days in recovery are shown on your profile."),
    )
    recovery_since = forms.DateField(
        label=_("Or: in recovery since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    about = forms.CharField(
        label=_("About you"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What a newcomer might like to know. First names or handles only."),
    )
    languages = many(_("Languages"), Language.choices)
    gender = forms.ChoiceField(label=_("Your gender"), choices=GENDER_CHOICES, required=False)
    mentors_genders = many(
        _("Whom you will mentor"),
        Gender.choices,
        required=False,
        help_text=_("Tick none to mentor anyone."),
    )
    pathways = many(_("Your pathways"), Pathway.choices, required=False)
    experience = many(_("What you know from the inside"), Experience.choices, required=False)
    availability = many(_("When you are free"), Availability.choices, required=False)
    capacity = forms.IntegerField(
        label=_("How many mentees at once"), min_value=1, max_value=10, initial=2
    )
    online_only = forms.BooleanField(label=_("Online only"), required=False)
    area = forms.CharField(label=_("Your ZIP code"), max_length=10, required=False)

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["counter"].queryset = Counter.objects.filter(member=person)
        if not self.fields["counter"].queryset.exists():
            del self.fields["counter"]
            self.fields["recovery_since"].label = _("In recovery since")

    def to_fields(self) -> ProfileFields:
        d = self.cleaned_data
        return ProfileFields(
            languages=tuple(d["languages"]),
            gender=d["gender"],
            mentors_genders=tuple(d["mentors_genders"]),
            pathways=tuple(d["pathways"]),
            experience=tuple(d["experience"]),
            availability=tuple(d["availability"]),
            capacity=d["capacity"],
            online_only=d["online_only"],
            area=d["area"],
            counter=d.get("counter"),
            recovery_since=d["recovery_since"],
            about=d["about"],
        )


class RequestForm(forms.Form):
    note = forms.CharField(
        label=_("A few words to them (optional)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndForm(forms.Form):
    reason = forms.CharField(
        label=_("Why (optional, kept private: only you will see it)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CohortForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    newcomers = forms.CharField(
        label=_("Newcomers (handles)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by spaces or commas."),
    )
    mentors = forms.CharField(
        label=_("Volunteer mentors (handles)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Each needs a mentor profile."),
    )
