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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from isal import isal_zlib

from planner.i18n import _
from planner.io.files import open_regular
from planner.io.tables.cell_tags import CellTags, scan
from planner.io.tables.xlsx_formulas import UnvaluedFormulas, first_sheet_part
from planner.model.errors import InputError, refuse

MAX_XLSX_BYTES = 200 * 2**20
MAX_UNCOMPRESSED_BYTES = 500 * 2**20  # total of an XLSX's members, as declared and as decompressed
MAX_MEMBERS = 10_000
MAX_RATIO = 100  # deflate reaches ~1000:1 on bombs; real sheets stay far below 100:1 ...
RATIO_MIN_BYTES = 10 * 2**20  # ... and small members may be as repetitive as they like
MAX_SHEET_CELLS = 20_000_000  # rows x columns (from A1): 1,000,000 notes of 20 columns
_CHUNK = 1 << 20
_ISAL_ERROR = cast("type[Exception]", isal_zlib.error)  # a class (isal's stubs call it an instance)
# A DTD is what entity bombs need; no part of a real XLSX has one. Matched lower-cased, UTF-8 and UTF-16.
_DTD_MARKERS = tuple(word.encode(codec) for word in ("<!doctype", "<!entity")
                     for codec in ("utf-8", "utf-16-le", "utf-16-be"))
_MARKER_BYTES = max(map(len, _DTD_MARKERS))


def check_archive(path: Path, file: str) -> UnvaluedFormulas:
    """Refuse a damaged, bomb-like or DTD-carrying XLSX before any reader decompresses it.

    Every member is read once with a budget: sizes must be what the zip directory declares (its CRC
    checked), so that a reader that trusts the stream rather than the directory gets no surprise.
    Returns the formula cells of the first sheet that were saved without their results (found in the
    same read), which a reader such as calamine gives as empty cells.
    """
    with _refusing(file), open_regular(path, file, _("an XLSX workbook")) as handle, \
            zipfile.ZipFile(handle) as archive:
        members = archive.infolist()
        _check_directory(members, file)
        found: dict[str, UnvaluedFormulas] = {}
        for member in members:
            formulas = UnvaluedFormulas()
            _Check(member, file, formulas).run(_pieces(archive, member, file), archive)
            if formulas.count:
                found[member.filename] = formulas
        # Only when some part has them is it worth finding which part the first sheet is.
        return found.get(first_sheet_part(archive) or "", UnvaluedFormulas()) if found else UnvaluedFormulas()


class CheckedArchive:
    """An XLSX archive whose parts are each checked as check_archive checks them, before a reader sees them.

    The zip directory is checked on opening, and every part up to `defer_bytes` in full. A larger part (a
    big sheet) is checked while it is read, piece by piece before each piece is handed on, so that it is
    decompressed once rather than twice; check_rest checks the parts not read whole since. A reader that
    found problems calls check_rest before reporting them: an unsafe archive is refused as such.
    """

    def __init__(self, path: Path, file: str, defer_bytes: int | None = None):
        self.file = file
        with _refusing(file):
            self._handle = open_regular(path, file, _("an XLSX workbook"))
            try:
                self.archive = zipfile.ZipFile(self._handle)
                members = self.archive.infolist()
                _check_directory(members, file)
                self.unchecked: dict[str, zipfile.ZipInfo] = {}
                for member in members:
                    if defer_bytes is not None and member.file_size > defer_bytes:
                        self.unchecked[member.filename] = member
                    else:
                        self._check_after(member)
            except BaseException:
                self._handle.close()
                raise

    def _check_after(self, member: zipfile.ZipInfo) -> None:
        """Check one part; a refusal of a deferred part before it in the archive comes first, as with
        check_archive."""
        try:
            _Check(member, self.file).run(_pieces(self.archive, member, self.file), self.archive)
        except InputError:
            self.check_rest()
            raise

    def close(self) -> None:
        self.archive.close()
        self._handle.close()

    def __contains__(self, part: str) -> bool:
        return part in self.archive.NameToInfo

    def pieces(self, part: str, size: int, cells: bool) -> Iterator[Piece]:
        """The part's bytes in pieces of about `size`, each checked before it is given (no DTD; no more bytes
        than declared), each ending after a `</row>` where it holds one, else after a `>`.

        With `cells`, each piece comes with its cell tags (cell_tags.scan), and a part read to its end is
        then checked whole (its length, CRC and cell area). KeyError for a part the archive lacks.
        """
        member = self.archive.getinfo(part)
        check = _Check(member, self.file) if part in self.unchecked else None
        with _refusing(self.file):
            for piece in _pieces(self.archive, member, self.file, size):
                tags = scan(piece) if cells else None
                if check is not None:
                    check.feed(piece, tags if cells else _UNSCANNED)
                yield Piece(piece, tags)
            if check is not None and cells:
                check.finish(self.archive)
                self.unchecked.pop(part, None)

    def read(self, part: str) -> bytes:
        """A whole part, checked (KeyError if the archive lacks it)."""
        if part not in self.unchecked:
            return self.archive.read(part)
        return b"".join(piece.data for piece in self.pieces(part, _CHUNK, cells=True))

    def open(self, part: str) -> IO[bytes]:
        """A stream of a whole part, checked first (KeyError if the archive lacks it)."""
        if part in self.unchecked:
            for _piece in self.pieces(part, _CHUNK, cells=True):
                pass
        return self.archive.open(part)

    def check_rest(self) -> None:
        """Check the parts not yet read whole, in the archive's order; the first refused is raised."""
        with _refusing(self.file):
            for part, member in list(self.unchecked.items()):
                _Check(member, self.file).run(_pieces(self.archive, member, self.file), self.archive)
                del self.unchecked[part]


