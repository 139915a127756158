"""The Summary sheet of the Excel plan: the KPIs, the funnel, the notes with the largest budgets, and
native charts over them, every number a live formula with its value.
"""

from __future__ import annotations

import math

import numpy as np
from xlsxwriter.worksheet import Worksheet

from planner import __version__
from planner.io.excel.book import BRAND_RED, GRID, Book, cached
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FUNNEL,
    FUNNEL_HEADER_ROW,
    KPI_HEADER_ROW,
    KPIS,
    NOTE_COLUMN,
    NOTE_LETTER,
    RANGE_HEADER_ROW,
    RANGE_MEANINGS,
    RANGES,
    TOP_COLUMNS,
    TOP_HEADER_ROW,
    TOP_K,
    display_width,
    header,
    pick,
    quoted,
    sheet_kind,
    sheet_name,
)
from planner.io.excel.sheet_xml import excel_text
from planner.model.fields import OUTPUT_FIELD
from planner.model.uncertainty import DRAWS, SEED, uncertainty

WIDTHS = (20, 16, 34, 14, 14, 12, 15, 9)  # columns A-H: the tables; the charts to their right
PRINT_SCALE = 80  # percent: columns A-H fill the width of an A4 page, the key figures and ranges its height


def write_summary(book: Book) -> None:
    """The KPIs, the funnel, the top notes and the charts; the sheet the workbook opens on."""
    ws = book.sheets["summary"]
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    book.top(ws, f'{book.t("summary_title")} · {book.plan.name}')
    ws.write_string(2, 0, book.t("subtitle", version=__version__, n=f"{book.n:,}"), book.f("subtitle", ""))
    book.header_row(ws, KPI_HEADER_ROW, [book.t("kpi"), book.t("value"), book.t("meaning")])
    book.block(ws, KPI_HEADER_ROW + 1, _kpi_rows(book))
    _ranges(book, ws)
    _funnel_table(book, ws)
    _top_notes(book, ws)
    _charts(book, ws)
    # Rather than everything shrunk to a third of its size on one page: the key figures and ranges on one page,
    # the funnel and top notes on the next, the charts beside them on pages of their own, at 80%.
    book.print_setup(ws, None, one_page_wide=False)
    ws.set_print_scale(PRINT_SCALE)
    ws.set_v_pagebreaks([len(WIDTHS)])
    ws.set_h_pagebreaks([FUNNEL_HEADER_ROW - 1])
    ws.activate()


def _kpi_rows(book: Book) -> list[tuple[str, str, str, object, str]]:
    totals, budget = book.result.totals, book.plan.params.brand_budget
    notes, first, last = quoted(sheet_name("notes", book.lang)), FIRST_NOTE_ROW + 1, book.last_note + 1

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
        "creator_fees": (column_sum("creator_fee"), totals["creator_fee"]),
        "total_cost": ("=total_budget+creator_fees", totals["total_cost"]),
        "total_roi": ('=IF(total_cost=0,"",total_gmv/total_cost)', totals["total_roi"]),
        "brand_total_roi": ('=IF(brand_cost+creator_fees=0,"",total_gmv/(brand_cost+creator_fees))',
                            totals["brand_total_roi"]),
    }
    for key in ("impressions", "clicks", "interactions", "store_visits"):
        formulas[f"total_{key}"] = (column_sum(key), totals[key])
    return [(pick((zh, en), book.lang), kind, formulas[name][0], cached(formulas[name][1]),
             pick((mzh, men), book.lang)) for name, zh, en, kind, mzh, men in KPIS]


def _ranges(book: Book, ws: Worksheet) -> None:
    """P10, P50 and P90 of orders and GMV by Monte Carlo (MODEL.md section 6), as the app's KPI panel shows them.

    Values, not formulas: no spreadsheet function draws the lifts as the model does. Their title, style
    (italics) and the line below them say so, with the number of draws and the seed.
    """
    spread = uncertainty(book.plan, DRAWS, SEED)
    ws.write_string(RANGE_HEADER_ROW - 1, 0, book.t("ranges"), book.f("section", ""))
    book.header_row(ws, RANGE_HEADER_ROW, [book.t("range_figure"), book.t("value"), book.t("meaning")])
    for i, (outcome, percentile) in enumerate(RANGES):
        row, field = RANGE_HEADER_ROW + 1 + i, OUTPUT_FIELD[outcome]
        ws.write_string(row, 0, f"{pick(field.sheet_words, book.lang)} {percentile.upper()}", book.f("label", ""))
        ws.write_number(row, 1, spread[outcome][percentile], book.f(sheet_kind(field), "value"))
        ws.write_string(row, 2, pick(RANGE_MEANINGS[percentile], book.lang), book.f("note", ""))
    row, note = RANGE_HEADER_ROW + 1 + len(RANGES), book.t("ranges_note", draws=DRAWS, seed=SEED)
    ws.set_row(row, 13.5 * math.ceil(display_width(note) / (sum(WIDTHS) - 2)) + 3)
    ws.merge_range(row, 0, row, len(WIDTHS) - 1, note, book.f("note_wrap", ""))


def _funnel_table(book: Book, ws: Worksheet) -> None:
    """Impressions -> clicks -> store visits -> orders, each with its rate from the stage before."""
    book.header_row(ws, FUNNEL_HEADER_ROW, [book.t("stage"), book.t("count"), book.t("step_rate")])
    totals = book.result.totals
    previous: float | None = None
    for i, name in enumerate(FUNNEL):
        row, kpi = FUNNEL_HEADER_ROW + 1 + i, next(k for k in KPIS if k[0] == name)
        value = totals[name.removeprefix("total_")] or 0.0
        ws.write_string(row, 0, pick((kpi[1], kpi[2]), book.lang), book.f("label", ""))
        ws.write_formula(row, 1, f"={name}", book.f(kpi[3]), value)
        if previous is None:
            ws.write_blank(row, 2, None, book.f("rate"))
        else:
            step = cached(value / previous if previous else None)
            ws.write_formula(row, 2, f'=IF(B{row}=0,"",B{row + 1}/B{row})', book.f("rate"), step)
        previous = value


