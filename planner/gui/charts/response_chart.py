"""The response curve of the selected note: what its orders or GMV would be at other budgets."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner.formats import count, money, ratio
from planner.gui.charts.axes import MoneyAxis, UnitAxis
from planner.gui.charts.base import ACCENT_COLOUR, LINE_COLOUR, ChartBase, legend, pg
from planner.gui.protocols import Session
from planner.model.frontier import response_curve, response_slope
from planner.model.uncertainty import note_band

POINTS = 160
# A notional span for a note with no budget, no minimum and no audience cap to give a scale.
_FALLBACK_SPAN = 10_000.0
OUTCOMES = ("orders", "gmv")
_TITLE_CHARS = 16


class ResponseChart(ChartBase):
    """Expected outcome against the note's budget, its P10-P90 band, today's point and the tangent there.

    The tangent's slope is d(outcome)/d(budget); the label gives the marginal ROI, which is per yuan of
    brand money (MODEL.md section 3), so the two differ by the platform's share for an eligible note.
    """

    file_stem = "response-curve"

    def __init__(self, session: Session, parent: QWidget | None = None):
        self._y_axis = UnitAxis("left")
        super().__init__(session, {"bottom": MoneyAxis("bottom"), "left": self._y_axis}, parent)
        self.position: int | None = None
        self.outcome = "gmv" if self.document.plan.params.objective == "gmv" else "orders"
        self._show_label = QLabel()
        self._outcome_box = QComboBox()
        self._outcome_box.currentIndexChanged.connect(self._outcome_chosen)
        header = QHBoxLayout()
        header.setContentsMargins(6, 2, 6, 0)
        header.addWidget(self._show_label)
        header.addWidget(self._outcome_box)
        header.addStretch(1)
        self.layout_.insertLayout(0, header)

        band_brush = pg.mkBrush(*LINE_COLOUR, 45)
        # PlotCurveItems, not PlotDataItems: FillBetweenItem fills between their paths, which a
        # PlotDataItem without a pen never builds.
        edge = pg.mkPen(*LINE_COLOUR, 70)
        self.band_low = pg.PlotCurveItem(pen=edge)
        self.band_high = pg.PlotCurveItem(pen=edge)
        self.band = pg.FillBetweenItem(self.band_low, self.band_high, brush=band_brush)
        self.curve = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=2))
        self.tangent = pg.PlotDataItem(pen=pg.mkPen(ACCENT_COLOUR, width=1.5, style=Qt.PenStyle.DashLine))
        self.today = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(ACCENT_COLOUR), pen=pg.mkPen("w", width=1.5))
        self.today_label = pg.TextItem(anchor=(-0.05, -0.15), color=(30, 30, 30),
                                       fill=pg.mkBrush(255, 255, 255, 210))
        for item in (self.band_low, self.band_high, self.band, self.curve, self.tangent, self.today,
                     self.today_label):
            self.plot_item.addItem(item)
        # The legend's sample of the band: a filled item that is not drawn in the plot itself.
        self._band_sample = pg.PlotDataItem(pen=None, fillLevel=0, fillBrush=band_brush)
        self._legend = legend(self.plot_item, offset=(8, 8))
        self.retranslate()

    def retranslate(self) -> None:
        self._show_label.setText(self.tr("Show:"))
        self._outcome_box.blockSignals(True)
        self._outcome_box.clear()
        self._outcome_box.addItems([self.tr("Orders"), self.tr("GMV")])
        self._outcome_box.setCurrentIndex(OUTCOMES.index(self.outcome))
        self._outcome_box.blockSignals(False)
        self._legend.clear()
        self._legend.addItem(self.curve, self.tr("Expected"))
        self._legend.addItem(self._band_sample, self.tr("P10–P90 (lift uncertainty)"))
        self._legend.addItem(self.tangent, self.tr("Slope today (marginal return)"))
        self.redraw()

    def _outcome_chosen(self, index: int) -> None:
        self.set_outcome(OUTCOMES[index])

    def set_outcome(self, outcome: str) -> None:
        """Plot "orders" or "gmv" (¥) against the budget."""
        self.outcome = outcome
        self._outcome_box.blockSignals(True)
        self._outcome_box.setCurrentIndex(OUTCOMES.index(outcome))
        self._outcome_box.blockSignals(False)
        self.redraw()

    def set_selected_note(self, position: int | None) -> None:
        self.position = position
        self.redraw()

    def redraw(self) -> None:
        plan = self.document.plan
        position = self.position
        if position is None or not 0 <= position < len(plan.notes):
            self.show_message(self.tr("Select a note in the table to see how its orders and GMV "
                                      "respond to its budget."))
            return
        self.show_plot()
        notes = self.document.estimate.notes
        budget = float(notes["budget"].iloc[position])
        value = float(notes[self.outcome].iloc[position])
        xs = np.linspace(0.0, self._span(position, budget), POINTS)
        self.curve.setData(xs, response_curve(plan, position, xs, self.outcome))
        low, high = note_band(plan, position, xs, self.outcome)
        self.band_low.setData(xs, low)
        self.band_high.setData(xs, high)
        self.today.setData([budget], [value])
        slope = response_slope(plan, position, budget, self.outcome)
        reach = 0.3 * xs[-1]
        ends = np.array([max(0.0, budget - reach), min(xs[-1], budget + reach)])
        self.tangent.setData(ends, value + slope * (ends - budget))
        self._y_axis.set_kind("money" if self.outcome == "gmv" else "count")
        self.today_label.setText(self._today_text(budget, value, notes["marginal_roi"].iloc[position]))
        self.today_label.setPos(budget, value)
        self.plot_item.setXRange(0.0, xs[-1], padding=0.02)
        self.plot_item.setYRange(0.0, max(float(high[-1]), value, 1e-9), padding=0.05)
        note_id = str(notes["note_id"].iloc[position])
        title = str(plan.notes["title"].iloc[position] or "")
        if len(title) > _TITLE_CHARS:  # pyqtgraph widens the whole chart to fit its title
            title = title[:_TITLE_CHARS - 1] + "…"
        name = f"{title} ({note_id})" if title and title != note_id else note_id
        what = self.tr("GMV") if self.outcome == "gmv" else self.tr("Orders")
        self.set_title(self.tr("{what} against the budget of {name}").format(what=what, name=name))

    def _today_text(self, budget: float, value: float, marginal_roi: float) -> str:
        if self.outcome == "gmv":
            shown = self.tr("{value} GMV").format(value=money(value))
        else:
            shown = self.tr("{value} orders").format(value=count(value))
        roi = ratio(None if math.isnan(marginal_roi) else float(marginal_roi))
        return self.tr("Today: {budget} → {value}\nMarginal ROI {roi} (GMV per extra brand ¥)").format(
            budget=money(budget), value=shown, roi=roi)

    def _span(self, position: int, budget: float) -> float:
        """The budget axis: twice today's budget, else the minimum's or the audience cap's scale."""
        notes = self.document.plan.notes
        span = max(2.0 * budget, 1.5 * float(notes["min_budget"].iloc[position]))
        if span > 0:
            return span
        cap = float(notes["audience_cap"].iloc[position])
        return cap * float(notes["cpm"].iloc[position]) / 1000.0 if math.isfinite(cap) else _FALLBACK_SPAN
