"""Actuals into a plan (MODEL.md section 10): a table checked against the plan, then merged into its actuals.

The plan keeps its actuals as a frame of the actuals fields (planner.model.actuals) with each day as a
datetime64 and the note ids as categories, so that tracking and re-planning look each distinct note up once
rather than hash millions of rows. A later import replaces, for each note, the days it holds again; the result
says which, so that a planner sees that yesterday's figures were overwritten, not added.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from planner import formats
from planner.i18n import _, ngettext
from planner.model.actuals import ACTUALS_FIELDS, check_actuals, complete_actuals, distinct_texts
from planner.model.errors import InputError, Problem
from planner.model.observed import row_notes
from planner.model.plan import Plan

SHOWN = 5  # replaced days and notes named in the message; the rest are counted
# The most rows of actuals a plan holds: the longest list a plan file holds (planner.io.planfile.MAX_PLAN_NOTES),
# 50,000 notes over 50 days.
MOST_ROWS = 2_500_000


@dataclass(frozen=True)
class ActualsImport:
    """The plan with the merged actuals, and what the import did to the actuals it had."""

    plan: Plan
    added: int  # rows of note-days the plan had no figures for
    replaced: int  # rows that replaced the plan's rows of the same note and day
    replaced_days: tuple[date, ...]  # the days with a replaced row, in order
    replaced_notes: tuple[str, ...]  # the notes with a replaced row, in the plan's order

    def message(self) -> str:
        """What the import did, in the current language: rows added, and the days and notes replaced."""
        added = ngettext("{count:,} new row of actuals (a note on a day)",
                         "{count:,} new rows of actuals (a note on a day each)", self.added).format(count=self.added)
        if not self.replaced:
            return added
        days = _some([day.isoformat() for day in self.replaced_days],
                     lambda more: ngettext("{shown} and {more:,} other day", "{shown} and {more:,} other days", more))
        notes = _some(list(self.replaced_notes),
                      lambda more: ngettext("{shown} and {more:,} other note", "{shown} and {more:,} other notes", more))
        replaced = ngettext("{count:,} row replaced the plan's figures of the same note and day (days {days}; "
                            "notes {notes})",
                            "{count:,} rows replaced the plan's figures of the same notes and days (days {days}; "
                            "notes {notes})", self.replaced).format(count=self.replaced, days=days, notes=notes)
        return _("{added}; {replaced}").format(added=added, replaced=replaced) if self.added else replaced


def _some(items: list[str], more_words: Callable[[int], str]) -> str:
    """The first SHOWN items, and how many more there are."""
    shown = ", ".join(items[:SHOWN])
    more = len(items) - SHOWN
    return more_words(more).format(shown=shown, more=more) if more > 0 else shown


@dataclass(frozen=True)
class _Distinct:
    """A text column as codes into its distinct values, the last of them "" (code -1: an empty cell)."""

    codes: np.ndarray
    values: np.ndarray

    @classmethod
    def of(cls, column: pd.Series) -> _Distinct:
        return cls(*distinct_texts(column))


def as_plan_actuals(table: pd.DataFrame) -> pd.DataFrame:
    """A completed, valid actuals table (days as ISO text) in the plan's form: the actuals fields only, each day
    a datetime64, the note ids categories."""
    return _plan_form(table, _Distinct.of(table["date"]), _Distinct.of(table["note_id"]))


def _plan_form(table: pd.DataFrame, days: _Distinct, ids: _Distinct) -> pd.DataFrame:
    when = pd.to_datetime(pd.Series(days.values[:-1], dtype=object), format="%Y-%m-%d").to_numpy(
        dtype="datetime64[ns]")
    notes = ids.values[:-1]  # without the "" of an empty cell: a valid table has none
    used = np.bincount(ids.codes, minlength=len(notes)) > 0 if len(ids.codes) else np.zeros(len(notes), dtype=bool)
    codes = (np.cumsum(used) - 1)[ids.codes]  # categories the table uses only (an empty id may be one)
    columns: dict[str, object] = {
        "date": when[days.codes],
        "note_id": pd.Categorical.from_codes(codes, categories=pd.Index(notes[used], dtype=object))}
    columns.update({key: table[key].to_numpy(dtype=float) for key in ACTUALS_FIELDS[2:]})
    return pd.DataFrame(columns, copy=False)


def note_categories(ids: pd.Series) -> pd.Categorical:
    """Note ids as categories of text (the plan's form of an actuals table's ids)."""
    if isinstance(ids.dtype, pd.CategoricalDtype) and ids.cat.categories.dtype == object:
        return ids.array  # type: ignore[return-value]
    distinct = _Distinct.of(ids)
    return pd.Categorical.from_codes(distinct.codes, categories=pd.Index(distinct.values, dtype=object))


def empty_actuals() -> pd.DataFrame:
    """A plan's actuals with no rows (a copy: callers may change it)."""
    return _EMPTY.copy()


_EMPTY = as_plan_actuals(complete_actuals(pd.DataFrame({"date": [], "note_id": []})))


