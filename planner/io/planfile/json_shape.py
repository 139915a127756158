"""The shape of a JSON document measured on its bytes, a MB at a time in numpy, before json.loads builds it.

json.loads makes a Python object of every value: a list of 10,000,000 numbers costs ~600 MB before any
check on its length can run. Here the longest list or object and the number of values are counted
first, with memory bounded by the piece size, so a document far larger than any plan is refused cheaply.
Strings are told apart by their quotes (a quote after an odd run of backslashes is escaped).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

PIECE_BYTES = 1 << 20
_KINDS = _OTHER, _OPEN, _CLOSE, _COMMA, _QUOTE, _BACKSLASH = range(6)
# Each byte's role: bytes.translate maps a piece to these codes in one pass in C.
_ROLES = bytes(
    _OPEN if b in b"[{" else _CLOSE if b in b"]}" else _COMMA if b == ord(",") else _QUOTE if b == ord('"')
    else _BACKSLASH if b == ord("\\") else _OTHER
    for b in range(256))


@dataclass(frozen=True)
class Shape:
    """What a document holds: its longest list or object (in items), and its values in all (an upper bound)."""

    longest: int
    values: int


class _Counter:
    """The running state between pieces: inside a string or not, the backslashes just before the piece,
    and the items so far of each container still open (outermost first)."""

    def __init__(self) -> None:
        self.in_string = False
        self.backslashes = 0  # length of the backslash run that ends the bytes seen so far
        self.open_items = np.zeros(0, dtype=np.int64)  # commas so far in each open container, by depth
        self.longest = 0  # the most commas seen in one container
        self.values = 0
        self.broken = False  # not JSON (a close or comma outside any container): json.loads will say where

    def feed(self, piece: bytes) -> None:
        roles = np.frombuffer(piece.translate(_ROLES), dtype=np.uint8)
        marked = np.flatnonzero(roles)
        kinds = roles[marked]
        quotes = kinds == _QUOTE
        if not quotes.any() and not self.in_string:  # numbers and punctuation only: every mark is structural
            self._trailing_backslashes(piece)
            self._count(kinds[kinds != _BACKSLASH])
            return
        quotes[quotes] = ~self._escaped(marked, kinds, marked[quotes])
        self._trailing_backslashes(piece)
        # A structural byte is outside strings when an even number of real quotes (and the carry) precede it.
        seen = np.cumsum(quotes) + self.in_string
        structural = (kinds != _QUOTE) & (kinds != _BACKSLASH) & (seen % 2 == 0)
        if len(seen):
            self.in_string = bool(seen[-1] % 2)
        self._count(kinds[structural])

    def _escaped(self, marked: np.ndarray, kinds: np.ndarray, quotes: np.ndarray) -> np.ndarray:
        """Which quotes follow an odd run of backslashes (in this piece, plus the run carried into it)."""
        positions = marked[kinds == _BACKSLASH]
        runs = np.zeros(len(quotes), dtype=np.int64)
        if len(positions):
            # The start of the run each backslash belongs to: runs break where positions are not consecutive.
            starts = np.ones(len(positions), dtype=bool)
            starts[1:] = np.diff(positions) != 1
            run_start = positions[np.maximum.accumulate(np.where(starts, np.arange(len(positions)), 0))]
            before = np.maximum(np.searchsorted(positions, quotes) - 1, 0)  # the last backslash before each
            follows = positions[before] == quotes - 1
            runs = np.where(follows, quotes - run_start[before], 0)
        runs += np.where(runs == quotes, self.backslashes, 0)  # a run from the piece's start goes on from before
        return runs % 2 == 1

    def _trailing_backslashes(self, piece: bytes) -> None:
        run = len(piece) - len(piece.rstrip(b"\\"))
        self.backslashes = self.backslashes + run if run == len(piece) else run

    def _count(self, kinds: np.ndarray) -> None:
        """Commas per container: each open, close and comma belongs to the container at its depth."""
        if self.broken or len(kinds) == 0:
            return
        commas = kinds == _COMMA
        comma_count = int(np.count_nonzero(commas))
        if comma_count == len(kinds) and len(self.open_items):  # all in the innermost open container
            self.values += comma_count
            self.open_items[-1] += comma_count
            self.longest = max(self.longest, int(self.open_items[-1]))
            return
        opens, closes = kinds == _OPEN, kinds == _CLOSE
        self.values += comma_count + int(np.count_nonzero(opens))
        depth = len(self.open_items) + np.cumsum(opens.astype(np.int64) - closes)
        level = depth + closes  # a close belongs to the container it ends
        if level.min() < 1 or depth.min() < 0:
            self.broken = True
            return
        # Sorted by level, each container's events are together: its open, its commas, its close.
        order = np.argsort(level, kind="stable")
        levels, is_comma = level[order], commas[order]
        first_of_level = np.ones(len(levels), dtype=bool)
        first_of_level[1:] = levels[1:] != levels[:-1]
        starts = ~is_comma | first_of_level  # a segment: one container's commas within this piece
        segment = np.cumsum(starts) - 1
        counts = np.bincount(segment, weights=is_comma).astype(np.int64)
        start_at = np.flatnonzero(starts)
        segment_level = levels[start_at]
        # A level's first segment, begun by a comma, continues the container open before this piece.
        carried = first_of_level[start_at] & is_comma[start_at]
        counts[carried] += self.open_items[segment_level[carried] - 1]
        self.longest = max(self.longest, int(counts.max()))
        end_depth = int(depth[-1])
        open_items = np.zeros(end_depth, dtype=np.int64)
        kept = min(end_depth, len(self.open_items))
        open_items[:kept] = self.open_items[:kept]
        # The last segment of each level is the container still open at that depth, if any.
        last = np.flatnonzero(np.r_[segment_level[1:] != segment_level[:-1], True])
        still_open = segment_level[last] <= end_depth
        open_items[segment_level[last][still_open] - 1] = counts[last][still_open]
        self.open_items = open_items


def _pieces(data: bytes | bytearray | memoryview) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(view), PIECE_BYTES):
        yield view[start:start + PIECE_BYTES]


def bounds(data: bytes | bytearray | memoryview) -> Shape:
    """Upper bounds of `measure`, from counting marks alone (quoted ones too): fast, and enough for most files."""
    commas = opens = 0
    for piece in _pieces(data):
        octets = np.frombuffer(piece, dtype=np.uint8)
        commas += int(np.count_nonzero(octets == ord(",")))
        opens += int(np.count_nonzero(octets == ord("["))) + int(np.count_nonzero(octets == ord("{")))
    return Shape(commas + 1, commas + opens + 1)


def measure(data: bytes | bytearray | memoryview) -> Shape:
    """The longest list or object (items) and the values in all (commas and containers, plus one) of the JSON
    document `data` (UTF-8 or ASCII). Exact for valid JSON; for other bytes, counts of what it looks like."""
    counter = _Counter()
    for piece in _pieces(data):
        counter.feed(bytes(piece))
    return Shape(counter.longest + 1 if counter.values else 0, counter.values + 1)
