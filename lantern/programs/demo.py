"""Demo programs (`manage.py demo`): a recovery residence kept by jo (a supporter and house
leader) where river lives, a drop-in center kept by morgan, an alumni program kept by casey
(a peer specialist) with sam among its graduates, and a family program. Safe to run again: a
program already there is left as it is. The kinds' apps add their records (houses, the kiosk,
cohorts) in their own seeds, after this one."""

from lantern.accounts.models import User

from . import services
from .models import Program

DEMO_PROGRAMS = [
    # name, kind, description, staff, members
    (
        "Maple House",
        Program.Kind.RESIDENCE,
        "A recovery residence for men and women in early recovery: two houses on the North Side, "
        "peer-run, with a house meeting every week.",
        ["jo"],
        ["river", "nightowl"],
    ),
    (
        "The Lighthouse Drop-in",
        Program.Kind.DROP_IN,
        "A peer-run recovery community center: coffee, a computer, a meeting room and people "
        "who have been there. Open every day.",
        ["morgan"],
        [],
    ),
    (
        "Northside Alumni",
        Program.Kind.ALUMNI,
        "For graduates of Northside Treatment Center: monthly alumni nights, check-ins after you "
        "leave, and a way to give back.",
        ["casey"],
        ["sam"],
    ),
    (
        "Families in Recovery",
        Program.Kind.FAMILY,
        "For the people who love someone in recovery: a group of your own, and events.",
        ["morgan"],
        ["pat"],
    ),
]


def seed() -> None:
    alex = User.objects.filter(handle="alex").first()
    if alex is None:
        return
    for name, kind, description, staff, members in DEMO_PROGRAMS:
        if Program.objects.filter(name=name).exists():
            continue
        program = services.create_program(alex, name=name, kind=kind, description=description).obj
        for handle in staff:
            if User.objects.filter(handle=handle).exists():
                services.add_staff(alex, program, handle)
        for handle in members:
            if User.objects.filter(handle=handle).exists():
                services.enrol(alex, program, handle)
