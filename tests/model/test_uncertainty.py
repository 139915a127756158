"""Uncertainty of orders and gmv by Monte Carlo over the lifts (MODEL.md section 6)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from planner.model.funnel import estimate
from planner.model.lifts import LIFTS, LiftTable, make_lift_table
from planner.model.plan import Plan, new_plan
from planner.model.uncertainty import draw_row_lifts, note_band, scenario_totals, uncertainty


def small_notes() -> pd.DataFrame:
    """Eight notes: sports and beauty rows, food and home served by `default`, two without a link.

    In some scenarios n2 (sports, ctr 0.9, entry 0.45) reaches ctr' = 1 and entry' = 1, n3 (beauty,
    entry 0.8) entry' = 1 and n4 (food, ctr 0.95) ctr' = 1; n5 has an audience cap.
    """
    return pd.DataFrame({
        "note_id": [f"n{i}" for i in range(8)],
        "industry": ["sports", "beauty", "sports", "beauty", "food", "home", "food", "sports"],
        "cpm": [40.0, 55.0, 30.0, 80.0, 25.0, 60.0, 45.0, 50.0],
        "ctr": [0.05, 0.03, 0.9, 0.04, 0.95, 0.06, 0.02, 0.07],
        "interaction_rate": [0.02, 0.05, 0.03, 0.01, 0.04, 0.02, 0.03, 0.05],
        "entry_rate": [0.2, 0.3, 0.45, 0.8, 0.9, 0.15, 0.4, 0.3],
        "cvr": [0.05, 0.08, 0.03, 0.06, 0.04, 0.1, 0.05, 0.02],
        "aov": [120.0, 300.0, 80.0, 150.0, 60.0, 200.0, 90.0, 400.0],
        "is_ad": [True, True, True, True, True, True, True, False],
        "taobao_link": [True, True, True, True, True, True, False, False],
        "audience_cap": [np.nan, np.nan, np.nan, np.nan, np.nan, 50_000.0, np.nan, np.nan],
        "budget": [1000.0, 2000.0, 500.0, 1500.0, 800.0, 3000.0, 700.0, 900.0],
    })


@pytest.fixture
def plan() -> Plan:
    return new_plan(small_notes())


def constant_lifts(plan: Plan) -> Plan:
    """The plan with every row's low and high equal to its lift: no uncertainty left."""
    table = plan.lifts.table.copy()
    for lift in LIFTS:
        table[f"{lift}_low"] = table[lift]
        table[f"{lift}_high"] = table[lift]
    return replace(plan, lifts=LiftTable(table))


def brute_force_totals(plan: Plan, draws: int, seed: int) -> dict[str, np.ndarray]:
    """Each scenario through funnel.estimate with a lift table holding that scenario's drawn lifts."""
    names = list(plan.lifts.table.index)
    drawn = {name: draw_row_lifts(plan.lifts, name, draws, seed) for name in names}
    orders, gmv = np.empty(draws), np.empty(draws)
    for s in range(draws):
        rows = {name: tuple(drawn[name][s]) for name in names}
        totals = estimate(replace(plan, lifts=make_lift_table(rows, spread=0.0))).totals
        orders[s], gmv[s] = totals["orders"], totals["gmv"]
    return {"orders": orders, "gmv": gmv}


def test_same_plan_gives_the_same_figures(plan: Plan) -> None:
    assert uncertainty(plan) == uncertainty(new_plan(small_notes()))
    assert uncertainty(plan, seed=1) != uncertainty(plan, seed=2)


def test_percentiles_are_ordered_with_a_real_spread(plan: Plan) -> None:
    result = uncertainty(plan)
    for outcome in ("orders", "gmv"):
        p10, p50, p90 = (result[outcome][k] for k in ("p10", "p50", "p90"))
        assert p10 < p50 < p90


