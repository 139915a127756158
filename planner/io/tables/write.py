"""Tables out: a frame as CSV for a spreadsheet, written atomically (planner.io.atomic)."""

from __future__ import annotations

import os

import pandas as pd

from planner.io.atomic import write_atomically


def write_csv(frame: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """`frame` as CSV in UTF-8 with a byte order mark, so that Excel shows its Chinese text as it is."""
    text = frame.to_csv(index=False, lineterminator="\n")
    write_atomically(path, b"\xef\xbb\xbf" + text.encode("utf-8"))
