"""Copying notes as tab-separated text that pastes into Excel, and reading pasted cells back as edits.

A paste is planned in full before anything changes: every cell is parsed, every target checked, and any
problem stops the whole paste with a message per cell (nothing is dropped silently). A pasted block with
a header row is matched by column name (English, Chinese or field names); with a note id column, rows
are matched by note id, so a table copied out, edited in Excel and copied back lands on the right notes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from planner.gui.labels import label
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS, ParseError, copy_texts, parse_value
from planner.gui.models.notes_model import NotesTableModel
from planner.model.errors import Problem
from planner.model.fields import note_field

CLIPBOARD = "clipboard"


def to_tsv(model: NotesTableModel, rows: np.ndarray, columns: Sequence[int], headers: bool) -> str:
    """The cells of `rows` x `columns` (model rows and columns) as Excel reads a paste: tabs and CRLF."""
    positions = model.positions(rows)
    texts = [copy_texts(COLUMNS[c], model.column_values(COLUMNS[c].key)[positions]) for c in columns]
    lines = ["\t".join(_cell(text) for text in row) for row in zip(*texts, strict=True)]
    if headers:
        lines.insert(0, "\t".join(_cell(label(COLUMNS[c].key)) for c in columns))
    return "\r\n".join(lines) + "\r\n"


def _cell(text: str) -> str:
    """Quote a cell as Excel does when it holds a tab, a newline or a quote."""
    if any(ch in text for ch in "\t\r\n\""):
        return '"' + text.replace('"', '""') + '"'
    return text


def parse_tsv(text: str) -> list[list[str]]:
    """Rows of cells from pasted text (Excel's quoting understood); the trailing empty line dropped."""
    rows = list(csv.reader(io.StringIO(text.replace("\r\n", "\n")), delimiter="\t"))
    while rows and all(not cell.strip() for cell in rows[-1]):
        rows.pop()
    return rows


def header_keys(cells: Sequence[str]) -> list[str | None] | None:
    """The column key of each cell when the row is a header row (every non-empty cell names a column)."""
    names: dict[str, str] = {}
    for column in COLUMNS:
        field = note_field(column.key)
        for name in field.header_texts() if field else (column.key,):
            names[name.strip().lower()] = column.key
    keys = [names.get(cell.strip().lower()) if cell.strip() else None for cell in cells]
    named = [k for k, cell in zip(keys, cells, strict=True) if cell.strip()]
    return keys if named and all(named) else None


@dataclass
class PastePlan:
    """What a paste would do: one (field, positions, values) per column, or the problems that stop it."""

    edits: list[tuple[str, np.ndarray, list[object]]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # computed columns of a header-matched paste


def plan_paste(model: NotesTableModel, text: str, start_row: int, target_columns: Sequence[int],
               selected_rows: np.ndarray | None = None) -> PastePlan:
    """Plan pasting `text` at `start_row` into `target_columns` (visible columns from the current one).

    A single value with several rows selected fills the selected rows of the first target column.
    """
    rows = parse_tsv(text)
    plan = PastePlan()
    if not rows:
        plan.problems.append(Problem(CLIPBOARD, None, None, None, "cells to paste (the clipboard is empty)"))
        return plan
    keys = header_keys(rows[0])
    if keys is not None:
        return _plan_with_header(model, keys, rows[1:], start_row, plan)
    if len(rows) == 1 and len(rows[0]) == 1 and selected_rows is not None and len(selected_rows) > 1:
        positions = model.positions(np.sort(selected_rows))
        rows = [rows[0]] * len(positions)
    else:
        positions = _positions_from(model, start_row, len(rows), plan)
    width = max(len(r) for r in rows)
    if width > len(target_columns):
        plan.problems.append(Problem(CLIPBOARD, None, None, None,
                                     f"at most {len(target_columns)} columns from the current one"))
    columns = [COLUMNS[c].key for c in target_columns[:width]]
    _add_columns(plan, columns, rows, positions, line_offset=1, skip_computed=False)
    return plan


def _positions_from(model: NotesTableModel, start_row: int, count: int, plan: PastePlan) -> np.ndarray:
    shown = model.rowCount()
    if start_row < 0:
        plan.problems.append(Problem(CLIPBOARD, None, None, None, "a current cell to paste at"))
        return np.empty(0, dtype=int)
    if start_row + count > shown:
        plan.problems.append(Problem(CLIPBOARD, None, None, None,
                                     f"at most {shown - start_row} rows from the current one "
                                     f"(the paste has {count})"))
        count = max(0, shown - start_row)
    return model.positions(np.arange(start_row, start_row + count))


def _plan_with_header(model: NotesTableModel, keys: list[str | None], rows: list[list[str]],
                      start_row: int, plan: PastePlan) -> PastePlan:
    if "note_id" in keys:
        ids = [row[keys.index("note_id")].strip() if keys.index("note_id") < len(row) else "" for row in rows]
        lookup = {note: i for i, note in enumerate(model.column_values("note_id").tolist())}
        positions = np.array([lookup.get(note, -1) for note in ids], dtype=int)
        for line, (note, position) in enumerate(zip(ids, positions, strict=True), start=2):
            if position < 0:
                plan.problems.append(Problem(CLIPBOARD, line, "note_id", note, "the id of a note in this plan"))
    else:
        positions = _positions_from(model, start_row, len(rows), plan)
    _add_columns(plan, [k or "" for k in keys], rows, positions, line_offset=2, skip_computed=True)
    return plan


def _add_columns(plan: PastePlan, keys: list[str], rows: list[list[str]], positions: np.ndarray,
                 line_offset: int, skip_computed: bool) -> None:
    for k, key in enumerate(keys):
        if not key:
            continue
        column = COLUMNS[COLUMN_INDEX[key]]
        if not column.editable:
            if skip_computed:
                if key != "note_id":
                    plan.ignored.append(label(key))
                continue
            plan.problems.append(Problem(CLIPBOARD, None, key, None,
                                         "a column that can be edited (this one is computed or fixed)"))
            continue
        values: list[object] = []
        for line, row in enumerate(rows[:len(positions)]):
            text = row[k] if k < len(row) else ""
            try:
                values.append(parse_value(column, text))
            except ParseError as error:
                plan.problems.append(Problem(CLIPBOARD, line + line_offset, key, text, error.expected))
        if len(values) == len(positions) and not plan.problems:
            valid = positions >= 0
            plan.edits.append((key, positions[valid], [v for v, ok in zip(values, valid, strict=True) if ok]))
