"""Plan against actuals, cumulative (MODEL.md section 10): planned and actual spend and GMV summed day by day over
the campaign, the last day with actuals marked as today.

Planned lines run the whole campaign (dashed); actual lines stop at today (solid). Both are money, on one axis:
the gap between the two lines of a colour is the variance to date. The legend sits at the top left, where the
cumulative lines are still low. It draws the document's Tracking
(PlanDocument.tracking, computed once per change); nothing is computed here.
"""

from __future__ import annotations

import html
from datetime import date

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.gui.charts.axes import MoneyAxis
from planner.gui.charts.base import ACCENT_COLOUR, BRAND_COLOUR, LINE_COLOUR, ChartBase, legend, pg
from planner.gui.charts.pacing_chart import DayAxis
from planner.gui.document import Change
from planner.gui.protocols import Session

TOP = 1.08  # room above the largest value for today's label


class TrackingChart(ChartBase):
    """Cumulative planned and actual spend and GMV by day; today's line at the last day with actuals."""

    file_stem = "plan-vs-actual"

    def __init__(self, session: Session, parent: QWidget | None = None):
        self._days = DayAxis("bottom")
        super().__init__(session, {"bottom": self._days, "left": MoneyAxis("left")}, parent)
        self.plot_item.showGrid(x=False, y=True, alpha=0.15)
        dashed = Qt.PenStyle.DashLine
        self.legend = legend(self.plot_item, (8, 4))
        self.actual_gmv = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=3), name=self.tr("Actual GMV"))
        self.planned_gmv = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=2, style=dashed),
                                           name=self.tr("Planned GMV"))
        self.actual_spend = pg.PlotDataItem(pen=pg.mkPen(BRAND_COLOUR, width=3), name=self.tr("Actual spend"))
        self.planned_spend = pg.PlotDataItem(pen=pg.mkPen(BRAND_COLOUR, width=2, style=dashed),
                                             name=self.tr("Planned spend"))
        for item in (self.actual_gmv, self.planned_gmv, self.actual_spend, self.planned_spend):
            self.plot_item.addItem(item)  # the legend lists them in this order, top to bottom as the lines run
        self.today_line = pg.InfiniteLine(angle=90, movable=False,
                                          pen=pg.mkPen(ACCENT_COLOUR, width=2, style=Qt.PenStyle.DotLine))
        self.today_label = pg.TextItem(anchor=(0, 0), color=ACCENT_COLOUR)
        for item in (self.today_line, self.today_label):
            item.setZValue(20)
            self.plot_item.addItem(item, ignoreBounds=True)
        self.today: date | None = None
        self.retranslate()

    def on_document_changed(self, change: Change) -> None:
        if change.kind != "scenarios":
            self.redraw()

    def redraw(self) -> None:
        tracking = self.document.tracking
        if tracking is None:
            self.today = None
            self.show_message(self.tr("No actuals to compare with the plan yet."))
            return
        self.show_plot()
        daily = tracking.daily
        dates = daily["date"].to_numpy(dtype="datetime64[D]")
        days = np.arange(len(dates), dtype=float)
        self._days.dates = dates
        self._days.picture = None
        past = ~np.isnan(daily["cumulative_actual_spend"].to_numpy(dtype=float))
        self.planned_spend.setData(days, daily["cumulative_planned_spend"].to_numpy(dtype=float))
        self.planned_gmv.setData(days, daily["cumulative_planned_gmv"].to_numpy(dtype=float))
        self.actual_spend.setData(days[past], daily["cumulative_actual_spend"].to_numpy(dtype=float)[past])
        gmv = daily["cumulative_actual_gmv"].to_numpy(dtype=float)
        known = past & ~np.isnan(gmv)  # no GMV in the actuals: no actual GMV line
        self.actual_gmv.setData(days[known], gmv[known])
        values = daily[["cumulative_planned_spend", "cumulative_planned_gmv", "cumulative_actual_spend",
                        "cumulative_actual_gmv"]].to_numpy(dtype=float)
        largest = float(np.nanmax(values)) if np.isfinite(values).any() else 0.0
        top = largest * TOP if largest > 0 else 1.0
        self.plot_item.setXRange(-0.5, max(len(days) - 0.5, 0.5), padding=0)
        self.plot_item.setYRange(0, top, padding=0)
        self.today = tracking.to_date
        position = int((np.datetime64(tracking.to_date) - dates[0]).astype(np.int64)) if len(dates) else -1
        shown = 0 <= position < len(dates)
        self.today_line.setVisible(shown)
        self.today_label.setVisible(shown)
        if shown:
            self.today_line.setValue(position)
            self.today_label.setText(self.tr("Today: %1").replace("%1", tracking.to_date.isoformat()))
            # Right of the line at the top; early in the campaign, below the legend (the lines are low there yet).
            height = top * (0.99 if position > 0.35 * len(dates) else 0.55)
            self.today_label.setPos(position + 0.2, height)
        self.set_title(html.escape(self.tr("Spend and GMV to date, cumulative by day")))

    @property
    def today_position(self) -> int | None:
        """The day marked as today (the last day with actuals), or None."""
        return int(self.today_line.value()) if self.today_line.isVisible() else None
