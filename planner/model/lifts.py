"""Lift tables (MODEL.md section 2): built-in defaults from the article, lookup per note, validation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.errors import Problem
from planner.model.limits import MAX_LIFT

LIFTS = ("ctr_lift", "interaction_lift", "entry_lift")
LIFT_COLUMNS = tuple(c for lift in LIFTS for c in (lift, f"{lift}_low", f"{lift}_high")) + ("n_notes", "source")
DEFAULT_ROW = "default"


def lift_range_text() -> str:
    """What a lift beyond MAX_LIFT is told: the bound, and why it is one."""
    return _("a lift from -1 to {most:g} (0.2 = +20%; more than +{percent} is past any published or fitted "
             "lift: a percentage written without %?)").format(most=MAX_LIFT, percent=f"{MAX_LIFT:,.0%}")

# Where a row of lifts came from; shown beside each row in the app and the workbook.
SOURCE_ARTICLE = "article"
SOURCE_FITTED = "fitted"
SOURCE_TYPED = "typed"
SOURCES = (SOURCE_ARTICLE, SOURCE_FITTED, SOURCE_TYPED)

# Published figures (shared/seed/SEED_NOTES.md): CTR +20%, interaction rate +109% for every industry,
# store-entry rate +85% for sports and +41.5% for beauty; no published entry lift elsewhere.
ARTICLE_LIFTS = {
    DEFAULT_ROW: (0.20, 1.09, 0.0),
    "sports": (0.20, 1.09, 0.85),
    "beauty": (0.20, 1.09, 0.415),
}


@dataclass(frozen=True)
class LiftTable:
    """One row per industry plus `default`; `samples` holds bootstrap draws (k x 3) for fitted rows."""

    table: pd.DataFrame
    samples: dict[str, np.ndarray] = field(default_factory=dict)

    def row(self, industry: str) -> pd.Series:
        """The lifts that serve `industry`: its own row, else `default`."""
        return self.table.iloc[self.position(industry)]

    def position(self, industry: str) -> int:
        """The position in `table` of the row serving `industry`: its own, else `default`."""
        return int(self.rows_for(pd.Series([industry]))[0])

    def rows_for(self, industries: pd.Series) -> np.ndarray:
        """Positions in `table` of the row serving each industry (vectorised lookup, no wildcards)."""
        index = self.table.index
        positions = index.get_indexer(pd.Index(industries.to_numpy()))
        default = index.get_indexer(pd.Index([DEFAULT_ROW]))[0]
        return np.where(positions < 0, default, positions)

    def values_for(self, industries: pd.Series) -> np.ndarray:
        """(n x 3) array of ctr, interaction and entry lifts for each note's industry."""
        return self.table[list(LIFTS)].to_numpy(dtype=float)[self.rows_for(industries)]

    def scaled(self, factor: float) -> LiftTable:
        """Every lift, its low/high and its bootstrap draws times `factor`, kept within -1 and MAX_LIFT."""
        table = self.table.copy()
        columns = [c for lift in LIFTS for c in (lift, f"{lift}_low", f"{lift}_high")]
        table[columns] = (table[columns] * factor).clip(-1.0, MAX_LIFT)
        samples = {key: np.clip(np.asarray(draws, dtype=float) * factor, -1.0, MAX_LIFT)
                   for key, draws in self.samples.items()}
        return LiftTable(table, samples)

    def with_row(self, industry: str, values: Mapping[str, float | str]) -> LiftTable:
        """A copy with one row changed or added; a typed change drops that row's bootstrap draws."""
        table = self.table.copy()
        if industry not in table.index:
            table.loc[industry] = table.loc[DEFAULT_ROW]
            table.loc[industry, "n_notes"] = np.nan
        for column, value in values.items():
            table.loc[industry, column] = value
        samples = dict(self.samples)
        if table.loc[industry, "source"] != SOURCE_FITTED:
            samples.pop(industry, None)
        return LiftTable(table, samples)


def moved_band(lift: float, low: float, high: float, typed: float) -> tuple[float, float]:
    """The P10–P90 band (low, high) of a lift typed as `typed` in place of `lift`, from -1 to MAX_LIFT.

    The band keeps its distances below and above the lift and moves with it, so the uncertainty the row
    had (the article's ×0.5–×1.5, or a bootstrap's) stays; a band of no width becomes the built-in
    ×0.5–×1.5 around the typed lift. Low stays at -1 or more (no rate falls below 0), high at MAX_LIFT
    or less, so that a band never makes a valid lift invalid.
    """
    if high - low > 0:
        low, high = typed - (lift - low), typed + (high - lift)
    else:
        low, high = sorted((typed * 0.5, typed * 1.5))
    return max(-1.0, low), min(MAX_LIFT, high)


