"""Lock files in odd states: left empty by a crash, held by a live process, special files, races."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from planner.io import locks
from planner.io.locks import GRACE_SECONDS, UNREADABLE, LockInfo, acquire, lock_path, read_lock

PROMPT = 10.0  # seconds: far more than any of these calls takes, far less than a hung test suite


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return tmp_path / "618.rcplan"


def write_holder(path: Path, info: LockInfo) -> None:
    lock_path(path).write_text(json.dumps(info.__dict__), encoding="utf-8")


def age(path: Path, seconds: float) -> None:
    """Date the file (not what a symlink points to) `seconds` back."""
    then = os.lstat(path).st_mtime - seconds
    os.utime(path, (then, then), follow_symlinks=False)


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def finishes(call: Callable[[], Any]) -> Any:
    """The result of `call`, run in a thread so that a call that blocks fails the test instead of hanging it."""
    results: list[Any] = []
    thread = threading.Thread(target=lambda: results.append(call()), daemon=True)
    thread.start()
    thread.join(PROMPT)
    assert not thread.is_alive(), "the call blocked"
    return results[0]


def test_an_empty_lock_older_than_the_grace_period_is_taken_over(plan: Path) -> None:
    lock_path(plan).touch()  # a crash between creating the lock and writing it
    age(lock_path(plan), GRACE_SECONDS + 5)
    lock, holder = acquire(plan)
    assert lock is not None and holder is None
    assert read_lock(plan).pid == os.getpid()
    lock.release()
    assert not lock_path(plan).exists()


def test_a_fresh_empty_lock_is_being_written_and_is_not_taken_over(plan: Path) -> None:
    lock_path(plan).touch()
    lock, holder = acquire(plan)
    assert lock is None and holder == UNREADABLE
    assert lock_path(plan).stat().st_size == 0


def test_a_garbled_lock_older_than_the_grace_period_is_taken_over(plan: Path) -> None:
    lock_path(plan).write_bytes(b'{"user": "li')
    age(lock_path(plan), GRACE_SECONDS + 5)
    lock, _ = acquire(plan)
    assert lock is not None and read_lock(plan) == lock.info


def test_a_lock_of_a_live_process_is_kept(plan: Path) -> None:
    other = LockInfo("lihua", socket.gethostname(), os.getppid(), "2025-05-13T20:00:00")
    write_holder(plan, other)
    age(lock_path(plan), GRACE_SECONDS + 5)  # however old: its holder still runs
    assert acquire(plan) == (None, other)
    assert read_lock(plan) == other


def test_a_lock_naming_this_process_that_it_did_not_make_is_left_from_before_a_restart(plan: Path) -> None:
    write_holder(plan, LockInfo("lihua", socket.gethostname(), os.getpid(), "2025-05-13T20:00:00"))
    lock, holder = acquire(plan)
    assert lock is not None and holder is None
    assert acquire(plan) == (None, lock.info)  # the lock it did make holds the plan, even for itself


def test_a_fifo_as_lock_answers_at_once_and_is_left_alone(plan: Path) -> None:
    os.mkfifo(lock_path(plan))
    assert finishes(lambda: read_lock(plan)) == UNREADABLE
    assert finishes(lambda: acquire(plan)) == (None, UNREADABLE)
    assert stat.S_ISFIFO(os.lstat(lock_path(plan)).st_mode)


def test_a_symlink_to_a_fifo_is_not_followed(plan: Path, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    lock_path(plan).symlink_to(tmp_path / "pipe")
    assert finishes(lambda: read_lock(plan)) == UNREADABLE
    assert finishes(lambda: acquire(plan)) == (None, UNREADABLE)


def test_a_symlink_to_a_device_is_never_written_through_nor_replaced(plan: Path, tmp_path: Path) -> None:
    device = tmp_path / "device"
    os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(0, 0))  # no driver behind it: any open fails
    lock_path(plan).symlink_to(device)
    age(lock_path(plan), GRACE_SECONDS + 5)  # old, unreadable, yet not a lock file: never stale
    assert finishes(lambda: acquire(plan)) == (None, UNREADABLE)
    assert os.readlink(lock_path(plan)) == str(device)
    assert stat.S_ISCHR(os.lstat(device).st_mode) and os.lstat(device).st_rdev == os.makedev(0, 0)
    assert {p.name for p in tmp_path.iterdir()} == {"device", lock_path(plan).name}


def test_a_huge_lock_is_not_read_whole(plan: Path) -> None:
    with open(lock_path(plan), "wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: no disk used, but 64 MiB for whoever reads it all
    tracemalloc.start()
    try:
        assert finishes(lambda: read_lock(plan)) == UNREADABLE
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024


def test_taking_over_a_stale_lock_leaves_the_lock_another_instance_took_meanwhile(
        plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_holder(plan, LockInfo("crashed", socket.gethostname(), dead_pid(), "2025-05-13T20:00:00"))
    quicker = LockInfo("lihua", socket.gethostname(), os.getppid(), "2025-05-13T21:00:00")
    look = locks._inspect

    def look_then_lose_the_race(path: Path) -> locks._Found:
        found = look(path)
        if found.stale and path == lock_path(plan):
            # Another instance saw the same stale lock, replaced it and now holds the plan.
            lock_path(plan).unlink()
            write_holder(plan, quicker)
        return found

    monkeypatch.setattr(locks, "_inspect", look_then_lose_the_race)
    assert acquire(plan) == (None, quicker)
    assert read_lock(plan) == quicker
    assert [p.name for p in plan.parent.iterdir()] == [lock_path(plan).name]  # nothing left aside


def test_a_lock_that_cannot_be_written_is_not_left_behind_empty(plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(_descriptor: int, _data: bytes) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(locks.os, "write", disk_full)
    assert acquire(plan) == (None, None)  # open without a lock, as on read-only media
    monkeypatch.undo()
    assert not lock_path(plan).exists()


def test_release_leaves_a_lock_that_is_no_longer_ours(plan: Path) -> None:
    lock, _ = acquire(plan)
    other = LockInfo("lihua", "agency-pc", 4242, "2025-05-13T20:00:00")
    lock_path(plan).unlink()  # removed by hand, then the plan locked from another machine
    write_holder(plan, other)
    lock.release()
    assert read_lock(plan) == other
