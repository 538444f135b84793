"""The access matrix: every URL name of the project, requested by an anonymous visitor and by each
person of `people` (see conftest), with the answer each must get.

Adding a URL without an entry here fails `test_every_url_name_is_in_the_matrix`: decide who may
reach it and write it down. Records in URLs belong to river; sam (another member) must get a
404 for them, never river's data.

Expected answers: an HTTP status, or LOGIN for a redirect to the sign-in page.
"""

import datetime

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse

from lantern.conftest import sign_in
from lantern.core.models import AuditEvent
from lantern.core.notifications import notify
from lantern.core.tasks import deliver_notification

LOGIN = "login"
FAR_FUTURE = datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC)
WHO = ["anon", "river", "sam", "jo", "casey", "morgan", "alex"]


def everyone(answer):
    return dict.fromkeys(WHO, answer)


def signed_in(answer=200, anon=LOGIN):
    return {**everyone(answer), "anon": anon}


def admin_only(answer=200):
    return {**everyone(404), "anon": LOGIN, "alex": answer}


def river_only(answer, others=404):
    return {**everyone(others), "anon": LOGIN, "river": answer}


def only(answer, *who, others=404):
    """`answer` for the named people, `others` for everyone else signed in."""
    return {**everyone(others), "anon": LOGIN, **dict.fromkeys(who, answer)}


RESPONDERS = ("jo", "casey", "morgan", "alex")
ALERT_STAFF = ("casey", "morgan", "alex")


def staff_mfa(staff_answer, member_answer, anon=LOGIN):
    """allauth's two-factor pages: staff have an authenticator, members (here) do not."""
    answers = everyone(member_answer)
    answers.update(anon=anon, casey=staff_answer, morgan=staff_answer, alex=staff_answer)
    return answers


