"""Lock files: a plan open in one window or instance is detected by another, which says who holds it.

The lock is `.~<name>.lock` next to the plan (as office programs do), a small JSON document with user,
host, pid and time. A lock whose pid is dead on this host is stale (left by a crash) and is taken over.
Pure Python (no Qt), so it is tested without a display.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


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


def read_lock(plan_path: str | os.PathLike[str]) -> LockInfo | None:
    """The holder of the plan's lock, or None when there is no (readable) lock."""
    try:
        data = json.loads(lock_path(plan_path).read_text(encoding="utf-8"))
        return LockInfo(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["time"]))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        # A half-written or foreign file: someone may hold it; say so with what we know.
        return LockInfo("unknown", "unknown", -1, "")


class PlanLock:
    """This process's lock on one plan file; release() removes it (only if it is still ours)."""

    def __init__(self, plan_path: str | os.PathLike[str]):
        self.plan_path = Path(plan_path)
        self.path = lock_path(plan_path)
        self.info = LockInfo.mine()

    def release(self) -> None:
        holder = read_lock(self.plan_path)
        if holder is not None and holder == self.info:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


def acquire(plan_path: str | os.PathLike[str]) -> tuple[PlanLock | None, LockInfo | None]:
    """Lock the plan: (lock, None) on success, (None, holder) when someone else holds it.

    A stale lock is replaced. Creation is exclusive (O_EXCL), so two instances never both succeed.
    A folder where no lock can be written (read-only media) gives (None, None): open without a lock.
    """
    lock = PlanLock(plan_path)
    for _ in range(2):
        try:
            descriptor = os.open(lock.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            holder = read_lock(plan_path)
            if holder is None:  # released between our attempt and the read: try again
                continue
            if holder.is_stale():
                with contextlib.suppress(FileNotFoundError):
                    lock.path.unlink()
                continue
            return None, holder
        except OSError:
            return None, None
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(lock.info.__dict__, handle)
        return lock, None
    return None, read_lock(plan_path)
