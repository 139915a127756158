"""The Excel plan (CONTRACT.md "Excel plan"): live formulas that carry their values, safe text, fast for big plans.

XlsxWriter writes it, not openpyxl: only XlsxWriter stores each formula's computed value beside the formula,
which previewers that never recalculate (phones, chat apps, file managers, pandas) show; openpyxl reads.
Per-note rows are rendered as cell XML in bulk (see `_FastSheet`) because XlsxWriter's per-cell Python costs
more than pandas' whole export; everything else goes through XlsxWriter's public API.
"""

from __future__ import annotations

import math
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from planner import __version__
from planner.io.excel_labels import (
    DEFINITIONS_ZH,
    FIRST_NOTE_ROW,
    FORMAT_ID,
    FORMAT_VERSION,
    FORMULAS,
    FUNDING_BLOCK_ROW,
    FUNDING_COLUMNS,
    FUNDING_HEADER_ROW,
    FUNDING_ITEMS,
    FUNDING_LETTER,
    FUNNEL,
    FUNNEL_HEADER_ROW,
    HEADER_ROW,
    KPI_HEADER_ROW,
    KPIS,
    LANGS,
    LIFTS_HEADER_ROW,
    META_SHEET,
    NOTE_COLUMN,
    NOTE_COLUMNS,
    NOTE_LETTER,
    PARAMS,
    PARAMS_FIRST_ROW,
    SHEETS,
    TOP_COLUMNS,
    TOP_HEADER_ROW,
    TOP_K,
    Column,
    display_width,
    funding_templates,
    header,
    lift_header,
    note_templates,
    pick,
    quoted,
    sheet_name,
    source_text,
    text,
)
from planner.model.errors import InputError, Problem
from planner.model.funnel import effective_rates, estimate
from planner.model.lifts import DEFAULT_ROW, LIFT_COLUMNS
from planner.model.notes import DEFINITIONS, FORMAT_ALIASES, industry_label
from planner.model.plan import Plan

Progress = Callable[[int, int], None]
CHUNK = 1024  # notes rendered per block: bounded memory whatever the plan's size, frequent progress
MAX_CELL_TEXT = 32_767  # Excel's limit, in UTF-16 units
OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False, "nan_inf_to_errors": False}


def export_plan(plan: Plan, path: str | os.PathLike[str], lang: str = "zh", progress: Progress | None = None) -> None:
    """Write `plan` as the Excel plan at `path`, atomically (a failure leaves any previous file whole).

    `progress(done, total)` is called before anything is written, as notes are written and once the file is
    saved (done == total); an exception it raises aborts the export and leaves no file behind.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    target = Path(path)
    _check_plan(plan, target.name)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        # XlsxWriter's row files go to a folder of our own, removed whatever happens (an aborted export
        # never closes its workbook, which would write a file nobody wants).
        with tempfile.TemporaryDirectory(prefix="redcat-xlsx-", ignore_cleanup_errors=True) as scratch:
            workbook = xlsxwriter.Workbook(str(temporary), {**OPTIONS, "tmpdir": scratch})
            writer = _Writer(plan, lang, workbook, progress)
            writer.write()
            try:
                workbook.close()
            except FileCreateError as error:
                cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else None
                raise OSError(getattr(cause, "errno", None), getattr(cause, "strerror", None) or str(error),
                              str(target)) from error
        writer.advance(len(plan.notes))  # compressing the file takes about as long as writing the notes
        os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)


def _check_plan(plan: Plan, file: str) -> None:
    """A plan Excel can hold: at least one note, and no text longer than a cell takes."""
    if len(plan.notes) == 0:
        raise InputError([Problem(file, None, None, None, "a plan with at least one note (this one has none)")])
    problems = []
    for field in ("note_id", "title", "creator", "industry"):
        lengths = plan.notes[field].str.len().to_numpy()
        for position in np.flatnonzero(lengths > MAX_CELL_TEXT // 2):
            value = plan.notes[field].iat[position]
            if len(value.encode("utf-16-le")) // 2 > MAX_CELL_TEXT:
                problems.append(Problem(file, None, field, value,
                                        f"at most {MAX_CELL_TEXT:,} characters (Excel's limit for a cell), "
                                        f"note {plan.notes['note_id'].iat[position]}"))
    if problems:
        raise InputError(problems)


class _FastSheet(Worksheet):
    """A worksheet that also takes whole rows as cell XML, in constant_memory mode only.

    XlsxWriter spends several microseconds of Python on every cell; a column of cells rendered as strings
    costs well under one. The rows go where XlsxWriter streams its own rows, in order.
    """

    def write_xml_rows(self, first: int, last: int, last_col: int, xml: str) -> None:
        """Rows `first`..`last` (0-based), already rendered as <row> elements."""
        if not self.constant_memory:
            raise RuntimeError("write_xml_rows needs the constant_memory mode")
        if self._check_dimensions(first, 0) or self._check_dimensions(last, last_col):
            raise ValueError(f"rows {first}..{last} are written already or out of the sheet")
        self._write_single_row(first)  # flushes the row XlsxWriter holds, if any
        self.fh.write(xml)
        self.previous_row = last


# -- Cell XML, a column at a time ---------------------------------------------------------------------

_NEEDS_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def xml_text(value: str) -> str:
    """Text as cell XML content that Excel, LibreOffice and openpyxl read back exactly.

    A literal `_x0041_` is Excel's escape syntax, so its underscore is escaped (`_x005F_`); control
    characters XML cannot hold become `_xHHHH_`; a carriage return is a character reference, which XML
    parsers keep (they would turn a raw one into a line feed).
    """
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    value = _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)


def excel_text(value: str) -> str:
    """Text for XlsxWriter to escape further (cached values): Excel's `_xHHHH_` for what XML cannot hold."""
    value = _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value)
    return _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value.replace("\r", "_x000D_"))


