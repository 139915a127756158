"""Telling a CSV's encoding without guessing: strict UTF-8, else strict GB18030 (as Chinese Excel saves
CSV), else refused; text in both, or GB18030 that decodes to private-use characters, is refused too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from planner.i18n import _
from planner.model.errors import refuse

ENCODINGS = ("UTF-8", "GB18030")
_BOM = b"\xef\xbb\xbf"
_TEXT_PIECE_BYTES = 16 * 2**20  # text is looked at in pieces of whole lines this big, for memory


def decode_text(raw: bytes, file: str) -> tuple[str, str]:
    """The text and its encoding: strict UTF-8 (a BOM is dropped), else strict GB18030, else refused.

    No guessing beyond these two: a wrong guess garbles Chinese text silently. So text in both (lines
    pasted from a file in the other encoding) is refused, naming a line; GB18030 text must decode without
    private-use characters, which UTF-8 text read as GB18030 yields and no text typed in Excel holds.
    """
    raw = raw.removeprefix(_BOM)
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(raw, file)
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        raise refuse(file, _("text in an unknown encoding (tried {encodings}): save it as CSV UTF-8").format(
            encodings=", ".join(ENCODINGS))) from None
    private = _PRIVATE_USE.search(text)
    if private:
        raise refuse(file, _("text in an unknown encoding: read as GB18030, line {line} holds {character}, a "
                             "private-use character (is it text in two encodings?): save the file as CSV "
                             "UTF-8").format(line=_line_at(text, private.start()),
                                             character=f"U+{ord(private.group()):04X}"))
    return text, "GB18030"


# Characters from U+0800 on (Chinese takes 3 bytes in UTF-8): GB18030 text is practically never valid UTF-8
# holding one, so a line that is shows UTF-8 text. Invalid UTF-8 bytes decode to U+DC80-U+DCFF here.
_WIDE = re.compile("[\u0800-\ud7ff\ue000-\U0010ffff]")
_NOT_UTF8 = re.compile("[\udc80-\udcff]")
# A line without invalid bytes (checked possessively: no backtracking) that holds a character from U+0800 on.
_UTF8_LINE = re.compile("^(?=[^\n\udc80-\udcff]*+$)[^\n]*?[\u0800-\ud7ff\ue000-\U0010ffff]", re.MULTILINE)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010ffff]")


def _refuse_mixed(raw: bytes, file: str) -> None:
    """Refuse text that is not UTF-8 yet has lines that are (with Chinese in them), naming the first line
    that is not in the encoding most lines are in. Looked at in pieces of whole lines, for memory."""
    if not any(_UTF8_LINE.search(text) for text in _line_pieces(raw)):  # GB18030 text: one pass in C
        return
    utf8_lines: list[int] = []
    other_lines: list[int] = []
    first = 1  # the number of each piece's first line
    for text in _line_pieces(raw):  # text in two encodings only: a loop over its lines is fine
        lines = _LINE_END.split(text)
        for number, line in enumerate(lines, start=first):
            if _NOT_UTF8.search(line):
                other_lines.append(number)
            elif _WIDE.search(line):
                utf8_lines.append(number)
        first += len(lines) - 1  # each piece ends with a line end: the last "line" is empty
    if len(utf8_lines) >= len(other_lines):
        where = _("line {other} is not UTF-8, though line {utf8} holds Chinese text in UTF-8 (lines pasted from a "
                  "file in another encoding?)").format(other=other_lines[0], utf8=utf8_lines[0])
    else:
        where = _("line {utf8} holds Chinese text in UTF-8, though line {other} is not UTF-8 (lines pasted from a "
                  "UTF-8 file?)").format(other=other_lines[0], utf8=utf8_lines[0])
    raise refuse(file, _("text in two encodings: {where}: save the whole file as CSV UTF-8").format(where=where))


def _line_pieces(raw: bytes) -> Iterator[str]:
    """`raw` decoded as UTF-8 in pieces of whole lines, each line ended by \\n; bytes that are not UTF-8
    become U+DC80-U+DCFF."""
    start = 0
    while start < len(raw):
        end = raw.find(b"\n", start + _TEXT_PIECE_BYTES) + 1 or len(raw)
        text = raw[start:end].decode("utf-8", errors="surrogateescape")
        if text.count("\r") != text.count("\r\n"):  # lines that end in \r alone (old Mac): one way of ending
            text = _LINE_END.sub("\n", text)
        yield text
        start = end


_LINE_END = re.compile("\r\n|\n|\r")


def _line_at(text: str, position: int) -> int:
    """The line (from 1) `position` is on; a line ends with \\n, \\r\\n or \\r, as the CSV check counts them."""
    return (text.count("\n", 0, position) + text.count("\r", 0, position)
            - text.count("\r\n", 0, position) + 1)
