"""Starting groups and managing them on the site's own pages: who may, the address rules, what a
peer moderator may change, naming peer moderators, and the safety net on a group's words.

alex (admin) and morgan (site moderator) start groups and change everything but the address;
jo, a peer moderator of "Early days", edits its description, guidelines and topics only."""

import pytest
from django.urls import reverse

from lantern.community import access, services, urls
from lantern.community.models import Membership, ModerationAction, Space
from lantern.core.access import forget
from lantern.core.errors import Refused
from lantern.core.models import Notification
from lantern.safety.models import Alert

URGENT = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."
NEW_GROUP = {
    "name": "Parents in recovery",
    "slug": "",
    "description": "Raising children while staying well.",
    "guidelines": "Be kind.\n\nWhat is shared here stays here.",
    "topics": ["parenting", "early-recovery"],
    "kind": "request",
    "hold_urgent_posts": "hold",
}


def _settings(space) -> str:
    return reverse("community-space-settings", args=[space.slug])


def _add_moderator(space) -> str:
    return reverse("community-space-moderator-add", args=[space.slug])


def _remove_moderator(space) -> str:
    return reverse("community-space-moderator-remove", args=[space.slug])


def test_an_admin_starts_a_group_with_topics_and_members_find_it(spaces, people, signed_in):
    alex = signed_in(people.alex)
    assert "/groups/new/" in alex.get("/groups/").content.decode()  # "Start a new group"
    response = alex.post("/groups/new/", NEW_GROUP)
    assert response.status_code == 302 and response["Location"] == "/groups/parents-in-recovery/"
    space = Space.objects.get(slug="parents-in-recovery")
    assert space.name == "Parents in recovery"
    assert space.topics == ["early-recovery", "parenting"]  # in the list's order
    assert space.kind == Space.Kind.REQUEST and space.hold_urgent_posts is True
    assert space.guidelines == "Be kind.\n\nWhat is shared here stays here."
    # The creator moderates every group already; they do not become a member.
    assert not space.memberships.exists()
    action = ModerationAction.objects.get(space=space)
    assert action.moderator == people.alex and "Join on request" in action.reason
    assert action.get_kind_display() == "Started a group"

    page = alex.get(response["Location"]).content.decode()
    assert "The group Parents in recovery is open." in page
    assert _settings(space) in page  # "Group settings"

    listing = signed_in(people.river).get("/groups/").content.decode()
    assert "Parents in recovery" in listing
    assert "Early recovery" in listing and "Parenting" in listing
    assert "/groups/new/" not in listing  # members cannot start groups


