"""Who sees what: hidden posts, held posts, groups that need joining, private groups."""

from lantern.community import services
from lantern.community.models import Membership, Post


def test_a_hidden_post_is_invisible_to_members_and_visible_to_moderators(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    bad = services.reply(people.sam, saved.obj.thread, "Selling pills, DM me").obj
    services.hide_post(people.jo, bad, "selling")
    url = saved.obj.thread.get_absolute_url()

    for member in (people.river, people.sam):
        page = signed_in(member).get(url).content.decode()
        assert "Selling pills" not in page
        assert bad not in Post.objects.visible_to(member)
    for moderator in (people.jo, people.morgan):
        page = signed_in(moderator).get(url).content.decode()
        assert "Selling pills" in page and "Hidden by a moderator" in page
    # Its own URLs answer 404 to members.
    assert signed_in(people.river).get(f"/groups/posts/{bad.pk}/report/").status_code == 404

    services.restore_post(people.morgan, bad, "seller was a misunderstanding")
    assert "Selling pills" in signed_in(people.river).get(url).content.decode()


def test_a_request_group_shows_its_door_but_not_its_threads(spaces, people, signed_in):
    women = spaces["women"]
    Membership.objects.create(space=women, person=people.sam)
    services.start_thread(people.sam, women, "Mothers' day", "Hard week for me.")
    river = signed_in(people.river)
    page = river.get("/groups/women/").content.decode()
    assert "Only members of this group can read its threads." in page
    assert "Mothers' day" not in page
    thread = women.threads.get()
    assert river.get(thread.get_absolute_url()).status_code == 404

    river.post("/groups/women/join/")
    assert Membership.objects.get(space=women, person=people.river).status == "requested"
    assert river.get(thread.get_absolute_url()).status_code == 404
    services.admit(people.morgan, Membership.objects.get(space=women, person=people.river))
    assert "Hard week for me." in river.get(thread.get_absolute_url()).content.decode()


def test_site_moderators_join_a_request_group_without_asking(spaces, people, signed_in):
    morgan = signed_in(people.morgan)
    page = morgan.get("/groups/women/").content.decode()
    assert "Join this group" in page and "Ask to join" not in page
    morgan.post("/groups/women/join/")
    assert Membership.objects.get(space=spaces["women"], person=people.morgan).status == "active"


def test_a_private_group_is_unknown_to_outsiders(spaces, people, signed_in):
    family = spaces["family"]
    Membership.objects.create(space=family, person=people.sam)
    services.start_thread(people.sam, family, "Al-Anon tonight?", "Anyone going?")
    river = signed_in(people.river)
    assert "Family circle" not in river.get("/groups/").content.decode()
    assert river.get("/groups/family-circle/").status_code == 404
    assert river.post("/groups/family-circle/join/").status_code == 404
    assert "Family circle" in signed_in(people.sam).get("/groups/").content.decode()


def test_someone_removed_from_a_group_can_no_longer_read_or_post(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    services.remove_from_space(people.jo, people.sam, "repeated harassment", space=early)
    sam = signed_in(people.sam)
    assert sam.get(saved.obj.thread.get_absolute_url()).status_code == 404
    assert sam.post("/groups/early-days/join/").status_code == 302
    assert Membership.objects.get(space=early, person=people.sam).status == "removed"


def test_visitors_are_sent_to_sign_in(early, people, client):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    for url in ("/groups/", "/groups/early-days/", saved.obj.thread.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_moderator_invites_someone_into_a_private_group(spaces, people, signed_in):
    family = spaces["family"]
    Membership.objects.create(space=family, person=people.jo, role=Membership.Role.MODERATOR)
    assert (
        signed_in(people.sam).post("/groups/family-circle/invite/", {"handle": "river"}).status_code
        == 404
    )
    signed_in(people.jo).post("/groups/family-circle/invite/", {"handle": "river"})
    river = signed_in(people.river)
    page = river.get("/groups/family-circle/").content.decode()
    assert "You are invited to this group." in page and "Accept the invitation" in page
    river.post("/groups/family-circle/join/")
    assert Membership.objects.get(space=family, person=people.river).status == "active"
    assert "Start a thread" in river.get("/groups/family-circle/").content.decode()


def test_a_deleted_post_cannot_be_read_through_the_report_page(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "Opening")
    gone = services.reply(people.sam, saved.obj.thread, "I regret writing this").obj
    services.delete_post(people.sam, gone)
    river = signed_in(people.river)
    assert river.get(f"/groups/posts/{gone.pk}/report/").status_code == 404
    assert river.post(f"/groups/posts/{gone.pk}/report/", {"reason": "spam"}).status_code == 404
    page = signed_in(people.jo).get(f"/groups/posts/{gone.pk}/report/").content.decode()
    assert "I regret writing this" not in page


def test_held_and_hidden_threads_are_not_listed_to_members(early, people, signed_in):
    services.start_thread(people.river, early, "Ordinary day", "Coffee and a meeting.")
    urgent = "I can't do this anymore. I'm going to kill myself tonight, I have the pills ready."
    held = services.start_thread(people.river, early, "Held title", urgent).obj
    assert held.status == Post.Status.HELD
    hidden = services.start_thread(people.sam, early, "Hidden title", "Selling, DM me").obj
    services.hide_post(people.jo, hidden, "selling")
    page = signed_in(people.sam).get("/groups/early-days/").content.decode()
    assert "Ordinary day" in page
    assert "Held title" not in page and "Hidden title" not in page
    moderator_page = signed_in(people.jo).get("/groups/early-days/").content.decode()
    assert "Held title" in moderator_page and "Hidden title" in moderator_page
