"""Observed rates (MODEL.md section 10): each note's rates re-estimated from its actuals, shrunk toward the plan.

rate = (k * planned_rate + events) / (k + exposures), where exposures are impressions (ctr, interaction rate),
clicks (entry rate) or store visits (conversion rate) and k is the prior strength (2,000 exposures). The
planned rate is the effective one (lifted where the note is eligible), so an observed rate is effective too:
a scenario on observed rates applies no lift on top. A rate whose events or exposures the actuals lack keeps
its planned value, and so does every rate of a note without actuals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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


def row_notes(note_ids: pd.Series, actuals: pd.DataFrame) -> np.ndarray:
    """Each actuals row's note as its position in `note_ids` (-1 for a note the plan does not have).

    The plan keeps its actuals' ids as categories (planner.model.plan_actuals): then this is a look-up of each
    distinct id, not a hash of every row.
    """
    column = actuals["note_id"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, distinct = column.cat.codes.to_numpy(), pd.Index(column.cat.categories)
    else:
        codes, uniques = pd.factorize(column.to_numpy(dtype=object))
        distinct = pd.Index(uniques, dtype=object)
    where = pd.Index(note_ids.to_numpy(dtype=object)).get_indexer(distinct)  # a plan's ids are unique
    return np.append(where, -1)[codes]  # code -1 (no id) takes the last: -1


def note_sums(note_ids: pd.Series, actuals: pd.DataFrame) -> pd.DataFrame:
    """Each note's actuals summed over their days, in the plan's order; NaN where a note or a count has none.

    Rows of notes the plan does not have are left out.
    """
    notes = row_notes(note_ids, actuals)
    known = notes >= 0
    everywhere = bool(known.all())
    at = notes if everywhere else notes[known]
    rows = np.bincount(at, minlength=len(note_ids))
    columns = {}
    for key in ACTUAL_COUNTS:
        if key not in actuals.columns:
            columns[key] = np.full(len(note_ids), np.nan)
            continue
        values = actuals[key].to_numpy(dtype=float)
        values = values if everywhere else values[known]
        total = np.bincount(at, weights=values, minlength=len(note_ids))
        if np.isnan(total).any():  # an empty cell: a count no row of the note reports stays unknown, not 0
            missing = np.isnan(values)
            total = np.bincount(at, weights=np.where(missing, 0.0, values), minlength=len(note_ids))
            columns[key] = np.where(np.bincount(at[~missing], minlength=len(note_ids)) > 0, total, np.nan)
        else:
            columns[key] = np.where(rows > 0, total, np.nan)
    return pd.DataFrame(columns)


def observed_rates(note_ids: pd.Series, planned: dict[str, np.ndarray], actuals: pd.DataFrame,
                   prior: float = PRIOR, sums: pd.DataFrame | None = None) -> ObservedRates:
    """The shrinkage estimate of every rate of section 10, from `planned` (effective rates per note).

    `sums` are the actuals' note_sums when the caller has them already.
    """
    sums = note_sums(note_ids, actuals) if sums is None else sums
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


def last_day(actuals: pd.DataFrame) -> date:
    """The last day with actuals ("to date"); the actuals have at least one row."""
    days = actuals["date"].to_numpy()
    if days.dtype.kind != "M":
        return pd.Timestamp(actuals["date"].max()).date()
    # The plan's days are datetime64 without NaT: their largest as integers (a max of datetimes checks each
    # for NaT, six times slower on 2,000,000 rows).
    return pd.Timestamp(np.array([days.view(np.int64).max()]).view(days.dtype)[0]).date()


def spent_to_date(plan: object) -> np.ndarray:
    """Each note's actual spend so far as the active scenario knows it (to its cut-off, if it has one; 0 for a
    note without actuals), in the plan's order."""
    sums = plan.known_sums  # type: ignore[attr-defined]
    if sums is None:
        return np.zeros(len(plan.notes))  # type: ignore[attr-defined]
    return np.nan_to_num(sums["spend"].to_numpy(dtype=float))
