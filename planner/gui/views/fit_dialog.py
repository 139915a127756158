"""Fitted lifts beside the current ones (MODEL.md section 7), for the user to accept or not.

The history is read and fitted as a job of the plan's session; the dialog only shows the result. Rows that
history could not fit keep their current lifts, and the report says why, in the CLI's words. A fitted row
that is weak evidence (fewer than 20 notes in a period, or a P10–P90 across 0: model.fitting.weak_lift)
carries a warning, and the plan's totals with the current and the fitted lifts stand side by side
(views/fit_totals.py), so that the user sees what Accept does before accepting.
"""

from __future__ import annotations

import html
import math

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner.gui.labels import industry_text
from planner.gui.models.lifts_model import lift_tooltip, range_text, signed_percent
from planner.gui.views.fit_totals import FitTotals
from planner.model.fitting import FitResult, IndustryFit, report_lines, weak_lift
from planner.model.lifts import DEFAULT_ROW, LIFTS, LiftTable
from planner.model.merge import merge_fitted_lifts
from planner.model.plan import Plan


def _cell(row: pd.Series | None, lift: str) -> str:
    if row is None:
        return "—"
    return f"{signed_percent(float(row[lift]))}\n{range_text(float(row[f'{lift}_low']), float(row[f'{lift}_high']))}"


class FitDialog(QDialog):
    """A table of current vs fitted lifts per industry (with P10–P90), the fit report, Accept / Cancel."""

    def __init__(self, current: LiftTable, result: FitResult, source: str, parent: QWidget | None = None,
                 plan: Plan | None = None):
        super().__init__(parent)
        self.result = result
        self._entries = {entry.industry: entry for entry in result.report}
        self.fitted = [entry.industry for entry in result.report if entry.fitted]
        self.warnings = self._weak_lifts()  # industry -> sentences, for fitted rows that are weak evidence
        self.setWindowTitle(self.tr("Lifts fitted from %1").replace("%1", source))
        layout = QVBoxLayout(self)
        intro = QLabel(self._intro())
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = self._table(current)
        layout.addWidget(self.table, 1)
        self.caution = self._caution()
        layout.addWidget(self.caution)
        self.report = QPlainTextEdit("\n".join(report_lines(result)))
        self.report.setReadOnly(True)
        self.report.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report.setFixedHeight(self.report.fontMetrics().lineSpacing() * min(8, len(result.report) + 1) + 12)
        report = QVBoxLayout()
        report.addWidget(QLabel(self.tr("Report:")))
        report.addWidget(self.report)
        report.addStretch(1)
        below = QHBoxLayout()
        below.addLayout(report, 1)
        # What accepting does to the plan: its totals with the lifts it has and with the fitted rows merged.
        self.totals = FitTotals(plan, merge_fitted_lifts(current, result.lifts, self.fitted)) \
            if plan is not None else None
        if self.totals is not None:
            below.addWidget(self.totals, 1)
        layout.addLayout(below)
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

    def _weak_lifts(self) -> dict[str, list[str]]:
        """The warnings of each fitted row (planner.model.fitting.weak_lift), by industry."""
        table = self.result.lifts.table
        found = {}
        for industry in self.fitted:
            entry = self._entries[industry]
            sentences = [w.sentence for w in weak_lift(table.loc[industry], entry.base_notes, entry.joint_notes)]
            if sentences:
                found[industry] = sentences
        return found

    def _caution(self) -> QLabel:
        """The warnings in words under the table: which fitted rows to trust less, and why."""
        label = QLabel()
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setVisible(bool(self.warnings))
        if self.warnings:
            lines = [html.escape(self.tr("Treat these fitted lifts with care; you may accept them, or keep the "
                                         "current ones until more history comes in:"))]
            for industry, sentences in self.warnings.items():
                lines.append("⚠ <b>" + html.escape(self._industry(industry)) + "</b>" + self.tr(": ")
                             + html.escape(self.tr("; ").join(sentences)))
            label.setText("<br>".join(lines))
        return label

    def _industry(self, industry: str) -> str:
        return industry_text(industry) if industry != DEFAULT_ROW else self.tr("Default")

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
            self._set(table, row, 0, self._industry(industry))
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
            result = self._set(table, row, len(headers) - 1, status)
            result.setToolTip(tip)
            if industry in self.warnings:
                result.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning))
                result.setToolTip("\n".join(self.warnings[industry]))
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
