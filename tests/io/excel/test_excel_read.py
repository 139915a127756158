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

from planner.io.excel import workbook_xml
from planner.io.excel.export import export_plan
from planner.io.excel.read import Change, apply_edits, edits_table, read_edits
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
    assert lines[0] == "No changes read back from edited.xlsx."
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


NOTES_SHEET, FUNDING_SHEET = "xl/worksheets/sheet2.xml", "xl/worksheets/sheet3.xml"  # the second is never read
DTD = ("declares a DTD or XML entities: refused (a possible XML entity bomb)",
       lambda xml: re.sub(rb"^(<\?xml[^>]*\?>)", rb'\1<!DOCTYPE x [<!ENTITY a "aaaa">]>', xml))
FAR_CELL = ("spans 17,179,869,184 cells (the limit is 20,000,000): refused",
            lambda xml: xml.replace(b"</sheetData>", b'<row r="9"><c r="XFD1048576"><v>1</v></c></row></sheetData>'))


def rebuilt(path: Path, parts: dict[str, Callable[[bytes], bytes]], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """The workbook with some parts rewritten, as a damaged or hostile file may hold them."""
    out = path.with_name(f"rebuilt_{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", method) as archive:
        for item in source.infolist():
            data = source.read(item)
            archive.writestr(item.filename, parts[item.filename](data) if item.filename in parts else data)
    return out


@pytest.mark.parametrize("while_read", [False, True], ids=["checked-first", "checked-while-read"])
@pytest.mark.parametrize("part", [NOTES_SHEET, FUNDING_SHEET])
@pytest.mark.parametrize(("told", "damage"), [DTD, FAR_CELL], ids=["dtd", "far-cell"])
def test_an_unsafe_part_is_refused_as_such_whatever_the_cells_hold(tmp_path, small_plan, monkeypatch, while_read,
                                                                  part, told, damage):
    """A big part is checked while it is read rather than before (it is decompressed once): the refusal is the
    same, and comes before any problem the reader found in the cells (here, text in a budget)."""
    if while_read:
        monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)  # every part counts as big
    path = stored(exported(small_plan, tmp_path), "Q4", '<c r="Q4" t="inlineStr"><is><t>lots</t></is></c>')
    assert problems(rebuilt(path, {part: damage}), small_plan) == [
        f"rebuilt_stored_plan.xlsx: an XLSX workbook whose part {part} {told}"]


@pytest.mark.parametrize("while_read", [False, True], ids=["checked-first", "checked-while-read"])
def test_a_workbook_that_is_none_of_ours_and_unsafe_is_refused_as_unsafe(tmp_path, small_plan, monkeypatch,
                                                                         while_read):
    if while_read:
        monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)
    book = openpyxl.Workbook()
    book.active.append(["笔记ID", "预算"])
    book.save(tmp_path / "other.xlsx")
    sheet = "xl/worksheets/sheet1.xml"
    assert problems(rebuilt(tmp_path / "other.xlsx", {sheet: FAR_CELL[1]}), small_plan) == [
        f"rebuilt_other.xlsx: an XLSX workbook whose part {sheet} {FAR_CELL[0]}"]


@pytest.mark.parametrize("while_read", [False, True], ids=["checked-first", "checked-while-read"])
def test_a_sheet_damaged_in_the_archive_is_refused_as_such(tmp_path, small_plan, monkeypatch, while_read):
    if while_read:
        monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)
    data = bytearray(rebuilt(exported(small_plan, tmp_path), {}, zipfile.ZIP_STORED).read_bytes())
    # n1's budget in the notes sheet, stored uncompressed: its CRC now fails.
    budget = re.compile(rb'<c r="Q4" s="[0-9]+"><v>(1000\.0)</v>').search(data, data.find(NOTES_SHEET.encode()))
    assert budget is not None
    data[budget.start(1) + 1] = ord("2")
    (tmp_path / "flipped.xlsx").write_bytes(bytes(data))
    assert problems(tmp_path / "flipped.xlsx", small_plan) == [
        f"flipped.xlsx: a damaged or truncated XLSX workbook (Bad CRC-32 for file '{NOTES_SHEET}')"]


def test_an_edit_reads_back_the_same_from_a_sheet_checked_while_it_is_read(tmp_path, small_plan, monkeypatch):
    monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", 2500))
    assert read_edits(small_plan, path).changes == (Change("笔记计划", 4, "预算", "n1", "budget", 1000.0, 2500.0),)


