"""Observed rates (MODEL.md section 10): each note's rates re-estimated from its actuals, shrunk toward the plan.

rate = (k * planned_rate + events) / (k + exposures), where exposures are impressions (ctr, interaction rate),
clicks (entry rate) or store visits (conversion rate) and k is the prior strength (2,000 exposures). The
planned rate is the effective one (lifted where the note is eligible), so an observed rate is effective too:
a scenario on observed rates applies no lift on top. A rate whose events or exposures the actuals lack keeps
its planned value, and so does every rate of a note without actuals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

PRIOR = 2000.0  # exposures a planned rate counts for
ACTUAL_COUNTS = ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")
# rate -> (events, exposures) in the actuals
OBSERVED = {"ctr": ("clicks", "impressions"), "interaction_rate": ("interactions", "impressions"),
            "entry_rate": ("store_visits", "clicks"), "cvr": ("orders", "store_visits")}


@dataclass(frozen=True)
class ObservedRates:
    """Per note: whether it has actuals, its sums over them (NaN where a count is missing), and each rate as
    planned and as observed."""

    has: np.ndarray
    sums: pd.DataFrame  # one row per note (plan order), ACTUAL_COUNTS
    planned: dict[str, np.ndarray]
    observed: dict[str, np.ndarray]


def note_sums(note_ids: pd.Series, actuals: pd.DataFrame) -> pd.DataFrame:
    """Each note's actuals summed over their days, in the plan's order; NaN where a note or a count has none."""
    present = [c for c in ACTUAL_COUNTS if c in actuals.columns]
    # min_count=1: a count no row of the note reports stays unknown (NaN), not 0.
    sums = actuals.groupby("note_id", sort=False)[present].sum(min_count=1)
    return sums.reindex(note_ids.to_numpy()).reindex(columns=list(ACTUAL_COUNTS)).reset_index(drop=True)


def observed_rates(note_ids: pd.Series, planned: dict[str, np.ndarray], actuals: pd.DataFrame,
                   prior: float = PRIOR) -> ObservedRates:
    """The shrinkage estimate of every rate of section 10, from `planned` (effective rates per note)."""
    sums = note_sums(note_ids, actuals)
    has = sums.notna().any(axis=1).to_numpy()
    observed = {}
    for rate, (events, exposures) in OBSERVED.items():
        counted = sums[events].to_numpy(dtype=float)
        seen = sums[exposures].to_numpy(dtype=float)
        known = ~np.isnan(counted) & ~np.isnan(seen)
        estimate = (prior * planned[rate] + np.nan_to_num(counted)) / (prior + np.nan_to_num(seen))
        # Within [0, 1] as every rate; only bad actuals (more events than exposures) could leave it.
        observed[rate] = np.where(known, np.clip(estimate, 0.0, 1.0), planned[rate])
    return ObservedRates(has, sums, planned, observed)


def spent_to_date(plan: object) -> np.ndarray:
    """Each note's actual spend so far (0 for a note without actuals), in the plan's order."""
    notes, actuals = plan.notes, plan.actuals  # type: ignore[attr-defined]
    if actuals is None or not len(actuals):
        return np.zeros(len(notes))
    spent = actuals.groupby("note_id", sort=False)["spend"].sum()
    return spent.reindex(notes["note_id"].to_numpy()).fillna(0.0).to_numpy(dtype=float)
