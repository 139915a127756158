"""Table models of the Pacing tab: the plan day by day, and each note's budget by phase (MODEL.md section 9).

Both read what the document computed once per change (PlanDocument.daily_plan, .phase_spend): numpy arrays,
no item objects, so a plan of 100,000 notes shows its phase table at once.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from planner import formats
from planner.gui.i18n import ui_lang
from planner.gui.labels import label
from planner.model.fields import term
from planner.model.pacing import DailyPlan

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
DAY_COLUMNS = ("date", "phase", "weight", "spend", "brand", "platform", "cumulative_spend", "cumulative_share",
               "orders", "gmv")
MONEY_COLUMNS = ("spend", "brand", "platform", "cumulative_spend", "gmv")


class DailyModel(QAbstractTableModel):
    """One row per campaign day: phase, day weight (its share of all), spend, who pays, cumulative, outcomes."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._frame = pd.DataFrame(columns=list(DAY_COLUMNS))
        self._today_row = -1

    def set_daily(self, daily: DailyPlan | None, today: date | None = None) -> None:
        self.beginResetModel()
        if daily is None:
            self._frame = pd.DataFrame(columns=list(DAY_COLUMNS))
            self._today_row = -1
        else:
            frame = daily.frame()
            total = float(frame["weight"].sum())
            frame["weight"] = frame["weight"] / total if total > 0 else 0.0
            self._frame = frame[list(DAY_COLUMNS)]
            row = daily.day(today) if today is not None else -1
            self._today_row = row if 0 <= row < len(frame) else -1
        self.endResetModel()

    @property
    def today_row(self) -> int:
        return self._today_row

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._frame)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DAY_COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = DAY_COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = self._frame[key].iat[index.row()]
            if key in ("date", "phase"):
                return str(value)
            if key in ("weight", "cumulative_share"):
                return formats.percent(float(value), 1)
            if key in MONEY_COLUMNS:
                return formats.money(float(value))
            return formats.count(float(value)) if float(value) >= 10 else f"{float(value):.1f}"
        if role == Qt.ItemDataRole.TextAlignmentRole and key not in ("date", "phase"):
            return _RIGHT
        if role == Qt.ItemDataRole.FontRole and index.row() == self._today_row:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(DAY_COLUMNS):
            return None
        key = DAY_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "date": self.tr("Day"), "phase": term("phase", ui_lang()), "weight": self.tr("Day weight"),
                "spend": self.tr("Spend"), "brand": label("brand_cost"), "platform": label("platform_cost"),
                "cumulative_spend": self.tr("Cumulative spend"), "cumulative_share": self.tr("Share of budget"),
                "orders": label("orders"), "gmv": label("gmv")}[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "weight": self.tr("The day's part of the campaign's weight (MODEL.md section 9): its share of the "
                                  "money of notes active all campaign"),
                "spend": self.tr("Planned spend that day: brand and platform money together"),
                "cumulative_share": self.tr("Spend up to and including the day, as a part of all the budgets"),
            }.get(key)
        return None


class PhaseSpendModel(QAbstractTableModel):
    """One row per note (the plan's order): id, title, its budget in each phase, its whole budget."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids = np.array([], dtype=object)
        self._titles = np.array([], dtype=object)
        self._spend = np.zeros((0, 0))
        self._phases: list[str] = []

    def set_spend(self, spend: pd.DataFrame | None, notes: pd.DataFrame) -> None:
        self.beginResetModel()
        if spend is None:
            self._ids, self._titles, self._spend, self._phases = (np.array([], dtype=object),
                                                                  np.array([], dtype=object), np.zeros((0, 0)), [])
        else:
            self._ids = notes["note_id"].to_numpy(dtype=object)
            self._titles = notes["title"].to_numpy(dtype=object)
            self._spend = spend.to_numpy(dtype=float)
            self._phases = [str(name) for name in spend.columns]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._phases else len(self._phases) + 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return str(self._ids[row])
            if column == 1:
                return str(self._titles[row])
            values = self._spend[row]
            value = float(values.sum()) if column == len(self._phases) + 2 else float(values[column - 2])
            return formats.money(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return label("note_id")
        if section == 1:
            return label("title")
        if section == len(self._phases) + 2:
            return label("budget")
        return self._phases[section - 2] if 2 <= section < len(self._phases) + 2 else None

    def phase_values(self, row: int) -> list[float]:
        return self._spend[row].tolist()
