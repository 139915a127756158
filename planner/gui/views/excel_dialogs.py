"""Export to Excel and apply edits from Excel: file choice, a job with progress, results and previews.

`export_to_excel` has the plan's session write the workbook as a job, behind a cancellable QProgressDialog,
and ends with a message that offers to open the folder. The workbook's language is chosen with the file
type in the save dialog ("Excel workbook, 中文" / "Excel workbook, English"), preset to the UI language: one
dialog, no extra step. `apply_edits_from_excel` has the session read an edited workbook and shows every
change before it is applied as one undoable step. Both return a run object whose signals and dialogs tests
can drive, or None when the user cancels the file dialog or a job of the kind runs already. The runner
shows the job's errors (in the core's words).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from planner.gui.commands import ReplacePlanCommand
from planner.gui.document import PlanDocument
from planner.gui.i18n import ui_lang
from planner.gui.jobs import Cancelled, Job
from planner.gui.protocols import Session
from planner.gui.views.edits_preview import EditsPreviewDialog
from planner.model.plan import Plan

_active: set[QObject] = set()  # runs in progress, kept alive until their last dialog closes



def export_filters() -> dict[str, str]:
    """The save dialog's file types, one per workbook language."""
    return {"zh": QCoreApplication.translate("ExcelDialogs", "Excel workbook, 中文 (*.xlsx)"), "en": QCoreApplication.translate("ExcelDialogs", "Excel workbook, English (*.xlsx)")}


def _status(parent: QWidget | None, text: str) -> None:
    window = parent.window() if parent is not None else None
    if isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 8000)


