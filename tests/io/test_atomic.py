"""planner.io.atomic, the one way the app writes a file: only a regular file (or a new name) is replaced, and
errors name the file the user gave, never the hidden temporary file beside it."""

from __future__ import annotations

import errno
import gc
import os
import sys
import zipfile
from pathlib import Path

import pytest
from save_hazards import WORDS, full_disk, make_special

from planner.io.atomic import atomic_stream, check_target, write_atomically
from planner.model.errors import InputError

pytestmark = pytest.mark.skipif(os.name == "nt", reason="special files and symlinks of POSIX")


def problem_lines(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


# ---------------------------------------------------------------- what may be replaced

def test_a_new_file_is_written(tmp_path: Path) -> None:
    write_atomically(tmp_path / "new.csv", b"a,b\n")
    assert (tmp_path / "new.csv").read_bytes() == b"a,b\n"
    assert [p.name for p in tmp_path.iterdir()] == ["new.csv"]


def test_a_symlink_to_a_regular_file_writes_the_file_it_points_to(tmp_path: Path) -> None:
    (tmp_path / "real.csv").write_bytes(b"old")
    link = tmp_path / "link.csv"
    link.symlink_to("real.csv")
    write_atomically(link, b"new")
    assert link.is_symlink() and (tmp_path / "real.csv").read_bytes() == b"new"


def test_a_dangling_symlink_makes_the_file_it_points_to(tmp_path: Path) -> None:
    link = tmp_path / "link.csv"
    link.symlink_to("later.csv")
    write_atomically(link, b"new")
    assert link.is_symlink() and (tmp_path / "later.csv").read_bytes() == b"new"


@pytest.mark.parametrize("via_link", [False, True], ids=["direct", "symlink"])
@pytest.mark.parametrize("kind", list(WORDS))
def test_a_special_file_is_refused_and_left_untouched(tmp_path: Path, kind: str, via_link: bool) -> None:
    special = make_special(tmp_path, kind, via_link)
    before = special.identity()
    with pytest.raises(InputError) as refused:
        write_atomically(special.given, b"plan")
    assert problem_lines(refused) == [special.message()]
    assert special.identity() == before
    assert special.leftovers() == []


def test_the_refusal_says_what_the_file_is_and_what_to_do(tmp_path: Path) -> None:
    special = make_special(tmp_path, "device", via_link=True, name="out")
    with pytest.raises(InputError) as refused:
        check_target(special.given)
    assert problem_lines(refused) == [
        f"{tmp_path / 'out.link'}: a link to a device ({os.path.realpath(tmp_path / 'out.device')}), "
        "not a file: choose a file name to save to"]


def test_a_special_file_that_appears_during_the_save_is_not_replaced(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Checked again just before the rename: a FIFO made at the target while the data was written stays."""
    target = tmp_path / "plan.rcplan"
    real_fsync = os.fsync

    def fifo_appears(handle: int) -> None:
        if not target.exists():
            os.mkfifo(target)
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", fifo_appears)
    with pytest.raises(InputError) as refused:
        write_atomically(target, b"plan")
    assert problem_lines(refused) == [f"{target}: a named pipe (FIFO), not a file: choose a file name to save to"]
    assert target.is_fifo()
    assert [p.name for p in tmp_path.iterdir()] == ["plan.rcplan"]


# ---------------------------------------------------------------- errors name the user's file

def read_only_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """As a folder without write permission answers (root ignores permissions, so it is simulated)."""
    real_open = os.open

    def refuse_new_files(name: str, flags: int, mode: int = 0o777, **kwargs: object) -> int:
        if flags & os.O_CREAT and Path(name).parent == folder:
            raise PermissionError(errno.EACCES, "Permission denied", name)
        return real_open(name, flags, mode, **kwargs)

    monkeypatch.setattr(os, "open", refuse_new_files)


def test_a_full_disk_names_the_file_and_keeps_the_old_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "618.xlsx"
    target.write_bytes(b"old")
    full_disk(monkeypatch)
    with pytest.raises(OSError) as failed:
        write_atomically(target, b"new")
    assert (failed.value.errno, failed.value.strerror, failed.value.filename) == (
        errno.ENOSPC, "No space left on device", str(target))
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["618.xlsx"]


def test_a_read_only_folder_names_the_file_not_the_temporary_one(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.rcplan"
    read_only_folder(monkeypatch, tmp_path)
    with pytest.raises(PermissionError) as failed:
        write_atomically(target, b"plan")
    assert failed.value.filename == str(target) and failed.value.filename2 is None
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_names_the_file(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "plan.rcplan"
    with pytest.raises(FileNotFoundError) as failed:
        write_atomically(target, b"plan")
    assert failed.value.filename == str(target)


def test_a_failed_rename_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "plan.rcplan"

    def busy(source: str, destination: str) -> None:
        raise OSError(errno.EBUSY, "Device or resource busy", source, destination)

    monkeypatch.setattr(os, "replace", busy)
    with pytest.raises(OSError) as failed:
        write_atomically(target, b"plan")
    assert (failed.value.errno, failed.value.filename) == (errno.EBUSY, str(target))
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- streams

def test_a_stream_writes_large_buffers_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """os.write may take part of a buffer; the stream writes the rest, as a file object would."""
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda handle, data: real_write(handle, bytes(data)[:1000]))
    data = bytes(range(256)) * 100
    with atomic_stream(tmp_path / "big.bin") as stream:
        assert stream.write(data) == len(data)
    assert (tmp_path / "big.bin").read_bytes() == data


def test_a_zip_archive_left_open_by_a_failed_save_finishes_silently(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer that outlives the failure (a ZipFile closing itself when collected) prints no traceback."""
    unraisable: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    target = tmp_path / "book.xlsx"
    full_disk(monkeypatch, after=100)

    def save() -> None:
        with atomic_stream(target) as stream:
            archive = zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED)
            archive.writestr("a.xml", b"x" * 50)
            archive.writestr("b.xml", b"y" * 5000)  # fails: left unclosed, as XlsxWriter leaves its archive

    with pytest.raises(OSError) as failed:
        save()
    assert failed.value.filename == str(target)
    del failed
    gc.collect()
    assert unraisable == []
    assert list(tmp_path.iterdir()) == []


def test_an_oserror_in_the_block_names_the_file_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "book.xlsx"
    with pytest.raises(OSError) as failed, atomic_stream(target) as stream:
        stream.write(b"half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device", "/tmp/scratch/row-file")
    assert (failed.value.errno, failed.value.filename) == (errno.ENOSPC, str(target))
    assert list(tmp_path.iterdir()) == []


def test_a_stream_cannot_be_written_after_its_save_ended(tmp_path: Path) -> None:
    """Its descriptor is closed, and the number may already belong to another file."""
    with atomic_stream(tmp_path / "done.csv") as stream:
        stream.write(b"a")
    with pytest.raises(ValueError):
        stream.write(b"b")
    assert (tmp_path / "done.csv").read_bytes() == b"a"


def test_check_target_gives_the_permissions_to_keep(tmp_path: Path) -> None:
    path = tmp_path / "plan.rcplan"
    path.write_bytes(b"")
    path.chmod(0o640)
    assert check_target(path) == 0o640
    assert check_target(tmp_path / "new.rcplan") is None
