"""The running job in the status bar: its name and progress ("Exporting to Excel… 40%"), and Cancel.

It follows the session's job runner and shows the job started last that is not quiet; a refused job is
told in a short message. A cancelled job just leaves the status bar: its owner says what cancelling it
means, where there is something to say (an export: no workbook was written).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

from planner.gui.jobs import Job, JobRunner


class JobStatus(QWidget):
    """Name, percentage and a progress bar of the job shown; Cancel (or Esc) cancels it."""

    message = Signal(str)  # a short note for the status bar: a job refused

    def __init__(self, runner: JobRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._runner = runner
        self._shown: list[Job] = []  # running jobs that are not quiet, oldest first
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        self.bar.setTextVisible(False)
        self.cancel_button = QToolButton()
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Cancel this job (Esc)"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.label, self.bar, self.cancel_button):
            layout.addWidget(widget)
        runner.started.connect(self._started)
        runner.progressed.connect(self._update)
        runner.ended.connect(self._ended)
        runner.refused.connect(self._refused)
        self._update()

    def current(self) -> Job | None:
        """The job shown: the one started last that still runs."""
        return self._shown[-1] if self._shown else None

    def text(self) -> str:
        """What the status bar says of the job shown: its name, and how far it is once it has said."""
        job = self.current()
        if job is None:
            return ""
        percent = job.percent()
        return job.name if percent is None else f"{job.name} {percent}%"

    def can_cancel(self) -> bool:
        job = self.current()
        return job is not None and job.cancellable and not job.cancelled

    def cancel(self) -> None:
        job = self.current()
        if job is not None:
            job.cancel()
            self._update()

    def _started(self, job: Job) -> None:
        if not job.quiet:
            self._shown.append(job)
            self._update()

    def _ended(self, job: Job) -> None:
        if job in self._shown:
            self._shown.remove(job)
            self._update()

    def _refused(self, job: Job) -> None:
        if not job.quiet:
            running = self._runner.running(job.kind)
            name = running[0].name if running else job.name
            self.message.emit(self.tr("Already under way: %1").replace("%1", name))

    def _update(self, *_args: object) -> None:
        job = self.current()
        self.setVisible(job is not None)
        if job is None:
            return
        self.label.setText(self.text())
        percent = job.percent()
        if percent is None:
            self.bar.setRange(0, 0)  # it has not said how far it is: a bar that moves
        else:
            self.bar.setRange(0, 100)
            self.bar.setValue(percent)
        self.cancel_button.setVisible(job.cancellable)
        self.cancel_button.setEnabled(not job.cancelled)
