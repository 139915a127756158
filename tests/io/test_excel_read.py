"""Reading an edited Excel plan back (apply-excel): what is applied, what is not, and every refusal."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from openpyxl.utils.cell import range_boundaries

from planner.io.excel_export import export_plan
from planner.io.excel_read import Change, apply_edits, edits_table, read_edits
from planner.model.errors import InputError
from planner.model.funnel import estimate
from planner.model.lifts import SOURCE_TYPED
from planner.model.plan import Plan

Edit = Callable[[openpyxl.Workbook], None]


def edited(plan: Plan, tmp_path: Path, change: Edit, lang: str = "zh") -> Path:
    """The plan exported, then changed with openpyxl as a user would in Excel, saved as edited.xlsx."""
    export_plan(plan, tmp_path / "plan.xlsx", lang)
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    change(book)
    book.save(tmp_path / "edited.xlsx")
    return tmp_path / "edited.xlsx"


def delete_row(book: openpyxl.Workbook, sheet: str, row: int) -> None:
    """Delete a row as Excel does: the named ranges over it shrink by one (openpyxl leaves them alone)."""
    book[sheet].delete_rows(row)
    for defined in book.defined_names.values():
        place, ref = next(iter(defined.destinations))
        first_col, first, last_col, last = range_boundaries(ref.replace("$", ""))
        if place == sheet and first <= row <= last:
            letter = openpyxl.utils.get_column_letter(first_col)
            defined.attr_text = f"'{sheet}'!${letter}${first}:${letter}${last - 1}"


def problems(path: Path, plan: Plan) -> list[str]:
    with pytest.raises(InputError) as error:
        read_edits(plan, path)
    return [str(p) for p in error.value.problems]


def test_an_unedited_export_reads_back_with_no_change(tmp_path, small_plan):
    export_plan(small_plan, tmp_path / "plan.xlsx")
    edits = read_edits(small_plan, tmp_path / "plan.xlsx")
    assert (edits.changes, edits.ignored, edits.lang) == ((), (), "zh")


def test_budgets_lock_flags_and_a_lift_edited_in_excel_are_applied(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        notes, assumptions = book["笔记计划"], book["假设"]
        notes["Q4"], notes["Q6"], notes["R5"], notes["R6"] = 2500, 1234.5, True, "是"
        assumptions["B15"] = 0.25  # beauty's CTR lift (default, beauty, sports)

    edits = read_edits(small_plan, edited(small_plan, tmp_path, change))
    assert edits.changes == (
        Change("笔记计划", 4, "预算", "n1", "budget", 1000.0, 2500.0),
        Change("笔记计划", 6, "预算", "n3", "budget", 0.0, 1234.5),
        Change("笔记计划", 5, "锁定", "n2", "locked", False, True),
        Change("笔记计划", 6, "锁定", "n3", "locked", False, True),
        Change("假设", 15, "点击提升率", "beauty", "ctr_lift", 0.2, 0.25),
        Change("假设", 15, "点击提升率 低 (P10)", "beauty", "ctr_lift_low", 0.1, pytest.approx(0.15)),
        Change("假设", 15, "点击提升率 高 (P90)", "beauty", "ctr_lift_high", pytest.approx(0.3), pytest.approx(0.35)),
    )
    plan = apply_edits(small_plan, edits)
    assert plan.notes["budget"].tolist() == [2500.0, 500.0, 1234.5]
    assert plan.notes["locked"].tolist() == [False, True, True]
    assert plan.lifts.table.loc["beauty", "ctr_lift"] == 0.25
    assert plan.lifts.table.loc["beauty", "source"] == SOURCE_TYPED
    assert estimate(plan).totals["budget"] == 2500.0 + 500.0 + 1234.5


def test_other_edited_inputs_are_listed_but_not_applied(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        book["笔记计划"]["I4"] = 0.07  # n1's CTR
        book["假设"]["B7"] = 0.3  # platform share

    edits = read_edits(small_plan, edited(small_plan, tmp_path, change))
    assert edits.changes == ()
    assert edits.ignored == (Change("笔记计划", 4, "点击率", "n1", "ctr", 0.05, 0.07),
                             Change("假设", 7, "平台出资比例", "", "platform_share", 0.5, 0.3))
    assert apply_edits(small_plan, edits).notes.equals(small_plan.notes)
    lines = edits_table(edits)
    assert lines[0] == "0 change(s) read back from edited.xlsx."
    assert "NOT read back" in lines[1] and "n1" in lines[3] and "5.0000%" in lines[3] and "7.0000%" in lines[3]


def test_an_english_export_reads_back_by_its_english_headers(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        book["Notes plan"]["Q5"] = 0

    edits = read_edits(small_plan, edited(small_plan, tmp_path, change, lang="en"))
    assert edits.changes == (Change("Notes plan", 5, "Budget", "n2", "budget", 500.0, 0.0),)


def test_an_emptied_budget_cell_is_a_budget_of_zero(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, lambda book: book["笔记计划"]["Q4"].__setattr__(
        "value", None)))
    assert edits.changes == (Change("笔记计划", 4, "预算", "n1", "budget", 1000.0, 0.0),)


def test_a_lift_row_added_in_the_workbook_is_a_new_typed_row(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        sheet = book["假设"]
        sheet.append([])
        for column, value in enumerate(["food", 0.1, 0.0, 0.2, 0.5, 0.4, 0.6, 0.3, 0.2, 0.4], start=1):
            sheet.cell(17, column, value)
        book.defined_names["lift_industry"].attr_text = "'假设'!$A$14:$A$17"

    edits = read_edits(small_plan, edited(small_plan, tmp_path, change))
    assert {(c.key, c.field, c.old, c.new) for c in edits.changes} >= {("food", "entry_lift", None, 0.3)}
    plan = apply_edits(small_plan, edits)
    assert plan.lifts.table.loc["food", ["ctr_lift", "source"]].tolist() == [0.1, SOURCE_TYPED]
    assert estimate(plan).notes["clicks"].iat[1] == estimate(small_plan).notes["clicks"].iat[1]  # n2 not eligible


def test_text_in_a_budget_cell_is_refused_and_nothing_is_applied(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        book["笔记计划"]["Q4"] = 3000  # a valid edit ...
        book["笔记计划"]["Q5"] = "abc"  # ... and an invalid one

    assert problems(edited(small_plan, tmp_path, change), small_plan) == [
        'edited.xlsx, row 5, column 预算: value "abc": expected a budget in yuan: a number of 0 or more, not text '
        "(sheet 笔记计划)"]


def test_a_negative_budget_is_refused_by_the_models_rule_at_the_workbooks_cell(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", -5.5))
    assert problems(path, small_plan) == [
        'edited.xlsx, row 4, column 预算: value "-5.5": expected an amount of 0 or more (sheet 笔记计划)']


def test_a_lock_flag_that_is_not_true_or_false_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("R5", "maybe"))
    assert problems(path, small_plan) == [
        'edited.xlsx, row 5, column 锁定: value "maybe": expected TRUE or FALSE (是 or 否) (sheet 笔记计划)']


def test_an_unknown_id_is_refused_and_the_note_it_replaced_is_missing(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("A6", "n9"))
    assert problems(path, small_plan) == [
        "edited.xlsx, row 6, column 笔记ID: value \"n9\": expected the id of one of the plan's notes (add notes in "
        "the app, not here) (sheet 笔记计划)",
        'edited.xlsx, column 笔记ID: value "n3": expected a row for each note of the plan (this note\'s row was '
        "deleted or its id changed; set its budget to 0 rather than delete it) (sheet 笔记计划)"]


def test_a_duplicated_id_is_refused_at_its_second_row(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("A6", "n1"))
    assert problems(path, small_plan)[0] == (
        'edited.xlsx, row 6, column 笔记ID: value "n1": expected each note once (row 4 has this id too) '
        "(sheet 笔记计划)")


def test_a_deleted_row_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: delete_row(book, "笔记计划", 5))
    assert problems(path, small_plan) == [
        'edited.xlsx, column 笔记ID: value "n2": expected a row for each note of the plan (this note\'s row was '
        "deleted or its id changed; set its budget to 0 rather than delete it) (sheet 笔记计划)"]


def test_a_workbook_of_another_plan_is_one_problem_not_one_per_row(tmp_path, small_plan, big_plan):
    export_plan(big_plan, tmp_path / "other.xlsx")
    assert problems(tmp_path / "other.xlsx", small_plan) == [
        "other.xlsx, column 笔记ID: a workbook exported from this plan (none of its 10000 note ids is one of the "
        "plan's) (sheet 笔记计划)"]


@pytest.mark.parametrize(("cell", "value", "expected"), [
    ("B15", "abc", ['edited.xlsx, row 15, column 点击提升率: value "abc": expected a lift: a number of -1 or more '
                    "(0.2 = +20%) (sheet 假设)"]),
    ("E14", -2, ['edited.xlsx, row 14, column 互动提升率: value "-2.0": expected a lift of -1 or more (0.2 = +20%) '
                 "(sheet 假设)",
                 'edited.xlsx, row 14, column 互动提升率 低 (P10): value "0.545 .. 1.635": expected a range around '
                 "the lift -2.0 (low <= lift <= high) (sheet 假设)"]),
    ("A15", "sports", ['edited.xlsx, row 16, column 行业: value "sports": expected each industry once (row 15 has '
                       "it too) (sheet 假设)",
                       'edited.xlsx, column 行业: value "beauty": expected a row for each industry of the plan\'s '
                       "lifts (this one was deleted) (sheet 假设)"]),
])
def test_an_invalid_lift_is_refused(tmp_path, small_plan, cell, value, expected):
    path = edited(small_plan, tmp_path, lambda book: book["假设"].__setitem__(cell, value))
    assert problems(path, small_plan) == expected


def test_a_workbook_that_is_not_one_of_our_exports_is_refused(tmp_path, small_plan):
    book = openpyxl.Workbook()
    book.active.append(["笔记ID", "预算"])
    book.save(tmp_path / "other.xlsx")
    assert problems(tmp_path / "other.xlsx", small_plan) == [
        "other.xlsx: a workbook exported by RedCat Planner (planner-cli export or the app's Export); this one has "
        "no RedCat Planner marker, so its rows cannot be matched to a plan"]


def test_an_export_from_a_newer_version_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["_redcat"].__setitem__("B2", 2))
    assert problems(path, small_plan) == [
        "edited.xlsx: an export of format version 1 or older; this one is version 2, from a newer RedCat Planner: "
        "update the app"]


def test_a_deleted_named_range_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book.defined_names.pop("note_budgets"))
    assert problems(path, small_plan) == [
        'edited.xlsx: value "note_budgets": expected the named range of an exported plan (it is missing or broken, '
        "e.g. after all its rows were deleted): export again"]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path, small_plan):
    (tmp_path / "notes.xlsx").write_text("笔记ID,预算\nn1,1000\n", encoding="utf-8")
    assert problems(tmp_path / "notes.xlsx", small_plan) == [
        "notes.xlsx: not an XLSX workbook (an exported plan is one; was it saved in another format?)"]


def test_a_workbook_carrying_xml_entities_is_refused_before_it_is_parsed(tmp_path, small_plan):
    export_plan(small_plan, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(tmp_path / "plan.xlsx") as source, zipfile.ZipFile(tmp_path / "bomb.xlsx", "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/workbook.xml":
                data = re.sub(rb"^(<\?xml[^>]*\?>)", rb'\1<!DOCTYPE x [<!ENTITY a "aaaa">]>', data)
            out.writestr(item, data)
    (message,) = problems(tmp_path / "bomb.xlsx", small_plan)
    assert message.startswith("bomb.xlsx: ") and "DTD" in message


def test_the_change_table_lines_up_chinese_text(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", 2500)))
    assert edits_table(edits) == [
        "1 change(s) read back from edited.xlsx:",
        "  sheet     row  note/industry  column  old     new",
        "  笔记计划  4    n1             预算    ¥1,000  ¥2,500",
    ]


def test_reading_a_big_export_back_finds_every_note(tmp_path, big_plan):
    export_plan(big_plan, tmp_path / "big.xlsx")
    assert read_edits(big_plan, tmp_path / "big.xlsx").changes == ()
    budgets = np.asarray(big_plan.notes["budget"])
    assert budgets.shape == (10_000,)
