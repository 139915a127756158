"""The job runner: jobs run off the GUI thread, report progress, can be cancelled, fail visibly, one of a kind."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit

from planner.gui.jobs import Cancelled, Job, JobRunner, State
from planner.gui.views.job_status import JobStatus
from planner.model.errors import InputError, Problem

PROMPT = 10.0  # seconds a gate waits at most: far more than any of these jobs needs


@pytest.fixture
def runner(qtbot) -> JobRunner:
    runner = JobRunner()
    yield runner
    runner.shutdown()


def gated(gate: threading.Event, reached: list[str] | None = None) -> Callable[..., str]:
    """A job that reports progress, waits for `gate`, reports again (where a cancel stops it), then ends."""
    def run(progress: Callable[[int, int], None]) -> str:
        progress(1, 4)
        gate.wait(PROMPT)
        progress(2, 4)
        if reached is not None:
            reached.append("end")
        return "done"
    return run


def until_cancelled(stop: threading.Event) -> Callable[..., None]:
    """A job that reports progress until a report raises Cancelled (or `stop` is set)."""
    def run(progress: Callable[[int, int], None]) -> None:
        while not stop.wait(0.005):
            progress(0, 1)
    return run


def ended(qtbot, job: Job) -> Job:
    with qtbot.waitSignal(job.ended, timeout=int(PROMPT * 1000)):
        pass
    return job


def test_a_job_runs_off_the_gui_thread_and_hands_back_its_result(qtbot, runner: JobRunner) -> None:
    job = runner.submit(Job("count", "Counting", threading.get_ident))
    assert job is not None and runner.running() == [job]
    with qtbot.waitSignal(job.finished, timeout=10_000) as finished:
        pass
    assert finished.args[0] != threading.get_ident()
    assert job.state is State.FINISHED and job.result == finished.args[0]
    assert runner.running() == []


def test_progress_arrives_in_order_with_the_jobs_name(qtbot, runner: JobRunner) -> None:
    def steps(progress: Callable[[int, int], None]) -> None:
        for done in range(1, 6):
            progress(done, 5)

    job = Job("export", "Exporting to Excel", steps, progress=True)
    seen: list[tuple[str, int | None]] = []
    runner.progressed.connect(lambda shown: seen.append((shown.name, shown.percent())))
    runner.submit(job)
    ended(qtbot, job)
    assert seen == [("Exporting to Excel", p) for p in (20, 40, 60, 80, 100)]
    assert (job.done, job.total) == (5, 5)


def test_cancel_stops_a_job_at_its_next_progress_report(qtbot, runner: JobRunner) -> None:
    gate, reached = threading.Event(), []
    job = runner.submit(Job("export", "Exporting", gated(gate, reached), progress=True))
    assert job is not None
    with qtbot.waitSignal(job.progressed, timeout=10_000):
        pass
    job.cancel()
    gate.set()
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        pass
    assert isinstance(failed.args[0], Cancelled) and job.state is State.CANCELLED
    assert reached == []  # it stopped where it reported progress, before its end


def test_a_cancelled_job_without_progress_has_its_outcome_dropped(qtbot, runner: JobRunner) -> None:
    gate = threading.Event()
    job = runner.submit(Job("optimise", "Optimising", lambda: gate.wait(PROMPT) and "optimised"))
    assert job is not None
    results: list[object] = []
    job.finished.connect(results.append)
    job.cancel()
    gate.set()
    ended(qtbot, job)
    assert results == [] and job.state is State.CANCELLED and isinstance(job.error, Cancelled)


def test_a_job_that_cannot_be_taken_back_ignores_cancel(qtbot, runner: JobRunner) -> None:
    gate = threading.Event()
    job = runner.submit(Job("save", "Saving", lambda: gate.wait(PROMPT) and "saved", cancellable=False))
    assert job is not None
    job.cancel()
    gate.set()
    assert ended(qtbot, job).state is State.FINISHED and job.result == "saved"


def refuse_input() -> None:
    raise InputError([Problem("notes.csv", 3, "cpm", "abc", "an amount in ¥")])


def test_a_failure_is_shown_with_the_core_words(qtbot, runner: JobRunner, dialogs) -> None:
    job = runner.submit(Job("import", "Reading notes.csv", refuse_input, error_title="notes.csv cannot be read:"))
    assert job is not None
    with qtbot.waitSignal(job.failed, timeout=10_000) as failed:
        pass
    assert isinstance(failed.args[0], InputError) and job.state is State.FAILED
    qtbot.waitUntil(lambda: bool(dialogs.opened))
    assert dialogs.opened[0].lines() == ['notes.csv, row 3, column cpm: value "abc": expected an amount in ¥']


def test_a_failure_without_a_title_is_left_to_the_jobs_owner(qtbot, runner: JobRunner, dialogs) -> None:
    job = runner.submit(Job("preview", "Reading notes.csv", refuse_input))
    assert job is not None
    assert ended(qtbot, job).state is State.FAILED
    assert dialogs.shown == []


def test_a_second_job_of_a_kind_is_refused_while_one_runs(qtbot, runner: JobRunner) -> None:
    gate = threading.Event()
    first = runner.submit(Job("export", "Exporting", gated(gate), progress=True))
    refused: list[Job] = []
    runner.refused.connect(refused.append)
    second = Job("export", "Exporting again", gated(gate), progress=True)
    assert runner.submit(second) is None and refused == [second]
    other = runner.submit(Job("optimise", "Optimising", lambda: "other kind"))
    assert other is not None  # another kind runs beside it
    gate.set()
    assert first is not None and ended(qtbot, first).state is State.FINISHED
    assert second.state is State.WAITING  # never started
    assert runner.submit(Job("export", "Exporting once more", gated(gate), progress=True)) is not None


def test_a_superseding_job_replaces_the_running_one(qtbot, runner: JobRunner) -> None:
    stop = threading.Event()
    older = runner.submit(Job("frontier", "Frontier", until_cancelled(stop), progress=True, supersedes=True))
    newer = runner.submit(Job("frontier", "Frontier", lambda: "newer", supersedes=True))
    assert older is not None and newer is not None
    assert runner.running("frontier") == [newer]
    assert ended(qtbot, older).state is State.CANCELLED
    if not newer.over:
        ended(qtbot, newer)
    assert newer.state is State.FINISHED and newer.result == "newer"


def test_wait_takes_no_input_but_escape_which_cancels(qtbot, runner: JobRunner) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    stop = threading.Event()
    job = runner.submit(Job("open", "Opening", until_cancelled(stop), progress=True))
    assert job is not None

    def type_then_escape() -> None:
        QTest.keyClicks(field, "abc")  # dropped: the window waits for the job
        assert runner.waiting
        QTest.keyClick(field, Qt.Key.Key_Escape)

    QTimer.singleShot(0, type_then_escape)
    runner.wait(job)
    stop.set()
    assert job.state is State.CANCELLED
    assert field.text() == "" and not runner.waiting
    QTest.keyClicks(field, "ok")  # input reaches the window again
    assert field.text() == "ok"


def test_wait_returns_at_once_for_a_job_that_is_over_or_was_refused(qtbot, runner: JobRunner) -> None:
    job = runner.submit(Job("count", "Counting", lambda: 1))
    assert job is not None
    ended(qtbot, job)
    runner.wait(job)
    runner.wait(Job("count", "Never started", lambda: 2))
    assert not runner.waiting


def test_shutdown_cancels_every_job_and_waits_for_them(qtbot, runner: JobRunner) -> None:
    stop = threading.Event()
    jobs: list[Any] = [runner.submit(Job(kind, kind, until_cancelled(stop), progress=True))
                       for kind in ("export", "frontier")]
    assert runner.shutdown()
    assert [job.state for job in jobs] == [State.CANCELLED, State.CANCELLED]
    assert runner.running() == []


# ---------------------------------------------------------------------------------- the status bar

@pytest.fixture
def status(qtbot, runner: JobRunner) -> JobStatus:
    widget = JobStatus(runner)
    qtbot.addWidget(widget)
    return widget


def test_the_status_bar_names_the_running_job_and_how_far_it_is(qtbot, runner: JobRunner,
                                                                status: JobStatus) -> None:
    gate = threading.Event()
    job = runner.submit(Job("export", "Exporting to Excel…", gated(gate), progress=True))
    assert job is not None and status.text() == "Exporting to Excel…" and status.isVisibleTo(status)
    with qtbot.waitSignal(job.progressed, timeout=10_000):
        pass
    assert status.text() == "Exporting to Excel… 25%" and status.bar.value() == 25
    gate.set()
    ended(qtbot, job)
    assert status.text() == "" and not status.isVisibleTo(status)


def test_quiet_jobs_are_not_shown(runner: JobRunner, status: JobStatus, qtbot) -> None:
    job = runner.submit(Job("autosave", "Autosaving", lambda: None, quiet=True))
    assert job is not None and status.current() is None
    ended(qtbot, job)


def test_the_cancel_button_cancels_the_job_shown(qtbot, runner: JobRunner, status: JobStatus) -> None:
    stop = threading.Event()
    job = runner.submit(Job("export", "Exporting to Excel…", until_cancelled(stop), progress=True))
    assert job is not None and status.can_cancel()
    with qtbot.waitSignal(job.ended, timeout=10_000):
        qtbot.mouseClick(status.cancel_button, Qt.MouseButton.LeftButton)
        assert not status.can_cancel() and not status.cancel_button.isEnabled()  # cancelled once
    assert job.state is State.CANCELLED and status.current() is None


def test_a_save_shows_no_cancel_button(runner: JobRunner, status: JobStatus, qtbot) -> None:
    gate = threading.Event()
    job = runner.submit(Job("save", "Saving 618.rcplan…", lambda: gate.wait(PROMPT), cancellable=False))
    assert job is not None and not status.can_cancel() and status.cancel_button.isHidden()
    gate.set()
    ended(qtbot, job)


def test_a_refused_job_is_told_with_the_job_under_way(runner: JobRunner, status: JobStatus, qtbot) -> None:
    gate = threading.Event()
    first = runner.submit(Job("export", "Exporting to Excel…", gated(gate), progress=True))
    said: list[str] = []
    status.message.connect(said.append)
    assert runner.submit(Job("export", "Exporting to Excel…", gated(gate), progress=True)) is None
    assert said == ["Already under way: Exporting to Excel…"]
    gate.set()
    assert first is not None
    ended(qtbot, first)


def test_an_error_that_comes_during_a_wait_is_shown_once_the_wait_is_over(qtbot, runner: JobRunner,
                                                                          monkeypatch) -> None:
    shown: list[tuple[str, bool]] = []
    monkeypatch.setattr("planner.gui.jobs.show_error",
                        lambda _parent, error, _title: shown.append((str(error), runner.waiting)))
    gate = threading.Event()
    failing = runner.submit(Job("export", "Exporting", refuse_input, error_title="Not written:"))
    waited = Job("open", "Opening", lambda: gate.wait(PROMPT))
    assert failing is not None and runner.submit(waited) is not None
    failing.ended.connect(gate.set)  # the open ends only after the export has failed
    runner.wait(waited)
    assert failing.state is State.FAILED
    assert shown == [('notes.csv, row 3, column cpm: value "abc": expected an amount in ¥', False)]
