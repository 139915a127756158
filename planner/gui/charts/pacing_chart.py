"""Daily pacing: the brand's and the platform's money stacked per day, the cumulative spend as a share of the
budget on a second axis, the phases shaded with their names, and today marked when it falls in the campaign.

It draws the document's daily plan (PlanDocument.daily_plan, computed once per change): nothing is computed
here. Days are the x axis' positions (0 = the campaign's first day), labelled with their dates.
"""

from __future__ import annotations

import html
import math
from datetime import date
from typing import Any

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from planner.gui.charts.axes import MoneyAxis
from planner.gui.charts.base import ACCENT_COLOUR, BRAND_COLOUR, LINE_COLOUR, PLATFORM_COLOUR, ChartBase, pg
from planner.gui.document import Change
from planner.gui.protocols import Session
from planner.model.pacing import DailyPlan

BAR_WIDTH = 0.8
BAND_COLOURS = ((236, 240, 247, 150), (250, 250, 250, 0))  # every other phase shaded
TOP = 1.18  # the plot's height over the largest day: room for the phases' names


def _hex(colour: tuple[int, ...]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour[:3])


class DayAxis(pg.AxisItem):
    """Days as 05-13 under their positions; the first tick of a month (and of the campaign) with its month."""

    def __init__(self, orientation: str = "bottom", **kwargs: Any):
        super().__init__(orientation, **kwargs)
        self.dates = np.array([], dtype="datetime64[D]")

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        texts = []
        for value in values:
            position = round(value)
            if not (math.isfinite(value) and abs(value - position) < 1e-6 and 0 <= position < len(self.dates)):
                texts.append("")
                continue
            texts.append(str(self.dates[position])[5:])  # 2025-05-13 -> 05-13
        return texts

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802, N803
        """Whole days only, a week apart on a long campaign, every day on a short one."""
        count = len(self.dates)
        if count == 0:
            return []
        step = 1 if count <= 14 else 2 if count <= 28 else 7
        return [(float(step), [float(day) for day in range(0, count, step)])]


