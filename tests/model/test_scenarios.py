"""Scenarios (MODEL.md section 8): add, duplicate, rename, delete, activate; each estimated on its own."""

from __future__ import annotations

import numpy as np
import pytest
from plans import small_notes

from planner.model.errors import InputError
from planner.model.funnel import estimate
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.scenarios import (
    activate,
    add_scenario,
    all_scenarios,
    plan_of,
    remove_scenario,
    rename_scenario,
    scenario_names,
    scenario_problems,
    with_settings,
)


@pytest.fixture
def plan() -> Plan:
    return new_plan(small_notes(), name="618", params=PlanParams(brand_budget=5000.0))


def test_a_new_plan_has_one_scenario_named_after_it(plan: Plan) -> None:
    assert scenario_names(plan) == ["618"]
    assert scenario_names(new_plan(small_notes())) == ["Scenario 1"]  # in the language spoken: 方案 1 in Chinese


def test_an_added_scenario_copies_the_active_one_and_leaves_it_active(plan: Plan) -> None:
    bigger = add_scenario(plan, "  ¥800K ")
    assert scenario_names(bigger) == ["618", "¥800K"]
    assert bigger.scenario.name == "618"
    copy = all_scenarios(bigger)[1]
    assert copy.params == plan.params
    assert copy.budgets.tolist() == plan.notes["budget"].tolist()


def test_activating_swaps_budgets_locks_and_parameters(plan: Plan) -> None:
    two = add_scenario(plan, "B")
    b = activate(two, "B").with_budgets([9.0, 8.0, 7.0]).with_params(brand_budget=8000.0)
    notes = b.notes.copy()
    notes["locked"] = [True, False, False]
    b = b.with_notes(notes)
    back = activate(b, "618")
    assert back.notes["budget"].tolist() == plan.notes["budget"].tolist()
    assert back.notes["locked"].tolist() == [False, False, False] and back.params.brand_budget == 5000.0
    again = activate(back, "B")
    assert again.notes["budget"].tolist() == [9.0, 8.0, 7.0] and again.notes["locked"].tolist()[0]
    assert again.params.brand_budget == 8000.0 and scenario_names(again) == ["618", "B"]


def test_rename_and_remove_keep_the_order_and_the_active_scenario(plan: Plan) -> None:
    three = add_scenario(add_scenario(plan, "B"), "C")
    renamed = rename_scenario(three, "B", "Bee")
    assert scenario_names(renamed) == ["618", "Bee", "C"]
    showing_c = activate(renamed, "C")
    assert scenario_names(remove_scenario(showing_c, "Bee")) == ["618", "C"]
    after = remove_scenario(showing_c, "C")
    assert scenario_names(after) == ["618", "Bee"] and after.scenario.name == "Bee"


@pytest.mark.parametrize(("step", "message"), [
    (lambda p: add_scenario(p, "618"), 'column scenario: value "618": expected a name no other scenario of the plan has'),
    (lambda p: add_scenario(p, "  "), 'column scenario: value "  ": expected a scenario name (it is required)'),
    (lambda p: activate(p, "X"), 'column scenario: value "X": expected the name of one of the plan\'s scenarios: 618'),
    (lambda p: remove_scenario(p, "618"), 'column scenario: value "618": expected a scenario that is not the plan\'s '
                                          "only one (a plan keeps at least one)"),
    (lambda p: with_settings(p, lift_scale=11), 'column lift_scale: value "11": expected a factor on every lift '
                                                "from 0 to 10 (1 = the lifts as they are, 0.5 = half as strong)"),
])
def test_bad_scenario_steps_are_refused_and_change_nothing(plan: Plan, step, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as caught:
        step(plan)
    assert [str(p) for p in caught.value.problems] == [message]


def test_a_lift_scale_weakens_the_joint_investment_of_that_scenario_only(plan: Plan) -> None:
    two = add_scenario(plan, "half")
    half = with_settings(activate(two, "half"), lift_scale=0.5)
    full, weak = estimate(plan_of(half, "618")), estimate(half)
    assert weak.totals["clicks"] < full.totals["clicks"]
    lifts = half.applied_lifts.table
    np.testing.assert_allclose(lifts["ctr_lift"], plan.lifts.table["ctr_lift"] * 0.5)
    assert scenario_problems(half) == []


def test_a_scenario_keeps_its_budgets_by_note_id_when_the_notes_change(plan: Plan) -> None:
    two = activate(add_scenario(plan, "B"), "B").with_budgets([1.0, 2.0, 3.0])
    shown_a = activate(two, "618")
    reordered = shown_a.with_notes(shown_a.notes.iloc[[2, 0]].reset_index(drop=True))  # n2 deleted, order changed
    b = activate(reordered, "B")
    assert b.notes["note_id"].tolist() == ["n3", "n1"] and b.notes["budget"].tolist() == [3.0, 1.0]


def test_a_comparison_lays_every_scenario_side_by_side_with_its_difference_to_the_base(plan: Plan) -> None:
    from planner.model.compare import compare

    two = activate(add_scenario(plan, "more"), "more").with_budgets([2000.0, 500.0, 1500.0])
    result = compare(two, base="618")
    assert list(result.totals.columns) == ["618", "more"]
    assert result.totals.at["budget", "more"] == 4000.0 and result.totals.at["budget", "618"] == 1500.0
    assert result.difference.at["budget", "more"] == 2500.0 and result.difference.at["budget", "618"] == 0.0
    assert result.relative.at["budget", "more"] == pytest.approx(2500 / 1500)
    expected = estimate(plan_of(two, "618")).totals["gmv"]
    assert result.totals.at["gmv", "618"] == expected
    assert result.totals.at["gmv_p10", "more"] <= result.totals.at["gmv_p90", "more"]
    differing = result.notes_differing_most()
    assert differing.index.tolist() == ["n3", "n1"]  # +1500 and +1000; n2 is the same in both
