"""Export to Excel and apply edits from Excel, as the user drives them: file, progress, result, preview."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from plans import random_plan
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QPushButton

from planner.gui.jobs import Cancelled
from planner.gui.session import PlanSession
from planner.gui.views.edits_preview import EditsPreviewDialog
from planner.gui.views.excel_dialogs import (
    ApplyRun,
    ExportRun,
    apply_edits_from_excel,
    export_filters,
    export_to_excel,
)
from planner.io.excel.export import export_plan
from planner.model.plan import Plan, new_plan


def exported(qtbot, session: PlanSession, path: Path, lang: str = "en") -> ExportRun:
    run = export_to_excel(None, session, lang, path)
    assert run is not None
    with qtbot.waitSignal(run.finished, timeout=30_000):
        pass
    return run


def test_export_writes_a_workbook_with_its_sheets_in_order(qtbot, small_plan: Plan, tmp_path: Path) -> None:
    exported(qtbot, PlanSession(small_plan), tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=True)
    assert book.sheetnames[:4] == ["Summary", "Notes plan", "Funding", "Assumptions"]


def test_a_big_export_reports_its_progress(qtbot, tmp_path: Path) -> None:
    run = export_to_excel(None, PlanSession(random_plan(3000)), "zh", tmp_path / "big.xlsx")
    assert run is not None
    seen: list[tuple[int, int]] = []
    run.progressed.connect(lambda done, total: seen.append((done, total)))
    with qtbot.waitSignal(run.finished, timeout=60_000):
        pass
    assert seen and seen[-1][0] == seen[-1][1] and len(seen) >= 2
    assert openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True).sheetnames[0] == "总览"


def test_the_end_message_opens_the_folder(qtbot, small_plan: Plan, tmp_path: Path, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    run = exported(qtbot, PlanSession(small_plan), tmp_path / "plan.xlsx")
    assert run.done_box is not None and str(tmp_path / "plan.xlsx") in run.done_box.text()
    qtbot.mouseClick(run.open_button, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_cancelling_an_export_writes_nothing(qtbot, tmp_path: Path) -> None:
    run = export_to_excel(None, PlanSession(random_plan(3000)), "en", tmp_path / "big.xlsx")
    assert run is not None
    with qtbot.waitSignal(run.failed, timeout=60_000) as failed:
        qtbot.mouseClick(run.progress.findChild(QPushButton), Qt.MouseButton.LeftButton)
    assert isinstance(failed.args[0], Cancelled)
    assert list(tmp_path.iterdir()) == []


def test_the_save_dialog_chooses_the_workbook_language(qtbot, small_plan: Plan, tmp_path: Path,
                                                       monkeypatch) -> None:
    asked: list[str] = []

    def save_dialog(_parent, _title, _start, filters, selected):
        asked.append(selected)
        assert filters.split(";;") == list(export_filters().values())
        return str(tmp_path / "中文计划"), export_filters()["zh"]

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_dialog))
    run = export_to_excel(None, PlanSession(small_plan), "en")
    assert run is not None and asked == [export_filters()["en"]]  # preset to the given (UI) language
    with qtbot.waitSignal(run.finished, timeout=30_000):
        pass
    assert openpyxl.load_workbook(tmp_path / "中文计划.xlsx", read_only=True).sheetnames[0] == "总览"


def test_an_export_that_fails_shows_its_problems(qtbot, small_plan: Plan, dialogs, tmp_path: Path) -> None:
    empty = new_plan(small_plan.notes.iloc[:0])
    run = export_to_excel(None, PlanSession(empty), "en", tmp_path / "empty.xlsx")
    assert run is not None
    with qtbot.waitSignal(run.failed, timeout=30_000):
        pass
    assert dialogs.opened and "at least one note" in "\n".join(dialogs.opened[0].lines())


# ---------------------------------------------------------------------- apply edits


@pytest.fixture
def edited(small_plan: Plan, tmp_path: Path) -> Path:
    """small_plan exported in English, then n1's budget set to 2500 and n2 locked, as in Excel."""
    export_plan(small_plan, tmp_path / "plan.xlsx", "en")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    book["Notes plan"]["Q4"], book["Notes plan"]["R5"] = 2500, True
    book.save(tmp_path / "edited.xlsx")
    return tmp_path / "edited.xlsx"


def previewed(qtbot, session: PlanSession, path: Path) -> EditsPreviewDialog:
    run = apply_edits_from_excel(None, session, path)
    assert isinstance(run, ApplyRun)
    with qtbot.waitSignal(run.previewShown, timeout=30_000) as shown:
        pass
    return shown.args[0]


