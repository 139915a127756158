"""The campaign calendar (MODEL.md section 9): day weights by hand, shapes, opening hours, bad phases."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.model.calendar import Calendar, Phase, check_calendar, day_weights, shape_weights


def d(day: int, month: int = 5) -> date:
    return date(2025, month, day)


def test_an_even_phase_spreads_its_weight_equally() -> None:
    calendar = Calendar((Phase("预热", d(1), d(4), 1.0),))
    assert day_weights(calendar).weights.tolist() == [0.25] * 4


def test_a_pacing_percent_tilts_the_days_linearly() -> None:
    # p = 150 over 3 days: 1 + 0.5 * (1 - 2k/2) = 1.5, 1, 0.5 (sum 3)
    assert shape_weights(3, 150).tolist() == [1.5, 1.0, 0.5]
    assert shape_weights(3, 50).tolist() == [0.5, 1.0, 1.5]
    assert shape_weights(1, 150).tolist() == [1.0]
    weights = day_weights(Calendar((Phase("爆发", d(1), d(3), 0.6, 150),))).weights
    np.testing.assert_allclose(weights, [0.3, 0.2, 0.1])


def test_an_opening_hour_gives_the_first_day_the_part_left_and_the_day_before_the_rest() -> None:
    calendar = Calendar((Phase("预热", d(12), d(13), 0.4), Phase("预售", d(13), d(14), 0.6, start_hour=20)))
    weights = day_weights(calendar)
    # 预热: 12 May whole (1), 13 May until 20:00 (20/24): 0.4 * (1, 5/6) / (11/6)
    # 预售: 13 May from 20:00 (4/24), 14 May whole: 0.6 * (1/6, 1) / (7/6)
    np.testing.assert_allclose(weights.by_phase[0], [0.4 * 6 / 11, 0.4 * 5 / 11, 0])
    np.testing.assert_allclose(weights.by_phase[1], [0, 0.6 / 7, 0.6 * 6 / 7])
    np.testing.assert_allclose(weights.weights.sum(), 1.0)
    assert weights.phase_of_day() == ["预热", "预热", "预售"]


def test_a_phase_opening_at_an_hour_after_a_gapless_previous_phase_scales_only_its_first_day() -> None:
    calendar = Calendar((Phase("预热", d(12), d(12), 1.0), Phase("预售", d(13), d(14), 1.0, start_hour=20)))
    np.testing.assert_allclose(day_weights(calendar).weights, [1.0, 1 / 7, 6 / 7])


@given(st.lists(st.tuples(st.integers(1, 20), st.floats(0, 10), st.one_of(st.none(), st.floats(50, 150))),
                min_size=1, max_size=6))
def test_the_day_weights_add_up_to_the_phase_weights(specs: list[tuple[int, float, float | None]]) -> None:
    phases, start = [], d(1, 1)
    for i, (days, weight, shape) in enumerate(specs):
        end = date.fromordinal(start.toordinal() + days - 1)
        phases.append(Phase(f"p{i}", start, end, weight, shape))
        start = date.fromordinal(end.toordinal() + 1)
    weights = day_weights(Calendar(tuple(phases)))
    np.testing.assert_allclose(weights.by_phase.sum(axis=1), [w for _, w, _ in specs], rtol=1e-12, atol=1e-12)
    assert (weights.weights >= 0).all()


@pytest.mark.parametrize(("phases", "problem"), [
    ((Phase("预热", d(3), d(1), 1.0),), "cal.csv, row 2, column end: value \"2025-05-01\": expected a last day on or after the "
                                        "first day 2025-05-03 (this phase has no days)"),
    ((Phase("预热", d(1), d(3), 1.0), Phase("预售", d(3), d(5), 1.0)),
     "cal.csv, row 3, column start: value \"2025-05-03\": expected the day after the previous phase ends (2025-05-03), or "
     "that day at an opening hour (phases follow one another without gaps or overlaps)"),
    ((Phase("预热", d(1), d(3), 1.0), Phase("预售", d(6), d(8), 1.0)),
     "cal.csv, row 3, column start: value \"2025-05-06\": expected the day after the previous phase ends (2025-05-03), or "
     "that day at an opening hour (phases follow one another without gaps or overlaps)"),
    ((Phase("预热", d(1), d(3), 1.0, 160),),
     "cal.csv, row 2, column shape: value \"160\": expected even, or a pacing percent from 50 to 150 (over 100 spends more "
     "early, under 100 more late)"),
    ((Phase("预热", d(1), d(3), -1.0),),
     "cal.csv, row 2, column weight: value \"-1.0\": expected a weight of 0 or more (the phase's share of the money)"),
    ((Phase("预热", d(1), d(3), 0.0), Phase("预售", d(4), d(5), 0.0)),
     "cal.csv, column weight: at least one phase with a weight above 0"),
    ((Phase("预热", d(1), d(3), 1.0), Phase("预热", d(4), d(5), 1.0)),
     "cal.csv, row 3, column phase: value \"预热\": expected a name no other phase has"),
    ((), "cal.csv: a campaign with at least one phase"),
])
def test_a_bad_calendar_is_refused_with_one_problem_per_value(phases: tuple[Phase, ...], problem: str) -> None:
    assert [str(p) for p in check_calendar(Calendar(phases), "cal.csv")] == [problem]
