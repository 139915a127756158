"""The band of a typed lift (MODEL.md section 2): it keeps the row's uncertainty and moves with the lift."""

from __future__ import annotations

import pytest

from planner.model.lifts import article_lifts, moved_band
from planner.model.limits import MAX_LIFT


def test_a_typed_lift_moves_its_band_keeping_the_distances_below_and_above():
    assert moved_band(0.2, 0.1, 0.3, 0.5) == pytest.approx((0.4, 0.6))
    assert moved_band(1.0, 0.5, 2.0, 0.8) == pytest.approx((0.3, 1.8))  # a lopsided band stays lopsided


def test_the_articles_band_moves_with_a_lift_typed_over_it():
    beauty = article_lifts().table.loc["beauty"]
    low, high = moved_band(beauty["entry_lift"], beauty["entry_lift_low"], beauty["entry_lift_high"], 0.6)
    assert (low, high) == pytest.approx((0.6 - 0.415 * 0.5, 0.6 + 0.415 * 0.5))


def test_a_band_of_no_width_becomes_half_to_one_and_a_half_times_the_typed_lift():
    assert moved_band(0.0, 0.0, 0.0, 0.4) == pytest.approx((0.2, 0.6))
    assert moved_band(0.3, 0.3, 0.3, -0.4) == pytest.approx((-0.6, -0.2))  # a fall: low is the larger fall


def test_a_moved_band_stays_within_the_lifts_range():
    assert moved_band(0.2, 0.1, 0.3, -0.95) == pytest.approx((-1.0, -0.85))
    assert moved_band(1.0, 0.5, 1.5, MAX_LIFT) == pytest.approx((MAX_LIFT - 0.5, MAX_LIFT))


@pytest.mark.parametrize("typed", [-1.0, -0.3, 0.0, 0.2, 7.5, MAX_LIFT])
def test_a_moved_band_always_surrounds_the_typed_lift(typed):
    for lift, low, high in ((0.2, 0.1, 0.3), (1.09, 0.545, 1.635), (0.0, 0.0, 0.0), (0.5, -0.2, 3.0)):
        new_low, new_high = moved_band(lift, low, high, typed)
        assert -1.0 <= new_low <= typed <= new_high <= MAX_LIFT
