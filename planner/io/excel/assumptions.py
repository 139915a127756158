"""The Assumptions sheet of the Excel plan: the plan's parameters and lifts as inputs, then what each
column means and how each formula computes it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book
from planner.io.excel.formulas import lift_row_of
from planner.io.excel.labels import (
    FORMULAS,
    LIFTS_HEADER_ROW,
    NOTE_COLUMN,
    PARAMS,
    PARAMS_FIRST_ROW,
    display_width,
    header,
    lift_header,
    pick,
    source_text,
)
from planner.io.excel.observed import uses_prior, write_prior
from planner.model.fields import NOTE_INPUTS
from planner.model.lifts import DEFAULT_ROW, LIFT_COLUMNS
from planner.model.scenarios import MAX_LIFT_SCALE

# Column widths: label, the lift table's nine lifts and its count, then its source. Every table of the sheet
# ends at the source column, and text longer than its cells wraps inside them (wrapped()).
WIDTHS = (26,) + (11,) * 10 + (40,)
LAST_COL = len(WIDTHS) - 1
LINE_HEIGHT = 13.5  # points per line of 9-10 pt text


def write_assumptions(book: Book) -> None:
    """Parameters, lifts, then the definitions and formulas explained."""
    ws = book.sheets["assumptions"]
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    book.top(ws, f'{book.t("assumptions_title")} · {book.plan.name}')
    book.header_row(ws, PARAMS_FIRST_ROW - 1, [book.t("parameter"), book.t("value")])
    ws.merge_range(PARAMS_FIRST_ROW - 1, 2, PARAMS_FIRST_ROW - 1, LAST_COL, book.t("meaning"), book.f("header", ""))
    for i, (key, zh, en, meaning_zh, meaning_en) in enumerate(PARAMS):
        row = PARAMS_FIRST_ROW + i
        meaning = pick((meaning_zh, meaning_en), book.lang)
        ws.set_row(row, wrapped(meaning, 2, LAST_COL))
        ws.write_string(row, 0, pick((zh, en), book.lang), book.f("label", ""))
        _parameter(book, ws, row, key)
        ws.merge_range(row, 2, row, LAST_COL, meaning, book.f("text_wrap", ""))
    row = _lift_table(book, ws)
    if uses_prior(book):
        row = write_prior(book, ws, LAST_COL, (wrapped(book.t("observed_note"), 2, LAST_COL),
                                               wrapped(book.t("prior_meaning"), 2, LAST_COL)))
    row = _explained(book, ws, row + 1, book.t("definitions"), [
        (header(NOTE_COLUMN[field.key], book.lang), pick((field.sheet_definition, field.definition[1]), book.lang))
        for field in NOTE_INPUTS if field.sheet_definition])
    _explained(book, ws, row + 1, book.t("formulas"),
               [(pick(label, book.lang), pick(line, book.lang)) for label, line in FORMULAS])
    book.print_setup(ws, None)


def _parameter(book: Book, ws: Worksheet, row: int, key: str) -> None:
    params, rule = book.plan.params, {"validate": "decimal", "criteria": ">=", "value": 0}
    if key == "brand_budget":
        ws.write_number(row, 1, params.brand_budget, book.f("money", "in"))
        ws.data_validation(row, 1, row, 1, {**rule, "error_message": book.t("amount_rule")})
    elif key == "joint_on":
        ws.write_boolean(row, 1, bool(params.joint), book.f("bool", "in"))
        ws.data_validation(row, 1, row, 1, book.flag_rule(pick(next(p for p in PARAMS if p[0] == key)[1:3],
                                                               book.lang)))
    elif key == "platform_share":
        ws.write_number(row, 1, params.platform_share, book.f("rate", "in"))
        ws.data_validation(row, 1, row, 1, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                            "maximum": 1, "error_message": book.t("share_rule")})
    elif key == "platform_cap":
        if params.platform_cap is None:
            ws.write_blank(row, 1, None, book.f("money", "in"))
        else:
            ws.write_number(row, 1, params.platform_cap, book.f("money", "in"))
        ws.data_validation(row, 1, row, 1, {**rule, "ignore_blank": True, "error_message": book.t("amount_rule")})
    elif key == "lift_scale":
        ws.write_number(row, 1, book.plan.scenario.lift_scale, book.f("ratio", "in"))
        ws.data_validation(row, 1, row, 1, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                            "maximum": MAX_LIFT_SCALE, "error_message": book.t("scale_rule")})
    elif key == "objective":
        ws.write_string(row, 1, header(NOTE_COLUMN[params.objective], book.lang), book.f("text"))
    else:  # the default lift row, found like every other industry's
        default = LIFTS_HEADER_ROW + 2 + book.plan.lifts.position(DEFAULT_ROW)
        lookup = lift_row_of(f'"{DEFAULT_ROW}"')
        ws.write_array_formula(row, 1, row, 1, f"{{={lookup}}}", book.f("row"), default)


def _lift_table(book: Book, ws: Worksheet) -> int:
    """The lifts, one row per industry with its source; returns the last row used."""
    ws.set_row(LIFTS_HEADER_ROW - 1, max(18.0, wrapped(book.t("lifts_note"), 2, LAST_COL)))
    ws.write_string(LIFTS_HEADER_ROW - 1, 0, book.t("lifts"), book.f("section", ""))
    ws.merge_range(LIFTS_HEADER_ROW - 1, 2, LIFTS_HEADER_ROW - 1, LAST_COL, book.t("lifts_note"),
                   book.f("note_wrap", ""))
    keys = ("industry",) + LIFT_COLUMNS
    headers = [lift_header(key, book.lang) for key in keys]
    book.header_row(ws, LIFTS_HEADER_ROW, headers, max(30.0, *(wrapped(text, col, col) for col, text in
                                                               enumerate(headers))))
    table = book.plan.lifts.table
    last = LIFTS_HEADER_ROW + len(table)
    ws.data_validation(LIFTS_HEADER_ROW + 1, 1, last, 9, {
        "validate": "decimal", "criteria": ">=", "value": -1, "error_message": book.t("lift_rule")})
    for i, (industry, record) in enumerate(table.iterrows()):
        row = LIFTS_HEADER_ROW + 1 + i
        count = float(record["n_notes"])
        source = source_text(str(record["source"]), count, book.lang)
        ws.set_row(row, wrapped(source, LAST_COL, LAST_COL))
        ws.write_string(row, 0, book.industry_text.get(str(industry), str(industry)), book.f("text", "in"))
        for col, key in enumerate(LIFT_COLUMNS[:-2], start=1):
            ws.write_number(row, col, float(record[key]), book.f("lift", "in"))
        if math.isnan(count):
            ws.write_blank(row, 10, None, book.f("count"))
        else:
            ws.write_number(row, 10, count, book.f("count"))
        ws.write_string(row, LAST_COL, source, book.f("text_wrap", ""))
    return last


def _explained(book: Book, ws: Worksheet, row: int, title: str, lines: Sequence[tuple[str, str]]) -> int:
    """A titled list of label | text, the text wrapped across the sheet; returns the last row used."""
    ws.write_string(row + 1, 0, title, book.f("section", ""))
    for i, (label, explanation) in enumerate(lines):
        at = row + 2 + i
        ws.set_row(at, wrapped(explanation, 1, LAST_COL))
        ws.write_string(at, 0, label, book.f("label", ""))
        ws.merge_range(at, 1, at, LAST_COL, explanation, book.f("wrap", ""))
    return row + 1 + len(lines)


def wrapped(text: str, first: int, last: int) -> float:
    """The height (points) of a row whose cells first..last hold `text` wrapped: enough lines for its width.

    A column's width counts characters of the default font; 9-10 pt text takes about one such character per
    character (two for a CJK one, as display_width counts), less a margin on each side of the cells.
    """
    width = sum(WIDTHS[first:last + 1]) - 2
    lines = max(1, math.ceil(display_width(text) / width))
    return lines * LINE_HEIGHT + 3
