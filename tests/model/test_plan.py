"""A plan's parameters within their bounds (planner.model.limits), and its name as every output can write it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.model.plan import PlanParams, new_plan, round_to_budget_step

AMOUNT_RANGE = "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"


@pytest.mark.parametrize("value", [1e12 + 1, 1e308, math.inf])
def test_a_brand_budget_past_the_bound_is_refused_with_why(value):
    problems = PlanParams(brand_budget=value).problems("p.rcplan")
    assert [(p.column, p.value, p.expected) for p in problems] == [("brand_budget", value, AMOUNT_RANGE)]


@pytest.mark.parametrize("value", [1e12 + 1, 1e300, math.inf])
def test_a_platform_cap_past_the_bound_is_refused_with_why(value):
    problems = PlanParams(platform_cap=value).problems()
    assert [(p.column, p.expected) for p in problems] == [("platform_cap", AMOUNT_RANGE + ", or none")]


def test_parameters_at_their_bounds_are_accepted():
    assert PlanParams(brand_budget=1e12, platform_cap=1e12, platform_share=1.0).problems() == []
    assert PlanParams(brand_budget=0.0, platform_cap=0.0, platform_share=0.0).problems() == []


def test_a_brand_budget_that_is_not_a_number_is_one_problem():
    assert [p.expected for p in PlanParams(brand_budget=math.nan).problems()] == ["an amount of 0 or more"]


def test_a_new_plans_name_has_its_lone_surrogates_repaired():
    # A file name in another encoding reaches Python as surrogate escapes (the CLI names a plan after it).
    assert new_plan(small_notes(), name="计划\udcb0\udce5").name == "计划\ufffd\ufffd"
    assert new_plan(pd.DataFrame(small_notes()), name="plain 😀").name == "plain 😀"


@pytest.mark.parametrize(("budget", "step", "rounded"), [
    (10_050.0, 100.0, 10_100.0), (10_049.0, 100.0, 10_000.0), (1_022.0, 100.0, 1_000.0),
    (39_996.0, 1_000.0, 40_000.0), (249.0, 500.0, 0.0), (250.0, 500.0, 500.0), (1_234.5, 1.0, 1_235.0),
    (0.0, 1_000.0, 0.0)])
def test_bulk_budgets_round_to_the_nearest_step(budget: float, step: float, rounded: float) -> None:
    assert round_to_budget_step([budget], step).tolist() == [rounded]


def test_an_empty_budget_stays_empty_when_rounded() -> None:
    assert np.isnan(round_to_budget_step(np.array([np.nan]), 100.0)[0])
