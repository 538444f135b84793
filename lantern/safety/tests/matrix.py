"""The safety net in the access matrix (core/tests/test_access_matrix.py): river's reach-out,
claimed by casey, an alert about river's post, and river's words waiting in "Needs a look" (jo
is on duty as a supporter, so jo works the queue like the staff)."""

from datetime import timedelta

from django.utils import timezone

from lantern.core.tests.matrix import (
    ALERT_STAFF,
    RESPONDERS,
    admin_only,
    everyone,
    only,
    signed_in,
)
from lantern.safety import roster, services
from lantern.safety.contexts import Context

MATRIX = {
    # Safety: crisis lines for everyone; reach-outs for the member and those asked to answer
    "safety-help": ("get", None, everyone(200)),
    "api:safety-crisis-resources-api": ("get", None, everyone(200)),
    # Settings → Crisis lines and On-duty roster: administrators only
    "safety-manage-crisis-lines": ("get", None, admin_only()),
    "safety-manage-crisis-line-new": ("get", {"locale": "es"}, admin_only()),
    "safety-manage-crisis-line": ("get", {"pk": "crisis_line"}, admin_only()),
    "safety-manage-crisis-lines-keep": ("post", {"locale": "es"}, admin_only(302)),
    "safety-manage-roster": ("get", None, admin_only()),
    "safety-manage-net": ("get", None, admin_only()),
    "safety-manage-roster-cancel": ("post", {"pk": "roster_shift"}, admin_only(302)),
    "safety-reach-out-start": ("get", None, signed_in()),
    "safety-reach-outs": ("get", None, only(200, *RESPONDERS)),
    "safety-reach-out": ("get", {"pk": "reach_out"}, only(200, "river", "casey", "alex")),
    "safety-reach-out-claim": ("post", {"pk": "reach_out"}, only(302, "casey", "alex")),
    "safety-reach-out-message": ("post", {"pk": "reach_out"}, only(302, "river", "casey")),
    # Handing off to a peer specialist: casey is with river, but there is no other specialist
    # to hand off to, so it is refused (a message and back) for everyone who may see it.
    "safety-reach-out-hand-off": (
        "post",
        {"pk": "reach_out"},
        only(302, "river", "casey", "alex"),
    ),
    "safety-reach-out-close": ("post", {"pk": "reach_out"}, only(302, "river", "casey", "alex")),
    "safety-circle": ("get", None, signed_in()),
    "safety-circle-remove": ("post", {"person_id": "sam_id"}, signed_in(302)),
    "safety-circle-preferences": ("post", None, signed_in(302)),
    # Needs a look (before jo goes off duty below): every responder finds the page (a supporter
    # off duty is asked to go on duty); the actions for whoever works the queue. The first to
    # act closes the item, and everyone after is told who did (a message and back to the queue).
    "safety-review": ("get", None, only(200, *RESPONDERS)),
    "api:safety-review-api": ("get", None, {**only(200, *RESPONDERS), "anon": 401}),
    "safety-review-fine": ("post", {"pk": "review_item"}, only(302, *RESPONDERS)),
    "safety-review-raise": ("post", {"pk": "review_item"}, only(302, *RESPONDERS)),
    "safety-review-reach-out": ("post", {"pk": "review_item"}, only(302, *RESPONDERS)),
    "api:safety-review-fine-api": (
        "post",
        {"pk": "review_item"},
        {**only(400, *RESPONDERS), "anon": 401},
    ),
    "api:safety-review-raise-api": (
        "post",
        {"pk": "review_item"},
        {**only(400, *RESPONDERS), "anon": 401},
    ),
    # Without a body the request is refused before the record is looked up (as for replies).
    "api:safety-review-reach-out-api": ("post", {"pk": "review_item"}, signed_in(400, anon=401)),
    "safety-duty": ("get", None, only(200, *RESPONDERS)),
    "safety-duty-end": ("post", None, only(302, *RESPONDERS)),
    "safety-alerts": ("get", None, only(200, *ALERT_STAFF)),
    "safety-alert": ("get", {"pk": "alert"}, only(200, *ALERT_STAFF)),
    "safety-alert-ack": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-alert-note": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-alert-resolve": ("post", {"pk": "alert"}, only(302, *ALERT_STAFF)),
    "safety-metrics": ("get", None, only(200, *ALERT_STAFF)),
}


def records(people) -> dict:
    reach_out = services.start_reach_out(people.river, "please, someone")
    services.claim_reach_out(people.casey, reach_out)
    alert = services.check_text(people.river, "i want to kill myself tonight", Context.POST).alert
    services.start_shift(people.jo, "supporter", 8)
    item = services.check_text(
        people.river, "I don't know why I keep trying anymore.", Context.REPLY
    ).review_item
    (crisis_line, *_rest) = roster.keep_builtin_lines(people.alex, "en")
    tomorrow = timezone.now() + timedelta(days=1)
    shift = roster.schedule_shift(people.alex, people.jo, "supporter", tomorrow, 4)
    return {
        "reach_out": reach_out.pk,
        "alert": alert.pk,
        "sam_id": people.sam.pk,
        "review_item": item.pk,
        "crisis_line": crisis_line.pk,
        "roster_shift": shift.pk,
    }
