"""US English (see lantern/formats/__init__.py): a 12-hour clock and miles."""

TIME_FORMAT = "g:i A"  # 7:30 PM
DATETIME_FORMAT = "N j, Y, g:i A"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
WEEKDAY_TIME_FORMAT = "D g:i A"  # Tue 7:30 PM
MONTH_DAY_TIME_FORMAT = "M j, g:i A"  # Nov 24, 7:30 PM
FULL_DAY_TIME_FORMAT = "l, F j, g:i A"  # Tuesday, November 24, 7:30 PM
DISTANCE_UNIT = "mi"
