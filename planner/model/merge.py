"""Merging what a user brings in into a plan: imported notes (add, replace, update) and fitted lifts.

Note ids are compared trimmed, as check_notes compares them, so " n1" in a table is the plan's "n1".
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.i18n import N_, _
from planner.model.errors import InputError, Problem
from planner.model.funnel import estimate
from planner.model.lifts import LiftTable, complete_lift_frame
from planner.model.notes import NOTE_FIELDS, complete_notes
from planner.model.plan import Plan

ADD, REPLACE, UPDATE = "add", "replace", "update"
MODES = (ADD, REPLACE, UPDATE)
CLASH = N_("a note id the plan does not have (update the plan's notes, or replace them)")


@dataclass(frozen=True)
class MergedNotes:
    """The plan's notes after an import, and how many notes were added and how many updated."""

    notes: pd.DataFrame
    added: int
    updated: int


def _is_text(column: pd.Series) -> bool:
    """A column of text: pandas' string dtype, or objects (as older pandas keeps text)."""
    return column.dtype == object or pd.api.types.is_string_dtype(column.dtype)


def _keys(notes: pd.DataFrame) -> pd.Series:
    return notes["note_id"].astype(str).str.strip()


def duplicate_ids(current: pd.DataFrame, imported: pd.DataFrame) -> list[str]:
    """Ids of `imported` that `current` has already (trimmed), each once, in the order of `imported`."""
    ids = _keys(imported)
    return list(dict.fromkeys(ids[ids.isin(set(_keys(current)))]))


def merge_notes(current: pd.DataFrame, imported: pd.DataFrame, mode: str,
                columns: Iterable[str] | None = None) -> MergedNotes:
    """The notes a plan holds after importing `imported` (a completed notes frame) in `mode`.

    replace: the imported notes alone. add: the plan's notes, then the imported ones; an imported id the plan
    has already is refused (InputError, one problem per id). update: a note whose id the plan has takes the
    imported values of `columns` (the columns the table gave; default all of `imported`'s), keeping its id
    and every other value; notes with new ids are added after the plan's. Extra columns (not model fields)
    are kept, empty where a side lacks them.
    """
    if mode not in MODES:
        raise ValueError(f"unknown import mode {mode!r}: {', '.join(MODES)}")
    if mode == REPLACE:
        return MergedNotes(complete_notes(imported), len(imported), 0)
    target = _positions_in(current, imported)
    matched = target >= 0
    if mode == ADD and matched.any():
        raise InputError([Problem("", None, "note_id", note_id, _(CLASH))
                          for note_id in duplicate_ids(current, imported)])
    notes = current
    if matched.any():
        given = list(imported.columns) if columns is None else [c for c in columns if c in imported.columns]
        notes = _updated(current, imported, target, matched, [c for c in given if c != "note_id"])
    return MergedNotes(_appended(notes, imported[~matched]), int((~matched).sum()), int(matched.sum()))


def _positions_in(current: pd.DataFrame, imported: pd.DataFrame) -> np.ndarray:
    """For each imported note, the position of the plan's note with its id (the first one), or -1."""
    keys = _keys(current)
    first = pd.Series(np.arange(len(keys)), index=keys.to_numpy())
    first = first[~first.index.duplicated(keep="first")]
    return first.reindex(_keys(imported).to_numpy()).fillna(-1).to_numpy(dtype=np.int64)


def _updated(current: pd.DataFrame, imported: pd.DataFrame, target: np.ndarray, matched: np.ndarray,
             columns: Sequence[str]) -> pd.DataFrame:
    """`current` with the `columns` of its notes at `target[matched]` set from the matched imported notes."""
    notes = current.copy()
    rows = target[matched]
    for column in columns:
        values = imported[column].to_numpy()[matched]
        if column not in notes.columns:  # an extra column the plan did not have: empty for its other notes
            notes[column] = "" if _is_text(imported[column]) else np.nan
        merged = notes[column].to_numpy().copy() if notes[column].dtype == imported[column].dtype \
            else notes[column].to_numpy(dtype=object).copy()
        merged[rows] = values
        notes[column] = merged
    return complete_notes(notes)


def _appended(current: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """The plan's notes followed by `new`; an extra column that one side lacks is empty there."""
    if new.empty:
        return complete_notes(current)
    both = pd.concat([current, new], ignore_index=True)
    for column in both.columns:
        if column not in NOTE_FIELDS and _is_text(both[column]):
            both[column] = both[column].fillna("")
    return complete_notes(both)


def merge_fitted_lifts(current: LiftTable, fitted: LiftTable, industries: Iterable[str]) -> LiftTable:
    """`current` with the rows of `industries` (and their bootstrap draws) taken from `fitted`.

    Every other row stays as it is now: a fit starts from the lifts of its time, and rows edited while it
    ran are kept, not overwritten.
    """
    table = current.table.copy()
    samples = dict(current.samples)
    for industry in industries:
        table.loc[industry] = fitted.table.loc[industry]
        samples.pop(industry, None)
        if industry in fitted.samples:
            samples[industry] = fitted.samples[industry]
    return LiftTable(complete_lift_frame(table), samples)


def brand_budget_after_import(plan: Plan) -> float | None:
    """The brand budget a plan takes after its notes were imported: the brand cost of their budgets (to the
    fen, rounded up), when its brand budget is ¥0 and the notes have budgets; None to leave it as it is.

    A plan whose brand budget is 0 cannot be optimised ("no money to allocate"); the budgets an agency's
    table brings are the best figure of the money the brand means to spend.
    """
    if plan.params.brand_budget != 0 or not (plan.notes["budget"].to_numpy(dtype=float) > 0).any():
        return None
    cost = float(estimate(plan).totals["brand_cost"] or 0.0)
    return math.ceil(round(cost * 100, 6)) / 100 if cost > 0 else None
