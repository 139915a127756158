"""Table cells into typed columns: headers mapped to fields, values parsed by kind, every bad cell a Problem.

pandas parses plain numbers and booleans in C while it reads (planner.io.tables.raw), and every other column
stays text. Text in a number column takes vectorised string operations (percent, ¥, thousands separators);
only bad cells cost a Python object each, for their Problem.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from planner.i18n import N_, _, language, ngettext
from planner.io.tables.raw import RawTable, cell_text, is_empty
from planner.model.dates import day_rule, parse_days
from planner.model.errors import InputError, Problem
from planner.model.fields import BOOL, COUNT, DATE, MONEY, RATE, TEXT, Field, pick, term

LIFT = "lift"  # a lifts table's values (planner.io.tables.lifts); the other kinds are the catalogue's
PARSED = (BOOL, RATE, MONEY, COUNT, DATE)  # kinds parsed from a cell's text; other fields keep their text
# A file's header -> the field that column gives, or None to leave the column out (the import wizard's choice).
ColumnMap = Mapping[str, str | None]
TRUE_WORDS = frozenset({"true", "1", "yes", "y", "是"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "否"})
_NAN_WORDS = frozenset({"nan", "+nan", "-nan"})
_THOUSANDS = r"\s*[+-]?\s*\d{1,3}(?:,\d{3})+(?:\.\d*)?"
# What a cell that is no value of its kind is told (translated where it is told).
BAD_SYNTAX = {
    RATE: N_("a rate: a fraction from 0 to 1 or a percentage such as 3.2%"),
    MONEY: N_("an amount in ¥, such as 12000 or ¥12,000.50"),
    COUNT: N_("a number, such as 12000 or 12,000"),
    LIFT: N_("a lift such as 0.2 or 20% (+20%)"),
    BOOL: N_("yes or no (true/false, 1/0, yes/no, y/n, 是/否)"),
}
NOT_FINITE = N_("a finite number")
BAD_PERCENT = N_("a percentage from 0% to 100%")


@dataclass(frozen=True)
class Schema:
    """What a table's columns are: each field's kind as cells are parsed, Chinese label, header texts."""

    kinds: dict[str, str]
    labels: dict[str, str]  # Chinese, as messages and the import wizard name a field beside its key
    required: tuple[str, ...]
    defaults: dict[str, object] = field(default_factory=dict)
    lookup: dict[str, str] = field(default_factory=dict)  # a header text in lower case -> its field

    def __post_init__(self) -> None:
        # Every field is named by its key in any case, whatever else names it.
        object.__setattr__(self, "lookup", {name.lower(): name for name in self.kinds} | self.lookup)

    @classmethod
    def of(cls, fields: Sequence[Field]) -> Schema:
        """A table of the catalogue's `fields`: each named by its key, labels and aliases, in any case."""
        return cls({field.key: field.kind if field.kind in PARSED else TEXT for field in fields},
                   {field.key: pick(field.label, "zh") for field in fields},
                   tuple(field.key for field in fields if field.is_required),
                   {field.key: field.empty_value for field in fields if not field.is_required},
                   {text.lower(): field.key for field in fields for text in field.header_texts()})

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
                if self.kinds.get(self.field_of(text, column_map) or "", TEXT) not in (TEXT, DATE)]

    def describe(self, name: str) -> str:
        """A field as messages name it: "ctr (点击率)" in English, 点击率 in Chinese; other columns as they are."""
        if language() == "zh":
            return self.labels.get(name) or term(name, "zh") or name
        return _("{key} ({label})").format(key=name, label=self.labels[name]) if name in self.labels else name


def kinds_of(groups: dict[str, tuple[str, ...]], order: tuple[str, ...]) -> dict[str, str]:
    kind_of = {name: kind for kind, names in groups.items() for name in names}
    return {name: kind_of.get(name, TEXT) for name in order}


@dataclass
class ParsedTable:
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
        for index in map(int, bad):
            row = int(self.raw.rows[index])
            if (row, name) not in self.flagged:
                self.flagged.add((row, name))
                self.problems.append(Problem(self.raw.file, row, column, cells.iat[index], expected, header=True))

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
                                         value, problem.expected, header=True))

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


def parse_table(raw: RawTable, schema: Schema, column_map: ColumnMap | None = None) -> ParsedTable:
    """Map the header to fields, then parse every known column by its kind; other columns kept as text."""
    parsed = ParsedTable(raw, schema)
    columns = assign_columns(schema, raw.header, column_map, lambda p: not is_empty(raw.cells[p]).all(),
                             raw.file, raw.header_row)
    parsed.position, parsed.problems, parsed.refused = columns.position, list(columns.problems), columns.refused
    _flag_formulas(parsed)
    for name, position in parsed.position.items():
        cells = raw.cells[position]
        kind = schema.kinds.get(name, TEXT)
        if kind == TEXT:
            parsed.values[name] = raw.text(position)
        elif kind == BOOL:
            parsed.values[name] = _parse_bools(parsed, name, cells)
        elif kind == DATE:
            parsed.values[name] = _parse_dates(parsed, name)
        else:
            parsed.values[name] = _parse_numbers(parsed, name, cells, kind)
    return parsed


