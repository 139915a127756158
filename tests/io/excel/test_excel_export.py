"""The Excel plan as written (CONTRACT.md "Excel plan"): structure, names, cached values, safety, looks.

The plans built here (hostile text, wildcard industries, industries differing only in case, a binding
platform cap, zero budgets) are shared with the LibreOffice, Gnumeric and read-back tests of this folder.
"""

from __future__ import annotations

import math
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from openpyxl.worksheet.formula import ArrayFormula
from planner.resources import resource_path
from plans import random_notes, random_plan

from planner.io.excel import book as excel_book
from planner.io.excel import sheet_xml as excel_xml
from planner.io.excel.export import export_plan
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FUNNEL_HEADER_ROW,
    NOTE_COLUMNS,
    NOTE_LETTER,
    TOP_HEADER_ROW,
)
from planner.io.excel.sheet_xml import unescape, xml_text
from planner.io.planfile import load_plan
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError
from planner.model.funnel import effective_rates, estimate
from planner.model.lifts import DEFAULT_ROW, LIFTS, SOURCE_FITTED, SOURCE_TYPED, article_lifts
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.scenarios import activate, add_scenario, with_settings

HOSTILE = ["=cmd|' /C calc'!A0", "+1", "-1", "@SUM(1)", "\tleading tab", "\nleading newline",
           "emoji 🎉👍🏽 中文", "line\r\nbreak", "_x0041_ literal", "bell\x07 and \x1f", "trailing space ",
           "<b>&amp;</b>", '=HYPERLINK("http://evil","x")']
# Excel's MATCH/COUNTIF would let "a*b?" match aXb! and "~x" match x: each must keep its own lifts.
INDUSTRIES = ["a*b?", "aXb!", "~x", "x", "beauty", "sports", "Foo", "foo", "美妆", "default", "a*b?", "~x", "food"]
NAMES = ("total_budget", "brand_cost", "platform_cost", "total_impressions", "total_clicks", "total_interactions",
         "total_store_visits", "total_orders", "total_gmv", "plan_roi")


def hostile_plan() -> Plan:
    """Every feature at once: hostile text, wildcard industries, caps (one tiny reach), locks, eligible and
    not, a binding platform cap, a zero budget, lifts from the article, typed and fitted."""
    n, rng = len(HOSTILE), np.random.default_rng(3)
    notes = pd.DataFrame({
        "note_id": HOSTILE, "title": HOSTILE[::-1], "creator": HOSTILE[3:] + HOSTILE[:3], "industry": INDUSTRIES,
        "is_ad": [True] * n, "taobao_link": [i not in (5, 8, 12) for i in range(n)], "cpm": rng.uniform(20, 120, n),
        "ctr": rng.uniform(0.01, 0.12, n), "interaction_rate": rng.uniform(0.005, 0.08, n),
        "entry_rate": rng.uniform(0.05, 0.5, n), "cvr": rng.uniform(0.005, 0.08, n), "aov": rng.uniform(30, 800, n),
        "audience_cap": [1e9] + [np.nan if i % 4 == 1 else rng.uniform(2e4, 2e6) for i in range(1, n)],
        "budget": [1.0, 0.0] + list(np.round(rng.uniform(0, 20000, n - 2))), "locked": [i % 5 == 0 for i in range(n)],
        # Creator fees (MODEL.md section 11): none on the note without budget, none on some, fen on others.
        "creator_fee": [0.0 if i in (1, 4, 9) else float(np.round(rng.uniform(0, 8000), 2)) for i in range(n)],
    })
    lifts = article_lifts().with_row("a*b?", {
        "ctr_lift": 0.5, "ctr_lift_low": 0.2, "ctr_lift_high": 0.9, "interaction_lift": 0.3,
        "interaction_lift_low": 0.1, "interaction_lift_high": 0.5, "entry_lift": 0.9, "entry_lift_low": 0.4,
        "entry_lift_high": 1.4, "source": SOURCE_TYPED})
    lifts = lifts.with_row("~x", {"ctr_lift": -0.3, "ctr_lift_low": -0.5, "ctr_lift_high": 0.0, "entry_lift": 2.0,
                                  "entry_lift_low": 1.0, "entry_lift_high": 3.0, "source": SOURCE_TYPED})
    lifts = lifts.with_row("Foo", {"ctr_lift": 0.05, "ctr_lift_low": 0.0, "ctr_lift_high": 0.1,
                                   "source": SOURCE_FITTED, "n_notes": 12.0})
    return new_plan(notes, name="=危险 & <计划> 🎉\x07", lifts=lifts,
                    params=PlanParams(brand_budget=50_000.0, platform_share=0.5, platform_cap=5_000.0))


