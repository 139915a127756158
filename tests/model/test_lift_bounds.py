"""Lift tables within their bounds (planner.model.limits): -1 to MAX_LIFT, low <= lift <= high (check_lifts)."""

from __future__ import annotations

import math

import pytest

from planner.model.lifts import check_lifts, make_lift_table

PAST_MAX = ("a lift from -1 to 100 (0.2 = +20%; more than +10,000% is past any published or fitted lift: "
            "a percentage written without %?)")


def lifts_with(row: str, column: str, value: float):
    lifts = make_lift_table({"default": (0.2, 1.09, 0.0), "sports": (0.2, 1.09, 0.85)})
    return lifts.with_row(row, {column: value}).table


@pytest.mark.parametrize("column", ["ctr_lift_high", "interaction_lift_high", "entry_lift_high"])
@pytest.mark.parametrize("value", [100.5, 1e300, math.inf])
def test_a_high_past_the_most_a_lift_can_be_is_refused_with_why(column, value):
    problems = check_lifts(lifts_with("sports", column, value), "lifts.csv")
    assert [(p.row, p.column, p.expected) for p in problems] == [(3, column, PAST_MAX)]


def test_a_lift_past_the_bound_is_one_problem_per_cell():
    # The value 150 is above its high (0.3) too: that is not a second problem in another cell of the row.
    table = lifts_with("sports", "ctr_lift", 150.0)
    assert [(p.column, p.expected) for p in check_lifts(table)] == [
        ("ctr_lift", PAST_MAX),
        ("ctr_lift_low", "a range around the lift 150.0 (low <= lift <= high)"),
    ]


def test_a_low_past_the_bound_is_not_reported_again_as_a_range():
    table = lifts_with("sports", "ctr_lift_low", 1e6)
    assert [(p.column, p.expected) for p in check_lifts(table)] == [("ctr_lift_low", PAST_MAX)]


def test_lifts_at_their_bounds_are_accepted():
    assert check_lifts(make_lift_table({"default": (100.0, -1.0, 0.0)}, spread=0.0).table) == []


def test_below_minus_one_the_message_is_unchanged():
    assert [p.expected for p in check_lifts(lifts_with("sports", "entry_lift_low", -2.0))] == [
        "a lift of -1 or more (0.2 = +20%)"]
