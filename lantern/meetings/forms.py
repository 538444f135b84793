from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .models import WEEKDAYS, ChangeReport, Fellowship

# A large region's whole feed (100,000 meetings is about 60 MB of JSON), with room to spare.
MAX_UPLOAD = 200 * 1024 * 1024


class AttendedForm(forms.Form):
    date = forms.DateField(label=_("Which day?"))


class ChangeReportForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("What is out of date?"),
        choices=ChangeReport.Topic.choices,
        widget=forms.RadioSelect,
    )
    details = forms.CharField(
        label=_("What should it say?"),
        help_text=_("For example: “It moved to Thursdays at 7 pm” or the new address."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class MeetingEditForm(forms.Form):
    """What a moderator may correct, in the Meeting Guide's own terms."""

    name = forms.CharField(label=_("Name"), max_length=255)
    day = forms.TypedMultipleChoiceField(
        label=_("Days"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("No day and no time: the meeting is by appointment."),
    )
    time = forms.TimeField(
        label=_("Starts (local time)"), widget=forms.TimeInput(format="%H:%M"), required=False
    )
    end_time = forms.TimeField(
        label=_("Ends"), required=False, widget=forms.TimeInput(format="%H:%M")
    )
    location = forms.CharField(label=_("Place name"), max_length=255, required=False)
    address = forms.CharField(label=_("Street address"), max_length=255, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    state = forms.CharField(label=_("State"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("ZIP code"), max_length=16, required=False)
    conference_url = forms.URLField(
        label=_("Online meeting link"), max_length=500, required=False, assume_scheme="https"
    )
    conference_phone = forms.CharField(label=_("Phone to join"), max_length=64, required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    active = forms.BooleanField(
        label=_("Still meets (uncheck to take it off the finder)"), required=False
    )
    review_note = forms.CharField(
        label=_("Note for other moderators"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    @classmethod
    def initial_for(cls, meeting) -> dict:
        location = meeting.location
        return {
            "name": meeting.name,
            "day": meeting.days,
            "time": meeting.start_time if meeting.days else None,  # none by appointment
            "end_time": meeting.end_time,
            "location": location.name if location else "",
            "address": location.address if location else "",
            "city": location.city if location else "",
            "state": location.state if location else "",
            "postal_code": location.postal_code if location else "",
            "conference_url": meeting.conference_url,
            "conference_phone": meeting.conference_phone,
            "notes": meeting.notes,
            "active": meeting.active,
        }

    all_optional = False

    def clean(self):
        """Days and a start time together, or neither (a meeting by appointment)."""
        data = super().clean()
        days, start = data.get("day"), data.get("time")
        if days and start is None and "time" not in self.errors:
            self.add_error("time", _("Give the time it starts on those days."))
        typed_time = start is not None or self.data.get(self.add_prefix("time"), "").strip()
        if typed_time and not days:
            self.add_error(
                "day",
                _("Choose its days, or leave the time empty for a meeting by appointment."),
            )
        return data

    def changes(self) -> dict:
        """The cleaned values as feed-row keys."""
        data = dict(self.cleaned_data)
        data.pop("active")
        data.pop("review_note")
        data["time"] = data["time"].strftime("%H:%M") if data["time"] else ""
        data["end_time"] = data["end_time"].strftime("%H:%M") if data["end_time"] else ""
        return data


class DismissForm(forms.Form):
    review_note = forms.CharField(
        label=_("Why it stays as it is"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class ImportForm(forms.Form):
    feed = forms.FileField(
        label=_("Meeting Guide JSON file"),
        help_text=_("The same format the Meeting Guide app reads (a JSON list of meetings)."),
    )
    source = forms.CharField(
        label=_("Source name"),
        max_length=255,
        required=False,
        help_text=_(
            "Meetings imported earlier under this name that are missing from the file are "
            "taken off the finder (never deleted). Leave empty to use the file's name."
        ),
    )
    fellowship = forms.ChoiceField(
        label=_("Program of the whole file"),
        choices=[("", _("Mixed or not known")), *Fellowship.choices],
        required=False,
    )

    def clean_feed(self):
        feed = self.cleaned_data["feed"]
        if feed.size > MAX_UPLOAD:
            raise forms.ValidationError(
                _("The file is larger than %(size)s.") % {"size": filesizeformat(MAX_UPLOAD)}
            )
        return feed
