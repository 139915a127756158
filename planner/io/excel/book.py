"""What every sheet of the Excel plan shares: the plan and its estimate, the cell styles, the sheets, and
the pieces each sheet is built of (title, header row, labelled formulas, bulk note rows, print setup).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    NOTE_COLUMNS,
    SHEETS,
    Column,
    display_width,
    letter_of,
    quoted,
    sheet_name,
    text,
)
from planner.io.excel.sheet_xml import FastSheet, plain, rows_xml
from planner.model.fields import industry_label
from planner.model.funnel import effective_rates, estimate
from planner.model.guardrails import guardrails
from planner.model.plan import Plan

Progress = Callable[[int, int], None]
PAPER_A4 = 9  # XlsxWriter's (and Excel's) number for A4
CHUNK = 1024  # notes rendered per block: bounded memory whatever the plan's size, frequent progress
INPUT_FILL, BRAND_RED, TOTAL_FILL, GRID, GREY = "#FFF2CC", "#A61B29", "#F2F2F2", "#D9D9D9", "#595959"
# Flags are logical values (TRUE/FALSE) in every language, so that formulas compare them with TRUE and the
# read-back gets booleans. LibreOffice keeps them as numbers and shows them by their number format: a cached
# TRUE it has not recalculated would show as 1 in a General cell. This format shows both (and a typed 1/0) the
# same, as 是/否 in a Chinese workbook; Excel, WPS and Gnumeric show a logical value as TRUE/FALSE whatever the
# format. A list of 是/否 would store text, which no formula reads as a flag: the validation lists TRUE and
# FALSE, and its message says which is which (labels.TEXT["bool_rule"]).
BOOL_FORMAT = {"zh": '"是";"是";"否"', "en": '"TRUE";"TRUE";"FALSE"'}
NUMBER_FORMATS = {"text": "@", "money": '"¥"#,##0', "money2": '"¥"#,##0.00', "count": "#,##0",
                  "count1": "#,##0.0", "rate": "0.00%", "ratio": "0.00", "row": "0", "lift": "+0.0%;-0.0%;0.0%",
                  "date": "yyyy-mm-dd", "weight": "0.0000"}


def _formats(xlsx: xlsxwriter.Workbook, lang: str) -> dict[str, Format]:
    """Every cell style, made once: inputs yellow, formulas white, totals bold on grey, values computed by the
    app alone (Monte Carlo) in italics; a thin grid."""
    base = {"font_size": 10, "valign": "vcenter", "border": 1, "border_color": GRID}
    specs: dict[str, dict[str, object]] = {}
    for kind, number in {**NUMBER_FORMATS, "bool": BOOL_FORMAT[lang]}.items():
        shown = "General" if kind == "text" else number  # "@" on a formula cell would show the formula
        specs[f"{kind}:in"] = {**base, "num_format": number, "bg_color": INPUT_FILL}
        specs[f"{kind}:calc"] = {**base, "num_format": shown}
        specs[f"{kind}:total"] = {**base, "num_format": shown, "bold": True, "bg_color": TOTAL_FILL, "top": 2}
        specs[f"{kind}:value"] = {**base, "num_format": shown, "italic": True}
    specs.update({
        "title": {"bold": True, "font_size": 16, "font_color": BRAND_RED},
        "subtitle": {"font_size": 9, "font_color": GREY}, "note": {"font_size": 9, "font_color": GREY},
        "header": {**base, "bold": True, "font_color": "#FFFFFF", "bg_color": BRAND_RED, "text_wrap": True,
                   "align": "center"},
        "section": {"bold": True, "font_size": 12, "font_color": BRAND_RED},
        "label": {**base, "bold": True}, "wrap": {**base, "text_wrap": True, "valign": "top"},
        "note_wrap": {"font_size": 9, "font_color": GREY, "text_wrap": True, "valign": "top"},
        "text_wrap": {**base, "text_wrap": True},
    })
    return {key: xlsx.add_format(spec) for key, spec in specs.items()}


class Book:
    """One plan's workbook as it is written: the plan, its estimate, the styles and the sheets, in order."""

    def __init__(self, plan: Plan, lang: str, xlsx: xlsxwriter.Workbook, progress: Progress | None):
        self.plan, self.lang, self.xlsx, self.progress = plan, lang, xlsx, progress
        self.n = len(plan.notes)
        self.result = estimate(plan)
        self.rates = effective_rates(plan)
        self.formats = _formats(xlsx, lang)
        self.warnings = guardrails(plan, self.result)
        tracked = plan.calendar is not None and plan.actuals is not None and len(plan.actuals) > 0
        shown = {"pacing": plan.calendar is not None, "plan_vs_actual": tracked, "warnings": bool(self.warnings)}
        self.sheets = {key: xlsx.add_worksheet(sheet_name(key, lang), FastSheet) for key in SHEETS
                       if shown.get(key, True)}
        self.last_note = FIRST_NOTE_ROW + self.n - 1  # 0-based, like every row number here
        # Columns the notes sheet has after NOTE_COLUMNS for this plan (other scenarios' budgets, windows).
        self.extras: list[tuple[Column, np.ndarray]] = []
        # On observed rates (MODEL.md section 10): the letters of the notes' actual counts, by count.
        self.counts: dict[str, str] = {}
        self.industry_text = _industry_labels(plan, lang)
        self.done, self.total = 0, (4 if tracked else 3) * self.n

    def add_note_column(self, column: Column, values: np.ndarray) -> str:
        """A column of inputs after the notes sheet's own (one value per note); its letter."""
        self.extras.append((column, values))
        return letter_of(len(NOTE_COLUMNS) + len(self.extras) - 1)

    def notes_range(self, letter: str) -> str:
        """A column's cells on the notes sheet, every note's row, as an absolute reference."""
        return (f"{quoted(sheet_name('notes', self.lang))}!${letter}${FIRST_NOTE_ROW + 1}:"
                f"${letter}${self.last_note + 1}")

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def f(self, kind: str, role: str = "calc") -> Format:
        return self.formats[f"{kind}:{role}" if role else kind]

    def bulk(self, ws: FastSheet, first: int, width: int,
             render: Callable[[list[str], int, int], list[list[str]]]) -> None:
        """One row per note from 0-based row `first`, rendered a block at a time: render(rows, start, stop)."""
        for start in range(0, self.n, CHUNK):
            stop = min(self.n, start + CHUNK)
            rows = [str(first + 1 + i) for i in range(start, stop)]
            ws.write_xml_rows(first + start, first + stop - 1, width - 1, rows_xml(rows, render(rows, start, stop)))
            self.advance(stop - start)

    def advance(self, count: int) -> None:
        self.done += count
        if self.progress is not None:
            self.progress(self.done, self.total)

    def top(self, ws: Worksheet, title: str, widths: Sequence[float] = ()) -> None:
        """The sheet's title, and the legend: which cells are inputs, which formulas.

        Given the `widths` of the columns from C on, the legend's sentence wraps over as few of them as hold it
        in three lines, rather than running on across the pages that print the sheet's later columns.
        """
        ws.set_row(0, 24)
        ws.write_string(0, 0, title, self.f("title", ""))
        note = self.t("legend_note")
        last = 2 + int(np.searchsorted(np.cumsum(widths), display_width(note) / 3 + 2)) if len(widths) else 2
        if last > 2 and last < 2 + len(widths):
            ws.set_row(1, 38)
        ws.write_string(1, 0, self.t("legend_input"), self.f("text", "in"))
        ws.write_string(1, 1, self.t("legend_formula"), self.f("text"))
        if last > 2 and last < 2 + len(widths):
            ws.merge_range(1, 2, 1, last, note, self.f("note_wrap", ""))
        else:
            ws.write_string(1, 2, note, self.f("note", ""))

    def header_row(self, ws: Worksheet, row: int, labels: Sequence[str], height: float = 30) -> None:
        """A table's header: white bold labels on the brand's red (two lines high unless told)."""
        ws.set_row(row, height)
        for col, label in enumerate(labels):
            ws.write_string(row, col, label, self.f("header", ""))

    def print_setup(self, ws: Worksheet, repeat: int | None, one_page_wide: bool = True,
                    repeat_columns: tuple[int, int] | None = None) -> None:
        """Landscape A4, the header row on every page, plan and page in the margins.

        A sheet a few columns wide is fitted to one page wide; a wider one prints at 100% over as many pages
        as it needs. A wide table (the notes) repeats `repeat_columns` (the id and the title) on every page and
        goes left to right before going down, so that each page is legible and says which note its rows are.
        """
        ws.set_landscape()
        ws.set_paper(PAPER_A4)
        if one_page_wide:
            ws.fit_to_pages(1, 0)
        if repeat is not None:
            ws.repeat_rows(repeat)
        if repeat_columns is not None:
            ws.repeat_columns(*repeat_columns)
            ws.print_across()
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        name = plain(self.plan.name)[:80].replace("&", "&&")
        ws.set_header(f"&L{name}&R{ws.get_name().replace('&', '&&')}", {"margin": 0.3})
        ws.set_footer("&C&P / &N", {"margin": 0.3})

    def flag_rule(self, title: str) -> dict[str, object]:
        """The validation of a flag: TRUE or FALSE from a list, the message saying they show as 是/否."""
        return {"validate": "list", "source": ["TRUE", "FALSE"], "input_title": title[:32],
                "input_message": self.t("bool_rule"), "error_message": self.t("bool_error")}

    def block(self, ws: Worksheet, first: int, rows: Sequence[tuple[str, str, str, object, str]]) -> None:
        """Rows of label | formula with its value | meaning."""
        for i, (label, kind, formula, value, meaning) in enumerate(rows):
            ws.write_string(first + i, 0, label, self.f("label", ""))
            ws.write_formula(first + i, 1, formula, self.f(kind), value)
            if meaning:
                ws.write_string(first + i, 2, meaning, self.f("note", ""))


