"""Backups of the whole database, taken while Lantern runs, and restores
(`manage.py backup PATH`, `manage.py restore PATH`).

- **SQLite**: SQLite's online backup API (`sqlite3.Connection.backup`): a consistent copy even
  while people write. A restore copies the backup back through the same API, under SQLite's
  own locking, so processes that have the database open see the restored data.
- **PostgreSQL**: `pg_dump --format=custom`, restored with `pg_restore --clean --if-exists` in
  one transaction (all of it or nothing). The connection comes from settings and goes to the
  tools through the environment (PGHOST, PGUSER, PGPASSWORD…): a password on a command line
  would show in `ps` to every user of the machine.

A backup is written under a temporary name and renamed when complete, readable by its owner
only: accounts and email addresses are in it in clear. Encrypted fields (journal, plan,
check-in notes…) stay encrypted, so a backup is readable only with LANTERN_DATA_KEYS: keep the
keys safe, and apart from the backups.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import DatabaseError, connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """Why a backup or a restore could not be done, in words for the operator."""


def _database(alias: str = "default"):
    connection = connections[alias]
    return connection, connection.settings_dict


def _is_sqlite(alias: str = "default") -> bool:
    return connections[alias].vendor == "sqlite"


def postgres_environment(db: dict) -> dict[str, str]:
    """The environment that points libpq's tools (pg_dump, pg_restore) at the database."""
    env = dict(os.environ)
    values = {
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGDATABASE": db.get("NAME"),
        "PGSSLMODE": (db.get("OPTIONS") or {}).get("sslmode"),
    }
    for name, value in values.items():
        env.pop(name, None)
        if value:
            env[name] = str(value)
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client tools of your server's "
            "version (Debian: apt-get install postgresql-client)."
        )
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    # Our own argument list, no shell; the password is in `env`.
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {done.stderr.strip()}")


def backup(path: Path, alias: str = "default") -> Path:
    """Write a consistent copy of the database to `path` (replaced if it exists)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.unlink(missing_ok=True)
    partial.touch(mode=0o600)
    try:
        connection, db = _database(alias)
        if connection.vendor == "sqlite":
            source = sqlite3.connect(db["NAME"])
            target = sqlite3.connect(partial)
            try:
                source.backup(target)
            finally:
                target.close()
                source.close()
        elif connection.vendor == "postgresql":
            command = [_tool("pg_dump"), "--format=custom", "--no-password", f"--file={partial}"]
            _run(command, postgres_environment(db))
        else:
            raise BackupError(f"Backups of {connection.vendor} databases are not supported.")
        partial.chmod(0o600)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def accounts_in_database(alias: str = "default") -> int:
    """How many accounts the database holds (0 for an empty or new database)."""
    try:
        return get_user_model().objects.using(alias).count()
    except DatabaseError:  # no tables yet
        return 0


def check_backup(path: Path, alias: str = "default") -> None:
    """Refuse a file that is not a backup of this kind of database."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup at {path}.")
    with path.open("rb") as file:
        head = file.read(16)
    if _is_sqlite(alias):
        if not head.startswith(SQLITE_MAGIC):
            raise BackupError(f"{path} is not an SQLite database.")
        check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = check.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            tables = {row[0] for row in check.execute("SELECT name FROM sqlite_master")}
        finally:
            check.close()
        if not ok or "django_migrations" not in tables:
            raise BackupError(f"{path} is damaged, or not a backup of Lantern.")
    elif not head.startswith(PG_DUMP_MAGIC):
        raise BackupError(f"{path} is not a pg_dump archive (made by `manage.py backup`).")


def restore(path: Path, alias: str = "default") -> None:
    """Replace everything in the database with the backup at `path`. Stop the web processes
    and workers first; the caller has made sure the operator means it."""
    path = Path(path)
    check_backup(path, alias)
    connection, db = _database(alias)
    connections.close_all()
    if connection.vendor == "sqlite":
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        target = sqlite3.connect(db["NAME"], timeout=30)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
    else:
        command = [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={db['NAME']}",
            str(path),
        ]
        _run(command, postgres_environment(db))