def test_a_site_moderator_starts_a_group_that_follows_the_site_setting(spaces, people, signed_in):
    morgan = signed_in(people.morgan)
    form = morgan.get("/groups/new/").content.decode()
    assert 'name="topics"' in form and 'type="checkbox"' in form
    response = morgan.post(
        "/groups/new/",
        {**NEW_GROUP, "slug": "Parents", "kind": "open", "hold_urgent_posts": ""},
    )
    assert response["Location"] == "/groups/parents/"  # lowercased
    space = Space.objects.get(slug="parents")
    assert space.kind == Space.Kind.OPEN and space.hold_urgent_posts is None


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"slug": "early-days"}, "Another group already has the address /groups/early-days/."),
        ({"slug": "Early-Days"}, "Another group already has the address /groups/early-days/."),
        ({"name": "Early Days!"}, "Another group already has the address /groups/early-days/."),
        ({"slug": "new"}, "is a word Lantern uses in its own addresses"),
        ({"slug": "moderation"}, "is a word Lantern uses in its own addresses"),
        ({"slug": "no spaces"}, "The web address can only use letters, numbers"),
        ({"name": "الأمل"}, "Choose a web address for the group"),
    ],
)
def test_a_taken_or_reserved_address_is_refused_and_nothing_is_stored(
    spaces, people, signed_in, changes, message
):
    before = Space.objects.count()
    response = signed_in(people.alex).post("/groups/new/", {**NEW_GROUP, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    # The error sits by the address field, and the field points at it for screen readers.
    assert 'id="id_slug_errors"' in page and 'aria-describedby="id_slug_errors' in page
    assert Space.objects.count() == before
    assert not ModerationAction.objects.exists() and not Alert.objects.exists()


def test_a_second_group_with_the_same_name_is_refused(spaces, people):
    with pytest.raises(Refused, match="already has this name") as refused:
        services.create_space(
            people.alex, name="early days", slug="early-days-2", description="Again"
        )
    assert refused.value.field == "name"


def test_reserved_words_cover_every_fixed_address_under_groups():
    fixed = set()
    for pattern in urls.urlpatterns:
        parts = str(pattern.pattern).split("/")
        if parts[0] == "groups" and len(parts) > 2 and parts[1] and "<" not in parts[1]:
            fixed.add(parts[1])
    assert fixed == {"new", "welcome", "search", "moderation", "posts"}
    assert fixed <= services.RESERVED_SLUGS


@pytest.mark.parametrize("who", ["river", "sam", "jo", "casey"])
def test_people_who_may_not_start_groups_get_404(spaces, people, signed_in, who):
    client = signed_in(getattr(people, who))
    assert client.get("/groups/new/").status_code == 404
    assert client.post("/groups/new/", NEW_GROUP).status_code == 404
    assert not Space.objects.filter(name="Parents in recovery").exists()


@pytest.mark.parametrize("who", ["river", "sam", "casey"])
def test_a_member_gets_404_on_a_groups_settings(early, people, signed_in, who):
    client = signed_in(getattr(people, who))
    url = _settings(early)
    assert client.get(url).status_code == 404
    for target in (url, _add_moderator(early), _remove_moderator(early)):
        data = {"handle": "jo", "description": "Mine now", "guidelines": "x"}
        assert client.post(target, data).status_code == 404
    early.refresh_from_db()
    assert early.description == "The first weeks and months."
    assert access.can_moderate_space(people.jo, early)
    assert url not in client.get(early.get_absolute_url()).content.decode()


def test_a_peer_moderator_edits_the_guidelines_but_not_who_may_join(early, people, signed_in):
    jo = signed_in(people.jo)
    url = _settings(early)
    assert url in jo.get(early.get_absolute_url()).content.decode()  # "Group settings"
    form = jo.get(url).content.decode()
    assert 'name="guidelines"' in form and 'name="topics"' in form
    assert 'name="kind"' not in form and 'name="hold_urgent_posts"' not in form
    assert 'name="name"' not in form and _add_moderator(early) not in form
    response = jo.post(
        url,
        {
            "description": "The first weeks and months, one day at a time.",
            "guidelines": "No advice unless asked.",
            "topics": ["newcomers"],
            # not on jo's form: ignored
            "name": "Jo's group",
            "kind": "private",
            "hold_urgent_posts": "publish",
        },
    )
    assert response.status_code == 302 and response["Location"] == early.get_absolute_url()
    early.refresh_from_db()
    assert early.guidelines == "No advice unless asked."
    assert early.description == "The first weeks and months, one day at a time."
    assert early.topics == ["newcomers"]
    assert early.name == "Early days" and early.kind == Space.Kind.OPEN
    assert early.hold_urgent_posts is None
    assert not ModerationAction.objects.exists()  # nothing about the rules changed
    # The service refuses too, whatever calls it.
    with pytest.raises(Refused, match="Only site moderators") as refused:
        services.update_space(people.jo, early, kind=Space.Kind.PRIVATE)
    assert refused.value.field == "kind"
    with pytest.raises(Refused):
        services.update_space(people.jo, early, hold_urgent_posts=False)
    assert Space.objects.get(pk=early.pk).kind == Space.Kind.OPEN
    # Naming moderators is for site moderators.
    assert jo.post(_add_moderator(early), {"handle": "sam"}).status_code == 404
    assert jo.post(_remove_moderator(early), {"handle": "jo"}).status_code == 404
    assert access.can_moderate_space(people.jo, early)
    assert not access.can_moderate_space(people.sam, early)


def test_a_peer_moderator_of_another_group_gets_404(spaces, early, people, signed_in):
    jo = signed_in(people.jo)
    assert jo.get(_settings(spaces["women"])).status_code == 404


def test_an_admin_changes_who_may_join_and_it_is_recorded(early, people, signed_in):
    alex = signed_in(people.alex)
    url = _settings(early)
    form = alex.get(url).content.decode()
    assert 'name="kind"' in form and 'name="hold_urgent_posts"' in form
    assert 'name="slug"' not in form  # the address never changes
    response = alex.post(
        url,
        {
            "name": "Early days",
            "slug": "renamed",
            "description": early.description,
            "guidelines": "",
            "topics": ["newcomers", "early-recovery"],
            "kind": "private",
            "hold_urgent_posts": "publish",
        },
    )
    assert response.status_code == 302
    early.refresh_from_db()
    assert early.slug == "early-days"
    assert early.kind == Space.Kind.PRIVATE and early.hold_urgent_posts is False
    action = ModerationAction.objects.get()
    assert action.moderator == people.alex and action.space == early
    assert "Open to all members" in action.reason and "By invitation" in action.reason
    assert "publish at once" in action.reason
    assert action.get_kind_display() == "Changed a group's rules"
    log = signed_in(people.morgan).get("/groups/moderation/log/").content.decode()
    assert "publish at once" in log


def test_adding_a_moderator_by_an_unknown_handle_is_a_form_error(early, people, signed_in):
    response = signed_in(people.alex).post(_add_moderator(early), {"handle": "nobody-here"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nobody on Lantern has that handle." in page
    assert 'id="id_handle_errors"' in page and 'aria-invalid="true"' in page
    assert not ModerationAction.objects.exists()


def test_a_new_peer_moderator_can_moderate_and_it_is_recorded(spaces, people, signed_in):
    women = spaces["women"]  # join on request; sam is not a member
    morgan = signed_in(people.morgan)
    url = _settings(women)
    response = morgan.post(_add_moderator(women), {"handle": "@Sam"})
    assert response.status_code == 302 and response["Location"] == url
    forget(people.sam)
    assert access.can_moderate_space(people.sam, women)
    membership = Membership.objects.get(space=women, person=people.sam)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.role == Membership.Role.MODERATOR
    action = ModerationAction.objects.get()
    assert (action.moderator, action.person, action.space) == (people.morgan, people.sam, women)
    assert action.get_kind_display() == "Made a peer moderator"
    told = Notification.objects.get(recipient=people.sam, kind="community.moderator")
    assert told.title == "You are now a peer moderator of Women in recovery"
    assert told.url == women.get_absolute_url()
    page = morgan.get(url).content.decode()
    assert "sam is now a peer moderator of this group." in page
    assert "Remove sam as moderator" in page
    # sam now finds the settings page, with the peer moderator's fields only
    sam = signed_in(people.sam)
    assert sam.get(url).status_code == 200
    assert 'name="kind"' not in sam.get(url).content.decode()
    # twice: refused with a message
    again = morgan.post(_add_moderator(women), {"handle": "sam"})
    assert "sam is already a peer moderator here." in again.content.decode()

    response = morgan.post(_remove_moderator(women), {"handle": "sam"})
    assert response.status_code == 302
    forget(people.sam)
    assert not access.can_moderate_space(people.sam, women)
    assert access.is_member(people.sam, women)  # still a member
    assert ModerationAction.objects.filter(person=people.sam).count() == 2
    assert sam.get(url).status_code == 404


def test_banned_or_removed_people_cannot_be_named_moderators(early, people):
    services.remove_from_space(people.morgan, people.sam, "spam", space=early)
    with pytest.raises(Refused, match="was removed from this group"):
        services.add_space_moderator(people.alex, early, "sam")
    services.ban(people.morgan, people.river, "threats")
    with pytest.raises(Refused, match="is banned"):
        services.add_space_moderator(people.alex, early, "river")


def test_urgent_words_in_the_guidelines_go_through_the_safety_net(early, people, signed_in):
    jo = signed_in(people.jo)
    data = {
        "action": "settings",
        "description": early.description,
        "guidelines": f"Be kind.\n\n{URGENT}",
        "topics": early.topics,
    }
    response = jo.post(_settings(early), data, follow=True)
    alert = Alert.objects.get()
    assert alert.context == "group" and alert.author == people.jo
    assert alert.source == f"community.space:{early.pk}"
    assert alert.source_url == early.get_absolute_url()
    page = response.content.decode()
    assert "You don't have to carry this alone" in page  # crisis lines for the writer
    # A group's words have no held state: saved, and staff follow the alert to them.
    early.refresh_from_db()
    assert URGENT in early.guidelines
    # Saving again without changing them does not raise the same alert twice.
    jo.post(_settings(early), {**data, "description": "The first weeks."})
    assert Alert.objects.count() == 1


def test_ordinary_words_raise_nothing(spaces, people):
    saved = services.create_space(
        people.alex, name="Grief", description="Loss, in recovery.", topics=["grief"]
    )
    assert saved.obj.slug == "grief" and not saved.show_crisis_resources
    assert not Alert.objects.exists()


def test_the_admin_shows_topics_as_checkboxes(spaces, people, signed_in):
    alex = signed_in(people.alex)
    page = alex.get("/admin/community/space/add/").content.decode()
    assert 'type="checkbox" name="topics" value="grief"' in page
    data = {
        "name": "Grief",
        "slug": "grief",
        "description": "Loss, in recovery.",
        "guidelines": "",
        "topics": ["grief", "newcomers"],
        "kind": "open",
        "hold_urgent_posts": "unknown",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    response = alex.post("/admin/community/space/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Space.objects.get(slug="grief").topics == ["newcomers", "grief"]
    refused = alex.post("/admin/community/space/add/", {**data, "slug": "search"})
    assert "is a word Lantern uses in its own addresses" in refused.content.decode()
    change = alex.get(f"/admin/community/space/{spaces['early'].pk}/change/").content.decode()
    assert 'name="slug"' not in change  # the address never changes


def test_a_peer_moderator_muted_in_the_group_cannot_rewrite_it(early, people, signed_in):
    services.mute(people.morgan, people.jo, "Cooling off", space=early, days=3)
    jo = signed_in(people.jo)
    assert jo.get(_settings(early)).status_code == 404
    jo.post(_settings(early), {"description": "Changed while muted", "guidelines": ""})
    early.refresh_from_db()
    assert early.description == "The first weeks and months."


def test_each_settings_form_posts_to_its_own_address(early, people, signed_in):
    morgan = signed_in(people.morgan)
    services.add_space_moderator(people.alex, early, "river")
    page = morgan.get(_settings(early)).content.decode()
    for url in (_settings(early), _add_moderator(early), _remove_moderator(early)):
        assert f'action="{url}"' in page
    assert 'name="action"' not in page  # no form says what to do in a hidden field any more
    # The old single address does one thing now: saving the settings.
    morgan.post(_settings(early), {"action": "add-moderator", "handle": "sam"})
    assert not access.can_moderate_space(people.sam, early)
    for url in (_add_moderator(early), _remove_moderator(early)):
        assert morgan.get(url).status_code == 405
    response = morgan.post(_remove_moderator(early), {"handle": "river"})
    assert response.status_code == 302 and response["Location"] == _settings(early)
    forget(people.river)
    assert not access.can_moderate_space(people.river, early)
    page = morgan.get(_settings(early)).content.decode()
    assert "river is no longer a peer moderator; they are still a member." in page
