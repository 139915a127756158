"""Notes, history and actuals tables from CSV/XLSX files into model frames (CONTRACT.md), with the import wizard's
preview.

Each file is read once (planner.io.tables.raw); its cells are parsed by planner.io.tables.cells.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.files import open_regular
from planner.io.tables.cells import ColumnCheck, ColumnMap, ParsedTable, Schema, assign_columns, parse_table
from planner.io.tables.raw import RawTable, header_shape, is_empty, read_raw_table
from planner.model import actuals as actuals_model
from planner.model import history as history_model
from planner.model import notes as notes_model
from planner.model.errors import InputError, Problem
from planner.model.fields import ACTUALS, HISTORY, NOTE_INPUTS, TEXT

NOTES_SCHEMA = Schema.of(NOTE_INPUTS)
HISTORY_SCHEMA = Schema.of(HISTORY)
# An actuals row's day is required and read by the actuals model (its rule, its ISO text), not as a note's window.
_ACTUALS_FIELDS = Schema.of(ACTUALS)
ACTUALS_SCHEMA = replace(_ACTUALS_FIELDS, kinds=_ACTUALS_FIELDS.kinds | {"date": TEXT})
SCHEMAS = {"notes": NOTES_SCHEMA, "history": HISTORY_SCHEMA, "actuals": ACTUALS_SCHEMA}  # the tables import_table reads


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


def read_actuals(path: str | Path, column_map: ColumnMap | None = None,
                 skip_rows: Collection[int] | None = None) -> pd.DataFrame:
    """An actuals table (MODEL.md section 10; CONTRACT.md's headers, Chinese or English) as a completed actuals
    frame, days as ISO text, or InputError with every problem."""
    return _valid(import_table(path, "actuals", column_map, skip_rows))


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
    """Read a notes, history or actuals table; value problems are returned, so that a user can see and skip them.

    `column_map` (file header -> field, or None to leave the column out) comes before names and labels.
    `skip_rows` (spreadsheet rows, header = 1) are left out as if the file did not hold them. A file that
    cannot be read, or whose columns do not map, raises InputError with every problem.
    """
    schema = _schema(kind)
    raw = read_raw_table(path, lambda header: schema.inferable(header, column_map))
    raw, skipped = _leave_out(raw, skip_rows)
    parsed, frame = _parsed(raw, kind, schema, column_map)
    if parsed.refused:
        parsed.raise_if_any()
    return ImportResult(frame, parsed.problems, raw.rows, skipped)


def _parsed(raw: RawTable, kind: str, schema: Schema, column_map: ColumnMap | None
            ) -> tuple[ParsedTable, pd.DataFrame]:
    """The table's cells parsed and checked by the model's rules: every problem, in the file's order."""
    parsed = parse_table(raw, schema, column_map)
    if kind == "notes":
        frame = notes_model.complete_notes(parsed.frame())
        parsed.add_model_problems(notes_model.check_notes(frame, raw.file, raw.rows))
    elif kind == "history":
        frame = history_model.complete_history(parsed.frame())
        parsed.add_model_problems(history_model.check_history(frame, raw.file, raw.rows))
    else:
        frame = actuals_model.complete_actuals(parsed.frame())
        parsed.add_model_problems(actuals_model.check_actuals(frame, raw.file, raw.rows))
    parsed.sort()
    return parsed, frame


def _schema(kind: str) -> Schema:
    if kind not in SCHEMAS:
        raise ValueError(f"unknown table kind {kind!r}: notes, history or actuals")
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
    skipped = [int(row) for row in raw.rows[drop]]
    kept = replace(raw, cells=raw.cells[keep].reset_index(drop=True), rows=raw.rows[keep], keep=texts_keep,
                   _text={}, formulas=raw.formulas.without_rows(set(skipped)))
    return kept, skipped


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
    head: RawTable | None = field(default=None, repr=False, compare=False)  # the rows shown, as read

    def check(self, column_map: ColumnMap | None = None) -> ColumnCheck:
        """The columns under the user's choices, with the problems that stop the import (as import_table's)."""
        return assign_columns(_schema(self.kind), self.header, column_map, self.filled_blank.__contains__,
                              self.file, self.header_row)

    def cell_problems(self, column_map: ColumnMap | None = None) -> list[Problem]:
        """The problems of the rows shown under the user's choices, each at the file's header and row, as the
        whole read reports them (a repeated id only where both rows are shown); none while the columns do not
        map. A few rows: cheap enough to run on every change of a choice."""
        if self.head is None or self.check(column_map).refused:
            return []
        parsed, _frame = _parsed(self.head, self.kind, _schema(self.kind), column_map)
        return [problem for problem in parsed.problems if problem.row is not None and problem.row != self.header_row]


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
                        encoding, separator, raw.header_row, blank, _head(raw, shown))


def _head(raw: RawTable, shown: int) -> RawTable:
    """The first `shown` rows of a table, as an import would parse them."""
    head, _skipped = _leave_out(raw, raw.rows[shown:].tolist())
    return head


_LEADING_BLANK_LINES = re.compile(r"(?:[ \t,]*(?:\r\n|\n|\r))*")
_BOM = b"\xef\xbb\xbf"


def _text_format(path: Path) -> tuple[str, str]:
    """The encoding and separator the reader used (for display), for a file it has read already.

    UTF-8 is checked over the whole file in pieces (as the reader decides), never holding its text.
    """
    with open_regular(path, path.name, _("a table file")) as handle:
        head = handle.read(1 << 16)
        if head[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
            return "XLSX", ""
        decoder = codecs.getincrementaldecoder("utf-8")()
        try:
            decoder.decode(head)
            for piece in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(piece)
            decoder.decode(b"", final=True)
            encoding = _("UTF-8 with BOM") if head.startswith(_BOM) else "UTF-8"
        except UnicodeDecodeError:
            encoding = "GB18030"
    text = head.removeprefix(_BOM).decode("gb18030" if encoding == "GB18030" else "utf-8", errors="replace")
    blank = _LEADING_BLANK_LINES.match(text)
    separator, _columns, _ended = header_shape(text[blank.end() if blank else 0:])
    return encoding, separator
