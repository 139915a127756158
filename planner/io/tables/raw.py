"""Reading a table file without trusting it: every cell as text, or one clear InputError.

A corrupt, truncated, binary or hostile file is refused in seconds with bounded memory, before any
parser sees it, and never with a traceback; an XLSX passes planner.io.tables.archive's checks first.
"""

from __future__ import annotations

import contextlib
import csv as std_csv
import io
import os
import re
import tempfile
import warnings
import weakref
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import python_calamine

from planner.i18n import N_, _
from planner.io.files import open_regular, os_reason
from planner.io.tables.archive import MAX_SHEET_CELLS, MAX_XLSX_BYTES, check_archive
from planner.io.tables.text_encoding import decode_text
from planner.io.tables.xlsx_formulas import UnvaluedFormulas
from planner.model.errors import InputError, Problem, refuse

MAX_TEXT_BYTES = 200 * 2**20  # a CSV this big is not a notes table; pandas would need GBs for it
MAX_COLUMNS = 1_000
BIG_TEXT_BYTES = 32 * 2**20  # above this, a CSV's separators are counted before pandas reads it
_HEADER_BYTES = 65536

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
_BOM = b"\xef\xbb\xbf"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


Texts = Callable[[list[int]], pd.DataFrame]
Inferable = Callable[[list[str]], Iterable[int]]
Chosen = Callable[[list[str]], Iterable[int]]  # the columns a reader needs, by position, from the header


@dataclass(frozen=True)
class RawTable:
    """A table as read: the header (trimmed), the non-blank data rows and each one's spreadsheet row.

    Cells are text, except in the columns a reader allowed pandas to parse as numbers or booleans
    (fast, in C); `text` gives any column back as the text the file holds, for messages.
    """

    file: str
    header: list[str]
    cells: pd.DataFrame  # columns 0..n-1 in file order
    rows: np.ndarray  # spreadsheet row of each row of cells
    header_row: int
    texts: Texts | None = None  # reads columns again as text, every row (blank ones too)
    keep: np.ndarray | None = None  # which rows `texts` gives are in `cells`
    typed: frozenset[int] = frozenset()  # columns pandas parsed (NaN for empty); others are exact text
    formulas: UnvaluedFormulas = field(default_factory=UnvaluedFormulas)  # XLSX cells read empty for lack of one
    _text: dict[int, pd.Series] = field(default_factory=dict, repr=False, compare=False)

    def text(self, position: int) -> pd.Series:
        """Column `position` as text ("" where empty), row for row with `cells`."""
        column = self.cells[position]
        if position not in self.typed and isinstance(column.dtype, pd.StringDtype):
            return column
        if position not in self._text:
            if not isinstance(column.dtype, pd.StringDtype) and self.texts:
                column = self.texts([position])[position]
                if self.keep is not None:
                    column = column[self.keep].reset_index(drop=True)
            self._text[position] = column.fillna("").astype(str)
        return self._text[position]


def file_head(path: Path, count: int, what: str | None = None) -> tuple[int, bytes]:
    """The file's size and first `count` bytes; refused if it is missing, unreadable or not a regular file
    (a folder, a named pipe, a device, a socket: "FILE: a folder, not WHAT"; WHAT in the language spoken)."""
    try:
        with open_regular(path, path.name, what or _("a file")) as handle:
            return os.fstat(handle.fileno()).st_size, handle.read(count)
    except FileNotFoundError:
        raise refuse(path.name, _("no such file")) from None
    except OSError as error:
        raise refuse(path.name, cannot_read(error)) from None


def cannot_read(error: OSError) -> str:
    """What a file the system would not let us read is told: "cannot be read (Permission denied)"."""
    return _("cannot be read ({reason})").format(reason=os_reason(error))


