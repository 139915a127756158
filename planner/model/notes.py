"""The notes table (MODEL.md section 1): completed and validated; its fields are planner.model.fields' NOTE_INPUTS."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from planner.i18n import _, language
from planner.model.dates import MAX_DAY, MIN_DAY, as_days, day_text
from planner.model.errors import Problem
from planner.model.fields import (
    AMOUNT,
    BOOL,
    DATE,
    DEFAULT,
    FORMAT,
    FORMATS,
    INDUSTRIES,
    INDUSTRY,
    NOTE_INPUTS,
    NUMBER_KINDS,
    TEXT_KINDS,
    Rule,
    keys_of,
    pick,
)
from planner.model.limits import MAX_TEXT_CHARS
from planner.model.text import too_long_cells
from planner.model.words import alternatives

# The model's columns in the order tables, files and the workbook show them: the catalogue's.
NOTE_FIELDS = keys_of(NOTE_INPUTS)
TEXT_FIELDS = keys_of(NOTE_INPUTS, *TEXT_KINDS)
BOOL_FIELDS = keys_of(NOTE_INPUTS, BOOL)
NUMBER_FIELDS = keys_of(NOTE_INPUTS, *NUMBER_KINDS)
DATE_FIELDS = keys_of(NOTE_INPUTS, DATE)  # datetime64[ns] at midnight, NaT for none
REQUIRED_FIELDS = tuple(field.key for field in NOTE_INPUTS if field.is_required)
DEFAULTS: dict[str, str | bool | float | np.datetime64] = {field.key: field.empty_value for field in NOTE_INPUTS if not field.is_required}
_RULES: dict[str, Rule] = {field.key: field.rule for field in NOTE_INPUTS if field.rule is not None}

INDUSTRY_ALIASES = {pick(words, "zh"): key for key, words in INDUSTRIES.items()}
FORMAT_ALIASES = {pick(words, "zh"): key for key, words in FORMATS.items()}


def too_long_text() -> str:
    """What a text longer than a workbook cell holds is told."""
    return _("text of at most {most:,} characters (what an Excel cell holds; an emoji counts as 2)").format(
        most=MAX_TEXT_CHARS)


def format_rule() -> str:
    """What a note's format may be: "image (图文), video (视频) or empty"; in Chinese by the labels alone."""
    if language() == "zh":
        return _("{formats} or empty").format(formats=alternatives(pick(words, "zh") for words in FORMATS.values()))
    return _("{formats} or empty").format(formats=", ".join(f"{key} ({pick(words, 'zh')})"
                                                            for key, words in FORMATS.items()))


_STR = pd.api.types.pandas_dtype(str)  # the dtype astype(str) gives


def normalise_industry(values: pd.Series) -> pd.Series:
    """Known industries to their keys (Chinese aliases, any case); any other text kept as typed, trimmed."""
    return _per_distinct(values, _industry_key)


def _industry_key(text: str) -> str:
    text = text.strip()
    lowered = text.lower()
    key = lowered if lowered in INDUSTRIES else text
    return INDUSTRY_ALIASES.get(key, key)


def _format_key(text: str) -> str:
    text = text.strip()
    return FORMAT_ALIASES.get(text, text.lower())


# Text fields normalised once per distinct value (which also fills their missing values with "").
_NORMALISED = {field.key: {INDUSTRY: _industry_key, FORMAT: _format_key}[field.kind]
               for field in NOTE_INPUTS if field.kind in (INDUSTRY, FORMAT)}


def _distinct(values: pd.Series) -> set[object]:
    """The values a column holds, each once: one pass of Python's hashing, cheaper than pandas' factorize."""
    return set(values.to_numpy(dtype=object).tolist())


def _per_distinct(values: pd.Series, normalise: Callable[[str], str]) -> pd.Series:
    """A text column normalised, `normalise` run once per distinct value: industry and format columns hold
    few, a plan many rows. Missing values become ""; a column that is normal already is kept as it is."""
    if values.dtype == _STR and all(type(text) is str and normalise(text) == text for text in _distinct(values)):
        return values
    codes, uniques = pd.factorize(values.fillna("").astype(str))
    done = np.array([normalise(text) for text in uniques], dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=str)


def _is_one_of(values: pd.Series, allowed: tuple[str, ...]) -> np.ndarray:
    """values.isin(allowed), each distinct value looked up once (a column of few values, many rows)."""
    if _distinct(values) <= set(allowed):
        return np.ones(len(values), dtype=bool)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.array([value in allowed for value in uniques], dtype=bool)[codes]


def _all_text(values: pd.Series) -> bool:
    """A text column with no missing value: a check in C, cheaper than fillna's copy (or than hasnans)."""
    return values.dtype == _STR and pd.api.types.infer_dtype(values.to_numpy(dtype=object), skipna=False) in (
        "string", "empty")


