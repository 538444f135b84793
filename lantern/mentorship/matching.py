"""Who may mentor whom, and how well they fit: pure functions over plain facts, so the rules
can be read in one place, tested over random profiles, and used the same way by the suggestions
a newcomer sees and by cohort matching.

**Hard rules first** (`hard_rule_failures`): a mentor is suggested only if every one holds:
open (not paused, not oneself), room (fewer active mentees than their capacity), a shared
language, the gender rules of both sides (a newcomer who asked for the same gender only; the
people a mentor said they will mentor), no block either way, and enough time in recovery (at
least a year, or more if the newcomer asked).

**Then the score** (`score`), in whole points, each with its reason in plain words: 1 for
meeting every rule, 3 for each shared experience (at most 3 counted), 4 for a shared pathway,
2 for each shared time of the week (at most 2), and 3/2/1 for being within 10/30/80 km when
both meet in person. `score_matrix` computes the same points for many newcomers and mentors at
once (cohort matching); a test checks the two agree.
"""

import math
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .vocabulary import Availability, Experience, Language, Pathway

MIN_RECOVERY_DAYS = 365
BASE_POINTS = 1
EXPERIENCE_POINTS, EXPERIENCE_COUNTED = 3, 3
PATHWAY_POINTS = 4
AVAILABILITY_POINTS, AVAILABILITY_COUNTED = 2, 2
DISTANCE_BANDS = ((10.0, 3), (30.0, 2), (80.0, 1))  # within km: points
MAX_POINTS = (
    BASE_POINTS
    + EXPERIENCE_POINTS * EXPERIENCE_COUNTED
    + PATHWAY_POINTS
    + AVAILABILITY_POINTS * AVAILABILITY_COUNTED
    + DISTANCE_BANDS[0][1]
)


@dataclass(frozen=True)
class MentorFacts:
    id: int
    languages: frozenset = frozenset()
    gender: str = ""
    mentors_genders: frozenset = frozenset()  # empty: anyone
    pathways: frozenset = frozenset()
    experience: frozenset = frozenset()
    availability: frozenset = frozenset()
    capacity: int = 1
    active: int = 0  # mentees now
    recovery_days: int | None = None
    online_only: bool = False
    lat: float | None = None
    lon: float | None = None
    paused: bool = False


@dataclass(frozen=True)
class SeekerFacts:
    id: int
    languages: frozenset = frozenset()
    gender: str = ""
    same_gender_only: bool = False
    pathways: frozenset = frozenset()
    experience: frozenset = frozenset()
    availability: frozenset = frozenset()
    min_days: int = MIN_RECOVERY_DAYS
    online_only: bool = False
    lat: float | None = None
    lon: float | None = None


@dataclass
class Score:
    points: int = 0
    reasons: list = field(default_factory=list)  # [(code, params)], said by `reason_text`


def hard_rule_failures(seeker: SeekerFacts, mentor: MentorFacts, *, blocked: bool) -> list[str]:
    """The codes of the hard rules this pair breaks ([] when the mentor may be suggested)."""
    failures = []
    if mentor.id == seeker.id:
        failures.append("self")
    if mentor.paused:
        failures.append("paused")
    if mentor.active >= mentor.capacity:
        failures.append("full")
    if not seeker.languages & mentor.languages:
        failures.append("language")
    if seeker.same_gender_only and (not seeker.gender or seeker.gender != mentor.gender):
        failures.append("gender")
    if mentor.mentors_genders and seeker.gender not in mentor.mentors_genders:
        failures.append("mentor-gender")
    if blocked:
        failures.append("blocked")
    needed = max(MIN_RECOVERY_DAYS, seeker.min_days)
    if mentor.recovery_days is None or mentor.recovery_days < needed:
        failures.append("time")
    return failures


EARTH_KM = 6371.0


def distance_km(lat1, lon1, lat2, lon2) -> float:
    r = EARTH_KM
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _in_person(seeker: SeekerFacts, mentor: MentorFacts) -> bool:
    return (
        not seeker.online_only
        and not mentor.online_only
        and None not in (seeker.lat, seeker.lon, mentor.lat, mentor.lon)
    )


