"""The Tracking tab (MODEL.md section 10): plan vs actual to date for the plan and each note with its pacing status
in word and colour, the cumulative chart, observed rates with their counts; importing actuals (one undo step, a
later table replacing the note-days it holds again, bad tables refused whole); re-planning the rest (one undo step,
then Compare against the scenario it came from); the empty state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from planner.gui.commands import SetParamsCommand
from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.models.tracking_models import STATUS_COLOURS, TINT_ALPHA
from planner.gui.session import PlanSession
from planner.gui.views.tracking_view import TrackingView
from planner.model.calendar import Calendar, Phase
from planner.model.plan import Plan
from planner.model.scenarios import scenario_names
from planner.model.tracking import ON_TRACK, SLIGHTLY_OVER, UNDER

FOUR_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 4), 1.0),))
HEADER = "日期,笔记ID,消费,曝光,点击\n"


def actuals_of(rows: list[tuple[str, str, float, float, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["date", "note_id", "spend", "impressions", "clicks"])
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


# Budgets 1000, 500, 0 over four even days; two days of actuals: n1 600 of 500 planned, n2 100 of 250.
HAND_MADE = actuals_of([("2025-05-01", "n1", 300.0, 5000.0, 200.0), ("2025-05-02", "n1", 300.0, 5000.0, 250.0),
                        ("2025-05-01", "n2", 100.0, 2500.0, 100.0)])


@pytest.fixture(autouse=True)
def english(qapp) -> None:
    """English with its plural forms (1 note-day, 2 note-days), whatever a test before installed."""
    install_language("en")


@pytest.fixture
def tracked(qtbot, small_plan: Plan) -> TrackingView:
    session = PlanSession(replace(small_plan, calendar=FOUR_DAYS, actuals=HAND_MADE))
    view = TrackingView(session)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    return view


def cells(model, row: int) -> list[str]:
    return [model.data(model.index(row, column)) for column in range(model.columnCount())]


def column_of(model, header: str) -> int:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(header)


def by_note(view: TrackingView) -> dict[str, list[str]]:
    model = view.notes_model
    return {cells(model, row)[0]: cells(model, row) for row in range(model.rowCount())}


def test_the_plans_totals_to_date_are_planned_actual_variance_and_achievement(tracked: TrackingView) -> None:
    assert tracked.stack.currentIndex() == 1
    model = tracked.totals_model
    assert model.headerData(0, Qt.Orientation.Vertical) == "Spend"
    assert cells(model, 0) == ["¥750", "¥700", "-¥50", "93.3%"]  # 1000/2 + 500/2 planned by day 2 of 4
    clicks = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())].index("Clicks")
    assert cells(model, clicks)[1] == "550"
    gmv = [model.headerData(r, Qt.Orientation.Vertical) for r in range(model.rowCount())].index("GMV")
    assert cells(model, gmv)[1] == "—"  # the actuals carry no GMV: unknown, not ¥0
    assert tracked.status.text() == "On track"
    assert "rgba({}, {}, {}, {})".format(*STATUS_COLOURS[ON_TRACK], TINT_ALPHA) in tracked.status.styleSheet()
    assert "2025-05-02 (day 2 of 4)" in tracked.summary.text()


def test_each_note_shows_its_figures_and_its_status_in_word_and_colour(tracked: TrackingView) -> None:
    notes = by_note(tracked)
    model = tracked.notes_model
    spend = [column_of(model, f"Spend\n{measure}") for measure in ("planned", "actual", "variance", "achievement")]
    assert [notes["n1"][c] for c in spend] == ["¥500", "¥600", "+¥100", "120.0%"]
    assert [notes["n2"][c] for c in spend] == ["¥250", "¥100", "-¥150", "40.0%"]
    assert [notes[n][model.STATUS_COLUMN] for n in ("n1", "n2", "n3")] == ["Slightly over", "Under", ""]
    rows = {cells(model, row)[0]: row for row in range(model.rowCount())}
    for note, status in (("n1", SLIGHTLY_OVER), ("n2", UNDER)):
        brush = model.data(model.index(rows[note], model.STATUS_COLUMN), Qt.ItemDataRole.BackgroundRole)
        assert brush.color().getRgb() == (*STATUS_COLOURS[status], TINT_ALPHA)
    assert model.data(model.index(rows["n3"], model.STATUS_COLUMN), Qt.ItemDataRole.BackgroundRole) is None


def test_the_note_table_sorts_by_any_column_with_empty_values_last(tracked: TrackingView) -> None:
    model = tracked.notes_model
    achievement = column_of(model, "Spend\nachievement")
    tracked.notes.sortByColumn(achievement, Qt.SortOrder.DescendingOrder)
    assert [cells(model, row)[0] for row in range(3)] == ["n1", "n2", "n3"]
    tracked.notes.sortByColumn(achievement, Qt.SortOrder.AscendingOrder)
    assert [cells(model, row)[0] for row in range(3)] == ["n2", "n1", "n3"]  # n3 planned nothing: last
    tracked.notes.sortByColumn(model.STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
    assert [cells(model, row)[model.STATUS_COLUMN] for row in range(3)] == ["Under", "Slightly over", ""]


def test_observed_rates_sit_beside_the_planned_ones_with_their_counts(tracked: TrackingView) -> None:
    model = tracked.rates_model
    rows = {cells(model, row)[0]: cells(model, row) for row in range(model.rowCount())}
    planned, observed = column_of(model, "CTR\nplanned"), column_of(model, "CTR\nobserved")
    counts = column_of(model, "CTR\nClicks / Impressions")
    assert rows["n2"][planned] == "4.00%"
    assert rows["n2"][observed] == f"{(2000 * 0.04 + 100) / (2000 + 2500) * 100:.2f}%"
    assert rows["n2"][counts] == "100 / 2,500"
    assert rows["n3"][counts] == "—" and rows["n3"][observed] == rows["n3"][planned]  # no actuals: as planned


def test_the_chart_draws_cumulative_planned_and_actual_spend_and_marks_the_last_day_with_actuals(
        tracked: TrackingView) -> None:
    chart = tracked.chart
    assert chart.message is None
    _x, planned = chart.planned_spend.getData()
    np.testing.assert_allclose(planned, [375.0, 750.0, 1125.0, 1500.0])
    x, actual = chart.actual_spend.getData()
    assert list(x) == [0.0, 1.0] and list(actual) == [400.0, 700.0]  # stops at today
    assert chart.actual_gmv.getData()[0] is None or len(chart.actual_gmv.getData()[0]) == 0  # no GMV actuals
    assert chart.today_position == 1 and chart.today_label.toPlainText() == "Today: 2025-05-02"


def test_the_tab_speaks_chinese_with_the_actuals_words(qtbot, small_plan: Plan) -> None:
    assert install_language("zh_CN")
    try:
        view = TrackingView(PlanSession(replace(small_plan, calendar=FOUR_DAYS, actuals=HAND_MADE)))
        qtbot.addWidget(view)
        view.show()
        assert view.totals_model.headerData(0, Qt.Orientation.Vertical) == "消费"
        assert view.status.text() == "正常"
        assert column_of(view.notes_model, "消费\n达成率") > 0
        assert [by_note(view)[n][view.notes_model.STATUS_COLUMN] for n in ("n1", "n2")] == ["略超", "落后"]
        assert view.replan_button.text() == "调整剩余投放"
    finally:
        install_language("en")


def test_a_change_to_the_plan_is_tracked_again(tracked: TrackingView) -> None:
    document = tracked._document
    document.set_note_values("budget", np.array([0]), np.array([2000.0]))  # n1 now plans 1,000 by day 2
    assert by_note(tracked)["n1"][tracked.notes_model.STATUS_COLUMN] == "Under"


# --- the empty state ------------------------------------------------------------------------------

def test_without_a_calendar_or_actuals_the_tab_says_what_to_do(qtbot, small_plan: Plan) -> None:
    view = TrackingView(PlanSession(small_plan))
    qtbot.addWidget(view)
    view.show()
    empty = view.empty
    assert view.stack.currentWidget() is empty
    assert "no campaign calendar" in empty.text.text() and "No actuals yet" in empty.text.text()
    assert empty.calendar_button.isVisible() and empty.import_button.isVisible()
    assert not empty.demo_button.isVisible()  # not the demo plan
    assert not view.replan_button.isEnabled()


def test_with_a_calendar_only_actuals_are_asked_for(qtbot, small_plan: Plan) -> None:
    view = TrackingView(PlanSession(replace(small_plan, calendar=FOUR_DAYS)))
    qtbot.addWidget(view)
    view.show()
    assert "no campaign calendar" not in view.empty.text.text()
    assert not view.empty.calendar_button.isVisible() and view.empty.import_button.isVisible()


def test_the_demo_offers_its_sample_actuals_and_they_import(demo_window: MainWindow, qtbot) -> None:
    view = demo_window.show_scenario_tab("tracking")
    assert view.stack.currentWidget() is view.empty and view.empty.demo_button.isVisible()
    with qtbot.waitSignal(demo_window.undo_stack.indexChanged, timeout=20_000):
        view.empty.demo_button.click()
    assert view.stack.currentIndex() == 1
    actuals = demo_window.document.plan.actuals
    assert actuals is not None and actuals["date"].max() == pd.Timestamp(2025, 5, 20)
    assert demo_window.statusBar().currentMessage().endswith(f"{len(actuals):,} note-days added")


# --- importing actuals ------------------------------------------------------------------------------

@pytest.fixture
def calendar_window(make_window, small_plan: Plan) -> MainWindow:
    window = make_window(plan=replace(small_plan, calendar=FOUR_DAYS))
    window.show()
    return window


def import_file(window: MainWindow, path: Path) -> None:
    job = window.import_actuals(path)
    assert job is not None
    window.session.runner.wait(job)


def spend_by_note_day(window: MainWindow) -> dict[tuple[str, str], float]:
    actuals = window.document.plan.actuals
    assert actuals is not None
    keys = zip(actuals["note_id"], actuals["date"].dt.strftime("%m-%d"), strict=True)
    return dict(zip(keys, actuals["spend"], strict=True))


def test_importing_replaces_the_days_a_note_had_and_is_one_undo_step(calendar_window: MainWindow,
                                                                       tmp_path: Path) -> None:
    first, second = tmp_path / "day1-2.csv", tmp_path / "day2-3.csv"
    first.write_text(HEADER + "2025-05-01,n1,300,5000,200\n2025-05-02,n1,300,5000,250\n2025-05-01,n2,100,2500,100\n",
                     encoding="utf-8")
    second.write_text(HEADER + "2025/5/2,n1,320,5200,260\n2025年5月3日,n1,280,4800,200\n", encoding="utf-8")
    window = calendar_window
    import_file(window, first)
    assert window.undo_stack.count() == 1 and window.undo_stack.text(0) == "Import actuals from day1-2.csv"
    assert window.statusBar().currentMessage() == "Actuals from day1-2.csv: 3 note-days added"
    import_file(window, second)
    assert window.undo_stack.count() == 2
    assert spend_by_note_day(window) == {("n1", "05-01"): 300.0, ("n1", "05-02"): 320.0, ("n2", "05-01"): 100.0,
                                         ("n1", "05-03"): 280.0}
    assert window.statusBar().currentMessage() == ("Actuals from day2-3.csv: 1 note-day added, 1 note-day replaced "
                                                   "(imported before)")
    assert window.tabs.currentWidget() is window._scenario_pages["tracking"]
    assert window.tracking_view.summary.text().startswith("Actuals to 2025-05-03")
    window.undo_stack.undo()
    assert spend_by_note_day(window) == {("n1", "05-01"): 300.0, ("n1", "05-02"): 300.0, ("n2", "05-01"): 100.0}
    assert window.tracking_view.summary.text().startswith("Actuals to 2025-05-02")
    window.undo_stack.undo()
    assert window.document.plan.actuals is None


def test_bad_actuals_show_one_problem_each_and_change_nothing(calendar_window: MainWindow, tmp_path: Path,
                                                            dialogs) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "2025-05-01,n9,10,100,5\n"  # a note the plan lacks
                    "2025-05-09,n1,10,100,5\n"  # after the campaign
                    "2025-05-01,n2,-5,100,5\n"  # negative spend
                    "2025-05-02,n2,10,100,500\n",  # more clicks than impressions
                    encoding="utf-8")
    window = calendar_window
    import_file(window, path)
    assert window.document.plan.actuals is None and window.undo_stack.count() == 0
    (kind, title, _text), = dialogs.shown
    assert kind == "ProblemsDialog" and title == "Invalid input"
    assert dialogs.opened[0].lines() == [
        "bad.csv, row 2, column note_id: value \"n9\": expected the id of one of the plan's notes (this plan has no "
        "such note)",
        "bad.csv, row 3, column date: value \"2025-05-09\": expected a day of the campaign, 2025-05-01 to 2025-05-04",
        "bad.csv, row 4, column 消费: value \"-5\": expected an amount of 0 or more",
        "bad.csv, row 5, column 点击: value \"500\": expected at most the row's impressions (曝光), 100: each click is "
        "on an impression",
    ]


# --- re-planning the rest ------------------------------------------------------------------------------

@pytest.fixture
def tracked_window(make_window, small_plan: Plan) -> MainWindow:
    plan = replace(small_plan, calendar=FOUR_DAYS, actuals=HAND_MADE)
    window = make_window(plan=plan)
    window.resize(1366, 768)
    window.show()
    return window


def test_replanning_is_one_undo_step_and_opens_compare_against_the_scenario_it_came_from(
        tracked_window: MainWindow) -> None:
    window = tracked_window
    original = window.document.plan.scenario.name
    window.show_scenario_tab("tracking")
    job = window.replan_rest()
    assert job is not None
    window.session.runner.wait(job)
    plan = window.document.plan
    assert plan.scenario.name == "Re-plan 2025-05-02" and plan.scenario.rates == "observed"
    assert scenario_names(plan) == [original, "Re-plan 2025-05-02"]
    assert window.undo_stack.count() == 1
    assert window.tabs.currentWidget() is window._scenario_pages["compare"]
    assert window.compare_view.base.currentText() == original
    window.undo_stack.undo()
    assert scenario_names(window.document.plan) == [original]
    assert window.document.plan.scenario.name == original
    window.undo_stack.redo()
    assert window.document.plan.scenario.name == "Re-plan 2025-05-02"


def test_the_tabs_button_and_the_plan_menu_re_plan(tracked_window: MainWindow, qtbot) -> None:
    window = tracked_window
    view = window.show_scenario_tab("tracking")
    assert view.replan_button.isEnabled()
    with qtbot.waitSignal(window.undo_stack.indexChanged, timeout=20_000):
        view.replan_button.click()
    assert window.document.plan.scenario.name == "Re-plan 2025-05-02"
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Plan")
    assert "&Re-plan the rest" in [action.text() for action in menu.actions()]


def test_a_plan_changed_while_re_planning_is_left_as_it_is(tracked_window: MainWindow, dialogs) -> None:
    window = tracked_window
    job = window.replan_rest()
    assert job is not None
    # The job's outcome reaches the window through the event loop, which has not run yet: the edit comes first.
    window.undo_stack.push(SetParamsCommand(window.document, "brand budget", brand_budget=6000.0))
    window.session.runner.wait(job)
    assert window.undo_stack.count() == 1 and scenario_names(window.document.plan) == [
        window.document.plan.scenario.name]
    assert "changed while the rest was being re-planned" in dialogs.texts()


def test_re_planning_without_actuals_says_what_it_needs(calendar_window: MainWindow, dialogs) -> None:
    assert calendar_window.replan_rest() is None
    assert "needs the plan's actuals" in dialogs.texts() and "daily actuals" in dialogs.texts()


def test_a_re_plan_tracked_the_next_morning_keeps_its_plan_and_says_its_cut_off(tracked_window: MainWindow,
                                                                               tmp_path: Path) -> None:
    window = tracked_window
    view = window.show_scenario_tab("tracking")
    assert view.summary.text().endswith(f"Scenario: {window.document.plan.scenario.name}")
    job = window.replan_rest()
    assert job is not None
    window.session.runner.wait(job)
    replanned = window.document.plan
    window.show_scenario_tab("tracking")
    assert view.summary.text().endswith("Scenario: Re-plan 2025-05-02, re-planned on the actuals to 2025-05-02 (its "
                                        "days to then are those actuals)")
    budget_n1 = float(replanned.notes.set_index("note_id").at["n1", "budget"])
    day3 = tmp_path / "day3.csv"
    day3.write_text(HEADER + "2025-05-03,n1,10,200,9\n", encoding="utf-8")
    import_file(window, day3)
    assert window.document.plan.scenario.through == date(2025, 5, 2)
    tracking = window.document.tracking
    assert tracking is not None
    n1 = tracking.notes.set_index("note_id").loc["n1"]
    # The re-plan's n1: its 600 spent to the cut-off, then half of what was left on day 3 of the two days left.
    assert n1["planned_spend"] == pytest.approx(600.0 + (budget_n1 - 600.0) / 2)
    assert n1["actual_spend"] == 610.0