# name: (method, kwargs, answers). kwargs may name records made by `records()`: `notification`
# (river's), `reach_out` (river's, claimed by casey), `alert` (about river's post), `sam_id`.
MATRIX = {
    # Public pages
    "core-home": ("get", None, everyone(200)),
    "core-guidelines": ("get", None, everyone(200)),
    "core-privacy": ("get", None, everyone(200)),
    "core-healthz": ("get", None, everyone(200)),
    "core-manifest": ("get", None, everyone(200)),
    "core-service-worker": ("get", None, everyone(200)),
    "core-push-key": ("get", None, everyone(200)),
    "core-language": ("post", None, everyone(302)),
    # A person's own notifications
    "core-notifications": ("get", None, signed_in()),
    "core-notifications-read-all": ("post", None, signed_in(302)),
    "core-notification-open": ("post", {"pk": "notification"}, river_only(302)),
    "core-push-subscribe": ("post", None, signed_in(400)),
    "core-push-unsubscribe": ("post", None, signed_in(400)),
    # A person's own account
    "accounts-preferences": ("get", None, signed_in()),
    "accounts-recovery-codes": ("get", None, signed_in()),
    "accounts-recover": ("get", None, everyone(200)),
    "accounts-export": ("get", None, signed_in()),
    "accounts-erase": ("get", None, signed_in()),
    "accounts-tokens": ("get", None, signed_in()),
    "accounts-token-revoke": ("post", {"pk": "api_token"}, river_only(302)),  # river's token
    # Staff pages: administrators only; everyone else is told nothing exists
    "accounts-staff-people": ("get", None, admin_only()),
    "accounts-staff-person": ("get", {"handle": "river"}, admin_only()),
    "accounts-staff-person-role": ("post", {"handle": "river"}, admin_only(302)),
    # allauth: sign-up, sign-in and password pages
    "account_login": ("get", None, signed_in(302, anon=200)),
    "account_signup": ("get", None, signed_in(302, anon=200)),
    "account_logout": ("get", None, signed_in(200, anon=302)),
    "account_inactive": ("get", None, everyone(200)),
    "account_reauthenticate": ("get", None, signed_in()),
    "account_email": ("get", None, signed_in()),
    "account_email_verification_sent": ("get", None, everyone(200)),
    "account_change_password": ("get", None, signed_in()),
    "account_set_password": ("get", None, signed_in(302)),  # has a password: go to "change"
    "account_reset_password": ("get", None, everyone(200)),
    "account_reset_password_done": ("get", None, everyone(200)),
    "account_reset_password_from_key": (
        "get",
        {"uidb36": "zz", "key": "not-a-key"},
        everyone(200),  # shows "this link is invalid"
    ),
    "account_reset_password_from_key_done": ("get", None, everyone(200)),
    "account_confirm_email": ("get", {"key": "not-a-key"}, everyone(200)),
    "account_confirm_login_code": ("get", None, signed_in(302)),  # login by code is off
    # allauth: two-factor
    "mfa_index": ("get", None, signed_in()),
    "mfa_authenticate": ("get", None, signed_in(302)),  # only during a sign-in
    "mfa_reauthenticate": ("get", None, staff_mfa(200, 302)),
    "mfa_activate_totp": (
        "get",
        None,
        signed_in(302),
    ),  # staff: on already; members: password first
    "mfa_deactivate_totp": ("get", None, staff_mfa(302, 404)),
    "mfa_view_recovery_codes": ("get", None, signed_in(404)),
    "mfa_generate_recovery_codes": ("get", None, signed_in(302)),  # password first
    "mfa_download_recovery_codes": ("get", None, signed_in(404)),
    # Safety: crisis lines for everyone; reach-outs for the member and those asked to answer
    "safety-help": ("get", None, everyone(200)),
    "safety-reach-out-start": ("get", None, signed_in()),
    "safety-reach-outs": ("get", None, only(200, *RESPONDERS)),
    "safety-reach-out": ("get", {"pk": "reach_out"}, only(200, "river", "casey", "alex")),
    "safety-reach-out-claim": ("post", {"pk": "reach_out"}, only(302, "casey", "alex")),
    "safety-reach-out-message": ("post", {"pk": "reach_out"}, only(302, "river", "casey")),
    "safety-reach-out-close": ("post", {"pk": "reach_out"}, only(302, "river", "casey", "alex")),
    "safety-circle": ("get", None, signed_in()),
    "safety-circle-remove": ("post", {"person_id": "sam_id"}, signed_in(302)),
    "safety-circle-preferences": ("post", None, signed_in(302)),
    "safety-duty": ("get", None, only(200, *RESPONDERS)),
    "safety-duty-end": ("post", None, only(302, *RESPONDERS)),
    "safety-alerts": ("get", None, only(200, *ALERT_STAFF)),
    "safety-alert": ("get", {"pk": "alert"}, only(200, *ALERT_STAFF)),
    "safety-alert-ack": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-alert-note": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-alert-resolve": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-metrics": ("get", None, only(200, *ALERT_STAFF)),
    # Meetings: the finder, meeting pages and feeds are public
    "meetings-finder": ("get", None, everyone(200)),
    "meetings-feed-json": ("get", None, everyone(200)),
    "meetings-feed-ics": ("get", None, everyone(200)),
    "meetings-detail": ("get", {"slug": "meeting"}, everyone(200)),
    "meetings-detail-ics": ("get", {"slug": "meeting"}, everyone(200)),
    "meetings-attended": ("post", {"slug": "meeting"}, signed_in(302)),  # bad date: message
    "meetings-attendance": ("get", None, signed_in()),  # one's own history only
    "meetings-report-change": ("get", {"slug": "meeting"}, signed_in()),
    # Meetings: moderators review corrections; administrators import feeds
    "meetings-changes": ("get", None, only(200, "morgan", "alex")),
    "meetings-change": ("get", {"pk": "change_report"}, only(200, "morgan", "alex")),
    "meetings-change-dismiss": ("post", {"pk": "change_report"}, only(302, "morgan", "alex")),
    "meetings-import": ("get", None, admin_only()),
    # The API: the schema is public, everything else needs a session
    "api:openapi-json": ("get", None, everyone(200)),
    "api:openapi-view": ("get", None, everyone(200)),
    "api:api-root": ("get", None, everyone(404)),
    "api:accounts-me": ("get", None, signed_in(200, anon=401)),
    "api:core-notifications-api": ("get", None, signed_in(200, anon=401)),
    "api:meetings-api": ("get", None, everyone(200)),
    # Recovery tools: each person's own; river's records (shared with jo) reach river, and jo's
    # "shared with me" pages only. Entries that delete or revoke come last: they change records.
    "recovery-home": ("get", None, signed_in()),
    "recovery-counter-new": ("get", None, signed_in()),
    "recovery-counter": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-counter-edit": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-counter-new-start": ("get", {"pk": "recovery_counter"}, river_only(200)),
    "recovery-milestone": ("get", {"pk": "recovery_counter", "key": "90d"}, river_only(200)),
    "recovery-milestone-share": (  # no group chosen: a message, nothing posted
        "post",
        {"pk": "recovery_counter", "key": "90d"},
        river_only(302),
    ),
    "recovery-checkin": ("get", None, signed_in()),
    "recovery-checkins": ("get", None, signed_in()),
    "recovery-trends": ("get", None, signed_in()),
    "recovery-reminders": ("get", None, signed_in()),
    "recovery-journal": ("get", None, signed_in()),
    "recovery-journal-new": ("get", None, signed_in()),
    "recovery-journal-entry": ("get", {"pk": "journal_entry"}, river_only(200)),
    "recovery-journal-share": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-journal-unshare": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-plan": ("get", None, signed_in()),
    "recovery-plan-export": ("get", None, signed_in()),
    "recovery-plan-item-new": ("get", None, signed_in()),
    "recovery-plan-item": ("get", {"pk": "plan_item"}, river_only(200)),
    "recovery-goal-new": ("get", None, signed_in()),
    "recovery-goal": ("get", {"pk": "goal"}, river_only(200)),
    "recovery-goal-step-add": ("post", {"pk": "goal"}, river_only(400)),  # empty: the form again
    "recovery-goal-note-add": ("post", {"pk": "goal"}, river_only(400)),
    "recovery-step-toggle": ("post", {"pk": "goal_step"}, river_only(302)),
    "recovery-nudge-dismiss": ("post", {"pk": "nudge"}, river_only(302)),
    "recovery-sharing": ("get", None, signed_in()),
    "recovery-shared": ("get", None, signed_in()),
    "recovery-shared-member": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-milestones": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-checkins": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-plan": ("get", {"handle": "river"}, only(200, "jo")),
    "recovery-shared-journal": ("get", {"pk": "journal_entry"}, only(200, "jo")),
    "api:recovery-counters-api": ("get", None, signed_in(200, anon=401)),
    "api:recovery-checkins-api": ("get", None, signed_in(200, anon=401)),
    "api:recovery-counter-api": (
        "get",
        {"counter_id": "recovery_counter"},
        {**river_only(200), "anon": 401},
    ),
    # Writes with no body: refused as bad input for everyone signed in
    "api:recovery-counter-create-api": ("post", None, signed_in(400, anon=401)),
    "api:recovery-counter-new-start-api": (
        "post",
        {"counter_id": "recovery_counter"},
        signed_in(400, anon=401),
    ),
    "api:recovery-checkin-create-api": ("post", None, signed_in(400, anon=401)),
    "api:recovery-checkin-update-api": ("put", {"day": "2026-01-01"}, signed_in(422, anon=401)),
    "recovery-journal-delete": ("post", {"pk": "journal_entry"}, river_only(302)),
    "recovery-plan-item-delete": ("post", {"pk": "plan_item"}, river_only(302)),
    "recovery-goal-delete": ("post", {"pk": "goal"}, river_only(302)),
    "recovery-counter-delete": ("post", {"pk": "recovery_counter"}, river_only(302)),
    "recovery-grant-revoke": ("post", {"pk": "grant"}, river_only(302)),
    # Community: groups for everyone signed in (river's open group "space", where jo is a peer
    # moderator); "request_space" asks to join; river's conversation with jo is theirs alone;
    # moderation for jo (in his group), morgan and alex. POSTs without a form: refused, nothing
    # changes (a message and a redirect, or the form again with 400).
    "community-spaces": ("get", None, signed_in()),
    "community-welcome": ("get", None, only(200, *RESPONDERS)),
    "community-search": ("get", None, signed_in()),
    "community-space": ("get", {"slug": "space"}, signed_in()),
    # Starting a group: site moderators and admins; a group's settings: also its peer moderators
    "community-space-new": ("get", None, only(200, "morgan", "alex")),
    "community-space-settings": ("get", {"slug": "space"}, only(200, "jo", "morgan", "alex")),
    # before anyone else joins "space" (the next entry): members and moderators only
    "community-thread-new": ("get", {"slug": "space"}, only(200, "river", "jo", "morgan", "alex")),
    "community-space-invite": (  # no handle: a message and back to the group
        "post",
        {"slug": "request_space"},
        only(302, "jo", "morgan", "alex"),
    ),
    "community-space-join": ("post", {"slug": "space"}, signed_in(302)),
    "community-space-leave": ("post", {"slug": "other_space"}, signed_in(302)),
    "community-space-admit": (
        "post",
        {"slug": "request_space", "pk": "request"},
        only(302, "jo", "morgan", "alex"),
    ),
    "community-thread": ("get", {"slug": "space", "pk": "thread"}, signed_in()),
    "community-reply": ("post", {"slug": "space", "pk": "thread"}, signed_in(400)),
    "community-post-edit": ("get", {"pk": "post"}, river_only(200)),
    "community-post-react": ("post", {"pk": "post"}, signed_in(302)),
    "community-post-report": ("get", {"pk": "post"}, signed_in()),
    "community-post-delete": ("post", {"pk": "reply"}, river_only(302)),
    "community-messages": ("get", None, signed_in()),
    "community-message-new": ("get", None, signed_in()),
    "community-blocks": ("get", None, signed_in()),
    "community-my-settings": ("get", None, signed_in()),
    "community-conversation": ("get", {"pk": "conversation"}, only(200, "river", "jo")),
    "community-message-report": ("get", {"pk": "message"}, only(200, "river", "jo")),
    "community-block": ("post", {"handle": "sam"}, signed_in(302)),
    "community-unblock": ("post", {"handle": "sam"}, signed_in(302)),
    "community-moderation": ("get", None, only(200, "jo", "morgan", "alex")),
    "community-moderation-log": ("get", None, only(200, "jo", "morgan", "alex")),
    "community-report": ("get", {"pk": "report"}, only(200, "jo", "morgan", "alex")),
    "community-report-resolve": ("post", {"pk": "report"}, only(302, "jo", "morgan", "alex")),
    "community-moderate-post": ("post", {"pk": "post"}, only(302, "jo", "morgan", "alex")),
    "community-moderate-message": ("post", {"pk": "message"}, only(302, "morgan", "alex")),
    "community-moderate-thread": ("post", {"pk": "thread"}, only(302, "jo", "morgan", "alex")),
    "community-moderate-person": (
        "get",
        {"handle": "river"},
        only(200, "jo", "morgan", "alex"),
    ),
    "api:community-api-spaces": ("get", None, signed_in(200, anon=401)),
    "api:community-api-threads": ("get", {"slug": "space"}, signed_in(200, anon=401)),
    "api:community-api-posts": ("get", {"pk": "thread"}, signed_in(200, anon=401)),
    "api:community-api-search": ("get", None, signed_in(422, anon=401)),  # no query
    "api:community-api-thread-new": ("post", {"slug": "space"}, signed_in(400, anon=401)),
    "api:community-api-reply": ("post", {"pk": "thread"}, signed_in(400, anon=401)),
}

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
        result[person.handle] = sign_in(Client(), person)
    return result


