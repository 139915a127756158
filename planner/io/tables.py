"""Notes, history and lift tables from CSV/XLSX files into model frames (CONTRACT.md), and lifts out.

Each file is read once (planner.io.safety): pandas parses plain numbers and booleans in C while it
reads, and every other column stays text. Text in a number column takes vectorised string operations
(percent, ¥, thousands separators); only bad cells cost a Python object each, for their Problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.io.atomic import write_atomically
from planner.io.safety import RawTable, cell_text, is_empty, read_raw_table
from planner.model import history as history_model
from planner.model import notes as notes_model
from planner.model.errors import InputError, Problem
from planner.model.lifts import (
    DEFAULT_ROW,
    LIFT_COLUMNS,
    LIFTS,
    SOURCE_TYPED,
    SOURCES,
    LiftTable,
    check_lifts,
    complete_lift_frame,
)

TEXT, BOOL, RATE, MONEY, COUNT, LIFT = "text", "bool", "rate", "money", "count", "lift"
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "是"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "否"})
_NAN_WORDS = frozenset({"nan", "+nan", "-nan"})
_THOUSANDS = r"\s*[+-]?\s*\d{1,3}(?:,\d{3})+(?:\.\d*)?"
BAD_SYNTAX = {
    RATE: "a rate: a fraction from 0 to 1 or a percentage such as 3.2%",
    MONEY: "an amount in ¥, such as 12000 or ¥12,000.50",
    COUNT: "a number, such as 12000 or 12,000",
    LIFT: "a lift such as 0.2 or 20% (+20%)",
    BOOL: "yes or no (true/false, 1/0, yes/no, y/n, 是/否)",
}
NOT_FINITE = "a finite number"
BAD_PERCENT = "a percentage from 0% to 100%"


@dataclass(frozen=True)
class Schema:
    """What a table's columns are: kinds, Chinese labels, the required ones."""

    kinds: dict[str, str]
    labels: dict[str, str]
    required: tuple[str, ...]
    defaults: dict[str, object] = field(default_factory=dict)
    lookup: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        # English names in any case, Chinese labels as written (lower() leaves them as they are).
        names = {name.lower(): name for name in self.kinds} | {zh.lower(): f for f, zh in self.labels.items()}
        object.__setattr__(self, "lookup", names)

    def inferable(self, header: list[str]) -> list[int]:
        """Columns pandas may parse in C (numbers, booleans): text columns must keep their text."""
        return [i for i, text in enumerate(header) if self.kinds.get(self.lookup.get(text.lower(), ""), TEXT) != TEXT]

    def describe(self, name: str) -> str:
        return f"{name} ({self.labels[name]})" if name in self.labels else name


def _kinds(groups: dict[str, tuple[str, ...]], order: tuple[str, ...]) -> dict[str, str]:
    kind_of = {name: kind for kind, names in groups.items() for name in names}
    return {name: kind_of.get(name, TEXT) for name in order}


NOTES_SCHEMA = Schema(
    _kinds({BOOL: notes_model.BOOL_FIELDS, RATE: notes_model.RATE_FIELDS, MONEY: notes_model.MONEY_FIELDS,
            COUNT: notes_model.COUNT_FIELDS}, notes_model.NOTE_FIELDS),
    notes_model.ZH_LABELS, notes_model.REQUIRED_FIELDS, notes_model.DEFAULTS)
HISTORY_SCHEMA = Schema(
    _kinds({COUNT: history_model.COUNT_FIELDS, MONEY: history_model.MONEY_FIELDS}, history_model.HISTORY_FIELDS),
    history_model.HISTORY_ZH_LABELS, history_model.REQUIRED_FIELDS)
LIFTS_SCHEMA = Schema(
    _kinds({LIFT: LIFT_COLUMNS[:-2], COUNT: ("n_notes",)}, ("industry",) + LIFT_COLUMNS), {},
    ("industry",) + LIFTS)


