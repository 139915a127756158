"""Importing notes, history and lift tables (CONTRACT.md "Notes table", "History table", "Lifts table")."""

from __future__ import annotations

import csv
import io
import math

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io.tables import read_history, read_notes
from planner.io.tables.lifts import read_lifts, write_lifts
from planner.model.errors import InputError
from planner.model.lifts import LIFT_COLUMNS, SOURCE_FITTED, article_lifts, make_lift_table
from planner.model.notes import NOTE_FIELDS

EN = ["note_id", "industry", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov"]
ZH = ["笔记ID", "行业", "千次曝光成本", "点击率", "互动率", "进店率", "转化率", "客单价"]
GOOD = ["N1", "beauty", "100", "0.05", "0.04", "0.2", "0.1", "99"]
HISTORY_ZH = ["笔记ID", "行业", "周期", "曝光", "点击", "互动", "进店", "订单", "花费", "成交额"]


def table(rows: list[list[object]], sep: str = ",") -> str:
    """CSV text as Excel writes it: quotes only where a value needs them."""
    out = io.StringIO()
    csv.writer(out, delimiter=sep, lineterminator="\n").writerows(rows)
    return out.getvalue()


def problems(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def with_cell(header: list[str], column: str, value: str) -> list[list[object]]:
    """The header and one good row whose `column` holds `value` (added if the header lacks it)."""
    row = dict(zip(header, GOOD, strict=False))
    row[column] = value
    names = header + ([column] if column not in header else [])
    return [names, [row.get(name, "") for name in names]]


# -- Reading notes ------------------------------------------------------------------------------

def test_english_headers_give_the_models_columns_and_values(write_text):
    path = write_text("notes.csv", table([EN + ["title"], GOOD + ["夏日防晒"],
                                          ["N2", "运动", "80", "0.01", "0.02", "0.3", "0.05", "150", ""]]))
    notes = read_notes(path)
    assert list(notes.columns) == list(NOTE_FIELDS)
    assert notes["note_id"].tolist() == ["N1", "N2"]
    assert notes["industry"].tolist() == ["beauty", "sports"]
    assert notes["cpm"].tolist() == [100.0, 80.0]
    assert notes["ctr"].tolist() == [0.05, 0.01]
    assert notes["title"].tolist() == ["夏日防晒", ""]
    assert notes["is_ad"].tolist() == [False, False]
    assert notes["budget"].tolist() == [0.0, 0.0]
    assert notes["audience_cap"].isna().all() and notes["max_budget"].isna().all()


@pytest.mark.parametrize(("encoding", "bom", "sep"), [
    ("utf-8", False, ","), ("utf-8", False, "\t"), ("utf-8", True, ","), ("utf-8", True, "\t"),
    ("gb18030", False, ","), ("gb18030", False, "\t"), ("gb18030", True, ","),  # a UTF-8 BOM on GB18030 text
])
def test_every_encoding_and_separator_reads_the_same_notes(write_text, encoding, bom, sep):
    rows = [ZH + ["标题", "达人"], ["N1", "美妆", "100", "5%", "0.04", "0.2", "0.1", "99", "防晒 𠀀", "小红"]]
    notes = read_notes(write_text("notes.csv", table(rows, sep), encoding, bom))
    assert notes.loc[0, ["note_id", "industry", "title", "creator"]].tolist() == ["N1", "beauty", "防晒 𠀀", "小红"]
    assert notes.loc[0, "ctr"] == 5 / 100


def test_gb18030_text_outside_gbk_round_trips_exactly(write_text):
    title = "𠀀㐀 春季新品"
    for char in "𠀀㐀":  # characters GBK lacks: a GBK decoder could not have read this file
        with pytest.raises(UnicodeEncodeError):
            char.encode("gbk")
    text = table([EN + ["title"], GOOD + [title]])
    path = write_text("notes.csv", text, "gb18030")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    assert read_notes(path).loc[0, "title"] == title


def test_gb18030_lines_that_happen_to_be_valid_utf8_still_read_as_gb18030(write_text):
    # In GBK, 卢陇 is C2 AC C2 A4: valid UTF-8 too ("¬¤"), as a line of a few common characters often is.
    assert "卢陇".encode("gb18030").decode("utf-8") == "¬¤"
    rows = [ZH + ["达人"], ["N1", "美妆", "100", "5%", "0.04", "0.2", "0.1", "99", "卢陇"],
            ["N2", "food", "100", "5%", "0.04", "0.2", "0.1", "99", "卢陇"]]
    notes = read_notes(write_text("notes.csv", table(rows), "gb18030"))
    assert notes["creator"].tolist() == ["卢陇", "卢陇"]


def test_separator_is_the_one_outside_quotes_in_the_header(write_text):
    header = ['"a,b,c"'] + EN
    path = write_text("notes.tsv", "\t".join(header) + "\n" + "\t".join(["x,y"] + GOOD) + "\n")
    notes = read_notes(path)
    assert notes.loc[0, "a,b,c"] == "x,y"
    assert notes.loc[0, "cpm"] == 100.0


def test_headers_are_trimmed_and_english_names_match_in_any_case(write_text):
    header = [" Note_ID ", "INDUSTRY", "CPM", " Ctr", "互动率 ", " 进店率", "Cvr", "AOV"]
    notes = read_notes(write_text("notes.csv", table([header, GOOD])))
    assert notes.loc[0, ["note_id", "cpm", "ctr", "interaction_rate", "entry_rate", "aov"]].tolist() == [
        "N1", 100.0, 0.05, 0.04, 0.2, 99.0]


def test_percent_strings_are_fractions(write_text):
    rows = [EN, ["N1", "beauty", "100", "3.2%", "3.2 %", " 10% ", "0.5%", "99"]]
    notes = read_notes(write_text("notes.csv", table(rows)))
    assert notes.loc[0, ["ctr", "interaction_rate", "entry_rate", "cvr"]].tolist() == [
        3.2 / 100, 3.2 / 100, 10 / 100, 0.5 / 100]


def test_money_may_carry_yuan_signs_and_thousands_separators(write_text):
    header = EN + ["budget", "min_budget", "max_budget"]
    rows = [header, ["N1", "beauty", "¥120.50", "0.05", "0.04", "0.2", "0.1", "￥1,299",
                     "¥12,000.50", "1,000", " ¥ 20,000 "]]
    notes = read_notes(write_text("notes.csv", table(rows)))
    assert notes.loc[0, ["cpm", "aov", "budget", "min_budget", "max_budget"]].tolist() == [
        120.5, 1299.0, 12000.5, 1000.0, 20000.0]


@pytest.mark.parametrize(("word", "meaning"), [
    ("true", True), ("TRUE", True), ("True", True), ("1", True), ("yes", True), ("Y", True), ("是", True),
    (" y ", True), ("false", False), ("False", False), ("0", False), ("NO", False), ("n", False),
    ("否", False), ("", False),
])
def test_boolean_words(write_text, word, meaning):
    notes = read_notes(write_text("notes.csv", table(with_cell(EN, "locked", word))))
    assert notes["locked"].dtype == bool
    assert notes["locked"].tolist()[0] is meaning


def test_empty_audience_cap_and_max_budget_mean_none(write_text):
    rows = [EN + ["audience_cap", "max_budget"], GOOD + ["", ""], ["N2"] + GOOD[1:] + ["50000", "800"]]
    notes = read_notes(write_text("notes.csv", table(rows)))
    assert math.isnan(notes.loc[0, "audience_cap"]) and math.isnan(notes.loc[0, "max_budget"])
    assert notes.loc[1, ["audience_cap", "max_budget"]].tolist() == [50000.0, 800.0]


def test_unknown_columns_are_kept_as_text_after_the_models(write_text):
    rows = [EN + ["备注", "score"], GOOD + ["00123", "3.50"], ["N2"] + GOOD[1:] + ["=1+1", ""]]
    notes = read_notes(write_text("notes.csv", table(rows)))
    assert list(notes.columns) == list(NOTE_FIELDS) + ["备注", "score"]
    assert notes["备注"].tolist() == ["00123", "=1+1"]
    assert notes["score"].tolist() == ["3.50", ""]


def test_note_ids_keep_their_text(write_text):
    rows = [EN, ["007"] + GOOD[1:], ["1e5"] + GOOD[1:]]
    assert read_notes(write_text("notes.csv", table(rows)))["note_id"].tolist() == ["007", "1e5"]


def test_blank_rows_are_skipped_and_later_rows_keep_their_numbers(write_text):
    text = "\n,,,\n" + table([EN, GOOD]) + "\n,,,,,,,\n  ,\t, ,,,,,\n" + table([["N2", "beauty", "abc"] + GOOD[3:]])
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", text))
    assert problems(error) == [
        'notes.csv, row 8, column cpm: value "abc": expected an amount in ¥, such as 12000 or ¥12,000.50']


def test_header_only_file_is_an_empty_table(write_text):
    for text in (",".join(EN) + "\n", ",".join(ZH)):
        notes = read_notes(write_text("notes.csv", text))
        assert len(notes) == 0
        assert list(notes.columns) == list(NOTE_FIELDS)


def test_a_quoted_line_break_stays_in_its_value_and_counts_as_one_row(write_text):
    rows = [EN + ["title"], GOOD + ["第一行\n第二行"], ["N2", "beauty", "-1"] + GOOD[3:] + [""]]
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(rows)))
    assert problems(error) == [
        'notes.csv, row 3, column cpm: value "-1": expected a cost per 1,000 impressions greater than 0']
    assert read_notes(write_text("ok.csv", table(rows[:2]))).loc[0, "title"] == "第一行\n第二行"