class RowOrder:
    """Cell writes taken in any order and made in the order of their rows, when `flush` is called.

    XlsxWriter's constant_memory mode writes each row out once a later one is started: a cell written to an
    earlier row afterwards is lost without a word. A sheet laid out by columns or by blocks side by side
    writes through this.
    """

    def __init__(self) -> None:
        self.calls: list[tuple[int, int, Callable[..., object], tuple[object, ...]]] = []

    def __call__(self, write: Callable[..., object], row: int, *args: object) -> None:
        """`write(row, *args)` (a worksheet's write_* method), in row order."""
        self.calls.append((row, len(self.calls), write, args))

    def flush(self) -> None:
        for row, _, write, args in sorted(self.calls, key=lambda call: call[:2]):
            write(row, *args)
        self.calls.clear()


def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN (an empty cell) where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1.0), np.nan)


def cached(value: float | None) -> float | str:
    """A cached value for XlsxWriter: "" for an undefined ratio (shown empty, like the formula's "")."""
    return "" if value is None or not math.isfinite(value) else float(value)


def _industry_labels(plan: Plan, lang: str) -> dict[str, str]:
    """Industries as the workbook shows them (美妆 for beauty in Chinese), or as keys if labels would clash."""
    industries = set(plan.notes["industry"].unique()) | {str(i) for i in plan.lifts.table.index}
    labels = {industry: industry_label(industry, lang) for industry in industries}
    return labels if len(set(labels.values())) == len(labels) else {i: i for i in industries}
