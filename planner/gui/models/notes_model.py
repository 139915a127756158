"""The notes table model: one row per note over numpy arrays cached per change, sorted and filtered in numpy.

No item objects: data() reads the cached column arrays of the plan's notes and of its estimate. Sorting
(argsort on the column) and filtering (vectorised masks) happen in this model, which shows the notes in
`order` (positions in the plan); so a 10,000-note plan sorts in milliseconds. Edits become undo commands.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QUndoStack

from planner.gui.commands import SetNoteValuesCommand
from planner.gui.document import GUARDRAILS, SAME_FIGURES, Change, PlanDocument
from planner.gui.icons import icon
from planner.gui.labels import label, source_text, tooltip
from planner.gui.models.note_columns import (
    BOOL,
    COLUMN_INDEX,
    COLUMNS,
    DATE,
    FORMAT,
    INDUSTRY,
    LIFTED,
    NUMERIC_KINDS,
    TEXT,
    Column,
    ParseError,
    display_text,
    edit_text,
    parse_value,
)
from planner.model.errors import Problem
from planner.model.notes import check_notes, normalise_industry

NOTE_POSITION_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class NoteFilter:
    """Which notes the table shows: None = any; `text` is searched in id, title and creator."""

    industry: str | None = None
    eligible: bool | None = None
    locked: bool | None = None
    text: str = ""
    warned: bool = False  # only notes with a guardrail warning (MODEL.md section 12)


class NotesTableModel(QAbstractTableModel):
    """The plan's notes with their estimate; rows are the notes that pass the filter, in sort order."""

    editRejected = Signal(object)  # list[Problem]: an edit that was not applied, and why
    rowsShownChanged = Signal()  # the filter or the plan changed which notes are shown

    def __init__(self, document: PlanDocument, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        self._values: dict[str, np.ndarray] = {}
        self._haystack: pd.Series | None = None
        self._filter = NoteFilter()
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._load_all()
        self._order = self._compute_order()
        document.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ caches

    def _load_all(self) -> None:
        notes = self._document.plan.notes
        values = {c.key: notes[c.key].to_numpy() for c in COLUMNS if c.source == "notes"}
        self._values = values | self._outputs()
        self._haystack = None

    def _outputs(self) -> dict[str, np.ndarray]:
        frame = self._document.estimate.notes
        return {c.key: frame[c.key].to_numpy() for c in COLUMNS if c.source == "estimate"}

    def _note_count(self) -> int:
        return len(self._values["note_id"])

    def _on_changed(self, change: Change) -> None:
        if change.kind == GUARDRAILS:
            self._warnings_changed()
            return
        if change.kind in SAME_FIGURES:
            return  # the calendar or another scenario: no cell of the shown one changes
        self._update_figures(change)
        if self._filter.warned:  # any change of figures may add or clear a note's warnings
            self.beginResetModel()
            self._order = self._compute_order()
            self.endResetModel()
            self.rowsShownChanged.emit()

    def _update_figures(self, change: Change) -> None:
        if change.kind == "notes" and len(self._document.plan.notes) == self._note_count():
            notes = self._document.plan.notes
            for key in change.columns or [c.key for c in COLUMNS if c.source == "notes"]:
                if key in self._values:
                    self._values[key] = notes[key].to_numpy()
            self._values.update(self._outputs())
            if set(change.columns) & {"note_id", "title", "creator"}:
                self._haystack = None
            self._emit_all_changed()
        elif change.kind in ("params", "lifts", "actuals"):
            self._values.update(self._outputs())
            if self._filter.eligible is not None:  # joint investment on/off changes who is eligible
                self.beginResetModel()
                self._order = self._compute_order()
                self.endResetModel()
                self.rowsShownChanged.emit()
            else:
                self._emit_all_changed()
        else:
            self._replace_plan()

    def _replace_plan(self) -> None:
        same_notes = np.array_equal(self._document.plan.notes["note_id"].to_numpy(), self._values["note_id"])
        if same_notes:  # an optimise or an Excel apply: keep selection and scroll, re-sort
            self._load_all()
            self._relayout()
            self._emit_all_changed()
        else:
            self.beginResetModel()
            self._load_all()
            self._order = self._compute_order()
            self.endResetModel()
        self.rowsShownChanged.emit()

    def _warnings_changed(self) -> None:
        """Other warnings, the same figures: the id column's markers, and the rows the warnings filter shows."""
        if self._filter.warned:
            self.beginResetModel()
            self._order = self._compute_order()
            self.endResetModel()
            self.rowsShownChanged.emit()
        elif len(self._order):
            column = COLUMN_INDEX["note_id"]
            self.dataChanged.emit(self.index(0, column), self.index(len(self._order) - 1, column))

    def _emit_all_changed(self) -> None:
        if len(self._order):
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._order) - 1, len(COLUMNS) - 1))

    # ------------------------------------------------------------------ rows shown

    def _compute_order(self) -> np.ndarray:
        shown = np.flatnonzero(self._mask())
        if self._sort_column < 0 or not len(shown):
            return shown
        keys = self._sort_keys(COLUMNS[self._sort_column])[shown]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        if keys.dtype.kind == "f":  # negate for descending so that NaN (empty) stays last and ties stable
            order = np.argsort(-keys if descending else keys, kind="stable")
        else:
            order = np.argsort(keys, kind="stable")
            order = order[::-1] if descending else order
        return shown[order]

    def _sort_keys(self, column: Column) -> np.ndarray:
        values = self._values[column.key]
        if column.kind in NUMERIC_KINDS:
            return values.astype(float)
        if column.kind == BOOL:
            return values.astype(float)
        if column.kind == DATE:  # days as numbers, no day (NaT) as NaN: sorted last either way
            days = values.astype("datetime64[D]")
            return np.where(np.isnat(days), np.nan, days.astype(np.int64).astype(float))
        return np.asarray(values, dtype=str)

    def _mask(self) -> np.ndarray:
        f = self._filter
        mask = np.ones(self._note_count(), dtype=bool)
        if f.industry is not None:
            mask &= self._values["industry"] == f.industry
        if f.eligible is not None:
            mask &= self._values["eligible"].astype(bool) == f.eligible
        if f.locked is not None:
            mask &= self._values["locked"].astype(bool) == f.locked
        if f.warned:
            mask &= self._document.warned_mask
        if f.text.strip():
            mask &= self._search_text().str.contains(f.text.strip().lower(), regex=False).to_numpy(dtype=bool)
        return mask

    def _search_text(self) -> pd.Series:
        if self._haystack is None:
            notes = self._document.plan.notes
            self._haystack = (notes["note_id"] + "\n" + notes["title"] + "\n" + notes["creator"]).str.lower()
        return self._haystack

    def _relayout(self) -> None:
        """Recompute the order, keeping persistent indexes (selection, current cell) on their notes."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        positions = [int(self._order[i.row()]) if 0 <= i.row() < len(self._order) else -1 for i in old]
        self._order = self._compute_order()
        row_of = np.full(self._note_count(), -1)
        row_of[self._order] = np.arange(len(self._order))
        new = [self.index(int(row_of[p]), i.column()) if 0 <= p < len(row_of) and row_of[p] >= 0
               else QModelIndex() for p, i in zip(positions, old, strict=True)]
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._relayout()

    def set_filter(self, note_filter: NoteFilter) -> None:
        if note_filter == self._filter:
            return
        self._filter = note_filter
        self.beginResetModel()
        self._order = self._compute_order()
        self.endResetModel()
        self.rowsShownChanged.emit()

    @property
    def note_filter(self) -> NoteFilter:
        return self._filter

    def industries(self) -> list[str]:
        return sorted(set(self._values["industry"].tolist()))

    def total_notes(self) -> int:
        return self._note_count()

    def position(self, row: int) -> int:
        """The plan position of the note shown in `row`."""
        return int(self._order[row])

    def positions(self, rows: Sequence[int] | np.ndarray) -> np.ndarray:
        return self._order[np.asarray(rows, dtype=int)]

    def shown_positions(self) -> np.ndarray:
        return self._order.copy()

    def row_of(self, position: int) -> int:
        """The row showing the note at plan `position`, or -1 when the filter hides it."""
        found = np.flatnonzero(self._order == position)
        return int(found[0]) if len(found) else -1

    def column_values(self, key: str) -> np.ndarray:
        """A column's cached values, by plan position."""
        return self._values[key]

    # ------------------------------------------------------------------ Qt model interface

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = COLUMNS[index.column()]
        position = int(self._order[index.row()])
        value = self._values[column.key][position]
        if role == Qt.ItemDataRole.DisplayRole:
            return display_text(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(column, value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind == BOOL:
            return Qt.CheckState.Checked if bool(value) else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in NUMERIC_KINDS:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(column, position)
        if role == Qt.ItemDataRole.DecorationRole and column.key == "note_id" and self._is_warned(position):
            return icon("warning")
        if role == NOTE_POSITION_ROLE:
            return position
        return None

    def _is_warned(self, position: int) -> bool:
        return bool(self._document.warned_mask[position])

    def _tooltip(self, column: Column, position: int) -> str | None:
        if column.key == "note_id" and self._is_warned(position):
            return "\n".join(["⚠ " + warning.message for warning in self._document.note_warnings(position)])
        if column.kind in (TEXT, INDUSTRY, FORMAT):  # the whole text of a cell too narrow for it
            return display_text(column, self._values[column.key][position]) or None
        if column.key in LIFTED and bool(self._values["eligible"][position]):
            lifts = self._document.plan.lifts
            industry = str(self._values["industry"][position])
            row = lifts.row(industry)
            lift_name = ("ctr_lift", "interaction_lift", "entry_lift")[LIFTED[column.key]]
            lift = float(row[lift_name])
            base = float(self._values[column.key][position])
            n_notes = row["n_notes"]
            return self.tr("%1 %2 → %3 with joint investment: lift %4 (row %5; source: %6)").replace(
                "%1", label(column.key)).replace("%2", f"{base:.2%}").replace(
                "%3", f"{min(1.0, base * (1 + lift)):.2%}").replace("%4", f"{lift:+.1%}").replace(
                "%5", str(row.name)).replace("%6", source_text(str(row["source"]), n_notes))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        key = COLUMNS[section].key
        if role == Qt.ItemDataRole.DisplayRole:
            return label(key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(key)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = COLUMNS[index.column()]
        if column.editable:
            flags |= Qt.ItemFlag.ItemIsUserCheckable if column.kind == BOOL else Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not COLUMNS[index.column()].editable:
            return False
        column = COLUMNS[index.column()]
        position = int(self._order[index.row()])
        if column.kind == BOOL and role == Qt.ItemDataRole.CheckStateRole:
            new: object = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        elif role == Qt.ItemDataRole.EditRole:
            try:
                new = parse_value(column, str(value))
            except ParseError as error:
                note = str(self._values["note_id"][position])
                self.editRejected.emit([Problem(f"note {note}", None, column.key, str(value), error.expected)])
                return False
        else:
            return False
        problems = self.set_values(column.key, [position], [new], self.tr("Edit %1").replace("%1", label(column.key)))
        if problems:
            self.editRejected.emit(problems)
        return not problems

    # ------------------------------------------------------------------ edits as undo commands

    def check_values(self, field: str, positions: np.ndarray, values: Sequence[object] | np.ndarray
                     ) -> list[Problem]:
        """The problems the notes at `positions` would have with `values` in `field` (none = valid)."""
        trial = self._document.plan.notes.iloc[positions].copy()
        trial[field] = pd.Series(list(values), index=trial.index).astype(trial[field].dtype)
        found = check_notes(trial)
        ids = trial["note_id"].to_numpy()
        return [replace(p, file=f"note {ids[(p.row or 2) - 2]}", row=None) for p in found]

    def set_values(self, field: str, positions: Sequence[int] | np.ndarray,
                   values: Sequence[object] | np.ndarray, text: str) -> list[Problem]:
        """Check, then apply as one undoable command; returns the problems instead when there are any."""
        positions = np.asarray(positions, dtype=int)
        if field == "industry":
            values = normalise_industry(pd.Series(list(values), dtype=str)).to_numpy()
        problems = self.check_values(field, positions, values)
        if problems:
            return problems
        old = self._document.note_values(field, positions)
        new = np.asarray(values, dtype=old.dtype if old.dtype != object else object)
        if old.dtype.kind in "fM":
            same = np.array_equal(old, new.astype(old.dtype), equal_nan=True)
        else:
            same = np.array_equal(old, new)
        if not same:
            self._stack.push(SetNoteValuesCommand(self._document, field, positions, new, text))
        return []
