"""The values of chosen cells of a plain sheet, read with numpy from pieces of its XML and their cell tags.

A 100,000-note plan's notes sheet holds 3.4 million cells, of which a read-back wants 1.5 million: found one
by one with regular expressions, they cost seconds of Python. Here each cell tag's attributes and content
are matched against the forms spreadsheet programs write (`<c r="Q4" s="19"><v>5353.0</v></c>`,
`<c r="A4" t="inlineStr"><is><t>N1</t></is></c>`, `<c r="R4" t="b"><v>0</v></c>`, shared strings) for all
cells of a piece at once; numbers are converted together at the end. Any cell of another form (a formula,
rich text, an error, other spacing) is read by `odd`, the workbook reader's own cell by cell reading, so
that every cell reads as it did.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from planner.io.tables.cell_tags import CellTags, at, ends, starts

# What a cell holds, as read: kinds let the read-back treat the usual cells a column at a time.
EMPTY, NUMBER, FLAG, TEXT, OTHER = range(5)
Odd = Callable[[bytes, int], object]  # the value of the cell whose tag starts at a position of a piece
SKIP = object()  # what `odd` gives for a cell that holds nothing: it leaves its place as it was


@dataclass(frozen=True)
class Uncached:
    """A formula saved without its result (scripts write these; spreadsheet programs store the result)."""

    formula: str

    def __str__(self) -> str:
        return "=" + self.formula


@dataclass(frozen=True)
class Unreadable:
    """A cell whose stored value is not what its type says: a number cell holding NaN, 1e999 or nothing."""

    stored: str

    def __str__(self) -> str:
        return self.stored

# A cell's type (t="..."), as a code: 0 for none.
_TYPES = (b"n", b"s", b"b", b"e", b"d", b"str", b"inlineStr")
_N, _S, _B, _INLINE = 1, 2, 3, 7
_ENTITY = re.compile(r"&(?:#([0-9]+)|#x([0-9A-Fa-f]+)|(amp|lt|gt|quot|apos));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_MAX_STYLE_DIGITS = 6


@dataclass(frozen=True)
class CellColumn:
    """One column's cells of the rows read: each value (None, float, bool, str, or what no value can
    stand for), and its kind (EMPTY, NUMBER, FLAG, TEXT, OTHER) so that the usual cells are told apart at once."""

    values: np.ndarray  # object
    kinds: np.ndarray  # int8

    def numbers(self) -> np.ndarray:
        """The values as floats: NaN in cells that hold no number."""
        out = np.full(len(self.values), np.nan)
        where = self.kinds == NUMBER
        out[where] = self.values[where].astype(np.float64)
        return out


def kind_of(value: object) -> int:
    """The kind of a value read cell by cell."""
    if value is None:
        return EMPTY
    if type(value) is float:
        return NUMBER
    if type(value) is bool:
        return FLAG
    return TEXT if type(value) is str else OTHER


class PlainCells:
    """Collects the cells of chosen columns and rows from the pieces of one plain sheet."""

    def __init__(self, columns: np.ndarray | None, first: int, last: int | None, odd: Odd,
                 shared: Callable[[], np.ndarray]):
        self.columns, self.first, self.odd, self.shared = columns, first, odd, shared
        self.last = np.iinfo(np.int64).max if last is None else last
        self.rows: list[np.ndarray] = []
        self.cols: list[np.ndarray] = []
        self.values: list[np.ndarray] = []
        self.kinds: list[np.ndarray] = []
        self.number_text: list[bytes] = []  # each piece's number cells' text, each ended by "<"
        self.number_at: list[np.ndarray] = []  # and where they go among the values collected
        self.count = 0

    def add(self, piece: bytes, tags: CellTags) -> None:
        """The chosen cells of one piece (which must end after a whole cell)."""
        wanted = (tags.rows >= self.first) & (tags.rows <= self.last)
        if self.columns is not None:
            wanted &= np.isin(tags.columns, self.columns)
        chosen = np.flatnonzero(wanted)
        if not len(chosen):
            return
        form = _Forms(tags, chosen)
        data = tags.data
        values = np.empty(len(chosen), dtype=object)
        kinds = np.full(len(chosen), OTHER, dtype=np.int8)
        numbers = form.stored & ((form.kind == 0) | (form.kind == _N))
        kinds[numbers] = NUMBER
        flags = self._flags(data, form, values, kinds)
        shared = self._shared(data, form, values, kinds)
        inline = form.inline & (form.kind == _INLINE)
        values[inline] = _texts(_spans(data, form.content[inline] + 7, form.text_end[inline]))
        kinds[inline] = TEXT
        odd = ~(form.empty | numbers | flags | shared | inline)
        starts = tags.marks[tags.cells[chosen]]
        keep = ~form.empty  # an empty cell (<c r="P4" s="19"/>) holds no value: it leaves its place as it was
        for i in np.flatnonzero(odd):
            values[i] = value = self.odd(piece, int(starts[i]))
            kinds[i] = kind_of(value)
            keep[i] = value is not SKIP
        self.number_text.append(_spans(data, form.content[numbers] + 3, form.value_end[numbers]))
        self.number_at.append((np.cumsum(keep) - 1)[numbers] + self.count)
        self.rows.append(tags.rows[chosen[keep]])
        self.cols.append(tags.columns[chosen[keep]])
        self.values.append(values[keep])
        self.kinds.append(kinds[keep])
        self.count += int(keep.sum())

    @staticmethod
    def _flags(data: np.ndarray, form: _Forms, values: np.ndarray, kinds: np.ndarray) -> np.ndarray:
        """TRUE/FALSE cells stored as 1 or 0 (t="b"); others (true, false) are odd."""
        flags = form.stored & (form.kind == _B) & (form.value_end == form.content + 4)
        stored = at(data, form.content + 3)
        flags &= (stored == ord("0")) | (stored == ord("1"))
        values[flags] = stored[flags] == ord("1")
        kinds[flags] = FLAG
        return flags

    def _shared(self, data: np.ndarray, form: _Forms, values: np.ndarray, kinds: np.ndarray) -> np.ndarray:
        """Shared strings (t="s") whose index is one the table has; others are odd (read one by one)."""
        wanted = form.stored & (form.kind == _S)
        if not wanted.any():
            return wanted
        where = np.flatnonzero(wanted)
        text = _spans(data, form.content[where] + 3, form.value_end[where])
        if not _DIGITS[np.frombuffer(text, dtype=np.uint8)].all():
            return np.zeros_like(wanted)  # a space or sign in some index: each read one by one
        strings = self.shared()
        index = np.array([int(item) for item in text.split(b"<")[:-1]], dtype=object)
        known = index < len(strings)
        values[where[known]] = strings[index[known].astype(np.int64)]
        kinds[where[known]] = TEXT
        wanted[where[~known]] = False
        return wanted

    def columns_read(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Every cell collected: row, column, value, kind (numbers converted now, all at once)."""
        if not self.count:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=object), np.zeros(0, dtype=np.int8)
        values = np.concatenate(self.values)
        kinds = np.concatenate(self.kinds)
        at_numbers = np.concatenate(self.number_at)
        text = b"".join(self.number_text)
        numbers = _numbers(text)
        values[at_numbers] = numbers
        odd = np.flatnonzero(~np.isfinite(numbers))  # NaN, infinities, 1_000, text: read one by one
        items = text.split(b"<") if len(odd) else []
        for i in odd.tolist():
            values[at_numbers[i]] = value = number(items[i])
            kinds[at_numbers[i]] = kind_of(value)
        return np.concatenate(self.rows), np.concatenate(self.cols), values, kinds