def make_lift_table(rows: dict[str, tuple[float, float, float]], source: str = SOURCE_TYPED,
                    spread: float = 0.5) -> LiftTable:
    """A table from (ctr, interaction, entry) per industry; low/high are value x (1 -/+ spread)."""
    records = {}
    for industry, values in rows.items():
        record: dict[str, object] = {}
        for lift, value in zip(LIFTS, values, strict=True):
            low, high = value * (1 - spread), value * (1 + spread)
            record[lift], record[f"{lift}_low"], record[f"{lift}_high"] = value, min(low, high), max(low, high)
        record["n_notes"] = np.nan
        record["source"] = source
        records[industry] = record
    return LiftTable(complete_lift_frame(pd.DataFrame.from_dict(records, orient="index")))


def article_lifts() -> LiftTable:
    """The built-in lifts: the article's figures, low/high = value x 0.5 and x 1.5 (MODEL.md section 2)."""
    return make_lift_table(ARTICLE_LIFTS, source=SOURCE_ARTICLE)


def complete_lift_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Lift rows with every column: low/high default to the value, source to typed; `default` first."""
    table = frame.copy()
    table.index = table.index.astype(str)
    table.index.name = "industry"
    for lift in LIFTS:
        table[lift] = pd.to_numeric(table[lift], errors="coerce").astype(float)
        for bound in ("low", "high"):
            column = f"{lift}_{bound}"
            if column not in table.columns:
                table[column] = table[lift]
            table[column] = pd.to_numeric(table[column], errors="coerce").astype(float).fillna(table[lift])
    if "n_notes" not in table.columns:
        table["n_notes"] = np.nan
    table["n_notes"] = pd.to_numeric(table["n_notes"], errors="coerce").astype(float)
    if "source" not in table.columns:
        table["source"] = SOURCE_TYPED
    table["source"] = table["source"].fillna(SOURCE_TYPED).astype(str)
    if DEFAULT_ROW not in table.index:
        table.loc[DEFAULT_ROW] = pd.Series(
            dict(zip(LIFT_COLUMNS, _article_default_row(), strict=True)))
    ordered = [DEFAULT_ROW] + sorted(i for i in table.index if i != DEFAULT_ROW)
    return table.loc[ordered, list(LIFT_COLUMNS)]


def _article_default_row() -> list[object]:
    values = ARTICLE_LIFTS[DEFAULT_ROW]
    row: list[object] = []
    for value in values:
        row += [value, value * 0.5, value * 1.5]
    return row + [np.nan, SOURCE_ARTICLE]


def check_lifts(table: pd.DataFrame, file: str = "", rows: np.ndarray | None = None) -> list[Problem]:
    """Lifts must be numbers from -1 to MAX_LIFT, with low <= value <= high."""
    return [problem for _is_range, problem in lift_problems(table, file, rows)]


def lift_problems(table: pd.DataFrame, file: str = "", rows: np.ndarray | None = None
                  ) -> list[tuple[bool, Problem]]:
    """check_lifts' problems, each with whether it is about a low/high range (a pair of cells) rather than
    one value."""
    row_numbers = np.arange(2, len(table) + 2) if rows is None else rows
    problems: list[tuple[bool, Problem]] = []
    below_text, range_text = _("a lift of -1 or more (0.2 = +20%)"), lift_range_text()
    around = _("a range around the lift {lift} (low <= lift <= high)")
    for lift in LIFTS:
        bounds_reported = np.zeros(len(table), dtype=bool)
        for column in (lift, f"{lift}_low", f"{lift}_high"):
            values = table[column].to_numpy(dtype=float)
            below = ~(values >= -1)  # NaN too
            if column != lift:
                bounds_reported |= below | (values > MAX_LIFT)
            for position in np.flatnonzero(below | (values > MAX_LIFT)):
                problems.append((False, Problem(file, int(row_numbers[position]), column,
                                                "" if np.isnan(values[position]) else values[position],
                                                below_text if below[position] else range_text)))
        low = table[f"{lift}_low"].to_numpy(dtype=float)
        high = table[f"{lift}_high"].to_numpy(dtype=float)
        value = table[lift].to_numpy(dtype=float)
        # A low or high out of range has its problem already: one per cell, not a second one here.
        for position in np.flatnonzero(((low > value) | (value > high)) & ~bounds_reported):
            problems.append((True, Problem(file, int(row_numbers[position]), f"{lift}_low",
                                           f"{low[position]} .. {high[position]}",
                                           around.format(lift=value[position]))))
    return problems
