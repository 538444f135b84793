"""Cohort matching as an assignment problem: each newcomer gets at most one mentor, each mentor
at most their remaining capacity, and the total of the pairs' points (`matching.score_matrix`;
-1 marks a pair a hard rule forbids) is as large as it can be.

The solver is one small function (`assign`), so it can be swapped: today SciPy's
`linear_sum_assignment` on a matrix with one column per free place (a mentor with room for three
is three identical columns). Every allowed pair is worth at least one point, so the optimum also
pairs as many newcomers as the rules allow before it trades one pair for a better one. `greedy`
is the baseline the benchmark compares with: each newcomer in turn takes the best mentor still
free.
"""

import numpy as np
from scipy.optimize import linear_sum_assignment


def assign(points: np.ndarray, capacity) -> list[tuple[int, int]]:
    """The pairs (row, column) of an assignment with the largest total points, never using a
    forbidden pair (points < 1) and never giving column j more than capacity[j] rows."""
    capacity = np.asarray(capacity, dtype=np.int64)
    if points.size == 0 or capacity.sum() == 0:
        return []
    columns = np.repeat(np.arange(points.shape[1]), np.maximum(capacity, 0))
    benefit = np.maximum(points[:, columns], 0).astype(np.float64)
    rows, slots = linear_sum_assignment(benefit, maximize=True)
    chosen = columns[slots]
    keep = points[rows, chosen] > 0
    return sorted(zip(rows[keep].tolist(), chosen[keep].tolist(), strict=True))


def greedy(points: np.ndarray, capacity) -> list[tuple[int, int]]:
    """The baseline: newcomers in order, each taking the best mentor who still has room."""
    left = np.asarray(capacity, dtype=np.int64).copy()
    pairs = []
    for row in range(points.shape[0]):
        options = np.where(left > 0, points[row], -1)
        best = int(np.argmax(options)) if options.size else -1
        if best >= 0 and options[best] > 0:
            pairs.append((row, best))
            left[best] -= 1
    return pairs


def total(points: np.ndarray, pairs) -> int:
    return sum(int(points[r, c]) for r, c in pairs)  # Python ints: no int16 overflow
