"""The history table (MODEL.md section 7): its fields, labels, period aliases and validation rules.

History feeds the lift fitting (planner/model/fitting.py); this module only says what a valid table is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from planner.model.errors import Problem
from planner.model.limits import MAX_COUNT, MAX_HISTORY_AMOUNT
from planner.model.notes import TOO_LONG, normalise_industry
from planner.model.text import too_long_cells

HISTORY_FIELDS = ("note_id", "industry", "period", "impressions", "clicks", "interactions", "store_visits",
                  "orders", "spend", "gmv")
COUNT_FIELDS = ("impressions", "clicks", "interactions", "store_visits", "orders")
MONEY_FIELDS = ("spend", "gmv")
NUMBER_FIELDS = COUNT_FIELDS + MONEY_FIELDS
# What the fitting formulas of section 7 read; orders, spend and gmv are kept when given, not needed.
REQUIRED_FIELDS = ("note_id", "industry", "period", "impressions", "clicks", "interactions", "store_visits")

HISTORY_ZH_LABELS = {
    "note_id": "笔记ID", "industry": "行业", "period": "周期", "impressions": "曝光", "clicks": "点击",
    "interactions": "互动", "store_visits": "进店", "orders": "订单", "spend": "花费", "gmv": "成交额",
}

# Each stage of the funnel and the stage the model derives it from (MODEL.md section 3): a row may not
# hold more of a stage than of its source, whatever its rates.
FUNNEL = {"clicks": "impressions", "interactions": "impressions", "store_visits": "clicks",
          "orders": "store_visits"}
STAGE_WHY = {"clicks": "each click is on an impression", "interactions": "each interaction is on an impression",
             "store_visits": "each store visit comes from a click", "orders": "each order comes from a store visit"}
# The bounds of planner/model/limits.py, and what a value beyond one is told.
_MOST = {field: MAX_COUNT for field in COUNT_FIELDS} | {field: MAX_HISTORY_AMOUNT for field in MONEY_FIELDS}
_BEYOND = {field: (f"a count from 0 to {MAX_COUNT:,.0f} (more than any platform reports for a note: "
                   "a typo or a unit mix-up?)") for field in COUNT_FIELDS} | {
           field: (f"an amount from 0 to ¥{MAX_HISTORY_AMOUNT:,.0f} (more than any note spends or sells: "
                   "a typo or a unit mix-up?)") for field in MONEY_FIELDS}

PERIOD_BASE = "base"
PERIOD_JOINT = "joint"
PERIODS = (PERIOD_BASE, PERIOD_JOINT)
# English keys match in any case; the Chinese words are the ones agencies' reports use.
PERIOD_ALIASES = {"base": PERIOD_BASE, "joint": PERIOD_JOINT, "日常": PERIOD_BASE, "基线": PERIOD_BASE,
                  "联投": PERIOD_JOINT}


def normalise_period(values: pd.Series) -> pd.Series:
    """Known periods to `base`/`joint` (Chinese aliases, English in any case); other text kept, trimmed."""
    text = values.astype(str).str.strip()
    return text.str.lower().map(PERIOD_ALIASES).fillna(text).astype(str)


def complete_history(frame: pd.DataFrame) -> pd.DataFrame:
    """A history frame with every field (text as str, numbers as float, empty = NaN), periods normalised.

    Unknown columns are kept after the model's, so that nothing a user imported is lost.
    """
    history = frame.copy()
    for field in ("note_id", "industry", "period"):
        if field not in history.columns:
            history[field] = ""
        history[field] = history[field].fillna("").astype(str)
    for field in NUMBER_FIELDS:
        if field not in history.columns:
            history[field] = np.nan
        history[field] = pd.to_numeric(history[field], errors="coerce").astype(float)
    if len(history):
        history["industry"] = normalise_industry(history["industry"])
        history["period"] = normalise_period(history["period"])
    extra = [c for c in history.columns if c not in HISTORY_FIELDS]
    return history[list(HISTORY_FIELDS) + extra].reset_index(drop=True)


def _more_than_source(most: np.ndarray, stage: str, source: str) -> Callable[[int], str]:
    """What a row holding more of `stage` than of `source` is told: its own `source`, and why."""
    return lambda position: (f"at most the row's {source} ({HISTORY_ZH_LABELS[source]}), {most[position]:,.15g}: "
                             f"{STAGE_WHY[stage]}")


def check_history(history: pd.DataFrame, file: str = "", rows: Sequence[int] | np.ndarray | None = None
                  ) -> list[Problem]:
    """Every rule of MODEL.md section 7 that the (completed) history breaks, one Problem per bad value.

    `rows` are the spreadsheet rows (header = row 1); by default 2, 3, ...
    """
    row_numbers = np.arange(2, len(history) + 2) if rows is None else np.asarray(rows)
    order = {field: i for i, field in enumerate(HISTORY_FIELDS)}
    problems: list[tuple[int, int, Problem]] = []

    def flag(mask: np.ndarray, field: str, expected: str | Callable[[int], str]) -> None:
        """A problem for each cell of `field` where `mask` holds; `expected` may depend on its position."""
        for position in map(int, np.flatnonzero(mask)):
            value = history[field].iat[position]
            shown = "" if isinstance(value, float) and np.isnan(value) else value
            words = expected if isinstance(expected, str) else expected(position)
            problems.append((int(position), order[field],
                             Problem(file, int(row_numbers[position]), field, shown, words)))

    flag((history["note_id"].str.strip() == "").to_numpy(), "note_id", "a note id (it is required)")
    flag((history["industry"].str.strip() == "").to_numpy(), "industry", "an industry (it is required)")
    for field in ("note_id", "industry"):
        flag(too_long_cells(history[field].tolist()), field, TOO_LONG)
    period = history["period"]
    flag((period == "").to_numpy(), "period", "a period: base (日常/基线) or joint (联投) (it is required)")
    flag(((period != "") & ~period.isin(PERIODS)).to_numpy(), "period", "a period: base (日常/基线) or joint (联投)")
    valid: dict[str, np.ndarray] = {}  # per field: the cells that hold a number within its bounds
    for field in NUMBER_FIELDS:
        values = history[field].to_numpy(dtype=float)
        kind = "an amount" if field in MONEY_FIELDS else "a count"
        if field in REQUIRED_FIELDS:
            flag(np.isnan(values), field, f"{kind} of 0 or more (it is required)")
        flag(values < 0, field, f"{kind} of 0 or more")
        flag(values > _MOST[field], field, _BEYOND[field])
        valid[field] = (values >= 0) & (values <= _MOST[field])
    for stage, source in FUNNEL.items():
        flag(valid[stage] & valid[source] & (history[stage].to_numpy(dtype=float)
                                             > history[source].to_numpy(dtype=float)),
             stage, _more_than_source(history[source].to_numpy(dtype=float), stage, source))
    problems.sort(key=lambda item: (item[0], item[1]))
    return [p for _, _, p in problems]
