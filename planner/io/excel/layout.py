"""Finding an exported plan's parts in a workbook someone edited: opened only once it passed the archive
checks and shows the RedCat Planner marker, then its named ranges, header columns and cells, collecting
every problem rather than stopping at the first.

A named range is trusted only where the workbook agrees with it: it must be one block of cells on a sheet
the workbook has, of the shape the export wrote, under (or beside) the header the export wrote there, in
either language. Excel, WPS and LibreOffice move names along when rows are inserted or a sheet is
renamed, so such edits are harmless; a name pointed at another column, or left behind by a deleted
sheet (#REF!), is refused rather than read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from planner.i18n import N_, _
from planner.io.excel.labels import FORMAT_ID, FORMAT_VERSION, LANGS, META_SHEET
from planner.io.excel.sheet_xml import unescape
from planner.io.excel.workbook_xml import CellColumn, WorkbookXml, column_letters, column_number, open_parts
from planner.io.tables.archive import MAX_XLSX_BYTES
from planner.io.tables.raw import cell_text, file_head
from planner.model.errors import Problem, refuse
from planner.model.words import alternatives

META_ROWS = 64  # the marker sheet holds a handful of rows
MAX_ROWS, MAX_COLUMNS = 1_048_576, 16_384  # a sheet's size in Excel, WPS and LibreOffice (A1:XFD1048576)
MISSING_NAME = N_("the named range of an exported plan (it is missing or broken, e.g. after all its rows were "
                  "deleted): export again")
# What a defined name may refer to: one block of cells on one sheet, e.g. '笔记计划'!$A$4:$A$103 or 假设!$B$5.
_REFERS_TO = re.compile(r"(?:'((?:[^']|'')+)'|([^'!\s:\[\]]+))!\$?([A-Z]{1,3})\$?([1-9][0-9]*)"
                        r"(?::\$?([A-Z]{1,3})\$?([1-9][0-9]*))?")


def _on_a_sheet(reference: re.Match[str]) -> bool:
    """Whether a reference's cells are within a sheet's MAX_ROWS rows and MAX_COLUMNS columns."""
    _quoted, _bare, col1, row1, col2, row2 = reference.groups()
    return (max(column_number(col1), column_number(col2 or col1)) <= MAX_COLUMNS
            and max(int(row1), int(row2 or row1)) <= MAX_ROWS)


def open_workbook(path: Path) -> WorkbookXml:
    """The workbook, its parts each read only once it passed the safety checks (size, zip bomb, entities); a
    big sheet is checked while it is read: `check_rest` before trusting what was read."""
    file = path.name
    size, head = file_head(path, 4)
    if head != b"PK\x03\x04":
        raise refuse(file, _("not an XLSX workbook (an exported plan is one; was it saved in another format?)"))
    if size > MAX_XLSX_BYTES:
        raise refuse(file, _("too big ({size:.0f} MB; the limit is {limit} MB)").format(
            size=size / 2**20, limit=MAX_XLSX_BYTES // 2**20))
    return open_parts(path, file)


def export_lang(book: WorkbookXml, file: str) -> str:
    """The export's language, once the hidden marker sheet shows the workbook is one of ours."""
    if META_SHEET not in book.sheets:
        raise refuse(file, _("a workbook exported by RedCat Planner (planner-cli export or the app's Export); "
                             "this one has no RedCat Planner marker, so its rows cannot be matched to a plan"))
    keys, values = book.cells(META_SHEET, 1, META_ROWS, (1, 2)).values()
    meta = {str(key): value for key, value in zip(keys, values, strict=True) if key is not None}
    if meta.get("format") != FORMAT_ID:
        raise refuse(file, _("a RedCat Planner export (its {sheet} sheet does not name the format)").format(
            sheet=META_SHEET))
    version = meta.get("version")
    if not isinstance(version, int | float) or version > FORMAT_VERSION:
        raise refuse(file, _("an export of format version {supported} or older; this one is version {version}, "
                             "from a newer RedCat Planner: update the app").format(
            supported=FORMAT_VERSION, version=cell_string(version)))
    lang = meta.get("lang")
    return lang if lang in LANGS else "zh"


def cell_string(value: object) -> str:
    """A cell as text: a string with Excel's escapes undone, anything else as a CSV would hold it."""
    return unescape(value) if isinstance(value, str) else cell_text(value)


def header_text(value: object) -> str:
    """A header cell as the text compared with the export's labels (trimmed; "" for an empty cell)."""
    return "" if value is None else cell_string(value).strip()


@dataclass(frozen=True)
class Place:
    """The block of cells a workbook-level name refers to (1-based), with the reference as stored."""

    name: str
    refers_to: str
    sheet: str
    first_col: int
    first_row: int
    last_col: int
    last_row: int


