"""Alumni in the access matrix: Northside Alumni is an alumni program kept by jo (staff are
the program group's peer moderators; jo already moderates a group in community's records, and
making casey one would open the moderation queue to her), with river in its cohort "Graduates,
March" and her 30-day check-in due today. A graduate's own pages are for anyone signed in (they
show only the reader's own things); the check-in is river's alone; the cohort's page is for its
graduates and the program's staff (and administrators); everything else that keeps the program
is for its staff. sam, casey and morgan (a site moderator, who reads every group) are told none
of it exists."""

from django.utils import timezone

from lantern.core.tests.matrix import only, river_only, signed_in
from lantern.programs import services as programs
from lantern.programs.alumni import services
from lantern.programs.alumni.models import CheckIn
from lantern.programs.models import Program

PROGRAM = "alumni_program"
COHORT = "alumni_cohort"
CODE = "alumni_code"
CHECKIN = "alumni_checkin"
RIVER = "alumni_river"
STAFF = ("jo", "alex")

MATRIX = {
    "alumni-mine": ("get", None, signed_in()),
    "alumni-join": ("get", None, signed_in()),
    "alumni-checkin": ("get", {"pk": CHECKIN}, river_only(200)),
    "alumni-give-back": ("get", {"slug": PROGRAM}, only(200, "river", *STAFF)),
    "alumni-cohorts": ("get", {"slug": PROGRAM}, only(200, *STAFF)),
    "alumni-cohort": ("get", {"slug": PROGRAM, "pk": COHORT}, only(200, "river", *STAFF)),
    "alumni-code-new": ("get", {"slug": PROGRAM, "pk": COHORT}, only(200, *STAFF)),
    "alumni-followups": ("get", {"slug": PROGRAM}, only(200, *STAFF)),
    "alumni-graduate": ("get", {"slug": PROGRAM, "person": RIVER}, only(200, *STAFF)),
    "alumni-volunteers": ("get", {"slug": PROGRAM}, only(200, *STAFF)),
    # An empty form: the page again, with what to fix.
    "alumni-cohort-add": ("post", {"slug": PROGRAM, "pk": COHORT}, only(400, *STAFF)),
    "alumni-care-level": ("post", {"slug": PROGRAM, "person": RIVER}, only(400, *STAFF)),
    # Changes records: last.
    "alumni-code-revoke": ("post", {"slug": PROGRAM, "pk": CODE}, only(302, *STAFF)),
}


def northside(people, name="Northside Alumni") -> Program:
    """An alumni program kept by jo."""
    program = programs.create_program(
        people.alex, name=name, kind=Program.Kind.ALUMNI, description="For graduates."
    ).obj
    programs.add_staff(people.alex, program, "jo")
    return program


def records(people) -> dict:
    program = northside(people)
    cohort = services.create_cohort(
        people.jo, program, name="Graduates, March", graduated_on=None
    ).obj
    services.add_graduate(people.jo, cohort, "river")
    checkin = CheckIn.objects.get(person=people.river, day=30)
    checkin.due_on = timezone.localdate()
    checkin.save(update_fields=["due_on"])
    code = services.create_code(people.jo, cohort, uses=5, days=30).code
    return {
        PROGRAM: program.slug,
        COHORT: cohort.pk,
        CODE: code.pk,
        CHECKIN: checkin.pk,
        RIVER: people.river.pk,
    }
