"""Each conversion of the platforms' figures to MODEL.md's definitions, against figures worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from export_files import JUGUANG, PUGONGYING, SHUTIAO, XIAOHONGXING, XINGHE, juguang_row, xinghe_row

from planner.io.exports import ACCEPT, SKIP, ExportOptions, import_exports
from planner.model.errors import InputError

# 聚光, hourly. N1: spend 100, impressions 3,000, clicks 120, interactions 50. N2: 80, 2,000, 50, 40.
JUGUANG_ROWS = [juguang_row("2025-05-20 10:00", "N1", 30.0, 1000, 40, 10, 2, 5, 3),
                juguang_row("2025-05-20 11:00", "N1", 20.0, 600, 20, 6, 1, 2, 1, follows=4),
                juguang_row("2025-05-21 09:00", "N1", 50.0, 1400, 60, 12, 3, 4, 1),
                juguang_row("2025-05-20 10:00", "N2", 80.0, 2000, 50, 20, 5, 10, 5)]
# 星河, 15-day window. N1: readers 150, store visits 48, buyers 4, item GMV 1,200, store GMV 2,000. N2: 40, 10, 2, 600, 800.
XINGHE_ROWS = [xinghe_row("2025-05-20", "N1", 100, 30, 3, 1500, 900, presale=200, creator="阿May"),
               xinghe_row("2025-05-21", "N1", 50, 18, 1, 500, 300),
               xinghe_row("2025-05-20", "N1", 100, 40, 5, 2000, 1500, window="30天"),
               xinghe_row("2025-05-20", "N2", 40, 10, 2, 800, 600, creator="小周"),
               xinghe_row("2025-05-20", "N2", 40, 12, 2, 800, 600, window="30天")]
PUGONGYING_ROWS = [["N1", "阿May", 10000, "跑鞋测评", "视频", "2025-05-18", 1000, 100, 1100, 90, 50, 40, "3%"],
                   ["N2", "小周", 20000, "徒步装备", "图文", "2025/5/19", 2000, 200, 2200, 30, 20, 10, "2%"]]
TITLES = ["蒲公英订单导出", "导出时间：2025-06-20 10:00"]


@pytest.fixture
def files(export):
    return [export("juguang.csv", JUGUANG, JUGUANG_ROWS), export("xinghe.csv", XINGHE, XINGHE_ROWS, bom=True),
            export("orders.csv", PUGONGYING, PUGONGYING_ROWS, title_rows=TITLES)]


def notes(paths, **options):
    result = import_exports(paths, ExportOptions(answers={"industry": "sports", **options.pop("answers", {})},
                                                 **options))
    assert result.unresolved == [] and result.problems == [], (result.unresolved, result.problems)
    return result, result.table.set_index("note_id")


def lines(result, field):
    return [d.text for d in result.derivations if d.field == field]


def test_each_rate_follows_the_models_definition(files):
    _result, table = notes(files)
    assert table.loc["N1", "cpm"] == pytest.approx(100 / 3000 * 1000)
    assert table.loc["N2", "cpm"] == pytest.approx(40.0)
    assert table["ctr"].tolist() == pytest.approx([120 / 3000, 50 / 2000])
    assert table["interaction_rate"].tolist() == pytest.approx([50 / 3000, 40 / 2000])  # per impression
    assert table["entry_rate"].tolist() == pytest.approx([48 / 120, 10 / 50])  # per click
    assert table["cvr"].tolist() == pytest.approx([4 / 48, 2 / 10])
    assert table["aov"].tolist() == pytest.approx([1200 / 4, 600 / 2])  # the linked item's GMV per buyer


def test_texts_creator_fee_and_start_date_come_from_the_order_export(files):
    _result, table = notes(files)
    assert table["title"].tolist() == ["跑鞋测评", "徒步装备"]
    assert table["creator"].tolist() == ["阿May", "小周"]
    assert table["format"].tolist() == ["video", "image"]
    assert table["creator_fee"].tolist() == [1100.0, 2200.0]  # 博主报价 + 服务费金额
    assert table["start_date"].tolist() == [pd.Timestamp("2025-05-18"), pd.Timestamp("2025-05-19")]  # 笔记发布日期


def test_each_derivation_says_its_formula_numbers_files_and_days(files):
    result, _table = notes(files)
    [entry] = [d for d in result.derivations if d.field == "entry_rate"]
    assert entry.formula == "进店UV 58 / 点击量 170" and entry.value == "34.12%"
    assert entry.sources == ("xinghe.csv", "juguang.csv") and entry.count == 2
    assert entry.context == ("星河 + 聚光", "2 notes", "2025-05-20 to 2025-05-21", "归因口径 15天", "流量类型 全部")
    assert entry.warnings[0] == ("进店UV counts visitors (UV), 点击量 counts clicks (PV): visitors over clicks may "
                                 "understate the rate")
    assert lines(result, "cpm") == ["cpm (千次曝光成本) = 消费 ¥180 / 展现量 5,000 × 1,000 = ¥36.00 (聚光, 2 notes, "
                                    "2025-05-20 to 2025-05-21)"]
    assert lines(result, "creator_fee") == ["creator_fee (合作费) = 博主报价 + 服务费金额 ¥3,300 (蒲公英, 2 notes)"]


def test_interactions_are_the_sum_of_their_parts_without_a_total_column(export, files):
    rows = [row[:JUGUANG.index("互动量")] + row[JUGUANG.index("互动量") + 1:] for row in JUGUANG_ROWS]
    header = [name for name in JUGUANG if name != "互动量"]
    result, table = notes([export("juguang.csv", header, rows), *files[1:]])
    assert table["interaction_rate"].tolist() == pytest.approx([50 / 3000, 40 / 2000])  # 关注 left out
    assert lines(result, "interaction_rate")[0].startswith(
        "interaction_rate (互动率) = 点赞 + 评论 + 收藏 + 分享 90 / 展现量 5,000")


def test_the_store_gmv_when_chosen(files):
    _result, table = notes(files, choices={"gmv": "store"})
    assert table["aov"].tolist() == pytest.approx([2000 / 4, 800 / 2])


def test_presale_gmv_is_not_added_again_and_says_so(files):
    result, table = notes(files)
    assert table.loc["N1", "aov"] == pytest.approx(300.0)  # 预售整单预估GMV 200 left out
    [aov] = [d for d in result.derivations if d.field == "aov"]
    assert "预售整单预估GMV is not added to the GMV again: a presale order is in it once paid" in aov.warnings


def test_another_attribution_window_when_chosen(files):
    result, table = notes(files, choices={"attribution": "30天"})
    assert table["entry_rate"].tolist() == pytest.approx([40 / 120, 12 / 50])
    assert "归因口径 30天" in [d for d in result.derivations if d.field == "entry_rate"][0].context
    assert result.slice_values == {"attribution": ["15天", "30天"]}


def test_an_attribution_window_the_file_lacks_is_refused(files):
    with pytest.raises(InputError) as error:
        import_exports(files, ExportOptions(choices={"attribution": "7天"}, answers={"industry": "sports"}))
    assert str(error.value) == 'xinghe.csv, column 归因口径: value "7天": expected one of the values the file holds: 15天, 30天'


def test_a_total_traffic_row_is_taken_alone_and_parts_are_added_without_one(export, files):
    parts = [xinghe_row("2025-05-20", "N1", 60, 20, 2, 0, 600, traffic="付费"),
             xinghe_row("2025-05-20", "N1", 40, 10, 1, 0, 300, traffic="自然"),
             xinghe_row("2025-05-20", "N2", 40, 10, 2, 0, 600, traffic="付费")]
    _result, table = notes([files[0], export("xinghe.csv", XINGHE, [XINGHE_ROWS[0], XINGHE_ROWS[3], *parts])])
    assert table["entry_rate"].tolist() == pytest.approx([30 / 120, 10 / 50])  # 全部 alone
    _result, table = notes([files[0], export("xinghe.csv", XINGHE, parts)])
    assert table["entry_rate"].tolist() == pytest.approx([30 / 120, 10 / 50])  # 付费 + 自然


def test_xinghe_alone_gives_no_per_click_entry_rate_and_asks(export):
    xinghe = export("xinghe.csv", XINGHE, XINGHE_ROWS, bom=True)
    result = import_exports([xinghe], ExportOptions(answers={"industry": "sports", "cpm": 50.0, "ctr": 0.03,
                                                             "interaction_rate": 0.02}))
    [entry] = result.unresolved
    assert entry.field == "entry_rate" and entry.notes == ("N1", "N2") and entry.can_accept
    assert entry.accept_text.startswith("星河's store-entry rate is per reader (进店UV ÷ 阅读UV), not per click")
    assert entry.reason == "no export read gives clicks (点击) (from 聚光 or 薯条)"


def test_the_per_reader_rate_when_accepted_knowingly(export):
    xinghe = export("xinghe.csv", XINGHE, XINGHE_ROWS, bom=True)
    result, table = notes([xinghe], answers={"cpm": 50.0, "ctr": 0.03, "interaction_rate": 0.02,
                                             "entry_rate": ACCEPT})
    assert table["entry_rate"].tolist() == pytest.approx([48 / 150, 10 / 40])
    [entry] = [d for d in result.derivations if d.field == "entry_rate"]
    assert entry.how == "fallback" and entry.formula == "进店UV 58 / 阅读/播放UV 190"


def test_a_typed_value_or_leaving_the_notes_out(export, files):
    only_n1 = export("xinghe.csv", XINGHE, XINGHE_ROWS[:3], bom=True)
    result = import_exports([files[0], only_n1], ExportOptions(answers={"industry": "sports"}))
    assert [(u.field, u.notes) for u in result.unresolved] == [("entry_rate", ("N2",)), ("cvr", ("N2",)),
                                                              ("aov", ("N2",))]
    _result, table = notes([files[0], only_n1], answers={"entry_rate": 0.25, "cvr": 0.05, "aov": 199.0})
    assert table.loc["N2", ["entry_rate", "cvr", "aov"]].tolist() == [0.25, 0.05, 199.0]
    result, table = notes([files[0], only_n1], answers={"entry_rate": SKIP, "cvr": SKIP, "aov": SKIP})
    assert table.index.tolist() == ["N1"] and result.left_out == ["N2"]


def test_the_plans_values_are_kept_for_its_notes(export, files):
    current = notes(files)[1].reset_index().assign(entry_rate=[0.11, 0.22], industry=["beauty", "food"])
    only_n1 = export("xinghe.csv", XINGHE, XINGHE_ROWS[:3], bom=True)
    result = import_exports([files[0], only_n1], ExportOptions(current=current))
    table = result.table.set_index("note_id")
    assert table.loc["N2", "entry_rate"] == 0.22 and table["industry"].tolist() == ["beauty", "food"]
    assert "the plan's values" in [d.formula for d in result.derivations if d.field == "entry_rate"]


def test_sampled_xiaohongxing_visits_are_divided_by_their_sampling_share(export, files):
    sampled = export("xhx.csv", XIAOHONGXING, [["N1", 0, 0, 0, "10%", 5], ["N2", 0, 0, 0, 0.2, 2]])
    result, table = notes([files[0], sampled], answers={"cvr": 0.05, "aov": 100.0})
    assert table["entry_rate"].tolist() == pytest.approx([5 / 0.1 / 120, 2 / 0.2 / 50])
    [entry] = [d for d in result.derivations if d.field == "entry_rate"]
    assert entry.formula == "站外店铺行为UV 60 / 点击量 170"
    assert "小红星's UVs are sampled: each row was divided by its 抽样比例" in entry.warnings


def test_xinghe_goes_before_xiaohongxing(export, files):
    sampled = export("xhx.csv", XIAOHONGXING, [["N1", 0, 0, 0, "10%", 5], ["N2", 0, 0, 0, 0.2, 2]])
    _result, table = notes([*files, sampled])
    assert table["entry_rate"].tolist() == pytest.approx([48 / 120, 10 / 50])


def test_a_sampling_share_of_zero_is_a_problem_of_its_cell(export, files):
    sampled = export("xhx.csv", XIAOHONGXING, [["N1", 0, 0, 0, "0%", 5]])
    with pytest.raises(InputError) as error:
        import_exports([files[0], sampled], ExportOptions())
    assert str(error.value) == 'xhx.csv, row 2, column 抽样比例: value "0%": expected a share above 0 and at most 1 ' \
                               '(such as 0.1 or 10%)'


def test_a_block_of_xiaohongxing_columns_inside_the_order_export(export, files):
    header = PUGONGYING + ["抽样比例", "站外店铺行为UV"]
    orders = export("orders.csv", header, [row + ["10%", 5] for row in PUGONGYING_ROWS], title_rows=TITLES)
    result, table = notes([files[0], orders], answers={"cvr": 0.05, "aov": 100.0})
    assert result.files[1].kind == "pugongying" and result.files[1].blocks == ("xiaohongxing",)
    assert table["entry_rate"].tolist() == pytest.approx([50 / 120, 50 / 50])


def test_a_rate_is_a_ratio_within_the_exports_that_gave_its_numerator(export, files):
    boost = export("shutiao.csv", SHUTIAO, [["N1", "阿May", "60.00", "100.00", "已完成", "2025-05-20 10:30", 1000, 30]],
                   encoding="gb18030")
    _result, table = notes([*files, boost])
    assert table.loc["N1", "cpm"] == pytest.approx(160 / 4000 * 1000)  # 聚光 and 薯条 spend and impressions
    assert table.loc["N1", "ctr"] == pytest.approx(150 / 4000)  # 薯条's reads are clicks
    assert table.loc["N1", "interaction_rate"] == pytest.approx(50 / 3000)  # 聚光's interactions, 聚光's impressions
    assert table.loc["N1", "entry_rate"] == pytest.approx(48 / 150)  # 星河's visits over every click


def test_only_the_chosen_days_are_read(files):
    result, table = notes(files, first_day=date(2025, 5, 21), last_day=date(2025, 5, 21))
    assert table.index.tolist() == ["N1"]  # N2 was not boosted that day
    assert table.loc["N1", "cpm"] == pytest.approx(50 / 1400 * 1000)
    assert table.loc["N1", "entry_rate"] == pytest.approx(18 / 60)
    assert "2025-05-21 to 2025-05-21" in [d for d in result.derivations if d.field == "ctr"][0].context


def test_a_total_row_without_a_note_id_is_left_out_and_said(export, files):
    total = ["合计", "", "", "", "", "", "", 180.0, 5000, 170, "", "", "", 0, 0, 0, 0, 0, 90, ""]
    result, table = notes([export("juguang.csv", JUGUANG, [*JUGUANG_ROWS, total]), *files[1:]])
    assert table["ctr"].tolist() == pytest.approx([120 / 3000, 50 / 2000])
    assert "juguang.csv: 1 row without a note id left out (a total row?)" in result.notices


def test_a_dash_is_no_figure(export, files):
    rows = [row[:] for row in JUGUANG_ROWS]
    rows[1][JUGUANG.index("点赞")] = "-"
    _result, table = notes([export("juguang.csv", JUGUANG, rows), *files[1:]])
    assert table.loc["N1", "interaction_rate"] == pytest.approx(50 / 3000)  # the row's 互动量 is still there


def test_every_bad_cell_is_a_problem_with_its_file_row_column_and_value(export):
    rows = [juguang_row("2025-05-20 10:00", "N1", 30.0, -5, 40), juguang_row("someday", "N1", "abc", 10, 1)]
    with pytest.raises(InputError) as error:
        import_exports([export("juguang.csv", JUGUANG, rows)], ExportOptions())
    assert [str(p) for p in error.value.problems] == [
        'juguang.csv, row 2, column 展现量: value "-5": expected a count of 0 or more',
        'juguang.csv, row 3, column 时间: value "someday": expected a day such as 2025-05-20 (or 2025-05-20 14:00 in '
        'an hourly report)',
        'juguang.csv, row 3, column 消费: value "abc": expected an amount in ¥, such as 12000 or ¥12,000.50']


def test_plan_names_are_read_only_for_history_by_joint_plans(files):
    from planner.io.exports import recognise_files
    from planner.io.exports.presets import load_catalogue
    from planner.io.exports.read import exports_read

    found = recognise_files(files[:1])
    without = exports_read(found, load_catalogue(), plan_names=False)[0]
    with_names = exports_read(found, load_catalogue())[0]
    assert "计划名称" not in without.columns and (without.frame["plan"] == "").all()
    assert "计划名称" in with_names.columns and (with_names.frame["plan"] == "日常种草").all()
