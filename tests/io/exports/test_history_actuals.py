"""History rows (by period) and actuals rows (by day) from the exports, validated as typed tables are."""

from __future__ import annotations

from datetime import date

import pytest
from export_files import JUGUANG, XINGHE, juguang_row, xinghe_row

from planner.io.exports import ExportOptions, Periods, import_exports

JUGUANG_ROWS = [juguang_row("2025-05-20 10:00", "N1", 30.0, 1000, 40, 10, 2, 5, 3, plan="日常种草"),
                juguang_row("2025-05-21 10:00", "N1", 50.0, 1400, 60, 12, 3, 4, 1, plan="618联投-运动"),
                juguang_row("2025-05-22 10:00", "N1", 20.0, 600, 20, 6, 1, 2, 1, plan="日常种草"),
                juguang_row("2025-05-22 11:00", "N1", 20.0, 600, 20, 6, 1, 2, 1, plan="618联投-运动"),
                juguang_row("2025-05-20 10:00", "N2", 80.0, 2000, 50, 20, 5, 10, 5, plan="日常种草")]
XINGHE_ROWS = [xinghe_row("2025-05-20", "N1", 30, 10, 1, 0, 100), xinghe_row("2025-05-21", "N1", 50, 25, 2, 0, 300),
               xinghe_row("2025-05-22", "N1", 20, 8, 1, 0, 90), xinghe_row("2025-05-20", "N2", 40, 10, 2, 0, 600)]


@pytest.fixture
def files(export):
    return [export("juguang.csv", JUGUANG, JUGUANG_ROWS), export("xinghe.csv", XINGHE, XINGHE_ROWS, bom=True)]


def rows_of(table, *keys):
    return {tuple(row[key] for key in keys): row for row in table.to_dict("records")}


def test_history_periods_by_ranges_of_days(files):
    periods = Periods(base_days=(date(2025, 5, 20), date(2025, 5, 20)), joint_days=(date(2025, 5, 21),
                                                                                    date(2025, 5, 22)))
    result = import_exports(files, ExportOptions("history", periods=periods, answers={"industry": "sports"}))
    assert result.ready
    rows = rows_of(result.table, "note_id", "period")
    assert sorted(rows) == [("N1", "base"), ("N1", "joint"), ("N2", "base")]
    joint = rows[("N1", "joint")]
    assert (joint["impressions"], joint["clicks"], joint["interactions"], joint["store_visits"], joint["orders"],
            joint["spend"], joint["gmv"]) == (2600, 100, 40, 33, 3, 90, 390)
    assert joint["industry"] == "sports"


def test_history_periods_by_the_names_of_joint_plans(files):
    result = import_exports(files, ExportOptions("history", periods=Periods(joint_plans="联投"),
                                                 answers={"industry": "sports"}))
    rows = rows_of(result.table, "note_id", "period")
    # 聚光 rows by their plan's name; 星河 rows by their note's plans that day: 5-22 had both kinds, so its
    # 星河 row is in no period.
    assert rows[("N1", "joint")]["impressions"] == 1400 + 600 and rows[("N1", "base")]["impressions"] == 1000 + 600
    assert rows[("N1", "joint")]["store_visits"] == 25 and rows[("N1", "base")]["store_visits"] == 10
    assert "xinghe.csv: 1 row in no period (outside both ranges, or a day of both kinds of plan or of none) left " \
           "out" in result.notices


