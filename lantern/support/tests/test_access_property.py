"""No staff access without an open engagement whose consent, in force, covers the record; and
the object check (`access.can_read_records`) always agrees with the caseload list filter
(`access.readable_engagements`), whatever the engagements' states."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lantern.accounts.services import revoke_role
from lantern.core.roles import Role
from lantern.support import access
from lantern.support.models import SCOPES, Consent, Engagement, today

pytestmark = pytest.mark.django_db

STATUSES = list(Engagement.Status.values)

engagement_states = st.lists(
    st.fixed_dictionaries(
        {
            "member": st.sampled_from(["river", "sam", "jo"]),
            "specialist": st.sampled_from(["casey", "alex", None]),
            "status": st.sampled_from(STATUSES),
            "consent": st.booleans(),
            "scopes": st.sets(st.sampled_from(SCOPES)),
            "revoked": st.booleans(),
            "ends": st.sampled_from([None, -1, 0, 1]),
        }
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(states=engagement_states)
def test_object_check_agrees_with_the_caseload_filter(people, states):
    Engagement.objects.all().delete()
    by_handle = {p.handle: p for p in people}
    for state in states:
        e = Engagement.objects.create(
            member=by_handle[state["member"]],
            specialist=by_handle.get(state["specialist"]),
            status=state["status"],
        )
        if state["consent"]:
            Consent.objects.create(
                engagement=e,
                purpose="support",
                audience="specialist",
                ends_on=None if state["ends"] is None else today() + timedelta(days=state["ends"]),
                revoked_at=timezone.now() if state["revoked"] else None,
                **dict.fromkeys(state["scopes"], True),
            )
    everything = list(Engagement.objects.select_related("consent"))
    for person in people:
        for scope in SCOPES:
            listed = set(access.readable_engagements(person, scope).values_list("pk", flat=True))
            checked = {e.pk for e in everything if access.can_read_records(person, e, scope)}
            assert listed == checked, (person.handle, scope)
            for e in everything:
                if e.pk in checked:
                    # only casey, the engagement's specialist, with consent in force covering it
                    assert person.handle == "casey" and e.specialist_id == person.pk
                    assert e.status == "open" and e.consent.in_force()
                    assert getattr(e.consent, scope)


def test_nobody_but_the_specialist_reaches_the_records(people, signed_in, engagement):
    for name in ("support-intake", "support-notes", "support-assessments", "support-referrals"):
        url = reverse(name, args=[engagement.pk])
        for person in (people.sam, people.jo, people.morgan, people.alex):
            assert signed_in(person).get(url).status_code == 404, (name, person.handle)
        assert signed_in(people.casey).get(url).status_code == 200
        assert signed_in(people.river).get(url).status_code == 200


def test_a_specialist_who_loses_the_role_is_locked_out(people, engagement):
    revoke_role(people.casey, Role.SPECIALIST, by=people.alex)
    assert not access.can_read_records(people.casey, engagement, "notes")
    assert not access.readable_engagements(people.casey, "notes").exists()
