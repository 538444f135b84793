"""The alumni program's sections of the program's report (`programs.registry.report`).

**Retention at 30, 90 and 180 days**, per cohort and for all cohorts. For day N:

- *reached day N*: graduates whose day-N check-in fell due on or before the period's end (day N
  is counted from the day they joined the cohort, or from the cohort's graduation date when that
  is later: the follow-up schedule's own days);
- *still engaged*: of those, the ones who are still enrolled in the program now, **and** either
  answered their day-N check-in or visited Lantern on or after day N (signed in, or opened the
  program's or the cohort's group);
- *rate*: still engaged ÷ reached (`core.charts.rate`: hidden when either count is a small cell).

Engagement is measured as of the report's making: someone who left the program since counts as
not engaged, whatever period is asked for. A graduate is counted once per program (the schedule
is per program and person), in the cohort they joined first.

Also: the cohorts (graduates in each who are still enrolled, and how many joined in the
period), check-ins due in the period and how they were answered, each enrolled graduate's level
of continuing care now, and the alumni who offered to come back as peer supporters. Rows hold
raw counts; the programs app shows them with small cells suppressed, on the page and in the CSV.
"""

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community.models import Membership
from lantern.core.charts import rate
from lantern.programs.models import Program
from lantern.programs.registry import ReportSection

from ..models import DAYS, CareLevel, CheckIn, Volunteer
from .care import current_levels
from .followups import enrolled_now


def _visited():
    """Annotation: the person opened the program's or the cohort's group on or after the
    check-in's day."""
    return Exists(
        Membership.objects.filter(
            Q(space_id=OuterRef("program__space_id")) | Q(space_id=OuterRef("cohort__space_id")),
            person_id=OuterRef("person_id"),
            last_visit_at__date__gte=OuterRef("due_on"),
        )
    )


def _engaged(row: dict) -> bool:
    if not row["enrolled"]:
        return False
    if row["answered_at"] is not None or row["visited"]:
        return True
    last_login = row["person__last_login"]
    return last_login is not None and timezone.localdate(last_login) >= row["due_on"]


def retention(program: Program, end: date) -> dict[int, dict]:
    """{day: {cohort id or None (all): (reached, engaged)}} for the days of the schedule."""
    rows = (
        CheckIn.objects.filter(program=program, due_on__lte=end)
        .annotate(enrolled=enrolled_now(), visited=_visited())
        .values(
            "cohort_id", "day", "due_on", "answered_at", "enrolled", "visited", "person__last_login"
        )
    )
    counts: dict[int, dict] = {day: {} for day in DAYS}
    for row in rows:
        engaged = _engaged(row)
        for key in (row["cohort_id"], None):
            reached, kept = counts[row["day"]].get(key, (0, 0))
            counts[row["day"]][key] = (reached + 1, kept + int(engaged))
    return counts


def _retention_sections(program: Program, cohorts, end: date) -> list[ReportSection]:
    counts = retention(program, end)
    sections = []
    for day in DAYS:
        rows = []
        for cohort in cohorts:
            reached, engaged = counts[day].get(cohort.pk, (0, 0))
            rows.append([cohort.name, reached, engaged, rate(engaged, reached)])
        reached, engaged = counts[day].get(None, (0, 0))
        rows.append([_("All cohorts"), reached, engaged, rate(engaged, reached)])
        sections.append(
            ReportSection(
                key=f"alumni-retention-{day}",
                title=_("Retention at %(days)s days") % {"days": day},
                columns=[
                    _("Cohort"),
                    _("Reached day %(days)s") % {"days": day},
                    _("Still engaged"),
                    _("Rate"),
                ],
                rows=rows,
                note=_(
                    "Graduates whose day %(days)s came by the end of the period; still engaged: "
                    "still enrolled, and answered that check-in or visited Lantern since."
                )
                % {"days": day},
            )
        )
    return sections


def _cohort_section(program: Program, cohorts, start: date, end: date) -> ReportSection:
    enrolled = Membership.objects.filter(
        space_id=program.space_id, person_id=OuterRef("person_id"), status=Membership.Status.ACTIVE
    )
    members = Membership.objects.filter(
        space__cohort__program=program,
        status=Membership.Status.ACTIVE,
        role=Membership.Role.MEMBER,
    )
    now = dict(
        members.filter(Exists(enrolled))
        .values("space__cohort")
        .annotate(n=Count("pk"))
        .values_list("space__cohort", "n")
    )
    # Whoever joined in the period and is still in the cohort's group (a place the staff end in
    # the program ends there too; someone who left the program's group themselves stays).
    joined = dict(
        members.filter(joined_at__date__range=(start, end))
        .values("space__cohort")
        .annotate(n=Count("pk"))
        .values_list("space__cohort", "n")
    )
    return ReportSection(
        key="alumni-cohorts",
        title=_("Cohorts"),
        columns=[
            _("Cohort"),
            _("Graduates enrolled now"),
            _("Joined in the period, still in the cohort"),
        ],
        rows=[[c.name, now.get(c.pk, 0), joined.get(c.pk, 0)] for c in cohorts],
        chart_column=1,
    )


def _checkin_section(program: Program, start: date, end: date) -> ReportSection:
    due = CheckIn.objects.filter(program=program, due_on__range=(start, end))
    counts = due.aggregate(
        due=Count("pk"),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        well=Count("pk", filter=Q(answer=CheckIn.Answer.WELL)),
        hard=Count("pk", filter=Q(answer=CheckIn.Answer.HARD)),
        call=Count("pk", filter=Q(answer=CheckIn.Answer.CALL)),
    )
    return ReportSection(
        key="alumni-checkins",
        title=_("Follow-up check-ins"),
        columns=[_("Check-ins due in the period"), _("Check-ins")],
        rows=[
            [_("Due"), counts["due"]],
            [_("Answered"), counts["answered"]],
            [str(CheckIn.Answer.WELL.label), counts["well"]],
            [str(CheckIn.Answer.HARD.label), counts["hard"]],
            [str(CheckIn.Answer.CALL.label), counts["call"]],
            [_("Answer rate"), rate(counts["answered"], counts["due"])],
        ],
    )


def _care_section(program: Program) -> ReportSection:
    levels = list(current_levels(program).values())
    rows = [[str(label), levels.count(value)] for value, label in CareLevel.Level.choices]
    rows.append([_("Not recorded"), levels.count(None)])
    return ReportSection(
        key="alumni-care",
        title=_("Levels of continuing care now"),
        columns=[_("Level of care"), _("Graduates")],
        rows=rows,
        chart_column=1,
    )


def _volunteer_section(program: Program, start: date, end: date) -> ReportSection:
    offers = Volunteer.objects.filter(program=program)
    enrolled = Membership.objects.filter(
        space_id=program.space_id, person_id=OuterRef("person_id"), status=Membership.Status.ACTIVE
    )
    return ReportSection(
        key="alumni-volunteers",
        title=_("Giving back"),
        columns=[_("Alumni who offered to come back as peer supporters"), _("People")],
        rows=[
            [_("In the period"), offers.filter(offered_at__date__range=(start, end)).count()],
            [_("All told"), offers.count()],
            [_("Of them, still enrolled"), offers.filter(Exists(enrolled)).count()],
        ],
    )


def build(program: Program, start: date, end: date) -> list[ReportSection]:
    cohorts = list(program.cohorts.order_by("graduated_on", "created_at"))
    return [
        *_retention_sections(program, cohorts, end),
        _cohort_section(program, cohorts, start, end),
        _checkin_section(program, start, end),
        _care_section(program),
        _volunteer_section(program, start, end),
    ]
