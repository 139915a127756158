"""The Funding sheet of the Excel plan: who pays what under the joint-funding rules, as a block of live
formulas, then each note's platform and brand cost (MODEL.md "Funding").
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book, cached, ratio
from planner.io.excel.formulas import funding_templates
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FUNDING_BLOCK_ROW,
    FUNDING_COLUMNS,
    FUNDING_HEADER_ROW,
    FUNDING_ITEMS,
    FUNDING_LETTER,
    header,
    pick,
)
from planner.io.excel.sheet_xml import Shared, formula_cells


def write_funding(book: Book) -> None:
    """The funding block, then one row per note with its platform and brand cost, and totals."""
    ws = book.sheets["funding"]
    for col, width in enumerate((18, 28, 10, 14, 15, 15, 12)):
        ws.set_column(col, col, width)
    book.top(ws, f'{book.t("funding_title")} · {book.plan.name}')
    book.header_row(ws, FUNDING_BLOCK_ROW - 1, [book.t("item"), book.t("value"), book.t("meaning")])
    book.block(ws, FUNDING_BLOCK_ROW, _funding_rows(book))
    ws.write_string(FUNDING_HEADER_ROW - 1, 0, book.t("per_note"), book.f("section", ""))
    book.header_row(ws, FUNDING_HEADER_ROW, [header(column, book.lang) for column in FUNDING_COLUMNS])
    money = book.result.funding
    budget = book.plan.notes["budget"].to_numpy(dtype=float)
    values = {"note_id": book.plan.notes["note_id"].to_numpy(), "title": book.plan.notes["title"].to_numpy(),
              "eligible": book.rates.eligible, "budget": budget, "platform_cost": money.platform,
              "brand_cost": money.brand, "platform_part": ratio(money.platform, budget)}
    templates = funding_templates(book.lang)
    first, last = FUNDING_HEADER_ROW + 2, FUNDING_HEADER_ROW + 1 + book.n
    cells = [(FUNDING_LETTER[c.key], templates[c.key], book.f(c.kind)._get_xf_index(),
              {"text": "str", "bool": "bool"}.get(c.kind, "num"),
              Shared(i, str(first), str(last), str(FIRST_NOTE_ROW + 1)), values[c.key])
             for i, c in enumerate(FUNDING_COLUMNS)]
    book.bulk(ws, FUNDING_HEADER_ROW + 1, len(FUNDING_COLUMNS), lambda rows, a, b: [
        formula_cells(letter, rows, formula, column[a:b].tolist(), style, kind, shared)
        for letter, formula, style, kind, shared, column in cells])
    _funding_totals(book, ws)
    ws.freeze_panes(FUNDING_HEADER_ROW + 1, 1)
    ws.autofilter(FUNDING_HEADER_ROW, 0, FUNDING_HEADER_ROW + book.n, len(FUNDING_COLUMNS) - 1)
    book.print_setup(ws, FUNDING_HEADER_ROW)


def _funding_rows(book: Book) -> list[tuple[str, str, str, object, str]]:
    params, money = book.plan.params, book.result.funding
    cap = params.platform_cap
    requested = params.platform_share * money.eligible_total
    formulas: dict[str, tuple[str, object]] = {
        "joint": ("=joint_on", bool(params.joint)), "share": ("=platform_share", params.platform_share),
        "cap": (f'=IF(platform_cap="","{book.t("no_cap")}",platform_cap)', book.t("no_cap") if cap is None else cap),
        "eligible_total": ("=SUMPRODUCT(--(note_eligible),note_budgets)", money.eligible_total),
        "requested": ("=platform_share*eligible_total", requested),
        "platform_total": ('=IF(platform_cap="",platform_share*eligible_total,'
                           'MIN(platform_share*eligible_total,platform_cap))', money.platform_total),
        "cap_reached": ('=IF(platform_cap="",FALSE,platform_share*eligible_total>=platform_cap)',
                        bool(money.cap_reached)),
        "brand_total": ("=total_budget-platform_total", book.result.totals["brand_cost"]),
    }
    return [(pick((zh, en), book.lang), kind, formulas[name][0], formulas[name][1], pick((mzh, men), book.lang))
            for name, zh, en, kind, mzh, men in FUNDING_ITEMS]


def _funding_totals(book: Book, ws: Worksheet) -> None:
    row, first, last = FUNDING_HEADER_ROW + 1 + book.n, FUNDING_HEADER_ROW + 2, FUNDING_HEADER_ROW + 1 + book.n
    money, letter = book.result.funding, FUNDING_LETTER
    sums = {"budget": book.result.totals["budget"] or 0.0, "platform_cost": float(money.platform.sum()),
            "brand_cost": float(money.brand.sum())}
    ws.write_string(row, 0, book.t("total"), book.f("text", "total"))
    for col, column in enumerate(FUNDING_COLUMNS[1:], start=1):
        fmt, key = book.f(column.kind, "total"), column.key
        if key in sums:
            ws.write_formula(row, col, f"=SUM({letter[key]}{first}:{letter[key]}{last})", fmt, sums[key])
        elif key == "platform_part":
            part = sums["platform_cost"] / sums["budget"] if sums["budget"] else None
            ws.write_formula(row, col, f'=IF(D{row + 1}=0,"",E{row + 1}/D{row + 1})', fmt, cached(part))
        else:
            ws.write_blank(row, col, None, fmt)
