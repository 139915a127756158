"""Widths of the notes table's columns: wide enough for the header and for the widest value, in the UI language.

Headers were clipped ("aobao lin") and industries elided ("electroni…") by fixed widths. A column is now as
wide as its header (with room for the sort arrow) or its widest value, whichever is wider: for numbers the
largest value as shown, for industries and formats the longest label, for ids the longest id. Titles and
creators are capped (their tooltips hold the full text).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QTableView

from planner.gui.models.note_columns import (
    BOOL,
    COLUMNS,
    FORMAT,
    INDUSTRY,
    NUMERIC_KINDS,
    Column,
    display_text,
)
from planner.gui.models.notes_model import NotesTableModel

CAPPED = {"title": 230, "creator": 130}  # pixels; longer text is elided, its tooltip shows it whole
HEADER_ROOM = 30  # the header's margins and its sort arrow
CELL_ROOM = 16
CHECK_WIDTH = 44
MIN_WIDTH = 48


def _widest_value(column: Column, values: np.ndarray) -> str:
    """The value of `values` whose text is widest, as the table shows it (vectorised: one value measured)."""
    if not len(values):
        return ""
    if column.kind in NUMERIC_KINDS:
        numbers = values.astype(float)
        finite = numbers[np.isfinite(numbers)]
        return display_text(column, float(np.abs(finite).max())) if len(finite) else "—"
    if column.kind in (INDUSTRY, FORMAT):  # few distinct values: measure each label
        return max((display_text(column, v) for v in set(values.tolist())), key=len, default="")
    texts = values.astype(str)
    return str(texts[int(np.argmax(np.char.str_len(texts)))])


def column_width(column: Column, header_text: str, values: np.ndarray, header: QFontMetrics,
                 cells: QFontMetrics, total: str = "", totals: QFontMetrics | None = None) -> int:
    """The width that shows `column`'s header, its widest value and its `total` unclipped (capped for long text)."""
    needed = header.horizontalAdvance(header_text) + HEADER_ROOM
    if total and totals is not None:
        needed = max(needed, totals.horizontalAdvance(total) + CELL_ROOM)
    if column.kind == BOOL:
        return max(needed, CHECK_WIDTH)
    widest = _widest_value(column, values)
    width = max(needed, cells.horizontalAdvance(widest) + CELL_ROOM, MIN_WIDTH)
    return min(width, CAPPED[column.key]) if column.key in CAPPED else width


def fit_widths(table: QTableView, model: NotesTableModel, totals: dict[str, str] | None = None,
               totals_metrics: QFontMetrics | None = None, only_wider: bool = False) -> None:
    """Size every column of `table` to its header, values and total (`totals` by column key, drawn with
    `totals_metrics`); `only_wider` keeps a column the user widened."""
    header_metrics = table.horizontalHeader().fontMetrics()
    cell_metrics = table.fontMetrics()
    totals = totals or {}
    for section, column in enumerate(COLUMNS):
        text = str(model.headerData(section, Qt.Orientation.Horizontal))
        width = column_width(column, text, model.column_values(column.key), header_metrics, cell_metrics,
                             totals.get(column.key, ""), totals_metrics)
        if not only_wider or width > table.columnWidth(section):
            table.setColumnWidth(section, width)

