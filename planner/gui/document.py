"""The open plan: wraps an immutable model.Plan and tells the views when it changes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal

from planner.gui.history import GuardHistory
from planner.model.errors import InputError, Problem
from planner.model.funnel import Estimate, estimate
from planner.model.guardrails import Warning as PlanWarning
from planner.model.guardrails import guardrails
from planner.model.lifts import LiftTable
from planner.model.pacing import DailyPlan, pace, phase_spend, plan_windows
from planner.model.plan import Plan
from planner.model.thresholds import Thresholds
from planner.model.tracking import Tracking, track
from planner.model.uncertainty import uncertainty

Spread = dict[str, dict[str, float]]  # P10/P50/P90 of orders and gmv (model.uncertainty)
GUARDRAILS = "guardrails"  # the guardrails' thresholds or history changed: only the warnings follow
# Changes that leave the active scenario's figures as they were: its estimate and uncertainty are kept.
SAME_FIGURES = ("calendar", "scenarios", GUARDRAILS)
# Changes that leave the warnings as they were (a guardrails change is one of the figures' but not of these).
SAME_WARNINGS = ("calendar", "scenarios")


@dataclass(frozen=True)
class Change:
    """What a change touched, so views redraw only that: kind is notes, params, lifts, calendar (the campaign's
    phases), actuals (the daily actuals: tracking, and the figures of a scenario on observed rates), scenarios
    (the inactive scenarios or names: the active one's figures are the same), guardrails (their thresholds or
    the history they read: only the warnings) or plan (everything, a switch of scenario among them).

    `rows` are the note positions whose inputs changed (None = possibly all); `columns` the fields.
    """

    kind: str
    rows: tuple[int, ...] | None = None
    columns: tuple[str, ...] = ()


class PlanDocument(QObject):
    """The current plan, its file path, its estimate and its uncertainty (each computed once per change,
    when first asked for: the cards, the table and the charts all read these).

    Only undo commands call the mutators, so that every change can be undone.
    """

    changed = Signal(object)  # a Change, after the plan was replaced
    pathChanged = Signal(object)  # the new Path or None

    def __init__(self, plan: Plan, path: Path | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._plan = plan
        self._path = path
        self._estimate: Estimate | None = None
        self._spread: Spread | None = None
        self._daily: DailyPlan | list[Problem] | None = None  # None: not computed since the last change
        self._phase_spend: pd.DataFrame | None = None
        self._warnings: list[PlanWarning] | None = None
        self._warned: np.ndarray | None = None
        self._warned_mask: np.ndarray | None = None
        self._tracking: Tracking | list[Problem] | None = None
        self._history: GuardHistory | None = None  # the session's, not the plan's: never saved

    @property
    def plan(self) -> Plan:
        return self._plan

    @property
    def path(self) -> Path | None:
        return self._path

    def set_path(self, path: Path | None) -> None:
        self._path = path
        self.pathChanged.emit(path)

    @property
    def estimate(self) -> Estimate:
        """The funnel of the current plan; recomputed lazily after each change."""
        if self._estimate is None:
            self._estimate = estimate(self._plan)
        return self._estimate

    @property
    def uncertainty(self) -> Spread:
        """The P10–P90 of the plan's orders and GMV (MODEL.md section 6); recomputed lazily after each change.

        Empty when the lifts cannot be drawn (a range with low > high): no range is shown, rather than a guess.
        """
        if self._spread is None:
            try:
                self._spread = uncertainty(self._plan)
            except ValueError:
                self._spread = {}
        return self._spread

    @property
    def history(self) -> GuardHistory | None:
        """The history table the guardrails read (past history, unusual rates); None: those two are not checked."""
        return self._history

    def set_history(self, history: GuardHistory | None) -> None:
        """Read the guardrails against another history table (None: none); only the warnings change."""
        if history is self._history:
            return
        self._history = history
        self._forget_warnings()
        self.changed.emit(Change(GUARDRAILS))

    def forget_history(self) -> None:
        """No history, silently: another plan is about to be shown (its change redraws everything)."""
        self._history = None
        self._forget_warnings()

    @property
    def warnings(self) -> list[PlanWarning]:
        """The plan's guardrails at its estimate (MODEL.md section 12), with the session's history table: the
        plan's first, then the notes' in order."""
        if self._warnings is None:
            history = self._history.table if self._history is not None else None
            self._warnings = guardrails(self._plan, self.estimate, history=history)
        return self._warnings

    def _forget_warnings(self) -> None:
        self._warnings = None
        self._warned = None
        self._warned_mask = None

    @property
    def warned_positions(self) -> np.ndarray:
        """The plan position of each note warning (-1 for the plan's own), in the order of `warnings`."""
        if self._warned is None:
            ids = pd.Index(self._plan.notes["note_id"])
            self._warned = ids.get_indexer(pd.Index([w.note_id for w in self.warnings], dtype=object))
        return self._warned

    @property
    def warned_mask(self) -> np.ndarray:
        """Per note position: whether the note has a warning (the table's marker and filter read it per cell)."""
        if self._warned_mask is None:
            positions = self.warned_positions
            self._warned_mask = np.zeros(len(self._plan.notes), dtype=bool)
            self._warned_mask[positions[positions >= 0]] = True
        return self._warned_mask

    def note_warnings(self, position: int) -> list[PlanWarning]:
        """The warnings of the note at plan `position`."""
        found = np.flatnonzero(self.warned_positions == position)
        return [self.warnings[i] for i in found.tolist()]

    @property
    def daily_plan(self) -> DailyPlan | None:
        """The plan day by day over its calendar (MODEL.md section 9), from the cached estimate; recomputed
        lazily after each change. None without a calendar or while a note's window is invalid
        (`pacing_problems` says why)."""
        daily = self._pacing()
        return daily if isinstance(daily, DailyPlan) else None

    @property
    def pacing_problems(self) -> list[Problem]:
        """Why there is no daily plan: no calendar, or notes whose window the calendar cannot hold."""
        daily = self._pacing()
        return [] if isinstance(daily, DailyPlan) else daily

    def _pacing(self) -> DailyPlan | list[Problem]:
        if self._daily is None:
            try:
                self._daily = pace(self._plan, self.estimate)
            except InputError as error:
                self._daily = error.problems
        return self._daily

    @property
    def phase_spend(self) -> pd.DataFrame | None:
        """Each note's budget per phase (notes x phases, in the plan's order); None without a daily plan."""
        calendar = self._plan.calendar
        if self._phase_spend is None and calendar is not None and self.daily_plan is not None:
            windows = plan_windows(self._plan, calendar)
            self._phase_spend = phase_spend(calendar, windows, self._plan.notes["budget"].to_numpy(dtype=float))
        return self._phase_spend

    @property
    def tracking(self) -> Tracking | None:
        """The plan against its actuals to date (MODEL.md section 10); recomputed lazily after each change. None
        without a calendar or actuals, or while a note's window is invalid (`tracking_problems` says why)."""
        tracking = self._track()
        return tracking if isinstance(tracking, Tracking) else None

    @property
    def tracking_problems(self) -> list[Problem]:
        """Why there is no tracking: no calendar, no actuals, or notes whose window the calendar cannot hold."""
        tracking = self._track()
        return [] if isinstance(tracking, Tracking) else tracking

    def _track(self) -> Tracking | list[Problem]:
        if self._tracking is None:
            try:
                self._tracking = track(self._plan)
            except InputError as error:
                self._tracking = error.problems
        return self._tracking

    def replace_plan(self, plan: Plan, change: Change | None = None) -> None:
        change = change or Change("plan")
        self._plan = plan
        if change.kind not in SAME_FIGURES:
            self._estimate = None
            self._spread = None
        if change.kind not in SAME_WARNINGS:
            self._forget_warnings()
        if change.kind not in ("scenarios", GUARDRAILS):
            self._daily = None
            self._phase_spend = None
            self._tracking = None
        self.changed.emit(change)

    def set_note_values(self, field: str, rows: np.ndarray, values: np.ndarray) -> None:
        """Set one field of some notes (positions `rows`)."""
        notes = self._plan.notes.copy()
        column = notes[field].to_numpy().copy()
        column[rows] = values
        notes[field] = pd.Series(column, index=notes.index).astype(notes[field].dtype)
        self.replace_plan(self._plan.with_notes(notes), Change("notes", tuple(int(r) for r in rows), (field,)))

    def note_values(self, field: str, rows: np.ndarray) -> np.ndarray:
        return self._plan.notes[field].to_numpy()[rows].copy()

    def set_params(self, **changes: object) -> None:
        self.replace_plan(self._plan.with_params(**changes), Change("params", None, tuple(changes)))

    def set_lifts(self, lifts: LiftTable) -> None:
        self.replace_plan(replace(self._plan, lifts=lifts), Change("lifts"))

    def set_thresholds(self, thresholds: Thresholds) -> None:
        """When the guardrails warn (a plan setting, saved with it); only the warnings change."""
        self.replace_plan(replace(self._plan, thresholds=thresholds), Change(GUARDRAILS))
