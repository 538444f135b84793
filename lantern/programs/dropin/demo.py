"""Demo data (`manage.py demo`, after programs' seed): The Lighthouse Drop-in, kept by morgan,
gets its opening hours (open every day, closed over lunch on weekdays), a week of activities and
one today, a front-desk kiosk, and four weeks of visits (members by handle and guests, busier in
the evenings and at weekends) so its charts have something to show. Safe to run again: each
part already there is left as it is.

The kiosk's address is not printed (Lantern keeps only a digest of it): to try the kiosk, sign
in as morgan and start another one from the center's page.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from lantern.accounts.models import User
from lantern.programs.models import Program

from . import services
from .models import Activity, Kiosk, OpeningSpan, Visit

CENTER = "The Lighthouse Drop-in"
WEEKDAY_SPANS = [(time(9), time(12, 30)), (time(13, 30), time(20))]
HOURS = {
    **dict.fromkeys(range(5), WEEKDAY_SPANS),
    5: [(time(10), time(18))],
    6: [(time(12), time(17))],
}
WEEKLY = [
    # weekday, starts, ends, title, place
    (0, time(10), time(11), "Monday coffee and check-in", "the kitchen"),
    (1, time(18), time(19), "SMART Recovery meeting", "the meeting room"),
    (2, time(14), time(15, 30), "Help with résumés and job search", "the computer corner"),
    (3, time(18, 30), time(19, 30), "Recovery Dharma meeting", "the meeting room"),
    (4, time(17), time(19), "Game night", "the lounge"),
    (5, time(11), time(12), "Naloxone (Narcan) training", "the meeting room"),
    (6, time(13), time(14), "Open mic: stories of recovery", "the lounge"),
    *[(day, time(15), time(16), "A peer on hand to talk", "the quiet room") for day in range(7)],
]
MEMBERS = ["river", "sam", "jo", "nightowl", "dawn"]
PURPOSES = ["coffee", "meeting", "computer", "peer", "other", ""]
PURPOSE_WEIGHTS = [30, 25, 15, 15, 5, 10]
DAYS = 28


def seed() -> None:
    program = Program.objects.filter(name=CENTER, kind=Program.Kind.DROP_IN).first()
    morgan = User.objects.filter(handle="morgan").first()
    if program is None or morgan is None:
        return
    if not OpeningSpan.objects.filter(program=program).exists():
        services.set_opening_hours(
            morgan, program, spans=HOURS, note="Closed on Thanksgiving and Christmas Day."
        )
    if not Activity.objects.filter(program=program).exists():
        for weekday, starts, ends, title, place in WEEKLY:
            services.add_activity(
                morgan,
                program,
                title=title,
                place=place,
                starts=starts,
                ends=ends,
                weekday=weekday,
            )
        services.add_activity(
            morgan,
            program,
            title="Pizza lunch for newcomers",
            place="the kitchen",
            starts=time(12),
            ends=time(13),
            on_date=services.local_now(services.zone_of(program)).date(),
        )
    kiosk = Kiosk.objects.filter(program=program).first()
    if kiosk is None:
        kiosk = services.create_kiosk(morgan, program, "Front desk tablet").kiosk
    if not Visit.objects.filter(program=program).exists():
        Visit.objects.bulk_create(_visits(program, kiosk))


def _visits(program: Program, kiosk: Kiosk) -> list[Visit]:
    """Four weeks of visits up to now: 12 to 30 a day, more on weekend afternoons and weekday
    evenings, about one in three by handle and one in ten a first visit."""
    rng = random.Random(18)
    zone = services.zone_of(program)
    now = timezone.now()
    members = {u.handle: u for u in User.objects.filter(handle__in=MEMBERS)}
    today = services.local_now(zone, now).date()
    visits = []
    for back in range(DAYS, -1, -1):
        day = today - timedelta(days=back)
        for opens, closes in HOURS[day.weekday()]:
            start = datetime.combine(day, opens, tzinfo=zone)
            minutes = int(
                (datetime.combine(day, closes) - datetime.combine(day, opens)).seconds / 60
            )
            busy = 1.4 if day.weekday() >= 5 or closes.hour >= 18 else 1.0
            for _n in range(int(rng.randint(6, 15) * busy)):
                # Later in a span is busier: a power below 1 leans towards its end.
                at = start + timedelta(minutes=int(minutes * rng.random() ** 0.7))
                if at >= now:
                    continue
                handle = rng.choice(MEMBERS) if rng.random() < 0.35 else None
                visits.append(
                    Visit(
                        program=program,
                        person=members.get(handle) if handle else None,
                        signed_in_at=at,
                        purpose=rng.choices(PURPOSES, PURPOSE_WEIGHTS)[0],
                        first_visit=handle is None and rng.random() < 0.15,
                        kiosk=kiosk,
                    )
                )
    return visits