@dataclass
class _Parsed:
    """A table mid-import: parsed columns by field, where each came from, and the problems so far."""

    raw: RawTable
    schema: Schema
    values: dict[str, object] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)  # field or extra column -> file column
    problems: list[Problem] = field(default_factory=list)
    flagged: set[tuple[int, str]] = field(default_factory=set)  # (row, field) with a problem already

    def flag(self, name: str, mask: np.ndarray, expected: str) -> None:
        """One Problem per cell of column `name` where `mask` holds, unless that cell has one already."""
        bad = np.flatnonzero(mask)
        if len(bad) == 0:
            return
        column = self.raw.header[self.position[name]]
        cells = self.raw.text(self.position[name])
        for index in bad:
            row = int(self.raw.rows[index])
            if (row, name) not in self.flagged:
                self.flagged.add((row, name))
                self.problems.append(Problem(self.raw.file, row, column, cells.iat[index], expected))

    def add_model_problems(self, found: list[Problem], raw_values: bool = True) -> None:
        """The model's problems (by field and row) as the file shows them: its header, its raw text.

        `raw_values=False` keeps the model's value, for problems about more than one cell.
        """
        for problem in found:
            name = problem.column
            if name not in self.position or problem.row is None or (problem.row, name) in self.flagged:
                continue  # a missing column (reported once) or a cell already reported
            index = int(np.searchsorted(self.raw.rows, problem.row))
            value = self.raw.text(self.position[name]).iat[index] if raw_values else problem.value
            self.flagged.add((problem.row, name))
            self.problems.append(Problem(self.raw.file, problem.row, self.raw.header[self.position[name]],
                                         value, problem.expected))

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.values, index=pd.RangeIndex(len(self.raw.cells)), copy=False)

    def raise_if_any(self) -> None:
        if self.problems:
            order = {name: i for i, name in enumerate(self.raw.header)}
            self.problems.sort(key=lambda p: (p.row or 0, -1 if p.column is None else order.get(p.column, -1)))
            raise InputError(self.problems)


def read_notes(path: str | Path) -> pd.DataFrame:
    """A notes table (CONTRACT.md "Notes table") as a completed notes frame, or InputError with every problem."""
    parsed = _parse(read_raw_table(path, NOTES_SCHEMA.inferable), NOTES_SCHEMA)
    notes = notes_model.complete_notes(parsed.frame())
    parsed.add_model_problems(notes_model.check_notes(notes, parsed.raw.file, parsed.raw.rows))
    parsed.raise_if_any()
    return notes


def read_history(path: str | Path) -> pd.DataFrame:
    """A history table (MODEL.md section 7) as a completed history frame, or InputError with every problem."""
    parsed = _parse(read_raw_table(path, HISTORY_SCHEMA.inferable), HISTORY_SCHEMA)
    history = history_model.complete_history(parsed.frame())
    parsed.add_model_problems(history_model.check_history(history, parsed.raw.file, parsed.raw.rows))
    parsed.raise_if_any()
    return history


def read_lifts(path: str | Path) -> LiftTable:
    """A lift table (CONTRACT.md "Lifts table"); missing low/high default to the lift, `default` to the article's."""
    parsed = _parse(read_raw_table(path, LIFTS_SCHEMA.inferable), LIFTS_SCHEMA)
    frame = parsed.frame()
    for name in LIFT_COLUMNS[:-1]:
        frame[name] = frame[name].astype(float) if name in frame else np.nan
    for lift in LIFTS:
        for bound in ("low", "high"):
            frame[f"{lift}_{bound}"] = frame[f"{lift}_{bound}"].fillna(frame[lift])
    industry = _lift_industries(parsed, frame)
    if "source" in frame:
        source = frame["source"].astype(str).str.strip().str.lower()
        parsed.flag("source", ~source.isin(SOURCES + ("",)).to_numpy(), " or ".join(SOURCES) + " (or empty)")
        frame["source"] = source.where(source != "", SOURCE_TYPED)
    if "n_notes" in parsed.position:
        parsed.flag("n_notes", frame["n_notes"].to_numpy(dtype=float) < 0, "a number of notes of 0 or more, or empty")
    found = [p for p in check_lifts(frame, parsed.raw.file, parsed.raw.rows) if not _defaulted(parsed, p)]
    # A low/high pair out of order is reported on a column the file has (low may have been defaulted).
    ranges = [replace(p, column=_range_column(parsed, p.column or "")) for p in found
              if p.expected.startswith("a range")]
    parsed.add_model_problems([p for p in found if not p.expected.startswith("a range")])
    parsed.add_model_problems(ranges, raw_values=False)
    parsed.raise_if_any()
    frame.index = pd.Index(industry.to_numpy(dtype=str), name="industry")
    return LiftTable(complete_lift_frame(frame.drop(columns=["industry"], errors="ignore")))


