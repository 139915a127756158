"""Days as planners write them (a note's active window, MODEL.md section 9): 2025-05-13, 2025/5/13, 2025.5.13,
2025年5月13日, a day with a midnight time (2025-05-13 00:00:00, as an XLSX date cell reads), and Excel's day numbers
(45790 = 2025-05-13, a date cell that lost its format).

A window is whole days, so a time other than midnight is refused rather than dropped. Days before 2000 or after
2099 are typos (a year 0202, a day number that is an amount): no campaign runs then.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import numpy as np
import pandas as pd

from planner.i18n import _

MIN_DAY, MAX_DAY = date(2000, 1, 1), date(2099, 12, 31)
EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug makes day 60 the only wrong one)
NO_DAY = np.datetime64("NaT", "ns")
_DAY = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                  r"(?:[ T]0{1,2}:00(?::00(?:\.0*)?)?)?\s*$")
_SERIAL = re.compile(r"^\s*(\d{5})(?:\.0*)?\s*$")


def parse_day(text: object) -> date | None:
    """The day `text` names, or None when it names none (empty text included: ask `is_empty_day`)."""
    if isinstance(text, date):
        return text if MIN_DAY <= text <= MAX_DAY else None
    value = str(text)
    match = _DAY.match(value)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            found = date(year, month, day)
        except ValueError:
            return None
    else:
        serial = _SERIAL.match(value)
        if not serial:
            return None
        found = EXCEL_EPOCH + timedelta(days=int(serial.group(1)))
    return found if MIN_DAY <= found <= MAX_DAY else None


def is_empty_day(text: object) -> bool:
    """An empty cell: no window bound (the campaign's first or last day)."""
    return text is None or (isinstance(text, float) and np.isnan(text)) or str(text).strip() in ("", "NaT")


def parse_days(texts: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Days of a column of text (each distinct text parsed once): datetime64[ns] (NaT for empty) and the bad cells."""
    codes, uniques = pd.factorize(texts.astype(object).where(texts.notna(), ""), use_na_sentinel=False)
    days = [parse_day(text) for text in uniques]
    empty = np.array([is_empty_day(text) for text in uniques], dtype=bool)
    values = np.array([NO_DAY if day is None else np.datetime64(day, "ns") for day in days], dtype="datetime64[ns]")
    bad = np.array([day is None for day in days], dtype=bool) & ~empty
    if len(uniques) == 0:
        return np.array([], dtype="datetime64[ns]"), np.array([], dtype=bool)
    return values[codes], bad[codes]


def as_days(values: object) -> pd.Series:
    """Any column of days (dates, timestamps, text, NaT) as datetime64[ns] at midnight; unreadable text is NaT."""
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if pd.api.types.is_datetime64_dtype(series.dtype):
        return series.astype("datetime64[ns]").dt.normalize()
    days, _bad = parse_days(series)
    return pd.Series(days, index=series.index)


def day_text(value: object) -> str:
    """A day as ISO text (2025-05-13); "" for none."""
    if value is None or pd.isna(value):  # type: ignore[call-overload]
        return ""
    return pd.Timestamp(value).date().isoformat()  # type: ignore[arg-type]


def day_rule() -> str:
    """What a cell of a note's start or end date may hold."""
    return _("a date such as 2025-05-13 (or 2025/5/13), from {first} to {last}; empty = the whole campaign").format(
        first=MIN_DAY.isoformat(), last=MAX_DAY.isoformat())
