"""The Compare tab: every scenario's totals side by side, differences to a chosen base, the notes that differ
most; computed as a background job of the session; the scenarios as points on the frontier chart."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.gui.comparisons import Comparisons
from planner.gui.main_window import MainWindow
from planner.gui.models.compare_model import DIFFERENCE, FIGURES, RELATIVE
from planner.gui.session import PlanSession
from planner.gui.views.compare_view import CompareView
from planner.model.compare import compare
from planner.model.plan import Plan
from planner.model.scenarios import activate, add_scenario


@pytest.fixture
def three(small_plan: Plan) -> Plan:
    """小计划 (shown), B (n1 and n3 given more, a larger brand budget) and C (half the lifts)."""
    plan = add_scenario(add_scenario(small_plan, "B"), "C")
    b = activate(plan, "B").with_budgets([3000.0, 500.0, 700.0]).with_params(brand_budget=9000.0)
    from planner.model.scenarios import with_settings
    c = with_settings(activate(b, "C"), lift_scale=0.5)
    return activate(c, "小计划")


@pytest.fixture
def session(qtbot, three: Plan) -> PlanSession:
    return PlanSession(three)


@pytest.fixture
def view(qtbot, session: PlanSession) -> CompareView:
    widget = CompareView(session)
    qtbot.addWidget(widget)
    widget.show()  # watched: the comparison starts
    qtbot.waitUntil(lambda: session.comparisons.current, timeout=10_000)
    return widget


def cell(view: CompareView, key: str, column: int) -> str:
    model = view.totals_model
    return model.data(model.index(FIGURES.index(key), column))


def headers(view: CompareView) -> list[str]:
    model = view.totals_model
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_every_scenarios_totals_are_side_by_side_with_the_differences_to_the_base(view: CompareView,
                                                                                  three: Plan) -> None:
    assert headers(view) == ["小计划 (base)", "B", "Δ", "Δ%", "C", "Δ", "Δ%"]
    expected = compare(three)
    assert cell(view, "budget", 0) == "¥1,500"
    assert cell(view, "budget", 1) == "¥4,200"
    assert cell(view, "budget", 2) == "+¥2,700"
    assert cell(view, "budget", 3) == "+180.0%"
    assert cell(view, "brand_budget", 2) == "+¥4,000"
    model = view.totals_model
    assert model.value("orders", "C", DIFFERENCE) == pytest.approx(
        expected.totals.at["orders", "C"] - expected.totals.at["orders", "小计划"])
    assert model.value("orders", "C", RELATIVE) < 0  # half the lifts: fewer orders
    assert model.headerData(FIGURES.index("orders_p10"), Qt.Orientation.Vertical) == "Orders P10"


def test_another_base_changes_the_differences_without_comparing_again(view: CompareView,
                                                                      session: PlanSession) -> None:
    latest = session.comparisons.latest
    view.base.setCurrentText("B")
    assert headers(view)[:4] == ["B (base)", "小计划", "Δ", "Δ%"]
    assert cell(view, "budget", 2) == "−¥2,700"
    assert session.comparisons.latest is latest and not session.comparisons.busy


def test_the_notes_whose_budgets_differ_most_are_listed_largest_first(view: CompareView) -> None:
    model = view.notes_model
    assert model.note_ids() == ["n1", "n3"]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == [
        "Note ID", "Title", "小计划 budget", "B budget", "C budget", "Largest difference"]
    assert [model.data(model.index(0, c)) for c in range(model.columnCount())] == [
        "n1", "春季新品", "¥1,000", "¥3,000", "¥1,000", "+¥2,000"]


def test_a_change_of_the_plan_compares_again_in_the_background(qtbot, view: CompareView,
                                                               session: PlanSession) -> None:
    seen: list[str] = []
    session.runner.started.connect(lambda job: seen.append(job.kind))
    session.document.replace_plan(session.document.plan.with_budgets([1000.0, 500.0, 700.0]))
    assert not session.comparisons.current and session.comparisons.busy
    qtbot.waitUntil(lambda: session.comparisons.current, timeout=10_000)
    assert seen == ["compare"]
    assert cell(view, "budget", 0) == "¥2,200"


def test_a_hidden_view_compares_nothing(qtbot, session: PlanSession, view: CompareView) -> None:
    view.hide()
    session.document.replace_plan(session.document.plan.with_budgets([1.0, 2.0, 3.0]))
    assert not session.comparisons.busy and not session.comparisons.current


def test_comparing_reports_progress_per_scenario(qtbot, session: PlanSession) -> None:
    progress: list[tuple[int, int]] = []
    comparisons = Comparisons(session.document, session.runner)
    job = comparisons.compute_now()
    assert job is not None and job.reports_progress
    job.progressed.connect(lambda done, total: progress.append((done, total)))
    qtbot.waitUntil(lambda: comparisons.current, timeout=10_000)
    assert progress[-1] == (3, 3)


def test_the_compare_tab_follows_renames_for_its_bases(qtbot, make_window, three: Plan) -> None:
    window: MainWindow = make_window(plan=three)
    window.show()
    view = window.show_scenario_tab("compare")
    from planner.gui.commands import RenameScenarioCommand

    window.undo_stack.push(RenameScenarioCommand(window.document, "B", "B2"))
    assert [view.base.itemText(i) for i in range(view.base.count())] == ["小计划", "B2", "C"]
    qtbot.waitUntil(lambda: window.session.comparisons.current, timeout=10_000)
    assert "B2" in headers(view)


def test_the_scenarios_are_points_on_the_frontier_chart(qtbot, make_window, three: Plan) -> None:
    window: MainWindow = make_window(plan=three)
    window.resize(1366, 768)
    window.show()
    window.tabs.setCurrentIndex(1)
    charts = window.charts
    charts.ensure_built()
    charts.tabs.setCurrentIndex(3)
    chart = charts.frontier_chart
    qtbot.waitUntil(lambda: window.session.comparisons.current and bool(chart.scenario_positions), timeout=10_000)
    totals = window.session.comparisons.latest.totals
    assert chart.scenario_positions == {
        name: (pytest.approx(totals.at["brand_cost", name]), pytest.approx(totals.at["orders", name]))
        for name in ("B", "C")}
