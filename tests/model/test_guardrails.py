"""Guardrails (MODEL.md section 12): each warning triggered, and not triggered."""

from __future__ import annotations

import numpy as np
from plans import small_notes

from planner.model.funnel import estimate
from planner.model.guardrails import CONCENTRATION, OUTSIDE_BOUNDS, OVER_BUDGET, SATURATED, guardrails
from planner.model.plan import PlanParams, new_plan


def codes(plan) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return [(w.note_id, w.code) for w in guardrails(plan, estimate(plan))]


def test_a_plan_within_its_budget_and_bounds_has_no_warnings() -> None:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 1000.0]
    assert codes(new_plan(notes, params=PlanParams(brand_budget=5000.0))) == []


def test_a_brand_cost_above_the_brand_budget_is_a_plan_warning_with_the_amounts() -> None:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 1000.0]
    plan = new_plan(notes, params=PlanParams(brand_budget=1500.0, platform_share=0.5))
    [warning] = guardrails(plan, estimate(plan))
    assert (warning.note_id, warning.code) == (None, OVER_BUDGET)
    assert warning.message == ("the brand pays ¥2,000, ¥500 more than the brand budget of ¥1,500: lower some "
                               "budgets, or raise the brand budget")
    assert codes(plan.with_params(brand_budget=2000.0)) == []  # exactly at the budget is not over it


def test_a_budget_outside_its_bounds_is_named_with_its_note() -> None:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 1000.0]
    notes["max_budget"] = [800.0, np.nan, np.nan]
    notes["min_budget"] = [0.0, 0.0, 1200.0]
    assert codes(new_plan(notes, params=PlanParams(brand_budget=1e6))) == [("n1", OUTSIDE_BOUNDS),
                                                                          ("n3", OUTSIDE_BOUNDS)]


def test_a_note_past_most_of_its_audience_is_saturated() -> None:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 100_000.0]  # n3: cap 50,000 impressions, ¥60 CPM: far past it
    found = codes(new_plan(notes, params=PlanParams(brand_budget=1e6)))
    assert ("n3", SATURATED) in found and ("n1", SATURATED) not in found


def test_one_note_with_most_of_the_budget_is_a_concentration() -> None:
    import pandas as pd

    notes = pd.concat([small_notes()] * 2, ignore_index=True)
    notes["note_id"] = [f"n{i}" for i in range(6)]
    notes["budget"] = [1000.0, 1000.0, 5000.0, 1000.0, 1000.0, 1000.0]
    found = codes(new_plan(notes, params=PlanParams(brand_budget=1e6)))
    assert [c for c in found if c[1] == CONCENTRATION] == [("n2", CONCENTRATION)]


def test_three_notes_sharing_a_budget_are_no_concentration() -> None:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 3000.0]
    assert CONCENTRATION not in [code for _, code in codes(new_plan(notes, params=PlanParams(brand_budget=1e6)))]
