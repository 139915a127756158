"""Reading the platforms' exports: which kind a file is, then its rows as our columns, every bad cell a Problem.

A file is recognised by the words of its header (planner.io.exports.presets: a preset's signature), looked for
in its first rows, since some exports put a title above the header (蒲公英's is on the third row). It is then
read as the table import reads any table (planner.io.tables.raw: the same checks of size, encoding, archive
and formulas, the same refusals), only the columns the preset uses, its cells parsed by the same rules (¥,
thousands separators, percentages). A row without a note id is left out and counted (an export's total row).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.exports.presets import Catalogue, Preset
from planner.io.tables.cells import ParsedTable, Schema, parse_table
from planner.io.tables.raw import TEXT_SUFFIXES, file_head, read_raw_table
from planner.model.errors import InputError
from planner.model.fields import COUNT, MONEY, RATE, TEXT

HEAD_ROWS = 30  # a header is looked for in this many rows
_HEAD_BYTES = 1 << 18
_CELL_KINDS = {"id": TEXT, "text": TEXT, "date": TEXT, "count": COUNT, "money": MONEY, "rate": RATE}
ColumnMaps = Mapping[str, Mapping[str, str | None]]  # kind -> file header -> the preset's column (None: left out)


@dataclass(frozen=True)
class ExportFile:
    """A file as recognised: its kind (None: not an export the app knows), blocks of other kinds in the same
    header (小红星's columns in 蒲公英's export), where its header is, and what the user must map."""

    path: Path
    kind: str | None
    header_row: int
    header: list[str]
    share: float  # how much of the kind's signature the header holds
    blocks: tuple[str, ...] = ()
    missing: Mapping[str, list[str]] = field(default_factory=dict)  # kind -> required columns not found

    @property
    def kinds(self) -> tuple[str, ...]:
        return ((self.kind,) if self.kind else ()) + self.blocks

    @property
    def ready(self) -> bool:
        """Recognised, with every required column found (by name, alias or the user's choice)."""
        return self.kind is not None and not any(self.missing.values())


def head_rows(path: str | Path) -> list[tuple[int, list[str]]]:
    """The first rows of a table file as text, each with its spreadsheet row; blank rows left out.

    A CSV's head is decoded as the table import decodes the file (UTF-8, else GB18030); any file the quick look
    cannot read (a workbook, binary or hostile data) is read by the table import, which refuses it as it
    refuses any table.
    """
    path = Path(path)
    size, head = file_head(path, _HEAD_BYTES, what=_("a table file"))
    text = _head_text(head, size) if size and path.suffix.lower() in TEXT_SUFFIXES else None
    if text is None:
        raw = read_raw_table(path)
        return [(raw.header_row, raw.header)] + [
            (int(row), [str(raw.text(p).iat[i]) for p in range(len(raw.header))])
            for i, row in enumerate(raw.rows[:HEAD_ROWS])]
    separator = "\t" if text.split("\n", 1)[0].count("\t") > text.split("\n", 1)[0].count(",") else ","
    rows = []
    for number, record in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=separator), 1):
        if any(cell.strip() for cell in record):
            rows.append((number, [cell.strip() for cell in record]))
        if len(rows) >= HEAD_ROWS:
            break
    return rows


def _head_text(head: bytes, size: int) -> str | None:
    """The whole lines of a CSV's head as text; None where a quick look is not enough (the table import decides)."""
    if b"\x00" in head or head[:2] in (b"\xff\xfe", b"\xfe\xff") or head.startswith(b"PK"):
        return None
    if size > len(head):  # cut: keep whole lines only
        head = head[:max(head.rfind(b"\n"), head.rfind(b"\r")) + 1]
    head = head.removeprefix(b"\xef\xbb\xbf")
    for encoding in ("utf-8", "gb18030"):
        try:
            return head.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def recognise(path: Path, catalogue: Catalogue, column_maps: ColumnMaps | None = None) -> ExportFile:
    """Which export `path` is: the preset whose signature its header holds most of (at least the preset's share),
    in the first rows; blocks of other presets whose required columns the same header has."""
    maps = column_maps or {}
    rows = head_rows(path)
    best: tuple[float, int, Preset, list[str]] | None = None
    for number, cells in rows:
        for preset in catalogue.presets.values():
            share = preset.share(cells, maps.get(preset.kind))
            if share >= preset.recognise_share and (best is None or share > best[0]):
                best = (share, number, preset, cells)
    if best is None:
        number, cells = rows[0] if rows else (1, [])
        return ExportFile(path, None, number, cells, 0.0)
    share, number, preset, cells = best
    blocks = tuple(other.kind for other in catalogue.presets.values()
                   if other.block and other is not preset and set(other.required) <= other.found_in(
                       cells, maps.get(other.kind)))
    missing = {kind: [name for name in catalogue.presets[kind].required
                      if name not in catalogue.presets[kind].found_in(cells, maps.get(kind))]
               for kind in (preset.kind, *blocks)}
    return ExportFile(path, preset.kind, number, cells, share, blocks, missing)