def _id_problems(ids: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows whose id is empty (or only spaces), those repeating an earlier row's id (both trimmed), and
    for each row the position of the first row with its id (so that a message can name that row).

    The usual column (text, trimmed already, every id unique) costs one pass of str.strip, which gives
    back the same object for a trimmed string, and one hash pass over the column's strings.
    """
    texts = ids.to_numpy(dtype=object).tolist()
    try:
        trimmed = list(map(str.strip, texts))
    except TypeError:  # NaN or other non-text: pandas' rules
        ids = ids.astype(object).str.strip().fillna("").astype(str)
    else:
        if trimmed != texts:
            ids = pd.Series(trimmed, dtype=str)
    values = ids.to_numpy(dtype=object)
    empty = values == ""
    if pd.Index(ids).is_unique:  # a text index hashes its own strings: faster than an object one
        return empty, np.zeros(len(values), dtype=bool), np.arange(len(values))
    codes, _uniques = pd.factorize(values)
    _codes, first_of_code = np.unique(codes, return_index=True)  # codes number ids in order of appearance
    first = first_of_code[codes]
    return empty, (first != np.arange(len(values))) & ~empty, first


def complete_notes(frame: pd.DataFrame) -> pd.DataFrame:
    """A notes frame with every model column present (defaults filled) and the model's dtypes.

    Unknown columns are kept after the model's, as text, so that nothing a user imported is lost.
    """
    notes = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    for field, default in DEFAULTS.items():
        if field not in notes.columns:
            notes[field] = default
    # Columns already of the model's dtype (as an import gives them) are kept: 100,000 rows, no copy.
    for field in TEXT_FIELDS:
        if field not in notes.columns:
            notes[field] = ""
        if field not in _NORMALISED and not _all_text(notes[field]):
            notes[field] = notes[field].fillna("").astype(str)
    for field in BOOL_FIELDS:
        if notes[field].dtype != bool:
            notes[field] = notes[field].fillna(False).astype(bool)
    for field in NUMBER_FIELDS:
        if field not in notes.columns:
            notes[field] = np.nan
        if notes[field].dtype != np.float64:
            notes[field] = pd.to_numeric(notes[field], errors="coerce").astype(float)
    for field in DATE_FIELDS:
        if notes[field].dtype != "datetime64[ns]":
            notes[field] = as_days(notes[field])
    for field, rule in _RULES.items():
        if rule.empty == DEFAULT and notes[field].hasnans:
            notes[field] = notes[field].fillna(rule.default)
    for field, normalise in _NORMALISED.items():
        notes[field] = _per_distinct(notes[field], normalise)
    order = list(NOTE_FIELDS) + [c for c in notes.columns if c not in NOTE_FIELDS]
    if list(notes.columns) != order:
        notes = notes[order]
    return notes.reset_index(drop=True)


def check_notes(notes: pd.DataFrame, file: str = "", rows: Sequence[int] | np.ndarray | None = None
                ) -> list[Problem]:
    """Every rule of MODEL.md section 1 that the (completed) notes break, one Problem per bad value.

    `rows` are the spreadsheet rows of the notes (header = row 1); by default 2, 3, ...
    """
    row_numbers = np.arange(2, len(notes) + 2) if rows is None else np.asarray(rows)
    problems: list[tuple[int, int, Problem]] = []
    order = {field: i for i, field in enumerate(NOTE_FIELDS)}

    flagged: set[tuple[int, str]] = set()  # one problem per cell: the first rule it breaks

    def flag(mask: np.ndarray, field: str, expected: str | Callable[[int], str]) -> None:
        """One problem per cell where `mask` holds; `expected` may depend on the cell's position."""
        for position in map(int, np.flatnonzero(mask)):
            if (position, field) in flagged:
                continue
            flagged.add((position, field))
            value = notes[field].iat[position]
            shown = "" if isinstance(value, float) and np.isnan(value) else value
            if field in DATE_FIELDS:
                shown = day_text(value)
            told = expected if isinstance(expected, str) else expected(position)
            problems.append((int(position), order[field],
                             Problem(file, int(row_numbers[position]), field, shown, told)))

    too_long = too_long_text()
    for field in TEXT_FIELDS:
        flag(too_long_cells(notes[field].to_numpy(dtype=object).tolist()), field, too_long)
    empty_ids, repeated_ids, first_ids = _id_problems(notes["note_id"])
    flag(empty_ids, "note_id", _("a note id (it is required)"))
    flag(repeated_ids, "note_id", lambda position: _("a unique note id (this one is used by row {row} already)")
         .format(row=int(row_numbers[first_ids[position]])))
    flag(notes["industry"].to_numpy(dtype=object) == "", "industry", _("an industry (it is required)"))  # trimmed
    flag(~_is_one_of(notes["format"], ("", *FORMATS)), "format", format_rule())
    flag((notes["taobao_link"] & ~notes["is_ad"]).to_numpy(), "taobao_link",
         _("false: only an ad note (广告笔记) may carry a Taobao link"))
    numbers: dict[str, np.ndarray] = {}
    for field, rule in _RULES.items():
        numbers[field] = values = notes[field].to_numpy(dtype=float)
        for mask, expected in rule.broken(values):
            flag(mask, field, expected)
    lo, hi = numbers["min_budget"], numbers["max_budget"]
    in_range = AMOUNT.within(lo) & AMOUNT.within(hi)
    flag(in_range & (lo > hi), "max_budget", _("an amount not below the minimum budget"))
    _check_windows(notes, flag)
    problems.sort(key=lambda item: (item[0], item[1]))
    return [p for _row, _order, p in problems]



def _check_windows(notes: pd.DataFrame, flag: Callable[[np.ndarray, str, str], None]) -> None:
    """A note's days lie in the years a campaign can have, and its end is not before its start."""
    days = {field: notes[field].to_numpy(dtype="datetime64[D]") for field in DATE_FIELDS}
    within = _("a date from {first} to {last}").format(first=MIN_DAY.isoformat(), last=MAX_DAY.isoformat())
    for field, values in days.items():
        known = ~np.isnat(values)
        flag(known & ((values < np.datetime64(MIN_DAY)) | (values > np.datetime64(MAX_DAY))), field, within)
    start, end = days["start_date"], days["end_date"]
    backwards = np.flatnonzero(~np.isnat(start) & ~np.isnat(end) & (end < start))
    for position in backwards.tolist():  # each told its own note (the words of planner.model.pacing)
        mask = np.zeros(len(notes), dtype=bool)
        mask[position] = True
        flag(mask, "end_date", _("an end date on or after the start date (note {note})").format(
            note=notes["note_id"].iat[position]))
