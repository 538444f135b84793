from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What each community notification says (core/notification_kinds.py). `title` is shown in-app
# and may quote what the reader can read there (a thread's title, a group's name); `neutral`
# goes in email subjects and push titles, which others may see: never a member's words, nor the
# name of a group (belonging to some groups is itself private).
NEW_REPLY = _("You have a new reply on Lantern")
NEW_MENTION = _("Someone mentioned you on Lantern")
NEW_SUPPORT = _("Someone sent support for your post on Lantern")
GROUPS_NEWS = _("There is news from your groups on Lantern")
MODERATION_WORK = _("Something is waiting for the moderators on Lantern")
KINDS = {
    "community.reply": {
        "title": _("%(actor)s replied to “%(thread)s”"),
        "neutral": NEW_REPLY,
    },
    "community.reply_anonymous": {
        "title": _("Someone replied to “%(thread)s”"),
        "neutral": NEW_REPLY,
    },
    "community.mention": {
        "title": _("%(actor)s mentioned you in “%(thread)s”"),
        "neutral": NEW_MENTION,
    },
    "community.mention_anonymous": {
        "title": _("Someone mentioned you in “%(thread)s”"),
        "neutral": NEW_MENTION,
    },
    "community.reaction.relate": {
        "title": _("%(actor)s: “I relate” on your post in %(space)s"),
        "neutral": NEW_SUPPORT,
    },
    "community.reaction.strength": {
        "title": _("%(actor)s: “Sending strength” on your post in %(space)s"),
        "neutral": NEW_SUPPORT,
    },
    "community.reaction.thanks": {
        "title": _("%(actor)s: “Thank you” on your post in %(space)s"),
        "neutral": NEW_SUPPORT,
    },
    "community.message": {
        "title": _("New message from %(actor)s"),
        "neutral": _("You have a new private message on Lantern"),
    },
    "community.join_request": {
        "title": _("%(actor)s asked to join %(space)s"),
        "neutral": _("Someone asked to join a group you moderate on Lantern"),
    },
    "community.admitted": {
        "title": _("You are now a member of %(space)s"),
        "neutral": GROUPS_NEWS,
    },
    "community.invited": {
        "title": _("You are invited to join %(space)s"),
        "neutral": _("You have an invitation to a group on Lantern"),
    },
    "community.moderator": {
        "title": _("You are now a peer moderator of %(space)s"),
        "neutral": GROUPS_NEWS,
        "body": _(
            "You can let people in, review held and reported posts, and edit the guidelines."
        ),
    },
    "community.moderator_ended": {
        "title": _("You are no longer a peer moderator of %(space)s"),
        "neutral": GROUPS_NEWS,
    },
    "community.held": {
        "title": _("A post in %(space)s is waiting for review"),
        "neutral": MODERATION_WORK,
    },
    "community.report": {
        "title": _("Something was reported to the moderators"),
        "neutral": MODERATION_WORK,
    },
    "community.warning": {
        "title": _("A moderator has a message for you"),
        "neutral": _("A moderator has a message for you on Lantern"),
    },
    "community.muted": {
        "title": _("You have been muted for %(days)s days"),
        "neutral": _("A moderator has a message for you on Lantern"),
    },
}


class CommunityConfig(AppConfig):
    name = "lantern.community"
    label = "community"
    verbose_name = "Community"

    def ready(self):
        from lantern.accounts import invitations as account_invitations
        from lantern.accounts import personal_data
        from lantern.core import audit, notification_kinds, registry
        from lantern.safety import extensions

        from . import demo, invitations, review, services

        for kind, words in KINDS.items():
            # A member who chose detailed subjects reads these titles in mail and pushes: they
            # are about the member's own posts, messages and groups. Reports stay neutral.
            notification_kinds.register(
                kind, detailed_if_chosen=kind != "community.report", **words
            )
        # Export and erasure: see services/personal.py for what stays and what goes.
        personal_data.register(
            "community", export=services.export_community, erase=services.erase_community
        )
        # After meetings (10), safety (20) and recovery (30): the groups' threads are written
        # by the demo people through the real services.
        registry.demo_seed("community", demo.seed, order=40)
        # A site moderator reading a reported conversation appears in both people's "Who looked".
        audit.register_read("community.read_conversation", _("a reported private conversation"))
        # Settings → Invitations: an invitation may carry a group to join.
        account_invitations.register_extra(
            "space",
            _("Group to join"),
            choices=invitations.space_choices,
            apply=invitations.join_space,
        )
        # On a safety alert's page, "Message sam": a private conversation about the alert.
        extensions.alert_author_contact("community", services.message_alert_author_link)
        # In the safety net's "Needs a look" queue: where each post or message was written, and
        # "reach out", a private conversation about the review item (review.py).
        extensions.review_source("community", review.describe)
        extensions.review_author_contact("community", review.reach_out)
        registry.demo_seed("community.review", review.demo_seed, order=45)
