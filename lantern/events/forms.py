"""Input for the events' pages. Services check the rules; forms turn what was typed into the
values services take (an event's date and wall-clock times in its own zone → instants)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.accounts.models import Pathway
from lantern.community.models import Report
from lantern.core.timezones import COMMON_ZONES, is_valid_zone

from .models import Club, Event
from .services import EventFields
from .stories import Background, Substance


class EventForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What happens"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(
        label=_("Ends"),
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("An end before the start means the next day."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))
    place = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("A name and address people can find."),
    )
    online_url = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        required=False,
        min_value=1,
        max_value=10_000,
        help_text=_("Leave empty for no limit. When it is full, people join a waitlist."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separated by commas, for example: outdoors, family-friendly, workshop"),
    )
    accessibility = forms.CharField(
        label=_("Accessibility"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Step-free access, seating, quiet room, ASL, childcare…"),
    )
    visibility = forms.ChoiceField(
        label=_("Who can see it"), choices=Event.Visibility.choices, widget=forms.RadioSelect
    )
    club = forms.ModelChoiceField(label=_("Club"), queryset=Club.objects.none(), required=False)

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(COMMON_ZONES)
        if zone not in zones and is_valid_zone(zone):
            zones.insert(0, zone)
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in zones]
        self.fields["time_zone"].initial = zone
        self.fields["visibility"].initial = Event.Visibility.PUBLIC
        self.fields["club"].queryset = Club.objects.order_by("name")

    @classmethod
    def initial_for(cls, event: Event) -> dict:
        start, end = event.local_start, event.local_end
        return {
            "title": event.title,
            "description": event.description,
            "day": start.date(),
            "starts": start.time().replace(tzinfo=None),
            "ends": end.time().replace(tzinfo=None),
            "time_zone": event.time_zone,
            "place": event.place,
            "online_url": event.online_url,
            "capacity": event.capacity,
            "tags": ", ".join(event.tags),
            "accessibility": event.accessibility,
            "visibility": event.visibility,
            "club": event.club,
        }

    def to_fields(self) -> EventFields:
        data = self.cleaned_data
        zone = ZoneInfo(data["time_zone"])
        starts = datetime.combine(data["day"], data["starts"], tzinfo=zone)
        end_day = data["day"] + timedelta(days=1) if data["ends"] <= data["starts"] else data["day"]
        ends = datetime.combine(end_day, data["ends"], tzinfo=zone)
        return EventFields(
            title=data["title"],
            description=data["description"],
            starts_at=starts,
            ends_at=ends,
            time_zone=data["time_zone"],
            place=data["place"],
            online_url=data["online_url"],
            capacity=data["capacity"],
            tags=tuple(t for t in data["tags"].split(",") if t.strip()),
            accessibility=data["accessibility"],
            visibility=data["visibility"],
            club=data["club"],
        )


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Why it is called off"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Everyone who was coming reads this in Lantern."),
    )


class ClubForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=80)
    description = forms.CharField(
        label=_("What the club does"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )


def local_span(day, starts, ends, zone_name):
    """A date and wall-clock start and end in a zone → aware instants (an end before the start
    is the next day)."""
    zone = ZoneInfo(zone_name)
    start = datetime.combine(day, starts, tzinfo=zone)
    end_day = day + timedelta(days=1) if ends <= starts else day
    return start, datetime.combine(end_day, ends, tzinfo=zone)


class OpportunityForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    description = forms.CharField(
        label=_("What you would do"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4})
    )
    place = forms.CharField(label=_("Where"), max_length=200, required=False)


class ShiftForm(forms.Form):
    day = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label=_("Ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    time_zone = forms.ChoiceField(label=_("Time zone"))
    spots = forms.IntegerField(label=_("People needed"), min_value=1, max_value=100, initial=1)

    def __init__(self, *args, zone: str, **kwargs):
        super().__init__(*args, **kwargs)
        zones = list(COMMON_ZONES)
        if zone not in zones and is_valid_zone(zone):
            zones.insert(0, zone)
        self.fields["time_zone"].choices = [(z, z.replace("_", " ")) for z in zones]
        self.fields["time_zone"].initial = zone


class HoursForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Hours you gave"), min_value=0.5, max_value=12, decimal_places=1, max_digits=4
    )


class StoryForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=120)
    body = forms.CharField(
        label=_("Your story"),
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("First names or handles only, yours and everyone else's."),
    )
    pathways = forms.MultipleChoiceField(
        label=_("Your pathways"),
        choices=Pathway.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    substances = forms.MultipleChoiceField(
        label=_("What you recovered from"),
        choices=Substance.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    background = forms.MultipleChoiceField(
        label=_("About you"),
        choices=Background.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    anonymous = forms.BooleanField(
        label=_("Show me as “a member”, not by my handle"), required=False, initial=True
    )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("A note to the author"), max_length=500, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportStoryForm(forms.Form):
    reason = forms.ChoiceField(label=_("What is wrong?"), choices=Report.Reason.choices)
