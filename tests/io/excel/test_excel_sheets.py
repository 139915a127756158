"""The Scenarios and Daily pacing sheets as written (CONTRACT.md "Excel plan", scenarios and pacing): where
each scenario's budgets and each note's window are, the names, the formulas and the values they carry.

The spreadsheet engines' recalculation of the same plans is checked in test_excel_libreoffice and
test_excel_gnumeric.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula
from test_excel_export import (
    assert_close,
    campaign,
    hostile_plan,
    named_value,
    paced_plan,
    three_scenarios_plan,
    two_scenarios_plan,
)

from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, NOTE_COLUMNS, NOTE_LETTER, letter_of
from planner.io.excel.pacing import note_windows
from planner.io.excel.sheet_xml import unescape
from planner.model.compare import compare
from planner.model.errors import InputError
from planner.model.funnel import estimate
from planner.model.guardrails import guardrails
from planner.model.pacing import pace, plan_windows
from planner.model.plan import Plan
from planner.model.scenarios import all_scenarios

FIGURES = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "interactions", "store_visits",
           "orders", "gmv", "roi", "brand_roi", "cpa")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    folder = tmp_path_factory.mktemp("sheets")
    plans = {"one": (hostile_plan(), "zh"), "two": (two_scenarios_plan(), "zh"),
             "three": (three_scenarios_plan(), "en"), "paced": (paced_plan(), "zh"), "paced_en": (paced_plan(), "en")}
    for name, (plan, lang) in plans.items():
        export_plan(plan, folder / f"{name}.xlsx", lang)
    return {name: (plan, folder / f"{name}.xlsx") for name, (plan, _) in plans.items()}


def named_cells(book: openpyxl.Workbook, name: str) -> list[object]:
    """The cells of a named row or column, in order."""
    sheet, ref = next(iter(book.defined_names[name].destinations))
    block = book[sheet][ref.replace("$", "")]
    return [cell.value for line in block for cell in line]


def rows_by_label(sheet: openpyxl.worksheet.worksheet.Worksheet, label: str) -> list[int]:
    return [cell.row for cell in sheet["A"] if cell.value == label]


def test_the_new_sheets_follow_the_four_and_pacing_comes_with_a_calendar(exported):
    warned = {name: ["预警" if name == "one" else "Warnings"] if guardrails(plan, estimate(plan)) else []
              for name, (plan, _path) in exported.items() if name in ("one", "paced_en")}
    assert openpyxl.load_workbook(exported["one"][1]).sheetnames == [
        "总览", "笔记计划", "联投出资", "假设", "方案对比", *warned["one"], "_redcat"]
    assert openpyxl.load_workbook(exported["paced_en"][1]).sheetnames == [
        "Summary", "Notes plan", "Funding", "Assumptions", "Scenarios", "Daily pacing", *warned["paced_en"], "_redcat"]


@pytest.mark.parametrize("name", ["one", "two", "three"])
def test_scenario_names_name_the_row_of_every_scenario_in_the_plans_order(exported, name):
    plan, path = exported[name]
    book = openpyxl.load_workbook(path)
    names = [unescape(str(cell)) for cell in named_cells(book, "scenario_names")]
    assert names == [scenario.name for scenario in all_scenarios(plan)]


@pytest.mark.parametrize("name", ["one", "two", "three"])
def test_each_scenarios_totals_carry_what_compare_gives(exported, name):
    plan, path = exported[name]
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[4]
    totals, names = compare(plan).totals, [scenario.name for scenario in all_scenarios(plan)]
    labels = ("Total boost budget", "Brand pays", "Platform pays", "Impressions", "Clicks", "Interactions",
              "Store visits", "Orders", "GMV", "ROI", "Brand ROI", "CPA")
    words = dict(zip(labels, FIGURES, strict=True)) if name == "three" else dict(zip(
        ("加热预算合计", "品牌方出资", "平台出资", "曝光", "点击", "互动", "进店", "订单", "成交额", "ROI", "品牌 ROI", "CPA"),
        FIGURES, strict=True))
    for label, key in words.items():
        row = rows_by_label(sheet, label)[0]  # the totals; the differences follow
        for col, scenario in enumerate(names, start=2):
            expected = totals.loc[key, scenario]
            found = sheet.cell(row, col).value
            if np.isnan(expected):
                assert found in (None, "")
            else:
                assert_close(found, expected)


def test_the_differences_to_the_active_scenario_are_compares(exported):
    plan, path = exported["three"]
    sheet = openpyxl.load_workbook(path, data_only=True)["Scenarios"]
    comparison = compare(plan)
    gmv = rows_by_label(sheet, "GMV")
    for col, scenario in enumerate(comparison.totals.columns, start=2):
        assert_close(sheet.cell(gmv[1], col).value, comparison.difference.loc["gmv", scenario])
        assert_close(sheet.cell(gmv[2], col).value, comparison.relative.loc["gmv", scenario])
    assert sheet.cell(gmv[1], 3).value == 0  # the active one, "half lifts", second in the plan


def test_each_inactive_scenario_has_a_budget_column_of_inputs_on_the_notes_sheet(exported):
    plan, path = exported["three"]
    sheet = openpyxl.load_workbook(path)["Notes plan"]
    first = len(NOTE_COLUMNS) + 1
    assert [sheet.cell(3, col).value for col in (first, first + 1)] == ["Budget · three", "Budget · bold"]
    ids = plan.notes["note_id"]
    for col, scenario in zip((first, first + 1), (s for s in all_scenarios(plan) if s.name != "half lifts"),
                             strict=True):
        cells = [sheet.cell(row, col) for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 1 + len(ids))]
        assert [cell.value for cell in cells] == scenario.budgets_for(ids).tolist()
        assert all(cell.data_type == "n" and cell.fill.fgColor.rgb.endswith("FFF2CC") for cell in cells)
        assert sheet.cell(FIRST_NOTE_ROW + 1 + len(ids), col).value == (
            f"=SUM({letter_of(col - 1)}4:{letter_of(col - 1)}{FIRST_NOTE_ROW + len(ids)})")
    assert sheet.auto_filter.ref.split(":")[1].startswith(letter_of(first))  # sorting keeps them with their note


def test_an_inactive_scenarios_totals_are_array_formulas_over_its_own_budget_column(exported):
    _, path = exported["three"]
    book = openpyxl.load_workbook(path)
    sheet = book["Scenarios"]
    orders = rows_by_label(sheet, "Orders")[0]
    bold = sheet.cell(orders, 4).value
    budgets = f"'Notes plan'!${letter_of(len(NOTE_COLUMNS) + 1)}$4"
    assert isinstance(bold, ArrayFormula) and budgets in bold.text and "SUMPRODUCT" not in bold.text
    assert all(name in bold.text for name in ("note_ctr_lifts", "note_entry_lifts", "note_cvr", "note_links"))
    assert sheet.cell(orders, 3).value == "=total_orders"  # the active scenario is the workbook's own
    assert sheet.cell(rows_by_label(sheet, "Lift scale")[0], 4).value == 8.0


def test_the_active_scenarios_lift_scale_is_a_parameter_its_rates_take(exported):
    plan, path = exported["three"]
    book = openpyxl.load_workbook(path)
    assert named_value(book, "lift_scale") == 0.5
    formula = book["Notes plan"][f"{NOTE_LETTER['ctr_eff']}4"].value
    assert f"${NOTE_LETTER['ctr_lift']}4*lift_scale" in formula
    values = openpyxl.load_workbook(path, data_only=True)["Notes plan"]
    lifts = plan.lifts.values_for(plan.notes["industry"])
    for row in range(4, 8):
        assert values[f"{NOTE_LETTER['ctr_lift']}{row}"].value == lifts[row - 4, 0]  # before the scale


def test_day_names_hold_the_days_their_weights_and_spend(exported):
    plan, path = exported["paced"]
    daily = pace(plan)
    book = openpyxl.load_workbook(path, data_only=True)
    assert [d.date() for d in named_cells(book, "day_dates")] == daily.dates.astype(object).tolist()
    for name, expected in (("day_weights", daily.weights), ("day_spend", daily.spend)):
        for found, value in zip(named_cells(book, name), expected, strict=True):
            assert_close(found, value)


@pytest.mark.parametrize("name", ["paced", "paced_en"])
def test_every_daily_figure_carries_the_models(exported, name):
    plan, path = exported[name]
    daily = pace(plan)
    sheet = openpyxl.load_workbook(path, data_only=True).worksheets[5]
    columns = {"C": daily.weights, "D": daily.spend, "E": daily.brand, "F": daily.platform, "G": daily.cumulative,
               "H": daily.cumulative_share, "I": daily.outcomes["orders"], "J": daily.outcomes["gmv"]}
    for letter, expected in columns.items():
        for row, value in enumerate(expected, start=5):
            assert_close(sheet[f"{letter}{row}"].value, value)
    assert [sheet[f"B{row}"].value for row in range(5, 5 + len(daily.phases))] == daily.phases
    assert_close(sheet[f"D{5 + len(daily.dates)}"].value, plan.notes["budget"].sum())


def test_each_note_names_its_window_and_each_window_its_days(exported):
    plan, path = exported["paced"]
    book = openpyxl.load_workbook(path)
    numbers = named_cells(book, "note_windows")
    windows = plan_windows(plan, plan.calendar)
    days = plan.calendar.dates().astype(object)
    sheet = book["每日节奏"]
    for note, number in enumerate(numbers):
        first, last = (sheet.cell(4 + int(number), col).value.date() for col in (13, 14))  # M, N
        assert first == days[max(0, windows.first[note])] and last == days[min(len(days) - 1, windows.last[note])]
    assert len(set(numbers)) == len(note_windows(plan, plan.calendar)) < len(numbers)  # notes share windows


def test_the_daily_figures_are_formulas_over_the_weights_and_the_windows(exported):
    _, path = exported["paced"]
    sheet = openpyxl.load_workbook(path)["每日节奏"]
    assert sheet["C5"].data_type == "n" and sheet["C5"].fill.fgColor.rgb.endswith("FFF2CC")  # an input
    assert sheet["D5"].value.startswith("=$C5*SUMIFS(")
    assert sheet["P5"].value.startswith("=SUMIFS(day_weights,day_dates,")
    assert sheet["Q5"].value == "=SUMIFS(note_budgets,note_windows,$L5)"
    assert sheet.column_dimensions["V"].hidden


def test_a_plan_without_a_calendar_has_no_window_column(exported):
    book = openpyxl.load_workbook(exported["two"][1])
    assert "note_windows" not in book.defined_names and "day_dates" not in book.defined_names
    assert [c.value for c in book["笔记计划"][3]][-1] == "预算 · =B \"省钱\" 🎉"


def test_a_note_whose_window_misses_the_campaign_is_refused(tmp_path):
    plan = paced_plan()
    notes = plan.notes.copy()
    notes.loc[3, ["start_date", "end_date"]] = ["2024-01-01", "2024-01-02"]
    with pytest.raises(InputError, match="meets the campaign"):
        export_plan(plan.with_notes(notes), tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


def test_one_window_serves_a_plan_whose_notes_have_no_dates(tmp_path):
    plan = replace(hostile_plan(), calendar=campaign())
    export_plan(plan, tmp_path / "x.xlsx")
    book = openpyxl.load_workbook(tmp_path / "x.xlsx", data_only=True)
    assert set(named_cells(book, "note_windows")) == {1}
    sheet = book["每日节奏"]
    assert (sheet["M5"].value.date(), sheet["N5"].value.date()) == (campaign().first_day, campaign().last_day)
    assert sheet["L6"].value == "合计"
