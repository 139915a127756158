"""The notes table's columns: what each shows, how it is formatted, edited, copied and parsed back.

Columns are either plan inputs (a field of the notes frame) or estimate outputs (NOTE_KEYS of the
funnel). Formatting works on one value; parsing accepts what users type and what Excel copies:
rates as fractions or percentages (3.2%), money with ¥/￥ and thousands separators.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication

from planner import formats
from planner.gui.labels import format_text, industry_text
from planner.model.dates import NO_DAY, day_text, is_empty_day, parse_day
from planner.model.fields import (
    BOOL,
    COUNT,
    DATE,
    FORMAT,
    INDUSTRY,
    MONEY,
    NO_LIMIT,
    NOTE_INPUTS,
    OUTPUT_FIELD,
    RATE,
    RATIO,
    TEXT,
    Field,
)
from planner.model.funnel import NOTE_FEE_RATIOS, NOTE_KEYS


@dataclass(frozen=True)
class Column:
    """One column: `key` is a notes field (source "notes") or an estimate column (source "estimate")."""

    key: str
    kind: str
    source: str = "notes"
    editable: bool = False
    optional: bool = False  # empty means "none" (no cap, no maximum)


# The table's order: what a planner reads first, the estimate beside the budget, creator fees and the total cost
# with its ROI (MODEL.md section 11), then the other inputs.
LEADING = ("note_id", "title", "creator", "industry", "locked", "budget", "brand_cost", "platform_cost", "orders",
           "gmv", "marginal_roi", "impressions", "clicks", "interactions", "store_visits", "eligible", "creator_fee",
           "total_cost", "total_roi", "brand_total_roi")
# The estimate's outputs per note
ESTIMATED = tuple(key for key in NOTE_KEYS + NOTE_FEE_RATIOS if key in OUTPUT_FIELD)
READ_ONLY_INPUTS = ("note_id", "format")  # inputs the table shows but does not edit


def _column(field: Field) -> Column:
    if field.key in ESTIMATED:
        return Column(field.key, field.kind, "estimate")
    return Column(field.key, field.kind, editable=field.key not in READ_ONLY_INPUTS,
                  optional=field.kind == DATE or (field.rule is not None and field.rule.empty == NO_LIMIT))


def table_columns(inputs: Sequence[Field] = NOTE_INPUTS) -> tuple[Column, ...]:
    """The notes table's columns: LEADING, then every other input and output of the catalogue in its order."""
    fields = {field.key: field for field in inputs} | {key: OUTPUT_FIELD[key] for key in ESTIMATED}
    return tuple(_column(fields[key]) for key in (*LEADING, *(key for key in fields if key not in LEADING)))


COLUMNS: tuple[Column, ...] = table_columns()
COLUMN_KEYS = tuple(column.key for column in COLUMNS)
COLUMN_INDEX = {key: i for i, key in enumerate(COLUMN_KEYS)}
NUMERIC_KINDS = (RATE, MONEY, COUNT, RATIO)
LIFTED = {"ctr": 0, "interaction_rate": 1, "entry_rate": 2}  # position of each rate's lift


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def display_text(column: Column, value: object) -> str:
    """The cell as shown: ¥12,000 / ¥45.50 (a price) / 5.20% / 1,234 / 美妆 in Chinese; booleans: check boxes only."""
    kind = column.kind
    if kind == BOOL:
        return ""
    if kind in NUMERIC_KINDS and _missing(value):
        return "—"
    if kind == MONEY:  # whole yuan, fen only for a price (a CPM of ¥45.50, an AOV of ¥199.00)
        return formats.money(float(value), fen=column.key in formats.PRICES)  # type: ignore[arg-type]
    if kind == RATE:
        return formats.percent(float(value))  # type: ignore[arg-type]
    if kind == COUNT:
        return formats.count(float(value))  # type: ignore[arg-type]
    if kind == RATIO:
        return formats.ratio(float(value))  # type: ignore[arg-type]
    if kind == DATE:
        return day_text(value)  # empty: the whole campaign
    if kind == INDUSTRY:
        return industry_text(str(value))
    if kind == FORMAT:
        return format_text(str(value))
    return str(value)


