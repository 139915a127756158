"""The notes table model: cells, inline edits with validation, numpy sorting and filtering."""

from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QTableView

from planner.gui.document import PlanDocument
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS, ParseError, parse_value
from planner.gui.models.notes_model import NOTE_POSITION_ROLE, NoteFilter, NotesTableModel
from planner.model.plan import Plan

DISPLAY, EDIT, CHECK = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.CheckStateRole


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def model(small_plan: Plan, stack: QUndoStack) -> NotesTableModel:
    return NotesTableModel(PlanDocument(small_plan), stack)


def cell(model: NotesTableModel, row: int, key: str, role: Qt.ItemDataRole = DISPLAY) -> object:
    return model.data(model.index(row, COLUMN_INDEX[key]), role)


def test_cells_show_inputs_and_outputs_formatted(model: NotesTableModel) -> None:
    assert cell(model, 0, "note_id") == "n1"
    assert cell(model, 0, "budget") == "¥1,000"
    assert cell(model, 0, "ctr") == "5.00%"
    assert cell(model, 0, "ctr", EDIT) == "5%"
    assert cell(model, 1, "audience_cap") == "—"  # no cap
    assert cell(model, 0, "eligible", CHECK) == Qt.CheckState.Checked
    assert cell(model, 1, "eligible", CHECK) == Qt.CheckState.Unchecked
    assert cell(model, 0, "brand_cost") == "¥500"  # half paid by the platform
    assert cell(model, 2, "note_id", NOTE_POSITION_ROLE) == 2


