"""Mentorship's rules: mentor profiles, a newcomer's ask and the suggestions it gives, asking,
accepting, declining, withdrawing and ending a mentorship, and the conversation the two share
(cohorts an administrator pairs up are in `cohorts.py`). One function per action, in one
transaction, taking the acting person first; views, the API and the demo call these.

The fit of a mentor for a newcomer is decided by `matching` (hard rules, then points with their
reasons); `cohort_solver` finds the best pairing of a whole cohort.
"""

from dataclasses import dataclass
from datetime import date
from types import SimpleNamespace

from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lantern.community.models import Block
from lantern.community.services import conversations
from lantern.community.services.base import clean_text
from lantern.core import ratelimits
from lantern.core.errors import NotFound, Refused
from lantern.core.models import Notification
from lantern.core.notifications import notify
from lantern.core.results import Saved
from lantern.core.roles import Role
from lantern.core.timezones import local_now
from lantern.recovery.models import Counter
from lantern.recovery.services import summarize
from lantern.safety import services as safety
from lantern.safety.contexts import Context

from . import access, matching
from .models import Ask, CohortPair, MentorProfile, Mentorship
from .vocabulary import Availability, Experience, Gender, Language, Pathway

ABOUT_MAX = 1_000
NOTE_MAX = 1_000
REASON_MAX = 1_000
CAPACITY_MAX = 10
SUGGESTIONS = 10


# --- Places -------------------------------------------------------------------------------------


def locate(area: str) -> tuple[float | None, float | None]:
    """A US ZIP code's centre, offline (the `zipcodes` package), or (None, None) for none."""
    import zipcodes  # lazy: its ZIP table is large; most requests never look one up

    area = area.strip()
    if not area:
        return None, None
    try:
        found = zipcodes.matching(area)
    except (TypeError, ValueError):
        found = []
    if not found:
        raise Refused(_("Use a 5-digit US ZIP code, or leave it empty."), field="area")
    return float(found[0]["lat"]), float(found[0]["long"])


def _choices(values, choices, *, field: str, required: bool = False) -> list[str]:
    values = list(dict.fromkeys(values or []))
    unknown = [v for v in values if v not in choices.values]
    if unknown:
        raise Refused(_("Choose from the list."), field=field)
    if required and not values:
        raise Refused(_("Choose at least one."), field=field)
    return values


# --- Mentor profiles ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProfileFields:
    languages: tuple = ()
    gender: str = ""
    mentors_genders: tuple = ()
    pathways: tuple = ()
    experience: tuple = ()
    availability: tuple = ()
    capacity: int = 2
    online_only: bool = False
    area: str = ""
    counter: Counter | None = None
    recovery_since: date | None = None
    about: str = ""


@transaction.atomic
def save_profile(actor, fields: ProfileFields) -> Saved:
    """A supporter opts in to mentor (or changes their profile). Time in recovery comes from
    one of their own counters, shown on the profile from now on, or a date they state."""
    if not access.can_mentor(actor):
        raise Refused(
            _("Mentors are supporters. Ask an administrator if you would like to be one.")
        )
    values = {
        "languages": _choices(fields.languages, Language, field="languages", required=True),
        "mentors_genders": _choices(fields.mentors_genders, Gender, field="mentors_genders"),
        "pathways": _choices(fields.pathways, Pathway, field="pathways"),
        "experience": _choices(fields.experience, Experience, field="experience"),
        "availability": _choices(fields.availability, Availability, field="availability"),
    }
    if fields.gender and fields.gender not in Gender.values:
        raise Refused(_("Choose from the list."), field="gender")
    if not 1 <= fields.capacity <= CAPACITY_MAX:
        raise Refused(_("Between 1 and 10 mentees."), field="capacity")
    if fields.counter is not None and fields.counter.member_id != actor.pk:
        raise NotFound
    if fields.counter is None and fields.recovery_since is None:
        raise Refused(
            _("Choose one of your counters, or say since when you are in recovery."),
            field="recovery_since",
        )
    if fields.recovery_since is not None and fields.recovery_since > local_now(actor).date():
        raise Refused(_("That date is in the future."), field="recovery_since")
    about = ""
    if fields.about.strip():
        about = clean_text(fields.about, limit=ABOUT_MAX, what=_("About you"), field="about")
    lat, lon = (None, None) if fields.online_only else locate(fields.area)
    profile, _created = MentorProfile.objects.update_or_create(
        person=actor,
        defaults={
            **values,
            "gender": fields.gender,
            "capacity": fields.capacity,
            "online_only": fields.online_only,
            "area": "" if fields.online_only else fields.area.strip(),
            "lat": lat,
            "lon": lon,
            "counter": fields.counter,
            "recovery_since": None if fields.counter else fields.recovery_since,
            "about": about,
        },
    )
    show = False
    if about:
        outcome = safety.check_text(
            actor, about, Context.MENTORSHIP, source=profile, source_url=profile.get_absolute_url()
        )
        show = outcome.show_crisis_resources
    return Saved(profile, show_crisis_resources=show)


