"""Importing a notes or history table: preview and columns, every problem, then one undoable step.

Nothing is dropped silently: a row with a problem is imported only once the file is fixed, or left out
after the user ticked a box that says how many rows that is; the summary names those rows again. Notes
replace the plan's, are added to them, or update the notes with the same id (adding the new ones): the
merge is the model's (planner.model.merge). The plan's session reads the file.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QRadioButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from planner.formats import money
from planner.gui.commands import ReplacePlanCommand
from planner.gui.document import PlanDocument
from planner.gui.errors import show_error
from planner.gui.protocols import Session
from planner.gui.settings import Settings
from planner.gui.views.import_pages import ColumnsPage, ImportSession, ProblemsModel, Reader, busy_bar
from planner.model.errors import InputError
from planner.model.merge import (
    ADD,
    REPLACE,
    UPDATE,
    MergedNotes,
    brand_budget_after_import,
    duplicate_ids,
    merge_notes,
)
from planner.model.plan import NEW_PLAN_STEP, Plan

PREVIEW, PROBLEMS, SUMMARY = 0, 1, 2


def rows_text(rows: list[int], shown: int = 12) -> str:
    """Spreadsheet rows as a short list: 3, 5, 9, … (the sentence around it says how many)."""
    return ", ".join(str(row) for row in rows[:shown]) + (", …" if len(rows) > shown else "")


def plan_after_import(plan: Plan, notes: pd.DataFrame, name: str) -> tuple[Plan, float | None]:
    """`plan` with the imported `notes` (named `name` if it had no name), and the brand budget it was given:
    a brand budget of ¥0 becomes the brand cost of the imported budgets (None: left as it was)."""
    imported = replace(plan, notes=notes, name=plan.name or name)
    budget = brand_budget_after_import(imported)
    return (imported, None) if budget is None else (imported.with_params(brand_budget=budget), budget)


class ProblemsPage(QWizardPage):
    """Page 2: every problem of the rows in a table; on only once there are none, or those rows are left out."""

    def __init__(self, session: ImportSession, files: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._files = files
        self.setTitle(self.tr("Problems"))
        self.reader = Reader(self)
        self.reader.done.connect(self._done)
        self.reader.failed.connect(self._failed)
        self.reader.busyChanged.connect(self._busy)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.busy = busy_bar()
        self.model = ProblemsModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.leave_out = QCheckBox()
        self.leave_out.toggled.connect(self._leave_out)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.busy, self.view, self.leave_out):
            layout.addWidget(widget)
        self._full: Any = None  # the read with no row left out (an ImportResult)
        self._skipping = False

    def initializePage(self) -> None:
        self.read()

    def cleanupPage(self) -> None:
        self.reader.forget()  # Back: a read under way is for columns about to change
        self.session.result = None

    def isComplete(self) -> bool:
        return self.session.result is not None and not self.reader.busy

    def read(self) -> None:
        """Read the whole file with the chosen columns (again, after the user fixed it)."""
        self.session.result = self._full = None
        self._skipping = False
        self._reset_box()
        self.model.set_problems([])
        self.summary.setText(self.tr("Reading %1…").replace("%1", self.session.path.name))
        self.reader.follow(self._files.read_table(self.session.path, self.session.kind,
                                                  dict(self.session.column_map)))

    def _reset_box(self) -> None:
        self.leave_out.blockSignals(True)
        self.leave_out.setChecked(False)
        self.leave_out.blockSignals(False)
        self.leave_out.setVisible(False)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.completeChanged.emit()

    def _done(self, result: Any) -> None:
        if not self._skipping:
            self._show(result)
        elif result.problems:
            self.read()  # the file changed since it was read: show what it holds now
        else:
            self.session.result = result
        self.completeChanged.emit()

    def _show(self, result: Any) -> None:
        self._full = result
        self.model.set_problems(result.problems)
        self.view.setVisible(bool(result.problems))
        if not result.problems:
            self.summary.setText(self.tr("No problems: all %n row(s) can be imported.", "", len(result.frame)))
            self.session.result = result
            return
        rows = len(result.problem_rows)
        self.summary.setText(
            self.tr("%n problem(s)", "", len(result.problems)) + " " + self.tr("in %n row(s).", "", rows) + " " +
            self.tr("Go Back to change the columns, or fix the file and press Re-read file; or leave "
                    "these rows out knowingly."))
        self.leave_out.setText(self.tr("Leave out the %n row(s) with problems", "", rows))
        self.leave_out.setVisible(True)

    def _failed(self, error: Exception) -> None:
        self._full = None
        self._reset_box()
        if isinstance(error, InputError):
            self.model.set_problems(error.problems)
            self.view.setVisible(True)
            self.summary.setText(self.tr("The file cannot be imported with these columns: go Back to change "
                                         "them, or fix the file and press Re-read file."))
        else:
            self.summary.setText(self.tr("The file could not be read."))
            show_error(self, error)
        self.completeChanged.emit()

    def _leave_out(self, checked: bool) -> None:
        self.session.result = None
        self._skipping = checked
        if checked and self._full is not None:
            self.reader.follow(self._files.read_table(self.session.path, self.session.kind,
                                                      dict(self.session.column_map), self._full.problem_rows))
        else:
            self.reader.forget()
        self.completeChanged.emit()


class SummaryPage(QWizardPage):
    """Page 3: what Finish will do; for notes, replace the plan's notes, add to them (refusing ids the plan
    has), or update the notes with the same id and add the new ones."""

    def __init__(self, session: ImportSession, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._document = document
        self.setTitle(self.tr("Summary"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.replace_notes = QRadioButton(self.tr("Replace the plan's notes"))
        self.add_notes = QRadioButton(self.tr("Add to the plan's notes"))
        self.update_notes = QRadioButton(self.tr("Update the notes with the same id, add the new ones"))
        self.update_notes.setToolTip(self.tr("A note whose id the plan has takes this file's values of the "
                                             "columns it gives; its other values stay. Notes with new ids "
                                             "are added."))
        self.replace_notes.setChecked(True)
        for button in (self.add_notes, self.update_notes):
            button.toggled.connect(self._check)
        self.duplicates = QLabel()
        self.duplicates.setStyleSheet("color: #b00020;")
        self.duplicates.setWordWrap(True)
        self.effect = QLabel()  # what an update does: how many notes it updates and adds
        self.effect.setWordWrap(True)
        self.mode = QGroupBox(self.tr("The plan's notes"))
        choice = QVBoxLayout(self.mode)
        for widget in (self.replace_notes, self.add_notes, self.update_notes, self.duplicates, self.effect):
            choice.addWidget(widget)
        self.brand_budget = QLabel()  # the brand budget of ¥0 that the import sets (brand_budget_after_import)
        self.brand_budget.setWordWrap(True)
        self.undo_hint = QLabel(self.tr("Import is one step: Edit ▸ Undo puts the plan's notes back as they were."))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for part in (self.text, self.mode, self.brand_budget, self.undo_hint):
            layout.addWidget(part)
        layout.addStretch(1)

    def initializePage(self) -> None:
        result = self.session.result
        assert result is not None
        lines = []
        if self.session.kind == "notes":
            lines.append(self.tr("%n note(s) will be imported from %1.", "", len(result.frame))
                         .replace("%1", self.session.path.name))
        else:
            period = result.frame["period"]
            lines.append(self.tr("%n history row(s) will be used to fit lifts", "", len(result.frame)) + " " +
                         self.tr("(%1 base, %2 joint).").replace("%1", str(int((period == "base").sum())))
                         .replace("%2", str(int((period == "joint").sum()))))
        if result.skipped:
            lines.append(self.tr("%n row(s) with problems will be left out:", "", len(result.skipped)) + " " +
                         rows_text(result.skipped))
        else:
            lines.append(self.tr("No row is left out."))
        if self.session.kind == "history":
            lines.append(self.tr("The plan does not change until you accept the fitted lifts."))
        self.text.setText("\n\n".join(lines))
        current = len(self._document.plan.notes)
        choose = self.session.kind == "notes" and current > 0
        self.replace_notes.setText(self.tr("Replace the plan's %n note(s)", "", current))
        self.mode.setVisible(choose)
        self.undo_hint.setVisible(self.session.kind == "notes")
        self._check()

    def merge_mode(self) -> str:
        """How Finish merges the notes: model.merge's REPLACE, ADD or UPDATE (a plan without notes: REPLACE)."""
        if not self.mode.isVisibleTo(self):
            return REPLACE
        if self.add_notes.isChecked():
            return ADD
        return UPDATE if self.update_notes.isChecked() else REPLACE

    def adding(self) -> bool:
        return self.merge_mode() == ADD

    def isComplete(self) -> bool:
        return not self.duplicates.text()

    def _check(self) -> None:
        """Ids of the file that the plan has: refused when adding, counted when updating."""
        mode = self.merge_mode()
        result = self.session.result
        same = [] if result is None or mode == REPLACE else duplicate_ids(self._document.plan.notes, result.frame)
        clash = same if mode == ADD else []
        self.duplicates.setText(
            self.tr("%n note id(s) of this file are in the plan already: %1. Choose Replace or Update, or give "
                    "these notes other ids in the file.", "", len(clash)).replace(
                "%1", ", ".join(clash[:8]) + (", …" if len(clash) > 8 else ""))
            if clash else "")
        self.duplicates.setVisible(bool(clash))
        updating = result is not None and mode == UPDATE
        if updating:
            self.effect.setText(self.tr("%n note(s) of the plan will be updated", "", len(same)) + "; " +
                                self.tr("%n new note(s) will be added.", "", len(result.frame) - len(same)))
        self.effect.setVisible(updating)
        self._show_brand_budget()
        self.completeChanged.emit()

    def imported_plan(self) -> Plan | None:
        """The plan as Finish leaves it (notes merged; a brand budget of ¥0 set to the brand cost), or None
        when the notes cannot be merged (ids the plan has, added)."""
        result = self.session.result
        if result is None or self.session.kind != "notes" or self.duplicates.text():
            return None
        merged = merge_notes(self._document.plan.notes, result.frame, self.merge_mode(),
                             self.session.imported_columns())
        return plan_after_import(self._document.plan, merged.notes, self.session.path.stem)[0]

    def _show_brand_budget(self) -> None:
        """Say before Finish that a brand budget of ¥0 will become the imported plan's brand cost."""
        text = ""
        if self.session.kind == "notes" and self._document.plan.params.brand_budget == 0:
            plan = self.imported_plan()
            if plan is not None and plan.params.brand_budget > 0:
                text = self.tr("The plan's brand budget is ¥0: it will be set to the brand cost of the imported "
                               "budgets, %1, so that Optimise has money to allocate (change it in the Optimise "
                               "panel).").replace("%1", money(plan.params.brand_budget))
        self.brand_budget.setText(text)
        self.brand_budget.setVisible(bool(text))


