"""The `export` fixture: a CSV export written into the test's folder."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from export_files import csv_text

Export = Callable[..., Path]


@pytest.fixture
def export(tmp_path: Path) -> Export:
    """export(name, header, rows, encoding="utf-8", bom=False, title_rows=()): a CSV export in tmp_path."""

    def write(name: str, header: Sequence[str], rows: Sequence[Sequence[object]], encoding: str = "utf-8",
              bom: bool = False, title_rows: Sequence[str] = ()) -> Path:
        path = tmp_path / name
        text = "".join(f"{title}\n" for title in title_rows) + csv_text([header, *rows])
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode(encoding))
        return path

    return write