def zero_plan() -> Plan:
    """All budgets 0 and joint investment off: every ratio is empty, not 0 and not an error."""
    plan = random_plan(6, seed=11, joint=False)
    return plan.with_budgets(np.zeros(6))


def tied_plan() -> Plan:
    """Budgets with ties, so that the top-notes table must find each tied note once, in order."""
    plan = random_plan(30, seed=5, platform_share=0.3)
    return plan.with_budgets(np.where(np.arange(30) % 3 == 0, 5000.0, np.arange(30) * 10.0))


def pair_plan() -> Plan:
    """Two notes with one budget: the second of the top notes is found after the first, at the sheet's end.

    The platform pays every eligible yuan (share 100%, no cap): the eligible note costs the brand nothing, so its
    marginal ROI per brand yuan and its brand ROI on total cost (no creator fee) are empty; the other has a fee.
    """
    notes = random_notes(2, seed=6).assign(is_ad=True, taobao_link=[True, False], creator_fee=[0.0, 300.0])
    return new_plan(notes, name="pair", params=PlanParams(platform_share=1.0)).with_budgets(np.array([700.0, 700.0]))


# Lift rows of their own for industries that differ only in case or hold `*`, `?` and `~`; the notes add
# industries those would match as wildcards or ignoring case, which the default row serves.
OWN_LIFTS = {"a*": 0.5, "?": -0.25, "~x": 0.75, "Acme": 0.1, "acme": 0.9}
LOOKED_UP = ["a*", "ab", "?", "z", "~x", "x", "Acme", "acme", "ACME", "", "default", "sports", "*", "~", "a*b"]


def lookup_plan() -> Plan:
    """Every note eligible, so that each industry's lifts show in its rates."""
    notes = random_notes(len(LOOKED_UP), seed=21).assign(industry=LOOKED_UP, is_ad=True, taobao_link=True)
    lifts = article_lifts()
    for industry, lift in OWN_LIFTS.items():
        record: dict[str, object] = {"source": SOURCE_TYPED}
        for step, key in enumerate(LIFTS):
            value = lift + step / 10
            record.update({key: value, f"{key}_low": value - 0.1, f"{key}_high": value + 0.1})
        lifts = lifts.with_row(industry, record)
    return new_plan(notes, name="lookup", lifts=lifts, params=PlanParams(brand_budget=80_000.0))


def demo_plan() -> Plan:
    return load_plan(resource_path("demo.rcplan"))


def random_blocks_plan() -> Plan:
    """More notes than one block of rows holds (excel_book.CHUNK), with a binding platform cap."""
    return random_plan(1500, seed=9, brand_budget=3e6, platform_cap=4e5)


def single_plan() -> Plan:
    return random_plan(1, seed=4)


def with_scenario(plan: Plan, name: str, budgets: np.ndarray, lift_scale: float = 1.0, **params: object) -> Plan:
    """`plan` with one more scenario `name` (its budgets, lift scale and parameters); the active one stays."""
    active = plan.scenario.name
    plan = activate(add_scenario(plan, name), name)
    plan = with_settings(plan.with_params(**params).with_budgets(budgets), lift_scale=lift_scale)
    return activate(plan, active)


