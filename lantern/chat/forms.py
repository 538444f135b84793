from django import forms
from django.utils.translation import gettext_lazy as _

from . import services
from .models import MESSAGE_MAX, PINNED_MAX, Reaction, Room


class PostForm(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PinForm(forms.Form):
    pinned = forms.CharField(
        label=_("Format and readings"),
        max_length=PINNED_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Shown at the top of the room while the meeting is open. Empty unpins."),
    )


class PersonForm(forms.Form):
    handle = forms.CharField(
        label=_("Who"),
        max_length=150,
        help_text=_("Their handle, or #number when the room hides handles."),
    )
    reason = forms.CharField(label=_("Reason (optional)"), max_length=500, required=False)


class SlowForm(forms.Form):
    seconds = forms.TypedChoiceField(
        label=_("Slow mode"),
        coerce=int,
        choices=[(0, _("Off"))]
        + [(s, _("%(n)s seconds") % {"n": s}) for s in services.SLOW_MODE_CHOICES[1:]],
    )


class ReactForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class ReportForm(forms.Form):
    note = forms.CharField(
        label=_("What is wrong? (optional)"),
        max_length=1_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RoomSettingsForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    entry = forms.ChoiceField(label=_("Who may enter"), choices=Room.Entry.choices)
    history = forms.ChoiceField(label=_("History"), choices=Room.History.choices)
    hide_handles = forms.BooleanField(
        label=_("Hide handles from other participants (chairs and moderators still see them)"),
        required=False,
    )


class RoomForm(RoomSettingsForm):
    name = forms.CharField(label=_("Name"), max_length=120)
    slug = forms.SlugField(
        label=_("Address"), max_length=80, help_text=_("Letters, numbers and hyphens.")
    )
    space = forms.SlugField(
        label=_("Group (its address), for a group's standing room"), required=False
    )
    meeting = forms.SlugField(
        label=_("Meeting (its address), for a meeting held in Lantern"), required=False
    )

    field_order = ["name", "slug", "space", "meeting", "description", "entry", "history"]