NO_RESULT = N_("the formula's result, which the file does not hold (it was saved by a program that does not "
               "calculate): open and save the file in a spreadsheet program, or type the value")


def _flag_formulas(parsed: ParsedTable) -> None:
    """One Problem per formula cell saved without its result, in the header or in a column being imported.

    Such a cell reads as empty; it is reported as what it is, once (not again as a missing value).
    """
    raw = parsed.raw
    no_result = _(NO_RESULT)
    field_at = {position: name for name, position in parsed.position.items()}
    for cell in raw.formulas.cells:
        position = None if cell.column is None else cell.column - 1
        header = cell.row == raw.header_row
        if cell.row is not None and (cell.row < raw.header_row or not (header or position in field_at)):
            continue  # above the table, or in a column left out
        column = None
        if position is not None:
            text = raw.header[position] if position < len(raw.header) else ""
            column = text if text and not header else _letters(position)
        if cell.row is not None and position in field_at:
            parsed.flagged.add((cell.row, field_at[position]))
        formula = "=" + cell.formula if cell.formula else _("(a formula shared with another cell)")
        parsed.problems.append(Problem(raw.file, cell.row, column, formula, no_result, header=True))
    more = raw.formulas.count - len(raw.formulas.cells)
    if more > 0:
        parsed.problems.append(Problem(raw.file, None, None, None, ngettext(
            "{more:,} more cell holds a formula saved without its result (the first {named:,} are named): open "
            "and save the file in a spreadsheet program",
            "{more:,} more cells hold formulas saved without their results (the first {named:,} are named): open "
            "and save the file in a spreadsheet program", more).format(more=more, named=len(raw.formulas.cells))))


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
                                        _("a header for column {letters}, which holds values").format(
                                            letters=_letters(index))))
            continue
        if name in position:
            first = header[position[name]]
            problems.append(Problem(file, where, text, None,
                                    _("one column per field: column {first} already gives {field}").format(
                                        first=first, field=schema.describe(name)), header=True))
            continue
        position[name] = index
    missing = [name for name in schema.required if name not in position]
    problems += [Problem(file, where, None, None, _("missing required column {field}").format(
        field=schema.describe(name))) for name in missing]
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


def _parse_bools(parsed: ParsedTable, name: str, cells: pd.Series) -> np.ndarray:
    """true/false, 1/0, yes/no, y/n, 是/否 in any case; empty (or unreadable) = the field's default."""
    if pd.api.types.is_bool_dtype(cells.dtype):  # pandas read true/false itself, and no cell is empty
        return cells.to_numpy(dtype=bool)
    codes, uniques = pd.factorize(cells)  # few distinct words: each is looked at once; NaN -> -1
    meanings = [_bool_word(cell_text(word)) for word in uniques] + [np.nan]
    invalid = np.array([meaning is None for meaning in meanings], dtype=bool)
    parsed.flag(name, invalid[codes], _(BAD_SYNTAX[BOOL]))
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


def _parse_dates(parsed: ParsedTable, name: str) -> np.ndarray:
    """Days (2025-05-13, 2025/5/13, an XLSX date cell, an Excel day number); empty = no bound (NaT)."""
    days, bad = parse_days(parsed.raw.text(parsed.position[name]))
    parsed.flag(name, bad, day_rule())
    return days


def _parse_numbers(parsed: ParsedTable, name: str, cells: pd.Series, kind: str) -> np.ndarray:
    """Numbers of one kind; empty = NaN. Plain numbers were parsed by pandas in C, the rest here."""
    if pd.api.types.is_numeric_dtype(cells.dtype) and not pd.api.types.is_bool_dtype(cells.dtype):
        values = cells.to_numpy(dtype=float, na_value=np.nan)
    else:
        values = _parse_text_numbers(parsed, name, parsed.raw.text(parsed.position[name]), kind)
    infinite = np.isinf(values)
    if infinite.any():
        parsed.flag(name, infinite, _(NOT_FINITE))
        values = np.where(infinite, np.nan, values)
    return values


def _parse_text_numbers(parsed: ParsedTable, name: str, cells: pd.Series, kind: str) -> np.ndarray:
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
    parsed.flag(name, spread(np.isinf(lenient) | nan_words), _(NOT_FINITE))
    parsed.flag(name, spread(bad_syntax), _(BAD_SYNTAX[kind]))
    if kind == RATE:
        parsed.flag(name, spread(percent & ((lenient < 0) | (lenient > 1))), _(BAD_PERCENT))
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