def test_the_change_table_lines_up_chinese_text(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", 2500)))
    assert edits_table(edits) == [
        "1 change read back from edited.xlsx:",
        "  sheet     row  note/industry  column  old     new",
        "  笔记计划  4    n1             预算    ¥1,000  ¥2,500",
    ]


def test_reading_a_big_export_back_finds_every_note(tmp_path, big_plan):
    export_plan(big_plan, tmp_path / "big.xlsx")
    assert read_edits(big_plan, tmp_path / "big.xlsx").changes == ()
    budgets = np.asarray(big_plan.notes["budget"])
    assert budgets.shape == (10_000,)


def as_a_spreadsheet_program_saves(xml: bytes, strings: list[bytes]) -> bytes:
    """The sheet with its text in the shared string table (`strings`, filled here) and each number typed, as
    Excel and LibreOffice save a sheet."""
    def shared(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"
    xml = re.sub(rb'(<c r="[A-Z]+[0-9]+" s="[0-9]+") t="inlineStr"><is><t(?: [^>]*)?>([^<]*)</t></is></c>', shared,
                 xml)
    return re.sub(rb'(<c r="[A-Z]+[0-9]+" s="[0-9]+")><v>', rb'\1 t="n"><v>', xml)


def test_a_big_workbook_saved_as_spreadsheet_programs_save_reads_back_the_same(tmp_path, big_plan, monkeypatch):
    monkeypatch.delattr(workbook_xml.WorkbookXml, "_parsed_cells")  # read without the XML parser
    export_plan(big_plan, tmp_path / "big.xlsx")
    strings: list[bytes] = []
    types = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
    path = rebuilt(tmp_path / "big.xlsx", {
        NOTES_SHEET: lambda xml: re.sub(rb'(<c r="Q9" s="[0-9]+" t="n"><v>)[^<]*', rb"\g<1>1234.5",
                                        as_a_spreadsheet_program_saves(xml, strings)),
        "xl/_rels/workbook.xml.rels": lambda xml: xml.replace(
            b"</Relationships>", b'<Relationship Id="rIdS" Type="' + types + b'" Target="sharedStrings.xml"/>'
                                 b"</Relationships>")})
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/sharedStrings.xml", b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.'
                         b'openxmlformats.org/spreadsheetml/2006/main">' + b"".join(
                             b"<si><t>" + text + b"</t></si>" for text in strings) + b"</sst>")
    assert len(strings) > 40_000
    note = big_plan.notes.iloc[5]
    assert read_edits(big_plan, path).changes == (
        Change("笔记计划", 9, "预算", note["note_id"], "budget", note["budget"], 1234.5),)


# -- names checked against the workbook ------------------------------------------------------------

def point(name: str, refers_to: str) -> Edit:
    """Redefine a workbook-level name, as Formulas > Name Manager does."""
    def change(book: openpyxl.Workbook) -> None:
        book.defined_names[name].attr_text = refers_to
    return change


def refused(path: Path, plan: Plan) -> list[str]:
    """The problems of an edited workbook, after checking that nothing of it reads back."""
    found = problems(path, plan)
    assert found, "the workbook should be refused"
    return found


@pytest.mark.parametrize(("name", "refers_to", "expected"), [
    ("note_budgets", "'笔记计划'!$H$4:$H$6",
     'edited.xlsx, row 3, column H: value "千次曝光成本": expected the header above the cells of the name '
     "note_budgets ('笔记计划'!$H$4:$H$6) to read 预算 or Budget: the name points elsewhere than the export put it; "
     "point it back, or export again (sheet 笔记计划)"),
    ("note_ids", "'笔记计划'!$B$4:$B$6",
     'edited.xlsx, row 3, column B: value "标题": expected the header above the cells of the name note_ids '
     "('笔记计划'!$B$4:$B$6) to read 笔记ID or Note ID: the name points elsewhere than the export put it; point it "
     "back, or export again (sheet 笔记计划)"),
    ("lift_industry", "'假设'!$B$14:$B$16",
     'edited.xlsx, row 13, column B: value "点击提升率": expected the header above the cells of the name '
     "lift_industry ('假设'!$B$14:$B$16) to read 行业 or Industry: the name points elsewhere than the export put "
     "it; point it back, or export again (sheet 假设)"),
    ("platform_share", "'假设'!$B$5",
     'edited.xlsx, row 5, column A: value "品牌预算": expected the label beside the cells of the name '
     "platform_share ('假设'!$B$5) to read 平台出资比例 or Platform share: the name points elsewhere than the export "
     "put it; point it back, or export again (sheet 假设)"),
])
def test_a_name_pointed_at_another_column_is_refused_rather_than_read(tmp_path, small_plan, name, refers_to,
                                                                      expected):
    assert refused(edited(small_plan, tmp_path, point(name, refers_to)), small_plan) == [expected]


def test_budgets_named_on_another_sheet_are_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, point("note_budgets", "'联投出资'!$D$16:$D$18"))
    assert refused(path, small_plan) == [
        'edited.xlsx: value "note_budgets": expected the rows of note_ids (\'笔记计划\'!$A$4:$A$6), as the export '
        "wrote them; it refers to '联投出资'!$D$16:$D$18: export again"]


