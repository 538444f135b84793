"""The ASGI entry point: Django for HTTP, Channels for WebSockets (the chat app's live rooms)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lantern.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from channels.sessions import CookieMiddleware  # noqa: E402
from django.conf import settings  # noqa: E402

from lantern.chat.routing import websocket_urlpatterns  # noqa: E402
from lantern.core.serving import limit_http  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": limit_http(django_asgi_app, settings.HTTP_CONCURRENCY),
        # The cookies only: the chat consumer reads the session afresh from its store for
        # every frame (chat/consumers.py, fresh_user) and keeps no scope["user"]. Channels'
        # session middleware would also wrap every frame the server sends, to look for a session
        # save that a WebSocket frame never makes: 500 times per message in a room of 500.
        "websocket": AllowedHostsOriginValidator(
            CookieMiddleware(URLRouter(websocket_urlpatterns))
        ),
    }
)
