"""Calendars from files: the shipped presets and calendar tables, every bad cell named."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from planner import i18n
from planner.io.calendars import calendar_records, load_preset, preset_keys, read_calendar
from planner.model.calendar import day_weights
from planner.model.errors import InputError


def test_the_shipped_presets_are_valid_and_say_where_their_dates_come_from() -> None:
    assert preset_keys() == ["618-2025", "double11"]
    for key in preset_keys():
        calendar = load_preset(key)
        assert "2025" in calendar.source or "year" in calendar.source
        np.testing.assert_allclose(day_weights(calendar).weights.sum(), 1.0)


def test_the_618_preset_opens_its_presale_at_20_00_on_13_may() -> None:
    calendar = load_preset("618-2025")
    presale = next(phase for phase in calendar.phases if phase.name == "预售")
    assert presale.start == date(2025, 5, 13) and presale.start_hour == 20.0
    assert "2025-05-13 20:00" in calendar.source


def test_a_preset_speaks_the_current_language() -> None:
    try:
        i18n.set_language("zh")
        assert load_preset("618-2025").name == "2025 天猫 618"
    finally:
        i18n.set_language("en")
    assert load_preset("618-2025").name == "Tmall 618, 2025"


def test_a_calendar_table_with_chinese_headers_reads_back_as_written(write_text) -> None:  # type: ignore[no-untyped-def]
    path = write_text("cal.csv", "阶段,开始,结束,权重,节奏\n预热,2025/5/7,2025-05-13,15%,80\n"
                                 "预售,2025-05-13 20:00,2025-05-30,0.3,均匀\n")
    calendar = read_calendar(path)
    assert [phase.name for phase in calendar.phases] == ["预热", "预售"]
    assert calendar.phases[0].weight == pytest.approx(0.15) and calendar.phases[0].shape == 80
    assert calendar.phases[1].start_hour == 20 and calendar.phases[1].shape is None
    assert calendar_records(calendar)[1]["start"] == "2025-05-13 20:00"


def test_every_bad_cell_of_a_calendar_table_is_named(write_text) -> None:  # type: ignore[no-untyped-def]
    path = write_text("cal.csv", "phase,start,end,weight,shape\nA,2025-13-01,2025-05-10,x,200%\n"
                                 "B,2025-05-11,2025-05-10 08:00,1,sideways\n")
    with pytest.raises(InputError) as caught:
        read_calendar(path)
    assert [str(p) for p in caught.value.problems] == [
        'cal.csv, row 2, column start: value "2025-13-01": expected a first day such as 2025-05-13, or with its '
        "opening time: 2025-05-13 20:00",
        'cal.csv, row 2, column weight: value "x": expected a weight: a number of 0 or more, or a percentage such as 30%',
        'cal.csv, row 3, column end: value "2025-05-10 08:00": expected a last day such as 2025-06-18 (the whole '
        "day counts)",
        'cal.csv, row 3, column shape: value "sideways": expected even (or empty), or a pacing percent from 50 to 150',
    ]


def test_overlapping_phases_in_a_table_are_refused_at_their_row(write_text) -> None:  # type: ignore[no-untyped-def]
    path = write_text("cal.csv", "阶段,开始,结束,权重\n预热,2025-05-01,2025-05-10,1\n预售,2025-05-08,2025-05-20,1\n")
    with pytest.raises(InputError) as caught:
        read_calendar(path)
    assert [str(p) for p in caught.value.problems] == [
        'cal.csv, row 3, column 开始: value "2025-05-08": expected the day after the previous phase ends '
        "(2025-05-10), or that day at an opening hour (phases follow one another without gaps or overlaps)"]
