"""Lock files: a plan open in one window or instance is detected by another, which says who holds it.

The lock is `.~<name>.lock` next to the plan (as office programs do), a small JSON document with user,
host, pid and time. Pure Python (no Qt), so it is tested without a display.

A lock is stale (left by a crash) and taken over when its pid is dead on this host, when it names this
process but this process did not make it (a pid reused after a restart), or when it is an empty or
unreadable regular file older than GRACE_SECONDS (a crash between creating the file and writing it).
Anything at the lock path that is not a regular file (a FIFO, a device, a symlink, a folder) is never
opened, followed or replaced: such a plan opens read-only until it is removed by hand. Of a regular file
at most MAX_LOCK_BYTES are read, so a huge one is merely unreadable.

Taking over a stale lock is not a race with another instance doing the same: the stale file is moved
aside by one atomic rename, and deleted only if the file moved is the very file judged stale (same
size, mtime and content); if another instance replaced it in between, its fresh lock is put back. The new
lock is then created with O_EXCL, so of two instances at most one ever holds the plan.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import secrets
import socket
import stat
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

GRACE_SECONDS = 10.0  # a lock is written milliseconds after it is created: an empty one this old was left by a crash
MAX_LOCK_BYTES = 4096  # ours are ~150 bytes; a bigger file is not a lock of ours and is never read whole
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # Windows has neither flag (nor FIFOs or device nodes in folders)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_BINARY = getattr(os, "O_BINARY", 0)

# Every lock this process wrote (kept for its life: a released one is gone from disk anyway). A lock naming
# this process that is not among them was written by an earlier process that had the same pid.
_written: set[LockInfo] = set()


def lock_path(plan_path: str | os.PathLike[str]) -> Path:
    """Where the lock of `plan_path` lives: `.~618.rcplan.lock` beside `618.rcplan`."""
    path = Path(plan_path)
    return path.with_name(f".~{path.name}.lock")


@dataclass(frozen=True)
class LockInfo:
    """Who holds a lock: user, host, process id and when they opened the plan (ISO time)."""

    user: str
    host: str
    pid: int
    time: str

    @staticmethod
    def mine() -> LockInfo:
        return LockInfo(_user(), socket.gethostname(), os.getpid(), datetime.now().isoformat(timespec="seconds"))

    def is_mine(self) -> bool:
        return self.host == socket.gethostname() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """Left by a process that is gone: same host, pid not running. A lock from another host never is."""
        return self.host == socket.gethostname() and not pid_alive(self.pid)


UNREADABLE = LockInfo("unknown", "unknown", -1, "")  # a lock whose holder cannot be told


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (containers, services)
        return "unknown"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this machine."""
    if pid <= 0:
        return False
    if os.name == "nt":  # os.kill(pid, 0) would terminate the process on Windows: ask the system instead
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # it exists, under another user
        return True
    return True


@dataclass(frozen=True)
class _Found:
    """What is at a lock path: its holder (None: nothing), whether it is stale, and what the file was."""

    holder: LockInfo | None
    stale: bool = False
    identity: tuple[int, int] | None = None  # size and mtime (ns) of a regular file
    data: bytes = b""  # its first bytes


def _identity(status: os.stat_result) -> tuple[int, int]:
    """Size and mtime: what a rename keeps. Not the inode: a new file may reuse it at once, and some
    network shares renumber a file when it is renamed."""
    return status.st_size, status.st_mtime_ns


def _read_small(descriptor: int) -> bytes:
    """At most MAX_LOCK_BYTES + 1 bytes: enough to tell that a file is too big, never the whole of it."""
    chunks: list[bytes] = []
    size = 0
    while size <= MAX_LOCK_BYTES:
        chunk = os.read(descriptor, MAX_LOCK_BYTES + 1 - size)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _parse(data: bytes) -> LockInfo | None:
    """The holder written in a lock, or None for an empty, half-written, foreign or oversized file."""
    if len(data) > MAX_LOCK_BYTES:
        return None
    try:
        fields = json.loads(data.decode("utf-8"))
        return LockInfo(str(fields["user"]), str(fields["host"]), int(fields["pid"]), str(fields["time"]))
    except (ValueError, KeyError, TypeError):
        return None


