"""The history table (MODEL.md section 7), completed and validated; its fields are planner.model.fields' HISTORY.

History feeds the lift fitting (planner/model/fitting.py); this module only says what a valid table is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from planner.i18n import N_, _, language
from planner.model.errors import Problem
from planner.model.fields import (
    HISTORY,
    NUMBER_KINDS,
    PERIODS,
    TEXT_KINDS,
    Rule,
    keys_of,
)
from planner.model.notes import normalise_industry, too_long_text
from planner.model.text import too_long_cells
from planner.model.words import alternatives, named

HISTORY_FIELDS = keys_of(HISTORY)
TEXT_FIELDS = keys_of(HISTORY, *TEXT_KINDS)
NUMBER_FIELDS = keys_of(HISTORY, *NUMBER_KINDS)
# What the fitting formulas of section 7 read; orders, spend and gmv are kept when given, not needed.
REQUIRED_FIELDS = tuple(field.key for field in HISTORY if field.is_required)
_RULES: dict[str, Rule] = {field.key: field.rule for field in HISTORY if field.rule is not None}

# Each stage of the funnel and the stage the model derives it from (MODEL.md section 3): a row may not
# hold more of a stage than of its source, whatever its rates.
FUNNEL = {"clicks": "impressions", "interactions": "impressions", "store_visits": "clicks",
          "orders": "store_visits"}
STAGE_WHY = {"clicks": N_("each click is on an impression"), "interactions": N_("each interaction is on an impression"),
             "store_visits": N_("each store visit comes from a click"),
             "orders": N_("each order comes from a store visit")}

# English keys match in any case; the Chinese words are the ones agencies' reports use.
PERIOD_ALIASES = {key: key for key in PERIODS} | {word: key for key, words in PERIODS.items() for word in words}


def period_rule() -> str:
    """What a history row's period may be: "a period: base (日常/基线) or joint (联投)"; Chinese words alone in Chinese."""
    zh = language() == "zh"
    return _("a period: {periods}").format(periods=alternatives(
        "/".join(words) if zh else f"{key} ({'/'.join(words)})" for key, words in PERIODS.items()))


def normalise_period(values: pd.Series) -> pd.Series:
    """Known periods to `base`/`joint` (Chinese aliases, English in any case); other text kept, trimmed."""
    text = values.astype(str).str.strip()
    return text.str.lower().map(PERIOD_ALIASES).fillna(text).astype(str)


def complete_history(frame: pd.DataFrame) -> pd.DataFrame:
    """A history frame with every field (text as str, numbers as float, empty = NaN), periods normalised.

    Unknown columns are kept after the model's, so that nothing a user imported is lost.
    """
    history = frame.copy()
    for field in TEXT_FIELDS:
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
    words, why = named(source), _(STAGE_WHY[stage])
    told = _("at most the row's {source}, {most}: {why}")
    return lambda position: told.format(source=words, most=f"{most[position]:,.15g}", why=why)


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

    flag((history["note_id"].str.strip() == "").to_numpy(), "note_id", _("a note id (it is required)"))
    flag((history["industry"].str.strip() == "").to_numpy(), "industry", _("an industry (it is required)"))
    too_long = too_long_text()
    for field in ("note_id", "industry"):
        flag(too_long_cells(history[field].tolist()), field, too_long)
    period = history["period"]
    periods = period_rule()
    flag((period == "").to_numpy(), "period", _("{what} (it is required)").format(what=periods))
    flag(((period != "") & ~period.isin(tuple(PERIODS))).to_numpy(), "period", periods)
    valid: dict[str, np.ndarray] = {}  # per field: the cells that hold a number within its bounds
    for field, rule in _RULES.items():
        values = history[field].to_numpy(dtype=float)
        for mask, expected in rule.broken(values):
            flag(mask, field, expected)
        valid[field] = rule.within(values)
    for stage, source in FUNNEL.items():
        flag(valid[stage] & valid[source] & (history[stage].to_numpy(dtype=float)
                                             > history[source].to_numpy(dtype=float)),
             stage, _more_than_source(history[source].to_numpy(dtype=float), stage, source))
    problems.sort(key=lambda item: (item[0], item[1]))
    return [p for _row, _order, p in problems]
