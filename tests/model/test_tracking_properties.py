"""Tracking and re-planning on actuals imported into a plan (MODEL.md section 10): hand-computed figures and
invariants over random plans (hypothesis), the re-plan checked against a general solver."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from plans import random_notes, small_notes

from planner.model.calendar import Calendar, Phase
from planner.model.funnel import estimate
from planner.model.observed import PRIOR, spent_to_date
from planner.model.optimiser import allocation_of, optimise
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.plan_actuals import import_actuals
from planner.model.replan import replan
from planner.model.tracking import ON_TRACK, actual_by_day, track

# Two phases: the first four days carry 40% of the money, the next six 60% (uneven days).
TEN_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 4), 0.4),
                     Phase("爆发", date(2025, 5, 5), date(2025, 5, 10), 0.6)))


def plan_with(notes: pd.DataFrame, **params: object) -> Plan:
    return replace(new_plan(notes, params=PlanParams(**params)), calendar=TEN_DAYS)  # type: ignore[arg-type]


def imported(plan: Plan, rows: list[dict[str, object]]) -> Plan:
    return import_actuals(plan, pd.DataFrame(rows)).plan


# ---------------------------------------------------------------- hand-computed

def test_tracking_figures_by_hand_over_uneven_phases() -> None:
    plan = plan_with(small_notes(), brand_budget=5000.0)  # budgets 1000, 500, 0
    plan = imported(plan, [
        {"date": "2025-05-01", "note_id": "n1", "spend": 120.0, "impressions": 2400.0, "clicks": 100.0},
        {"date": "2025-05-05", "note_id": "n1", "spend": 200.0, "impressions": 4000.0, "clicks": 150.0},
        {"date": "2025-05-05", "note_id": "n2", "spend": 90.0, "impressions": 2250.0, "clicks": 80.0}])
    tracking = track(plan)
    # To 5 May: the four warm-up days (40%) and one of six peak days (10%): half of each budget.
    notes = tracking.notes.set_index("note_id")
    assert notes.loc["n1", "planned_spend"] == pytest.approx(500.0)
    assert notes.loc["n2", "planned_spend"] == pytest.approx(250.0)
    assert notes.loc["n1", "actual_spend"] == 320.0 and notes.loc["n1", "variance_spend"] == pytest.approx(-180.0)
    assert notes.loc["n1", "achievement_spend"] == pytest.approx(0.64) and notes.loc["n1", "status"] == "under"
    assert notes.loc["n2", "achievement_spend"] == pytest.approx(0.36)
    assert tracking.totals.at["spend", "planned"] == pytest.approx(750.0)
    assert tracking.totals.at["spend", "actual"] == 410.0
    assert tracking.totals.at["clicks", "actual"] == 330.0
    # Planned impressions to date: half of each note's estimate.
    result = estimate(plan)
    assert tracking.totals.at["impressions", "planned"] == pytest.approx(result.notes["impressions"].sum() / 2)
    daily = tracking.daily.set_index("date")
    assert daily.loc["2025-05-01", "actual_spend"] == 120.0 and daily.loc["2025-05-02", "actual_spend"] == 0.0
    assert daily.loc["2025-05-05", "cumulative_actual_spend"] == 410.0
    assert np.isnan(daily.loc["2025-05-06", "actual_spend"])  # after the last day with actuals: unknown
    assert daily.loc["2025-05-01", "planned_spend"] == pytest.approx(1500 * 0.4 / 4)


def test_the_shrinkage_estimate_by_hand() -> None:
    plan = plan_with(small_notes())
    plan = imported(plan, [
        {"date": "2025-05-01", "note_id": "n2", "spend": 50.0, "impressions": 3000.0, "clicks": 150.0,
         "store_visits": 45.0, "orders": 3.0},
        {"date": "2025-05-02", "note_id": "n2", "spend": 50.0, "impressions": 5000.0, "clicks": 250.0,
         "store_visits": 35.0, "orders": 1.0}])
    rates = track(plan).rates.set_index("note_id")
    # n2 (not eligible): ctr 4%, entry 20%, cvr 4%; 8,000 impressions, 400 clicks, 80 visits, 4 orders.
    assert rates.loc["n2", "observed_ctr"] == pytest.approx((2000 * 0.04 + 400) / (2000 + 8000))  # 4.8%
    assert rates.loc["n2", "observed_entry_rate"] == pytest.approx((2000 * 0.2 + 80) / (2000 + 400))  # 20%
    assert rates.loc["n2", "observed_cvr"] == pytest.approx((2000 * 0.04 + 4) / (2000 + 80))
    assert rates.loc["n2", "cvr_events"] == 4.0 and rates.loc["n2", "cvr_exposures"] == 80.0
    assert PRIOR == 2000.0


def test_rows_of_notes_the_plan_no_longer_has_are_left_out_of_tracking() -> None:
    plan = imported(plan_with(small_notes()), [
        {"date": "2025-05-01", "note_id": "n1", "spend": 100.0, "impressions": 2000.0},
        {"date": "2025-05-01", "note_id": "n2", "spend": 70.0, "impressions": 2000.0}])
    fewer = plan.with_notes(plan.notes[plan.notes["note_id"] != "n2"].reset_index(drop=True))
    tracking = track(fewer)
    assert tracking.totals.at["spend", "actual"] == 100.0 and list(tracking.notes["note_id"]) == ["n1", "n3"]
    assert spent_to_date(fewer).tolist() == [100.0, 0.0]
    assert actual_by_day(fewer, ("spend",))["spend"][0] == 170.0  # the day's total is the platform's: all rows


# ---------------------------------------------------------------- invariants

@st.composite
def plans_and_days(draw: st.DrawFn) -> tuple[Plan, int]:
    n = draw(st.integers(1, 8))
    notes = random_notes(n, seed=draw(st.integers(0, 10_000)))
    return plan_with(notes, brand_budget=float(notes["budget"].sum())), draw(st.integers(1, 10))


def the_plan_as_actuals(plan: Plan, days: int) -> list[dict[str, object]]:
    """Each note's planned figures on each of the first `days` days, as the daily plan spreads them."""
    from planner.model.pacing import daily_plan, plan_windows

    result = estimate(plan)
    notes = result.notes
    windows = plan_windows(plan, TEN_DAYS)
    keys = ("impressions", "clicks", "interactions", "store_visits", "orders", "gmv")
    rows = []
    for i, note in enumerate(notes["note_id"]):
        single = daily_plan(TEN_DAYS, type(windows)(windows.first[i:i + 1], windows.last[i:i + 1]),
                            notes["budget"].to_numpy()[i:i + 1], notes["brand_cost"].to_numpy()[i:i + 1],
                            notes["platform_cost"].to_numpy()[i:i + 1],
                            {key: notes[key].to_numpy()[i:i + 1] for key in keys})
        for day in range(days):
            rows.append({"date": (date(2025, 5, 1) + timedelta(days=day)).isoformat(), "note_id": note,
                         "spend": single.spend[day], **{key: single.outcomes[key][day] for key in keys}})
    return rows


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_and_days())
def test_actuals_as_planned_leave_every_variance_0_and_every_status_on_track(case: tuple[Plan, int]) -> None:
    plan, days = case
    tracking = track(imported(plan, the_plan_as_actuals(plan, days)))
    scale = max(1.0, float(plan.notes["budget"].sum()))
    for key in ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv"):
        np.testing.assert_allclose(tracking.notes[f"variance_{key}"], 0.0, atol=1e-7 * scale)
    planned = tracking.notes["planned_spend"].to_numpy() > 0
    assert set(tracking.notes["status"][planned]) <= {ON_TRACK}
    assert tracking.status in (ON_TRACK, "")


