"""An XLSX workbook read straight from its XML parts: its sheets, its workbook-level names, and the cells
of chosen rows and columns, each as the value the file stores.

openpyxl reads every cell of every row it is asked for as Python objects (about 30 s for a 100,000-note
plan), reads a formula saved without its result as an empty cell, and stops with a traceback at a number
cell that stores NaN. This reader takes only the columns asked for, and tells such cells apart (Uncached,
Unreadable) so that the read-back can refuse them by name. Sheets as Excel, WPS, LibreOffice, openpyxl
and XlsxWriter write them (each cell's `r` first, no prefixes, UTF-8) are read over their bytes: many rows
with numpy (cell_values), a few with regular expressions; any other sheet goes through a full XML parser:
slower, as exact. Every part is checked (planner.io.tables.archive: sizes, no DTD, cell area) before the
reader sees it; a big sheet while it is read, so that it is decompressed once.
"""

from __future__ import annotations

import math
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring, iterparse

from planner.i18n import _
from planner.io.excel.cell_values import (
    SKIP,
    CellColumn,
    PlainCells,
    Uncached,
    Unreadable,
    character_data,
    kind_of,
    number,
)
from planner.io.tables.archive import CheckedArchive
from planner.io.tables.cell_tags import CellTags, scan
from planner.model.errors import InputError, refuse

__all__ = ["CellColumn", "Uncached", "Unreadable", "WorkbookXml", "column_letters", "column_number", "open_parts"]

WORKBOOK = "xl/workbook.xml"
DEFER_BYTES = 4 << 20  # a part bigger than this is checked while it is read, not before
# A sheet is read in pieces of about this size, each ending after a </row>: small enough that numpy's work on
# one stays in the processor's cache (4 MB pieces cost a quarter more).
_CHUNK = 1 << 20
_FEW_ROWS = 64  # a read of fewer rows (a header, a parameter) names them in a regular expression
_SHARED_STRINGS = "/sharedStrings"  # the end of the relationship type of the shared strings part

Cells = dict[int, list[object]]  # column number (1 = A) -> the values of rows first..last


