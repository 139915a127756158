"""The workbook's archive (planner.io.excel.deflate, fast_workbook): blocks deflated side by side, and rows
deflated while they are written, make valid zip members, the same bytes every time, that read back exactly."""

from __future__ import annotations

import os
import zipfile
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from plans import random_plan

from planner.io.excel import deflate, fast_workbook
from planner.io.excel.deflate import DeflatedRows, crc32_combine
from planner.io.excel.export import export_plan
from planner.io.excel.fast_workbook import BlockArchive


def sheet_like_text(size: int) -> bytes:
    """XML-like bytes that compress as a sheet does: repeated tags around varied numbers."""
    rng = np.random.default_rng(1)
    rows = [f'<row r="{i}"><c r="A{i}" s="3"><v>{value!r}</v></c></row>' for i, value in
            enumerate(rng.uniform(0, 1e4, size // 40 + 1).tolist())]
    return "".join(rows).encode()[:size]


def archive(path: Path, members: dict[str, bytes], rows: dict[int, DeflatedRows] | None = None,
            threads: int = 2) -> None:
    with ThreadPoolExecutor(threads) as pool, \
            BlockArchive(path, "w", zipfile.ZIP_DEFLATED, pool=pool, rows=rows or {}) as out:
        for name, data in members.items():
            source = path.with_suffix(f".{len(name)}.part")
            source.write_bytes(data)
            os.utime(source, (315_532_800, 315_532_800))  # one file time (1980-01-01) for every run: a zip
            out.write(source, name)  # member keeps its file's time; XlsxWriter adds its files the same way
            source.unlink()


@pytest.mark.parametrize("size", [0, 1, deflate.BLOCK - 1, deflate.BLOCK, 3 * deflate.BLOCK + 12_345])
def test_a_member_of_any_size_reads_back_exactly(tmp_path: Path, size: int) -> None:
    data = sheet_like_text(size)
    archive(tmp_path / "a.zip", {"xl/worksheets/sheet1.xml": data, "small.xml": b"<a/>"})
    with zipfile.ZipFile(tmp_path / "a.zip") as read:
        assert read.testzip() is None
        assert read.read("xl/worksheets/sheet1.xml") == data and read.read("small.xml") == b"<a/>"


def test_the_archive_is_the_same_bytes_whatever_the_threads_do(tmp_path: Path) -> None:
    data = sheet_like_text(5 * deflate.BLOCK)
    archive(tmp_path / "two.zip", {"sheet.xml": data}, threads=2)
    archive(tmp_path / "one.zip", {"sheet.xml": data}, threads=1)
    assert (tmp_path / "two.zip").read_bytes() == (tmp_path / "one.zip").read_bytes()


def test_primed_blocks_compress_about_as_well_as_one_stream(tmp_path: Path) -> None:
    data = sheet_like_text(4 * deflate.BLOCK)
    archive(tmp_path / "a.zip", {"sheet.xml": data})
    assert (tmp_path / "a.zip").stat().st_size < 1.01 * len(zlib.compress(data, deflate.LEVEL)) + 1000


@pytest.mark.parametrize("sizes", [(0, 0), (10, 3), (1, 1 << 20), (123_457, 4_000_001)])
def test_crc32_combine_gives_the_crc_of_the_joined_bytes(sizes: tuple[int, int]) -> None:
    first, second = (np.random.default_rng(size).bytes(size) for size in sizes)
    assert crc32_combine(zlib.crc32(first), zlib.crc32(second), len(second)) == zlib.crc32(first + second)


@pytest.mark.parametrize("size", [0, 100, deflate.BLOCK + 5, 2 * deflate.BLOCK])
def test_rows_deflated_as_written_are_spliced_between_the_head_and_the_tail(tmp_path: Path, size: int) -> None:
    text = sheet_like_text(size).decode() + "中文 ✓"
    with ThreadPoolExecutor(2) as pool:
        rows = DeflatedRows(str(tmp_path), pool)
        for start in range(0, len(text), 1_000_003):  # as the sheets write: pieces of any size
            rows.write(text[start:start + 1_000_003])
        rows.finish()
    head, tail = b"<worksheet><sheetData>", b"</sheetData></worksheet>"
    archive(tmp_path / "a.zip", {"sheet.xml": head + b"<!--redcat-rows:0-->" + tail,
                                 "other.xml": b"<!--redcat-rows:1-->"}, {0: rows})
    with zipfile.ZipFile(tmp_path / "a.zip") as read:
        assert read.testzip() is None  # the CRC combined from the parts' is the whole's
        assert read.read("sheet.xml") == head + text.encode() + tail
        assert read.read("other.xml") == b"<!--redcat-rows:1-->"  # no rows of that number: as it is


def test_an_exported_workbook_in_many_blocks_reads_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deflate, "BLOCK", 1 << 16)
    monkeypatch.setattr(fast_workbook, "BLOCK", 1 << 16)
    plan = random_plan(800, seed=2)
    export_plan(plan, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as read:
        assert read.testzip() is None
        sheet = read.read("xl/worksheets/sheet2.xml")
    assert len(sheet) > 20 * (1 << 16) and sheet.endswith(b"</worksheet>") and b"redcat-rows" not in sheet
    assert sheet.count(b"<row ") == 800 + 4  # title, legend, header, notes, totals


def test_an_export_leaves_no_thread_or_row_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[fast_workbook.FastWorkbook] = []
    original = fast_workbook.FastWorkbook.__init__

    def spy(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        original(self, *args, **kwargs)
        made.append(self)

    def cancel_midway(done: int, total: int) -> None:
        if done > 20:
            raise KeyboardInterrupt

    monkeypatch.setattr(fast_workbook.FastWorkbook, "__init__", spy)
    plan = random_plan(50, seed=3)
    export_plan(plan, tmp_path / "plan.xlsx")
    with pytest.raises(KeyboardInterrupt):
        export_plan(plan, tmp_path / "other.xlsx", progress=cancel_midway)
    assert len(made) == 2
    for workbook in made:
        assert workbook.pool._shutdown  # type: ignore[attr-defined]
        assert all(not Path(rows.path).exists() for rows in workbook.rows.values())