def _lift_industries(parsed: _Parsed, frame: pd.DataFrame) -> pd.Series:
    """Industries as keys (美妆 -> beauty, Default -> default), each given once and never empty."""
    if "industry" not in frame:
        return pd.Series([""] * len(frame), dtype=str)
    industry = frame["industry"].astype(str).str.strip()
    if len(industry):
        is_default = industry.str.lower() == DEFAULT_ROW
        industry = notes_model.normalise_industry(industry).where(~is_default, DEFAULT_ROW)
    parsed.flag("industry", (industry == "").to_numpy(dtype=bool), "an industry, or default (it is required)")
    parsed.flag("industry", (industry.duplicated() & (industry != "")).to_numpy(dtype=bool),
                "an industry not given by an earlier row")
    return industry


def _defaulted(parsed: _Parsed, problem: Problem) -> bool:
    """A low/high left empty takes the lift's value: its problem is the lift's, reported there."""
    name = problem.column or ""
    if not name.endswith(("_low", "_high")) or problem.expected.startswith("a range"):
        return False
    if name not in parsed.position or problem.row is None:
        return True
    index = int(np.searchsorted(parsed.raw.rows, problem.row))
    return bool(parsed.raw.text(parsed.position[name]).iat[index].strip() == "")


def _range_column(parsed: _Parsed, column: str) -> str:
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


# -- Headers and values ---------------------------------------------------------------------------

def _parse(raw: RawTable, schema: Schema) -> _Parsed:
    """Map the header to fields, then parse every known column by its kind; other columns kept as text."""
    parsed = _Parsed(raw, schema)
    _map_header(parsed)
    for name, position in parsed.position.items():
        cells = raw.cells[position]
        kind = schema.kinds.get(name, TEXT)
        if kind == TEXT:
            parsed.values[name] = raw.text(position)
        elif kind == BOOL:
            parsed.values[name] = _parse_bools(parsed, name, cells)
        else:
            parsed.values[name] = _parse_numbers(parsed, name, cells, kind)
    return parsed


def _map_header(parsed: _Parsed) -> None:
    raw, schema = parsed.raw, parsed.schema
    where = raw.header_row
    for position, text in enumerate(raw.header):
        name = schema.lookup.get(text.lower(), text)
        if text == "":
            if not is_empty(raw.cells[position]).all():
                parsed.problems.append(Problem(raw.file, where, None, None,
                                               f"a header for column {_letters(position)}, which holds values"))
            continue
        if name in parsed.position:
            first = raw.header[parsed.position[name]]
            parsed.problems.append(Problem(
                raw.file, where, text, None,
                f"one column per field: column {first} already gives {schema.describe(name)}"))
            continue
        parsed.position[name] = position
    for name in schema.required:
        if name not in parsed.position:
            parsed.problems.append(Problem(raw.file, where, None, None,
                                           f"missing required column {schema.describe(name)}"))


def _letters(position: int) -> str:
    """A column's letters as a spreadsheet shows them: 0 -> A, 26 -> AA."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _parse_bools(parsed: _Parsed, name: str, cells: pd.Series) -> np.ndarray:
    """true/false, 1/0, yes/no, y/n, 是/否 in any case; empty (or unreadable) = the field's default."""
    if pd.api.types.is_bool_dtype(cells.dtype):  # pandas read true/false itself, and no cell is empty
        return cells.to_numpy(dtype=bool)
    codes, uniques = pd.factorize(cells)  # few distinct words: each is looked at once; NaN -> -1
    meanings = [_bool_word(cell_text(word)) for word in uniques] + [np.nan]
    invalid = np.array([meaning is None for meaning in meanings], dtype=bool)
    parsed.flag(name, invalid[codes], BAD_SYNTAX[BOOL])
    default = bool(parsed.schema.defaults.get(name, False))
    return np.array([m if isinstance(m, bool) else default for m in meanings], dtype=bool)[codes]