def with_budget(plan: Plan, scenario: str, note: int, budget: float) -> Plan:
    """`plan` whose scenario `scenario` gives note `note` (a position) another budget; the active one stays."""
    active = plan.scenario.name
    shown = activate(plan, scenario)
    budgets = shown.notes["budget"].to_numpy(copy=True)
    budgets[note] = budget
    return activate(shown.with_budgets(budgets), active)


def two_scenarios_plan() -> Plan:
    """The hostile plan and a second scenario without joint investment, other budgets, a doubled lift scale."""
    plan = hostile_plan()
    budgets = np.round(np.random.default_rng(4).uniform(0, 9000, len(plan.notes)))
    return with_scenario(plan, "=B \"省钱\" 🎉", budgets, 2.0, joint=False, brand_budget=9_000.0)


def three_scenarios_plan() -> Plan:
    """Three scenarios, the middle one active with half the lifts; the others with their own share, cap and lift
    scale: one so large that lifts reach the model's bounds (-1, MAX_LIFT) and lifted rates reach 1."""
    notes = random_notes(40, seed=17).assign(industry=["sports", "~x", "beauty", "x"] * 10, is_ad=True)
    lifts = article_lifts().with_row("~x", {"ctr_lift": -0.3, "interaction_lift": 20.0, "entry_lift": 0.5,
                                            "source": SOURCE_TYPED})
    plan = new_plan(notes, name="three", lifts=lifts, params=PlanParams(brand_budget=1e5, platform_cap=2e4))
    rng = np.random.default_rng(18)
    plan = with_scenario(plan, "half lifts", np.round(rng.uniform(0, 15000, 40)), 0.5, platform_share=0.3)
    plan = with_scenario(plan, "bold", np.round(rng.uniform(0, 30000, 40)), 8.0, platform_share=0.8,
                         platform_cap=None)
    return with_settings(activate(plan, "half lifts"), lift_scale=0.5)


def paced_notes(n: int, seed: int) -> pd.DataFrame:
    """Notes with windows: some all campaign (no dates), some from a day on, some between two days, a few
    reaching past the campaign's ends (clipped to it)."""
    notes = random_notes(n, seed=seed)
    rng = np.random.default_rng(seed)
    days = pd.date_range("2025-05-06", "2025-06-22").strftime("%Y-%m-%d").to_numpy()
    start, end = rng.integers(0, len(days), n), rng.integers(0, len(days), n)
    start, end = np.minimum(start, end), np.maximum(start, end)
    kind = np.arange(n) % 4
    notes["start_date"] = np.where(kind == 0, None, days[start])
    notes["end_date"] = np.where(kind <= 1, None, days[end])
    return notes


def campaign() -> Calendar:
    """Four phases, shaped, the presale opening at 20:00 on the warm-up's last day."""
    return Calendar((Phase("预热", date(2025, 5, 8), date(2025, 5, 13), 0.2, 80.0),
                     Phase("预售", date(2025, 5, 13), date(2025, 5, 30), 0.3, 120.0, 20.0),
                     Phase("爆发", date(2025, 5, 31), date(2025, 6, 18), 0.45, 70.0),
                     Phase("返场", date(2025, 6, 19), date(2025, 6, 20), 0.05)),
                    source="test calendar <&> =1", name="618 测试")


def paced_plan() -> Plan:
    """A campaign calendar, notes with windows, a platform cap that binds, and a second scenario."""
    plan = new_plan(paced_notes(60, seed=23), name="paced", params=PlanParams(brand_budget=5e5, platform_cap=1e5))
    plan = replace(plan, calendar=campaign())
    return with_scenario(plan, "B", np.round(np.random.default_rng(24).uniform(0, 20000, 60)), 0.8)