# -- Problems in notes ----------------------------------------------------------------------------

def test_a_bare_rate_above_one_suggests_a_percent_sign(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "ctr", "3.2"))))
    assert problems(error) == [
        'notes.csv, row 2, column ctr: value "3.2": expected a rate from 0 to 1 (write a percentage with %, '
        'e.g. 3.2%)']


@pytest.mark.parametrize("value", ["320%", "-1%", "100.5 %"])
def test_a_percentage_above_100_or_below_0_is_refused(write_text, value):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "ctr", value))))
    assert problems(error) == [f'notes.csv, row 2, column ctr: value "{value}": expected a percentage from 0% to 100%']


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999", " nan "])
@pytest.mark.parametrize("column", ["cpm", "ctr", "budget", "audience_cap"])
def test_non_finite_numbers_are_refused(write_text, value, column):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, column, value))))
    assert problems(error) == [f'notes.csv, row 2, column {column}: value "{value}": expected a finite number']


def test_non_finite_numbers_among_good_ones_are_refused(write_text):
    rows = [EN, GOOD, ["N2", "beauty", "1e999"] + GOOD[3:], ["N3", "beauty", "nan"] + GOOD[3:]]
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(rows)))
    assert problems(error) == ['notes.csv, row 3, column cpm: value "1e999": expected a finite number',
                               'notes.csv, row 4, column cpm: value "nan": expected a finite number']


