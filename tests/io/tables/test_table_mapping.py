"""The import wizard's core: previews, the user's column choices and rows left out knowingly."""

from __future__ import annotations

import csv
import io

import pytest

from planner.io.tables import import_table, preview_table, read_history, read_notes
from planner.model.errors import InputError

ZH = ["笔记ID", "行业", "千次曝光成本", "点击率", "互动率", "进店率", "转化率"]
GOOD = ["N1", "美妆", "100", "3%", "5%", "10%", "2%"]
UNIT_PRICE = {"单价": "aov"}


def table(rows: list[list[object]], sep: str = ",") -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue()


def notes_file(write_text, rows: list[list[str]], name: str = "notes.csv") -> object:
    """A notes table whose order value is under 单价 (not a label the app knows), and a 备注 column."""
    return write_text(name, table([ZH + ["单价", "备注"]] + rows))


def row(note_id: str, cpm: str = "100", ctr: str = "3%") -> list[str]:
    return [note_id, "美妆", cpm, ctr, "5%", "10%", "2%", "199", "备注" + note_id]


# -- Column choices ------------------------------------------------------------------------------

def test_a_remapped_column_imports_as_its_field(write_text):
    notes = read_notes(notes_file(write_text, [row("N1"), row("N2")]), column_map=UNIT_PRICE)
    assert notes["aov"].tolist() == [199.0, 199.0]
    assert notes["备注"].tolist() == ["备注N1", "备注N2"]  # not mapped: kept as an extra column
    assert "单价" not in notes.columns


def test_without_the_map_the_unknown_column_is_extra_and_the_field_missing(write_text):
    with pytest.raises(InputError) as error:
        read_notes(notes_file(write_text, [row("N1")]))
    assert [str(p) for p in error.value.problems] == ["notes.csv, row 1: missing required column aov (客单价)"]


def test_a_column_mapped_to_none_is_left_out(write_text):
    path = write_text("notes.csv", table([ZH + ["客单价", "预算", "备注"], GOOD + ["99", "5000", "x"]]))
    notes = read_notes(path, column_map={"预算": None, "备注": None})
    assert notes["budget"].tolist() == [0.0]  # the field's default, as if the column were not there
    assert "备注" not in notes.columns and "预算" not in notes.columns


def test_a_column_mapped_to_a_text_field_keeps_its_text(write_text):
    path = write_text("notes.csv", table([["编号"] + ZH[1:] + ["客单价"], ["007"] + GOOD[1:] + ["99"]]))
    assert read_notes(path, column_map={"编号": "note_id"})["note_id"].tolist() == ["007"]


def test_a_mapped_column_may_replace_a_recognised_one(write_text):
    path = write_text("notes.csv", table([ZH + ["客单价", "实际客单价"], GOOD + ["1", "250"]]))
    notes = read_notes(path, column_map={"客单价": None, "实际客单价": "aov"})
    assert notes["aov"].tolist() == [250.0]


def test_two_columns_for_one_field_refuse_the_file(write_text):
    path = write_text("notes.csv", table([ZH + ["客单价", "单价"], GOOD + ["99", "199"]]))
    with pytest.raises(InputError) as error:
        import_table(path, "notes", UNIT_PRICE)
    assert [str(p) for p in error.value.problems] == [
        "notes.csv, row 1, column 单价: one column per field: column 客单价 already gives aov (客单价)"]


def test_a_map_to_something_that_is_not_a_field_is_a_programming_error(write_text):
    with pytest.raises(ValueError, match="not fields"):
        import_table(notes_file(write_text, [row("N1")]), "notes", {"单价": "price"})


def test_history_columns_can_be_mapped(write_text):
    header = ["笔记ID", "行业", "阶段", "曝光", "点击", "互动", "进店"]
    path = write_text("history.csv", table([header, ["N1", "美妆", "联投", "1000", "50", "20", "5"]]))
    history = read_history(path, column_map={"阶段": "period"})
    assert history["period"].tolist() == ["joint"]


# -- Problems and rows left out ------------------------------------------------------------------