@transaction.atomic
def set_paused(actor, paused: bool) -> MentorProfile:
    """A mentor pauses (no new suggestions or requests; their mentees stay) or comes back."""
    profile = MentorProfile.objects.select_for_update().filter(person=actor).first()
    if profile is None:
        raise NotFound
    profile.paused = paused
    profile.save(update_fields=["paused", "updated_at"])
    return profile


def profile_of(person) -> MentorProfile | None:
    if not person.is_authenticated:
        return None
    return MentorProfile.objects.filter(person=person).select_related("counter").first()


def recovery_days(profile: MentorProfile, at=None) -> int | None:
    """Days in recovery: the current run of the counter the mentor chose to show, or since the
    date they stated."""
    counter = profile.counter
    mine = counter is not None and counter.member_id == profile.person_id
    if mine and any(run.ended_on is None for run in counter.runs.all()):
        return summarize(counter, at).days
    if profile.recovery_since is not None:
        return (local_now(profile.person, at).date() - profile.recovery_since).days
    return None


def open_mentors():
    """Profiles of supporters who are mentoring, with how many mentees each has now."""
    return (
        MentorProfile.objects.filter(
            person__is_active=True, person__role_grants__role=Role.SUPPORTER
        )
        .select_related("person", "counter__member")
        .prefetch_related("counter__runs")
        .annotate(active=Count("person__mentoring", filter=Q(person__mentoring__status="active")))
    )


def mentor_facts(profile: MentorProfile, active: int | None = None) -> matching.MentorFacts:
    if active is None:
        active = getattr(profile, "active", None)
    if active is None:
        active = Mentorship.objects.filter(
            mentor_id=profile.person_id, status=Mentorship.Status.ACTIVE
        ).count()
    return matching.MentorFacts(
        id=profile.person_id,
        languages=frozenset(profile.languages),
        gender=profile.gender,
        mentors_genders=frozenset(profile.mentors_genders),
        pathways=frozenset(profile.pathways),
        experience=frozenset(profile.experience),
        availability=frozenset(profile.availability),
        capacity=profile.capacity,
        active=active,
        recovery_days=recovery_days(profile),
        online_only=profile.online_only,
        lat=profile.lat,
        lon=profile.lon,
        paused=profile.paused,
    )


FACT_FIELDS = (
    "person_id",
    "paused",
    "languages",
    "gender",
    "mentors_genders",
    "pathways",
    "experience",
    "availability",
    "capacity",
    "online_only",
    "lat",
    "lon",
    "recovery_since",
    "counter_id",
    "person__time_zone",
    "active",
)