class WorkbookXml:
    """The parts of one workbook that reading cells needs: sheet names, their parts, names, strings."""

    def __init__(self, archive: CheckedArchive, file: str):
        self.archive, self.file = archive, file
        self._shared: list[str] | None = None
        self._shared_array: np.ndarray | None = None
        targets, types = self._relationships("xl/_rels/workbook.xml.rels")
        self.sheets: dict[str, str] = {}  # sheet name -> its part, in the workbook's order
        self.names: dict[str, str] = {}  # workbook-level defined name -> what it refers to, as stored
        for element in self._xml(WORKBOOK).iter():
            kind = _local(element.tag)
            if kind == "sheet":
                rel = next((v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"), "")
                self.sheets[element.get("name", "")] = targets.get(rel, "")
            elif kind == "definedName" and element.get("localSheetId") is None:
                self.names[element.get("name", "")] = (element.text or "").strip().removeprefix("=")
        self._strings_part = next((targets[rel] for rel, kind in types.items() if kind.endswith(_SHARED_STRINGS)),
                                  None)

    @property
    def sheetnames(self) -> list[str]:
        return list(self.sheets)

    def close(self) -> None:
        self.archive.close()

    def check_rest(self) -> None:
        """Check the parts not yet read whole (InputError if one is refused): a reader that found problems
        calls this before reporting them, so that an unsafe archive is refused as such."""
        self.archive.check_rest()

    # -- parts --

    def _xml(self, part: str) -> Element:
        try:
            return fromstring(self.archive.read(part))
        except (KeyError, ParseError, DefusedXmlException, ValueError) as error:
            raise _damaged(self.file, part, error) from None

    def _relationships(self, part: str) -> tuple[dict[str, str], dict[str, str]]:
        """Relationship id -> target part (resolved against xl/), and id -> relationship type."""
        targets, types = {}, {}
        for element in self._xml(part).iter():
            if _local(element.tag) == "Relationship":
                target, rel = element.get("Target", ""), element.get("Id", "")
                targets[rel] = target[1:] if target.startswith("/") else posixpath.normpath(f"xl/{target}")
                types[rel] = element.get("Type", "")
        return targets, types

    def _events(self, part: str, events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
        """A full XML parser's events over a part; a part it cannot read is a damaged workbook."""
        try:
            with self.archive.open(part) as stream:
                yield from iterparse(stream, events=events)
        except (KeyError, ParseError, DefusedXmlException, ValueError) as error:
            raise _damaged(self.file, part, error) from None

    def shared_strings(self) -> list[str]:
        """The shared string table, read once, when a cell first refers to it."""
        if self._shared is None:
            part = self._strings_part
            self._shared = [] if part is None or part not in self.archive else self._strings(part)
        return self._shared

    def shared_array(self) -> np.ndarray:
        """The shared string table as an array of str, to be taken from at once."""
        if self._shared_array is None:
            self._shared_array = np.array(self.shared_strings() + [""], dtype=object)[:-1]  # [""]: never 2-D
        return self._shared_array

    def _strings(self, part: str) -> list[str]:
        """Each string item's text, by regular expressions when the part is plain, else by the XML parser."""
        data = self.archive.read(part)
        if _plain_root(data, b"sst") and b"<!" not in data:
            try:
                strings = [_text(plain) if plain else _runs_text(runs) for plain, runs in _STRING_ITEM.findall(data)]
            except UnicodeDecodeError:
                strings = []
            if len(strings) == data.count(b"<si"):
                return strings
        strings = []
        for _event, element in self._events(part, ("end",)):
            if _local(element.tag) == "si":
                strings.append(_string_item(element))
                element.clear()
        return strings

    # -- cells --

    def cells(self, sheet: str, first: int, last: int | None, columns: Collection[int] | None) -> Cells:
        """The values of rows first..last (1-based; None: to the end) in `columns` (None: every column).

        An empty cell is None; text is a str (Excel's _xHHHH_ escapes kept), a number a float, TRUE/FALSE
        a bool, an error such as #N/A its text; Uncached and Unreadable mark what no value can stand for.
        """
        return {column: read.values.tolist() for column, read in self.columns(sheet, first, last, columns).items()}

    def columns(self, sheet: str, first: int, last: int | None, columns: Collection[int] | None
                ) -> dict[int, CellColumn]:
        """As `cells`, each column as arrays: its values and their kinds (cell_values.EMPTY, NUMBER, ...)."""
        part = self.sheets[sheet]
        few = last is not None and last - first < _FEW_ROWS
        try:
            rows, cols, values, kinds = (self._few_cells if few else self._plain_cells)(part, first, last, columns)
        except _Irregular:
            rows, cols, values, kinds = _flat(self._parsed_cells(part, first, last, columns))
        except (KeyError, UnicodeDecodeError) as error:
            raise _damaged(self.file, part, error) from None
        end = last if last is not None else int(rows.max(initial=first - 1))
        size = max(0, end - first + 1)
        wanted = sorted(columns) if columns is not None else sorted(set(cols.tolist()))
        # The cells by column, each column's in the order read: a stable sort, of 16-bit numbers a radix sort.
        order = np.argsort(cols.astype(np.int16) if cols.max(initial=0) < 2**15 else cols, kind="stable")
        by_column = cols[order]
        starts = np.searchsorted(by_column, wanted, side="left").tolist()
        stops = np.searchsorted(by_column, wanted, side="right").tolist()
        out = {}
        for column, start, stop in zip(wanted, starts, stops, strict=True):
            chosen = order[start:stop]
            at = rows[chosen] - first
            if len(at) > 1 and not (np.diff(at) > 0).all():  # a cell written twice: the last one counts
                last_of = len(at) - 1 - np.unique(at[::-1], return_index=True)[1]
                chosen, at = chosen[last_of], at[last_of]
            if len(at) == size and (not size or (at[0] == 0 and at[-1] == size - 1)):  # each row's, in order
                out[column] = CellColumn(values[chosen], kinds[chosen])
                continue
            column_values = np.full(size, None, dtype=object)
            column_kinds = np.zeros(size, dtype=np.int8)
            column_values[at] = values[chosen]
            column_kinds[at] = kinds[chosen]
            out[column] = CellColumn(column_values, column_kinds)
        return out

    def _plain_cells(self, part: str, first: int, last: int | None, columns: Collection[int] | None
                     ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Cells read with numpy over the sheet's plain pieces; _Irregular when the sheet is not plain."""
        cells = PlainCells(None if columns is None else np.fromiter(columns, dtype=np.int64), first, last,
                           self._odd_cell, self.shared_array)
        for count, (piece, tags) in enumerate(self._pieces(part, _CHUNK, cells=True)):
            if (count == 0 and not _plain_root(piece, b"worksheet")) or tags is None or tags.loose or (
                    b"!" in piece and b"<!" in piece):
                raise _Irregular
            cells.add(piece, tags)
        return cells.columns_read()

    def _odd_cell(self, piece: bytes, start: int) -> object:
        """One cell of a plain piece read with a regular expression: a formula, rich text, an error..."""
        match = _CELL.match(piece, start)
        if match is None:
            return SKIP
        kind, stored, inner = (group or b"" for group in match.groups())
        return self._match_value(kind, stored, inner)

    def _match_value(self, kind: bytes, stored: bytes, inner: bytes) -> object:
        """The value of a cell matched by _CELL (or the pattern of _few_cells); SKIP when it holds nothing."""
        if stored:
            if kind in (b"", b"n"):
                return number(stored)
            return _value(kind.decode(), None, _text(stored), None, self.shared_strings)
        return _fast_value(kind, inner, self.shared_strings) if inner else SKIP

    def _few_cells(self, part: str, first: int, last: int | None, columns: Collection[int] | None
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Cells of a few rows found by regular expressions over the sheet's first pieces; _Irregular when the
        sheet is not plain. The pattern names the rows, so that the other rows cost no match."""
        letters = b"[A-Z]{1,3}" if columns is None else b"|".join(column_letters(c).encode() for c in columns)
        rows = b"|".join(str(row).encode() for row in range(first, (last or 0) + 1))
        # groups: column letters, row, type, a lone stored value (the usual cell), else what the cell holds
        pattern = re.compile(rb'<c r="(' + letters + rb')(' + rows + rb')"' + _TYPE + rb"[^>]*?"
                             rb"(?:/>|><v>([^<]+)</v></c>|>(.*?)</c>)", re.S)
        end = last if last is not None else math.inf
        found: list[tuple[int, int, object]] = []
        for count, (piece, _tags) in enumerate(self._pieces(part, _CHUNK, cells=False)):
            if (count == 0 and not _plain_root(piece, b"worksheet")) or _IRREGULAR.search(piece):
                raise _Irregular
            for letter, row_text, kind, stored, inner in pattern.findall(piece):
                value = self._match_value(kind, stored, inner)
                if value is not SKIP:
                    found.append((int(row_text), column_number(letter.decode()), value))
            tail = piece.rfind(b'<row r="')
            row_text = piece[tail + 8:piece.find(b'"', tail + 8)] if tail >= 0 else b""
            if row_text.isdigit() and int(row_text) > end:
                break  # rows come in order: the rest of the sheet lies below the rows asked for
        return _flat(((row, column), value) for row, column, value in found)

    def _pieces(self, part: str, size: int, cells: bool) -> Iterator[tuple[bytes, CellTags | None]]:
        """The part's checked bytes in pieces of about `size` that end after a </row>, so that no cell is split,
        each with its cell tags when `cells` (None when it has tags that are not plain)."""
        carry = b""
        for piece in self.archive.pieces(part, size, cells):
            if not carry and piece.data.endswith(b"</row>"):
                yield piece.data, piece.tags
                continue
            chunk = carry + piece.data
            cut = chunk.rfind(b"</row>")
            if cut < 0:
                carry = chunk
                continue
            whole = chunk[:cut + 6]
            yield whole, scan(whole) if cells else None
            carry = chunk[cut + 6:]
        if carry:
            yield carry, scan(carry) if cells else None

    def _parsed_cells(self, part: str, first: int, last: int | None, columns: Collection[int] | None
                      ) -> Iterator[tuple[tuple[int, int], object]]:
        """Cells as a full XML parser reads them: any prefix, encoding, attribute order or missing `r`."""
        wanted = None if columns is None else set(columns)
        row = column = 0
        for event, element in self._events(part, ("start", "end")):
            kind = _local(element.tag)
            if kind == "row" and event == "start":
                given = element.get("r", "")
                row, column = (int(given) if given.isdigit() else row + 1), 0
            elif kind == "row":
                element.clear()
                if last is not None and row > last:
                    return
            elif kind == "c" and event == "end":
                reference = _REFERENCE.fullmatch(element.get("r", ""))
                if reference:
                    column, row = column_number(reference.group(1)), int(reference.group(2))
                else:
                    column += 1
                if first <= row and (last is None or row <= last) and (wanted is None or column in wanted):
                    yield (row, column), self._element_value(element)

    def _element_value(self, cell: Element) -> object:
        children = {_local(child.tag): child for child in cell}
        formula, stored, inline = children.get("f"), children.get("v"), children.get("is")
        return _value(cell.get("t"), None if formula is None else formula.text or "",
                      None if stored is None else stored.text or "",
                      None if inline is None else _string_item(inline), self.shared_strings)


class _Irregular(Exception):
    """A sheet the regular expressions cannot read exactly: the full XML parser reads it instead."""


def _flat(cells: Iterable[tuple[tuple[int, int], object]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Cells read one by one, as the arrays the numpy reading gives: rows, columns, values, kinds."""
    found = list(cells)
    values = np.empty(len(found), dtype=object)
    values[:] = [value for _place, value in found]
    return (np.array([row for (row, _column), _value in found], dtype=np.int64),
            np.array([column for (_row, column), _value in found], dtype=np.int64), values,
            np.array([kind_of(value) for value in values], dtype=np.int8))


_ROOT = re.compile(rb"(?:\xef\xbb\xbf)?\s*(<\?xml[^>]*\?>)?\s*<([A-Za-z_][\w.:-]*)[\s>]")
_TYPE = rb"""(?:[^>]*?\st\s*=\s*["']([^"']*)["'])?"""  # a cell's t="...", wherever among its attributes
# One cell of a plain sheet: its type, a lone stored value (the usual cell), else what the cell holds.
_CELL = re.compile(rb'<c r="[A-Z]{1,3}[1-9][0-9]*"' + _TYPE + rb"[^>]*?(?:/>|><v>([^<]+)</v></c>|>(.*?)</c>)", re.S)
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)""")
# A cell tag whose first attribute is not r="...", or a comment or CDATA section (which may hold anything).
_IRREGULAR = re.compile(rb'<(?:c(?: (?!r=")|[\t\n\r/>])|!)')
_REFERENCE = re.compile(r"([A-Z]{1,3})([1-9][0-9]*)")
# A shared string item: its lone <t> (the usual one), else all it holds.
_STRING_ITEM = re.compile(rb"<si(?:\s*/>|>(?:<t(?:\s[^>]*)?>([^<]*)</t>|(.*?))</si>)", re.S)
_INNER = re.compile(rb"<(f|v|is)(?:\s[^>]*)?(?:/>|>(.*?)</\1>)", re.S)
_PHONETIC = re.compile(rb"<rPh[\s>].*?</rPh>", re.S)
_TEXT = re.compile(rb"<t(?:\s[^>]*)?(?:/>|>(.*?)</t>)", re.S)


def _plain_root(head: bytes, tag: bytes) -> bool:
    """Whether a part starts as the regular expressions expect: UTF-8, its root `tag` with no prefix."""
    root = _ROOT.match(head)
    encoding = _ENCODING.search(root.group(1) or b"") if root else None
    return (root is not None and root.group(2) == tag
            and (encoding is None or encoding.group(1).lower() in (b"utf-8", b"utf8")))


def _fast_value(kind: bytes, inner: bytes, shared: Callable[[], list[str]]) -> object:
    """A cell from its `t` (b"" for none) and the bytes between <c ...> and </c>."""
    parts: dict[bytes, bytes] = {}
    for match in _INNER.finditer(inner):
        parts.setdefault(match.group(1), match.group(2) or b"")
    inline = parts.get(b"is")
    return _value(kind.decode() or None,
                  _text(parts[b"f"]) if b"f" in parts else None, _text(parts[b"v"]) if b"v" in parts else None,
                  None if inline is None else _runs_text(inline), shared)


def _runs_text(item: bytes) -> str:
    """The text of a string item's content (<t>, or runs of <r><t>), without phonetic guides (<rPh>)."""
    return "".join(_text(t) for t in _TEXT.findall(_PHONETIC.sub(b"", item)))


def _value(kind: str | None, formula: str | None, stored: str | None, inline: str | None,
           shared: Callable[[], list[str]]) -> object:
    """A cell's value from its type (`t`), formula (<f>), stored value (<v>) and inline text (<is>)."""
    if kind == "inlineStr" and inline is not None:
        return inline
    if stored is None or (stored == "" and kind != "str"):
        if formula is not None:
            return Uncached(formula)  # openpyxl writes <v></v> beside a formula it did not compute
        return None if stored is None else Unreadable(stored)
    if kind in (None, "n"):
        return number(stored)
    if kind == "s":
        strings = shared()
        index = stored.strip()
        return strings[int(index)] if index.isdigit() and int(index) < len(strings) else Unreadable(stored)
    if kind == "b":
        return {"1": True, "true": True, "0": False, "false": False}.get(stored.strip(), Unreadable(stored))
    if kind in ("str", "e", "d"):
        return stored  # a formula's text, an error such as #N/A, an ISO date
    return Unreadable(stored)


def _text(raw: bytes) -> str:
    """XML character data as a parser gives it: line ends normalised, entity references replaced."""
    return character_data(raw.decode("utf-8"))


def _string_item(element: Element) -> str:
    """The text of a string item (<si> or <is>): its <t>, or its runs' <t>, without phonetic guides."""
    texts = []
    for child in element:
        kind = _local(child.tag)
        if kind == "t":
            texts.append(child.text or "")
        elif kind == "r":
            texts += [t.text or "" for t in child if _local(t.tag) == "t"]
    return "".join(texts)


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def column_letters(column: int) -> str:
    """Column letters of a 1-based column, as a spreadsheet shows them: 1 -> A, 28 -> AB."""
    letters = ""
    while column:
        column, remainder = divmod(column - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based column of column letters: A -> 1, AB -> 28."""
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def open_parts(path: Path, file: str) -> WorkbookXml:
    """The workbook's parts, each checked (planner.io.tables.archive) before it is read; InputError for an
    archive refused or a workbook part that cannot be read."""
    archive = CheckedArchive(path, file, defer_bytes=DEFER_BYTES)
    try:
        return WorkbookXml(archive, file)
    except InputError:
        archive.close()
        raise


def _damaged(file: str, part: str, error: Exception) -> InputError:
    return refuse(file, _("a damaged XLSX workbook ({detail})").format(
        detail=_("part {part}: {error}").format(part=part, error=f"{type(error).__name__}: {error}")))
