"""The plan session without a window: the plan shown, its file and lock, opening and saving as jobs, autosave."""

from __future__ import annotations

from pathlib import Path

import pytest
from planner.resources import resource_path
from PySide6.QtGui import QUndoCommand

from planner.gui.jobs import Job, State
from planner.gui.session import PlanSession
from planner.io.locks import acquire, read_lock
from planner.io.planfile import load_plan, save_plan
from planner.model.errors import InputError
from planner.model.plan import Plan


@pytest.fixture
def session(qtbot) -> PlanSession:
    made = PlanSession()
    yield made
    made.close()


@pytest.fixture
def saved(tmp_path: Path, small_plan: Plan) -> Path:
    path = tmp_path / "small.rcplan"
    save_plan(small_plan, path)
    return path.resolve()


def jobs_of(session: PlanSession) -> list[Job]:
    started: list[Job] = []
    session.runner.started.connect(started.append)
    return started


def test_a_new_session_shows_an_empty_untitled_plan(session: PlanSession) -> None:
    assert len(session.document.plan.notes) == 0 and session.document.path is None
    assert session.undo_stack.isClean() and session.lock is None and not session.read_only


def test_loading_is_a_job_named_for_the_file(session: PlanSession, saved: Path) -> None:
    started = jobs_of(session)
    plan = session.load(saved)
    assert plan.notes["note_id"].tolist() == ["n1", "n2", "n3"]
    assert [(job.kind, job.name, job.state) for job in started] == [("open", "Opening small.rcplan…", State.FINISHED)]


def test_a_file_that_cannot_be_loaded_raises_the_cores_error(session: PlanSession, tmp_path: Path) -> None:
    broken = tmp_path / "broken.rcplan"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        session.load(broken)
    assert "broken.rcplan" in str(refused.value)


def test_showing_a_plan_clears_the_history_and_takes_over_the_lock(session: PlanSession, saved: Path,
                                                                   small_plan: Plan, tmp_path: Path) -> None:
    changes: list[None] = []
    session.changed.connect(lambda: changes.append(None))
    lock, _ = session.take_lock(saved)
    session.undo_stack.push(QUndoCommand("an edit"))
    session.show(small_plan, saved, lock)
    assert session.undo_stack.count() == 0 and session.undo_stack.isClean()
    assert session.document.plan is small_plan and session.document.path == saved and session.lock is lock
    other = tmp_path / "other.rcplan"
    save_plan(small_plan, other)
    second, _ = session.take_lock(other)
    session.show(small_plan, other, second)
    assert read_lock(saved) is None and read_lock(other) == second.info  # the first lock was released
    assert len(changes) == 2


def test_restored_work_is_shown_unsaved(session: PlanSession, small_plan: Plan) -> None:
    session.show(small_plan, None, unsaved=True)
    assert not session.undo_stack.isClean()


def test_saving_writes_the_file_and_marks_the_plan_saved(session: PlanSession, small_plan: Plan,
                                                         tmp_path: Path) -> None:
    started = jobs_of(session)
    session.show(small_plan, None, unsaved=True)
    session.save(tmp_path / "out.rcplan")
    assert load_plan(tmp_path / "out.rcplan").notes.equals(small_plan.notes)
    assert session.undo_stack.isClean()
    assert [(job.kind, job.name, job.cancellable) for job in started] == [("save", "Saving out.rcplan…", False)]


def test_a_failed_save_keeps_the_plan_unsaved(session: PlanSession, small_plan: Plan, tmp_path: Path) -> None:
    session.show(small_plan, None, unsaved=True)
    (tmp_path / "folder.rcplan").mkdir()
    with pytest.raises((InputError, OSError)):
        session.save(tmp_path / "folder.rcplan")
    assert not session.undo_stack.isClean()


def test_adopting_a_new_file_moves_the_lock(session: PlanSession, saved: Path, small_plan: Plan,
                                            tmp_path: Path) -> None:
    lock, _ = session.take_lock(saved)
    session.show(small_plan, saved, lock, read_only=False)
    target = (tmp_path / "copy.rcplan").resolve()
    new_lock, _ = session.take_lock(target)
    session.adopt(target, new_lock)
    assert session.document.path == target and session.lock is new_lock and not session.read_only
    assert read_lock(saved) is None and read_lock(target) == new_lock.info


def test_a_lock_held_elsewhere_is_reported_with_its_holder(session: PlanSession, saved: Path) -> None:
    held, _ = acquire(saved)
    lock, holder = session.take_lock(saved)
    assert lock is None and holder == held.info
    held.release()


def test_closing_releases_the_lock_and_deletes_the_recovery_file(qtbot, saved: Path, small_plan: Plan,
                                                                 tmp_path: Path) -> None:
    session = PlanSession()
    autosaver = session.start_autosave(tmp_path / "recovery")
    lock, _ = session.take_lock(saved)
    session.show(small_plan, saved, lock, unsaved=True)
    autosaver.save_now()
    assert autosaver.path.exists()
    session.close()
    assert read_lock(saved) is None and not autosaver.path.exists()


def test_autosave_is_a_quiet_job_on_the_runner(qtbot, small_plan: Plan, tmp_path: Path) -> None:
    session = PlanSession()
    autosaver = session.start_autosave(tmp_path / "recovery")
    session.show(small_plan, None, unsaved=True)
    session.document.set_params(brand_budget=1.0)  # a change since the last autosave
    job = autosaver.autosave()
    assert job is not None and job.kind == "autosave" and job.quiet
    assert autosaver.autosave() is None  # one at a time
    with qtbot.waitSignal(job.ended, timeout=10_000):
        pass
    assert autosaver.path.exists() and session.pending_recoveries() == []  # its own file: never offered
    session.close()


def test_the_kind_of_a_table_is_read_from_its_header(session: PlanSession, tmp_path: Path) -> None:
    notes = tmp_path / "notes.csv"
    notes.write_text("note_id,industry\nn1,beauty\n", encoding="utf-8")
    assert session.table_kind(notes) == "notes"
    assert session.table_kind(resource_path("demo_history.csv")) == "history"


def test_an_unknown_table_kind_is_a_programming_error(session: PlanSession) -> None:
    with pytest.raises(ValueError, match="notes or history"):
        session.table_schema("lifts")


def test_a_second_fit_while_one_runs_is_refused(qtbot, session: PlanSession) -> None:
    first = session.fit_history_file(resource_path("demo_history.csv"))
    assert first is not None and session.fit_history_file(resource_path("demo_history.csv")) is None
    with qtbot.waitSignal(first.ended, timeout=30_000):
        pass
    assert first.state is State.FINISHED and "sports" in [e.industry for e in first.result.result.report if e.fitted]
