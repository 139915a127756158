"""The plan's scenarios compared (MODEL.md section 8), kept up to date in the background for the views that show it.

Comparing estimates every scenario on its own (its funnel and its Monte Carlo): 10 scenarios of 100,000 notes
take seconds, so it is a job of the session's runner, with progress, started DEBOUNCE_MS after the last change
while a view watches it (the Compare tab, the frontier chart's points); a newer comparison supersedes an older
one still running. The comparison is made against the active scenario; a view shows it against another base by
`against(base)`, which computes nothing.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from planner.gui.document import GUARDRAILS, Change, PlanDocument
from planner.gui.jobs import Cancelled, Job, JobRunner
from planner.model.compare import Comparison, compare

DEBOUNCE_MS = 300


class Comparisons(QObject):
    """The latest comparison of the plan's scenarios; `updated` when it (or its state) changes."""

    updated = Signal()

    def __init__(self, document: PlanDocument, runner: JobRunner, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._runner = runner
        self.latest: Comparison | None = None
        self.error: str | None = None
        self.current = False  # `latest` is the comparison of the plan as it is now
        self._job: Job | None = None
        self._generation = 0  # counts the changes that can move a scenario's totals
        self._computing = 0  # the generation the running job compares
        self._watchers: set[int] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.compute_now)
        document.changed.connect(self._on_changed)

    # --- who wants it -----------------------------------------------------------------------------

    def watch(self, watcher: object, on: bool = True) -> None:
        """A view shows the comparison (`on`) or no longer does; while any does, it follows the plan."""
        if on:
            self._watchers.add(id(watcher))
            if not self.current and not self.busy:
                self.compute_now()
        else:
            self._watchers.discard(id(watcher))

    @property
    def busy(self) -> bool:
        return self._job is not None or self._timer.isActive()

    def _on_changed(self, change: Change) -> None:
        if change.kind in ("calendar", GUARDRAILS):
            return  # the days of the campaign, or when the warnings fire, change no scenario's totals
        self._generation += 1
        self.current = False
        if self._watchers:
            self._timer.start()
        self.updated.emit()  # views mark what they show as out of date

    # --- computing --------------------------------------------------------------------------------

    def compute_now(self) -> Job | None:
        """Compare the plan's scenarios as they are now; an older comparison still running is dropped."""
        self._timer.stop()
        plan = self._document.plan
        name = QCoreApplication.translate("Comparisons", "Comparing the scenarios…")
        job = Job("compare", name, compare, plan, progress=True, supersedes=True)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._computing = self._generation
        self._job = self._runner.submit(job)
        self.updated.emit()
        return self._job

    def _finished(self, comparison: Comparison) -> None:
        self._job = None
        self.latest, self.error = comparison, None
        self.current = self._computing == self._generation
        self.updated.emit()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            return  # a newer comparison replaced it (or the window closes)
        self._job = None
        self.latest, self.error = None, str(error)
        self.current = self._computing == self._generation
        self.updated.emit()

    # --- reading ----------------------------------------------------------------------------------

    def against(self, base: str | None) -> Comparison | None:
        """The latest comparison with `base` as its base (the active scenario when `base` is not one of them)."""
        comparison = self.latest
        if comparison is None:
            return None
        if base not in comparison.totals.columns:
            base = self._document.plan.scenario.name
            if base not in comparison.totals.columns:
                base = comparison.base
        return comparison if base == comparison.base else replace(comparison, base=base)
