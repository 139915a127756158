"""Daily pacing (MODEL.md section 9): hand-computed days, windows, and what every daily plan must keep."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model.calendar import Calendar, Phase, day_weights
from planner.model.pacing import Windows, daily_plan, note_windows, phase_spend, window_problems


def d(day: int) -> date:
    return date(2025, 5, day)


PRESALE = Calendar((Phase("预热", d(12), d(13), 0.4), Phase("预售", d(13), d(14), 0.6, start_hour=20)))


def full(n: int, calendar: Calendar) -> Windows:
    return Windows(np.zeros(n, dtype=int), np.full(n, calendar.n_days - 1))


def test_a_note_active_all_campaign_spends_by_the_day_weights() -> None:
    plan = daily_plan(PRESALE, full(1, PRESALE), np.array([1100.0]), np.array([800.0]), np.array([300.0]),
                      {"orders": np.array([11.0])})
    weights = day_weights(PRESALE).weights
    np.testing.assert_allclose(plan.spend, 1100 * weights)
    np.testing.assert_allclose(plan.brand + plan.platform, plan.spend)
    np.testing.assert_allclose(plan.outcomes["orders"], 11 * weights)
    np.testing.assert_allclose(plan.cumulative_share[-1], 1.0)
    assert plan.phases == ["预热", "预热", "预售"]


def test_a_window_spreads_the_budget_over_its_own_days_only() -> None:
    # Window 13-14 May: weights 0.4*5/11 + 0.6/7 and 0.6*6/7; the budget follows their ratio.
    windows = note_windows(PRESALE, pd.Series([pd.Timestamp("2025-05-13")]), pd.Series([pd.NaT]))
    assert windows.first.tolist() == [1] and windows.last.tolist() == [2]
    plan = daily_plan(PRESALE, windows, np.array([700.0]), np.array([700.0]), np.zeros(1), {})
    w13, w14 = 0.4 * 5 / 11 + 0.6 / 7, 0.6 * 6 / 7
    np.testing.assert_allclose(plan.spend, [0, 700 * w13 / (w13 + w14), 700 * w14 / (w13 + w14)])


def test_a_window_starting_before_the_campaign_is_clipped_to_it() -> None:
    windows = note_windows(PRESALE, pd.Series([pd.Timestamp("2025-05-01")]), pd.Series([pd.Timestamp("2025-05-12")]))
    plan = daily_plan(PRESALE, windows, np.array([100.0]), np.array([100.0]), np.zeros(1), {})
    np.testing.assert_allclose(plan.spend, [100, 0, 0])


def test_windows_outside_the_campaign_reversed_or_without_weight_are_refused() -> None:
    calendar = Calendar((Phase("蓄水", d(1), d(2), 0.0), Phase("预热", d(3), d(4), 1.0)))
    starts = pd.Series(pd.to_datetime(["2025-06-01", "2025-05-04", "2025-05-01", "2025-05-01"]))
    ends = pd.Series(pd.to_datetime(["2025-06-02", "2025-05-03", "2025-05-02", "2025-05-04"]))
    windows = note_windows(calendar, starts, ends)
    problems = window_problems(calendar, windows, day_weights(calendar), pd.Series(["a", "b", "c", "ok"]), "n.csv")
    assert [str(p) for p in problems] == [
        'n.csv, row 2, column start_date: value "2025-06-01 – 2025-06-02": expected a window that meets the '
        "campaign 2025-05-01 – 2025-05-04 (note a)",
        'n.csv, row 3, column start_date: value "2025-05-04 – 2025-05-03": expected an end date on or after the '
        "start date (note b)",
        'n.csv, row 4, column start_date: value "2025-05-01 – 2025-05-02": expected a window with days that carry '
        "money (note c: its phases all have weight 0)"]


def test_each_notes_phase_spend_adds_up_to_its_budget() -> None:
    spend = phase_spend(PRESALE, full(2, PRESALE), np.array([1100.0, 0.0]))
    assert list(spend.columns) == ["预热", "预售"]
    np.testing.assert_allclose(spend.sum(axis=1), [1100, 0])
    np.testing.assert_allclose(spend.iloc[0].tolist(), [440.0, 660.0])


@st.composite
def campaigns(draw: st.DrawFn) -> tuple[Calendar, Windows, np.ndarray, np.ndarray]:
    phases, start = [], date(2025, 5, 1)
    for i in range(draw(st.integers(1, 5))):
        days = draw(st.integers(1, 9))
        opening = draw(st.sampled_from([0.0, 0.0, 8.0, 20.0]))
        if i and opening and draw(st.booleans()):
            start = phases[-1].end  # opens on the previous phase's last day
        end = date.fromordinal(start.toordinal() + days - 1)
        phases.append(Phase(f"p{i}", start, end, draw(st.floats(0.01, 5)), draw(st.sampled_from([None, 60.0, 140.0])),
                            opening if i else 0.0))
        start = date.fromordinal(end.toordinal() + 1)
    calendar = Calendar(tuple(phases))
    n = draw(st.integers(1, 12))
    first = np.array(draw(st.lists(st.integers(0, calendar.n_days - 1), min_size=n, max_size=n)))
    length = np.array(draw(st.lists(st.integers(0, calendar.n_days), min_size=n, max_size=n)))
    budgets = np.array(draw(st.lists(st.floats(0, 1e6), min_size=n, max_size=n)))
    eligible = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    return calendar, Windows(first, np.minimum(first + length, calendar.n_days - 1)), budgets, eligible


@settings(max_examples=200, deadline=None)
@given(campaigns())
def test_daily_spend_adds_up_to_each_budget_and_funding_to_the_plans(case) -> None:  # type: ignore[no-untyped-def]
    calendar, windows, budgets, eligible = case
    weights = day_weights(calendar).weights
    has_weight = np.array([weights[first:last + 1].sum() > 0 for first, last in zip(windows.first, windows.last, strict=True)])
    budgets = np.where(has_weight, budgets, 0.0)
    platform = np.where(eligible, budgets * 0.3, 0.0)
    plan = daily_plan(calendar, windows, budgets, budgets - platform, platform, {"gmv": budgets * 4})
    # Each note by brute force: its budget over its window's days by weight.
    per_note = np.zeros((len(budgets), calendar.n_days))
    for i, (first, last) in enumerate(zip(windows.first, windows.last, strict=True)):
        if has_weight[i]:
            per_note[i, first:last + 1] = budgets[i] * weights[first:last + 1] / weights[first:last + 1].sum()
    np.testing.assert_allclose(per_note.sum(axis=1), budgets, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(plan.spend, per_note.sum(axis=0), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(plan.platform.sum(), platform.sum(), rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(plan.brand + plan.platform, plan.spend, rtol=1e-9, atol=1e-6)
    np.testing.assert_allclose(plan.outcomes["gmv"].sum(), 4 * budgets.sum(), rtol=1e-9, atol=1e-5)
    np.testing.assert_allclose(phase_spend(calendar, windows, budgets).sum(axis=1), budgets, rtol=1e-9, atol=1e-6)


def test_a_plan_is_paced_over_its_calendar_with_its_estimate() -> None:
    from dataclasses import replace

    from plans import small_notes

    from planner.model.funnel import estimate
    from planner.model.pacing import pace
    from planner.model.plan import PlanParams, new_plan

    plan = replace(new_plan(small_notes(), params=PlanParams(platform_cap=200.0)), calendar=PRESALE)
    daily, result = pace(plan), estimate(plan)
    np.testing.assert_allclose(daily.spend.sum(), result.totals["budget"])
    np.testing.assert_allclose(daily.platform.sum(), result.totals["platform_cost"])
    np.testing.assert_allclose(daily.outcomes["gmv"].sum(), result.totals["gmv"])
    assert daily.frame()["date"].tolist() == ["2025-05-12", "2025-05-13", "2025-05-14"]
