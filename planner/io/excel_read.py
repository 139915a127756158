"""Reading an exported Excel plan back after someone edited it (CONTRACT.md "Commands": apply-excel).

Budgets, lock flags and lifts are read back; other inputs edited in the workbook are listed as not read
back, so that nobody believes a rate they typed in Excel is now in the plan. Nothing is applied unless the
whole workbook is valid: every problem is reported at once, each naming the sheet, row and column.
Notes and lifts are found through the workbook's defined names, which Excel, WPS and LibreOffice move
along when rows are inserted or deleted, and columns by their header text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd

from planner.io.excel_labels import NOTE_COLUMN, PARAMS, display_width, header, lift_header
from planner.io.excel_layout import EditedBook, cell_string, export_lang, open_workbook
from planner.io.excel_xml import unescape
from planner.io.safety import cell_text
from planner.model.errors import InputError
from planner.model.lifts import DEFAULT_ROW, LIFT_COLUMNS, SOURCE_TYPED, check_lifts
from planner.model.notes import normalise_industry
from planner.model.plan import Plan

READ_BACK = ("budget", "locked")
INVALID = object()  # a cell that is a problem, never a change
# Inputs a brand may edit to see totals follow, but which the plan takes only from the app.
NOT_READ_BACK = ("industry", "is_ad", "taobao_link", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov",
                 "audience_cap", "min_budget", "max_budget")
PARAMETERS = ("brand_budget", "joint_on", "platform_share", "platform_cap")
LIFT_VALUES = LIFT_COLUMNS[:-2]
SAVED_DIGITS = 1e-13  # LibreOffice saves 15 significant digits: a difference below this is no edit
_TRUE, _FALSE = ("true", "1", "yes", "y", "是"), ("false", "0", "no", "n", "否", "")


@dataclass(frozen=True)
class Change:
    """One edited input: where it is in the workbook, whose it is (note id or industry), old and new value."""

    sheet: str
    row: int | None
    column: str
    key: str
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class Edits:
    """What a workbook changes: `changes` are applied by apply_edits; `ignored` stay as the plan has them."""

    file: str
    lang: str
    changes: tuple[Change, ...]
    ignored: tuple[Change, ...]


def read_edits(plan: Plan, path: str | Path) -> Edits:
    """The edits an exported workbook makes to `plan`, or InputError listing every problem found in it."""
    path = Path(path)
    book = open_workbook(path)
    try:
        lang = export_lang(book, path.name)
        reader = _Reader(plan, book, path.name, lang)
        changes, ignored = reader.notes()
        changes += reader.lifts()
        ignored += reader.parameters()
        if reader.problems:
            raise InputError(reader.problems)
        return Edits(path.name, lang, tuple(changes), tuple(ignored))
    finally:
        book.close()


def apply_edits(plan: Plan, edits: Edits) -> Plan:
    """`plan` with the edited budgets, lock flags and lifts (a lift typed in the workbook is `typed`)."""
    notes = plan.notes.copy()
    index = pd.Index(notes["note_id"])
    for field in READ_BACK:
        mine = [c for c in edits.changes if c.field == field]
        if mine:
            positions = index.get_indexer([c.key for c in mine])
            column = notes[field].to_numpy(copy=True)
            column[positions] = [c.new for c in mine]
            notes[field] = column
    lifts = plan.lifts
    for industry in dict.fromkeys(c.key for c in edits.changes if c.field in LIFT_VALUES):
        values: dict[str, object] = {c.field: c.new for c in edits.changes if c.key == industry and c.field in LIFT_VALUES}
        lifts = lifts.with_row(industry, {**values, "source": SOURCE_TYPED, "n_notes": np.nan})
    return replace(plan, notes=notes, lifts=lifts)


def _industries(values: list[object]) -> list[str]:
    """Industries as keys (美妆 -> beauty, Default -> default), as the app normalises them; "" for none."""
    texts = pd.Series(["" if value is None else cell_string(value) for value in values], dtype=object).str.strip()
    if texts.empty:
        return []
    keys = normalise_industry(texts).where(texts.str.lower() != DEFAULT_ROW, DEFAULT_ROW)
    return keys.where(texts != "", "").tolist()


def _same(old: object, new: object) -> bool:
    """Whether a cell still holds what the export wrote, up to the 15-16 digits spreadsheets save."""
    if isinstance(old, float) and math.isnan(old):
        return new is None
    if isinstance(old, bool | np.bool_) or isinstance(new, bool):
        return isinstance(new, bool) and bool(old) == new
    if isinstance(old, int | float):
        return isinstance(new, float) and math.isclose(new, old, rel_tol=SAVED_DIGITS, abs_tol=0.0)
    return old == new


class _IdMatcher:
    """Finds a workbook's note id in the plan, as Excel, WPS or LibreOffice may have saved it.

    Excel escapes control characters as `_xHHHH_` (and a literal `_x0041_` as `_x005F_x0041_`), which
    LibreOffice does not always re-escape; LibreOffice also keeps no carriage return in a cell.
    """

    def __init__(self, plan_ids: list[str]):
        self.exact = {note_id: i for i, note_id in enumerate(plan_ids)}
        folded: dict[str, int] = {}
        for i, note_id in enumerate(plan_ids):
            folded[_fold(note_id)] = -2 if _fold(note_id) in folded else i  # -2: ambiguous
        self.folded = folded

    def __call__(self, cell: object) -> tuple[int, str]:
        if cell is None:
            return -1, ""
        raw = cell if isinstance(cell, str) else cell_text(cell)
        note_id = unescape(raw)
        for candidate in (note_id, raw):
            if candidate in self.exact:
                return self.exact[candidate], candidate
        position = self.folded.get(_fold(note_id), -1)
        return (position if position >= 0 else -1), note_id


def _fold(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _number(value: object) -> float | None:
    """A cell as a number, None when it holds anything else (text, TRUE/FALSE, an error)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _flag(value: object) -> bool | None:
    """A lock flag as TRUE/FALSE, 1/0 or the words a user types (是/否, yes/no); None when it is none."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = cell_string(value).strip().lower() if isinstance(value, str) else None
    return True if word in _TRUE else False if word in _FALSE else None


class _Reader(EditedBook):
    """Reads one workbook against one plan, gathering every problem rather than stopping at the first."""

    def __init__(self, plan: Plan, book: openpyxl.Workbook, file: str, lang: str):
        super().__init__(book, file, lang)
        self.plan = plan

    # -- the notes sheet --

    def notes(self) -> tuple[list[Change], list[Change]]:
        """Edited budgets and lock flags (applied), other edited inputs (not); problems with any row."""
        ids_range, budgets_range = self.named_range("note_ids"), self.named_range("note_budgets")
        if ids_range is None or budgets_range is None:
            return [], []
        sheet, id_col, first, _, last = ids_range
        labels = {key: header(NOTE_COLUMN[key], self.lang) for key in ("note_id", "budget", "locked") + NOT_READ_BACK}
        columns = self.header_columns(sheet, first - 1, labels, ("locked",))
        columns.update(note_id=id_col - 1, budget=budgets_range[1] - 1)
        cells = self.cells(sheet, first, last, columns)
        rows = list(range(first, first + len(cells["note_id"])))
        positions = self._note_positions(sheet, rows, cells["note_id"], labels["note_id"])
        found = [(row, position) for row, position in zip(rows, positions, strict=True) if position >= 0]
        changes: list[Change] = []
        ignored: list[Change] = []
        for key in ("budget", "locked") + tuple(k for k in NOT_READ_BACK if k in columns):
            values = [cells[key][row - first] for row, _ in found]
            parsed = self._parse(sheet, key, labels[key], [row for row, _ in found], values)
            target = changes if key in READ_BACK else ignored
            target += self._changed(sheet, labels[key], key, found, parsed)
        return changes, ignored

    def _note_positions(self, sheet: str, rows: list[int], cells: list[object], label: str) -> list[int]:
        """Each row's note in the plan (its position), -1 for a row that is not one; problems for the rest."""
        plan_ids = self.plan.notes["note_id"].tolist()
        match = _IdMatcher(plan_ids)
        seen: dict[int, int] = {}
        positions: list[int] = []
        found: list[tuple[int, str | None, str]] = []
        for row, cell in zip(rows, cells, strict=True):
            position, note_id = match(cell)
            if note_id == "":
                found.append((row, None, "a note id (the row has none; delete notes in the app)"))
            elif position < 0:
                found.append((row, note_id, "the id of one of the plan's notes (add notes in the app, not here)"))
            elif position in seen:
                found.append((row, note_id, f"each note once (row {seen[position]} has this id too)"))
                position = -1
            else:
                seen[position] = row
            positions.append(position)
        if rows and not seen:  # not a workbook of this plan: one line says so, rather than one per row
            self.problem(sheet, None, label, None, f"a workbook exported from this plan (none of its {len(rows)} "
                                                   "note ids is one of the plan's)")
            return positions
        for row, value, expected in found:
            self.problem(sheet, row, label, value, expected)
        for position, note_id in enumerate(plan_ids):
            if position not in seen:
                self.problem(sheet, None, label, note_id, "a row for each note of the plan (this note's row was "
                             "deleted or its id changed; set its budget to 0 rather than delete it)")
        return positions

    def _parse(self, sheet: str, key: str, label: str, rows: list[int], values: list[object]) -> list[object]:
        """Cells as model values; an invalid budget or lock flag is a problem (and INVALID), others as found."""
        parsed: list[object] = []
        industries = _industries(values) if key == "industry" else []
        for row, value in zip(rows, values, strict=True):
            if key == "budget":
                number = 0.0 if value is None else _number(value)
                if number is None:
                    self.problem(sheet, row, label, value, "a budget in yuan: a number of 0 or more, not text")
                elif not number >= 0:
                    self.problem(sheet, row, label, value, "a budget of 0 or more")
                parsed.append(number if number is not None and number >= 0 else INVALID)
            elif key == "locked":
                flag = _flag(value)
                if flag is None:
                    self.problem(sheet, row, label, value, "TRUE or FALSE (是 or 否)")
                parsed.append(INVALID if flag is None else flag)
            elif key == "industry":
                parsed.append(industries[len(parsed)])
            elif NOTE_COLUMN[key].kind == "bool":
                flag = _flag(value)
                parsed.append(value if flag is None else flag)
            else:
                number = _number(value)
                parsed.append(value if number is None and value is not None else number)
        return parsed

    def _changed(self, sheet: str, label: str, key: str, found: list[tuple[int, int]], parsed: list[object]
                 ) -> list[Change]:
        """A Change for each valid cell whose value is not the plan's."""
        notes = self.plan.notes
        old_values, ids = notes[key].tolist(), notes["note_id"].tolist()
        changes = []
        for (row, position), new in zip(found, parsed, strict=True):
            old = old_values[position]
            if new is not INVALID and not _same(old, new):
                changes.append(Change(sheet, row, label, ids[position], key, old, new))
        return changes

    # -- the Assumptions sheet --

    def lifts(self) -> list[Change]:
        """Edited lift rows (a new industry row is a new typed row); every problem with them."""
        found = self.named_range("lift_industry")
        if found is None:
            return []
        sheet, column, first, _, last = found
        labels = {key: lift_header(key, self.lang) for key in ("industry",) + LIFT_VALUES}
        columns = self.header_columns(sheet, first - 1, {key: labels[key] for key in LIFT_VALUES}, LIFT_VALUES)
        if len(columns) < len(LIFT_VALUES):
            return []
        columns["industry"] = column - 1
        records = self._lift_rows(sheet, first, self.cells(sheet, first, last, columns), labels)
        table = self.plan.lifts.table
        for industry in table.index:
            if industry not in records:
                self.problem(sheet, None, labels["industry"], industry,
                             "a row for each industry of the plan's lifts (this one was deleted)")
        valid = {industry: record for industry, record in records.items() if None not in record[1].values()}
        frame = pd.DataFrame([values for _, values in valid.values()], columns=list(LIFT_VALUES))
        for found_problem in check_lifts(frame, self.file, np.array([row for row, _ in valid.values()], dtype=int)):
            self.problem(sheet, found_problem.row, labels.get(found_problem.column or "", found_problem.column),
                         found_problem.value, found_problem.expected)
        changes = []
        for industry, (row, values) in valid.items():
            for key, new in values.items():
                old = float(table.at[industry, key]) if industry in table.index else None
                if old is None or not _same(old, new):
                    changes.append(Change(sheet, row, labels[key], industry, key, old, new))
        return changes

    def _lift_rows(self, sheet: str, first: int, cells: dict[str, list[object]], labels: dict[str, str]
                   ) -> dict[str, tuple[int, dict[str, float | None]]]:
        records: dict[str, tuple[int, dict[str, float | None]]] = {}
        for i, industry in enumerate(_industries(cells["industry"])):
            row = first + i
            if industry == "":
                self.problem(sheet, row, labels["industry"], None, "an industry, or default (it is required)")
                continue
            if industry in records:
                self.problem(sheet, row, labels["industry"], industry,
                             f"each industry once (row {records[industry][0]} has it too)")
                continue
            values = {key: _number(cells[key][i]) for key in LIFT_VALUES}
            for key, value in values.items():
                if value is None:
                    self.problem(sheet, row, labels[key], cells[key][i], "a lift: a number of -1 or more (0.2 = +20%)")
            records[industry] = (row, values)
        return records

    def parameters(self) -> list[Change]:
        """Plan parameters edited on the Assumptions sheet: shown, not read back (set them in the app)."""
        params = self.plan.params
        old = {"brand_budget": params.brand_budget, "joint_on": bool(params.joint),
               "platform_share": params.platform_share,
               "platform_cap": math.nan if params.platform_cap is None else params.platform_cap}
        ignored = []
        for key, zh, en, *_ in (p for p in PARAMS if p[0] in PARAMETERS):
            found = self.named_range(key)
            if found is None:
                continue
            sheet, column, row, _, _ = found
            cell = next(self.book[sheet].iter_rows(min_row=row, max_row=row, min_col=column, max_col=column,
                                                   values_only=True), (None,))[0]
            new = _flag(cell) if key == "joint_on" else _number(cell) if cell is not None else None
            if not _same(old[key], cell if new is None and cell is not None else new):
                ignored.append(Change(sheet, row, zh if self.lang == "zh" else en, "", key, old[key], cell))
        return ignored