def test_fast_path_equals_every_scenario_computed_by_the_funnel(plan: Plan) -> None:
    # Notes clip in some scenarios and not in others: n2 both rates, n3 entry', n4 ctr'.
    draws, seed = 300, 11
    sports = 1 + draw_row_lifts(plan.lifts, "sports", draws, seed)
    beauty = 1 + draw_row_lifts(plan.lifts, "beauty", draws, seed)
    default = 1 + draw_row_lifts(plan.lifts, "default", draws, seed)
    for rate, factor in ((0.9, sports[:, 0]), (0.45, sports[:, 2]), (0.8, beauty[:, 2]), (0.95, default[:, 0])):
        assert (rate * factor > 1).any() and (rate * factor < 1).any()
    fast = scenario_totals(plan, draws, seed)
    slow = brute_force_totals(plan, draws, seed)
    for outcome in ("orders", "gmv"):
        np.testing.assert_allclose(fast[outcome], slow[outcome], rtol=1e-12, atol=0)


def test_percentiles_are_linear_percentiles_of_the_scenarios(plan: Plan) -> None:
    totals = scenario_totals(plan, 500, 3)
    result = uncertainty(plan, 500, 3)
    for outcome in ("orders", "gmv"):
        expected = np.percentile(totals[outcome], [10, 50, 90])
        assert [result[outcome][k] for k in ("p10", "p50", "p90")] == list(expected)


def test_constant_lifts_give_the_point_estimate(plan: Plan) -> None:
    fixed = constant_lifts(plan)
    result = uncertainty(fixed)
    totals = estimate(fixed).totals
    for outcome in ("orders", "gmv"):
        assert result[outcome]["p10"] == result[outcome]["p50"] == result[outcome]["p90"]
        assert result[outcome]["p50"] == pytest.approx(totals[outcome], rel=1e-12)


def test_without_eligible_notes_there_is_no_spread(plan: Plan) -> None:
    off = plan.with_params(joint=False)
    result = uncertainty(off)
    totals = estimate(off).totals
    for outcome in ("orders", "gmv"):
        assert result[outcome]["p10"] == result[outcome]["p90"]
        assert result[outcome]["p50"] == pytest.approx(totals[outcome], rel=1e-12)


def test_bootstrap_samples_are_drawn_when_present(plan: Plan) -> None:
    # Wide normal ranges everywhere, but every row has samples that are all the same lifts.
    lifts = [0.1, 0.5, 0.3]
    samples = {name: np.tile(lifts, (50, 1)) for name in plan.lifts.table.index}
    with_samples = replace(plan, lifts=LiftTable(plan.lifts.table, samples))
    result = uncertainty(with_samples)
    point = estimate(replace(plan, lifts=make_lift_table({name: tuple(lifts) for name in samples}))).totals
    for outcome in ("orders", "gmv"):
        assert result[outcome]["p10"] == result[outcome]["p90"]
        assert result[outcome]["p50"] == pytest.approx(point[outcome], rel=1e-12)


def test_a_bootstrap_draw_takes_a_whole_sample_row() -> None:
    lifts = make_lift_table({"default": (0.2, 1.0, 0.0)})
    rows = np.array([[0.1, 0.2, 0.3], [1.0, 2.0, 3.0], [-0.5, -0.4, -0.3]])
    drawn = draw_row_lifts(LiftTable(lifts.table, {"default": rows}), "default", 1000, 5)
    matches = (drawn[:, None, :] == rows[None, :, :]).all(axis=2)
    assert matches.any(axis=1).all()
    assert (matches.sum(axis=0) > 250).all()  # each row drawn about a third of the time


def test_normal_draws_have_low_and_high_as_10th_and_90th_percentiles() -> None:
    lifts = make_lift_table({"default": (0.2, 1.0, 0.5)}, spread=0.5)
    drawn = draw_row_lifts(lifts, "default", 100_000, 1)
    np.testing.assert_allclose(np.percentile(drawn, [10, 90], axis=0),
                               [[0.1, 0.5, 0.25], [0.3, 1.5, 0.75]], atol=0.01)


