"""Programs in the access matrix: Maple House is a residence kept by jo, where river lives.
Its page is for its members and staff; its people, report and CSV for its staff (and
administrators); Settings → Programs for administrators only. sam, casey and morgan (a site
moderator, who reads every group) are told it does not exist."""

from lantern.core.tests.matrix import admin_only, only, signed_in
from lantern.programs import services
from lantern.programs.models import Program

PROGRAM = "programs_program"
RIVER = "programs_river"

MATRIX = {
    "programs-list": ("get", None, signed_in()),
    "programs-program": ("get", {"slug": PROGRAM}, only(200, "river", "jo", "alex")),
    "programs-people": ("get", {"slug": PROGRAM}, only(200, "jo", "alex")),
    "programs-report": ("get", {"slug": PROGRAM}, only(200, "jo", "alex")),
    "programs-report-csv": ("get", {"slug": PROGRAM}, only(200, "jo", "alex")),
    "programs-manage": ("get", None, admin_only()),
    "programs-manage-program": ("get", {"slug": PROGRAM}, admin_only()),
    # Changes records: last.
    "programs-discharge": ("post", {"slug": PROGRAM, "pk": RIVER}, only(302, "jo", "alex")),
    "programs-staff-remove": ("post", {"slug": PROGRAM}, admin_only(302)),
    "programs-close": ("post", {"slug": PROGRAM}, admin_only(302)),
}


def residence(people, name="Maple House") -> Program:
    """A residence kept by jo, where river lives: the program the kinds' tests start from."""
    program = services.create_program(
        people.alex, name=name, kind=Program.Kind.RESIDENCE, description="Two houses."
    ).obj
    services.add_staff(people.alex, program, "jo")
    services.enrol(people.jo, program, "river")
    return program


def records(people) -> dict:
    program = residence(people)
    return {PROGRAM: program.slug, RIVER: people.river.pk}
