"""Opening a user's file for reading without trusting what its name points to.

A named pipe blocks the open and every read until some program writes to it, a device such as /dev/zero
never ends and reports a size of 0, a folder or a socket cannot be read as a file: each is refused at
once, naming what it is, before a byte is read. A symlink is judged by what it points to.
"""

from __future__ import annotations

import errno
import os
import stat
from io import BufferedReader
from pathlib import Path

from planner.i18n import N_, _
from planner.model.errors import refuse

# O_NONBLOCK: a named pipe put in place between the look and the open cannot block the open (POSIX only).
_READ_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_BINARY", 0))


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in a user's words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a folder")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    return _("a special file")


# The system's reasons for the file errors a user meets, in our words (the system's own are in English).
OS_REASONS = {
    errno.ENOSPC: N_("No space left on device"), errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"), errno.EROFS: N_("Read-only file system"),
    errno.ENOENT: N_("No such file or directory"), errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"), errno.EFBIG: N_("File too large"),
    errno.EDQUOT: N_("Disk quota exceeded"), errno.EIO: N_("Input/output error"),
    errno.ENAMETOOLONG: N_("File name too long"),
}


def os_reason(error: OSError) -> str:
    """Why a file could not be read or written, in the language spoken where the reason is a known one."""
    known = OS_REASONS.get(error.errno) if error.errno is not None else None
    return _(known) if known else str(error.strerror or error)


def open_regular(path: Path, file: str, what: str) -> BufferedReader:
    """`path` opened for reading if it is a regular file; else InputError "FILE: a device, not WHAT" (`what` in
    the language spoken: _("a table file")).

    OSError (missing, unreadable) is left to the caller, whose words for it differ.
    """
    _refuse_special(os.stat(path).st_mode, file, what)  # before the open: a socket cannot even be opened
    handle = os.open(path, _READ_FLAGS)
    try:
        _refuse_special(os.fstat(handle).st_mode, file, what)  # replaced since the look
        return os.fdopen(handle, "rb")
    except BaseException:
        os.close(handle)
        raise


def _refuse_special(mode: int, file: str, what: str) -> None:
    kind = special_kind(mode)
    if kind is not None:
        raise refuse(file, _("{kind}, not {what}").format(kind=kind, what=what))
