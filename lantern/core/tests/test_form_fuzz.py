"""The form fuzzing drill: every HTML form of the site, posted hostile input by hypothesis as the
person who may use it, must never answer a server error, and nothing stored afterwards may hold a
NUL or show a raw `<script>`.

How the forms are found: every page of the access matrix (`core/tests/test_access_matrix.py`,
which knows each URL's records and who may open it) is rendered as each person who may open it,
and each `<form method="post">` in it is read: its action, its fields, and the values the page
offers (options, checkboxes, what is filled in). Each form is fuzzed once, as the first person
found with it (a visitor, then river, then the helpers and staff), so moderators' and
administrators' forms are posted by morgan and alex. POST URLs of the matrix that no page shows a
form for (Web Push subscriptions, say) are posted the same input with fields of their own.

Hostile input: huge strings, control characters, NUL, bytes that are not UTF-8, script tags,
enormous and malformed numbers, a list where one value is expected, fields left out, fields
nobody asked for, and in file fields JSON nested far too deeply. Half the time a field gets a
value the page offers, so forms get past validation and the input reaches the services.

Bounded and repeatable: a few examples a form, derandomised, no shrinking, no example database.
The Django admin is not fuzzed here: its forms are Django's, for administrators only.
"""

import json
import re
import traceback
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from lantern.conftest import log_in
from lantern.core.tests.matrix import LOGIN
from lantern.core.tests.test_access_matrix import MATRIX, records

# Who is looked at for forms, in this order; sam is river again.
CAST = ["anon", "river", "jo", "casey", "morgan", "alex"]
EXAMPLES = 15  # per form
SCRIPT = '<script>alert("lantern")</script>'
# Signs of markup that came back unescaped from something stored.
RAW_MARKUP = re.compile(r'<script>alert\("lantern"\)|<img src=x onerror=', re.IGNORECASE)
# Forms that end something are posted last, so the rest still find their records.
ENDINGS = ("delete", "revoke", "erase", "remove", "leave", "ban", "logout", "unshare", "close")


@dataclass
class Form:
    who: str
    action: str
    found_on: str
    fields: dict[str, list[str]] = field(default_factory=dict)  # name: values the page offers
    files: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        try:
            return resolve(urlsplit(self.action).path).view_name
        except Resolver404:
            return self.action

    @property
    def ends_something(self) -> bool:
        return any(word in self.name for word in ENDINGS)


class FormReader(HTMLParser):
    """The post forms of a page, with their fields and the values the page offers."""

    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[tuple[str, dict, set]] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = (a.get("action") or self.page_url, {}, set())
            return
        if self._form is None:
            return
        _action, fields, files = self._form
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind == "file":
                files.add(name)
            elif kind not in ("submit", "image", "reset", "button"):
                fields.setdefault(name, [])
                if a.get("value") is not None:
                    fields[name].append(a["value"])
        elif tag == "button" and name and a.get("value") is not None:
            fields.setdefault(name, []).append(a["value"])
        elif tag == "select" and name:
            self._select = name
            fields.setdefault(name, [])
        elif tag == "option" and self._select and a.get("value") is not None:
            fields[self._select].append(a["value"])
        elif tag == "textarea" and name:
            self._textarea = name
            fields.setdefault(name, [])

    def handle_data(self, data):
        if self._form is not None and self._textarea and data.strip():
            self._form[1][self._textarea].append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def allowed(answer) -> bool:
    return answer != LOGIN and 200 <= answer < 400


def pages(made):
    """(name, url, who) for every page of the matrix, for each person who may open it."""
    for name, (method, kwargs, answers) in MATRIX.items():
        if name.startswith("api:"):
            continue
        url = reverse(name, kwargs={k: made.get(v, v) for k, v in (kwargs or {}).items()} or None)
        for who in CAST:
            if allowed(answers[who]):
                yield name, method, url, who


def find_forms(clients, made) -> list[Form]:
    found: dict[str, Form] = {}
    for _name, method, url, who in pages(made):
        if method != "get":
            continue
        response = clients[who].get(url)
        if "html" not in response.get("Content-Type", ""):
            continue
        reader = FormReader(url)
        reader.feed(response.content.decode())
        for action, fields, files in reader.forms:
            form = Form(who, action, url, fields, files)
            found.setdefault(form.name, form)
    # POST URLs no page showed a form for: posted with fields of their own.
    for name, method, url, who in pages(made):
        if method == "post" and name not in found:
            found[name] = Form(who, url, "(no page)")
    return sorted(found.values(), key=lambda form: form.ends_something)


# --- Hostile values ----------------------------------------------------------------------------

