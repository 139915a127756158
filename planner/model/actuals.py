"""The actuals table (MODEL.md section 10): what each note did on each day, completed and validated.

Its fields are planner.model.fields' ACTUALS: `date, note_id, spend, impressions` always, and any of
`clicks, interactions, store_visits, orders, gmv`. A completed table holds each day as ISO text (2025-05-13),
so that it is written to CSV, JSON and plan files as it is read; check_actuals says which rows are valid:
a real day, a note id, every count and amount a finite number within planner/model/limits.py, a funnel that
narrows (no more clicks than impressions, ...) and one row per note and day.

Days are read as planners write them: 2025-05-13, 2025/5/13, 2025.5.13, 2025年5月13日, with a midnight time
(an XLSX date cell reads 2025-05-13T00:00:00), or an Excel day number (45790, a date cell that lost its
format). A time other than midnight is refused: an actuals row is a whole day. Days before 2000 or after 2099
are typos.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.dates import MAX_DAY, MIN_DAY
from planner.model.dates import parse_day as parse_text_day
from planner.model.errors import Problem
from planner.model.fields import ACTUALS, NUMBER_KINDS, Rule, keys_of
from planner.model.history import FUNNEL, STAGE_WHY
from planner.model.notes import too_long_text
from planner.model.text import too_long_cells
from planner.model.words import named

ACTUALS_FIELDS = keys_of(ACTUALS)
NUMBER_FIELDS = keys_of(ACTUALS, *NUMBER_KINDS)
REQUIRED_FIELDS = tuple(field.key for field in ACTUALS if field.is_required)
_RULES: dict[str, Rule] = {field.key: field.rule for field in ACTUALS if field.rule is not None}

FIRST_DAY, LAST_DAY = MIN_DAY, MAX_DAY


def parse_day(value: object) -> date | None:
    """The day a cell names, or None when it names none (or one outside 2000-2099): the words of a note's window
    (planner.model.dates), and a date cell's value with no time of day."""
    if isinstance(value, datetime):
        day = value.date()
        return day if value.time() == datetime.min.time() and MIN_DAY <= day <= MAX_DAY else None
    return parse_text_day(value)


def day_texts(values: pd.Series) -> pd.Series:
    """Days as ISO text (2025-05-13) where a cell names one, else its text trimmed ("" for none)."""
    return pd.Series(np.asarray(day_categories(values), dtype=object), index=values.index, dtype=object, copy=False)


def day_categories(values: pd.Series) -> pd.Categorical:
    """day_texts as categories: each distinct value is parsed once (an actuals table holds few days, many rows)."""
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        days = values.dt.normalize()
        text = days.dt.strftime("%Y-%m-%d").where(values == days, values.astype(str))
        values = text.where(values.notna(), "")
    codes, uniques = pd.factorize(values.to_numpy(dtype=object), size_hint=min(len(values), 1024))
    shown = []
    for value in uniques:
        day = parse_day(value)
        shown.append(day.isoformat() if day is not None else str(value).strip())
    return _categories(codes, shown)


def _categories(codes: np.ndarray, texts: list[str]) -> pd.Categorical:
    """Cells as categories of `texts` (`codes` into them, -1 for an empty cell: ""); equal texts one category."""
    empty = bool((codes < 0).any())
    # Sorted, so that sorting the column sorts by the text.
    merged, distinct = pd.factorize(np.asarray(texts + [""] if empty else texts, dtype=object), sort=True)
    return pd.Categorical.from_codes(merged[codes], categories=pd.Index(distinct, dtype=object))


def day_rule() -> str:
    """What an actuals row's date may be."""
    return _("a day such as 2025-05-13 (or 2025/5/13), from {first} to {last}").format(
        first=FIRST_DAY.isoformat(), last=LAST_DAY.isoformat())