class PercentAxis(pg.AxisItem):
    """The cumulative spend's axis: 0% to 100% of the budget."""

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list[tuple[float, list[float]]]:  # noqa: N802, N803
        return [(0.25, [0.0, 0.25, 0.5, 0.75, 1.0])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        return [f"{value * 100:.0f}%" if math.isfinite(value) else "" for value in values]


class PacingChart(ChartBase):
    """Stacked bars per day, the cumulative share line, the phases' bands and names, today's line."""

    file_stem = "daily-pacing"

    def __init__(self, session: Session, parent: QWidget | None = None):
        self._days = DayAxis("bottom")
        self._share_axis = PercentAxis("right")
        super().__init__(session, {"bottom": self._days, "left": MoneyAxis("left"), "right": self._share_axis},
                         parent)
        self.today: date | None = date.today()
        self.plot_item.showGrid(x=False, y=True, alpha=0.15)
        self.plot_item.showAxis("right")
        empty = np.zeros(0)
        self.brand_bars = pg.BarGraphItem(x=empty, height=empty, width=BAR_WIDTH, brush=pg.mkBrush(BRAND_COLOUR),
                                          pen=pg.mkPen(None))
        self.platform_bars = pg.BarGraphItem(x=empty, y0=empty, height=empty, width=BAR_WIDTH,
                                             brush=pg.mkBrush(PLATFORM_COLOUR), pen=pg.mkPen(None))
        self.plot_item.addItem(self.brand_bars)
        self.plot_item.addItem(self.platform_bars)
        # The cumulative share lives in a view of its own, sharing the days with the bars (pyqtgraph's way to a
        # second y axis): 0-100% on the right whatever the spend per day.
        self.share_view = pg.ViewBox(enableMouse=False)
        self.plot_item.scene().addItem(self.share_view)
        self.share_view.setZValue(10)  # over the plot (the phases' shading); it has no background of its own
        self._share_axis.linkToView(self.share_view)
        self.share_view.setXLink(self.plot_item)
        self.share_view.setYRange(0, TOP, padding=0)
        self.cumulative = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=2))
        self.share_view.addItem(self.cumulative)
        self.plot_item.vb.sigResized.connect(self._fit_share_view)
        self.today_line = pg.InfiniteLine(angle=90, movable=False,
                                          pen=pg.mkPen(ACCENT_COLOUR, width=2, style=Qt.PenStyle.DashLine))
        self.today_line.setZValue(20)
        self.today_label = pg.TextItem(anchor=(0, 0), color=ACCENT_COLOUR)
        self.today_label.setZValue(20)
        self.plot_item.addItem(self.today_line, ignoreBounds=True)
        self.plot_item.addItem(self.today_label, ignoreBounds=True)
        self.bands: list[Any] = []
        self.band_labels: list[Any] = []
        self.daily: DailyPlan | None = None
        self.retranslate()

    def _fit_share_view(self) -> None:
        self.share_view.setGeometry(self.plot_item.vb.sceneBoundingRect())
        self.share_view.linkedViewChanged(self.plot_item.vb, self.share_view.XAxis)

    def on_document_changed(self, change: Change) -> None:
        if change.kind != "scenarios":
            self.redraw()

    def set_today(self, today: date | None) -> None:
        """The day marked as today (tests fix it; None marks none)."""
        self.today = today
        self.redraw()

    # --- drawing ----------------------------------------------------------------------------------

    def redraw(self) -> None:
        document = self.document
        daily = document.daily_plan
        self.daily = daily
        if daily is None:
            problems = document.pacing_problems
            if document.plan.calendar is None:
                self.show_message(self.tr("The plan has no campaign calendar yet: set one on the Calendar tab to "
                                          "see its daily pacing."))
            else:
                lines = "\n".join(str(problem) for problem in problems[:8])
                more = len(problems) - 8
                if more > 0:
                    lines += "\n" + self.tr("… and %n more problem(s)", "", more)
                self.show_message(self.tr("No daily pacing while some notes' windows do not fit the campaign:") +
                                  "\n" + lines)
            return
        self.show_plot()
        days = np.arange(len(daily.dates), dtype=float)
        self._days.dates = daily.dates
        self._days.picture = None
        self.brand_bars.setOpts(x=days, height=daily.brand, width=BAR_WIDTH)
        self.platform_bars.setOpts(x=days, y0=daily.brand, height=daily.platform, width=BAR_WIDTH)
        self.cumulative.setData(days, daily.cumulative_share)
        largest = float(daily.spend.max()) if len(daily.spend) else 0.0
        top = largest * TOP if largest > 0 else 1.0
        self.plot_item.setXRange(-0.6, len(days) - 0.4, padding=0)
        self.plot_item.setYRange(0, top, padding=0)
        self._draw_phases(top)
        self._draw_today(daily, top)
        self._fit_share_view()
        key = "&nbsp;&nbsp;<span style='color:{colour}'>{mark}</span>&nbsp;{name}"
        self.set_title(html.escape(self.tr("Planned spend per day")) +
                       key.format(colour=_hex(BRAND_COLOUR), mark="■", name=html.escape(self.tr("Brand"))) +
                       key.format(colour=_hex(PLATFORM_COLOUR), mark="■", name=html.escape(self.tr("Platform"))) +
                       key.format(colour=_hex(LINE_COLOUR), mark="—",
                                  name=html.escape(self.tr("Cumulative share of the budget (right)"))))

    def _draw_phases(self, top: float) -> None:
        """A band per phase (a day shared at an opening hour belongs to both), its name at the top."""
        for item in self.bands + self.band_labels:
            self.plot_item.removeItem(item)
        self.bands, self.band_labels = [], []
        calendar = self.document.plan.calendar
        if calendar is None:
            return
        for number, phase in enumerate(calendar.phases):
            first, last = calendar.day_index(phase.start), calendar.day_index(phase.end)
            band = pg.LinearRegionItem(values=(first - 0.5, last + 0.5), movable=False,
                                       brush=pg.mkBrush(*BAND_COLOURS[number % 2]), pen=pg.mkPen(None))
            band.setZValue(-20)
            for line in band.lines:
                line.setPen(pg.mkPen((200, 200, 200), width=1))
            name = pg.TextItem(phase.name, anchor=(0, 0), color=(90, 90, 90))
            name.setPos(first - 0.45, top)
            self.plot_item.addItem(band, ignoreBounds=True)
            self.plot_item.addItem(name, ignoreBounds=True)
            self.bands.append(band)
            self.band_labels.append(name)

    def _draw_today(self, daily: DailyPlan, top: float) -> None:
        position = daily.day(self.today) if self.today is not None else -1
        shown = 0 <= position < len(daily.dates)
        self.today_line.setVisible(shown)
        self.today_label.setVisible(shown)
        if shown:
            self.today_line.setValue(position)
            self.today_label.setText(self.tr("Today"))
            self.today_label.setPos(position + 0.1, top * 0.93)

    @property
    def today_position(self) -> int | None:
        """The day marked as today, or None when today is not in the campaign."""
        return int(self.today_line.value()) if self.today_line.isVisible() else None