# The plans the spreadsheet engines recalculate (LibreOffice, Gnumeric), each built when needed, with its language.
RECALCULATED: dict[str, tuple[Callable[[], Plan], str]] = {
    "hostile": (hostile_plan, "zh"), "hostile_en": (hostile_plan, "en"), "zero": (zero_plan, "zh"),
    "tied": (tied_plan, "en"), "pair": (pair_plan, "en"), "random": (random_blocks_plan, "zh"),
    "single": (single_plan, "zh"), "lookup": (lookup_plan, "zh"), "lookup_en": (lookup_plan, "en"),
    "demo": (demo_plan, "zh"), "demo_en": (demo_plan, "en"), "two_scenarios": (two_scenarios_plan, "zh"),
    "three_scenarios": (three_scenarios_plan, "en"), "paced": (paced_plan, "zh"), "paced_en": (paced_plan, "en")}


def app_values(plan: Plan) -> dict[str, np.ndarray]:
    """What the app computes for each note column of the notes sheet (NaN: an empty cell)."""
    result, rates = estimate(plan), effective_rates(plan)
    values = {key: result.notes[key].to_numpy(dtype=float) for key in
              ("budget", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv", "marginal_roi",
               "total_cost")}
    values.update(ctr_eff=rates.ctr, interaction_eff=rates.interaction_rate, entry_eff=rates.entry_rate)
    brand_total = result.notes["brand_cost"].to_numpy() + result.notes["creator_fee"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        values["total_roi"] = np.where(values["total_cost"] > 0, values["gmv"] / values["total_cost"], np.nan)
        values["brand_total_roi"] = np.where(brand_total > 0, values["gmv"] / brand_total, np.nan)
    return values


def assert_lift_rows_found(plan: Plan, path: Path) -> None:
    """Each note's lift row is the Assumptions sheet's row of its industry, or the default row if it has none."""
    book = openpyxl.load_workbook(path, data_only=True)
    notes, assumptions = book[book.sheetnames[1]], book[book.sheetnames[3]]
    for row, industry in enumerate(plan.notes["industry"], start=FIRST_NOTE_ROW + 1):
        lift_row = notes[f"{NOTE_LETTER['lift_row']}{row}"].value
        assert isinstance(lift_row, int | float), (industry, lift_row)
        shown = notes[f"{NOTE_LETTER['industry']}{row}"].value
        expected = shown if industry in plan.lifts.table.index else DEFAULT_ROW
        assert assumptions[f"A{int(lift_row)}"].value == expected, (industry, lift_row)


def named_value(book: openpyxl.Workbook, name: str) -> object:
    sheet, ref = next(iter(book.defined_names[name].destinations))
    return book[sheet][ref.replace("$", "")].value


def column(book: openpyxl.Workbook, sheet: str, key: str, n: int) -> list[object]:
    letter = NOTE_LETTER[key]
    return [book[sheet][f"{letter}{row}"].value for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 1 + n)]


def assert_close(actual: object, expected: float) -> None:
    """A number within 1e-9 of `expected`; an empty cell where `expected` is NaN (a ratio over 0)."""
    if math.isnan(expected):
        assert actual in (None, ""), actual
        return
    assert isinstance(actual, int | float), actual
    assert math.isclose(actual, expected, rel_tol=1e-9, abs_tol=1e-9), (actual, expected)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    folder = tmp_path_factory.mktemp("excel")
    plans = {"hostile": (hostile_plan(), "zh"), "hostile_en": (hostile_plan(), "en"), "zero": (zero_plan(), "zh"),
             "tied": (tied_plan(), "en"), "lookup": (lookup_plan(), "zh"), "pair": (pair_plan(), "en")}
    out = {}
    for name, (plan, lang) in plans.items():
        export_plan(plan, folder / f"{name}.xlsx", lang)
        out[name] = (plan, folder / f"{name}.xlsx")
    return out


