"""Who may do what at a drop-in center, and the loaders its pages use.

A center's staff (programs' `is_program_staff`: its peer leaders, or an administrator) keep its
hours, activities and kiosks and read its visit counts; its members see its hours and today's
activities on the program page; each person sees their own visits and nobody else's. A kiosk
is reached by its secret alone: no session, no person (`get_kiosk_by_secret`).
"""

import hashlib

from lantern.core.errors import NotFound
from lantern.programs import access as programs_access
from lantern.programs.models import Program

from .models import Activity, Kiosk, Visit


def is_center(program: Program) -> bool:
    return program.kind == Program.Kind.DROP_IN


def can_keep_center(user, program: Program) -> bool:
    """Hours, activities, kiosks and visit counts: the center's staff."""
    return is_center(program) and programs_access.is_program_staff(user, program)


def get_center_for(user, slug: str) -> Program:
    """A drop-in program the person keeps; anyone else (and any other kind) gets a 404."""
    program = programs_access.get_staffed_program_for(user, slug)
    if not is_center(program):
        raise NotFound
    return program


def find_activity(program: Program, pk: int) -> Activity | None:
    """An activity of a center already loaded for its staff, or None when it is gone (a
    second click on "Remove", or another leader was quicker)."""
    activity = Activity.objects.filter(program=program, pk=pk).first()
    if activity is not None:
        activity.program = program
    return activity


def get_kiosk_for(user, slug: str, pk: int) -> Kiosk:
    """A kiosk of a center the person keeps (to revoke it)."""
    program = get_center_for(user, slug)
    kiosk = Kiosk.objects.filter(program=program, pk=pk).first()
    if kiosk is None:
        raise NotFound
    kiosk.program = program
    return kiosk


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def get_kiosk_by_secret(secret: str) -> Kiosk:
    """The live kiosk whose URL holds `secret`, of a running drop-in program; a wrong, old or
    revoked secret is a 404, the same as a page that never existed."""
    if not secret or len(secret) > 100:
        raise NotFound
    kiosk = (
        Kiosk.objects.live()
        .select_related("program")
        .filter(digest=digest_of(secret), program__kind=Program.Kind.DROP_IN)
        .first()
    )
    if kiosk is None:
        raise NotFound
    return kiosk


def get_own_visit_for(user, pk: int) -> Visit:
    """One of the person's own visits; anyone else's is a 404."""
    if not user.is_authenticated:
        raise NotFound
    visit = Visit.objects.filter(person=user, pk=pk).select_related("program").first()
    if visit is None:
        raise NotFound
    return visit