def test_headers_carry_the_definitions(model: NotesTableModel) -> None:
    tip = model.headerData(COLUMN_INDEX["interaction_rate"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert tip == "Interaction rate: interactions per impression (not per click)"
    tip = model.headerData(COLUMN_INDEX["cpm"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "per 1,000 impressions" in tip


def test_a_lifted_rate_names_its_lift_and_source(model: NotesTableModel) -> None:
    tip = cell(model, 0, "ctr", Qt.ItemDataRole.ToolTipRole)
    assert "5.00% → 6.00%" in tip and "+20.0%" in tip and "published figures" in tip
    assert cell(model, 1, "ctr", Qt.ItemDataRole.ToolTipRole) is None  # not eligible: no lift


def test_an_inline_edit_is_one_undo_command(model: NotesTableModel, stack: QUndoStack) -> None:
    assert model.setData(model.index(0, COLUMN_INDEX["ctr"]), "3.2%", EDIT)
    assert cell(model, 0, "ctr") == "3.20%"
    assert stack.count() == 1
    stack.undo()
    assert cell(model, 0, "ctr") == "5.00%"


def test_an_unchanged_value_pushes_nothing(model: NotesTableModel, stack: QUndoStack) -> None:
    assert model.setData(model.index(0, COLUMN_INDEX["budget"]), "¥1,000", EDIT)
    assert stack.count() == 0


@pytest.mark.parametrize(("key", "text", "expected"), [
    ("ctr", "7", "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)"),
    ("ctr", "abc", "a rate: a fraction from 0 to 1 or a percentage such as 3.2%"),
    ("budget", "-1", "an amount of 0 or more"),
    ("cpm", "0", "a cost per 1,000 impressions greater than 0"),
])
def test_invalid_edits_are_refused_with_the_core_message(model: NotesTableModel, stack: QUndoStack, qtbot,
                                                          key: str, text: str, expected: str) -> None:
    with qtbot.waitSignal(model.editRejected) as blocker:
        assert not model.setData(model.index(0, COLUMN_INDEX[key]), text, EDIT)
    assert [p.expected for p in blocker.args[0]] == [expected]
    assert stack.count() == 0


def test_a_taobao_link_needs_an_ad_note(model: NotesTableModel, qtbot) -> None:
    with qtbot.waitSignal(model.editRejected) as blocker:
        assert not model.setData(model.index(1, COLUMN_INDEX["taobao_link"]), Qt.CheckState.Checked.value, CHECK)
    assert "only an ad note" in blocker.args[0][0].expected


def test_locking_by_check_box(model: NotesTableModel) -> None:
    assert model.setData(model.index(0, COLUMN_INDEX["locked"]), Qt.CheckState.Checked.value, CHECK)
    assert cell(model, 0, "locked", CHECK) == Qt.CheckState.Checked


def test_money_accepts_yuan_signs_separators_and_wan() -> None:
    budget = COLUMNS[COLUMN_INDEX["budget"]]
    assert parse_value(budget, "￥12,000.5") == 12000.5
    assert parse_value(budget, "1.5万") == 15000
    with pytest.raises(ParseError):
        parse_value(budget, "12 yuan")
    assert np.isnan(parse_value(COLUMNS[COLUMN_INDEX["max_budget"]], ""))


def test_sorting_orders_by_the_column_with_empty_values_last(model: NotesTableModel) -> None:
    model.sort(COLUMN_INDEX["budget"], Qt.SortOrder.DescendingOrder)
    assert [cell(model, r, "note_id") for r in range(3)] == ["n1", "n2", "n3"]
    model.sort(COLUMN_INDEX["budget"], Qt.SortOrder.AscendingOrder)
    assert [cell(model, r, "note_id") for r in range(3)] == ["n3", "n2", "n1"]
    model.sort(COLUMN_INDEX["audience_cap"], Qt.SortOrder.DescendingOrder)
    assert cell(model, 2, "note_id") == "n2"  # no cap: last either way
    model.sort(COLUMN_INDEX["title"], Qt.SortOrder.AscendingOrder)
    titles = [cell(model, r, "title") for r in range(3)]
    assert titles == sorted(titles)


def test_sorting_keeps_the_selection_on_the_same_notes(qtbot, model: NotesTableModel) -> None:
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.selectionModel().select(model.index(0, 0), QItemSelectionModel.SelectionFlag.Select)
    model.sort(COLUMN_INDEX["budget"], Qt.SortOrder.AscendingOrder)
    selected = view.selectionModel().selectedIndexes()
    assert [model.position(i.row()) for i in selected] == [0]


@pytest.mark.parametrize(("note_filter", "ids"), [
    (NoteFilter(industry="beauty"), ["n1"]),
    (NoteFilter(eligible=False), ["n2"]),
    (NoteFilter(eligible=True), ["n1", "n3"]),
    (NoteFilter(text="LEO"), ["n3"]),
    (NoteFilter(text="早"), ["n2"]),
    (NoteFilter(eligible=True, text="n3"), ["n3"]),
])
def test_filters(model: NotesTableModel, note_filter: NoteFilter, ids: list[str]) -> None:
    model.set_filter(note_filter)
    assert [cell(model, r, "note_id") for r in range(model.rowCount())] == ids


def test_the_locked_filter(model: NotesTableModel) -> None:
    model.setData(model.index(1, COLUMN_INDEX["locked"]), Qt.CheckState.Checked.value, CHECK)
    model.set_filter(NoteFilter(locked=True))
    assert [cell(model, r, "note_id") for r in range(model.rowCount())] == ["n2"]


@pytest.mark.slow
def test_ten_thousand_notes_sort_within_200_ms(big_plan: Plan) -> None:
    model = NotesTableModel(PlanDocument(big_plan), QUndoStack())
    start = time.perf_counter()
    model.sort(COLUMN_INDEX["gmv"], Qt.SortOrder.DescendingOrder)
    model.sort(COLUMN_INDEX["title"], Qt.SortOrder.AscendingOrder)
    assert (time.perf_counter() - start) / 2 < 0.2
    model.sort(COLUMN_INDEX["gmv"], Qt.SortOrder.DescendingOrder)
    gmv = model.column_values("gmv")[model.shown_positions()]
    assert np.all(np.diff(gmv) <= 0)


def test_the_eligible_filter_follows_joint_investment(small_plan: Plan, stack: QUndoStack) -> None:
    document = PlanDocument(small_plan)
    model = NotesTableModel(document, stack)
    model.set_filter(NoteFilter(eligible=True))
    assert model.rowCount() == 2
    document.set_params(joint=False)
    assert model.rowCount() == 0
