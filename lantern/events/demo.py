"""Demo events (`manage.py demo`): a hiking club, and events in Chicago's time zone put on by
jo (a supporter), one of them small and full so the waitlist shows. Safe to run again."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from lantern.accounts.models import User

from . import services, stories, volunteering
from .models import Club, ClubMember, Event, Opportunity, Story

CHICAGO = "America/Chicago"


def _local(days: int, at: time) -> datetime:
    zone = ZoneInfo(CHICAGO)
    day = timezone.now().astimezone(zone).date() + timedelta(days=days)
    return datetime.combine(day, at, tzinfo=zone)


def seed() -> None:
    jo = User.objects.filter(handle="jo").first()
    if jo is None:
        return
    club = Club.objects.filter(slug="lakefront-walkers").first()
    if club is None:
        club = services.create_club(
            jo,
            "Lakefront Walkers",
            "An easy sober walk along the lake every Saturday morning, coffee after. "
            "All paces welcome; nobody walks alone.",
        ).obj
    for handle in ("river", "sam"):
        person = User.objects.filter(handle=handle).first()
        if person is not None:
            ClubMember.objects.get_or_create(club=club, person=person)
    plans = [
        (
            "Sober bowling night",
            "Shoes are on us. Come for a game or just for the company. First-timers welcome.",
            2,
            time(19, 0),
            time(21, 0),
            "Diversey River Bowl, 2211 W Diversey Pkwy, Chicago",
            3,
            ["social", "newcomer-friendly"],
            "Step-free entrance. Ramps for bowling balls available.",
            Event.Visibility.PUBLIC,
            None,
        ),
        (
            "Saturday lakefront walk",
            "Meet at the fountain. About 3 miles at an easy pace, coffee after.",
            5,
            time(9, 0),
            time(10, 30),
            "Buckingham Fountain, Chicago",
            None,
            ["outdoors", "walking"],
            "Flat, paved path; benches along the way.",
            Event.Visibility.PUBLIC,
            club,
        ),
        (
            "Workshop: building a relapse-prevention plan",
            "A peer-led workshop to write down your triggers, warning signs and the people "
            "you can call. Bring a notebook.",
            9,
            time(18, 30),
            time(20, 0),
            "",
            40,
            ["workshop"],
            "Captions on. Join with camera off if you like.",
            Event.Visibility.MEMBERS,
            None,
        ),
    ]
    for title, description, days, start, end, place, cap, tags, notes, vis, for_club in plans:
        if Event.objects.filter(title=title, status=Event.Status.SCHEDULED).exists():
            continue
        services.create_event(
            jo,
            services.EventFields(
                title=title,
                description=description,
                starts_at=_local(days, start),
                ends_at=_local(days, end),
                time_zone=CHICAGO,
                place=place,
                online_url="" if place else "https://meet.example.org/lantern-workshop",
                capacity=cap,
                tags=tuple(tags),
                accessibility=notes,
                visibility=vis,
                club=for_club,
            ),
        )
    _volunteering(jo)
    _stories()
    bowling = Event.objects.filter(title="Sober bowling night").first()
    for handle in ("morgan", "nightowl", "sam"):
        person = User.objects.filter(handle=handle).first()
        if person is not None and bowling is not None:
            services.rsvp(person, bowling)


def _volunteering(jo) -> None:
    if Opportunity.objects.filter(title="Greeter at the drop-in center").exists():
        return
    greeter = volunteering.create_opportunity(
        jo,
        "Greeter at the drop-in center",
        "Say hello at the door, offer coffee, show newcomers around. No experience needed.",
        "Lantern Recovery Community Center, 1800 W Division St, Chicago",
    ).obj
    for days in (3, 10):
        volunteering.add_shift(
            jo, greeter, _local(days, time(9, 0)), _local(days, time(12, 0)), CHICAGO, 2
        )
    warmline = volunteering.create_opportunity(
        jo,
        "Answer the warmline",
        "Two-hour evening shifts on the peer warmline, after the training.",
    ).obj
    volunteering.add_shift(jo, warmline, _local(4, time(18, 0)), _local(4, time(20, 0)), CHICAGO, 1)


def _stories() -> None:
    morgan = User.objects.filter(handle="morgan").first()
    sam = User.objects.filter(handle="sam").first()
    if morgan is None or sam is None or Story.objects.exists():
        return
    story = stories.write_story(
        sam,
        "Cards on the table",
        "I lost two jobs to gambling before I found a SMART meeting in a church basement. "
        "What helped: writing down what a bet really cost me, and a friend who called every "
        "Friday. Three years now. If you are on day one, I remember it.",
        pathways=["smart"],
        substances=["gambling"],
        background=["parent"],
        anonymous=False,
    ).obj
    stories.publish_story(morgan, story)