def facts_of(profiles) -> list[matching.MentorFacts]:
    """The matching facts of many profiles (a queryset from `open_mentors`) read as plain
    values: no model objects, so thousands of mentors stay fast. Counters are read only for the
    mentors who chose one."""
    rows = list(profiles.values(*FACT_FIELDS))
    counters = {
        c.pk: c
        for c in Counter.objects.filter(pk__in=[r["counter_id"] for r in rows if r["counter_id"]])
        .select_related("member")
        .prefetch_related("runs")
    }
    today_in = {}
    facts = []
    for r in rows:
        days = None
        counter = counters.get(r["counter_id"])
        mine = counter is not None and counter.member_id == r["person_id"]
        if mine and any(run.ended_on is None for run in counter.runs.all()):
            days = summarize(counter).days
        if days is None and r["recovery_since"] is not None:
            zone = r["person__time_zone"]
            if zone not in today_in:
                today_in[zone] = local_now(SimpleNamespace(time_zone=zone)).date()
            days = (today_in[zone] - r["recovery_since"]).days
        facts.append(
            matching.MentorFacts(
                id=r["person_id"],
                languages=frozenset(r["languages"]),
                gender=r["gender"],
                mentors_genders=frozenset(r["mentors_genders"]),
                pathways=frozenset(r["pathways"]),
                experience=frozenset(r["experience"]),
                availability=frozenset(r["availability"]),
                capacity=r["capacity"],
                active=r["active"],
                recovery_days=days,
                online_only=r["online_only"],
                lat=r["lat"],
                lon=r["lon"],
                paused=r["paused"],
            )
        )
    return facts


# --- Asking for a mentor ------------------------------------------------------------------------


@dataclass(frozen=True)
class AskFields:
    languages: tuple = ()
    gender: str = ""
    same_gender_only: bool = False
    pathways: tuple = ()
    experience: tuple = ()
    availability: tuple = ()
    min_years: int = 1
    online_only: bool = False
    area: str = ""


def ask_of(person) -> Ask | None:
    return Ask.objects.filter(person=person).first()


def default_ask(person) -> Ask:
    """What Lantern assumes before a person says: their site language and pathways."""
    return Ask(
        person=person,
        languages=[person.language or "en"],
        pathways=[p for p in (person.pathways or []) if p in Pathway.values],
    )


@transaction.atomic
def save_ask(actor, fields: AskFields) -> Ask:
    """A newcomer says what they look for in a mentor."""
    if not access.can_ask(actor):
        raise Refused(_("Sign in to ask for a mentor."))
    if fields.gender and fields.gender not in Gender.values:
        raise Refused(_("Choose from the list."), field="gender")
    if fields.same_gender_only and not fields.gender:
        raise Refused(_("To meet mentors of your gender only, say your gender."), field="gender")
    if not 1 <= fields.min_years <= 30:
        raise Refused(_("Between 1 and 30 years."), field="min_years")
    lat, lon = (None, None) if fields.online_only else locate(fields.area)
    ask, _created = Ask.objects.update_or_create(
        person=actor,
        defaults={
            "languages": _choices(fields.languages, Language, field="languages", required=True),
            "gender": fields.gender,
            "same_gender_only": fields.same_gender_only,
            "pathways": _choices(fields.pathways, Pathway, field="pathways"),
            "experience": _choices(fields.experience, Experience, field="experience"),
            "availability": _choices(fields.availability, Availability, field="availability"),
            "min_years": fields.min_years,
            "online_only": fields.online_only,
            "area": "" if fields.online_only else fields.area.strip(),
            "lat": lat,
            "lon": lon,
        },
    )
    return ask


def seeker_facts(person, ask: Ask | None = None) -> matching.SeekerFacts:
    ask = ask or ask_of(person) or default_ask(person)
    return matching.SeekerFacts(
        id=person.pk,
        languages=frozenset(ask.languages),
        gender=ask.gender,
        same_gender_only=ask.same_gender_only,
        pathways=frozenset(ask.pathways),
        experience=frozenset(ask.experience),
        availability=frozenset(ask.availability),
        min_days=365 * ask.min_years,
        online_only=ask.online_only,
        lat=ask.lat,
        lon=ask.lon,
    )


def blocked_either_way(person) -> set[int]:
    pairs = Block.objects.filter(Q(blocker=person) | Q(blocked=person)).values_list(
        "blocker_id", "blocked_id"
    )
    return {b if a == person.pk else a for a, b in pairs}


@dataclass
class Suggestion:
    profile: MentorProfile
    facts: matching.MentorFacts
    points: int
    reasons: list

    @property
    def reasons_text(self) -> list[str]:
        return matching.reasons_text(self.reasons)


