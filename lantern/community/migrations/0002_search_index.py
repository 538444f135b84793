"""Full-text search over posts: an FTS5 table kept in step by triggers on SQLite; a GIN index
on the same expression the search query uses on PostgreSQL (lantern/community/search.py)."""

from django.db import migrations

SQLITE = [
    "CREATE VIRTUAL TABLE community_post_fts USING fts5(body, content='community_post', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER community_post_fts_insert AFTER INSERT ON community_post BEGIN "
    "INSERT INTO community_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "CREATE TRIGGER community_post_fts_delete AFTER DELETE ON community_post BEGIN "
    "INSERT INTO community_post_fts(community_post_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); END",
    "CREATE TRIGGER community_post_fts_update AFTER UPDATE OF body ON community_post BEGIN "
    "INSERT INTO community_post_fts(community_post_fts, rowid, body) "
    "VALUES ('delete', old.id, old.body); "
    "INSERT INTO community_post_fts(rowid, body) VALUES (new.id, new.body); END",
    "INSERT INTO community_post_fts(community_post_fts) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS community_post_fts_insert",
    "DROP TRIGGER IF EXISTS community_post_fts_delete",
    "DROP TRIGGER IF EXISTS community_post_fts_update",
    "DROP TABLE IF EXISTS community_post_fts",
]
POSTGRES = [
    "CREATE INDEX community_post_fts ON community_post "
    "USING GIN (to_tsvector('simple', body))",
]
POSTGRES_REVERSE = ["DROP INDEX IF EXISTS community_post_fts"]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