def read_raw_table(path: str | Path, inferable: Inferable | None = None, header_row: int | None = None,
                   chosen: Chosen | None = None) -> RawTable:
    """The cells of a CSV/TSV or of an XLSX's first sheet, deciding the format by content.

    `inferable(header)` names the columns that pandas may parse as numbers or booleans (CSV only).
    `header_row` is the header's spreadsheet row when rows above it hold something else (a platform's export
    puts a title and an export time there); by default the header is the first row that is not blank.
    `chosen(header)` names the only columns a reader needs: `cells` then holds those (and any column without a
    header), each under its position in the file. A big CSV is then read a column at a time no more than
    needed, and its cells are counted by those columns (see _Usecols).
    """
    path = Path(path)
    file = path.name
    size, head = file_head(path, 8, what=_("a table file"))
    if size == 0:
        raise refuse(file, _("an empty file (0 bytes), not a table"))
    suffix = path.suffix.lower()
    if head.startswith(_OLE2_MAGIC):
        raise refuse(file, _("an old Excel workbook (.xls) or a password-protected one: unsupported format; "
                             "save it as .xlsx without a password, or as CSV UTF-8"))
    if suffix == ".xls":
        raise refuse(file, _("unsupported format .xls: save it as .xlsx or as CSV UTF-8"))
    if head.startswith(_ZIP_MAGIC):
        return _read_xlsx(path, file, size, header_row, chosen)
    if suffix in XLSX_SUFFIXES:
        raise refuse(file, _("not an XLSX workbook (it is not a zip archive; a text file renamed .xlsx?)"))
    if suffix in TEXT_SUFFIXES:
        return _read_text(path, file, size, inferable, header_row, chosen)
    raise refuse(file, _("unsupported format {suffix}: use CSV (.csv, .tsv, .txt) or .xlsx").format(
        suffix=suffix or _("(no extension)")))


