"""Notes, history and lift tables from CSV/XLSX files into model frames (CONTRACT.md), and lifts out.

Each file is read once (planner.io.safety): pandas parses plain numbers and booleans in C while it
reads, and every other column stays text. Text in a number column takes vectorised string operations
(percent, ¥, thousands separators); only bad cells cost a Python object each, for their Problem.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.io.atomic import write_atomically
from planner.io.safety import RawTable, cell_text, header_shape, is_empty, read_raw_table
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
# A file's header -> the field that column gives, or None to leave the column out (the import wizard's choice).
ColumnMap = Mapping[str, str | None]
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

    def field_of(self, text: str, column_map: ColumnMap | None = None) -> str | None:
        """The field a header gives: the user's choice if `column_map` has one, else by name or label.

        None: the user left the column out. Any other text that is not a field is an extra column.
        """
        if column_map and text in column_map:
            return column_map[text]
        return self.lookup.get(text.lower(), text)

    def inferable(self, header: list[str], column_map: ColumnMap | None = None) -> list[int]:
        """Columns pandas may parse in C (numbers, booleans): text columns must keep their text."""
        return [i for i, text in enumerate(header)
                if self.kinds.get(self.field_of(text, column_map) or "", TEXT) != TEXT]

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
SCHEMAS = {"notes": NOTES_SCHEMA, "history": HISTORY_SCHEMA}  # the tables import_table reads
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
    refused: bool = False  # the columns do not map: no row can be imported

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

    def sort(self) -> None:
        """Problems in the order of the file: by row, then by column."""
        order = {name: i for i, name in enumerate(self.raw.header)}
        self.problems.sort(key=lambda p: (p.row or 0, -1 if p.column is None else order.get(p.column, -1)))

    def raise_if_any(self) -> None:
        if self.problems:
            self.sort()
            raise InputError(self.problems)


def read_notes(path: str | Path, column_map: ColumnMap | None = None,
               skip_rows: Collection[int] | None = None) -> pd.DataFrame:
    """A notes table (CONTRACT.md "Notes table") as a completed notes frame, or InputError with every problem.

    `column_map` and `skip_rows` are import_table's: the user's column choices and rows left out knowingly.
    """
    return _valid(import_table(path, "notes", column_map, skip_rows))


def read_history(path: str | Path, column_map: ColumnMap | None = None,
                 skip_rows: Collection[int] | None = None) -> pd.DataFrame:
    """A history table (MODEL.md section 7) as a completed history frame, or InputError with every problem."""
    return _valid(import_table(path, "history", column_map, skip_rows))


def _valid(result: ImportResult) -> pd.DataFrame:
    if result.problems:
        raise InputError(result.problems)
    return result.frame


@dataclass(frozen=True)
class ImportResult:
    """A notes or history table read with the user's choices: every row not left out, and its problems.

    The frame holds rows with problems too (their bad cells empty): it may be used only when `problems`
    is empty. `rows` are the spreadsheet rows of the frame's rows; `skipped` the rows left out.
    """

    frame: pd.DataFrame
    problems: list[Problem]
    rows: np.ndarray
    skipped: list[int]

    @property
    def problem_rows(self) -> list[int]:
        """The spreadsheet rows that have a problem, each once, in order."""
        return sorted({p.row for p in self.problems if p.row is not None})


def import_table(path: str | Path, kind: str, column_map: ColumnMap | None = None,
                 skip_rows: Collection[int] | None = None) -> ImportResult:
    """Read a notes or history table; value problems are returned, so that a user can see and skip them.

    `column_map` (file header -> field, or None to leave the column out) comes before names and labels.
    `skip_rows` (spreadsheet rows, header = 1) are left out as if the file did not hold them. A file that
    cannot be read, or whose columns do not map, raises InputError with every problem.
    """
    schema = _schema(kind)
    raw = read_raw_table(path, lambda header: schema.inferable(header, column_map))
    raw, skipped = _leave_out(raw, skip_rows)
    parsed = _parse(raw, schema, column_map)
    if kind == "notes":
        frame = notes_model.complete_notes(parsed.frame())
        parsed.add_model_problems(notes_model.check_notes(frame, raw.file, raw.rows))
    else:
        frame = history_model.complete_history(parsed.frame())
        parsed.add_model_problems(history_model.check_history(frame, raw.file, raw.rows))
    if parsed.refused:
        parsed.raise_if_any()
    parsed.sort()
    return ImportResult(frame, parsed.problems, raw.rows, skipped)


def _schema(kind: str) -> Schema:
    if kind not in SCHEMAS:
        raise ValueError(f"unknown table kind {kind!r}: notes or history")
    return SCHEMAS[kind]


def _leave_out(raw: RawTable, skip_rows: Collection[int] | None) -> tuple[RawTable, list[int]]:
    """The table without the rows `skip_rows` names, and which of them it held."""
    if not skip_rows:
        return raw, []
    drop = np.isin(raw.rows, np.fromiter(skip_rows, dtype=np.int64, count=len(skip_rows)))
    if not drop.any():
        return raw, []
    keep = ~drop
    if raw.keep is None:
        texts_keep = keep
    else:  # `keep` is over every row `texts` gives, blank rows included
        texts_keep = raw.keep.copy()
        texts_keep[np.flatnonzero(raw.keep)] = keep
    kept = replace(raw, cells=raw.cells[keep].reset_index(drop=True), rows=raw.rows[keep], keep=texts_keep,
                   _text={})
    return kept, [int(row) for row in raw.rows[drop]]


@dataclass(frozen=True)
class TablePreview:
    """The top of a table file as the import wizard shows it, with the columns as recognised by name."""

    file: str
    kind: str
    header: list[str]  # as written (trimmed)
    rows: list[list[str]]  # the first data rows, as text
    row_numbers: list[int]  # their spreadsheet rows
    total_rows: int  # non-blank data rows in the file
    recognised: list[str | None]  # per column: the field its name or label gives, None if unrecognised
    missing: list[str]  # required fields no column gives by name
    encoding: str  # UTF-8, UTF-8 with BOM, GB18030, or XLSX
    separator: str  # "," or "\t"; "" for XLSX
    header_row: int = 1
    filled_blank: frozenset[int] = frozenset()  # columns without a header that hold values

    def check(self, column_map: ColumnMap | None = None) -> ColumnCheck:
        """The columns under the user's choices, with the problems that stop the import (as import_table's)."""
        return assign_columns(_schema(self.kind), self.header, column_map, self.filled_blank.__contains__,
                              self.file, self.header_row)


def preview_table(path: str | Path, kind: str, rows: int = 20) -> TablePreview:
    """The header, the first `rows` rows as text and the automatic mapping, or InputError for a refused file."""
    schema = _schema(kind)
    raw = read_raw_table(path)  # every cell as text: the preview shows what the file holds
    shown = min(rows, len(raw.cells))
    texts = [raw.text(p).iloc[:shown].tolist() for p in range(len(raw.header))]
    blank = frozenset(p for p, text in enumerate(raw.header) if text == "" and not is_empty(raw.cells[p]).all())
    automatic = assign_columns(schema, raw.header, None, blank.__contains__, raw.file, raw.header_row)
    recognised = [name if name in schema.kinds else None
                  for name in (schema.lookup.get(text.lower()) for text in raw.header)]
    encoding, separator = _text_format(Path(path))
    return TablePreview(raw.file, kind, raw.header, [list(row) for row in zip(*texts, strict=True)] if texts else [],
                        [int(r) for r in raw.rows[:shown]], len(raw.cells), recognised, automatic.missing,
                        encoding, separator, raw.header_row, blank)


_LEADING_BLANK_LINES = re.compile(r"(?:[ \t,]*(?:\r\n|\n|\r))*")
_BOM = b"\xef\xbb\xbf"


def _text_format(path: Path) -> tuple[str, str]:
    """The encoding and separator the reader used (for display), for a file it has read already.

    UTF-8 is checked over the whole file in pieces (as the reader decides), never holding its text.
    """
    with path.open("rb") as handle:
        head = handle.read(1 << 16)
        if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            return "XLSX", ""
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head)
            for piece in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(piece)
            decoder.decode(b"", final=True)
            encoding = "UTF-8 with BOM" if head.startswith(_BOM) else "UTF-8"
        except UnicodeDecodeError:
            encoding = "GB18030"
    text = head.removeprefix(_BOM).decode("gb18030" if encoding == "GB18030" else "utf-8", errors="replace")
    blank = _LEADING_BLANK_LINES.match(text)
    separator, _, _ = header_shape(text[blank.end() if blank else 0:])
    return encoding, separator


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

def _parse(raw: RawTable, schema: Schema, column_map: ColumnMap | None = None) -> _Parsed:
    """Map the header to fields, then parse every known column by its kind; other columns kept as text."""
    parsed = _Parsed(raw, schema)
    columns = assign_columns(schema, raw.header, column_map, lambda p: not is_empty(raw.cells[p]).all(),
                             raw.file, raw.header_row)
    parsed.position, parsed.problems, parsed.refused = columns.position, list(columns.problems), columns.refused
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


@dataclass(frozen=True)
class ColumnCheck:
    """What a header gives under a column map: each column's field, and every reason it cannot be imported."""

    position: dict[str, int]  # field or extra column -> file column
    fields: list[str | None]  # per file column: its field, or None (an extra column, or left out)
    missing: list[str]  # required fields no column gives
    problems: list[Problem]  # missing fields included; any problem refuses the whole file

    @property
    def refused(self) -> bool:
        return bool(self.problems)

    @property
    def clashes(self) -> list[Problem]:
        """The problems other than missing fields (a field given twice, values without a header)."""
        return self.problems[:len(self.problems) - len(self.missing)]  # missing fields come last


