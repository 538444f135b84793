from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# What chat notifications say (core/notification_kinds.py). Neutral words never carry what was
# written in a room, nor the room's name (being in some rooms is itself private).
KINDS = {
    "chat.urgent": {
        "title": _("Someone in %(room)s may need help now"),
        "neutral": _("Someone in a meeting you chair may need help on Lantern"),
        "body": _(
            "Their words raised a safety alert. Open the message in the room to talk with them "
            "privately; on-duty moderators have the alert too."
        ),
    },
    "chat.report": {
        "title": _("A message in %(room)s was reported"),
        "neutral": _("Something is waiting for the moderators on Lantern"),
    },
}


class ChatConfig(AppConfig):
    name = "lantern.chat"
    label = "chat"
    verbose_name = "Chat"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        from lantern.accounts import personal_data
        from lantern.core import notification_kinds, registry
        from lantern.meetings import extensions as meeting_extensions

        from . import demo, events, services

        def close_sockets_on_sign_out(sender, request, user, **kwargs):
            """Signing out closes the sockets opened with that session at once (the consumer
            would also find out within a second; this makes it immediate)."""
            session = getattr(request, "session", None)
            if session is not None and session.session_key:
                events.signed_out(session.session_key)

        for kind, words in KINDS.items():
            notification_kinds.register(kind, staff=kind == "chat.report", **words)
        personal_data.register("chat", export=services.export_chat, erase=services.erase_chat)
        # After community (40): the late-night room belongs to one of its groups.
        registry.demo_seed("chat", demo.seed, order=60)
        registry.menu_link("chat", _("Live rooms"), "chat-rooms", order=45)
        # A meeting held in a room: "Join in Lantern" on its page.
        meeting_extensions.held_in("chat", services.meeting_room_urls)
        # Not domain logic: closing live connections when their session ends.
        user_logged_out.connect(close_sockets_on_sign_out, dispatch_uid="chat-sign-out", weak=False)
