"""Scenario and calendar commands: each does its change when pushed, undoes it exactly and redoes it; a refusal
raises the core's InputError and leaves the undo stack as it was."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtGui import QUndoStack

from planner.gui.commands import (
    ActivateScenarioCommand,
    AddScenarioCommand,
    RemoveScenarioCommand,
    RenameScenarioCommand,
    SetCalendarCommand,
    SetLiftScaleCommand,
)
from planner.gui.document import Change, PlanDocument
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError
from planner.model.plan import Plan
from planner.model.scenarios import add_scenario, all_scenarios, scenario_names

CALENDAR = Calendar((Phase("预热", date(2025, 5, 10), date(2025, 5, 12), 0.4),
                     Phase("爆发", date(2025, 5, 13), date(2025, 5, 14), 0.6, 120.0)))


@pytest.fixture
def document(qtbot, small_plan: Plan) -> PlanDocument:
    """The small plan with a second scenario, B, whose budgets are doubled."""
    plan = add_scenario(small_plan, "B")
    return PlanDocument(plan)


@pytest.fixture
def stack(qtbot) -> QUndoStack:
    return QUndoStack()


def done_undone_redone(stack: QUndoStack, document: PlanDocument, command: object) -> tuple[Plan, Plan, Plan]:
    before = document.plan
    stack.push(command)  # type: ignore[arg-type]
    after = document.plan
    stack.undo()
    undone = document.plan
    stack.redo()
    assert document.plan is after
    return before, after, undone


def test_adding_a_scenario_is_undone(document: PlanDocument, stack: QUndoStack) -> None:
    before, after, undone = done_undone_redone(stack, document, AddScenarioCommand(document, " C "))
    assert scenario_names(after) == ["小计划", "B", "C"] and after.scenario.name == "小计划"
    assert undone is before
    assert stack.undoText() == "Add scenario C"


def test_duplicating_copies_the_chosen_scenario(document: PlanDocument, stack: QUndoStack) -> None:
    budgets = document.plan.notes["budget"].tolist()
    stack.push(AddScenarioCommand(document, "B2", source="B"))
    copy = all_scenarios(document.plan)[2]
    assert copy.name == "B2" and copy.budgets.tolist() == budgets
    assert stack.undoText() == "Duplicate scenario B as B2"
    stack.undo()
    assert scenario_names(document.plan) == ["小计划", "B"]


def test_renaming_is_undone_to_the_old_name(document: PlanDocument, stack: QUndoStack) -> None:
    _before, after, undone = done_undone_redone(stack, document, RenameScenarioCommand(document, "小计划", "基准"))
    assert scenario_names(after) == ["基准", "B"] and after.scenario.name == "基准"
    assert scenario_names(undone) == ["小计划", "B"] and undone.scenario.name == "小计划"


def test_deleting_the_active_scenario_shows_its_neighbour_and_undo_brings_it_back(
        document: PlanDocument, stack: QUndoStack) -> None:
    seen: list[Change] = []
    document.changed.connect(seen.append)
    before, after, undone = done_undone_redone(stack, document, RemoveScenarioCommand(document, "小计划"))
    assert scenario_names(after) == ["B"] and after.scenario.name == "B"
    assert undone is before and undone.scenario.name == "小计划"
    assert seen[0] == Change("plan")  # the table and the cards show another scenario


def test_activating_shows_the_other_scenarios_budgets_and_parameters(document: PlanDocument,
                                                                    stack: QUndoStack) -> None:
    plan = document.plan
    from planner.model.scenarios import activate
    document.replace_plan(activate(activate(plan, "B").with_budgets([9.0, 8.0, 7.0]).with_params(
        brand_budget=77.0), "小计划"))
    before, after, undone = done_undone_redone(stack, document, ActivateScenarioCommand(document, "B"))
    assert after.scenario.name == "B" and after.notes["budget"].tolist() == [9.0, 8.0, 7.0]
    assert after.params.brand_budget == 77.0
    assert undone is before and undone.notes["budget"].tolist() == [1000.0, 500.0, 0.0]


def test_the_lift_scale_of_another_scenario_is_set_without_showing_it(document: PlanDocument,
                                                                     stack: QUndoStack) -> None:
    before, after, undone = done_undone_redone(stack, document, SetLiftScaleCommand(document, "B", 0.5))
    assert after.scenario.name == "小计划" and after.scenario.lift_scale == 1.0
    assert [s.lift_scale for s in all_scenarios(after)] == [1.0, 0.5]
    assert undone is before


def test_the_active_scenarios_lift_scale_moves_its_figures(document: PlanDocument, stack: QUndoStack) -> None:
    orders = document.estimate.totals["orders"]
    stack.push(SetLiftScaleCommand(document, "小计划", 0.0))
    assert document.estimate.totals["orders"] < orders
    stack.undo()
    assert document.estimate.totals["orders"] == orders


@pytest.mark.parametrize("command", [
    lambda doc: AddScenarioCommand(doc, "B"),
    lambda doc: AddScenarioCommand(doc, "  "),
    lambda doc: RenameScenarioCommand(doc, "B", "小计划"),
    lambda doc: RemoveScenarioCommand(doc, "nope"),
    lambda doc: SetLiftScaleCommand(doc, "B", 11.0),
])
def test_a_refused_change_raises_the_cores_problem_and_pushes_nothing(document: PlanDocument, stack: QUndoStack,
                                                                       command) -> None:
    before = document.plan
    with pytest.raises(InputError):
        stack.push(command(document))
    assert document.plan is before and stack.count() == 0


def test_the_last_scenario_cannot_be_deleted(qtbot, small_plan: Plan) -> None:
    with pytest.raises(InputError) as error:
        RemoveScenarioCommand(PlanDocument(small_plan), "小计划")
    assert "a plan keeps at least one" in str(error.value)


def test_setting_editing_and_clearing_the_calendar_are_undone(document: PlanDocument, stack: QUndoStack) -> None:
    estimate = document.estimate
    _before, after, undone = done_undone_redone(stack, document, SetCalendarCommand(document, CALENDAR, "Set"))
    assert after.calendar == CALENDAR and undone.calendar is None
    assert document.estimate is estimate  # the campaign's days change no note's figures
    edited = CALENDAR.with_phases((CALENDAR.phases[0], Phase("爆发", date(2025, 5, 13), date(2025, 5, 20), 0.6)))
    stack.push(SetCalendarCommand(document, edited, "Edit"))
    stack.push(SetCalendarCommand(document, None, "Clear"))
    assert document.plan.calendar is None
    stack.undo()
    assert document.plan.calendar == edited
    stack.undo()
    assert document.plan.calendar == CALENDAR


def test_a_calendar_with_overlapping_phases_is_refused(document: PlanDocument, stack: QUndoStack) -> None:
    overlapping = CALENDAR.with_phases((CALENDAR.phases[0], Phase("爆发", date(2025, 5, 11), date(2025, 5, 14), 1)))
    with pytest.raises(InputError) as error:
        SetCalendarCommand(document, overlapping, "Edit")
    assert [p.row for p in error.value.problems] == [2] and error.value.problems[0].column == "start"
    assert document.plan.calendar is None and stack.count() == 0
