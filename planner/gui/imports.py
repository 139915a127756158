"""Tables in, workbooks out, for the main window (a mixin): import wizards, drag and drop, Excel dialogs.

The wizard and the Excel dialogs live in views/import_wizard.py and views/excel_dialogs.py; they are
imported when first used, so that start-up does not pay for them. The plan's session reads and writes the
files, as jobs. A history table read by the wizard goes on to the Lifts tab, which fits it as a job and
shows the fitted lifts before anything changes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMimeData, QUrl
from PySide6.QtGui import QDesktopServices, QUndoStack
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QTabWidget, QWidget

from planner.formats import money
from planner.gui.document import PlanDocument
from planner.gui.errors import show_error
from planner.gui.i18n import ui_lang
from planner.gui.jobs import Cancelled
from planner.gui.session import PLAN_SUFFIX, TABLE_SUFFIXES, PlanSession
from planner.gui.settings import Settings
from planner.model.errors import InputError


def dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def droppable(path: Path) -> bool:
    return path.suffix.lower() in (PLAN_SUFFIX, *TABLE_SUFFIXES)


class ImportsMixin:
    """Import through the wizard, drag and drop, Excel export and read-back for MainWindow."""

    session: PlanSession
    document: PlanDocument
    undo_stack: QUndoStack
    settings: Settings
    tabs: QTabWidget
    lifts_view: QWidget

    def _widget(self) -> QWidget:
        return self  # type: ignore[return-value]

    def import_dialog(self, kind: str) -> None:
        if kind == "notes":
            title = QCoreApplication.translate("MainWindow", "Import notes table")
        else:
            title = QCoreApplication.translate("MainWindow", "Import history table")
        path, _ = QFileDialog.getOpenFileName(
            self._widget(), title, self.settings.last_folder(),
            QCoreApplication.translate("MainWindow", "Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if path:
            self.settings.set_last_folder(path)
            self.import_table(Path(path), kind)

    def import_table(self, path: Path, kind: str | None = None) -> bool:
        """Import a notes or history table through the wizard; True when the user finished it."""
        from planner.gui.views.import_wizard import ImportWizard

        try:
            kind = kind or self.session.table_kind(path)
        except Cancelled:
            return False
        except (InputError, OSError) as error:
            show_error(self._widget(), error)
            return False
        wizard = ImportWizard(self.session, path, kind, self._widget())
        if not wizard.exec():
            return False
        if wizard.merged is not None:
            text = (QCoreApplication.translate("MainWindow", "Notes from %1: %2 added, %3 updated")
                    .replace("%1", path.name).replace("%2", str(wizard.merged.added))
                    .replace("%3", str(wizard.merged.updated)))
            if wizard.brand_budget_set is not None:
                text += QCoreApplication.translate(
                    "MainWindow", "; the brand budget was ¥0 and is now the plan's brand cost, %1").replace(
                    "%1", money(wizard.brand_budget_set))
            self._show_message(text)  # type: ignore[attr-defined]
        if wizard.history is not None:  # fitted on the Lifts tab, which shows the result before applying it
            self.tabs.setCurrentWidget(self.lifts_view)
            self.lifts_view.fit_history(wizard.history, path.name)  # type: ignore[attr-defined]
        return True

    def save_template(self, kind: str = "notes", open_after: bool = False) -> Path | None:
        """Ask which template and where, write it; `open_after` opens it in the user's spreadsheet program.

        The written file, or None when the user cancelled or it could not be written (the error is shown).
        """
        from planner.gui.views.template_dialog import TemplateDialog

        dialog = TemplateDialog(kind, ui_lang(), self._widget())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        suffix = dialog.suffix()
        name = self.session.template_name(dialog.kind(), dialog.lang(), suffix)
        chosen, _ = QFileDialog.getSaveFileName(
            self._widget(), QCoreApplication.translate("MainWindow", "Save template"),
            str(Path(self.settings.last_folder()) / name),
            QCoreApplication.translate("MainWindow", "Excel workbooks (*.xlsx)") if suffix == ".xlsx"
            else QCoreApplication.translate("MainWindow", "CSV tables (*.csv)"))
        if not chosen:
            return None
        path = Path(chosen) if Path(chosen).suffix.lower() == suffix else Path(chosen + suffix)
        try:
            self.session.write_template(path, dialog.kind(), dialog.lang())
        except (InputError, OSError) as error:
            show_error(self._widget(), error, QCoreApplication.translate("MainWindow", "The template was not saved"))
            return None
        self.settings.set_last_folder(path)
        self._show_message(  # type: ignore[attr-defined]
            QCoreApplication.translate("MainWindow", "Template saved to %1: fill it in, then import it").replace(
                "%1", str(path)))
        if open_after:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def import_exports(self, paths: list[Path] | None = None) -> bool:
        """File ▸ Import platform exports…: the wizard; history goes on to the Lifts tab to be fitted."""
        from planner.gui.views.exports_wizard import ExportsWizard

        wizard = ExportsWizard(self.session, self.settings, self._widget(), paths, self.settings.last_folder())
        if not wizard.exec():
            return False
        if wizard.merged is not None:
            # New columns of figures (creator fees, their total): widen what no longer shows whole, keep the rest.
            self.notes_view.fit_widths(only_wider=True)  # type: ignore[attr-defined]
            self._show_message(  # type: ignore[attr-defined]
                QCoreApplication.translate("MainWindow", "Notes from platform exports: %1 added, %2 updated")
                .replace("%1", str(wizard.merged.added)).replace("%2", str(wizard.merged.updated)))
        if wizard.history is not None:
            self.tabs.setCurrentWidget(self.lifts_view)
            self.lifts_view.fit_history(wizard.history,  # type: ignore[attr-defined]
                                        QCoreApplication.translate("MainWindow", "platform exports"))
        if wizard.saved is not None:
            self._show_message(  # type: ignore[attr-defined]
                QCoreApplication.translate("MainWindow", "Saved the actuals to %1").replace("%1", str(wizard.saved)))
        return True

    def open_dropped(self, paths: list[Path]) -> None:
        """A drop: the first plan is opened, tables are imported; anything else is named, not ignored."""
        plans = [p for p in paths if p.suffix.lower() == PLAN_SUFFIX]
        tables = [p for p in paths if p.suffix.lower() in TABLE_SUFFIXES]
        refused = [p.name for p in paths if not droppable(p)]
        if len(plans) > 1:
            refused += [p.name + " " + QCoreApplication.translate("MainWindow", "(one plan at a time)")
                        for p in plans[1:]]
        if refused:
            QMessageBox.warning(
                self._widget(), QCoreApplication.translate("MainWindow", "Not opened"),
                QCoreApplication.translate("MainWindow", "These files were not opened (a plan .rcplan, or a "
                                                         "notes or history table .csv/.xlsx, is expected):")
                + "\n" + "\n".join(refused))
        if plans and not self.open_path(plans[0]):  # type: ignore[attr-defined]
            return
        for table in tables:
            if not self.import_table(table):
                break

    def export_excel(self) -> None:
        """Ask where, then write the workbook as a job with a progress dialog (views/excel_dialogs)."""
        from planner.gui.views.excel_dialogs import export_to_excel

        export_to_excel(self._widget(), self.session, folder=self.settings.last_folder())

    def apply_excel(self) -> None:
        """Read budgets edited in an exported workbook, preview them, apply as one undo step."""
        from planner.gui.views.excel_dialogs import apply_edits_from_excel

        apply_edits_from_excel(self._widget(), self.session, folder=self.settings.last_folder())
