"""The funnel and funding (MODEL.md sections 2-4) against hand-computed values, and their invariants."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from plans import small_notes

from planner.model.funding import split_funding
from planner.model.funnel import estimate, impressions
from planner.model.plan import PlanParams, new_plan


def test_capped_note_funnel_by_hand(small_plan):
    notes = estimate(small_plan).notes.set_index("note_id")
    # n1: beauty, eligible, cap 100,000, cpm 50, budget 1,000: uncapped reach 20,000 impressions.
    shown = 100_000 * (1 - math.exp(-20_000 / 100_000))
    assert notes.loc["n1", "impressions"] == pytest.approx(shown, rel=1e-12)
    ctr = 0.05 * 1.20
    entry = 0.3 * 1.415
    assert notes.loc["n1", "clicks"] == pytest.approx(shown * ctr, rel=1e-12)
    assert notes.loc["n1", "interactions"] == pytest.approx(shown * 0.03 * 2.09, rel=1e-12)
    assert notes.loc["n1", "store_visits"] == pytest.approx(shown * ctr * entry, rel=1e-12)
    assert notes.loc["n1", "orders"] == pytest.approx(shown * ctr * entry * 0.05, rel=1e-12)
    assert notes.loc["n1", "gmv"] == pytest.approx(shown * ctr * entry * 0.05 * 200, rel=1e-12)


def test_uncapped_note_without_link_keeps_base_rates(small_plan):
    notes = estimate(small_plan).notes.set_index("note_id")
    assert notes.loc["n2", "impressions"] == 12_500.0  # 500 / 40 * 1000
    assert notes.loc["n2", "clicks"] == 500.0
    assert notes.loc["n2", "orders"] == pytest.approx(12_500 * 0.04 * 0.2 * 0.04, rel=1e-12)
    assert not notes.loc["n2", "eligible"]


def test_joint_off_makes_no_note_eligible(small_plan):
    result = estimate(small_plan.with_params(joint=False))
    assert not result.notes["eligible"].any()
    assert result.totals["platform_cost"] == 0
    assert result.notes.loc[0, "clicks"] == pytest.approx(
        100_000 * (1 - math.exp(-0.2)) * 0.05, rel=1e-12)


def test_lifted_rates_are_capped_at_one():
    notes = pd.DataFrame({"note_id": ["x"], "industry": ["sports"], "is_ad": [True], "taobao_link": [True],
                          "cpm": [100.0], "ctr": [0.9], "interaction_rate": [0.6], "entry_rate": [0.7],
                          "cvr": [0.1], "aov": [10.0], "budget": [100.0]})
    row = estimate(new_plan(notes)).notes.iloc[0]
    assert row["clicks"] == row["impressions"] == 1000.0
    assert row["interactions"] == 1000.0
    assert row["store_visits"] == 1000.0


def test_funding_split_by_hand():
    money = split_funding(np.array([1000.0, 500.0, 3000.0]), np.array([True, False, True]), 0.5, 1200.0)
    assert money.platform_total == 1200.0  # min(0.5 * 4000, 1200)
    assert money.platform.tolist() == [300.0, 0.0, 900.0]
    assert money.brand.tolist() == [700.0, 500.0, 2100.0]
    assert money.cap_reached


def test_funding_without_eligible_spend_is_all_brand():
    money = split_funding(np.array([0.0, 500.0]), np.array([True, False]), 0.5, None)
    assert money.platform.tolist() == [0.0, 0.0]
    assert money.brand.tolist() == [0.0, 500.0]


def test_ratios_are_null_where_their_denominator_is_zero(small_plan):
    totals = estimate(small_plan.with_budgets([0.0, 0.0, 0.0])).totals
    assert totals["roi"] is None and totals["brand_roi"] is None and totals["cpa"] is None


def test_totals_by_hand(small_plan):
    result = estimate(small_plan)
    totals = result.totals
    assert totals["budget"] == 1500.0
    assert totals["platform_cost"] == 500.0  # half of the eligible 1,000
    assert totals["brand_cost"] == 1000.0
    assert totals["roi"] == pytest.approx(totals["gmv"] / 1500.0, rel=1e-15)
    assert totals["brand_roi"] == pytest.approx(totals["gmv"] / 1000.0, rel=1e-15)
    assert totals["cpa"] == pytest.approx(1500.0 / totals["orders"], rel=1e-15)


def test_marginal_roi_is_per_brand_yuan(small_plan):
    result = estimate(small_plan).notes.set_index("note_id")
    eps = 1e-3
    for note, brand_share in (("n1", 0.5), ("n2", 1.0)):
        budgets = small_plan.notes["budget"].to_numpy().copy()
        position = small_plan.notes.index[small_plan.notes["note_id"] == note][0]
        budgets[position] += eps
        bumped = estimate(small_plan.with_budgets(budgets)).notes.set_index("note_id")
        slope = (bumped.loc[note, "gmv"] - result.loc[note, "gmv"]) / eps
        assert result.loc[note, "marginal_roi"] == pytest.approx(slope / brand_share, rel=1e-5)


def test_marginal_roi_is_null_when_the_platform_pays_every_yuan(small_plan):
    notes = estimate(small_plan.with_params(platform_share=1.0)).notes
    assert np.isnan(notes.loc[0, "marginal_roi"]) and not np.isnan(notes.loc[1, "marginal_roi"])


SMALL = new_plan(small_notes())
budgets = st.lists(st.floats(0, 1e6, allow_nan=False), min_size=3, max_size=3)


@settings(max_examples=200, deadline=None)
@given(budgets, st.floats(0, 1), st.one_of(st.none(), st.floats(0, 1e6)), st.floats(0, 1e5))
def test_outcomes_grow_with_budget_never_faster_than_the_uncapped_line(values, share, cap, more):
    plan = SMALL.with_params(platform_share=share, platform_cap=cap).with_budgets(values)
    grown = plan.with_budgets(np.asarray(values) + more)
    before, after = estimate(plan).notes, estimate(grown).notes
    for outcome in ("impressions", "clicks", "interactions", "store_visits", "orders", "gmv"):
        assert np.all(after[outcome] >= before[outcome] - 1e-9 * np.abs(before[outcome]))
    line = plan.notes["budget"].to_numpy() * 1000 / plan.notes["cpm"].to_numpy()
    assert np.all(before["impressions"].to_numpy() <= line * (1 + 1e-12) + 1e-9)


@settings(max_examples=200, deadline=None)
@given(budgets, st.floats(0, 1), st.one_of(st.none(), st.floats(0, 1e6)))
def test_funding_parts_add_up_and_brand_pays_at_most_the_budget(values, share, cap):
    result = estimate(SMALL.with_params(platform_share=share, platform_cap=cap).with_budgets(values))
    notes, totals = result.notes, result.totals
    assert np.allclose(notes["brand_cost"] + notes["platform_cost"], notes["budget"], rtol=1e-12, atol=1e-9)
    assert totals["brand_cost"] <= totals["budget"] * (1 + 1e-12) + 1e-9
    assert totals["platform_cost"] == pytest.approx(notes["platform_cost"].sum(), rel=1e-9, abs=1e-6)
    assert totals["platform_cost"] <= (cap if cap is not None else math.inf) + 1e-9
    assert np.all(notes["brand_cost"] >= -1e-9)


def test_impressions_without_cap_are_linear():
    shown = impressions(np.array([0.0, 100.0]), np.array([50.0, 50.0]), np.array([np.nan, np.nan]))
    assert shown.tolist() == [0.0, 2000.0]


def test_params_problems_name_the_field():
    problems = PlanParams(brand_budget=-1, objective="likes", platform_share=1.5, platform_cap=-3).problems("p.rcplan")
    assert [str(p) for p in problems] == [
        'p.rcplan, column brand_budget: value "-1": expected an amount of 0 or more',
        'p.rcplan, column objective: value "likes": expected one of clicks, interactions, store_visits, orders, gmv',
        'p.rcplan, column platform_share: value "1.5": expected a share from 0 to 1',
        'p.rcplan, column platform_cap: value "-3": expected an amount of 0 or more, or none',
    ]


def test_an_empty_plan_estimates_to_zeros_and_empty_ratios():
    from planner.model.notes import NOTE_FIELDS

    result = estimate(new_plan(pd.DataFrame(columns=list(NOTE_FIELDS))))
    assert len(result.notes) == 0
    assert {k: v for k, v in result.totals.items() if v is not None} == {
        "budget": 0.0, "brand_cost": 0.0, "platform_cost": 0.0, "impressions": 0.0, "clicks": 0.0,
        "interactions": 0.0, "store_visits": 0.0, "orders": 0.0, "gmv": 0.0, "creator_fee": 0.0, "total_cost": 0.0}
    assert result.totals["roi"] is None and result.totals["cpa"] is None


def test_a_ratio_past_the_largest_double_is_empty_not_infinite():
    # Rates may be as small as a double goes: ¥1e12 for 1e-301 orders is a CPA past 1e308.
    notes = small_notes().iloc[[1]].assign(ctr=1e-300, entry_rate=1e-10, cvr=1.0, budget=1e12, cpm=1e5)
    totals = estimate(new_plan(notes)).totals
    assert totals["orders"] == pytest.approx(1e-300)
    assert totals["cpa"] is None
    assert totals["roi"] is not None and math.isfinite(totals["roi"])


def test_creator_fees_add_to_the_total_cost_and_never_to_the_platforms_part():
    notes = small_notes()
    notes["creator_fee"] = [3000.0, 0.0, 1500.0]
    plan = new_plan(notes, params=PlanParams(brand_budget=5000.0))
    result = estimate(plan)
    plain = estimate(new_plan(small_notes(), params=PlanParams(brand_budget=5000.0)))
    assert result.totals["platform_cost"] == plain.totals["platform_cost"]  # never co-funded (MODEL.md 11)
    assert result.totals["creator_fee"] == 4500.0
    assert result.totals["total_cost"] == result.totals["budget"] + 4500.0
    assert result.totals["total_roi"] == pytest.approx(result.totals["gmv"] / result.totals["total_cost"])
    assert result.totals["brand_total_roi"] == pytest.approx(
        result.totals["gmv"] / (result.totals["brand_cost"] + 4500.0))
    assert result.notes["total_cost"].tolist() == [4000.0, 500.0, 1500.0]


def test_each_notes_roi_on_total_cost_and_the_brands_empty_where_nothing_is_paid():
    notes = small_notes()
    notes["creator_fee"] = [3000.0, 100.0, 0.0]
    frame = estimate(new_plan(notes, params=PlanParams(brand_budget=5000.0))).notes
    # n2 (food, no joint investment): ¥500 at CPM ¥40 = 12,500 impressions, 500 clicks, 100 visits, 4 orders,
    # GMV ¥400; its total cost is ¥500 + ¥100, all the brand's.
    assert frame["total_roi"].iat[1] == pytest.approx(400 / 600)
    assert frame["brand_total_roi"].iat[1] == pytest.approx(400 / 600)
    # n1 is co-funded: the platform's part counts in the total cost, not in the brand's.
    n1 = frame.iloc[0]
    assert n1["platform_cost"] > 0
    assert n1["total_roi"] == pytest.approx(n1["gmv"] / (1000 + 3000))
    assert n1["brand_total_roi"] == pytest.approx(n1["gmv"] / (n1["brand_cost"] + 3000))
    assert np.isnan(frame["total_roi"].iat[2]) and np.isnan(frame["brand_total_roi"].iat[2])  # no budget, no fee
