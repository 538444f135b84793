"""Drop-in centers in the access matrix: The Lighthouse is a drop-in center kept by jo, where
river is enrolled and has signed in once by handle. Its staff pages (hours, activities, kiosks,
visits) are for jo and administrators; everyone else is told they do not exist. Each person's
own visits are theirs alone. The kiosk answers anyone holding its address (200: a signed-in
browser gets the page that offers to sign out first); a wrong address is a 404
(test_kiosk.py)."""

from datetime import time

from lantern.core.tests.matrix import everyone, only, river_only, signed_in
from lantern.programs import services as programs
from lantern.programs.dropin import services
from lantern.programs.models import Program

CENTER = "dropin_center"
ACTIVITY = "dropin_activity"
KIOSK_SECRET = "dropin_kiosk_secret"
KIOSK_TO_REVOKE = "dropin_kiosk_to_revoke"
VISIT = "dropin_visit"
STAFF = only(200, "jo", "alex")

MATRIX = {
    "dropin-hours": ("get", {"slug": CENTER}, STAFF),
    "dropin-activities": ("get", {"slug": CENTER}, STAFF),
    "dropin-kiosks": ("get", {"slug": CENTER}, STAFF),
    "dropin-visits": ("get", {"slug": CENTER}, STAFF),
    "dropin-my-visits": ("get", None, signed_in()),
    "dropin-kiosk": ("get", {"secret": KIOSK_SECRET}, everyone(200)),
    "dropin-kiosk-thanks": ("get", {"secret": KIOSK_SECRET}, everyone(200)),
    # Changes records: last.
    "dropin-activity-delete": ("post", {"slug": CENTER, "pk": ACTIVITY}, only(302, "jo", "alex")),
    "dropin-kiosk-revoke": (
        "post",
        {"slug": CENTER, "pk": KIOSK_TO_REVOKE},
        only(302, "jo", "alex"),
    ),
    "dropin-visit-disown": ("post", {"pk": VISIT}, river_only(302)),
}


def center(people, name="The Lighthouse") -> Program:
    """A drop-in center kept by jo, where river is enrolled."""
    program = programs.create_program(
        people.alex, name=name, kind=Program.Kind.DROP_IN, description="Coffee and company."
    ).obj
    programs.add_staff(people.alex, program, "jo")
    programs.enrol(people.jo, program, "river")
    return program


def records(people) -> dict:
    program = center(people)
    activity = services.add_activity(
        people.jo, program, title="Coffee hour", starts=time(10), weekday=0
    ).obj
    kiosk = services.create_kiosk(people.jo, program, "Front desk")
    other = services.create_kiosk(people.jo, program, "Back office")
    visit = services.sign_in(kiosk.kiosk, handle="river")
    return {
        CENTER: program.slug,
        ACTIVITY: activity.pk,
        KIOSK_SECRET: kiosk.secret,
        KIOSK_TO_REVOKE: other.kiosk.pk,
        VISIT: visit.pk,
    }
