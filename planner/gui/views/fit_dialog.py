"""Fitted lifts beside the current ones (MODEL.md section 7), for the user to accept or not.

The history is read and fitted as a job of the plan's session; the dialog only shows the result. Rows that
history could not fit keep their current lifts, and the report says why, in the CLI's words.
"""

from __future__ import annotations

import math

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.gui.labels import industry_text
from planner.gui.models.lifts_model import lift_tooltip, range_text, signed_percent
from planner.model.fitting import FitResult, IndustryFit, report_lines
from planner.model.lifts import DEFAULT_ROW, LIFTS, LiftTable


def _cell(row: pd.Series | None, lift: str) -> str:
    if row is None:
        return "—"
    return f"{signed_percent(float(row[lift]))}\n{range_text(float(row[f'{lift}_low']), float(row[f'{lift}_high']))}"


class FitDialog(QDialog):
    """A table of current vs fitted lifts per industry (with P10–P90), the fit report, Accept / Cancel."""

    def __init__(self, current: LiftTable, result: FitResult, source: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.result = result
        self._entries = {entry.industry: entry for entry in result.report}
        self.fitted = [entry.industry for entry in result.report if entry.fitted]
        self.setWindowTitle(self.tr("Lifts fitted from %1").replace("%1", source))
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = self._table(current)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(self.tr("Report:")))
        self.report = QPlainTextEdit("\n".join(report_lines(result)))
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFixedHeight(self.report.fontMetrics().lineSpacing() * min(8, len(result.report) + 1) + 12)
        layout.addWidget(self.report)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = self.buttons.addButton(self.tr("Accept fitted lifts"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.accept_button.setEnabled(bool(self.fitted))
        self.accept_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(1200, screen.width() - 40), min(self.sizeHint().height(), screen.height() - 60))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.accept_button.isEnabled():  # Enter accepts; the button box would focus Cancel first
            self.accept_button.setFocus()

    def _intro(self) -> str:
        if not self.fitted:
            return self.tr("No row could be fitted from this history: every industry needs at least 5 notes "
                           "in each period (base and joint). The report below says what each one had.")
        return self.tr("Fitted lifts beside the current ones (each with its P10–P90). Accept replaces the "
                       "%n fitted row(s) in one step that Undo reverts; rows without enough history keep "
                       "their current lifts.", "", len(self.fitted))

    def _table(self, current: LiftTable) -> QTableWidget:
        fitted = self.result.lifts.table
        names = [DEFAULT_ROW] + sorted((set(current.table.index) | set(self.fitted)) - {DEFAULT_ROW})
        lift_names = (self.tr("CTR lift"), self.tr("Interaction lift"), self.tr("Store-entry lift"))
        headers = [self.tr("Industry")]
        for name in lift_names:
            headers += [name + "\n" + self.tr("now"), name + "\n" + self.tr("fitted")]
        headers.append(self.tr("Result"))
        table = QTableWidget(len(names), len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        for k, lift in enumerate(LIFTS):
            for column in (1 + 2 * k, 2 + 2 * k):
                table.horizontalHeaderItem(column).setToolTip(lift_tooltip(lift))
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        tint = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        tint.setAlpha(40)  # fitted values stand out without hiding the text
        for row, industry in enumerate(names):
            now = current.table.loc[industry] if industry in current.table.index else None
            new = fitted.loc[industry] if industry in self.fitted else None
            self._set(table, row, 0, industry_text(industry) if industry != DEFAULT_ROW
                      else self.tr("Default"))
            for k, lift in enumerate(LIFTS):
                now_item = self._set(table, row, 1 + 2 * k, _cell(now, lift) if now is not None
                                     else self.tr("(default row)"))
                item = self._set(table, row, 2 + 2 * k, _cell(new, lift) if new is not None else self.tr("kept"))
                for cell, shown in ((now_item, now), (item, new)):
                    if shown is None:
                        cell.setForeground(grey)
                if new is not None:
                    item.setBackground(tint)
            status, tip = self._status(industry)
            self._set(table, row, len(headers) - 1, status).setToolTip(tip)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.resizeRowsToContents()
        rows = header.height() + sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(min(rows + 4 + table.horizontalScrollBar().sizeHint().height(), 380))
        return table

    @staticmethod
    def _set(table: QTableWidget, row: int, column: int, text: str) -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if column not in (0, table.columnCount() - 1):
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        table.setItem(row, column, item)
        return item

    def _status(self, industry: str) -> tuple[str, str]:
        """The row's outcome in words, and the report's reasons as its tooltip."""
        entry: IndustryFit | None = self._entries.get(industry)
        if entry is None:
            return self.tr("kept (not in the history)"), ""
        if entry.fitted:
            return self.tr("fitted: %n note(s)", "", entry.n_notes), ""
        reasons = "; ".join(entry.reasons)
        if entry.zero_denominators:
            return self.tr("kept: a rate with a zero denominator"), reasons
        if math.isnan(float(entry.n_notes)) or entry.n_notes == 0:
            return self.tr("kept: no history"), reasons
        return self.tr("kept: too few notes (%1 base, %2 joint)").replace("%1", str(entry.base_notes)).replace(
            "%2", str(entry.joint_notes)), reasons
