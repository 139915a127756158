"""Our three tables from the joined exports: notes (rates, texts, creator fee, start date), history (counts by
note and period, for fitting lifts) and actuals (counts by day and note), each validated as if it were typed.

A notes table holds the notes that were boosted (a boost export gives their impressions; every note when no
boost export was read). A value no export gives honestly is asked for (derive.Unresolved); a note left out
knowingly, or whose values break a rule, is counted and named. Validation problems name the note (and its
period or day) instead of a row: the table has no rows in a file yet.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.exports.derive import (
    ACCEPT,
    RATES,
    SKIP,
    TEXTS,
    Deriver,
    Unresolved,
    missing_reason,
    shown,
    typed_answer,
)
from planner.io.exports.join import Joined
from planner.io.exports.presets import Catalogue
from planner.model.actuals import check_actuals, complete_actuals
from planner.model.dates import as_days
from planner.model.errors import Problem
from planner.model.fields import ACTUALS, HISTORY
from planner.model.history import check_history, complete_history
from planner.model.notes import check_notes, complete_notes

HISTORY_COUNTS = ("impressions", "clicks", "interactions", "store_visits", "orders", "spend", "gmv")
ACTUALS_COUNTS = ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")


@dataclass
class Built:
    """A table of ours and what stands between it and the plan."""

    table: pd.DataFrame
    columns: list[str]  # the fields the exports (or the answers) gave: an update takes these
    unresolved: list[Unresolved] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # notes (rows) left out knowingly, by key


def _current_values(current: pd.DataFrame | None, ids: pd.Index, column: str) -> pd.Series:
    """The plan's values of `column` for these note ids (NaN, or "" for text, where the plan lacks the note)."""
    if current is None or column not in current.columns or len(current) == 0:
        return pd.Series(np.nan, index=ids, dtype=object)
    plan = current.assign(_id=current["note_id"].astype(str).str.strip()).drop_duplicates("_id").set_index("_id")
    return plan[column].reindex(ids)


def build_notes(joined: Joined, catalogue: Catalogue, deriver: Deriver, answers: Mapping[str, str | float],
                current: pd.DataFrame | None, leave_out: bool) -> Built:
    """The notes table: each rate by MODEL.md's definition, texts, creator fee and start date; industry asked."""
    values = joined.values
    ids = pd.Index(values.index.astype(str), name="note_id")
    boosted = values[catalogue.boost].notna().to_numpy() if catalogue.boost in values else np.ones(len(ids), bool)
    if not boosted.any():
        boosted = np.ones(len(ids), dtype=bool)
    table = pd.DataFrame({"note_id": ids.to_numpy()}, index=ids)
    columns = ["note_id"]
    unresolved: list[Unresolved] = []
    lacking = np.zeros(len(ids), dtype=bool)  # notes that stay without a required value (left out, if asked)
    rates = {rate.field: rate for rate in catalogue.rates}
    for key in RATES:
        rate = rates.get(key)
        result = deriver.rate(rate, boosted) if rate else pd.Series(np.nan, index=values.index)
        filled = pd.Series(result.to_numpy(dtype=float), index=ids)
        missing = boosted & filled.isna().to_numpy()
        missing = _answered(key, filled, missing, deriver, answers, current, ids)
        table[key] = filled
        columns.append(key)
        if missing.any():
            if answers.get(key) == SKIP or leave_out:
                lacking |= missing
            else:
                offer = deriver.fallback(key, missing)
                keys = (rate.numerator, rate.denominator) if rate else (key,)
                unresolved.append(Unresolved(key, tuple(ids[missing]), missing_reason(catalogue, joined, keys),
                                             offer is not None, offer[1] if offer else ""))
    industry = _industry(ids, answers, current, deriver)
    table["industry"] = industry
    columns.append("industry")
    if (industry == "").to_numpy()[boosted].any():
        without = boosted & (industry == "").to_numpy()
        if leave_out:
            lacking |= without
        else:
            unresolved.append(Unresolved("industry", tuple(ids[without]), _(
                "no export gives a note's industry: choose one for these notes")))
    columns += _optional(table, values, ids, deriver, current, boosted)
    keep = boosted & ~lacking
    left_out = list(ids[boosted & lacking])
    notes = complete_notes(table[keep].reset_index(drop=True)[columns])
    built = Built(notes, columns, unresolved, [], left_out)
    if not unresolved:
        _validated(built, check_notes(notes), ["note_id"], deriver, leave_out)
    return built


def _validated(built: Built, found: list[Problem], keys: list[str], deriver: Deriver, leave_out: bool) -> None:
    """The table's problems named by key; or, left out knowingly, the rows that have them."""
    if not found:
        return
    table = built.table
    if leave_out:
        bad = sorted({(p.row or 2) - 2 for p in found})
        built.left_out += [", ".join(str(table[key].iat[i]) for key in keys) for i in bad]
        built.table = table.drop(index=bad).reset_index(drop=True)
    else:
        built.problems = _at_keys(found, table, keys, deriver)


