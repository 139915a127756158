"""Long operations as named jobs on one runner per open plan: progress, cancel, errors, one of a kind at a time.

A Job runs `fn(*args, **kwargs)` on the runner's thread pool (with `progress=callback` when it reports
progress); its signals arrive on the GUI thread. The runner's rules, after Vorta's job queue, kept small:

- One job of a kind at a time. A second job of a kind that is running is refused: `submit` returns None
  and `refused` fires (the status bar says so). Two exports or two optimisations at once are a double click,
  not a wish, and a queued one would act on the plan as it was when it was asked for.
- Except a job that `supersedes`: it cancels the running job of its kind and starts at once; the older
  outcome is dropped (the frontier of a plan that has changed since, a table re-read after a fix).
- `Job.cancel()` (Esc, or a dialog's Cancel button) stops a job at its next progress report, where
  Cancelled is raised inside it; a job without progress runs to its end and its outcome is dropped. Either
  way it ends with `failed(Cancelled())`. A job that cannot be taken back once started (a save) is not
  cancellable.
- A job that fails shows its error through errors.show_error (the core's words) when it has an
  `error_title`; a job whose owner shows its errors itself (a wizard page, a chart) has none. An error
  that comes while a job is waited for is shown once the wait is over: its dialog would need the input
  that the wait refuses.
- `wait(job)` runs the event loop until the job ends, taking no user input but Esc: for opening and saving,
  whose callers need the outcome before they go on.
- `shutdown()` (the window closes) cancels every job and waits for all of them to end.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcutEvent
from PySide6.QtWidgets import QWidget

from planner.gui.errors import show_error

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job at its next progress report once the user has cancelled it."""


class State(Enum):
    WAITING = "waiting"
    RUNNING = "running"
    FINISHED = "finished"
    FAILED = "failed"
    CANCELLED = "cancelled"


class _WorkerSignals(QObject):
    """Emitted from the pool's thread; received by the Job, on the GUI thread (queued)."""

    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)


class _Worker(QRunnable):
    def __init__(self, call: Callable[[], Any], signals: _WorkerSignals):
        super().__init__()
        self.setAutoDelete(False)  # the Job keeps it (and its signals) alive until it has ended
        self._call = call
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._call()
        except Exception as error:  # handed to the GUI thread, which reports it: nothing is swallowed
            log.debug("job failed", exc_info=True)
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