@pytest.mark.parametrize("value", ["12,5", "1,2,3", "12,0000", "abc", "¥", "5%", "¥¥5", "1.2.3"])
def test_unreadable_amounts_are_refused(write_text, value):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "budget", value))))
    assert problems(error) == [
        f'notes.csv, row 2, column budget: value "{value}": expected an amount in ¥, such as 12000 or ¥12,000.50']


def test_an_unreadable_rate_is_refused(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "cvr", "¥0.1"))))
    assert problems(error) == ['notes.csv, row 2, column cvr: value "¥0.1": expected a rate: a fraction from 0 to 1 '
                               'or a percentage such as 3.2%']


def test_an_unreadable_boolean_is_refused(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "is_ad", "maybe"))))
    assert problems(error) == [
        'notes.csv, row 2, column is_ad: value "maybe": expected yes or no (true/false, 1/0, yes/no, y/n, 是/否)']


def test_each_missing_required_column_is_one_problem(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table([["笔记ID", "cpm", "CTR"], ["N1", "100", "0.1"],
                                                  ["N2", "100", "0.1"]])))
    assert problems(error) == [
        "notes.csv, row 1: missing required column industry (行业)",
        "notes.csv, row 1: missing required column interaction_rate (互动率)",
        "notes.csv, row 1: missing required column entry_rate (进店率)",
        "notes.csv, row 1: missing required column cvr (转化率)",
        "notes.csv, row 1: missing required column aov (客单价)",
    ]


def test_a_field_given_by_two_columns_is_refused(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table([EN + ["点击率"], GOOD + ["0.2"]])))
    assert problems(error) == ["notes.csv, row 1, column 点击率: one column per field: column ctr already gives ctr (点击率)"]


def test_a_column_with_values_needs_a_header(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table([EN + ["", ""], GOOD + ["", "x"]])))
    assert problems(error) == ["notes.csv, row 1: a header for column J, which holds values"]


