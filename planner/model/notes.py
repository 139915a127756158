"""The notes table (MODEL.md section 1): its fields, labels, defaults and validation rules."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from planner.model.errors import Problem
from planner.model.limits import (
    MAX_AMOUNT,
    MAX_AOV,
    MAX_AUDIENCE_CAP,
    MAX_CPM,
    MAX_TEXT_CHARS,
    MIN_AUDIENCE_CAP,
    MIN_CPM,
)
from planner.model.text import too_long_cells

TEXT_FIELDS = ("note_id", "title", "creator", "industry", "format")
BOOL_FIELDS = ("is_ad", "taobao_link", "locked")
RATE_FIELDS = ("ctr", "interaction_rate", "entry_rate", "cvr")
MONEY_FIELDS = ("cpm", "aov", "min_budget", "max_budget", "budget")
COUNT_FIELDS = ("audience_cap",)
NUMBER_FIELDS = ("cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov", "audience_cap",
                 "min_budget", "max_budget", "budget")
# The model's columns in the order tables, files and the workbook show them.
NOTE_FIELDS = ("note_id", "title", "creator", "industry", "format", "is_ad", "taobao_link", "cpm", "ctr",
               "interaction_rate", "entry_rate", "cvr", "aov", "audience_cap", "min_budget", "max_budget",
               "budget", "locked")
REQUIRED_FIELDS = ("note_id", "industry", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov")
# Empty means "none": no audience cap, no maximum budget.
OPTIONAL_LIMITS = ("audience_cap", "max_budget")
DEFAULTS: dict[str, object] = {
    "title": "", "creator": "", "format": "", "is_ad": False, "taobao_link": False,
    "audience_cap": np.nan, "min_budget": 0.0, "max_budget": np.nan, "budget": 0.0, "locked": False,
}

ZH_LABELS = {
    "note_id": "笔记ID", "title": "标题", "creator": "达人", "industry": "行业", "format": "类型",
    "is_ad": "广告笔记", "taobao_link": "挂链", "cpm": "千次曝光成本", "ctr": "点击率",
    "interaction_rate": "互动率", "entry_rate": "进店率", "cvr": "转化率", "aov": "客单价",
    "audience_cap": "人群上限", "min_budget": "预算下限", "max_budget": "预算上限", "budget": "预算",
    "locked": "锁定",
}

# What each rate means in this app (MODEL.md section 1); shown wherever a rate is typed or imported.
DEFINITIONS = {
    "cpm": "cost in ¥ per 1,000 impressions of boost (impressions, not people reached)",
    "ctr": "clicks per impression",
    "interaction_rate": "interactions per impression (not per click)",
    "entry_rate": "Taobao store visits per click",
    "cvr": "orders per store visit",
    "aov": "average order value in ¥",
    "audience_cap": "the most impressions the note can reach; empty = no cap",
}

# What a value beyond the bounds of planner/model/limits.py is told: the bound, and why it is one.
AMOUNT_RANGE = f"an amount from 0 to ¥{MAX_AMOUNT:,.0f} (more is no boost budget: a typo or a unit mix-up?)"
CPM_RANGE = (f"a cost per 1,000 impressions from ¥{MIN_CPM:,.2f} to ¥{MAX_CPM:,.0f} (real boosts cost ¥10 to "
             "¥500: a typo or a unit mix-up?)")
AOV_RANGE = (f"an average order value from ¥0 to ¥{MAX_AOV:,.0f} (more is no retail order: "
             "a typo or a unit mix-up?)")
CAP_RANGE = (f"a number of impressions from {MIN_AUDIENCE_CAP:,.0f} to {MAX_AUDIENCE_CAP:,.0f} (700 times "
             "China's population: a typo or a unit mix-up?), or empty")
TOO_LONG = f"text of at most {MAX_TEXT_CHARS:,} characters (what an Excel cell holds; an emoji counts as 2)"

INDUSTRIES = ("beauty", "sports", "apparel", "food", "home", "electronics", "maternity", "other")
INDUSTRY_ALIASES = {"美妆": "beauty", "运动": "sports", "服饰": "apparel", "食品": "food", "家居": "home",
                    "数码": "electronics", "母婴": "maternity", "其他": "other"}
INDUSTRY_ZH = {key: zh for zh, key in INDUSTRY_ALIASES.items()}
FORMATS = ("image", "video")
FORMAT_ALIASES = {"图文": "image", "视频": "video"}


_STR = pd.api.types.pandas_dtype(str)  # the dtype astype(str) gives


def normalise_industry(values: pd.Series) -> pd.Series:
    """Known industries to their keys (Chinese aliases, any case); any other text kept as typed, trimmed."""
    return _per_distinct(values, _industry_key)


def _industry_key(text: str) -> str:
    text = text.strip()
    lowered = text.lower()
    key = lowered if lowered in INDUSTRIES else text
    return INDUSTRY_ALIASES.get(key, key)


def _format_key(text: str) -> str:
    text = text.strip()
    return FORMAT_ALIASES.get(text, text.lower())


# Text fields normalised once per distinct value (which also fills their missing values with "").
_NORMALISED = {"industry": _industry_key, "format": _format_key}


def _distinct(values: pd.Series) -> set[object]:
    """The values a column holds, each once: one pass of Python's hashing, cheaper than pandas' factorize."""
    return set(values.to_numpy(dtype=object).tolist())


def _per_distinct(values: pd.Series, normalise: Callable[[str], str]) -> pd.Series:
    """A text column normalised, `normalise` run once per distinct value: industry and format columns hold
    few, a plan many rows. Missing values become ""; a column that is normal already is kept as it is."""
    if values.dtype == _STR and all(type(text) is str and normalise(text) == text for text in _distinct(values)):
        return values
    codes, uniques = pd.factorize(values.fillna("").astype(str))
    done = np.array([normalise(text) for text in uniques], dtype=object)
    return pd.Series(done[codes], index=values.index, dtype=str)


def _is_one_of(values: pd.Series, allowed: tuple[str, ...]) -> np.ndarray:
    """values.isin(allowed), each distinct value looked up once (a column of few values, many rows)."""
    if _distinct(values) <= set(allowed):
        return np.ones(len(values), dtype=bool)
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    return np.array([value in allowed for value in uniques], dtype=bool)[codes]


def _all_text(values: pd.Series) -> bool:
    """A text column with no missing value: a check in C, cheaper than fillna's copy (or than hasnans)."""
    return values.dtype == _STR and pd.api.types.infer_dtype(values.to_numpy(dtype=object), skipna=False) in (
        "string", "empty")