def _check(client, method, url, expected):
    response = getattr(client, method)(url)
    if expected == LOGIN:
        location = response.get("Location", "")
        return response.status_code == 302 and location.startswith("/accounts/login/"), (
            f"{response.status_code} {location}"
        )
    return response.status_code == expected, str(response.status_code)


def records(people) -> dict:
    """The records the URLs above point at: river's, so sam must never reach them."""
    from lantern.safety import services as safety

    reach_out = safety.start_reach_out(people.river, "please, someone")
    safety.claim_reach_out(reach_out, people.casey)
    alert = safety.check_text(people.river, "i want to kill myself tonight", "post").alert
    from lantern.meetings.services import import_feed
    from lantern.meetings.tests.test_import import GOOD

    import_feed([GOOD], source="matrix")
    from lantern.meetings.models import Meeting
    from lantern.meetings.services import report_change

    change = report_change(
        people.river, Meeting.objects.get(slug=GOOD["slug"]), "time", "Now at 7 pm"
    ).report
    from lantern.accounts.services import create_api_token

    api_token, _secret = create_api_token(people.river, name="matrix", scope="read", days=30)
    from lantern.community.tests.matrix import records as community_records
    from lantern.recovery.tests.matrix import records as recovery_records

    return {
        "meeting": GOOD["slug"],
        "change_report": change.pk,
        "notification": notify(people.river, "test", "For river only").pk,
        "reach_out": reach_out.pk,
        "alert": alert.pk,
        "sam_id": people.sam.pk,
        "api_token": api_token.pk,
        **recovery_records(people),
        **community_records(people),
    }


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
