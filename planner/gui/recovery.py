"""Autosave in the GUI: the timer, the recovery folder, and the recovery files of the open windows.

Unsaved work is written to a recovery file every minute, in <AppDataLocation>/recovery, one file per open
window, as a quiet job on the session's runner. The file's format is planner.io.recovery's; the session
hands the Autosaver its writer. Files of windows still open (in this process, or in another live process on
this host) are never offered.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QTimer
from PySide6.QtGui import QUndoStack

from planner.gui.document import PlanDocument
from planner.gui.jobs import Cancelled, Job, JobRunner
from planner.model.plan import Plan

INTERVAL_MS = 60_000
Writer = Callable[[Plan, Path | None, Path], None]  # (plan, its file, recovery file): write_recovery
_live: set[Path] = set()  # recovery files of this process's open windows


def recovery_folder() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def live_files() -> frozenset[Path]:
    """The recovery files this process's open windows write: never offered as left by a crash."""
    return frozenset(_live)


class Autosaver(QObject):
    """Autosaves one window's document to `path` while it has unsaved changes, with `write`."""

    def __init__(self, document: PlanDocument, undo_stack: QUndoStack, runner: JobRunner, path: Path,
                 write: Writer, interval_ms: int = INTERVAL_MS, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        self._runner = runner
        self._write = write
        self.path = path
        _live.add(self.path)
        self._dirty = False
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.autosave)
        self.timer.start()
        document.changed.connect(self._mark_dirty)

    def _mark_dirty(self, _change: object = None) -> None:
        self._dirty = True

    def autosave(self) -> Job | None:
        """Write the recovery file in a job if the plan changed since the last autosave (None: no need, or
        the last autosave is still being written)."""
        if self._stack.isClean():
            self.discard()  # nothing unsaved (saved, or undone back to the saved state)
            return None
        if not self._dirty or self.busy():
            return None
        job = Job("autosave", self.tr("Autosaving"), self._write, self._document.plan, self._document.path,
                  self.path, quiet=True)
        job.failed.connect(self._not_written)
        self._dirty = False
        return self._runner.submit(job)

    def busy(self) -> bool:
        return self._runner.busy("autosave")

    def save_now(self) -> None:
        """Write the recovery file at once, on this thread (before a risky step, and in tests)."""
        self._write(self._document.plan, self._document.path, self.path)
        self._dirty = False

    def _not_written(self, error: BaseException) -> None:
        self._dirty = True  # tried again at the next tick
        if not isinstance(error, Cancelled):
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
