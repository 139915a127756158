"""Background jobs on Qt's thread pool, reporting progress, results and errors through signals."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a job's progress callback once the user has cancelled it."""


class JobSignals(QObject):
    progress = Signal(int, int)  # done, total
    finished = Signal(object)  # the job's result
    failed = Signal(object)  # the exception


class Job(QRunnable):
    """Runs fn(*args, progress=callback, **kwargs) when `with_progress`, else fn(*args, **kwargs)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, with_progress: bool = False, **kwargs: Any):
        super().__init__()
        self.signals = JobSignals()
        self._call = (fn, args, kwargs)
        self._with_progress = with_progress
        self._cancel = threading.Event()
        self.setAutoDelete(False)  # the caller keeps the Job (and so its signals) alive

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        fn, args, kwargs = self._call
        try:
            if self._with_progress:
                kwargs = {**kwargs, "progress": self._progress}
            result = fn(*args, **kwargs)
        except Exception as error:  # reported to the GUI thread, which shows it; nothing is swallowed
            log.debug("background job failed", exc_info=True)
            self.signals.failed.emit(error)
        else:
            self.signals.finished.emit(result)


_running: set[Job] = set()


def start(job: Job, on_finished: Callable[[Any], None] | None = None,
          on_failed: Callable[[Exception], None] | None = None,
          on_progress: Callable[[int, int], None] | None = None) -> Job:
    """Start `job` on the global thread pool; callbacks run on the GUI thread."""
    if on_finished is not None:
        job.signals.finished.connect(on_finished)
    if on_failed is not None:
        job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    _running.add(job)
    job.signals.finished.connect(lambda _result: _running.discard(job))
    job.signals.failed.connect(lambda _error: _running.discard(job))
    QThreadPool.globalInstance().start(job)
    return job
