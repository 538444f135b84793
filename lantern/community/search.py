"""Full-text search over the posts a reader may see: SQLite FTS5 (the community_post_fts and
community_thread_fts virtual tables, kept in step by triggers; see migrations 0002 and 0004) or
PostgreSQL full-text search (GIN indexes on to_tsvector('simple', body) and on the thread
title). A post matches when its text has every word, and a thread's opening post also matches
when the thread's title has every word. Either way the candidates are intersected with
`Post.objects.visible_to(reader)`, the same rule the pages use, before anything is shown."""

import re
import unicodedata

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .models import Post, opening_visible_to

WORD = re.compile(r"\w+", re.UNICODE)
START, STOP = "\u27e6", "\u27e7"  # ⟦ ⟧ mark the matches in a snippet, then become <mark>
MAX_TERMS = 8


def terms(query: str) -> list[str]:
    return WORD.findall(query.lower())[:MAX_TERMS]


def _fts5_query(words: list[str]) -> str:
    # Each word quoted (no FTS5 syntax can be injected); the last one also as a prefix.
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _tsquery(words: list[str]) -> str:
    # PostgreSQL's to_tsquery syntax, built only from \w+ words: every word, the last as a prefix.
    return " & ".join([*(f"'{w}'" for w in words[:-1]), f"'{words[-1]}':*"])


def _matching(words: list[str]):
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM community_post WHERE to_tsvector('simple', body) @@ "
            "to_tsquery('simple', %s)",
            [_tsquery(words)],
        )
    return RawSQL(
        "SELECT rowid FROM community_post_fts WHERE community_post_fts MATCH %s",
        [_fts5_query(words)],
    )


def _title_matching(words: list[str]):
    """Ids of the threads whose title has every word (the last as a prefix)."""
    if connection.vendor == "postgresql":
        return RawSQL(
            "SELECT id FROM community_thread WHERE to_tsvector('simple', title) @@ "
            "to_tsquery('simple', %s)",
            [_tsquery(words)],
        )
    return RawSQL(
        "SELECT rowid FROM community_thread_fts WHERE community_thread_fts MATCH %s",
        [_fts5_query(words)],
    )


def _fold(word: str) -> str:
    """Lower case without accents, as the FTS5 tokenizer (remove_diacritics) compares words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def snippet(text: str, words: list[str], width: int = 24) -> str:
    """About `width` words of `text` around the first match, the matching words marked. Done
    here rather than by the database: one cheap code path for SQLite and PostgreSQL."""
    exact, prefix = {_fold(w) for w in words[:-1]}, _fold(words[-1])
    text = text.replace(START, "[").replace(STOP, "]")  # only our markers become <mark>
    tokens = re.split(r"(\w+)", text)  # odd indexes are words, even ones what lies between
    hits = [
        i
        for i in range(1, len(tokens), 2)
        if _fold(tokens[i]) in exact or _fold(tokens[i]).startswith(prefix)
    ]
    first = hits[0] if hits else 1
    start = max(0, first - 2 * (width // 3) - 1)
    end = min(len(tokens), start + 2 * width)
    for i in hits:
        if start <= i < end:
            tokens[i] = f"{START}{tokens[i]}{STOP}"
    text = "".join(tokens[start:end]).strip()
    return ("…" if start > 0 else "") + text + ("…" if end < len(tokens) else "")


def highlight(snippet: str) -> str:
    """Escape everything, then turn only our own markers into <mark>."""
    safe = escape(snippet).replace(START, "<mark>").replace(STOP, "</mark>")
    if safe.count("<mark>") != safe.count("</mark>"):
        safe = safe.replace("<mark>", "").replace("</mark>", "")
    return mark_safe(safe)  # noqa: S308 - escaped above


FIRST_CHUNK, LAST_CHUNK = 200, 5000
FTS_TABLES = ("community_post_fts", "community_thread_fts")


def _walk_sqlite(table: str, words: list[str], need: int, keep) -> list[int]:
    """Walk an FTS5 table's matches newest first (rowid order, cheap for FTS5) in growing
    chunks, keeping the visible ones (`keep(rowids)` gives their post ids), until `need` are
    found: a common word does not materialise every match."""
    assert table in FTS_TABLES
    found: list[int] = []
    before, chunk = None, FIRST_CHUNK
    while len(found) < need:
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH %s"  # noqa: S608 - FTS_TABLES
        params: list = [_fts5_query(words)]
        if before is not None:
            sql += " AND rowid < %s"
            params.append(before)
        with connection.cursor() as cursor:
            cursor.execute(sql + f" ORDER BY rowid DESC LIMIT {chunk}", params)
            ids = [row[0] for row in cursor.fetchall()]
        if not ids:
            break
        found += keep(ids)
        if len(ids) < chunk:
            break
        before, chunk = ids[-1], min(chunk * 2, LAST_CHUNK)
    return found


def _visible_matches(reader, words: list[str], need: int) -> list[int]:
    """Ids of the newest `need` matching posts the reader may see, newest first: posts whose
    text matches, and opening posts of threads whose title matches."""
    visible = (
        Post.objects.visible_to(reader)
        .filter(status=Post.Status.PUBLISHED)
        .filter(opening_visible_to(reader, "thread"))
        .order_by("-pk")
    )
    openings = visible.filter(opening=True)
    if connection.vendor != "sqlite":
        by_text = visible.filter(pk__in=_matching(words)).values_list("pk", flat=True)[:need]
        by_title = openings.filter(thread__in=_title_matching(words))
        by_title = by_title.values_list("pk", flat=True)[:need]
    else:
        by_text = _walk_sqlite(
            "community_post_fts",
            words,
            need,
            lambda ids: list(visible.filter(pk__in=ids).values_list("pk", flat=True)),
        )

        # Threads newest first are their opening posts newest first. Their ids first, then the
        # visibility rule by post id: SQLite plans that as it does for the text matches, where
        # `thread__in` under the rule would scan every post of the readable groups.
        def visible_openings(thread_ids):
            pks = Post.objects.filter(thread__in=thread_ids, opening=True).values("pk")
            return list(visible.filter(pk__in=pks).values_list("pk", flat=True))

        by_title = _walk_sqlite("community_thread_fts", words, need, visible_openings)
    return sorted(set(by_text) | set(by_title), reverse=True)[:need]


def search(reader, query: str, *, limit: int = 20, offset: int = 0):
    """Published posts the reader may see that match every word (the last as a prefix), newest
    first, each with a highlighted snippet (`post.snippet`). Returns (posts, has_more)."""
    words = terms(query)
    if not words:
        return [], False
    ids = _visible_matches(reader, words, offset + limit + 1)[offset:]
    has_more = len(ids) > limit
    ids = ids[:limit]
    found = list(
        Post.objects.filter(pk__in=ids).select_related("thread", "space", "author").order_by("-pk")
    )
    for post in found:
        post.snippet = highlight(snippet(post.body, words))
        post.title_html = highlight(snippet(post.thread.title, words, width=60))
    return found, has_more
