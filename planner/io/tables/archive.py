"""Checking an XLSX archive before any reader decompresses it: zip bombs, lying sizes, DTDs, huge sheets.

A damaged or hostile workbook is refused in seconds with bounded memory, with one clear InputError.
"""

from __future__ import annotations

import copy
import re
import struct
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from planner.i18n import _
from planner.io.files import open_regular
from planner.io.tables.xlsx_formulas import UnvaluedFormulas, first_sheet_part
from planner.model.errors import refuse

MAX_XLSX_BYTES = 200 * 2**20
MAX_UNCOMPRESSED_BYTES = 500 * 2**20  # total of an XLSX's members, as declared and as decompressed
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # deflate reaches ~1000:1 on bombs; real sheets stay far below 100:1 ...
RATIO_MIN_BYTES = 10 * 2**20  # ... and small members may be as repetitive as they like
MAX_SHEET_CELLS = 20_000_000  # rows x columns (from A1): 1,000,000 notes of 20 columns
_CHUNK = 1 << 20
# A DTD is what entity bombs need; no part of a real XLSX has one. Matched lower-cased, UTF-8 and UTF-16.
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!doctype", "<!entity")
                     for codec in ("utf-8", "utf-16-le", "utf-16-be"))


def check_archive(path: Path, file: str) -> UnvaluedFormulas:
    """Refuse a damaged, bomb-like or DTD-carrying XLSX before any reader decompresses it.

    Every member is read once with a budget: sizes must be what the zip directory declares (its CRC
    checked), so that a reader that trusts the stream rather than the directory gets no surprise.
    Returns the formula cells of the first sheet that were saved without their results (found in the
    same read), which a reader such as calamine gives as empty cells.
    """
    try:
        with open_regular(path, file, _("an XLSX workbook")) as handle, zipfile.ZipFile(handle) as archive:
            members = archive.infolist()
            _check_directory(members, file)
            found: dict[str, UnvaluedFormulas] = {}
            for member in members:
                formulas = _scan_member(archive, member, file)
                if formulas.count:
                    found[member.filename] = formulas
            # Only when some part has them is it worth finding which part the first sheet is.
            return found.get(first_sheet_part(archive) or "", UnvaluedFormulas()) if found else UnvaluedFormulas()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, struct.error, ValueError,
            OSError) as error:
        raise refuse(file, _("a damaged or truncated XLSX workbook ({detail})").format(detail=error)) from None
    except NotImplementedError as error:  # a compression method zipfile lacks (deflate64, ...)
        raise refuse(file, _("an XLSX workbook compressed in an unsupported way ({detail})").format(
            detail=error)) from None
    except RuntimeError as error:  # zipfile's "File ... is encrypted, password required"
        raise refuse(file, _("an encrypted XLSX workbook, unsupported ({detail})").format(detail=error)) from None


