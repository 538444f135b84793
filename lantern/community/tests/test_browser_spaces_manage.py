"""Starting a group and naming its peer moderator on a phone, each page checked by axe (with and
without errors on the form)."""

import pytest

from lantern.community import access
from lantern.community.models import Space
from lantern.conftest import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_admin_starts_a_group_and_names_its_moderator_on_a_phone(spaces, people, phone):
    phone.sign_in("alex")
    phone.visit("/groups/")
    phone.get_by_role("link", name="Start a new group").click()
    phone.wait_for_url("**/groups/new/")
    assert_accessible(phone)

    phone.get_by_label("Name", exact=True).fill("Early days")  # taken
    phone.get_by_label("Description").fill("Raising children while staying well.")
    phone.get_by_role("button", name="Open the group").click()
    phone.get_by_text("Another group already has this name.").wait_for()
    assert phone.get_by_label("Name", exact=True).get_attribute("aria-invalid") == "true"
    assert_accessible(phone)

    phone.get_by_label("Name", exact=True).fill("Parents in recovery")
    phone.get_by_label("Group guidelines").fill("Be kind.\n\nWhat is shared here stays here.")
    phone.get_by_label("Parenting").check()
    phone.get_by_label("Early recovery").check()
    phone.get_by_label("Join on request").check()
    phone.get_by_label("Hold them until a moderator has looked").check()
    phone.screenshot_to_docs("group-new-360")
    phone.get_by_role("button", name="Open the group").click()
    phone.wait_for_url("**/groups/parents-in-recovery/")
    phone.get_by_text("The group Parents in recovery is open.").wait_for()

    phone.get_by_role("link", name="Group settings").click()
    phone.wait_for_url("**/groups/parents-in-recovery/settings/")
    assert_accessible(phone)
    phone.get_by_label("Their handle").fill("jo")
    phone.get_by_role("button", name="Add", exact=True).click()
    phone.get_by_text("jo is now a peer moderator of this group.").wait_for()
    assert_accessible(phone)
    phone.screenshot_to_docs("group-settings-360")
    space = Space.objects.get(slug="parents-in-recovery")
    assert space.topics == ["early-recovery", "parenting"] and space.hold_urgent_posts is True
    assert access.can_moderate_space(people.jo, space)
