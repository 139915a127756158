"""Finding an exported plan's parts in a workbook someone edited: opened only once it passed the archive
checks and shows the RedCat Planner marker, then its named ranges, header columns and cells, collecting
every problem rather than stopping at the first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from planner.io.archive import MAX_XLSX_BYTES, check_archive
from planner.io.excel_labels import FORMAT_ID, FORMAT_VERSION, LANGS, META_SHEET
from planner.io.excel_xml import unescape
from planner.io.safety import cell_text, file_head
from planner.model.errors import Problem, refuse


def open_workbook(path: Path) -> openpyxl.Workbook:
    """The workbook, opened only after the archive passed the safety checks (size, zip bomb, entities)."""
    file = path.name
    size, head = file_head(path, 4)
    if head != b"PK\x03\x04":
        raise refuse(file, "not an XLSX workbook (an exported plan is one; was it saved in another format?)")
    if size > MAX_XLSX_BYTES:
        raise refuse(file, f"too big ({size / 2**20:.0f} MB; the limit is {MAX_XLSX_BYTES // 2**20} MB)")
    check_archive(path, file)
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as error:
        raise refuse(file, f"a damaged XLSX workbook ({type(error).__name__}: {error})") from None


def export_lang(book: openpyxl.Workbook, file: str) -> str:
    """The export's language, once the hidden marker sheet shows the workbook is one of ours."""
    if META_SHEET not in book.sheetnames:
        raise refuse(file, "a workbook exported by RedCat Planner (planner-cli export or the app's Export); "
                           "this one has no RedCat Planner marker, so its rows cannot be matched to a plan")
    rows = (tuple(row) + (None, None) for row in book[META_SHEET].iter_rows(max_col=2, values_only=True))
    meta = {str(row[0]): row[1] for row in rows if row[0] is not None}
    if meta.get("format") != FORMAT_ID:
        raise refuse(file, f"a RedCat Planner export (its {META_SHEET} sheet does not name the format)")
    version = meta.get("version")
    if not isinstance(version, int | float) or version > FORMAT_VERSION:
        raise refuse(file, f"an export of format version {FORMAT_VERSION} or older; this one is version "
                           f"{version}, from a newer RedCat Planner: update the app")
    lang = meta.get("lang")
    return lang if lang in LANGS else "zh"


def cell_string(value: object) -> str:
    """A cell as text: a string with Excel's escapes undone, anything else as a CSV would hold it."""
    return unescape(value) if isinstance(value, str) else cell_text(value)


class EditedBook:
    """An exported workbook read back: where its named ranges, header columns and cells are."""

    def __init__(self, book: openpyxl.Workbook, file: str, lang: str):
        self.book, self.file, self.lang = book, file, lang
        self.problems: list[Problem] = []

    def problem(self, sheet: str, row: int | None, column: str | None, value: object, expected: str) -> None:
        self.problems.append(Problem(self.file, row, column, value, f"{expected} (sheet {sheet})"))

    def named_range(self, name: str) -> tuple[str, int, int, int, int] | None:
        """(sheet, first column, first row, last column, last row), 1-based, of a workbook-level name."""
        defined = self.book.defined_names.get(name)
        destinations = list(defined.destinations) if defined is not None else []
        if len(destinations) != 1 or destinations[0][0] not in self.book.sheetnames:
            self.problems.append(Problem(self.file, None, None, name, "the named range of an exported plan (it is "
                                         "missing or broken, e.g. after all its rows were deleted): export again"))
            return None
        sheet, reference = destinations[0]
        first_col, first_row, last_col, last_row = range_boundaries(reference.replace("$", ""))
        return sheet, first_col, first_row, last_col, last_row

    def header_columns(self, sheet: str, row: int, labels: dict[str, str], required: tuple[str, ...]
                       ) -> dict[str, int]:
        """0-based positions of the columns whose header (spreadsheet row `row`) is one of `labels`."""
        cells = next(self.book[sheet].iter_rows(min_row=row, max_row=row, values_only=True), ())
        texts = [cell_string(cell).strip() if cell is not None else "" for cell in cells]
        found = {key: texts.index(label) for key, label in labels.items() if label in texts}
        for key in required:
            if key not in found:
                self.problem(sheet, row, labels[key], None, f"the column {labels[key]} in the header row")
        return found

    def cells(self, sheet: str, first: int, last: int, columns: dict[str, int]) -> dict[str, list[object]]:
        """The cells of rows first..last in each named column, read in one pass over the sheet."""
        width = max(columns.values()) + 1
        rows = [values + (None,) * (width - len(values)) for values in
                self.book[sheet].iter_rows(min_row=first, max_row=last, max_col=width, values_only=True)]
        by_column = list(zip(*rows, strict=True)) if rows else [()] * width
        return {key: list(by_column[position]) for key, position in columns.items()}
