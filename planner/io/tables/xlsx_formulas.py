"""Formula cells an XLSX holds without a stored result, found on a sheet's raw XML while it is checked.

Excel, WPS and LibreOffice store each formula's last result beside it (`<f>1+1</f><v>2</v>`); files
written by scripts (openpyxl) or some generators hold the formula alone (`<f>1+1</f><v/>`). A reader
that does not calculate, such as calamine, then gives an empty cell: a title of "" and a budget of 0,
silently. Such cells are found here, in C-speed passes over the bytes (a piece without `<f` costs
one search), so that the import can refuse each one by name.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO

from defusedxml import DefusedXmlException, ElementTree

MAX_FORMULA_CELLS = 1_000  # named one by one; beyond this they are only counted
_MAX_TAIL = 1 << 20  # a cell longer than this (a formula far past Excel's 8,192 characters) is not judged

_CELL_END = b"c>"  # `</c>` or `</x:c>`: a piece is looked at up to the last cell that ends in it
# A cell whose formula is followed by no value, or by an empty one: `<c r="A2"><f>1+1</f><v/></c>`. The
# cell's start tag comes first in its match (its `r` and `t`); a shared formula's other cells hold `<f .../>`.
_UNVALUED = re.compile(rb"<c(\s[^>]*)?>\s*<f(?:\s[^>]*)?(?:/>|>([^<]*)</f>)\s*"
                       rb"(<v\s*/>|<v(?:\s[^>]*)?>\s*</v>)?\s*</c>")
# A formula's end followed by no value (the cell's end) or an empty one. Two searches, each from a literal,
# tell whether a piece holds any: a sheet of formulas has a `/>` or `</f>` in every formula cell, none so.
_NO_VALUE = rb"\s*(?:</c>|<v\s*/>|<v(?:\s[^>]*)?>\s*</v>)"
_FORMULA_ENDS_UNVALUED = (re.compile(rb"</f>" + _NO_VALUE), re.compile(rb"/>" + _NO_VALUE))
_P = rb"[A-Za-z_][\w.-]*:"  # a namespace prefix, as in <x:c>: rare, so looked for only where one occurs
_UNVALUED_PREFIXED = re.compile(rb"<" + _P + rb"c(\s[^>]*)?>\s*<" + _P + rb"f(?:\s[^>]*)?(?:/>|>([^<]*)</" + _P
                                + rb"f>)\s*(<" + _P + rb"v\s*/>|<" + _P + rb"v(?:\s[^>]*)?>\s*</" + _P + rb"v>)?\s*</"
                                + _P + rb"c>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]{1,3})(\d{1,7})["']""")
_TEXT_TYPE = re.compile(rb"""\st\s*=\s*["']str["']""")


@dataclass(frozen=True)
class FormulaCell:
    """A formula cell without a stored result: where it is (None if the file leaves that implicit) and its formula."""

    row: int | None
    column: int | None  # 1 = A
    formula: str  # as written, without "="; "" in the cells that share another cell's formula


@dataclass
class UnvaluedFormulas:
    """The formula cells of one part saved without their results: the first MAX_FORMULA_CELLS, and how many."""

    cells: list[FormulaCell] = field(default_factory=list)
    count: int = 0
    _tail: bytes = field(default=b"", repr=False)  # the part of the last piece after its last whole cell

    def without_rows(self, rows: set[int]) -> UnvaluedFormulas:
        """These formula cells but those in `rows` (rows a user left out of an import)."""
        kept = [cell for cell in self.cells if cell.row not in rows]
        return UnvaluedFormulas(kept, self.count - (len(self.cells) - len(kept)))

    def feed(self, piece: bytes) -> None:
        """The next piece of the part (pieces end just after a `>`)."""
        cut = piece.rfind(_CELL_END) + len(_CELL_END)
        if cut < len(_CELL_END):  # no cell ends in this piece
            self._tail = self._tail + piece if len(self._tail) + len(piece) <= _MAX_TAIL else b""
            return
        # One memchr each: sheet data without formulas rarely holds a lowercase f (tags <c>, <v>, <row>).
        if b"f" in piece or b"f" in self._tail:
            whole = self._tail + piece[:cut]
            if b"<f" in whole and any(end.search(whole) for end in _FORMULA_ENDS_UNVALUED):
                self._take(_UNVALUED.finditer(whole))
            if b":f" in whole:
                self._take(_UNVALUED_PREFIXED.finditer(whole))
        self._tail = piece[cut:]

    def _take(self, matches: Iterator[re.Match[bytes]]) -> None:
        for match in matches:
            attributes, formula, value = match.group(1) or b"", match.group(2), match.group(3)
            if value and _TEXT_TYPE.search(attributes):
                continue  # an empty stored result of a text formula (="" in Excel) is a result
            self.count += 1
            if len(self.cells) < MAX_FORMULA_CELLS:
                ref = _REF.search(attributes)
                text = html.unescape(formula.decode("utf-8", errors="replace")) if formula else ""
                self.cells.append(FormulaCell(int(ref.group(2)) if ref else None,
                                              _column_number(ref.group(1)) if ref else None, text))


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number


def first_sheet_part(archive: zipfile.ZipFile) -> str | None:
    """The archive part of the workbook's first sheet (the one calamine reads first), or None if not found.

    Read with defusedxml, element by element, once the archive checks passed (no DTD, sizes as declared).
    """
    try:
        with archive.open("xl/workbook.xml") as stream:
            sheet = _first(stream, lambda tag, attributes: tag == "sheet")
        relation = None if sheet is None else next(
            (value for key, value in sheet.items() if _local(key) == "id"), None)
        if relation is None:
            return None
        with archive.open("xl/_rels/workbook.xml.rels") as stream:
            link = _first(stream, lambda tag, attributes: tag == "Relationship" and attributes.get("Id") == relation)
    except (KeyError, ElementTree.ParseError, DefusedXmlException):
        return None
    target = link.get("Target") if link is not None else None
    if not target:
        return None
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def _first(stream: IO[bytes], wanted: Callable[[str, dict[str, str]], bool]) -> dict[str, str] | None:
    """The attributes of the first element `wanted(local tag, attributes)` accepts; the others are let go."""
    for _, element in ElementTree.iterparse(stream):
        if wanted(_local(element.tag), element.attrib):
            return dict(element.attrib)
        element.clear()
    return None


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]
