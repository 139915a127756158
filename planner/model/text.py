"""Text as every output can write it: lone surrogates repaired, lengths as Excel counts them.

A lone surrogate (U+D800..U+DFFF on its own) is what Python makes of bytes it could not decode, such
as a file name in another encoding (surrogateescape) or a half of a UTF-16 pair. No UTF-8 output (the
terminal, JSON, XLSX) can hold one, so a plan's text is repaired where it enters the model: a pair of
halves becomes its character, a lone half U+FFFD (the replacement character) that shows where the
text was damaged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from planner.model.limits import MAX_TEXT_CHARS

REPLACEMENT = "\ufffd"


def repair_text(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD (a surrogate pair joined into its character)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def has_lone_surrogates(texts: Sequence[str]) -> bool:
    """Whether any of `texts` holds a surrogate: one encode of them all, in C, for a column of any length."""
    joined = "".join(texts)
    if joined.isascii():
        return False
    try:
        joined.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def repair_texts(texts: list[str]) -> list[str]:
    """`texts` repaired as repair_text does; the same list when nothing needs it (the usual case)."""
    if not has_lone_surrogates(texts):
        return texts
    return [repair_text(text) for text in texts]


def excel_length(text: str) -> int:
    """The length of `text` as Excel counts it: UTF-16 units, 2 for a character beyond U+FFFF (an emoji)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def too_long(text: str) -> bool:
    """Longer than MAX_TEXT_CHARS, the most an Excel cell holds."""
    return len(text) > MAX_TEXT_CHARS or (len(text) > MAX_TEXT_CHARS // 2 and excel_length(text) > MAX_TEXT_CHARS)


def too_long_cells(texts: Sequence[str]) -> np.ndarray:
    """too_long for each of `texts`, vectorised: one pass of len, and Excel's count only for texts over
    half the limit (a character is 1 or 2 UTF-16 units; a usual column has none)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    found = np.zeros(len(texts), dtype=bool)
    for position in np.flatnonzero(lengths > MAX_TEXT_CHARS // 2):
        found[position] = too_long(texts[int(position)])
    return found
