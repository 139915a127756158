"""Each undo command does its change when pushed, undoes it exactly, and redoes it again."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from planner.gui.commands import ReplacePlanCommand, SetLiftsCommand, SetNoteValuesCommand, SetParamsCommand
from planner.gui.document import Change, PlanDocument
from planner.model.lifts import article_lifts
from planner.model.plan import Plan


@pytest.fixture
def document(qtbot, small_plan: Plan) -> PlanDocument:
    return PlanDocument(small_plan)


@pytest.fixture
def stack(qtbot) -> QUndoStack:
    return QUndoStack()


def test_setting_note_values_is_undone_to_the_old_values(document: PlanDocument, stack: QUndoStack) -> None:
    stack.push(SetNoteValuesCommand(document, "budget", [2, 0], [700.0, 800.0], "Paste budgets"))
    assert document.plan.notes["budget"].tolist() == [800.0, 500.0, 700.0]
    assert stack.undoText() == "Paste budgets"
    stack.undo()
    assert document.plan.notes["budget"].tolist() == [1000.0, 500.0, 0.0]
    stack.redo()
    assert document.plan.notes["budget"].tolist() == [800.0, 500.0, 700.0]


def test_a_lock_toggle_is_undone(document: PlanDocument, stack: QUndoStack) -> None:
    stack.push(SetNoteValuesCommand(document, "locked", [1], [True], "Lock"))
    assert document.plan.notes["locked"].tolist() == [False, True, False]
    stack.undo()
    assert document.plan.notes["locked"].tolist() == [False, False, False]


def test_setting_parameters_is_undone_to_the_old_ones(document: PlanDocument, stack: QUndoStack) -> None:
    before = document.plan.params
    stack.push(SetParamsCommand(document, "Set brand budget", brand_budget=123.0, platform_cap=None))
    assert (document.plan.params.brand_budget, document.plan.params.platform_cap) == (123.0, None)
    stack.undo()
    assert document.plan.params == before
    stack.redo()
    assert document.plan.params.brand_budget == 123.0


def test_replacing_the_lifts_is_undone_to_the_same_table(document: PlanDocument, stack: QUndoStack) -> None:
    before = document.plan.lifts
    new = article_lifts().with_row("food", {"ctr_lift": 0.4})
    stack.push(SetLiftsCommand(document, new, "Add lift row food"))
    assert document.plan.lifts is new
    stack.undo()
    assert document.plan.lifts is before


def test_replacing_the_plan_is_one_step_and_tells_the_views_the_same_change_both_ways(
        qtbot, document: PlanDocument, stack: QUndoStack, small_plan: Plan) -> None:
    optimised = small_plan.with_budgets(small_plan.notes["budget"].to_numpy() + 1.0)
    seen: list[Change] = []
    document.changed.connect(seen.append)
    budgets = Change("notes", None, ("budget",))
    stack.push(ReplacePlanCommand(document, optimised, "Optimise for GMV", budgets))
    assert document.plan is optimised
    stack.undo()
    assert document.plan is small_plan
    assert seen == [budgets, budgets] and stack.count() == 1


def test_replacing_the_plan_tells_a_whole_plan_change_by_default(qtbot, document: PlanDocument,
                                                                 stack: QUndoStack, small_plan: Plan) -> None:
    seen: list[Change] = []
    document.changed.connect(seen.append)
    stack.push(ReplacePlanCommand(document, small_plan.with_params(brand_budget=1.0), "Import notes"))
    assert seen == [Change("plan")]