def test_every_problem_is_collected_in_one_error_by_row_then_column(write_text):
    rows = [EN + ["is_ad"],
            ["N1", "beauty", "0", "0.05", "2", "0.2", "0.1", "99", ""],
            ["N2", "", "100", "x", "0.04", "0.2", "0.1", "-3", "perhaps"],
            ["N1", "beauty", "100", "0.05", "0.04", "0.2", "0.1", "99", "yes"]]
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(rows)))
    assert [(p.row, p.column, p.value) for p in error.value.problems] == [
        (2, "cpm", "0"), (2, "interaction_rate", "2"),
        (3, "industry", ""), (3, "ctr", "x"), (3, "aov", "-3"), (3, "is_ad", "perhaps"),
        (4, "note_id", "N1"),
    ]
    assert all(p.file == "notes.csv" for p in error.value.problems)


def test_model_rules_are_reported_with_the_files_header_and_text(write_text):
    header = ZH + ["广告笔记", "挂链", "类型", "预算下限", "预算上限"]
    rows = [header, GOOD + ["否", "是", "图文", "500", "100"], GOOD + ["是", "是", "音频", "", ""]]
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(rows)))
    assert problems(error) == [
        'notes.csv, row 2, column 挂链: value "是": expected false: only an ad note (广告笔记) may carry a Taobao link',
        'notes.csv, row 2, column 预算上限: value "100": expected an amount not below the minimum budget',
        'notes.csv, row 3, column 笔记ID: value "N1": expected a unique note id (this one is used by row 2 already)',
        'notes.csv, row 3, column 类型: value "音频": expected image (图文), video (视频) or empty',
    ]


def test_rows_with_more_values_than_the_header_are_each_reported(write_text):
    text = table([EN, GOOD]) + ",".join(GOOD) + ",x\n" + table([GOOD]) + ",".join(GOOD) + ",,\n"
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", text))
    tail = "(a stray separator, or a value with a comma that needs quotes)"
    assert problems(error) == [f"notes.csv, row 3: at most 8 values, as the header has, not 9 {tail}",
                               f"notes.csv, row 5: at most 8 values, as the header has, not 10 {tail}"]


def test_an_unclosed_quote_is_reported_where_it_opens(write_text):
    text = table([EN + ["title"], GOOD + ["ok"]]) + ",".join(GOOD) + ',"never closed\n' + ",".join(GOOD) + ",x\n"
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", text))
    assert problems(error) == [
        'notes.csv, row 3: a closing quote (") for the value that starts here: the file ends inside it']


# -- XLSX -----------------------------------------------------------------------------------------

def test_xlsx_first_sheet_with_excel_typed_cells(write_xlsx):
    rows = [ZH + ["广告笔记", "挂链", "锁定", "预算", "标题"],
            [12345, "美妆", "¥1,200", 0.032, "5%", 0.2, 0.1, 99.5, True, True, False, 5000, "春季 𠀀"],
            [12346.0, "sports", 80, 0.01, 0.02, 0.3, 0.05, 150, "是", 0, 1, "", 42]]
    path = write_xlsx("notes.xlsx", rows, formats={"D2": "0.0%"}, more_sheets=[[["junk"], ["x"]]])
    notes = read_notes(path)
    assert notes["note_id"].tolist() == ["12345", "12346"]
    assert notes["cpm"].tolist() == [1200.0, 80.0]
    assert notes["ctr"].tolist() == [0.032, 0.01]
    assert notes["interaction_rate"].tolist() == [0.05, 0.02]
    assert notes["is_ad"].tolist() == [True, True]
    assert notes["taobao_link"].tolist() == [True, False]
    assert notes["locked"].tolist() == [False, True]
    assert notes["budget"].tolist() == [5000.0, 0.0]
    assert notes["title"].tolist() == ["春季 𠀀", "42"]


def test_xlsx_problems_name_excel_rows_and_headers(write_xlsx):
    rows = [[None], [None], ZH, ["N1", "美妆", 100, 0.05, 0.04, 0.2, 0.1, 99], [None],
            ["N2", "美妆", 100, 3.2, 0.04, 0.2, 0.1, "inf"]]
    with pytest.raises(InputError) as error:
        read_notes(write_xlsx("notes.xlsx", rows))
    assert problems(error) == [
        'notes.xlsx, row 6, column 点击率: value "3.2": expected a rate from 0 to 1 (write a percentage with %, '
        'e.g. 3.2%)',
        'notes.xlsx, row 6, column 客单价: value "inf": expected a finite number',
    ]


# -- History --------------------------------------------------------------------------------------

