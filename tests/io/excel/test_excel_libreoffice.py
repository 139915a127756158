"""LibreOffice recalculates exported plans: every value equals the app's to 1e-9, and text stays as typed.

LibreOffice trusts the values stored in an .xlsx unless told otherwise, so each run gets a profile of its
own whose registrymodifications.xcu sets Calc's OOXMLRecalcMode to 0 (always recalculate). Planted
errors, every stored number wrong and a wrong formula, prove that every formula was recalculated and
that the check would see a wrong formula. All files go through one soffice call: the suite stays fast. Without
LibreOffice these tests fail rather than skip: CI installs it (.ci/run). The Gnumeric tests recalculate
the same workbooks and check them with the same functions.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_excel_export import HOSTILE, RECALCULATED, app_values, assert_close, hostile_plan, named_value

from planner.io.excel import deflate
from planner.io.excel import notes as excel_notes
from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, NOTE_LETTER
from planner.io.excel.read import read_edits
from planner.io.excel.sheet_xml import unescape
from planner.model.funnel import estimate
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
          "brand_roi": "brand_roi", "plan_cpa": "cpa"}
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
    with pytest.MonkeyPatch.context() as patch:
        right = excel_notes.note_templates
        patch.setattr(excel_notes, "note_templates", lambda lang: {**right(lang), "gmv": right(lang)["gmv"] + "*2"})
        export_plan(plans["hostile"][0], folder / "planted_formula.xlsx", "zh")
        plans["planted_formula"] = plans["hostile"]
    return {name: (plan, folder / f"{name}.xlsx") for name, (plan, _) in plans.items()}


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


def test_without_libreoffice_the_check_fails_rather_than_skips(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        soffice()
