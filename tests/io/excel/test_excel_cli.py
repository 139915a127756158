"""planner-cli export and apply-excel through a subprocess: files, output and exit codes."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from commands import run_cli as cli
from plans import small_notes

from planner.io.planfile import load_plan, save_plan
from planner.model.plan import PlanParams, new_plan


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.rcplan"
    save_plan(new_plan(small_notes(), name="小计划", params=PlanParams(brand_budget=5000.0)), path)
    return path


def test_export_writes_the_workbook_in_the_chosen_language(tmp_path, plan_file):
    run = cli("export", plan_file, "-o", tmp_path / "plan.xlsx", "--lang", "en")
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"wrote {tmp_path / 'plan.xlsx'}: 3 notes (English)\n"
    assert openpyxl.load_workbook(tmp_path / "plan.xlsx").sheetnames[:4] == ["Summary", "Notes plan", "Funding",
                                                                             "Assumptions"]


def test_export_of_the_demo_plan_is_in_chinese_by_default(tmp_path):
    run = cli("export", "--demo", "-o", tmp_path / "demo.xlsx")
    assert run.returncode == 0, run.stderr
    assert openpyxl.load_workbook(tmp_path / "demo.xlsx").sheetnames[0] == "总览"


def test_export_of_a_missing_plan_exits_2_and_one_that_cannot_be_written_exits_1(tmp_path, plan_file):
    missing = cli("export", tmp_path / "none.rcplan", "-o", tmp_path / "x.xlsx")
    assert missing.returncode == 2 and "none.rcplan" in missing.stderr and "Traceback" not in missing.stderr
    unwritable = cli("export", plan_file, "-o", tmp_path / "no" / "such" / "folder" / "x.xlsx")
    assert unwritable.returncode == 1 and "Traceback" not in unwritable.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_apply_excel_prints_the_changes_and_saves_the_plan(tmp_path, plan_file):
    cli("export", plan_file, "-o", tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    book["笔记计划"]["Q5"] = 800
    book.save(tmp_path / "edited.xlsx")
    run = cli("apply-excel", plan_file, tmp_path / "edited.xlsx", "-o", tmp_path / "out.rcplan")
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == [
        "1 change read back from edited.xlsx:",
        "  sheet     row  note/industry  column  old   new",
        "  笔记计划  5    n2             预算    ¥500  ¥800",
        f"wrote {tmp_path / 'out.rcplan'}",
    ]
    assert load_plan(tmp_path / "out.rcplan").notes["budget"].tolist() == [1000.0, 800.0, 0.0]
    assert load_plan(plan_file).notes["budget"].tolist() == [1000.0, 500.0, 0.0]
    in_place = cli("apply-excel", plan_file, tmp_path / "edited.xlsx")
    assert in_place.returncode == 0 and load_plan(plan_file).notes["budget"].tolist() == [1000.0, 800.0, 0.0]


def test_apply_excel_with_an_invalid_cell_exits_2_and_changes_nothing(tmp_path, plan_file):
    cli("export", plan_file, "-o", tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    book["笔记计划"]["Q4"], book["笔记计划"]["Q5"] = 3000, "很多"
    book.save(tmp_path / "edited.xlsx")
    before = plan_file.read_bytes()
    run = cli("apply-excel", plan_file, tmp_path / "edited.xlsx")
    assert run.returncode == 2
    assert run.stderr == ('edited.xlsx, row 5, column 预算: value "很多": expected a budget in yuan: a number of 0 '
                          "or more, not text (sheet 笔记计划)\n")
    assert run.stdout == "" and plan_file.read_bytes() == before


def exported_then(tmp_path: Path, plan_file: Path, change: Callable[[openpyxl.Workbook], None]) -> Path:
    """The plan exported by the CLI, then edited with openpyxl (which stores no formula results)."""
    cli("export", plan_file, "-o", tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    change(book)
    book.save(tmp_path / "edited.xlsx")
    return tmp_path / "edited.xlsx"


def store_cell(path: Path, cell: str, xml: str) -> None:
    """Replace one cell of the notes sheet with `xml`, as another program may store it."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in items:
            if item.filename == "xl/worksheets/sheet2.xml":
                data, count = re.subn(rb'<c r="' + cell.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', xml.encode(), data,
                                      count=1, flags=re.S)
                assert count == 1
            archive.writestr(item, data)


def refused_run(plan_file: Path, edited: Path) -> str:
    """apply-excel's stderr, after checking that it exited 2 with no traceback and left the plan alone."""
    before = plan_file.read_bytes()
    run = cli("apply-excel", plan_file, edited)
    assert (run.returncode, run.stdout) == (2, ""), run.stderr
    assert "Traceback" not in run.stderr and plan_file.read_bytes() == before
    return run.stderr


def test_apply_excel_refuses_budgets_named_over_another_column(tmp_path, plan_file):
    def change(book: openpyxl.Workbook) -> None:
        book.defined_names["note_budgets"].attr_text = "'笔记计划'!$H$4:$H$6"  # the CPM column

    assert refused_run(plan_file, exported_then(tmp_path, plan_file, change)) == (
        'edited.xlsx, row 3, column H: value "千次曝光成本": expected the header above the cells of the name '
        "note_budgets ('笔记计划'!$H$4:$H$6) to read 预算 or Budget: the name points elsewhere than the export put it; "
        "point it back, or export again (sheet 笔记计划)\n")


def test_apply_excel_refuses_a_formula_without_its_result(tmp_path, plan_file):
    path = exported_then(tmp_path, plan_file, lambda book: book["笔记计划"].__setitem__("Q4", "=1000*2"))
    assert refused_run(plan_file, path) == (
        'edited.xlsx, row 4, column 预算: value "=1000*2": expected a budget in yuan: a number of 0 or more; cell Q4 '
        "holds a formula whose result was not saved (files written by scripts have none): open the workbook in "
        "Excel, WPS or LibreOffice and save it, or type the value (sheet 笔记计划)\n")


@pytest.mark.parametrize("stored", ["NaN", "1e999"])
def test_apply_excel_blames_an_unreadable_budget_on_the_workbooks_cell(tmp_path, plan_file, stored):
    cli("export", plan_file, "-o", tmp_path / "edited.xlsx")
    store_cell(tmp_path / "edited.xlsx", "Q5", f'<c r="Q5" t="n"><v>{stored}</v></c>')
    stderr = refused_run(plan_file, tmp_path / "edited.xlsx")
    assert stderr.startswith(f'edited.xlsx, row 5, column 预算: value "{stored}": expected a budget in yuan')
    assert "plan.rcplan" not in stderr


def test_apply_excel_moves_the_band_of_a_lift_edited_alone(tmp_path, plan_file):
    path = exported_then(tmp_path, plan_file, lambda book: book["假设"].__setitem__("H16", 1.0))  # sports: 0.85
    run = cli("apply-excel", plan_file, path, "-o", tmp_path / "out.rcplan")
    assert run.returncode == 0, run.stderr
    assert [line.split()[-2:] for line in run.stdout.splitlines()[2:5]] == [
        ["+85.00%", "+100.00%"], ["+42.50%", "+57.50%"], ["+127.50%", "+142.50%"]]
    sports = load_plan(tmp_path / "out.rcplan").lifts.table.loc["sports"]
    assert sports[["entry_lift_low", "entry_lift", "entry_lift_high"]].tolist() == pytest.approx([0.575, 1.0, 1.425])
    assert sports["source"] == "typed"
