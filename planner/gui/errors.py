"""Errors as the user sees them: dialogs with the CLI's words, never a traceback.

InputError -> a table of its problems (file, row, column, value, expected: the words of str(Problem));
PlanError and file errors -> a message; anything unexpected -> logged to the user's log folder and shown
as a dialog that says where the log is (installed as sys.excepthook by app.main).
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.model.errors import InputError, PlanError, Problem

log = logging.getLogger("planner")
LOG_NAME = "planner.log"


def _shown(value: object) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


class ProblemsDialog(QDialog):
    """Every problem of an InputError in a table; Copy puts the CLI's lines on the clipboard."""

    def __init__(self, problems: Sequence[Problem], message: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Invalid input"))
        self._problems = list(problems)
        layout = QVBoxLayout(self)
        summary = message or self.tr("%n problem(s) must be fixed first:", "", len(self._problems))
        text = QLabel(summary)
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(self._table())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        copy = buttons.addButton(self.tr("Copy"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_lines)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, min(460, 150 + 28 * len(self._problems)))

    def _table(self) -> QTableWidget:
        headers = [self.tr("Where"), self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Expected")]
        table = QTableWidget(len(self._problems), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        for row, problem in enumerate(self._problems[:10_000]):  # a dialog, not a data view: bounded
            cells = (problem.file, "" if problem.row is None else str(problem.row), problem.column_text or "",
                     _shown(problem.value), problem.expected)
            for column, cell in enumerate(cells):
                item = QTableWidgetItem(cell)
                item.setToolTip(str(problem))
                table.setItem(row, column, item)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def lines(self) -> list[str]:
        """The problems as the command line prints them, one line each."""
        return [str(problem) for problem in self._problems]

    def copy_lines(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.lines()))


def show_error(parent: QWidget | None, error: BaseException, title: str = "") -> None:
    """Show an expected error (invalid input, an infeasible plan, a file that cannot be read or written)."""
    if isinstance(error, InputError):
        ProblemsDialog(error.problems, title, parent).exec()
    elif isinstance(error, PlanError):
        QMessageBox.warning(parent, title or QCoreApplication.translate("Errors", "Cannot optimise"), str(error))
    elif isinstance(error, OSError):
        where = f"{error.filename}: " if error.filename else ""
        QMessageBox.critical(parent, title or QCoreApplication.translate("Errors", "File error"), where + (error.strerror or str(error)))
    else:
        report_unexpected(type(error), error, error.__traceback__)


# --------------------------------------------------------------------------- unexpected errors

def log_folder() -> Path:
    """The user's log folder: <AppLocalDataLocation>/logs."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base) / "logs"


def setup_logging(folder: Path | None = None) -> Path:
    """Log warnings and errors of the app to <folder>/planner.log (rotated); returns the log file."""
    folder = folder or log_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
    for handler in [h for h in log.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]:
        if handler.baseFilename != str(path):  # a new profile (tests): one log file at a time
            log.removeHandler(handler)
            handler.close()
    if not any(getattr(h, "baseFilename", None) == str(path) for h in log.handlers):
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=1 << 20, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    return path


_reporting = False


def report_unexpected(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    """Log the exception with its traceback to the log file and tell the user where that file is."""
    global _reporting
    path = setup_logging()
    log.error("unexpected error", exc_info=(kind, error, trace))
    if _reporting or QGuiApplication.instance() is None:
        return  # an error inside the error dialog: logged only, never a dialog loop
    _reporting = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Errors", "Unexpected error"),
                          QCoreApplication.translate("Errors", "Something went wrong: %1: %2\n\nYour plan is still open; saving it under "
                                     "a new name is safest. The details were written to:\n%3")
                          .replace("%1", kind.__name__).replace("%2", str(error)[:300])
                          .replace("%3", str(path)))
        box.exec()
    finally:
        _reporting = False


def _excepthook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
        return
    report_unexpected(kind, error, trace)


def install_excepthook() -> None:
    """Route uncaught exceptions (from slots, timers and event handlers too) to report_unexpected."""
    setup_logging()
    sys.excepthook = _excepthook
