"""Importing an actuals table (CONTRACT.md: date, note_id, spend, impressions, clicks, interactions,
store_visits, orders, gmv; Chinese 日期 笔记ID 消费 曝光 点击 互动 进店 订单 成交额)."""

from __future__ import annotations

import csv
import io
from datetime import datetime

import pytest

from planner.io.tables import read_actuals
from planner.model.errors import InputError

ZH = ["日期", "笔记ID", "消费", "曝光", "点击", "互动", "进店", "订单", "成交额"]
EN = ["date", "note_id", "spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv"]
ROWS = [["2025/5/20", "N1", "¥1,200.50", "30,000", "900", "600", "180", "6", "1800"],
        ["2025-05-21", "N1", "800", "20000", "700", "", "", "", ""],
        ["2025年5月20日", "N2", "100", "4000", "100", "50", "20", "1", "99.9"]]


def table(rows: list[list[object]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def lines(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_chinese_headers_read_in_either_encoding(write_text, encoding):
    actuals = read_actuals(write_text("actuals.csv", table([ZH, *ROWS]), encoding=encoding))
    assert actuals["date"].tolist() == ["2025-05-20", "2025-05-21", "2025-05-20"]
    assert actuals["spend"].tolist() == [1200.5, 800.0, 100.0]
    assert actuals["impressions"].tolist() == [30000.0, 20000.0, 4000.0]
    assert actuals["store_visits"].isna().tolist() == [False, True, False]


def test_english_headers_in_an_xlsx_with_date_cells(write_xlsx):
    rows = [EN, [datetime(2025, 5, 20), "N1", 1200.5, 30000, 900, 600, 180, 6, 1800],
            [datetime(2025, 5, 21), "N1", 800, 20000, 700, None, None, None, None]]
    actuals = read_actuals(write_xlsx("actuals.xlsx", rows))
    assert actuals["date"].tolist() == ["2025-05-20", "2025-05-21"]
    assert actuals["clicks"].tolist() == [900.0, 700.0]


def test_spend_and_impressions_are_required_columns(write_text):
    with pytest.raises(InputError) as error:
        read_actuals(write_text("actuals.csv", table([["日期", "笔记ID", "点击"], ["2025-05-20", "N1", "5"]])))
    assert lines(error) == ["actuals.csv, row 1: missing required column spend (消费)",
                            "actuals.csv, row 1: missing required column impressions (曝光)"]


def test_every_bad_cell_is_one_problem_with_file_row_column_and_value(write_text):
    rows = [ZH,
            ["2025-05-20", "N1", "-5", "1000", "1200", "10", "5", "1", "10"],
            ["5月20日", "N1", "10", "1000", "100", "10", "101", "1", "10"],
            ["2025-05-20", "N1", "10", "abc", "100", "10", "5", "9", "inf"]]
    with pytest.raises(InputError) as error:
        read_actuals(write_text("actuals.csv", table(rows)))
    assert lines(error) == [
        'actuals.csv, row 2, column 消费: value "-5": expected an amount of 0 or more',
        'actuals.csv, row 2, column 点击: value "1200": expected at most the row\'s impressions (曝光), 1,000: each '
        'click is on an impression',
        'actuals.csv, row 3, column 日期: value "5月20日": expected a day such as 2025-05-13 (or 2025/5/13), from '
        '2000-01-01 to 2099-12-31',
        'actuals.csv, row 3, column 进店: value "101": expected at most the row\'s clicks (点击), 100: each store '
        'visit comes from a click',
        'actuals.csv, row 4, column 笔记ID: value "N1": expected one row per note and day: row 2 has this note on '
        'this day already',
        'actuals.csv, row 4, column 曝光: value "abc": expected a number, such as 12000 or 12,000',
        'actuals.csv, row 4, column 订单: value "9": expected at most the row\'s store_visits (进店), 5: each order '
        'comes from a store visit',
        'actuals.csv, row 4, column 成交额: value "inf": expected a finite number',
    ]
