"""The Scenarios sheet of the Excel plan (CONTRACT.md: 方案对比): every scenario's parameters and totals side by
side, each a live formula over that scenario's own budget column, then the differences to the active one.

The active scenario is the rest of the workbook: its budgets are the Notes plan's Budget column, its
parameters the Assumptions sheet's, its totals the Summary's. Every other scenario has a budget column of
its own on the Notes plan sheet, after the sheet's own columns (sorting the notes keeps a note's budgets
in every scenario in its row), and its parameters in yellow cells here. Its totals are single-cell array
formulas over whole columns that compute each note as the Notes plan's formulas do (MODEL.md sections 2-4,
with that scenario's joint investment, share, cap and lift scale) and add the notes up: a scenario costs
one column of inputs, not a sheet of formulas per note, and every engine evaluates an array formula alike
(Gnumeric iterates no function nested in SUMPRODUCT). A note's lifts come from its lift columns on the notes
sheet, not from INDEX over an array of rows, which engines evaluate differently.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book, RowOrder, cached
from planner.io.excel.formulas import OBSERVED_RATES, impressions_of, observed_of
from planner.io.excel.labels import (
    NOTE_COLUMN,
    NOTE_LETTER,
    SCENARIO_PARAMS,
    SCENARIO_TOTALS,
    Column,
    display_width,
    header,
    letter_of,
    pick,
    text,
)
from planner.io.excel.observed import add_counts, on_observed_rates
from planner.model.funnel import Estimate, estimate
from planner.model.limits import MAX_LIFT
from planner.model.plan import Plan
from planner.model.scenarios import MAX_LIFT_SCALE, Scenario, all_scenarios, plan_of

HEADER = 3  # 0-based row of the scenarios' names (scenario_names); the parameters below it
# Workbook-level names of the notes' columns that the array formulas read, by note column.
NOTE_NAMES = {"note_cpm": "cpm", "note_audience_caps": "audience_cap", "note_ctr": "ctr",
              "note_interaction_rates": "interaction_rate", "note_entry_rates": "entry_rate", "note_cvr": "cvr",
              "note_aov": "aov", "note_links": "taobao_link", "note_ctr_lifts": "ctr_lift",
              "note_interaction_lifts": "interaction_lift", "note_entry_lifts": "entry_lift"}
# The active scenario's totals are the workbook's own (Summary, Funding).
ACTIVE_TOTALS = {"budget": "total_budget", "eligible_total": "eligible_total", "impressions": "total_impressions",
                 "clicks": "total_clicks", "interactions": "total_interactions",
                 "store_visits": "total_store_visits", "orders": "total_orders", "gmv": "total_gmv"}
ACTIVE_PARAMS = {"brand_budget": "=brand_budget", "joint": "=joint_on", "platform_share": "=platform_share",
                 "platform_cap": '=IF(platform_cap="","",platform_cap)', "lift_scale": "=lift_scale"}
TOTAL_KEYS = [row[0] for row in SCENARIO_TOTALS]


@dataclass(frozen=True)
class Shown:
    """One scenario as its column shows it: its estimate and the letter of its budget column (notes sheet)."""

    scenario: Scenario
    result: Estimate
    budgets: str
    active: bool
    counts: dict[str, str] | None = None  # on observed rates: the letters of its notes' actual counts

    def total(self, key: str) -> float | None:
        return self.result.funding.eligible_total if key == "eligible_total" else self.result.totals[key]


def add_scenario_budgets(book: Book) -> list[Shown]:
    """Every scenario in the plan's order; the budget column of each inactive one added to the notes sheet, then
    the actual counts of each one on observed rates."""
    shown, plans = [], []
    for position, scenario in enumerate(all_scenarios(book.plan)):
        if position == book.plan.position:
            shown.append(Shown(scenario, book.result, NOTE_LETTER["budget"], True))
            plans.append(book.plan)
            continue
        column = Column(f"budget:{position}", text("scenario_budget", "zh", name=scenario.name),
                        text("scenario_budget", "en", name=scenario.name), "money", True)
        letter = book.add_note_column(column, scenario.budgets_for(book.plan.notes["note_id"]))
        plans.append(plan_of(book.plan, scenario.name))
        shown.append(Shown(scenario, estimate(plans[-1]), letter, False))
    return [_with_counts(book, one, plan) for one, plan in zip(shown, plans, strict=True)]


def _with_counts(book: Book, one: Shown, plan: Plan) -> Shown:
    """A scenario (`plan` with it active) on observed rates with its notes' actual counts added to the notes
    sheet (the active one's read by the Notes plan's formulas, book.counts)."""
    if not on_observed_rates(plan):
        return one
    counts = add_counts(book, plan, None if one.active else one.scenario.name)
    if one.active:
        book.counts = counts
    return replace(one, counts=counts)


class _Rows:
    """Where each row of the sheet is (spreadsheet rows, 1-based, as formulas name them)."""

    def __init__(self) -> None:
        self.budget_column = HEADER + 2
        self.params = {key: HEADER + 3 + i for i, (key, *_) in enumerate(SCENARIO_PARAMS)}
        first = HEADER + 3 + len(SCENARIO_PARAMS) + 1  # a section title between the blocks
        self.totals = {key: first + i for i, key in enumerate(TOTAL_KEYS)}
        self.difference = {key: row + len(TOTAL_KEYS) + 1 for key, row in self.totals.items()}
        self.relative = {key: row + len(TOTAL_KEYS) + 1 for key, row in self.difference.items()}


def write_scenarios(book: Book, shown: list[Shown]) -> None:
    """Names, parameters, totals, differences to the active scenario (absolute and relative)."""
    ws = book.sheets["scenarios"]
    rows = _Rows()
    ws.set_column(0, 0, 24)
    for col, one in enumerate(shown, start=1):
        ws.set_column(col, col, min(max(16, display_width(one.scenario.name) + 4), 40))
    book.top(ws, f'{book.t("scenarios_title")} · {book.plan.name}')
    ws.write_string(2, 0, book.t("scenarios_note"), book.f("note", ""))
    cells = RowOrder()  # the blocks are written by columns
    book.header_row(ws, HEADER, [book.t("item")] + [one.scenario.name for one in shown])
    cells(ws.write_string, rows.budget_column - 1, 0, book.t("scenario_budgets"), book.f("label", ""))
    for key, zh, en, _kind in SCENARIO_PARAMS:
        cells(ws.write_string, rows.params[key] - 1, 0, pick((zh, en), book.lang), book.f("label", ""))
    sections = ((rows.totals, book.t("scenario_totals")),
                (rows.difference, book.t("difference", name=book.plan.scenario.name)),
                (rows.relative, book.t("relative", name=book.plan.scenario.name)))
    for block, title in sections:
        cells(ws.write_string, min(block.values()) - 2, 0, title, book.f("section", ""))
        for (key, zh, en, _kind) in SCENARIO_TOTALS:
            cells(ws.write_string, block[key] - 1, 0, pick((zh, en), book.lang), book.f("label", ""))
    position = next(i for i, one in enumerate(shown) if one.active)
    base, active = shown[position], letter_of(position + 1)
    for col, one in enumerate(shown, start=1):
        _parameters(book, ws, cells, rows, col, one)
        _totals(book, ws, cells, rows, col, one)
        _differences(book, ws, cells, rows, col, one, base, active)
    cells.flush()
    ws.freeze_panes(HEADER + 1, 1)
    book.print_setup(ws, HEADER)


def _parameters(book: Book, ws: Worksheet, cells: RowOrder, rows: _Rows, col: int, one: Shown) -> None:
    """The budget column's header, then the parameters: the active one's from Assumptions, the others typed."""
    column = header(NOTE_COLUMN["budget"], book.lang) if one.active else \
        book.t("scenario_budget", name=one.scenario.name)
    cells(ws.write_string, rows.budget_column - 1, col, column, book.f("text"))
    params = one.scenario.params
    values: dict[str, object] = {"brand_budget": params.brand_budget, "joint": bool(params.joint),
                                 "platform_share": params.platform_share, "platform_cap": params.platform_cap,
                                 "lift_scale": one.scenario.lift_scale}
    for key, _zh, _en, kind in SCENARIO_PARAMS:
        row = rows.params[key] - 1
        if key == "objective":
            cells(ws.write_string, row, col, header(NOTE_COLUMN[params.objective], book.lang), book.f("text"))
        elif one.active:
            shown = "" if values[key] is None else values[key]
            cells(ws.write_formula, row, col, ACTIVE_PARAMS[key], book.f(kind), shown)
        else:
            _input(book, ws, cells, row, col, key, kind, values[key])


def _input(book: Book, ws: Worksheet, cells: RowOrder, row: int, col: int, key: str, kind: str, value: object) -> None:
    """A parameter of an inactive scenario: a yellow input, validated as on the Assumptions sheet."""
    fmt = book.f(kind, "in")
    if value is None:
        cells(ws.write_blank, row, col, None, fmt)
    elif isinstance(value, bool):
        cells(ws.write_boolean, row, col, value, fmt)
    else:
        cells(ws.write_number, row, col, float(value), fmt)  # type: ignore[arg-type]
    rules: dict[str, dict[str, object]] = {
        "brand_budget": {"validate": "decimal", "criteria": ">=", "value": 0, "error_message": book.t("amount_rule")},
        "joint": book.flag_rule(pick(next(p for p in SCENARIO_PARAMS if p[0] == key)[1:3], book.lang)),
        "platform_share": {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": 1,
                           "error_message": book.t("share_rule")},
        "platform_cap": {"validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
                         "error_message": book.t("amount_rule")},
        "lift_scale": {"validate": "decimal", "criteria": "between", "minimum": 0, "maximum": MAX_LIFT_SCALE,
                       "error_message": book.t("scale_rule")},
    }
    ws.data_validation(row, col, row, col, rules[key])


def _totals(book: Book, ws: Worksheet, cells: RowOrder, rows: _Rows, col: int, one: Shown) -> None:
    """Each total as a formula over the scenario's budget column and parameters, with the model's value."""
    c = letter_of(col)
    cell = {key: f"{c}{row}" for key, row in {**rows.totals, **rows.params}.items()}
    formulas = {
        "platform_cost": f'=IF({cell["platform_cap"]}="",{cell["platform_share"]}*{cell["eligible_total"]},'
                         f'MIN({cell["platform_share"]}*{cell["eligible_total"]},{cell["platform_cap"]}))',
        "brand_cost": f'={cell["budget"]}-{cell["platform_cost"]}',
        "roi": f'=IF({cell["budget"]}=0,"",{cell["gmv"]}/{cell["budget"]})',
        "brand_roi": f'=IF({cell["brand_cost"]}=0,"",{cell["gmv"]}/{cell["brand_cost"]})',
        "cpa": f'=IF({cell["orders"]}=0,"",{cell["budget"]}/{cell["orders"]})',
    }
    if one.active:
        formulas.update({key: f"={name}" for key, name in ACTIVE_TOTALS.items()})
    else:
        counts = {key: book.notes_range(letter) for key, letter in (one.counts or {}).items()}
        formulas.update(_array_totals(book.notes_range(one.budgets), cell["joint"], cell["lift_scale"], counts))
    for key, _zh, _en, kind in SCENARIO_TOTALS:
        row, value = rows.totals[key] - 1, cached(one.total(key))
        if formulas[key].startswith("{"):
            cells(ws.write_array_formula, row, col, row, col, formulas[key], book.f(kind), value)
        else:
            cells(ws.write_formula, row, col, formulas[key], book.f(kind), value)


def _array_totals(budgets: str, joint: str, scale: str, counts: dict[str, str] | None = None) -> dict[str, str]:
    """A scenario's budget, eligible spend and outcomes over every note, as array formulas.

    Each note's impressions, lifted rates (MODEL.md section 2, the lift times this scenario's scale, kept
    from -1 to MAX_LIFT) and funnel (section 3), multiplied in the model's order. `counts` (count -> range of
    the notes' actual counts): the scenario is on observed rates (section 10), each rate observed_of its
    lifted one.
    """
    eligible = f"({joint}=TRUE)*(note_links=TRUE)"

    def rate(key: str, base: str, lift: str | None = None) -> str:
        if lift is None:
            planned = base
        else:
            x = f"{lift}*{scale}"
            lifted = f"{base}*(1+IF({x}<-1,-1,IF({x}>{MAX_LIFT:g},{MAX_LIFT:g},{x})))"
            planned = f"IF({eligible},IF({lifted}>1,1,{lifted}),{base})"
        if not counts:
            return planned
        events, exposures = OBSERVED_RATES[key]
        return observed_of(f"({planned})", counts[events], counts[exposures])

    shown = impressions_of(budgets, "note_cpm", "note_audience_caps")
    clicks = f"{shown}*{rate('ctr_eff', 'note_ctr', 'note_ctr_lifts')}"
    visits = f"{clicks}*{rate('entry_eff', 'note_entry_rates', 'note_entry_lifts')}"
    cvr = rate("cvr", "note_cvr")
    return {
        "budget": f"=SUM({budgets})",
        "eligible_total": f"{{=IF({joint}=TRUE,SUM(IF(note_links=TRUE,{budgets},0)),0)}}",
        "impressions": f"{{=SUM({shown})}}", "clicks": f"{{=SUM({clicks})}}",
        "interactions": f"{{=SUM({shown}*{rate('interaction_eff', 'note_interaction_rates', 'note_interaction_lifts')})}}",
        "store_visits": f"{{=SUM({visits})}}", "orders": f"{{=SUM({visits}*{cvr})}}",
        "gmv": f"{{=SUM({visits}*{cvr}*note_aov)}}",
    }


def _differences(book: Book, ws: Worksheet, cells: RowOrder, rows: _Rows, col: int, one: Shown, base: Shown,
                 active: str) -> None:
    """Each total minus the active scenario's, and that as a part of the active one's (empty where it is 0)."""
    c = letter_of(col)
    for key, _zh, _en, kind in SCENARIO_TOTALS:
        mine, theirs = one.total(key), base.total(key)
        known = mine is not None and theirs is not None and math.isfinite(mine) and math.isfinite(theirs)
        difference = mine - theirs if known else None  # type: ignore[operator]
        relative = difference / theirs if difference is not None and theirs else None  # type: ignore[operator]
        total, other = f"{c}{rows.totals[key]}", f"${active}${rows.totals[key]}"
        cells(ws.write_formula, rows.difference[key] - 1, col, f'=IF(OR({total}="",{other}=""),"",{total}-{other})',
                         book.f(kind), cached(difference))
        cells(ws.write_formula, rows.relative[key] - 1, col,
                         f'=IF(OR({total}="",{other}="",{other}=0),"",({total}-{other})/{other})', book.f("lift"),
                         cached(relative))
