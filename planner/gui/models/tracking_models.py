"""Table models of the Tracking tab (MODEL.md section 10): the plan against its actuals to date, per note, and each
note's observed rates beside the planned ones with the counts behind them.

They read the document's Tracking (PlanDocument.tracking, computed once per change): numpy columns, no item
objects. The per-note tables sort by any column with numpy (empty values last), so 10,000 notes sort at once.
A pacing status is shown as its word on a tint of its colour: the word for those who cannot tell the colours
apart, a translucent tint so that the text keeps the theme's own colour and reads in light and dark themes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from planner import formats
from planner.gui.i18n import ui_lang
from planner.model.fields import ACTUALS_FIELD, pick
from planner.model.fields import label as field_label
from planner.model.observed import OBSERVED
from planner.model.tracking import ON_TRACK, OVER, SLIGHTLY_OVER, TRACKED, UNDER, Tracking, status_of

Index = QModelIndex | QPersistentModelIndex
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
MONEY_KEYS = ("spend", "gmv")
# The four bands of section 10, each a hue that stays readable as a translucent tint on white and on dark grey.
STATUS_COLOURS: dict[str, tuple[int, int, int]] = {
    UNDER: (52, 120, 220), ON_TRACK: (46, 160, 80), SLIGHTLY_OVER: (235, 160, 20), OVER: (214, 69, 65)}
TINT_ALPHA = 90
STATUS_ORDER = {UNDER: 0, ON_TRACK: 1, SLIGHTLY_OVER: 2, OVER: 3}


def status_word(status: str) -> str:
    """A pacing status in the UI language; "" for none (nothing planned to date)."""
    words = {UNDER: QCoreApplication.translate("Tracking", "Under"),
             ON_TRACK: QCoreApplication.translate("Tracking", "On track"),
             SLIGHTLY_OVER: QCoreApplication.translate("Tracking", "Slightly over"),
             OVER: QCoreApplication.translate("Tracking", "Over")}
    return words.get(status, "")


def status_rule() -> str:
    """The bands of section 10, for tooltips."""
    return QCoreApplication.translate(
        "Tracking", "Pacing status: actual spend to date as a share of the planned: under below 80%, on track "
                    "80–110%, slightly over 110–130%, over above 130%")


def status_tint(status: str) -> QColor | None:
    colour = STATUS_COLOURS.get(status)
    return QColor(*colour, TINT_ALPHA) if colour else None


def name(key: str) -> str:
    """A tracked figure's or a rate's name in the UI language: the actuals' words where it is one of theirs (消费,
    as the platforms' exports say), else the field catalogue's (点击率…)."""
    field = ACTUALS_FIELD.get(key)
    return pick(field.label, ui_lang()) if field is not None else field_label(key, ui_lang())


def amount(key: str, value: float) -> str:
    return formats.money(value) if key in MONEY_KEYS else formats.count(value)


def variance(key: str, value: float) -> str:
    """A variance with its sign: +¥1,200, -350 (and ¥0, 0 without one)."""
    text = amount(key, value)
    return "+" + text if value > 0 and text not in (amount(key, 0.0), formats.MISSING) else text


def achievement(value: float) -> str:
    return formats.percent(value, 1)


def _measures() -> dict[str, str]:
    return {"planned": QCoreApplication.translate("Tracking", "Planned to date"),
            "actual": QCoreApplication.translate("Tracking", "Actual"),
            "variance": QCoreApplication.translate("Tracking", "Variance"),
            "achievement": QCoreApplication.translate("Tracking", "Achievement")}


def _short_measures() -> dict[str, str]:
    """The measures under a figure's name in the per-note table's headers (消费 / 计划)."""
    return {"planned": QCoreApplication.translate("Tracking", "planned"),
            "actual": QCoreApplication.translate("Tracking", "actual"),
            "variance": QCoreApplication.translate("Tracking", "variance"),
            "achievement": QCoreApplication.translate("Tracking", "achievement")}


def _measure_tips() -> dict[str, str]:
    return {"planned": QCoreApplication.translate(
                "Tracking", "The daily plan summed up to the last day with actuals (each note's budget and outcomes "
                            "spread over its window by day weight)"),
            "actual": QCoreApplication.translate("Tracking", "The actuals summed up to the last day with actuals"),
            "variance": QCoreApplication.translate("Tracking", "Actual − planned to date"),
            "achievement": QCoreApplication.translate("Tracking", "Actual ÷ planned to date (empty where nothing "
                                                                  "was planned)")}


class TrackingTotalsModel(QAbstractTableModel):
    """The plan's spend and outcomes to date: one row per figure; planned, actual, variance, achievement."""

    COLUMNS = ("planned", "actual", "variance", "achievement")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._totals = pd.DataFrame(columns=list(self.COLUMNS))

    def set_tracking(self, tracking: Tracking | None) -> None:
        self.beginResetModel()
        self._totals = tracking.totals if tracking is not None else pd.DataFrame(columns=list(self.COLUMNS))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._totals)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        key, column = str(self._totals.index[index.row()]), self.COLUMNS[index.column()]
        value = float(self._totals[column].iat[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "achievement":
                return achievement(value)
            return variance(key, value) if column == "variance" else amount(key, value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT
        if role == Qt.ItemDataRole.BackgroundRole and key == "spend" and column == "achievement":
            status = self.spend_status()
            tint = status_tint(status)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ToolTipRole and key == "spend" and column == "achievement":
            return status_word(self.spend_status()) + " · " + status_rule()
        return None

    def spend_status(self) -> str:
        if "spend" not in self._totals.index:
            return ""
        return str(status_of(np.array([float(self._totals.at["spend", "achievement"])]))[0])

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._totals):
                return name(str(self._totals.index[section]))
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _measures()[self.COLUMNS[section]]
        if role == Qt.ItemDataRole.ToolTipRole:
            return _measure_tips()[self.COLUMNS[section]]
        return None


@dataclass(frozen=True)
class Column:
    """A column of a sortable table: its sort keys (one per note; text or numbers), how the cell of a note reads
    (by the note's position), its header and tooltip."""

    keys: np.ndarray
    text: Callable[[int], str]
    header: str
    tip: str = ""
    numeric: bool = True


class SortedTableModel(QAbstractTableModel):
    """Columns over notes, sorted by numpy (empty values last in either order)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._columns: list[Column] = []
        self._order = np.zeros(0, dtype=np.int64)
        self._sorted: tuple[int, Qt.SortOrder] | None = None

    def set_columns(self, columns: list[Column]) -> None:
        self.beginResetModel()
        self._columns = columns
        self._order = np.arange(len(columns[0].keys) if columns else 0)
        if self._sorted is not None and self._sorted[0] < len(columns):
            self._order = self._sort_order(*self._sorted)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._order)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def position(self, row: int) -> int:
        """The note (its position in the plan) shown on `row`."""
        return int(self._order[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        position = int(self._order[index.row()])
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(position)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and not column.numeric:
            return column.text(position) or None  # a title too long for its cell, in full
        return self.extra(index.column(), position, role)

    def extra(self, column: int, position: int, role: int) -> object:
        """Any other role of a cell (a status colour, a tooltip): none by default."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tip or self._columns[section].header.replace("\n", " ")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns):
            return
        self.layoutAboutToBeChanged.emit()
        self._sorted = (column, order)
        self._order = self._sort_order(column, order)
        self.layoutChanged.emit()

    def _sort_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        spec = self._columns[column]
        descending = order == Qt.SortOrder.DescendingOrder
        if spec.numeric:
            keys = np.asarray(spec.keys, dtype=float)
            return np.argsort(-keys if descending else keys, kind="stable")  # NaN stays NaN: last either way
        texts = pd.Series(spec.keys, dtype=object).fillna("").astype(str)
        return np.argsort(texts.rank(method="first", ascending=not descending).to_numpy(), kind="stable")


def text_column(values: object, header: str) -> Column:
    texts = pd.Series(values, dtype=object).fillna("").astype(str).to_numpy(dtype=object)
    return Column(texts, lambda position: str(texts[position]), header, numeric=False)


def number_column(values: np.ndarray, shown: Callable[[float], str], header: str, tip: str = "") -> Column:
    numbers = np.asarray(values, dtype=float)
    return Column(numbers, lambda position: shown(float(numbers[position])), header, tip)


class TrackingNotesModel(SortedTableModel):
    """One row per note: id, title, pacing status, then spend and each outcome planned, actual, variance and
    achievement to date."""

    STATUS_COLUMN = 2

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._status = np.array([], dtype=object)

    def set_tracking(self, tracking: Tracking | None, titles: object) -> None:
        if tracking is None:
            self._status = np.array([], dtype=object)
            self.set_columns([])
            return
        notes = tracking.notes
        self._status = notes["status"].to_numpy(dtype=object)
        status = self._status
        measures, tips = _short_measures(), _measure_tips()
        columns = [text_column(notes["note_id"], name("note_id")), text_column(titles, name("title")),
                   Column(pd.Series(status).map(STATUS_ORDER).to_numpy(dtype=float),
                          lambda position: status_word(str(status[position])),
                          QCoreApplication.translate("Tracking", "Pacing"), status_rule(), numeric=False)]
        for key in TRACKED:
            for measure in ("planned", "actual", "variance", "achievement"):
                columns.append(number_column(notes[f"{measure}_{key}"].to_numpy(dtype=float),
                                             _formatter(key, measure), f"{name(key)}\n{measures[measure]}",
                                             f"{name(key)}: {tips[measure]}"))
        self.set_columns(columns)

    def _sort_order(self, column: int, order: Qt.SortOrder) -> np.ndarray:
        if column == self.STATUS_COLUMN:  # by band, under to over; notes without a status last
            keys = self._columns[column].keys
            return np.argsort(-keys if order == Qt.SortOrder.DescendingOrder else keys, kind="stable")
        return super()._sort_order(column, order)

    def extra(self, column: int, position: int, role: int) -> object:
        if column != self.STATUS_COLUMN:
            return None
        status = str(self._status[position])
        if role == Qt.ItemDataRole.BackgroundRole:
            tint = status_tint(status)
            return QBrush(tint) if tint is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return status_rule()
        return None

    def status_of_row(self, row: int) -> str:
        return str(self._status[self.position(row)])


def _formatter(key: str, measure: str) -> Callable[[float], str]:
    if measure == "achievement":
        return achievement
    if measure == "variance":
        return lambda value: variance(key, value)
    return lambda value: amount(key, value)


class ObservedRatesModel(SortedTableModel):
    """One row per note: each rate as planned (effective, with its lift), as observed (shrunk toward the plan by
    the prior) and the counts it was observed from (events / exposures)."""

    def set_tracking(self, tracking: Tracking | None, titles: object) -> None:
        if tracking is None:
            self.set_columns([])
            return
        rates = tracking.rates
        planned_word = QCoreApplication.translate("Tracking", "planned")
        observed_word = QCoreApplication.translate("Tracking", "observed")
        observed_tip = QCoreApplication.translate(
            "Tracking", "Observed rate = (2,000 × planned rate + events) ÷ (2,000 + exposures): the actuals, "
                        "shrunk toward the planned rate while they are few")
        counts_tip = QCoreApplication.translate("Tracking", "The counts the rate was observed from: events / "
                                                            "exposures, summed over the days with actuals")
        columns = [text_column(rates["note_id"], name("note_id")), text_column(titles, name("title"))]
        for rate, (events, exposures) in OBSERVED.items():
            columns.append(number_column(rates[f"planned_{rate}"].to_numpy(dtype=float), _rate,
                                         f"{name(rate)}\n{planned_word}"))
            columns.append(number_column(rates[f"observed_{rate}"].to_numpy(dtype=float), _rate,
                                         f"{name(rate)}\n{observed_word}", observed_tip))
            counted = rates[f"{rate}_events"].to_numpy(dtype=float)
            seen = rates[f"{rate}_exposures"].to_numpy(dtype=float)
            # Sorted by the exposures: how much the rate was observed from.
            columns.append(Column(seen, _counts_of(counted, seen), f"{name(rate)}\n{name(events)} / "
                                  f"{name(exposures)}", counts_tip))
        self.set_columns(columns)


def _rate(value: float) -> str:
    return formats.percent(value, 2)


def _counts_of(events: np.ndarray, exposures: np.ndarray) -> Callable[[int], str]:
    def shown(position: int) -> str:
        counted, seen = float(events[position]), float(exposures[position])
        if np.isnan(counted) or np.isnan(seen):
            return formats.MISSING
        return f"{formats.count(counted)} / {formats.count(seen)}"
    return shown
