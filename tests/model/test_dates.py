"""Days as planners write them: a note's active window (MODEL.md section 9)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from planner.model.dates import as_days, day_text, parse_day, parse_days


@pytest.mark.parametrize("text", ["2025-05-13", "2025/5/13", "2025.5.13", "2025年5月13日", " 2025-5-13 ",
                                  "2025-05-13T00:00:00", "2025-05-13 00:00:00", "45790", "45790.0"])
def test_the_ways_a_day_is_written_all_name_it(text: str) -> None:
    assert parse_day(text) == date(2025, 5, 13)


@pytest.mark.parametrize("text", ["2025-02-30", "2025-13-01", "13/05/2025", "next week", "2025-05-13 20:00",
                                  "1999-12-31", "2100-01-01", "0202-05-13", "12000"])
def test_what_is_no_day_or_no_campaign_day_is_refused(text: str) -> None:
    assert parse_day(text) is None


def test_a_column_is_parsed_with_its_empty_and_bad_cells_apart() -> None:
    days, bad = parse_days(pd.Series(["2025-05-13", "", None, "soon", "2025/5/13"], dtype=object))
    assert day_text(days[0]) == day_text(days[4]) == "2025-05-13"
    assert np.isnat(days[1:4]).all()
    assert bad.tolist() == [False, False, False, True, False]


def test_any_column_of_days_becomes_midnight_timestamps() -> None:
    days = as_days(pd.Series([pd.Timestamp("2025-05-13 15:30"), pd.NaT]))
    assert days.dtype == "datetime64[ns]"
    assert [day_text(day) for day in days] == ["2025-05-13", ""]
    assert as_days(pd.Series(["2025/6/1", ""])).dt.day.tolist()[0] == 1