def import_actuals(plan: Plan, table: pd.DataFrame, file: str = "", rows: np.ndarray | None = None,
                   checked: list[Problem] | None = None) -> ActualsImport:
    """`table` (an actuals table, completed or not) merged into the plan's actuals; InputError with every
    problem, and nothing applied, when a row breaks the table's rules or names a note or day the plan lacks.

    `rows` are the table's spreadsheet rows (header = row 1; by default 2, 3, ...). `checked`: the table was
    read by planner.io.tables.import_table, which completed it and checked its own rules, finding these problems.
    """
    completed = table if checked is not None else complete_actuals(table)
    row_numbers = np.arange(2, len(completed) + 2) if rows is None else np.asarray(rows)
    problems = list(checked) if checked is not None else check_actuals(completed, file, row_numbers)
    flagged = {(p.row, p.column) for p in problems}
    days, ids = _Distinct.of(completed["date"]), _Distinct.of(completed["note_id"])
    problems += [p for p in plan_problems(plan, days, ids, file, row_numbers) if (p.row, p.column) not in flagged]
    if problems:
        order = {field: i for i, field in enumerate(ACTUALS_FIELDS)}
        raise InputError(sorted(problems, key=lambda p: (p.row or 0, order.get(p.column or "", -1))))
    return merge_actuals(plan, _plan_form(completed, days, ids))


def plan_problems(plan: Plan, days: _Distinct, ids: _Distinct, file: str, rows: np.ndarray) -> list[Problem]:
    """The rows of an actuals table that do not fit the plan: a note it does not have, a day outside its
    campaign (the calendar's days, when it has a calendar). One Problem per cell."""
    problems = []
    unknown = pd.Index(plan.notes["note_id"].to_numpy(dtype=object)).get_indexer(ids.values) < 0
    unknown &= ids.values != ""  # an empty id is the table's own problem
    expected = _("the id of one of the plan's notes (this plan has no such note)")
    for position in np.flatnonzero(unknown[ids.codes]).tolist():
        problems.append(Problem(file, int(rows[position]), "note_id", ids.values[ids.codes[position]], expected))
    if plan.calendar is not None:
        first, last = plan.calendar.first_day, plan.calendar.last_day
        outside = np.asarray([_outside(text, first, last) for text in days.values], dtype=bool)
        expected = _("a day of the campaign, {first} to {last}").format(first=first.isoformat(),
                                                                      last=last.isoformat())
        for position in np.flatnonzero(outside[days.codes]).tolist():
            problems.append(Problem(file, int(rows[position]), "date", days.values[days.codes[position]], expected))
    return problems


def _outside(text: object, first: date, last: date) -> bool:
    """Whether an ISO day lies outside first..last (text that is no day is the table's own problem)."""
    try:
        day = date.fromisoformat(str(text))
    except ValueError:
        return False
    return not first <= day <= last


def _column(actuals: pd.DataFrame, key: str) -> np.ndarray:
    """A column of actuals; a count a frame lacks (one made outside the import) is unknown on its rows."""
    return actuals[key].to_numpy() if key in actuals.columns else np.full(len(actuals), np.nan)


def merge_actuals(plan: Plan, new: pd.DataFrame) -> ActualsImport:
    """The plan with `new` (actuals in the plan's form) merged into its actuals: for each note, the days `new`
    holds replace the plan's rows of those days; the others are kept, before the imported rows in their order."""
    old = plan.actuals if plan.actuals is not None else empty_actuals()
    ids = plan.notes["note_id"]
    replaced = (pd.Series(_keys(old, ids)).isin(pd.Series(_keys(new, ids))).to_numpy() if len(old)
                else np.zeros(0, dtype=bool))
    kept = old.loc[~replaced]
    if len(kept):
        notes = union_categoricals([note_categories(kept["note_id"]), note_categories(new["note_id"])])
        columns: dict[str, object] = {key: np.concatenate([_column(kept, key), _column(new, key)])
                                      for key in ACTUALS_FIELDS if key != "note_id"}
        columns["note_id"] = pd.Categorical.from_codes(notes.codes,
                                                       categories=pd.Index(notes.categories, dtype=object))
        merged = pd.DataFrame(columns, copy=False)[list(ACTUALS_FIELDS)]
    else:
        merged = new[list(ACTUALS_FIELDS)]  # the first import, or one that replaces every row
    if len(merged) > MOST_ROWS:
        raise InputError([Problem("", None, None, None, _(
            "a plan holds at most {most:,} rows of actuals (one per note and day); with this import it would have "
            "{rows:,}").format(most=MOST_ROWS, rows=len(merged)))])
    gone = old.loc[replaced]
    days = tuple(pd.Timestamp(day).date() for day in np.unique(gone["date"].to_numpy()))
    gone_notes = set(gone["note_id"].astype(object))
    in_order = tuple(str(note) for note in ids if note in gone_notes) if gone_notes else ()
    count = int(replaced.sum())
    return ActualsImport(replace(plan, actuals=merged), len(new) - count, count, days, in_order)


def _keys(actuals: pd.DataFrame, ids: pd.Series) -> np.ndarray:
    """One integer per row for its note and day, comparable between two frames of the same plan."""
    where = row_notes(ids, actuals)
    day = actuals["date"].to_numpy(dtype="datetime64[D]").astype(np.int64)
    # A note the plan no longer has (-1) is never replaced: an import holds only the plan's notes.
    return day * (1 << 32) + (where + 1)


def actuals_summary(plan: Plan) -> str:
    """The plan's actuals in a few words: rows, notes and days ("450,000 rows: 10,000 notes, 2025-05-01 to ...")."""
    actuals = plan.actuals
    if actuals is None or not len(actuals):
        return _("no actuals")
    first, last = (pd.Timestamp(day).date().isoformat() for day in (actuals["date"].min(), actuals["date"].max()))
    notes = actuals["note_id"].nunique()
    return ngettext("{rows} row of actuals: {notes}, {first} to {last}",
                    "{rows} rows of actuals: {notes}, {first} to {last}", len(actuals)).format(
        rows=formats.count(len(actuals)), notes=ngettext("{n} note", "{n} notes", notes).format(n=f"{notes:,}"),
        first=first, last=last)
