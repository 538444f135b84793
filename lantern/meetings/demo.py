"""Demo meetings for `manage.py demo` (make run): a week of meetings around Chicago, in person,
online and hybrid, for several programs, plus a few of river's meetings in her private log.
Imported through the same importer as a real feed, so running it again changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from lantern.core.timezones import local_now

from .models import Attendance, Meeting, spec_weekday
from .services import import_feed

SOURCE = "demo"
EVERY_DAY = [0, 1, 2, 3, 4, 5, 6]
WEEKDAYS = [1, 2, 3, 4, 5]

# Real-looking places in Chicago's neighbourhoods (the addresses are invented).
PLACES = {
    "portage": ("Portage Park Alano Club", "4953 W Addison St", "60641", 41.9453, -87.7474),
    "lincoln": ("St. Luke's Fellowship Hall", "1500 W Belmont Ave", "60657", 41.9398, -87.6650),
    "pilsen": ("Centro Comunitario Pilsen", "1831 S Racine Ave", "60608", 41.8569, -87.6566),
    "loop": ("Loop Recovery Community Center", "200 W Madison St", "60606", 41.8820, -87.6340),
    "uptown": ("Uptown Community Room", "4750 N Sheridan Rd", "60640", 41.9681, -87.6549),
    "hydepark": ("Hyde Park Neighborhood Club", "5480 S Kenwood Ave", "60615", 41.7958, -87.5937),
}

# name, program, days, start, end, types, place (None: online only), online
MEETINGS = [
    ("Keep It Simple", "aa", EVERY_DAY, "07:00", "08:00", ["O", "D"], "portage", False),
    ("Noon Serenity", "aa", WEEKDAYS, "12:00", "13:00", ["O", "D"], "loop", True),
    ("Big Book Study", "aa", [2], "19:00", "20:30", ["C", "B", "ST"], "portage", False),
    ("Tuesday Night Hope", "aa", [2], "19:30", "20:30", ["O", "SP"], "lincoln", False),
    ("Women Sharing Strength", "aa", [1, 4], "18:30", "19:30", ["C", "W", "D"], "uptown", True),
    ("Young People's Group", "aa", [5], "20:00", "21:00", ["O", "Y", "D"], "lincoln", False),
    ("Grupo Nueva Vida", "aa", EVERY_DAY, "20:00", "21:30", ["C", "S"], "pilsen", False),
    ("Rainbow Room", "aa", [3, 6], "19:00", "20:00", ["O", "LGBTQ", "D"], "uptown", False),
    ("Late Night Online", "aa", EVERY_DAY, "23:00", "00:00", ["O", "D"], None, True),
    ("Just for Today", "na", EVERY_DAY, "19:00", "20:30", ["O", "D"], "loop", False),
    ("Clean and Serene", "na", [0, 3], "18:00", "19:00", ["C", "ST", "BE"], "hydepark", False),
    ("Recovery Without Walls (NA)", "na", [1, 3, 5], "21:00", "22:00", ["O"], None, True),
    ("SMART Recovery Tuesday", "smart", [2], "18:00", "19:30", ["SMART", "O"], "loop", True),
    ("SMART Online Saturday", "smart", [6], "10:00", "11:30", ["SMART", "O"], None, True),
    ("Dharma Sit", "dharma", [1, 4], "19:00", "20:30", ["REFUGE", "MED"], "hydepark", True),
    ("Dual Recovery Circle", "dra", [3], "17:30", "18:30", ["O", "DD"], "loop", False),
    ("Al-Anon Family Group", "al-anon", [2, 5], "19:00", "20:00", ["O", "FAM"], "lincoln", False),
    ("MAT Friendly Step Study", "na", [0], "16:00", "17:00", ["O", "MAT", "ST"], "pilsen", True),
]


def feed() -> list[dict]:
    rows = []
    for name, program, days, start, end, types, place, online in MEETINGS:
        slug = name.lower().replace("'", "").replace("(", "").replace(")", "").replace(" ", "-")
        row = {
            "name": name,
            "slug": slug,
            "fellowship": program,
            "day": days,
            "time": start,
            "end_time": end,
            "types": types,
            "timezone": "America/Chicago",
            "notes": "Newcomers welcome. Coffee from 15 minutes before.",
        }
        if place:
            location, address, postal_code, lat, lon = PLACES[place]
            row.update(
                location=location,
                address=address,
                city="Chicago",
                state="IL",
                postal_code=postal_code,
                country="US",
                latitude=lat,
                longitude=lon,
            )
        else:
            row["formatted_address"] = "Chicago, IL, USA"
        if online:
            row["conference_url"] = f"https://meet.example.org/{slug}"
            row["conference_url_notes"] = "Password: recovery"
        rows.append(row)
    return rows


def seed() -> None:
    import_feed(feed(), source=SOURCE)
    _river_goes_to_meetings()


def _river_goes_to_meetings() -> None:
    """A few weeks of river's meetings, so her history and trends have something in them."""
    river = get_user_model().objects.filter(handle="river").first()
    if river is None or river.attendance.exists():
        return
    home = Meeting.objects.filter(slug__in=["keep-it-simple", "just-for-today", "big-book-study"])
    today = local_now(river, timezone.now()).date()
    for days_ago in range(1, 43):
        day = today - timedelta(days=days_ago)
        for meeting in home:
            if meeting.days_mask & (1 << spec_weekday(day)) and (days_ago * len(meeting.name)) % 3:
                Attendance.objects.create(
                    member=river, meeting=meeting, meeting_name=meeting.name, date=day
                )
