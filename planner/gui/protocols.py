"""What views and charts may ask of the open plan's session (planner.gui.session.PlanSession).

Views and charts are typed against this protocol rather than the class, so that they import nothing that
imports planner.io, not even indirectly: the session is the only part of the GUI that touches files. The
values the file layer hands back (a table's preview, its rows and problems, a workbook's edits) reach the
views as `Any`; their fields are named where they are used.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtGui import QUndoStack

from planner.gui.comparisons import Comparisons
from planner.gui.document import PlanDocument
from planner.gui.jobs import Job, JobRunner
from planner.model.calendar import Calendar
from planner.model.plan import Plan


class Session(Protocol):
    """The document, the undo stack, the job runner, and the jobs that read and write files."""

    document: PlanDocument
    undo_stack: QUndoStack
    runner: JobRunner
    comparisons: Comparisons
    is_demo: bool  # the plan shown is the built-in demo

    def table_schema(self, kind: str) -> Any:
        """A table kind's fields (`kinds`), their Chinese labels (`labels`) and required ones."""

    def preview_table(self, path: Path, kind: str, rows: int) -> Job:
        """A job giving the top of a table and its columns as recognised (a TablePreview)."""

    def read_table(self, path: Path, kind: str, column_map: dict[str, str | None],
                   skip_rows: Collection[int] | None = None) -> Job:
        """A job giving every row of a table under the user's columns, and their problems (an ImportResult)."""

    def export_excel(self, path: Path, lang: str) -> Job | None:
        """A job writing the plan as a workbook; None while an export runs."""

    def read_edits(self, path: Path) -> Job | None:
        """A job reading a workbook's edits against the plan as it is now (Edits); None while one runs."""

    def plan_with_edits(self, plan: Plan, edits: Any) -> Plan:
        """`plan` with a workbook's edits applied."""

    def fit_history_file(self, path: Path) -> Job | None:
        """A job reading a history table and fitting lifts from it (a HistoryFit); None while a fit runs. Once
        fitted, the table is the guardrails' history."""

    def fit_history(self, history: Any, name: str) -> Job | None:
        """A job fitting lifts from a history table already read (a HistoryFit), as `fit_history_file`."""

    def read_guardrails_history(self, path: Path) -> Job | None:
        """A job reading a history table for the guardrails (a GuardHistory); None while one is read."""

    def calendar_presets(self) -> list[tuple[str, Calendar]]:
        """The shipped calendars (key, calendar), named in the language spoken."""

    def read_calendar(self, path: Path) -> Job | None:
        """A job reading a calendar table (a Calendar); None while one is read."""

    def demo_history_path(self) -> Path:
        """The demo plan's history table, shipped with the app."""

    def read_actuals(self, path: Path) -> Job | None:
        """A job reading an actuals table and checking it against the plan (ReadActuals); None while one runs."""

    def demo_actuals_path(self) -> Path:
        """The demo plan's sample actuals, shipped with the app."""

    def replan(self) -> Job | None:
        """A job re-planning the rest of the campaign: (plan, OptimiseResult); None while one runs."""

    def write_file(self, path: Path, data: bytes) -> None:
        """Write `data` to `path` atomically; InputError or OSError as every writer of the app."""

    def sample_exports(self) -> list[Path]:
        """The demo brand's sample platform exports."""

    def export_kinds(self) -> dict[str, tuple[str, str, str]]:
        """Each export kind: its name, its platform and what it is, in the core's language."""

    def recognise_exports(self, paths: list[Path], column_maps: dict[str, dict[str, str | None]]) -> Job:
        """A job giving each file's export kind, header row and missing columns (ExportFile list)."""

    def read_exports(self, paths: list[Path], choices: dict[str, Any]) -> Job:
        """A job reading the exports into our table with every derivation (an ExportImport)."""

    def write_table(self, path: Path, frame: Any) -> None:
        """Write a table of ours as CSV, atomically."""
