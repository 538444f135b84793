"""The demo shows a directory worth searching: eight Chicago places, one of each kind of help,
each marked as demo data (not a real service) wherever it appears, and seeding twice adds
nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lantern.core import registry
from lantern.directory import demo, services
from lantern.directory.models import Kind, Resource

pytestmark = pytest.mark.django_db


def test_the_demo_seed_is_registered_for_manage_py_demo(db):
    assert "directory" in [seed.name for seed in registry.demo_seeds()]


def test_the_demo_is_eight_chicago_places_one_of_each_kind(db):
    demo.seed()
    resources = list(Resource.objects.all())
    assert len(resources) == 8
    assert all("Chicago, IL" in r.address and r.name.endswith("(demo)") for r in resources)
    assert all(r.demo and r.active and r.phone.startswith("312-555-") for r in resources)
    assert {r.kind for r in resources} == set(Kind.values) - {Kind.OTHER}
    today = timezone.localdate()
    ages = {(today - r.last_verified).days for r in resources}
    assert ages == {20, 200}  # most checked recently, a few long ago


def test_demo_places_are_marked_on_the_list_the_page_and_in_the_api(client, db):
    demo.seed()
    listing = client.get(reverse("directory-list")).content.decode()
    assert listing.count('<span class="tag">Demo</span>') == 8
    pantry = Resource.objects.get(kind="food")
    assert "Demo data: not a real service" in client.get(pantry.get_absolute_url()).content.decode()
    items = client.get(reverse("api:directory-resources-api")).json()["items"]
    assert len(items) == 8 and all(item["demo"] for item in items)


def test_a_visitor_finds_spanish_speaking_food_help_in_the_demo(client, db):
    demo.seed()
    page = client.get(reverse("directory-list"), {"kind": "food", "language": "Spanish"})
    assert "Pilsen Community Pantry (demo)" in page.content.decode()
    page = client.get(reverse("directory-list"), {"q": "buprenorphine"})
    assert "Westside MOUD Access (demo)" in page.content.decode()


def test_seeding_again_adds_nothing_and_keeps_what_staff_did(people, db):
    demo.seed()
    pantry = Resource.objects.get(kind="food")
    services.report_outdated(people.casey, pantry, "Saturday hours changed")
    harbor = Resource.objects.get(kind="housing")  # verified 200 days ago in the demo file
    services.verify(people.morgan, harbor)
    demo.seed()
    assert Resource.objects.count() == 8
    harbor.refresh_from_db()
    assert harbor.last_verified == timezone.localdate()
    assert len(services.open_reports(pantry)) == 1


def test_the_demo_ages_with_the_calendar(db, monkeypatch):
    later = timezone.localdate() + timedelta(days=400)
    monkeypatch.setattr(timezone, "localdate", lambda *args: later)
    demo.seed()
    assert max(Resource.objects.values_list("last_verified", flat=True)) == later - timedelta(20)
