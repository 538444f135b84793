"""The access matrix: every URL name of the project, requested by an anonymous visitor and by each
person of `people` (see conftest), with the answer each must get.

Each app keeps its entries in its own `tests/matrix.py` (helpers in `core/tests/matrix.py`).
Adding a URL without an entry fails `test_every_url_name_is_in_the_matrix`: decide who may reach
it and write it down in its app's file. Records in URLs belong to river; sam (another member)
must get a 404 for them, never river's data.

Expected answers: an HTTP status, or LOGIN for a redirect to the sign-in page.
"""

import datetime
from importlib import import_module

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from lantern.conftest import log_in
from lantern.core.models import AuditEvent
from lantern.core.tasks import deliver_notification
from lantern.core.tests.matrix import LOGIN, WHO

FAR_FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)


def app_matrices():
    """Every app's `tests/matrix.py` (MATRIX and records), in the order the apps are installed."""
    found = []
    for config in apps.get_app_configs():
        if config.name.startswith("lantern."):
            try:
                found.append(import_module(f"{config.name}.tests.matrix"))
            except ModuleNotFoundError:
                continue
    return found


MATRIX = {name: entry for module in app_matrices() for name, entry in module.MATRIX.items()}


def records(people) -> dict:
    """The records the URLs point at (river's, so sam must never reach them), from every app."""
    made = {}
    for module in app_matrices():
        mine = module.records(people)
        # Two apps naming different records alike would point one app's URLs at the other's.
        shared = sorted(set(mine) & set(made))
        assert not shared, f"{module.__name__} reuses record names: {shared}"
        made.update(mine)
    return made


# The Django admin (and, on Redis, django-rq's queue dashboard inside it): only administrators
# with two-factor get in. Every admin URL name is requested by everyone.
ADMIN_REFUSALS = (302, 401, 403, 404, 405)
# alex's answer where it is not 200 (index, change lists and add pages must be 200)
# Add and delete pages answer 403 where the model's admin forbids them (records written only by
# services: the audit log, alerts, reach-outs, task results, authenticators); see
# `_refused_by_model_admin`.
ADMIN_EXCEPTIONS = {
    "admin:logout": 200,  # "you are signed out"
    "admin:login": 302,  # already signed in: on to the admin
    "admin:autocomplete": 403,  # needs field parameters
}
# django-rq registers a placeholder model (no table) to put its dashboard in the admin; the
# object routes the admin gives it are not pages anyone can reach from the dashboard, and they
# fail inside django-rq. Everyone else is still checked for a refusal on them.
ADMIN_NOT_PAGES = {
    "admin:django_rq_dashboard_change",
    "admin:django_rq_dashboard_delete",
    "admin:django_rq_dashboard_history",
}


