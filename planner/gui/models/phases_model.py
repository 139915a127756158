"""The campaign calendar's phases as an editable table: a draft the Calendar tab applies only once it is valid.

Each row is a phase (MODEL.md section 9): name, first day, opening time, last day, weight, its share of the
weights, and shape (even, or a pacing percent). Typed text that is no value of its column is refused at once;
a draft of values (overlapping phases, a phase with no days, weights all 0, a shape outside 50-150) is kept and
checked by the core (planner.model.calendar.check_calendar) as a whole, so that a move across two cells can
pass through an invalid state. Moving a phase's first or last day moves its neighbour's adjoining day with it,
so phases stay end to end.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal

from planner.gui.i18n import ui_lang
from planner.model.calendar import EVEN, PHASE_NAMES, Calendar, Phase
from planner.model.dates import parse_day
from planner.model.fields import term

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("phase", "start", "opening", "end", "weight", "share", "shape")
EVEN_WORDS = ("", "even", "均匀", "平均", "—")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class CellError(ValueError):
    """Typed text that is no value of its column; `expected` says what would be (in the UI language)."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def opening_text(hour: float) -> str:
    """An opening hour as 20:00; "" for midnight (the whole first day counts)."""
    if not hour:
        return ""
    hours, minutes = divmod(round(hour * 60), 60)
    return f"{hours:02d}:{minutes:02d}"


def shape_text(shape: float | None) -> str:
    return "" if shape is EVEN else f"{shape:g}%"


