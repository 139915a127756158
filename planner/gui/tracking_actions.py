"""The main window's actions of the campaign's mornings (MODEL.md section 10): import actuals, re-plan the rest.

A mixin of MainWindow. An actuals table is read and checked by a session job (every problem of the table and
of the plan at once, nothing applied); its rows are merged into the plan's actuals as one undo step, and the
status bar says how many note-days it added and replaced. Re-planning runs planner.model.replan as a job and
pushes its plan as one undo step (undo removes the new scenario and shows the one it came from), then opens
the Compare tab with the scenario it came from as the base.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from planner import formats
from planner.gui.commands import ImportActualsCommand, ReplanCommand
from planner.gui.document import PlanDocument
from planner.gui.errors import show_error
from planner.gui.jobs import Job
from planner.gui.session import PlanSession, ReadActuals
from planner.gui.settings import Settings
from planner.model.errors import InputError
from planner.model.plan import Plan
from planner.model.plan_actuals import import_actuals

MESSAGE_MS = 10_000


def _grouped(text: str, count: int) -> str:
    """A translated count written as planner.formats writes counts (1,380): Qt's %n has no separators."""
    return text.replace(str(count), formats.count(count), 1)


class TrackingMixin:
    """File ▸ Import actuals…, the demo's sample actuals, Plan ▸ Re-plan the rest."""

    session: PlanSession
    document: PlanDocument
    undo_stack: QUndoStack
    settings: Settings

    def _window(self) -> QWidget:
        return self  # type: ignore[return-value]

    def _status_bar(self) -> QStatusBar:
        return self.statusBar()  # type: ignore[attr-defined, no-any-return]

    # --- actuals ----------------------------------------------------------------------------------

    def import_actuals_dialog(self) -> Job | None:
        path, _ = QFileDialog.getOpenFileName(
            self._window(), QCoreApplication.translate("Tracking", "Import actuals"), self.settings.last_folder(),
            QCoreApplication.translate("Tracking", "Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if not path:
            return None
        self.settings.set_last_folder(path)
        return self.import_actuals(Path(path))

    def use_demo_actuals(self) -> Job | None:
        """The demo plan's sample actuals, imported as any actuals table."""
        return self.import_actuals(self.session.demo_actuals_path())

    def import_actuals(self, path: Path) -> Job | None:
        """Read an actuals table as a job; once read, merge it as one undo step. None while another is read."""
        job = self.session.read_actuals(path)
        if job is not None:
            job.finished.connect(self._merge_actuals)
        return job

    def _merge_actuals(self, read: ReadActuals) -> None:
        try:  # checked against the plan as it is now: it may have changed while the table was read
            merged = import_actuals(self.document.plan, read.table, read.file, read.rows, checked=read.problems)
        except InputError as error:
            title = QCoreApplication.translate("Tracking", "No actuals were imported from %1:")
            show_error(self._window(), error, title.replace("%1", read.file))
            return
        self.undo_stack.push(ImportActualsCommand(self.document, merged.plan, read.file))
        added = _grouped(QCoreApplication.translate("Tracking", "%n note-day(s) added", "", merged.added),
                         merged.added)
        if merged.replaced:
            replaced = _grouped(QCoreApplication.translate("Tracking", "%n note-day(s) replaced (imported before)", "",
                                                           merged.replaced), merged.replaced)
            text = QCoreApplication.translate("Tracking", "Actuals from %1: %2, %3").replace("%2", added).replace(
                "%3", replaced)
        else:
            text = QCoreApplication.translate("Tracking", "Actuals from %1: %2").replace("%2", added)
        text = text.replace("%1", read.file)
        self._status_bar().showMessage(text, MESSAGE_MS)
        self.show_scenario_tab("tracking")  # type: ignore[attr-defined]

    # --- re-planning ------------------------------------------------------------------------------

    def replan_rest(self) -> Job | None:
        """Re-plan the rest of the campaign from the actuals as a job; None when there is nothing to re-plan from
        (the user is told why) or one runs."""
        if self.document.tracking is None:
            problems = "\n".join(str(problem) for problem in self.document.tracking_problems[:8])
            QMessageBox.information(self._window(), QCoreApplication.translate("Tracking", "Re-plan the rest"),
                                    QCoreApplication.translate("Tracking", "Re-planning needs the plan's actuals to "
                                                                           "date:") + "\n" + problems)
            return None
        before = self.document.plan
        job = self.session.replan()
        if job is not None:
            job.finished.connect(lambda outcome: self._replanned(before, outcome))
        return job

    def _replanned(self, before: Plan, outcome: Any) -> None:
        plan, _result = outcome
        if self.document.plan is not before:  # an edit or an undo while it ran: its plan would undo that
            QMessageBox.information(self._window(), QCoreApplication.translate("Tracking", "Re-plan the rest"),
                                    QCoreApplication.translate("Tracking", "The plan changed while the rest was being "
                                                               "re-planned, so nothing was changed: re-plan again "
                                                               "to include the change."))
            return
        original = before.scenario.name
        self.undo_stack.push(ReplanCommand(self.document, plan, original))
        compare = self.show_scenario_tab("compare")  # type: ignore[attr-defined]
        compare.set_base(original)
        text = QCoreApplication.translate("Tracking", "Re-planned the rest of the campaign as %1, compared here with "
                                                      "%2 (Undo removes it)")
        self._status_bar().showMessage(text.replace("%1", plan.scenario.name).replace("%2", original), MESSAGE_MS)
