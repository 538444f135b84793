"""The specialist workspace at scale, for `make bench` (bench/run.py calls `table(bare_ms)` after
its page table, inside the same Django setup): the caseload dashboard of a specialist with 60
people and 5,000 contact notes, and the outcome report over 2,000 people, each against the bare
view measured in the same run."""

import random
import statistics
import time
from datetime import UTC, datetime, timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

ROUNDS = 60  # heavy pages: fewer rounds than the page table, after a warm-up


def _measure(client, path, rounds=ROUNDS):
    for _ in range(5):
        client.get(path)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        "bytes": len(response.content),
    }


def _staff_client(user):
    """Signed in with the session mark allauth leaves after two factors (as conftest's log_in)."""
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "username": user.handle},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session.save()
    return client


def _specialist(handle):
    from allauth.mfa.totp.internal.auth import TOTP

    from lantern.accounts import services as accounts
    from lantern.accounts.models import Role, User

    user = User.objects.filter(handle=handle).first()
    if user is None:
        user = User.objects.create_user(handle, "bench-passphrase-2026")
        TOTP.activate(user, "JBSWY3DPEHPK3PXPBENCHSUPPORT2222")
        accounts.grant_role(user, Role.SPECIALIST, by=None)
    return user


def _populate(specialist, members, notes_total, rng, start_at):
    """Open, consented engagements for `members` with `notes_total` notes between them, and
    follow-ups, referrals and two assessments each. Bulk writes (the services would write the
    audit log and notifications for every row, which is not what is measured)."""
    from lantern.support import schedule
    from lantern.support.models import (
        SCOPES,
        Assessment,
        Consent,
        ContactNote,
        Engagement,
        FollowUp,
        Referral,
    )

    today = timezone.now().date()
    engagements = Engagement.objects.bulk_create(
        Engagement(
            member=m,
            specialist=specialist,
            status=Engagement.Status.OPEN,
            opened_at=start_at + timedelta(days=rng.randrange(0, 200)),
            intake_on=today - timedelta(days=rng.randrange(20, 300)),
        )
        for m in members
    )
    Consent.objects.bulk_create(
        Consent(
            engagement=e,
            purpose="Peer recovery support",
            audience="specialist",
            **dict.fromkeys(SCOPES, True),
        )
        for e in engagements
    )
    modes = list(ContactNote.Mode.values)
    ContactNote.objects.bulk_create(
        (
            ContactNote(
                engagement=engagements[n % len(engagements)],
                author=specialist,
                contact_on=today - timedelta(days=rng.randrange(0, 365)),
                mode=rng.choice(modes),
                minutes=rng.randrange(5, 60),
                topics="housing, work",
                body="Talked about the week, cravings, the job search and the next meeting.",
                next_steps="Call on Monday",
            )
            for n in range(notes_total)
        ),
        batch_size=2_000,
    )
    followups = []
    for e in engagements:
        for w in schedule.day_windows(e.intake_on) + schedule.suprt_windows(e.intake_on):
            reached = w.end < today and rng.random() < 0.8
            followups.append(
                FollowUp(
                    engagement=e,
                    kind=w.kind,
                    label=w.label,
                    due_on=w.due_on,
                    window_start=w.start,
                    window_end=w.end,
                    outcome="reached" if reached else "",
                    done_on=w.due_on if reached else None,
                )
            )
    FollowUp.objects.bulk_create(followups, batch_size=5_000)
    kinds = ["housing", "employment", "legal", "food", "health", "mat", "treatment", "family"]
    statuses = list(Referral.Status.values)
    Referral.objects.bulk_create(
        (
            Referral(
                engagement=e,
                professional="A clinic",
                category=rng.choice(kinds),
                status=rng.choice(statuses),
                created_at=timezone.now() - timedelta(days=rng.randrange(0, 300)),
            )
            for e in engagements
            for _ in range(2)
        ),
        batch_size=5_000,
    )
    Assessment.objects.bulk_create(
        (
            Assessment(
                engagement=e,
                instrument="lantern-wellbeing",
                answers="{}",
                score=rng.randrange(4, 24),
                taken_on=today - timedelta(days=days),
            )
            for e in engagements
            for days in (200, 20)
        ),
        batch_size=5_000,
    )


def table(bare_ms: float) -> str:
    from lantern.accounts.models import User
    from lantern.support.models import ContactNote, Engagement

    rng = random.Random(2026)
    Engagement.objects.filter(specialist__handle__startswith="bench-specialist").delete()
    start_at = datetime(2026, 1, 1, tzinfo=UTC)

    def members(prefix, n):
        existing = {u.handle: u for u in User.objects.filter(handle__startswith=prefix)}
        made = [
            existing.get(f"{prefix}{i}") or User.objects.create_user(f"{prefix}{i}", "bench")
            for i in range(n)
        ]
        return made

    casey = _specialist("bench-specialist-0")
    _populate(casey, members("bench-person-", 60), 5_000, rng, start_at)
    others = [_specialist(f"bench-specialist-{n}") for n in range(1, 21)]
    crowd = members("bench-served-", 1_940)
    for n, specialist in enumerate(others):
        _populate(specialist, crowd[n * 97 : (n + 1) * 97], 97 * 10, rng, start_at)
    assert ContactNote.objects.filter(engagement__specialist=casey).count() == 5_000
    served = Engagement.objects.filter(specialist__handle__startswith="bench-specialist")
    assert served.values("member").distinct().count() == 2_000

    client = _staff_client(casey)
    caseload = _measure(client, reverse("support-caseload"))
    year = "?start=2026-01-01&end=2026-12-31"
    report = _measure(client, reverse("support-report") + year)
    report_csv = _measure(client, reverse("support-report-csv") + year)
    rows = [
        ("caseload dashboard, 60 people, 5,000 notes", caseload),
        ("outcome report page, 2,000 people, a year", report),
        ("outcome report CSV, same", report_csv),
    ]
    lines = [
        "| page | p50 ms | p95 ms | p95 vs bare view | HTML bytes |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for label, r in rows:
        lines.append(
            f"| {label} | {r['p50']:.2f} | {r['p95']:.2f} | {r['p95'] / bare_ms:.0f}× "
            f"| {r['bytes']:,} |"
        )
    return "\n".join(lines)
