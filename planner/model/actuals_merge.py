"""Actuals into a plan (MODEL.md section 10): a read actuals table checked against the plan, then merged.

A plan keeps its actuals with each day as a datetime64 (tracking and pacing count days) and only the actuals
fields. A table may hold only the plan's notes and the days of its campaign; one problem per bad cell, and
nothing is merged while any remains. A later table replaces, for each note, the days it holds again: a planner
re-imports yesterday's corrected export, and its figures must not be counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.actuals import ACTUALS_FIELDS
from planner.model.errors import InputError, Problem
from planner.model.plan import Plan


@dataclass(frozen=True)
class ActualsMerge:
    """The plan with the merged actuals, and how many note-days the table added and replaced."""

    plan: Plan
    added: int  # rows for a note and day the plan had no figures of
    replaced: int  # rows that replaced the plan's figures of the same note and day


def plan_form(table: pd.DataFrame) -> pd.DataFrame:
    """A completed, valid actuals table (days as ISO text) in the plan's form: the fields only, days as datetime64."""
    frame = pd.DataFrame({key: table[key].to_numpy() for key in ACTUALS_FIELDS})
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d", errors="coerce")  # a bad day: NaT
    frame["note_id"] = frame["note_id"].astype(str)
    return frame


def plan_problems(plan: Plan, actuals: pd.DataFrame, file: str = "", rows: np.ndarray | None = None
                  ) -> list[Problem]:
    """The rows that do not fit the plan, one Problem per cell: a note the plan lacks, a day outside its campaign
    (the calendar's days; any day while the plan has no calendar). `actuals` is in the plan's form; an empty id
    or day (NaT) is the table's own problem, not the plan's."""
    row_numbers = np.arange(2, len(actuals) + 2) if rows is None else np.asarray(rows)
    ids = actuals["note_id"].to_numpy(dtype=object)
    missing = ~pd.Series(ids).isin(pd.Index(plan.notes["note_id"].astype(str))).to_numpy() & (ids != "")
    outside = np.zeros(len(actuals), dtype=bool)
    calendar = plan.calendar
    if calendar is not None:
        days = actuals["date"].to_numpy(dtype="datetime64[D]")
        outside = (days < np.datetime64(calendar.first_day)) | (days > np.datetime64(calendar.last_day))
    note_words = _("the id of one of the plan's notes (this plan has no such note)")
    problems = [(int(position), 0, Problem(file, int(row_numbers[position]), "note_id", ids[position], note_words))
                for position in np.flatnonzero(missing).tolist()]
    if calendar is not None:
        day_words = _("a day of the campaign, {first} to {last}").format(first=calendar.first_day.isoformat(),
                                                                       last=calendar.last_day.isoformat())
        problems += [(int(position), 1, Problem(file, int(row_numbers[position]), "date",
                                                _day_text(actuals["date"].iat[position]), day_words))
                     for position in np.flatnonzero(outside).tolist()]
    problems.sort(key=lambda item: (item[0], item[1]))
    return [problem for _position, _order, problem in problems]


def _day_text(value: object) -> str:
    return pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def merge_actuals(plan: Plan, actuals: pd.DataFrame, file: str = "", rows: np.ndarray | None = None
                  ) -> ActualsMerge:
    """The plan with `actuals` (plan form) merged into its own: for each note, the days `actuals` holds replace
    the plan's rows of those days; InputError with every problem, and nothing merged, for rows that do not fit."""
    problems = plan_problems(plan, actuals, file, rows)
    if problems:
        raise InputError(problems)
    old = plan.actuals
    if old is None or not len(old):
        return ActualsMerge(replace(plan, actuals=actuals.reset_index(drop=True)), len(actuals), 0)
    old = plan_form_of(old)
    again = _keys(old).isin(_keys(actuals))
    merged = pd.concat([old.loc[~again], actuals], ignore_index=True)
    merged = merged.sort_values(["date"], kind="stable", ignore_index=True)
    replaced = int(again.sum())
    return ActualsMerge(replace(plan, actuals=merged), len(actuals) - replaced, replaced)


def plan_form_of(actuals: pd.DataFrame) -> pd.DataFrame:
    """A plan's actuals with every field (an absent count as empty), days as datetime64: ready to be merged."""
    frame = pd.DataFrame({key: actuals[key].to_numpy() if key in actuals.columns else np.nan
                          for key in ACTUALS_FIELDS}, index=range(len(actuals)))
    frame["date"] = pd.to_datetime(frame["date"])
    frame["note_id"] = frame["note_id"].astype(str)
    return frame


def _keys(actuals: pd.DataFrame) -> pd.MultiIndex:
    """One key per row: its note and day."""
    return pd.MultiIndex.from_arrays([actuals["note_id"].to_numpy(dtype=object),
                                      actuals["date"].to_numpy(dtype="datetime64[D]")])

