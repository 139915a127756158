"""Plan against actuals, observed rates and re-planning (MODEL.md section 10)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plans import random_notes, small_notes

from planner.i18n import set_language
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError
from planner.model.funnel import estimate, planned_rates
from planner.model.observed import PRIOR, spent_to_date
from planner.model.pacing import pace
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.replan import replan
from planner.model.scenarios import plan_of, scenario_names, with_settings
from planner.model.tracking import OVER, SLIGHTLY_OVER, UNDER, status_of, track

FOUR_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 4), 1.0),))


def plan_with(actuals: pd.DataFrame | None, notes: pd.DataFrame | None = None, **params: object) -> Plan:
    plan = new_plan(small_notes() if notes is None else notes, params=PlanParams(**params))  # type: ignore[arg-type]
    return replace(plan, calendar=FOUR_DAYS, actuals=actuals)


def actuals_of(rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "note_id", "spend", "impressions", "clicks"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


def test_planned_to_date_is_the_daily_plan_up_to_the_last_day_with_actuals() -> None:
    # Budgets 1000, 500, 0 over four even days; actuals for the first two days.
    actuals = actuals_of([("2025-05-01", "n1", 300.0, 5000.0, 200.0), ("2025-05-02", "n1", 300.0, 5000.0, 250.0),
                          ("2025-05-01", "n2", 100.0, 2500.0, 100.0)])
    tracking = track(plan_with(actuals, brand_budget=5000.0))
    assert tracking.to_date == date(2025, 5, 2)
    notes = tracking.notes.set_index("note_id")
    assert notes.loc["n1", "planned_spend"] == pytest.approx(500.0) and notes.loc["n1", "actual_spend"] == 600.0
    assert notes.loc["n1", "variance_spend"] == pytest.approx(100.0)
    assert notes.loc["n1", "achievement_spend"] == pytest.approx(1.2)
    assert notes.loc["n2", "achievement_spend"] == pytest.approx(100 / 250)
    assert list(notes["status"]) == [SLIGHTLY_OVER, UNDER, ""]  # n3 plans nothing: no status
    assert tracking.totals.at["spend", "actual"] == 700.0 and tracking.totals.at["spend", "planned"] == 750.0
    assert np.isnan(tracking.totals.at["gmv", "actual"])  # the actuals carry no GMV: unknown, not 0
    assert tracking.status == "on_track"  # 700 / 750 = 93%


def test_the_status_bands_are_those_of_the_model() -> None:
    assert status_of(np.array([0.79, 0.8, 1.1, 1.11, 1.3, 1.31, np.nan])).tolist() == [
        UNDER, "on_track", "on_track", SLIGHTLY_OVER, SLIGHTLY_OVER, OVER, ""]


def test_observed_rates_shrink_toward_the_planned_rate_by_the_prior() -> None:
    actuals = actuals_of([("2025-05-01", "n2", 100.0, 8000.0, 400.0)])
    tracking = track(plan_with(actuals))
    rates = tracking.rates.set_index("note_id")
    planned = 0.04  # n2 is not eligible: its ctr is its base rate
    assert rates.loc["n2", "observed_ctr"] == pytest.approx((PRIOR * planned + 400) / (PRIOR + 8000))
    assert rates.loc["n2", "ctr_events"] == 400 and rates.loc["n2", "ctr_exposures"] == 8000
    assert rates.loc["n1", "observed_ctr"] == rates.loc["n1", "planned_ctr"]  # no actuals: as planned
    assert rates.loc["n2", "observed_entry_rate"] == rates.loc["n2", "planned_entry_rate"]  # no store visits


def test_tracking_without_a_calendar_or_actuals_says_what_is_missing() -> None:
    with pytest.raises(InputError) as caught:
        track(replace(plan_with(None), calendar=None))
    assert len(caught.value.problems) == 2


@st.composite
def plans_and_their_own_actuals(draw: st.DrawFn) -> tuple[Plan, int]:
    n = draw(st.integers(1, 8))
    notes = random_notes(n, seed=draw(st.integers(0, 1000)))
    plan = plan_with(None, notes, brand_budget=1e6)
    days = draw(st.integers(1, 4))
    return plan, days


@settings(max_examples=40, deadline=None)
@given(plans_and_their_own_actuals())
def test_actuals_equal_to_the_plan_leave_every_variance_0_and_every_status_on_track(case) -> None:  # type: ignore[no-untyped-def]
    plan, days = case
    result = estimate(plan)
    daily_part = 0.25  # four even days
    rows = []
    for day in range(days):
        for _, note in result.notes.iterrows():
            rows.append({"date": pd.Timestamp(2025, 5, 1 + day), "note_id": note["note_id"],
                         **{key: note["budget" if key == "spend" else key] * daily_part
                            for key in ("spend", "impressions", "clicks", "interactions", "store_visits", "orders",
                                        "gmv")}})
    tracking = track(replace(plan, actuals=pd.DataFrame(rows)))
    for key in ("spend", "impressions", "clicks", "orders", "gmv"):
        total = result.totals["budget" if key == "spend" else key] or 0.0
        np.testing.assert_allclose(tracking.notes[f"variance_{key}"], 0.0, atol=1e-6 * max(1.0, total))
    budgets = tracking.notes["planned_spend"].to_numpy()
    assert set(tracking.notes["status"][budgets > 0]) <= {"on_track"}


def replanned_case() -> Plan:
    notes = random_notes(12, seed=21)
    notes["budget"] = np.round(notes["budget"] / 2)
    actuals = []
    for i, note in notes.iterrows():
        if i % 3 == 2:
            continue  # some notes without actuals keep their planned rates
        for day in (1, 2):
            spend = note["budget"] / 4 * (1.5 if i % 2 else 0.6)
            shown = spend * 1000 / note["cpm"]
            actuals.append({"date": pd.Timestamp(2025, 5, day), "note_id": note["note_id"], "spend": spend,
                            "impressions": shown, "clicks": shown * note["ctr"] * 0.8,
                            "store_visits": shown * note["ctr"] * 0.8 * note["entry_rate"],
                            "orders": shown * note["ctr"] * 0.8 * note["entry_rate"] * note["cvr"] * 1.3})
    return plan_with(pd.DataFrame(actuals), notes, brand_budget=float(notes["budget"].sum()) * 0.9,
                     objective="orders")


def test_a_replan_is_a_new_scenario_on_observed_rates_keeping_spend_to_date_within_the_budget() -> None:
    plan = replanned_case()
    replanned, result = replan(plan)
    assert scenario_names(replanned) == [scenario_names(plan)[0], "Re-plan 2025-05-02"]
    assert replanned.scenario.rates == "observed" and plan_of(replanned, scenario_names(plan)[0]).scenario.rates == "planned"
    spent = spent_to_date(replanned)
    assert np.all(replanned.notes["budget"].to_numpy() >= spent - 1e-9)
    assert result.brand_cost <= plan.params.brand_budget + 1e-6
    daily = pace(replanned)
    assert daily.spend[:2].sum() == pytest.approx(spent.sum())  # the days to date as they were
    assert daily.spend.sum() == pytest.approx(replanned.notes["budget"].sum())


def test_the_replan_is_the_true_optimum_of_the_remaining_problem() -> None:
    from scipy.optimize import minimize

    from planner.model.optimiser import allocation_of

    plan = replanned_case()
    replanned, result = replan(plan)
    a = allocation_of(replanned)
    assert np.all(a.low >= spent_to_date(replanned) - 1e-9)
    discounted = np.where(a.eligible, 1 - a.share, 1.0)
    scale = plan.params.brand_budget
    high = np.where(np.isinf(a.high), 50.0, a.high / scale)
    solved = minimize(lambda x: -a.objective(x * scale), a.low / scale, jac=lambda x: -a.gain_slope(x * scale) * scale,
                      bounds=list(zip(a.low / scale, high, strict=True)), method="SLSQP",
                      constraints=[{"type": "ineq", "fun": lambda x: 1.0 - float(np.dot(discounted, x))}],
                      options={"ftol": 1e-12, "maxiter": 2000})
    assert result.value >= a.objective(solved.x * scale) * (1 - 1e-3)  # ours is whole yuan: within rounding
    assert planned_rates(replanned)["ctr"].shape == (12,)


def later_actuals(plan: Plan) -> pd.DataFrame:
    """Day 3 of the re-planned case: every note with actuals spends a third of its budget again."""
    rows = plan.actuals
    assert rows is not None
    day3 = rows[rows["date"] == pd.Timestamp(2025, 5, 2)].copy()
    day3["date"] = pd.Timestamp(2025, 5, 3)
    return pd.concat([rows, day3], ignore_index=True)


def test_a_replan_keeps_its_cut_off_day_when_later_actuals_arrive() -> None:
    replanned, _result = replan(replanned_case())
    assert replanned.scenario.through == date(2025, 5, 2)
    before = estimate(replanned)
    later = replace(replanned, actuals=later_actuals(replanned))
    # Its rates and spend to date are those of its cut-off: the same estimate with a day more of actuals.
    np.testing.assert_allclose(estimate(later).notes["orders"], before.notes["orders"])
    np.testing.assert_allclose(spent_to_date(later), spent_to_date(replanned))
    daily = pace(later)
    np.testing.assert_allclose(daily.spend, pace(replanned).spend)  # day 3 stays planned, not actual
    tracking = track(later)
    assert tracking.to_date == date(2025, 5, 3)
    # Planned to date: the actuals to the cut-off, then day 3 of the re-plan's remainder.
    np.testing.assert_allclose(tracking.totals.at["spend", "planned"], daily.spend[:3].sum())
    kept = spent_to_date(replanned)
    budget = later.notes["budget"].to_numpy()
    np.testing.assert_allclose(tracking.notes["planned_spend"], kept + (budget - kept) / 2)  # 1 of 2 days left
    assert tracking.totals.at["spend", "variance"] != pytest.approx(0.0)


def test_a_replan_tracked_on_its_own_cut_off_day_has_no_variance() -> None:
    replanned, _result = replan(replanned_case())
    tracking = track(replanned)
    np.testing.assert_allclose(tracking.notes["variance_spend"], 0.0, atol=1e-9)
    np.testing.assert_allclose(tracking.notes["variance_orders"], 0.0, atol=1e-9)


def test_a_replan_gives_no_more_money_to_a_note_whose_days_are_over() -> None:
    plan = replanned_case()
    notes = plan.notes.copy()
    notes["start_date"] = pd.NaT
    notes["end_date"] = pd.NaT
    over = notes["note_id"].iloc[0]  # a note with actuals, its window ending on the cut-off day
    notes.loc[0, "end_date"] = pd.Timestamp(2025, 5, 2)
    notes.loc[0, ["min_budget", "max_budget", "cvr"]] = [0.0, np.nan, 0.5]  # the best note for orders
    plan = plan.with_notes(notes)
    replanned, _result = replan(plan)
    spent = spent_to_date(replanned)
    budgets = replanned.notes.set_index("note_id")["budget"]
    assert spent[0] > 0 and budgets[over] == pytest.approx(spent[0])
    daily = pace(replanned)  # the remainder has days for every note that still has money
    assert daily.spend.sum() == pytest.approx(replanned.notes["budget"].sum())
    assert track(replanned).totals.at["spend", "variance"] == pytest.approx(0.0, abs=1e-6)


def test_money_left_after_the_last_day_of_a_window_is_refused_on_the_budget_in_both_languages() -> None:
    """A scenario switched to observed rates by hand, its actuals to the campaign's last day: a note that has
    not spent its budget has no day left to spend it on. Its budget is named, with its spend to date."""
    actuals = actuals_of([(f"2025-05-0{d}", "n1", 100.0, 2000.0, 80.0) for d in range(1, 5)])
    plan = with_settings(plan_with(actuals, brand_budget=5000.0), rates="observed")
    for lang, words in (("en", "at most its spend to 2025-05-04, ¥400"), ("zh", "不超过截至 2025-05-04 的实际花费 ¥400")):
        set_language(lang)
        try:
            with pytest.raises(InputError) as raised:
                pace(plan)
        finally:
            set_language("en")
        (problem,) = [p for p in raised.value.problems if p.row == 2]
        assert (problem.column, problem.value) == ("budget", "¥1,000") and words in problem.expected
        assert "n1" in problem.expected
    fits = plan.with_budgets(np.array([400.0, 0.0, 0.0]))  # budgets down to the spend: nothing left to spread
    assert pace(fits).spend.sum() == pytest.approx(400.0)
