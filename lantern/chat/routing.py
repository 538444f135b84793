"""The chat app's WebSocket routes (lantern/asgi.py mounts them inside the origin check and the
session authentication)."""

from django.urls import path

from .consumers import ChatConsumer

websocket_urlpatterns = [
    path("ws/chat/<slug:slug>/", ChatConsumer.as_asgi(), name="chat-socket"),
]

# So that `reverse("chat-socket", urlconf="lantern.chat.routing", …)` gives the socket's path.
urlpatterns = websocket_urlpatterns