def assign_columns(schema: Schema, header: list[str], column_map: ColumnMap | None,
                   holds_values: Callable[[int], bool], file: str = "", where: int = 1) -> ColumnCheck:
    """Each column's field (the user's `column_map` first, then names and labels) and the header's problems.

    `holds_values(position)` says whether a column holds any value (a blank header is then a problem).
    """
    unknown = {name for name in (column_map or {}).values() if name is not None and name not in schema.kinds}
    if unknown:
        raise ValueError(f"not fields of this table: {sorted(unknown)}")
    position: dict[str, int] = {}
    problems: list[Problem] = []
    for index, text in enumerate(header):
        name = schema.field_of(text, column_map)
        if name is None:
            continue  # left out knowingly
        if name == "":
            if holds_values(index):
                problems.append(Problem(file, where, None, None,
                                        f"a header for column {_letters(index)}, which holds values"))
            continue
        if name in position:
            first = header[position[name]]
            problems.append(Problem(file, where, text, None,
                                    f"one column per field: column {first} already gives {schema.describe(name)}"))
            continue
        position[name] = index
    missing = [name for name in schema.required if name not in position]
    problems += [Problem(file, where, None, None, f"missing required column {schema.describe(name)}")
                 for name in missing]
    fields: list[str | None] = [None] * len(header)
    for name, index in position.items():
        fields[index] = name if name in schema.kinds else None
    return ColumnCheck(position, fields, missing, problems)


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
