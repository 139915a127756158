"""What every save must survive: targets that are not regular files, and a disk that fills up.

Special files are made in a test's own folder. Device nodes are made with os.mknod (this needs root) and never
touch a real device: a character device with /dev/null's numbers (1, 3) stands for `-o /dev/null`. A target
is given directly or through a symlink.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

# What each kind of special file is called in the refusal.
WORDS = {"device": "a device", "block device": "a device", "fifo": "a named pipe (FIFO)", "socket": "a socket",
         "folder": "a folder"}
# The ones every writer is tested with; the unit tests of planner.io.atomic take all of WORDS.
COMMON = ("device", "fifo", "folder")
REFUSAL = "not a file: choose a file name to save to"


@dataclass(frozen=True)
class Special:
    """A special file, and the path a save is given: the file itself, or a symlink to it."""

    node: Path
    given: Path
    kind: str

    def identity(self) -> tuple[int, int, int]:
        """What must not change: the node's type, its device numbers and its inode."""
        status = os.lstat(self.node)
        return stat.S_IFMT(status.st_mode), status.st_rdev, status.st_ino

    def message(self) -> str:
        """The one line of the refusal, naming the path the save was given."""
        what = WORDS[self.kind]
        if self.given != self.node:
            what = f"a link to {what} ({os.path.realpath(self.node)})"
        return f"{self.given}: {what}, {REFUSAL}"

    def leftovers(self) -> list[str]:
        """Files a refused save left in the folder (a temporary file would be one)."""
        return sorted(p.name for p in self.node.parent.iterdir() if p.name.endswith(".tmp"))


def make_special(folder: Path, kind: str, via_link: bool = False, name: str = "target") -> Special:
    """A special file of `kind` (a key of WORDS) in `folder`, given directly or through a symlink `name`.link."""
    node = folder / f"{name}.{kind.replace(' ', '-')}"
    if kind == "device":
        os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    elif kind == "block device":
        os.mknod(node, 0o600 | stat.S_IFBLK, os.makedev(7, 0))
    elif kind == "fifo":
        os.mkfifo(node)
    elif kind == "socket":
        os.mknod(node, 0o600 | stat.S_IFSOCK)
    elif kind == "folder":
        node.mkdir()
    else:
        raise ValueError(kind)
    if not via_link:
        return Special(node, node, kind)
    link = folder / f"{name}.link"
    link.symlink_to(node.name)  # relative, as a user's link usually is
    return Special(node, link, kind)


def full_disk(monkeypatch: pytest.MonkeyPatch, after: int = 0) -> None:
    """The disk fills up once `after` bytes were written with os.write (as saves write their temporary file)."""
    tempfile.gettempdir()  # found by writing a probe with os.write: before the disk fills up
    real_write, written = os.write, [0]

    def write(handle: int, data: bytes) -> int:
        if written[0] + len(data) > after:
            raise OSError(errno.ENOSPC, "No space left on device")
        written[0] += len(data)
        return real_write(handle, data)

    monkeypatch.setattr(os, "write", write)
