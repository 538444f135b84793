from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lantern.core import site
from lantern.core.timezones import COMMON_ZONES

from .models import Attendance, Bed, Chore, Residency, Weekday
from .services.houses import LABEL_MAX, NAME_MAX, ROOM_MAX
from .services.log import TEXT_MAX
from .services.residents import NOTE_MAX
from .services.rules import RULES_MAX

DATE = {"type": "date"}


def _zones(own: str = ""):
    """The site's zone, the house's own (when editing), and the common ones."""
    current = site.time_zone_name()
    zones = list(dict.fromkeys([z for z in (own, current) if z] + COMMON_ZONES))
    return [(z, z.replace("_", " ")) for z in zones]


class HouseForm(forms.Form):
    name = forms.CharField(label=_("Name of the house"), max_length=NAME_MAX)
    time_zone = forms.ChoiceField(label=_("Time zone"))
    meeting_weekday = forms.TypedChoiceField(
        label=_("House meeting day"),
        choices=[("", _("No weekly meeting")), *Weekday.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    meeting_time = forms.TimeField(
        label=_("House meeting time"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        help_text=_("In the house's time zone."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = _zones(self.initial.get("time_zone", ""))
        self.fields["time_zone"].initial = site.time_zone_name()


class RoomForm(forms.Form):
    name = forms.CharField(label=_("New room"), max_length=ROOM_MAX)


class BedForm(forms.Form):
    room = forms.ModelChoiceField(label=_("Room"), queryset=None, empty_label=None)
    label = forms.CharField(label=_("Bed label"), max_length=LABEL_MAX)

    def __init__(self, *args, house, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["room"].queryset = house.rooms.all()


class BedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, bed: Bed) -> str:
        return f"{bed.room.house.name} · {bed.room.name} · {bed.label}"


class MoveInForm(forms.Form):
    handle = forms.CharField(label=_("Handle of the new resident"), max_length=40)
    bed = BedChoiceField(label=_("Bed"), queryset=None, empty_label=None)
    moved_in = forms.DateField(label=_("Move-in date"), widget=forms.DateInput(attrs=DATE))
    planned_move_out = forms.DateField(
        label=_("Planned move-out date"), required=False, widget=forms.DateInput(attrs=DATE)
    )

    def __init__(self, *args, beds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bed"].queryset = beds
        self.fields["moved_in"].initial = timezone.localdate()


class MoveOutForm(forms.Form):
    moved_out = forms.DateField(label=_("Move-out date"), widget=forms.DateInput(attrs=DATE))
    reason = forms.ChoiceField(
        label=_("Why they left (staff only)"),
        choices=Residency.Reason.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moved_out"].initial = timezone.localdate()


class PlannedMoveOutForm(forms.Form):
    planned_move_out = forms.DateField(
        label=_("Planned move-out date"), required=False, widget=forms.DateInput(attrs=DATE)
    )


class WaitingForm(forms.Form):
    handle = forms.CharField(
        label=_("Handle"),
        max_length=40,
        required=False,
        help_text=_("Leave it empty for someone who is not on Lantern, and write a note."),
    )
    note = forms.CharField(
        label=_("Note (staff only)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    asked_on = forms.DateField(label=_("Date asked"), widget=forms.DateInput(attrs=DATE))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["asked_on"].initial = timezone.localdate()


class OfferForm(forms.Form):
    """Offer a free bed. The choices are built once from a list of beds, so a page with a form
    per person waiting asks the database once."""

    bed = forms.TypedChoiceField(label=_("Bed to offer"), coerce=int)
    handle = forms.CharField(label=_("Their handle"), max_length=40, required=False)

    def __init__(self, *args, beds, needs_handle: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.beds = {bed.pk: bed for bed in beds}
        self.fields["bed"].choices = [
            (bed.pk, f"{bed.room.house.name} · {bed.room.name} · {bed.label}") for bed in beds
        ]
        if not needs_handle:
            del self.fields["handle"]

    def chosen_bed(self) -> Bed:
        return self.beds[self.cleaned_data["bed"]]


class DateForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))


class MoveInDateForm(forms.Form):
    moved_in = forms.DateField(label=_("Move-in date"), widget=forms.DateInput(attrs=DATE))


class RulesForm(forms.Form):
    text = forms.CharField(
        label=_("The house rules"),
        max_length=RULES_MAX,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Publishing asks every resident to read and accept them again."),
    )


class AttendanceForm(forms.Form):
    """One row per resident: present, excused or absent (no JavaScript needed)."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {}
        for row in rows:
            name = f"person_{row.person.pk}"
            self.people[name] = row.person
            self.fields[name] = forms.ChoiceField(
                label=row.person.handle,
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                required=False,
                initial=row.status or None,
            )

    all_optional = True

    def marks(self) -> dict[int, str]:
        return {self.people[name].pk: value for name, value in self.cleaned_data.items()}


class ChoreForm(forms.Form):
    name = forms.CharField(label=_("New chore"), max_length=80)
    weight = forms.TypedChoiceField(
        label=_("Load"), choices=Chore.Load.choices, coerce=int, initial=Chore.Load.USUAL
    )


class LogForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs=DATE))
    resident = forms.ModelChoiceField(
        label=_("About"), queryset=None, required=False, empty_label=_("The house")
    )
    text = forms.CharField(
        label=_("What happened"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Staff only. Residents never see the log."),
    )

    def __init__(self, *args, residents, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resident"].queryset = residents
        self.fields["resident"].label_from_instance = lambda person: person.handle
        self.fields["date"].initial = timezone.localdate()