def plain(value: str) -> str:
    """Text for document properties and page headers, which take no control characters at all."""
    return " ".join(_CONTROL.sub(" ", value).split())


def text_cells(letter: str, rows: Sequence[str], values: Sequence[str], style: int) -> list[str]:
    """Inline string cells: never a formula, a number or a link, whatever the text."""
    out = []
    for row, value in zip(rows, values, strict=True):
        if value == "":
            out.append(f'<c r="{letter}{row}" s="{style}"/>')
            continue
        space = ' xml:space="preserve"' if value != value.strip() else ""
        out.append(f'<c r="{letter}{row}" s="{style}" t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>')
    return out


def number_cells(letter: str, rows: Sequence[str], values: Sequence[float], style: int) -> list[str]:
    """Number cells at full precision (repr round-trips); NaN is an empty cell that keeps its style."""
    return [f'<c r="{letter}{row}" s="{style}"><v>{value!r}</v></c>' if value == value
            else f'<c r="{letter}{row}" s="{style}"/>' for row, value in zip(rows, values, strict=True)]


def bool_cells(letter: str, rows: Sequence[str], values: Sequence[bool], style: int) -> list[str]:
    return [f'<c r="{letter}{row}" s="{style}" t="b"><v>{int(value)}</v></c>'
            for row, value in zip(rows, values, strict=True)]



@dataclass(frozen=True)
class Shared:
    """A column of one formula, rows `first`..`last`, stored once as an Excel shared formula (index `index`).

    Cells after the first carry only a reference to it: a tenth of the XML, so of the time to compress it.
    """

    index: int
    first: str
    last: str
    other_first: str = ""  # the row `{n}` stands for in the first cell (Funding: its note's row)


def formula_cells(letter: str, rows: Sequence[str], template: str, values: Sequence[object], style: int,
                  kind: str, shared: Shared) -> list[str]:
    """Formula cells with their values; `template` is escaped XML with `{r}` for the row.

    kind: num (NaN = an empty result, as Excel's "" shows), bool or str.
    """
    if rows and rows[0] == shared.first:
        formula = template.replace("{r}", shared.first).replace("{n}", shared.other_first)
        master = (f"<f>{formula}</f>" if shared.first == shared.last else
                  f'<f t="shared" ref="{letter}{shared.first}:{letter}{shared.last}" si="{shared.index}">{formula}</f>')
    reference = f'<f t="shared" si="{shared.index}"/>'
    out = []
    for row, value in zip(rows, values, strict=True):
        head = f'<c r="{letter}{row}" s="{style}"'
        f = master if row == shared.first else reference
        if kind == "num" and value == value:
            out.append(f"{head}>{f}<v>{value!r}</v></c>")
        elif kind == "bool":
            out.append(f'{head} t="b">{f}<v>{int(bool(value))}</v></c>')
        else:
            shown = "" if kind == "num" else xml_text(str(value))
            out.append(f'{head} t="str">{f}<v>{shown}</v></c>')
    return out


def rows_xml(rows: Sequence[str], columns: Sequence[list[str]]) -> str:
    return "".join(f'<row r="{row}">{"".join(cells)}</row>' for row, *cells in zip(rows, *columns, strict=True))


def ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator, NaN (an empty cell) where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(denominator != 0, numerator / np.where(denominator != 0, denominator, 1.0), np.nan)


def cached(value: float | None) -> float | str:
    """A cached value for XlsxWriter: "" for an undefined ratio (shown empty, like the formula's "")."""
    return "" if value is None or not math.isfinite(value) else float(value)


# -- The workbook ---------------------------------------------------------------------------------------

