"""Fixtures for programs and the kinds' apps under it (residences, dropin, alumni)."""

import pytest

from lantern.programs import services
from lantern.programs.models import Program


@pytest.fixture
def make_program(people):
    """`make_program(kind, staff=("jo",), members=("river",))`: a program started by alex,
    kept by `staff`, with `members` enrolled."""

    def make(kind=Program.Kind.RESIDENCE, *, name=None, staff=("jo",), members=()):
        program = services.create_program(
            people.alex,
            name=name or f"{Program.Kind(kind).label} {Program.objects.count() + 1}",
            kind=kind,
            description="",
        ).obj
        for handle in staff:
            services.add_staff(people.alex, program, handle)
        for handle in members:
            services.enrol(people.alex, program, handle)
        return program

    return make


@pytest.fixture
def residence(make_program):
    """Maple House, a residence kept by jo, where river lives."""
    return make_program(Program.Kind.RESIDENCE, name="Maple House", members=("river",))


@pytest.fixture
def dropin(make_program):
    """The Lighthouse, a drop-in center kept by morgan."""
    return make_program(Program.Kind.DROP_IN, name="The Lighthouse", staff=("morgan",))


@pytest.fixture
def alumni(make_program):
    """Northside Alumni, kept by casey."""
    return make_program(Program.Kind.ALUMNI, name="Northside Alumni", staff=("casey",))
