"""Reading an exported Excel plan back after someone edited it (CONTRACT.md "Commands": apply-excel).

Budgets, lock flags and lifts are read back; other inputs edited in the workbook are listed as not read
back, so that nobody believes a rate they typed in Excel is now in the plan. Nothing is applied unless the
whole workbook is valid: every problem is reported at once, each naming the sheet, row and column.
Notes and lifts are found through the workbook's defined names, which Excel, WPS and LibreOffice move
along when rows are inserted or deleted, each checked against the header the export wrote above it, and
other columns by their header text, in either language. An edited note is held to the model's own rules
(check_notes), an edited lift row to check_lifts, each problem reported at the workbook's cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from planner.i18n import _, language, ngettext
from planner.io.excel.labels import NOTE_COLUMN, PARAMS, display_width, header, lift_header
from planner.io.excel.layout import EditedBook, cell_string, export_lang, open_workbook
from planner.io.excel.values import (
    IdMatcher,
    as_exported,
    as_flag,
    as_number,
    industry_column_keys,
    industry_keys,
    no_value,
    unchanged,
)
from planner.io.excel.workbook_xml import CellColumn, WorkbookXml, column_letters
from planner.model.errors import InputError
from planner.model.fields import lift_row_label
from planner.model.lifts import LIFT_COLUMNS, LIFTS, SOURCE_TYPED, check_lifts, moved_band
from planner.model.limits import MAX_LIFT
from planner.model.notes import check_notes
from planner.model.plan import Plan

READ_BACK = ("budget", "locked")
INVALID = object()  # a cell that is a problem, never a change
# Inputs a brand may edit to see totals follow, but which the plan takes only from the app.
NOT_READ_BACK = ("industry", "is_ad", "taobao_link", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov",
                 "audience_cap", "min_budget", "max_budget")
PARAMETERS = ("brand_budget", "joint_on", "platform_share", "platform_cap")
LIFT_VALUES = LIFT_COLUMNS[:-2]


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
        try:
            lang = export_lang(book, path.name)
            reader = _Reader(plan, book, path.name, lang)
            changes, ignored = reader.notes()
            changes += reader.lifts()
            ignored += reader.parameters()
        except InputError:
            book.check_rest()  # an archive that fails its checks is refused as such, whatever its sheets hold
            raise
        book.check_rest()
        if reader.problems:
            raise InputError(reader.problems)
        return Edits(path.name, lang, tuple(changes), tuple(ignored))
    finally:
        book.close()


def apply_edits(plan: Plan, edits: Edits) -> Plan:
    """`plan` with the edited budgets, lock flags and lifts (a lift typed in the workbook is `typed`)."""
    lifts = plan.lifts
    for industry in dict.fromkeys(c.key for c in edits.changes if c.field in LIFT_VALUES):
        # A lift is read as a number (as_number), or is a problem that stops the workbook.
        values: dict[str, float | str] = {c.field: c.new for c in edits.changes
                                          if c.key == industry and c.field in LIFT_VALUES and isinstance(c.new, float)}
        lifts = lifts.with_row(industry, {**values, "source": SOURCE_TYPED, "n_notes": np.nan})
    return replace(plan, notes=_edited_notes(plan.notes, edits.changes), lifts=lifts)


def _edited_notes(notes: pd.DataFrame, changes: Sequence[Change]) -> pd.DataFrame:
    """A copy of `notes` with the budgets and lock flags that `changes` edit."""
    notes = notes.copy()
    index = pd.Index(notes["note_id"])
    for field in READ_BACK:
        mine = [c for c in changes if c.field == field]
        if mine:
            positions = index.get_indexer([c.key for c in mine])
            column = notes[field].to_numpy(copy=True)
            column[positions] = [c.new for c in mine]
            notes[field] = column
    return notes


def _both(key: str) -> tuple[str, str]:
    """A notes column's header in either language: a workbook may have been exported in either."""
    return NOTE_COLUMN[key].zh, NOTE_COLUMN[key].en


