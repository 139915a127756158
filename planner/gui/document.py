"""The open plan: wraps an immutable model.Plan and tells the views when it changes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import QObject, Signal

from planner.model.funnel import Estimate, estimate
from planner.model.lifts import LiftTable
from planner.model.plan import Plan
from planner.model.uncertainty import uncertainty

Spread = dict[str, dict[str, float]]  # P10/P50/P90 of orders and gmv (model.uncertainty)


@dataclass(frozen=True)
class Change:
    """What a change touched, so views redraw only that: kind is notes, params, lifts or plan (everything).

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

    def replace_plan(self, plan: Plan, change: Change | None = None) -> None:
        self._plan = plan
        self._estimate = None
        self._spread = None
        self.changed.emit(change or Change("plan"))

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
