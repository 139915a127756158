"""Fixtures for the table-import tests: files written into tmp_path, in each format the app reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import openpyxl
import pytest

WriteText = Callable[..., Path]
WriteXlsx = Callable[..., Path]


@pytest.fixture
def write_text(tmp_path: Path) -> WriteText:
    """write_text(name, text, encoding="utf-8", bom=False): the text encoded as asked, in tmp_path."""

    def write(name: str, text: str, encoding: str = "utf-8", bom: bool = False) -> Path:
        path = tmp_path / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
        return path

    return write


@pytest.fixture
def write_xlsx(tmp_path: Path) -> WriteXlsx:
    """write_xlsx(name, rows, formats={}, more_sheets=()): a workbook made by openpyxl, rows from A1.

    `formats` maps a cell ("D2") to a number format, as a user's "percent" cell has.
    """

    def write(name: str, rows: Sequence[Sequence[object]], formats: dict[str, str] | None = None,
              more_sheets: Sequence[Sequence[Sequence[object]]] = ()) -> Path:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        for row in rows:
            sheet.append(list(row))
        for cell, number_format in (formats or {}).items():
            sheet[cell].number_format = number_format
        for extra in more_sheets:
            other = workbook.create_sheet()
            for row in extra:
                other.append(list(row))
        path = tmp_path / name
        workbook.save(path)
        return path

    return write
