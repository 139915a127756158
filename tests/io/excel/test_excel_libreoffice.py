"""LibreOffice recalculates exported plans: every value equals the app's to 1e-9, and text stays as typed.

LibreOffice trusts the values stored in an .xlsx unless told otherwise, so each run gets a profile of its
own whose registrymodifications.xcu sets Calc's OOXMLRecalcMode to 0 (always recalculate). Planted
errors, every stored number wrong and a wrong formula, prove that every formula was recalculated and
that the check would see a wrong formula. All files go through one soffice call: the suite stays fast. Without
LibreOffice these tests fail rather than skip: CI installs it (.ci/run). The Gnumeric tests recalculate
the same workbooks and check them with the same functions.
"""

from __future__ import annotations

import csv
import math
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from test_excel_export import (
    HOSTILE,
    RECALCULATED,
    app_values,
    assert_close,
    hostile_plan,
    named_value,
    with_budget,
)

from planner.io.excel import deflate
from planner.io.excel import notes as excel_notes
from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, NOTE_COLUMN, NOTE_COLUMNS, NOTE_LETTER, SCENARIO_TOTALS
from planner.io.excel.read import read_edits
from planner.io.excel.sheet_xml import unescape
from planner.model.compare import compare
from planner.model.funnel import estimate
from planner.model.pacing import pace, plan_windows
from planner.model.plan import Plan

pytestmark = pytest.mark.slow
RECALCULATE_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
           xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
TOTALS = {"total_budget": "budget", "brand_cost": "brand_cost", "platform_cost": "platform_cost",
          "total_impressions": "impressions", "total_clicks": "clicks", "total_interactions": "interactions",
          "total_store_visits": "store_visits", "total_orders": "orders", "total_gmv": "gmv", "plan_roi": "roi",
          "brand_roi": "brand_roi", "plan_cpa": "cpa", "creator_fees": "creator_fee", "total_cost": "total_cost",
          "total_roi": "total_roi", "brand_total_roi": "brand_total_roi"}
PLANTED = 123_456_789.0


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.fail("LibreOffice (soffice) is not installed: the recalculation check must run, not skip "
                    "(apt-get install libreoffice-calc, as .ci/run does)")
    return found


def recalculate(files: list[Path], folder: Path) -> dict[str, Path]:
    """Each file opened, recalculated and saved again as .xlsx by LibreOffice, in one run."""
    profile, out = folder / "profile", folder / "recalculated"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS, encoding="utf-8")
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", str(out), *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    missing = [f.name for f in files if not (out / f.name).exists()]
    assert run.returncode == 0 and not missing, f"soffice failed ({missing}): {run.stdout}\n{run.stderr}"
    return {f.stem: out / f.name for f in files}