@pytest.mark.parametrize(("refers_to", "expected"), [
    ("'笔记计划'!$Q$4:$R$6", "one column of cells, as the export wrote it; it refers to '笔记计划'!$Q$4:$R$6: point "
                         "it at one column, or export again"),
    ("'笔记计划'!$Q$4:$Q$5", "the rows of note_ids ('笔记计划'!$A$4:$A$6), as the export wrote them; it refers to "
                         "'笔记计划'!$Q$4:$Q$5: export again"),
    ("'笔记计划'!$Q$4:$Q$6,'笔记计划'!$R$4:$R$6", "the named range of an exported plan, one block of cells on one "
     "sheet; it refers to '笔记计划'!$Q$4:$Q$6,'笔记计划'!$R$4:$R$6: undo that, or export again"),
    # Past the sheet's last row: no cells, rather than a list of a billion of them.
    ("'笔记计划'!$Q$4:$Q$1048577", "the named range of an exported plan, one block of cells on one sheet; it refers "
     "to '笔记计划'!$Q$4:$Q$1048577: undo that, or export again"),
    ("'笔记计划'!$XFE$4:$XFE$6", "the named range of an exported plan, one block of cells on one sheet; it refers "
     "to '笔记计划'!$XFE$4:$XFE$6: undo that, or export again"),
])
def test_a_name_of_the_wrong_shape_or_length_is_refused(tmp_path, small_plan, refers_to, expected):
    path = edited(small_plan, tmp_path, point("note_budgets", refers_to))
    assert refused(path, small_plan) == [f'edited.xlsx: value "note_budgets": expected {expected}']


@pytest.mark.parametrize("refers_to", ["#REF!", "'笔记计划'!#REF!", "#REF!$Q$4:$Q$6"])
def test_a_name_left_pointing_nowhere_is_refused(tmp_path, small_plan, refers_to):
    path = edited(small_plan, tmp_path, point("note_budgets", refers_to))
    assert refused(path, small_plan) == [
        'edited.xlsx: value "note_budgets": expected the named range of an exported plan, one block of cells on '
        f"one sheet; it refers to {refers_to} (#REF!: its sheet or its cells were deleted): undo that, or export "
        "again"]


def test_a_deleted_sheet_is_refused_by_each_name_on_it(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        del book["假设"]  # Excel leaves its names as #REF!
        for name in ("lift_industry", "brand_budget", "joint_on", "platform_share", "platform_cap"):
            book.defined_names[name].attr_text = "#REF!"

    found = refused(edited(small_plan, tmp_path, change), small_plan)
    assert [message.split('"')[1] for message in found] == ["lift_industry", "brand_budget", "joint_on",
                                                           "platform_share", "platform_cap"]
    assert all("#REF!: its sheet or its cells were deleted" in message for message in found)


def rename_sheet(old: str, new: str, names_follow: bool) -> Edit:
    """Rename a sheet; Excel, WPS and LibreOffice also rename it in every defined name (openpyxl does not)."""
    def change(book: openpyxl.Workbook) -> None:
        book[old].title = new
        if names_follow:
            for defined in book.defined_names.values():
                defined.attr_text = defined.attr_text.replace(f"'{old}'!", f"'{new}'!")
        book[new]["Q4"] = 2500
    return change


def test_a_sheet_renamed_in_a_spreadsheet_program_is_found_through_its_names(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, rename_sheet("笔记计划", "我的计划", names_follow=True)))
    assert edits.changes == (Change("我的计划", 4, "预算", "n1", "budget", 1000.0, 2500.0),)


