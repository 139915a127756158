"""The history table's rules (MODEL.md section 7): counts and money within bounds, a funnel that narrows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from planner.model.history import check_history, complete_history

GOOD = {"note_id": "N1", "industry": "beauty", "period": "base", "impressions": 1000.0, "clicks": 50.0,
        "interactions": 20.0, "store_visits": 10.0, "orders": 2.0, "spend": 500.0, "gmv": 300.0}


def history_with(**changes: object) -> pd.DataFrame:
    return complete_history(pd.DataFrame([GOOD | changes]))


def problems(history: pd.DataFrame) -> list[tuple[int, str, object, str]]:
    return [(p.row, p.column, p.value, p.expected) for p in check_history(history, "history.csv")]


def test_a_row_within_every_rule_passes():
    assert problems(history_with()) == []


@pytest.mark.parametrize(("stage", "value", "source", "source_value", "why"), [
    ("clicks", 1500.0, "impressions (曝光)", "1,000", "each click is on an impression"),
    ("interactions", 1001.0, "impressions (曝光)", "1,000", "each interaction is on an impression"),
    ("store_visits", 51.0, "clicks (点击)", "50", "each store visit comes from a click"),
    ("orders", 11.0, "store_visits (进店)", "10", "each order comes from a store visit"),
])
def test_a_stage_larger_than_its_source_is_refused_naming_the_source(stage, value, source, source_value, why):
    assert problems(history_with(**{stage: value})) == [
        (2, stage, value, f"at most the row's {source}, {source_value}: {why}")]


def test_a_stage_equal_to_its_source_passes():
    assert problems(history_with(clicks=1000.0, interactions=1000.0, store_visits=1000.0, orders=1000.0)) == []


def test_each_offending_stage_is_its_own_problem():
    # clicks > impressions, and store visits > clicks too: two cells, each compared with its own source.
    found = problems(history_with(clicks=2000.0, store_visits=3000.0))
    assert [(row, column) for row, column, _, _ in found] == [(2, "clicks"), (2, "store_visits")]


def test_a_stage_is_not_compared_with_a_source_that_is_itself_invalid():
    found = problems(history_with(impressions=-5.0, clicks=50.0))
    assert [(column, expected) for _, column, _, expected in found] == [("impressions", "a count of 0 or more")]


def test_missing_optional_stages_are_not_compared():
    assert problems(history_with(orders=np.nan, spend=np.nan, gmv=np.nan)) == []


@pytest.mark.parametrize(("field", "expected"), [
    ("impressions", "a count from 0 to 1,000,000,000,000,000 (more than any platform reports for a note: "
                    "a typo or a unit mix-up?)"),
    ("spend", "an amount from 0 to ¥1,000,000,000,000,000 (more than any note spends or sells: "
              "a typo or a unit mix-up?)"),
    ("gmv", "an amount from 0 to ¥1,000,000,000,000,000 (more than any note spends or sells: "
            "a typo or a unit mix-up?)"),
])
@pytest.mark.parametrize("value", [1e15 + 1e3, 1e300, np.inf])
def test_a_count_or_amount_past_its_bound_is_refused_with_why(field, expected, value):
    assert problems(history_with(**{field: value})) == [(2, field, value, expected)]


def test_counts_and_amounts_at_their_bounds_pass():
    assert problems(history_with(impressions=1e15, clicks=1e15, interactions=1e15, store_visits=1e15,
                                 orders=1e15, spend=1e15, gmv=1e15)) == []


def test_an_id_longer_than_a_cell_holds_is_refused():
    found = problems(history_with(note_id="n" * 32_768))
    assert [(column, expected) for _, column, _, expected in found] == [
        ("note_id", "text of at most 32,767 characters (what an Excel cell holds; an emoji counts as 2)")]