@dataclass(frozen=True)
class ExportRows:
    """One export's rows as the preset's columns: `note_id` (trimmed text), `day` (datetime64, NaT where the
    export has no dates), `plan` (text) and each number column by its name; sampled counts divided already."""

    file: str
    preset: Preset
    frame: pd.DataFrame
    columns: frozenset[str]  # the preset's columns the file gives
    dated: bool  # the file has the preset's date column
    left_out: int = 0  # rows without a note id (an export's total row)


def read_export(path: Path, preset: Preset, header_row: int, column_map: Mapping[str, str | None] | None = None,
                plan_names: bool = True) -> ExportRows:
    """The rows of an export as the preset's columns, or InputError with every bad cell (file, row, column, value);
    without `plan_names`, no plan names (see Preset.needed)."""
    lookup = preset.lookup(column_map)
    needed = preset.needed(plan_names)

    def column_of(text: str) -> str | None:
        """The preset's column a header names, if the read uses it (else the column is left out)."""
        name = lookup.get(text.strip().lower())
        return name if name in needed else None

    def chosen(header: list[str]) -> list[int]:
        return [p for p, text in enumerate(header) if column_of(text)]

    def inferable(header: list[str]) -> list[int]:
        return [p for p, text in enumerate(header)
                if (name := column_of(text)) and preset.column[name].kind in ("count", "money", "rate")]

    raw = read_raw_table(path, inferable, header_row=header_row, chosen=chosen)
    _blank_dashes(raw.cells, [p for p in inferable(raw.header) if p in raw.cells.columns])
    kinds = {name: _CELL_KINDS[preset.column[name].kind] for name in needed}
    schema = Schema(kinds, {}, preset.required)
    parsed = parse_table(raw, schema, {text: column_of(text) for text in raw.header})
    if parsed.refused:
        parsed.raise_if_any()
    frame = _frame(parsed, preset)
    parsed.raise_if_any()
    ids = frame["note_id"]
    kept = (ids != "").to_numpy()
    return ExportRows(raw.file, preset, frame[kept].reset_index(drop=True), frozenset(parsed.position),
                      "date" in preset.roles and preset.roles["date"] in parsed.position, int((~kept).sum()))


_NO_VALUE = ("-", "--", "—", "——")  # what platforms write in a number column for "no figure"


def trimmed(values: object) -> pd.Series:
    """A text column without surrounding spaces, each distinct text trimmed once (an export of a million rows
    holds a few hundred note ids and days)."""
    series = pd.Series(values)
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    texts = np.array([_text(value) for value in uniques], dtype=object)
    return pd.Series(texts[codes] if len(codes) else np.zeros(0, dtype=object), index=series.index, dtype=str)


def _text(value: object) -> str:
    """A cell's text trimmed; "" for an empty cell (NaN)."""
    return "" if isinstance(value, float) and np.isnan(value) else str(value).strip()


def _blank_dashes(cells: pd.DataFrame, numbers: list[int]) -> None:
    """A dash in a number column is an empty cell, as the platforms mean it (pandas read the column as text)."""
    for position in numbers:
        column = cells[position]
        if not pd.api.types.is_numeric_dtype(column.dtype):
            cells[position] = column.where(~column.astype(str).str.strip().isin(_NO_VALUE), "")


def _frame(parsed: ParsedTable, preset: Preset) -> pd.DataFrame:
    """The parsed columns under our names: note id, day and plan by role, numbers checked and divided."""
    roles = preset.roles
    length = len(parsed.raw.cells)
    values: dict[str, object] = {}
    note = roles["note_id"]
    ids = trimmed(parsed.values[note]) if note in parsed.values \
        else pd.Series([""] * length, dtype=str)
    values["note_id"] = ids
    named = (ids != "").to_numpy()  # a row without a note id (a total row) is left out unchecked
    plan = roles.get("plan_name", "")
    values["plan"] = trimmed(parsed.values[plan]) if plan in parsed.values else ""
    for name, column in preset.column.items():
        if name not in parsed.values or column.kind == "id" or name == plan:
            continue
        values[name] = _days(parsed, name, named) if column.kind == "date" else _checked(parsed, name, column.kind,
                                                                                        named)
    day = roles.get("date", "")
    values["day"] = values[day] if day in values else np.full(length, np.datetime64("NaT"), "M8[D]")
    for name, column in preset.column.items():
        if column.divide_by and name in values and column.divide_by in values:
            values[name] = _divided(parsed, values[name], values[column.divide_by], column.divide_by, named)
    return pd.DataFrame(values, index=pd.RangeIndex(length))


