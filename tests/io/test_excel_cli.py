"""planner-cli export and apply-excel through a subprocess: files, output and exit codes."""

from __future__ import annotations

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
        "1 change(s) read back from edited.xlsx:",
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