def test_normal_draws_are_truncated_at_minus_one() -> None:
    table = make_lift_table({"default": (-0.8, -0.8, -0.8)}).table
    table.loc["default", [f"{lift}_low" for lift in LIFTS]] = -1.0
    table.loc["default", [f"{lift}_high" for lift in LIFTS]] = -0.6
    drawn = draw_row_lifts(LiftTable(table), "default", 20_000, 2)
    assert drawn.min() >= -1.0
    # Untruncated, -1 and -0.6 are the 10th and 90th percentiles and -0.8 the median: truncation at -1
    # leaves (0.5 - 0.1) / (1 - 0.1) of the draws below -0.8.
    assert np.mean(drawn < -0.8) == pytest.approx(0.4 / 0.9, abs=0.01)


def test_industries_served_by_default_share_one_draw() -> None:
    # food and home have no row of their own: with only them eligible, the totals are one scale of one draw.
    notes = small_notes()
    notes["taobao_link"] = notes["industry"].isin(["food", "home"])
    notes["ctr"] = notes["ctr"].clip(upper=0.1)
    notes["entry_rate"] = notes["entry_rate"].clip(upper=0.3)
    one = new_plan(notes)
    draws = draw_row_lifts(one.lifts, "default", 400, 4)
    totals = scenario_totals(one, 400, 4)
    off = estimate(one.with_params(joint=False)).totals
    eligible = estimate(one).notes["eligible"].to_numpy()
    base_orders = estimate(one.with_params(joint=False)).notes["orders"].to_numpy()
    expected = (off["orders"] - base_orders[eligible].sum()
                + (1 + draws[:, 0]) * (1 + draws[:, 2]) * base_orders[eligible].sum())
    np.testing.assert_allclose(totals["orders"], expected, rtol=1e-12)


def test_note_band_of_a_note_without_a_link_is_its_curve(plan: Plan) -> None:
    budgets = np.array([0.0, 100.0, 700.0, 5000.0])
    low, high = note_band(plan, 6, budgets, "gmv")
    curve = np.array([estimate(plan.with_budgets(np.full(8, b))).notes["gmv"].iat[6] for b in budgets])
    np.testing.assert_array_equal(low, high)
    np.testing.assert_allclose(low, curve, rtol=1e-12)


def test_note_band_is_the_percentiles_of_the_note_over_the_scenarios(plan: Plan) -> None:
    budgets = np.array([0.0, 500.0, 20_000.0, 200_000.0])
    # n2: sports, ctr' reaches 1 in some scenarios; n5: home, served by default, capped reach.
    for position, row, outcome in ((2, "sports", "orders"), (5, "default", "gmv")):
        draws = draw_row_lifts(plan.lifts, row, 100, 9)
        low, high = note_band(plan, position, budgets, outcome, draws=100, seed=9)
        per_scenario = np.array([
            estimate(replace(plan.with_budgets(np.full(8, b)), lifts=make_lift_table(
                {row: tuple(d)}, spread=0.0))).notes[outcome].iat[position]
            for d in draws for b in budgets]).reshape(100, len(budgets))
        np.testing.assert_allclose(low, np.percentile(per_scenario, 10, axis=0), rtol=1e-12)
        np.testing.assert_allclose(high, np.percentile(per_scenario, 90, axis=0), rtol=1e-12)
        assert (low[1:] < high[1:]).all()


def test_an_empty_plan_has_a_band_of_zeros() -> None:
    from planner.model.notes import NOTE_FIELDS

    spread = uncertainty(new_plan(pd.DataFrame(columns=list(NOTE_FIELDS))))
    assert spread == {"orders": {"p10": 0.0, "p50": 0.0, "p90": 0.0}, "gmv": {"p10": 0.0, "p50": 0.0, "p90": 0.0}}
