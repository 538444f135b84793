"""The backup drill: back up, change and delete data (encrypted fields among it), restore, and
every row is back as it was, the encrypted fields readable with the keys. `manage.py backup`
and `manage.py restore`, on this run's database (SQLite's online backup, or pg_dump and
pg_restore on PostgreSQL)."""

import stat

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lantern.accounts.models import User
from lantern.core import backups
from lantern.recovery import services as recovery
from lantern.recovery.models import CheckIn, JournalEntry, PlanItem

pytestmark = pytest.mark.django_db(transaction=True)


def every_row() -> dict[str, list[dict]]:
    """Every row of every table, encrypted fields decrypted with the keys."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }


def encrypted_column(model, pk, field: str) -> str:
    """What the database itself holds in an encrypted column."""
    table, column = model._meta.db_table, model._meta.get_field(field).column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture
def rivers_records(people):
    river = people.river
    entry = recovery.save_entry(river, title="Day 40", body="I almost called my old dealer.").obj
    plan = recovery.save_plan_item(
        river, kind="person", text="My sponsor, Dee", detail="+1 555 0100, after 6 pm"
    ).obj
    checkin = recovery.save_checkin(river, mood=3, craving=6, note="rough night").obj
    return entry, plan, checkin


def test_a_restore_brings_back_every_row_and_the_encrypted_words(
    people, rivers_records, tmp_path, capsys
):
    entry, plan, checkin = rivers_records
    before = every_row()
    ciphertext = encrypted_column(JournalEntry, entry.pk, "body")
    assert "dealer" not in ciphertext  # encrypted in the database, and so in the backup

    call_command("backup", tmp_path / "lantern.backup")
    backup = tmp_path / "lantern.backup"
    assert backup.stat().st_size > 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # accounts and addresses are in it

    # Things change after the backup: an entry rewritten, a check-in deleted, an account gone,
    # a new entry.
    recovery.save_entry(people.river, entry=entry, title="Day 41", body="Rewritten.")
    CheckIn.objects.filter(pk=checkin.pk).delete()
    people.sam.delete()
    recovery.save_entry(people.river, title="after", body="written after the backup")
    assert every_row() != before

    with pytest.raises(CommandError, match="holds 5 accounts"):
        call_command("restore", backup)  # not without --yes: it replaces everything
    call_command("restore", backup, "--yes")
    assert "Restored the database" in capsys.readouterr().out

    assert every_row() == before
    assert encrypted_column(JournalEntry, entry.pk, "body") == ciphertext
    restored = JournalEntry.objects.get(pk=entry.pk)
    assert (restored.title, restored.body) == ("Day 40", "I almost called my old dealer.")
    assert PlanItem.objects.get(pk=plan.pk).detail == "+1 555 0100, after 6 pm"
    assert CheckIn.objects.get(pk=checkin.pk).note == "rough night"
    assert User.objects.filter(handle="sam").exists()
    # And the site goes on from there: new rows get new keys.
    again = recovery.save_entry(people.river, title="", body="after the restore").obj
    assert again.pk > entry.pk


def test_restore_refuses_a_file_that_is_not_a_backup(people, tmp_path):
    junk = tmp_path / "notes.txt"
    junk.write_text("not a backup")
    with pytest.raises(CommandError, match="not"):
        call_command("restore", junk, "--yes")
    with pytest.raises(CommandError, match="no backup"):
        call_command("restore", tmp_path / "missing.backup", "--yes")
    assert User.objects.count() == 6  # untouched


def test_a_backup_of_an_empty_database_restores_without_asking(tmp_path):
    call_command("backup", tmp_path / "empty.backup")
    assert backups.accounts_in_database() == 0
    call_command("restore", tmp_path / "empty.backup")  # nothing to lose: no --yes needed
    assert User.objects.count() == 0


def test_the_postgresql_password_goes_through_the_environment_never_the_command_line():
    env = backups.postgres_environment(
        {
            "NAME": "lantern",
            "USER": "lantern",
            "PASSWORD": "s3cret",
            "HOST": "db.internal",
            "PORT": 5433,
            "OPTIONS": {"sslmode": "require"},
        }
    )
    assert env["PGPASSWORD"] == "s3cret"
    assert (env["PGHOST"], env["PGPORT"], env["PGUSER"], env["PGDATABASE"]) == (
        "db.internal",
        "5433",
        "lantern",
        "lantern",
    )
    assert env["PGSSLMODE"] == "require"
    no_password = backups.postgres_environment({"NAME": "lantern", "PASSWORD": ""})
    assert "PGPASSWORD" not in no_password