def _checked(parsed: ParsedTable, name: str, kind: str, named: np.ndarray) -> object:
    """A column's values: counts and money finite and 0 or more, a rate (a sampling share) above 0, at most 1."""
    values = parsed.values[name]
    if kind in ("count", "money"):
        array = np.asarray(values, dtype=float)
        told = _("a count of 0 or more") if kind == "count" else _("an amount of 0 or more")
        parsed.flag(name, named & (array < 0), told)
        return array
    if kind == "rate":
        array = np.asarray(values, dtype=float)
        parsed.flag(name, named & ((array <= 0) | (array > 1)), _("a share above 0 and at most 1 (such as 0.1 or 10%)"))
        return array
    return pd.Series(values).astype(str)


def _divided(parsed: ParsedTable, counts: object, shares: object, share_column: str, named: np.ndarray
             ) -> np.ndarray:
    """Sampled counts over their row's sampling share (a missing or bad share is a problem where counts exist)."""
    counts_array, shares_array = np.asarray(counts, dtype=float), np.asarray(shares, dtype=float)
    usable = (shares_array > 0) & (shares_array <= 1)
    parsed.flag(share_column, named & ~usable & ~np.isnan(counts_array) & np.isnan(shares_array),
                _("a share above 0 and at most 1 (such as 0.1 or 10%): the sampled count beside it is divided by it"))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(usable, counts_array / shares_array, np.nan)


_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]+[0-9:：.\-~ ]*)?\s*$")
_SERIAL = re.compile(r"^\s*(\d{5})(?:\.\d*)?\s*$")  # an Excel day number (a date cell that lost its format)
_EXCEL_DAY_ZERO = date(1899, 12, 30)


def export_day(text: str) -> date | None:
    """The day a cell of an export's date column names: 2025-05-20, 2025/5/20 14:00, 2025年5月20日, 45797; the
    time of an hourly report is dropped. None for anything else (or a day outside 2000-2099)."""
    match = _DAY.match(text)
    found: date | None = None
    if match:
        try:
            found = date(*(int(part) for part in match.groups()))
        except ValueError:
            return None
    else:
        serial = _SERIAL.match(text)
        if serial:
            found = _EXCEL_DAY_ZERO + timedelta(days=int(serial.group(1)))
    return found if found is not None and date(2000, 1, 1) <= found <= date(2099, 12, 31) else None


def _days(parsed: ParsedTable, name: str, named: np.ndarray) -> np.ndarray:
    """A date column as days (each distinct text parsed once: an hourly report of a million rows has 1,440)."""
    codes, uniques = pd.factorize(pd.Series(parsed.values[name]), use_na_sentinel=False)
    texts = [_text(value) for value in uniques]  # each distinct text once, trimmed (export_day allows spaces)
    days = [export_day(text) for text in texts]
    bad = np.array([day is None and text != "" for day, text in zip(days, texts, strict=True)], dtype=bool)
    if bad.any():
        parsed.flag(name, named & bad[codes], _("a day such as 2025-05-20 (or 2025-05-20 14:00 in an hourly report)"))
    table = np.array([np.datetime64(day, "D") if day else np.datetime64("NaT") for day in days] or [np.datetime64(
        "NaT")], dtype="M8[D]")
    return table[codes] if len(codes) else np.zeros(0, dtype="M8[D]")


def exports_read(files: Sequence[ExportFile], catalogue: Catalogue, column_maps: ColumnMaps | None = None,
                 plan_names: bool = True) -> list[ExportRows]:
    """Every recognised kind of every file, read; InputError with every file's problems together."""
    maps = column_maps or {}
    found: list[ExportRows] = []
    problems = []
    for export in files:
        for kind in export.kinds:
            try:
                found.append(read_export(export.path, catalogue.presets[kind], export.header_row, maps.get(kind),
                                         plan_names))
            except InputError as error:
                problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return found