class PhasesModel(QAbstractTableModel):
    """The draft phases of the Calendar tab; `edited` after each change of the draft."""

    edited = Signal()
    cellRefused = Signal(int, str, str, str)  # row (1 = first phase), column title, text typed, expected

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._phases: list[Phase] = []
        self._calendar: Calendar | None = None

    # --- the draft --------------------------------------------------------------------------------

    def load(self, calendar: Calendar | None) -> None:
        """Show `calendar` (the plan's), dropping any draft."""
        self.beginResetModel()
        self._calendar = calendar
        self._phases = list(calendar.phases) if calendar is not None else []
        self.endResetModel()

    @property
    def phases(self) -> tuple[Phase, ...]:
        return tuple(self._phases)

    def draft(self) -> Calendar | None:
        """The calendar the table holds now (its name and source kept); None without a phase."""
        if not self._phases:
            return None
        if self._calendar is None:
            return Calendar(tuple(self._phases))
        return self._calendar.with_phases(tuple(self._phases))

    def is_draft(self) -> bool:
        """The table differs from the calendar it was loaded with."""
        loaded = self._calendar.phases if self._calendar is not None else ()
        return tuple(self._phases) != loaded

    def add_phase(self) -> None:
        """A phase after the last one, a week long, weight 0 (today's week when there is none)."""
        last = self._phases[-1] if self._phases else None
        start = last.end + timedelta(days=1) if last is not None else date.today()
        taken = {phase.name for phase in self._phases}
        names = [PHASE_NAMES[key] if ui_lang() == "zh" else key for key in PHASE_NAMES]
        name = next((n for n in names if n not in taken), "")
        number = len(self._phases) + 1
        while not name:
            candidate = self.tr("Phase %1").replace("%1", str(number))
            name = "" if candidate in taken else candidate
            number += 1
        row = len(self._phases)
        self.beginInsertRows(QModelIndex(), row, row)
        self._phases.append(Phase(name, start, start + timedelta(days=6), 0.0))
        self.endInsertRows()
        self.edited.emit()

    def remove_phase(self, row: int) -> None:
        """Remove a phase; its days go to the phase before it (or, for the first, to the one after)."""
        if not 0 <= row < len(self._phases):
            return
        gone = self._phases[row]
        self.beginResetModel()
        del self._phases[row]
        if row > 0 and self._phases:
            self._phases[row - 1] = replace(self._phases[row - 1], end=max(self._phases[row - 1].end, gone.end))
        elif self._phases:
            self._phases[0] = replace(self._phases[0], start=min(self._phases[0].start, gone.start), start_hour=0.0)
        self.endResetModel()
        self.edited.emit()

    # --- Qt model interface -----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._phases)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def title(self, column: int) -> str:
        key = COLUMNS[column]
        if key == "opening":
            return self.tr("Opening time")
        if key == "share":
            return self.tr("Share")
        if key in ("start", "end"):
            return self.tr("First day") if key == "start" else self.tr("Last day")
        return term(key, ui_lang()) or key

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.title(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(COLUMNS[section])
        return None

    def _header_tip(self, key: str) -> str:
        return {
            "phase": self.tr("The phase's name: 蓄水 build-up, 预热 warm-up, 预售 presale, 爆发 peak, 返场 encore, or "
                             "your own"),
            "start": self.tr("The phase's first day, e.g. 2025-05-13"),
            "opening": self.tr("When the phase opens on its first day, e.g. 20:00 for the 618 presale; that day "
                               "then also ends the phase before. Empty: at midnight"),
            "end": self.tr("The phase's last day (the whole day counts)"),
            "weight": self.tr("The phase's share of the money, relative to the other phases' weights"),
            "share": self.tr("The weight as a part of all the phases' weights"),
            "shape": self.tr("Even, or a pacing percent from 50 to 150: over 100 spends more early in the phase, "
                             "under 100 more late"),
        }[key]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        phase = self._phases[index.row()]
        key = COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(phase, key, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("weight", "share", "shape"):
            return _RIGHT
        return None

    def _text(self, phase: Phase, key: str, editing: bool) -> str:
        if key == "phase":
            return phase.name
        if key in ("start", "end"):
            return getattr(phase, key).isoformat()
        if key == "opening":
            return opening_text(phase.start_hour)
        if key == "weight":
            return f"{phase.weight:g}"
        if key == "share":
            total = sum(p.weight for p in self._phases if math.isfinite(p.weight) and p.weight > 0)
            return f"{phase.weight / total:.1%}" if total > 0 and phase.weight >= 0 else "—"
        if phase.shape is EVEN:
            return "" if editing else self.tr("even")
        return shape_text(phase.shape)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if COLUMNS[index.column()] == "share" else flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, key = index.row(), COLUMNS[index.column()]
        text = str(value).strip()
        try:
            changed = self._edited(row, key, text)
        except CellError as error:
            self.cellRefused.emit(row + 1, self.title(index.column()), text, error.expected)
            return False
        if changed == self._phases:
            return True
        self._phases = changed
        self.dataChanged.emit(self.index(0, 0), self.index(len(self._phases) - 1, len(COLUMNS) - 1))
        self.edited.emit()
        return True

    # --- parsing and the neighbours that move with an edit ---------------------------------------

    def _edited(self, row: int, key: str, text: str) -> list[Phase]:
        phases = list(self._phases)
        phase = phases[row]
        if key == "phase":
            phases[row] = replace(phase, name=text)
        elif key == "weight":
            phases[row] = replace(phase, weight=self._weight(text))
        elif key == "shape":
            phases[row] = replace(phase, shape=self._shape(text))
        elif key == "end":
            day = self._day(text)
            phases[row] = replace(phase, end=day)
            if row + 1 < len(phases):
                following = phases[row + 1]
                if following.start == phase.end + timedelta(days=1) and not following.start_hour:
                    phases[row + 1] = replace(following, start=day + timedelta(days=1))
                elif following.start == phase.end and following.start_hour:
                    phases[row + 1] = replace(following, start=day)
        elif key == "start":
            day = self._day(text)
            phases[row] = replace(phase, start=day)
            self._follow_start(phases, row, phase, day, phase.start_hour)
        else:
            hour = self._hour(text)
            phases[row] = replace(phase, start_hour=hour)
            self._follow_start(phases, row, phase, phase.start, hour)
        return phases

    @staticmethod
    def _follow_start(phases: list[Phase], row: int, old: Phase, day: date, hour: float) -> None:
        """The phase before ends the day before `day`, or on `day` when the phase opens at an hour."""
        if row == 0:
            return
        before = phases[row - 1]
        adjoining = before.end == old.start - timedelta(days=1) or (before.end == old.start and old.start_hour)
        if adjoining:
            phases[row - 1] = replace(before, end=day if hour else day - timedelta(days=1))

    def _day(self, text: str) -> date:
        day = parse_day(text)
        if day is None:
            raise CellError(self.tr("a date such as 2025-05-13 (or 2025/5/13)"))
        return day

    def _hour(self, text: str) -> float:
        if text in ("", "0", "00:00", "0:00"):
            return 0.0
        hours, _, minutes = text.replace("：", ":").partition(":")
        try:
            hour = int(hours) + (int(minutes) / 60 if minutes else 0.0)
        except ValueError:
            raise CellError(self.tr("an opening time such as 20:00, or empty for midnight")) from None
        if not (0 <= int(hours) < 24 and 0 <= (int(minutes) if minutes else 0) < 60):
            raise CellError(self.tr("an opening time such as 20:00, or empty for midnight"))
        return hour

    def _weight(self, text: str) -> float:
        try:
            weight = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise CellError(self.tr("a number of 0 or more, or a percentage such as 30%")) from None
        if not math.isfinite(weight):
            raise CellError(self.tr("a number of 0 or more, or a percentage such as 30%"))
        return weight

    def _shape(self, text: str) -> float | None:
        if text.lower() in EVEN_WORDS or text == self.tr("even"):
            return EVEN
        try:
            shape = float(text.removesuffix("%"))
        except ValueError:
            raise CellError(self.tr("even (or empty), or a pacing percent from 50 to 150")) from None
        if not math.isfinite(shape):
            raise CellError(self.tr("even (or empty), or a pacing percent from 50 to 150"))
        return shape