def test_import_table_returns_value_problems_with_their_spreadsheet_rows(write_text):
    path = notes_file(write_text, [row("N1"), row("N2", cpm="abc"), [""] * 9, row("N3", ctr="30")])
    result = import_table(path, "notes", UNIT_PRICE)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(3, "千次曝光成本", "abc"), (5, "点击率", "30")]
    assert result.problem_rows == [3, 5]
    assert result.rows.tolist() == [2, 3, 5]  # the blank row 4 is no row of the table
    assert result.frame["note_id"].tolist() == ["N1", "N2", "N3"]
    assert result.skipped == []


def test_skipped_rows_are_left_out_with_their_problems(write_text):
    path = notes_file(write_text, [row("N1"), row("N2", cpm="abc"), [""] * 9, row("N3", ctr="30"), row("N4")])
    result = import_table(path, "notes", UNIT_PRICE, skip_rows=[3, 5])
    assert result.problems == []
    assert result.frame["note_id"].tolist() == ["N1", "N4"]
    assert result.rows.tolist() == [2, 6]
    assert result.skipped == [3, 5]


def test_problems_after_a_skipped_row_name_their_own_row_and_text(write_text):
    path = notes_file(write_text, [row("N1", cpm="x"), [""] * 9, row("N2"), row("N3", ctr="30")])
    result = import_table(path, "notes", UNIT_PRICE, skip_rows=[2])
    assert [(p.row, p.value) for p in result.problems] == [(5, "30")]


def test_rows_the_file_does_not_hold_are_not_counted_as_left_out(write_text):
    path = notes_file(write_text, [row("N1"), [""] * 9, row("N2")])
    result = import_table(path, "notes", UNIT_PRICE, skip_rows=[1, 3, 99])
    assert result.skipped == []
    assert result.frame["note_id"].tolist() == ["N1", "N2"]


def test_leaving_out_the_first_of_two_equal_ids_leaves_the_second_valid(write_text):
    path = notes_file(write_text, [row("N1", cpm="x"), row("N1")])
    assert [p.row for p in import_table(path, "notes", UNIT_PRICE).problems] == [2, 3]
    assert read_notes(path, UNIT_PRICE, skip_rows=[2])["note_id"].tolist() == ["N1"]


def test_read_notes_still_raises_for_problems_in_rows_not_left_out(write_text):
    path = notes_file(write_text, [row("N1", cpm="x"), row("N2", cpm="y")])
    with pytest.raises(InputError) as error:
        read_notes(path, UNIT_PRICE, skip_rows=[2])
    assert [p.row for p in error.value.problems] == [3]


def test_rows_of_a_workbook_can_be_left_out(write_xlsx):
    path = write_xlsx("notes.xlsx", [ZH + ["单价"], GOOD + [99], ["N2", "美妆", "bad", 0.03, 0.05, 0.1, 0.02, 99],
                                     ["N3", "运动"] + GOOD[2:] + [5]])
    result = import_table(path, "notes", UNIT_PRICE, skip_rows=[3])
    assert result.problems == []
    assert result.frame["industry"].tolist() == ["beauty", "sports"]
    assert result.skipped == [3]


def test_a_header_problem_is_raised_even_with_rows_left_out(write_text):
    with pytest.raises(InputError):
        import_table(notes_file(write_text, [row("N1")]), "notes", None, skip_rows=[2])


# -- Previews ------------------------------------------------------------------------------------

def test_a_preview_shows_the_header_the_first_rows_as_text_and_the_mapping(write_text):
    path = notes_file(write_text, [["007"] + row("x")[1:], [""] * 9] + [row(f"N{i}") for i in range(30)])
    preview = preview_table(path, "notes", rows=5)
    assert preview.header == ZH + ["单价", "备注"]
    assert preview.rows[0] == ["007", "美妆", "100", "3%", "5%", "10%", "2%", "199", "备注x"]
    assert len(preview.rows) == 5
    assert preview.row_numbers == [2, 4, 5, 6, 7]
    assert preview.total_rows == 31
    assert preview.recognised == ["note_id", "industry", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr",
                                  None, None]
    assert preview.missing == ["aov"]
    assert (preview.encoding, preview.separator) == ("UTF-8", ",")


