"""Table models over a comparison of scenarios (planner.model.compare): totals side by side, notes that differ.

The totals table has one row per figure (the brand budget, the totals, the P10/P90 of orders and GMV) and,
after the base scenario's column, three per other scenario: its figure, its difference to the base and that
difference as a percentage of the base's figure. Nothing is computed here but those differences.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from planner import formats
from planner.gui.i18n import ui_lang
from planner.gui.labels import label, tooltip
from planner.model.compare import COMPARED, Comparison
from planner.model.fields import term
from planner.model.funnel import TOTAL_KEYS

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
FIGURES = ("brand_budget", *COMPARED)
MONEY = {"brand_budget", "budget", "brand_cost", "platform_cost", "gmv", "cpa", "gmv_p10", "gmv_p90"}
RATIOS = {"roi", "brand_roi"}
VALUE, DIFFERENCE, RELATIVE = "value", "difference", "relative"


def figure_label(key: str) -> str:
    """A figure's name: a field's label, the brand budget's, or a band's (订单 P10)."""
    if key == "brand_budget":
        return term(key, ui_lang()) or key
    base, _, band = key.rpartition("_")
    if band in ("p10", "p90"):
        return f"{label(base)} {band.upper()}"
    return label(key)


def figure_text(key: str, value: float, signed: bool = False) -> str:
    """A figure as the cards show it in full: ¥1,234 / 1,234 / 3.45; `signed` adds + to a rise."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if key in MONEY:  # whole yuan, fen for a price (CPA): planner.formats' one way for money
        text = formats.money(abs(value) if signed else value, fen=key in formats.PRICES)
    elif key in RATIOS:
        text = formats.ratio(abs(value) if signed else value)
    else:
        text = formats.count(abs(value) if signed else value)
    if signed:
        return ("+" if value > 0 else "−" if value < 0 else "±") + text
    return text


def relative_text(value: float) -> str:
    if value is None or math.isnan(value) or math.isinf(value):
        return "—"
    return f"{value * 100:+.1f}%".replace("-", "−")


class CompareTotalsModel(QAbstractTableModel):
    """Figures (rows) by scenario: the base first, then each other one with its difference, absolute and %."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._values = pd.DataFrame()
        self._base = ""
        self._columns: list[tuple[str, str]] = []  # (scenario, VALUE | DIFFERENCE | RELATIVE)

    def set_comparison(self, comparison: Comparison | None) -> None:
        self.beginResetModel()
        if comparison is None:
            self._values, self._base, self._columns = pd.DataFrame(), "", []
        else:
            brand = pd.DataFrame([comparison.brand_budgets], index=["brand_budget"])
            self._values = pd.concat([brand, comparison.totals]).astype(float).reindex(list(FIGURES))
            self._base = comparison.base
            others = [name for name in self._values.columns if name != self._base]
            self._columns = [(self._base, VALUE)] + [(name, part) for name in others
                                                     for part in (VALUE, DIFFERENCE, RELATIVE)]
        self.endResetModel()

    @property
    def base(self) -> str:
        return self._base

    def value(self, key: str, scenario: str, part: str = VALUE) -> float:
        """A figure of a scenario, its difference to the base, or that difference over the base's figure."""
        figure = float(self._values.at[key, scenario])
        if part == VALUE:
            return figure
        base = float(self._values.at[key, self._base])
        difference = figure - base
        if part == DIFFERENCE:
            return difference
        return difference / base if base != 0 and not math.isnan(base) else math.nan

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values.index)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key = FIGURES[index.row()]
        scenario, part = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            number = self.value(key, scenario, part)
            if part == RELATIVE:
                return relative_text(number)
            return figure_text(key, number, signed=part == DIFFERENCE)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.ForegroundRole and part != VALUE:
            return Qt.GlobalColor.darkGray
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._values.index):
                return None
            key = FIGURES[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return figure_label(key)
            if role == Qt.ItemDataRole.ToolTipRole and key in TOTAL_KEYS:
                return tooltip(key)
            return None
        if not 0 <= section < len(self._columns):
            return None
        scenario, part = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if part == VALUE:
                return scenario + (" " + self.tr("(base)") if scenario == self._base else "")
            return "Δ" if part == DIFFERENCE else "Δ%"
        if role == Qt.ItemDataRole.ToolTipRole:
            if part == DIFFERENCE:
                return self.tr("%1 minus %2 (the base)").replace("%1", scenario).replace("%2", self._base)
            if part == RELATIVE:
                return self.tr("%1 minus %2, as a percentage of %2").replace("%1", scenario).replace("%2", self._base)
            return scenario
        return None


class DifferingNotesModel(QAbstractTableModel):
    """The notes whose budgets differ most from the base's: id, title, each scenario's budget, the largest gap."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._ids: list[str] = []
        self._titles: list[str] = []
        self._budgets = np.zeros((0, 0))
        self._scenarios: list[str] = []
        self._largest = np.zeros(0)

    def set_notes(self, comparison: Comparison | None, titles: pd.Series) -> None:
        """`titles` by note id (the plan's notes)."""
        self.beginResetModel()
        if comparison is None:
            self._ids, self._titles, self._scenarios = [], [], []
            self._budgets, self._largest = np.zeros((0, 0)), np.zeros(0)
        else:
            frame = comparison.notes_differing_most()
            order = [comparison.base] + [name for name in frame.columns if name != comparison.base]
            frame = frame[order]
            self._ids = [str(note) for note in frame.index]
            self._titles = titles.reindex(frame.index).fillna("").astype(str).tolist()
            self._scenarios = order
            self._budgets = frame.to_numpy(dtype=float)
            gaps = self._budgets - self._budgets[:, :1]
            pick = np.argmax(np.abs(gaps), axis=1) if len(gaps) else np.zeros(0, dtype=int)
            self._largest = gaps[np.arange(len(gaps)), pick] if len(gaps) else np.zeros(0)
        self.endResetModel()

    def note_ids(self) -> list[str]:
        return list(self._ids)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or not self._scenarios else len(self._scenarios) + 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        last = len(self._scenarios) + 2
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return self._ids[row]
            if column == 1:
                return self._titles[row]
            if column == last:
                return figure_text("budget", float(self._largest[row]), signed=True)
            return figure_text("budget", float(self._budgets[row, column - 2]))
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 2:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return self._titles[row] or None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return label("note_id")
        if section == 1:
            return label("title")
        if section == len(self._scenarios) + 2:
            return self.tr("Largest difference")
        if 2 <= section < len(self._scenarios) + 2:
            name = self._scenarios[section - 2]
            return self.tr("%1 budget").replace("%1", name)
        return None
