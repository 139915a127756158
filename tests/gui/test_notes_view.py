"""The notes tab: Excel-ready copy, paste back from Excel, bulk edits and the filter bar."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX
from planner.gui.views.bulk_edit import LOCK, SCALE, SET, UNLOCK, BulkEdit
from planner.gui.views.notes_clipboard import parse_tsv
from planner.model.plan import Plan

SELECT = QItemSelectionModel.SelectionFlag.Select


@pytest.fixture
def small_window(make_window, small_plan: Plan) -> MainWindow:
    window = make_window(plan=small_plan)
    window.show()
    return window


def select_cells(window: MainWindow, rows: range, keys: list[str]) -> None:
    view = window.notes_view
    selection = view.table.selectionModel()
    selection.clearSelection()
    selection.setCurrentIndex(view.model.index(rows[0], COLUMN_INDEX[keys[0]]),
                              QItemSelectionModel.SelectionFlag.NoUpdate)
    for row in rows:
        for key in keys:
            selection.select(view.model.index(row, COLUMN_INDEX[key]), SELECT)


def budgets(window: MainWindow) -> list[float]:
    return window.document.plan.notes["budget"].tolist()


def test_copy_gives_tab_separated_plain_numbers(small_window: MainWindow) -> None:
    select_cells(small_window, range(3), ["note_id", "budget", "ctr"])
    text = small_window.notes_view.copy_selection()
    assert text == "n1\t1000\t5%\r\nn2\t500\t4%\r\nn3\t0\t6%\r\n"
    assert QGuiApplication.clipboard().text() == text


def test_copy_with_headers_names_the_columns(small_window: MainWindow) -> None:
    select_cells(small_window, range(1), ["note_id", "title"])
    assert small_window.notes_view.copy_with_headers().splitlines() == ["Note ID\tTitle", "n1\t春季新品"]


def test_pasting_a_column_of_budgets_from_excel(small_window: MainWindow) -> None:
    select_cells(small_window, range(1), ["budget"])
    assert small_window.notes_view.paste("¥2,000\r\n3000\r\n1.5万\r\n")
    assert budgets(small_window) == [2000, 3000, 15000]
    small_window.undo_stack.undo()  # one step
    assert budgets(small_window) == [1000, 500, 0]


def test_a_copied_table_pasted_back_matches_rows_by_note_id(small_window: MainWindow) -> None:
    select_cells(small_window, range(3), ["note_id", "budget", "orders"])
    text = small_window.notes_view.copy_with_headers()
    rows = parse_tsv(text)
    edited = [rows[0]] + [[rows[3][0], "999", rows[3][2]], [rows[1][0], "111", rows[1][2]]]
    small_window.notes_view.model.sort(COLUMN_INDEX["budget"])  # the table order no longer matters
    assert small_window.notes_view.paste("\n".join("\t".join(r) for r in edited))
    assert budgets(small_window) == [111, 500, 999]


def test_a_bad_cell_stops_the_whole_paste(small_window: MainWindow, dialogs) -> None:
    select_cells(small_window, range(1), ["budget"])
    assert not small_window.notes_view.paste("2000\nlots\n3000")
    assert budgets(small_window) == [1000, 500, 0]
    assert dialogs.opened[-1].lines() == [
        'clipboard, row 2, column budget: value "lots": expected an amount in ¥, such as 12000 or ¥12,000.50']


def test_a_paste_past_the_last_row_is_refused_not_cut(small_window: MainWindow, dialogs) -> None:
    select_cells(small_window, range(2, 3), ["budget"])
    assert not small_window.notes_view.paste("1\n2\n")
    assert "at most 1 rows" in dialogs.opened[-1].lines()[0]
    assert budgets(small_window) == [1000, 500, 0]


def test_pasting_into_a_computed_column_is_refused(small_window: MainWindow, dialogs) -> None:
    select_cells(small_window, range(1), ["orders"])
    assert not small_window.notes_view.paste("5")
    assert "can be edited" in dialogs.opened[-1].lines()[0]


def test_one_value_fills_the_selected_rows(small_window: MainWindow) -> None:
    select_cells(small_window, range(3), ["budget"])
    assert small_window.notes_view.paste("800")
    assert budgets(small_window) == [800, 800, 800]


def test_bulk_set_and_scale_budgets_are_single_undo_steps(small_window: MainWindow) -> None:
    view = small_window.notes_view
    select_cells(small_window, range(2), ["title"])
    assert view.apply_bulk_edit(BulkEdit(SET, 1200))
    assert budgets(small_window) == [1200, 1200, 0]
    assert view.apply_bulk_edit(BulkEdit(SCALE, 1.5))
    assert budgets(small_window) == [1800, 1800, 0]
    assert small_window.undo_stack.count() == 2
    small_window.undo_stack.undo()
    small_window.undo_stack.undo()
    assert budgets(small_window) == [1000, 500, 0]


def test_bulk_budgets_come_out_in_the_plans_budget_step(small_window: MainWindow) -> None:
    view = small_window.notes_view
    small_window.document.set_params(budget_step=100.0)
    select_cells(small_window, range(2), ["title"])
    assert view.apply_bulk_edit(BulkEdit(SET, 10_050))
    assert budgets(small_window) == [10_100, 10_100, 0]
    assert view.apply_bulk_edit(BulkEdit(SCALE, 1.013))  # ¥10,231.3 each
    assert budgets(small_window) == [10_200, 10_200, 0]


def test_the_bulk_edit_dialog_says_budgets_are_rounded_to_the_step(small_window: MainWindow, dialogs) -> None:
    small_window.document.set_params(budget_step=500.0)
    select_cells(small_window, range(1), ["title"])
    small_window.notes_view.bulk_edit()
    dialog = dialogs.opened[-1]
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "Budgets are rounded to the plan's budget step of ¥500." in texts
    assert dialog.amount.singleStep() == 1000


def test_bulk_lock_and_unlock(small_window: MainWindow) -> None:
    view = small_window.notes_view
    select_cells(small_window, range(3), ["title"])
    assert view.apply_bulk_edit(BulkEdit(LOCK))
    assert small_window.document.plan.notes["locked"].all()
    assert view.apply_bulk_edit(BulkEdit(UNLOCK), np.array([1]))
    assert small_window.document.plan.notes["locked"].tolist() == [True, False, True]


def test_the_bulk_edit_dialog_applies_its_choice(small_window: MainWindow, dialogs) -> None:
    select_cells(small_window, range(1), ["title"])
    dialogs.answers.append(1)  # Accepted, with the dialog's defaults: set to ¥10,000
    small_window.notes_view.bulk_edit()
    assert budgets(small_window) == [10_000, 500, 0]


def test_the_filter_bar_filters_the_table(small_window: MainWindow) -> None:
    bar = small_window.notes_view.filter_bar
    bar.search.setText("早餐")
    bar.flush()
    assert small_window.notes_view.model.rowCount() == 1
    assert bar.count.text() == "1 of 3 notes"
    bar.search.clear()
    bar.flush()
    bar.industry.setCurrentIndex(bar.industry.findData("sports"))
    assert small_window.notes_view.model.rowCount() == 1
    bar.industry.setCurrentIndex(0)
    bar.eligible.setCurrentIndex(bar.eligible.findData(True))
    assert small_window.notes_view.model.rowCount() == 2


def test_the_current_note_reaches_the_charts(small_window: MainWindow) -> None:
    view = small_window.notes_view
    view.table.setCurrentIndex(view.model.index(2, 0))
    assert small_window.charts.selected == 2