def plain_number(value: float) -> str:
    """A number at full precision without exponent noise: 12000, 0.052, 1234.5."""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.12g}"


def copy_text(column: Column, value: object) -> str:
    """The cell as copied to Excel: plain numbers (rates as 5.2%), true/false, text as is."""
    kind = column.kind
    if kind == BOOL:
        return "true" if bool(value) else "false"
    if kind in NUMERIC_KINDS:
        if _missing(value):
            return ""
        number = float(value)  # type: ignore[arg-type]
        return plain_number(number * 100) + "%" if kind == RATE else plain_number(number)
    if kind == DATE:
        return day_text(value)
    return str(value)


def edit_text(column: Column, value: object) -> str:
    """What the inline editor starts with: the copy form (5.2%, 12000), so what is typed reads the same."""
    return copy_text(column, value)


def copy_texts(column: Column, values: np.ndarray) -> list[str]:
    """copy_text over a column of values, vectorised for the common numeric case."""
    if column.kind in (MONEY, COUNT, RATIO, RATE):
        numbers = values.astype(float) * (100.0 if column.kind == RATE else 1.0)
        suffix = "%" if column.kind == RATE else ""
        texts = np.char.mod("%.12g", numbers)
        return [("" if t == "nan" else t + suffix) for t in texts.tolist()]
    return [copy_text(column, value) for value in values.tolist()]


# ----------------------------------------------------------------------------- parsing typed values

TRUE_WORDS = frozenset({"true", "1", "yes", "y", "是", "✓", "x"})
FALSE_WORDS = frozenset({"false", "0", "no", "n", "否", ""})


class ParseError(ValueError):
    """Typed text that is not a value of the column; `expected` says what would be."""

    def __init__(self, expected: str):
        super().__init__(expected)
        self.expected = expected


def parse_value(column: Column, text: str) -> object:
    """The value typed or pasted into `column` (ParseError with what was expected otherwise)."""
    kind = column.kind
    cleaned = text.strip()
    if kind == BOOL:
        word = cleaned.lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ParseError("yes or no (true/false, 1/0, yes/no, y/n, 是/否)")
    if kind in (TEXT, INDUSTRY, FORMAT):
        return cleaned
    if kind == DATE:
        return _parse_day(cleaned)
    if cleaned in ("", "—", "-") and column.optional:
        return math.nan
    if kind == RATE:
        return _parse_rate(cleaned)
    return _parse_amount(cleaned, kind)


def _parse_day(text: str) -> np.datetime64:
    """A note's first or last day (2025-05-13, 2025/5/13); empty = the campaign's first or last day."""
    if is_empty_day(text) or text in ("—", "-"):
        return NO_DAY
    day = parse_day(text)
    if day is None:
        raise ParseError(QCoreApplication.translate("NoteColumns", "a date such as 2025-05-13 (or 2025/5/13), or "
                                                    "empty for the whole campaign"))
    return np.datetime64(day, "ns")


def _parse_rate(text: str) -> float:
    expected = "a rate: a fraction from 0 to 1 or a percentage such as 3.2%"
    try:
        value = float(text[:-1].replace(",", "")) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise ParseError(expected) from None
    if not math.isfinite(value):
        raise ParseError(expected)
    if value > 1 and not text.endswith("%"):
        raise ParseError("a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")
    return value


def _parse_amount(text: str, kind: str) -> float:
    expected = "an amount in ¥, such as 12000 or ¥12,000.50" if kind == MONEY else "a number, such as 12000"
    cleaned = text.replace("¥", "").replace("￥", "").replace(",", "").replace(" ", "")
    scale = 1.0
    if cleaned.endswith("万"):
        cleaned, scale = cleaned[:-1], 1e4
    elif cleaned.endswith("亿"):
        cleaned, scale = cleaned[:-1], 1e8
    try:
        value = float(cleaned) * scale
    except ValueError:
        raise ParseError(expected) from None
    if not math.isfinite(value):
        raise ParseError("a finite number")
    return value