@dataclass(frozen=True)
class Piece:
    """A checked piece of a part, with its cell tags when they were asked for (None too when irregular)."""

    data: bytes
    tags: CellTags | None


@contextmanager
def _refusing(file: str) -> Iterator[None]:
    """What zipfile raises for a damaged, truncated, encrypted or oddly compressed archive, as one InputError."""
    try:
        yield
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, _ISAL_ERROR, struct.error,
            ValueError, OSError) as error:
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


_UNSCANNED = object()  # a piece fed without its cell tags: the part's cell area stays unknown


class _Check:
    """The checks of one part's pieces as they pass: no DTD, then once all passed, no sheet whose cells span
    more than MAX_SHEET_CELLS; its formula cells without a stored result, when asked for."""

    def __init__(self, member: zipfile.ZipInfo, file: str, formulas: UnvaluedFormulas | None = None):
        self.member, self.file, self.formulas = member, file, formulas
        self.extent = _Extent()
        self.tail = b""  # the end of the previous piece, where a DTD marker split between pieces would start

    def run(self, pieces: Iterable[bytes], archive: zipfile.ZipFile) -> None:
        for piece in pieces:
            self.feed(piece, scan(piece))
        self.finish(archive)

    def feed(self, piece: bytes, tags: CellTags | None | object) -> None:
        # "!" is rare in an XLSX (every DTD marker holds one, in UTF-8 or UTF-16): only then is it looked at,
        # in the piece and where it meets the previous one (a piece without a `>` may end inside a marker).
        joint = self.tail + piece[:_MARKER_BYTES]
        if (b"!" in piece and _has_dtd(piece)) or (b"!" in joint and _has_dtd(joint)):
            raise refuse(self.file, _("an XLSX workbook whose part {part} declares a DTD or XML entities: refused "
                                      "(a possible XML entity bomb)").format(part=self.member.filename))
        self.tail = piece[-_MARKER_BYTES:]
        self.extent.feed(tags)
        if self.formulas is not None:
            self.formulas.feed(piece)

    def finish(self, archive: zipfile.ZipFile) -> None:
        cells = self.extent.bound()
        if cells is None or cells > MAX_SHEET_CELLS:
            cells = _exact_cells(_pieces(archive, self.member, self.file))
        if cells > MAX_SHEET_CELLS:
            # calamine holds a sheet as one dense block: a lone cell at XFD1048576 would need 500 GB.
            raise refuse(self.file, _("an XLSX workbook whose part {part} spans {cells:,} cells (the limit is "
                                      "{limit:,}): refused").format(part=self.member.filename, cells=cells,
                                                                    limit=MAX_SHEET_CELLS))


def _has_dtd(piece: bytes) -> bool:
    return (b"<!" in piece or b"<\x00!" in piece) and any(m in piece.lower() for m in _DTD_MARKERS)


def _pieces(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str, size: int | None = None
            ) -> Iterator[bytes]:
    """A part's bytes in pieces that end just after a `</row>` where they hold one, else just after a `>`, so
    that no tag start or attribute is split (nor a row, for the workbook reader)."""
    size = size or _CHUNK
    # Asking for one byte more than declared: a stream that runs past the directory's size shows itself.
    probe = copy.copy(member)
    probe.file_size = member.file_size + 1
    seen = 0
    carry = b""
    with archive.open(probe) as stream:
        _inflated_by_isal(stream)
        while chunk := stream.read(size):
            seen += len(chunk)
            if seen > member.file_size:
                raise refuse(file, _("a damaged or hostile XLSX workbook: part {part} holds more than its zip "
                                     "directory declares").format(part=member.filename))
            cut = chunk.rfind(b"</row>") + 6
            if cut == 5:
                cut = chunk.rfind(b">") + 1
            if cut == 0 and len(carry) < size:
                carry += chunk
                continue
            yield carry + chunk[:cut] if cut else carry + chunk
            carry = chunk[cut:] if cut else b""
    if carry:
        yield carry
    if seen != member.file_size:
        raise refuse(file, _("a damaged or truncated XLSX workbook: part {part} is shorter than its zip directory "
                             "declares").format(part=member.filename))


def _inflated_by_isal(stream: IO[bytes]) -> None:
    """A deflated part inflated by ISA-L (isal) rather than zlib: the same bytes in half the time, the notes
    sheet of a 100,000-note workbook being 200 MB of XML. zipfile still reads the archive and checks each
    part's length and CRC; only its inflater is swapped, before anything was read. (Should a later zipfile
    name it otherwise, the swap does nothing: zlib inflates, as exactly.)"""
    if getattr(stream, "_compress_type", None) == zipfile.ZIP_DEFLATED and hasattr(stream, "_decompressor"):
        stream._decompressor = isal_zlib.decompressobj(-zlib.MAX_WBITS)  # type: ignore[attr-defined]


_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(\s[^>]*)?>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d*)""")


class _Extent:
    """The cell area of a part (rows x columns from A1), from the cell and row tags of its pieces."""

    def __init__(self) -> None:
        self.rows = self.columns = 0
        self.irregular = False  # tags without a plain `r`, or with a prefix: only the exact count can tell

    def feed(self, tags: CellTags | None | object) -> None:
        if isinstance(tags, CellTags):
            self.rows, self.columns = max(self.rows, tags.max_row), max(self.columns, tags.max_column)
        else:
            self.irregular = True

    def bound(self) -> int | None:
        """The area, or None when some cell or row tag lacks a plain `r` and only the exact count can tell."""
        return None if self.irregular else self.rows * self.columns


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