def test_sheets_come_in_order_in_each_language_and_the_marker_sheet_is_hidden(exported):
    zh = openpyxl.load_workbook(exported["hostile"][1])
    en = openpyxl.load_workbook(exported["hostile_en"][1])
    # the hostile plan has warnings (a note outside its bounds, ...): the Warnings sheet comes last
    assert zh.sheetnames == ["总览", "笔记计划", "联投出资", "假设", "方案对比", "预警", "_redcat"]
    assert en.sheetnames == ["Summary", "Notes plan", "Funding", "Assumptions", "Scenarios", "Warnings", "_redcat"]
    assert zh["_redcat"].sheet_state == "veryHidden"
    assert [c.value for c in zh["笔记计划"][3]][:3] == ["笔记ID", "标题", "达人"]
    assert [c.value for c in en["Notes plan"][3]][:3] == ["Note ID", "Title", "Creator"]


@pytest.mark.parametrize("name", ["hostile", "hostile_en"])
def test_defined_names_are_the_same_whatever_the_language(exported, name):
    plan, path = exported[name]
    book = openpyxl.load_workbook(path, data_only=True)
    totals = estimate(plan).totals
    for key, cell in zip(("budget", "brand_cost", "platform_cost", "impressions", "clicks", "interactions",
                          "store_visits", "orders", "gmv", "roi"), NAMES, strict=True):
        destination = next(iter(book.defined_names[cell].destinations))[1]
        assert ":" not in destination  # a single cell
        assert_close(named_value(book, cell), totals[key])
    for cell, key in (("note_ids", "note_id"), ("note_budgets", "budget"), ("note_orders", "orders"),
                      ("note_gmv", "gmv")):
        sheet, ref = next(iter(book.defined_names[cell].destinations))
        cells = [row[0].value for row in book[sheet][ref.replace("$", "")]]
        assert len(cells) == len(plan.notes)
        if key == "note_id":
            assert [unescape(v) for v in cells] == plan.notes["note_id"].tolist()
        else:
            expected = estimate(plan).notes[key].to_numpy()
            for actual, value in zip(cells, expected, strict=True):
                assert_close(actual, value)


@pytest.mark.parametrize("name", ["hostile", "zero", "tied", "pair"])
def test_cached_values_equal_the_apps(exported, name):
    plan, path = exported[name]
    book = openpyxl.load_workbook(path, data_only=True)
    notes_sheet = book.sheetnames[1]
    for key, expected in app_values(plan).items():
        for actual, value in zip(column(book, notes_sheet, key, len(plan.notes)), expected, strict=True):
            assert_close(actual, value)
    funding = estimate(plan).funding
    rows = range(16, 16 + len(plan.notes))
    for letter, expected in (("E", funding.platform), ("F", funding.brand)):
        for row, value in zip(rows, expected, strict=True):
            assert_close(book[book.sheetnames[2]][f"{letter}{row}"].value, value)


def test_a_ratio_whose_denominator_is_zero_is_empty_not_zero(exported):
    book = openpyxl.load_workbook(exported["zero"][1], data_only=True)
    for name in ("plan_roi", "brand_roi", "plan_cpa"):
        assert named_value(book, name) in (None, "")
    assert column(book, "笔记计划", "roi", 6) == [None] * 6
    assert named_value(book, "total_budget") == 0


def test_wildcard_industries_keep_their_own_lifts(exported):
    plan, path = exported["hostile"]
    book = openpyxl.load_workbook(path, data_only=True)
    ctr = column(book, "笔记计划", "ctr_eff", len(plan.notes))
    base = plan.notes["ctr"].to_numpy()
    assert_close(ctr[0], base[0] * 1.5)  # a*b?: its own +50%
    assert_close(ctr[1], base[1] * 1.2)  # aXb!: the default +20%, not a*b?'s
    assert_close(ctr[2], base[2] * 0.7)  # ~x: its own -30%
    assert_close(ctr[3], base[3] * 1.2)  # x: default, not ~x's
    assert_close(ctr[6], base[6] * 1.05)  # Foo: its fitted row; foo: the default (case counts)
    assert_close(ctr[7], base[7] * 1.2)
    assert_close(ctr[12], base[12])  # not eligible: no lift


