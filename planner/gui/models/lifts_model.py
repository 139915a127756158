"""The lift table as a Qt model: one row per industry (MODEL.md section 2), edits as undo commands.

A lift is shown as a signed percentage (+20.0%) beside its P10–P90 range; typing 25% or 0.25 sets it.
A typed lift moves its range with it as planner.model.lifts.moved_band says (as a lift typed in an exported
workbook does): the range keeps its width, a range of no width becomes ×0.5–×1.5 around the new value, and
the range stays from -1 to MAX_LIFT.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette, QUndoStack

from planner.gui.commands import SetLiftsCommand
from planner.gui.document import Change, PlanDocument
from planner.gui.labels import industry_text
from planner.gui.models.note_columns import ParseError
from planner.model.errors import Problem
from planner.model.lifts import (
    DEFAULT_ROW,
    LIFTS,
    SOURCE_ARTICLE,
    SOURCE_FITTED,
    SOURCE_TYPED,
    check_lifts,
    moved_band,
)

Index = QModelIndex | QPersistentModelIndex
INDUSTRY, N_NOTES, SOURCE = 0, 7, 8
# Columns 1..6: each lift, then its P10–P90 range.
LIFT_OF_COLUMN = {1 + 2 * k: lift for k, lift in enumerate(LIFTS)}
RANGE_OF_COLUMN = {2 + 2 * k: lift for k, lift in enumerate(LIFTS)}
COLUMN_COUNT = 9
EXPECTED = "a lift of -100% or more: a percentage such as 25% or a fraction such as 0.25"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def signed_percent(value: float) -> str:
    """+20.0%, -5.0%; an em dash for a missing value."""
    return "—" if value is None or math.isnan(value) else f"{value:+.1%}"


def range_text(low: float, high: float) -> str:
    return f"{signed_percent(low)} … {signed_percent(high)}"


def parse_lift(text: str) -> float:
    """A typed lift: `25%`, `+25 %`, `0.25` (a fraction, like the lift tables and the workbook).

    A plain number above 10 (+1,000%) is refused: it is almost always a percentage typed without `%`.
    """
    cleaned = text.strip().replace("％", "%").replace(" ", "").removeprefix("+")
    percent = cleaned.endswith("%")
    try:
        value = float(cleaned.removesuffix("%")) / (100 if percent else 1)
    except ValueError:
        raise ParseError(EXPECTED) from None
    if not math.isfinite(value) or value < -1:
        raise ParseError(EXPECTED)
    if not percent and value > 10:
        raise ParseError("a fraction (0.25 = +25%); write a percentage with %, e.g. 25%")
    return value


def typed_values(row: pd.Series, lift: str, value: float) -> dict[str, object]:
    """The columns a typed `value` of `lift` changes: the value, its band moved (model.lifts.moved_band),
    the source and n."""
    low, high = moved_band(float(row[lift]), float(row[f"{lift}_low"]), float(row[f"{lift}_high"]), value)
    return {lift: value, f"{lift}_low": low, f"{lift}_high": high, "source": SOURCE_TYPED, "n_notes": np.nan}


class LiftsTableModel(QAbstractTableModel):
    """The plan's lift table, default row first; lift cells are editable and validated."""

    editRejected = Signal(object)  # list[Problem]: typed text that was not applied, and why

    def __init__(self, document: PlanDocument, undo_stack: QUndoStack, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        self._table = document.plan.lifts.table
        self._served: dict[str, int] = {}
        self._count_notes()
        document.changed.connect(self._on_changed)

    # ------------------------------------------------------------------ refresh

    def _on_changed(self, change: Change) -> None:
        if change.kind == "params":
            return
        table = self._document.plan.lifts.table
        self._count_notes()
        if list(table.index) == list(self._table.index):  # same rows: keep the selection and current cell
            self._table = table
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, COLUMN_COUNT - 1))
        else:
            self.beginResetModel()
            self._table = table
            self.endResetModel()

    def _count_notes(self) -> None:
        """How many of the plan's notes each row serves (shown in the industry's tooltip)."""
        industries = self._document.plan.notes["industry"].astype(str)
        rows = self._document.plan.lifts.rows_for(industries) if len(industries) else np.array([], dtype=int)
        names = self._document.plan.lifts.table.index
        counts = np.bincount(rows, minlength=len(names))
        self._served = {str(name): int(counts[k]) for k, name in enumerate(names)}

    def industry(self, row: int) -> str:
        return str(self._table.index[row])

    def row_of(self, industry: str) -> int:
        return int(self._table.index.get_loc(industry))

    def unserved_industries(self) -> list[str]:
        """Industries of the plan's notes without a row of their own (the default row serves them)."""
        present = set(self._document.plan.notes["industry"].astype(str))
        return sorted(present - set(self._table.index))

    # ------------------------------------------------------------------ Qt model

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._table)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._table.iloc[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole and column in LIFT_OF_COLUMN:
            return f"{float(row[LIFT_OF_COLUMN[column]]) * 100:.6g}%"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in (INDUSTRY, SOURCE):
            return int(_RIGHT)
        if role == Qt.ItemDataRole.FontRole:
            return self._font(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column in RANGE_OF_COLUMN:
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    @staticmethod
    def _font(row: pd.Series, column: int) -> QFont | None:
        """Lifts bold, their ranges smaller (they qualify the lift), the default row's name in italics."""
        if column in LIFT_OF_COLUMN:
            font = QFont()
            font.setBold(True)
            return font
        if column in RANGE_OF_COLUMN:
            font = QFont()
            font.setPointSizeF(font.pointSizeF() * 0.9)
            return font
        if column == INDUSTRY and row.name == DEFAULT_ROW:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, row: pd.Series, column: int) -> str:
        if column == INDUSTRY:
            return self.industry_name(str(row.name))
        if column in LIFT_OF_COLUMN:
            return signed_percent(float(row[LIFT_OF_COLUMN[column]]))
        if column in RANGE_OF_COLUMN:
            lift = RANGE_OF_COLUMN[column]
            return range_text(float(row[f"{lift}_low"]), float(row[f"{lift}_high"]))
        if column == N_NOTES:
            return "—" if math.isnan(float(row["n_notes"])) else f"{int(row['n_notes']):,}"
        return self.source_words(str(row["source"]), float(row["n_notes"]))

    def industry_name(self, industry: str) -> str:
        """美妆 for beauty in the Chinese UI; the default row in words; other industries as typed."""
        if industry == DEFAULT_ROW:
            return self.tr("Default")
        return industry_text(industry)

    def source_words(self, source: str, n_notes: float = math.nan) -> str:
        if source == SOURCE_ARTICLE:
            return self.tr("Article figure (淘宝×小红书, 2025)")
        if source == SOURCE_FITTED:
            count = 0 if math.isnan(n_notes) else int(n_notes)
            return self.tr("Fitted from history: %n note(s)", "", count)
        if source == SOURCE_TYPED:
            return self.tr("Typed")
        return source

    def _tooltip(self, row: pd.Series, column: int) -> str:
        if column == INDUSTRY:
            served = self._served.get(str(row.name), 0)
            text = self.tr("%n note(s) of this plan use this row", "", served)
            if row.name == DEFAULT_ROW:
                text = self.tr("Serves every industry without a row of its own. ") + text
            return text
        if column in LIFT_OF_COLUMN:
            return lift_tooltip(LIFT_OF_COLUMN[column]) + "\n" + self.tr("Double-click to type a new lift "
                                                                        "(25% or 0.25).")
        if column in RANGE_OF_COLUMN:
            return range_tooltip()
        if column == N_NOTES:
            return self.tr("Distinct notes of the history table this row was fitted from.")
        return source_tooltip(str(row["source"]))

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if section in LIFT_OF_COLUMN:
                return lift_tooltip(LIFT_OF_COLUMN[section])
            return range_tooltip() if section in RANGE_OF_COLUMN else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() in LIFT_OF_COLUMN else flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or index.column() not in LIFT_OF_COLUMN:
            return False
        return self.set_lift(self.industry(index.row()), LIFT_OF_COLUMN[index.column()], str(value))

    # ------------------------------------------------------------------ edits

    def set_lift(self, industry: str, lift: str, text: str) -> bool:
        """Parse, check and apply a typed lift as one undo step; False (and editRejected) if refused."""
        where = self.tr("lift of %1").replace("%1", self.industry_name(industry))
        try:
            value = parse_lift(text)
        except ParseError as error:
            self.editRejected.emit([Problem(where, None, lift, text, error.expected)])
            return False
        lifts = self._document.plan.lifts
        if math.isclose(value, float(lifts.table.at[industry, lift]), rel_tol=0, abs_tol=1e-12):
            return True  # the same lift typed again: nothing to undo
        new = lifts.with_row(industry, typed_values(lifts.table.loc[industry], lift, value))
        problems = check_lifts(new.table.loc[[industry]])
        if problems:
            self.editRejected.emit([Problem(where, None, p.column, p.value, p.expected) for p in problems])
            return False
        self._stack.push(SetLiftsCommand(self._document, new, self.tr("Edit %1 of %2").replace(
            "%1", header_text(1 + 2 * LIFTS.index(lift))).replace("%2", self.industry_name(industry))))
        return True



def header_text(section: int) -> str:
    names = {0: QCoreApplication.translate("LiftsTableModel", "Industry"), 1: QCoreApplication.translate("LiftsTableModel", "CTR lift"), 3: QCoreApplication.translate("LiftsTableModel", "Interaction lift"), 5: QCoreApplication.translate("LiftsTableModel", "Store-entry lift"),
             N_NOTES: QCoreApplication.translate("LiftsTableModel", "Notes"), SOURCE: QCoreApplication.translate("LiftsTableModel", "Source")}
    return names.get(section, QCoreApplication.translate("LiftsTableModel", "P10–P90"))


def lift_tooltip(lift: str) -> str:
    """What a lift applies to, in MODEL.md section 2's words."""
    texts = {
        "ctr_lift": QCoreApplication.translate("LiftsTableModel", "CTR lift: raises clicks per impression. An eligible note's CTR becomes "
                        "min(1, CTR × (1 + lift))."),
        "interaction_lift": QCoreApplication.translate("LiftsTableModel", "Interaction lift: raises interactions per impression. An eligible note's "
                                "interaction rate becomes min(1, rate × (1 + lift))."),
        "entry_lift": QCoreApplication.translate("LiftsTableModel", "Store-entry lift: raises Taobao store visits per click. An eligible note's "
                          "store-entry rate becomes min(1, rate × (1 + lift))."),
    }
    return texts[lift] + "\n" + QCoreApplication.translate("LiftsTableModel", "Eligible: the plan has joint investment on and the note has a Taobao link; "
                                    "other notes keep their own rates.")


def range_tooltip() -> str:
    return QCoreApplication.translate("LiftsTableModel", "P10–P90: the 10th and 90th percentiles of the lift. The P10–P90 of orders and GMV draw "
               "lifts from this range (from the bootstrap for fitted rows). A typed lift moves its range "
               "with it, keeping the range's width.")


def source_tooltip(source: str) -> str:
    texts = {
        SOURCE_ARTICLE: QCoreApplication.translate("LiftsTableModel", "The figure published for the Red Cat plan (Taobao/Tmall × Xiaohongshu, May 2025): "
                            "CTR +20% and interaction rate +109% for every industry, store-entry rate +85% "
                            "for sports and +41.5% for beauty; no store-entry lift was published for other "
                            "industries, so it is 0 there. P10–P90 is the figure × 0.5 to × 1.5."),
        SOURCE_FITTED: QCoreApplication.translate("LiftsTableModel", "Fitted from your history table: the joint-period rate over the base-period rate, "
                           "minus 1; P10–P90 from 1,000 bootstrap resamples of the notes."),
        SOURCE_TYPED: QCoreApplication.translate("LiftsTableModel", "Typed by you, in this table or in an exported workbook."),
    }
    return texts.get(source, source)