def edits_table(edits: Edits) -> list[str]:
    """The edits as lines of a text table (note or industry, column, old, new) for a terminal."""
    lines = [f"{len(edits.changes)} change(s) read back from {edits.file}" + (":" if edits.changes else ".")]
    lines += _table(edits.changes)
    if edits.ignored:
        lines.append(f"{len(edits.ignored)} edit(s) in the workbook NOT read back (make them in the app):")
        lines += _table(edits.ignored)
    return lines


def _table(changes: tuple[Change, ...]) -> list[str]:
    rows = [("sheet", "row", "note/industry", "column", "old", "new")]
    rows += [(c.sheet, "" if c.row is None else str(c.row), c.key, c.column, _shown(c.field, c.old),
              _shown(c.field, c.new)) for c in changes]
    widths = [max(display_width(row[i]) for row in rows) for i in range(6)]
    return ["  " + "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True)
                             ).rstrip() for row in rows] if changes else []


def _shown(field: str, value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "(empty)"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float) and field in LIFT_VALUES:
        return f"{value:+.2%}"
    if isinstance(value, int | float) and field in ("ctr", "interaction_rate", "entry_rate", "cvr", "platform_share"):
        return f"{value:.4%}"
    if isinstance(value, int | float):
        prefix = "" if field == "audience_cap" else "¥"
        return f"{prefix}{value:,.2f}".removesuffix(".00")
    return cell_string(value).replace("\n", "\\n").replace("\t", "\\t")