def _progress_dialog(parent: QWidget | None, title: str, text: str) -> QProgressDialog:
    """Window-modal, shown only when the work takes more than half a second, closed by the run."""
    dialog = QProgressDialog(text, QCoreApplication.translate("ExcelDialogs", "Cancel"), 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    return dialog


def open_folder(path: Path) -> bool:
    """Show the folder of `path` in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve().parent)))


class _Run(QObject):
    """A job behind a progress dialog; the run stays alive (in `_active`) until its last dialog closes."""

    failed = Signal(object)  # the exception (shown by the runner), or Cancelled

    def __init__(self, parent: QWidget | None, job: Job, title: str, text: str):
        super().__init__(parent)
        self.parent_widget = parent
        self.job = job
        self.progress = _progress_dialog(parent, title, text)
        self.progress.canceled.connect(self._cancel)
        _active.add(self)

    @property
    def cancelled(self) -> bool:
        return self.job.cancelled

    def _cancel(self) -> None:
        self.job.cancel()  # an export stops at its next progress report (no file is left); a read is dropped

    def _end_progress(self) -> None:
        self.progress.canceled.disconnect(self._cancel)  # closing it emits canceled too
        self.progress.close()
        self.progress.deleteLater()

    def _over(self, *_args: object) -> None:
        _active.discard(self)


class ExportRun(_Run):
    """One export job: progress, cancel, then a message with an "Open folder" button."""

    progressed = Signal(int, int)  # done, total (notes written, as export_plan reports them)
    finished = Signal(object)  # the Path written

    def __init__(self, parent: QWidget | None, job: Job, path: Path, lang: str):
        super().__init__(parent, job, QCoreApplication.translate("ExcelDialogs", "Export to Excel"), QCoreApplication.translate("ExcelDialogs", "Writing %1…").replace("%1", path.name))
        self.path, self.lang = path, lang
        self.done_box: QMessageBox | None = None
        job.progressed.connect(self._progressed)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(min(done, total))
        self.progressed.emit(done, total)

    def _failed(self, error: Exception) -> None:
        self._end_progress()
        self._over()
        if isinstance(error, Cancelled):
            _status(self.parent_widget, QCoreApplication.translate("ExcelDialogs", "Export cancelled: no workbook was written."))
        self.failed.emit(error)

    def _finished(self, _result: object) -> None:
        self._end_progress()
        _status(self.parent_widget, QCoreApplication.translate("ExcelDialogs", "Exported %1").replace("%1", str(self.path)))
        box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("ExcelDialogs", "Exported to Excel"),
                          QCoreApplication.translate("ExcelDialogs", "The plan was written to:\n%1").replace("%1", str(self.path)),
                          QMessageBox.StandardButton.Close, self.parent_widget)
        self.open_button = box.addButton(QCoreApplication.translate("ExcelDialogs", "Open folder"), QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(self.open_button)
        box.buttonClicked.connect(lambda button: open_folder(self.path) if button is self.open_button else None)
        box.finished.connect(self._over)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        self.done_box = box
        box.open()
        self.finished.emit(self.path)


def choose_export_path(parent: QWidget | None, document: PlanDocument, lang: str,
                       folder: str = "") -> tuple[Path, str] | None:
    """Ask where to write the workbook and in which language; None when the user cancels."""
    filters = export_filters()
    start_name = str(Path(folder or Path.home()) / ((document.plan.name or "plan") + ".xlsx"))
    path, chosen = QFileDialog.getSaveFileName(parent, QCoreApplication.translate("ExcelDialogs", "Export to Excel"), start_name,
                                               ";;".join(filters.values()), filters[lang])
    if not path:
        return None
    lang = next((key for key, text in filters.items() if text == chosen), lang)
    target = Path(path)
    return (target if target.suffix.lower() == ".xlsx" else target.with_name(target.name + ".xlsx")), lang


def export_to_excel(parent: QWidget | None, session: Session, lang: str | None = None,
                    path: Path | str | None = None, folder: str = "") -> ExportRun | None:
    """Export the plan (to `path` in `lang`, or as the user chooses; lang defaults to the UI language)."""
    lang = lang if lang in ("zh", "en") else ui_lang()
    if path is None:
        chosen = choose_export_path(parent, session.document, lang, folder)
        if chosen is None:
            return None
        path, lang = chosen
    job = session.export_excel(Path(path), lang)
    return None if job is None else ExportRun(parent, job, Path(path), lang)


# ---------------------------------------------------------------------- apply edits


class ApplyRun(_Run):
    """Read an edited workbook as a job, preview its changes, apply them as one undo step."""

    previewShown = Signal(object)  # the EditsPreviewDialog, open until applied or cancelled
    applied = Signal()

    def __init__(self, parent: QWidget | None, session: Session, snapshot: Plan, job: Job, path: Path):
        super().__init__(parent, job, QCoreApplication.translate("ExcelDialogs", "Apply edits from Excel"), QCoreApplication.translate("ExcelDialogs", "Reading %1…").replace("%1", path.name))
        self.path = path
        self._session = session
        self._document, self._stack = session.document, session.undo_stack
        self._snapshot = snapshot  # the plan the workbook was read against
        self.preview: EditsPreviewDialog | None = None
        # Reading cannot be interrupted: Cancel drops its result.
        job.finished.connect(self._read)
        job.failed.connect(self._failed)

    def _failed(self, error: Exception) -> None:
        self._end_progress()
        self._over()
        self.failed.emit(error)

    def _read(self, edits: Any) -> None:
        self._end_progress()
        dialog = EditsPreviewDialog(edits, self.parent_widget)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self.apply(edits))
        dialog.finished.connect(self._over)
        self.preview = dialog
        dialog.open()
        self.previewShown.emit(dialog)

    def apply(self, edits: Any) -> bool:
        """Apply `edits` as one ReplacePlanCommand, unless the plan changed while the workbook was read."""
        if self._document.plan is not self._snapshot:
            QMessageBox.warning(self.parent_widget, QCoreApplication.translate("ExcelDialogs", "Apply edits from Excel"),
                                QCoreApplication.translate("ExcelDialogs", "The plan changed while the workbook was being read; nothing was applied. "
                                    "Apply the workbook again."))
            return False
        if not edits.changes:
            return False
        text = QCoreApplication.translate("ExcelDialogs", "Apply %n edit(s) from %1", "", len(edits.changes)).replace("%1", edits.file)
        self._stack.push(ReplacePlanCommand(self._document, self._session.plan_with_edits(self._snapshot, edits),
                                            text))
        _status(self.parent_widget, text)
        self.applied.emit()
        return True


def apply_edits_from_excel(parent: QWidget | None, session: Session, path: Path | str | None = None,
                           folder: str = "") -> ApplyRun | None:
    """Read back an exported workbook (`path`, or one the user picks) and preview its edits."""
    if path is None:
        path, _ = QFileDialog.getOpenFileName(parent, QCoreApplication.translate("ExcelDialogs", "Apply edits from Excel"), folder or str(Path.home()),
                                              QCoreApplication.translate("ExcelDialogs", "Excel workbooks (*.xlsx);;All files (*)"))
        if not path:
            return None
    snapshot = session.document.plan
    job = session.read_edits(Path(path))
    return None if job is None else ApplyRun(parent, session, snapshot, job, Path(path))