def test_history_with_chinese_labels_and_period_aliases(write_text):
    rows = [HISTORY_ZH,
            ["N1", "美妆", "日常", "1000", "50", "20", "10", "2", "¥1,000", "￥2,500.5"],
            ["N1", "美妆", "联投", "2,000", "120", "60", "30", "5", "1000", "6000"],
            ["N2", "sports", " BASE ", "10", "1", "0", "0", "0", "", ""],
            ["N2", "sports", "Joint", "10", "1", "0", "0", "0", "0", "0"],
            ["N3", "Pets", "基线", "10", "1", "0", "0", "0", "0", "0"]]
    history = read_history(write_text("history.csv", table(rows)))
    assert history["period"].tolist() == ["base", "joint", "base", "joint", "base"]
    assert history["industry"].tolist() == ["beauty", "beauty", "sports", "sports", "Pets"]
    assert history["impressions"].tolist() == [1000.0, 2000.0, 10.0, 10.0, 10.0]
    assert history["spend"].tolist()[:2] == [1000.0, 1000.0] and math.isnan(history.loc[2, "spend"])
    assert history["gmv"].tolist()[0] == 2500.5


def test_history_without_orders_spend_or_gmv_is_read(write_text):
    rows = [HISTORY_ZH[:7], ["N1", "美妆", "日常", "1000", "50", "20", "10"]]
    history = read_history(write_text("history.csv", table(rows)))
    assert history[["orders", "spend", "gmv"]].isna().all().all()


def test_history_problems(write_text):
    rows = [HISTORY_ZH,
            ["N1", "美妆", "日常", "1000", "-5", "20", "10", "2", "0", "0"],
            ["N1", "美妆", "promo", "1000", "50", "20", "inf", "2", "-1", "0"],
            ["", "美妆", "", "", "50", "20", "10", "2", "0", "0"]]
    with pytest.raises(InputError) as error:
        read_history(write_text("history.csv", table(rows)))
    assert problems(error) == [
        'history.csv, row 2, column 点击: value "-5": expected a count of 0 or more',
        'history.csv, row 3, column 周期: value "promo": expected a period: base (日常/基线) or joint (联投)',
        'history.csv, row 3, column 进店: value "inf": expected a finite number',
        'history.csv, row 3, column 花费: value "-1": expected an amount of 0 or more',
        'history.csv, row 4, column 笔记ID: value "": expected a note id (it is required)',
        'history.csv, row 4, column 周期: value "": expected a period: base (日常/基线) or joint (联投) (it is required)',
        'history.csv, row 4, column 曝光: value "": expected a count of 0 or more (it is required)',
    ]


def test_history_missing_columns(write_text):
    with pytest.raises(InputError) as error:
        read_history(write_text("history.csv", table([["note_id", "industry", "period", "clicks"]])))
    assert problems(error) == [
        "history.csv, row 1: missing required column impressions (曝光)",
        "history.csv, row 1: missing required column interactions (互动)",
        "history.csv, row 1: missing required column store_visits (进店)",
    ]


# -- Lifts ----------------------------------------------------------------------------------------

def test_lifts_with_only_the_required_columns(write_text):
    path = write_text("lifts.csv", table([["industry", "ctr_lift", "interaction_lift", "entry_lift"],
                                          ["美妆", "0.25", "110%", "0.5"]]))
    lifts = read_lifts(path)
    assert lifts.table.index.tolist() == ["default", "beauty"]
    beauty = lifts.table.loc["beauty"]
    assert beauty[["ctr_lift", "ctr_lift_low", "ctr_lift_high"]].tolist() == [0.25, 0.25, 0.25]
    assert beauty["interaction_lift"] == 110 / 100
    assert beauty["source"] == "typed"
    pd.testing.assert_series_equal(lifts.table.loc["default"], article_lifts().table.loc["default"])


def test_written_lifts_read_back_exactly(tmp_path):
    lifts = make_lift_table({"default": (0.1 + 0.2, 1 / 3, 0.0), "sports": (0.2, 1.09, 0.85),
                             "宠物": (-0.5, 2e-17, 66.6)})
    lifts = lifts.with_row("sports", {"n_notes": 12, "source": SOURCE_FITTED})
    path = tmp_path / "lifts.csv"
    write_lifts(lifts, path)
    assert path.read_text(encoding="utf-8").splitlines()[0] == ",".join(("industry",) + LIFT_COLUMNS)
    pd.testing.assert_frame_equal(read_lifts(path).table, lifts.table, check_exact=True)