def named_patterns(patterns=None, namespace=None):
    """Every named URL pattern of the project, as (namespaced name, pattern)."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_patterns(pattern.url_patterns, ns)
        elif pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def url_names():
    return sorted({name for name, _pattern in named_patterns()})


def test_every_url_name_is_in_the_matrix():
    missing = [n for n in url_names() if n not in MATRIX and not n.startswith("admin:")]
    assert missing == [], f"add these URL names to the access matrix: {missing}"
    stale = [n for n in MATRIX if n not in url_names()]
    assert stale == [], f"these matrix entries name no URL: {stale}"


@pytest.fixture
def clients(people):
    result = {"anon": Client()}
    for person in people:
        result[person.handle] = log_in(Client(), person)
    return result


def _check(client, method, url, expected):
    response = getattr(client, method)(url)
    if expected == LOGIN:
        location = response.get("Location", "")
        return response.status_code == 302 and location.startswith("/accounts/login/"), (
            f"{response.status_code} {location}"
        )
    return response.status_code == expected, str(response.status_code)


@pytest.mark.django_db
def test_each_url_answers_each_person_as_the_matrix_says(people, clients):
    made = records(people)
    failures = []
    for name, (method, kwargs, answers) in MATRIX.items():
        kwargs = {k: made.get(v, v) for k, v in (kwargs or {}).items()}
        url = reverse(name, kwargs=kwargs or None)
        for who in WHO:
            ok, got = _check(clients[who], method, url, answers[who])
            if not ok:
                failures.append(f"{name} {url} as {who}: expected {answers[who]}, got {got}")
    assert failures == [], "\n".join(failures)


def _admin_url(name, pattern, real_ids):
    """Reverse an admin URL name: a real object for object pages, placeholders elsewhere."""
    from django.contrib import admin

    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name.startswith(prefix) and "object_id" in pattern.pattern.converters:
            managed = model._meta.managed  # django-rq's dashboard is a model with no table
            obj = model._default_manager.order_by("pk").first() if managed else None
            return reverse(name, args=[obj.pk if obj else 999999])
    kwargs = {
        key: real_ids.get(key, 0 if type(converter).__name__ == "IntConverter" else "none")
        for key, converter in pattern.pattern.converters.items()
    }
    if name == "admin:app_list":
        kwargs["app_label"] = "accounts"
    if "(?P<" in str(pattern.pattern) and not kwargs:
        return reverse(name)  # regex patterns with optional groups
    return reverse(name, kwargs=kwargs or None)


def _refused_by_model_admin(name, alex) -> bool:
    """Whether the ModelAdmin behind an add/delete URL refuses an administrator on purpose."""
    from django.contrib import admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = alex
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if name == prefix + "add":
            return not model_admin.has_add_permission(request)
        if name == prefix + "delete":
            return not model_admin.has_delete_permission(request)
    return False


def admin_patterns():
    return {name: p for name, p in named_patterns() if name.startswith("admin:")}


@pytest.mark.django_db
def test_the_admin_is_for_administrators_only(people, clients):
    AuditEvent.objects.create(action="test")  # something to open in the audit log
    # With RQ, the queue dashboard's job pages need a real job to show.
    real_ids = {"job_id": deliver_notification.using(run_after=FAR_FUTURE).enqueue(0).id}
    worker = None
    if settings.RQ_QUEUES:
        import django_rq

        worker = django_rq.get_worker("default")
        worker.register_birth()  # an idle worker, so its detail page has something to show
        real_ids["key"] = worker.key
    failures = []
    patterns = admin_patterns()
    assert len(patterns) > 20
    # Logging out goes last: it ends alex's session.
    for name, pattern in sorted(patterns.items(), key=lambda item: item[0] == "admin:logout"):
        url = _admin_url(name, pattern, real_ids)
        method = "post" if name == "admin:logout" else "get"
        if name not in ("admin:logout", "admin:jsi18n"):  # leaving, or a translation catalogue
            for who in ("anon", "river", "sam", "jo", "casey", "morgan"):
                status = getattr(clients[who], method)(url).status_code
                if status not in ADMIN_REFUSALS:
                    failures.append(f"{name} {url} as {who}: got {status}")
        if name in ADMIN_NOT_PAGES:
            continue
        response = getattr(clients["alex"], method)(url)
        location = response.get("Location", "")
        if location.startswith(("/accounts/login/", "/admin/login/")):
            failures.append(f"{name} {url}: alex was sent to sign in")
        must_open = name == "admin:index" or name.endswith(("_changelist", "_add"))
        expected = ADMIN_EXCEPTIONS.get(name, 200 if must_open else None)
        if _refused_by_model_admin(name, people.alex):
            expected = 403
        if expected is not None and response.status_code != expected:
            failures.append(f"{name} as alex: expected {expected}, got {response.status_code}")
        if expected is None and response.status_code in (403, 500):
            failures.append(f"{name} as alex: got {response.status_code}")
    if worker is not None:
        worker.register_death()
    assert failures == [], "\n".join(failures)
