"""The open plan's one owner: its file, lock, autosave and recovery, and every long operation on it.

A session holds the document (the plan and what follows from it), the undo stack and the job runner. It is
the only part of the GUI that imports planner.io: views and charts ask it, typed against
planner.gui.protocols.Session so that they import nothing that reaches planner.io. It asks the user
nothing: the main window (file_ops, imports) and the views hold that conversation and call it.

Opening and saving run as jobs the caller waits for (JobRunner.wait), as the questions around them need
their outcome; they raise the core's InputError or an OSError as the core does, or Cancelled. Every other
job is returned to its caller, who connects to its signals. planner.io modules that start-up does not need
are imported when first used.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from planner.gui.comparisons import Comparisons
from planner.gui.document import Change, PlanDocument
from planner.gui.history import GuardHistory, HistoryFit
from planner.gui.jobs import Cancelled, Job, JobRunner, State
from planner.gui.recovery import INTERVAL_MS, Autosaver, live_files, recovery_folder
from planner.io.locks import LockInfo, PlanLock, acquire
from planner.io.planfile import load_plan, save_plan
from planner.io.recovery import (
    RecoveryEntry,
    load_recovery,
    original_of,
    pending_recoveries,
    recoveries_of,
    recovery_name,
    write_recovery,
)
from planner.model.calendar import Calendar
from planner.model.errors import Problem
from planner.model.fitting import fit_lifts
from planner.model.lifts import LiftTable
from planner.model.plan import NEW_PLAN_STEP, Plan, PlanParams, new_plan
from planner.model.plan_actuals import import_actuals
from planner.model.replan import replan
from planner.resources import resource_path

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from planner.io.excel.read import Edits
    from planner.io.tables.cells import Schema

PLAN_SUFFIX = ".rcplan"
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx")
_serial = itertools.count(1)  # recovery files of this process: one per session that autosaves


def empty_plan() -> Plan:
    """A plan with no notes, the article's lifts and default parameters, buying in the new plans' budget step."""
    import pandas as pd

    from planner.model.notes import NOTE_FIELDS

    return new_plan(pd.DataFrame(columns=list(NOTE_FIELDS)), params=PlanParams(budget_step=NEW_PLAN_STEP))


def _fill(text: str, *values: object) -> str:
    """A translated text with %1, %2 ... filled in."""
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


class PlanSession(QObject):
    """The plan a window shows, its file, lock and autosave, and the jobs that read and write files for it."""

    changed = Signal()  # another plan is shown, or its file, lock or read-only state changed

    def __init__(self, plan: Plan | None = None, parent: QObject | None = None):
        super().__init__(parent)
        # The document and the runner are not Qt children of the session: each lives as long as something
        # uses it (a view its document, a job its runner), so that a job never signals to a deleted runner.
        # The undo stack is a child: it signals as it is destroyed, and must go with the session and its
        # window, whose connections Qt removes first (views that push commands keep the session).
        self.undo_stack = QUndoStack(self)
        self.document = PlanDocument(plan if plan is not None else empty_plan(), None)
        self.runner = JobRunner()
        self.comparisons = Comparisons(self.document, self.runner, self)
        self.lock: PlanLock | None = None
        self.read_only = False
        self.is_demo = False  # the plan shown is the built-in demo (its sample files are offered)
        self.autosaver: Autosaver | None = None

    def start_autosave(self, folder: Path | None = None, interval_ms: int = INTERVAL_MS) -> Autosaver:
        """Autosave unsaved work to a recovery file of its own in `folder` (the user's recovery folder)."""
        path = (folder or recovery_folder()) / recovery_name(next(_serial))
        self.autosaver = Autosaver(self.document, self.undo_stack, self.runner, path, write_recovery,
                                   interval_ms, parent=self)
        return self.autosaver

    @property
    def recovery_folder(self) -> Path:
        return self.autosaver.path.parent if self.autosaver is not None else recovery_folder()

    # ------------------------------------------------------------------ the plan shown

    def show(self, plan: Plan, path: Path | None, lock: PlanLock | None = None, read_only: bool = False,
             unsaved: bool = False, demo: bool = False) -> None:
        """Show `plan` as the session's plan, undo history cleared; `unsaved` marks restored work modified,
        `demo` the built-in demo plan.

        The lock held so far is released unless it is `lock` (work restored onto the plan already open).
        """
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.read_only, self.is_demo = lock, read_only, demo
        self.undo_stack.clear()
        self.document.forget_history()  # the history read for the plan shown so far is not this plan's
        self.document.replace_plan(plan, Change("plan"))
        self.document.set_path(path)
        if unsaved:
            self.undo_stack.resetClean()
        if self.autosaver is not None:
            self.autosaver.discard()
        self.changed.emit()

    def take_lock(self, path: Path) -> tuple[PlanLock | None, LockInfo | None]:
        """Lock the plan file: (lock, None), or (None, holder) when another window or instance holds it."""
        return acquire(path)

    def close(self) -> None:
        """The window closes: cancel and wait for the jobs, delete the recovery file, release the lock."""
        self.runner.shutdown()
        if self.autosaver is not None:
            self.autosaver.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # ------------------------------------------------------------------ opening and saving

    def load(self, path: Path) -> Plan:
        """Read a plan file (waited for; Esc cancels it)."""
        return self._waited(Job("open", _fill(self.tr("Opening %1…"), path.name), load_plan, path))

    def load_demo(self) -> Plan:
        return self.load(resource_path("demo.rcplan"))

    def save(self, path: Path) -> None:
        """Save the plan to `path` atomically (waited for; a save cannot be cancelled), then mark it saved."""
        self._waited(Job("save", _fill(self.tr("Saving %1…"), path.name), save_plan, self.document.plan, path,
                         cancellable=False))
        self.undo_stack.setClean()
        if self.autosaver is not None:
            self.autosaver.discard()

    def adopt(self, path: Path, lock: PlanLock | None) -> None:
        """After a save under a new name: that file (and its lock) is the plan's from now on."""
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.read_only = lock, False
        self.document.set_path(path)
        self.changed.emit()

    def _waited(self, job: Job) -> Any:
        """Run `job`, wait for it, and give its result or raise its error (Cancelled when cancelled)."""
        if self.runner.submit(job) is None:
            raise Cancelled()  # one of its kind runs (a double request): this one is not done
        self.runner.wait(job)
        if job.state is State.FINISHED:
            return job.result
        raise job.error or Cancelled()

    # ------------------------------------------------------------------ crash recovery

    def pending_recoveries(self) -> list[RecoveryEntry]:
        """Recovery files left by windows that crashed (never those of open windows)."""
        return pending_recoveries(self.recovery_folder, live_files())

    def recoveries_of(self, path: Path) -> list[RecoveryEntry]:
        """The pending recoveries of one plan file, offered when it is opened."""
        return recoveries_of(path, self.recovery_folder, live_files())

    def load_recovery(self, entry: RecoveryEntry) -> Plan:
        """The recovered plan, without its recovery section (waited for)."""
        name = _fill(self.tr("Opening the autosaved work on %1…"), entry.plan_name or entry.path.name)
        job = Job("open", name, load_recovery, entry)
        plan, _original = self._waited(job)
        return plan

    @staticmethod
    def original_of(entry: RecoveryEntry) -> Path | None:
        """The plan file the recovered work belongs to (None: it was never saved)."""
        return original_of(entry)

    @staticmethod
    def discard_recovery(entry: RecoveryEntry) -> None:
        entry.path.unlink(missing_ok=True)

    def restore(self, entry: RecoveryEntry, plan: Plan, path: Path | None, lock: PlanLock | None,
                read_only: bool) -> None:
        """Show recovered work as unsaved changes to `path`, protected by this session's autosave at once."""
        self.show(plan, path, lock, read_only, unsaved=True)
        if self.autosaver is not None:
            self.autosaver.save_now()
        self.discard_recovery(entry)

    # ------------------------------------------------------------------ tables

    def table_kind(self, path: Path) -> str:
        """notes or history, from the table's header: a history table has a period (周期) column (waited)."""
        return str(self._waited(Job("open", _fill(self.tr("Reading %1…"), path.name), _table_kind, path)))

    @staticmethod
    def table_schema(kind: str) -> Schema:
        """The fields of a notes or history table, their labels and which are required."""
        from planner.io.tables import SCHEMAS

        if kind not in SCHEMAS:
            raise ValueError(f"unknown table kind {kind!r}: notes or history")
        return SCHEMAS[kind]

    def preview_table(self, path: Path, kind: str, rows: int) -> Job:
        """The top of a table and its columns as recognised (TablePreview); a newer preview supersedes it."""
        from planner.io.tables import preview_table

        job = Job("import-preview", _fill(self.tr("Reading %1…"), path.name), preview_table, path, kind, rows,
                  supersedes=True)
        self.runner.submit(job)
        return job

    def read_table(self, path: Path, kind: str, column_map: dict[str, str | None],
                   skip_rows: Collection[int] | None = None) -> Job:
        """Every row of a table with the user's columns and their problems (ImportResult); supersedes."""
        from planner.io.tables import import_table

        job = Job("import-read", _fill(self.tr("Reading %1…"), path.name), import_table, path, kind, column_map,
                  skip_rows, supersedes=True)
        self.runner.submit(job)
        return job

    # ------------------------------------------------------------------ platform exports

    @staticmethod
    def sample_exports() -> list[Path]:
        """The demo brand's sample exports (resources/samples)."""
        folder = resource_path("samples")
        return sorted(path for path in folder.iterdir() if path.suffix.lower() in TABLE_SUFFIXES)

    @staticmethod
    def export_kinds() -> dict[str, tuple[str, str, str]]:
        """Each export kind the presets know: its name, its platform and what it is, in the core's language."""
        from planner.io.exports.presets import load_catalogue, words

        return {kind: (words(preset.name), words(preset.platform), words(preset.about))
                for kind, preset in load_catalogue().presets.items()}

    def recognise_exports(self, paths: list[Path], column_maps: dict[str, dict[str, str | None]]) -> Job:
        """Which export each file is, and what it lacks (a list of ExportFile); a newer look supersedes it."""
        from planner.io.exports import recognise_files

        files = len(paths)  # lupdate reads a plural form only with a plain name as the count
        job = Job("exports-look", self.tr("Reading %n file(s)…", "", files), recognise_files, paths, column_maps,
                  supersedes=True)
        self.runner.submit(job)
        return job

    def read_exports(self, paths: list[Path], choices: dict[str, Any]) -> Job:
        """The exports read, joined and converted as chosen (an ExportImport); a newer read supersedes it.

        `choices`: target, first_day, last_day, choices (gmv, attribution), base_days, joint_days, joint_plans,
        answers, column_maps, leave_out, and keep (the plan's notes are kept where the exports give no value).
        """
        from planner.io.exports import ExportOptions, Periods, import_exports

        settings = dict(choices)
        periods = Periods(settings.pop("base_days", None), settings.pop("joint_days", None),
                          settings.pop("joint_plans", ""))
        current = self.document.plan.notes if settings.pop("keep", False) else None
        options = ExportOptions(periods=periods, current=current, **settings)
        files = len(paths)
        job = Job("exports-read", self.tr("Reading %n file(s)…", "", files), import_exports, paths, options,
                  supersedes=True)
        self.runner.submit(job)
        return job

    @staticmethod
    def write_table(path: Path, frame: Any) -> None:
        """A table of ours as CSV (UTF-8 with BOM, for Excel), written atomically."""
        from planner.io.tables.write import write_csv

        write_csv(frame, path)
    def read_actuals(self, path: Path) -> Job | None:
        """Read an actuals table and check it against the plan as it is now (ReadActuals: the rows in the plan's
        form); every problem of the table and of the plan at once. None while another is read."""
        title = _fill(QCoreApplication.translate("Tracking", "No actuals were imported from %1:"), path.name)
        return self.runner.submit(Job("actuals-read", _fill(self.tr("Reading %1…"), path.name), read_actuals_file,
                                      path, self.document.plan, error_title=title))

    @staticmethod
    def demo_actuals_path() -> Path:
        """The demo plan's sample actuals (to 2025-05-20), shipped with the app: to try tracking and re-planning."""
        return resource_path("demo_actuals.csv")

    # ------------------------------------------------------------------ tracking

    def replan(self) -> Job | None:
        """Re-plan the rest of the campaign from the actuals (MODEL.md section 10): (plan, OptimiseResult) with the
        new scenario active. None while a re-plan runs."""
        title = QCoreApplication.translate("Tracking", "The rest of the campaign cannot be re-planned:")
        name = QCoreApplication.translate("Tracking", "Re-planning the rest of the campaign…")
        return self.runner.submit(Job("replan", name, replan, self.document.plan, error_title=title))

    # ------------------------------------------------------------------ Excel

    def export_excel(self, path: Path, lang: str) -> Job | None:
        """Write the plan as a workbook (progress, cancel: no file is left); None while an export runs."""
        from planner.io.excel.export import export_plan

        title = QCoreApplication.translate("ExcelDialogs", "The workbook was not written:")
        return self.runner.submit(Job("export", self.tr("Exporting to Excel…"), export_plan, self.document.plan,
                                      path, lang, progress=True, error_title=title))

    def read_edits(self, path: Path) -> Job | None:
        """Read the edits of a workbook against the plan as it is now (Edits); None while a read runs."""
        from planner.io.excel.read import read_edits

        title = _fill(QCoreApplication.translate("ExcelDialogs", "Nothing was applied from %1:"), path.name)
        return self.runner.submit(Job("read-edits", _fill(self.tr("Reading %1…"), path.name), read_edits,
                                      self.document.plan, path, error_title=title))

    @staticmethod
    def plan_with_edits(plan: Plan, edits: Edits) -> Plan:
        """`plan` with the edits read back from a workbook applied."""
        from planner.io.excel.read import apply_edits

        return apply_edits(plan, edits)

    # ------------------------------------------------------------------ lifts

    def fit_history_file(self, path: Path) -> Job | None:
        """Read a history table and fit lifts from it, from the current lifts (a HistoryFit); one fit at a time.
        Once fitted, the table is the guardrails' history."""
        return self._fit(path.name, fit_history_file, path)

    def fit_history(self, history: pd.DataFrame, name: str) -> Job | None:
        """Fit lifts from a history table already read (by an import wizard), as `fit_history_file`."""
        return self._fit(name, fit_read_history, history, name)

    def _fit(self, name: str, fit: Callable[..., HistoryFit], *args: Any) -> Job | None:
        text = _fill(QCoreApplication.translate("LiftsView", "Fitting lifts from %1…"), name)
        title = QCoreApplication.translate("LiftsView", "Lifts cannot be fitted from this history table:")
        job = self.runner.submit(Job("fit", text, fit, *args, self.document.plan.lifts, error_title=title))
        if job is not None:  # connected before the caller's slots: the warnings follow before the fit is shown
            job.finished.connect(self._fitted)
        return job

    def _fitted(self, fit: HistoryFit) -> None:
        self.document.set_history(fit.history)

    # ------------------------------------------------------------------ the guardrails' history

    def read_guardrails_history(self, path: Path) -> Job | None:
        """Read a history table for the guardrails (a GuardHistory, not yet used); None while one is read."""
        title = _fill(QCoreApplication.translate("GuardrailsDialog", "No history was read from %1:"), path.name)
        return self.runner.submit(Job("history-read", _fill(self.tr("Reading %1…"), path.name),
                                      read_guardrails_history, path, error_title=title))

    # ------------------------------------------------------------------ the campaign calendar

    @staticmethod
    def calendar_presets() -> list[tuple[str, Calendar]]:
        """The shipped calendars (key, calendar), their names and sources in the language spoken."""
        from planner.io.calendars import load_preset, preset_keys

        return [(key, load_preset(key)) for key in preset_keys()]

    def read_calendar(self, path: Path) -> Job | None:
        """Read a calendar table (phase, start, end, weight, shape); a Calendar, or every bad cell named."""
        from planner.io.calendars import read_calendar

        title = _fill(QCoreApplication.translate("CalendarView", "No calendar was read from %1:"), path.name)
        return self.runner.submit(Job("calendar-read", _fill(self.tr("Reading %1…"), path.name), read_calendar,
                                      path, error_title=title))

    # ------------------------------------------------------------------ other files

    @staticmethod
    def template_name(kind: str, lang: str, suffix: str) -> str:
        """The file name a template of a notes or history table is offered under (笔记模板.xlsx)."""
        from planner.io.tables.templates import template_name

        return template_name(kind, lang, suffix)

    @staticmethod
    def write_template(path: Path, kind: str, lang: str) -> None:
        """Write the template of a notes or history table (XLSX or CSV by the suffix), atomically."""
        from planner.io.tables.templates import write_template

        write_template(path, kind, lang)

    @staticmethod
    def demo_history_path() -> Path:
        """The demo plan's history table, shipped with the app: lifts can be fitted from it to try fitting."""
        return resource_path("demo_history.csv")

    @staticmethod
    def write_file(path: Path, data: bytes) -> None:
        """Write `data` to `path` atomically, as every file of the app (a chart saved as PNG)."""
        from planner.io.atomic import write_atomically

        write_atomically(path, data)


def read_guardrails_history(path: Path) -> GuardHistory:
    """A history table completed as the guardrails read it (the CLI's `--history`: the same reader)."""
    from planner.io.tables import read_history

    return GuardHistory(path.name, read_history(path))


def fit_history_file(path: Path, previous: LiftTable) -> HistoryFit:
    """Read a history table and fit lifts from it (the bootstrap takes up to a few seconds: a job)."""
    return fit_read_history(read_guardrails_history(path).table, path.name, previous)


def fit_read_history(history: pd.DataFrame, name: str, previous: LiftTable) -> HistoryFit:
    """Fit lifts from a history table read; the table goes on to the guardrails."""
    return HistoryFit(GuardHistory(name, history), fit_lifts(history, previous))


@dataclass(frozen=True)
class ReadActuals:
    """An actuals table read and checked against the plan when it was read: the table completed by the reader,
    its spreadsheet rows and the problems of its own rules (none: it would not have been returned)."""

    file: str
    table: pd.DataFrame
    rows: np.ndarray
    problems: list[Problem]


def read_actuals_file(path: Path, plan: Plan) -> ReadActuals:
    """Read an actuals table; InputError with every problem of its own and every row that does not fit `plan`
    (a note it lacks, a day outside its campaign), in the file's order (planner.model.plan_actuals)."""
    from planner.io.tables import import_table

    result = import_table(path, "actuals")
    import_actuals(plan, result.frame, path.name, result.rows, checked=result.problems)  # raises on a problem
    return ReadActuals(path.name, result.frame, result.rows, result.problems)


def _table_kind(path: Path) -> str:
    from planner.io.tables.raw import read_raw_table

    header = {name.strip().lower() for name in read_raw_table(path).header}
    return "history" if header & {"period", "周期"} else "notes"
