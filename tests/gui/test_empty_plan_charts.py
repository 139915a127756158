"""Every chart draws a plan without notes: a message or an empty plot, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner.gui.charts.panel import ChartsPanel
from planner.gui.session import PlanSession, empty_plan


@pytest.fixture
def panel(qtbot) -> ChartsPanel:
    widget = ChartsPanel(PlanSession(empty_plan()))
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.ensure_built()
    return widget


def test_every_chart_of_an_empty_plan_draws_and_saves(panel: ChartsPanel, tmp_path: Path) -> None:
    for position, chart in enumerate(panel.ensure_built()):
        chart.redraw()
        assert chart.save_png(tmp_path / f"chart{position}.png").stat().st_size > 0


def test_the_frontier_of_an_empty_plan_is_computed_not_an_error(qtbot, panel: ChartsPanel) -> None:
    chart = panel.frontier_chart
    chart.compute_now()
    qtbot.waitUntil(lambda: not chart.busy, timeout=10_000)
    assert chart.error is None and chart.message is None
    assert chart.frontier is not None and (chart.frontier["value"] == 0).all()
