"""Support's test records: river works with casey (an open engagement river consented to, every
kind of record), so sam, jo, morgan and alex must never reach any of it."""

import pytest

from lantern.support import services
from lantern.support.models import SCOPES


def open_engagement(specialist, member, scopes=SCOPES, **consent):
    engagement = services.invite(specialist, member.handle)
    services.give_consent(
        member,
        engagement,
        scopes=list(scopes),
        purpose=consent.pop("purpose", "Peer recovery support"),
        audience=consent.pop("audience", "specialist"),
        **consent,
    )
    engagement.refresh_from_db()
    return engagement


@pytest.fixture
def engagement(people):
    return open_engagement(people.casey, people.river)
