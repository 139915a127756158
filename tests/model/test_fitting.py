"""Fitting lifts from history (MODEL.md section 7)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.model.errors import InputError
from planner.model.fitting import (
    CROSSES_ZERO,
    FEW_NOTES,
    MIN_NOTES,
    RELIABLE_NOTES,
    fit_lifts,
    report_lines,
    weak_lift,
)
from planner.model.lifts import LIFTS, SOURCE_ARTICLE, SOURCE_FITTED, LiftTable, article_lifts, check_lifts

# The canonical columns of a parsed history table (MODEL.md section 7).
HISTORY_COLUMNS = ["note_id", "industry", "period", "impressions", "clicks", "interactions", "store_visits",
                   "orders", "spend", "gmv"]


def history(rows: list[tuple[str, str, str, float, float, float, float]]) -> pd.DataFrame:
    """A history frame from (note_id, industry, period, impressions, clicks, interactions, store_visits)."""
    frame = pd.DataFrame(rows, columns=["note_id", "industry", "period", "impressions", "clicks",
                                        "interactions", "store_visits"])
    frame["orders"] = frame["store_visits"] * 0.1
    frame["spend"] = frame["impressions"] * 0.05
    frame["gmv"] = frame["orders"] * 100.0
    return frame[HISTORY_COLUMNS]


# Base: impressions 6000, clicks 300, interactions 120, visits 60 -> ctr 0.05, interaction 0.02, entry 0.2.
BASE = [(1000, 50, 20, 10), (2000, 90, 40, 20), (1500, 60, 30, 5), (500, 30, 10, 10), (1000, 70, 20, 15)]
# Joint: impressions 8000, clicks 480, interactions 320, visits 120 -> 0.06, 0.04, 0.25.
JOINT = [(1000, 50, 40, 10), (1000, 80, 30, 30), (2000, 130, 90, 25), (3000, 160, 100, 40),
         (1000, 60, 60, 15)]


def industry_rows(industry: str, base: list[tuple[float, ...]] = BASE, joint: list[tuple[float, ...]] = JOINT
                  ) -> list[tuple]:
    rows = [(f"{industry}-b{i}", industry, "base", *counts) for i, counts in enumerate(base)]
    return rows + [(f"{industry}-j{i}", industry, "joint", *counts) for i, counts in enumerate(joint)]


def entry_for(result, industry: str):
    return next(e for e in result.report if e.industry == industry)


def test_ratio_of_sums_matches_hand_computed_lifts() -> None:
    result = fit_lifts(history(industry_rows("beauty")))
    row = result.lifts.table.loc["beauty"]
    # (0.06 / 0.05) - 1, (0.04 / 0.02) - 1, (0.25 / 0.2) - 1
    assert row["ctr_lift"] == pytest.approx(0.2, rel=1e-12)
    assert row["interaction_lift"] == pytest.approx(1.0, rel=1e-12)
    assert row["entry_lift"] == pytest.approx(0.25, rel=1e-12)
    assert row["source"] == SOURCE_FITTED
    assert row["n_notes"] == 10


def test_a_note_with_several_rows_in_a_period_is_one_note() -> None:
    # The same five base notes, one of them split over two rows: same sums, same five notes.
    rows = industry_rows("beauty")
    first = rows[0]
    rows[0] = first[:3] + (600, 30, 12, 6)
    rows.append(first[:3] + (400, 20, 8, 4))
    result = fit_lifts(history(rows))
    fit = entry_for(result, "beauty")
    assert (fit.fitted, fit.base_notes, fit.joint_notes, fit.n_notes) == (True, 5, 5, 10)
    assert result.lifts.table.loc["beauty", "ctr_lift"] == pytest.approx(0.2, rel=1e-12)


def test_notes_present_in_both_periods_count_once_in_n_notes() -> None:
    rows = [(note.replace("-j", "-b"), *rest) for note, *rest in industry_rows("beauty")]
    result = fit_lifts(history(rows))
    fit = entry_for(result, "beauty")
    assert (fit.base_notes, fit.joint_notes, fit.n_notes) == (5, 5, 5)
    assert result.lifts.table.loc["beauty", "n_notes"] == 5


def test_too_few_distinct_notes_keeps_the_previous_row_and_says_why() -> None:
    # Five base rows but only four distinct notes: one note is split over two rows.
    rows = industry_rows("sports", base=BASE[:4], joint=JOINT[:4] + JOINT[4:] * 3)
    rows = rows[:4] + [("sports-b0", "sports", "base", *BASE[4])] + rows[4:]
    result = fit_lifts(history(rows))
    kept = result.lifts.table.loc["sports"]
    before = article_lifts().table.loc["sports"]
    pd.testing.assert_series_equal(kept, before)
    fit = entry_for(result, "sports")
    assert (fit.fitted, fit.base_notes, fit.joint_notes) == (False, 4, 7)
    assert "sports: kept previous lifts: 4 base notes and 7 joint notes, 5 needed in each period" \
        in report_lines(result)


def test_an_industry_without_a_previous_row_is_left_to_the_default_row() -> None:
    result = fit_lifts(history(industry_rows("food", base=BASE[:3], joint=JOINT)))
    assert "food" not in result.lifts.table.index
    assert not entry_for(result, "food").has_previous
    assert "food: not fitted, the default row serves it: 3 base notes and 5 joint notes, 5 needed in each " \
           "period" in report_lines(result)


def test_previous_samples_of_a_kept_row_are_kept() -> None:
    previous = article_lifts()
    samples = np.full((10, 3), 0.3)
    previous = LiftTable(previous.table, {"sports": samples})
    result = fit_lifts(history(industry_rows("sports", base=BASE[:2])), previous=previous)
    assert result.lifts.samples["sports"] is samples


def test_zero_base_rate_is_reported_not_divided_by() -> None:
    base = [(imp, clicks, inter, 0) for imp, clicks, inter, _ in BASE]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fit_lifts(history(industry_rows("beauty", base=base)))
    fit = entry_for(result, "beauty")
    assert not fit.fitted and fit.zero_denominators == ("entry_lift",)
    assert result.lifts.table.loc["beauty", "source"] == SOURCE_ARTICLE
    line = next(line for line in report_lines(result) if line.startswith("beauty:"))
    assert line.startswith("beauty: kept previous lifts: entry_lift has a zero denominator")
    assert "store_visits" in line


def test_zero_base_impressions_names_both_lifts_that_divide_by_them() -> None:
    base = [(0, 0, 0, 0)] * 5
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fit_lifts(history(industry_rows("beauty", base=base)))
    fit = entry_for(result, "beauty")
    assert fit.zero_denominators == ("ctr_lift", "interaction_lift", "entry_lift")
    assert any("sum of base impressions is 0" in reason for reason in fit.reasons)


def test_default_row_is_fitted_from_all_industries_pooled() -> None:
    # Neither industry has five notes per period; together they have six.
    rows = industry_rows("food", base=BASE[:3], joint=JOINT[:3])
    rows += industry_rows("home", base=BASE[3:] + BASE[:1], joint=JOINT[3:] + JOINT[:1])
    result = fit_lifts(history(rows))
    frame = history(rows)
    base, joint = (frame[frame["period"] == p][["impressions", "clicks", "interactions", "store_visits"]].sum()
                   for p in ("base", "joint"))
    default = result.lifts.table.loc["default"]
    assert default["ctr_lift"] == pytest.approx(
        (joint["clicks"] / joint["impressions"]) / (base["clicks"] / base["impressions"]) - 1, rel=1e-12)
    assert default["interaction_lift"] == pytest.approx(
        (joint["interactions"] / joint["impressions"]) / (base["interactions"] / base["impressions"]) - 1,
        rel=1e-12)
    assert default["entry_lift"] == pytest.approx(
        (joint["store_visits"] / joint["clicks"]) / (base["store_visits"] / base["clicks"]) - 1, rel=1e-12)
    assert default["n_notes"] == 12 and default["source"] == SOURCE_FITTED
    assert entry_for(result, "default").fitted
    assert not entry_for(result, "food").fitted and not entry_for(result, "home").fitted


def test_empty_history_keeps_every_row() -> None:
    result = fit_lifts(history([]))
    pd.testing.assert_frame_equal(result.lifts.table, article_lifts().table)
    assert report_lines(result)[0] == ("default: kept previous lifts: 0 base notes and 0 joint notes, "
                                       f"{MIN_NOTES} needed in each period")
    assert "sports: kept previous lifts: no history for this industry" in report_lines(result)


def test_missing_history_column_is_an_input_error() -> None:
    with pytest.raises(InputError) as raised:
        fit_lifts(history(industry_rows("beauty")).drop(columns="clicks"))
    assert [p.column for p in raised.value.problems] == ["clicks"]


def noisy_history(industry: str, notes: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for period, lift in (("base", 1.0), ("joint", 1.3)):
        shown = rng.integers(2000, 20000, notes)
        clicks = rng.binomial(shown, 0.05 * lift)
        rows += [(f"{industry}-{period}{i}", industry, period, shown[i], clicks[i],
                  rng.binomial(shown[i], 0.02 * lift), rng.binomial(clicks[i], 0.2 * lift))
                 for i in range(notes)]
    return history(rows)


def test_bootstrap_is_deterministic_with_the_seed() -> None:
    frame = noisy_history("beauty", 30, 1)
    first, again = fit_lifts(frame, seed=7), fit_lifts(frame, seed=7)
    other = fit_lifts(frame, seed=8)
    np.testing.assert_array_equal(first.lifts.samples["beauty"], again.lifts.samples["beauty"])
    pd.testing.assert_frame_equal(first.lifts.table, again.lifts.table)
    assert not np.array_equal(first.lifts.samples["beauty"], other.lifts.samples["beauty"])


def test_bootstrap_samples_give_the_range_around_the_estimate() -> None:
    result = fit_lifts(noisy_history("beauty", 40, 2), resamples=500)
    samples = result.lifts.samples["beauty"]
    assert samples.shape == (500, 3) and np.isfinite(samples).all()
    row = result.lifts.table.loc["beauty"]
    for k, lift in enumerate(LIFTS):
        p10, p90 = np.percentile(samples[:, k], [10, 90])
        assert row[f"{lift}_low"] == pytest.approx(p10) and row[f"{lift}_high"] == pytest.approx(p90)
        assert p10 < row[lift] < p90
        # Resampling notes, not rows of fixed size: a real spread, but not a wild one.
        assert 0.005 < p90 - p10 < 0.5
    assert check_lifts(result.lifts.table) == []


def test_an_industry_bootstrap_does_not_depend_on_the_other_industries() -> None:
    alone = fit_lifts(noisy_history("beauty", 20, 3))
    together = fit_lifts(pd.concat([noisy_history("beauty", 20, 3), noisy_history("home", 20, 4)]))
    np.testing.assert_array_equal(alone.lifts.samples["beauty"], together.lifts.samples["beauty"])


def test_resamples_with_a_zero_denominator_are_dropped_and_counted() -> None:
    # Only one base note has store visits: about (4/5)^5 = 33% of resamples leave it out.
    base = [(imp, clicks, inter, visits if i == 0 else 0) for i, (imp, clicks, inter, visits) in enumerate(BASE)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = fit_lifts(history(industry_rows("beauty", base=base)), resamples=1000)
    fit = entry_for(result, "beauty")
    samples = result.lifts.samples["beauty"]
    assert fit.fitted and 200 < fit.dropped_resamples < 450
    assert samples.shape == (1000 - fit.dropped_resamples, 3) and np.isfinite(samples).all()
    line = next(line for line in report_lines(result) if line.startswith("beauty:"))
    assert line == (f"beauty: fitted from 10 notes (5 base, 5 joint); {fit.dropped_resamples} bootstrap "
                    "resamples left out for a zero denominator")


def test_fitted_report_line() -> None:
    result = fit_lifts(noisy_history("beauty", 12, 5))
    assert "beauty: fitted from 24 notes (12 base, 12 joint)" in report_lines(result)


@settings(max_examples=25, deadline=None)
@given(ctr_lift=st.floats(-0.5, 2.0), interaction_lift=st.floats(-0.5, 2.0), entry_lift=st.floats(-0.5, 2.0),
       notes=st.integers(5, 40), seed=st.integers(0, 2**31))
def test_fitted_lifts_recover_the_true_lifts_of_large_counts(ctr_lift: float, interaction_lift: float,
                                                             entry_lift: float, notes: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    truth = np.array([ctr_lift, interaction_lift, entry_lift])
    rates = rng.uniform([0.02, 0.01, 0.1], [0.08, 0.05, 0.3])  # the industry's base ctr, interaction, entry
    rows = []
    for period, factor in (("base", np.ones(3)), ("joint", 1.0 + truth)):
        shown = rng.integers(100_000_000, 500_000_000, notes)  # notes of very different sizes
        clicks = rng.binomial(shown, rates[0] * factor[0])
        rows += [(f"{period}{i}", "beauty", period, shown[i], clicks[i],
                  rng.binomial(shown[i], rates[1] * factor[1]), rng.binomial(clicks[i], rates[2] * factor[2]))
                 for i in range(notes)]
    result = fit_lifts(history(rows), resamples=200)
    fitted = result.lifts.table.loc["beauty", list(LIFTS)].to_numpy(dtype=float)
    # The fewest events are store visits: >= 5e8 impressions x 0.01 x 0.05 = 250,000, a relative sd under
    # 0.2% per period; 3% on the (1 + lift) ratio is over 10 sd, yet a formula slip is far beyond it.
    np.testing.assert_allclose((1 + fitted) / (1 + truth), 1.0, atol=0.03)


# -- lifts past the most a lift can be (planner.model.limits.MAX_LIFT) -----------------------------------

def test_a_lift_fitted_past_the_bound_keeps_the_previous_row_and_says_why() -> None:
    # Base: 1 click per 100,000 impressions; joint: 1 per 20: a ctr lift of +499,900%.
    base = [(100_000, 1, 20, 1)] * 5
    joint = [(1_000, 50, 20, 10)] * 5
    result = fit_lifts(history(industry_rows("beauty", base=base, joint=joint)))
    fit = entry_for(result, "beauty")
    assert not fit.fitted
    assert fit.reasons == ("ctr_lift would be +499,900%, past the most a lift can be (+10,000%): check the history",)
    assert result.lifts.table.loc["beauty", "ctr_lift"] == article_lifts().table.loc["beauty", "ctr_lift"]
    assert check_lifts(result.lifts.table) == []  # the plan that takes these lifts still saves


def test_resamples_past_the_bound_are_dropped_and_counted() -> None:
    # One base note holds every base click: resamples that draw it rarely give lifts past +10,000%.
    base = [(100, 1, 10, 1)] + [(10_000, 0, 10, 1)] * 4
    joint = [(1_000, 8, 10, 1)] + [(1_000, 1, 10, 1)] * 4
    result = fit_lifts(history(industry_rows("beauty", base=base, joint=joint)))
    fit = entry_for(result, "beauty")
    samples = result.lifts.samples["beauty"]
    assert fit.fitted and fit.beyond_resamples > 0 and fit.dropped_resamples > 0
    assert samples.shape == (1000 - fit.dropped_resamples - fit.beyond_resamples, 3)
    assert samples.max() <= 100.0 and check_lifts(result.lifts.table) == []
    line = next(line for line in report_lines(result) if line.startswith("beauty:"))
    assert line.endswith(f"; {fit.beyond_resamples} bootstrap resamples left out for a lift past +10,000%")


def lift_row(source: str = SOURCE_FITTED, n_notes: float = 40.0, **bands: tuple[float, float]) -> pd.Series:
    """A lift table row whose lifts are 0.2 within 0.1..0.3, but for the `bands` given as (low, high)."""
    row: dict[str, object] = {"n_notes": n_notes, "source": source}
    for lift in LIFTS:
        low, high = bands.get(lift, (0.1, 0.3))
        row.update({lift: 0.2, f"{lift}_low": low, f"{lift}_high": high})
    return pd.Series(row)


def test_a_lift_fitted_from_enough_notes_with_a_band_above_zero_is_not_weak() -> None:
    assert weak_lift(lift_row(), RELIABLE_NOTES, RELIABLE_NOTES) == []
    assert weak_lift(lift_row(n_notes=RELIABLE_NOTES)) == []


@pytest.mark.parametrize(("base", "joint"), [(19, 40), (40, 19), (8, 8)])
def test_a_lift_fitted_from_fewer_than_20_notes_in_either_period_is_weak(base: int, joint: int) -> None:
    found = weak_lift(lift_row(), base, joint)
    assert [(w.code, w.lift) for w in found] == [(FEW_NOTES, None)]
    assert f"{base} base and {joint} joint notes" in found[0].sentence


def test_without_the_periods_the_rows_note_count_decides() -> None:
    assert [w.code for w in weak_lift(lift_row(n_notes=19))] == [FEW_NOTES]
    assert "only 19 notes" in weak_lift(lift_row(n_notes=19))[0].sentence
    assert weak_lift(lift_row(n_notes=float("nan"))) == []


def test_a_band_that_crosses_zero_is_weak_in_that_lift_whatever_its_source() -> None:
    row = lift_row(SOURCE_ARTICLE, ctr_lift=(-0.021, 0.378), entry_lift=(0.0, 0.5))
    found = weak_lift(row)
    assert [(w.code, w.lift) for w in found] == [(CROSSES_ZERO, "ctr_lift")]
    assert "-2.1% to +37.8%" in found[0].sentence


def test_a_lift_of_zero_without_a_band_is_not_weak() -> None:
    assert weak_lift(lift_row(SOURCE_ARTICLE, entry_lift=(0.0, 0.0))) == []
