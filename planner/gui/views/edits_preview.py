"""The preview of edits read back from an Excel plan: what will change, and what is not read back.

The edits (as the plan's session reads them from a workbook) hold changes with the sheet,
row and column where each was found, the note id or industry whose it is, the field, and the old and new
value.
"""

from __future__ import annotations

import math
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.labels import LABELS, industry_text, label
from planner.gui.models.lifts_model import header_text
from planner.model.lifts import LIFTS


class ChangesModel(QAbstractTableModel):
    """Changes read back from a workbook (note or industry, field, old, new), formatted only when shown."""

    def __init__(self, changes: tuple[Any, ...], parent: QObject | None = None):
        super().__init__(parent)
        self._changes = changes

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._changes)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        change = self._changes[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            row = "" if change.row is None else QCoreApplication.translate("ExcelDialogs", ", row %1").replace("%1", str(change.row))
            return QCoreApplication.translate("ExcelDialogs", "Sheet %1").replace("%1", change.sheet) + row + QCoreApplication.translate("ExcelDialogs", ", column %1").replace("%1", change.column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == 0:
            return industry_text(change.key) if lift_field(change.field) else change.key
        if index.column() == 1:
            return field_name(change.field, change.column)
        return value_text(change.field, change.old if index.column() == 2 else change.new)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (QCoreApplication.translate("ExcelDialogs", "Note or industry"), QCoreApplication.translate("ExcelDialogs", "Field"), QCoreApplication.translate("ExcelDialogs", "Old"), QCoreApplication.translate("ExcelDialogs", "New"))[section]
        return None


def lift_field(field: str) -> bool:
    """A lift or one of its bounds: its change belongs to an industry (a row of the lift table)."""
    return any(field == lift or field.startswith(lift + "_") for lift in LIFTS)


def field_name(field: str, column: str) -> str:
    """The field in the UI language; a lift's range bound as "CTR lift P10"; else the workbook's header."""
    if field in LIFTS:
        return header_text(1 + 2 * LIFTS.index(field))
    for lift in LIFTS:
        if field.startswith(lift + "_"):
            return header_text(1 + 2 * LIFTS.index(lift)) + (" P10" if field.endswith("_low") else " P90")
    return label(field) if field in LABELS else column or field


def value_text(field: str, value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return QCoreApplication.translate("ExcelDialogs", "(empty)")
    if isinstance(value, bool):
        return QCoreApplication.translate("ExcelDialogs", "yes") if value else QCoreApplication.translate("ExcelDialogs", "no")
    if isinstance(value, int | float) and any(field.startswith(lift) for lift in LIFTS):
        return formats.percent(value, signed=True)
    if isinstance(value, int | float) and field in ("ctr", "interaction_rate", "entry_rate", "cvr", "platform_share"):
        return formats.percent(value)
    if isinstance(value, int | float) and field in ("budget", "min_budget", "max_budget", "aov", "brand_budget",
                                                    "platform_cap"):
        # A price with fen; an amount in whole yuan unless the workbook gave it fen (a change must show).
        return formats.money(value, fen=field in formats.PRICES or value != round(value))
    return str(value)


class EditsPreviewDialog(QDialog):
    """What a workbook changes, before anything is applied; "No changes" when it changes nothing."""

    def __init__(self, edits: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.edits = edits
        self.setWindowTitle(QCoreApplication.translate("ExcelDialogs", "Apply edits from %1").replace("%1", edits.file))
        layout = QVBoxLayout(self)
        changes = len(edits.changes)
        self.summary = QLabel(QCoreApplication.translate("ExcelDialogs", "%n change(s) will be applied as one step (Undo reverts it):", "", changes)
                              if changes else QCoreApplication.translate("ExcelDialogs", "No changes: the workbook's budgets, locks and lifts are "
                                                  "those of the plan."))
        layout.addWidget(self.summary)
        self.table = self._table(edits.changes)
        layout.addWidget(self.table, 1)
        self.table.setVisible(bool(changes))
        if edits.ignored:
            layout.addWidget(QLabel(QCoreApplication.translate("ExcelDialogs", "%n edit(s) in the workbook are NOT read back (make them in the app):", "", len(edits.ignored))))
            self.ignored_table = self._table(edits.ignored)
            layout.addWidget(self.ignored_table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel if changes
                                   else QDialogButtonBox.StandardButton.Close)
        self.apply_button = buttons.addButton(QCoreApplication.translate("ExcelDialogs", "Apply %n change(s)", "", changes),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setVisible(bool(changes))
        self.apply_button.setDefault(bool(changes))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 480 if changes or edits.ignored else 160)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.apply_button.isVisible():  # Enter applies; the button box would focus Cancel first
            self.apply_button.setFocus()

    def _table(self, changes: tuple[Any, ...]) -> QTableView:
        table = QTableView()
        table.setModel(ChangesModel(changes, table))
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        return table
