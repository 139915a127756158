"""Deflating the sheets' XML fast: zlib level 1, in blocks compressed side by side, while the rows are written.

Deflating the XML is most of a big export's time (a 100,000-note plan writes about 300 MB of it): zlib's
default level 6 takes three times as long as level 1 for a file a sixth smaller, and one core does all
of it. Here each 4 MB block is deflated on a thread of its own (zlib lets go of the interpreter while it
works), primed with the 32 KB before it as pigz does, and ends on a byte boundary without closing the
stream (Z_SYNC_FLUSH): blocks joined in order are one valid deflate stream, the same bytes whatever the
threads' timing. A sheet's rows are deflated as they are written (DeflatedRows), on the second core while
the first renders the next rows; the archive then puts the sheet's head, those deflated rows and its tail
together, with the CRC-32 of the whole combined from the parts' (crc32_combine, as zlib computes it).
"""

from __future__ import annotations

import os
import tempfile
import zlib
from collections import deque
from concurrent.futures import Future, ThreadPoolExecutor

LEVEL = 1
BLOCK = 4 << 20  # bytes deflated at a time: large enough that threads pay, small enough to bound memory
WINDOW = 32 << 10  # deflate's window: the history a block is primed with


def deflate_block(block: bytes, history: bytes = b"", last: bool = False) -> bytes:
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
        if not self.buffer and len(data) == BLOCK:  # as the archive reads a file: no copy
            return self._submit(bytes(data))
        self.buffer += data
        out = []
        while len(self.buffer) >= BLOCK:
            out.append(self._submit(bytes(self.buffer[:BLOCK])))
            del self.buffer[:BLOCK]
        return b"".join(out)

    def flush(self, last: bool = True) -> bytes:
        """Everything still held, deflated; the stream closed (last) or left open on a byte boundary."""
        self.queue.append(self.pool.submit(deflate_block, bytes(self.buffer), self.history, last))
        self.buffer = bytearray()
        waiting = list(self.queue)
        self.queue.clear()
        return b"".join(future.result() for future in waiting)

    def _submit(self, block: bytes) -> bytes:
        """Queue one block; return what the oldest finished (or must finish, when too many wait) gave."""
        self.queue.append(self.pool.submit(deflate_block, block, self.history, False))
        self.history = block[-WINDOW:]
        done = []
        while self.queue and (len(self.queue) > self.pending or self.queue[0].done()):
            done.append(self.queue.popleft().result())
        return b"".join(done)


class DeflatedRows:
    """A sheet's rows as XlsxWriter writes them (text, to a file handle), deflated as they come into a file
    of their own, with the length and CRC-32 of the text (UTF-8) they stand for.

    `finish` ends the deflated stream on a byte boundary, left open: the archive puts the sheet's tail after.
    """

    def __init__(self, folder: str | None, pool: ThreadPoolExecutor, pending: int = 4):
        handle, self.path = tempfile.mkstemp(dir=folder, prefix="rows-", suffix=".deflate")
        self.file = os.fdopen(handle, "wb")
        self.deflater = BlockDeflater(pool, pending)
        self.length = self.crc = self.deflated = 0

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        self.length += len(data)
        self.crc = zlib.crc32(data, self.crc)
        self._keep(self.deflater.compress(data))
        return len(text)

    def flush(self) -> None:
        """Nothing to do: the rows are deflated a block at a time (XlsxWriter flushes its handles)."""

    def finish(self) -> None:
        self._keep(self.deflater.flush(last=False))
        self.file.close()

    def close(self) -> None:
        self.file.close()

    def remove(self) -> None:
        self.file.close()
        if os.path.exists(self.path):
            os.unlink(self.path)

    def _keep(self, data: bytes) -> None:
        self.deflated += len(data)
        self.file.write(data)


def _gf2_times(matrix: list[int], vector: int) -> int:
    total, row = 0, 0
    while vector:
        if vector & 1:
            total ^= matrix[row]
        vector >>= 1
        row += 1
    return total


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A + B from that of A, that of B and B's length (zlib's crc32_combine, over GF(2)).

    zlib.crc32 can continue a CRC over more bytes, but a sheet's rows are deflated before its head is
    written: their CRC is computed first and combined once the head is known.
    """
    if length2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]  # the operator for one zero bit
    even = _gf2_square(odd)  # two zero bits
    odd = _gf2_square(even)  # four zero bits
    while True:
        even = _gf2_square(odd)
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2