HOSTILE_TEXT = [
    "",
    " ",
    "name\x00with a NUL",
    "\x00",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "\u202eevil\u200b",
    "\r\n\t\x07\x1b[31m",
    "x" * 100_000,
    "9" * 400,
    "1e309",
    "-1",
    "NaN",
    "Infinity",
    "2026-02-30",
    "99999-12-31",
    "25:61",
    "02:17:28Z",
    "../../etc/passwd",
    "' OR 1=1 --",
    "[]",
    '{"a": 1}',
    "🙂" * 50,
]
NOT_UTF8 = [b"\xff\xfe", b"caf\xe9", b"\xc3\x28", b"\xed\xa0\x80", b"ok\x00\xff"]
FILES = [
    b"[" * 100_000 + b"]" * 100_000,
    json.dumps([{"name": "\u0000", "slug": [[[[["deep"]]]]], "day": {"a": 1}}]).encode(),
    b"\xff\xfe\x00\x00not json",
    b"",
    json.dumps({"meetings": "not a list"}).encode(),
]


def text_values():
    return st.one_of(
        st.sampled_from(HOSTILE_TEXT),
        st.text(max_size=40),
        st.text(
            alphabet=st.characters(codec="utf-8", categories=["Cc", "Cs", "Co"]), max_size=10
        ).filter(lambda s: not any(0xD800 <= ord(c) <= 0xDFFF for c in s)),
    ).map(str.encode)


def field_values(offered: list[str]):
    """One field's values: what the page offers, or something hostile; sometimes several."""
    hostile = st.one_of(text_values(), st.sampled_from(NOT_UTF8))
    one = st.one_of(st.sampled_from(offered).map(str.encode), hostile) if offered else hostile
    return st.lists(one, min_size=0, max_size=3).filter(lambda v: True)


@st.composite
def submissions(draw, form: Form):
    """A form's fields, each left out, or given one or more values."""
    data = {}
    for name, offered in form.fields.items():
        values = draw(field_values(offered))
        if values or draw(st.booleans()):
            data[name] = values or [b""]
    if draw(st.integers(0, 4)) == 0:
        data[draw(st.sampled_from(["extra", "id", "pk", "user", "member"]))] = [draw(text_values())]
    files = {name: draw(st.sampled_from(FILES)) for name in form.files}
    return data, files


def post(client, form: Form, data: dict, files: dict):
    """Urlencoded (bytes as they are, so not-UTF-8 arrives as such), or multipart for files."""
    if files:
        fields = {
            name: [v.decode("utf-8", "replace") for v in values] for name, values in data.items()
        }
        uploads = {
            name: SimpleUploadedFile("feed.json", content) for name, content in files.items()
        }
        return client.post(form.action, {**fields, **uploads})
    body = urlencode([(name, value) for name, values in data.items() for value in values])
    return client.post(form.action, body, content_type="application/x-www-form-urlencoded")


# --- The drill ---------------------------------------------------------------------------------


@pytest.fixture
def clients(people):
    result = {"anon": Client(raise_request_exception=True)}
    for person in people:
        result[person.handle] = log_in(Client(raise_request_exception=True), person)
    return result


def fuzz(form: Form, people) -> list[str]:
    problems = []
    person = getattr(people, form.who, None)
    client = Client() if person is None else log_in(Client(), person)

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(submission=submissions(form))
    def run(submission):
        cache.clear()  # rate limits would soon answer 429 to everything
        data, files = submission
        try:
            response = post(client, form, data, files)
        except Exception as error:  # the server error, raised in this process
            where = traceback.extract_tb(error.__traceback__)[-1]
            problems.append(
                f"{form.name} as {form.who}: {type(error).__name__}: {error} "
                f"({where.filename}:{where.lineno}) with {sorted(data)}"
            )
            return
        if response.status_code >= 500:
            problems.append(f"{form.name} as {form.who}: {response.status_code}")

    run()
    return problems


def stored_nul() -> list[str]:
    """Text columns holding a NUL (SQLite keeps one; PostgreSQL refuses it). Read in Python:
    SQLite's LIKE stops at a NUL in its pattern, and encrypted columns are only readable here."""
    found = []
    for model in apps.get_models():
        if not model.__module__.startswith("lantern."):
            continue
        texts = [
            column.attname
            for column in model._meta.concrete_fields
            if isinstance(column, models.CharField | models.TextField)
        ]
        for row in model._default_manager.values_list(*texts) if texts else []:
            found += [
                f"{model.__name__}.{name}"
                for name, value in zip(texts, row, strict=True)
                if isinstance(value, str) and "\x00" in value
            ]
    return found


def raw_markup(clients, made) -> list[str]:
    """Pages that show stored input as markup rather than as text."""
    shown = []
    for _name, method, url, who in pages(made):
        if method == "get":
            response = clients[who].get(url)
            if RAW_MARKUP.search(response.content.decode(errors="replace")):
                shown.append(f"{url} as {who}")
    return shown


@pytest.mark.django_db
def test_every_form_takes_hostile_input_without_a_server_error(people, clients):
    made = records(people)
    forms = find_forms(clients, made)
    assert len(forms) > 40, [f.name for f in forms]  # the crawl found the site's forms
    problems = []
    for form in forms:
        problems += fuzz(form, people)
    assert problems == [], "server errors:\n" + "\n".join(problems)
    assert stored_nul() == []
    assert raw_markup(clients, made) == []