class EditedBook:
    """An exported workbook read back: where its named ranges, header columns and cells are."""

    def __init__(self, book: WorkbookXml, file: str, lang: str):
        self.book, self.file, self.lang = book, file, lang
        self.problems: list[Problem] = []

    def problem(self, sheet: str, row: int | None, column: str | None, value: object, expected: str) -> None:
        """A problem at a cell of `sheet`; `column` is the workbook's header there (or the column's letters)."""
        self.problems.append(Problem(self.file, row, column, value,
                                     _("{expected} (sheet {sheet})").format(expected=expected, sheet=sheet),
                                     header=True))

    def name_problem(self, name: str, expected: str) -> None:
        """A problem with a name itself, which lies on no sheet (Formulas > Name Manager shows it)."""
        self.problems.append(Problem(self.file, None, None, name, expected))

    # -- named ranges --

    def place(self, name: str) -> Place | None:
        """Where a workbook-level name refers to, or None (and a problem) when that is no block of cells."""
        refers_to = self.book.names.get(name)
        if refers_to is None:
            self.name_problem(name, _(MISSING_NAME))
            return None
        deleted = "#REF!" in refers_to.upper()  # #REF!$A$4:$A$9 would otherwise read as a sheet named #REF
        match = None if deleted else _REFERS_TO.fullmatch(refers_to)
        if match is not None and not _on_a_sheet(match):
            match = None  # past the last row or column a sheet has: no cells (and no list of a billion of them)
        if match is None:
            if deleted:
                told = _("the named range of an exported plan, one block of cells on one sheet; it refers to "
                         "{refers_to} (#REF!: its sheet or its cells were deleted): undo that, or export again")
            else:
                told = _("the named range of an exported plan, one block of cells on one sheet; it refers to "
                         "{refers_to}: undo that, or export again")
            self.name_problem(name, told.format(refers_to=refers_to))
            return None
        quoted, bare, col1, row1, col2, row2 = match.groups()
        sheet = quoted.replace("''", "'") if quoted is not None else bare
        if sheet not in self.book.sheets:
            self.name_problem(name, _("the named range of an exported plan; it refers to {refers_to}, but the "
                                      "workbook has no sheet {sheet} (renamed by a program that left the name "
                                      "behind, or deleted): give the sheet its name back, or export again").format(
                refers_to=refers_to, sheet=sheet))
            return None
        first_col, last_col = column_number(col1), column_number(col2 or col1)
        first_row, last_row = int(row1), int(row2 or row1)
        return Place(name, refers_to, sheet, min(first_col, last_col), min(first_row, last_row),
                     max(first_col, last_col), max(first_row, last_row))

    def named_column(self, name: str, headers: tuple[str, ...]) -> Place | None:
        """A name's cells: one column, under one of `headers` (the export's header in either language)."""
        place = self.place(name)
        if place is None:
            return None
        if place.first_col != place.last_col:
            self.name_problem(name, _("one column of cells, as the export wrote it; it refers to {refers_to}: "
                                      "point it at one column, or export again").format(refers_to=place.refers_to))
            return None
        return place if self._labelled(place, place.first_row - 1, place.first_col, headers, above=True) else None

    def named_cell(self, name: str, labels: tuple[str, ...]) -> Place | None:
        """A name's single cell, beside one of `labels` (the export's label in either language) on its left."""
        place = self.place(name)
        if place is None:
            return None
        if (place.first_col, place.first_row) != (place.last_col, place.last_row):
            self.name_problem(name, _("a single cell, as the export wrote it; it refers to {refers_to}: point it at "
                                      "one cell, or export again").format(refers_to=place.refers_to))
            return None
        return place if self._labelled(place, place.first_row, place.first_col - 1, labels, above=False) else None

    def _labelled(self, place: Place, row: int, column: int, labels: tuple[str, ...], above: bool) -> bool:
        """Whether the cell at (row, column) holds one of `labels`; a problem at that cell if not."""
        found = self.book.cells(place.sheet, row, row, (column,))[column][0] if row >= 1 and column >= 1 else None
        if header_text(found) in labels:
            return True
        if above:
            told = _("the header above the cells of the name {name} ({refers_to}) to read {labels}: the name points "
                     "elsewhere than the export put it; point it back, or export again")
        else:
            told = _("the label beside the cells of the name {name} ({refers_to}) to read {labels}: the name points "
                     "elsewhere than the export put it; point it back, or export again")
        self.problem(place.sheet, row if row >= 1 else None, column_letters(column) if column >= 1 else None,
                     found, told.format(name=place.name, refers_to=place.refers_to, labels=alternatives(labels)))
        return False

    # -- columns and cells --

    def header_columns(self, sheet: str, row: int, labels: dict[str, tuple[str, ...]], required: tuple[str, ...]
                       ) -> dict[str, int]:
        """Columns (1 = A) whose header in spreadsheet row `row` is one of a key's labels (either language)."""
        found: dict[str, int] = {}
        for column, (cell,) in sorted(self.book.cells(sheet, row, row, None).items()):
            text = header_text(cell)
            for key, accepted in labels.items():
                if text in accepted and key not in found:
                    found[key] = column
        for key in required:
            if key not in found:
                self.problem(sheet, row, labels[key][0], None, _("the column {labels} in the header row").format(
                    labels=alternatives(labels[key])))
        return found

    def cells(self, sheet: str, first: int, last: int, columns: dict[str, int]) -> dict[str, list[object]]:
        """The cells of rows first..last in each keyed column (1 = A), read in one pass over the sheet."""
        return {key: read.values.tolist() for key, read in self.cell_columns(sheet, first, last, columns).items()}

    def cell_columns(self, sheet: str, first: int, last: int, columns: dict[str, int]) -> dict[str, CellColumn]:
        """As `cells`, each column as arrays of its values and their kinds."""
        by_number = self.book.columns(sheet, first, last, set(columns.values()))
        return {key: by_number[number] for key, number in columns.items()}

