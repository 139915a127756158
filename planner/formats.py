"""How each kind of number reads, in Chinese and English: one way for the app, the CLI and reports.

Money is ¥ with thousands separators, whole yuan where it is an amount (a budget, a total), fen where a
price needs them (CPM, AOV, CPA: `fen=True`); counts are whole numbers; rates are percentages with two
decimals; returns (ROI) have two decimals; a value that is undefined (a ratio over 0) is "—". Compact forms
for cards and axes use 万/亿 in Chinese (1063.6万, 1.06亿: at most four digits before 万, so no separator)
and K/M/B in English.
"""

from __future__ import annotations

import math
import unicodedata

MISSING = "—"
PRICES = ("cpm", "aov", "cpa")  # money shown with fen: a price per thousand, per order; every other amount is whole
# Compact units by language, largest first.
UNITS: dict[str, tuple[tuple[float, str], ...]] = {
    "zh": ((1e8, "亿"), (1e4, "万")), "en": ((1e9, "B"), (1e6, "M"), (1e3, "K"))}


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _signed(text: str, value: float) -> str:
    """A minus sign before the ¥, not between it and the digits."""
    return "-" + text if value < 0 else text


def money(value: float | None, fen: bool = False) -> str:
    """¥1,234 (whole yuan) or, with `fen`, ¥1,234.50."""
    if _missing(value):
        return MISSING
    assert value is not None
    digits = 2 if fen else 0
    return _signed(f"¥{abs(value):,.{digits}f}", value) if round(value, digits) != 0 else f"¥{0:.{digits}f}"


def count(value: float | None) -> str:
    """A count of impressions, clicks or orders as a whole number: 725,476."""
    if _missing(value):
        return MISSING
    assert value is not None
    return f"{round(value):,d}" if math.isfinite(value) else MISSING


def percent(value: float | None, digits: int = 2, signed: bool = False) -> str:
    """A rate as a percentage: 3.20% (signed: +20.00%, for lifts and changes)."""
    if _missing(value):
        return MISSING
    assert value is not None
    return f"{value * 100:{'+' if signed else ''}.{digits}f}%"


def ratio(value: float | None) -> str:
    """A return such as ROI: 3.45."""
    if _missing(value):
        return MISSING
    assert value is not None
    return f"{value:,.2f}"


def short_number(value: float | None, lang: str, digits: int = 1) -> str:
    """A compact number for cards and axes: 1063.6万 / 1.06亿 in Chinese, 10.6M in English."""
    if _missing(value):
        return MISSING
    assert value is not None
    size = abs(value)
    for scale, unit in UNITS["zh" if lang == "zh" else "en"]:
        if size >= scale:
            scaled = value / scale
            places = 2 if unit == "亿" and abs(scaled) < 100 else digits
            # Chinese writes at most four digits before 万 and 亿 without a separator (1063.6万).
            return f"{scaled:.{places}f}{unit}" if lang == "zh" else f"{scaled:,.{places}f}{unit}"
    return f"{value:,.0f}"


def short_money(value: float | None, lang: str) -> str:
    """¥ and a compact number: ¥1063.6万, ¥1.2M."""
    if _missing(value):
        return MISSING
    assert value is not None
    return _signed("¥" + short_number(abs(value), lang), value)


def display_width(text: str) -> int:
    """Columns a terminal or a spreadsheet gives `text`: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def padded(text: str, width: int) -> str:
    """`text` followed by spaces to `width` columns (display_width)."""
    return text + " " * max(0, width - display_width(text))


def right(text: str, width: int) -> str:
    """`text` after spaces to `width` columns (display_width): right-aligned in a terminal table."""
    return " " * max(0, width - display_width(text)) + text
