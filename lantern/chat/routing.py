"""The chat app's WebSocket routes (lantern/asgi.py mounts them)."""

websocket_urlpatterns: list = []
