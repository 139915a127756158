"""The Pacing tab: the plan day by day over its calendar (chart and tables), each note's budget by phase, and
why there is none (no calendar, a note's window outside the campaign), read from the document's cache."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import Qt

from planner.gui.commands import SetCalendarCommand
from planner.gui.document import Change
from planner.gui.session import PlanSession
from planner.gui.views.pacing_view import PacingView
from planner.model.calendar import Calendar, Phase
from planner.model.plan import Plan

CALENDAR = Calendar((Phase("预热", date(2025, 5, 10), date(2025, 5, 13), 0.4),
                     Phase("预售", date(2025, 5, 13), date(2025, 5, 16), 0.6, 120.0, start_hour=20.0)),
                    "article", "my 618")


@pytest.fixture
def session(qtbot, small_plan: Plan) -> PlanSession:
    return PlanSession(replace(small_plan, calendar=CALENDAR))


@pytest.fixture
def view(qtbot, session: PlanSession) -> PacingView:
    widget = PacingView(session)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    widget.set_today(date(2025, 5, 14))
    return widget


def column(view: PacingView, header: str) -> list[str]:
    model = view.days_model
    index = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())].index(header)
    return [model.data(model.index(row, index)) for row in range(model.rowCount())]


def test_one_row_per_day_with_its_phase_spend_and_cumulative_share(view: PacingView, session: PlanSession) -> None:
    daily = session.document.daily_plan
    assert column(view, "Day") == ["2025-05-10", "2025-05-11", "2025-05-12", "2025-05-13", "2025-05-14",
                                   "2025-05-15", "2025-05-16"]
    assert column(view, "Phase") == ["预热"] * 4 + ["预售"] * 3
    assert column(view, "Share of budget")[-1] == "100.0%"
    assert daily.spend.sum() == pytest.approx(1500.0)  # every budget spread over the days
    np.testing.assert_allclose(daily.brand + daily.platform, daily.spend)
    assert [view.days_model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.days_model.columnCount())] == [
        "Day", "Phase", "Day weight", "Spend", "Brand cost", "Platform cost", "Cumulative spend", "Share of budget",
        "Orders", "GMV"]


def test_the_chart_stacks_brand_and_platform_money_bands_the_phases_and_marks_today(view: PacingView,
                                                                                   session: PlanSession) -> None:
    chart = view.chart
    daily = session.document.daily_plan
    assert chart.message is None
    np.testing.assert_allclose(chart.brand_bars.opts["height"], daily.brand)
    np.testing.assert_allclose(chart.platform_bars.opts["y0"], daily.brand)
    np.testing.assert_allclose(chart.platform_bars.opts["height"], daily.platform)
    x, y = chart.cumulative.getData()
    np.testing.assert_allclose(y, daily.cumulative_share)
    assert [label.toPlainText() for label in chart.band_labels] == ["预热", "预售"]
    assert [band.getRegion() for band in chart.bands] == [(-0.5, 3.5), (2.5, 6.5)]  # 13 May shared at 20:00
    assert chart.today_position == 4
    assert view.days_model.today_row == 4 and "by the end of today" in view.summary.text()


def test_today_outside_the_campaign_is_not_marked(view: PacingView) -> None:
    view.set_today(date(2025, 7, 1))
    assert view.chart.today_position is None and view.days_model.today_row == -1
    assert "today" not in view.summary.text()


def test_each_notes_budget_is_split_over_the_phases_of_its_window(view: PacingView, session: PlanSession) -> None:
    notes = session.document.plan.notes.copy()
    notes["start_date"] = pd.to_datetime([None, "2025-05-14", None]).astype("datetime64[ns]")
    session.document.replace_plan(session.document.plan.with_notes(notes), Change("notes", (1,), ("start_date",)))
    model = view.notes_model
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())] == ["Note ID", "Title", "预热", "预售",
                                                                            "Budget"]
    assert [model.data(model.index(1, c)) for c in range(model.columnCount())] == ["n2", "早餐", "¥0", "¥500",
                                                                                   "¥500"]
    spend = session.document.phase_spend
    np.testing.assert_allclose(spend.sum(axis=1), [1000.0, 500.0, 0.0])


def test_without_a_calendar_the_chart_says_where_to_set_one(view: PacingView, session: PlanSession) -> None:
    session.undo_stack.push(SetCalendarCommand(session.document, None, "Clear"))
    assert "Calendar tab" in view.chart.message
    assert view.days_model.rowCount() == 0 and view.notes_model.rowCount() == 0


def test_a_window_outside_the_campaign_is_named_in_the_cores_words(view: PacingView, session: PlanSession) -> None:
    notes = session.document.plan.notes.copy()
    notes["start_date"] = pd.to_datetime(["2025-06-01", None, None]).astype("datetime64[ns]")
    notes["end_date"] = pd.to_datetime(["2025-06-05", None, None]).astype("datetime64[ns]")
    session.document.replace_plan(session.document.plan.with_notes(notes), Change("notes", (0,), ("start_date",)))
    assert "row 2, column start_date" in view.chart.message
    assert "a window that meets the campaign 2025-05-10 – 2025-05-16 (note n1)" in view.chart.message


def test_the_daily_plan_is_computed_once_per_change(session: PlanSession) -> None:
    document = session.document
    daily = document.daily_plan
    assert document.daily_plan is daily
    document.replace_plan(document.plan.with_budgets([1.0, 2.0, 3.0]), Change("notes", None, ("budget",)))
    assert document.daily_plan is not daily and document.daily_plan.spend.sum() == pytest.approx(6.0)


def test_a_hidden_tab_waits_until_it_is_shown(view: PacingView, session: PlanSession) -> None:
    view.hide()
    session.document.replace_plan(session.document.plan.with_budgets([1.0, 2.0, 3.0]),
                                  Change("notes", None, ("budget",)))
    assert column(view, "Spend")[0] != "¥1"
    view.show()
    assert view.days_model.rowCount() == 7 and "¥6" in view.summary.text()


def test_the_chart_is_saved_as_png(view: PacingView, tmp_path) -> None:
    path = view.chart.save_png(tmp_path / "pacing.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_window_over_phases_without_weight_is_refused(view: PacingView, session: PlanSession) -> None:
    calendar = CALENDAR.with_phases((replace(CALENDAR.phases[0], weight=0.0), CALENDAR.phases[1]))
    session.undo_stack.push(SetCalendarCommand(session.document, calendar, "Weights"))
    notes = session.document.plan.notes.copy()
    notes["end_date"] = pd.to_datetime([None, "2025-05-12", None]).astype("datetime64[ns]")
    session.document.replace_plan(session.document.plan.with_notes(notes), Change("notes", (1,), ("end_date",)))
    assert ('row 3, column start_date: value "2025-05-10 – 2025-05-12": expected a window with days that carry money '
            '(note n2: its phases all have weight 0)') in view.chart.message
    assert session.document.daily_plan is None


def test_window_problems_are_told_in_chinese(qtbot, session: PlanSession) -> None:
    from planner.gui.i18n import install_language

    assert install_language("zh_CN")
    try:
        notes = session.document.plan.notes.copy()
        notes["start_date"] = pd.to_datetime(["2025-06-01", None, None]).astype("datetime64[ns]")
        notes["end_date"] = pd.to_datetime(["2025-06-05", None, None]).astype("datetime64[ns]")
        session.document.replace_plan(session.document.plan.with_notes(notes))
        view = PacingView(session)
        qtbot.addWidget(view)
        assert view.chart.message.startswith("部分笔记的投放期与活动日历不符")
        assert "第 2 行" in view.chart.message and "笔记 n1" in view.chart.message
    finally:
        install_language("en")
