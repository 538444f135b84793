"""Fixtures for core's tests (the cast and the rest are in lantern/conftest.py)."""

import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest


@pytest.fixture
def push_service(settings):
    """An HTTP server that accepts Web Push messages like a browser vendor's push service.
    Its origin is added to the allowed push services, as an operator would for their own."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"path": self.path, "headers": dict(self.headers), "body": body})
            if self.path.endswith("/redirect"):
                self.send_response(307)
                self.send_header("Location", "http://127.0.0.1:6379/")
            else:
                self.send_response(410 if self.path.endswith("/gone") else 201)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.received = received
    server.url = f"http://127.0.0.1:{server.server_port}"
    settings.PUSH_SERVICE_HOSTS = [*settings.PUSH_SERVICE_HOSTS, server.url]
    yield server
    server.shutdown()
