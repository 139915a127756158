"""The workbook's zip archive, deflated fast: zlib level 1, in blocks compressed side by side.

Deflating the sheets' XML is most of an export's time (a 100,000-note plan writes about 250 MB of it):
zlib's default level 6 takes three times as long as level 1 for a file a sixth smaller, and one core
does all of it. Here each 4 MB block is deflated on its own thread (zlib lets go of the interpreter
while it works), primed with the 32 KB before it as pigz does, and ends on a byte boundary without
closing the stream (Z_SYNC_FLUSH): the blocks joined in order are one valid deflate stream, the same
bytes whatever the threads' timing. XlsxWriter makes its archive itself (Workbook._store_workbook);
FastWorkbook hands it this archive class for the time it takes.
"""

from __future__ import annotations

import threading
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor
from typing import IO, Any, Literal
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile

import xlsxwriter
import xlsxwriter.workbook

LEVEL = 1
BLOCK = 4 << 20  # bytes deflated at a time: large enough that threads pay, small enough to bound memory
WINDOW = 32 << 10  # deflate's window: the history a block is primed with
_ARCHIVE_CLASS = threading.Lock()  # one XlsxWriter archive class swap at a time


def _deflate_block(block: bytes, history: bytes, last: bool) -> bytes:
    """One block as raw deflate, primed with the bytes before it; the last one closes the stream."""
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15, zdict=history) if history else \
        zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return compressor.compress(block) + compressor.flush(zlib.Z_FINISH if last else zlib.Z_SYNC_FLUSH)


class BlockDeflater:
    """A zlib compressor object (compress, flush) that deflates BLOCK-sized blocks on a pool of threads.

    At most `pending` blocks wait at a time, so memory stays bounded whatever the file's size.
    """

    def __init__(self, pool: ThreadPoolExecutor, pending: int):
        self.pool, self.pending = pool, pending
        self.buffer = bytearray()
        self.history = b""
        self.queue: deque[Future[bytes]] = deque()

    def compress(self, data: bytes) -> bytes:
        self.buffer += data
        out = []
        while len(self.buffer) >= BLOCK:
            out.append(self._submit(bytes(self.buffer[:BLOCK]), last=False))
            del self.buffer[:BLOCK]
        return b"".join(out)

    def flush(self) -> bytes:
        self.queue.append(self.pool.submit(_deflate_block, bytes(self.buffer), self.history, True))
        self.buffer = bytearray()
        waiting = list(self.queue)
        self.queue.clear()
        return b"".join(future.result() for future in waiting)

    def _submit(self, block: bytes, last: bool) -> bytes:
        """Queue one block; return what the oldest finished (or must finish, when too many wait) gave."""
        self.queue.append(self.pool.submit(_deflate_block, block, self.history, last))
        self.history = block[-WINDOW:]
        done = []
        while self.queue and (len(self.queue) > self.pending or self.queue[0].done()):
            done.append(self.queue.popleft().result())
        return b"".join(done)


class BlockArchive(ZipFile):
    """A zip archive being written, whose deflated members are deflated by BlockDeflater, on `threads` threads."""

    threads = 2

    def __init__(self, file: Any, mode: Literal["w"] = "w", compression: int = ZIP_STORED, allowZip64: bool = True):
        super().__init__(file, mode, compression, allowZip64, compresslevel=LEVEL)
        self._pool = ThreadPoolExecutor(self.threads, thread_name_prefix="redcat-deflate")

    def open(self, name: Any, mode: Literal["r", "w"] = "r", pwd: bytes | None = None, *, force_zip64: bool = False) -> IO[bytes]:
        handle = super().open(name, mode, pwd, force_zip64=force_zip64)
        if mode == "w" and self.compression == ZIP_DEFLATED:
            # zipfile's writer takes any object with compress() and flush(): ours deflates blocks side by side.
            handle._compressor = BlockDeflater(self._pool, 2 * self.threads)  # type: ignore[attr-defined]
        return handle

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._pool.shutdown()


class FastWorkbook(xlsxwriter.Workbook):
    """An XlsxWriter workbook whose archive is a BlockArchive."""

    def _store_workbook(self) -> None:
        with _ARCHIVE_CLASS:
            standard = xlsxwriter.workbook.ZipFile  # type: ignore[attr-defined]
            xlsxwriter.workbook.ZipFile = BlockArchive  # type: ignore[attr-defined]
            try:
                super()._store_workbook()  # type: ignore[misc]
            finally:
                xlsxwriter.workbook.ZipFile = standard  # type: ignore[attr-defined]