def test_lift_problems(write_text):
    rows = [["industry", "ctr_lift", "ctr_lift_low", "interaction_lift", "entry_lift", "source"],
            ["beauty", "-1.5", "", "1", "0", "typed"],
            ["sports", "0.2", "0.3", "1", "0", "guess"],
            ["Beauty", "0.2", "", "1", "0", ""]]
    with pytest.raises(InputError) as error:
        read_lifts(write_text("lifts.csv", table(rows)))
    assert problems(error) == [
        'lifts.csv, row 2, column ctr_lift: value "-1.5": expected a lift of -1 or more (0.2 = +20%)',
        'lifts.csv, row 3, column ctr_lift_low: value "0.3 .. 0.2": expected a range around the lift 0.2 '
        "(low <= lift <= high)",
        'lifts.csv, row 3, column source: value "guess": expected article or fitted or typed (or empty)',
        'lifts.csv, row 4, column industry: value "Beauty": expected an industry not given by an earlier row',
    ]


# -- Properties -----------------------------------------------------------------------------------

POOL_HEADER = EN + ["is_ad", "taobao_link", "budget", "audience_cap", "max_budget", "min_budget", "format", "备注"]
POOLS = {
    "note_id": ["N1", "N2", "N3", "", " ", "007"], "industry": ["美妆", "beauty", "", "pets"],
    "cpm": ["100", "¥1,200", "0", "-1", "abc", "nan", "", "1e999"], "ctr": ["0.1", "5%", "3.2", "120%", "", "x"],
    "interaction_rate": ["0.1", "1", "0"], "entry_rate": ["0.2", "20 %"], "cvr": ["0.05", "-0.1"],
    "aov": ["99", "￥99.5", "-3"], "is_ad": ["", "是", "no", "maybe", "1"], "taobao_link": ["", "y", "0"],
    "budget": ["", "0", "12,000", "1,2"], "audience_cap": ["", "0", "1000"], "max_budget": ["", "50", "5"],
    "min_budget": ["", "10"], "format": ["", "图文", "video", "audio"], "备注": ["", "text"],
}


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({name: st.sampled_from(values) for name, values in POOLS.items()}),
                     max_size=8))
def test_problems_name_real_cells_once_each_in_order_and_clean_files_read(write_text, rows):
    cells = [[row[name] for name in POOL_HEADER] for row in rows]
    try:
        notes = read_notes(write_text("notes.csv", table([POOL_HEADER] + cells)))
    except InputError as error:
        where = [(p.row, -1 if p.column is None else POOL_HEADER.index(p.column)) for p in error.problems]
        assert where == sorted(where) and len(set(where)) == len(where)
        for problem in error.problems:
            assert problem.row is not None and 2 <= problem.row <= len(rows) + 1
            assert problem.value == cells[problem.row - 2][POOL_HEADER.index(problem.column)]
        return
    assert len(notes) == len(rows)
    assert notes["ctr"].between(0, 1).all() and (notes["cpm"] > 0).all() and (notes["aov"] >= 0).all()


# -- Big files: pandas reads the file itself, on several threads --------------------------------

def big_table(rows: int) -> list[list[object]]:
    """A header and `rows` good rows of ~150 bytes each (60,000 rows: ~9 MB, past pandas' threading size)."""
    return [EN + ["title"]] + [[f"N{i}", "beauty", "100", "0.05", "0.04", "0.2", "0.1", "99", "标题" * 20]
                               for i in range(rows)]


def test_a_big_file_reads_the_same_and_names_its_late_rows(write_text):
    rows = big_table(60_000)
    notes = read_notes(write_text("big.csv", table(rows)))
    assert len(notes) == 60_000 and notes["note_id"].iloc[-1] == "N59999"
    rows[55_001][2] = "abc"  # spreadsheet row 55,002
    rows[59_001][1] = ""
    with pytest.raises(InputError) as error:
        read_notes(write_text("big.csv", table(rows)))
    assert problems(error) == [
        'big.csv, row 55002, column cpm: value "abc": expected an amount in ¥, such as 12000 or ¥12,000.50',
        'big.csv, row 59002, column industry: value "": expected an industry (it is required)']


