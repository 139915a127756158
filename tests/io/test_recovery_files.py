"""Recovery files without a display: what one holds, which are offered after a crash, and reading one back."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from planner.io.planfile import load_plan
from planner.io.recovery import (
    SECTION,
    RecoveryEntry,
    load_recovery,
    original_of,
    pending_recoveries,
    recoveries_of,
    recovery_name,
    write_recovery,
)
from planner.model.plan import Plan


def dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


def rewrite_section(path: Path, **changes: object) -> None:
    """Change the recovery section of a written file, as another process would have written it."""
    document = json.loads(path.read_bytes())
    document[SECTION].update(changes)
    path.write_text(json.dumps(document), encoding="utf-8")


def test_a_recovery_file_names_its_plan_its_process_and_its_time(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / "recovery" / recovery_name(1)
    write_recovery(small_plan, tmp_path / "618.rcplan", path)  # the folder is made on the way
    section = json.loads(path.read_bytes())[SECTION]
    assert section["original_path"] == str(tmp_path / "618.rcplan")
    assert (section["host"], section["pid"]) == (socket.gethostname(), os.getpid())
    assert section["saved_at"][:4].isdigit() and "T" in section["saved_at"]
    assert path.name == f"{socket.gethostname()}-{os.getpid()}-1.rcplan"


def test_a_recovery_file_is_a_plan_file(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / recovery_name(2)
    write_recovery(small_plan, None, path)
    loaded = load_plan(path)
    assert loaded.notes["note_id"].tolist() == small_plan.notes["note_id"].tolist()
    assert loaded.extra[SECTION]["original_path"] is None


def test_work_a_plan_file_would_refuse_is_written_all_the_same(tmp_path: Path, small_plan: Plan) -> None:
    notes = small_plan.notes.copy()
    notes.loc[0, "budget"] = -5.0  # invalid in a plan file; the user's work all the same
    path = tmp_path / recovery_name(3)
    write_recovery(small_plan.with_notes(notes), None, path)
    assert json.loads(path.read_bytes())["scenarios"][0]["budgets"][0] == -5.0


def test_reading_it_back_gives_the_plan_without_its_section_and_the_original_path(tmp_path: Path,
                                                                                  small_plan: Plan) -> None:
    path = tmp_path / recovery_name(4)
    original = tmp_path / "plans" / ".." / "618.rcplan"
    write_recovery(replace(small_plan, extra={SECTION: {"stale": True}}), original, path)
    [entry] = pending_recoveries(tmp_path)
    plan, where = load_recovery(entry)
    assert SECTION not in plan.extra
    assert where == original.resolve() == original_of(entry)
    assert plan.notes.equals(load_plan(path).notes)


def test_files_of_open_windows_are_not_offered(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / recovery_name(5)
    write_recovery(small_plan, None, path)
    assert pending_recoveries(tmp_path, live={path}) == []
    assert [entry.path for entry in pending_recoveries(tmp_path)] == [path]


def test_files_of_another_live_process_on_this_host_are_not_offered(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / "other.rcplan"
    write_recovery(small_plan, None, path)
    rewrite_section(path, pid=os.getppid())  # the process that runs these tests: alive
    assert pending_recoveries(tmp_path) == []


def test_files_of_a_dead_process_or_another_host_are_offered(tmp_path: Path, small_plan: Plan) -> None:
    crashed, remote = tmp_path / "crashed.rcplan", tmp_path / "remote.rcplan"
    for path in (crashed, remote):
        write_recovery(small_plan, None, path)
    rewrite_section(crashed, pid=dead_pid())
    rewrite_section(remote, pid=os.getppid(), host="agency-pc")  # a pid here says nothing of another host
    assert {entry.path for entry in pending_recoveries(tmp_path)} == {crashed, remote}


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"recovery": [1]}'])
def test_an_unreadable_file_is_skipped_and_left_for_the_user(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.rcplan"
    path.write_bytes(content)
    assert pending_recoveries(tmp_path) == []
    assert path.read_bytes() == content


def test_a_pid_that_is_not_a_number_is_no_live_process(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / "odd.rcplan"
    write_recovery(small_plan, None, path)
    rewrite_section(path, pid="abc")
    assert [entry.path for entry in pending_recoveries(tmp_path)] == [path]


def test_a_missing_folder_has_no_recoveries(tmp_path: Path) -> None:
    assert pending_recoveries(tmp_path / "nowhere") == []


def test_the_recoveries_of_a_plan_are_those_naming_its_file(tmp_path: Path, small_plan: Plan) -> None:
    mine, other, untitled = (tmp_path / f"{name}.rcplan" for name in ("mine", "other", "untitled"))
    write_recovery(small_plan, tmp_path / "618.rcplan", mine)
    write_recovery(small_plan, tmp_path / "519.rcplan", other)
    write_recovery(small_plan, None, untitled)
    assert [entry.path for entry in recoveries_of(tmp_path / "618.rcplan", tmp_path)] == [mine]
    entry = next(e for e in pending_recoveries(tmp_path) if e.path == untitled)
    assert original_of(entry) is None and isinstance(entry, RecoveryEntry)
