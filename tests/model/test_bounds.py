"""Inputs at the bounds of planner.model.limits: every figure the model computes from them is finite.

The bounds exist so that no estimate, uncertainty band, marginal ROI, optimum or JSON document can hold an
infinity or a NaN; these tests drive every input to its bounds (and rates to the smallest doubles) at once.
Every warning is an error here: numpy's overflow and invalid-value warnings are how an infinity or a NaN
is born (and the command line would print them).
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io.estimate_json import estimate_document
from planner.io.planfile import plan_problems
from planner.model.errors import PlanError
from planner.model.frontier import efficient_frontier
from planner.model.funnel import NOTE_FEE_RATIOS, estimate
from planner.model.lifts import LIFTS, LiftTable, complete_lift_frame
from planner.model.limits import (
    MAX_AMOUNT,
    MAX_AOV,
    MAX_AUDIENCE_CAP,
    MAX_CPM,
    MAX_LIFT,
    MIN_AUDIENCE_CAP,
    MIN_CPM,
)
from planner.model.optimiser import optimise, optimise_for_target
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.uncertainty import uncertainty

pytestmark = pytest.mark.filterwarnings("error")

TINY = 5e-324  # the smallest double above 0
JUST_BELOW_ONE = 1 - 2**-53


def near_bounds(low: float, high: float, *more: float) -> st.SearchStrategy[float]:
    """Mostly the bounds themselves (and `more`), sometimes anything between."""
    return st.sampled_from([low, high, *more]) | st.floats(low, high)


RATES = near_bounds(0.0, 1.0, TINY, 1e-310, JUST_BELOW_ONE)
AMOUNTS = near_bounds(0.0, MAX_AMOUNT, TINY, 1.0)


@st.composite
def notes(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 4))
    is_ad = draw(st.lists(st.booleans(), min_size=n, max_size=n))
    low = draw(st.lists(st.sampled_from([0.0, 0.0, 1.0, MAX_AMOUNT / 4]), min_size=n, max_size=n))
    high = [draw(st.none() | near_bounds(lo, MAX_AMOUNT)) for lo in low]
    return pd.DataFrame({
        "note_id": [f"n{i}" for i in range(n)],
        "industry": draw(st.lists(st.sampled_from(["beauty", "sports", "food"]), min_size=n, max_size=n)),
        "is_ad": is_ad,
        "taobao_link": [ad and draw(st.booleans()) for ad in is_ad],
        "cpm": draw(st.lists(near_bounds(MIN_CPM, MAX_CPM), min_size=n, max_size=n)),
        **{rate: draw(st.lists(RATES, min_size=n, max_size=n))
           for rate in ("ctr", "interaction_rate", "entry_rate", "cvr")},
        "aov": draw(st.lists(near_bounds(0.0, MAX_AOV), min_size=n, max_size=n)),
        "audience_cap": [np.nan if cap is None else cap for cap in draw(st.lists(
            st.none() | near_bounds(MIN_AUDIENCE_CAP, MAX_AUDIENCE_CAP), min_size=n, max_size=n))],
        "min_budget": low,
        "max_budget": [np.nan if hi is None else hi for hi in high],
        "budget": draw(st.lists(AMOUNTS, min_size=n, max_size=n)),
        "locked": draw(st.lists(st.booleans(), min_size=n, max_size=n)),
    })


@st.composite
def lifts(draw: st.DrawFn) -> LiftTable:
    rows = {}
    for industry in ("default", "beauty", "sports"):
        row: dict[str, object] = {"source": "typed"}
        for lift in LIFTS:
            low, value, high = sorted(draw(st.lists(near_bounds(-1.0, MAX_LIFT), min_size=3, max_size=3)))
            row.update({lift: value, f"{lift}_low": low, f"{lift}_high": high})
        rows[industry] = row
    return LiftTable(complete_lift_frame(pd.DataFrame.from_dict(rows, orient="index")))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    params = PlanParams(brand_budget=draw(AMOUNTS), objective=draw(st.sampled_from(["orders", "gmv", "clicks"])),
                        joint=draw(st.booleans()),
                        platform_share=draw(near_bounds(0.0, 1.0, JUST_BELOW_ONE)),
                        platform_cap=draw(st.none() | AMOUNTS))
    return new_plan(draw(notes()), name="bounds", lifts=draw(lifts()), params=params)


def finite_or_none(values: dict[str, float | None]) -> bool:
    return all(v is None or math.isfinite(v) for v in values.values())


BOUNDS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@BOUNDS
@given(plan=plans())
def test_generated_plans_are_within_the_bounds(plan: Plan) -> None:
    assert plan_problems(plan) == []


@BOUNDS
@given(plan=plans())
def test_every_estimate_of_a_plan_within_bounds_is_finite(plan: Plan) -> None:
    result = estimate(plan)
    assert finite_or_none(result.totals)
    figures = result.notes.drop(columns=["note_id", "eligible", "marginal_roi", *NOTE_FEE_RATIOS]).to_numpy(dtype=float)
    assert np.isfinite(figures).all()
    # A note's ROI on its total cost (and the brand's) is empty only where that cost is 0 (MODEL.md section 11).
    notes = result.notes
    brand_cost = notes["brand_cost"] + notes["creator_fee"]
    for ratio, cost in (("total_roi", notes["total_cost"]), ("brand_total_roi", brand_cost)):
        paid = cost.to_numpy() > 0
        assert np.isfinite(notes[ratio].to_numpy()[paid]).all() and np.isnan(notes[ratio].to_numpy()[~paid]).all()


@BOUNDS
@given(plan=plans())
def test_marginal_roi_is_finite_wherever_the_brand_pays_for_the_next_yuan(plan: Plan) -> None:
    result = estimate(plan)
    marginal = result.notes["marginal_roi"].to_numpy(dtype=float)
    # Undefined (NaN, null in JSON) only for an eligible note whose next yuan the platform pays whole.
    free = result.notes["eligible"].to_numpy() & (plan.params.platform_share == 1.0) & (
        not result.funding.cap_reached)
    assert np.isfinite(marginal[~free]).all()
    assert np.isnan(marginal[free]).all()


@BOUNDS
@given(plan=plans())
def test_the_uncertainty_band_of_a_plan_within_bounds_is_finite(plan: Plan) -> None:
    spread = uncertainty(plan, draws=200)
    assert all(math.isfinite(v) for band in spread.values() for v in band.values())


@BOUNDS
@given(plan=plans())
def test_the_optimum_of_a_plan_within_bounds_is_finite_or_a_plan_error(plan: Plan) -> None:
    try:
        result = optimise(plan)
    except PlanError:
        return  # infeasible minimums or an unbounded plan: said in words, not an overflow
    budgets = result.plan.notes["budget"].to_numpy(dtype=float)
    assert np.isfinite(budgets).all() and math.isfinite(result.value) and math.isfinite(result.brand_cost)
    assert result.brand_cost <= plan.params.brand_budget * (1 + 1e-9) + 1e-6
    assert plan_problems(result.plan) == []  # the optimised plan saves


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans(), share=st.sampled_from([0.0, 1e-9, 0.5, 1.0]))
def test_the_least_budget_for_a_target_within_reach_is_finite(plan: Plan, share: float) -> None:
    target = share * (estimate(plan).totals[plan.params.objective] or 0.0)
    try:
        result = optimise_for_target(plan, target)
    except PlanError:
        return
    assert np.isfinite(result.plan.notes["budget"].to_numpy(dtype=float)).all()
    assert math.isfinite(result.plan.params.brand_budget) and math.isfinite(result.value)
    assert plan_problems(result.plan) == []  # its brand budget too is within bounds: the plan saves


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=plans())
def test_the_frontier_of_a_plan_within_bounds_is_finite_where_feasible(plan: Plan) -> None:
    try:
        frontier = efficient_frontier(plan, points=4)
    except PlanError:
        return
    feasible = frontier["feasible"].to_numpy()
    assert np.isfinite(frontier["brand_budget"]).all()
    assert np.isfinite(frontier["value"].to_numpy()[feasible]).all()


@BOUNDS
@given(plan=plans())
def test_the_estimate_document_of_a_plan_within_bounds_is_strict_json(plan: Plan) -> None:
    document = estimate_document(plan, estimate(plan), uncertainty(plan, draws=200))
    json.dumps(document, allow_nan=False)  # raises on NaN or infinity