def _top_notes(book: Book, ws: Worksheet) -> None:
    """The largest budgets, live: LARGE for each rank, its note found by position even among ties."""
    k = min(TOP_K, book.n)
    ws.write_string(TOP_HEADER_ROW - 1, 0, book.t("top", k=k), book.f("section", ""))
    book.header_row(ws, TOP_HEADER_ROW, [book.t(key) if key in ("rank", "position") else
                                      header(NOTE_COLUMN[key], book.lang) for key in TOP_COLUMNS])
    notes, first, last = quoted(sheet_name("notes", book.lang)), FIRST_NOTE_ROW + 1, book.last_note + 1
    # Gnumeric's INDEX answers #REF! for a one-cell range (it takes the cell's value, not a reference): the
    # ranges run on to the totals row, which no position reaches, so that a one-note plan's are two cells.
    column = {key: f"{notes}!${NOTE_LETTER[key]}${first}:${NOTE_LETTER[key]}${last + 1}"
              for key in ("note_id", "title", "creator", "orders", "gmv")}
    budget = book.plan.notes["budget"].to_numpy(dtype=float)
    order = np.lexsort((np.arange(book.n), -budget))[:k]
    values = {"note_id": book.plan.notes["note_id"].to_numpy()[order],
              "title": book.plan.notes["title"].to_numpy()[order],
              "creator": book.plan.notes["creator"].to_numpy()[order], "budget": budget[order],
              "orders": book.result.notes["orders"].to_numpy()[order],
              "gmv": book.result.notes["gmv"].to_numpy()[order], "position": order + 1}
    for i in range(k):
        r = TOP_HEADER_ROW + 2 + i  # spreadsheet row
        match = f"MATCH(E{r},note_budgets,0)"
        after = f"H{r - 1}+MATCH(E{r},INDEX(note_budgets,H{r - 1}+1):INDEX(note_budgets,ROWS(note_budgets)),0)"
        formulas = {
            "rank": None, "note_id": f'=INDEX({column["note_id"]},H{r})&""',
            "title": f'=INDEX({column["title"]},H{r})&""', "creator": f'=INDEX({column["creator"]},H{r})&""',
            "budget": f"=LARGE(note_budgets,{i + 1})", "orders": f'=INDEX({column["orders"]},H{r})',
            "gmv": f'=INDEX({column["gmv"]},H{r})',
            "position": f"={match}" if i == 0 else f"=IF(E{r}=E{r - 1},{after},{match})",
        }
        for col, key in enumerate(TOP_COLUMNS):
            kind = "row" if key in ("rank", "position") else NOTE_COLUMN[key].kind
            if key == "rank":
                ws.write_number(r - 1, col, i + 1, book.f(kind))
            else:
                value = values[key][i]
                ws.write_formula(r - 1, col, formulas[key], book.f(kind),
                                 excel_text(str(value)) if kind == "text" else float(value))


def _charts(book: Book, ws: Worksheet) -> None:
    """Native charts that follow the cells: the funnel (log scale), who pays, budgets of the top notes."""
    summary, k = sheet_name("summary", book.lang), min(TOP_K, book.n)
    funnel = book.xlsx.add_chart({"type": "column"})
    first = FUNNEL_HEADER_ROW + 1
    funnel.add_series({"categories": [summary, first, 0, first + 3, 0], "values": [summary, first, 1, first + 3, 1],
                       "fill": {"color": BRAND_RED}, "gap": 60,
                       "data_labels": {"value": True, "num_format": "#,##0"}})
    funnel.set_y_axis({"log_base": 10, "num_format": "#,##0", "major_gridlines": {"visible": True,
                                                                                   "line": {"color": GRID}}})
    pays = book.xlsx.add_chart({"type": "pie"})
    row = KPI_HEADER_ROW + 1 + [kpi[0] for kpi in KPIS].index("brand_cost")
    pays.add_series({"categories": [summary, row, 0, row + 1, 0], "values": [summary, row, 1, row + 1, 1],
                     "points": [{"fill": {"color": BRAND_RED}}, {"fill": {"color": "#F4B183"}}],
                     "data_labels": {"percentage": True, "category": True, "separator": "\n",
                                     "position": "outside_end", "leader_lines": True}})
    budgets = book.xlsx.add_chart({"type": "bar"})
    top = TOP_HEADER_ROW + 1
    budgets.add_series({"categories": [summary, top, 1, top + k - 1, 1],
                        "values": [summary, top, 4, top + k - 1, 4], "fill": {"color": BRAND_RED}, "gap": 40})
    budgets.set_y_axis({"reverse": True, "crossing": "max"})  # rank 1 on top, the ¥ axis below
    budgets.set_x_axis({"num_format": '"¥"#,##0', "major_gridlines": {"visible": True, "line": {"color": GRID}}})
    for chart, title, cell, size in ((funnel, book.t("chart_funnel"), "J5", (560, 300)),
                                     (pays, book.t("chart_funding"), "J21", (560, 260)),
                                     (budgets, book.t("chart_budget", k=k), "J36", (560, 440))):
        chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
        chart.set_legend({"none": True} if chart is not pays else {"position": "right"})
        ws.insert_chart(cell, chart, {"x_scale": size[0] / 480, "y_scale": size[1] / 288})