def test_a_preview_checks_a_mapping_as_the_import_does(write_text):
    preview = preview_table(notes_file(write_text, [row("N1")]), "notes")
    assert preview.check().missing == ["aov"]
    check = preview.check(UNIT_PRICE)
    assert check.missing == [] and not check.refused
    assert check.fields == preview.recognised[:7] + ["aov", None]
    twice = preview.check({"单价": "cpm"})
    assert [str(p) for p in twice.problems] == [
        "notes.csv, row 1, column 单价: one column per field: column 千次曝光成本 already gives cpm (千次曝光成本)",
        "notes.csv, row 1: missing required column aov (客单价)"]


def test_a_preview_names_a_column_with_values_but_no_header(write_text):
    preview = preview_table(write_text("notes.csv", table([ZH + ["客单价", ""], GOOD + ["99", "x"]])), "notes")
    assert [p.expected for p in preview.check().problems] == ["a header for column I, which holds values"]
    assert not preview.check({"": None}).refused


@pytest.mark.parametrize(("encoding", "bom", "sep", "shown"), [
    ("utf-8", True, "\t", "UTF-8 with BOM"), ("gb18030", False, ",", "GB18030")])
def test_a_preview_names_the_encoding_and_separator(write_text, encoding, bom, sep, shown):
    path = write_text("notes.csv", "\n" + table([ZH + ["客单价"], GOOD + ["99"]], sep), encoding, bom)
    preview = preview_table(path, "notes")
    assert (preview.encoding, preview.separator) == (shown, sep)
    assert preview.rows == [GOOD + ["99"]]


def test_a_workbook_preview_shows_cells_as_text(write_xlsx):
    preview = preview_table(write_xlsx("notes.xlsx", [ZH + ["客单价"], ["N1", "美妆", 100, 0.03, 0.05, 0.1, 0.02, 99]]),
                            "notes")
    assert (preview.encoding, preview.separator) == ("XLSX", "")
    assert preview.rows == [["N1", "美妆", "100", "0.03", "0.05", "0.1", "0.02", "99"]]


def test_a_preview_finds_the_problems_of_the_rows_it_shows_under_the_choices_made(write_text):
    rows = [row("N1"), row("N2", cpm="abc"), [""] * 9, row("N1", ctr="35"), row("N4")] + [row("N5", cpm="x")] * 3
    path = notes_file(write_text, rows)
    preview = preview_table(path, "notes", rows=4)
    assert preview.cell_problems() == []  # the columns do not map yet (aov is missing): nothing to check
    found = [(p.row, p.column, p.value, p.expected) for p in preview.cell_problems(UNIT_PRICE)]
    assert found == [(3, "千次曝光成本", "abc", "an amount in ¥, such as 12000 or ¥12,000.50"),
                     (5, "笔记ID", "N1", "a unique note id (this one is used by row 2 already)"),
                     (5, "点击率", "35", "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")]
    assert all(p.header for p in preview.cell_problems(UNIT_PRICE))  # the file's own header texts
    whole = import_table(path, "notes", UNIT_PRICE).problems  # the same words, and more rows
    assert [(p.row, p.column, p.expected) for p in whole][:3] == [(r, c, e) for r, c, _v, e in found]


def test_a_workbook_preview_finds_problems_as_the_import_does(write_xlsx):
    path = write_xlsx("notes.xlsx", [ZH + ["客单价"], ["N1", "美妆", 100, 0.03, 0.05, 0.1, 0.02, 99],
                                     ["N2", "美妆", -5, 0.03, 0.05, 1.5, 0.02, 99]])
    expected = [(p.row, p.column, p.expected) for p in import_table(path, "notes").problems]
    assert [(p.row, p.column, p.expected) for p in preview_table(path, "notes").cell_problems()] == expected
    assert len(expected) == 2


def test_a_preview_refuses_what_the_import_refuses(write_text):
    with pytest.raises(InputError):
        preview_table(write_text("empty.csv", ""), "notes")


def test_an_unknown_kind_is_a_programming_error(write_text):
    with pytest.raises(ValueError, match="unknown table kind"):
        preview_table(notes_file(write_text, [row("N1")]), "lifts")