def score(seeker: SeekerFacts, mentor: MentorFacts) -> Score:
    """The points of a pair that meets the hard rules, each with its reason."""
    result = Score(BASE_POINTS)
    languages = sorted(seeker.languages & mentor.languages)
    result.reasons.append(("language", {"languages": languages}))
    result.reasons.append(("time", {"days": mentor.recovery_days or 0}))
    shared = sorted(seeker.experience & mentor.experience)
    if shared:
        result.points += EXPERIENCE_POINTS * min(len(shared), EXPERIENCE_COUNTED)
        result.reasons.append(("experience", {"tags": shared}))
    pathways = sorted(seeker.pathways & mentor.pathways)
    if pathways:
        result.points += PATHWAY_POINTS
        result.reasons.append(("pathway", {"pathways": pathways}))
    times = sorted(seeker.availability & mentor.availability)
    if times:
        result.points += AVAILABILITY_POINTS * min(len(times), AVAILABILITY_COUNTED)
        result.reasons.append(("availability", {"times": times}))
    if _in_person(seeker, mentor):
        km = distance_km(seeker.lat, seeker.lon, mentor.lat, mentor.lon)
        for within, points in DISTANCE_BANDS:
            if km <= within:
                result.points += points
                result.reasons.append(("near", {"km": round(km)}))
                break
    elif mentor.online_only:
        result.reasons.append(("online", {}))
    return result


def rank(seeker: SeekerFacts, mentors, blocked_ids=frozenset(), limit: int | None = None):
    """The mentors who meet every hard rule, best first (then longest in recovery), each with
    its score: [(mentor, Score)]."""
    ranked = [
        (mentor, score(seeker, mentor))
        for mentor in mentors
        if not hard_rule_failures(seeker, mentor, blocked=mentor.id in blocked_ids)
    ]
    ranked.sort(key=lambda pair: (-pair[1].points, -(pair[0].recovery_days or 0), pair[0].id))
    return ranked[:limit] if limit is not None else ranked


# --- In plain words -----------------------------------------------------------------------------


def _names(choices, values) -> str:
    labels = dict(choices.choices)
    return ", ".join(str(labels.get(v, v)) for v in values)