def _answered(key: str, filled: pd.Series, missing: np.ndarray, deriver: Deriver, answers: Mapping[str, str | float],
              current: pd.DataFrame | None, ids: pd.Index) -> np.ndarray:
    """Fill a rate's missing notes as answered: another definition, the plan's values, a typed value."""
    if answers.get(key) == ACCEPT and missing.any():
        offer = deriver.fallback(key, missing)
        if offer is not None:
            used = missing & offer[0].notna().to_numpy()
            filled[used] = offer[0].to_numpy(dtype=float)[used]
            deriver.record_fallback(key, offer[1], used)
            missing = missing & ~used
    if missing.any() and current is not None:
        plan = pd.to_numeric(_current_values(current, ids, key), errors="coerce").to_numpy(dtype=float)
        kept = missing & ~np.isnan(plan)
        if kept.any():
            filled[kept] = plan[kept]
            deriver.record_other(key, "kept", int(kept.sum()))
            missing = missing & ~kept
    typed = typed_answer(answers, key)
    if missing.any() and typed is not None:
        filled[missing] = typed
        deriver.record_other(key, "typed", int(missing.sum()), shown(key, typed))
        missing = np.zeros(len(missing), dtype=bool)
    return missing


def _industry(ids: pd.Index, answers: Mapping[str, str | float], current: pd.DataFrame | None,
              deriver: Deriver) -> pd.Series:
    """The plan's industry for its notes, the chosen one for the others ("" where neither)."""
    plan = _current_values(current, ids, "industry").fillna("").astype(str)
    kept = int((plan != "").sum())
    if kept:
        deriver.record_other("industry", "kept", kept)
    chosen = str(answers.get("industry") or "").strip()
    if chosen:
        rest = int((plan == "").sum())
        if rest:
            deriver.record_other("industry", "typed", rest, chosen)
        plan = plan.where(plan != "", chosen)
    return plan


def _optional(table: pd.DataFrame, values: pd.DataFrame, ids: pd.Index, deriver: Deriver,
              current: pd.DataFrame | None, boosted: np.ndarray) -> list[str]:
    """Texts, creator fee and start date where an export gives them (the plan's kept for notes it does not)."""
    columns = []
    for key in (*TEXTS, "creator_fee", "start_date"):
        if key not in values:
            continue
        column = pd.Series(values[key].to_numpy(), index=ids)
        if key == "start_date":  # a day, as the notes hold their window (NaT: none)
            column = pd.Series(as_days(column).to_numpy(), index=ids)
        empty = column.isna().to_numpy() | (column.astype(str) == "").to_numpy()
        deriver.record_measure(key, boosted & ~empty)
        plan = _current_values(current, ids, key)
        if current is not None and key in current.columns:
            column = column.where(~empty, plan)
        if key == "creator_fee":
            column = pd.to_numeric(column, errors="coerce")
        elif key == "start_date":
            column = as_days(column)
        else:
            column = column.fillna("").astype(str)
        table[key] = column
        columns.append(key)
    return columns


def _at_keys(problems: list[Problem], table: pd.DataFrame, keys: list[str], deriver: Deriver) -> list[Problem]:
    """The model's problems (by row of the table) named by the note (and its period or day) instead."""
    said = []
    files = " + ".join(dict.fromkeys(name for names in deriver.joined.files.values() for name in names))
    for problem in problems:
        position = (problem.row or 2) - 2
        where = ", ".join(str(table[key].iat[position]) for key in keys)
        said.append(Problem(files, None, problem.column, problem.value,
                            _("{expected} (note {note})").format(expected=problem.expected, note=where)))
    return said


def build_counts(joined: Joined, catalogue: Catalogue, deriver: Deriver, answers: Mapping[str, str | float],
                 current: pd.DataFrame | None, leave_out: bool) -> Built:
    """The history table (by note and period) or the actuals table (by day and note)."""
    history = joined.target == "history"
    values = joined.values
    fields = HISTORY if history else ACTUALS
    required = [f.key for f in fields if f.is_required and f.key in (HISTORY_COUNTS if history else ACTUALS_COUNTS)]
    absent = [key for key in required if key not in values]
    unresolved = [Unresolved(key, (), missing_reason(catalogue, joined, (key,))) for key in absent]
    frame = values.reset_index()
    used = np.ones(len(frame), dtype=bool)
    for key in (HISTORY_COUNTS if history else ACTUALS_COUNTS):
        if key not in frame.columns:
            frame[key] = np.nan
        else:
            deriver.record_measure(key, used, rows=True)
    if history:
        ids = pd.Index(frame["note_id"].astype(str))
        industry = _industry(ids, answers, current, deriver)
        frame["industry"] = industry.to_numpy()
        if (frame["industry"] == "").any():
            unresolved.append(Unresolved("industry", tuple(dict.fromkeys(frame["note_id"][frame["industry"] == ""])),
                                         _("no export gives a note's industry: choose one for these notes")))
        table = complete_history(frame[["note_id", "industry", "period", *HISTORY_COUNTS]])
        keys = ["note_id", "period"]
    else:
        frame["date"] = pd.to_datetime(frame["day"]).dt.strftime("%Y-%m-%d")
        table = complete_actuals(frame[["date", "note_id", *ACTUALS_COUNTS]])
        keys = ["note_id", "date"]
    built = Built(table, list(table.columns[:len(fields)]), unresolved)
    if not unresolved:
        _validated(built, check_history(table) if history else check_actuals(table), keys, deriver, leave_out)
    return built