def _inspect(path: Path) -> _Found:
    """Look at the lock file without ever blocking: only a regular file is opened, read-only and non-blocking."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return _Found(UNREADABLE)  # FIFO, device, symlink, folder: never opened, never replaced
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _NOFOLLOW | _BINARY)
    except FileNotFoundError:
        return _Found(None)
    except OSError:
        # Typically another user's lock that we may not read (umask 077): its holder may well be alive.
        return _Found(UNREADABLE)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):  # swapped for a special file between lstat and open
            return _Found(UNREADABLE)
        data = _read_small(descriptor)
    except OSError:
        return _Found(UNREADABLE)
    finally:
        os.close(descriptor)
    holder = _parse(data)
    if holder is None:
        age = time.time() - status.st_mtime  # a clock ahead of ours (network share) makes it look fresh: safe
        return _Found(UNREADABLE, age > GRACE_SECONDS, _identity(status), data)
    reused_pid = holder.is_mine() and holder not in _written
    return _Found(holder, holder.is_stale() or reused_pid, _identity(status), data)


def read_lock(plan_path: str | os.PathLike[str]) -> LockInfo | None:
    """The holder of the plan's lock, or None when there is none; UNREADABLE when it cannot be told."""
    return _inspect(lock_path(plan_path)).holder


def _take_over(path: Path, found: _Found) -> bool:
    """Remove the stale lock `found`, but only that file: False when another instance replaced it meanwhile.

    Raises OSError when the folder does not let us move files (read-only media).
    """
    aside = path.with_name(f"{path.name}.stale-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        os.rename(path, aside)  # atomic, and never opens what it moves
    except FileNotFoundError:
        return True  # someone removed it already: the O_EXCL creation decides who gets the plan
    moved = _inspect(aside)
    # The same file: a fresh lock differs in its content (another pid) or, while still empty, in its mtime.
    if moved.identity == found.identity and moved.data == found.data:
        aside.unlink()
        return True
    # Another instance took the stale lock over between our look and our move: give it its lock back.
    try:
        os.link(aside, path)  # fails when the path is taken again: never replaces a lock
    except FileExistsError:
        pass  # a third instance locked the plan in the microseconds between: it holds the plan now
    except OSError:  # no hard links here (FAT, some shares): a rename is the next best thing
        with contextlib.suppress(OSError):
            os.rename(aside, path)
    with contextlib.suppress(FileNotFoundError):
        aside.unlink()
    return False


class PlanLock:
    """This process's lock on one plan file; release() removes it (only if it is still ours)."""

    def __init__(self, plan_path: str | os.PathLike[str]):
        self.plan_path = Path(plan_path)
        self.path = lock_path(plan_path)
        self.info = LockInfo.mine()

    def release(self) -> None:
        if read_lock(self.plan_path) == self.info:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def _write_lock(lock: PlanLock, descriptor: int) -> None:
    """Write the holder into the lock file just created (O_EXCL: the file is ours from its creation on)."""
    _written.add(lock.info)
    made: os.stat_result | None = None
    try:
        made = os.fstat(descriptor)
        data = json.dumps(lock.info.__dict__).encode("utf-8")
        while data:
            data = data[os.write(descriptor, data):]
    except OSError:  # a full disk: the empty lock left would hold the plan for GRACE_SECONDS
        with contextlib.suppress(OSError):
            now = os.lstat(lock.path)
            if made is not None and (now.st_dev, now.st_ino) == (made.st_dev, made.st_ino):
                lock.path.unlink()  # only the file made here, never one that replaced it
        raise
    finally:
        os.close(descriptor)


def acquire(plan_path: str | os.PathLike[str]) -> tuple[PlanLock | None, LockInfo | None]:
    """Lock the plan: (lock, None) on success, (None, holder) when someone else holds it.

    A stale lock is replaced (see the module's docstring). Creation is exclusive (O_EXCL, which never
    follows a symlink), so two instances never both succeed. A folder where no lock can be written
    (read-only media, a full disk) gives (None, None): open without a lock.
    """
    lock = PlanLock(plan_path)
    for _ in range(3):
        try:
            descriptor = os.open(lock.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o644)
        except FileExistsError:
            found = _inspect(lock.path)
            if found.holder is None:  # released between our attempt and the look: try again
                continue
            if not found.stale:
                return None, found.holder
            try:
                _take_over(lock.path, found)
            except OSError:
                return None, None
            continue  # taken over, or given back to whoever was quicker: the next attempt tells
        except OSError:
            return None, None
        try:
            _write_lock(lock, descriptor)
        except OSError:
            return None, None
        return lock, None
    return None, read_lock(plan_path)
