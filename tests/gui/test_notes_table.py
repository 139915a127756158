"""A table you can read: id and title stay in view sideways, nothing is clipped, and the plan's totals under it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS

ID, TITLE, BUDGET = COLUMN_INDEX["note_id"], COLUMN_INDEX["title"], COLUMN_INDEX["budget"]


@pytest.fixture
def table_window(demo_window: MainWindow) -> MainWindow:
    QApplication.processEvents()
    return demo_window


def scroll_right(window: MainWindow) -> None:
    bar = window.notes_view.table.horizontalScrollBar()
    bar.setValue(bar.maximum())
    QApplication.processEvents()


# --- frozen id and title -----------------------------------------------------------------------------

def test_scrolling_right_keeps_each_rows_id_and_title_in_view(table_window: MainWindow) -> None:
    table = table_window.notes_view.table
    scroll_right(table_window)
    assert table.horizontalScrollBar().value() > 500  # far right: the main view's id column scrolled away
    assert table.columnViewportPosition(ID) < 0
    frozen = table.frozen
    assert frozen.isVisible()
    assert [c for c in range(frozen.model().columnCount()) if not frozen.isColumnHidden(c)] == [ID, TITLE]
    assert frozen.geometry().left() <= table.viewport().geometry().left()
    assert frozen.width() >= table.columnWidth(ID) + table.columnWidth(TITLE)
    model = table.model()
    for column in (ID, TITLE):
        rect = frozen.visualRect(model.index(0, column))
        assert frozen.viewport().rect().contains(rect.center())
        assert frozen.indexAt(rect.center()).data() == model.index(0, column).data()


def test_the_frozen_columns_scroll_down_with_the_rows(table_window: MainWindow) -> None:
    table = table_window.notes_view.table
    table.verticalScrollBar().setValue(table.verticalScrollBar().maximum())
    assert table.frozen.verticalScrollBar().value() == table.verticalScrollBar().value() > 0
    top = table.indexAt(QPoint(table.columnViewportPosition(BUDGET) + 2, 2)).row()
    assert table.frozen.indexAt(QPoint(2, 2)).row() == top
    table.frozen.verticalScrollBar().setValue(0)  # the wheel over the frozen columns scrolls both
    assert table.verticalScrollBar().value() == 0


def test_both_views_share_the_selection_and_the_sort(table_window: MainWindow) -> None:
    table = table_window.notes_view.table
    assert table.frozen.selectionModel() is table.selectionModel()
    header = table.frozen.horizontalHeader()
    title_centre = QPoint(header.sectionViewportPosition(TITLE) + header.sectionSize(TITLE) // 2, 5)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=title_centre)
    assert table.horizontalHeader().sortIndicatorSection() == TITLE
    order = table.horizontalHeader().sortIndicatorOrder()
    assert header.sortIndicatorOrder() == order
    titles = [table.model().index(r, TITLE).data() for r in range(table.model().rowCount())]
    assert titles == sorted(titles, reverse=order == Qt.SortOrder.DescendingOrder)


def test_a_column_dropped_before_the_id_goes_back(table_window: MainWindow) -> None:
    header = table_window.notes_view.table.horizontalHeader()
    header.moveSection(header.visualIndex(BUDGET), 0)
    assert (header.visualIndex(ID), header.visualIndex(TITLE)) == (0, 1)
    assert header.visualIndex(BUDGET) == 2


def test_the_header_menu_hides_any_column_but_id_and_title(table_window: MainWindow) -> None:
    menu = table_window.notes_view.header_menu()
    enabled = {action.text(): action.isEnabled() for action in menu.actions()}
    assert enabled["Note ID"] is False and enabled["Title"] is False
    assert enabled["Budget"] is True and enabled["Creator"] is True


def test_moving_to_a_cell_under_the_frozen_columns_brings_it_out(table_window: MainWindow) -> None:
    table = table_window.notes_view.table
    scroll_right(table_window)
    creator = table.model().index(3, COLUMN_INDEX["creator"])
    table.setCurrentIndex(creator)
    assert table.visualRect(creator).left() >= table.frozen_width()
    table.setCurrentIndex(table.model().index(5, TITLE))  # a frozen cell: no sideways jump
    assert table.visualRect(creator).left() >= table.frozen_width()


# --- widths and tooltips -------------------------------------------------------------------------------

@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_no_header_is_clipped(make_window, language: str) -> None:
    install_language(language)
    try:
        window: MainWindow = make_window()
        assert window.open_demo()
        table = window.notes_view.table
        metrics = table.horizontalHeader().fontMetrics()
        for section in range(len(COLUMNS)):
            text = str(table.model().headerData(section, Qt.Orientation.Horizontal))
            assert metrics.horizontalAdvance(text) + 16 <= table.columnWidth(section), text
    finally:
        install_language("en")


def test_industries_and_numbers_are_not_elided(make_window, small_plan) -> None:
    notes = small_plan.notes.copy()
    notes.loc[0, "industry"] = "electronics"  # "electroni…" in a fixed-width column
    window: MainWindow = make_window(plan=small_plan.with_notes(notes))
    table = window.notes_view.table
    model = table.model()
    metrics = table.fontMetrics()
    for key in ("industry", "budget", "gmv", "impressions", "cpm", "audience_cap"):
        column = COLUMN_INDEX[key]
        widest = max(metrics.horizontalAdvance(str(model.index(r, column).data())) for r in range(model.rowCount()))
        assert widest + 8 <= table.columnWidth(column), key
    assert model.index(0, COLUMN_INDEX["industry"]).data() == "electronics"


def test_text_cells_carry_their_full_text_as_a_tooltip(table_window: MainWindow) -> None:
    model = table_window.notes_view.model
    for key in ("title", "creator", "industry", "note_id"):
        index = model.index(0, COLUMN_INDEX[key])
        assert index.data(Qt.ItemDataRole.ToolTipRole) == index.data()
    header_tip = model.headerData(COLUMN_INDEX["taobao_link"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header_tip.startswith("Taobao link")


# --- totals --------------------------------------------------------------------------------------------

def test_the_totals_row_shows_the_plans_totals_under_their_columns(table_window: MainWindow) -> None:
    view = table_window.notes_view
    totals = view.totals
    plan_totals = table_window.document.estimate.totals
    assert totals.cell_text("budget") == f"¥{plan_totals['budget']:,.0f}"
    assert totals.cell_text("orders") == f"{round(plan_totals['orders']):,d}"
    assert totals.cell_text("ctr") == "" and totals.label_text() == "Total"
    assert view.model.rowCount() == len(table_window.document.plan.notes)  # not a row of the notes
    table = view.table
    origin = totals.mapFromGlobal(table.viewport().mapToGlobal(QPoint(0, 0))).x()
    assert totals.cell_rect("budget").left() == origin + table.columnViewportPosition(BUDGET)
    assert totals.cell_rect("budget").width() == table.columnWidth(BUDGET)


def test_the_totals_follow_edits_scrolling_and_hidden_columns(table_window: MainWindow) -> None:
    view = table_window.notes_view
    totals, table = view.totals, view.table
    before = totals.cell_text("budget")
    view.model.set_values("budget", [0], [123_456.0], "Edit budget")
    assert totals.cell_text("budget") != before
    assert totals.cell_text("budget") == f"¥{table_window.document.estimate.totals['budget']:,.0f}"
    gmv_left = totals.cell_rect("gmv").left()
    table.horizontalScrollBar().setValue(200)
    assert totals.cell_rect("gmv").left() == gmv_left - 200
    assert totals.label_rect().left() == totals.mapFromGlobal(table.viewport().mapToGlobal(QPoint(0, 0))).x()
    table.setColumnHidden(COLUMN_INDEX["gmv"], True)
    assert totals.cell_rect("gmv").isEmpty()


def test_a_total_too_wide_for_what_shows_of_its_column_is_an_ellipsis(table_window: MainWindow) -> None:
    totals, table = table_window.notes_view.totals, table_window.notes_view.table
    assert totals.shown_text("gmv") == totals.cell_text("gmv")
    table.setColumnWidth(COLUMN_INDEX["gmv"], 30)  # as a column cut by the view's right edge
    assert totals.shown_text("gmv") == "…"


def test_a_total_scrolled_under_the_frozen_columns_is_not_drawn_over_them(table_window: MainWindow) -> None:
    view = table_window.notes_view
    scroll_right(table_window)
    rect = view.totals.cell_rect("budget")
    assert rect.isEmpty() or rect.left() >= view.totals.label_rect().right()


def test_the_frozen_columns_survive_a_filter_and_a_new_plan(table_window: MainWindow, small_plan) -> None:
    view = table_window.notes_view
    frozen = view.table.frozen

    def shown() -> list[int]:
        return [c for c in range(frozen.model().columnCount()) if not frozen.isColumnHidden(c)]

    view.filter_bar.search.setText("跑鞋")
    view.filter_bar.flush()
    assert 0 < view.model.rowCount() < 60 and shown() == [ID, TITLE]
    assert frozen.indexAt(QPoint(2, 2)).data() == view.model.index(0, ID).data()
    table_window.session.show(small_plan, None)
    assert shown() == [ID, TITLE]
