"""XlsxWriter's workbook with a faster archive: the rows of each FastSheet are deflated while they are written,
on a pool of threads (planner.io.excel.deflate), and the archive copies them between the sheet's head and tail.

XlsxWriter writes every sheet's XML to a file at the end and makes its archive itself with zipfile.ZipFile
(Workbook._store_workbook): FastWorkbook hands it BlockArchive for the time that takes. A FastSheet writes
its rows to a DeflatedRows instead of a text file, and leaves a marker where they go in its XML; the
archive replaces the marker by the deflated rows. Every other member is deflated in blocks side by side.
"""

from __future__ import annotations

import functools
import re
import shutil
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any, Literal
from zipfile import ZIP64_LIMIT, ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

import xlsxwriter
import xlsxwriter.workbook
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.deflate import BLOCK, LEVEL, BlockDeflater, DeflatedRows, crc32_combine, deflate_block
from planner.io.excel.sheet_xml import FastSheet

THREADS = 2  # deflating threads: the other core, and this one while it waits for the archive
HEAD_LIMIT = 1 << 24  # a sheet's XML around its deflated rows is a few kilobytes; a member this big has none
MARKER = re.compile(rb"<!--redcat-rows:([0-9]+)-->")
_ARCHIVE_CLASS = threading.Lock()  # one swap of XlsxWriter's archive class at a time


class _Written:
    """zipfile's compressor for a member whose deflated bytes were written already: nothing more to add."""

    def flush(self) -> bytes:
        return b""


class BlockArchive(ZipFile):
    """The zip archive of a FastWorkbook: sheets' deflated rows spliced in, other members deflated in blocks."""

    def __init__(self, file: Any, mode: Literal["w"] = "w", compression: int = ZIP_STORED, allowZip64: bool = True,
                 *, pool: ThreadPoolExecutor, rows: dict[int, DeflatedRows]):
        super().__init__(file, mode, compression, allowZip64, compresslevel=LEVEL)
        self.pool, self.rows = pool, rows

    def write(self, filename: Any, arcname: Any = None, compress_type: int | None = None,
              compresslevel: int | None = None) -> None:
        """A file into the archive, as ZipFile.write puts one (XlsxWriter adds files only): a sheet with its
        deflated rows spliced in, any other read a block at a time rather than 8 KB at a time."""
        member = ZipInfo.from_file(filename, arcname, strict_timestamps=self._strict_timestamps)  # type: ignore[attr-defined]
        member.compress_type = self.compression if compress_type is None else compress_type
        member._compresslevel = LEVEL  # type: ignore[attr-defined]
        if member.file_size <= HEAD_LIMIT:
            with open(filename, "rb") as source:
                data = source.read()
            found = MARKER.search(data)
            if found is not None and int(found.group(1)) in self.rows and member.compress_type == ZIP_DEFLATED:
                self._splice(member, data[:found.start()], self.rows[int(found.group(1))], data[found.end():])
            else:
                with self.open(member, "w") as target:
                    target.write(data)
            return
        with open(filename, "rb") as source, self.open(member, "w") as target:
            shutil.copyfileobj(source, target, BLOCK)

    def open(self, name: Any, mode: Literal["r", "w"] = "r", pwd: bytes | None = None, *, force_zip64: bool = False) -> IO[bytes]:
        handle = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode == "w" and self.compression == ZIP_DEFLATED:
            # zipfile's writer takes any object with compress() and flush(): ours deflates blocks side by side.
            handle._compressor = BlockDeflater(self.pool, 2 * THREADS)  # type: ignore[attr-defined]
        return handle

    def _splice(self, member: ZipInfo, head: bytes, rows: DeflatedRows, tail: bytes) -> None:
        """The sheet's head, its rows as deflated while they were written, its tail: one deflate stream.

        zipfile's writer counts what passes through it; these bytes do not, so it is told their sizes and
        CRC before it closes the member (and writes them into its header).
        """
        parts = (deflate_block(head), deflate_block(tail, last=True))
        size = len(head) + rows.length + len(tail)
        crc = crc32_combine(zlib.crc32(head), rows.crc, rows.length)
        member.file_size = size
        with self.open(member, "w", force_zip64=size > ZIP64_LIMIT) as target:
            assert self.fp is not None
            self.fp.write(parts[0])
            with open(rows.path, "rb") as deflated:
                shutil.copyfileobj(deflated, self.fp, BLOCK)
            self.fp.write(parts[1])
            target._file_size, target._crc = size, zlib.crc32(tail, crc)  # type: ignore[attr-defined]
            target._compress_size = len(parts[0]) + rows.deflated + len(parts[1])  # type: ignore[attr-defined]
            target._compressor = _Written()  # type: ignore[attr-defined]


class FastWorkbook(xlsxwriter.Workbook):
    """An XlsxWriter workbook whose FastSheets deflate their rows as they are written, and whose archive is a
    BlockArchive. `release` ends its threads and row files, whether or not it was closed."""

    def __init__(self, filename: Any, options: dict[str, Any] | None = None):
        super().__init__(filename, options)
        self.pool = ThreadPoolExecutor(THREADS, thread_name_prefix="redcat-deflate")
        self.rows: dict[int, DeflatedRows] = {}

    def _add_sheet(self, name: str | None, worksheet_class: Any = None) -> Worksheet:
        sheet = super()._add_sheet(name, worksheet_class)  # type: ignore[misc]
        if isinstance(sheet, FastSheet) and self.constant_memory:  # type: ignore[attr-defined]
            rows = DeflatedRows(self.tmpdir, self.pool)  # type: ignore[attr-defined]
            self.rows[len(self.rows)] = rows
            sheet.deflate_rows(rows, len(self.rows) - 1)
        return sheet

    def _store_workbook(self) -> None:
        with _ARCHIVE_CLASS:
            standard = xlsxwriter.workbook.ZipFile  # type: ignore[attr-defined]
            xlsxwriter.workbook.ZipFile = functools.partial(  # type: ignore[attr-defined]
                BlockArchive, pool=self.pool, rows=self.rows)
            try:
                super()._store_workbook()  # type: ignore[misc]
            finally:
                xlsxwriter.workbook.ZipFile = standard  # type: ignore[attr-defined]

    def release(self) -> None:
        """The deflating threads stopped (blocks not started are dropped) and the row files removed."""
        self.pool.shutdown(cancel_futures=True)
        for rows in self.rows.values():
            rows.remove()