@pytest.mark.parametrize("name", ["hostile", "lookup"])
def test_each_industry_has_its_own_lift_row_whatever_its_case_or_wildcards(exported, name):
    plan, path = exported[name]
    assert_lift_rows_found(plan, path)


def test_the_lift_row_is_an_array_formula_every_engine_evaluates_alike(exported):
    """EXACT over the lifts' industries in an array formula of its own: not MATCH or COUNTIF (wildcards),
    not `=` (blind to case), not nested in SUMPRODUCT (which Gnumeric does not iterate)."""
    plan, path = exported["hostile"]
    book = openpyxl.load_workbook(path)
    letter, industry = NOTE_LETTER["lift_row"], NOTE_LETTER["industry"]
    for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 1 + len(plan.notes)):
        formula = book["笔记计划"][f"{letter}{row}"].value
        assert isinstance(formula, ArrayFormula) and formula.ref == f"{letter}{row}"
        assert f"EXACT(lift_industry,${industry}{row})" in formula.text
        assert not any(word in formula.text for word in ("MATCH(", "COUNTIF(", "SUMPRODUCT(", "lift_industry="))
    default = named_value(book, "lift_default_row")
    assert isinstance(default, ArrayFormula) and 'EXACT(lift_industry,"default")' in default.text


def test_every_computed_cell_is_a_formula_and_every_input_a_value(exported):
    plan, path = exported["hostile"]
    sheet = openpyxl.load_workbook(path)["笔记计划"]
    for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 1 + len(plan.notes)):
        for position, spec in enumerate(NOTE_COLUMNS, start=1):
            cell = sheet.cell(row, position)
            assert (cell.data_type == "f") == (not spec.is_input), (row, spec.key, cell.value)
    summary = openpyxl.load_workbook(path)["总览"]
    assert all(summary[f"B{row}"].data_type == "f" for row in range(6, 20))


@pytest.mark.parametrize("field", ["note_id", "title", "creator"])
def test_user_text_is_written_as_text_and_reads_back_exactly(exported, field):
    plan, path = exported["hostile"]
    sheet = openpyxl.load_workbook(path)["笔记计划"]
    letter = NOTE_LETTER[field]
    for row, expected in enumerate(plan.notes[field], start=FIRST_NOTE_ROW + 1):
        cell = sheet[f"{letter}{row}"]
        assert cell.data_type == "s" and cell.hyperlink is None
        assert unescape(cell.value) == expected
    assert [sheet[f"A{row}"].value for row in range(4, 11)] == HOSTILE[:7]  # openpyxl alone, no escapes


def test_text_escaping_keeps_what_xml_and_excel_would_change():
    assert xml_text("plain 中文") == "plain 中文"
    assert xml_text("<a&b>") == "&lt;a&amp;b&gt;"
    assert xml_text("a\rb\x07") == "a&#13;b_x0007_"
    assert xml_text("_x0041_") == "_x005F_x0041_"
    assert unescape("_x005F_x0041_ _x0007_") == "_x0041_ \x07"


def test_inputs_are_yellow_formulas_white_and_a_legend_says_so(exported):
    book = openpyxl.load_workbook(exported["hostile"][1])
    sheet = book["笔记计划"]
    assert sheet[f"{NOTE_LETTER['budget']}4"].fill.fgColor.rgb.endswith("FFF2CC")
    assert sheet[f"{NOTE_LETTER['gmv']}4"].fill.fill_type is None
    assert sheet["A2"].fill.fgColor.rgb.endswith("FFF2CC") and sheet["A2"].value == "输入"
    assert sheet["B2"].value == "公式"


def test_numbers_carry_yuan_percent_and_thousands_formats(exported):
    sheet = openpyxl.load_workbook(exported["hostile"][1])["笔记计划"]
    assert sheet[f"{NOTE_LETTER['budget']}4"].number_format == '"¥"#,##0'
    assert sheet[f"{NOTE_LETTER['ctr']}4"].number_format == "0.00%"
    assert sheet[f"{NOTE_LETTER['impressions']}4"].number_format == "#,##0"


