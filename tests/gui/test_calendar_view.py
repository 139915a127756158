"""The Calendar tab: presets with their sources, the phases edited (each valid edit one undo step, an invalid
draft listed in the core's words and never applied), a calendar table imported, the calendar cleared and saved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from planner.gui.i18n import install_language
from planner.gui.models.phases_model import COLUMNS
from planner.gui.session import PlanSession
from planner.gui.views.calendar_view import CalendarView
from planner.model.plan import Plan


@pytest.fixture
def session(qtbot, small_plan: Plan) -> PlanSession:
    return PlanSession(small_plan)


@pytest.fixture
def view(qtbot, session: PlanSession) -> CalendarView:
    widget = CalendarView(session)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def with_618(view: CalendarView) -> CalendarView:
    assert view.use_preset(preset_index(view, "618-2025"))
    return view


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def preset_index(view: CalendarView, key: str) -> int:
    return [k for k, _calendar in view.presets].index(key)


def edit(view: CalendarView, row: int, column: str, text: str) -> bool:
    model = view.model
    return model.setData(model.index(row, COLUMNS.index(column)), text)


def text(view: CalendarView, row: int, column: str) -> str:
    return view.model.data(view.model.index(row, COLUMNS.index(column)))


def test_the_presets_say_where_their_dates_come_from(view: CalendarView) -> None:
    names = [view.preset.itemText(i) for i in range(view.preset.count())]
    assert names == ["Tmall 618, 2025", "Double 11 (generic rhythm)"]
    view.preset.setCurrentIndex(preset_index(view, "618-2025"))
    assert "2025-05-13 20:00" in view.preset_source.text() and "article" in view.preset_source.text()


def test_using_a_preset_sets_the_calendar_in_one_undo_step(view: CalendarView, session: PlanSession) -> None:
    assert view.use_preset(preset_index(view, "618-2025"))
    calendar = session.document.plan.calendar
    assert calendar is not None and calendar.first_day == date(2025, 4, 28) and calendar.last_day == date(2025, 6, 20)
    assert view.model.rowCount() == 5
    assert (text(view, 2, "phase"), text(view, 2, "start"), text(view, 2, "opening")) == ("预售", "2025-05-13", "20:00")
    assert text(view, 1, "shape") == "80%" and text(view, 0, "shape") == "even"
    assert "54 day" in view.summary.text() and "article" in view.summary.text()
    session.undo_stack.undo()
    assert session.document.plan.calendar is None and view.model.rowCount() == 0
    assert "no campaign calendar" in view.summary.text()


def test_moving_a_phases_last_day_moves_the_next_ones_first_day(with_618: CalendarView,
                                                                 session: PlanSession) -> None:
    steps = session.undo_stack.count()
    assert edit(with_618, 3, "end", "2025/6/15")
    phases = session.document.plan.calendar.phases
    assert (phases[3].end, phases[4].start) == (date(2025, 6, 15), date(2025, 6, 16))
    assert session.undo_stack.count() == steps + 1
    assert with_618.problem_lines == []
    session.undo_stack.undo()
    assert session.document.plan.calendar.phases[3].end == date(2025, 6, 18)
    assert text(with_618, 4, "start") == "2025-06-19"


def test_an_opening_hour_shares_the_day_with_the_phase_before(with_618: CalendarView, session: PlanSession) -> None:
    assert edit(with_618, 3, "opening", "20:00")
    phases = session.document.plan.calendar.phases
    assert (phases[2].end, phases[3].start, phases[3].start_hour) == (date(2025, 5, 31), date(2025, 5, 31), 20.0)


def test_a_phase_with_no_days_is_listed_in_the_cores_words_and_nothing_is_applied(
        with_618: CalendarView, session: PlanSession) -> None:
    before = session.document.plan
    steps = session.undo_stack.count()
    assert edit(with_618, 0, "end", "2025-04-20")  # before its first day: the draft keeps it
    assert session.document.plan is before and session.undo_stack.count() == steps
    assert with_618.problem_lines[0] == ('calendar, row 1, column Last day: value "2025-04-20": expected a last day '
                                         'on or after the first day 2025-04-28 (this phase has no days)')
    assert with_618.revert_button.isEnabled()
    assert edit(with_618, 0, "end", "2025-05-06")  # fixed: applied
    assert with_618.problem_lines == [] and session.undo_stack.count() == steps
    assert session.document.plan.calendar == before.calendar


def test_a_phase_pushed_past_the_next_ones_end_is_refused_and_revert_drops_the_draft(
        with_618: CalendarView, session: PlanSession) -> None:
    before = session.document.plan.calendar
    assert edit(with_618, 1, "end", "2025-06-01")  # the presale would open after its own last day
    assert session.document.plan.calendar == before
    assert with_618.problem_lines == [
        'calendar, row 3, column Last day: value "2025-05-30": expected a last day on or after the first day '
        '2025-06-01 (this phase has no days)']
    with_618.revert_button.click()
    assert with_618.problem_lines == [] and text(with_618, 1, "end") == "2025-05-13"
    assert not with_618.revert_button.isEnabled()


@pytest.mark.parametrize(("column", "typed", "expected"), [
    ("shape", "160", "expected even, or a pacing percent from 50 to 150 (over 100 spends more early, under 100 more "
                     "late)"),
    ("weight", "-1", "expected a weight of 0 or more (the phase's share of the money)"),
])
def test_values_out_of_their_range_are_refused(with_618: CalendarView, session: PlanSession, column: str,
                                               typed: str, expected: str) -> None:
    before = session.document.plan.calendar
    assert edit(with_618, 1, column, typed)
    assert session.document.plan.calendar == before
    assert with_618.problem_lines[0].endswith(expected)


def test_weights_all_zero_are_refused(with_618: CalendarView, session: PlanSession) -> None:
    for row in range(5):
        edit(with_618, row, "weight", "0")
    assert with_618.problem_lines == ["calendar, column Weight: at least one phase with a weight above 0"]
    assert session.document.plan.calendar.phases[4].weight == 0.08  # the last valid draft applied, not this one


def test_text_that_is_no_day_is_refused_at_its_cell(with_618: CalendarView, session: PlanSession) -> None:
    assert not edit(with_618, 1, "start", "May 7th")
    assert with_618.problem_lines == ['calendar, row 2, column First day: value "May 7th": expected a date such as '
                                      '2025-05-13 (or 2025/5/13)']
    assert text(with_618, 1, "start") == "2025-05-07"


def test_problems_are_told_in_chinese(chinese, qtbot, session: PlanSession) -> None:
    view = CalendarView(session)
    qtbot.addWidget(view)
    view.use_preset(preset_index(view, "618-2025"))
    assert edit(view, 2, "shape", "40")
    assert view.problem_lines == ['活动日历，第 3 行，“节奏”列：值“40”：应为均匀，或 50 到 150 之间的节奏百分比（大于 100 前期花得多，'
                                  '小于 100 后期花得多）']
    assert view.model.headerData(COLUMNS.index("opening"), 1) == "开始时间"
    assert "2025 天猫 618" in view.summary.text()


def test_adding_and_removing_phases_keep_them_end_to_end(with_618: CalendarView, session: PlanSession) -> None:
    with_618.model.add_phase()  # a week after the encore, weight 0: valid, applied
    phases = session.document.plan.calendar.phases
    assert len(phases) == 6 and phases[5].start == date(2025, 6, 21) and phases[5].end == date(2025, 6, 27)
    with_618.table.selectRow(1)
    with_618.remove_selected()
    phases = session.document.plan.calendar.phases
    assert [p.name for p in phases][:2] == ["蓄水", "预售"] and phases[0].end == date(2025, 5, 13)


def test_clearing_is_undone(with_618: CalendarView, session: PlanSession) -> None:
    assert with_618.clear()
    assert session.document.plan.calendar is None
    session.undo_stack.undo()
    assert session.document.plan.calendar is not None and with_618.model.rowCount() == 5


def test_a_calendar_table_is_imported_as_a_job_of_the_session(qtbot, view: CalendarView, session: PlanSession,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "my618.csv"
    path.write_text("阶段,开始,结束,权重,节奏\n预热,2025-05-01,2025-05-13,40%,\n预售,2025-05-13 20:00,2025-05-20,60%,"
                    "120\n", encoding="utf-8")
    with qtbot.waitSignal(session.runner.ended, timeout=10_000):
        view.import_table(path)
    calendar = session.document.plan.calendar
    assert calendar is not None and [p.name for p in calendar.phases] == ["预热", "预售"]
    assert calendar.name == "my618" and calendar.source == "my618.csv"
    assert session.undo_stack.undoText() == "Import the calendar my618.csv"


def test_a_bad_calendar_table_is_refused_with_every_bad_cell(qtbot, view: CalendarView, session: PlanSession,
                                                             tmp_path: Path, dialogs) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("phase,start,end,weight,shape\nA,2025-05-01,2025-04-30,1,200\n", encoding="utf-8")
    with qtbot.waitSignal(session.runner.ended, timeout=10_000):
        view.import_table(path)
    assert session.document.plan.calendar is None
    lines = dialogs.opened[-1].lines()
    assert any("bad.csv, row 2, column end" in line for line in lines)
    assert any("column shape" in line and "200" in line for line in lines)
    assert dialogs.opened[-1].findChild(QLabel).text() == "No calendar was read from bad.csv:"


def test_overlapping_phases_in_a_table_are_refused(qtbot, view: CalendarView, session: PlanSession,
                                                   tmp_path: Path, dialogs) -> None:
    path = tmp_path / "overlap.csv"
    path.write_text("phase,start,end,weight\nA,2025-05-01,2025-05-10,1\nB,2025-05-08,2025-05-20,1\n",
                    encoding="utf-8")
    with qtbot.waitSignal(session.runner.ended, timeout=10_000):
        view.import_table(path)
    assert session.document.plan.calendar is None and session.undo_stack.count() == 0
    assert dialogs.opened[-1].lines() == [
        'overlap.csv, row 3, column start: value "2025-05-08": expected the day after the previous phase ends '
        '(2025-05-10), or that day at an opening hour (phases follow one another without gaps or overlaps)']


def test_the_calendar_is_saved_with_the_plan(with_618: CalendarView, session: PlanSession, tmp_path: Path) -> None:
    from planner.io.planfile import load_plan

    edit(with_618, 3, "end", "2025-06-15")
    session.save(tmp_path / "plan.rcplan")
    assert load_plan(tmp_path / "plan.rcplan").calendar == session.document.plan.calendar