@st.composite
def plans_with_actuals(draw: st.DrawFn) -> Plan:
    """A plan of up to 8 notes, with actuals for some of them on the first days, spending up to 1.5x the plan."""
    n = draw(st.integers(2, 8))
    seed = draw(st.integers(0, 10_000))
    notes = random_notes(n, seed=seed)
    rng = np.random.default_rng(seed)
    budget = float(notes["budget"].sum()) * draw(st.floats(0.6, 1.2)) + 1000.0
    plan = optimise(plan_with(notes, brand_budget=budget, objective=draw(st.sampled_from(["orders", "gmv", "clicks"])),
                              platform_share=draw(st.sampled_from([0.0, 0.3, 0.5])))).plan
    days = draw(st.integers(1, 4))
    rows = []
    for i, note in enumerate(plan.notes.itertuples()):
        if rng.random() < 0.3:
            continue
        for day in range(days):
            spend = float(np.floor(note.budget / 10 * rng.uniform(0.0, 1.5)))
            shown = float(np.floor(spend * 1000 / note.cpm))
            clicks = float(np.floor(shown * note.ctr * rng.uniform(0.5, 1.5)))
            rows.append({"date": (date(2025, 5, 1) + timedelta(days=day)).isoformat(), "note_id": note.note_id,
                         "spend": spend, "impressions": shown, "clicks": min(clicks, shown),
                         "store_visits": float(np.floor(min(clicks, shown) * note.entry_rate)), "orders": 0.0})
        del i
    if not rows:
        rows.append({"date": "2025-05-01", "note_id": plan.notes["note_id"].iat[0], "spend": 0.0, "impressions": 0.0})
    return imported(plan, rows)