def _id_problems(ids: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose id is empty (or only spaces) and those repeating an earlier row's id, both trimmed.

    The usual column (text, trimmed already, every id unique) costs one pass of str.strip, which gives
    back the same object for a trimmed string, and one hash pass over the column's strings.
    """
    texts = ids.to_numpy(dtype=object).tolist()
    try:
        trimmed = list(map(str.strip, texts))
    except TypeError:  # NaN or other non-text: pandas' rules
        ids = ids.astype(object).str.strip().fillna("").astype(str)
    else:
        if trimmed != texts:
            ids = pd.Series(trimmed, dtype=str)
    values = ids.to_numpy(dtype=object)
    empty = values == ""
    if pd.Index(ids).is_unique:  # a text index hashes its own strings: faster than an object one
        return empty, np.zeros(len(values), dtype=bool)
    return empty, pd.Series(values).duplicated(keep="first").to_numpy() & ~empty


def complete_notes(frame: pd.DataFrame) -> pd.DataFrame:
    """A notes frame with every model column present (defaults filled) and the model's dtypes.

    Unknown columns are kept after the model's, as text, so that nothing a user imported is lost.
    """
    notes = frame.copy(deep=False)  # copy-on-write: the caller's frame is never changed
    for field, default in DEFAULTS.items():
        if field not in notes.columns:
            notes[field] = default
    # Columns already of the model's dtype (as an import gives them) are kept: 100,000 rows, no copy.
    for field in TEXT_FIELDS:
        if field not in notes.columns:
            notes[field] = ""
        if field not in _NORMALISED and not _all_text(notes[field]):
            notes[field] = notes[field].fillna("").astype(str)
    for field in BOOL_FIELDS:
        if notes[field].dtype != bool:
            notes[field] = notes[field].fillna(False).astype(bool)
    for field in NUMBER_FIELDS:
        if field not in notes.columns:
            notes[field] = np.nan
        if notes[field].dtype != np.float64:
            notes[field] = pd.to_numeric(notes[field], errors="coerce").astype(float)
    for field in ("min_budget", "budget"):
        if notes[field].hasnans:
            notes[field] = notes[field].fillna(0.0)
    for field, normalise in _NORMALISED.items():
        notes[field] = _per_distinct(notes[field], normalise)
    order = list(NOTE_FIELDS) + [c for c in notes.columns if c not in NOTE_FIELDS]
    if list(notes.columns) != order:
        notes = notes[order]
    return notes.reset_index(drop=True)


def check_notes(notes: pd.DataFrame, file: str = "", rows: Sequence[int] | np.ndarray | None = None
                ) -> list[Problem]:
    """Every rule of MODEL.md section 1 that the (completed) notes break, one Problem per bad value.

    `rows` are the spreadsheet rows of the notes (header = row 1); by default 2, 3, ...
    """
    row_numbers = np.arange(2, len(notes) + 2) if rows is None else np.asarray(rows)
    problems: list[tuple[int, int, Problem]] = []
    order = {field: i for i, field in enumerate(NOTE_FIELDS)}

    flagged: set[tuple[int, str]] = set()  # one problem per cell: the first rule it breaks

    def flag(mask: np.ndarray, field: str, expected: str) -> None:
        for position in map(int, np.flatnonzero(mask)):
            if (position, field) in flagged:
                continue
            flagged.add((position, field))
            value = notes[field].iat[position]
            shown = "" if isinstance(value, float) and np.isnan(value) else value
            problems.append((int(position), order[field],
                             Problem(file, int(row_numbers[position]), field, shown, expected)))

    for field in TEXT_FIELDS:
        flag(too_long_cells(notes[field].to_numpy(dtype=object).tolist()), field, TOO_LONG)
    empty_ids, repeated_ids = _id_problems(notes["note_id"])
    flag(empty_ids, "note_id", "a note id (it is required)")
    flag(repeated_ids, "note_id", "a unique note id (this one is used by an earlier row)")
    flag(notes["industry"].to_numpy(dtype=object) == "", "industry", "an industry (it is required)")  # trimmed
    flag(~_is_one_of(notes["format"], ("",) + FORMATS), "format", "image (图文), video (视频) or empty")
    flag((notes["taobao_link"] & ~notes["is_ad"]).to_numpy(), "taobao_link",
         "false: only an ad note (广告笔记) may carry a Taobao link")
    cpm = notes["cpm"].to_numpy(dtype=float)
    flag(np.isnan(cpm), "cpm", "a cost per 1,000 impressions greater than 0 (it is required)")
    flag(~(cpm > 0) & ~np.isnan(cpm), "cpm", "a cost per 1,000 impressions greater than 0")
    flag((cpm > 0) & ~((cpm >= MIN_CPM) & (cpm <= MAX_CPM)), "cpm", CPM_RANGE)
    for field in RATE_FIELDS:
        values = notes[field].to_numpy(dtype=float)
        flag(np.isnan(values), field, "a rate from 0 to 1 (it is required)")
        flag(~np.isnan(values) & ((values < 0) | (values > 1)), field,
             "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")
    aov = notes["aov"].to_numpy(dtype=float)
    flag(np.isnan(aov), "aov", "an average order value of 0 or more (it is required)")
    flag(aov < 0, "aov", "an average order value of 0 or more")
    flag(aov > MAX_AOV, "aov", AOV_RANGE)
    cap = notes["audience_cap"].to_numpy(dtype=float)
    flag(~np.isnan(cap) & ~(cap > 0), "audience_cap", "a number of impressions greater than 0, or empty")
    flag((cap > 0) & ~((cap >= MIN_AUDIENCE_CAP) & (cap <= MAX_AUDIENCE_CAP)), "audience_cap", CAP_RANGE)
    lo = notes["min_budget"].to_numpy(dtype=float)
    hi = notes["max_budget"].to_numpy(dtype=float)
    budget = notes["budget"].to_numpy(dtype=float)
    flag(~(lo >= 0), "min_budget", "an amount of 0 or more")
    flag(lo > MAX_AMOUNT, "min_budget", AMOUNT_RANGE)
    flag(~np.isnan(hi) & ~(hi >= 0), "max_budget", "an amount of 0 or more, or empty")
    flag(hi > MAX_AMOUNT, "max_budget", AMOUNT_RANGE + ", or empty")
    in_range = (lo >= 0) & (lo <= MAX_AMOUNT) & (hi >= 0) & (hi <= MAX_AMOUNT)
    flag(in_range & (lo > hi), "max_budget", "an amount not below the minimum budget")
    flag(~(budget >= 0), "budget", "an amount of 0 or more")
    flag(budget > MAX_AMOUNT, "budget", AMOUNT_RANGE)
    problems.sort(key=lambda item: (item[0], item[1]))
    return [p for _, _, p in problems]


def industry_label(industry: str, lang: str = "en") -> str:
    """The industry as a user of `lang` reads it: 美妆 for beauty in Chinese; other text unchanged."""
    return INDUSTRY_ZH.get(industry, industry) if lang == "zh" else industry
