"""The `planner` command line and start-up: `planner`, `planner PLAN`, `planner --demo`, `python -m planner`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from commands import run_python_module

from planner.gui.app import parse_args
from planner.gui.views.kpis import KpiPanel


def test_arguments() -> None:
    assert parse_args([]).plan is None
    assert parse_args(["618.rcplan"]).plan == Path("618.rcplan")
    assert parse_args(["--demo"]).demo
    assert parse_args(["--lang", "zh_CN", "--demo"]).lang == "zh_CN"
    assert parse_args(["-style", "fusion", "--demo"]).demo  # Qt's own options pass through


@pytest.mark.slow
def test_python_m_planner_opens_the_demo_and_paints(profile: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", RCPLANNER_EXIT_AFTER_PAINT="charts")
    done = run_python_module("planner", "--demo", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("painted ")
    assert done.stdout.splitlines()[-1] == "charts built"
    assert "Traceback" not in done.stderr


def test_kpi_cards_show_the_p10_p90_of_orders_and_gmv(qtbot, small_plan) -> None:
    from planner.gui.document import PlanDocument

    panel = KpiPanel(PlanDocument(small_plan))
    qtbot.addWidget(panel)
    assert panel.cards["orders"].detail.text().startswith("P10–P90 ")
    assert panel.cards["gmv"].detail.text().startswith("P10–P90 ¥")
    assert panel.spread["orders"]["p10"] <= panel.spread["orders"]["p90"]
    assert "interaction rate (per impression" in panel.cards["interactions"].toolTip()
    assert panel.cards["roi"].detail.text().startswith("brand ROI")
