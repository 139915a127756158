"""Every writer of the app (plans, lifts CSV, Excel plans, recovery files) refuses a target that is not a regular
file and names the user's file when the disk is full; the Excel export then prints no traceback either."""

from __future__ import annotations

import errno
import gc
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from save_hazards import COMMON, full_disk, make_special

from planner.io.excel.export import export_plan
from planner.io.excel.layout import open_workbook
from planner.io.planfile import load_plan, save_plan
from planner.io.recovery import write_recovery
from planner.io.tables.lifts import read_lifts, write_lifts
from planner.model.errors import InputError
from planner.model.plan import Plan

pytestmark = pytest.mark.skipif(os.name == "nt", reason="special files and symlinks of POSIX")


def write_recovery_file(plan: Plan, path: Path) -> None:
    write_recovery(plan, None, path)  # the GUI's autosave


WRITERS: dict[str, Callable[[Plan, Path], None]] = {
    "plan": save_plan,
    "lifts": lambda plan, path: write_lifts(plan.lifts, path),
    "excel": export_plan,
    "recovery": write_recovery_file,
}


@pytest.mark.parametrize("via_link", [False, True], ids=["direct", "symlink"])
@pytest.mark.parametrize("kind", COMMON)
@pytest.mark.parametrize("writer", list(WRITERS))
def test_each_writer_refuses_a_special_file_and_leaves_it_untouched(tmp_path: Path, small_plan: Plan, writer: str,
                                                                    kind: str, via_link: bool) -> None:
    special = make_special(tmp_path, kind, via_link)
    before = special.identity()
    with pytest.raises(InputError) as refused:
        WRITERS[writer](small_plan, special.given)
    assert [str(problem) for problem in refused.value.problems] == [special.message()]
    assert special.identity() == before
    assert special.leftovers() == []


@pytest.mark.parametrize("writer", list(WRITERS))
def test_each_writer_saves_through_a_symlink_to_a_regular_file(tmp_path: Path, small_plan: Plan,
                                                               writer: str) -> None:
    suffix = {"plan": ".rcplan", "recovery": ".rcplan", "lifts": ".csv", "excel": ".xlsx"}[writer]
    real = tmp_path / f"real{suffix}"
    real.write_bytes(b"old")
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real.name)
    WRITERS[writer](small_plan, link)
    assert link.is_symlink() and real.read_bytes() != b"old"
    readers = {"plan": load_plan, "recovery": load_plan, "lifts": read_lifts, "excel": open_workbook}
    assert readers[writer](real) is not None


@pytest.mark.parametrize("writer", list(WRITERS))
def test_each_writer_names_the_file_on_a_full_disk(tmp_path: Path, small_plan: Plan, writer: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "618.out"
    target.write_bytes(b"old")
    full_disk(monkeypatch)
    with pytest.raises(OSError) as failed:
        WRITERS[writer](small_plan, target)
    assert (failed.value.errno, failed.value.filename) == (errno.ENOSPC, str(target))
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["618.out"]


@pytest.mark.parametrize("after", [0, 3000])
def test_a_full_disk_during_an_export_leaves_no_traceback_and_no_file(tmp_path: Path, small_plan: Plan, after: int,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up at the archive's start or in its middle: XlsxWriter's zip is finished silently."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / "618.xlsx"
    full_disk(monkeypatch, after)
    with pytest.raises(OSError) as failed:
        export_plan(small_plan, target)
    assert (failed.value.errno, failed.value.strerror, failed.value.filename) == (
        errno.ENOSPC, "No space left on device", str(target))
    del failed
    gc.collect()
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []


def test_an_export_whose_scratch_files_cannot_be_made_names_the_export(tmp_path: Path, small_plan: Plan,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """XlsxWriter's row files go to the system's temporary folder; when it is full, the export failed."""
    import tempfile

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/redcat-xlsx-1234")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(OSError) as failed:
        export_plan(small_plan, tmp_path / "618.xlsx")
    assert (failed.value.errno, failed.value.filename) == (errno.ENOSPC, str(tmp_path / "618.xlsx"))
    assert list(tmp_path.iterdir()) == []
