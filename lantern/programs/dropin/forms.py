from datetime import date, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from lantern.core.timezones import COMMON_ZONES

from .models import SPANS_A_DAY, WEEKDAYS, Visit

TIME = {"type": "time"}


def _time_field(label) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        widget=forms.TimeInput(attrs=TIME, format="%H:%M"),
    )


class HoursForm(forms.Form):
    """The whole week at once: for each day two opening times (from, to), both optional; a
    day left empty is closed. Fields are named day<weekday>_opens<n> / _closes<n>."""

    time_zone = forms.CharField(
        label=_("Time zone"),
        required=False,
        max_length=64,
        widget=forms.TextInput(
            attrs={"list": "common-zones", "autocomplete": "off", "spellcheck": "false"}
        ),
    )
    note = forms.CharField(
        label=_("A word about the hours"),
        required=False,
        max_length=200,
        help_text=_("For example: closed on public holidays."),
    )

    zones = COMMON_ZONES

    def __init__(self, *args, default_zone: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if default_zone:
            self.fields["time_zone"].help_text = _(
                "Blank: the community's time zone, %(zone)s."
            ) % {"zone": default_zone}
        self.days = []
        for weekday, name in WEEKDAYS:
            spans = []
            for n in range(1, SPANS_A_DAY + 1):
                opens, closes = f"day{weekday}_opens{n}", f"day{weekday}_closes{n}"
                self.fields[opens] = _time_field(
                    _("%(day)s, opening time %(n)s: from") % {"day": name, "n": n}
                )
                self.fields[closes] = _time_field(
                    _("%(day)s, opening time %(n)s: to") % {"day": name, "n": n}
                )
                spans.append((opens, closes))
            self.days.append((weekday, name, spans))

    @classmethod
    def initial_for(cls, center, spans) -> dict:
        initial = {"time_zone": center.time_zone, "note": center.hours_note}
        seen: dict[int, int] = {}
        for span in spans:
            n = seen[span.weekday] = seen.get(span.weekday, 0) + 1
            initial[f"day{span.weekday}_opens{n}"] = span.opens
            initial[f"day{span.weekday}_closes{n}"] = span.closes
        return initial

    def clean(self):
        data = super().clean()
        spans: dict[int, list] = {}
        for weekday, _name, pairs in self.days:
            for opens_name, closes_name in pairs:
                opens, closes = data.get(opens_name), data.get(closes_name)
                if opens is None and closes is None:
                    continue
                if opens is None:
                    self.add_error(opens_name, _("Say when it opens, or leave both empty."))
                    continue
                if closes is None:
                    self.add_error(closes_name, _("Say when it closes, or leave both empty."))
                    continue
                spans.setdefault(weekday, []).append((opens, closes))
        data["spans"] = spans
        return data

    def bound_days(self):
        """For the template: (name, [(opens field, closes field), …]) per day."""
        return [
            (name, [(self[o], self[c]) for o, c in pairs]) for _weekday, name, pairs in self.days
        ]


class ActivityForm(forms.Form):
    ONCE = "once"
    WEEKLY = "weekly"

    title = forms.CharField(label=_("What"), max_length=120)
    place = forms.CharField(
        label=_("Where in the center"),
        max_length=80,
        required=False,
        help_text=_("For example: the meeting room."),
    )
    starts = forms.TimeField(label=_("Starts"), widget=forms.TimeInput(attrs=TIME, format="%H:%M"))
    ends = _time_field(_("Ends"))
    repeat = forms.ChoiceField(
        label=_("When"),
        choices=[(ONCE, _("Once, on a date")), (WEEKLY, _("Every week, on a day"))],
        widget=forms.RadioSelect,
        initial=WEEKLY,
    )
    on_date = forms.DateField(
        label=_("Date (once)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    weekday = forms.TypedChoiceField(
        label=_("Day (every week)"),
        choices=[("", "—"), *WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )

    def clean(self):
        data = super().clean()
        repeat = data.get("repeat")
        if repeat == self.ONCE:
            data["weekday"] = None
            if data.get("on_date") is None and "on_date" not in self.errors:
                self.add_error("on_date", _("Choose the date."))
        elif repeat == self.WEEKLY:
            data["on_date"] = None
            if data.get("weekday") is None and "weekday" not in self.errors:
                self.add_error("weekday", _("Choose the day of the week."))
        return data


class KioskForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the kiosk"),
        max_length=60,
        help_text=_("Which tablet it is, for example: front desk."),
    )


class KioskSignInForm(forms.Form):
    """The kiosk's one form. Nothing in it is remembered by the browser (autocomplete off on
    the form and the field), so the next visitor never sees a handle offered."""

    handle = forms.CharField(
        label=_("Your handle"),
        required=False,
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "autocorrect": "off",
                "spellcheck": "false",
            }
        ),
    )
    first_visit = forms.BooleanField(label=_("This is my first visit"), required=False)
    purpose = forms.ChoiceField(
        label=_("What brings you in today?"),
        choices=Visit.Purpose.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class VisitsPeriodForm(forms.Form):
    """The days of the day × hour table: two weeks by default, at most three months."""

    DEFAULT_DAYS = 14
    MAX_DAYS = 92

    start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    @classmethod
    def default_period(cls, today: date) -> dict:
        return {"start": today - timedelta(days=cls.DEFAULT_DAYS - 1), "end": today}

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("The end comes before the start."))
            elif (end - start).days + 1 > self.MAX_DAYS:
                self.add_error(
                    "end", _("Choose at most %(n)d days at a time.") % {"n": self.MAX_DAYS}
                )
        return data
