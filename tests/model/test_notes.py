"""The notes table's completion and rules (MODEL.md section 1), on frames as any caller builds them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.model.notes import NOTE_FIELDS, check_notes, complete_notes, normalise_industry

REQUIRED = {"industry": "beauty", "cpm": 100.0, "ctr": 0.05, "interaction_rate": 0.04, "entry_rate": 0.2,
            "cvr": 0.1, "aov": 99.0}


def notes_with(**columns: list[object]) -> pd.DataFrame:
    """A completed notes frame with the given columns and good values in the required others."""
    count = len(next(iter(columns.values())))
    frame = pd.DataFrame({"note_id": [f"N{i}" for i in range(count)]}
                         | {name: [value] * count for name, value in REQUIRED.items()} | columns)
    return complete_notes(frame)


def flagged(notes: pd.DataFrame) -> list[tuple[int, str, object]]:
    return [(p.row, p.column, p.value) for p in check_notes(notes)]


@pytest.mark.parametrize("dtype", [str, object])
def test_ids_are_compared_trimmed_and_an_id_of_spaces_is_missing(dtype):
    notes = notes_with(note_id=pd.Series(["N1", " N1 ", "N2", "   ", "", "N2"], dtype=dtype).tolist())
    assert flagged(notes) == [(3, "note_id", " N1 "), (5, "note_id", "   "), (6, "note_id", ""),
                              (7, "note_id", "N2")]
    assert notes["note_id"].tolist()[:2] == ["N1", " N1 "]  # kept as typed; only the rule trims


def test_a_repeated_id_names_the_first_row_that_used_it():
    notes = notes_with(note_id=["N1", "N2", "N1", "N3", " N2", "N1"])
    told = {(p.row, p.column): p.expected for p in check_notes(notes, rows=[2, 3, 4, 5, 6, 9])}
    assert told == {(4, "note_id"): "a unique note id (this one is used by row 2 already)",
                    (6, "note_id"): "a unique note id (this one is used by row 3 already)",
                    (9, "note_id"): "a unique note id (this one is used by row 2 already)"}


def test_unique_trimmed_ids_pass_and_a_missing_id_is_reported_once():
    assert flagged(notes_with(note_id=["A", "B", "C"])) == []
    assert flagged(notes_with(note_id=["A", np.nan, "C"])) == [(3, "note_id", "")]


def test_industries_and_formats_are_normalised_once_per_distinct_value():
    notes = notes_with(industry=[" Beauty ", "美妆", "SPORTS", "宠物", "Pets ", np.nan],
                       format=["图文", " Video", "IMAGE", "", np.nan, "音频"])
    assert notes["industry"].tolist() == ["beauty", "beauty", "sports", "宠物", "Pets", ""]
    assert notes["format"].tolist() == ["image", "video", "image", "", "", "音频"]
    assert notes["industry"].dtype == notes["note_id"].dtype == pd.StringDtype(na_value=np.nan)
    assert flagged(notes) == [(7, "industry", ""), (7, "format", "音频")]


def test_a_normal_column_is_kept_as_it_is_and_an_empty_frame_gets_the_models_dtypes():
    normal = pd.Series(["beauty", "sports", "其他行业"], dtype=str)
    assert normalise_industry(normal) is normal
    empty = complete_notes(pd.DataFrame({"note_id": pd.Series([], dtype=object)}))
    assert list(empty.columns) == list(NOTE_FIELDS) and len(empty) == 0
    assert empty["industry"].dtype == empty["format"].dtype == pd.StringDtype(na_value=np.nan)
    assert check_notes(empty) == []


def test_unknown_columns_follow_the_models_and_the_callers_frame_is_unchanged():
    frame = pd.DataFrame({"备注": ["x"], "note_id": ["N1"]} | {name: [v] for name, v in REQUIRED.items()})
    before = frame.copy()
    notes = complete_notes(frame)
    assert list(notes.columns) == list(NOTE_FIELDS) + ["备注"]
    pd.testing.assert_frame_equal(frame, before)


# -- bounds (planner.model.limits) -----------------------------------------------------------------------

AMOUNT_RANGE = "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("budget", 1e308, AMOUNT_RANGE),
    ("budget", np.inf, AMOUNT_RANGE),
    ("budget", 1e12 + 1, AMOUNT_RANGE),
    ("min_budget", 2e12, AMOUNT_RANGE),
    ("max_budget", 2e12, AMOUNT_RANGE + ", or empty"),
    ("cpm", 1e-300, "a cost per 1,000 impressions from ¥0.01 to ¥1,000,000 (real boosts cost ¥10 to ¥500: "
                    "a typo or a unit mix-up?)"),
    ("cpm", 1e7, "a cost per 1,000 impressions from ¥0.01 to ¥1,000,000 (real boosts cost ¥10 to ¥500: "
                 "a typo or a unit mix-up?)"),
    ("aov", 1e300, "an average order value from ¥0 to ¥10,000,000 (more is no retail order: "
                   "a typo or a unit mix-up?)"),
    ("audience_cap", 0.5, "a number of impressions from 1 to 1,000,000,000,000 (700 times China's population: "
                          "a typo or a unit mix-up?), or empty"),
    ("audience_cap", 1e13, "a number of impressions from 1 to 1,000,000,000,000 (700 times China's population: "
                           "a typo or a unit mix-up?), or empty"),
])
def test_a_number_past_its_bound_is_refused_with_the_bound_and_why(field, value, expected):
    problems = check_notes(notes_with(**{field: [value]}))
    assert [(p.column, p.value, p.expected) for p in problems] == [(field, value, expected)]


@pytest.mark.parametrize(("field", "value"), [
    ("budget", 1e12), ("min_budget", 1e12), ("max_budget", 1e12), ("cpm", 0.01), ("cpm", 1e6), ("aov", 1e7),
    ("aov", 0.0), ("audience_cap", 1.0), ("audience_cap", 1e12), ("budget", 5e-324)])
def test_a_number_at_its_bound_is_accepted(field, value):
    assert check_notes(notes_with(**{field: [value]})) == []


@pytest.mark.parametrize(("field", "value", "expected"), [
    ("budget", -1.0, "an amount of 0 or more"),
    ("budget", -np.inf, "an amount of 0 or more"),
    ("cpm", 0.0, "a cost per 1,000 impressions greater than 0"),
    ("aov", -5.0, "an average order value of 0 or more"),
])
def test_below_the_lower_bound_the_message_is_the_rule_it_breaks(field, value, expected):
    assert [p.expected for p in check_notes(notes_with(**{field: [value]}))] == [expected]


@pytest.mark.parametrize("field", ["ctr", "cvr", "cpm", "aov", "budget", "max_budget", "audience_cap"])
def test_an_infinite_value_is_one_problem_in_its_cell(field):
    assert [(p.row, p.column) for p in check_notes(notes_with(**{field: [np.inf]}))] == [(2, field)]


def test_minimum_above_maximum_is_not_reported_again_when_the_maximum_is_past_its_bound():
    problems = check_notes(notes_with(min_budget=[5e11], max_budget=[2e12]))
    assert [(p.column, p.expected) for p in problems] == [("max_budget", AMOUNT_RANGE + ", or empty")]


@pytest.mark.parametrize(("field", "text"), [
    ("note_id", "n" * 32_768), ("title", "t" * 40_000), ("creator", "😀" * 16_384), ("industry", "x" * 32_768)])
def test_text_longer_than_an_excel_cell_is_refused_at_its_cell(field, text):
    problems = check_notes(notes_with(**{field: [text]}))
    assert [(p.row, p.column, p.expected) for p in problems] == [
        (2, field, "text of at most 32,767 characters (what an Excel cell holds; an emoji counts as 2)")]


def test_text_as_long_as_an_excel_cell_is_accepted():
    notes = notes_with(title=["t" * 32_767], creator=["😀" * 16_383 + "x"])
    assert check_notes(notes) == []


# -- A note's active window (MODEL.md section 9) -------------------------------------------------

def test_a_note_without_a_window_is_active_all_campaign() -> None:
    notes = complete_notes(small_notes())
    assert notes["start_date"].dtype == notes["end_date"].dtype == "datetime64[ns]"
    assert notes["start_date"].isna().all() and notes["end_date"].isna().all()


def test_a_window_ending_before_it_starts_is_refused_naming_its_start() -> None:
    notes = small_notes()
    notes["start_date"] = ["2025-05-20", "2025-05-20", ""]
    notes["end_date"] = ["2025-05-13", "2025-05-20", "2025-05-01"]
    problems = check_notes(complete_notes(notes))
    assert [str(p) for p in problems] == [
        'row 2, column end_date: value "2025-05-13": expected an end date on or after the start date (note n1)']


def test_a_day_outside_the_years_of_a_campaign_is_refused() -> None:
    notes = complete_notes(small_notes())
    notes["start_date"] = pd.to_datetime(["1990-01-01", None, None])
    assert [str(p) for p in check_notes(notes)] == [
        'row 2, column start_date: value "1990-01-01": expected a date from 2000-01-01 to 2099-12-31']
