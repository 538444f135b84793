"""The outcome report for funders over a period: people served, contacts by mode, referrals by
category and completion, the follow-up reach rate against the 80 % target, plan goals completed
(for members whose consent covers their plan), and the change in assessment scores. Counts
only, never a handle or an id; every count from 1 to `SMALL_CELL - 1` is shown as
"<SMALL_CELL" (and rates built on such counts are hidden), so no small group can be singled
out."""

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from lantern.core import charts
from lantern.core.charts import SMALL_CELL, cell, rate
from lantern.directory.models import Kind
from lantern.recovery.models import Goal

from .. import instruments
from ..models import Assessment, ContactNote, Engagement, FollowUp, Referral
from .followups import RATE_TARGET

NOTICE = (
    "This report contains no names, handles or ids. Counts from 1 to {n} are shown as <{m}. "
    "It is derived from records protected by federal confidentiality rules (42 CFR part 2); "
    "do not attempt to re-identify anyone or redisclose it beyond its purpose."
)


@dataclass
class Report:
    start: date
    end: date
    small: int
    people: int = 0
    new_people: int = 0
    contacts: dict = field(default_factory=dict)  # mode label -> count
    referrals: list = field(default_factory=list)  # (category label, made, completed)
    followups_due: int = 0
    followups_reached: int = 0
    goals_done: int = 0  # plan goals done in the period (members whose consent covers the plan)
    people_goals_done: int = 0
    scores: list = field(default_factory=list)  # (instrument, people, first mean, last mean)
    target: int = RATE_TARGET

    def show(self, count: int) -> str:
        return cell(count, self.small)

    @property
    def reach_rate(self) -> str:
        return rate(self.followups_reached, self.followups_due, self.small)

    @property
    def meets_target(self) -> bool | None:
        if self.reach_rate == "—":
            return None
        return 100 * self.followups_reached >= self.target * self.followups_due

    @property
    def cells(self) -> dict:
        """The headline counts, each as shown (small cells suppressed)."""
        names = (
            "people",
            "new_people",
            "followups_due",
            "followups_reached",
            "goals_done",
            "people_goals_done",
        )
        return {name: self.show(getattr(self, name)) for name in names}

    def contact_rows(self):
        return [(label, self.show(n)) for label, n in self.contacts.items()]

    def referral_rows(self):
        return [
            (label, self.show(made), self.show(done), rate(done, made, self.small))
            for label, made, done in self.referrals
        ]

    def score_rows(self):
        """Mean first and last scores of people assessed twice or more in the period, only
        when there are enough of them."""
        rows = []
        for name, n, first, last in self.scores:
            enough = n >= self.small
            rows.append(
                (
                    name,
                    self.show(n),
                    f"{first:.1f}" if enough else "—",
                    f"{last:.1f}" if enough else "—",
                    f"{last - first:+.1f}" if enough else "—",
                )
            )
        return rows

    def contact_bars(self):
        """Contacts by mode as SVG bars; suppressed cells draw no bar."""
        values = [n if n >= self.small or n == 0 else 0 for n in self.contacts.values()]
        return charts.bars(values, width=300, top=10, bottom=90, labels=list(self.contacts))


def outcome_report(start: date, end: date, *, small: int = SMALL_CELL) -> Report:
    """Everything is counted in the database: a report over thousands of people is a handful
    of grouped queries."""
    report = Report(start=start, end=end, small=small)
    served = Engagement.objects.filter(opened_at__date__lte=end).filter(
        Q(closed_at__isnull=True) | Q(closed_at__date__gte=start)
    )
    report.people = served.values("member").distinct().count()
    report.new_people = (
        served.filter(opened_at__date__gte=start).values("member").distinct().count()
    )
    modes = dict(
        ContactNote.objects.filter(contact_on__range=(start, end))
        .order_by()
        .values_list("mode")
        .annotate(n=Count("pk"))
    )
    report.contacts = {str(label): modes.get(value, 0) for value, label in ContactNote.Mode.choices}
    referrals = defaultdict(lambda: [0, 0])
    rows = (
        Referral.objects.filter(created_at__date__range=(start, end))
        .order_by()
        .values_list("category")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status=Referral.Status.COMPLETED)))
    )
    for category, n, done in rows:
        referrals[category] = [n, done]
    report.referrals = [
        (str(label), *referrals.get(value, [0, 0])) for value, label in Kind.choices
    ]
    due = FollowUp.objects.filter(window_end__range=(start, end))
    counts = due.aggregate(
        n=Count("pk"), reached=Count("pk", filter=Q(outcome=FollowUp.Outcome.REACHED))
    )
    report.followups_due, report.followups_reached = counts["n"], counts["reached"]
    # Completed plan goals, a strong predictor of gains in recovery capital; counted only for
    # members whose consent covers their plan.
    planners = served.filter(consent__plan=True).values("member")
    goals = Goal.objects.filter(done_on__range=(start, end), member__in=planners).aggregate(
        n=Count("pk"), people=Count("member", distinct=True)
    )
    report.goals_done, report.people_goals_done = goals["n"], goals["people"]
    report.scores = _score_change(start, end)
    return report


def _score_change(start: date, end: date) -> list:
    """Per instrument: people with two or more scored assessments in the period, their mean
    first and mean last score. Reads only numbers (scores are not encrypted)."""
    firsts, lasts = {}, {}
    rows = (
        Assessment.objects.filter(taken_on__range=(start, end), score__isnull=False)
        .order_by("taken_on", "pk")
        .values_list("instrument", "engagement__member", "score")
    )
    counts = defaultdict(int)
    for slug, member, score in rows.iterator(chunk_size=5000):
        key = (slug, member)
        firsts.setdefault(key, score)
        lasts[key] = score
        counts[key] += 1
    by_instrument = defaultdict(list)
    for key, n in counts.items():
        if n >= 2:
            by_instrument[key[0]].append((firsts[key], lasts[key]))
    known = instruments.available()
    result = []
    for slug, pairs in sorted(by_instrument.items()):
        name = known[slug].name() if slug in known else slug
        first = sum(p[0] for p in pairs) / len(pairs)
        last = sum(p[1] for p in pairs) / len(pairs)
        result.append((name, len(pairs), first, last))
    return result


def as_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Outcome report"), report.start.isoformat(), report.end.isoformat()])
    writer.writerow([NOTICE.format(n=report.small - 1, m=report.small)])
    writer.writerow([])
    writer.writerow([_("People served"), report.show(report.people)])
    writer.writerow([_("New in the period"), report.show(report.new_people)])
    writer.writerow([])
    writer.writerow([_("Contacts by mode"), _("Contacts")])
    writer.writerows(report.contact_rows())
    writer.writerow([])
    writer.writerow([_("Referrals by category"), _("Made"), _("Completed"), _("Completion")])
    writer.writerows(report.referral_rows())
    writer.writerow([])
    writer.writerow([_("Follow-ups due"), report.show(report.followups_due)])
    writer.writerow([_("Follow-ups reached"), report.show(report.followups_reached)])
    writer.writerow([_("Follow-up rate"), report.reach_rate, f"{_('target')} {report.target}%"])
    writer.writerow([])
    writer.writerow([_("Plan goals done"), report.show(report.goals_done)])
    writer.writerow([_("People who completed a plan goal"), report.show(report.people_goals_done)])
    writer.writerow([])
    writer.writerow(
        [
            _("Assessment"),
            _("People assessed twice or more"),
            _("Mean first"),
            _("Mean last"),
            _("Change"),
        ]
    )
    writer.writerows(report.score_rows())
    return out.getvalue()
