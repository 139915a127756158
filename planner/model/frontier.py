"""What more money buys: the plan's efficient frontier and one note's response curve.

The frontier is the optimum of the objective (MODEL.md section 5) at each brand budget. The problem is
concave and its feasible set grows with the budget, so the frontier is non-decreasing and concave: a
chart of it shows where the next brand yuan stops paying.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.errors import PlanError
from planner.model.funnel import OUTCOMES, effective_rates, impressions, impressions_slope
from planner.model.optimiser import Allocation, allocation_of, check_bounded, solve_continuous
from planner.model.plan import Plan
from planner.model.words import labelled, listed

POINTS = 25
# A notional budget for a plan that gives no scale of its own (no budgets, no brand budget, no caps).
_FALLBACK_SPAN = 10_000.0
# The optimiser's own tolerance on "the minimums need more than the brand budget" (solve_continuous).
_REL = 1e-12


def least_brand_budget(a: Allocation) -> float:
    """The brand money the minimum and locked budgets alone need: the frontier's left end."""
    return a.brand_cost(a.low)


def frontier_budgets(plan: Plan, a: Allocation, points: int = POINTS) -> np.ndarray:
    """Brand budgets from the least feasible one to twice the larger of the brand budget and today's cost.

    The plan's brand budget and today's brand cost are added to the evenly spaced grid (when inside it),
    so that the frontier holds the optimum at the plan's own budget exactly, not interpolated.
    """
    least = least_brand_budget(a)
    brand_budget = float(plan.params.brand_budget)
    today = a.brand_cost(plan.notes["budget"].to_numpy(dtype=float))
    top = 2.0 * max(brand_budget, today)
    if top <= least * (1 + 1e-9) + 1e-9:
        top = least + max(least, _saturation_cost(a), _FALLBACK_SPAN)
    grid = np.linspace(least, top, max(int(points), 2))
    tolerance = 1e-9 * max(top, 1.0)
    extra = [x for x in (brand_budget, today)
             if least <= x <= top and np.min(np.abs(grid - x)) > tolerance]
    return np.unique(np.concatenate([grid, np.asarray(extra, dtype=float)]))


def _saturation_cost(a: Allocation) -> float:
    """Brand cost of every capped note at its knee A*cpm/1000 (where reach is 63% of the cap)."""
    knee = np.where(np.isnan(a.cap), a.low, a.cap * a.cpm / 1000.0)
    return a.brand_cost(np.clip(knee, a.low, a.high))


def efficient_frontier(plan: Plan, budgets: np.ndarray | None = None, objective: str | None = None,
                       points: int = POINTS,
                       progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """The optimum of `objective` (default: the plan's) at each brand budget, in real numbers.

    Columns brand_budget, value, feasible; a budget below what the minimums and locked budgets need is
    kept with value NaN and feasible False. `budgets` default to `frontier_budgets(plan, ., points)`.
    An unbounded plan raises PlanError. `progress(done, total)` is called after each optimisation (a
    background job cancels by raising from it).
    """
    a = allocation_of(plan, objective)
    check_bounded(a)
    grid = frontier_budgets(plan, a, points) if budgets is None else np.asarray(budgets, dtype=float)
    least = least_brand_budget(a)
    # The same test solve_continuous makes before it raises for an infeasible budget.
    feasible = least <= grid * (1 + _REL) + 1e-9
    values = np.full(len(grid), np.nan)
    # One exact optimisation per point, each vectorised over the notes: the root search of one point
    # does not carry over to the next, and 25 of them on 10,000 notes take ~0.1 s.
    todo = np.flatnonzero(feasible)
    for done, k in enumerate(todo, start=1):
        values[k] = a.objective(solve_continuous(a, float(grid[k])))
        if progress is not None:
            progress(done, len(todo))
    return pd.DataFrame({"brand_budget": grid, "value": values, "feasible": feasible})


def _note_yield(plan: Plan, position: int, outcome: str) -> tuple[float, float, float]:
    """(cpm, audience cap, outcome per impression) of the note at `position`, with its effective rates."""
    if outcome not in OUTCOMES:
        raise PlanError(_("unknown outcome {outcome}: expected one of {choices}").format(
            outcome=repr(outcome), choices=listed(labelled(key) for key in OUTCOMES)))
    # Rates depend on the note alone (MODEL.md section 2), so a one-note plan gives the same ones.
    rates = effective_rates(plan.with_notes(plan.notes.iloc[[position]]))
    per_impression = 1.0 if outcome == "impressions" else float(rates.per_impression(outcome)[0])
    return float(rates.cpm[0]), float(rates.audience_cap[0]), per_impression


def response_curve(plan: Plan, position: int, budgets: np.ndarray, outcome: str = "orders") -> np.ndarray:
    """One note's `outcome` at each of `budgets` (MODEL.md section 3), other notes unchanged."""
    cpm, cap, per_impression = _note_yield(plan, position, outcome)
    budgets = np.asarray(budgets, dtype=float)
    return per_impression * impressions(budgets, np.full_like(budgets, cpm), np.full_like(budgets, cap))


def response_slope(plan: Plan, position: int, budget: float, outcome: str = "orders") -> float:
    """d(outcome)/d(budget) of one note at `budget`, per yuan of its budget (not of brand money)."""
    cpm, cap, per_impression = _note_yield(plan, position, outcome)
    one = np.array([float(budget)])
    return per_impression * float(impressions_slope(one, np.array([cpm]), np.array([cap]))[0])