def test_the_notes_sheet_is_frozen_filtered_and_validated(exported):
    plan, path = exported["hostile"]
    sheet = openpyxl.load_workbook(path)["笔记计划"]
    last = FIRST_NOTE_ROW + len(plan.notes)
    assert sheet.freeze_panes == "B4"
    assert sheet.auto_filter.ref == f"A3:{NOTE_LETTER['brand_total_roi']}{last}"
    budget = next(v for v in sheet.data_validations.dataValidation if NOTE_LETTER["budget"] in str(v.sqref))
    assert (budget.type, budget.operator, budget.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert sheet.column_dimensions[NOTE_LETTER["lift_row"]].hidden


@pytest.mark.parametrize("name", ["hostile", "hostile_en"])
def test_the_notes_sheet_prints_legibly_on_a4_with_id_and_title_on_every_page(exported, name):
    """At 100% over as many pages as it takes (one page wide would shrink 40 columns to a blur), landscape A4,
    the header row and the id and title columns repeated, pages left to right before going down."""
    sheet = openpyxl.load_workbook(exported[name][1]).worksheets[1]
    setup = sheet.page_setup
    assert (setup.orientation, setup.paperSize) == ("landscape", 9)
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert setup.scale in (None, 100)
    assert setup.pageOrder == "overThenDown"
    assert (sheet.print_title_rows, sheet.print_title_cols) == ("$3:$3", "$A:$B")
    assert [sheet.cell(3, col).value for col in (1, 2)] == (["笔记ID", "标题"] if name == "hostile" else
                                                             ["Note ID", "Title"])
    # The legend's sentence wraps over a few columns after the repeated ones, within the first page's width,
    # rather than running on into the pages of later columns.
    (legend,) = [m for m in sheet.merged_cells.ranges if (m.min_row, m.min_col) == (2, 3)]
    width = sum(sheet.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, legend.max_col + 1))
    assert sheet["C2"].alignment.wrap_text and width < 130  # about what an A4 page holds at 100%


def test_the_summary_prints_its_tables_near_full_size_and_its_charts_on_pages_of_their_own(exported):
    sheet = openpyxl.load_workbook(exported["hostile"][1])["总览"]
    assert (sheet.page_setup.orientation, sheet.page_setup.paperSize, sheet.page_setup.scale) == ("landscape", 9, 80)
    assert not sheet.sheet_properties.pageSetUpPr or not sheet.sheet_properties.pageSetUpPr.fitToPage
    assert [brk.id for brk in sheet.col_breaks.brk] == [8]  # the tables are columns A-H, the charts from J
    assert [brk.id for brk in sheet.row_breaks.brk] == [FUNNEL_HEADER_ROW - 1]  # key figures and ranges, then the rest


def test_the_other_sheets_print_one_page_wide_on_a4(exported):
    book = openpyxl.load_workbook(exported["hostile"][1])
    for sheet in book.worksheets[2:5]:
        assert (sheet.page_setup.orientation, sheet.page_setup.paperSize) == ("landscape", 9), sheet.title
        assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
        assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0), sheet.title


