"""Notes' active windows in the notes table: shown and edited as days, empty for the whole campaign, refused in
the core's words when the end comes before the start, sorted with empty last."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from planner.gui.document import PlanDocument
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS, ParseError, parse_value
from planner.gui.models.notes_model import NotesTableModel
from planner.model.plan import Plan


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def model(small_plan: Plan, stack: QUndoStack) -> NotesTableModel:
    return NotesTableModel(PlanDocument(small_plan), stack)


def edit(model: NotesTableModel, row: int, key: str, text: str) -> bool:
    return model.setData(model.index(row, COLUMN_INDEX[key]), text, Qt.ItemDataRole.EditRole)


def shown(model: NotesTableModel, row: int, key: str) -> str:
    return model.data(model.index(row, COLUMN_INDEX[key]))


def test_the_window_columns_are_editable_days_empty_for_the_whole_campaign(model: NotesTableModel) -> None:
    assert model.headerData(COLUMN_INDEX["start_date"], Qt.Orientation.Horizontal) == "Start date"
    assert "empty = from the campaign's first day" in model.headerData(
        COLUMN_INDEX["start_date"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert shown(model, 0, "start_date") == "" and shown(model, 0, "end_date") == ""
    assert model.flags(model.index(0, COLUMN_INDEX["end_date"])) & Qt.ItemFlag.ItemIsEditable


def test_a_typed_day_is_set_and_undone(model: NotesTableModel, stack: QUndoStack) -> None:
    assert edit(model, 0, "start_date", "2025/5/13")
    assert shown(model, 0, "start_date") == "2025-05-13"
    assert str(model._document.plan.notes["start_date"].iloc[0].date()) == "2025-05-13"
    assert edit(model, 0, "start_date", "")
    assert shown(model, 0, "start_date") == ""
    stack.undo()
    assert shown(model, 0, "start_date") == "2025-05-13"


def test_an_end_before_the_start_is_refused_in_the_cores_words(model: NotesTableModel, qtbot) -> None:
    assert edit(model, 0, "start_date", "2025-05-20")
    with qtbot.waitSignal(model.editRejected) as signal:
        assert not edit(model, 0, "end_date", "2025-05-13")
    assert [str(p) for p in signal.args[0]] == [
        'note n1, column end_date: value "2025-05-13": expected an end date on or after the start date (note n1)']
    assert shown(model, 0, "end_date") == ""


def test_text_that_is_no_day_is_refused() -> None:
    column = COLUMNS[COLUMN_INDEX["start_date"]]
    with pytest.raises(ParseError) as error:
        parse_value(column, "next Monday")
    assert "2025-05-13" in error.value.expected


def test_days_sort_with_empty_last(model: NotesTableModel) -> None:
    edit(model, 0, "end_date", "2025-06-18")
    edit(model, 2, "end_date", "2025-05-01")
    model.sort(COLUMN_INDEX["end_date"], Qt.SortOrder.AscendingOrder)
    assert [shown(model, row, "note_id") for row in range(3)] == ["n3", "n1", "n2"]
    model.sort(COLUMN_INDEX["end_date"], Qt.SortOrder.DescendingOrder)
    assert [shown(model, row, "note_id") for row in range(3)] == ["n1", "n3", "n2"]
