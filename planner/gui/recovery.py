"""Autosave and crash recovery: unsaved work is written to a recovery file every minute.

Recovery files live in <AppDataLocation>/recovery, one per open window, named <host>-<pid>-<n>.rcplan.
Each is a plan file written atomically by the core (planner.io.planfile) with an extra `recovery`
section: the plan's original path and when and by which process it was written. A clean close or a save
deletes it; a crash leaves it, and the next start offers to restore it, as does opening its plan again.
Files of windows still open (in this process, or in another live process on this host) are never offered.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import logging
import os
import socket
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QStandardPaths, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from planner.gui.document import PlanDocument
from planner.gui.locks import pid_alive
from planner.gui.workers import Job, start
from planner.io.planfile import load_plan, write_plan_file
from planner.model.plan import Plan

SECTION = "recovery"
INTERVAL_MS = 60_000
_serial = itertools.count(1)
_live: set[Path] = set()  # recovery files of this process's open windows


def recovery_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def write_recovery(plan: Plan, original: Path | None, path: Path) -> None:
    """Write `plan` with its original path to `path`, atomically (runs in a worker).

    Written even when the plan has invalid values (a plan file would refuse them): losing work is worse.
    """
    section = {"original_path": str(original) if original else None, "pid": os.getpid(),
               "host": socket.gethostname(), "saved_at": datetime.now().isoformat(timespec="seconds")}
    extra = {key: value for key, value in plan.extra.items() if key != SECTION}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_plan_file(replace(plan, extra={**extra, SECTION: section}), path)


class Autosaver(QObject):
    """Autosaves one window's document while it has unsaved changes; one recovery file per window."""

    def __init__(self, document: PlanDocument, undo_stack: QUndoStack, folder: Path | None = None,
                 interval_ms: int = INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        folder = folder or recovery_folder()
        self.path = folder / f"{socket.gethostname()}-{os.getpid()}-{next(_serial)}.rcplan"
        _live.add(self.path)
        self._dirty = False
        self._job: Job | None = None
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        document.changed.connect(self._mark_dirty)

    def _mark_dirty(self, _change: object = None) -> None:
        self._dirty = True

    def autosave(self) -> Job | None:
        """Write the recovery file in a worker if the plan changed since the last autosave."""
        if self._stack.isClean():
            self.discard()  # nothing unsaved (saved, or undone back to the saved state)
            return None
        if not self._dirty or self._job is not None:
            return None
        self._dirty = False
        self._job = start(Job(write_recovery, self._document.plan, self._document.path, self.path),
                          on_finished=self._written, on_failed=self._not_written)
        return self._job

    def busy(self) -> bool:
        return self._job is not None

    def save_now(self) -> None:
        """Write the recovery file at once, on this thread (before a risky step, and in tests)."""
        write_recovery(self._document.plan, self._document.path, self.path)
        self._dirty = False

    def _written(self, _result: object) -> None:
        self._job = None

    def _not_written(self, error: Exception) -> None:
        self._job = None
        self._dirty = True
        logging.getLogger("planner").warning("autosave to %s failed: %s", self.path, error)

    def discard(self) -> None:
        """Delete the recovery file: the work is saved (or deliberately thrown away)."""
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()

    def close(self) -> None:
        """A clean close: stop, delete the file, and stop counting it as live."""
        self.timer.stop()
        self.discard()
        _live.discard(self.path)

    def detach(self) -> None:
        """Stop without deleting the file, as a crash would (tests simulate crashes with it)."""
        self.timer.stop()
        _live.discard(self.path)


@dataclass(frozen=True)
class RecoveryEntry:
    """A recovery file left by a window that did not close properly."""

    path: Path
    plan_name: str
    original_path: str | None
    saved_at: str


def pending_recoveries(folder: Path | None = None) -> list[RecoveryEntry]:
    """Recovery files whose window is gone (crashed): not live here, and no live process on this host."""
    folder = folder or recovery_folder()
    entries = []
    for path in sorted(folder.glob("*.rcplan")) if folder.is_dir() else []:
        if path in _live:
            continue
        try:
            document = json.loads(path.read_bytes())
            section = document.get(SECTION) or {}
        except (OSError, ValueError, AttributeError):
            continue  # unreadable: left for the user to look at, never deleted silently
        if section.get("host") == socket.gethostname() and section.get("pid") != os.getpid() \
                and pid_alive(int(section.get("pid") or -1)):
            continue  # another running instance's window
        entries.append(RecoveryEntry(path, str(document.get("name", "")), section.get("original_path"),
                                     str(section.get("saved_at", ""))))
    return entries


def recoveries_of(plan_path: Path, folder: Path | None = None) -> list[RecoveryEntry]:
    """The pending recoveries of one plan file: offered again when that plan is opened."""
    return [entry for entry in pending_recoveries(folder) if original_of(entry) == plan_path.resolve()]


def original_of(entry: RecoveryEntry) -> Path | None:
    """The plan file the recovered work belongs to (None: it was never saved)."""
    return Path(entry.original_path).resolve() if entry.original_path else None


def load_recovery(entry: RecoveryEntry) -> tuple[Plan, Path | None]:
    """The recovered plan (without its recovery section) and the path it had."""
    plan = load_plan(entry.path)
    extra = {key: value for key, value in plan.extra.items() if key != SECTION}
    return replace(plan, extra=extra), original_of(entry)


def ask_restore(parent: QWidget | None, entry: RecoveryEntry) -> bool | None:
    """Ask whether to restore `entry`: True restore, False discard it, None keep it for later."""
    where = entry.original_path or QCoreApplication.translate("Recovery", "never saved")
    text = QCoreApplication.translate(
        "Recovery", "RedCat Planner did not close properly. Unsaved work on “%1” (%2) was autosaved at %3. "
                    "Restore it?")
    box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("Recovery", "Restore unsaved work?"),
                      text.replace("%1", entry.plan_name).replace("%2", where).replace("%3", entry.saved_at),
                      parent=parent)
    restore = box.addButton(QCoreApplication.translate("Recovery", "Restore"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(QCoreApplication.translate("Recovery", "Discard"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is restore:
        return True
    if box.clickedButton() is discard:
        return False
    return None
