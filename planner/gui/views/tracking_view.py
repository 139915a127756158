"""The Tracking tab (实际对比): the plan against its actuals to date (MODEL.md section 10), every morning of the
campaign.

On top, the day the actuals run to, the spend to date and the plan's pacing status (its word on its colour), with
Import actuals… and Re-plan the rest. Below, the plan's totals (spend and each outcome: planned to date, actual,
variance, achievement) beside the cumulative chart, and two tables per note: its figures to date with its
pacing status, and its observed rates beside the planned ones with the counts behind them. Without a calendar
or actuals the tab says what to do instead, with the buttons that do it. Everything is the document's Tracking,
computed once per change; while the tab is hidden a change only marks it out of date.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.charts.tracking_chart import TrackingChart
from planner.gui.document import Change
from planner.gui.i18n import ui_lang
from planner.gui.icons import icon
from planner.gui.models.tracking_models import (
    STATUS_COLOURS,
    TINT_ALPHA,
    ObservedRatesModel,
    TrackingNotesModel,
    TrackingTotalsModel,
    status_rule,
    status_word,
)
from planner.gui.protocols import Session
from planner.model.tracking import Tracking

TITLE_WIDTH = 160

def _table(model: object, sortable: bool = False) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(22)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setDefaultSectionSize(92)
    header.setResizeContentsPrecision(60)  # fit columns to the rows in view, not to 10,000 notes
    if sortable:
        table.verticalHeader().hide()
        table.setSortingEnabled(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the plan's order until a header is clicked
    return table


class EmptyTracking(QWidget):
    """What the tab shows without a calendar or actuals: what is missing, and the buttons that supply it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = QLabel(self.tr("Plan against actuals"))
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.import_button = QPushButton(icon("import"), self.tr("Import actuals…"))
        self.import_button.setToolTip(self.tr("A table of daily actuals (CSV or XLSX): 日期 笔记ID 消费 曝光 and "
                                              "any of 点击 互动 进店 订单 成交额, or the same in English"))
        self.demo_button = QPushButton(self.tr("Use the demo's sample actuals"))
        self.demo_button.setToolTip(self.tr("Import the sample actuals shipped with the demo plan (its first "
                                            "weeks, to 2025-05-20): to see tracking and re-planning at work"))
        self.calendar_button = QPushButton(self.tr("Set the campaign calendar…"))
        buttons = QHBoxLayout()
        for button in (self.calendar_button, self.import_button, self.demo_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout()
        column.addWidget(self.title)
        column.addWidget(self.text)
        column.addSpacing(8)
        column.addLayout(buttons)
        box = QWidget()
        box.setFixedWidth(680)  # a fixed width: the wrapped text then gets the height it needs
        box.setLayout(column)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def show_missing(self, calendar: bool, actuals: bool, demo: bool, problems: list[str]) -> None:
        """Say what is missing (a calendar, actuals) or what stops tracking (notes' windows), and offer the way."""
        lines = []
        if not calendar:
            lines.append(self.tr("The plan has no campaign calendar yet: tracking compares each day's actuals with "
                                 "the daily plan, so set the calendar first (Calendar tab)."))
        if not actuals:
            lines.append(self.tr("No actuals yet. Each morning of the campaign, import yesterday's figures per note "
                                 "and day (spend, impressions, clicks, interactions, store visits, orders, GMV) to "
                                 "see the plan against them, each note's pacing and its observed rates, and to "
                                 "re-plan the rest of the campaign."))
        if calendar and actuals and problems:
            lines.append(self.tr("No tracking while some notes' windows do not fit the campaign:") + "\n"
                         + "\n".join(problems[:8]))
        self.text.setText("\n\n".join(lines))
        self.calendar_button.setVisible(not calendar)
        self.import_button.setVisible(not actuals)
        self.demo_button.setVisible(demo and not actuals)


class TrackingView(QWidget):
    """The plan against its actuals to date: summary, totals, cumulative chart, per-note figures and rates."""

    importRequested = Signal()  # Import actuals…
    demoRequested = Signal()  # the demo's sample actuals
    calendarRequested = Signal()  # the Calendar tab
    replanRequested = Signal()  # Re-plan the rest

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document = session.document
        self._stale = True
        self._tracked = False  # the figures shown are a tracking (Re-plan needs one)
        self.empty = EmptyTracking()
        self.empty.import_button.clicked.connect(self.importRequested)
        self.empty.demo_button.clicked.connect(self.demoRequested)
        self.empty.calendar_button.clicked.connect(self.calendarRequested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self._content())
        QVBoxLayout(self).addWidget(self.stack)
        self.layout().setContentsMargins(0, 0, 0, 0)
        self._document.changed.connect(self._on_changed)
        session.runner.started.connect(self._job_moved)
        session.runner.ended.connect(self._job_moved)
        self.refresh()

    def _content(self) -> QWidget:
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.status = QLabel()
        self.status.setToolTip(status_rule())
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.import_button = QPushButton(icon("import"), self.tr("Import actuals…"))
        self.import_button.setToolTip(self.tr("Add or correct days of actuals: a day a note already has is "
                                              "replaced by the new figures"))
        self.import_button.clicked.connect(self.importRequested)
        self.replan_button = QPushButton(icon("optimise"), self.tr("Re-plan the rest"))
        self.replan_button.setToolTip(self.tr("A new scenario: the money not yet spent re-optimised over the "
                                              "remaining days on the observed rates, each note keeping its spend to "
                                              "date; then compared with this one (one undoable step)"))
        self.replan_button.clicked.connect(self.replanRequested)
        top = QHBoxLayout()
        top.addWidget(self.status)
        top.addWidget(self.summary, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.replan_button)
        self.totals_model = TrackingTotalsModel(self)
        self.totals = _table(self.totals_model)
        self.totals.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chart = TrackingChart(self._session)
        self.chart.set_language(ui_lang())
        upper = QSplitter(Qt.Orientation.Horizontal)
        upper.addWidget(self.totals)
        upper.addWidget(self.chart)
        upper.setStretchFactor(0, 2)
        upper.setStretchFactor(1, 3)
        self.notes_model = TrackingNotesModel(self)
        self.notes = _table(self.notes_model, sortable=True)
        self.rates_model = ObservedRatesModel(self)
        self.rates = _table(self.rates_model, sortable=True)
        self.tables = QTabWidget()
        self.tables.setDocumentMode(True)
        self.tables.addTab(self.notes, self.tr("By note"))
        self.tables.addTab(self.rates, self.tr("Observed rates"))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.tables)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        return content

    # --- following the plan -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.kind == "scenarios":
            return  # another scenario than the one shown: the figures are the same
        self._stale = True
        if self.isVisible():
            self.refresh()

    def _job_moved(self, *_args: object) -> None:
        self._update_replan()

    def refresh(self) -> None:
        """The summary, status, tables and chart from the document's tracking; the empty state without it."""
        self._stale = False
        document = self._document
        tracking = document.tracking
        self._tracked = tracking is not None
        titles = document.plan.notes["title"]
        self.totals_model.set_tracking(tracking)
        self.notes_model.set_tracking(tracking, titles)
        self.rates_model.set_tracking(tracking, titles)
        if tracking is None:
            plan = document.plan
            has_actuals = plan.actuals is not None and len(plan.actuals) > 0
            self.empty.show_missing(plan.calendar is not None, has_actuals, self._session.is_demo,
                                    [str(problem) for problem in document.tracking_problems])
            self.stack.setCurrentWidget(self.empty)
        else:
            self._show_summary(tracking)
            self.stack.setCurrentIndex(1)
            self._fit_columns()
        self._update_replan()

    def _fit_columns(self) -> None:
        """Columns as wide as their figures; the totals table as wide as its columns, the chart takes the rest."""
        for table in (self.totals, self.notes, self.rates):
            table.resizeColumnsToContents()
        for table in (self.notes, self.rates):  # a long title is read in its tooltip
            table.setColumnWidth(1, min(table.columnWidth(1), TITLE_WIDTH))
        header = self.totals.horizontalHeader()
        width = self.totals.verticalHeader().width() + header.length() + 2 * self.totals.frameWidth() + 2
        self.totals.setMinimumWidth(width)
        self.totals.setMaximumWidth(width)

    def _show_summary(self, tracking: Tracking) -> None:
        calendar = self._document.plan.calendar
        assert calendar is not None
        spend = tracking.totals.loc["spend"]
        day = calendar.day_index(tracking.to_date) + 1
        self.summary.setText(self.tr("Actuals to %1 (day %2 of %3): spent %4 of %5 planned to date (%6)").replace(
            "%1", tracking.to_date.isoformat()).replace("%2", str(day)).replace("%3", str(calendar.n_days)).replace(
            "%4", formats.money(float(spend["actual"]))).replace("%5", formats.money(float(spend["planned"]))).replace(
            "%6", formats.percent(float(spend["achievement"]), 1)) + "\n" + self._scenario_line())
        word = status_word(tracking.status)
        colour = STATUS_COLOURS.get(tracking.status)
        self.status.setText(word)
        self.status.setVisible(bool(word))
        if colour is not None:
            r, g, b = colour
            self.status.setStyleSheet(f"QLabel {{ background: rgba({r}, {g}, {b}, {TINT_ALPHA}); border: 1px solid "
                                      f"rgb({r}, {g}, {b}); border-radius: 4px; padding: 2px 8px; font-weight: bold; }}")

    def _scenario_line(self) -> str:
        """Which scenario is tracked, and for a re-plan the day its plan starts from the actuals."""
        scenario = self._document.plan.scenario
        if scenario.through is None:
            return self.tr("Scenario: %1").replace("%1", scenario.name)
        return self.tr("Scenario: %1, re-planned on the actuals to %2 (its days to then are those actuals)").replace(
            "%1", scenario.name).replace("%2", scenario.through.isoformat())

    def _update_replan(self) -> None:
        running = self._session.runner.busy("replan")
        self.replan_button.setEnabled(self._tracked and not running)
