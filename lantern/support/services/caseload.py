"""The specialist's caseload: their people, with what needs attention first first.

One query for the engagements with everything counted in subqueries (no join fans out over
thousands of notes), one for unread messages. What a row shows follows the member's consent:
the last contact only when notes are covered, follow-ups when follow-ups are, referrals when
referrals are; a pending invitation shows nothing but its state."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from lantern.community.models import Conversation
from lantern.core.models import reference
from lantern.safety.models import Alert

from .. import access
from ..models import ContactNote, Engagement, FollowUp, Referral, today
from .followups import due_soon_cutoff, followup_rate

STALE_REFERRAL = timedelta(days=14)


def _count(queryset):
    """A correlated COUNT(*) subquery."""
    counted = queryset.order_by().values("engagement").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@dataclass
class Row:
    engagement: Engagement
    member: object
    status: str
    consented: bool
    last_contact: date | None
    days_since_contact: int | None
    followups_due: int | None
    followups_overdue: int | None
    open_referrals: int | None
    stale_referrals: int | None
    risk_flags: int
    unread: bool
    next_due: date | None

    @property
    def attention(self) -> tuple:
        """Sort key: safety flags, overdue follow-ups, unread messages, stale referrals, the
        longest without contact, then follow-ups due soon."""
        return (
            -self.risk_flags,
            -(self.followups_overdue or 0),
            not self.unread,
            -(self.stale_referrals or 0),
            -(self.days_since_contact if self.days_since_contact is not None else 10_000),
            -(self.followups_due or 0),
            self.engagement.pk,
        )


def caseload(specialist, on: date | None = None) -> list[Row]:
    """The specialist's open and invited engagements, whoever needs attention first first."""
    if not access.is_specialist(specialist):
        return []
    on = on or today()
    mine = OuterRef("pk")
    engagements = (
        Engagement.objects.filter(
            specialist=specialist,
            status__in=(Engagement.Status.OPEN, Engagement.Status.INVITED),
        )
        .select_related("member", "consent")
        .defer("request_note")  # encrypted, and not shown: no decryption per row
        .annotate(
            last_contact=Subquery(
                ContactNote.objects.filter(engagement=mine)
                .order_by("-contact_on")
                .values("contact_on")[:1]
            ),
            due=_count(
                FollowUp.objects.filter(
                    engagement=mine, done_on__isnull=True, window_start__lte=due_soon_cutoff(on)
                )
            ),
            overdue=_count(
                FollowUp.objects.filter(engagement=mine, done_on__isnull=True, window_end__lt=on)
            ),
            next_due=Subquery(
                FollowUp.objects.filter(engagement=mine, done_on__isnull=True, window_end__gte=on)
                .order_by("due_on")
                .values("due_on")[:1]
            ),
            open_refs=_count(
                Referral.objects.filter(engagement=mine, status__in=Referral.OPEN_STATUSES)
            ),
            stale_refs=_count(
                Referral.objects.filter(
                    engagement=mine,
                    status__in=Referral.OPEN_STATUSES,
                    status_changed_at__lt=datetime.combine(on, time.min, UTC) - STALE_REFERRAL,
                )
            ),
            flags=Coalesce(
                Subquery(
                    Alert.objects.filter(author=OuterRef("member"))
                    .exclude(status=Alert.Status.RESOLVED)
                    .order_by()
                    .values("author")
                    .annotate(n=Count("pk"))
                    .values("n"),
                    output_field=IntegerField(),
                ),
                Value(0),
            ),
        )
    )
    engagements = list(engagements)
    unread = _unread(specialist, engagements)
    rows = []
    for e in engagements:
        consent = getattr(e, "consent", None)
        live = e.is_open and consent is not None and consent.in_force(on)

        def shown(scope, value, consent=consent, live=live):
            return value if live and getattr(consent, scope) else None

        last = shown("notes", e.last_contact)
        rows.append(
            Row(
                engagement=e,
                member=e.member,
                status=e.status,
                consented=live,
                last_contact=last,
                days_since_contact=(on - last).days if last else None,
                followups_due=shown("followups", e.due),
                followups_overdue=shown("followups", e.overdue),
                open_referrals=shown("referrals", e.open_refs),
                stale_referrals=shown("referrals", e.stale_refs),
                risk_flags=e.flags if live else 0,
                unread=e.pk in unread,
                next_due=shown("followups", e.next_due),
            )
        )
    return sorted(rows, key=lambda row: row.attention)


def _unread(specialist, engagements) -> set[int]:
    """The engagements whose conversation has a message the specialist has not read."""
    refs = {reference(e): e.pk for e in engagements if e.member_id}
    if not refs:
        return set()
    found = set()
    conversations = Conversation.objects.filter(about__in=list(refs)).filter(
        Q(first=specialist) | Q(second=specialist)
    )
    for c in conversations.annotate(n=Count("messages")):
        read_at = c.first_read_at if c.first_id == specialist.pk else c.second_read_at
        if c.n and (read_at is None or read_at < c.last_message_at):
            found.add(refs[c.about])
    return found


def team_view(supervisor) -> list[dict]:
    """For each team the supervisor leads: each specialist's caseload (counts and dates only:
    no record's text is read) and the team's follow-up rate."""
    teams = []
    for team in access.supervised_teams(supervisor).prefetch_related("specialists"):
        specialists = [s for s in team.specialists.all() if access.is_specialist(s)]
        teams.append(
            {
                "team": team,
                "rate": followup_rate(specialists),
                "specialists": [
                    {
                        "person": s,
                        "rows": [
                            (row, access.can_supervise_records(supervisor, row.engagement, "notes"))
                            for row in caseload(s)
                        ],
                        "rate": followup_rate([s]),
                    }
                    for s in specialists
                ],
            }
        )
    return teams
