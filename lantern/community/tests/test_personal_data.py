"""A member's community data leaves with their export; erasure leaves "a former member"."""

import json

from lantern.accounts import services as accounts
from lantern.community import services
from lantern.community.models import Conversation, Post


def test_export_holds_posts_and_messages(early, people):
    services.start_thread(people.river, early, "Hello", "My first words here")
    services.send_message(people.river, people.jo, "Thank you for the welcome")
    data = json.loads(json.dumps(accounts.export_data(people.river)))["community"]
    assert data["posts"][0]["text"] == "My first words here"
    assert data["messages_sent"] == [
        {"to": "jo", "text": "Thank you for the welcome", "sent": data["messages_sent"][0]["sent"]}
    ]
    assert data["groups"][0]["group"] == "early-days"


def test_erasure_keeps_the_thread_readable_as_a_former_member(early, people, signed_in):
    saved = services.start_thread(people.river, early, "Hello", "My first words here")
    services.reply(people.sam, saved.obj.thread, "Welcome!")
    services.send_message(people.river, people.jo, "Private")
    accounts.erase_account(people.river)
    post = Post.objects.get(pk=saved.obj.pk)
    assert post.author is None
    page = signed_in(people.sam).get(saved.obj.thread.get_absolute_url()).content.decode()
    assert "A former member" in page and "Welcome!" in page
    assert Conversation.objects.count() == 0
