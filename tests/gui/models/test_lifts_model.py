"""The lift table model's own rules: how a typed lift is read, and the row it makes (its band moved)."""

from __future__ import annotations

import math

import pytest

from planner.gui.models.lifts_model import parse_lift, typed_values
from planner.gui.models.note_columns import ParseError
from planner.model.lifts import SOURCE_TYPED, article_lifts, moved_band
from planner.model.limits import MAX_LIFT


@pytest.mark.parametrize(("typed", "value"), [("25%", 0.25), ("+25 %", 0.25), ("0.25", 0.25), ("-100%", -1.0),
                                              ("12.5％", 0.125), ("1500%", 15.0)])
def test_a_lift_is_typed_as_a_percentage_or_a_fraction(typed: str, value: float) -> None:
    assert parse_lift(typed) == pytest.approx(value)


@pytest.mark.parametrize("typed", ["-150%", "abc", "", "nan", "inf", "25"])
def test_what_is_not_a_lift_is_refused(typed: str) -> None:
    with pytest.raises(ParseError):
        parse_lift(typed)


def test_a_typed_lift_moves_its_band_as_the_model_says() -> None:
    row = article_lifts().table.loc["beauty"]
    values = typed_values(row, "entry_lift", 0.6)
    low, high = moved_band(row["entry_lift"], row["entry_lift_low"], row["entry_lift_high"], 0.6)
    assert (values["entry_lift_low"], values["entry_lift_high"]) == (low, high)
    assert values["entry_lift"] == 0.6 and values["source"] == SOURCE_TYPED and math.isnan(values["n_notes"])


def test_the_band_of_a_typed_lift_stays_within_the_bounds_of_a_lift() -> None:
    row = article_lifts().table.loc["default"]
    near_the_top = typed_values(row, "interaction_lift", MAX_LIFT)
    assert near_the_top["interaction_lift_high"] == MAX_LIFT
    near_the_bottom = typed_values(row, "interaction_lift", -0.9)
    assert near_the_bottom["interaction_lift_low"] == -1.0
