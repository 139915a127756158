"""Recovery files: unsaved work written aside, so that a crash loses at most the last minute of it.

A recovery file is a plan file (planner.io.planfile) with an extra `recovery` section: the path of the plan
the work belongs to, and when and by which process (host and pid) it was written. It is written even when
the plan holds values a plan file would refuse: losing work is worse. One file per open window, named
<host>-<pid>-<n>.rcplan; a clean close or a save deletes it, a crash leaves it behind to be offered again.

Pure Python (no Qt), tested without a display. The GUI keeps the timers, the folder and the set of files
its open windows are writing (`live`), which are never offered.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from planner.io.locks import pid_alive
from planner.io.planfile import load_plan, write_plan_file
from planner.model.plan import Plan

SECTION = "recovery"
SUFFIX = ".rcplan"


def recovery_name(serial: int) -> str:
    """The file name of this process's `serial`-th recovery file: host and pid tell whose it is."""
    return f"{socket.gethostname()}-{os.getpid()}-{serial}{SUFFIX}"


def write_recovery(plan: Plan, original: Path | None, path: Path) -> None:
    """Write `plan` with its original path to `path`, atomically, creating the folder if need be.

    Written without validating the plan (write_plan_file): work a plan file would refuse is kept too.
    """
    section = {"original_path": str(original) if original else None, "pid": os.getpid(),
               "host": socket.gethostname(), "saved_at": datetime.now().isoformat(timespec="seconds")}
    extra = {key: value for key, value in plan.extra.items() if key != SECTION}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_plan_file(replace(plan, extra={**extra, SECTION: section}), path)


@dataclass(frozen=True)
class RecoveryEntry:
    """A recovery file left by a window that did not close properly."""

    path: Path
    plan_name: str
    original_path: str | None
    saved_at: str


def _entry(path: Path) -> tuple[RecoveryEntry, dict[str, object]] | None:
    """The entry of one recovery file and its section; None when it cannot be read (left for the user)."""
    try:
        document = json.loads(path.read_bytes())
        section = document.get(SECTION) or {}
        entry = RecoveryEntry(path, str(document.get("name", "")), section.get("original_path"),
                              str(section.get("saved_at", "")))
    except (OSError, ValueError, AttributeError):
        return None
    return entry, section


def _written_by_a_live_process(section: dict[str, object]) -> bool:
    """Another running process on this host writes this file (its window is open): not a crash's leftover."""
    pid = _pid(section.get("pid"))
    return section.get("host") == socket.gethostname() and pid != os.getpid() and pid_alive(pid)


def _pid(value: object) -> int:
    """A process id as written in a section; -1 (no process) for anything else."""
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return -1


def pending_recoveries(folder: Path, live: Collection[Path] = ()) -> list[RecoveryEntry]:
    """Recovery files in `folder` whose window is gone: not in `live`, and not of a live process on this host.

    Unreadable files are skipped, never deleted: the user may want to look at them.
    """
    entries = []
    for path in sorted(folder.glob(f"*{SUFFIX}")) if folder.is_dir() else []:
        if path in live:
            continue
        found = _entry(path)
        if found is None or _written_by_a_live_process(found[1]):
            continue
        entries.append(found[0])
    return entries


def original_of(entry: RecoveryEntry) -> Path | None:
    """The plan file the recovered work belongs to (None: it was never saved)."""
    return Path(entry.original_path).resolve() if entry.original_path else None


def recoveries_of(plan_path: Path, folder: Path, live: Collection[Path] = ()) -> list[RecoveryEntry]:
    """The pending recoveries of one plan file: offered again when that plan is opened."""
    return [entry for entry in pending_recoveries(folder, live) if original_of(entry) == plan_path.resolve()]


def load_recovery(entry: RecoveryEntry) -> tuple[Plan, Path | None]:
    """The recovered plan (without its recovery section) and the path of the plan it belongs to."""
    plan = load_plan(entry.path)
    extra = {key: value for key, value in plan.extra.items() if key != SECTION}
    return replace(plan, extra=extra), original_of(entry)
