"""Plan ▸ Guardrails…: the thresholds as one undo step, and the history table the app's guardrails read."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from planner.resources import resource_path
from plans import random_plan, small_notes
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox, QDialog, QDialogButtonBox, QLabel, QWidget

from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.views.guardrails_dialog import GuardrailsDialog
from planner.model.guardrails import CONCENTRATION, SATURATED
from planner.model.history_guards import PAST_HISTORY, UNUSUAL_RATE
from planner.model.plan import PlanParams, new_plan
from planner.model.thresholds import Thresholds

Answer = Callable[[GuardrailsDialog], object]


@pytest.fixture(autouse=True)
def english(qapp) -> None:
    """English as the app installs it: its translation holds the plural forms ("90 rows")."""
    assert install_language("en")


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> list[Answer]:
    """The Guardrails dialog, when shown, gets these answers in turn (each sets boxes or buttons), then OK;
    an empty list cancels it."""
    answers: list[Answer] = []

    def run(dialog: GuardrailsDialog) -> int:
        if not answers:
            return int(QDialog.DialogCode.Rejected.value)
        answers.pop(0)(dialog)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(GuardrailsDialog, "exec", run)
    return answers


def codes(window: MainWindow) -> set[str]:
    return {warning.code for warning in window.document.warnings}


def guardrails_action(window: MainWindow):
    plan_menu = next(a.menu() for a in window.menuBar().actions() if a.text() in ("&Plan", "计划(&P)"))
    return next(a for a in plan_menu.actions() if a is window.actions["guardrails"])


@pytest.fixture
def spread_window(make_window) -> MainWindow:
    """25 notes, each with about a 25th of the money: some above 5% of the budget, none above 30%, no warning."""
    window = make_window(plan=random_plan(25, brand_budget=1e9))
    window.show()
    return window


def test_a_lower_concentration_threshold_warns_and_undo_redo_follow(spread_window: MainWindow, answer) -> None:
    window = spread_window
    assert CONCENTRATION not in codes(window)
    answer.append(lambda dialog: dialog.boxes["concentration"].setValue(5))
    guardrails_action(window).trigger()
    assert window.document.plan.thresholds.concentration == pytest.approx(0.05)
    warned = len([w for w in window.document.warnings if w.code == CONCENTRATION])
    assert warned > 0 and window.warnings_panel.list.count() == warned
    assert window.warnings_dock.windowTitle() == f"Warnings ({warned})"
    assert window.isWindowModified() and window.undo_stack.count() == 1
    assert window.undo_stack.undoText() == "Change when the guardrails warn"
    window.undo_stack.undo()
    assert window.document.plan.thresholds == Thresholds()
    assert CONCENTRATION not in codes(window) and window.warnings_panel.list.count() == 0
    assert not window.isWindowModified()
    window.undo_stack.redo()
    assert window.document.plan.thresholds.concentration == pytest.approx(0.05)
    assert window.warnings_panel.list.count() == warned


def test_the_warnings_filter_follows_new_thresholds(spread_window: MainWindow, answer) -> None:
    window = spread_window
    model = window.notes_view.model
    window.notes_view.filter_bar.warned.setChecked(True)
    assert model.rowCount() == 0  # no warning yet
    answer.append(lambda dialog: dialog.boxes["concentration"].setValue(5))
    window.edit_guardrails()
    assert model.rowCount() == int(window.document.warned_mask.sum()) > 0


def test_an_unchanged_dialog_changes_nothing_and_cancel_nothing_at_all(demo_window: MainWindow, answer) -> None:
    answer.append(lambda dialog: None)
    demo_window.edit_guardrails()
    demo_window.edit_guardrails()  # no answer left: Cancel
    assert demo_window.undo_stack.count() == 0 and not demo_window.isWindowModified()


def test_restore_defaults_sets_the_models_defaults(make_window, answer) -> None:
    plan = new_plan(small_notes(), params=PlanParams(brand_budget=1e6))
    window = make_window(plan=dataclasses.replace(plan, thresholds=Thresholds(0.6, 0.5, 10.0, 20.0, 80.0)))

    def restore(dialog: GuardrailsDialog) -> None:
        assert [box.value() for box in dialog.boxes.values()] == [60.0, 50.0, 10.0, 20.0, 80.0]
        dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()

    answer.append(restore)
    window.edit_guardrails()
    assert window.document.plan.thresholds == Thresholds()


def test_the_boxes_ranges_are_the_settings_allowed_ranges(demo_window: MainWindow) -> None:
    dialog = GuardrailsDialog(demo_window.session, demo_window)
    for box in dialog.boxes.values():
        box.setValue(box.minimum())
    assert dialog.thresholds().problems() == []
    for box in dialog.boxes.values():
        box.setValue(box.maximum())
    assert dialog.thresholds().problems() == []
    assert dialog.thresholds().rate_low < 50 < dialog.thresholds().rate_high
    dialog.deleteLater()


def tab_stops(dialog: QDialog, first: QWidget, count: int) -> list[QWidget]:
    """The next `count` widgets Tab reaches after `first` (a spin box stands for its line edit)."""
    found: list[QWidget] = []
    widget = first
    while len(found) < count:
        widget = widget.nextInFocusChain()
        owner = widget.parentWidget() if isinstance(widget.parentWidget(), QAbstractSpinBox) else widget
        tabbable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()
        if tabbable and owner is not first and owner not in found and owner.isVisibleTo(dialog):
            found.append(owner)
    return found


def test_the_dialog_is_reached_and_walked_by_keyboard(demo_window: MainWindow) -> None:
    assert guardrails_action(demo_window).text() == "&Guardrails…"
    dialog = GuardrailsDialog(demo_window.session, demo_window)
    dialog.show()
    boxes = list(dialog.boxes.values())
    assert dialog.focusWidget() is boxes[0] or dialog.focusWidget().parentWidget() is boxes[0]
    walked = tab_stops(dialog, boxes[0], len(boxes) + 1)
    assert walked == [*boxes[1:], dialog.choose_button, dialog.buttons.buttons()[0]]
    dialog.reject()
    dialog.deleteLater()


def test_thresholds_survive_save_and_reopen(window: MainWindow, answer, tmp_path: Path) -> None:
    assert window.open_demo()
    answer.append(lambda dialog: (dialog.boxes["saturation"].setValue(75), dialog.boxes["rate_high"].setValue(90)))
    window.edit_guardrails()
    path = tmp_path / "guarded.rcplan"
    assert window.save_to(path)
    window.new_plan()
    assert window.document.plan.thresholds == Thresholds()
    assert window.open_path(path)
    assert window.document.plan.thresholds == Thresholds(saturation=0.75, rate_high=90.0)


# ---------------------------------------------------------------- the history


@pytest.fixture
def known_note_window(make_window) -> MainWindow:
    """A note the demo history holds (HSP001 spent at most ¥25,033 in a period) with a budget of ¥100,000."""
    notes = small_notes()
    notes.loc[0, ["note_id", "industry", "budget"]] = ["HSP001", "sports", 100_000.0]
    window = make_window(plan=new_plan(notes, params=PlanParams(brand_budget=1e6)))
    window.show()
    return window


def fit_demo_history(window: MainWindow, qtbot) -> None:
    with qtbot.waitSignal(window.lifts_view.fitDialogShown, timeout=30_000):
        window.lifts_view.fit_demo_history()


def test_fitting_lifts_from_history_makes_it_the_guardrails_history(known_note_window: MainWindow, qtbot,
                                                                    answer) -> None:
    window = known_note_window
    assert window.document.history is None and PAST_HISTORY not in codes(window)
    fit_demo_history(window, qtbot)
    assert window.document.history is not None and window.document.history.name == "demo_history.csv"
    assert PAST_HISTORY in codes(window)
    listed = [window.warnings_panel.list.item(i).text() for i in range(window.warnings_panel.list.count())]
    assert any(text.startswith("HSP001: a budget of ¥100,000, more than 3 times") for text in listed)
    answer.append(lambda dialog: dialog.clear_button.click())
    window.edit_guardrails()
    assert window.document.history is None
    assert PAST_HISTORY not in codes(window) and UNUSUAL_RATE not in codes(window)
    assert window.undo_stack.count() == 0  # the history is the session's, not the plan's: no undo step


def test_the_dialog_says_which_history_is_used(known_note_window: MainWindow, qtbot) -> None:
    window = known_note_window
    dialog = GuardrailsDialog(window.session, window)
    assert dialog.history_text.text() == "No history: past history and unusual rates are not checked."
    assert not dialog.clear_button.isEnabled()
    dialog.deleteLater()
    fit_demo_history(window, qtbot)
    dialog = GuardrailsDialog(window.session, window)
    assert dialog.history_text.text() == "History: demo_history.csv, 90 rows"
    assert dialog.clear_button.isEnabled()
    dialog.deleteLater()


def test_a_history_chosen_in_the_dialog_is_used_after_ok(known_note_window: MainWindow, qtbot) -> None:
    window = known_note_window
    dialog = GuardrailsDialog(window.session, window)
    job = dialog.read_history(resource_path("demo_history.csv"))
    assert job is not None
    qtbot.waitUntil(lambda: dialog.read_job is None, timeout=30_000)
    assert dialog.history_text.text() == "History: demo_history.csv, 90 rows"
    assert window.document.history is None  # not before OK
    assert dialog.apply()
    assert PAST_HISTORY in codes(window)
    dialog.deleteLater()


def test_a_table_that_is_no_history_is_refused_with_its_problems(known_note_window: MainWindow, qtbot, dialogs,
                                                               tmp_path: Path) -> None:
    window = known_note_window
    bad = tmp_path / "history.csv"
    bad.write_text("note_id,industry,period,impressions,clicks,interactions,store_visits\n"
                   "a,beauty,someday,100,x,1,1\n", encoding="utf-8")
    dialog = GuardrailsDialog(window.session, window)
    assert dialog.read_history(bad) is not None
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=10_000)
    lines = "\n".join(dialogs.opened[0].lines())
    assert "history.csv, row 2, column period" in lines and "column clicks" in lines
    assert dialog.history is None and dialog.choose_button.isEnabled()
    dialog.deleteLater()


def test_another_plan_starts_without_history(known_note_window: MainWindow, qtbot) -> None:
    window = known_note_window
    fit_demo_history(window, qtbot)
    window.lifts_view.fit_dialog.reject()
    window.undo_stack.setClean()
    assert window.open_demo()
    assert window.document.history is None and UNUSUAL_RATE not in codes(window)


def test_the_saturation_box_is_a_percentage_of_the_audience_cap(demo_window: MainWindow, answer) -> None:
    assert SATURATED not in codes(demo_window)
    answer.append(lambda dialog: dialog.boxes["saturation"].setValue(50))
    demo_window.edit_guardrails()
    assert SATURATED in codes(demo_window)


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def test_the_dialog_speaks_chinese(chinese, window: MainWindow) -> None:
    assert guardrails_action(window).text() == "预警设置(&G)…"
    dialog = GuardrailsDialog(window.session, window)
    assert dialog.windowTitle() == "预警设置"
    assert dialog.history_text.text() == "没有历史数据：不检查历史花费和异常比率。"
    assert dialog.choose_button.text() == "选择历史数据表…" and dialog.clear_button.text() == "不使用历史数据"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert "饱和预警线" in texts and "集中度预警线" in texts
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).text() == "恢复默认值"
    dialog.deleteLater()
