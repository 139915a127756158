"""Errors read as the CLI's lines, in a table; unexpected ones are logged where the dialog says."""

from __future__ import annotations

import sys
from pathlib import Path

from planner.gui import errors
from planner.gui.errors import ProblemsDialog, report_unexpected, show_error
from planner.model.errors import InputError, PlanError, Problem

PROBLEMS = [Problem("notes.csv", 3, "ctr", "7", "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)"),
            Problem("notes.csv", None, None, None, "a header row")]


def test_the_problems_dialog_shows_each_problem_in_the_clis_words(qtbot) -> None:
    dialog = ProblemsDialog(PROBLEMS)
    qtbot.addWidget(dialog)
    assert dialog.lines() == [str(p) for p in PROBLEMS]
    table = dialog.findChild(errors.QTableWidget)
    assert table.rowCount() == 2
    assert [table.item(0, c).text() for c in range(5)] == ["notes.csv", "3", "ctr", "7", PROBLEMS[0].expected]
    dialog.copy_lines()
    assert errors.QGuiApplication.clipboard().text() == "\n".join(str(p) for p in PROBLEMS)


def test_show_error_routes_each_kind(qtbot, dialogs) -> None:
    show_error(None, InputError(PROBLEMS))
    assert dialogs.shown[-1][0] == "ProblemsDialog"
    show_error(None, PlanError("the minimum and locked budgets alone need ¥5.00"))
    assert dialogs.shown[-1][2] == "the minimum and locked budgets alone need ¥5.00"
    show_error(None, FileNotFoundError(2, "No such file or directory", "plan.rcplan"))
    assert dialogs.shown[-1][2] == "plan.rcplan: No such file or directory"


def test_an_unexpected_exception_is_logged_and_the_dialog_says_where(qtbot, dialogs, profile: Path) -> None:
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError:
        report_unexpected(*sys.exc_info())
    log = errors.log_folder() / errors.LOG_NAME
    assert str(profile) in str(log)
    for handler in errors.log.handlers:
        handler.flush()
    text = log.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in text and "Traceback" in text
    kind, _title, message = dialogs.shown[-1]
    assert "ZeroDivisionError: boom" in message and str(log) in message
    assert "Traceback" not in message


def test_the_excepthook_is_installed_and_restorable(profile: Path, monkeypatch) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install_excepthook()
    assert sys.excepthook is errors._excepthook