def _check_directory(members: list[zipfile.ZipInfo], file: str) -> None:
    if len(members) > MAX_MEMBERS:
        raise refuse(file, _("an XLSX workbook with {parts} parts (the limit is {limit}): refused").format(
            parts=len(members), limit=MAX_MEMBERS))
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        raise refuse(file, _("not an XLSX workbook (a zip archive without xl/workbook.xml)"))
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise refuse(file, _("an XLSX workbook that unpacks to {size:.0f} MB (the limit is {limit} MB): refused as "
                             "a possible zip bomb").format(size=total / 2**20, limit=MAX_UNCOMPRESSED_BYTES // 2**20))
    for m in members:
        if m.file_size > RATIO_MIN_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise refuse(file, _("an XLSX workbook whose part {part} is compressed {ratio:.0f}:1 (the limit is "
                                 "{limit}:1): refused as a possible zip bomb").format(
                part=m.filename, ratio=m.file_size / max(m.compress_size, 1), limit=MAX_RATIO))


def _scan_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> UnvaluedFormulas:
    """Read one part through: no DTD, and no sheet whose cells span more than MAX_SHEET_CELLS; its formula
    cells without a stored result."""
    extent = _Extent()
    formulas = UnvaluedFormulas()
    for piece in _pieces(archive, member, file):
        # "<!" (UTF-8 or UTF-16) is rare in an XLSX: only then is the piece looked at closely.
        if (b"<!" in piece or b"<\x00!" in piece) and any(m in piece.lower() for m in _DTD_MARKERS):
            raise refuse(file, _("an XLSX workbook whose part {part} declares a DTD or XML entities: refused (a "
                                 "possible XML entity bomb)").format(part=member.filename))
        extent.feed(piece)
        formulas.feed(piece)
    cells = extent.bound()
    if cells is None or cells > MAX_SHEET_CELLS:
        cells = _exact_cells(_pieces(archive, member, file))
    if cells > MAX_SHEET_CELLS:
        # calamine holds a sheet as one dense block: a lone cell at XFD1048576 would need 500 GB.
        raise refuse(file, _("an XLSX workbook whose part {part} spans {cells:,} cells (the limit is {limit:,}): "
                             "refused").format(part=member.filename, cells=cells, limit=MAX_SHEET_CELLS))
    return formulas


def _pieces(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> Iterator[bytes]:
    """A part's bytes in pieces that end just after a `>`, so that no tag start or attribute is split."""
    # Asking for one byte more than declared: a stream that runs past the directory's size shows itself.
    probe = copy.copy(member)
    probe.file_size = member.file_size + 1
    seen = 0
    carry = b""
    with archive.open(probe) as stream:
        while chunk := stream.read(_CHUNK):
            seen += len(chunk)
            if seen > member.file_size:
                raise refuse(file, _("a damaged or hostile XLSX workbook: part {part} holds more than its zip "
                                     "directory declares").format(part=member.filename))
            cut = chunk.rfind(b">") + 1
            if cut == 0 and len(carry) < _CHUNK:
                carry += chunk
                continue
            yield carry + chunk[:cut] if cut else carry + chunk
            carry = chunk[cut:] if cut else b""
    if carry:
        yield carry
    if seen != member.file_size:
        raise refuse(file, _("a damaged or truncated XLSX workbook: part {part} is shorter than its zip directory "
                             "declares").format(part=member.filename))


# Literal tags of SpreadsheetML as Excel, WPS, LibreOffice and openpyxl write them: every row and cell
# with its `r` first. Anything else (no `r`, prefixes, quotes ') takes the exact count instead.
_TAGS = (b"<c ", b'<c r="', b"<row ", b'<row r="')
_BARE = re.compile(rb"<(?:c|row)/?>")
_PREFIXED = re.compile(rb":(?:c|row)[\s/>]")  # starts with a rare byte: fast; may match text (then exact)
_BIG_ROW = re.compile(rb' r="[A-Za-z]{0,3}(\d{6,})"')  # rows from 100,000 on
_WIDE_COLUMN = re.compile(rb' r="([A-Za-z]{2,})\d')  # columns from AA on
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(\s[^>]*)?>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)""")


class _Extent:
    """An upper bound of a part's cell area (rows x columns from A1), from counts on its raw bytes."""

    def __init__(self) -> None:
        self.counts = dict.fromkeys(_TAGS, 0)
        self.rows = self.columns = 0
        self.irregular = False  # tags without a plain `r`, or with a prefix

    def feed(self, piece: bytes) -> None:
        for tag in _TAGS:
            self.counts[tag] += piece.count(tag)
        self.rows = max([self.rows, *map(int, _BIG_ROW.findall(piece))])
        self.columns = max([self.columns, *map(_column_number, _WIDE_COLUMN.findall(piece))])
        self.irregular = self.irregular or bool(_BARE.search(piece) or _PREFIXED.search(piece))

    def bound(self) -> int | None:
        """The bound, or None when rows or cells lack a plain `r` and only the exact count can tell."""
        c = self.counts
        if self.irregular or c[b"<c "] != c[b'<c r="'] or c[b"<row "] != c[b'<row r="']:
            return None
        if c[b"<c "] + c[b"<row "] == 0:
            return 0
        return max(self.rows, 99_999) * max(self.columns, 26)


def _exact_cells(pieces: Iterable[bytes]) -> int:
    """The cell area (from A1) a reader places cells in: each `r` where given, else the next row/column."""
    row = column = rows = columns = 0
    for piece in pieces:
        for match in _TAG.finditer(piece):
            ref = _REF.search(match.group(2) or b"")
            letters, digits = (ref.group(1), ref.group(2)) if ref else (b"", b"")
            if match.group(1) == b"row":
                row, column = (int(digits) if digits else row + 1), 0
                continue
            column = _column_number(letters) if letters else column + 1
            rows, columns = max(rows, int(digits) if digits else row), max(columns, column)
    return rows * columns


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number