class Job(QObject):
    """One long operation: its kind (one at a time of each), its name for the status bar, and its outcome.

    `progress`: fn reports progress through a `progress(done, total)` keyword argument.
    `quiet`: runs without a word in the status bar (an autosave, the frontier computed in the background).
    """

    progressed = Signal(int, int)  # done, total
    finished = Signal(object)  # the result
    failed = Signal(object)  # the exception; Cancelled when the job was cancelled
    ended = Signal()  # after finished or failed

    def __init__(self, kind: str, name: str, fn: Callable[..., Any], *args: Any, progress: bool = False,
                 cancellable: bool = True, supersedes: bool = False, quiet: bool = False,
                 error_title: str | None = None, **kwargs: Any):
        super().__init__()
        self.kind, self.name = kind, name
        self.reports_progress, self.cancellable = progress, cancellable
        self.supersedes, self.quiet, self.error_title = supersedes, quiet, error_title
        self.state = State.WAITING
        self.done, self.total = 0, 0
        self.result: Any = None
        self.error: BaseException | None = None
        self._call = (fn, args, kwargs)
        self._cancel = threading.Event()
        self._signals = _WorkerSignals()
        self._signals.progress.connect(self._on_progress)
        self._signals.finished.connect(self._on_finished)
        self._signals.failed.connect(self._on_failed)
        self._worker = _Worker(self._run, self._signals)
        self._runner: JobRunner | None = None

    @property
    def over(self) -> bool:
        return self.state in (State.FINISHED, State.FAILED, State.CANCELLED)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Stop at the next progress report, or drop the outcome; nothing for a job that cannot be cancelled."""
        if self.cancellable and not self.over:
            self._cancel.set()

    def percent(self) -> int | None:
        """How far the job is, once it has said: 0..100."""
        return None if self.total <= 0 else max(0, min(100, round(100 * self.done / self.total)))

    # --- on the pool's thread ---------------------------------------------------------------------

    def _run(self) -> Any:
        fn, args, kwargs = self._call
        if self._cancel.is_set():
            raise Cancelled()
        if self.reports_progress:
            kwargs = {**kwargs, "progress": self._report}
        return fn(*args, **kwargs)

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self._signals.progress.emit(done, total)

    # --- on the GUI thread ------------------------------------------------------------------------

    def _on_progress(self, done: int, total: int) -> None:
        if self.over or self._cancel.is_set():
            return
        self.done, self.total = done, total
        self.progressed.emit(done, total)
        if self._runner is not None:
            self._runner.progressed.emit(self)

    def _on_finished(self, result: object) -> None:
        if self._cancel.is_set():
            self._end(State.CANCELLED, error=Cancelled())
        else:
            self._end(State.FINISHED, result=result)

    def _on_failed(self, error: BaseException) -> None:
        cancelled = isinstance(error, Cancelled) or self._cancel.is_set()
        self._end(State.CANCELLED if cancelled else State.FAILED, error=Cancelled() if cancelled else error)

    def _end(self, state: State, result: object = None, error: BaseException | None = None) -> None:
        self.state, self.result, self.error = state, result, error
        runner = self._runner
        if runner is not None:
            runner._release(self)
        if state is State.FINISHED:
            self.finished.emit(result)
        else:
            self.failed.emit(error)
        self.ended.emit()
        if runner is not None:
            runner._ended(self)


class JobRunner(QObject):
    """Runs the jobs of one open plan on its own thread pool, by the rules of the module's docstring."""

    started = Signal(object)  # the Job
    progressed = Signal(object)  # the Job, whose done and total changed
    ended = Signal(object)  # the Job, over (see its state)
    refused = Signal(object)  # the Job not started: one of its kind is running

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._current: dict[str, Job] = {}  # per kind, the job whose outcome counts
        self._alive: set[Job] = set()  # every job started and not ended (superseded ones too)
        self._waits = 0
        self._deferred: list[Job] = []  # failed jobs whose errors wait for the end of a wait
        self.error_parent: QWidget | None = None  # the window that error dialogs belong to
        self.show_errors = True

    def submit(self, job: Job) -> Job | None:
        """Start `job`; None (and `refused`) when a job of its kind runs and `job` does not supersede it."""
        running = self._current.get(job.kind)
        if running is not None:
            if not job.supersedes:
                self.refused.emit(job)
                return None
            running.cancel()
        job._runner = self
        job.state = State.RUNNING
        self._current[job.kind] = job
        self._alive.add(job)
        self._pool.start(job._worker)
        self.started.emit(job)
        return job

    def running(self, kind: str | None = None) -> list[Job]:
        """The jobs whose outcome counts, oldest first (of `kind` only, when given)."""
        return [job for job in self._current.values() if kind is None or job.kind == kind]

    def busy(self, kind: str | None = None) -> bool:
        return bool(self.running(kind))

    def cancel(self, kind: str | None = None) -> None:
        for job in self.running(kind):
            job.cancel()

    def wait(self, job: Job) -> None:
        """Run the event loop until `job` ends: the window paints and shows progress, and takes no input but
        Esc, which cancels the job (if it can be)."""
        if job.over or job not in self._alive:
            return
        loop = QEventLoop()
        job.ended.connect(loop.quit)
        guard = _InputGuard(job)
        application = QCoreApplication.instance()
        assert application is not None  # jobs signal through the event loop: there is an application
        application.installEventFilter(guard)
        self._waits += 1
        try:
            loop.exec()
        finally:
            self._waits -= 1
            application.removeEventFilter(guard)
        if not self._waits:
            deferred, self._deferred = self._deferred, []
            for failed in deferred:
                self._show_error(failed)

    @property
    def waiting(self) -> bool:
        """Whether a `wait` is under way: the window must not close (or start another wait) meanwhile."""
        return self._waits > 0

    def shutdown(self, msecs: int = 10_000) -> bool:
        """Cancel every job and wait up to `msecs` for all of them to end; False if some still run."""
        for job in list(self._alive):
            job.cancel()
        done = self._pool.waitForDone(msecs)
        QCoreApplication.sendPostedEvents()  # their outcomes, so that each job is over and released
        return done

    def _release(self, job: Job) -> None:
        self._alive.discard(job)
        if self._current.get(job.kind) is job:
            del self._current[job.kind]

    def _ended(self, job: Job) -> None:
        self.ended.emit(job)
        if job.state is State.FAILED and job.error_title is not None and self.show_errors:
            if self._waits:
                self._deferred.append(job)
            else:
                self._show_error(job)

    def _show_error(self, job: Job) -> None:
        show_error(self.error_parent, job.error or Exception(), job.error_title or "")


_INPUT = {QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.MouseButtonPress,
          QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick, QEvent.Type.Wheel,
          QEvent.Type.Shortcut, QEvent.Type.ShortcutOverride, QEvent.Type.ContextMenu, QEvent.Type.TouchBegin,
          QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd, QEvent.Type.DragEnter, QEvent.Type.Drop}


class _InputGuard(QObject):
    """While a job is waited for: user input is dropped, Esc cancels the job.

    Esc is seen as a shortcut first (the window's Esc action), then as a key press: either cancels.
    """

    def __init__(self, job: Job):
        super().__init__()
        self._job = job

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() not in _INPUT:
            return False
        if _is_escape(event):
            self._job.cancel()
        return True


def _is_escape(event: QEvent) -> bool:
    if isinstance(event, QKeyEvent):
        return event.key() == Qt.Key.Key_Escape
    return isinstance(event, QShortcutEvent) and event.key() == QKeySequence(Qt.Key.Key_Escape)
