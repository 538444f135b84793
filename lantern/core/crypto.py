"""Encryption at rest for sensitive text (journal, notes, plans, risk signals).

Keys come from settings.DATA_KEYS (LANTERN_DATA_KEYS): the first key encrypts, every key is
tried for decryption, so a new key can be put in front and old rows re-encrypted at leisure with
`manage.py rotate_data_keys`.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "LANTERN_DATA_KEYS must hold Fernet keys (32 url-safe base64-encoded bytes)"
        ) from exc


def fernet() -> MultiFernet:
    # Keyed by the current setting so tests that override DATA_KEYS see the change.
    return _fernet_for(tuple(settings.DATA_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        raise ImproperlyConfigured(
            "A stored value cannot be decrypted with any key in LANTERN_DATA_KEYS"
        ) from None


def rotate(token: str) -> str:
    """Re-encrypt a token under the first key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token. It cannot be searched or filtered by content."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        if value is None:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None:
            return value
        return encrypt(value)

    def get_lookup(self, lookup_name):
        if lookup_name not in ("isnull",):
            return None  # encrypted text cannot be compared; fail loudly rather than never match
        return super().get_lookup(lookup_name)
