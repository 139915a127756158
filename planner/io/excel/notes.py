"""The Notes plan sheet of the Excel plan: one row per note, inputs as typed and formulas with their values,
written a block of rows at a time; then the totals row, widths, filter, validation and print setup.
"""

from __future__ import annotations

import math

import numpy as np
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book, cached, ratio
from planner.io.excel.formulas import ARRAY_COLUMNS, note_templates, observed_templates
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    HEADER_ROW,
    LIFTS_HEADER_ROW,
    NOTE_COLUMN,
    NOTE_COLUMNS,
    NOTE_LETTER,
    Column,
    display_width,
    header,
    letter_of,
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
from planner.model.lifts import LIFTS

NOTE_KEYS = [column.key for column in NOTE_COLUMNS]
SUMMED = ("budget", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv", "creator_fee",
          "total_cost")


def write_notes(book: Book) -> None:
    """One row per note, then the totals row and the sheet's layout.

    The plan's own columns (NOTE_COLUMNS) come first, then the inputs of this plan's other parts
    (book.extras: the other scenarios' budgets, each note's window), so that sorting the sheet keeps every
    input of a note in its row while the other sheets read them by position.
    """
    ws = book.sheets["notes"]
    columns = list(NOTE_COLUMNS) + [column for column, _ in book.extras]
    values, templates = _note_values(book), note_templates(book.lang)
    if book.counts:  # on observed rates
        templates.update(observed_templates(book.lang, book.counts))
    values.update({column.key: extra for column, extra in book.extras})
    widths = _widths(book, values, columns)
    shown = [0 if column.key == "lift_row" else width for column, width in zip(columns, widths, strict=True)]
    book.top(ws, f'{book.t("notes_title")} · {book.plan.name}', shown[2:])
    book.header_row(ws, HEADER_ROW, [header(column, book.lang) for column in columns])
    letters = {**NOTE_LETTER, **{c.key: letter_of(i) for i, c in enumerate(columns)}}
    styles = {c.key: book.f(c.kind, "in" if c.is_input else "calc")._get_xf_index() for c in columns}
    shared = {c.key: Shared(i, str(FIRST_NOTE_ROW + 1), str(book.last_note + 1)) for i, c in enumerate(NOTE_COLUMNS)}
    book.bulk(ws, FIRST_NOTE_ROW, len(columns), lambda rows, a, b: [
        _note_cells(c, letters[c.key], rows, values[c.key][a:b], templates, styles[c.key], shared.get(c.key))
        for c in columns])
    _notes_totals(book, ws, columns, letters)
    _notes_layout(book, ws, values, widths, columns)


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
    lifts = book.plan.lifts.values_for(notes["industry"])  # as the lift table has them, before the lift scale
    for k, key in enumerate(LIFTS):
        values[key] = lifts[:, k]
    values.update(eligible=rates.eligible, ctr_eff=rates.ctr, interaction_eff=rates.interaction_rate,
                  entry_eff=rates.entry_rate)
    for key in SUMMED[1:-2]:
        values[key] = result[key].to_numpy(dtype=float)
    values["roi"] = ratio(values["gmv"], values["budget"])
    values["cpa"] = ratio(values["budget"], values["orders"])
    values["marginal_roi"] = result["marginal_roi"].to_numpy(dtype=float)
    values["total_cost"] = result["total_cost"].to_numpy(dtype=float)
    values["total_roi"] = ratio(values["gmv"], values["total_cost"])
    brand_total = result["brand_cost"].to_numpy(dtype=float) + result["creator_fee"].to_numpy(dtype=float)
    values["brand_total_roi"] = ratio(values["gmv"], brand_total)
    return values


