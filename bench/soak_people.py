#!/usr/bin/env python
"""Members for `make soak` (bench/soak.py): N members with a signed-in session each, members of
every open group, and the addresses they visit; printed as JSON. Run with the setup's
environment (DATABASE_URL, DJANGO_SETTINGS_MODULE) after `manage.py demo`."""

import json
import os
import sys
from importlib import import_module
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.urls import reverse  # noqa: E402

from lantern.accounts import services as accounts  # noqa: E402
from lantern.accounts.models import Role, User  # noqa: E402
from lantern.community.models import Membership, Space, Thread  # noqa: E402


def main(count: int) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    open_spaces = list(Space.objects.filter(kind=Space.Kind.OPEN))
    people = []
    for i in range(count):
        handle = f"soak-{i:04d}"
        user = User.objects.filter(handle=handle).first()
        if user is None:
            user = User.objects.create_user(handle, None)
            accounts.record_consents(user, guidelines=True, privacy=True)
            accounts.grant_role(user, Role.MEMBER, by=None)
        for space in open_spaces:
            Membership.objects.get_or_create(space=space, person=user)
        session = engine.SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session.create()
        people.append(
            {
                "handle": handle,
                "cookies": {settings.SESSION_COOKIE_NAME: session.session_key},
                "reach_out": i % 20 == 0,  # one in twenty reaches out once
            }
        )
    threads = [
        reverse("community-thread", kwargs={"slug": t.space.slug, "pk": t.pk})
        for t in Thread.objects.filter(space__in=open_spaces).select_related("space")[:40]
    ]
    print(
        json.dumps(
            {
                "people": people,
                "threads": threads,
                "checkin": reverse("recovery-checkin"),
                "reach_out": reverse("safety-reach-out-start"),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
