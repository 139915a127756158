"""The lifts table (CONTRACT.md "Lifts table"): read from CSV/XLSX into a LiftTable, and written out as CSV."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.atomic import write_atomically
from planner.io.tables.cells import COUNT, LIFT, ParsedTable, Schema, kinds_of, parse_table
from planner.io.tables.raw import read_raw_table
from planner.model import notes as notes_model
from planner.model.errors import Problem
from planner.model.lifts import (
    DEFAULT_ROW,
    LIFT_COLUMNS,
    LIFTS,
    SOURCE_TYPED,
    SOURCES,
    LiftTable,
    complete_lift_frame,
    lift_problems,
)
from planner.model.words import alternatives

LIFTS_SCHEMA = Schema(
    kinds_of({LIFT: LIFT_COLUMNS[:-2], COUNT: ("n_notes",)}, ("industry",) + LIFT_COLUMNS), {},
    ("industry",) + LIFTS)



def read_lifts(path: str | Path) -> LiftTable:
    """A lift table (CONTRACT.md "Lifts table"); missing low/high default to the lift, `default` to the article's."""
    parsed = parse_table(read_raw_table(path, LIFTS_SCHEMA.inferable), LIFTS_SCHEMA)
    frame = parsed.frame()
    for name in LIFT_COLUMNS[:-1]:
        frame[name] = frame[name].astype(float) if name in frame else np.nan
    for lift in LIFTS:
        for bound in ("low", "high"):
            frame[f"{lift}_{bound}"] = frame[f"{lift}_{bound}"].fillna(frame[lift])
    industry = _lift_industries(parsed, frame)
    if "source" in frame:
        source = frame["source"].astype(str).str.strip().str.lower()
        parsed.flag("source", ~source.isin(SOURCES + ("",)).to_numpy(),
                    _("{sources} (or empty)").format(sources=alternatives(SOURCES)))
        frame["source"] = source.where(source != "", SOURCE_TYPED)
    if "n_notes" in parsed.position:
        parsed.flag("n_notes", frame["n_notes"].to_numpy(dtype=float) < 0,
                    _("a number of notes of 0 or more, or empty"))
    found = lift_problems(frame, parsed.raw.file, parsed.raw.rows)
    values = [p for is_range, p in found if not is_range and not _defaulted(parsed, p)]
    # A low/high pair out of order is reported on a column the file has (low may have been defaulted).
    ranges = [replace(p, column=_range_column(parsed, p.column or "")) for is_range, p in found if is_range]
    parsed.add_model_problems(values)
    parsed.add_model_problems(ranges, raw_values=False)
    parsed.raise_if_any()
    frame.index = pd.Index(industry.to_numpy(dtype=str), name="industry")
    return LiftTable(complete_lift_frame(frame.drop(columns=["industry"], errors="ignore")))


def _lift_industries(parsed: ParsedTable, frame: pd.DataFrame) -> pd.Series:
    """Industries as keys (美妆 -> beauty, Default -> default), each given once and never empty."""
    if "industry" not in frame:
        return pd.Series([""] * len(frame), dtype=str)
    industry = frame["industry"].astype(str).str.strip()
    if len(industry):
        is_default = industry.str.lower() == DEFAULT_ROW
        industry = notes_model.normalise_industry(industry).where(~is_default, DEFAULT_ROW)
    parsed.flag("industry", (industry == "").to_numpy(dtype=bool), _("an industry, or default (it is required)"))
    parsed.flag("industry", (industry.duplicated() & (industry != "")).to_numpy(dtype=bool),
                _("an industry not given by an earlier row"))
    return industry


def _defaulted(parsed: ParsedTable, problem: Problem) -> bool:
    """A low/high left empty takes the lift's value: its problem (about its value) is the lift's, reported there."""
    name = problem.column or ""
    if not name.endswith(("_low", "_high")):
        return False
    if name not in parsed.position or problem.row is None:
        return True
    index = int(np.searchsorted(parsed.raw.rows, problem.row))
    return str(parsed.raw.text(parsed.position[name]).iat[index]).strip() == ""


def _range_column(parsed: ParsedTable, column: str) -> str:
    lift = column.removesuffix("_low")
    for name in (column, f"{lift}_high", lift):
        if name in parsed.position:
            return name
    return column


def write_lifts(table: LiftTable, path: str | Path) -> None:
    """The lift table as CONTRACT.md's CSV (UTF-8, every column, floats in full), written atomically."""
    frame = table.table.reindex(columns=list(LIFT_COLUMNS))
    frame["n_notes"] = frame["n_notes"].round().astype("Int64")
    write_atomically(path, frame.to_csv(index_label="industry", lineterminator="\n").encode("utf-8"))
