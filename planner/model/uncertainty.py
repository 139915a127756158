"""Uncertainty of a plan's orders and gmv (MODEL.md section 6): Monte Carlo over the lifts, fixed seed."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.model.funnel import eligible_notes, impressions
from planner.model.lifts import LIFTS, LiftTable
from planner.model.plan import Plan

DRAWS = 2000
SEED = 20240611
PERCENTILES = (10.0, 50.0, 90.0)
# The 90th percentile of the standard normal: low/high are mean -/+ Z90 * sd.
Z90 = 1.2815515655446004
OUTCOMES = ("orders", "gmv")
# Entries of one (draws x notes) block of notes whose rates can reach 1: bounds memory, not speed.
_BLOCK = 1 << 22


def uncertainty(plan: Plan, draws: int = DRAWS, seed: int = SEED) -> dict[str, dict[str, float]]:
    """P10/P50/P90 of the plan's total orders and gmv; the same plan and seed give the same figures."""
    totals = scenario_totals(plan, draws, seed)
    return {outcome: dict(zip(("p10", "p50", "p90"), map(float, np.percentile(values, PERCENTILES)),
                              strict=True))
            for outcome, values in totals.items()}


@dataclass(frozen=True)
class _Funnel:
    """Per-note inputs of orders at the planned budgets, base rates (before any lift)."""

    eligible: np.ndarray
    row: np.ndarray  # position in the lift table of the row serving the note
    impressions: np.ndarray
    ctr: np.ndarray
    entry_rate: np.ndarray
    cvr: np.ndarray
    aov: np.ndarray


def _funnel(plan: Plan) -> _Funnel:
    notes = plan.notes

    def column(name: str) -> np.ndarray:
        return notes[name].to_numpy(dtype=float)

    shown = impressions(column("budget"), column("cpm"), column("audience_cap"))
    eligible, ctr, entry, cvr = eligible_notes(plan), column("ctr"), column("entry_rate"), column("cvr")
    observed = plan.observed
    if observed is not None:  # observed rates hold their lift already: no lift is drawn for those notes
        eligible = eligible & ~observed.has
        ctr, entry, cvr = (np.where(observed.has, observed.observed[name], values) for name, values in
                           (("ctr", ctr), ("entry_rate", entry), ("cvr", cvr)))
    return _Funnel(eligible, plan.applied_lifts.rows_for(notes["industry"]), shown, ctr, entry, cvr, column("aov"))


def scenario_totals(plan: Plan, draws: int = DRAWS, seed: int = SEED) -> dict[str, np.ndarray]:
    """Plan total orders and gmv in each of `draws` scenarios (arrays of length `draws`)."""
    f = _funnel(plan)
    # Base rates are never lifted for a non-eligible note; min(1, .) as in funnel.effective_rates.
    fixed = f.impressions * np.minimum(1.0, f.ctr) * np.minimum(1.0, f.entry_rate) * f.cvr
    totals = np.tile([fixed[~f.eligible].sum(), (fixed * f.aov)[~f.eligible].sum()], (draws, 1))
    names = plan.applied_lifts.table.index
    for r in np.unique(f.row[f.eligible]):  # the handful of lift rows: one draw serves all their notes
        members = f.eligible & (f.row == r)
        factor = 1.0 + draw_row_lifts(plan.applied_lifts, str(names[r]), draws, seed)
        totals += _row_totals(factor, f.impressions[members], f.ctr[members], f.entry_rate[members],
                              f.cvr[members], f.aov[members])
    return {"orders": totals[:, 0], "gmv": totals[:, 1]}