def test_a_period_no_row_is_in_is_said(files):
    matches_none = import_exports(files, ExportOptions("history", periods=Periods(joint_plans="双11"),
                                                       answers={"industry": "sports"}))
    assert "no row is in the joint period: no plan name (计划名称) matches 双11" in matches_none.notices
    matches_all = import_exports(files, ExportOptions("history", periods=Periods(joint_plans="."),
                                                      answers={"industry": "sports"}))
    assert "no row is in the base period: every plan name (计划名称) matches ." in matches_all.notices
    by_days = Periods(base_days=(date(2025, 5, 20), date(2025, 5, 22)), joint_days=(date(2025, 7, 1),
                                                                                     date(2025, 7, 2)))
    outside = import_exports(files, ExportOptions("history", periods=by_days, answers={"industry": "sports"}))
    assert "no row is in the joint period: no day of the exports is in its range" in outside.notices
    both = import_exports(files, ExportOptions("history", periods=Periods(joint_plans="联投"),
                                               answers={"industry": "sports"}))
    assert not [notice for notice in both.notices if notice.startswith("no row is in")]


def test_a_pattern_that_is_no_pattern_is_refused(files):
    from planner.model.errors import InputError

    with pytest.raises(InputError) as error:
        import_exports(files, ExportOptions("history", periods=Periods(joint_plans="联投("),
                                            answers={"industry": "sports"}))
    assert str(error.value).startswith(': value "联投(": expected a pattern of joint plans\' names (a regular '
                                       'expression): missing ), unterminated subpattern')


def test_history_is_validated_as_a_history_table(export, files):
    too_many = [XINGHE_ROWS[0], xinghe_row("2025-05-20", "N2", 40, 60, 2, 0, 600)]  # 60 visits from 50 clicks
    result = import_exports([files[0], export("xinghe.csv", XINGHE, too_many)], ExportOptions(
        "history", periods=Periods(base_days=(date(2025, 5, 20), date(2025, 5, 20))), answers={"industry": "food"}))
    assert [str(p) for p in result.problems] == [
        "juguang.csv + xinghe.csv, column store_visits: value \"60.0\": expected at most the row's clicks (点击), 50: "
        "each store visit comes from a click (note N2, base)"]
    assert not result.ready


def test_history_needs_an_industry_and_store_visits(files):
    result = import_exports(files[:1], ExportOptions("history", periods=Periods(joint_plans="联投")))
    assert [u.field for u in result.unresolved] == ["store_visits", "industry"]
    assert result.unresolved[0].reason == "no export read gives store_visits (进店) (from 星河 or 小红星)"


def test_actuals_by_day_from_an_hourly_report(files):
    result = import_exports(files, ExportOptions("actuals"))
    assert result.ready
    rows = rows_of(result.table, "date", "note_id")
    assert sorted(rows) == [("2025-05-20", "N1"), ("2025-05-20", "N2"), ("2025-05-21", "N1"), ("2025-05-22", "N1")]
    day = rows[("2025-05-22", "N1")]
    assert (day["spend"], day["impressions"], day["clicks"], day["interactions"], day["store_visits"], day["orders"],
            day["gmv"]) == (40, 1200, 40, 20, 8, 1, 90)


def test_actuals_are_validated_one_row_per_note_and_day_and_a_narrowing_funnel(export, files):
    wide = [xinghe_row("2025-05-21", "N1", 50, 61, 2, 0, 300)]
    result = import_exports([files[0], export("xinghe.csv", XINGHE, wide)], ExportOptions("actuals"))
    assert [str(p) for p in result.problems] == [
        "juguang.csv + xinghe.csv, column store_visits: value \"61.0\": expected at most the row's clicks (点击), 60: "
        "each store visit comes from a click (note N1, 2025-05-21)"]
    result = import_exports([files[0], export("xinghe.csv", XINGHE, wide)], ExportOptions("actuals", leave_out=True))
    assert result.ready and result.left_out == ["N1, 2025-05-21"] and len(result.table) == 3


def test_an_export_without_dates_has_no_actuals(export, files):
    from export_files import XIAOHONGXING

    sampled = export("xhx.csv", XIAOHONGXING, [["N1", 0, 0, 0, "10%", 5]])
    result = import_exports([files[0], sampled], ExportOptions("actuals"))
    assert "xhx.csv: no dates, so not used for actuals" in result.notices
