"""Never lose work: autosave, a simulated crash and a restore; lock files between windows and processes."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX
from planner.gui.recovery import live_files
from planner.io.locks import LockInfo, acquire, lock_path, read_lock
from planner.io.planfile import save_plan
from planner.io.recovery import pending_recoveries
from planner.model.plan import Plan


def edit_first_budget(window: MainWindow, text: str) -> None:
    model = window.notes_view.model
    assert model.setData(model.index(0, COLUMN_INDEX["budget"]), text, Qt.ItemDataRole.EditRole)


def wait_for_autosave(window: MainWindow, qtbot) -> None:
    job = window.session.autosaver.autosave()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    qtbot.waitUntil(lambda: window.session.autosaver.path.exists())


def test_autosave_writes_only_unsaved_work(demo_window: MainWindow, qtbot) -> None:
    assert demo_window.session.autosaver.autosave() is None  # nothing changed
    assert not demo_window.session.autosaver.path.exists()
    edit_first_budget(demo_window, "4321")
    wait_for_autosave(demo_window, qtbot)
    demo_window.undo_stack.undo()  # back to the saved state: the recovery file goes
    demo_window.session.autosaver.autosave()
    assert not demo_window.session.autosaver.path.exists()


def test_autosave_runs_every_minute(window: MainWindow) -> None:
    assert window.session.autosaver.timer.isActive()
    assert window.session.autosaver.timer.interval() == 60_000


def test_after_a_crash_the_next_window_restores_the_work(make_window, small_plan: Plan, tmp_path: Path,
                                                         qtbot, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    first = make_window()
    assert first.open_path(path)
    edit_first_budget(first, "7777")
    wait_for_autosave(first, qtbot)
    first.session.autosaver.detach()  # the crash: no clean close, the recovery file stays behind
    first.session.lock.path.unlink()  # (a crashed process's lock is stale; here the process lives on)
    first.session.lock = None
    second = make_window()
    entries = pending_recoveries(second.session.autosaver.path.parent, live_files())
    assert [e.original_path for e in entries] == [str(path.resolve())]
    dialogs.answers.append("Restore")
    assert second.offer_recovery()
    assert second.document.plan.notes["budget"].iloc[first.notes_view.model.position(0)] == 7777
    assert second.document.path == path.resolve()
    assert second.isWindowModified()  # restored work is unsaved until the user saves it
    assert "recovery" not in second.document.plan.extra
    assert not entries[0].path.exists()
    assert second.session.autosaver.path.exists()  # and it is protected again at once


def crash_while_editing(make_window, path: Path, qtbot) -> MainWindow:
    """A window edits `path`, autosaves, and its process dies: the recovery file and a dead pid's lock stay."""
    first = make_window()
    assert first.open_path(path)
    edit_first_budget(first, "7777")
    wait_for_autosave(first, qtbot)
    first.session.autosaver.detach()
    first.session.lock = None
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    crashed = LockInfo("lihua", socket.gethostname(), int(gone.stdout), "2025-05-13T20:00:00")
    lock_path(path).write_text(json.dumps(crashed.__dict__), encoding="utf-8")
    return first