def _notes_totals(book: Book, ws: Worksheet, columns: list[Column], letter: dict[str, str]) -> None:
    """The totals row: sums of the budgets (every scenario's) and outcomes, the plan's ratios."""
    row, first, last = book.last_note + 1, FIRST_NOTE_ROW + 1, book.last_note + 1
    totals = {**book.result.totals, **{c.key: float(v.sum()) for c, v in book.extras if c.kind == "money"}}
    summed = SUMMED + tuple(c.key for c, _ in book.extras if c.kind == "money")
    ws.write_string(row, 0, book.t("total"), book.f("text", "total"))
    cell = {key: f"{letter[key]}{row + 1}" for key in ("budget", "gmv", "orders", "creator_fee", "total_cost")}
    ratios = {"roi": f'=IF({cell["budget"]}=0,"",{cell["gmv"]}/{cell["budget"]})',
              "cpa": f'=IF({cell["orders"]}=0,"",{cell["budget"]}/{cell["orders"]})',
              "total_roi": f'=IF({cell["total_cost"]}=0,"",{cell["gmv"]}/{cell["total_cost"]})',
              "brand_total_roi": f'=IF(brand_cost+{cell["creator_fee"]}=0,"",'
                                 f'{cell["gmv"]}/(brand_cost+{cell["creator_fee"]}))'}
    for col, column in enumerate(columns[1:], start=1):
        fmt, key = book.f(column.kind, "total"), column.key
        if key in summed:
            ws.write_formula(row, col, f"=SUM({letter[key]}{first}:{letter[key]}{last})", fmt, totals[key])
        elif key in ratios:
            ws.write_formula(row, col, ratios[key], fmt, cached(totals[key]))
        else:
            ws.write_blank(row, col, None, fmt)


def _widths(book: Book, values: dict[str, np.ndarray], columns: list[Column]) -> list[float]:
    """Widths that fit the text (CJK counts double)."""
    widths: list[float] = []
    for column in columns:
        shown = _shown_width(column, values[column.key], book.result.totals.get(column.key))
        widths.append(min(max(shown + 2, math.ceil(display_width(header(column, book.lang)) / 2) + 4, 7), 40))
    return widths


def _notes_layout(book: Book, ws: Worksheet, values: dict[str, np.ndarray], widths: list[float],
                  columns: list[Column]) -> None:
    """Widths, frozen header and ids, filter, validation, print."""
    for col, (column, width) in enumerate(zip(columns, widths, strict=True)):
        ws.set_column(col, col, width, None, {"hidden": column.key == "lift_row"})
    ws.freeze_panes(FIRST_NOTE_ROW, 1)
    ws.autofilter(HEADER_ROW, 0, book.last_note, len(columns) - 1)
    budgets = [NOTE_KEYS.index("budget")] + [i for i, c in enumerate(columns) if c.is_input and c.kind == "money"
                                              and c.key not in NOTE_COLUMN]
    for col in budgets:
        ws.data_validation(FIRST_NOTE_ROW, col, book.last_note, col, {
            "validate": "integer", "criteria": ">=", "value": 0, "input_title": header(columns[col], book.lang),
            "input_message": book.t("budget_rule"), "error_message": book.t("budget_rule")})
    for col, column in enumerate(columns):
        if column.key not in NOTE_COLUMN and column.kind == "row":  # a note's window: one of the windows' numbers
            ws.data_validation(FIRST_NOTE_ROW, col, book.last_note, col, {
                "validate": "integer", "criteria": "between", "minimum": 1, "maximum": int(values[column.key].max()),
                "input_title": header(column, book.lang), "input_message": book.t("window_rule"),
                "error_message": book.t("window_rule")})
    for col, column in enumerate(columns):
        if column.key.startswith("actual_"):  # a note's actual count (observed rates)
            ws.data_validation(FIRST_NOTE_ROW, col, book.last_note, col, {
                "validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
                "input_title": header(column, book.lang)[:32], "input_message": book.t("actual_rule"),
                "error_message": book.t("actual_rule")})
    for col, column in enumerate(columns):
        if column.is_input and column.kind == "bool":  # is_ad, taobao_link, locked
            ws.data_validation(FIRST_NOTE_ROW, col, book.last_note, col, book.flag_rule(header(column, book.lang)))
    book.print_setup(ws, HEADER_ROW, one_page_wide=False, repeat_columns=(0, NOTE_KEYS.index("title")))


def _note_cells(column: Column, letter: str, rows: list[str], values: np.ndarray, templates: dict[str, str],
                style: int, shared: Shared | None) -> list[str]:
    if column.key in ARRAY_COLUMNS:
        return array_formula_cells(letter, rows, templates[column.key], values.tolist(), style)
    if not column.is_input:
        assert shared is not None  # every formula column is one of NOTE_COLUMNS
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