def shown_as_text(files: list[Path], folder: Path, sheet: int) -> dict[str, list[list[str]]]:
    """Each file's sheet (1-based) as LibreOffice shows it, recalculated: its cells' text in their number formats."""
    profile, out = folder / "profile", folder / "shown"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALCULATE_ALWAYS, encoding="utf-8")
    # CSV options: comma, double quotes, UTF-8, from line 1, no formats, system language, text not quoted, special
    # numbers detected, cell contents as shown, no formulas, no spaces kept, and only this sheet.
    options = f"44,34,76,1,,0,false,true,true,false,false,{sheet}"
    command = [soffice(), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", f"csv:Text - txt - csv (StarCalc):{options}", "--outdir", str(out), *map(str, files)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, f"soffice failed: {run.stdout}\n{run.stderr}"
    shown = {}
    for file in files:
        (written,) = out.glob(f"{file.stem}-*.csv")  # LibreOffice names it after the sheet
        with written.open(encoding="utf-8", newline="") as table:
            shown[file.stem] = list(csv.reader(table))
    return shown


def plant_values(path: Path) -> int:
    """Replace every number stored beside a formula with PLANTED, leaving the formulas as they are."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    number_formula = re.compile(rb'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)<v>)[^<]*(</v>)')
    planted = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in items:
            if item.filename.startswith("xl/worksheets/"):
                data, count = number_formula.subn(rb"\g<1>" + repr(PLANTED).encode() + rb"\g<2>", data)
                planted += count
            out.writestr(item, data)
    return planted


def export_for_engines(folder: Path) -> dict[str, tuple[Plan, Path]]:
    """Every plan the engines recalculate, exported into `folder`, and two with planted errors: wrong stored
    values (the engine must recalculate, not trust them) and a wrong formula (the check must see it)."""
    plans = {name: (build(), lang) for name, (build, lang) in RECALCULATED.items()}
    plans["planted_values"] = (hostile_plan(), "zh")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(deflate, "BLOCK", 1 << 16)  # the engines read archives deflated in many blocks
        for name, (plan, lang) in plans.items():
            export_plan(plan, folder / f"{name}.xlsx", lang)
    assert plant_values(folder / "planted_values.xlsx") > 20 * len(plans["hostile"][0].notes)
    edit_paced_plan(plans["paced"][0], folder / "paced.xlsx", folder / "paced_edited.xlsx")
    plans["paced_edited"] = plans["paced"]
    with pytest.MonkeyPatch.context() as patch:
        right = excel_notes.note_templates
        patch.setattr(excel_notes, "note_templates", lambda lang: {**right(lang), "gmv": right(lang)["gmv"] + "*2"})
        export_plan(plans["hostile"][0], folder / "planted_formula.xlsx", "zh")
        plans["planted_formula"] = plans["hostile"]
    return {name: (plan, folder / f"{name}.xlsx") for name, (plan, _) in plans.items()}


# What the edited workbook changes: the active budget of one note, the budget of another in scenario B,
# and the weight of one day.
EDITED_BUDGET, EDITED_B_BUDGET, EDITED_DAY, DAY_FACTOR = (5, 12_345.0), (7, 4_321.0), 20, 3.0


def edit_numbers(source: Path, target: Path, edits: dict[tuple[int, str], float]) -> None:
    """A copy of `source` whose number cells (sheet's position, 1-based, and cell) hold other values, as
    someone who typed them would leave them: the formulas' stored values unchanged."""
    with zipfile.ZipFile(source) as archive:
        items = [(item, archive.read(item)) for item in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in items:
            for (sheet, cell), value in edits.items():
                if item.filename == f"xl/worksheets/sheet{sheet}.xml":
                    pattern = rb'(<c r="' + cell.encode() + rb'"[^>]*>)<v>[^<]*</v>'
                    data, count = re.subn(pattern, rb"\g<1><v>" + repr(float(value)).encode() + rb"</v>", data)
                    assert count == 1, (sheet, cell)
            out.writestr(item, data)


def edit_paced_plan(plan: Plan, source: Path, target: Path) -> None:
    """The paced plan's workbook with EDITED_BUDGET, EDITED_B_BUDGET and the weight of EDITED_DAY changed."""
    notes = openpyxl.load_workbook(source, read_only=True)["笔记计划"]
    headers = [cell.value for cell in next(notes.iter_rows(min_row=3, max_row=3))]
    b_column = openpyxl.utils.get_column_letter(headers.index("预算 · B") + 1)
    weight = pace(plan).weights[EDITED_DAY]
    (note, budget), (b_note, b_budget) = EDITED_BUDGET, EDITED_B_BUDGET
    edit_numbers(source, target, {
        (2, f"{NOTE_LETTER['budget']}{FIRST_NOTE_ROW + 1 + note}"): budget,
        (2, f"{b_column}{FIRST_NOTE_ROW + 1 + b_note}"): b_budget, (6, f"C{5 + EDITED_DAY}"): weight * DAY_FACTOR})


def edited_paced_plan(plan: Plan) -> tuple[Plan, np.ndarray]:
    """The plan as the edited workbook has it, and its day weights."""
    (note, budget), (b_note, b_budget) = EDITED_BUDGET, EDITED_B_BUDGET
    edited = with_budget(with_budget(plan, plan.scenario.name, note, budget), "B", b_note, b_budget)
    weights = pace(plan).weights.copy()
    weights[EDITED_DAY] *= DAY_FACTOR
    return edited, weights


def spread_by_note(plan: Plan, weights: np.ndarray) -> dict[str, np.ndarray]:
    """MODEL.md section 9 derived again, note by note (a notes x days grid, which a test plan can afford):
    each note's budget, money and outcomes spread over its window's days in proportion to `weights`."""
    calendar, result = plan.calendar, estimate(plan)
    assert calendar is not None
    windows, days = plan_windows(plan, calendar), np.arange(calendar.n_days)
    first, last = (np.clip(ends, 0, calendar.n_days - 1) for ends in (windows.first, windows.last))
    active = (days >= first[:, None]) & (days <= last[:, None])
    share = active * weights / (active * weights).sum(axis=1, keepdims=True)
    figures = {"spend": "budget", "brand": "brand_cost", "platform": "platform_cost", "orders": "orders",
               "gmv": "gmv"}
    return {day: result.notes[note].to_numpy() @ share for day, note in figures.items()}


def assert_days(plan: Plan, weights: np.ndarray, sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    """The Daily pacing sheet's days are those of `plan` with these day weights."""
    expected = spread_by_note(plan, weights)
    cumulative = np.cumsum(expected["spend"])
    columns = {"C": weights, "D": expected["spend"], "E": expected["brand"], "F": expected["platform"],
               "G": cumulative, "H": cumulative / cumulative[-1], "I": expected["orders"], "J": expected["gmv"]}
    for letter, values in columns.items():
        for row, value in enumerate(values, start=5):
            assert_close(sheet[f"{letter}{row}"].value, value)


def assert_scenario_totals(plan: Plan, sheet: openpyxl.worksheet.worksheet.Worksheet) -> None:
    """Each scenario's column holds compare()'s totals (empty where a ratio has no denominator)."""
    totals = compare(plan).totals
    labels = {cell.value: cell.row for cell in reversed(sheet["A"])}  # the first row of each label: the totals
    for key, zh, en, _kind in SCENARIO_TOTALS:
        if key == "eligible_total":
            continue
        row = labels[zh] if zh in labels else labels[en]
        for col, scenario in enumerate(totals.columns, start=2):
            expected, found = totals.loc[key, scenario], sheet.cell(row, col).value
            if math.isnan(expected):
                assert found in (None, ""), (key, scenario, found)
            else:
                assert_close(found, expected)


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, Path]]:
    folder = tmp_path_factory.mktemp("libreoffice")
    exported = export_for_engines(folder)
    converted = recalculate([path for _, path in exported.values()], folder)
    return {name: (plan, path, converted[name]) for name, (plan, path) in exported.items()}


def values(path: Path) -> dict[tuple[str, str], object]:
    """Every cell's value (a formula's as last computed), by sheet and cell."""
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    return {(sheet.title, f"{cell.column_letter}{cell.row}"): cell.value for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row if getattr(cell, "column_letter", None)}


def named(path: Path, name: str) -> object:
    book = openpyxl.load_workbook(path, data_only=True)
    sheet, ref = next(iter(book.defined_names[name].destinations))
    return book[sheet][ref.replace("$", "")].value


def assert_app_values(plan: Plan, converted: Path) -> None:
    """The notes' rates and funnel, each note's funding and the totals, as recalculated, are the app's."""
    book = openpyxl.load_workbook(converted, data_only=True)
    sheet = book[book.sheetnames[1]]
    for key, expected in app_values(plan).items():
        letter = NOTE_LETTER[key]
        for row, value in enumerate(expected, start=FIRST_NOTE_ROW + 1):
            assert_close(sheet[f"{letter}{row}"].value, value)
    funding, totals = estimate(plan).funding, estimate(plan).totals
    for row, (platform, brand) in enumerate(zip(funding.platform, funding.brand, strict=True), start=16):
        assert_close(book[book.sheetnames[2]][f"E{row}"].value, platform)
        assert_close(book[book.sheetnames[2]][f"F{row}"].value, brand)
    for cell, key in TOTALS.items():
        if totals[key] is None:
            assert named_value(book, cell) in (None, "")
        else:
            assert_close(named_value(book, cell), totals[key])


def same_text(stored: str, computed: object) -> bool:
    """Text as the engine saved it: LibreOffice and Gnumeric keep no carriage return in a cell and write a
    literal `_x0041_` without Excel's escape (the reader of apply-excel accepts both)."""
    expected = unescape(stored).replace("\r\n", "\n")
    return isinstance(computed, str) and expected in (computed, unescape(computed))


def assert_every_value_recalculated_alike(original: Path, converted: Path) -> None:
    """Every value of every sheet the export stored (the app's) is what the engine computed: numbers to
    1e-9 relative, flags and text alike, empty cells empty (a ratio over 0)."""
    stored, computed = values(original), values(converted)
    for place, value in stored.items():
        found = computed.get(place)
        if isinstance(value, bool):  # LibreOffice keeps a flag as a number, 1 or 0
            assert isinstance(found, bool | int | float) and found == value, (place, value, found)
        elif isinstance(value, int | float):
            assert isinstance(found, int | float) and not isinstance(found, bool), (place, value, found)
            assert math.isclose(found, value, rel_tol=1e-9, abs_tol=1e-9), (place, value, found)
        elif isinstance(value, datetime):  # a day of the campaign or of a window
            assert found == value, (place, value, found)
        elif value in (None, ""):
            assert found in (None, ""), (place, found)
        else:
            assert same_text(value, found), (place, value, found)


ENGINE_PLANS = list(RECALCULATED)


@pytest.mark.parametrize("name", ENGINE_PLANS)
def test_libreoffice_recalculates_every_value_to_the_apps(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_app_values(plan, converted)


@pytest.mark.parametrize("name", ENGINE_PLANS)
def test_every_stored_value_is_what_libreoffice_computes(recalculated, name):
    _, original, converted = recalculated[name]
    assert_every_value_recalculated_alike(original, converted)


@pytest.mark.parametrize("name", [name for name in ENGINE_PLANS if "scenarios" in name or "paced" in name])
def test_libreoffice_gives_each_scenario_the_totals_compare_gives(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_scenario_totals(plan, openpyxl.load_workbook(converted, data_only=True).worksheets[4])


@pytest.mark.parametrize("name", ["paced", "paced_en"])
def test_libreoffice_gives_each_day_the_models_figures(recalculated, name):
    plan, _, converted = recalculated[name]
    daily = pace(plan)
    assert_days(plan, daily.weights, openpyxl.load_workbook(converted, data_only=True).worksheets[5])
    np.testing.assert_allclose(spread_by_note(plan, daily.weights)["spend"], daily.spend, rtol=1e-12)


def test_an_edited_budget_or_day_weight_moves_the_totals_and_the_days_as_the_model_would(recalculated):
    plan, _, converted = recalculated["paced_edited"]
    edited, weights = edited_paced_plan(plan)
    book = openpyxl.load_workbook(converted, data_only=True)
    assert_app_values(edited, converted)
    assert_scenario_totals(edited, book.worksheets[4])
    assert_days(edited, weights, book.worksheets[5])


def test_libreoffice_trusts_no_stored_value(recalculated):
    _, planted, converted = recalculated["planted_values"]
    assert named(planted, "total_budget") == PLANTED
    assert_every_value_recalculated_alike(recalculated["hostile"][1], converted)  # the same plan, unplanted


def test_the_check_would_see_a_formula_that_is_wrong(recalculated):
    plan, _, converted = recalculated["planted_formula"]
    gmv = named(converted, "total_gmv")
    expected = estimate(plan).totals["gmv"]
    assert isinstance(gmv, float) and not math.isclose(gmv, expected, rel_tol=1e-9)
    assert math.isclose(gmv, 2 * expected, rel_tol=1e-9)


@pytest.mark.parametrize("field", ["note_id", "title", "creator"])
def test_text_survives_libreoffice_as_typed(recalculated, field):
    plan, _, converted = recalculated["hostile"]
    sheet = openpyxl.load_workbook(converted)["笔记计划"]
    letter = NOTE_LETTER[field]
    for row, typed in enumerate(plan.notes[field], start=FIRST_NOTE_ROW + 1):
        cell = sheet[f"{letter}{row}"]
        assert cell.data_type == "s" and cell.hyperlink is None
        # LibreOffice keeps line feeds but no carriage return in a cell, and writes a literal `_x0041_`
        # without Excel's escape (openpyxl then reads it as typed): the reader of apply-excel accepts both.
        expected = typed.replace("\r\n", "\n")
        assert expected in (cell.value, unescape(cell.value)), row
    assert [sheet[f"A{row}"].value for row in range(4, 10)] == HOSTILE[:6]  # =, +, -, @, tab, newline


def test_a_workbook_saved_by_libreoffice_reads_back_with_no_change(recalculated):
    plan, _, converted = recalculated["hostile"]
    edits = read_edits(plan, converted)
    assert (edits.changes, edits.ignored) == ((), ())


def test_libreoffice_shows_flags_as_yes_or_no_in_chinese_and_true_or_false_in_english(tmp_path):
    """Flags are logical values in both languages (formulas compare them with TRUE); their number format shows them
    as 是/否 in a Chinese workbook, typed or computed, once recalculated."""
    plan = hostile_plan()
    for lang in ("zh", "en"):
        export_plan(plan, tmp_path / f"{lang}.xlsx", lang)
    shown = shown_as_text([tmp_path / "zh.xlsx", tmp_path / "en.xlsx"], tmp_path, sheet=2)
    eligible = estimate(plan).notes["eligible"].to_numpy()
    assert eligible.any() and not eligible.all()
    for lang, words in (("zh", ("是", "否")), ("en", ("TRUE", "FALSE"))):
        rows = shown[lang][FIRST_NOTE_ROW:FIRST_NOTE_ROW + len(plan.notes)]
        for key, flags in (("is_ad", plan.notes["is_ad"]), ("taobao_link", plan.notes["taobao_link"]),
                           ("locked", plan.notes["locked"]), ("eligible", eligible)):
            column = NOTE_COLUMNS.index(NOTE_COLUMN[key])
            assert [row[column] for row in rows] == [words[0] if flag else words[1] for flag in flags], (lang, key)


def test_without_libreoffice_the_check_fails_rather_than_skips(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        soffice()
