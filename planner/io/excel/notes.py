"""The Notes plan sheet of the Excel plan: one row per note, inputs as typed and formulas with their values,
written a block of rows at a time; then the totals row, widths, filter, validation and print setup.
"""

from __future__ import annotations

import math

import numpy as np
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book, cached, ratio
from planner.io.excel.labels import (
    ARRAY_COLUMNS,
    FIRST_NOTE_ROW,
    HEADER_ROW,
    LIFTS_HEADER_ROW,
    NOTE_COLUMN,
    NOTE_COLUMNS,
    NOTE_LETTER,
    Column,
    display_width,
    header,
    note_templates,
)
from planner.io.excel.sheet_xml import (
    Shared,
    array_formula_cells,
    bool_cells,
    formula_cells,
    number_cells,
    text_cells,
)
from planner.model.fields import format_label

NOTE_KEYS = [column.key for column in NOTE_COLUMNS]
SUMMED = ("budget", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")


def write_notes(book: Book) -> None:
    """One row per note, then the totals row and the sheet's layout."""
    ws = book.sheets["notes"]
    book.top(ws, f'{book.t("notes_title")} · {book.plan.name}')
    book.header_row(ws, HEADER_ROW, [header(column, book.lang) for column in NOTE_COLUMNS])
    values, templates = _note_values(book), note_templates(book.lang)
    styles = {c.key: book.f(c.kind, "in" if c.is_input else "calc")._get_xf_index() for c in NOTE_COLUMNS}
    shared = {c.key: Shared(i, str(FIRST_NOTE_ROW + 1), str(book.last_note + 1)) for i, c in enumerate(NOTE_COLUMNS)}
    book.bulk(ws, FIRST_NOTE_ROW, len(NOTE_COLUMNS), lambda rows, a, b: [
        _note_cells(c, rows, values[c.key][a:b], templates, styles[c.key], shared[c.key]) for c in NOTE_COLUMNS])
    _notes_totals(book, ws)
    _notes_layout(book, ws, values)


def _note_values(book: Book) -> dict[str, np.ndarray]:
    """Each column's cells: the inputs as typed, the formulas' values as the model computes them."""
    notes, result, rates = book.plan.notes, book.result.notes, book.rates
    values: dict[str, np.ndarray] = {}
    for column in NOTE_COLUMNS:
        if column.is_input:
            dtype = {"text": object, "bool": bool}.get(column.kind, float)
            values[column.key] = notes[column.key].to_numpy(dtype=dtype)
    values["industry"] = notes["industry"].map(book.industry_text).to_numpy(dtype=object)
    if book.lang == "zh":
        values["format"] = notes["format"].map(lambda v: format_label(v, "zh")).to_numpy(dtype=object)
    values["lift_row"] = LIFTS_HEADER_ROW + 2 + book.plan.lifts.rows_for(notes["industry"]).astype(float)
    values.update(eligible=rates.eligible, ctr_eff=rates.ctr, interaction_eff=rates.interaction_rate,
                  entry_eff=rates.entry_rate)
    for key in SUMMED[1:]:
        values[key] = result[key].to_numpy(dtype=float)
    values["roi"] = ratio(values["gmv"], values["budget"])
    values["cpa"] = ratio(values["budget"], values["orders"])
    return values


def _notes_totals(book: Book, ws: Worksheet) -> None:
    row, first, last = book.last_note + 1, FIRST_NOTE_ROW + 1, book.last_note + 1
    totals, letter = book.result.totals, NOTE_LETTER
    ws.write_string(row, 0, book.t("total"), book.f("text", "total"))
    ratios = {"roi": f'=IF({letter["budget"]}{row + 1}=0,"",{letter["gmv"]}{row + 1}/{letter["budget"]}{row + 1})',
              "cpa": f'=IF({letter["orders"]}{row + 1}=0,"",{letter["budget"]}{row + 1}/{letter["orders"]}{row + 1})'}
    for col, column in enumerate(NOTE_COLUMNS[1:], start=1):
        fmt, key = book.f(column.kind, "total"), column.key
        if key in SUMMED:
            ws.write_formula(row, col, f"=SUM({letter[key]}{first}:{letter[key]}{last})", fmt, totals[key])
        elif key in ratios:
            ws.write_formula(row, col, ratios[key], fmt, cached(totals[key]))
        else:
            ws.write_blank(row, col, None, fmt)


def _notes_layout(book: Book, ws: Worksheet, values: dict[str, np.ndarray]) -> None:
    """Widths that fit the text (CJK counts double), frozen header and ids, filter, validation, print."""
    for col, column in enumerate(NOTE_COLUMNS):
        shown = _shown_width(column, values[column.key], book.result.totals.get(column.key))
        width = min(max(shown + 2, math.ceil(display_width(header(column, book.lang)) / 2) + 4, 7), 40)
        ws.set_column(col, col, width, None, {"hidden": column.key == "lift_row"})
    ws.freeze_panes(FIRST_NOTE_ROW, 1)
    ws.autofilter(HEADER_ROW, 0, book.last_note, len(NOTE_COLUMNS) - 1)
    budget, locked = NOTE_KEYS.index("budget"), NOTE_KEYS.index("locked")
    ws.data_validation(FIRST_NOTE_ROW, budget, book.last_note, budget, {
        "validate": "integer", "criteria": ">=", "value": 0, "input_title": header(NOTE_COLUMN["budget"], book.lang),
        "input_message": book.t("budget_rule"), "error_message": book.t("budget_rule")})
    ws.data_validation(FIRST_NOTE_ROW, locked, book.last_note, locked, {
        "validate": "list", "source": ["TRUE", "FALSE"], "error_message": book.t("lock_rule")})
    book.print_setup(ws, HEADER_ROW, paper=8)


def _note_cells(column: Column, rows: list[str], values: np.ndarray, templates: dict[str, str], style: int,
                shared: Shared) -> list[str]:
    letter = NOTE_LETTER[column.key]
    if column.key in ARRAY_COLUMNS:
        return array_formula_cells(letter, rows, templates[column.key], values.tolist(), style)
    if not column.is_input:
        kind = "bool" if column.kind == "bool" else "num"
        return formula_cells(letter, rows, templates[column.key], values.tolist(), style, kind, shared)
    if column.kind == "text":
        return text_cells(letter, rows, values.tolist(), style)
    if column.kind == "bool":
        return bool_cells(letter, rows, values.tolist(), style)
    return number_cells(letter, rows, values.tolist(), style)


def _shown_width(column: Column, values: np.ndarray, total: object) -> int:
    """Characters the column's widest value needs as formatted (a sample of text, every number)."""
    if column.kind == "text":
        return max((display_width(str(v)) for v in values[:2000]), default=0)
    if column.kind in ("bool", "rate", "row", "ratio"):
        return {"bool": 5, "rate": 7, "row": 5}.get(column.kind, 8)
    numbers = np.abs(values.astype(float))
    numbers = numbers[np.isfinite(numbers)]
    largest = max(float(numbers.max()) if len(numbers) else 0.0, abs(total) if isinstance(total, float) else 0.0)
    decimals = {"money2": 2, "count1": 1}.get(column.kind, 0)
    prefix = "¥" if column.kind.startswith("money") else ""
    return len(f"{prefix}{largest:,.{decimals}f}")
