"""The center's staff start kiosks (named; the address shown once) and revoke them; nobody else
can, and a center keeps at most 20 live kiosks."""

import pytest
from django.urls import reverse

from lantern.core.errors import Refused
from lantern.programs.dropin import services
from lantern.programs.dropin.models import Kiosk

from .conftest import kiosk_url


def test_staff_revoke_a_kiosk_from_the_list(new_kiosk, center, people, signed_in, tablet):
    morgan = signed_in(people.morgan)
    page = morgan.get(reverse("dropin-kiosks", args=[center.slug])).content.decode()
    assert "Front desk" in page and "Revoke “Front desk”" in page
    revoke = reverse("dropin-kiosk-revoke", args=[center.slug, new_kiosk.kiosk.pk])
    response = morgan.post(revoke, follow=True)
    assert "The kiosk “Front desk” is revoked: its address no longer opens." in (
        response.content.decode()
    )
    kiosk = Kiosk.objects.get()
    assert kiosk.revoked_at is not None and kiosk.revoked_by == people.morgan
    assert tablet.get(kiosk_url(new_kiosk.secret)).status_code == 404
    # Revoking again changes nothing.
    first = kiosk.revoked_at
    morgan.post(revoke)
    assert Kiosk.objects.get().revoked_at == first


def test_nobody_else_starts_or_revokes_a_center_s_kiosks(new_kiosk, center, people, signed_in):
    for person in (people.river, people.sam, people.jo, people.casey):
        client = signed_in(person)
        url = reverse("dropin-kiosks", args=[center.slug])
        assert client.post(url, {"name": "Mine now"}).status_code == 404
        revoke = reverse("dropin-kiosk-revoke", args=[center.slug, new_kiosk.kiosk.pk])
        assert client.post(revoke).status_code == 404
        with pytest.raises(Refused):
            services.create_kiosk(person, center, "Mine now")
        with pytest.raises(Refused):
            services.revoke_kiosk(person, new_kiosk.kiosk)
    assert Kiosk.objects.count() == 1 and Kiosk.objects.get().live


def test_a_kiosk_of_another_center_cannot_be_revoked_from_this_one(
    center, make_program, people, signed_in
):
    other = make_program(center.Kind.DROP_IN, name="Harbor Clubhouse", staff=("jo",))
    theirs = services.create_kiosk(people.jo, other, "Harbor front desk").kiosk
    url = reverse("dropin-kiosk-revoke", args=[center.slug, theirs.pk])
    assert signed_in(people.morgan).post(url).status_code == 404
    assert Kiosk.objects.get(pk=theirs.pk).live


@pytest.mark.parametrize(
    "name, message", [("", "This field is required."), ("x" * 61, "at most 60 characters")]
)
def test_a_kiosk_needs_a_name(center, people, signed_in, name, message):
    response = signed_in(people.morgan).post(
        reverse("dropin-kiosks", args=[center.slug]), {"name": name}
    )
    assert response.status_code == 400 and message in response.content.decode()
    assert not Kiosk.objects.exists()


def test_a_center_keeps_at_most_twenty_live_kiosks(center, people, signed_in):
    for n in range(services.MAX_LIVE_KIOSKS):
        services.create_kiosk(people.morgan, center, f"Tablet {n}")
    response = signed_in(people.morgan).post(
        reverse("dropin-kiosks", args=[center.slug]), {"name": "One more"}
    )
    assert response.status_code == 400
    assert "The center has 20 kiosks already." in response.content.decode()
    services.revoke_kiosk(people.morgan, Kiosk.objects.first())
    assert services.create_kiosk(people.morgan, center, "One more").kiosk.live