def brand_budget_covers_the_spend_so_far(plan: Plan) -> bool:
    """Whether the money spent to date leaves a feasible re-plan (else the optimiser rightly refuses)."""
    spent = spent_to_date(plan)
    eligible = plan.notes["taobao_link"].to_numpy(dtype=bool) & plan.params.joint
    brand = float(np.where(eligible, spent * (1 - plan.params.platform_share), spent).sum())
    return brand <= plan.params.brand_budget


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_actuals())
def test_a_replan_keeps_the_spend_to_date_and_the_brand_cost_within_the_budget(plan: Plan) -> None:
    assume(brand_budget_covers_the_spend_so_far(plan))
    replanned, result = replan(plan)
    budgets = replanned.notes["budget"].to_numpy()
    assert np.all(budgets >= spent_to_date(replanned) - 1e-9)
    assert result.brand_cost <= plan.params.brand_budget + 1e-6
    assert estimate(replanned).totals["brand_cost"] <= plan.params.brand_budget + 1e-6


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_actuals())
def test_a_replan_is_the_optimum_of_the_remaining_problem_by_a_general_solver(plan: Plan) -> None:
    from scipy.optimize import minimize

    assume(brand_budget_covers_the_spend_so_far(plan))
    replanned, result = replan(plan)
    a = allocation_of(replanned)
    scale = plan.params.brand_budget
    discounted = np.where(a.eligible, 1 - a.share, 1.0)
    high = np.where(np.isinf(a.high), 3.0, np.minimum(a.high / scale, 3.0))
    solved = minimize(lambda x: -a.objective(x * scale) / max(1.0, result.value), np.maximum(a.low / scale, 0.0),
                      jac=lambda x: -a.gain_slope(x * scale) * scale / max(1.0, result.value),
                      bounds=list(zip(a.low / scale, np.maximum(high, a.low / scale), strict=True)), method="SLSQP",
                      constraints=[{"type": "ineq", "fun": lambda x: 1.0 - float(np.dot(discounted, x)),
                                    "jac": lambda x: -discounted}],
                      options={"ftol": 1e-12, "maxiter": 3000})
    x = solved.x * scale
    feasible = float(np.dot(discounted, x)) <= scale * (1 + 1e-7) and np.all(x >= a.low - 1e-6)
    assume(feasible and math.isfinite(a.objective(x)))  # the general solver may stop outside the constraints
    # Ours is whole yuan: within rounding of the continuous optimum.
    assert result.value >= a.objective(x) * (1 - 1e-3) - 1e-6
