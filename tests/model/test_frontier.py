"""The efficient frontier is the optimiser's optimum at each brand budget; response curves match the funnel."""

from __future__ import annotations

import numpy as np
import pytest
from plans import random_plan

from planner.model.errors import PlanError
from planner.model.frontier import (
    efficient_frontier,
    frontier_budgets,
    least_brand_budget,
    response_curve,
    response_slope,
)
from planner.model.funnel import estimate
from planner.model.optimiser import allocation_of, optimise, solve_continuous
from planner.model.plan import OBJECTIVES, Plan


def assert_non_decreasing_and_concave(frame, tolerance: float = 1e-9) -> None:
    x = frame["brand_budget"].to_numpy()
    y = frame["value"].to_numpy()
    scale = max(float(np.abs(y).max()), 1.0)
    assert np.all(np.diff(y) >= -tolerance * scale)
    slopes = np.diff(y) / np.diff(x)
    slope_scale = max(float(np.abs(slopes).max()), 1e-300)
    assert np.all(np.diff(slopes) <= tolerance * slope_scale)


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_each_point_is_the_optimisers_optimum(small_plan: Plan, objective: str) -> None:
    frame = efficient_frontier(small_plan, objective=objective)
    a = allocation_of(small_plan, objective)
    for budget, value in zip(frame["brand_budget"], frame["value"], strict=True):
        assert value == pytest.approx(a.objective(solve_continuous(a, budget)), rel=1e-12, abs=1e-12)


def test_the_frontier_holds_the_optimum_at_the_plans_brand_budget(small_plan: Plan) -> None:
    frame = efficient_frontier(small_plan)
    at_budget = frame.loc[frame["brand_budget"] == small_plan.params.brand_budget, "value"]
    assert len(at_budget) == 1
    # optimise() rounds to whole yuan, which can only lose a little against the continuous optimum.
    whole_yuan = optimise(small_plan).value
    assert whole_yuan <= at_budget.iloc[0] * (1 + 1e-12)
    assert whole_yuan == pytest.approx(at_budget.iloc[0], rel=1e-3)


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("cap", [None, 20_000.0])
def test_frontier_is_non_decreasing_and_concave(seed: int, cap: float | None) -> None:
    plan = random_plan(60, seed=seed, brand_budget=150_000.0, platform_cap=cap)
    frame = efficient_frontier(plan, points=40)
    assert frame["feasible"].all()
    assert_non_decreasing_and_concave(frame)


def test_range_runs_from_the_least_feasible_budget_to_twice_the_larger_of_budget_and_cost() -> None:
    plan = random_plan(30, seed=4, brand_budget=50_000.0)
    notes = plan.notes.copy()
    notes.loc[notes.index[:3], "locked"] = True
    notes.loc[notes.index[3:6], "min_budget"] = 1_000.0
    plan = plan.with_notes(notes)
    a = allocation_of(plan)
    frame = efficient_frontier(plan, points=25)
    today = estimate(plan).totals["brand_cost"]
    assert frame["brand_budget"].iloc[0] == pytest.approx(least_brand_budget(a))
    assert frame["brand_budget"].iloc[-1] == pytest.approx(2 * max(50_000.0, today))
    assert 25 <= len(frame) <= 27  # the grid, plus the brand budget and today's cost when not on it


def test_a_plan_without_budgets_still_gets_a_range(small_plan: Plan) -> None:
    plan = small_plan.with_budgets(np.zeros(3)).with_params(brand_budget=0.0)
    budgets = frontier_budgets(plan, allocation_of(plan))
    assert budgets[0] == 0.0
    assert budgets[-1] > 0.0


def test_infeasible_budgets_are_marked_not_optimised(small_plan: Plan) -> None:
    notes = small_plan.notes.copy()
    notes["min_budget"] = 1_000.0
    plan = small_plan.with_notes(notes)
    least = least_brand_budget(allocation_of(plan))
    frame = efficient_frontier(plan, budgets=np.array([0.0, least / 2, least, 2 * least]))
    assert frame["feasible"].tolist() == [False, False, True, True]
    assert frame["value"].isna().tolist() == [True, True, False, False]


def test_an_unbounded_plan_raises(small_plan: Plan) -> None:
    plan = small_plan.with_params(platform_share=1.0, platform_cap=None)
    with pytest.raises(PlanError, match="unbounded"):
        efficient_frontier(plan)


def test_progress_reports_every_optimisation(small_plan: Plan) -> None:
    calls: list[tuple[int, int]] = []
    frame = efficient_frontier(small_plan, points=10, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(frame), len(frame))
    assert len(calls) == len(frame)


@pytest.mark.parametrize("outcome", ["impressions", "clicks", "interactions", "store_visits", "orders", "gmv"])
def test_response_curve_passes_through_the_notes_estimate(small_plan: Plan, outcome: str) -> None:
    notes = estimate(small_plan).notes
    for position in range(len(notes)):
        budget = notes["budget"].iloc[position]
        value = response_curve(small_plan, position, np.array([0.0, budget]), outcome)
        assert value[0] == 0.0
        assert value[1] == pytest.approx(notes[outcome].iloc[position], rel=1e-12, abs=1e-12)


def test_response_slope_matches_marginal_roi_times_brand_share(small_plan: Plan) -> None:
    notes = estimate(small_plan).notes
    share = small_plan.params.platform_share
    for position in range(len(notes)):
        brand_share = 1 - share if notes["eligible"].iloc[position] else 1.0
        slope = response_slope(small_plan, position, notes["budget"].iloc[position], "gmv")
        assert slope == pytest.approx(notes["marginal_roi"].iloc[position] * brand_share, rel=1e-12)


def test_response_slope_is_the_curves_derivative(small_plan: Plan) -> None:
    h = 1e-3
    for position in range(3):
        ends = response_curve(small_plan, position, np.array([800.0 - h, 800.0 + h]), "orders")
        assert response_slope(small_plan, position, 800.0, "orders") == pytest.approx(
            (ends[1] - ends[0]) / (2 * h), rel=1e-6)


def test_the_frontier_of_an_empty_plan_is_flat_at_zero() -> None:
    import pandas as pd

    from planner.model.notes import NOTE_FIELDS
    from planner.model.plan import PlanParams, new_plan

    plan = new_plan(pd.DataFrame(columns=list(NOTE_FIELDS)), params=PlanParams(brand_budget=1000.0))
    frontier = efficient_frontier(plan)
    assert frontier["feasible"].all() and (frontier["value"] == 0.0).all()
    assert frontier["brand_budget"].iloc[0] == 0.0 and frontier["brand_budget"].iloc[-1] == 2000.0
