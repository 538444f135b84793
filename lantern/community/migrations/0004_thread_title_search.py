"""Search finds thread titles too: an FTS5 table over community_thread.title kept in step by
triggers on SQLite; a GIN index on the expression the search query uses on PostgreSQL
(lantern/community/search.py)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE community_thread_fts USING fts5(title, content='community_thread', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER community_thread_fts_insert AFTER INSERT ON community_thread BEGIN "
    "INSERT INTO community_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "CREATE TRIGGER community_thread_fts_delete AFTER DELETE ON community_thread BEGIN "
    "INSERT INTO community_thread_fts(community_thread_fts, rowid, title) "
    "VALUES ('delete', old.id, old.title); END",
    "CREATE TRIGGER community_thread_fts_update AFTER UPDATE OF title ON community_thread BEGIN "
    "INSERT INTO community_thread_fts(community_thread_fts, rowid, title) "
    "VALUES ('delete', old.id, old.title); "
    "INSERT INTO community_thread_fts(rowid, title) VALUES (new.id, new.title); END",
    "INSERT INTO community_thread_fts(community_thread_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS community_thread_fts_insert",
    "DROP TRIGGER IF EXISTS community_thread_fts_delete",
    "DROP TRIGGER IF EXISTS community_thread_fts_update",
    "DROP TABLE IF EXISTS community_thread_fts",
]
POSTGRES = [
    "CREATE INDEX community_thread_fts ON community_thread "
    "USING GIN (to_tsvector('simple', title))",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS community_thread_fts"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("community", "0003_member_settings")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