def test_a_sheet_renamed_behind_its_names_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, rename_sheet("笔记计划", "我的计划", names_follow=False))
    assert refused(path, small_plan)[0] == (
        'edited.xlsx: value "note_ids": expected the named range of an exported plan; it refers to '
        "'笔记计划'!$A$4:$A$6, but the workbook has no sheet 笔记计划 (renamed by a program that left the name "
        "behind, or deleted): give the sheet its name back, or export again")


def test_a_header_in_the_other_language_is_the_same_column(tmp_path, small_plan):
    def change(book: openpyxl.Workbook) -> None:
        book["笔记计划"]["Q3"], book["笔记计划"]["R3"] = "Budget", "Locked"
        book["笔记计划"]["Q5"], book["笔记计划"]["R5"] = 800, True

    edits = read_edits(small_plan, edited(small_plan, tmp_path, change))
    assert [(c.key, c.field, c.new) for c in edits.changes] == [("n2", "budget", 800.0), ("n2", "locked", True)]


# -- cells that hold no value ----------------------------------------------------------------------

def stored(path: Path, cell: str, xml: str, member: str = "xl/worksheets/sheet2.xml") -> Path:
    """The workbook with one cell's XML replaced, as another program may have saved it."""
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    out = path.with_name(f"stored_{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in items:
            if item.filename == member:
                data, count = re.subn(rb'<c r="' + cell.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', xml.encode(), data,
                                      count=1, flags=re.S)
                assert count == 1
            archive.writestr(item, data)
    return out


def exported(plan: Plan, tmp_path: Path) -> Path:
    export_plan(plan, tmp_path / "plan.xlsx")
    return tmp_path / "plan.xlsx"


@pytest.mark.parametrize(("cell", "formula", "column", "what"), [
    ("Q4", "=1000*2", "预算", "a budget in yuan: a number of 0 or more"),
    ("R5", "=TRUE()", "锁定", "TRUE or FALSE (是 or 否)"),
    ("B15", "=0.1*3", "点击提升率", "a lift: a number of -1 or more (0.2 = +20%)"),
])
def test_a_formula_saved_without_its_result_is_refused_naming_its_cell(tmp_path, small_plan, cell, formula,
                                                                       column, what):
    sheet = "假设" if cell == "B15" else "笔记计划"
    path = edited(small_plan, tmp_path, lambda book: book[sheet].__setitem__(cell, formula))  # openpyxl saves no result
    assert refused(path, small_plan) == [
        f'edited.xlsx, row {cell[1:]}, column {column}: value "{formula}": expected {what}; cell {cell} holds a '
        "formula whose result was not saved (files written by scripts have none): open the workbook in Excel, WPS "
        f"or LibreOffice and save it, or type the value (sheet {sheet})"]


def test_a_formula_saved_with_its_result_reads_the_result(tmp_path, small_plan):
    path = stored(exported(small_plan, tmp_path), "Q4", '<c r="Q4" s="43"><f>1000*2</f><v>2000</v></c>')
    assert read_edits(small_plan, path).changes == (Change("笔记计划", 4, "预算", "n1", "budget", 1000.0, 2000.0),)


@pytest.mark.parametrize(("xml", "shown"), [
    ('<c r="Q4" t="n"><v>NaN</v></c>', "NaN"),  # openpyxl stopped here with a traceback
    ('<c r="Q4"><v>-INF</v></c>', "-INF"),
    ('<c r="Q4"><v>1e999</v></c>', "1e999"),  # beyond a double: an infinity
    ('<c r="Q4" t="n"><v/></c>', ""),  # what openpyxl writes for float("nan"): read as 0 before
])
def test_a_budget_stored_as_no_number_is_refused_at_its_cell(tmp_path, small_plan, xml, shown):
    assert refused(stored(exported(small_plan, tmp_path), "Q4", xml), small_plan) == [
        f'stored_plan.xlsx, row 4, column 预算: value "{shown}": expected a budget in yuan: a number of 0 or more; '
        f'cell Q4 stores "{shown}", which is no value a spreadsheet holds: type it again (sheet 笔记计划)']


def test_a_budget_typed_as_the_text_nan_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", "NaN"))
    assert refused(path, small_plan) == [
        'edited.xlsx, row 4, column 预算: value "NaN": expected a budget in yuan: a number of 0 or more, not text '
        "(sheet 笔记计划)"]


def test_a_budget_beyond_the_models_bound_is_refused_at_the_workbooks_cell(tmp_path, small_plan):
    """The bound is the model's (limits.MAX_AMOUNT, held by check_notes), reported at the workbook's cell."""
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q5", 1e308))
    (message,) = problems(path, small_plan)
    assert message.startswith('edited.xlsx, row 5, column 预算: value "1e+308": expected ')
    assert message.endswith(" (sheet 笔记计划)")


# -- a lift edited alone ---------------------------------------------------------------------------

def lift_cells(**cells: float) -> Edit:
    def change(book: openpyxl.Workbook) -> None:
        for cell, value in cells.items():
            book["假设"][cell] = value
    return change


def test_a_lift_edited_alone_moves_its_band_as_the_app_does(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, lift_cells(E15=1.5)))  # beauty: 1.09 (0.545..1.635)
    assert [(c.row, c.column, c.field, c.new) for c in edits.changes] == [
        (15, "互动提升率", "interaction_lift", 1.5),
        (15, "互动提升率 低 (P10)", "interaction_lift_low", pytest.approx(1.5 - 0.545)),
        (15, "互动提升率 高 (P90)", "interaction_lift_high", pytest.approx(1.5 + 0.545))]
    row = apply_edits(small_plan, edits).lifts.table.loc["beauty"]
    assert row[["interaction_lift_low", "interaction_lift", "interaction_lift_high"]].tolist() == pytest.approx(
        [0.955, 1.5, 2.045])
    assert row["source"] == SOURCE_TYPED


