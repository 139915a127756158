"""The Pacing tab (投放节奏): the plan day by day over its campaign calendar (MODEL.md section 9).

The chart on top (planner.gui.charts.pacing_chart), and below it two tables: one row per day (phase, day weight,
spend, brand and platform money, cumulative spend and its share of the budget, orders, GMV) and one row per note
(its budget in each phase). Everything is the document's (daily_plan, phase_spend), computed once per change;
while the tab is hidden a change only marks it out of date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.charts.pacing_chart import PacingChart
from planner.gui.document import Change
from planner.gui.i18n import ui_lang
from planner.gui.models.pacing_models import DailyModel, PhaseSpendModel
from planner.gui.protocols import Session


def _table(model: object) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(22)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setDefaultSectionSize(110)
    return table


class PacingView(QWidget):
    """A one-line summary, the daily pacing chart, and the per-day and per-note-and-phase tables."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = session.document
        self.today: date | None = date.today()
        self._stale = True
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = PacingChart(session)
        self.chart.set_language(ui_lang())
        self.save_button = QToolButton()
        self.save_button.setAutoRaise(True)
        self.save_button.setText(self.tr("Save as PNG…"))
        self.save_button.clicked.connect(self.chart.ask_save_png)
        self.days_model = DailyModel(self)
        self.days = _table(self.days_model)
        self.notes_model = PhaseSpendModel(self)
        self.notes = _table(self.notes_model)
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.days, self.tr("By day"))
        self.tables.addTab(self.notes, self.tr("By note and phase"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(self.tables)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._document.changed.connect(self._on_changed)
        self.refresh()

    def set_today(self, today: date | None) -> None:
        """The day marked as today (tests fix it)."""
        self.today = today
        self.chart.set_today(today)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.kind == "scenarios":
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """The tables and the summary from the document's daily plan (the chart follows the document itself)."""
        self._stale = False
        document = self._document
        daily = document.daily_plan
        self.days_model.set_daily(daily, self.today)
        self.notes_model.set_spend(document.phase_spend, document.plan.notes)
        if daily is None:
            self.summary.setText(self.tr("No daily plan: see the chart for why."))
            return
        text = self.tr("%1 to %2: %n day(s), %3 planned", "", len(daily.dates)).replace(
            "%1", str(daily.dates[0])).replace("%2", str(daily.dates[-1])).replace(
            "%3", formats.money(float(daily.spend.sum())))
        row = self.days_model.today_row
        if row >= 0:
            text += " · " + self.tr("by the end of today %1 (%2 of the budget)").replace(
                "%1", formats.money(float(daily.cumulative[row]))).replace(
                "%2", formats.percent(float(daily.cumulative_share[row]), 1))
        self.summary.setText(text)