def _bool_word(word: str) -> object:
    key = word.strip().lower()
    if key == "":
        return np.nan
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def _parse_numbers(parsed: _Parsed, name: str, cells: pd.Series, kind: str) -> np.ndarray:
    """Numbers of one kind; empty = NaN. Plain numbers were parsed by pandas in C, the rest here."""
    if pd.api.types.is_numeric_dtype(cells.dtype) and not pd.api.types.is_bool_dtype(cells.dtype):
        values = cells.to_numpy(dtype=float, na_value=np.nan)
    else:
        values = _parse_text_numbers(parsed, name, parsed.raw.text(parsed.position[name]), kind)
    infinite = np.isinf(values)
    if infinite.any():
        parsed.flag(name, infinite, NOT_FINITE)
        values = np.where(infinite, np.nan, values)
    return values


def _parse_text_numbers(parsed: _Parsed, name: str, cells: pd.Series, kind: str) -> np.ndarray:
    filled = (cells != "").to_numpy(dtype=bool)
    sample = pd.to_numeric(cells[:256][filled[:256]], errors="coerce")
    if sample.isna().mean() > 0.5:
        # A column of "¥1,200" or "3.2%": pandas' coercion is slow on failures, so go lenient at once.
        values = np.full(len(cells), np.nan)
        slow = filled
    else:
        values = pd.to_numeric(cells, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
        slow = np.isnan(values) & filled
    if not slow.any():
        return values
    lenient, bad_syntax, percent = _lenient(cells[slow], kind)
    values[slow] = lenient

    def spread(mask: np.ndarray) -> np.ndarray:
        full = np.zeros(len(values), dtype=bool)
        full[slow] = mask
        return full

    nan_words = np.zeros(len(lenient), dtype=bool)
    if bad_syntax.any():
        nan_words[bad_syntax] = _spells_nan(cells[slow][bad_syntax])
    parsed.flag(name, spread(np.isinf(lenient) | nan_words), NOT_FINITE)
    parsed.flag(name, spread(bad_syntax), BAD_SYNTAX[kind])
    if kind == RATE:
        parsed.flag(name, spread(percent & ((lenient < 0) | (lenient > 1))), BAD_PERCENT)
    return values


def _spells_nan(cells: pd.Series) -> np.ndarray:
    """Cells that spell NaN: reported as not finite rather than as bad syntax."""
    return cells.str.strip().str.lower().isin(_NAN_WORDS).to_numpy(dtype=bool)


def _lenient(cells: pd.Series, kind: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The values of cells the C parser refused: spaces, `%` (rates, lifts), `¥`/`￥` and 1,000s.

    Returns the values (NaN where unreadable or empty), the unreadable mask and the percent mask.
    """
    text = cells.str.strip()
    empty = (text == "").to_numpy(dtype=bool)
    percent = np.zeros(len(text), dtype=bool)
    if kind in (RATE, LIFT):
        percent = text.str.endswith("%").to_numpy(dtype=bool)
        text = text.str.removesuffix("%")
    if kind == MONEY:
        text = text.str.removeprefix("¥").str.removeprefix("￥").str.lstrip()
    if kind in (MONEY, COUNT):
        commas = text.str.contains(",", regex=False).to_numpy(dtype=bool)
        if commas.any():
            # Only well-formed thousands: "12,5" (a decimal comma?) or "1,2,3" stay unreadable.
            grouped = np.zeros(len(text), dtype=bool)
            grouped[commas] = text[commas].str.fullmatch(_THOUSANDS).to_numpy(dtype=bool)
            text = text.where(~commas | ~grouped, text.str.replace(",", "", regex=False))
    values = pd.to_numeric(text, errors="coerce").to_numpy(dtype=float, na_value=np.nan, copy=True)
    values[percent] /= 100
    return values, np.isnan(values) & ~empty, percent
