"""Cohort matching is optimal: on small random cases the solver's total equals the best total
found by trying every assignment, capacities and forbidden pairs are respected, and greedy is
never better."""

import itertools
import random

import numpy as np
import pytest

from lantern.mentorship import cohort_solver


def brute_force(points, capacity) -> int:
    """The best total by trying every choice (a mentor, or nobody) for every newcomer."""
    n, m = points.shape
    best = 0
    for choice in itertools.product(range(-1, m), repeat=n):
        used = [0] * m
        total = 0
        for i, j in enumerate(choice):
            if j < 0:
                continue
            if points[i, j] < 1:
                break
            used[j] += 1
            total += points[i, j]
        else:
            if all(u <= c for u, c in zip(used, capacity, strict=True)):
                best = max(best, total)
    return best


@pytest.mark.parametrize("seed", range(60))
def test_the_solver_finds_the_best_total_on_small_cases(seed):
    rng = random.Random(seed)
    n, m = rng.randint(1, 6), rng.randint(1, 4)
    points = np.array([[rng.choice([-1, -1, 1, 2, 5, 8, 13]) for _ in range(m)] for _ in range(n)])
    capacity = [rng.randint(0, 3) for _ in range(m)]
    pairs = cohort_solver.assign(points, capacity)
    assert cohort_solver.total(points, pairs) == brute_force(points, capacity)
    # Each newcomer once, each mentor within capacity, never a forbidden pair.
    assert len({i for i, _j in pairs}) == len(pairs)
    for j in range(m):
        assert sum(1 for _i, jj in pairs if jj == j) <= capacity[j]
    assert all(points[i, j] >= 1 for i, j in pairs)
    greedy = cohort_solver.greedy(points, capacity)
    assert cohort_solver.total(points, greedy) <= cohort_solver.total(points, pairs)


def test_greedy_can_be_worse():
    # Newcomer 0 takes the mentor newcomer 1 needed; the solver sees it.
    points = np.array([[5, 4], [5, -1]])
    assert cohort_solver.total(points, cohort_solver.greedy(points, [1, 1])) == 5
    assert cohort_solver.total(points, cohort_solver.assign(points, [1, 1])) == 9


def test_nothing_to_pair():
    assert cohort_solver.assign(np.zeros((0, 0), dtype=int), []) == []
    assert cohort_solver.assign(np.ones((2, 2), dtype=int), [0, 0]) == []
