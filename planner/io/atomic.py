"""Atomic file replacement, the one way the app writes a file: plans, workbooks, CSV, recovery files, charts.

A crash, kill or full disk mid-save leaves the old file whole. Only a regular file (or a new name in an
existing folder) is ever replaced: a folder, device, named pipe or socket given as the target, directly or
through a symlink, is refused with an InputError, because replacing it by a regular file (as a rename does)
would destroy it — run as root, `-o /dev/null` would replace the system's /dev/null. Every OSError names
the file the user gave, never the hidden temporary file beside it.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from planner.i18n import _
from planner.io.files import special_kind
from planner.model.errors import refuse

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace the file at `path` by `data` so that a crash at any moment leaves the old file or the new one.

    InputError if `path` is not a regular file (see check_target); OSError naming `path` on any failure to write.
    """
    with atomic_stream(path) as stream:
        stream.write(data)


@contextlib.contextmanager
def atomic_stream(path: str | os.PathLike[str]) -> Iterator[io.RawIOBase]:
    """A binary stream whose content replaces the file at `path` when the block ends without an exception.

    Written to a temporary file in the same folder, flushed to disk, then renamed over the target; the
    target's permissions are kept; saving through a symlink replaces the file it points to. On any error the
    temporary file is removed and the old file is untouched. An OSError raised in the block is a failure to
    write `path` and is raised again naming it (a block that writes scratch files elsewhere means that too).
    """
    given = os.fspath(path)
    target = Path(os.path.realpath(given))  # saving through a symlink updates the plan it points to
    with _naming(given):
        mode = check_target(given, target)
        handle, temporary = _create_temporary(target)
    stream = _TemporaryFile(handle)
    try:
        with _naming(given):
            yield stream
            stream.finish()  # on disk, and closed: Windows renames no open file
            if mode is not None:
                os.chmod(temporary, mode)
            # Checked again at the last moment: the target may have been replaced while the file was written.
            check_target(given, target)
            os.replace(temporary, target)
    except BaseException:
        stream.abandon()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    with _naming(given):
        _sync_folder(target.parent)


def check_target(given: str | os.PathLike[str], target: Path | None = None) -> int | None:
    """The permissions of the regular file a save to `given` replaces, or None when there is none yet.

    `target` is `given` with its symlinks followed. InputError naming `given` when the target is anything else
    than a regular file: a folder, a device, a named pipe or a socket is never replaced.
    """
    target = target if target is not None else Path(os.path.realpath(given))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return None  # a new file (a missing folder fails when the temporary file is made, naming the file)
    kind = special_kind(status.st_mode)
    if kind is None:
        return status.st_mode & 0o7777
    if os.path.islink(given):
        kind = _("a link to {kind} ({target})").format(kind=kind, target=target)
    raise refuse(os.fspath(given), _("{kind}, not a file: choose a file name to save to").format(kind=kind))


@contextlib.contextmanager
def _naming(given: str) -> Iterator[None]:
    """OSErrors inside name the user's file: the hidden temporary file means nothing to them."""
    try:
        yield
    except OSError as error:
        if error.errno is None:
            raise
        # OSError(errno, ...) builds the matching subclass (PermissionError, IsADirectoryError, ...).
        raise OSError(error.errno, error.strerror, given) from error


class _TemporaryFile(io.RawIOBase):
    """The temporary file of a save, as a stream that owns its descriptor and writes every byte it is given.

    Once the save is abandoned it only counts what it is sent: a writer that outlives the failure (XlsxWriter's
    ZipFile finishes its archive when it is garbage-collected) must not fail again, printing a traceback, on a
    file that is already gone; the count keeps the positions it asks for consistent. A write after the save
    ended without failure is an error (ValueError), as on any closed file.
    """

    def __init__(self, handle: int):
        super().__init__()
        self._handle = handle
        self._abandoned_at: int | None = None  # the position when the save was abandoned, then as written

    def finish(self) -> None:
        """Flush the file to disk and close it."""
        os.fsync(self._handle)
        self.close()

    def abandon(self) -> None:
        """Stop writing to the file and close it (it is about to be removed)."""
        if self._abandoned_at is None:
            self._abandoned_at = 0 if self.closed else os.lseek(self._handle, 0, os.SEEK_CUR)
        with contextlib.suppress(OSError):
            self.close()

    def close(self) -> None:
        if not self.closed:
            try:
                super().close()
            finally:
                os.close(self._handle)

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        self._check_open()
        return self._handle

    def write(self, data: ReadableBuffer) -> int:
        view = memoryview(data).cast("B")
        if self._abandoned_at is not None:
            self._abandoned_at += len(view)
            return len(view)
        self._check_open()
        written = 0
        while written < len(view):  # os.write may write part of a large buffer
            written += os.write(self._handle, view[written:])
        return written

    def seek(self, offset: int, whence: int = os.SEEK_SET) -> int:
        if self._abandoned_at is None:
            self._check_open()
            return os.lseek(self._handle, offset, whence)
        self._abandoned_at = max(0, offset + (self._abandoned_at if whence != os.SEEK_SET else 0))
        return self._abandoned_at

    def tell(self) -> int:
        return self.seek(0, os.SEEK_CUR)

    def flush(self) -> None:
        """Nothing is buffered; and a flush after the save failed (or from a finaliser) must not raise."""

    def _check_open(self) -> None:
        if self.closed:
            raise ValueError("I/O operation on the file of a save that has ended")


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new, exclusive file beside `target`; mode 0o666 so that the umask applies as for any new file."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)
    for _attempt in range(100):
        name = str(target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, _("no free name for a temporary file"), str(target.parent))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows cannot open a folder to flush it."""
    if os.name == "nt":
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError as error:
        if error.errno not in (errno.EINVAL, errno.ENOTSUP):  # some file systems cannot sync a folder
            raise
    finally:
        os.close(handle)
