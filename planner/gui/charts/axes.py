"""Axes whose ticks read as the rest of the app: ¥1.5万 / 3亿 in Chinese, ¥15K / 300M in English."""

from __future__ import annotations

import math
from typing import Any

from planner.formats import UNITS
from planner.gui.charts.base import pg

# The units of formats.short_number, which picks one for each number on its own; an axis needs one
# unit and one number of decimals for all its ticks (¥0.5万 ¥1万 ¥1.5万, not ¥5,000 ¥1万 ¥1.5万), taken
# from its largest tick and its spacing. As formats.short_number, Chinese writes no separator before 万/亿.


def _unit(values: list[float], lang: str) -> tuple[float, str]:
    size = max((abs(v) for v in values), default=0.0)
    return next(((unit, suffix) for unit, suffix in UNITS.get(lang, UNITS["en"]) if size >= unit), (1.0, ""))


def _decimals(spacing: float, unit: float) -> int:
    """The fewest decimals (0..2) that tell ticks `spacing` apart in `unit`s: 2.5万 needs 1, 3万 needs 0."""
    step = spacing / unit
    for digits in range(3):
        scaled = step * 10**digits
        if abs(scaled - round(scaled)) < 1e-6 * max(scaled, 1.0):
            return digits
    return 2


def tick_labels(values: list[float], spacing: float, lang: str, money: bool) -> list[str]:
    """The texts of ticks `spacing` apart, in one unit; a tick at 0 reads 0 (or ¥0), never -0."""
    unit, suffix = _unit(values, lang)
    digits = _decimals(spacing, unit)
    grouping = "" if lang == "zh" and suffix else ","
    texts = []
    for value in values:
        if abs(value) < 1e-9 * spacing:
            texts.append("¥0" if money else "0")
        else:
            number = f"{abs(value) / unit:{grouping}.{digits}f}{suffix}"
            texts.append(("-" if value < 0 else "") + ("¥" if money else "") + number)
    return texts


class UnitAxis(pg.AxisItem):
    """An axis of money or counts in readable units; pyqtgraph's own SI prefixes (k, M) are turned off."""

    def __init__(self, orientation: str, kind: str = "count", lang: str = "en", **kwargs: Any):
        super().__init__(orientation, **kwargs)
        self.kind = kind
        self.lang = lang
        self.enableAutoSIPrefix(False)

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._redraw_ticks()

    def set_kind(self, kind: str) -> None:
        """Switch between "money" and "count", e.g. when a chart shows GMV instead of orders."""
        if kind != self.kind:
            self.kind = kind
            self._redraw_ticks()

    def _redraw_ticks(self) -> None:
        self.picture = None  # pyqtgraph caches the drawn ticks; drop them so the new labels show
        self.update()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802
        finite = [v * scale for v in values if math.isfinite(v)]
        texts = iter(tick_labels(finite, spacing * scale, self.lang, self.kind == "money"))
        return [next(texts) if math.isfinite(v) else "" for v in values]


class MoneyAxis(UnitAxis):
    """¥ amounts: budgets, brand cost, GMV."""

    def __init__(self, orientation: str, lang: str = "en", **kwargs: Any):
        super().__init__(orientation, "money", lang, **kwargs)


class CountAxis(UnitAxis):
    """Counts: impressions, clicks, orders."""

    def __init__(self, orientation: str, lang: str = "en", **kwargs: Any):
        super().__init__(orientation, "count", lang, **kwargs)