def test_a_big_files_long_rows_and_unclosed_quote_are_placed(write_text):
    text = table(big_table(60_000))
    long_row = text + ",".join(GOOD) + ",x,y\n"
    with pytest.raises(InputError) as error:
        read_notes(write_text("big.csv", long_row))
    assert problems(error) == ["big.csv, row 60002: at most 9 values, as the header has, not 10 "
                               "(a stray separator, or a value with a comma that needs quotes)"]
    with pytest.raises(InputError) as error:
        read_notes(write_text("big.csv", text + ",".join(GOOD) + ',"never closed\n' + ",".join(GOOD) + "\n"))
    assert problems(error) == [
        'big.csv, row 60002: a closing quote (") for the value that starts here: the file ends inside it']


def changing_during_read(monkeypatch, change) -> None:
    """pandas is handed a file only after `change(path)` ran on it, as if another program wrote it meanwhile."""
    real_read_csv = pd.read_csv

    def read_csv(source, *args, **kwargs):
        change(source)
        return real_read_csv(source, *args, **kwargs)

    monkeypatch.setattr(pd, "read_csv", read_csv)


def test_only_gb18030_text_gets_a_private_copy_and_it_is_removed_after_reading(write_text, tmp_path,
                                                                               monkeypatch):
    import tempfile

    copies = tmp_path / "copies"
    copies.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(copies))
    made: list[str] = []
    changing_during_read(monkeypatch, lambda source: made.extend(path.name for path in copies.iterdir()))
    read_notes(write_text("notes.csv", table([EN, GOOD])))
    assert made == []  # UTF-8: pandas reads the user's file
    notes = read_notes(write_text("gbk.csv", table([EN + ["title"], GOOD + ["夏日防晒"]]), "gb18030"))
    assert notes["title"].tolist() == ["夏日防晒"] and made  # transcoded to UTF-8 for pandas
    with pytest.raises(InputError):
        read_notes(write_text("bad.csv", table([EN + ["title"], GOOD[:2] + ["abc"] + GOOD[3:] + ["标题"]]),
                              "gb18030"))
    assert list(copies.iterdir()) == []


@pytest.mark.parametrize("rows", [1, 60_000])  # the serial and the threaded reader of pandas
def test_a_file_that_grows_after_it_was_checked_is_refused_not_read(write_text, monkeypatch, rows):
    path = write_text("notes.csv", table(big_table(rows)))

    def append_rows(source):
        with open(source, "a", encoding="utf-8") as handle:
            handle.write("\n" * 1000)

    changing_during_read(monkeypatch, append_rows)
    with pytest.raises(InputError) as error:
        read_notes(path)
    assert problems(error) == [
        "notes.csv: changed while it was being read (is a program still saving it?): import it again"]


def test_a_file_replaced_after_it_was_checked_is_refused_not_read(write_text, tmp_path, monkeypatch):
    path = write_text("notes.csv", table([EN, GOOD]))
    other = write_text("other.csv", table([EN, ["N9"] + GOOD[1:]]))

    def replace_file(source):
        if other.exists():
            other.replace(source)  # same size, another file: a save that writes a new file and renames it

    changing_during_read(monkeypatch, replace_file)
    with pytest.raises(InputError) as error:
        read_notes(path)
    assert problems(error) == [
        "notes.csv: changed while it was being read (is a program still saving it?): import it again"]


# -- bounds and the history funnel, as the file shows them -----------------------------------------------

AMOUNT_RANGE = "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"


def test_an_absurd_budget_in_a_csv_is_refused_with_its_bound(write_text):
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(with_cell(EN, "budget", "¥1e308"))))
    assert problems(error) == [f'notes.csv, row 2, column budget: value "¥1e308": expected {AMOUNT_RANGE}']


def test_absurd_numbers_in_an_xlsx_are_refused_with_their_bounds(write_xlsx):
    rows = [ZH + ["预算"], ["N1", "美妆", 1e-300, 0.05, 0.04, 0.2, 0.1, 5e7, 1e13]]
    with pytest.raises(InputError) as error:
        read_notes(write_xlsx("notes.xlsx", rows))
    assert problems(error) == [
        'notes.xlsx, row 2, column 千次曝光成本: value "1e-300": expected a cost per 1,000 impressions from ¥0.01 '
        "to ¥1,000,000 (real boosts cost ¥10 to ¥500: a typo or a unit mix-up?)",
        'notes.xlsx, row 2, column 客单价: value "50000000": expected an average order value from ¥0 to ¥10,000,000 '
        "(more is no retail order: a typo or a unit mix-up?)",
        f'notes.xlsx, row 2, column 预算: value "10000000000000": expected {AMOUNT_RANGE}',
    ]


