"""Blank notes and history tables to fill in: the field catalogue's headers in Chinese or English, and an example.

A template is what File ▸ Save template… writes and what an agency is sent: every field of the table in the
catalogue's order (planner.model.fields: NOTE_INPUTS, HISTORY), headed by its label in one language, with
an example that imports cleanly (a notes table: one note; a history table: one note's base and joint
rows, since a history is read in pairs of periods). CSV is UTF-8 with a byte order mark, so that Excel
shows the Chinese; XLSX keeps rates as numbers shown as percentages and adds a second sheet with every
column's meaning. Both are written atomically (planner.io.atomic).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pandas as pd
import xlsxwriter

from planner.io.atomic import write_atomically
from planner.io.tables.write import write_csv
from planner.model.fields import (
    BOOL,
    COUNT,
    FORMATS,
    HISTORY,
    INDUSTRIES,
    MONEY,
    NOTE_INPUTS,
    RATE,
    Field,
    Words,
    pick,
)

KINDS = ("notes", "history")
LANGS = ("zh", "en")
SUFFIXES = (".csv", ".xlsx")

_YES, _NO = ("是", "yes"), ("否", "no")
# The example rows, by field key: text as (Chinese, English), numbers as the model holds them (rates as fractions).
NOTE_EXAMPLE: tuple[dict[str, Words | float], ...] = ({
    "note_id": ("N001", "N001"), "title": ("夏日防晒喷雾实测", "Summer sunscreen spray, tested"),
    "creator": ("小鹿爱分享", "Lulu shares"), "industry": INDUSTRIES["beauty"], "format": FORMATS["image"],
    "is_ad": _YES, "taobao_link": _YES, "cpm": 45.0, "ctr": 0.032, "interaction_rate": 0.05, "entry_rate": 0.12,
    "cvr": 0.025, "aov": 129.0, "audience_cap": 2_000_000.0, "min_budget": 0.0, "max_budget": 50_000.0,
    "budget": 10_000.0, "locked": _NO, "creator_fee": 3_000.0,
    "start_date": ("2025-05-13", "2025-05-13"), "end_date": ("2025-06-18", "2025-06-18"),
},)
_PERIOD_WORDS: dict[str, Words] = {"base": ("日常", "base"), "joint": ("联投", "joint")}
HISTORY_EXAMPLE: tuple[dict[str, Words | float], ...] = tuple({
    "note_id": ("N001", "N001"), "industry": INDUSTRIES["beauty"], "period": _PERIOD_WORDS[period],
    "impressions": impressions, "clicks": clicks, "interactions": interactions, "store_visits": visits,
    "orders": orders, "spend": spend, "gmv": gmv,
} for period, impressions, clicks, interactions, visits, orders, spend, gmv in (
    ("base", 200_000.0, 6_400.0, 10_000.0, 768.0, 19.0, 9_000.0, 2_451.0),
    ("joint", 180_000.0, 6_900.0, 18_000.0, 1_100.0, 28.0, 8_100.0, 3_612.0)))

_FIELDS = {"notes": NOTE_INPUTS, "history": HISTORY}
_EXAMPLES = {"notes": NOTE_EXAMPLE, "history": HISTORY_EXAMPLE}
_SHEETS: dict[str, Words] = {"notes": ("笔记", "Notes"), "history": ("历史数据", "History"),
                             "fields": ("字段说明", "Fields")}
_FIELD_HEADERS: tuple[Words, ...] = (("列", "Column"), ("必填", "Required"), ("含义", "Meaning"))
_WORKBOOK = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def template_name(kind: str, lang: str, suffix: str) -> str:
    """The file name a template is offered under: 笔记模板.xlsx, notes-template.csv."""
    _check(kind, lang)
    stem = {("notes", "zh"): "笔记模板", ("history", "zh"): "历史数据模板"}.get((kind, lang), f"{kind}-template")
    return stem + suffix


def template_frame(kind: str, lang: str) -> pd.DataFrame:
    """The template as a CSV shows it: every field's label in `lang` as the header, the example as text."""
    _check(kind, lang)
    fields = _FIELDS[kind]
    rows = [[_text(field, example[field.key], lang) for field in fields] for example in _EXAMPLES[kind]]
    return pd.DataFrame(rows, columns=[pick(field.label, lang) for field in fields], dtype=object)


def write_template(path: str | os.PathLike[str], kind: str, lang: str) -> None:
    """Write the template of a notes or history table to `path`: XLSX for .xlsx, CSV (UTF-8 with BOM) otherwise."""
    _check(kind, lang)
    if Path(path).suffix.lower() == ".xlsx":
        write_atomically(path, _workbook(kind, lang))
    else:
        write_csv(template_frame(kind, lang), path)


def _check(kind: str, lang: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"unknown table kind {kind!r}: {' or '.join(KINDS)}")
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")


def _text(field: Field, value: Words | float, lang: str) -> str:
    """A value as a CSV cell holds it: words in `lang`, a rate as a percentage, a number without a separator."""
    if isinstance(value, tuple):
        return pick(value, lang)
    if field.kind == RATE:
        return f"{value * 100:g}%"
    return f"{value:g}" if field.kind == COUNT or value != int(value) else str(int(value))


def _workbook(kind: str, lang: str) -> bytes:
    """The XLSX template: the table on the first sheet (the one an import reads), the fields' meanings after it."""
    out = io.BytesIO()
    workbook = xlsxwriter.Workbook(out, _WORKBOOK)
    bold = workbook.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
    number = {RATE: workbook.add_format({"num_format": "0.0%"}), MONEY: workbook.add_format({"num_format": "#,##0.00"}),
              COUNT: workbook.add_format({"num_format": "#,##0"})}
    sheet = workbook.add_worksheet(pick(_SHEETS[kind], lang))
    fields = _FIELDS[kind]
    for column, field in enumerate(fields):
        header = pick(field.label, lang)
        sheet.write_string(0, column, header, bold)
        sheet.set_column(column, column, max(12, 2 + 2 * len(header)))
        for row, example in enumerate(_EXAMPLES[kind], start=1):
            value = example[field.key]
            if isinstance(value, tuple) or field.kind == BOOL:
                sheet.write_string(row, column, _text(field, value, lang))
            else:
                sheet.write_number(row, column, value, number.get(field.kind))
    sheet.freeze_panes(1, 0)
    meanings = workbook.add_worksheet(pick(_SHEETS["fields"], lang))
    for column, words in enumerate(_FIELD_HEADERS):
        meanings.write_string(0, column, pick(words, lang), bold)
    for row, field in enumerate(fields, start=1):
        meanings.write_string(row, 0, pick(field.label, lang))
        meanings.write_string(row, 1, pick(_YES if field.is_required else _NO, lang))
        meanings.write_string(row, 2, pick(field.definition, lang))
    meanings.set_column(0, 0, 18)
    meanings.set_column(1, 1, 8)
    meanings.set_column(2, 2, 90)
    workbook.close()
    return out.getvalue()
