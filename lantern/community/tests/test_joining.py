"""Joining a group from where the person is (issue 13: joining from a thread lost the thread;
"Ask to join" stayed after asking, and its confirmation showed twice)."""

from lantern.community import services
from lantern.community.models import Membership


def test_joining_from_a_thread_comes_back_to_the_thread(spaces, people, signed_in):
    early = spaces["early"]
    thread = services.start_thread(people.jo, early, "Evenings", "What helps you?").obj.thread
    river = signed_in(people.river)
    page = river.get(thread.get_absolute_url()).content.decode()
    assert 'action="/groups/early-days/join/"' in page
    assert f'<input type="hidden" name="thread" value="{thread.pk}">' in page
    assert "Join Early days to reply. You will come back here." in page
    response = river.post("/groups/early-days/join/", {"thread": thread.pk}, follow=True)
    assert response.redirect_chain[-1][0] == f"{thread.get_absolute_url()}#reply"
    back = response.content.decode()
    assert "Welcome to Early days." in back and 'id="reply"' in back


def test_a_thread_from_elsewhere_is_not_a_way_out_of_the_group(spaces, people, signed_in):
    women = spaces["women"]
    services.join_space(people.morgan, women)
    elsewhere = services.start_thread(people.morgan, women, "Private", "Members only").obj
    river = signed_in(people.river)
    response = river.post("/groups/early-days/join/", {"thread": elsewhere.thread_id})
    assert response["Location"] == "/groups/early-days/"  # the group's page, nothing else
    response = river.post("/groups/early-days/join/", {"thread": "https://example.org/"})
    assert response.status_code == 302


def test_asking_to_join_says_request_sent_once_and_asks_no_more(spaces, people, signed_in):
    sam = signed_in(people.sam)
    before = sam.get("/groups/women/").content.decode()
    assert "Ask to join" in before
    response = sam.post("/groups/women/join/", follow=True)
    page = response.content.decode()
    assert page.count("Request sent") == 1
    assert page.count("A moderator will let you in soon.") == 1  # once, not twice
    assert "Ask to join" not in page  # the button is gone
    assert "Take back my request" in page
    # Asking again (a second tap, an old page) changes nothing and tells the moderators once.
    assert sam.post("/groups/women/join/").status_code == 302
    assert Membership.objects.filter(person=people.sam, space=spaces["women"]).count() == 1
    assert (
        Membership.objects.get(person=people.sam, space=spaces["women"]).status
        == Membership.Status.REQUESTED
    )
    # Taking it back offers "Ask to join" again.
    sam.post("/groups/women/leave/")
    assert "Ask to join" in sam.get("/groups/women/").content.decode()