APP = f"RedCat Planner {__version__}"
FORMAT_ZH = {key: zh for zh, key in FORMAT_ALIASES.items()}
NOTE_KEYS = [column.key for column in NOTE_COLUMNS]
SUMMED = ("budget", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")
INPUT_FILL, BRAND_RED, TOTAL_FILL, GRID, GREY = "#FFF2CC", "#A61B29", "#F2F2F2", "#D9D9D9", "#595959"
NUMBER_FORMATS = {"text": "@", "bool": "General", "money": '"¥"#,##0', "money2": '"¥"#,##0.00', "count": "#,##0",
                  "count1": "#,##0.0", "rate": "0.00%", "ratio": "0.00", "row": "0", "lift": "+0.0%;-0.0%;0.0%"}


def _formats(book: xlsxwriter.Workbook) -> dict[str, Format]:
    """Every cell style, made once: inputs yellow, formulas white, totals bold on grey; a thin grid."""
    base = {"font_size": 10, "valign": "vcenter", "border": 1, "border_color": GRID}
    specs: dict[str, dict[str, object]] = {}
    for kind, number in NUMBER_FORMATS.items():
        shown = "General" if kind == "text" else number  # "@" on a formula cell would show the formula
        specs[f"{kind}:in"] = {**base, "num_format": number, "bg_color": INPUT_FILL}
        specs[f"{kind}:calc"] = {**base, "num_format": shown}
        specs[f"{kind}:total"] = {**base, "num_format": shown, "bold": True, "bg_color": TOTAL_FILL, "top": 2}
    specs.update({
        "title": {"bold": True, "font_size": 16, "font_color": BRAND_RED},
        "subtitle": {"font_size": 9, "font_color": GREY}, "note": {"font_size": 9, "font_color": GREY},
        "header": {**base, "bold": True, "font_color": "#FFFFFF", "bg_color": BRAND_RED, "text_wrap": True,
                   "align": "center"},
        "section": {"bold": True, "font_size": 12, "font_color": BRAND_RED},
        "label": {**base, "bold": True}, "wrap": {**base, "text_wrap": True, "valign": "top"},
    })
    return {key: book.add_format(spec) for key, spec in specs.items()}


class _Writer:
    """One plan's workbook: the four sheets in order, the hidden marker sheet, names and properties."""

    def __init__(self, plan: Plan, lang: str, book: xlsxwriter.Workbook, progress: Progress | None):
        self.plan, self.lang, self.book, self.progress = plan, lang, book, progress
        self.n = len(plan.notes)
        self.result = estimate(plan)
        self.rates = effective_rates(plan)
        self.formats = _formats(book)
        self.sheets = {key: book.add_worksheet(sheet_name(key, lang), _FastSheet) for key in SHEETS}
        self.last_note = FIRST_NOTE_ROW + self.n - 1  # 0-based, like every row number here
        self.industry_text = _industry_labels(plan, lang)
        self.done, self.total = 0, 3 * self.n

    def t(self, key: str, **values: object) -> str:
        return text(key, self.lang, **values)

    def f(self, kind: str, role: str = "calc") -> Format:
        return self.formats[f"{kind}:{role}" if role else kind]

    def write(self) -> None:
        self.advance(0)
        self._names()
        self._summary()
        self._notes()
        self._funding()
        self._assumptions()
        self._marker()

    def _bulk(self, ws: _FastSheet, first: int, width: int,
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

    # -- shared pieces --

    def _top(self, ws: Worksheet, title: str) -> None:
        ws.set_row(0, 24)
        ws.write_string(0, 0, title, self.f("title", ""))
        ws.write_string(1, 0, self.t("legend_input"), self.f("text", "in"))
        ws.write_string(1, 1, self.t("legend_formula"), self.f("text"))
        ws.write_string(1, 2, self.t("legend_note"), self.f("note", ""))

    def _header(self, ws: Worksheet, row: int, labels: Sequence[str]) -> None:
        ws.set_row(row, 30)
        for col, label in enumerate(labels):
            ws.write_string(row, col, label, self.f("header", ""))

    def _print(self, ws: Worksheet, repeat: int | None, paper: int = 9) -> None:
        """Landscape, one page wide, the header row on every page, plan and page in the margins."""
        ws.set_landscape()
        ws.set_paper(paper)
        ws.fit_to_pages(1, 0)
        if repeat is not None:
            ws.repeat_rows(repeat)
        ws.set_margins(left=0.4, right=0.4, top=0.7, bottom=0.6)
        name = plain(self.plan.name)[:80].replace("&", "&&")
        ws.set_header(f"&L{name}&R{ws.get_name().replace('&', '&&')}", {"margin": 0.3})
        ws.set_footer("&C&P / &N", {"margin": 0.3})

    def _names(self) -> None:
        """Workbook-level names (CONTRACT.md), and the ones the formulas read as words."""
        define = self.book.define_name
        notes, first, last = quoted(sheet_name("notes", self.lang)), FIRST_NOTE_ROW + 1, self.last_note + 1
        for name, key in (("note_ids", "note_id"), ("note_budgets", "budget"), ("note_orders", "orders"),
                          ("note_gmv", "gmv"), ("note_eligible", "eligible")):
            define(name, f"={notes}!${NOTE_LETTER[key]}${first}:${NOTE_LETTER[key]}${last}")
        summary = quoted(sheet_name("summary", self.lang))
        for i, kpi in enumerate(KPIS):
            define(kpi[0], f"={summary}!$B${KPI_HEADER_ROW + 2 + i}")
        assumptions = quoted(sheet_name("assumptions", self.lang))
        for i, param in enumerate(PARAMS):
            if param[0] != "objective":
                define(param[0], f"={assumptions}!$B${PARAMS_FIRST_ROW + 1 + i}")
        lifts = len(self.plan.lifts.table)
        define("lift_industry", f"={assumptions}!$A${LIFTS_HEADER_ROW + 2}:$A${LIFTS_HEADER_ROW + 1 + lifts}")
        funding = quoted(sheet_name("funding", self.lang))
        for i, item in enumerate(FUNDING_ITEMS):
            if item[0] in ("eligible_total", "platform_total"):
                define(item[0], f"={funding}!$B${FUNDING_BLOCK_ROW + 1 + i}")

    def _block(self, ws: Worksheet, first: int, rows: Sequence[tuple[str, str, str, object, str]]) -> None:
        """Rows of label | formula with its value | meaning."""
        for i, (label, kind, formula, value, meaning) in enumerate(rows):
            ws.write_string(first + i, 0, label, self.f("label", ""))
            ws.write_formula(first + i, 1, formula, self.f(kind), value)
            if meaning:
                ws.write_string(first + i, 2, meaning, self.f("note", ""))

    # -- Summary --

    def _summary(self) -> None:
        ws = self.sheets["summary"]
        for col, width in enumerate((20, 16, 34, 14, 14, 12, 15, 9)):
            ws.set_column(col, col, width)
        self._top(ws, f'{self.t("summary_title")} · {self.plan.name}')
        ws.write_string(2, 0, self.t("subtitle", version=__version__, n=f"{self.n:,}"), self.f("subtitle", ""))
        self._header(ws, KPI_HEADER_ROW, [self.t("kpi"), self.t("value"), self.t("meaning")])
        self._block(ws, KPI_HEADER_ROW + 1, self._kpi_rows())
        self._funnel_table(ws)
        self._top_notes(ws)
        self._charts(ws)
        self._print(ws, None)
        ws.activate()

    def _kpi_rows(self) -> list[tuple[str, str, str, object, str]]:
        totals, budget = self.result.totals, self.plan.params.brand_budget
        notes, first, last = quoted(sheet_name("notes", self.lang)), FIRST_NOTE_ROW + 1, self.last_note + 1

        def column_sum(key: str) -> str:
            return f"=SUM({notes}!${NOTE_LETTER[key]}${first}:${NOTE_LETTER[key]}${last})"

        formulas: dict[str, tuple[str, float | None]] = {
            "brand_budget_shown": ("=brand_budget", budget),
            "total_budget": ("=SUM(note_budgets)", totals["budget"]),
            "brand_cost": ("=total_budget-platform_total", totals["brand_cost"]),
            "platform_cost": ("=platform_total", totals["platform_cost"]),
            "brand_budget_left": ("=brand_budget-brand_cost", budget - (totals["brand_cost"] or 0.0)),
            "total_orders": ("=SUM(note_orders)", totals["orders"]), "total_gmv": ("=SUM(note_gmv)", totals["gmv"]),
            "plan_roi": ('=IF(total_budget=0,"",total_gmv/total_budget)', totals["roi"]),
            "brand_roi": ('=IF(brand_cost=0,"",total_gmv/brand_cost)', totals["brand_roi"]),
            "plan_cpa": ('=IF(total_orders=0,"",total_budget/total_orders)', totals["cpa"]),
        }
        for key in ("impressions", "clicks", "interactions", "store_visits"):
            formulas[f"total_{key}"] = (column_sum(key), totals[key])
        return [(pick((zh, en), self.lang), kind, formulas[name][0], cached(formulas[name][1]),
                 pick((mzh, men), self.lang)) for name, zh, en, kind, mzh, men in KPIS]

    def _funnel_table(self, ws: Worksheet) -> None:
        """Impressions -> clicks -> store visits -> orders, each with its rate from the stage before."""
        self._header(ws, FUNNEL_HEADER_ROW, [self.t("stage"), self.t("count"), self.t("step_rate")])
        totals = self.result.totals
        previous: float | None = None
        for i, name in enumerate(FUNNEL):
            row, kpi = FUNNEL_HEADER_ROW + 1 + i, next(k for k in KPIS if k[0] == name)
            value = totals[name.removeprefix("total_")] or 0.0
            ws.write_string(row, 0, pick((kpi[1], kpi[2]), self.lang), self.f("label", ""))
            ws.write_formula(row, 1, f"={name}", self.f(kpi[3]), value)
            if previous is None:
                ws.write_blank(row, 2, None, self.f("rate"))
            else:
                step = cached(value / previous if previous else None)
                ws.write_formula(row, 2, f'=IF(B{row}=0,"",B{row + 1}/B{row})', self.f("rate"), step)
            previous = value

    def _top_notes(self, ws: Worksheet) -> None:
        """The largest budgets, live: LARGE for each rank, its note found by position even among ties."""
        k = min(TOP_K, self.n)
        ws.write_string(TOP_HEADER_ROW - 1, 0, self.t("top", k=k), self.f("section", ""))
        self._header(ws, TOP_HEADER_ROW, [self.t(key) if key in ("rank", "position") else
                                          header(NOTE_COLUMN[key], self.lang) for key in TOP_COLUMNS])
        notes, first, last = quoted(sheet_name("notes", self.lang)), FIRST_NOTE_ROW + 1, self.last_note + 1
        budget = self.plan.notes["budget"].to_numpy(dtype=float)
        order = np.lexsort((np.arange(self.n), -budget))[:k]
        values = {"note_id": self.plan.notes["note_id"].to_numpy()[order],
                  "title": self.plan.notes["title"].to_numpy()[order],
                  "creator": self.plan.notes["creator"].to_numpy()[order], "budget": budget[order],
                  "orders": self.result.notes["orders"].to_numpy()[order],
                  "gmv": self.result.notes["gmv"].to_numpy()[order], "position": order + 1}
        for i in range(k):
            r = TOP_HEADER_ROW + 2 + i  # spreadsheet row
            match = f"MATCH(E{r},note_budgets,0)"
            after = f"H{r - 1}+MATCH(E{r},INDEX(note_budgets,H{r - 1}+1):INDEX(note_budgets,ROWS(note_budgets)),0)"
            formulas = {
                "rank": None, "note_id": f'=INDEX(note_ids,H{r})&""',
                "title": f'=INDEX({notes}!$B${first}:$B${last},H{r})&""',
                "creator": f'=INDEX({notes}!$C${first}:$C${last},H{r})&""',
                "budget": f"=LARGE(note_budgets,{i + 1})", "orders": f"=INDEX(note_orders,H{r})",
                "gmv": f"=INDEX(note_gmv,H{r})", "position": f"={match}" if i == 0 else f"=IF(E{r}=E{r - 1},{after},{match})",
            }
            for col, key in enumerate(TOP_COLUMNS):
                kind = "row" if key in ("rank", "position") else NOTE_COLUMN[key].kind
                if key == "rank":
                    ws.write_number(r - 1, col, i + 1, self.f(kind))
                else:
                    value = values[key][i]
                    ws.write_formula(r - 1, col, formulas[key], self.f(kind),
                                     excel_text(str(value)) if kind == "text" else float(value))

    def _charts(self, ws: Worksheet) -> None:
        """Native charts that follow the cells: the funnel (log scale), who pays, budgets of the top notes."""
        summary, k = sheet_name("summary", self.lang), min(TOP_K, self.n)
        funnel = self.book.add_chart({"type": "column"})
        first = FUNNEL_HEADER_ROW + 1
        funnel.add_series({"categories": [summary, first, 0, first + 3, 0], "values": [summary, first, 1, first + 3, 1],
                           "fill": {"color": BRAND_RED}, "gap": 60,
                           "data_labels": {"value": True, "num_format": "#,##0"}})
        funnel.set_y_axis({"log_base": 10, "num_format": "#,##0", "major_gridlines": {"visible": True,
                                                                                       "line": {"color": GRID}}})
        pays = self.book.add_chart({"type": "pie"})
        row = KPI_HEADER_ROW + 1 + [kpi[0] for kpi in KPIS].index("brand_cost")
        pays.add_series({"categories": [summary, row, 0, row + 1, 0], "values": [summary, row, 1, row + 1, 1],
                         "points": [{"fill": {"color": BRAND_RED}}, {"fill": {"color": "#F4B183"}}],
                         "data_labels": {"percentage": True, "category": True, "separator": "\n",
                                         "position": "outside_end", "leader_lines": True}})
        budgets = self.book.add_chart({"type": "bar"})
        top = TOP_HEADER_ROW + 1
        budgets.add_series({"categories": [summary, top, 1, top + k - 1, 1],
                            "values": [summary, top, 4, top + k - 1, 4], "fill": {"color": BRAND_RED}, "gap": 40})
        budgets.set_y_axis({"reverse": True, "crossing": "max"})  # rank 1 on top, the ¥ axis below
        budgets.set_x_axis({"num_format": '"¥"#,##0', "major_gridlines": {"visible": True, "line": {"color": GRID}}})
        for chart, title, cell, size in ((funnel, self.t("chart_funnel"), "J5", (560, 300)),
                                         (pays, self.t("chart_funding"), "J21", (560, 260)),
                                         (budgets, self.t("chart_budget", k=k), "J36", (560, 440))):
            chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
            chart.set_legend({"none": True} if chart is not pays else {"position": "right"})
            ws.insert_chart(cell, chart, {"x_scale": size[0] / 480, "y_scale": size[1] / 288})

    # -- Notes plan --

    def _notes(self) -> None:
        ws = self.sheets["notes"]
        self._top(ws, f'{self.t("notes_title")} · {self.plan.name}')
        self._header(ws, HEADER_ROW, [header(column, self.lang) for column in NOTE_COLUMNS])
        values, templates = self._note_values(), note_templates(self.lang)
        styles = {c.key: self.f(c.kind, "in" if c.is_input else "calc")._get_xf_index() for c in NOTE_COLUMNS}
        shared = {c.key: Shared(i, str(FIRST_NOTE_ROW + 1), str(self.last_note + 1)) for i, c in enumerate(NOTE_COLUMNS)}
        self._bulk(ws, FIRST_NOTE_ROW, len(NOTE_COLUMNS), lambda rows, a, b: [
            _note_cells(c, rows, values[c.key][a:b], templates, styles[c.key], shared[c.key]) for c in NOTE_COLUMNS])
        self._notes_totals(ws)
        self._notes_layout(ws, values)

    def _note_values(self) -> dict[str, np.ndarray]:
        """Each column's cells: the inputs as typed, the formulas' values as the model computes them."""
        notes, result, rates = self.plan.notes, self.result.notes, self.rates
        values: dict[str, np.ndarray] = {}
        for column in NOTE_COLUMNS:
            if column.is_input:
                dtype = {"text": object, "bool": bool}.get(column.kind, float)
                values[column.key] = notes[column.key].to_numpy(dtype=dtype)
        values["industry"] = notes["industry"].map(self.industry_text).to_numpy(dtype=object)
        if self.lang == "zh":
            values["format"] = notes["format"].map(lambda v: FORMAT_ZH.get(v, v)).to_numpy(dtype=object)
        table = self.plan.lifts.table.index
        found = table.get_indexer(notes["industry"].to_numpy())
        values["lift_row"] = LIFTS_HEADER_ROW + 2 + np.where(found < 0, table.get_loc(DEFAULT_ROW), found).astype(float)
        values.update(eligible=rates.eligible, ctr_eff=rates.ctr, interaction_eff=rates.interaction_rate,
                      entry_eff=rates.entry_rate)
        for key in SUMMED[1:]:
            values[key] = result[key].to_numpy(dtype=float)
        values["roi"] = ratio(values["gmv"], values["budget"])
        values["cpa"] = ratio(values["budget"], values["orders"])
        return values

    def _notes_totals(self, ws: Worksheet) -> None:
        row, first, last = self.last_note + 1, FIRST_NOTE_ROW + 1, self.last_note + 1
        totals, letter = self.result.totals, NOTE_LETTER
        ws.write_string(row, 0, self.t("total"), self.f("text", "total"))
        ratios = {"roi": f'=IF({letter["budget"]}{row + 1}=0,"",{letter["gmv"]}{row + 1}/{letter["budget"]}{row + 1})',
                  "cpa": f'=IF({letter["orders"]}{row + 1}=0,"",{letter["budget"]}{row + 1}/{letter["orders"]}{row + 1})'}
        for col, column in enumerate(NOTE_COLUMNS[1:], start=1):
            fmt, key = self.f(column.kind, "total"), column.key
            if key in SUMMED:
                ws.write_formula(row, col, f"=SUM({letter[key]}{first}:{letter[key]}{last})", fmt, totals[key])
            elif key in ratios:
                ws.write_formula(row, col, ratios[key], fmt, cached(totals[key]))
            else:
                ws.write_blank(row, col, None, fmt)

    def _notes_layout(self, ws: Worksheet, values: dict[str, np.ndarray]) -> None:
        """Widths that fit the text (CJK counts double), frozen header and ids, filter, validation, print."""
        for col, column in enumerate(NOTE_COLUMNS):
            shown = _shown_width(column, values[column.key], self.result.totals.get(column.key))
            width = min(max(shown + 2, math.ceil(display_width(header(column, self.lang)) / 2) + 4, 7), 40)
            ws.set_column(col, col, width, None, {"hidden": column.key == "lift_row"})
        ws.freeze_panes(FIRST_NOTE_ROW, 1)
        ws.autofilter(HEADER_ROW, 0, self.last_note, len(NOTE_COLUMNS) - 1)
        budget, locked = NOTE_KEYS.index("budget"), NOTE_KEYS.index("locked")
        ws.data_validation(FIRST_NOTE_ROW, budget, self.last_note, budget, {
            "validate": "integer", "criteria": ">=", "value": 0, "input_title": header(NOTE_COLUMN["budget"], self.lang),
            "input_message": self.t("budget_rule"), "error_message": self.t("budget_rule")})
        ws.data_validation(FIRST_NOTE_ROW, locked, self.last_note, locked, {
            "validate": "list", "source": ["TRUE", "FALSE"], "error_message": self.t("lock_rule")})
        self._print(ws, HEADER_ROW, paper=8)

    # -- Funding --

    def _funding(self) -> None:
        ws = self.sheets["funding"]
        for col, width in enumerate((18, 28, 10, 14, 15, 15, 12)):
            ws.set_column(col, col, width)
        self._top(ws, f'{self.t("funding_title")} · {self.plan.name}')
        self._header(ws, FUNDING_BLOCK_ROW - 1, [self.t("item"), self.t("value"), self.t("meaning")])
        self._block(ws, FUNDING_BLOCK_ROW, self._funding_rows())
        ws.write_string(FUNDING_HEADER_ROW - 1, 0, self.t("per_note"), self.f("section", ""))
        self._header(ws, FUNDING_HEADER_ROW, [header(column, self.lang) for column in FUNDING_COLUMNS])
        money = self.result.funding
        budget = self.plan.notes["budget"].to_numpy(dtype=float)
        values = {"note_id": self.plan.notes["note_id"].to_numpy(), "title": self.plan.notes["title"].to_numpy(),
                  "eligible": self.rates.eligible, "budget": budget, "platform_cost": money.platform,
                  "brand_cost": money.brand, "platform_part": ratio(money.platform, budget)}
        templates = funding_templates(self.lang)
        first, last = FUNDING_HEADER_ROW + 2, FUNDING_HEADER_ROW + 1 + self.n
        cells = [(FUNDING_LETTER[c.key], templates[c.key], self.f(c.kind)._get_xf_index(),
                  {"text": "str", "bool": "bool"}.get(c.kind, "num"),
                  Shared(i, str(first), str(last), str(FIRST_NOTE_ROW + 1)), values[c.key])
                 for i, c in enumerate(FUNDING_COLUMNS)]
        self._bulk(ws, FUNDING_HEADER_ROW + 1, len(FUNDING_COLUMNS), lambda rows, a, b: [
            formula_cells(letter, rows, formula, column[a:b].tolist(), style, kind, shared)
            for letter, formula, style, kind, shared, column in cells])
        self._funding_totals(ws)
        ws.freeze_panes(FUNDING_HEADER_ROW + 1, 1)
        ws.autofilter(FUNDING_HEADER_ROW, 0, FUNDING_HEADER_ROW + self.n, len(FUNDING_COLUMNS) - 1)
        self._print(ws, FUNDING_HEADER_ROW)

    def _funding_rows(self) -> list[tuple[str, str, str, object, str]]:
        params, money = self.plan.params, self.result.funding
        cap = params.platform_cap
        requested = params.platform_share * money.eligible_total
        formulas: dict[str, tuple[str, object]] = {
            "joint": ("=joint_on", bool(params.joint)), "share": ("=platform_share", params.platform_share),
            "cap": (f'=IF(platform_cap="","{self.t("no_cap")}",platform_cap)', self.t("no_cap") if cap is None else cap),
            "eligible_total": ("=SUMPRODUCT(--(note_eligible),note_budgets)", money.eligible_total),
            "requested": ("=platform_share*eligible_total", requested),
            "platform_total": ('=IF(platform_cap="",platform_share*eligible_total,'
                               'MIN(platform_share*eligible_total,platform_cap))', money.platform_total),
            "cap_reached": ('=IF(platform_cap="",FALSE,platform_share*eligible_total>=platform_cap)',
                            bool(money.cap_reached)),
            "brand_total": ("=total_budget-platform_total", self.result.totals["brand_cost"]),
        }
        return [(pick((zh, en), self.lang), kind, formulas[name][0], formulas[name][1], pick((mzh, men), self.lang))
                for name, zh, en, kind, mzh, men in FUNDING_ITEMS]

    def _funding_totals(self, ws: Worksheet) -> None:
        row, first, last = FUNDING_HEADER_ROW + 1 + self.n, FUNDING_HEADER_ROW + 2, FUNDING_HEADER_ROW + 1 + self.n
        money, letter = self.result.funding, FUNDING_LETTER
        sums = {"budget": self.result.totals["budget"] or 0.0, "platform_cost": float(money.platform.sum()),
                "brand_cost": float(money.brand.sum())}
        ws.write_string(row, 0, self.t("total"), self.f("text", "total"))
        for col, column in enumerate(FUNDING_COLUMNS[1:], start=1):
            fmt, key = self.f(column.kind, "total"), column.key
            if key in sums:
                ws.write_formula(row, col, f"=SUM({letter[key]}{first}:{letter[key]}{last})", fmt, sums[key])
            elif key == "platform_part":
                part = sums["platform_cost"] / sums["budget"] if sums["budget"] else None
                ws.write_formula(row, col, f'=IF(D{row + 1}=0,"",E{row + 1}/D{row + 1})', fmt, cached(part))
            else:
                ws.write_blank(row, col, None, fmt)

    # -- Assumptions --

    def _assumptions(self) -> None:
        ws = self.sheets["assumptions"]
        for col, width in enumerate((24,) + (11,) * 9 + (11, 70)):
            ws.set_column(col, col, width)
        self._top(ws, f'{self.t("assumptions_title")} · {self.plan.name}')
        self._header(ws, PARAMS_FIRST_ROW - 1, [self.t("parameter"), self.t("value"), self.t("meaning")])
        for i, (key, zh, en, meaning_zh, meaning_en) in enumerate(PARAMS):
            row = PARAMS_FIRST_ROW + i
            ws.write_string(row, 0, pick((zh, en), self.lang), self.f("label", ""))
            self._parameter(ws, row, key)
            ws.write_string(row, 2, pick((meaning_zh, meaning_en), self.lang), self.f("note", ""))
        row = self._lift_table(ws)
        row = self._explained(ws, row + 1, self.t("definitions"), [
            (header(NOTE_COLUMN[key], self.lang), DEFINITIONS_ZH[key] if self.lang == "zh" else meaning)
            for key, meaning in DEFINITIONS.items()])
        self._explained(ws, row + 1, self.t("formulas"),
                        [(pick(label, self.lang), pick(line, self.lang)) for label, line in FORMULAS])
        self._print(ws, None)

    def _parameter(self, ws: Worksheet, row: int, key: str) -> None:
        params, rule = self.plan.params, {"validate": "decimal", "criteria": ">=", "value": 0}
        if key == "brand_budget":
            ws.write_number(row, 1, params.brand_budget, self.f("money", "in"))
            ws.data_validation(row, 1, row, 1, {**rule, "error_message": self.t("amount_rule")})
        elif key == "joint_on":
            ws.write_boolean(row, 1, bool(params.joint), self.f("bool", "in"))
            ws.data_validation(row, 1, row, 1, {"validate": "list", "source": ["TRUE", "FALSE"]})
        elif key == "platform_share":
            ws.write_number(row, 1, params.platform_share, self.f("rate", "in"))
            ws.data_validation(row, 1, row, 1, {"validate": "decimal", "criteria": "between", "minimum": 0,
                                                "maximum": 1, "error_message": self.t("share_rule")})
        elif key == "platform_cap":
            if params.platform_cap is None:
                ws.write_blank(row, 1, None, self.f("money", "in"))
            else:
                ws.write_number(row, 1, params.platform_cap, self.f("money", "in"))
            ws.data_validation(row, 1, row, 1, {**rule, "ignore_blank": True, "error_message": self.t("amount_rule")})
        elif key == "objective":
            ws.write_string(row, 1, header(NOTE_COLUMN[params.objective], self.lang), self.f("text"))
        else:  # the default lift row, found like every other industry's
            default = LIFTS_HEADER_ROW + 2 + self.plan.lifts.table.index.get_loc(DEFAULT_ROW)
            ws.write_formula(row, 1, f'=SUMPRODUCT(MAX(EXACT(lift_industry,"{DEFAULT_ROW}")*ROW(lift_industry)))',
                             self.f("row"), default)

    def _lift_table(self, ws: Worksheet) -> int:
        """The lifts, one row per industry with its source; returns the last row used."""
        ws.write_string(LIFTS_HEADER_ROW - 1, 0, self.t("lifts"), self.f("section", ""))
        ws.write_string(LIFTS_HEADER_ROW - 1, 2, self.t("lifts_note"), self.f("note", ""))
        keys = ("industry",) + LIFT_COLUMNS
        self._header(ws, LIFTS_HEADER_ROW, [lift_header(key, self.lang) for key in keys])
        table = self.plan.lifts.table
        last = LIFTS_HEADER_ROW + len(table)
        ws.data_validation(LIFTS_HEADER_ROW + 1, 1, last, 9, {
            "validate": "decimal", "criteria": ">=", "value": -1, "error_message": self.t("lift_rule")})
        for i, (industry, record) in enumerate(table.iterrows()):
            row = LIFTS_HEADER_ROW + 1 + i
            ws.write_string(row, 0, self.industry_text.get(str(industry), str(industry)), self.f("text", "in"))
            for col, key in enumerate(LIFT_COLUMNS[:-2], start=1):
                ws.write_number(row, col, float(record[key]), self.f("lift", "in"))
            count = float(record["n_notes"])
            if math.isnan(count):
                ws.write_blank(row, 10, None, self.f("count"))
            else:
                ws.write_number(row, 10, count, self.f("count"))
            ws.write_string(row, 11, source_text(str(record["source"]), count, self.lang), self.f("text"))
        return last

    def _explained(self, ws: Worksheet, row: int, title: str, lines: Sequence[tuple[str, str]]) -> int:
        """A titled list of label | text, the text wrapped across the sheet; returns the last row used."""
        ws.write_string(row + 1, 0, title, self.f("section", ""))
        for i, (label, explanation) in enumerate(lines):
            at = row + 2 + i
            ws.set_row(at, 15 * max(1, math.ceil(display_width(explanation) / 150)) + 4)
            ws.write_string(at, 0, label, self.f("label", ""))
            ws.merge_range(at, 1, at, 11, explanation, self.f("wrap", ""))
        return row + 1 + len(lines)

    # -- the marker: what tells apply-excel that a workbook is one of ours --

    def _marker(self) -> None:
        ws = self.book.add_worksheet(META_SHEET)
        for row, (key, value) in enumerate((("format", FORMAT_ID), ("version", FORMAT_VERSION),
                                            ("lang", self.lang), ("app", APP), ("notes", self.n))):
            ws.write_string(row, 0, key)
            if isinstance(value, int):
                ws.write_number(row, 1, value)
            else:
                ws.write_string(row, 1, value)
        ws.very_hidden()
        self.book.set_custom_property("redcat_format", FORMAT_ID)
        self.book.set_custom_property("redcat_format_version", FORMAT_VERSION)
        name = plain(self.plan.name) or sheet_name("summary", self.lang)
        self.book.set_properties({
            "title": f'{name} · {self.t("summary_title")}', "subject": self.t("summary_title"),
            "author": APP, "company": plain(self.plan.name), "keywords": "RedCat Planner, 联投, 小红书, 淘宝",
            "comments": self.t("subtitle", version=__version__, n=f"{self.n:,}")})


def _note_cells(column: Column, rows: list[str], values: np.ndarray, templates: dict[str, str], style: int,
                shared: Shared) -> list[str]:
    letter = NOTE_LETTER[column.key]
    if not column.is_input:
        kind = "bool" if column.kind == "bool" else "num"
        return formula_cells(letter, rows, templates[column.key], values.tolist(), style, kind, shared)
    if column.kind == "text":
        return text_cells(letter, rows, values.tolist(), style)
    if column.kind == "bool":
        return bool_cells(letter, rows, values.tolist(), style)
    return number_cells(letter, rows, values.tolist(), style)


def _industry_labels(plan: Plan, lang: str) -> dict[str, str]:
    """Industries as the workbook shows them (美妆 for beauty in Chinese), or as keys if labels would clash."""
    industries = set(plan.notes["industry"].unique()) | {str(i) for i in plan.lifts.table.index}
    labels = {industry: industry_label(industry, lang) for industry in industries}
    return labels if len(set(labels.values())) == len(labels) else {i: i for i in industries}


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
