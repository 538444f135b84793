"""A person's alumni data in their export, and what erasure removes.

Export: the cohorts they are in, the codes they used, their check-ins with answers and notes
(decrypted), their levels of care (who recorded them is the program's business: not named), and
their offers to give back. Erasure: their check-ins, code uses, care levels and offers go (the
rows also cascade with the account), and with them the notifications the program's staff got
about them. Cohorts and codes a staff member made stay with the program, without their name
(`created_by` is set to null by the cascade).
"""

from lantern.community.models import Membership
from lantern.core.models import Notification

from ..models import CareLevel, CheckIn, CodeUse, Cohort, Volunteer


def _iso(value):
    return value.isoformat() if value is not None else None


def export_alumni(person) -> dict:
    memberships = Membership.objects.filter(
        person=person,
        space__cohort__isnull=False,
        status=Membership.Status.ACTIVE,
        role=Membership.Role.MEMBER,
    ).select_related("space__cohort__program")
    return {
        "cohorts": [
            {
                "program": m.space.cohort.program.name,
                "cohort": m.space.cohort.name,
                "graduated_on": _iso(m.space.cohort.graduated_on),
                "joined_at": _iso(m.joined_at),
            }
            for m in memberships
        ],
        "codes_used": [
            {
                "program": use.code.cohort.program.name,
                "cohort": use.code.cohort.name,
                "code_ending": use.code.ending,
                "used_at": _iso(use.used_at),
            }
            for use in CodeUse.objects.filter(person=person).select_related("code__cohort__program")
        ],
        "check_ins": [
            {
                "program": c.program.name,
                "cohort": c.cohort.name,
                "day": c.day,
                "due_on": _iso(c.due_on),
                "notified_at": _iso(c.notified_at),
                "answered_at": _iso(c.answered_at),
                "answer": c.answer,
                "note": c.note,
            }
            for c in CheckIn.objects.filter(person=person).select_related("program", "cohort")
        ],
        "care_levels": [
            {
                "program": c.program.name,
                "level": c.level,
                "since": _iso(c.since),
                "recorded_at": _iso(c.recorded_at),
            }
            for c in CareLevel.objects.filter(person=person).select_related("program")
        ],
        "giving_back": [
            {"program": v.program.name, "offered_at": _iso(v.offered_at)}
            for v in Volunteer.objects.filter(person=person).select_related("program")
        ],
        "cohorts_started": [
            {"program": c.program.name, "cohort": c.name, "created_at": _iso(c.created_at)}
            for c in Cohort.objects.filter(created_by=person).select_related("program")
        ],
    }


def erase_alumni(person) -> None:
    checkins = list(CheckIn.objects.filter(person=person).only("pk"))
    offers = list(Volunteer.objects.filter(person=person).only("pk"))
    if checkins or offers:
        Notification.objects.about(*checkins, *offers).delete()
    CheckIn.objects.filter(person=person).delete()
    Volunteer.objects.filter(person=person).delete()
    CareLevel.objects.filter(person=person).delete()
    CodeUse.objects.filter(person=person).delete()