def suggestions(actor, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """The mentors who meet every hard rule for `actor`, best first, each with why."""
    seeker = seeker_facts(actor)
    candidates = open_mentors().exclude(person=actor).filter(paused=False)
    ranked = matching.rank(seeker, facts_of(candidates), blocked_either_way(actor), limit)
    profiles = MentorProfile.objects.select_related("person").in_bulk(
        [mentor.id for mentor, _result in ranked], field_name="person_id"
    )
    return [
        Suggestion(profiles[mentor.id], mentor, result.points, result.reasons)
        for mentor, result in ranked
    ]


def open_mentorship_as_mentee(person) -> Mentorship | None:
    return Mentorship.objects.open().filter(mentee=person).select_related("mentor").first()


@transaction.atomic
def request_mentor(actor, mentor, note: str = "") -> Saved:
    """`actor` asks `mentor` to mentor them, if every hard rule allows the pair. The mentor is
    told; the mentee's note is for the mentor only."""
    if not access.can_ask(actor):
        raise Refused(_("Sign in to ask for a mentor."))
    if open_mentorship_as_mentee(actor) is not None:
        raise Refused(_("You already have a mentor, or are waiting for an answer."))
    profile = open_mentors().filter(person=mentor).first()
    blocked = mentor.pk in blocked_either_way(actor)
    if profile is None or matching.hard_rule_failures(
        seeker_facts(actor), mentor_facts(profile), blocked=blocked
    ):
        raise Refused(_("This mentor is not available to you right now."))
    note = note.strip()
    if note:
        note = clean_text(note, limit=NOTE_MAX, what=_("Your note"), field="note")
    ratelimits.consume("mentor_request", actor)
    result = matching.score(seeker_facts(actor), mentor_facts(profile))
    try:
        with transaction.atomic():
            mentorship = Mentorship.objects.create(
                mentee=actor,
                mentor=mentor,
                note=note,
                points=result.points,
                reasons=result.reasons,
            )
    except IntegrityError:  # two requests at once: the first one stands
        raise Refused(_("You already have a mentor, or are waiting for an answer.")) from None
    show = hold = False
    if note:
        outcome = safety.check_text(
            actor,
            note,
            Context.MENTORSHIP,
            source=mentorship,
            source_url=mentorship.get_absolute_url(),
        )
        show, hold = outcome.show_crisis_resources, outcome.hold
        if hold:
            Mentorship.objects.filter(pk=mentorship.pk).update(note="")
    notify(
        mentor,
        "mentorship.requested",
        about=mentorship,
        actor=actor,
        url=mentorship.get_absolute_url(),
    )
    return Saved(mentorship, show_crisis_resources=show, held=hold)


def _locked(mentorship: Mentorship) -> Mentorship:
    return (
        Mentorship.objects.select_for_update()
        .select_related("mentee", "mentor")
        .get(pk=mentorship.pk)
    )


@transaction.atomic
def accept(actor, mentorship: Mentorship) -> Mentorship:
    """The mentor says yes, if they still have room and nobody blocked anybody. The two can
    talk from now on, in a private conversation about this mentorship."""
    mentorship = _locked(mentorship)
    if not access.can_answer(actor, mentorship):
        raise NotFound
    profile = MentorProfile.objects.select_for_update().filter(person=actor).first()
    active = Mentorship.objects.filter(mentor=actor, status=Mentorship.Status.ACTIVE).count()
    if profile is None or active >= profile.capacity:
        raise Refused(
            _("You are mentoring as many people as you said you can. Raise your capacity first.")
        )
    if mentorship.mentee_id in blocked_either_way(actor):
        raise Refused(_("You cannot mentor this person."))
    mentorship.status = Mentorship.Status.ACTIVE
    mentorship.decided_at = timezone.now()
    mentorship.save(update_fields=["status", "decided_at"])
    conversations.open_conversation(actor, mentorship.mentee, about=mentorship)
    notify(
        mentorship.mentee,
        "mentorship.accepted",
        about=mentorship,
        actor=actor,
        url=mentorship.get_absolute_url(),
    )
    return mentorship


@transaction.atomic
def decline(actor, mentorship: Mentorship) -> Mentorship:
    """The mentor says not now. The mentee is told gently and may ask someone else."""
    mentorship = _locked(mentorship)
    if not access.can_answer(actor, mentorship):
        raise NotFound
    mentorship.status = Mentorship.Status.DECLINED
    mentorship.decided_at = timezone.now()
    mentorship.save(update_fields=["status", "decided_at"])
    notify(
        mentorship.mentee,
        "mentorship.declined",
        about=mentorship,
        actor=actor,
        url=mentorship.get_absolute_url(),
    )
    return mentorship


@transaction.atomic
def withdraw(actor, mentorship: Mentorship) -> Mentorship:
    """The mentee takes back their request before an answer."""
    mentorship = _locked(mentorship)
    if not access.can_withdraw(actor, mentorship):
        raise NotFound
    mentorship.status = Mentorship.Status.WITHDRAWN
    mentorship.decided_at = timezone.now()
    mentorship.save(update_fields=["status", "decided_at"])
    Notification.objects.about(mentorship).filter(recipient=mentorship.mentor).delete()
    return mentorship


@transaction.atomic
def end(actor, mentorship: Mentorship, reason: str = "") -> Mentorship:
    """Either side ends the mentorship. The other person is told kindly that it ended; the
    reason, if any, is kept (encrypted) for the person who gave it, and shown to nobody else."""
    mentorship = _locked(mentorship)
    if not access.can_end(actor, mentorship):
        raise NotFound
    reason = reason.strip()
    if reason:
        reason = clean_text(reason, limit=REASON_MAX, what=_("The reason"), field="reason")
    mentorship.status = Mentorship.Status.ENDED
    mentorship.ended_at = timezone.now()
    mentorship.ended_by = actor
    mentorship.end_reason = reason
    mentorship.save(update_fields=["status", "ended_at", "ended_by", "end_reason"])
    notify(
        mentorship.other(actor),
        "mentorship.ended",
        about=mentorship,
        actor=actor,
        url=mentorship.get_absolute_url(),
    )
    return mentorship


def conversation_for(actor, mentorship: Mentorship):
    """The two people's private conversation about this mentorship (the community's one
    conversation mechanism), opened when the mentor accepted; only while it is active."""
    if not access.is_in(actor, mentorship) or mentorship.status != Mentorship.Status.ACTIVE:
        raise NotFound
    return conversations.open_conversation(actor, mentorship.other(actor), about=mentorship)


def mentorships_of(person):
    return Mentorship.objects.of(person).select_related("mentee", "mentor")


# --- My data ------------------------------------------------------------------------------------


def export_mentorship(person) -> dict:
    profile = profile_of(person)
    ask = ask_of(person)
    fields = ("languages", "gender", "pathways", "experience", "availability", "area")
    return {
        "mentor_profile": None
        if profile is None
        else {
            **{name: getattr(profile, name) for name in fields},
            "mentors_genders": profile.mentors_genders,
            "capacity": profile.capacity,
            "paused": profile.paused,
            "online_only": profile.online_only,
            "recovery_since": profile.recovery_since.isoformat()
            if profile.recovery_since
            else None,
            "about": profile.about,
        },
        "ask": None
        if ask is None
        else {
            **{name: getattr(ask, name) for name in fields},
            "same_gender_only": ask.same_gender_only,
            "min_years": ask.min_years,
            "online_only": ask.online_only,
        },
        "mentorships": [
            {
                "mentor": m.mentor.handle,
                "mentee": m.mentee.handle,
                "status": m.status,
                "created_at": m.created_at.isoformat(),
                "ended_at": m.ended_at.isoformat() if m.ended_at else None,
                "note": m.note if m.mentee_id == person.pk else "",
                "my_reason_for_ending": m.end_reason if m.ended_by_id == person.pk else "",
            }
            for m in mentorships_of(person)
        ],
    }


def erase_mentorship(person) -> None:
    """Open mentorships end (the other person is told it ended, by "a former member"); the
    profile, the ask and the mentorships go with the account, with the notifications about
    them in other people's lists."""
    mine = list(Mentorship.objects.of(person))
    Notification.objects.about(*mine).delete()
    for mentorship in mine:
        if mentorship.status == Mentorship.Status.ACTIVE:
            # No link: the mentorship goes with the account.
            notify(mentorship.other(person), "mentorship.ended", actor=None)
    CohortPair.objects.filter(Q(mentee=person) | Q(mentor=person)).delete()