def recovery_time_text(days: int) -> str:
    years = days // 365
    if years >= 1:
        return ngettext("%(n)s year in recovery", "%(n)s years in recovery", years) % {"n": years}
    months = max(days // 30, 0)
    return ngettext("%(n)s month in recovery", "%(n)s months in recovery", months) % {"n": months}


def reason_text(code: str, params: dict) -> str:
    """One reason, in the reader's language (reasons are stored as codes, said when shown)."""
    if code == "language":
        return _("Speaks %(languages)s with you") % {
            "languages": _names(Language, params["languages"])
        }
    if code == "time":
        return _("Has %(time)s") % {"time": recovery_time_text(params["days"])}
    if code == "experience":
        return _("Knows %(tags)s from the inside, like you asked") % {
            "tags": _names(Experience, params["tags"])
        }
    if code == "pathway":
        return _("On your path: %(pathways)s") % {"pathways": _names(Pathway, params["pathways"])}
    if code == "availability":
        return _("Free when you are: %(times)s") % {"times": _names(Availability, params["times"])}
    if code == "near":
        return _("About %(km)s km from you") % {"km": params["km"]}
    if code == "online":
        return _("Meets online")
    if code == "adjusted":
        return _("Paired by the program's coordinator")
    return ""


def reasons_text(reasons) -> list[str]:
    return [text for text in (reason_text(code, params) for code, params in reasons) if text]


# --- Many at once (cohort matching) -------------------------------------------------------------


def _mask(values, index: dict) -> int:
    bits = 0
    for value in values:
        if value in index:
            bits |= 1 << index[value]
    return bits


def _masks(people, attribute: str, index: dict) -> np.ndarray:
    # The narrowest integer that holds a bit per value: less memory to walk for 20 M pairs.
    dtype = np.uint16 if len(index) <= 16 else np.uint32 if len(index) <= 32 else np.uint64
    return np.array([_mask(getattr(p, attribute), index) for p in people], dtype=dtype)


def score_matrix(seekers, mentors, blocked_pairs=frozenset()) -> np.ndarray:
    """Points of every (seeker, mentor) pair, -1 where a hard rule is broken: the same rules and
    points as `hard_rule_failures` and `score`, for many people at once. `blocked_pairs` holds
    (seeker id, mentor id) pairs with a block either way."""
    n, m = len(seekers), len(mentors)
    if n == 0 or m == 0:
        return np.zeros((n, m), dtype=np.int16)
    indexes = {}
    for attribute in ("languages", "pathways", "experience", "availability"):
        values = sorted({v for p in (*seekers, *mentors) for v in getattr(p, attribute)}, key=str)
        indexes[attribute] = {v: i for i, v in enumerate(values)}

    def shared(attribute):
        s = _masks(seekers, attribute, indexes[attribute])[:, None]
        t = _masks(mentors, attribute, indexes[attribute])[None, :]
        return np.bitwise_count(s & t)  # uint8: how many values they share

    # Every gender anyone has or a mentor asks for: a wanted gender nobody here has must still
    # make the mentor's mask non-empty (else it would read "anyone").
    wanted = {g for t in mentors for g in t.mentors_genders}
    genders = sorted({p.gender for p in (*seekers, *mentors)} | wanted | {""})
    g_index = {g: i for i, g in enumerate(genders)}
    s_gender = np.array([g_index[s.gender] for s in seekers], dtype=np.int8)[:, None]
    t_gender = np.array([g_index[t.gender] for t in mentors], dtype=np.int8)[None, :]
    same_only = np.array([s.same_gender_only for s in seekers])[:, None]
    s_known = np.array([bool(s.gender) for s in seekers])[:, None]
    whom = np.array([_mask(t.mentors_genders, g_index) for t in mentors], dtype=np.uint16)
    s_bit = np.left_shift(np.uint16(1), s_gender.astype(np.uint16))
    needed = np.maximum(MIN_RECOVERY_DAYS, np.array([s.min_days for s in seekers]))[:, None]
    days = np.array([-1 if t.recovery_days is None else t.recovery_days for t in mentors])
    room = np.array([not t.paused and t.active < t.capacity for t in mentors])

    # Hard rules. Per-mentor rules first (cheap), then the pairs.
    ok = shared("languages") > 0
    ok &= (room & (days >= 0))[None, :]
    ok &= days[None, :] >= needed
    ok &= ~same_only | (s_known & (s_gender == t_gender))
    ok &= (whom == 0)[None, :] | ((whom[None, :] & s_bit) != 0)
    s_ids = np.array([s.id for s in seekers])
    t_ids = np.array([t.id for t in mentors])
    ok &= s_ids[:, None] != t_ids[None, :]

    points = np.full((n, m), BASE_POINTS, dtype=np.int16)
    points += EXPERIENCE_POINTS * np.minimum(shared("experience"), EXPERIENCE_COUNTED)
    points += PATHWAY_POINTS * (shared("pathways") > 0)
    points += AVAILABILITY_POINTS * np.minimum(shared("availability"), AVAILABILITY_COUNTED)

    # Distance without trigonometry on every pair: the cosine of the central angle is a sum of
    # outer products of per-person sines and cosines, and "within w km" is "cosine ≥ cos(w/R)".
    def trig(people):
        lat = np.radians([np.nan if p.lat is None else p.lat for p in people])
        lon = np.radians([np.nan if p.lon is None else p.lon for p in people])
        online = np.array([p.online_only for p in people])
        return np.sin(lat), np.cos(lat), np.sin(lon), np.cos(lon), online

    s_sin, s_cos, s_sinl, s_cosl, s_online = trig(seekers)
    t_sin, t_cos, t_sinl, t_cosl, t_online = trig(mentors)
    with np.errstate(invalid="ignore"):
        cos_angle = np.outer(s_sin, t_sin) + np.outer(s_cos, t_cos) * (
            np.outer(s_cosl, t_cosl) + np.outer(s_sinl, t_sinl)
        )
        near = np.zeros((n, m), dtype=np.int16)
        for within, band_points in reversed(DISTANCE_BANDS):
            near[cos_angle >= math.cos(within / EARTH_KM)] = band_points
    near[s_online, :] = 0
    near[:, t_online] = 0
    points += near

    if blocked_pairs:
        s_pos = {s.id: i for i, s in enumerate(seekers)}
        t_pos = {t.id: j for j, t in enumerate(mentors)}
        for a_id, b_id in blocked_pairs:
            if a_id in s_pos and b_id in t_pos:
                ok[s_pos[a_id], t_pos[b_id]] = False
    points[~ok] = -1
    return points
