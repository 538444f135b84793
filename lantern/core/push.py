"""Web Push with VAPID (pywebpush). The site is an installable web app; its service worker
(static/js/sw.js, served at /sw.js) shows what arrives here."""

import base64
import json
import logging
from urllib.parse import urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings

logger = logging.getLogger(__name__)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def new_vapid_private_key() -> str:
    """A new P-256 private key as pywebpush and the VAPID spec expect (raw, base64url)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return _b64url(key.private_numbers().private_value.to_bytes(32, "big"))


def vapid_public_key(private_key: str) -> str:
    """The application server key the browser needs to subscribe (uncompressed point)."""
    raw = base64.urlsafe_b64decode(private_key + "=" * (-len(private_key) % 4))
    key = ec.derive_private_key(int.from_bytes(raw, "big"), ec.SECP256R1())
    point = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(point)


def endpoint_allowed(url: str) -> bool:
    """Whether a push endpoint belongs to a known push service (PUSH_SERVICE_HOSTS)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    if not parts.hostname:
        return False
    origin = f"{parts.scheme}://{parts.netloc}"
    host = parts.hostname.lower()
    for allowed in settings.PUSH_SERVICE_HOSTS:
        if "://" in allowed:
            if origin == allowed.rstrip("/"):
                return True
        elif parts.scheme == "https" and (host == allowed or host.endswith("." + allowed)):
            return True
    return False


def _no_redirects_session() -> requests.Session:
    session = requests.Session()
    session.max_redirects = 0  # a push service answers; it never sends us elsewhere
    return session


class SubscriptionGone(Exception):
    """The push service says this subscription no longer exists."""


def send(subscription, payload: dict, *, private_key: str, contact: str, urgent: bool) -> None:
    from pywebpush import WebPushException, webpush  # lazy: only the task worker sends pushes

    if not endpoint_allowed(subscription.endpoint):
        raise SubscriptionGone(f"not a known push service: {subscription.endpoint[:60]}")
    try:
        webpush(
            subscription_info={
                "endpoint": subscription.endpoint,
                "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
            },
            data=json.dumps(payload),
            vapid_private_key=private_key,
            vapid_claims={"sub": contact},
            ttl=3600 if urgent else 24 * 3600,
            headers={"Urgency": "high" if urgent else "normal"},
            timeout=10,
            requests_session=_no_redirects_session(),
        )
    except requests.TooManyRedirects as exc:
        raise SubscriptionGone("the push service redirected") from exc
    except WebPushException as exc:
        status = getattr(exc.response, "status_code", None)
        if status in (404, 410):
            raise SubscriptionGone from exc
        raise