class _Forms:
    """The form of each chosen cell of a piece: the tag's attributes and what follows it, matched at once (a
    word of 8 bytes at a time: tags.words)."""

    def __init__(self, tags: CellTags, chosen: np.ndarray):
        data, marks, words = tags.data, tags.marks, tags.words
        mark = tags.cells[chosen]
        following = marks[mark + 1]  # the next `<` after the cell's: its content, or the next tag
        closed = at(data, following - 1) == ord(">")
        self.empty = closed & (at(data, following - 2) == ord("/"))
        self.kind, plain = _attributes(words, tags.ref_ends[chosen] + 1, following - 1 - self.empty)
        plain &= closed
        self.empty &= plain
        self.content = following
        self.value_end = marks[mark + 2]
        self.text_end = marks[mark + 3]
        full = plain & ~self.empty
        content = words[following]
        self.stored = (full & starts(content, b"<v>") & (self.value_end > following + 3)
                       & starts(words[self.value_end], b"</v></c>"))
        self.inline = (full & starts(content, b"<is><t>") & starts(words[self.text_end], b"</t></is")
                       & starts(words[self.text_end + 8], b"></c>"))


def _attributes(words: np.ndarray, start: np.ndarray, end: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A cell's attributes after its reference, from `start` to `end` (where its `>` or `/>` is): an optional
    ` s="digits"`, then an optional ` t="type"`. Each cell's type code (0: none), and whether its attributes
    are of that form. The type is matched backwards from `end`, so that the style's length does not matter."""
    tail = words[end - 8]  # the 8 bytes before `end`
    kind = np.zeros(len(start), dtype=np.int64)
    style_end = end.copy()
    for code, name in enumerate(_TYPES, start=1):
        attribute = b' t="' + name + b'"'
        if len(attribute) <= 8:
            found = ends(tail, attribute)
        else:  # inlineStr: the 8 bytes before those
            found = ends(tail, attribute[-8:]) & ends(words[np.maximum(end - 16, 0)], attribute[:-8])
        kind[found] = code
        style_end[found] = end[found] - len(attribute)
    # Before the type: nothing, or ` s="` and up to _MAX_STYLE_DIGITS digits and `"`.
    digits = style_end - start - 5
    shift = (np.clip(digits, 0, _MAX_STYLE_DIGITS) * 8).astype(np.uint64)
    style = words[start + 4]  # from the style's first digit
    style_form = (starts(words[start], b' s="') & (digits >= 0) & (digits <= _MAX_STYLE_DIGITS)
                  & (((style >> shift) & np.uint64(0xFF)) == ord('"'))
                  & ((_not_digits(style) & ((np.uint64(1) << shift) - np.uint64(1))) == 0))
    return kind, (style_end == start) | style_form


def _not_digits(found: np.ndarray) -> np.ndarray:
    """For words of `found`, the high bit of each byte that is no digit 0-9 (SWAR: all 8 bytes at once)."""
    spread = found ^ np.uint64(0x3030303030303030)  # a digit becomes 0..9
    return (((spread & np.uint64(0x7F7F7F7F7F7F7F7F)) + np.uint64(0x7676767676767676)) | spread) & np.uint64(
        0x8080808080808080)


def _spans(data: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> bytes:
    """The bytes of each span [start, end) and the byte at its end (a `<`), one after another."""
    lengths = ends - starts + 1
    if not len(lengths):
        return b""
    before = np.cumsum(lengths) - lengths
    return data[np.arange(int(lengths.sum())) + np.repeat(starts - before, lengths)].tobytes()


def _texts(text: bytes) -> list[str]:
    """Character data ended each by `<`, as an XML parser gives it: line ends normalised, entities replaced.

    UnicodeDecodeError for text that is not UTF-8 (a damaged part)."""
    decoded = text.decode("utf-8")
    items = decoded.split("<")[:-1]
    if "\r" in decoded or "&" in decoded:
        items = [character_data(item) for item in items]
    return items


def character_data(text: str) -> str:
    """XML character data as a parser gives it: line ends normalised, entity references replaced."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(_entity, text)
    return text


def _entity(match: re.Match[str]) -> str:
    decimal, hexadecimal, name = match.groups()
    return chr(int(decimal)) if decimal else chr(int(hexadecimal, 16)) if hexadecimal else _NAMED[name]


_NUMBER_TEXT = b"0123456789.eE+-<"  # what a decimal number is written with, and the `<` ending it
_NUMBER_BYTES = np.zeros(256, dtype=bool)
_NUMBER_BYTES[list(_NUMBER_TEXT)] = True
# Before pandas 3.1 only round_trip rounds as float() does; from 3.1 every mode does, and the option is deprecated.
_PANDAS = tuple(map(int, pd.__version__.split(".")[:2]))
_EXACT: Literal["round_trip"] | None = "round_trip" if _PANDAS < (3, 1) else None
_DIGITS = np.zeros(256, dtype=bool)
_DIGITS[list(b"0123456789<")] = True


def _numbers(text: bytes) -> np.ndarray:
    """Decimal numbers, each ended by `<`, as float() reads them, converted together; NaN where an item is
    another text (nan, inf, 1_000, a space: each to be read one by one)."""
    if not text:
        return np.zeros(0)
    if text.translate(None, _NUMBER_TEXT):  # some byte no decimal number is written with (rare: found in C)
        codes = np.frombuffer(text, dtype=np.uint8)
        odd = np.flatnonzero(~_NUMBER_BYTES[codes])
        ends = np.flatnonzero(codes == ord("<"))
        items = text.split(b"<")
        for i in np.unique(np.searchsorted(ends, odd)).tolist():
            items[i] = b"nan"
        text = b"<".join(items)
    try:
        # pandas' C parser (one call for all, no Python float per number), rounding exactly as float() does.
        numbers = pd.read_csv(io.BytesIO(text), header=None, names=["n"], dtype=np.float64, engine="c",
                              lineterminator="<", na_values=["nan"], keep_default_na=False,
                              float_precision=_EXACT)["n"]
        return numbers.to_numpy(dtype=np.float64)
    except ValueError:  # such as 1.2.3 or 1e: each on its own
        return np.array([_float_or_nan(item) for item in text.split(b"<")[:-1]], dtype=np.float64)


def _float_or_nan(item: bytes) -> float:
    try:
        return float(item)
    except ValueError:
        return np.nan


def number(stored: str | bytes) -> object:
    """A number cell's value; NaN, infinities and other text are no number a spreadsheet holds (Unreadable)."""
    text = stored if isinstance(stored, str) else stored.decode("utf-8", "replace")
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    return value if value - value == 0 and "_" not in text else Unreadable(text)  # finite, and not 1_000
