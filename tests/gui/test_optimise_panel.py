"""The optimise panel: parameters are undoable, the optimiser runs in a worker, its result is one undo step."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.model.errors import PlanError
from planner.model.plan import NEW_PLAN_STEP


def optimise(window: MainWindow, qtbot) -> object:
    with qtbot.waitSignal(window.optimise_panel.optimised, timeout=10_000) as blocker:
        window.actions["optimise"].trigger()
    return blocker.args[0]


def test_optimising_keeps_brand_cost_within_the_budget_and_is_one_undo_step(demo_window: MainWindow,
                                                                           qtbot) -> None:
    before = demo_window.document.plan.notes["budget"].to_numpy().copy()
    old_gmv = demo_window.document.estimate.totals["gmv"]
    optimise(demo_window, qtbot)
    totals = demo_window.document.estimate.totals
    assert totals["brand_cost"] <= demo_window.document.plan.params.brand_budget + 1e-6
    assert totals["gmv"] > old_gmv  # the demo optimises GMV
    assert demo_window.undo_stack.count() == 1
    assert demo_window.isWindowModified()
    demo_window.undo_stack.undo()
    assert np.array_equal(demo_window.document.plan.notes["budget"].to_numpy(), before)
    demo_window.undo_stack.redo()
    assert demo_window.document.estimate.totals["gmv"] == pytest.approx(totals["gmv"])


def test_the_panel_shows_what_changed(demo_window: MainWindow, qtbot) -> None:
    optimise(demo_window, qtbot)
    view = demo_window.optimise_panel.result_view
    assert view.isVisible()
    assert [view.table.item(r, 0).text() for r in range(view.table.rowCount())] == [
        "Budget", "Brand cost", "Orders", "GMV", "ROI"]
    assert view.moves.text().count("▲") == 3 and view.moves.text().count("▼") == 3  # the biggest moves
    assert "徒步装备分享" in view.moves.text() and "XHS618007 徒步装备分享：轻量冲锋衣" in view.moves.toolTip()


def test_the_busy_indicator_shows_while_the_worker_runs(demo_window: MainWindow, qtbot) -> None:
    panel = demo_window.optimise_panel
    with qtbot.waitSignal(panel.optimised, timeout=10_000):
        panel.run()
        assert panel.is_busy() and not panel.button.isEnabled()
    assert not panel.is_busy() and panel.button.isEnabled()


def test_an_infeasible_plan_reports_how_much_the_minimums_need(demo_window: MainWindow, qtbot, dialogs) -> None:
    panel = demo_window.optimise_panel
    panel.brand_budget.setValue(1)  # locked notes alone need more
    assert demo_window.document.plan.params.brand_budget == 1
    with qtbot.waitSignal(panel.failed, timeout=10_000) as blocker:
        panel.run()
    assert isinstance(blocker.args[0], PlanError)
    assert "need" in str(blocker.args[0])
    assert "need" in dialogs.texts()
    assert demo_window.undo_stack.count() == 1  # just the parameter edit


def test_reaching_a_target_sets_the_least_brand_budget(demo_window: MainWindow, qtbot) -> None:
    panel = demo_window.optimise_panel
    target = demo_window.document.estimate.totals["gmv"] * 1.1
    panel.reach.setChecked(True)
    panel.target.setValue(target)
    optimise(demo_window, qtbot)
    assert demo_window.document.estimate.totals["gmv"] >= target * (1 - 1e-9)
    assert demo_window.document.plan.params.brand_budget > 0


def test_parameter_edits_are_undoable_commands(demo_window: MainWindow) -> None:
    panel = demo_window.optimise_panel
    params = demo_window.document.plan.params
    panel.brand_budget.setValue(700_000)
    panel.share.setValue(30)
    panel.has_cap.setChecked(False)
    panel.objective.setCurrentIndex(panel.objective.findData("orders"))
    changed = demo_window.document.plan.params
    assert (changed.brand_budget, changed.platform_share, changed.platform_cap, changed.objective) == (
        700_000, 0.3, None, "orders")
    assert demo_window.undo_stack.count() == 4
    for _ in range(4):
        demo_window.undo_stack.undo()
    assert demo_window.document.plan.params == params
    assert panel.brand_budget.value() == params.brand_budget  # the panel follows the undo
    assert panel.has_cap.isChecked()


def test_turning_joint_investment_off_removes_the_platform_cost(demo_window: MainWindow) -> None:
    demo_window.optimise_panel.joint.setChecked(False)
    assert demo_window.document.estimate.totals["platform_cost"] == 0
    assert not demo_window.optimise_panel.share.isEnabled()


def test_optimising_an_empty_plan_says_there_is_nothing_to_allocate(window: MainWindow, qtbot, dialogs) -> None:
    panel = window.optimise_panel
    assert len(window.document.plan.notes) == 0  # a new window holds an empty plan
    failures: list[object] = []
    panel.failed.connect(failures.append)
    window.actions["optimise"].trigger()
    assert not panel.is_busy() and panel.button.isEnabled()  # nothing was started, nothing to wait for
    assert failures == [] and dialogs.shown == []  # no error, no dialog, no traceback
    assert "no notes yet: there is nothing to allocate" in panel.result_view.heading.text()
    assert panel.result_view.isVisibleTo(panel) and not panel.result_view.table.isVisibleTo(panel)
    assert window.undo_stack.count() == 0 and not window.isWindowModified()


def test_a_result_after_the_empty_plan_message_shows_its_table_again(demo_window: MainWindow, qtbot) -> None:
    panel = demo_window.optimise_panel
    panel.result_view.show_message("no notes")
    optimise(demo_window, qtbot)
    assert panel.result_view.table.isVisibleTo(panel) and panel.result_view.moves.isVisibleTo(panel)
    assert panel.result_view.table.rowCount() == 5


# --- the result never lies ---------------------------------------------------------------------------

def test_the_result_greys_itself_when_a_budget_is_edited_after(demo_window: MainWindow, qtbot) -> None:
    optimise(demo_window, qtbot)
    view = demo_window.optimise_panel.result_view
    assert not view.stale and view.table.isEnabled()
    demo_window.notes_view.model.set_values("budget", [0], [12_345.0], "Edit budget")
    assert view.stale and not view.table.isEnabled() and not view.moves.isEnabled()
    assert "Out of date: the plan changed since this optimisation." in view.heading.text()
    demo_window.undo_stack.undo()  # the plan the optimisation made: its figures are true again
    assert not view.stale and view.table.isEnabled()
    assert view.heading.text().startswith("Optimised for GMV")


@pytest.mark.parametrize("change", ["params", "lifts", "undo"])
def test_the_result_is_out_of_date_after_any_change_of_the_plan(demo_window: MainWindow, qtbot, change) -> None:
    optimise(demo_window, qtbot)
    view = demo_window.optimise_panel.result_view
    if change == "params":
        demo_window.optimise_panel.share.setValue(30)
    elif change == "lifts":
        lifts = demo_window.document.plan.lifts
        demo_window.document.set_lifts(lifts.scaled(0.5))
    else:
        demo_window.undo_stack.undo()  # back to the budgets before the optimisation
    assert view.stale and not view.table.isEnabled()


def test_a_message_goes_when_the_plan_changes(window: MainWindow, small_plan) -> None:
    panel = window.optimise_panel
    window.actions["optimise"].trigger()  # the empty plan: "nothing to allocate"
    assert panel.result_view.isVisibleTo(panel)
    window.session.show(small_plan, None)
    assert not panel.result_view.isVisibleTo(panel)


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_panel_and_its_result_fit_a_laptop_screen_without_scrolling(make_window, qtbot, language) -> None:
    install_language(language)
    demo_window: MainWindow = make_window()
    assert demo_window.open_demo()
    demo_window.resize(1366, 700)  # maximised on 1366×768, under a title bar and above a taskbar
    demo_window.show()
    install_language("en")  # the window's texts are made; the tests after this one read English
    optimise(demo_window, qtbot)
    qtbot.waitUntil(lambda: demo_window.optimise_panel.result_view.moves.isVisible())
    scroll = demo_window.side_dock.widget()
    QApplication.processEvents()
    assert scroll.verticalScrollBar().maximum() == 0
    panel = demo_window.optimise_panel
    moves = panel.result_view.moves
    assert moves.mapTo(panel, moves.rect().bottomLeft()).y() <= scroll.viewport().height()


# --- the budget step ---------------------------------------------------------------------------------

def test_the_budget_step_is_an_undoable_parameter(demo_window: MainWindow) -> None:
    panel = demo_window.optimise_panel
    assert demo_window.document.plan.params.budget_step == 100.0  # the demo buys in hundreds, as agencies quote
    assert [panel.step.itemText(i) for i in range(panel.step.count())] == ["¥1", "¥10", "¥100", "¥500", "¥1,000"]
    panel.step.setCurrentIndex(panel.step.findData(500.0))
    assert demo_window.document.plan.params.budget_step == 500.0
    assert demo_window.undo_stack.undoText() == "Set budget step"
    demo_window.undo_stack.undo()
    assert demo_window.document.plan.params.budget_step == 100.0
    assert panel.step.currentData() == 100.0


def test_the_optimiser_buys_in_the_plans_budget_step(demo_window: MainWindow, qtbot) -> None:
    panel = demo_window.optimise_panel
    panel.step.setCurrentIndex(panel.step.findData(1000.0))
    optimise(demo_window, qtbot)
    plan = demo_window.document.plan
    notes = plan.notes
    free = notes.loc[~notes["locked"].astype(bool), "budget"].to_numpy()
    assert np.all(free % 1000 == 0)
    assert demo_window.document.estimate.totals["brand_cost"] <= plan.params.brand_budget + 1e-6


def test_new_plans_made_in_the_app_buy_in_hundreds(window: MainWindow, dialogs) -> None:
    assert window.document.plan.params.budget_step == NEW_PLAN_STEP  # the empty plan at start
    assert window.open_demo()
    panel = window.optimise_panel
    panel.step.setCurrentIndex(panel.step.findData(1.0))
    assert window.document.plan.params.budget_step == 1.0
    dialogs.answers.append(QMessageBox.StandardButton.Discard)  # the changed step is not kept
    window.actions["new"].trigger()
    assert window.document.plan.params.budget_step == NEW_PLAN_STEP == 100.0
    assert window.optimise_panel.step.currentText() == "¥100"
