"""The funnel of the whole plan: impressions → clicks → store visits → orders, and interactions.

The steps differ by orders of magnitude (millions of impressions, hundreds of orders), so the bars
are drawn on a log scale; each bar is labelled with its count and its rate from the step before.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from planner.formats import percent, short_number
from planner.gui.charts.axes import tick_labels
from planner.gui.charts.base import ACCENT_COLOUR, LINE_COLOUR, ChartBase, pg
from planner.gui.protocols import Session

STEPS = ("impressions", "clicks", "store_visits", "orders", "interactions")
# Interactions branch off impressions rather than follow clicks: drawn apart, after a gap.
_X = np.array([0.0, 1.0, 2.0, 3.0, 4.25])
# The step each rate is taken from (MODEL.md section 3).
_FROM = {"clicks": "impressions", "store_visits": "clicks", "orders": "store_visits",
         "interactions": "impressions"}


def _shade(colour: tuple[int, int, int], k: int) -> tuple[int, int, int]:
    return tuple(int(c + (255 - c) * 0.16 * k) for c in colour)  # type: ignore[return-value]


class FunnelChart(ChartBase):
    """Log-scale bars of the plan's funnel totals, each with its count and conversion rate above it."""

    file_stem = "funnel"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, None, parent)
        self.values = np.zeros(len(STEPS))  # the totals drawn, in STEPS order
        brushes = [pg.mkBrush(_shade(LINE_COLOUR, k)) for k in range(4)] + [pg.mkBrush(ACCENT_COLOUR)]
        self.bars = pg.BarGraphItem(x=_X, y0=np.zeros(len(STEPS)), height=np.zeros(len(STEPS)),
                                    width=0.62, brushes=brushes, pen=pg.mkPen(None))
        self.plot_item.addItem(self.bars)
        # Two labels a bar: its count (bold) above its rate, stacked by their anchors (in text heights).
        bold = QFont()
        bold.setBold(True)
        self.count_labels = [pg.TextItem(anchor=(0.5, 1.9), color=(20, 20, 20)) for _ in STEPS]
        self.rate_labels = [pg.TextItem(anchor=(0.5, 1.05), color=(70, 70, 70)) for _ in STEPS]
        for label in self.count_labels:
            label.setFont(bold)
        for label in self.count_labels + self.rate_labels:
            self.plot_item.addItem(label)
        self.plot_item.showGrid(x=False, y=True, alpha=0.15)
        self.plot_item.getAxis("bottom").setStyle(tickLength=0)
        self._span = (0.0, 1.0)  # log10 of the bars' base and of the tallest bar
        self.plot_item.getViewBox().sigResized.connect(self._fit_range)
        self.retranslate()

    def step_names(self) -> list[str]:
        return [self.tr("Impressions"), self.tr("Clicks"), self.tr("Store visits"), self.tr("Orders"),
                self.tr("Interactions")]

    def retranslate(self) -> None:
        self.plot_item.getAxis("bottom").setTicks([list(zip(_X.tolist(), self.step_names(), strict=True))])
        self.set_title(self.tr("Funnel of the whole plan (log scale)"))
        self.redraw()

    def redraw(self) -> None:
        totals = self.document.estimate.totals
        self.values = np.array([float(totals[step] or 0.0) for step in STEPS])
        if not self.values[0] > 0:
            self.show_message(self.tr("The plan reaches no one yet: give some notes a budget."))
            return
        self.show_plot()
        with np.errstate(divide="ignore"):
            logs = np.where(self.values > 0, np.log10(np.maximum(self.values, 1e-300)), -np.inf)
        shown = logs[np.isfinite(logs)]
        base = math.floor(float(shown.min())) - 1  # the smallest bar is at least a decade tall
        top = float(shown.max())
        heights = np.where(np.isfinite(logs), logs - base, 0.0)
        self.bars.setOpts(y0=np.full(len(STEPS), float(base)), height=heights)
        for k, step in enumerate(STEPS):
            self.count_labels[k].setText(self._count_text(self.values[k]))
            rate = self._rate_text(step, self.values[k])
            self.rate_labels[k].setText(rate)
            self.count_labels[k].setAnchor((0.5, 1.9 if rate else 1.05))
            self.count_labels[k].setPos(_X[k], base + heights[k])
            self.rate_labels[k].setPos(_X[k], base + heights[k])
        decades = range(base, math.ceil(top) + 1)
        self.plot_item.getAxis("left").setTicks(
            [[(float(d), tick_labels([10.0**d], 10.0**d, self.lang, money=False)[0]) for d in decades], []])
        self._span = (float(base), top)
        self._fit_range()
        # Wider on the right: the last label is the widest and has no neighbour to lean over.
        self.plot_item.setXRange(-0.5, _X[-1] + 0.7, padding=0)

    def _fit_range(self) -> None:
        """Room above the tallest bar for its two-line label: ~50 px, in decades at the plot's height."""
        base, top = self._span
        pixels = self.plot_item.getViewBox().height()
        room = min(max(50.0 / pixels, 0.08), 0.5) if pixels > 100 else 0.25
        self.plot_item.setYRange(base, top + room / (1 - room) * (top - base), padding=0)

    def _count_text(self, value: float) -> str:
        return short_number(value, self.lang)

    def rate_names(self) -> dict[str, str]:
        """The rates' names in the app's words (MODEL.md section 1), short enough to sit over a bar."""
        return {"clicks": self.tr("CTR"), "store_visits": self.tr("Entry rate"), "orders": self.tr("CVR"),
                "interactions": self.tr("Interaction rate")}

    def _rate_text(self, step: str, value: float) -> str:
        """The step's rate from the one it follows: CTR = clicks / impressions, and so on."""
        source = _FROM.get(step)
        if source is None:
            return ""
        before = float(self.values[STEPS.index(source)])
        rate = value / before if before > 0 else None
        shown = percent(rate, 1 if rate is not None and rate >= 0.1 else 2)
        return self.tr("{name} {rate}").format(name=self.rate_names()[step], rate=shown)