class _Reader(EditedBook):
    """Reads one workbook against one plan, gathering every problem rather than stopping at the first."""

    def __init__(self, plan: Plan, book: WorkbookXml, file: str, lang: str):
        super().__init__(book, file, lang)
        self.plan = plan

    def label(self, key: str) -> str:
        """A notes column's header in the workbook's language, as problems and changes name it."""
        return header(NOTE_COLUMN[key], self.lang) if key in NOTE_COLUMN else key

    # -- the notes sheet --

    def notes(self) -> tuple[list[Change], list[Change]]:
        """Edited budgets and lock flags (applied), other edited inputs (not); problems with any row."""
        ids, budgets = self.named_column("note_ids", _both("note_id")), self.named_column("note_budgets",
                                                                                           _both("budget"))
        if ids is None or budgets is None:
            return [], []
        if (budgets.sheet, budgets.first_row, budgets.last_row) != (ids.sheet, ids.first_row, ids.last_row):
            self.name_problem("note_budgets", _("the rows of note_ids ({ids}), as the export wrote them; it refers "
                                                "to {budgets}: export again").format(ids=ids.refers_to,
                                                                                    budgets=budgets.refers_to))
            return [], []
        sheet, first = ids.sheet, ids.first_row
        others = ("locked",) + NOT_READ_BACK
        columns = self.header_columns(sheet, first - 1, {key: _both(key) for key in others}, ("locked",))
        columns.update(note_id=ids.first_col, budget=budgets.first_col)
        cells = self.cell_columns(sheet, first, ids.last_row, columns)
        rows = np.arange(first, first + len(cells["note_id"].values))
        positions = self._note_positions(sheet, rows, cells["note_id"], columns["note_id"])
        found = np.flatnonzero(positions >= 0)
        changes: list[Change] = []
        ignored: list[Change] = []
        for key in ("budget", "locked") + tuple(k for k in NOT_READ_BACK if k in columns):
            target = changes if key in READ_BACK else ignored
            target += self._edited(sheet, key, columns[key], rows[found], positions[found], cells[key], found)
        self._check_edited_notes(sheet, changes)
        return changes, ignored

    def _edited(self, sheet: str, key: str, column: int, rows: np.ndarray, positions: np.ndarray,
                cells: CellColumn, found: np.ndarray) -> list[Change]:
        """The changes a column makes to the notes at `positions` (its cells `found`); problems with any cell.

        The cells that still hold what the export wrote, nearly all, are told apart a column at a time; the
        others are read one by one.
        """
        if len(found) < len(cells.values):  # else every row is a note's, in order (found is 0, 1, 2...)
            cells = CellColumn(cells.values[found], cells.kinds[found])
        old = self.plan.notes[key].to_numpy()[positions]
        if key == "industry":
            same = industry_column_keys(cells) == old
        else:
            same = as_exported(cells, old, 0.0 if key == "budget" else False if old.dtype == np.bool_ else None)
        edited = np.flatnonzero(~same)
        values = cells.values[edited].tolist()
        parsed = self._parse(sheet, key, column, rows[edited].tolist(), values)
        return self._changed(sheet, key, list(zip(rows[edited].tolist(), positions[edited].tolist(), strict=True)),
                             parsed)

    def _note_positions(self, sheet: str, rows: np.ndarray, cells: CellColumn, column: int) -> np.ndarray:
        """Each row's note in the plan (its position), -1 for a row that is not one; problems for the rest."""
        label = self.label("note_id")
        plan_ids = self.plan.notes["note_id"].tolist()
        match = IdMatcher(plan_ids)
        positions = match.positions(cells)
        found: dict[int, tuple[object, str]] = {}  # a row's index -> its problem: the value, what was expected
        a_note_id = _("a note id")
        for i in np.flatnonzero(positions < 0).tolist():  # the cells that are not plainly one of the plan's ids
            row, cell = int(rows[i]), cells.values[i]
            unusable = no_value(cell, f"{column_letters(column)}{row}", a_note_id)
            position, note_id = (-1, str(cell)) if unusable else match(cell)
            if unusable:
                found[i] = (note_id, unusable)
            elif note_id == "":
                found[i] = (None, _("a note id (the row has none; delete notes in the app)"))
            elif position < 0:
                found[i] = (note_id, _("the id of one of the plan's notes (add notes in the app, not here)"))
            else:
                found[i] = (note_id, "")  # a match: only its id is kept, in case the note comes twice
            positions[i] = position
        # A note's first row holds it; a later row with its id is refused, naming the first.
        matched = np.flatnonzero(positions >= 0)
        _notes, first, inverse = np.unique(positions[matched], return_index=True, return_inverse=True)
        twice = np.flatnonzero(matched != matched[first][inverse])
        for i, first_row in zip(matched[twice].tolist(), rows[matched[first][inverse][twice]].tolist(), strict=True):
            found[i] = (found[i][0] if i in found else cells.values[i],
                        _("each note once (row {row} has this id too)").format(row=first_row))
        positions[matched[twice]] = -1
        if len(rows) and not len(first):  # not a workbook of this plan: one line says so, rather than one per row
            self.problem(sheet, None, label, None, ngettext(
                "a workbook exported from this plan (its {n} note id is not one of the plan's)",
                "a workbook exported from this plan (none of its {n} note ids is one of the plan's)",
                len(rows)).format(n=len(rows)))
            return positions
        for i, (value, expected) in sorted(found.items()):
            if expected:
                self.problem(sheet, int(rows[i]), label, value, expected)
        deleted = _("a row for each note of the plan (this note's row was deleted or its id changed; set its budget "
                    "to 0 rather than delete it)")
        in_book = np.zeros(len(plan_ids), dtype=bool)
        in_book[positions[positions >= 0]] = True
        for position in np.flatnonzero(~in_book).tolist():
            self.problem(sheet, None, label, plan_ids[position], deleted)
        return positions

    def _parse(self, sheet: str, key: str, column: int, rows: list[int], values: list[object]) -> list[object]:
        """Cells as model values; an unreadable budget or lock flag is a problem (and INVALID), others as found."""
        if key in READ_BACK:
            return [self._read_back(sheet, key, column, row, value) for row, value in zip(rows, values, strict=True)]
        if key == "industry":
            return list(industry_keys(values))
        if NOTE_COLUMN[key].kind == "bool":
            return [value if (flag := as_flag(value)) is None else flag for value in values]
        # A number cell is a float already (the usual cell: one check); an int is one too; others as found.
        return [value if type(value) is float or value is None else as_number(value) if isinstance(value, int)
                and not isinstance(value, bool) else value for value in values]

    def _read_back(self, sheet: str, key: str, column: int, row: int, value: object) -> object:
        """A budget or lock flag as the model's value, or INVALID (and a problem) when the cell holds none.

        Whether a budget is one the model takes (0 or more, within bounds) is the model's own check
        (_check_edited_notes); here only what is no number at all.
        """
        if type(value) is (float if key == "budget" else bool):
            return value
        what = _("a budget in yuan: a number of 0 or more") if key == "budget" else _("TRUE or FALSE (是 or 否)")
        unusable = no_value(value, f"{column_letters(column)}{row}", what)
        new = None if unusable else (0.0 if value is None else as_number(value)) if key == "budget" else as_flag(value)
        if new is None:
            self.problem(sheet, row, self.label(key), str(value) if unusable else value,
                         unusable or (_("{what}, not text").format(what=what) if key == "budget" else what))
        return INVALID if new is None else new

    def _changed(self, sheet: str, key: str, found: list[tuple[int, int]], parsed: list[object]) -> list[Change]:
        """A Change for each valid cell whose value is not the plan's."""
        if not parsed:
            return []
        notes = self.plan.notes
        old_values, ids = notes[key].tolist(), notes["note_id"].tolist()
        label = self.label(key)
        changes = []
        for (row, position), new in zip(found, parsed, strict=True):
            old = old_values[position]
            if new is INVALID or (type(new) is type(old) and new == old):  # the usual cell: as exported
                continue
            if not unchanged(old, new):
                changes.append(Change(sheet, row, label, ids[position], key, old, new))
        return changes

    def _check_edited_notes(self, sheet: str, changes: list[Change]) -> None:
        """The model's own rules (check_notes) on each edited note, each problem at its workbook cell."""
        if not changes:
            return
        rows = {c.key: c.row for c in changes if c.row is not None}
        edited = _edited_notes(self.plan.notes, changes)
        positions = pd.Index(edited["note_id"]).get_indexer(list(rows))
        for found in check_notes(edited.iloc[positions].reset_index(drop=True), self.file, list(rows.values())):
            self.problem(sheet, found.row, self.label(found.column or ""), found.value, found.expected)

    # -- the Assumptions sheet --

    def lifts(self) -> list[Change]:
        """Edited lift rows (a new industry row is a new typed row); every problem with them.

        A lift edited alone moves its P10–P90 band with it, as a lift typed in the app does; a band the
        user edited too is kept as typed.
        """
        found = self.named_column("lift_industry", _lift_headers("industry"))
        if found is None:
            return []
        sheet, first = found.sheet, found.first_row
        columns = self.header_columns(sheet, first - 1, {key: _lift_headers(key) for key in LIFT_VALUES}, LIFT_VALUES)
        if len(columns) < len(LIFT_VALUES):
            return []
        columns["industry"] = found.first_col
        labels = {key: lift_header(key, self.lang) for key in ("industry",) + LIFT_VALUES}
        records = self._lift_rows(sheet, first, self.cells(sheet, first, found.last_row, columns), columns, labels)
        table = self.plan.lifts.table
        for industry in table.index:
            if industry not in records:
                self.problem(sheet, None, labels["industry"], industry,
                             _("a row for each industry of the plan's lifts (this one was deleted)"))
        valid = {industry: record for industry, record in records.items() if None not in record[1].values()}
        for industry, (_row, values) in valid.items():
            if industry in table.index:
                values.update(_moved_bands(self.plan.lifts.row(industry), values))
        frame = pd.DataFrame([values for _row, values in valid.values()], columns=list(LIFT_VALUES))
        for found_problem in check_lifts(frame, self.file, np.array([row for row, _values in valid.values()], dtype=int)):
            self.problem(sheet, found_problem.row, labels.get(found_problem.column or "", found_problem.column),
                         found_problem.value, found_problem.expected)
        changes = []
        for industry, (row, values) in valid.items():
            for key, new in values.items():
                old = float(self.plan.lifts.row(industry)[key]) if industry in table.index else None
                if old is None or not unchanged(old, new):
                    changes.append(Change(sheet, row, labels[key], industry, key, old, new))
        return changes

    def _lift_rows(self, sheet: str, first: int, cells: dict[str, list[object]], columns: dict[str, int],
                   labels: dict[str, str]) -> dict[str, tuple[int, dict[str, float | None]]]:
        records: dict[str, tuple[int, dict[str, float | None]]] = {}
        for i, industry in enumerate(industry_keys(cells["industry"])):
            row = first + i
            unusable = no_value(cells["industry"][i], f"{column_letters(columns['industry'])}{row}",
                                _("an industry"))
            if unusable or industry == "":
                self.problem(sheet, row, labels["industry"], str(cells["industry"][i]) if unusable else None,
                             unusable or _("an industry, or default (it is required)"))
                continue
            if industry in records:
                self.problem(sheet, row, labels["industry"], industry,
                             _("each industry once (row {row} has it too)").format(row=records[industry][0]))
                continue
            values = {key: as_number(cells[key][i]) for key in LIFT_VALUES}
            for key, value in values.items():
                what = _("a lift: a number of -1 or more (0.2 = +20%)")
                unusable = no_value(cells[key][i], f"{column_letters(columns[key])}{row}", what)
                if value is None:
                    self.problem(sheet, row, labels[key], str(cells[key][i]) if unusable else cells[key][i],
                                 unusable or what)
            records[industry] = (row, values)
        return records

    def parameters(self) -> list[Change]:
        """Plan parameters edited on the Assumptions sheet: shown, not read back (set them in the app)."""
        params = self.plan.params
        old = {"brand_budget": params.brand_budget, "joint_on": bool(params.joint),
               "platform_share": params.platform_share,
               "platform_cap": math.nan if params.platform_cap is None else params.platform_cap}
        ignored = []
        for key, zh, en, *_meanings in (p for p in PARAMS if p[0] in PARAMETERS):
            found = self.named_cell(key, (zh, en))
            if found is None:
                continue
            row, column = found.first_row, found.first_col
            cell = self.book.cells(found.sheet, row, row, (column,))[column][0]
            new = as_flag(cell) if key == "joint_on" else as_number(cell) if cell is not None else None
            if not unchanged(old[key], cell if new is None and cell is not None else new):
                ignored.append(Change(found.sheet, row, zh if self.lang == "zh" else en, "", key, old[key], cell))
        return ignored


