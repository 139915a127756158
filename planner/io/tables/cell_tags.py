"""Where the row and cell tags of a piece of a sheet's XML are, found with numpy over its bytes at once.

The archive check needs the area a sheet's cells span (planner.io.tables.archive), and the workbook reader
the cells of a few columns (planner.io.excel.workbook_xml); both read the same tags, once. Only tags written
plainly are placed here, as Excel, WPS, LibreOffice, openpyxl and XlsxWriter write them: a cell's reference
first (`<c r="B12"`), a row's number first (`<row r="12"`), no namespace prefix. A piece with any other cell
or row tag is irregular: its reader counts or parses it the slow, exact way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np

_LT, _COLON, _QUOTE = ord("<"), ord(":"), ord('"')
_AFTER_NAME = np.zeros(256, dtype=bool)  # what may follow a tag's name: space, tab, line end, `/`, `>`
_AFTER_NAME[list(b" \t\n\r/>")] = True
_LETTER = np.zeros(256, dtype=bool)
_LETTER[list(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")] = True
_DIGIT = np.zeros(256, dtype=bool)
_DIGIT[list(b"0123456789")] = True
MAX_DIGITS = 7  # a row past 9,999,999 is irregular (Excel stops at 1,048,576)
PAD = 64  # zeros after a piece's bytes: what a look ahead of a tag's `<` may reach past the piece


@dataclass(frozen=True)
class CellTags:
    """The plain cell tags of one piece: where each is and which cell it names (1-based row and column)."""

    data: np.ndarray  # the piece's bytes (uint8), then PAD zeros: a look past its end needs no bounds
    marks: np.ndarray  # the position of every `<` of the piece, then 4 times the piece's length
    cells: np.ndarray  # for each cell tag, the index in `marks` of its `<`
    ref_ends: np.ndarray  # for each cell tag, the position of the quote that ends its reference
    rows: np.ndarray
    columns: np.ndarray
    max_row: int  # the largest row named by a cell or row tag (0 if none)
    loose: bool  # some reference is not as Excel writes it: its column in lower case, or its row with a leading 0

    @property
    def max_column(self) -> int:
        return int(self.columns.max(initial=0))

    @cached_property
    def words(self) -> np.ndarray:
        """The 8 bytes from each position of the piece as one number (the first byte lowest): `words[at]`
        takes 8 bytes at each position of `at` in one step, where reading them byte by byte takes eight."""
        return words(self.data)


def words(data: np.ndarray) -> np.ndarray:
    """Overlapping 8-byte words of `data` (uint8), one starting at each byte but the last 7."""
    return np.ndarray((len(data) - 7,), dtype="<u8", buffer=data, strides=(1,))


def word(text: bytes) -> int:
    """The number that `words` gives for 8 bytes starting with `text`, the rest of them zero."""
    return int.from_bytes(text, "little")


def starts(found: np.ndarray, text: bytes) -> np.ndarray:
    """Which words of `found` (taken from `words`) start with `text` (at most 8 bytes)."""
    if len(text) == 8:
        return found == np.uint64(word(text))
    return (found & np.uint64((1 << 8 * len(text)) - 1)) == np.uint64(word(text))


def ends(found: np.ndarray, text: bytes) -> np.ndarray:
    """Which words of `found` end with `text` (at most 8 bytes)."""
    return (found >> np.uint64(8 * (8 - len(text)))) == np.uint64(word(text))


def scan(piece: bytes) -> CellTags | None:
    """The piece's cell tags, or None when some cell or row tag is not written plainly.

    Pieces must not split a tag (they end just after a `>`).
    """
    data = np.frombuffer(piece + bytes(PAD), dtype=np.uint8)
    size = len(piece)
    if piece.find(b":") >= 0 and _prefixed(data):
        return None
    marks = np.flatnonzero(data[:size] == _LT)
    second = at(data, marks + 1)
    cells = np.flatnonzero(second == ord("c"))
    cells = cells[_AFTER_NAME[at(data, marks[cells] + 2)]]
    rows_at = marks[second == ord("r")]
    rows_at = rows_at[(at(data, rows_at + 2) == ord("o")) & (at(data, rows_at + 3) == ord("w"))
                      & _AFTER_NAME[at(data, rows_at + 4)]]
    cell_refs = _reference(data, marks[cells] + 2, letters=True)
    row_refs = _reference(data, rows_at + 4, letters=False)
    if cell_refs is None or row_refs is None:
        return None
    columns, rows, ref_ends, loose = cell_refs
    max_row = max(int(rows.max(initial=0)), int(row_refs[1].max(initial=0)))
    return CellTags(data, np.append(marks, [size] * 4), cells, ref_ends, rows, columns, max_row, loose)


def at(data: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """The bytes at `positions`, which lie at most PAD bytes past the piece's end (zeros there match nothing)."""
    return data[positions]


def _prefixed(data: np.ndarray) -> bool:
    """Whether some `:c` or `:row` is followed by what ends a tag's name (a prefixed tag such as <x:c r=..>,
    or text that looks like one: either way the piece is not plain)."""
    colons = np.flatnonzero(data == _COLON)
    cell = (at(data, colons + 1) == ord("c")) & _AFTER_NAME[at(data, colons + 2)]
    row = ((at(data, colons + 1) == ord("r")) & (at(data, colons + 2) == ord("o"))
           & (at(data, colons + 3) == ord("w")) & _AFTER_NAME[at(data, colons + 4)])
    return bool(cell.any() or row.any())


def _reference(data: np.ndarray, where: np.ndarray, letters: bool
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray, bool] | None:
    """The column and row each tag's plain ` r="..."` names, `where` being where the name of the tag ends;
    None when some tag has no such reference first (another attribute, other quotes or spacing, no row)."""
    plain = ((at(data, where) == ord(" ")) & (at(data, where + 1) == ord("r")) & (at(data, where + 2) == ord("="))
             & (at(data, where + 3) == _QUOTE))
    if not plain.all():
        return None
    where = where + 4
    columns, loose = np.zeros(len(where), dtype=np.int32), False
    if letters:
        first, second, third, fourth = (at(data, where + k) for k in range(4))
        upper = [byte & 0xDF for byte in (first, second, third, fourth)]
        one, two, three, four = (byte - ord("A") < 26 for byte in upper)  # a letter (unsigned bytes wrap)
        two &= one
        three &= two
        if not one.all() or (three & four).any():  # no column, or one past XFD
            return None
        columns = upper[0] - np.int32(64)
        columns = np.where(two, columns * 26 + upper[1] - 64, columns)
        columns = np.where(three, columns * 26 + upper[2] - 64, columns)
        loose = bool(((first | second * two | third * three) & 0x20).any())
        where = where + 1 + two + three
    # A row's digits, up to MAX_DIGITS of them, then the closing quote.
    digits = [at(data, where + k) - np.uint8(ord("0")) for k in range(MAX_DIGITS + 1)]
    going = digits[0] < 10
    if not going.all():
        return None  # a reference without its row
    loose = loose or not digits[0].all()
    rows = digits[0].astype(np.int32)
    length = going.astype(np.int64)
    for digit in digits[1:]:
        going &= digit < 10
        if not going.any():
            break
        rows = np.where(going, rows * 10 + digit, rows)
        length += going
    where = where + length
    if going.any() or (at(data, where) != _QUOTE).any():
        return None  # a row past MAX_DIGITS digits, or a reference with more than its column and row
    return columns, rows, where, loose
