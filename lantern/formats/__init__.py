"""Lantern's locale formats (settings.FORMAT_MODULE_PATH = ["lantern.formats"]): what Django's own
formats for a language lack or get wrong for Lantern's readers. Django reads these first and
falls back to its own (django/conf/locale/<lang>/formats.py) for anything not set here.

English is US English (Lantern serves the US: ZIP codes, 911): a 12-hour clock ("7:30 PM") and
miles. Spanish uses the 24-hour clock ("19:30") and kilometres. Besides Django's names, each
module sets Lantern's own, read with `django.utils.formats.get_format`:

- WEEKDAY_TIME_FORMAT: a weekday and a time ("Tue 7:30 PM"), for what happens this week;
- MONTH_DAY_TIME_FORMAT: a day of the month and a time ("Nov 24, 7:30 PM");
- FULL_DAY_TIME_FORMAT: the long form ("Tuesday, November 24, 7:30 PM");
- DISTANCE_UNIT: "mi" or "km".

The zone is never in these formats: `lantern.core.templatetags.times` adds the abbreviation
of the zone the time is really in ("CST").
"""