def _lift_headers(key: str) -> tuple[str, str]:
    """A lift table column's header in either language."""
    return lift_header(key, "zh"), lift_header(key, "en")


def _moved_bands(old: pd.Series, values: dict[str, float | None]) -> dict[str, float]:
    """The P10–P90 band of each lift edited alone, moved with it (lifts.moved_band); bands edited are kept.

    A lift outside the model's range keeps its band, so that the only problem reported is the lift's own.
    """
    moved: dict[str, float] = {}
    for lift in LIFTS:
        low, high, typed = f"{lift}_low", f"{lift}_high", values[lift]
        if (typed is not None and -1.0 <= typed <= MAX_LIFT and not unchanged(float(old[lift]), typed)
                and unchanged(float(old[low]), values[low]) and unchanged(float(old[high]), values[high])):
            moved[low], moved[high] = moved_band(float(old[lift]), float(old[low]), float(old[high]), typed)
    return moved


def edits_table(edits: Edits) -> list[str]:
    """The edits as lines of a text table (note or industry, column, old, new) for a terminal, in the language
    spoken; sheets and columns as the workbook names them."""
    count = len(edits.changes)
    if count:
        lines = [ngettext("{n} change read back from {file}:", "{n} changes read back from {file}:", count).format(
            n=count, file=edits.file)]
    else:
        lines = [_("No changes read back from {file}.").format(file=edits.file)]
    lines += _table(edits.changes)
    if edits.ignored:
        lines.append(ngettext("{n} edit in the workbook NOT read back (make it in the app):",
                              "{n} edits in the workbook NOT read back (make them in the app):",
                              len(edits.ignored)).format(n=len(edits.ignored)))
        lines += _table(edits.ignored)
    return lines


def _table(changes: tuple[Change, ...]) -> list[str]:
    lang = language()
    rows = [(_("sheet"), _("row"), _("note/industry"), _("column"), _("old"), _("new"))]
    rows += [(c.sheet, "" if c.row is None else str(c.row), _whose(c, lang), c.column, _shown(c.field, c.old),
              _shown(c.field, c.new)) for c in changes]
    widths = [max(display_width(row[i]) for row in rows) for i in range(6)]
    return ["  " + "  ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(row, widths, strict=True)
                             ).rstrip() for row in rows] if changes else []


def _whose(change: Change, lang: str) -> str:
    """Whose value a change is: a note's id, or a lift row's industry by its label (美妆)."""
    return lift_row_label(change.key, lang) if change.field in LIFT_VALUES else change.key


def _shown(field: str, value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _("(empty)")
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