def test_a_headers_only_notes_table_is_an_empty_plan(write_text, write_xlsx):
    assert len(read_notes(write_text("notes.csv", table([EN])))) == 0
    assert len(read_notes(write_xlsx("notes.xlsx", [ZH]))) == 0


def test_history_whose_funnel_widens_is_refused_one_cell_each(write_text):
    rows = [HISTORY_ZH,
            ["N1", "美妆", "日常", "1,000", "1,500", "20", "10", "2", "0", "0"],
            ["N2", "美妆", "联投", "1000", "50", "1001", "60", "61", "0", "0"],
            ["N3", "美妆", "联投", "1000", "50", "20", "10", "2", "0", "0"]]
    with pytest.raises(InputError) as error:
        read_history(write_text("history.csv", table(rows)))
    assert problems(error) == [
        'history.csv, row 2, column 点击: value "1,500": expected at most the row\'s impressions (曝光), 1,000: '
        "each click is on an impression",
        'history.csv, row 3, column 互动: value "1001": expected at most the row\'s impressions (曝光), 1,000: '
        "each interaction is on an impression",
        'history.csv, row 3, column 进店: value "60": expected at most the row\'s clicks (点击), 50: '
        "each store visit comes from a click",
        'history.csv, row 3, column 订单: value "61": expected at most the row\'s store_visits (进店), 60: '
        "each order comes from a store visit",
    ]


def test_history_counts_and_money_past_their_bounds_are_refused(write_text):
    rows = [HISTORY_ZH, ["N1", "美妆", "日常", "2e15", "50", "20", "10", "2", "¥1e16", "0"]]
    with pytest.raises(InputError) as error:
        read_history(write_text("history.csv", table(rows)))
    assert problems(error) == [
        'history.csv, row 2, column 曝光: value "2e15": expected a count from 0 to 1,000,000,000,000,000 (more than '
        "any platform reports for a note: a typo or a unit mix-up?)",
        'history.csv, row 2, column 花费: value "¥1e16": expected an amount from 0 to ¥1,000,000,000,000,000 (more '
        "than any note spends or sells: a typo or a unit mix-up?)",
    ]


def test_lifts_past_the_most_a_lift_can_be_are_refused_in_a_lifts_table(write_text):
    rows = [["industry", "ctr_lift", "interaction_lift", "entry_lift"], ["beauty", "150", "1", "0"]]
    with pytest.raises(InputError) as error:
        read_lifts(write_text("lifts.csv", table(rows)))
    assert problems(error)[0] == (
        'lifts.csv, row 2, column ctr_lift: value "150": expected a lift from -1 to 100 (0.2 = +20%; more than '
        "+10,000% is past any published or fitted lift: a percentage written without %?)")


# -- A note's active window ---------------------------------------------------------------------

def test_windows_are_read_in_the_ways_days_are_written(write_text):
    rows = [EN + ["开始日期", "end_date"], GOOD + ["2025/5/13", "2025-06-18"], ["N2"] + GOOD[1:] + ["", "45826"]]
    notes = read_notes(write_text("notes.csv", table(rows)))
    assert notes["start_date"].dt.strftime("%Y-%m-%d").fillna("").tolist() == ["2025-05-13", ""]
    assert notes["end_date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-06-18", "2025-06-18"]


def test_an_xlsx_date_cell_is_a_day(write_xlsx):
    from datetime import datetime

    rows = [EN + ["start_date"], [*GOOD, datetime(2025, 5, 13)]]
    notes = read_notes(write_xlsx("notes.xlsx", rows, formats={"I2": "yyyy-mm-dd"}))
    assert notes["start_date"].dt.strftime("%Y-%m-%d").tolist() == ["2025-05-13"]


def test_bad_days_and_backward_windows_are_refused_per_cell(write_text):
    rows = [EN + ["开始日期", "结束日期"], GOOD + ["5月13日", ""], ["N2"] + GOOD[1:] + ["2025-06-01", "2025-05-31"]]
    with pytest.raises(InputError) as error:
        read_notes(write_text("notes.csv", table(rows)))
    assert problems(error) == [
        'notes.csv, row 2, column 开始日期: value "5月13日": expected a date such as 2025-05-13 (or 2025/5/13), from '
        '2000-01-01 to 2099-12-31; empty = the whole campaign',
        'notes.csv, row 3, column 结束日期: value "2025-05-31": expected an end date on or after the start date '
        '(note N2)']
