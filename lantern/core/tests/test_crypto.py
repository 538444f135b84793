import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from lantern.core import notification_kinds
from lantern.core.models import Notification
from lantern.core.notifications import notify

notification_kinds.register("test.crypto", title="A note")

SECRET = "I almost called my old dealer tonight"


def stored_body(pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM core_notification WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_sensitive_text_is_not_stored_in_clear(people):
    n = notify(people.river, "test.crypto", body=SECRET)
    raw = stored_body(n.pk)
    assert SECRET not in raw
    assert "dealer" not in raw
    assert Notification.objects.get(pk=n.pk).body == SECRET


def test_a_new_key_in_front_still_reads_old_values_and_rotation_moves_them(people, settings):
    old_key = settings.DATA_KEYS[0]
    n = notify(people.river, "test.crypto", body=SECRET)
    new_key = Fernet.generate_key().decode()
    settings.DATA_KEYS = [new_key, old_key]
    assert Notification.objects.get(pk=n.pk).body == SECRET  # old value, read with the old key
    call_command("rotate_data_keys", verbosity=0)
    settings.DATA_KEYS = [new_key]  # the old key is retired
    assert Notification.objects.get(pk=n.pk).body == SECRET
    assert Fernet(new_key.encode()).decrypt(stored_body(n.pk).encode()).decode() == SECRET


def test_a_value_no_key_can_read_fails_loudly(people, settings):
    n = notify(people.river, "test.crypto", body=SECRET)
    settings.DATA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(ImproperlyConfigured):
        Notification.objects.get(pk=n.pk)


def test_encrypted_text_cannot_be_searched_by_content(people):
    with pytest.raises(Exception, match="Unsupported lookup"):
        list(Notification.objects.filter(body__icontains="dealer"))
