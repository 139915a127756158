"""Numbers and money as a user of the UI language reads them: ¥1,234, 1.2万 / 3.4亿 in Chinese."""

from __future__ import annotations

import math

# Compact units by UI language, largest first: 万 and 亿 in Chinese, K/M/B in English.
UNITS: dict[str, tuple[tuple[float, str], ...]] = {
    "zh": ((1e8, "亿"), (1e4, "万")), "en": ((1e9, "B"), (1e6, "M"), (1e3, "K"))}


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def short_number(value: float | None, lang: str = "en", digits: int = 1) -> str:
    """A compact number for cards and axes: 12.3万 / 1.2亿 in Chinese, 123.4K / 1.2M in English."""
    if _missing(value):
        return "—"
    assert value is not None
    size = abs(value)
    for scale, unit in UNITS["zh" if lang == "zh" else "en"]:
        if size >= scale:
            return f"{value / scale:,.{digits}f}{unit}"
    return f"{value:,.0f}" if size >= 100 or value == int(value) else f"{value:,.{digits}f}"


def money(value: float | None, lang: str = "en", short: bool = False) -> str:
    """¥ with thousands separators (whole yuan), or a compact form for cards and axes."""
    if _missing(value):
        return "—"
    assert value is not None
    if short:
        return "¥" + short_number(value, lang)
    return f"¥{value:,.0f}" if abs(value) >= 100 else f"¥{value:,.2f}"


def count(value: float | None, lang: str = "en", short: bool = False) -> str:
    """A count of impressions, clicks or orders: whole numbers, or compact."""
    if _missing(value):
        return "—"
    assert value is not None
    return short_number(value, lang) if short else f"{value:,.0f}"


def percent(value: float | None, digits: int = 2) -> str:
    if _missing(value):
        return "—"
    assert value is not None
    return f"{value * 100:.{digits}f}%"


def ratio(value: float | None) -> str:
    """A return such as ROI: 3.45."""
    if _missing(value):
        return "—"
    assert value is not None
    return f"{value:,.2f}"
