"""Community fixtures: a few spaces like the demo's, on top of the cast in lantern/conftest.py.
morgan (moderator) is a site moderator; jo (supporter) is a peer moderator of "Early days"."""

import pytest

from lantern.community import services
from lantern.community.models import Membership, Space


@pytest.fixture
def spaces(people):
    early = Space.objects.create(
        slug="early-days",
        name="Early days",
        description="The first weeks and months.",
        topics=["newcomers", "early-recovery"],
    )
    women = Space.objects.create(
        slug="women",
        name="Women in recovery",
        description="A circle for women.",
        topics=["women"],
        kind=Space.Kind.REQUEST,
    )
    family = Space.objects.create(
        slug="family-circle",
        name="Family circle",
        description="By invitation.",
        topics=["family"],
        kind=Space.Kind.PRIVATE,
    )
    Membership.objects.create(space=early, person=people.jo, role=Membership.Role.MODERATOR)
    return {"early": early, "women": women, "family": family}


@pytest.fixture
def early(spaces, people):
    """Early days, with river and sam as members."""
    services.join_space(people.river, spaces["early"])
    services.join_space(people.sam, spaces["early"])
    return spaces["early"]
