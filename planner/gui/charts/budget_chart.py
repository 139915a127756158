"""Budget by note: the notes with the largest budgets, the brand's and the platform's money stacked."""

from __future__ import annotations

import html
from collections import Counter

import numpy as np
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget

from planner.gui.charts.axes import MoneyAxis
from planner.gui.charts.base import ACCENT_COLOUR, BRAND_COLOUR, PLATFORM_COLOUR, ChartBase, pg
from planner.gui.protocols import Session

TOP_N = 15
_LABEL_CHARS = 12
_BAR_HEIGHT = 0.7


def _hex(colour: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*colour)


def top_positions(budget: np.ndarray, n: int) -> np.ndarray:
    """Positions of the n largest positive budgets, largest first; argpartition keeps it O(notes)."""
    positive = int(np.count_nonzero(budget > 0))
    n = min(n, positive)
    if n == 0:
        return np.empty(0, dtype=int)
    candidates = np.argpartition(-budget, n - 1)[:n] if n < len(budget) else np.arange(len(budget))
    return candidates[np.argsort(-budget[candidates], kind="stable")]


def note_labels(titles: np.ndarray, ids: np.ndarray) -> list[str]:
    """Short names for the bars: the title (else the id); a title shown twice gets its id's tail."""
    pairs = list(zip(titles, ids, strict=True))
    names = [str(t).strip() if isinstance(t, str) and t.strip() else str(i) for t, i in pairs]
    short = [n if len(n) <= _LABEL_CHARS else n[:_LABEL_CHARS - 1] + "…" for n in names]
    seen = Counter(short)
    return [f"{s} #{str(i)[-4:]}" if seen[s] > 1 else s for s, i in zip(short, ids, strict=True)]


class BudgetChart(ChartBase):
    """Horizontal stacked bars, largest budget on top; the selected note's bar is outlined."""

    file_stem = "budget-by-note"

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(session, {"bottom": MoneyAxis("bottom")}, parent)
        self.top_n = TOP_N
        self.selected: int | None = None
        self._label_width = 0
        self.positions = np.empty(0, dtype=int)  # note positions of the bars, largest budget first
        self._plain_pen = pg.mkPen(None)
        self._selected_pen = pg.mkPen(ACCENT_COLOUR, width=3)
        empty = np.zeros(0)
        self.brand_bars = pg.BarGraphItem(x0=empty, y=empty, width=empty, height=_BAR_HEIGHT,
                                          brush=pg.mkBrush(BRAND_COLOUR), pen=self._plain_pen)
        self.platform_bars = pg.BarGraphItem(x0=empty, y=empty, width=empty, height=_BAR_HEIGHT,
                                             brush=pg.mkBrush(PLATFORM_COLOUR), pen=self._plain_pen)
        self.plot_item.addItem(self.brand_bars)
        self.plot_item.addItem(self.platform_bars)
        self.plot_item.showGrid(x=True, y=False, alpha=0.15)
        self.plot_item.getAxis("left").setStyle(tickLength=0)
        self.retranslate()

    def set_selected_note(self, position: int | None) -> None:
        self.selected = position
        self._draw_pens()

    def redraw(self) -> None:
        notes = self.document.estimate.notes
        budget = notes["budget"].to_numpy(dtype=float)
        self.positions = top_positions(budget, self.top_n)
        count = len(self.positions)
        if count == 0:
            self.show_message(self.tr("No note has a budget yet: set budgets in the table or optimise."))
            return
        self.show_plot()
        brand = notes["brand_cost"].to_numpy(dtype=float)[self.positions]
        platform = notes["platform_cost"].to_numpy(dtype=float)[self.positions]
        rows = np.arange(count - 1, -1, -1, dtype=float)  # the largest on top
        self.brand_bars.setOpts(x0=np.zeros(count), y=rows, width=brand)
        self.platform_bars.setOpts(x0=brand, y=rows, width=platform)
        self._draw_pens()
        titles = self.document.plan.notes["title"].to_numpy()[self.positions]
        ids = notes["note_id"].to_numpy()[self.positions]
        self._set_labels(rows, note_labels(titles, ids))
        self.plot_item.setXRange(0, float(budget[self.positions[0]]) * 1.04, padding=0)
        self.plot_item.setYRange(-0.6, count - 0.4, padding=0)
        # The legend sits in the title: inside the plot it would cover bars on a small screen. The title
        # is kept short, as pyqtgraph widens the whole chart to fit it.
        key = "&nbsp;&nbsp;<span style='color:{colour}'>■</span>&nbsp;{name}"
        self.set_title(html.escape(self.tr("Budget by note (top {shown} of {total})")
                                   .format(shown=count, total=f"{len(budget):,}"))
                       + key.format(colour=_hex(BRAND_COLOUR), name=html.escape(self.tr("Brand")))
                       + key.format(colour=_hex(PLATFORM_COLOUR),
                                    name=html.escape(self.tr("Platform"))))

    def _set_labels(self, rows: np.ndarray, labels: list[str]) -> None:
        """Note names on the left axis, which is made as wide as the longest: pyqtgraph would drop it."""
        axis = self.plot_item.getAxis("left")
        axis.setTicks([list(zip(rows.tolist(), labels, strict=True))])
        metrics = QFontMetrics(axis.style["tickFont"] or self.font())
        width = max(metrics.horizontalAdvance(label) for label in labels) + 14
        if width != self._label_width:
            self._label_width = width
            axis.setWidth(width)

    def _draw_pens(self) -> None:
        if not len(self.positions):
            return
        pens = [self._selected_pen if p == self.selected else self._plain_pen for p in self.positions]
        self.brand_bars.setOpts(pens=pens)
        self.platform_bars.setOpts(pens=pens)