def acquire_in_another_process(path: Path) -> str:
    """What another instance of the app gets when it tries to lock `path`: 'locked' or the holder's pid."""
    code = ("import sys; from planner.io.locks import acquire; lock, holder = acquire(sys.argv[1]); "
            "print('locked' if lock else holder.pid)")
    return subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_restoring_at_start_up_gives_a_writable_window_that_holds_the_lock(make_window, small_plan: Plan,
                                                                         tmp_path: Path, qtbot, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    crash_while_editing(make_window, path, qtbot)
    second = make_window()  # `planner work.rcplan`: the plan is opened, then the recoveries are offered
    dialogs.answers.append("Restore")
    assert second.open_path(path)
    assert not second.offer_recovery()  # asked once, not twice
    assert [title for _, title, _ in dialogs.shown] == ["Restore unsaved work?"]
    assert second.document.plan.notes["budget"].max() == 7777
    assert not second.session.read_only and "[read-only]" not in second.windowTitle()
    assert second.isWindowModified()
    assert read_lock(path) == second.session.lock.info and second.session.lock.info.pid == os.getpid()
    assert acquire_in_another_process(path) == str(os.getpid())
    assert second.save() and not second.isWindowModified()


CRASH = """
import os, sys
from pathlib import Path
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
app = QApplication([])
from planner.gui.main_window import MainWindow
from planner.gui.settings import Settings
from planner.gui.models.note_columns import COLUMN_INDEX
plan, profile = Path(sys.argv[1]), Path(sys.argv[2])
window = MainWindow(Settings(QSettings(str(profile / "crash.ini"), QSettings.Format.IniFormat)),
                    recovery_folder=profile / "recovery")
assert window.open_path(plan)
window.notes_view.model.setData(window.notes_view.model.index(0, COLUMN_INDEX["budget"]), "7777",
                                Qt.ItemDataRole.EditRole)
window.session.autosaver.save_now()
os._exit(3)
"""


def test_after_a_real_crash_the_plan_reopens_writable_with_the_work(make_window, small_plan: Plan, profile: Path,
                                                                    tmp_path: Path, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    # Run outside the checkout, as an installed app runs: its source tree has no planner.resources.
    crashed = subprocess.run([sys.executable, "-c", CRASH, str(path), str(profile)], capture_output=True, text=True,
                             cwd=tmp_path)
    assert crashed.returncode == 3, crashed.stderr
    assert read_lock(path).is_stale()  # what the dead process left: its lock and its recovery file
    window = make_window()
    dialogs.answers.append("Restore")
    assert window.open_path(path)
    assert window.document.plan.notes["budget"].max() == 7777
    assert not window.session.read_only and "[read-only]" not in window.windowTitle()
    assert read_lock(path) == window.session.lock.info
    assert acquire_in_another_process(path) == str(os.getpid())


def test_restoring_onto_the_plan_the_window_has_open_keeps_its_lock(make_window, small_plan: Plan,
                                                                     tmp_path: Path, qtbot, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    crash_while_editing(make_window, path, qtbot)
    second = make_window()
    assert second.open_path(path)  # the offer to restore is answered "later" (Cancel)
    lock = second.session.lock
    [entry] = pending_recoveries(second.session.autosaver.path.parent, live_files())
    assert second.restore_recovery(entry)
    assert second.session.lock is lock and not second.session.read_only
    assert read_lock(path) == lock.info
    assert "[read-only]" not in second.windowTitle()


def test_work_on_a_plan_another_process_holds_is_restored_read_only(make_window, small_plan: Plan,
                                                                  tmp_path: Path, qtbot, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    crash_while_editing(make_window, path, qtbot)
    colleague = LockInfo("lihua", socket.gethostname(), os.getppid(), "2025-05-13T21:00:00")
    lock_path(path).write_text(json.dumps(colleague.__dict__), encoding="utf-8")
    second = make_window()
    dialogs.answers += ["Restore", "Restore read-only"]
    assert second.offer_recovery()
    assert "restored read-only" in dialogs.texts() and f"process {os.getppid()}" in dialogs.texts()
    assert second.session.read_only and "[read-only]" in second.windowTitle()
    assert second.document.plan.notes["budget"].max() == 7777
    assert read_lock(path) == colleague  # the colleague's lock is untouched
    assert second.session.autosaver.path.exists()


def test_work_on_a_plan_in_use_can_be_kept_for_later(make_window, small_plan: Plan, tmp_path: Path, qtbot,
                                                    dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    crash_while_editing(make_window, path, qtbot)
    lock_path(path).write_text(json.dumps(LockInfo("lihua", socket.gethostname(), os.getppid(), "").__dict__),
                               encoding="utf-8")
    second = make_window()
    dialogs.answers.append("Restore")  # then "Keep for later", the default
    assert not second.offer_recovery()
    assert second.document.path is None
    assert len(pending_recoveries(second.session.autosaver.path.parent, live_files())) == 1


def test_opening_a_plan_offers_its_autosaved_work_and_discard_opens_the_saved_file(
        make_window, small_plan: Plan, tmp_path: Path, qtbot, dialogs) -> None:
    path = tmp_path / "work.rcplan"
    save_plan(small_plan, path)
    crash_while_editing(make_window, path, qtbot)
    second = make_window()
    dialogs.answers.append("Discard")
    assert second.open_path(path)
    assert second.document.plan.notes["budget"].max() != 7777 and not second.isWindowModified()
    assert pending_recoveries(second.session.autosaver.path.parent, live_files()) == []
    assert read_lock(path) == second.session.lock.info


def test_a_clean_close_leaves_no_recovery_file(demo_window: MainWindow, qtbot) -> None:
    edit_first_budget(demo_window, "5000")
    wait_for_autosave(demo_window, qtbot)
    demo_window.undo_stack.setClean()
    demo_window.close()
    assert not demo_window.session.autosaver.path.exists()


def test_a_discarded_recovery_is_deleted(make_window, qtbot, dialogs) -> None:
    first = make_window()
    assert first.open_demo()
    edit_first_budget(first, "5000")
    wait_for_autosave(first, qtbot)
    first.session.autosaver.detach()
    dialogs.answers.append("Discard")
    second = make_window()
    assert not second.offer_recovery()
    assert not first.session.autosaver.path.exists()


def test_open_windows_recovery_files_are_not_offered(demo_window: MainWindow, make_window, qtbot) -> None:
    edit_first_budget(demo_window, "5000")
    wait_for_autosave(demo_window, qtbot)
    assert pending_recoveries(demo_window.session.autosaver.path.parent, live_files()) == []


# ---------------------------------------------------------------------------------------- lock files

def test_opening_a_plan_takes_its_lock_and_closing_releases_it(window: MainWindow, small_plan: Plan,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "p.rcplan"
    save_plan(small_plan, path)
    assert window.open_path(path)
    holder = read_lock(path)
    assert lock_path(path).name == ".~p.rcplan.lock"
    assert holder is not None and holder.pid == os.getpid() and holder.host == socket.gethostname()
    window.close()
    assert not lock_path(path).exists()


def test_a_plan_open_in_another_window_opens_read_only_and_says_who(make_window, small_plan: Plan,
                                                                    tmp_path: Path, dialogs) -> None:
    path = tmp_path / "shared.rcplan"
    save_plan(small_plan, path)
    first, second = make_window(), make_window()
    assert first.open_path(path)
    dialogs.answers.append("Open read-only")
    assert second.open_path(path)
    assert "already open in another window" in dialogs.texts()
    assert second.session.read_only and "[read-only]" in second.windowTitle()
    second.close()
    assert read_lock(path) is not None  # still the first window's


def test_cancel_leaves_a_locked_plan_closed(make_window, small_plan: Plan, tmp_path: Path, dialogs) -> None:
    path = tmp_path / "shared.rcplan"
    save_plan(small_plan, path)
    first, second = make_window(), make_window()
    first.open_path(path)
    assert not second.open_path(path)  # the fixture answers Cancel
    assert second.document.path is None


def test_a_lock_held_by_another_host_names_the_user(window: MainWindow, small_plan: Plan, tmp_path: Path,
                                                    dialogs) -> None:
    path = tmp_path / "remote.rcplan"
    save_plan(small_plan, path)
    lock_path(path).write_text(json.dumps({"user": "lihua", "host": "agency-pc", "pid": 4242,
                                           "time": "2025-05-13T20:00:00"}), encoding="utf-8")
    assert not window.open_path(path)
    assert "lihua on agency-pc" in dialogs.texts()
    assert "2025-05-13 20:00:00" in dialogs.texts()


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "stale.rcplan"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    pid = int(dead.stdout)
    info = LockInfo("someone", socket.gethostname(), pid, "2025-01-01T00:00:00")
    lock_path(path).write_text(json.dumps(info.__dict__), encoding="utf-8")
    assert read_lock(path).is_stale()
    lock, holder = acquire(path)
    assert lock is not None and holder is None
    assert read_lock(path).pid == os.getpid()
    lock.release()
    assert not lock_path(path).exists()


def test_save_as_moves_the_lock(window: MainWindow, small_plan: Plan, tmp_path: Path) -> None:
    first = tmp_path / "a.rcplan"
    save_plan(small_plan, first)
    window.open_path(first)
    assert window.save_to(tmp_path / "b.rcplan")
    assert not lock_path(first).exists()
    assert read_lock(tmp_path / "b.rcplan").pid == os.getpid()