def test_a_lift_edited_with_its_band_keeps_the_band_as_typed(tmp_path, small_plan):
    edits = read_edits(small_plan, edited(small_plan, tmp_path, lift_cells(B15=0.5, D15=0.9)))
    assert [(c.field, c.new) for c in edits.changes] == [("ctr_lift", 0.5), ("ctr_lift_high", 0.9)]
    assert apply_edits(small_plan, edits).lifts.table.loc["beauty", ["ctr_lift_low", "ctr_lift_high"]].tolist() == [
        0.1, 0.9]


def test_a_band_typed_that_misses_its_lift_is_refused(tmp_path, small_plan):
    path = edited(small_plan, tmp_path, lift_cells(B15=0.5, C15=0.6))
    assert refused(path, small_plan) == [
        'edited.xlsx, row 15, column 点击提升率 低 (P10): value "0.6 .. 0.3": expected a range '
        "around the lift 0.5 (low <= lift <= high) (sheet 假设)"]


# -- how the sheet was written ---------------------------------------------------------------------

def rewritten(path: Path, member: str, rewrite: Callable[[bytes], bytes]) -> Path:
    with zipfile.ZipFile(path) as source:
        items = [(item, source.read(item)) for item in source.infolist()]
    out = path.with_name(f"rewritten_{path.name}")
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for item, data in items:
            archive.writestr(item, rewrite(data) if item.filename == member else data)
    return out


def prefixed(data: bytes) -> bytes:
    """The sheet with its elements in a prefixed namespace (x:c, x:row, ...), as some generators write it."""
    data = data.replace(b'<worksheet xmlns="', b'<worksheet xmlns:x="', 1)
    return re.sub(rb"<(/?)([A-Za-z][\w]*)([\s/>])", rb"<\1x:\2\3", data)


def reordered(data: bytes) -> bytes:
    """The sheet with each cell's style before its reference (<c s="5" r="A1">), as XML allows."""
    return re.sub(rb'<c r="([A-Z]+[0-9]+)" s="([0-9]+)"', rb'<c s="\2" r="\1"', data)


@pytest.mark.parametrize("rewrite", [prefixed, reordered])
def test_a_sheet_written_another_way_reads_back_the_same(tmp_path, small_plan, rewrite):
    path = edited(small_plan, tmp_path, lambda book: book["笔记计划"].__setitem__("Q4", 2500))
    expected = read_edits(small_plan, path).changes
    assert expected == (Change("笔记计划", 4, "预算", "n1", "budget", 1000.0, 2500.0),)
    assert read_edits(small_plan, rewritten(path, "xl/worksheets/sheet2.xml", rewrite)).changes == expected
