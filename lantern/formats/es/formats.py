"""Spanish (see lantern/formats/__init__.py): a 24-hour clock and kilometres."""

TIME_FORMAT = "H:i"  # 19:30
WEEKDAY_TIME_FORMAT = "D H:i"  # mar 19:30
MONTH_DAY_TIME_FORMAT = "j M, H:i"  # 24 nov, 19:30
FULL_DAY_TIME_FORMAT = r"l j \d\e F, H:i"  # martes 24 de noviembre, 19:30
DISTANCE_UNIT = "km"
