"""Core's entries in the access matrix (test_access_matrix.py), and the helpers every app's
`tests/matrix.py` uses to write its own.

Each app's `tests/matrix.py` has `MATRIX` (URL name: (method, kwargs, answers)) and
`records(people)`, which makes the records its URLs point at (river's, so sam must never reach
them) and returns their keys. Expected answers: an HTTP status, or LOGIN for a redirect to the
sign-in page. Within an app, entries that delete or revoke come last: they change records.
"""

from lantern.core import notification_kinds
from lantern.core.notifications import notify

LOGIN = "login"
WHO = ["anon", "river", "sam", "jo", "casey", "morgan", "alex"]
RESPONDERS = ("jo", "casey", "morgan", "alex")
ALERT_STAFF = ("casey", "morgan", "alex")


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


def staff_mfa(staff_answer, member_answer, anon=LOGIN):
    """allauth's two-factor pages: staff have an authenticator, members (here) do not."""
    answers = everyone(member_answer)
    answers.update(anon=anon, casey=staff_answer, morgan=staff_answer, alex=staff_answer)
    return answers


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
    # Settings: administrators only
    "core-manage": ("get", None, admin_only()),
    "core-manage-site": ("get", None, admin_only()),
    # A person's own notifications
    "core-notifications": ("get", None, signed_in()),
    "core-notifications-read-all": ("post", None, signed_in(302)),
    "core-notification-open": ("post", {"pk": "notification"}, river_only(302)),
    "core-push-subscribe": ("post", None, signed_in(400)),
    "core-push-unsubscribe": ("post", None, signed_in(400)),
    # The API: the schema is public, everything else needs a session
    "api:openapi-json": ("get", None, everyone(200)),
    "api:openapi-view": ("get", None, everyone(200)),
    "api:api-root": ("get", None, everyone(404)),
    "api:core-notifications-api": ("get", None, signed_in(200, anon=401)),
}


def records(people) -> dict:
    notification_kinds.register("matrix.test", title="For river only")
    return {"notification": notify(people.river, "matrix.test").pk}
