"""The main window, driven as a user would: open the demo, edit, undo, save, close, drop files."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWizard

from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX
from planner.gui.views.import_wizard import SUMMARY, ImportWizard
from planner.io.planfile import load_plan, save_plan
from planner.model.plan import Plan


def edit_budget(window: MainWindow, row: int, text: str) -> bool:
    model = window.notes_view.model
    return model.setData(model.index(row, COLUMN_INDEX["budget"]), text, Qt.ItemDataRole.EditRole)


def test_the_demo_opens_with_its_notes_and_totals(demo_window: MainWindow) -> None:
    assert demo_window.notes_view.model.rowCount() == 60
    assert demo_window.document.path is None  # the demo is untitled: saving asks where
    assert "618" in demo_window.windowTitle()
    assert demo_window.kpis.value_text("budget").startswith("¥")
    assert not demo_window.isWindowModified()


def test_editing_a_budget_moves_the_totals_and_undo_restores_them(demo_window: MainWindow) -> None:
    before = dict(demo_window.document.estimate.totals)
    shown = demo_window.kpis.value_text("budget")
    old = demo_window.document.plan.notes["budget"].iloc[demo_window.notes_view.model.position(0)]
    assert edit_budget(demo_window, 0, "250000")
    after = demo_window.document.estimate.totals
    assert after["budget"] == pytest.approx(before["budget"] - old + 250000)
    assert after["orders"] > before["orders"]
    assert demo_window.kpis.value_text("budget") != shown
    assert demo_window.isWindowModified()
    demo_window.actions["undo"].trigger()
    assert demo_window.document.estimate.totals == before
    assert demo_window.kpis.value_text("budget") == shown
    assert not demo_window.isWindowModified()


def test_an_invalid_budget_is_refused_with_the_core_words(demo_window: MainWindow, dialogs, qtbot) -> None:
    budgets = demo_window.document.plan.notes["budget"].copy()
    assert not edit_budget(demo_window, 0, "-5")
    qtbot.waitUntil(lambda: bool(dialogs.opened))  # the dialog is queued after the editor closes
    note = demo_window.document.plan.notes["note_id"].iloc[demo_window.notes_view.model.position(0)]
    assert dialogs.opened[0].lines() == [f'note {note}, column budget: value "-5.0": expected an amount of 0 or more']
    assert demo_window.document.plan.notes["budget"].equals(budgets)
    assert demo_window.undo_stack.count() == 0


def test_save_writes_the_plan_and_clears_the_modified_mark(demo_window: MainWindow, tmp_path: Path) -> None:
    edit_budget(demo_window, 1, "12345")
    target = tmp_path / "618"
    assert demo_window.save_to(target)
    saved = load_plan(tmp_path / "618.rcplan")
    assert saved.notes["budget"].iloc[demo_window.notes_view.model.position(1)] == 12345
    assert demo_window.document.path == (tmp_path / "618.rcplan").resolve()
    assert not demo_window.isWindowModified()
    assert "618.rcplan" in demo_window.windowTitle()
    assert str((tmp_path / "618.rcplan").resolve()) in demo_window.settings.recent_files()


def test_closing_with_unsaved_changes_asks_and_cancel_keeps_the_window(demo_window: MainWindow, dialogs) -> None:
    edit_budget(demo_window, 0, "1000")
    dialogs.answers.append(QMessageBox.StandardButton.Cancel)
    assert not demo_window.close()
    assert dialogs.shown[-1][0] == "question"
    dialogs.answers.append(QMessageBox.StandardButton.Discard)
    assert demo_window.close()


def test_open_path_shows_the_plan_and_resets_undo(window: MainWindow, small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "small.rcplan"
    save_plan(small_plan, path)
    assert window.open_path(path)
    assert window.notes_view.model.rowCount() == 3
    assert window.undo_stack.count() == 0
    assert window.document.path == path.resolve()
    assert "small.rcplan" in window.windowTitle()


def test_a_broken_plan_file_is_reported_not_opened(window: MainWindow, tmp_path: Path, dialogs) -> None:
    path = tmp_path / "broken.rcplan"
    path.write_text("{not json", encoding="utf-8")
    assert not window.open_path(path)
    assert any("broken.rcplan" in (dialog.lines()[0] if hasattr(dialog, "lines") else "")
               for dialog in dialogs.opened)


def drop(window: MainWindow, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)


def test_dropping_a_plan_opens_it(window: MainWindow, small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "dropped.rcplan"
    save_plan(small_plan, path)
    drop(window, path)
    assert window.document.path == path.resolve()


@pytest.fixture
def wizard_finished(qtbot, monkeypatch) -> list[ImportWizard]:
    """The import wizard as a user who presses Next until Finish; returns the wizards that ran."""
    ran: list[ImportWizard] = []

    def run(wizard: ImportWizard) -> int:
        ran.append(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: wizard.session.preview is not None and not wizard.columns_page.reader.busy)
        while wizard.currentId() != SUMMARY:
            wizard.button(QWizard.WizardButton.NextButton).click()
            qtbot.waitUntil(lambda: not wizard.problems_page.reader.busy)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result()

    monkeypatch.setattr(ImportWizard, "exec", run)
    return ran


def test_dropping_a_notes_table_imports_it_as_one_undo_step(window: MainWindow, tmp_path: Path,
                                                            wizard_finished) -> None:
    table = tmp_path / "notes.csv"
    table.write_text("笔记ID,行业,千次曝光成本,点击率,互动率,进店率,转化率,客单价,预算\n"
                     "a1,美妆,50,3.2%,2%,0.3,0.05,200,1000\n", encoding="utf-8")
    drop(window, table)
    assert [w.session.kind for w in wizard_finished] == ["notes"]
    assert list(window.document.plan.notes["note_id"]) == ["a1"]
    assert window.statusBar().currentMessage() == ("Notes from notes.csv: 1 added, 0 updated; the brand budget was "
                                                   "¥0 and is now the plan's brand cost, ¥1,000")
    assert window.document.plan.params.brand_budget == 1000.0
    window.undo_stack.undo()
    assert len(window.document.plan.notes) == 0


def test_a_cancelled_import_changes_nothing(window: MainWindow, tmp_path: Path, dialogs) -> None:
    table = tmp_path / "notes.csv"
    table.write_text("note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov\nb1,food,40,0.02,0.01,0.2,0.03,90\n",
                     encoding="utf-8")
    assert not window.import_table(table)  # the dialogs fixture cancels the wizard
    assert dialogs.shown[-1][0] == "ImportWizard"
    assert window.undo_stack.count() == 0


def test_a_dropped_history_table_is_fitted_on_the_lifts_tab(window: MainWindow, qtbot, wizard_finished) -> None:
    from planner.resources import resource_path

    with qtbot.waitSignal(window.lifts_view.fitDialogShown, timeout=30_000) as shown:
        drop(window, resource_path("demo_history.csv"))
    assert [w.session.kind for w in wizard_finished] == ["history"]
    assert window.tabs.currentWidget() is window.lifts_view
    assert "sports" in shown.args[0].fitted


def test_dropping_an_unknown_file_says_so(window: MainWindow, tmp_path: Path, dialogs) -> None:
    other = tmp_path / "photo.png"
    other.write_bytes(b"\x89PNG")
    drop(window, other)
    assert "photo.png" in dialogs.texts()


@pytest.mark.parametrize(("name", "keys"), [
    ("open", "Ctrl+O"), ("save", "Ctrl+S"), ("undo", "Ctrl+Z"), ("redo", "Ctrl+Shift+Z"),
    ("find", "Ctrl+F"), ("optimise", "Ctrl+R"), ("optimise", "F5"), ("export", "Ctrl+E"),
])
def test_the_keyboard_shortcuts(window: MainWindow, name: str, keys: str) -> None:
    assert QKeySequence(keys) in window.actions[name].shortcuts()


def test_find_focuses_the_search_box(demo_window: MainWindow, qtbot) -> None:
    demo_window.activateWindow()
    demo_window.actions["find"].trigger()
    assert demo_window.tabs.currentWidget() is demo_window.notes_tab
    assert demo_window.notes_tab.currentWidget() is demo_window.notes_view


def test_new_plan_is_empty_and_clean(demo_window: MainWindow) -> None:
    demo_window.new_plan()
    assert demo_window.notes_view.model.rowCount() == 0
    assert demo_window.kpis.value_text("budget") == "¥0"
    assert not demo_window.isWindowModified()


def test_window_geometry_is_remembered(window: MainWindow, settings) -> None:
    window.resize(1000, 700)
    window.close()
    assert settings.geometry() is not None


def test_the_about_box_names_the_version(window: MainWindow, dialogs) -> None:
    from planner import __version__

    window.about()
    assert __version__ in dialogs.texts()


def test_export_writes_a_workbook_in_the_background(demo_window: MainWindow, tmp_path: Path, qtbot,
                                                    monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "618.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    demo_window.actions["export"].trigger()
    qtbot.waitUntil(lambda: target.exists() and target.stat().st_size > 0, timeout=20_000)
    qtbot.waitUntil(lambda: "618.xlsx" in demo_window.statusBar().currentMessage(), timeout=20_000)


def test_recent_files_reopen_a_plan(window: MainWindow, small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "recent.rcplan"
    save_plan(small_plan, path)
    window.open_path(path)
    window.new_plan()
    window._fill_recent_menu()
    action = next(a for a in window.recent_menu.actions() if a.text() == "recent.rcplan")
    action.trigger()
    assert window.document.path == path.resolve()


def test_escape_cancels_a_plan_being_opened_and_the_window_takes_no_other_input(window: MainWindow,
                                                                                 qtbot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtTest import QTest

    from planner.gui.jobs import Cancelled, Job

    window.show()
    stop = threading.Event()

    def opening(progress) -> None:  # a plan file slow to read: it reads until cancelled
        while not stop.wait(0.005):
            progress(0, 1)

    def press_keys() -> None:
        assert window.job_status.text() == "Opening slow.rcplan…"
        QTest.keyClicks(window.notes_view.filter_bar.search, "abc")  # dropped while the plan opens
        QTest.keyClick(window, Qt.Key.Key_Escape)

    QTimer.singleShot(0, press_keys)
    with pytest.raises(Cancelled):
        window.session._waited(Job("open", "Opening slow.rcplan…", opening, progress=True))
    stop.set()
    assert window.notes_view.filter_bar.search.text() == "" and not window.session.runner.waiting
    QTest.keyClicks(window.notes_view.filter_bar.search, "ok")
    assert window.notes_view.filter_bar.search.text() == "ok"
