"""Guardrails in the window (MODEL.md section 12): the Warnings panel, the table's marker, tooltip and filter."""

from __future__ import annotations

import numpy as np

from planner.gui.main_window import MainWindow
from planner.gui.views.notes_filter import FilterBar
from planner.model.guardrails import CONCENTRATION, OUTSIDE_BOUNDS


def set_budget(window: MainWindow, position: int, budget: float) -> None:
    window.notes_view.model.set_values("budget", [position], [budget], "Edit budget")


def note_with_a_maximum(window: MainWindow) -> int:
    maximum = window.document.plan.notes["max_budget"].to_numpy(dtype=float)
    return int(np.flatnonzero(np.isfinite(maximum))[0])


def id_cell(window: MainWindow, position: int):
    model = window.notes_view.model
    return model.index(model.row_of(position), 0)


def test_the_demo_draft_has_no_warnings_and_the_panel_says_so(demo_window: MainWindow) -> None:
    panel = demo_window.warnings_panel
    assert demo_window.document.warnings == []
    assert panel.list.count() == 0 and not panel.list.isVisible()
    assert panel.summary.text() == "No warnings: nothing in this plan needs a second look."
    assert demo_window.tabifiedDockWidgets(demo_window.side_dock) == [demo_window.warnings_dock]
    assert demo_window.warnings_dock.windowTitle() == "Warnings"


def test_a_budget_past_its_maximum_is_listed_marked_and_explained(demo_window: MainWindow) -> None:
    position = note_with_a_maximum(demo_window)
    note_id = demo_window.document.plan.notes["note_id"].iloc[position]
    high = float(demo_window.document.plan.notes["max_budget"].iloc[position])
    set_budget(demo_window, position, high + 1000)
    warnings = [w for w in demo_window.document.warnings if w.note_id == note_id]
    assert [w.code for w in warnings] == [OUTSIDE_BOUNDS]
    panel = demo_window.warnings_panel
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert f"{note_id}: {warnings[0].message}" in texts
    assert panel.summary.text().startswith(f"{len(demo_window.document.warnings)} warning")
    assert demo_window.warnings_dock.windowTitle() == f"Warnings ({len(demo_window.document.warnings)})"
    cell = id_cell(demo_window, position)
    assert not cell.data(1).isNull()  # DecorationRole: the warning marker
    assert warnings[0].message in cell.data(3)  # ToolTipRole: what to check
    other = id_cell(demo_window, (position + 1) % len(demo_window.document.plan.notes))
    assert other.data(1) is None
    demo_window.undo_stack.undo()
    assert demo_window.document.warnings == [] and panel.list.count() == 0
    assert id_cell(demo_window, position).data(1) is None


def test_the_with_warnings_filter_shows_the_warned_notes_and_follows_changes(demo_window: MainWindow) -> None:
    bar: FilterBar = demo_window.notes_view.filter_bar
    model = demo_window.notes_view.model
    bar.warned.setChecked(True)
    assert model.rowCount() == 0
    position = note_with_a_maximum(demo_window)
    set_budget(demo_window, position, float(demo_window.document.plan.notes["max_budget"].iloc[position]) + 1)
    assert [model.position(row) for row in range(model.rowCount())] == [position]
    assert bar.count.text() == "1 of 60 notes"
    demo_window.undo_stack.undo()
    assert model.rowCount() == 0
    bar.warned.setChecked(False)
    assert model.rowCount() == 60


def test_clicking_a_notes_warning_shows_that_note_even_when_a_filter_hid_it(demo_window: MainWindow) -> None:
    plan = demo_window.document.plan
    total = float(plan.notes["budget"].sum())
    position = int(np.flatnonzero(plan.notes["max_budget"].isna().to_numpy() & ~plan.notes["locked"].to_numpy())[0])
    set_budget(demo_window, position, total)  # about half the plan's budget: concentration
    codes = {w.code for w in demo_window.document.note_warnings(position)}
    assert CONCENTRATION in codes
    bar = demo_window.notes_view.filter_bar
    bar.search.setText("no note is called this")
    bar.flush()
    assert demo_window.notes_view.model.rowCount() == 0
    demo_window.tabs.setCurrentIndex(1)
    panel = demo_window.warnings_panel
    item = next(panel.list.item(i) for i in range(panel.list.count())
                if panel.list.item(i).text().startswith(str(plan.notes["note_id"].iloc[position])))
    panel.list.itemClicked.emit(item)
    assert demo_window.tabs.currentWidget() is demo_window.notes_tab
    assert bar.search.text() == "" and demo_window.notes_view.model.rowCount() == 60
    assert list(demo_window.notes_view.selected_positions()) == [position]


def test_the_plans_own_warning_comes_first_and_selects_nothing(demo_window: MainWindow) -> None:
    demo_window.optimise_panel.brand_budget.setValue(100_000)
    panel = demo_window.warnings_panel
    assert panel.list.item(0).text().startswith("Plan: the brand pays")
    before = list(demo_window.notes_view.selected_positions())
    panel.list.itemClicked.emit(panel.list.item(0))
    assert list(demo_window.notes_view.selected_positions()) == before