def cells(dialog: EditsPreviewDialog) -> list[list[str]]:
    model = dialog.table.model()
    return [[model.index(r, c).data() for c in range(4)] for r in range(model.rowCount())]


def test_applying_edits_previews_them_then_applies_one_undo_step(qtbot, small_plan: Plan, edited: Path) -> None:
    session = PlanSession(small_plan)
    document, stack = session.document, session.undo_stack
    dialog = previewed(qtbot, session, edited)
    assert cells(dialog) == [["n1", "Budget", "¥1,000", "¥2,500"], ["n2", "Locked", "no", "yes"]]
    assert document.plan is small_plan  # nothing applied before the user says so
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert document.plan.notes["budget"].tolist() == [2500.0, 500.0, 0.0]
    assert document.plan.notes["locked"].tolist() == [False, True, False]
    assert stack.count() == 1
    stack.undo()
    assert document.plan is small_plan


def test_cancelling_the_preview_applies_nothing(qtbot, small_plan: Plan, edited: Path) -> None:
    session = PlanSession(small_plan)
    document, stack = session.document, session.undo_stack
    previewed(qtbot, session, edited).reject()
    assert document.plan is small_plan and stack.count() == 0


def test_an_unedited_workbook_says_there_are_no_changes(qtbot, small_plan: Plan, tmp_path: Path) -> None:
    export_plan(small_plan, tmp_path / "plan.xlsx", "zh")
    dialog = previewed(qtbot, PlanSession(small_plan), tmp_path / "plan.xlsx")
    assert dialog.summary.text().startswith("No changes")
    assert not dialog.apply_button.isVisibleTo(dialog)


def test_edits_are_not_applied_over_a_plan_changed_meanwhile(qtbot, small_plan: Plan, edited: Path,
                                                             dialogs) -> None:
    session = PlanSession(small_plan)
    document = session.document
    dialog = previewed(qtbot, session, edited)
    document.set_params(brand_budget=1.0)
    dialog.accept()
    assert document.plan.notes["budget"].tolist() == [1000.0, 500.0, 0.0]
    assert "nothing was applied" in dialogs.texts()


def test_a_file_that_is_not_a_workbook_shows_its_problem(qtbot, small_plan: Plan, dialogs,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("note_id,budget\nn1,5\n", encoding="utf-8")
    run = apply_edits_from_excel(None, PlanSession(small_plan), path)
    assert run is not None
    with qtbot.waitSignal(run.failed, timeout=30_000):
        pass
    assert "not an XLSX workbook" in "\n".join(dialogs.opened[0].lines())


def test_the_main_window_actions_use_these_dialogs(demo_window, qtbot, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "demo.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(target), "")))
    shown: list[object] = []
    monkeypatch.setattr(EditsPreviewDialog, "open", lambda self: shown.append(self))
    demo_window.actions["export"].trigger()
    qtbot.waitUntil(lambda: "Exported" in demo_window.statusBar().currentMessage(), timeout=30_000)
    demo_window.actions["apply_excel"].trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=30_000)
    assert isinstance(shown[0], EditsPreviewDialog) and shown[0].edits.changes == ()


def test_the_status_bar_shows_the_export_and_escape_cancels_it(make_window, qtbot, tmp_path: Path,
                                                               monkeypatch) -> None:
    window = make_window(plan=random_plan(3000))
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(folder / "big"), "")))
    window.actions["export"].trigger()
    [job] = window.session.runner.running("export")
    assert window.job_status.text().startswith("Exporting to Excel…")
    assert window.actions["cancel_job"].isEnabled()
    with qtbot.waitSignal(job.ended, timeout=60_000):
        window.actions["cancel_job"].trigger()  # Esc
    assert job.cancelled and list(folder.iterdir()) == []
    assert window.statusBar().currentMessage() == "Export cancelled: no workbook was written."
    assert not window.actions["cancel_job"].isEnabled() and window.job_status.current() is None


def test_a_second_export_while_one_runs_is_refused(make_window, qtbot, tmp_path: Path) -> None:
    window = make_window(plan=random_plan(3000))
    folder = tmp_path / "out"
    folder.mkdir()
    first = export_to_excel(window, window.session, "en", folder / "first.xlsx")
    assert first is not None
    assert export_to_excel(window, window.session, "en", folder / "second.xlsx") is None
    assert window.statusBar().currentMessage() == "Already under way: Exporting to Excel…"
    with qtbot.waitSignal(first.finished, timeout=60_000):
        pass
    assert [p.name for p in folder.iterdir()] == ["first.xlsx"]
