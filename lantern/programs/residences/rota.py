"""The chore rota's fairness, as a pure function of numbers: who does which chore this week,
from the chores, the residents in the house now and the weeks before.

Two promises, checked by a property test over a year of weeks with people moving in and out
(`tests/test_rota_fairness.py`):

1. **Counts stay even.** Two residents who lived in the house the same weeks have done a number
   of chores within one of each other. Each week every resident present owes a fair share of the
   week's chores (chores ÷ residents), so a resident's *debt* is the shares they owed minus the
   chores they did. This week each resident takes `chores // residents` chores, and the
   residents who owe the most take one more each until the chores run out (ties: the most
   weighted load owed, then the longest since their last chore, then the handle). Someone who
   moves in starts owing nothing: they are not made to catch up on weeks before they came.
2. **No chore two weeks running when someone else could take it.** Once it is settled how many
   chores each resident takes, the chores are matched to them at the least cost
   (`scipy.optimize.linear_sum_assignment`), where doing the chore you did last week costs more
   than everything else together. So no two residents could swap this week's chores and leave
   fewer people repeating theirs. Within that, heavier chores go to those who owe the most
   weighted load, and a chore goes to the one who did it longest ago.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
from scipy.optimize import linear_sum_assignment

# The costs of the matching, in three bands. A repeat must outweigh any sum of the rest: at most
# MAX_CHORES assignments, each costing at most LOAD_COST × 3 × (residents - 1) + RECENCY_WEEKS.
MAX_CHORES = 30
MAX_RESIDENTS = 60
LOAD_COST = 100
RECENCY_WEEKS = 60
REPEAT_COST = MAX_CHORES * (LOAD_COST * 3 * MAX_RESIDENTS + RECENCY_WEEKS) + 1


@dataclass(frozen=True)
class Chore:
    key: int
    weight: int = 1


@dataclass(frozen=True)
class Resident:
    key: int
    handle: str


@dataclass(frozen=True)
class PastWeek:
    """A week already on the rota: who lived in the house, and who did which chore (chore key,
    its weight, person key)."""

    present: frozenset[int]
    assignments: tuple[tuple[int, int, int], ...] = field(default=())

    @classmethod
    def of(cls, present, done: Mapping[int, int], weights: Mapping[int, int]) -> "PastWeek":
        return cls(
            frozenset(present),
            tuple((chore, weights.get(chore, 1), person) for chore, person in done.items()),
        )


@dataclass
class Standing:
    """What a resident has owed and done in this house so far."""

    debt: Fraction = Fraction(0)
    load_debt: Fraction = Fraction(0)
    last_any: int = -1  # index of the last week they had a chore, -1 for never
    last_did: dict[int, int] = field(default_factory=dict)  # chore key → last week index


def standings(residents: Sequence[Resident], past: Sequence[PastWeek]) -> dict[int, Standing]:
    """Each resident's debt of chores and of weighted load, and when they last did what."""
    keys = {r.key for r in residents}
    result = {key: Standing() for key in keys}
    for index, week in enumerate(past):
        if not week.present or not week.assignments:
            continue
        share = Fraction(len(week.assignments), len(week.present))
        load_share = Fraction(sum(w for _c, w, _p in week.assignments), len(week.present))
        for key in week.present & keys:
            result[key].debt += share
            result[key].load_debt += load_share
        for chore, weight, person in week.assignments:
            if person in result:
                standing = result[person]
                standing.debt -= 1
                standing.load_debt -= weight
                standing.last_any = index
                standing.last_did[chore] = index
    return result


def assign(
    chores: Sequence[Chore], residents: Sequence[Resident], past: Sequence[PastWeek]
) -> dict[int, int]:
    """This week's rota: chore key → person key. Every chore is given when anyone lives in the
    house; nobody is given a chore when nobody does."""
    if not chores or not residents:
        return {}
    if len(chores) > MAX_CHORES or len(residents) > MAX_RESIDENTS:
        raise ValueError("too many chores or residents for one house's rota")
    stand = standings(residents, past)
    # Who owes most comes first; a resident with the same standing as another by handle.
    order = sorted(
        residents,
        key=lambda r: (
            -stand[r.key].debt,
            -stand[r.key].load_debt,
            stand[r.key].last_any,
            r.handle.lower(),
            r.key,
        ),
    )
    base, extra = divmod(len(chores), len(residents))
    slots: list[Resident] = []
    for n, resident in enumerate(order):
        slots.extend([resident] * (base + (1 if n < extra else 0)))
    slots.sort(key=lambda r: (r.handle.lower(), r.key))

    by_load = sorted(residents, key=lambda r: (-stand[r.key].load_debt, r.handle.lower(), r.key))
    load_rank = {r.key: n for n, r in enumerate(by_load)}
    last_week = len(past) - 1
    cost = np.zeros((len(slots), len(chores)), dtype=np.int64)
    for i, resident in enumerate(slots):
        standing = stand[resident.key]
        for j, chore in enumerate(chores):
            did = standing.last_did.get(chore.key)
            repeat = did is not None and did == last_week
            since = RECENCY_WEEKS if did is None else min(last_week - did + 1, RECENCY_WEEKS)
            cost[i, j] = (
                REPEAT_COST * repeat
                + LOAD_COST * chore.weight * load_rank[resident.key]
                + (RECENCY_WEEKS - since)
            )
    rows, columns = linear_sum_assignment(cost)
    return {chores[j].key: slots[i].key for i, j in zip(rows, columns, strict=True)}
