"""The actuals table's rules (MODEL.md section 10): real days, counts and money within bounds, a funnel that
narrows, one row per note and day."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest

from planner.i18n import set_language
from planner.model.actuals import check_actuals, complete_actuals, parse_day

GOOD = {"date": "2025-05-20", "note_id": "N1", "spend": 500.0, "impressions": 10000.0, "clicks": 400.0,
        "interactions": 300.0, "store_visits": 80.0, "orders": 4.0, "gmv": 1200.0}


def actuals_with(*rows: dict[str, object]) -> pd.DataFrame:
    return complete_actuals(pd.DataFrame([GOOD | row for row in rows] or [GOOD]))


def problems(actuals: pd.DataFrame) -> list[tuple[int | None, str | None, object, str]]:
    return [(p.row, p.column, p.value, p.expected) for p in check_actuals(actuals, "actuals.csv")]


def test_a_row_within_every_rule_passes():
    assert problems(actuals_with()) == []


@pytest.mark.parametrize(("text", "day"), [
    ("2025-05-20", "2025-05-20"), ("2025/5/20", "2025-05-20"), ("2025.5.20", "2025-05-20"),
    ("2025年5月20日", "2025-05-20"), ("2025-05-20T00:00:00", "2025-05-20"), ("2025-05-20 00:00", "2025-05-20"),
    ("45797", "2025-05-20"), (" 2025-5-20 ", "2025-05-20"),
])
def test_days_as_planners_write_them_become_iso_days(text, day):
    assert actuals_with({"date": text})["date"].tolist() == [day]
    assert problems(actuals_with({"date": text})) == []


def test_dates_and_timestamps_become_iso_days():
    frame = complete_actuals(pd.DataFrame([GOOD | {"date": pd.Timestamp("2025-05-21")}]))
    assert frame["date"].tolist() == ["2025-05-21"]
    assert parse_day(date(2025, 5, 22)) == date(2025, 5, 22)
    assert parse_day(datetime(2025, 5, 22, 14, 0)) is None  # a time of day is no whole day


@pytest.mark.parametrize("text", ["2025-02-30", "2025-05-20 14:00", "yesterday", "1999-12-31", "2100-01-01",
                                  "20250520"])
def test_what_is_no_day_is_refused_with_its_text(text):
    assert problems(actuals_with({"date": text})) == [
        (2, "date", text, "a day such as 2025-05-13 (or 2025/5/13), from 2000-01-01 to 2099-12-31")]


def test_a_missing_day_and_note_id_are_required():
    assert problems(actuals_with({"date": "", "note_id": " "})) == [
        (2, "date", "", "a day such as 2025-05-13 (or 2025/5/13), from 2000-01-01 to 2099-12-31 (it is required)"),
        (2, "note_id", "", "a note id (it is required)")]


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("spend", -1.0, "an amount of 0 or more"),
    ("impressions", np.nan, "a count of 0 or more (it is required)"),
    ("spend", np.nan, "an amount of 0 or more (it is required)"),
    ("clicks", -3.0, "a count of 0 or more"),
    ("gmv", 2e15, "an amount from 0 to ¥1,000,000,000,000,000 (more than any note spends or sells: a typo or a "
                  "unit mix-up?)"),
    ("impressions", np.inf, "a count from 0 to 1,000,000,000,000,000 (more than any platform reports for a note: "
                            "a typo or a unit mix-up?)"),
])
def test_counts_and_money_are_finite_numbers_within_their_bounds(field, value, expected):
    found = problems(actuals_with({field: value}))
    assert found[0][1:] == (field, "" if isinstance(value, float) and np.isnan(value) else value, expected)


def test_later_stages_may_be_missing():
    empty = dict.fromkeys(("clicks", "interactions", "store_visits", "orders", "gmv"), np.nan)
    assert problems(actuals_with(empty)) == []


@pytest.mark.parametrize(("stage", "value", "source"), [
    ("clicks", 10001.0, "impressions (曝光), 10,000: each click is on an impression"),
    ("interactions", 10001.0, "impressions (曝光), 10,000: each interaction is on an impression"),
    ("store_visits", 401.0, "clicks (点击), 400: each store visit comes from a click"),
    ("orders", 81.0, "store_visits (进店), 80: each order comes from a store visit"),
])
def test_no_stage_is_larger_than_the_stage_it_comes_from(stage, value, source):
    assert problems(actuals_with({stage: value})) == [(2, stage, value, f"at most the row's {source}")]


def test_store_visits_without_clicks_are_not_compared():
    assert problems(actuals_with({"clicks": np.nan, "store_visits": 900.0})) == []


def test_a_second_row_of_a_note_and_day_is_refused_naming_the_first():
    actuals = actuals_with({}, {"note_id": "N2"}, {"date": "2025/5/20"}, {"date": "2025-05-21"})
    assert problems(actuals) == [
        (4, "note_id", "N1", "one row per note and day: row 2 has this note on this day already")]


def test_a_problem_names_its_place_in_chinese():
    set_language("zh")
    try:
        [found] = check_actuals(actuals_with({"store_visits": 500.0}), "actuals.csv")
        line = str(found)
    finally:
        set_language("en")
    assert line.startswith("actuals.csv，第 2 行，“进店”列：值“500.0”")