def _row_totals(factor: np.ndarray, shown: np.ndarray, ctr: np.ndarray, entry: np.ndarray, cvr: np.ndarray,
                aov: np.ndarray) -> np.ndarray:
    """(draws x 2) orders and gmv of one row's eligible notes: imp*min(1,ctr*a)*min(1,entry*c)*cvr (*aov).

    Notes split by which min(1, .) can bind at the largest drawn factor a = 1+L1, c = 1+L3. Neither (the
    usual case): (a*c) * sum(imp*ctr*entry*cvr), summed once. Only one: that factor times a sum of
    min(1, rate*factor) over notes, from prefix sums of the notes sorted by rate. Both: a dense
    (draws x notes) product, for the rare note with high ctr and high entry rate.
    """
    a, c = factor[:, 0], factor[:, 2]
    money = np.stack([np.ones_like(aov), aov], axis=1)  # orders, gmv per order
    ctr_binds = ctr * a.max() > 1.0
    entry_binds = entry * c.max() > 1.0
    neither = ~ctr_binds & ~entry_binds
    totals = np.outer(a * c, ((shown * ctr * entry * cvr)[:, None] * money)[neither].sum(axis=0))
    only = ctr_binds & ~entry_binds
    totals += c[:, None] * _capped_sums(ctr[only], (shown * entry * cvr)[only, None] * money[only], a)
    only = entry_binds & ~ctr_binds
    totals += a[:, None] * _capped_sums(entry[only], (shown * ctr * cvr)[only, None] * money[only], c)
    both = np.flatnonzero(ctr_binds & entry_binds)
    step = max(1, _BLOCK // max(len(factor), 1))
    for start in range(0, len(both), step):  # blocks of notes, only to bound memory
        part = both[start:start + step]
        per_note = (shown[part] * np.minimum(1.0, a[:, None] * ctr[part])
                    * np.minimum(1.0, c[:, None] * entry[part]) * cvr[part])
        totals += per_note @ money[part]
    return totals


def _capped_sums(rate: np.ndarray, weight: np.ndarray, factor: np.ndarray) -> np.ndarray:
    """(draws x k) sum over notes of weight * min(1, rate*factor) for each drawn factor.

    With notes sorted by rate, the capped ones are a tail: factor * (head sum of weight*rate) + (tail sum
    of weight). Prefix sums are taken from each end, so no sum is a difference of two large ones.
    """
    order = np.argsort(rate, kind="stable")
    rate, weight = rate[order], weight[order]
    zero = np.zeros((1, weight.shape[1]))
    head = np.concatenate([zero, np.cumsum(weight * rate[:, None], axis=0)])
    tail = np.concatenate([np.cumsum(weight[::-1], axis=0)[::-1], zero])
    with np.errstate(divide="ignore"):  # a factor of 0 (a lift of -1) caps nothing: 1/0 = inf
        uncapped = np.searchsorted(rate, 1.0 / factor, side="right")
    return factor[:, None] * head[uncapped] + tail[uncapped]


def draw_row_lifts(lifts: LiftTable, name: str, draws: int = DRAWS, seed: int = SEED) -> np.ndarray:
    """(draws x 3) lifts of one table row: whole bootstrap rows if it has them, else truncated normals."""
    rng = np.random.default_rng([seed, zlib.crc32(name.encode("utf-8"))])
    samples = lifts.samples.get(name)
    if samples is not None and len(samples):
        # A bootstrap row holds the three lifts of one resample together: drawn jointly, uniformly.
        return np.asarray(samples, dtype=float)[rng.integers(0, len(samples), size=draws)]
    row = lifts.table.loc[name]
    low = np.array([row[f"{lift}_low"] for lift in LIFTS], dtype=float)
    high = np.array([row[f"{lift}_high"] for lift in LIFTS], dtype=float)
    if not (np.all(low >= -1) and np.all(high >= low)):
        raise ValueError(f"lift row {name!r} needs -1 <= low <= high (see lifts.check_lifts)")
    return _truncated_normal(rng, (low + high) / 2, (high - low) / (2 * Z90), draws)


def _truncated_normal(rng: np.random.Generator, mean: np.ndarray, sd: np.ndarray, draws: int) -> np.ndarray:
    """Normals truncated at -1 by rejection: values below -1 are redrawn until none is left.

    The mean is >= -1, so each round keeps at least half of what is left; sd = 0 gives the mean itself.
    """
    values = mean + sd * rng.standard_normal((draws, len(mean)))
    below = values < -1.0
    while below.any():
        columns = np.nonzero(below)[1]
        values[below] = mean[columns] + sd[columns] * rng.standard_normal(len(columns))
        below = values < -1.0
    return values


def note_band(plan: Plan, position: int, budgets: np.ndarray, outcome: str = "orders",
              draws: int = DRAWS, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """P10 and P90 of one note's `outcome` at each of `budgets` (its response curve's band).

    Uses the same draws as `uncertainty` for the note's lift row. The outcome is impressions(b) times a
    yield per impression that does not depend on b, so the percentiles are those of the yield, scaled.
    """
    note = plan.notes.iloc[position]
    budgets = np.asarray(budgets, dtype=float)
    shown = impressions(budgets, np.full_like(budgets, float(note["cpm"])),
                        np.full_like(budgets, float(note["audience_cap"])))
    if eligible_notes(plan)[position]:
        name = str(plan.applied_lifts.table.index[plan.applied_lifts.rows_for(plan.notes["industry"].iloc[[position]])[0]])
        factor = 1.0 + draw_row_lifts(plan.applied_lifts, name, draws, seed)
    else:
        factor = np.ones((1, 3))
    per_impression = _yield(note, factor, outcome)
    low, high = np.percentile(per_impression, (10.0, 90.0))
    return shown * low, shown * high


def _yield(note: pd.Series, factor: np.ndarray, outcome: str) -> np.ndarray:
    """`outcome` per impression for each row of (k x 3) lift factors (MODEL.md sections 2 and 3)."""
    def rate(column: str, k: int) -> np.ndarray:
        return np.minimum(1.0, float(note[column]) * factor[:, k])

    values = {"impressions": np.ones(len(factor)), "clicks": rate("ctr", 0),
              "interactions": rate("interaction_rate", 1)}
    values["store_visits"] = values["clicks"] * rate("entry_rate", 2)
    values["orders"] = values["store_visits"] * float(note["cvr"])
    values["gmv"] = values["orders"] * float(note["aov"])
    if outcome not in values:
        raise ValueError(f"unknown outcome {outcome!r}")
    return values[outcome]
