"""What the cells of an edited workbook hold, as the plan's values: numbers, lock flags, industries and note
ids as Excel, WPS and LibreOffice save them, whether a cell still holds what the export wrote, and why a
cell holds no value at all.
"""

from __future__ import annotations

import math
from functools import cached_property

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.excel.cell_values import EMPTY, FLAG, NUMBER, TEXT, CellColumn
from planner.io.excel.layout import cell_string
from planner.io.excel.sheet_xml import unescape
from planner.io.excel.workbook_xml import Uncached, Unreadable
from planner.io.tables.raw import cell_text
from planner.model.lifts import DEFAULT_ROW
from planner.model.notes import normalise_industry

SAVED_DIGITS = 1e-13  # LibreOffice saves 15 significant digits: a difference below this is no edit
_TRUE, _FALSE = ("true", "1", "yes", "y", "是"), ("false", "0", "no", "n", "否", "")


def industry_keys(values: list[object]) -> list[str]:
    """Industries as keys (美妆 -> beauty, Default -> default), as the app normalises them; "" for none."""
    texts = pd.Series(["" if value is None else cell_string(value) for value in values], dtype=object).str.strip()
    if texts.empty:
        return []
    keys = normalise_industry(texts).where(texts.str.lower() != DEFAULT_ROW, DEFAULT_ROW)
    return keys.where(texts != "", "").tolist()


def industry_column_keys(column: CellColumn) -> np.ndarray:
    """industry_keys of a whole column, each distinct text normalised once (a plan has a few industries)."""
    keys = np.full(len(column.values), "", dtype=object)  # an empty cell has none
    text = column.kinds == TEXT
    codes, distinct = pd.factorize(column.values[text])
    keys[text] = np.array(industry_keys(list(distinct)), dtype=object)[codes]
    other = ~text & (column.kinds != EMPTY)  # a number, a flag, an error typed over an industry
    keys[other] = industry_keys(column.values[other].tolist())
    return keys


def unchanged(old: object, new: object) -> bool:
    """Whether a cell still holds what the export wrote, up to the 15-16 digits spreadsheets save."""
    if isinstance(old, float) and math.isnan(old):
        return new is None
    if isinstance(old, bool | np.bool_) or isinstance(new, bool):
        return isinstance(new, bool) and bool(old) == new
    if isinstance(old, int | float):
        return isinstance(new, float) and math.isclose(new, old, rel_tol=SAVED_DIGITS, abs_tol=0.0)
    return old == new


def no_value(cell: object, address: str, what: str) -> str | None:
    """Why a cell holds no value to read back, for a cell that should hold `what` (in the language spoken);
    None when it holds one."""
    if isinstance(cell, Uncached):
        return _("{what}; cell {address} holds a formula whose result was not saved (files written by scripts have "
                 "none): open the workbook in Excel, WPS or LibreOffice and save it, or type the value").format(
            what=what, address=address)
    if isinstance(cell, Unreadable):
        return _('{what}; cell {address} stores "{stored}", which is no value a spreadsheet holds: type it '
                 'again').format(what=what, address=address, stored=cell.stored)
    return None


def as_exported(column: CellColumn, old: np.ndarray, empty: object) -> np.ndarray:
    """Which cells certainly still hold the plan's value `old` as the export wrote it, told for a whole column
    at once: number cells of a float column (up to SAVED_DIGITS), TRUE/FALSE cells of a boolean one, and empty
    cells where `empty` (what an empty cell reads as: None, 0.0 for a budget, False for a flag) is the plan's.
    Every other cell is to be read one by one, as it may be an edit or a problem."""
    kinds = column.kinds
    if old.dtype == np.float64:
        new = column.numbers()
        close = (new == old) | (np.abs(new - old) <= SAVED_DIGITS * np.maximum(np.abs(new), np.abs(old)))
        same = (kinds == NUMBER) & np.isfinite(old) & close
        empty_same = np.isnan(old) if empty is None else old == empty
    elif old.dtype == np.bool_:
        same = (kinds == FLAG) & (column.values == old)
        empty_same = old == empty if isinstance(empty, bool) else np.zeros(len(old), dtype=bool)
    else:
        return np.zeros(len(old), dtype=bool)
    return same | ((kinds == EMPTY) & empty_same)


class IdMatcher:
    """Finds a workbook's note id in the plan, as Excel, WPS or LibreOffice may have saved it.

    Excel escapes control characters as `_xHHHH_` (and a literal `_x0041_` as `_x005F_x0041_`), which
    LibreOffice does not always re-escape; LibreOffice also keeps no carriage return in a cell.
    """

    def __init__(self, plan_ids: list[str]):
        self.plan_ids = plan_ids

    @cached_property
    def exact(self) -> dict[str, int]:
        return {note_id: i for i, note_id in enumerate(self.plan_ids)}

    @cached_property
    def folded(self) -> dict[str, int]:
        folded: dict[str, int] = {}
        for i, note_id in enumerate(self.plan_ids):
            folded[_fold(note_id)] = -2 if _fold(note_id) in folded else i  # -2: ambiguous
        return folded

    def positions(self, cells: CellColumn) -> np.ndarray:
        """Each cell's note (its position in the plan) where the cell is text that is one of the plan's ids as
        it is, as nearly all are, told at once; -1 for every other cell, to be matched one by one."""
        out = np.full(len(cells.values), -1, dtype=np.int64)
        texts = np.flatnonzero(cells.kinds == TEXT)
        index = pd.Index(self.plan_ids, dtype=object)
        if not len(texts) or not index.is_unique:
            return out
        plain = texts
        if "_x" in "\n".join(cells.values[texts].tolist()):  # some id may hold Excel's escapes: those one by one
            escaped = pd.Series(cells.values[texts], dtype=object).str.contains("_x", regex=False)
            plain = texts[~escaped.to_numpy(dtype=bool)]
        out[plain] = index.get_indexer(pd.Index(cells.values[plain], dtype=object))
        return out

    def __call__(self, cell: object) -> tuple[int, str]:
        if cell is None:
            return -1, ""
        raw = cell if isinstance(cell, str) else cell_text(cell)
        note_id = unescape(raw)
        for candidate in (note_id, raw):
            if candidate in self.exact:
                return self.exact[candidate], candidate
        position = self.folded.get(_fold(note_id), -1)
        return (position if position >= 0 else -1), note_id


def _fold(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def as_number(value: object) -> float | None:
    """A cell as a number, None when it holds anything else (text, TRUE/FALSE, an error)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def as_flag(value: object) -> bool | None:
    """A lock flag as TRUE/FALSE, 1/0 or the words a user types (是/否, yes/no); None when it is none."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    word = cell_string(value).strip().lower() if isinstance(value, str) else None
    return True if word in _TRUE else False if word in _FALSE else None
