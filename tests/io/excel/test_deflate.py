"""The workbook's archive (planner.io.excel.deflate): blocks deflated side by side make one valid zip member,
the same bytes every time, and the workbook's members read back exactly."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

import numpy as np
import pytest
from plans import random_plan

from planner.io.excel import deflate
from planner.io.excel.export import export_plan


def sheet_like_text(size: int) -> bytes:
    """XML-like bytes that compress as a sheet does: repeated tags around varied numbers."""
    rng = np.random.default_rng(1)
    rows = [f'<row r="{i}"><c r="A{i}" s="3"><v>{value!r}</v></c></row>' for i, value in
            enumerate(rng.uniform(0, 1e4, size // 40).tolist())]
    return "".join(rows).encode()[:size]


def archive(path: Path, members: dict[str, bytes]) -> None:
    with deflate.BlockArchive(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in members.items():
            source = path.with_suffix(f".{len(name)}.part")
            source.write_bytes(data)
            out.write(source, name)  # as XlsxWriter adds its files
            source.unlink()


@pytest.mark.parametrize("size", [0, 1, deflate.BLOCK - 1, deflate.BLOCK, 3 * deflate.BLOCK + 12_345])
def test_a_member_of_any_size_reads_back_exactly(tmp_path: Path, size: int) -> None:
    data = sheet_like_text(size)
    archive(tmp_path / "a.zip", {"xl/worksheets/sheet1.xml": data, "small.xml": b"<a/>"})
    with zipfile.ZipFile(tmp_path / "a.zip") as read:
        assert read.testzip() is None
        assert read.read("xl/worksheets/sheet1.xml") == data and read.read("small.xml") == b"<a/>"


def test_the_archive_is_the_same_bytes_whatever_the_threads_do(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    data = sheet_like_text(5 * deflate.BLOCK)
    archive(tmp_path / "two.zip", {"sheet.xml": data})
    monkeypatch.setattr(deflate.BlockArchive, "threads", 1)
    archive(tmp_path / "one.zip", {"sheet.xml": data})
    assert (tmp_path / "two.zip").read_bytes() == (tmp_path / "one.zip").read_bytes()


def test_primed_blocks_compress_about_as_well_as_one_stream(tmp_path: Path) -> None:
    data = sheet_like_text(4 * deflate.BLOCK)
    archive(tmp_path / "a.zip", {"sheet.xml": data})
    whole = len(zlib.compress(data, deflate.LEVEL))
    assert (tmp_path / "a.zip").stat().st_size < 1.01 * whole + 1000


def test_an_exported_workbook_in_many_blocks_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deflate, "BLOCK", 1 << 16)
    plan = random_plan(800, seed=2)
    export_plan(plan, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as read:
        assert read.testzip() is None
        sheet = read.read("xl/worksheets/sheet2.xml")
    assert len(sheet) > 20 * (1 << 16) and sheet.endswith(b"</worksheet>")
