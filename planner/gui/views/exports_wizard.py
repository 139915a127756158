"""File ▸ Import platform exports…: the platforms' reports into the plan, with every conversion shown.

Three pages: the files (planner.gui.views.exports_pages.FilesPage: each recognised by its header, a renamed
column mapped and remembered), what to import (OptionsPage: notes, history or actuals; periods; how notes join
the plan's), and the derived fields (exports_derived.DerivedPage: formulas, numbers, files, warnings, questions,
problems). The session reads the files as jobs; nothing changes until Finish:

- notes are merged as the table import merges them (planner.model.merge: update by id, add, or replace), one
  undo step; on update, a note the exports give no value of a field keeps the plan's;
- history goes to the Lifts tab, which fits it as a job and shows the lifts before anything changes (`history`);
- actuals are saved as a CSV table the user names, to be read as an actuals table (planner.io.tables.read_actuals)
  by tracking (MODEL.md section 10), which the app does not show yet.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtWidgets import QFileDialog, QWidget, QWizard

from planner.gui.commands import ReplacePlanCommand
from planner.gui.errors import show_error
from planner.gui.protocols import Session
from planner.gui.settings import Settings
from planner.gui.views.exports_derived import ExportDerivedPage
from planner.gui.views.exports_pages import (
    ACTUALS,
    HISTORY,
    NOTES,
    ExportFilesPage,
    ExportOptionsPage,
    ExportsState,
)
from planner.model.errors import InputError
from planner.model.merge import MergedNotes, merge_notes

FILES, OPTIONS, DERIVED = 0, 1, 2


class ExportsWizard(QWizard):
    """Import platform exports into the plan's notes, as history for the lifts, or as an actuals table."""

    def __init__(self, session: Session, settings: Settings, parent: QWidget | None = None,
                 paths: list[Path] | None = None, folder: str = ""):
        super().__init__(parent)
        self._session = session
        self._folder = folder
        self.state = ExportsState(settings)
        self.history: pd.DataFrame | None = None  # a history read, for the caller to fit lifts from
        self.merged: MergedNotes | None = None  # the notes imported, with how many were added and updated
        self.saved: Path | None = None  # where actuals were saved
        self.setWindowTitle(self.tr("Import platform exports"))
        self.files_page = ExportFilesPage(self.state, session, folder)
        self.options_page = ExportOptionsPage(self.state, len(session.document.plan.notes) > 0)
        self.derived_page = ExportDerivedPage(self.state, session)
        for page_id, page in ((FILES, self.files_page), (OPTIONS, self.options_page), (DERIVED, self.derived_page)):
            self.setPage(page_id, page)
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Import"))
        self.currentIdChanged.connect(self._page_changed)
        self.resize(1180, 760)
        if paths:
            self.files_page.set_paths(paths)

    def _page_changed(self, page_id: int) -> None:
        if page_id == DERIVED:
            finish = {NOTES: self.tr("Import"), HISTORY: self.tr("Fit lifts from this history"),
                      ACTUALS: self.tr("Save the actuals…")}[self.state.target]
            self.setButtonText(QWizard.WizardButton.FinishButton, finish)

    def accept(self) -> None:
        """Finish: notes join the plan (one undo step); history is kept for the caller; actuals are saved."""
        result = self.state.result
        if result is None or not result.ready or self.currentId() != DERIVED:
            return
        if self.state.target == NOTES and not self._apply_notes(result):
            return
        if self.state.target == HISTORY:
            self.history = result.table
        if self.state.target == ACTUALS and not self._save_actuals(result.table):
            return
        super().accept()

    def _apply_notes(self, result: Any) -> bool:
        document = self._session.document
        plan = document.plan
        try:
            self.merged = merge_notes(plan.notes, result.table, self.state.mode, result.columns)
        except InputError as error:  # ids the plan has, added
            show_error(self, error, self.tr("The notes were not imported:"))
            return False
        names = ", ".join(path.name for path in self.state.paths[:3]) + (", …" if len(self.state.paths) > 3 else "")
        self._session.undo_stack.push(ReplacePlanCommand(
            document, replace(plan, notes=self.merged.notes), self.tr("Import notes from %1").replace("%1", names)))
        return True

    def _save_actuals(self, table: pd.DataFrame) -> bool:
        start = str(Path(self._folder or ".") / "actuals.csv")
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the actuals as"), start, self.tr("CSV tables (*.csv)"))
        if not chosen:
            return False
        path = Path(chosen) if chosen.lower().endswith(".csv") else Path(chosen + ".csv")
        try:
            self._session.write_table(path, table)
        except (InputError, OSError) as error:
            show_error(self, error, self.tr("The actuals were not saved:"))
            return False
        self.saved = path
        return True