def test_column_widths_fit_chinese_text(tmp_path):
    plan = random_plan(5, seed=1)
    plan.notes.loc[0, "title"] = "跑步新手必看！这双跑鞋我穿了三个月"  # 18 wide characters
    export_plan(plan, tmp_path / "w.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "w.xlsx")["笔记计划"]
    assert sheet.column_dimensions[NOTE_LETTER["title"]].width >= 36


def test_the_workbook_names_its_plan_and_marks_itself_as_an_export(exported):
    plan, path = exported["hostile"]
    book = openpyxl.load_workbook(path)
    assert "=危险 & <计划> 🎉" in book.properties.title
    assert {p.name: p.value for p in book.custom_doc_props.props}["redcat_format"] == "redcat-planner-excel"
    with zipfile.ZipFile(path) as archive:
        assert "<Company>=危险 &amp; &lt;计划&gt; 🎉</Company>" in archive.read("docProps/app.xml").decode()


def test_assumptions_state_sources_parameters_and_definitions(exported):
    sheet = openpyxl.load_workbook(exported["hostile_en"][1])["Assumptions"]
    cells = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    for expected in ("Built-in figure from the article", "Fitted from history: 12 notes; low/high = bootstrap P10–P90",
                     "Typed by the user", "Platform share", "Platform cap", "Joint investment", "Brand budget",
                     "interactions per impression (not per click)", "cost in ¥ per 1,000 impressions"):
        assert expected in text
    assert sheet["B5"].value == 50_000 and sheet["B6"].value is True and sheet["B7"].value == 0.5
    assert sheet["B8"].value == 5_000


def test_the_summary_has_native_charts(exported):
    with zipfile.ZipFile(exported["hostile"][1]) as archive:
        charts = [name for name in archive.namelist() if name.startswith("xl/charts/chart")]
        assert len(charts) >= 2
        budget_chart = max((archive.read(name).decode() for name in charts), key=len)
    assert "c:barChart" in budget_chart


def test_the_top_notes_table_lists_tied_budgets_once_each_in_order(exported):
    plan, path = exported["tied"]
    sheet = openpyxl.load_workbook(path, data_only=True)["Summary"]
    rows = range(TOP_HEADER_ROW + 2, TOP_HEADER_ROW + 22)
    positions = [sheet[f"H{row}"].value for row in rows]
    budgets = plan.notes["budget"].to_numpy()
    order = sorted(range(30), key=lambda i: (-budgets[i], i))[:20]
    assert positions == [i + 1 for i in order]
    assert [sheet[f"B{row}"].value for row in rows] == [plan.notes["note_id"][i] for i in order]


def test_progress_is_reported_and_an_exception_from_it_leaves_the_old_file(tmp_path, small_plan):
    path = tmp_path / "plan.xlsx"
    seen: list[tuple[int, int]] = []
    export_plan(small_plan, path, progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 9) and seen[-1] == (9, 9)  # notes, funding rows, then the saved file
    before = path.read_bytes()

    def cancel(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_plan(small_plan, path, progress=cancel)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx"]


def test_a_plan_without_notes_or_with_an_unknown_language_is_refused(tmp_path, small_plan):
    with pytest.raises(InputError, match="at least one note"):
        export_plan(small_plan.with_notes(small_plan.notes.iloc[:0]), tmp_path / "x.xlsx")
    with pytest.raises(ValueError, match="lang"):
        export_plan(small_plan, tmp_path / "x.xlsx", lang="fr")


def test_a_big_plan_is_written_in_bounded_blocks(tmp_path, big_plan, monkeypatch):
    blocks: list[int] = []
    original = excel_xml.FastSheet.write_xml_rows

    def spy(self, first, last, last_col, xml):
        blocks.append(last - first + 1)
        return original(self, first, last, last_col, xml)

    monkeypatch.setattr(excel_xml.FastSheet, "write_xml_rows", spy)
    export_plan(big_plan, tmp_path / "big.xlsx")
    assert max(blocks) <= excel_book.CHUNK and sum(blocks) == 2 * len(big_plan.notes)
    book = openpyxl.load_workbook(tmp_path / "big.xlsx", read_only=True, data_only=True)
    rows = list(book["笔记计划"].iter_rows(min_row=FIRST_NOTE_ROW + 1, max_row=FIRST_NOTE_ROW + len(big_plan.notes),
                                          values_only=True))
    keys = [spec.key for spec in NOTE_COLUMNS]
    for key, expected in app_values(big_plan).items():
        stored = np.array([row[keys.index(key)] for row in rows], dtype=float)
        np.testing.assert_allclose(stored, expected, rtol=1e-9, atol=1e-9)
