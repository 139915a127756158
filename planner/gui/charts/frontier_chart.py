"""The plan's efficient frontier: the best its objective can do at each brand budget, and where it is today.

The frontier takes ~25 optimisations, so it is computed as a quiet job of the plan's session, 300 ms after
the last change that can move it; a newer computation supersedes an older one still running. An edit to an
unlocked note's budget moves only today's point, drawn at once. The plan's other scenarios are points too,
from the session's comparison of them (planner.gui.comparisons), which this chart watches while it is shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from planner.gui.charts.axes import MoneyAxis, UnitAxis
from planner.gui.charts.base import (
    ACCENT_COLOUR,
    BRAND_COLOUR,
    LINE_COLOUR,
    PLATFORM_COLOUR,
    ChartBase,
    legend,
    pg,
)
from planner.gui.document import SAME_FIGURES, Change
from planner.gui.jobs import Cancelled, Job
from planner.gui.protocols import Session
from planner.model.frontier import efficient_frontier
from planner.model.scenarios import scenario_names

DEBOUNCE_MS = 300


class FrontierChart(ChartBase):
    """The frontier curve, today's plan (brand cost, objective total) and the optimum at the brand budget."""

    file_stem = "efficient-frontier"

    def __init__(self, session: Session, parent: QWidget | None = None):
        self._y_axis = UnitAxis("left")
        super().__init__(session, {"bottom": MoneyAxis("bottom"), "left": self._y_axis}, parent)
        self.frontier: pd.DataFrame | None = None  # the last frontier computed, None while none is
        self.frontier_objective: str | None = None  # the objective it was computed for
        self.error: str | None = None
        self._computing: str | None = None  # the objective of the frontier being computed
        self._job: Job | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.compute_now)

        self.curve = pg.PlotDataItem(pen=pg.mkPen(LINE_COLOUR, width=2), symbol="o", symbolSize=4,
                                     symbolBrush=pg.mkBrush(LINE_COLOUR), symbolPen=None)
        self.budget_line = pg.InfiniteLine(angle=90, movable=False,
                                           pen=pg.mkPen((120, 120, 120), style=Qt.PenStyle.DashLine))
        self.optimum_point = pg.ScatterPlotItem(size=15, symbol="d", brush=pg.mkBrush(BRAND_COLOUR),
                                                pen=pg.mkPen("w", width=1.5))
        self.current_point = pg.ScatterPlotItem(size=11, brush=pg.mkBrush(ACCENT_COLOUR),
                                                pen=pg.mkPen("w", width=1.5))
        self.scenario_points = pg.ScatterPlotItem(size=10, symbol="s", brush=pg.mkBrush(PLATFORM_COLOUR),
                                                  pen=pg.mkPen((120, 120, 120), width=1))
        self.scenario_labels: list[pg.TextItem] = []
        for item in (self.curve, self.budget_line, self.optimum_point, self.current_point, self.scenario_points):
            self.plot_item.addItem(item)
        self.optimum_point.setZValue(10)  # above the curve's own dots
        self.current_point.setZValue(10)
        self.scenario_points.setZValue(9)
        self._comparisons = session.comparisons
        self._comparisons.updated.connect(self._draw_scenarios)
        self._legend = legend(self.plot_item, offset=(-8, -8))  # bottom right: under a concave curve
        self.retranslate()
        self.schedule()

    def retranslate(self) -> None:
        self._legend.clear()
        self._legend.addItem(self.curve, self.tr("Best possible (optimised)"))
        self._legend.addItem(self.optimum_point, self.tr("Optimum at the brand budget"))
        self._legend.addItem(self.current_point, self.tr("Today's plan"))
        self._legend.addItem(self.scenario_points, self.tr("Other scenarios"))
        self.redraw()

    # --- when to recompute ------------------------------------------------------------------------

    def on_document_changed(self, change: Change) -> None:
        self.redraw()
        if change.kind in ("plan", "scenarios"):
            self._watch_scenarios(self.isVisible())
        if change.kind not in SAME_FIGURES and not self._only_moves_today(change):
            self.schedule()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._watch_scenarios(True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._watch_scenarios(False)
        super().hideEvent(event)

    def _watch_scenarios(self, shown: bool) -> None:
        """Follow the comparison of the scenarios while shown, when there are others to draw."""
        self._comparisons.watch(self, shown and len(scenario_names(self.document.plan)) > 1)

    def _only_moves_today(self, change: Change) -> bool:
        """Budgets of unlocked notes do not move the frontier, unless today's point leaves its range."""
        if change.kind != "notes" or change.columns != ("budget",) or change.rows is None:
            return False
        locked = self.document.plan.notes["locked"].to_numpy(dtype=bool)
        if locked[list(change.rows)].any() or self.frontier is None:
            return False
        today = float(self.document.estimate.totals["brand_cost"] or 0.0)
        return today <= float(self.frontier["brand_budget"].iloc[-1])

    def schedule(self) -> None:
        """Recompute after DEBOUNCE_MS without another change: a slider drag costs one computation."""
        self._timer.start()

    def compute_now(self) -> None:
        """Start computing the frontier of the current plan; an older computation still running is dropped."""
        self._timer.stop()
        plan = self.document.plan
        job = Job("frontier", self.tr("Computing the efficient frontier…"), efficient_frontier, plan, progress=True,
                  supersedes=True, quiet=True)
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self._computing = plan.params.objective
        self._job = self.session.runner.submit(job)
        self.redraw()

    @property
    def busy(self) -> bool:
        return self._job is not None or self._timer.isActive()

    def _finished(self, frontier: pd.DataFrame) -> None:
        """The latest computation's frontier (an older one that was superseded never finishes)."""
        self._job = None
        self.frontier, self.error = frontier, None
        self.frontier_objective = self._computing
        self.redraw()

    def _failed(self, error: BaseException) -> None:
        """No frontier (a PlanError: the plan is unbounded, say), told in the chart rather than a dialog."""
        if isinstance(error, Cancelled):
            return  # a newer computation replaced it (or the window closes)
        self._job = None
        self.frontier, self.error = None, str(error)
        self.redraw()

    # --- drawing ----------------------------------------------------------------------------------

    def redraw(self) -> None:
        plan = self.document.plan
        objective = plan.params.objective
        if self.error is not None:
            self.show_message(self.tr("No efficient frontier for this plan:\n{error}").format(error=self.error))
            return
        self.show_plot()
        self._y_axis.set_kind("money" if objective == "gmv" else "count")
        totals = self.document.estimate.totals
        self.current_point.setData([float(totals["brand_cost"] or 0.0)], [float(totals[objective] or 0.0)])
        brand_budget = float(plan.params.brand_budget)
        self.budget_line.setValue(brand_budget)
        # Until the new one arrives, the last frontier stays up, unless it was of another objective.
        frame = self.frontier if self.frontier_objective == objective else None
        if frame is None:
            self.curve.setData([], [])
            self.optimum_point.setData([], [])
        else:
            feasible = frame[frame["feasible"]]
            self.curve.setData(feasible["brand_budget"].to_numpy(), feasible["value"].to_numpy())
            at_budget = feasible[np.isclose(feasible["brand_budget"], brand_budget, rtol=1e-12, atol=1e-9)]
            self.optimum_point.setData(at_budget["brand_budget"].to_numpy(), at_budget["value"].to_numpy())
        self.plot_item.enableAutoRange()
        self._draw_scenarios()
        names = {"clicks": self.tr("clicks"), "interactions": self.tr("interactions"),
                 "store_visits": self.tr("store visits"), "orders": self.tr("orders"), "gmv": self.tr("GMV")}
        title = self.tr("Best {objective} for each brand budget").format(objective=names.get(objective, objective))
        if self.busy:
            title += " " + self.tr("(updating…)")
        self.set_title(title)

    def _draw_scenarios(self) -> None:
        """The other scenarios at (brand cost, objective total), named: from the latest comparison."""
        for item in self.scenario_labels:
            self.plot_item.removeItem(item)
        self.scenario_labels = []
        plan = self.document.plan
        comparison = self._comparisons.latest
        names = [name for name in scenario_names(plan) if name != plan.scenario.name]
        if comparison is None or not names:
            self.scenario_points.setData([], [])
            return
        shown = [name for name in names if name in comparison.totals.columns]
        totals = comparison.totals[shown]
        objective = plan.params.objective
        x = totals.loc["brand_cost"].to_numpy(dtype=float)
        y = totals.loc[objective].to_numpy(dtype=float)
        self.scenario_points.setData(x, y)
        for name, px, py in zip(shown, x.tolist(), y.tolist(), strict=True):
            text = pg.TextItem(name, anchor=(0, 1), color=(80, 80, 80))
            text.setPos(px, py)
            self.plot_item.addItem(text)
            self.scenario_labels.append(text)

    @property
    def scenario_positions(self) -> dict[str, tuple[float, float]]:
        """The other scenarios drawn, by name: (brand cost, objective total)."""
        x, y = self.scenario_points.getData()
        names = [label.toPlainText() for label in self.scenario_labels]
        return {name: (float(px), float(py)) for name, px, py in zip(names, x, y, strict=True)}
