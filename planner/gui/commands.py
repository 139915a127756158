"""One QUndoCommand per user action; each stores just enough to undo itself."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtGui import QUndoCommand

from planner.gui.document import Change, PlanDocument
from planner.model.lifts import LiftTable
from planner.model.plan import Plan


class SetNoteValuesCommand(QUndoCommand):
    """Set one field of some notes: an inline edit, a bulk edit, a paste or a lock toggle."""

    def __init__(self, document: PlanDocument, field: str, rows: Sequence[int] | np.ndarray,
                 values: Sequence[object] | np.ndarray, text: str):
        super().__init__(text)
        self._document = document
        self._field = field
        self._rows = np.asarray(rows, dtype=int)
        self._new = np.asarray(values)
        self._old = document.note_values(field, self._rows)

    def redo(self) -> None:
        self._document.set_note_values(self._field, self._rows, self._new)

    def undo(self) -> None:
        self._document.set_note_values(self._field, self._rows, self._old)


class SetParamsCommand(QUndoCommand):
    """Change plan parameters (brand budget, joint investment, platform share and cap, objective)."""

    def __init__(self, document: PlanDocument, text: str, **changes: object):
        super().__init__(text)
        self._document = document
        self._new = changes
        params = document.plan.params
        self._old = {name: getattr(params, name) for name in changes}

    def redo(self) -> None:
        self._document.set_params(**self._new)

    def undo(self) -> None:
        self._document.set_params(**self._old)


class SetLiftsCommand(QUndoCommand):
    """Replace the lift table: an edited row, or fitted lifts accepted from history."""

    def __init__(self, document: PlanDocument, lifts: LiftTable, text: str):
        super().__init__(text)
        self._document = document
        self._new = lifts
        self._old = document.plan.lifts

    def redo(self) -> None:
        self._document.set_lifts(self._new)

    def undo(self) -> None:
        self._document.set_lifts(self._old)


class ReplacePlanCommand(QUndoCommand):
    """Replace the whole plan in one step: optimise, import notes, apply edits from Excel."""

    def __init__(self, document: PlanDocument, plan: Plan, text: str, change: Change | None = None):
        super().__init__(text)
        self._document = document
        self._new = plan
        self._old = document.plan
        self._change = change or Change("plan")

    def redo(self) -> None:
        self._document.replace_plan(self._new, self._change)

    def undo(self) -> None:
        self._document.replace_plan(self._old, self._change)