class ImportWizard(QWizard):
    """Import a notes table into the plan (one undo step), or read a history table for fitting (`history`).

    `session` is the plan's session: it reads the file, and its document and undo stack take the notes.
    """

    def __init__(self, session: Session, path: str | Path, kind: str, parent: QWidget | None = None,
                 settings: Settings | None = None):
        super().__init__(parent)
        schema = session.table_schema(kind)  # ValueError for a kind that is neither notes nor history
        self._document = session.document
        self._undo_stack = session.undo_stack
        settings = settings or _settings_of(parent)
        remembered = {header: name for header, name in settings.column_mapping(kind).items()
                      if name is None or name in schema.kinds}
        self.session = ImportSession(Path(path), kind, settings, remembered, schema)
        self.history: pd.DataFrame | None = None  # a history import's result, for the caller to fit lifts
        self.imported: Any = None  # the ImportResult finished with
        self.merged: MergedNotes | None = None  # the notes imported, with how many were added and updated
        self.brand_budget_set: float | None = None  # the brand budget the import set (it was ¥0), if it did
        title = self.tr("Import notes: %1") if kind == "notes" else self.tr("Import history: %1")
        self.setWindowTitle(title.replace("%1", self.session.path.name))
        self.columns_page = ColumnsPage(self.session, session)
        self.problems_page = ProblemsPage(self.session, session)
        self.summary_page = SummaryPage(self.session, self._document)
        for page_id, page in ((PREVIEW, self.columns_page), (PROBLEMS, self.problems_page),
                              (SUMMARY, self.summary_page)):
            self.setPage(page_id, page)
        self.setOption(QWizard.WizardOption.HaveCustomButton1)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("Re-read file"))
        self.setButtonText(QWizard.WizardButton.FinishButton,
                           self.tr("Import") if kind == "notes" else self.tr("Use this history"))
        self.customButtonClicked.connect(self._reread)
        self.currentIdChanged.connect(self._page_changed)
        self.columns_page.refused.connect(self._refused)
        self.resize(1040, 700)
        self.columns_page.load()

    def accept(self) -> None:
        """Finish: notes replace, join or update the plan's as one undoable step; history is kept for the caller."""
        result = self.session.result
        if result is not None and self.currentId() == SUMMARY:
            self.imported = result
            if self.session.kind == "history":
                self.history = result.frame
            elif not self._apply_notes(result):
                return
        super().accept()

    def _apply_notes(self, result: Any) -> bool:
        """The notes merged as chosen, and a brand budget of ¥0 set to their brand cost: one undo step."""
        plan = self._document.plan
        mode = self.summary_page.merge_mode()
        try:
            self.merged = merge_notes(plan.notes, result.frame, mode, self.session.imported_columns())
        except InputError as error:  # ids the plan has, added: the summary page stops this before Finish
            show_error(self, error)
            return False
        text = {ADD: self.tr("Add notes from %1"), UPDATE: self.tr("Update notes from %1")}.get(
            mode, self.tr("Import notes from %1"))
        imported, self.brand_budget_set = plan_after_import(plan, self.merged.notes, self.session.path.stem)
        if len(plan.notes) == 0:  # notes into an empty plan make a new plan: it buys in round amounts
            imported = imported.with_params(budget_step=NEW_PLAN_STEP)
        self._undo_stack.push(ReplacePlanCommand(self._document, imported, text.replace("%1", self.session.path.name)))
        return True

    def _reread(self, _which: int) -> None:
        if self.currentId() == PREVIEW:
            self.columns_page.load()
        elif self.currentId() == PROBLEMS:
            self.problems_page.read()

    def _page_changed(self, page_id: int) -> None:
        self.button(QWizard.WizardButton.CustomButton1).setVisible(page_id != SUMMARY)

    def _refused(self, _error: Exception) -> None:
        self.reject()  # the file cannot be read at all; the error was shown


def _settings_of(parent: QObject | None) -> Settings:
    """The main window's settings when the caller did not pass them (the user's own otherwise)."""
    found = getattr(parent, "settings", None)
    return found if isinstance(found, Settings) else Settings()