def _real_days(days: pd.Series) -> np.ndarray:
    """Which cells hold a day as complete_actuals writes it (ISO, a real day within the bounds)."""
    codes, uniques = pd.factorize(days, use_na_sentinel=False)
    real = [isinstance(text, str) and _ISO_DAY.match(text) is not None and parse_day(text) is not None
            for text in uniques]
    return np.asarray(real, dtype=bool)[codes] if len(days) else np.zeros(0, dtype=bool)


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def trimmed_categories(values: pd.Series) -> pd.Categorical:
    """Text trimmed ("" for an empty cell) as categories, each distinct value trimmed once: an actuals table
    repeats a few thousand ids over hundreds of thousands of rows."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    return _categories(codes, [str(value).strip() for value in uniques])


def complete_actuals(frame: pd.DataFrame) -> pd.DataFrame:
    """An actuals frame with every field: days as ISO text, ids trimmed, numbers as float (empty = NaN).

    Days and ids are categories of text (in text order, which for ISO days is the calendar's; the days ordered,
    so that the first and last day are their min and max): a table repeats a few of them over many rows, and
    every later step (the checks, the plan's own form) reads each once by its code. Unknown columns are kept
    after the model's, so that nothing a user imported is lost.
    """
    empty = pd.Series("", index=frame.index, dtype=object)
    columns: dict[str, object] = {
        "date": day_categories(frame["date"] if "date" in frame.columns else empty).as_ordered(),
        "note_id": trimmed_categories(frame["note_id"] if "note_id" in frame.columns else empty)}
    for field in NUMBER_FIELDS:
        values = frame[field] if field in frame.columns else None
        columns[field] = (np.full(len(frame), np.nan) if values is None
                          else values.to_numpy(dtype=float) if pd.api.types.is_float_dtype(values.dtype)
                          else pd.to_numeric(values, errors="coerce").to_numpy(dtype=float))
    columns.update({str(c): frame[c].to_numpy() for c in frame.columns if c not in ACTUALS_FIELDS})
    # Not copied: an actuals table can have millions of rows.
    return pd.DataFrame({name: pd.Series(values, copy=False) for name, values in columns.items()}, copy=False)


def _more_than(most: np.ndarray, stage: str, source: str) -> Callable[[int], str]:
    words, why = named(source), _(STAGE_WHY[stage])
    told = _("at most the row's {source}, {most}: {why}")
    return lambda position: told.format(source=words, most=f"{most[position]:,.15g}", why=why)


def check_actuals(actuals: pd.DataFrame, file: str = "", rows: Sequence[int] | np.ndarray | None = None
                  ) -> list[Problem]:
    """Every rule the (completed) actuals break, one Problem per bad cell, in the order of the rows.

    `rows` are the spreadsheet rows (header = row 1); by default 2, 3, ...
    """
    row_numbers = np.arange(2, len(actuals) + 2) if rows is None else np.asarray(rows)
    order = {field: i for i, field in enumerate(ACTUALS_FIELDS)}
    problems: list[tuple[int, int, Problem]] = []
    flagged: set[tuple[int, str]] = set()

    def flag(mask: np.ndarray, field: str, expected: str | Callable[[int], str]) -> None:
        for position in map(int, np.flatnonzero(mask)):
            if (position, field) in flagged:
                continue  # one problem per cell: the first rule it breaks
            flagged.add((position, field))
            value = actuals[field].iat[position]
            shown = "" if isinstance(value, float) and np.isnan(value) else value
            words = expected if isinstance(expected, str) else expected(position)
            problems.append((position, order[field], Problem(file, int(row_numbers[position]), field, shown, words)))

    def flag_distinct(bad: np.ndarray, codes: np.ndarray, field: str, expected: str) -> None:
        """Flag the cells whose distinct value is bad (`bad` over the distinct values, indexed by `codes`)."""
        if bad.any():
            flag(bad[codes], field, expected)

    # Each distinct day and id is looked at once (a table repeats a few thousand of them over many rows).
    day_codes, days = distinct_texts(actuals["date"])
    flag_distinct(days == "", day_codes, "date", _("{what} (it is required)").format(what=day_rule()))
    flag_distinct(~_real_days(pd.Series(days, dtype=object)), day_codes, "date", day_rule())
    id_codes, ids = distinct_texts(actuals["note_id"])
    ids = np.asarray([text.strip() for text in ids], dtype=object)
    flag_distinct(ids == "", id_codes, "note_id", _("a note id (it is required)"))
    flag_distinct(too_long_cells(ids.tolist()), id_codes, "note_id", too_long_text())
    valid: dict[str, np.ndarray] = {}
    for field, rule in _RULES.items():
        values = actuals[field].to_numpy(dtype=float)
        valid[field] = rule.within(values)
        if valid[field].all() and not rule.positive and rule.low >= 0:
            continue  # every value within [low, high], and low >= 0: no rule broken (the usual column)
        for mask, expected in rule.broken(values):
            flag(mask, field, expected)
    for stage, source in FUNNEL.items():
        values = actuals[stage].to_numpy(dtype=float)
        most = actuals[source].to_numpy(dtype=float)
        above = values > most  # NaN is never above
        if above.any():
            flag(valid[stage] & valid[source] & above, stage, _more_than(most, stage, source))
    _flag_repeats(day_codes, days == "", pd.factorize(ids)[0], ids == "", id_codes, row_numbers, flag)
    problems.sort(key=lambda item: (item[0], item[1]))
    return [p for _row, _order, p in problems]


def distinct_texts(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Each cell's code and the distinct texts, the last one "" (an empty cell's); categories as they are."""
    if isinstance(values.dtype, pd.CategoricalDtype):
        codes, uniques = values.cat.codes.to_numpy(), values.cat.categories.to_numpy()
    else:
        codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    codes = np.where(codes < 0, len(uniques), codes)  # an empty cell: the last, ""
    return codes, np.asarray([str(value) for value in uniques] + [""], dtype=object)


def _flag_repeats(day_codes: np.ndarray, no_day: np.ndarray, note_of: np.ndarray, no_id: np.ndarray,
                  id_codes: np.ndarray, row_numbers: np.ndarray,
                  flag: Callable[[np.ndarray, str, Callable[[int], str]], None]) -> None:
    """A second row of the same note and day is refused, naming the first: one row per note and day.

    Days and ids come as codes into their distinct values (the last one: an empty cell); `note_of` numbers the
    distinct ids by their trimmed text, and `no_day` and `no_id` say which distinct values are empty.
    """
    notes = note_of[id_codes]
    keys = pd.Series(day_codes.astype(np.int64) * (int(note_of.max(initial=0)) + 1) + notes)
    span = int(keys.max()) + 1 if len(keys) else 0
    if span <= 4 * len(keys) and np.bincount(keys.to_numpy(), minlength=span).max(initial=0) < 2:
        return  # each note and day once, counted without hashing
    repeated = keys.duplicated(keep="first").to_numpy() & ~no_day[day_codes] & ~no_id[id_codes]
    if not repeated.any():
        return
    first_row = pd.Series(row_numbers).groupby(keys.to_numpy()).transform("first").to_numpy()
    told = _("one row per note and day: row {row} has this note on this day already")
    flag(repeated, "note_id", lambda position: told.format(row=int(first_row[position])))