def too_big(size: int, limit: int) -> str:
    """What a file over the size limit is told: its size and the limit, in MB."""
    return _("too big for a table ({size:.1f} MB; the limit is {limit} MB)").format(size=size / 2**20,
                                                                                   limit=limit // 2**20)


# -- CSV ------------------------------------------------------------------------------------------

def header_shape(text: str) -> tuple[str, int, bool]:
    """The header record's separator (comma or tab: whichever occurs more outside quotes; comma on a
    tie), its number of columns, and whether it ends within `text`."""
    counts = {",": 0, "\t": 0}
    quoted = ended = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in "\r\n":
            ended = True
            break
        elif char in counts:
            counts[char] += 1
    sep = "\t" if counts["\t"] > counts[","] else ","
    return sep, counts[sep] + 1, ended


_CHANGED = N_("changed while it was being read (is a program still saving it?): import it again")


@dataclass(frozen=True)
class _Fingerprint:
    """What any write to a file changes: its identity, size and times (no program can set ctime back)."""

    device: int
    inode: int
    size: int
    modified_ns: int
    changed_ns: int

    @staticmethod
    def of(status: os.stat_result) -> _Fingerprint:
        return _Fingerprint(status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


class _Scan:
    """A CSV's bytes looked at once, a MB at a time in C, before pandas sees them: what pandas would hold is
    bounded by these counts, and binary or UTF-16 files are refused.

    pandas holds every row (a blank line is one) and, while reading a row, each of its values: a file of
    blank lines or of one row of separators would take GBs.
    """

    def __init__(self, chunks: Iterable[bytes | bytearray], file: str, count_separators: bool):
        self.head = b""  # the first 2 x _HEADER_BYTES after any UTF-8 BOM: blank lines, then the header
        self.bom = False
        self.lines = 0  # line ends: \n, \r and \r\n (one each): an upper bound on rows
        self._ends_in_cr = False  # the last chunk ended in \r: a \n starting the next one ends no other line
        self.separators = {ord(","): 0, ord("\t"): 0}
        self.quotes = 0  # counted with the separators: a file without any has no separator inside a value
        self.size = 0  # bytes, a BOM included
        for chunk in chunks:
            self._take(chunk, file, count_separators)

    def _take(self, chunk: bytes | bytearray, file: str, count_separators: bool) -> None:
        if self.size + len(chunk) > MAX_TEXT_BYTES:
            raise refuse(file, _("too big for a table (more than the limit of {limit} MB)").format(
                limit=MAX_TEXT_BYTES // 2**20))
        start = 0
        if self.size == 0:
            if chunk[:2] in (b"\xff\xfe", b"\xfe\xff"):
                raise refuse(file, _("UTF-16 text (Excel's \"Unicode text\"): unsupported encoding; "
                                     "save it as CSV UTF-8"))
            self.bom = chunk.startswith(_BOM)
            start = len(_BOM) if self.bom else 0
        if b"\x00" in chunk:
            raise refuse(file, _("binary file, not a text table (it holds NUL bytes)"))
        if len(self.head) < 2 * _HEADER_BYTES:
            self.head += bytes(chunk[start:start + 2 * _HEADER_BYTES - len(self.head)])
        octets = np.frombuffer(chunk, dtype=np.uint8)
        self.lines += int(np.count_nonzero(octets == 10))
        if self._ends_in_cr and chunk[:1] == b"\n":
            self.lines -= 1
        if b"\r" in chunk:  # a search in C is cheaper than counting what is usually not there
            # Excel ends lines with \r\n: one line end, not two (or a table would pass with \n and fail with \r\n).
            self.lines += int(np.count_nonzero(octets == 13)) - chunk.count(b"\r\n")
        self._ends_in_cr = chunk[-1:] == b"\r"
        if count_separators:
            for separator in self.separators:
                self.separators[separator] += int(np.count_nonzero(octets == separator))
            self.quotes += chunk.count(b'"')
        self.size += len(chunk)

    @property
    def text_size(self) -> int:
        """The bytes of text, without a BOM."""
        return self.size - (len(_BOM) if self.bom else 0)


def _file_chunks(handle: io.BufferedReader) -> Iterator[bytes | bytearray]:
    """The file in pieces of 1 MB (one buffer, reused)."""
    buffer = bytearray(1 << 20)
    while count := handle.readinto(buffer):
        yield buffer if count == len(buffer) else buffer[:count]


class _PrivateCopy:
    """Text re-encoded as UTF-8 in a temporary file, readable by this user only, for pandas to open; it is
    removed when no longer referenced (or at exit)."""

    def __init__(self, data: bytes):
        with tempfile.NamedTemporaryFile(prefix="redcat-", suffix=".csv", delete=False) as handle:
            self.path = handle.name
            self._remove = weakref.finalize(self, _remove_file, self.path)
            try:
                handle.write(data)
            except BaseException:
                handle.close()
                self._remove()
                raise


def _remove_file(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


@dataclass(frozen=True)
class _Csv:
    """A checked CSV with what pandas needs to read it the same way each time.

    pandas opens `path` itself, because only then does it parse a big file on several threads: the user's
    file, whose fingerprint is compared after every read so that a file changed since it was checked is
    refused rather than read, or a private UTF-8 copy of a file in GB18030.
    """

    file: str
    path: str
    scan: _Scan
    sep: str
    skip: int  # lines above the header: blank ones, or those above a given header row
    head: str  # the text from the header on, at most _HEADER_BYTES of it
    fingerprint: _Fingerprint | None  # the user's file as checked; None for a private copy
    copy: _PrivateCopy | None = None  # kept while the table may be read again
    usecols: list[int] | None = None  # the columns a reader chose (and those without a header), if it chose
    partial: bool = False  # pandas reads only `usecols` (a big file: _Usecols)

    def header(self) -> list[str] | None:
        """The header record's cells, as pandas reads them; None if there is none."""
        return next(std_csv.reader(io.StringIO(self.head, newline=""), delimiter=self.sep), None)

    def read(self, names: list[int], dtype: type[str] | dict[int, type[str]], usecols: list[int] | None = None,
             na_values: dict[int, list[str]] | None = None) -> pd.DataFrame:
        """The rows under the header as columns `names` (`usecols` of them), each of `dtype` or parsed in C."""
        try:
            with warnings.catch_warnings():
                # pandas drops values beyond the header with only a warning: that must be an error here.
                warnings.simplefilter("error", pd.errors.ParserWarning)
                # pandas-stubs key na_values by column name (str) only; pandas takes our names, positions, too.
                return pd.read_csv(  # type: ignore[call-overload]
                    self.path, sep=self.sep, skiprows=self.skip, encoding="utf-8", engine="c", skip_blank_lines=False,
                    keep_default_na=False, header=0, names=names, index_col=False, usecols=usecols, dtype=dtype,
                    na_values=na_values)
        finally:
            self.check_unchanged()  # a change explains any error pandas met, and voids what it read

    def data(self) -> bytes:
        """The bytes pandas reads (a BOM included), as they were checked."""
        try:
            with open_regular(Path(self.path), self.file, _("a table file")) as handle:
                data = handle.read(self.scan.size + 1)
        except OSError as error:
            raise refuse(self.file, cannot_read(error)) from None
        if len(data) != self.scan.size:
            raise refuse(self.file, _(_CHANGED))
        self.check_unchanged()
        return data

    def check_unchanged(self) -> None:
        if self.fingerprint is None:
            return
        try:
            now: _Fingerprint | None = _Fingerprint.of(os.stat(self.path))
        except OSError:
            now = None
        if now != self.fingerprint:
            raise refuse(self.file, _(_CHANGED))


def _read_text(path: Path, file: str, size: int, inferable: Inferable | None, header_row: int | None,
               chosen: Chosen | None) -> RawTable:
    if size > MAX_TEXT_BYTES:
        raise refuse(file, too_big(size, MAX_TEXT_BYTES))
    big = size > BIG_TEXT_BYTES
    try:
        # Taken as every later look is, by name: fstat and stat need not agree on every system.
        fingerprint = _Fingerprint.of(path.stat())
        with open_regular(path, file, _("a table file")) as handle:  # never more than the limit, even if it grows
            scan = _Scan(_file_chunks(handle), file, big)
    except OSError as error:
        raise refuse(file, cannot_read(error)) from None
    if scan.size != fingerprint.size:
        raise refuse(file, _(_CHANGED))
    csv = _csv(file, str(path), scan, fingerprint, header_row=header_row, chosen=chosen)
    try:
        # UTF-8 is decoded by pandas, in C and strictly; only other text is decoded here.
        return _parse_csv(file, csv, inferable)
    except UnicodeDecodeError:
        pass
    text, _encoding = decode_text(csv.data().removeprefix(_BOM), file)  # a BOM says UTF-8, yet its text is not
    utf8 = text.encode("utf-8")
    del text
    try:
        copy = _PrivateCopy(utf8)
    except OSError as error:
        raise refuse(file, _("cannot be converted to UTF-8 for reading ({reason})").format(
            reason=os_reason(error))) from None
    return _parse_csv(file, _csv(file, copy.path, _Scan([utf8], file, big), None, copy, header_row, chosen), inferable)


def _csv(file: str, path: str, scan: _Scan, fingerprint: _Fingerprint | None, copy: _PrivateCopy | None = None,
         header_row: int | None = None, chosen: Chosen | None = None) -> _Csv:
    """Where the header is and how it is separated; refuse a header no table has (memory for pandas)."""
    data = scan.head
    if header_row is None:
        blank = _BLANK_LINES.match(data, 0, _HEADER_BYTES)
        skip = blank.group(0).count(b"\n") + blank.group(0).replace(b"\r\n", b"").count(b"\r") if blank else 0
        start = blank.end() if blank else 0
    else:
        skip, start = header_row - 1, _line_start(file, data, header_row)
    head = data[start:start + _HEADER_BYTES].decode("utf-8", errors="replace")
    sep, columns, ended = header_shape(head)
    if not ended and scan.text_size - start > _HEADER_BYTES:
        raise refuse(file, _("a header row longer than {limit} KB: not a table").format(limit=_HEADER_BYTES // 1024))
    if columns > MAX_COLUMNS:
        raise refuse(file, _("a header of {columns:,} columns (the limit is {limit:,}): not a notes table").format(
            columns=columns, limit=MAX_COLUMNS))
    csv = _Csv(file, path, scan, sep, skip, head, fingerprint, copy)
    usecols = _Usecols.of(csv, chosen, columns)
    partial = usecols is not None and scan.size > BIG_TEXT_BYTES  # a small file is read whole: pandas checks it
    read = len(usecols) if usecols is not None and partial else columns
    if scan.lines * read > MAX_SHEET_CELLS:
        raise refuse(file, _("up to {rows:,} rows of {columns} columns: more than {limit:,} cells, too many for a "
                             "table").format(rows=scan.lines, columns=read, limit=MAX_SHEET_CELLS))
    if scan.separators[ord(sep)] > (2 * MAX_SHEET_CELLS if partial else MAX_SHEET_CELLS):
        raise refuse(file, _("more than {limit:,} values: too many for a table").format(limit=MAX_SHEET_CELLS))
    return csv if usecols is None else replace(csv, usecols=usecols, partial=partial)


_BLANK_LINES = re.compile(rb"(?:[ \t,]*(?:\r\n|\n|\r))*")
_LINE_END = re.compile(rb"\r\n|\n|\r")


def _line_start(file: str, data: bytes, row: int) -> int:
    """Where spreadsheet row `row` starts in the file's first bytes (rows above it end with any line end)."""
    start = 0
    for _row in range(row - 1):
        end = _LINE_END.search(data, start)
        if end is None:
            raise refuse(file, _("no header on row {row}: the file ends before it").format(row=row))
        start = end.end()
    return start


class _Usecols:
    """The columns pandas reads of a CSV when a reader chose some: those, and any without a header (a value
    there needs one). A big file is read those columns alone, in a third of the time.

    Reading some columns, pandas no longer refuses a row with more values than the header has columns (a stray
    separator, which shifts every later value): `check` looks for one first, counting each record's separators
    outside quotes with numpy a MB at a time, and names every such row, as when pandas refuses it.
    """

    @staticmethod
    def of(csv: _Csv, chosen: Chosen | None, columns: int) -> list[int] | None:
        """The columns chosen, and those without a header; None when the reader chose none."""
        if chosen is None:
            return None
        header = csv.header() or []
        wanted = set(chosen(header)) | {p for p, text in enumerate(header) if text.strip() == ""}
        return sorted(p for p in wanted if 0 <= p < columns)

    @staticmethod
    def check(file: str, csv: _Csv, columns: int) -> None:
        """InputError naming every row with more values than the header has columns, if there is one."""
        if _widest_record(csv) > columns - 1:
            problems = _long_row_problems(file, csv, columns)  # the widest may be above the header: a title
            if problems:
                raise InputError(problems)


def _widest_record(csv: _Csv) -> int:
    """The most separators a record of the file holds outside quotes (a line end in quotes ends none)."""
    widest = carry = 0
    inside = 0  # 1 when a chunk starts within quotes
    separator = ord(csv.sep)
    try:
        with open_regular(Path(csv.path), csv.file, _("a table file")) as handle:
            for chunk in _file_chunks(handle):
                octets = np.frombuffer(chunk, dtype=np.uint8)
                if not inside and b'"' not in chunk:  # the usual piece: no quotes, so every separator counts
                    widest, carry = _widest_unquoted(octets, separator, widest, carry)
                    continue
                separators, ends = np.flatnonzero(octets == separator), np.flatnonzero(octets == 10)
                if b'"' in chunk:
                    quotes = np.flatnonzero(octets == 34)
                    separators = separators[(np.searchsorted(quotes, separators) + inside) % 2 == 0]
                    ends = ends[(np.searchsorted(quotes, ends) + inside) % 2 == 0]
                    inside = (len(quotes) + inside) % 2
                if len(ends) == 0:
                    carry += len(separators)
                    continue
                at = np.searchsorted(separators, ends)
                counts = np.diff(at, prepend=0)
                widest = max(widest, int(counts.max()), int(counts[0]) + carry)
                carry = len(separators) - int(at[-1])
    except OSError as error:
        raise refuse(csv.file, cannot_read(error)) from None
    csv.check_unchanged()
    return max(widest, carry)


def _widest_unquoted(octets: np.ndarray, separator: int, widest: int, carry: int) -> tuple[int, int]:
    """_widest_record over a piece without quotes: separators summed per record in C (a 200 MB report has 30
    million of them, too many to list), and those after its last line end carried to the next piece."""
    is_separator = octets == separator
    ends = np.flatnonzero(octets == 10)
    if len(ends) == 0:
        return widest, carry + int(np.count_nonzero(is_separator))
    starts = np.concatenate(([0], ends[:-1] + 1))
    counts = np.add.reduceat(is_separator[:ends[-1] + 1], starts, dtype=np.int64)  # one sum per record ended here
    widest = max(widest, int(counts.max()), int(counts[0]) + carry)
    return widest, int(np.count_nonzero(is_separator[ends[-1] + 1:]))


def _parse_csv(file: str, csv: _Csv, inferable: Inferable | None) -> RawTable:
    """Read the header, then the data with numbers parsed by pandas in C where `inferable` allows."""
    header: list[str] = []
    try:
        cells = csv.header()
        if cells is None:
            raise refuse(file, _("no header row (the file holds only blank lines)"))
        header = [cell.strip() for cell in cells]
        if not any(header):
            raise refuse(file, _("no header row (the table is blank)"))
        names = list(range(len(header)))
        typed = set(inferable(header)) if inferable else set()
        if not csv.partial:
            frame = csv.read(names, {p: str for p in names if p not in typed}, na_values={p: [""] for p in typed})
            if csv.usecols is not None:
                frame = frame[csv.usecols]
        else:
            read = csv.usecols or []
            # The look for long rows runs beside pandas, on the other core (both read and count outside the GIL):
            # a long row is told, and what pandas read is dropped, once both are done.
            with ThreadPoolExecutor(1) as beside:
                looked = beside.submit(_Usecols.check, file, csv, len(header))
                try:
                    frame = csv.read(names, {p: str for p in read if p not in typed}, usecols=read,
                                     na_values={p: [""] for p in read if p in typed})
                finally:
                    looked.result()
    except pd.errors.EmptyDataError:
        raise refuse(file, _("no header row (the file holds only blank lines)")) from None
    except pd.errors.ParserWarning:
        raise InputError(_long_rows(file, csv, len(header))) from None
    except pd.errors.ParserError as error:
        if "Expected" in str(error):
            raise InputError(_long_rows(file, csv, len(header))) from None
        raise InputError([_parser_problem(file, str(error), csv.skip)]) from None

    def texts(positions: list[int]) -> pd.DataFrame:
        return csv.read(names, str, usecols=positions)

    return _raw_table(file, header, frame, csv.skip + 1, texts, frozenset(typed))


def _long_rows(file: str, csv: _Csv, columns: int) -> list[Problem]:
    """Every row with more values than the header has columns (pandas names at most one of them)."""
    return _long_row_problems(file, csv, columns) or [
        Problem(file, None, None, None, _("rows with more values than the header has columns"))]


def _long_row_problems(file: str, csv: _Csv, columns: int) -> list[Problem]:
    """Each row below the header with more values than the header has columns (none: an empty list)."""
    text = csv.data().decode("utf-8", errors="replace").removeprefix("\ufeff")
    records = std_csv.reader(io.StringIO(text, newline=""), delimiter=csv.sep)
    problems = []
    told = _("at most {columns} values, as the header has, not {found} (a stray separator, or a value with a "
             "comma that needs quotes)")
    for index, record in enumerate(records):
        if index > csv.skip and len(record) > columns:
            problems.append(Problem(file, index + 1, None, None, told.format(columns=columns, found=len(record))))
    return problems


def _parser_problem(file: str, message: str, skip: int) -> Problem:
    """pandas' tokenizer error as a Problem at the spreadsheet row it names."""
    quote = re.search(r"EOF inside string starting at row (\d+)", message)
    if quote:
        return Problem(file, int(quote.group(1)) + 1 + skip, None, None,
                       _('a closing quote (") for the value that starts here: the file ends inside it'))
    detail = message.removeprefix("Error tokenizing data. ").strip()
    return Problem(file, None, None, None, _("not a readable CSV table ({detail})").format(detail=detail))


# -- XLSX -----------------------------------------------------------------------------------------

def _read_xlsx(path: Path, file: str, size: int, header_row: int | None = None,
               chosen: Chosen | None = None) -> RawTable:
    if size > MAX_XLSX_BYTES:
        raise refuse(file, too_big(size, MAX_XLSX_BYTES))
    formulas = check_archive(path, file)
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
        try:
            sheets = workbook.sheets_metadata
            if not sheets:
                raise refuse(file, _("an XLSX workbook without sheets"))
            if sheets[0].typ != python_calamine.SheetTypeEnum.WorkSheet:
                raise refuse(file, _("the first sheet ({sheet}) is not a worksheet: move the table to the first "
                                     "sheet").format(sheet=sheets[0].name))
            values = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
        finally:
            workbook.close()
    except python_calamine.PasswordError:
        raise refuse(file, _("a password-protected XLSX workbook: save it without a password")) from None
    except python_calamine.CalamineError as error:
        raise refuse(file, _("a damaged XLSX workbook ({detail})").format(
            detail=f"{type(error).__name__}: {error}")) from None
    if not values or not values[0]:
        raise refuse(file, _("an XLSX workbook whose first sheet is empty: no header row"))
    objects = pd.DataFrame(values, dtype=object)
    del values
    # Text columns as they are (a check in C); numbers, booleans and dates become text one by one.
    frame = pd.DataFrame({c: (objects[c] if pd.api.types.infer_dtype(objects[c], skipna=False) == "string"
                              else objects[c].map(cell_text)).astype(str) for c in objects.columns})
    if header_row is None:
        filled = np.flatnonzero(~_blank_rows(frame))
        if len(filled) == 0:
            raise refuse(file, _("an XLSX workbook whose first sheet is blank: no header row"))
        top = int(filled[0])
    elif header_row > len(frame):
        raise refuse(file, _("no header on row {row}: the file ends before it").format(row=header_row))
    else:
        top = header_row - 1
    header = [cell.strip() for cell in frame.iloc[top]]
    rows = frame.iloc[top + 1:].reset_index(drop=True)
    if chosen is not None:
        wanted = set(chosen(header)) | {p for p, text in enumerate(header) if text == ""}
        rows = rows[[p for p in sorted(wanted) if 0 <= p < rows.shape[1]]]
    # Rows as Excel numbers them: to_python(skip_empty_area=False) starts at A1.
    return replace(_raw_table(file, header, rows, top + 1, None), formulas=formulas)


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV would hold, so that one set of parsing rules serves both.

    Integer-valued floats lose their `.0` (note id 12345.0 -> "12345"); other floats keep every digit.
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return "" if value is None else str(value)


# -- Both -----------------------------------------------------------------------------------------

def _raw_table(file: str, header: list[str], frame: pd.DataFrame, header_row: int, texts: Texts | None,
               typed: frozenset[int] = frozenset()) -> RawTable:
    """Drop blank rows, keeping each other row's spreadsheet number. The frame's columns are already labelled
    by their positions in the file (pandas' names, the sheet's column numbers), all of them or those chosen."""
    blank = _blank_rows(frame)
    rows = np.arange(header_row + 1, header_row + 1 + len(frame))
    if blank.any():
        keep = ~blank
        return RawTable(file, header, frame[keep].reset_index(drop=True), rows[keep], header_row, texts, keep,
                        typed)
    return RawTable(file, header, frame, rows, header_row, texts, None, typed)


def is_empty(column: pd.Series) -> np.ndarray:
    """Cells that hold nothing: NaN (an empty cell pandas parsed as a number), "" or only spaces."""
    empty = column.isna().to_numpy(dtype=bool, copy=True)
    if isinstance(column.dtype, pd.StringDtype) or column.dtype == object:
        text = column.astype(str)
        empty |= ((text == "") | text.str.isspace()).to_numpy(dtype=bool)
    return empty


def _blank_rows(frame: pd.DataFrame) -> np.ndarray:
    """Rows whose every cell is empty; only the rows empty in one well-chosen column are looked at.

    A column pandas parsed as floats cannot hold spaces, so its NaN cells find the candidates fast.
    """
    if frame.shape[1] == 0 or len(frame) == 0:
        return np.ones(len(frame), dtype=bool)
    floats = [c for c in frame.columns if frame[c].dtype == float]
    if floats:
        nans = {}
        for c in floats:  # a required number column (cpm) usually has none: then no row is blank
            nans[c] = int(frame[c].isna().sum())
            if nans[c] == 0:
                return np.zeros(len(frame), dtype=bool)
        blank = frame[min(nans, key=nans.__getitem__)].isna().to_numpy(dtype=bool, copy=True)
    else:
        blank = is_empty(frame[frame.columns[0]])
    candidates = np.flatnonzero(blank)
    if len(candidates):
        rest = frame.iloc[candidates]
        blank[candidates] = np.logical_and.reduce([is_empty(rest[c]) for c in rest.columns])
    return blank
