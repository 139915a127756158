"""The charts draw the document's numbers, follow its changes and save as PNG (pytest-qt, offscreen)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from save_hazards import COMMON, Special, full_disk, make_special

from planner.gui.charts.axes import MoneyAxis, tick_labels
from planner.gui.charts.budget_chart import note_labels, top_positions
from planner.gui.charts.panel import ChartsPanel
from planner.gui.document import PlanDocument
from planner.gui.session import PlanSession
from planner.model.errors import InputError
from planner.model.frontier import response_slope
from planner.model.funnel import estimate
from planner.model.optimiser import allocation_of, solve_continuous
from planner.model.plan import Plan


@pytest.fixture
def session(qtbot, small_plan: Plan) -> PlanSession:
    return PlanSession(small_plan)


@pytest.fixture
def document(session: PlanSession) -> PlanDocument:
    return session.document


@pytest.fixture
def panel(qtbot, session: PlanSession) -> ChartsPanel:
    widget = ChartsPanel(session)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.ensure_built()
    return widget


def doubled_budgets(plan: Plan) -> Plan:
    return plan.with_budgets(plan.notes["budget"].to_numpy() * 2 + 100.0)


def wait_for_frontier(qtbot, panel: ChartsPanel) -> None:
    panel.frontier_chart.compute_now()  # skip the debounce
    qtbot.waitUntil(lambda: not panel.frontier_chart.busy, timeout=10_000)


# --- axes -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("values", "spacing", "lang", "money", "texts"), [
    ([0.0, 10_000.0, 20_000.0], 10_000.0, "zh", True, ["¥0", "¥1万", "¥2万"]),
    ([5_000.0, 15_000.0], 5_000.0, "zh", True, ["¥0.5万", "¥1.5万"]),  # one unit for the whole axis
    ([1e8, 3e8], 2e8, "zh", False, ["1亿", "3亿"]), ([2_000.0, 4_000.0], 2_000.0, "zh", True, ["¥2,000", "¥4,000"]),
    ([15_000.0, 20_000.0], 5_000.0, "en", True, ["¥15K", "¥20K"]),
    ([2_500_000.0, 3_000_000.0], 500_000.0, "en", False, ["2.5M", "3.0M"]),
    ([1.25, 1.5], 0.25, "en", False, ["1.25", "1.50"]), ([-1e-13, 0.5], 0.5, "en", True, ["¥0", "¥0.5"]),
    ([0.0, 2_000.0, 4_000.0], 2_000.0, "en", True, ["¥0", "¥2K", "¥4K"]),
    ([5e6, 1.05e7], 5.5e6, "zh", True, ["¥500万", "¥1050万"]),  # Chinese: no separator before 万 (1050万)
    ([-2e4, 0.0], 2e4, "zh", True, ["-¥2万", "¥0"]),  # the minus before the ¥, as formats.money
])
def test_tick_labels_read_in_the_languages_units(values, spacing, lang, money, texts) -> None:
    assert tick_labels(values, spacing, lang, money) == texts


def test_money_axis_follows_the_language(qtbot) -> None:
    axis = MoneyAxis("bottom")
    assert axis.tickStrings([10_000.0, 20_000.0], 1.0, 10_000.0) == ["¥10K", "¥20K"]
    axis.set_language("zh")
    assert axis.tickStrings([10_000.0, 20_000.0], 1.0, 10_000.0) == ["¥1万", "¥2万"]


# --- budget by note -------------------------------------------------------------------------------

def test_top_positions_are_the_largest_budgets_largest_first() -> None:
    budget = np.array([5.0, 0.0, 9.0, 1.0, 7.0, 0.0])
    assert top_positions(budget, 3).tolist() == [2, 4, 0]
    assert top_positions(budget, 10).tolist() == [2, 4, 0, 3]  # never a note without budget
    assert top_positions(np.zeros(4), 3).tolist() == []


def test_bar_labels_are_short_titles_told_apart_by_their_ids() -> None:
    titles = np.array(["早餐", "学生党护肤三件套真实测评分享", "早餐", None], dtype=object)
    ids = np.array(["n1", "n2", "XHS000123", "n4"], dtype=object)
    assert note_labels(titles, ids) == ["早餐 #n1", "学生党护肤三件套真实测…", "早餐 #0123", "n4"]


def test_budget_bars_are_the_top_notes_brand_and_platform_costs(panel: ChartsPanel,
                                                                document: PlanDocument) -> None:
    chart = panel.budget_chart
    notes = document.estimate.notes
    assert chart.positions.tolist() == [0, 1]  # n3 has no budget
    assert np.allclose(chart.brand_bars.opts["width"], notes["brand_cost"].to_numpy()[[0, 1]])
    assert np.allclose(chart.platform_bars.opts["width"], notes["platform_cost"].to_numpy()[[0, 1]])
    assert np.allclose(chart.platform_bars.opts["x0"], chart.brand_bars.opts["x0"] + chart.brand_bars.opts["width"])


def test_budget_chart_follows_a_replaced_plan(panel: ChartsPanel, document: PlanDocument) -> None:
    document.replace_plan(doubled_budgets(document.plan))
    notes = estimate(document.plan).notes
    top = panel.budget_chart.positions
    assert top.tolist() == [0, 1, 2]
    widths = panel.budget_chart.brand_bars.opts["width"] + panel.budget_chart.platform_bars.opts["width"]
    assert np.allclose(widths, notes["budget"].to_numpy()[top])


def test_budget_chart_outlines_the_selected_note(panel: ChartsPanel) -> None:
    panel.set_selected_note(1)
    pens = panel.budget_chart.brand_bars.opts["pens"]
    assert pens[1].width() > 0 and pens[1].style() != Qt.PenStyle.NoPen
    assert pens[0].style() == Qt.PenStyle.NoPen


# --- response curve -------------------------------------------------------------------------------

def test_response_chart_without_a_selection_shows_a_hint(panel: ChartsPanel) -> None:
    assert panel.response_chart.message is not None
    assert "Select a note" in panel.response_chart.message


@pytest.mark.parametrize("outcome", ["orders", "gmv"])
def test_response_curve_passes_through_todays_point(panel: ChartsPanel, document: PlanDocument,
                                                    outcome: str) -> None:
    chart = panel.response_chart
    chart.set_outcome(outcome)
    panel.set_selected_note(0)
    assert chart.message is None
    budget = document.estimate.notes["budget"].iloc[0]
    value = document.estimate.notes[outcome].iloc[0]
    xs, ys = chart.curve.getData()
    assert 100 <= len(xs) <= 200 and xs[0] == 0 and xs[-1] >= budget
    assert np.interp(budget, xs, ys) == pytest.approx(value, rel=1e-3)
    today_x, today_y = chart.today.getData()
    assert (today_x[0], today_y[0]) == pytest.approx((budget, value))
    tangent_x, tangent_y = chart.tangent.getData()
    slope = (tangent_y[1] - tangent_y[0]) / (tangent_x[1] - tangent_x[0])
    assert slope == pytest.approx(response_slope(document.plan, 0, budget, outcome), rel=1e-9)
    low, high = chart.band_low.getData()[1], chart.band_high.getData()[1]
    assert np.all(low <= ys + 1e-9) and np.all(ys <= high + 1e-9) and high[-1] > low[-1]


def test_response_chart_follows_document_changes(panel: ChartsPanel, document: PlanDocument) -> None:
    panel.set_selected_note(1)
    document.replace_plan(doubled_budgets(document.plan))
    today_x, today_y = panel.response_chart.today.getData()
    assert today_x[0] == pytest.approx(1100.0)
    assert today_y[0] == pytest.approx(document.estimate.notes["orders"].iloc[1])


# --- funnel ---------------------------------------------------------------------------------------

def test_funnel_values_are_the_estimates_totals(panel: ChartsPanel, document: PlanDocument) -> None:
    chart = panel.funnel_chart
    totals = document.estimate.totals
    expected = [totals[k] for k in ("impressions", "clicks", "store_visits", "orders", "interactions")]
    assert chart.values == pytest.approx(expected)
    tops = chart.bars.opts["y0"] + chart.bars.opts["height"]
    assert tops == pytest.approx(np.log10(expected))  # bars on a log scale
    ctr = totals["clicks"] / totals["impressions"]
    assert chart.rate_labels[1].toPlainText() == f"CTR {ctr * 100:.2f}%"


def test_funnel_follows_a_replaced_plan(panel: ChartsPanel, document: PlanDocument) -> None:
    document.replace_plan(doubled_budgets(document.plan))
    assert panel.funnel_chart.values[3] == pytest.approx(estimate(document.plan).totals["orders"])


# --- efficient frontier ---------------------------------------------------------------------------

def continuous_optimum(plan: Plan, brand_budget: float) -> float:
    a = allocation_of(plan)
    return a.objective(solve_continuous(a, brand_budget))


def test_frontier_contains_the_current_plans_optimum(qtbot, panel: ChartsPanel, document: PlanDocument) -> None:
    wait_for_frontier(qtbot, panel)
    chart = panel.frontier_chart
    brand_budget = document.plan.params.brand_budget
    x, y = chart.optimum_point.getData()
    assert (x[0], y[0]) == pytest.approx((brand_budget, continuous_optimum(document.plan, brand_budget)))
    curve_x, curve_y = chart.curve.getData()
    assert len(curve_x) >= 25 and brand_budget in curve_x
    today_x, today_y = chart.current_point.getData()
    totals = document.estimate.totals
    assert (today_x[0], today_y[0]) == pytest.approx((totals["brand_cost"], totals["orders"]))
    assert today_y[0] <= np.interp(today_x[0], curve_x, curve_y) * (1 + 1e-9)


def test_frontier_is_recomputed_after_a_brand_budget_change(qtbot, panel: ChartsPanel,
                                                            document: PlanDocument) -> None:
    wait_for_frontier(qtbot, panel)
    document.set_params(brand_budget=8000.0)
    assert panel.frontier_chart.busy  # debounced: waits for more changes first
    qtbot.waitUntil(lambda: not panel.frontier_chart.busy, timeout=10_000)
    x, y = panel.frontier_chart.optimum_point.getData()
    assert (x[0], y[0]) == pytest.approx((8000.0, continuous_optimum(document.plan, 8000.0)))


def test_an_unlocked_budget_edit_moves_only_todays_point(qtbot, panel: ChartsPanel,
                                                         document: PlanDocument) -> None:
    wait_for_frontier(qtbot, panel)
    before = panel.frontier_chart.frontier
    document.set_note_values("budget", np.array([2]), np.array([300.0]))
    assert not panel.frontier_chart.busy and panel.frontier_chart.frontier is before
    today_x, _ = panel.frontier_chart.current_point.getData()
    assert today_x[0] == pytest.approx(document.estimate.totals["brand_cost"])


def test_frontier_of_an_unbounded_plan_shows_why(qtbot, panel: ChartsPanel, document: PlanDocument) -> None:
    document.replace_plan(document.plan.with_params(platform_share=1.0, platform_cap=None))
    wait_for_frontier(qtbot, panel)
    assert "unbounded" in (panel.frontier_chart.message or "")


# --- the panel ------------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(4))
def test_each_chart_saves_a_non_empty_png(panel: ChartsPanel, tmp_path: Path, index: int) -> None:
    panel.set_selected_note(0)
    path = panel.ensure_built()[index].save_png(tmp_path / "chart.png")
    data = path.read_bytes()
    assert data.startswith(b"\x89PNG") and len(data) > 2000


def test_panel_forwards_language_and_selection(panel: ChartsPanel) -> None:
    panel.set_language("zh")
    assert all(chart.lang == "zh" for chart in panel.ensure_built())
    assert panel.budget_chart.plot_item.getAxis("bottom").tickStrings([20_000.0], 1.0, 10_000.0) == ["¥2万"]
    panel.set_selected_note(2)
    assert panel.response_chart.position == 2 and panel.response_chart.message is None
    panel.set_selected_note(None)
    assert panel.response_chart.message is not None


def test_charts_are_built_only_when_needed(qtbot, session: PlanSession) -> None:
    panel = ChartsPanel(session)
    qtbot.addWidget(panel)
    panel.set_selected_note(1)
    assert not panel.built
    panel.show()
    qtbot.waitUntil(lambda: panel.built, timeout=5000)  # after its first paint
    assert panel.response_chart.position == 1


def test_importing_the_panel_does_not_import_pyqtgraph() -> None:
    code = "import sys, planner.gui.charts.panel; print('pyqtgraph' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.slow
def test_big_plan_budget_edit_timing(qtbot, big_plan: Plan) -> None:
    """Measured, not asserted: an edit to one budget of a 10,000-note plan, through every chart."""
    session = PlanSession(big_plan)
    document = session.document
    panel = ChartsPanel(session)
    qtbot.addWidget(panel)
    panel.resize(900, 600)
    panel.ensure_built()
    panel.set_selected_note(5)
    times = []
    for k in range(10):
        start = time.perf_counter()
        document.set_note_values("budget", np.array([5]), np.array([10_000.0 + k]))
        times.append((time.perf_counter() - start) * 1000)
    print(f"\n10,000 notes, one budget edit -> all charts redrawn: median {np.median(times):.1f} ms, "
          f"max {max(times):.1f} ms (includes the estimate, {len(times)} edits)")
    assert panel.budget_chart.positions.size > 0


# --- saving a PNG like every other file (planner.io.atomic) -----------------------------------------

posix_only = pytest.mark.skipif(os.name == "nt", reason="special files and symlinks of POSIX")


@posix_only
@pytest.mark.parametrize("via_link", [False, True], ids=["direct", "symlink"])
@pytest.mark.parametrize("kind", COMMON)
def test_a_png_is_never_saved_over_a_special_file(panel: ChartsPanel, tmp_path: Path, kind: str,
                                                  via_link: bool) -> None:
    special = make_special(tmp_path, kind, via_link)
    before = special.identity()
    with pytest.raises(InputError) as refused:
        panel.budget_chart.save_png(special.given)
    assert [str(problem) for problem in refused.value.problems] == [special.message()]
    assert special.identity() == before
    assert special.leftovers() == []


@posix_only
def test_a_png_saved_through_a_symlink_replaces_the_file_it_points_to(panel: ChartsPanel, tmp_path: Path) -> None:
    (tmp_path / "chart.png").write_bytes(b"old")
    link = tmp_path / "link.png"
    link.symlink_to("chart.png")
    panel.budget_chart.save_png(link)
    assert link.is_symlink() and (tmp_path / "chart.png").read_bytes().startswith(b"\x89PNG")


def test_a_full_disk_while_saving_a_png_names_the_file_and_keeps_the_old_one(
        panel: ChartsPanel, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "chart.png"
    target.write_bytes(b"old")
    full_disk(monkeypatch)
    with pytest.raises(OSError) as failed:
        panel.budget_chart.save_png(target)
    assert (failed.value.errno, failed.value.filename) == (errno.ENOSPC, str(target))
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["chart.png"]


@posix_only
def test_save_as_png_tells_the_user_why_a_special_file_was_refused(panel: ChartsPanel, tmp_path: Path, dialogs,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    device = make_special(tmp_path, "device")
    (tmp_path / "chart.png").symlink_to(device.node)  # the dialog's answer ends with .png, as asked
    special = Special(device.node, tmp_path / "chart.png", "device")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args, **_kwargs: (str(special.given), ""))
    panel.budget_chart.ask_save_png()
    assert dialogs.shown == [("warning", "Save as PNG", special.message())]
    assert special.identity()[0] == stat.S_IFCHR
