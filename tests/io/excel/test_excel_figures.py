"""The Excel plan's figures beyond the funnel: the Summary's Monte Carlo ranges (values, labelled as such), the
key figures of creator fees (MODEL.md section 11), and each note's marginal ROI and costs on the notes sheet,
as the model computes them. After LibreOffice and Gnumeric recalculate, test_excel_libreoffice and
test_excel_gnumeric check the same columns and names against the model.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pytest
from test_excel_export import app_values, assert_close, hostile_plan, named_value, pair_plan

from planner.io.excel.export import export_plan
from planner.io.excel.formulas import note_templates
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FUNNEL_HEADER_ROW,
    KPI_HEADER_ROW,
    KPIS,
    NOTE_LETTER,
    RANGE_HEADER_ROW,
    RANGES,
    TOP_HEADER_ROW,
)
from planner.model.funnel import estimate
from planner.model.plan import Plan
from planner.model.uncertainty import DRAWS, SEED, uncertainty

# Key figures added for creator fees, by defined name, and the model's total each one shows.
FEE_TOTALS = {"creator_fees": "creator_fee", "total_cost": "total_cost", "total_roi": "total_roi",
              "brand_total_roi": "brand_total_roi"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    folder = tmp_path_factory.mktemp("figures")
    plans = {"zh": (hostile_plan(), "zh"), "en": (hostile_plan(), "en"), "pair": (pair_plan(), "en")}
    out = {}
    for name, (plan, lang) in plans.items():
        export_plan(plan, folder / f"{name}.xlsx", lang)
        out[name] = (plan, folder / f"{name}.xlsx")
    return out


@pytest.mark.parametrize("name", ["zh", "en"])
def test_the_summary_shows_p10_p50_p90_of_orders_and_gmv_as_the_app_computes_them(exported, name):
    plan, path = exported[name]
    sheet = openpyxl.load_workbook(path).worksheets[0]
    spread = uncertainty(plan)
    for i, (outcome, percentile) in enumerate(RANGES):
        label, value = (sheet.cell(RANGE_HEADER_ROW + 2 + i, col).value for col in (1, 2))
        assert label.endswith(percentile.upper())
        assert isinstance(value, float), value  # a value, not a formula
        assert math.isclose(value, spread[outcome][percentile], rel_tol=1e-15)  # the 16 digits XlsxWriter writes
    assert spread["orders"]["p10"] < spread["orders"]["p90"]


@pytest.mark.parametrize(("name", "words"), [("zh", ("蒙特卡洛", "数值，不是公式", "2,000", str(SEED))),
                                             ("en", ("Monte Carlo", "values, not formulas", "2,000", str(SEED)))])
def test_the_ranges_say_they_are_monte_carlo_values_with_their_draws_and_seed(exported, name, words):
    sheet = openpyxl.load_workbook(exported[name][1]).worksheets[0]
    title = sheet.cell(RANGE_HEADER_ROW, 1).value
    note = sheet.cell(RANGE_HEADER_ROW + 2 + len(RANGES), 1).value
    assert DRAWS == 2000
    assert words[0] in title and words[1] in title
    assert words[2] in note and words[3] in note
    assert sheet.cell(RANGE_HEADER_ROW + 2, 2).font.i  # italic: neither an input nor a formula


@pytest.mark.parametrize("name", ["zh", "en"])
def test_every_key_figures_name_is_the_cell_beside_its_label_after_the_rows_moved(exported, name):
    plan, path = exported[name]
    book = openpyxl.load_workbook(path, data_only=True)
    sheet = book.worksheets[0]
    for i, (kpi, zh, en, *_rest) in enumerate(KPIS):
        destination = next(iter(book.defined_names[kpi].destinations))
        assert destination == (sheet.title, f"$B${KPI_HEADER_ROW + 2 + i}")
        assert sheet.cell(KPI_HEADER_ROW + 2 + i, 1).value == (zh if name == "zh" else en)
    # The tables below the ranges start where labels.py says, whatever moved them.
    assert sheet.cell(FUNNEL_HEADER_ROW + 2, 2).value == named_value(book, "total_impressions")
    assert sheet.cell(TOP_HEADER_ROW + 2, 1).value == 1


@pytest.mark.parametrize("name", ["zh", "pair"])
def test_the_key_figures_of_creator_fees_are_the_models(exported, name):
    plan, path = exported[name]
    book = openpyxl.load_workbook(path, data_only=True)
    totals = estimate(plan).totals
    assert totals["creator_fee"] > 0
    for kpi, key in FEE_TOTALS.items():
        expected = totals[key]
        assert_close(named_value(book, kpi), math.nan if expected is None else expected)
    formulas = openpyxl.load_workbook(path)
    assert named_value(formulas, "total_cost") == "=total_budget+creator_fees"


@pytest.mark.parametrize("name", ["zh", "pair"])
def test_each_notes_marginal_roi_and_costs_are_the_models_and_empty_without_a_denominator(exported, name):
    plan, path = exported[name]
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[1]
    values = app_values(plan)
    for key in ("marginal_roi", "total_cost", "total_roi", "brand_total_roi"):
        for row, expected in enumerate(values[key], start=FIRST_NOTE_ROW + 1):
            assert_close(sheet[f"{NOTE_LETTER[key]}{row}"].value, expected)
    if name == "pair":  # the platform pays every yuan of the eligible note, which has no creator fee
        assert math.isnan(values["marginal_roi"][0]) and math.isnan(values["brand_total_roi"][0])
        assert values["marginal_roi"][1] > 0


def test_marginal_roi_and_costs_are_live_formulas_over_the_notes_row(exported):
    sheet = openpyxl.load_workbook(exported["zh"][1]).worksheets[1]
    row = FIRST_NOTE_ROW + 1
    templates = note_templates("zh")
    for key in ("marginal_roi", "total_cost", "total_roi", "brand_total_roi"):
        cell = sheet[f"{NOTE_LETTER[key]}{row}"].value
        assert cell == "=" + templates[key].replace("{r}", str(row)).replace("&lt;", "<").replace("&gt;", ">")
    marginal = sheet[f"{NOTE_LETTER['marginal_roi']}{row}"].value
    for reference in ("cap_reached", "platform_share", "EXP(", f"${NOTE_LETTER['ctr_eff']}{row}",
                      f"${NOTE_LETTER['audience_cap']}{row}"):
        assert reference in marginal
