"""The rules of ARCHITECTURE.md that a machine can check, checked on every run, so the next app
copies the one way each thing is done rather than an exception.

- `core` imports no other app of Lantern, and `accounts` only `core`: what they show or run for
  other apps is registered by those apps (`core.registry`, `accounts.personal_data`,
  `core.notification_kinds`).
- The safety net is called with a `safety.contexts.Context`, never a string.
- No site path is written by hand in Python: links come from `reverse()`.
- A view shows a service's refusal with `core.errors.attempt`, which lets `NotFound` through:
  no hand-written `except NotFound: raise` before `except Refused`.
- Imports are at the top of modules. Allowed inside functions: `AppConfig.ready()` (Django's
  place for registering), management commands, and a third-party import marked `# lazy: <why>`
  (a heavy library most requests never need).

Product code only: tests, migrations and conftest are not checked.
"""

import ast
import re
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

from lantern.safety import services as safety
from lantern.safety.contexts import Context

LANTERN = Path(__file__).resolve().parents[2]
DOMAIN_APPS = {
    "safety",
    "meetings",
    "recovery",
    "community",
    "chat",
    "support",
    "directory",
    "mentorship",
    "events",
    "programs",
    "training",
}
SAFETY_CALLS = {"check_text", "assess"}
# Calls whose string argument defines a route rather than links to one.
ROUTE_DEFINITIONS = {"path", "re_path", "add_router", "get", "post", "put", "patch", "delete"}


def product_modules():
    for path in sorted(LANTERN.rglob("*.py")):
        parts = set(path.relative_to(LANTERN).parts)
        if parts & {"tests", "migrations"} or path.name == "conftest.py":
            continue
        yield path, ast.parse(path.read_text(), filename=str(path))


def lantern_imports(tree):
    """(line, module) for every import of a lantern module, absolute or relative."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("lantern."):
                    yield node.lineno, alias.name
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").startswith("lantern.")
        ):
            for alias in node.names:
                yield node.lineno, f"{node.module}.{alias.name}"


def app_of(module: str) -> str:
    return module.split(".")[1]


def test_core_imports_no_other_app_and_accounts_only_core():
    wrong = []
    for path, tree in product_modules():
        here = path.relative_to(LANTERN).parts[0]
        if here not in ("core", "accounts"):
            continue
        allowed = {"core"} if here == "core" else {"core", "accounts"}
        for line, module in lantern_imports(tree):
            if app_of(module) not in allowed:
                wrong.append(f"{path.relative_to(LANTERN)}:{line} imports {module}")
    assert wrong == []


def test_core_and_accounts_templates_load_no_app_tags():
    """A core template that loads an app's tags imports that app in disguise."""
    wrong = []
    for app in ("core", "accounts"):
        for template in (LANTERN / app / "templates").rglob("*.html"):
            for library in re.findall(r"{%\s*load\s+([^%]+)%}", template.read_text()):
                if set(library.split()) & DOMAIN_APPS:
                    wrong.append(f"{template.relative_to(LANTERN)} loads {library.strip()}")
    assert wrong == []


def test_the_safety_net_is_never_called_with_a_string_context():
    wrong = []
    for path, tree in product_modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name != "check_text":
                continue
            context = node.args[2] if len(node.args) > 2 else None
            context = next((k.value for k in node.keywords if k.arg == "context"), context)
            if isinstance(context, ast.Constant | ast.JoinedStr):
                wrong.append(f"{path.relative_to(LANTERN)}:{node.lineno}")
    assert wrong == []


def test_check_text_refuses_a_string_context(people):
    with pytest.raises(TypeError):
        safety.check_text(people.river, "a quiet day", "journal")
    outcome = safety.check_text(people.river, "a quiet day", Context.JOURNAL)
    assert outcome.alert is None


def test_every_context_says_whether_it_is_private():
    private = {c for c in Context if c.private}
    assert {Context.JOURNAL, Context.CHECKIN, Context.CONTACT_NOTE} <= private
    assert {Context.POST, Context.MESSAGE, Context.CHAT, Context.REPORT}.isdisjoint(private)
    assert all(c.private != c.shared for c in Context)


def routes(patterns=None, prefix=""):
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern).lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        else:
            yield route


def site_prefixes() -> set[str]:
    """The first segment of every route of the site: "groups", "recovery", "safety"…"""
    prefixes = set()
    for route in routes():
        first = re.split(r"[/<(\\[$?]", route.lstrip("/"), maxsplit=1)[0]
        if first:
            prefixes.add(first)
    return prefixes


def string_pieces(tree):
    """(line, text, parent call name) for string literals and the fixed start of f-strings,
    leaving out docstrings."""
    docstrings = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            docstrings.add(id(first.value))
    route_args = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            if name in ROUTE_DEFINITIONS:
                route_args.add(id(node.args[0]))
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in route_args:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr) and node.values:
            first = node.values[0]
            if isinstance(first, ast.Constant):
                yield node.lineno, first.value
            # and the f-string's pieces are not walked again as constants
            for value in node.values:
                docstrings.add(id(value))


def test_no_site_path_is_written_by_hand():
    prefixes = "|".join(sorted(map(re.escape, site_prefixes())))
    hand_built = re.compile(rf"^/({prefixes})(/|$)")
    wrong = []
    for path, tree in product_modules():
        if path.name == "settings.py":
            continue  # LOGIN_URL and friends are settings, read by Django
        for line, text in string_pieces(tree):
            if hand_built.match(text):
                wrong.append(f"{path.relative_to(LANTERN)}:{line} {text!r}")
    assert wrong == [], "use reverse() for these:\n" + "\n".join(wrong)


def source_lines(path: Path) -> list[str]:
    return path.read_text().splitlines()


def test_imports_are_at_the_top_of_modules():
    wrong = []
    for path, tree in product_modules():
        if "commands" in path.parts:
            continue
        lines = source_lines(path)
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and path.name == "apps.py":
                continue
            for node in ast.walk(function):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                names = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or "."]
                )
                ours = getattr(node, "level", 0) > 0 or any(n.startswith("lantern") for n in names)
                marked = "# lazy:" in lines[node.lineno - 1]
                if ours or not marked:
                    wrong.append(f"{path.relative_to(LANTERN)}:{node.lineno} {ast.unparse(node)}")
    assert wrong == [], "move these imports to the top of their module:\n" + "\n".join(wrong)


def test_views_show_refusals_with_attempt():
    """`try: … except NotFound: raise except Refused as e: …` was written 55 times before
    `attempt` existed; one forgotten `raise` would turn a 404 into a form error."""
    wrong = []
    for path, tree in product_modules():
        for handler in ast.walk(tree):
            if not isinstance(handler, ast.ExceptHandler) or handler.type is None:
                continue
            caught = ast.unparse(handler.type)
            reraised = len(handler.body) == 1 and isinstance(handler.body[0], ast.Raise)
            if caught.endswith("NotFound") and reraised and handler.body[0].exc is None:
                wrong.append(f"{path.relative_to(LANTERN)}:{handler.lineno}")
    assert wrong == [], "use core.errors.attempt here:\n" + "\n".join(wrong)
