"""`planner-cli import-export`: the demo's sample exports into notes, history and actuals tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from commands import run_cli
from planner.resources import resource_path

from planner.io.exports import ExportOptions, import_exports
from planner.io.tables import read_actuals, read_history, read_notes

SAMPLES = [resource_path("samples", name) for name in ("juguang.csv", "xinghe.csv", "pugongying.xlsx",
                                                        "shutiao.csv", "xiaohongxing.xlsx")]


def test_the_samples_become_a_notes_table_with_every_derivation_printed(tmp_path):
    out = tmp_path / "notes.csv"
    run = run_cli("import-export", *SAMPLES, "-o", out, "--industry", "运动")
    assert run.returncode == 0, run.stderr
    said = run.stdout.splitlines()
    for field in ("cpm (千次曝光成本) = 消费 + 实际消耗（元） ¥751,800 / 展现量 + 曝光量", "ctr (点击率) = 点击量 + 阅读量",
                  "interaction_rate (互动率) = 互动量", "entry_rate (进店率) = 进店UV", "cvr (转化率) = 成交UV",
                  "aov (客单价) = 订单商品成交GMV"):
        assert any(line.startswith(field) for line in said), field
    assert said[-1] == f"wrote {out}: 60 notes"
    expected = import_exports(SAMPLES, ExportOptions(answers={"industry": "运动"}))
    # Only what the exports gave: an update of a plan from this file keeps its budgets and its ad and link flags.
    assert pd.read_csv(out, nrows=0).columns.tolist() == expected.columns == [
        "note_id", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov", "industry", "title", "creator",
        "format", "creator_fee", "start_date"]
    notes = read_notes(out)
    pd.testing.assert_frame_equal(notes, expected.table, check_dtype=False)
    assert (notes["industry"] == "sports").all()


def test_a_field_no_export_gives_is_asked_for_and_nothing_is_written(tmp_path):
    out = tmp_path / "notes.csv"
    run = run_cli("import-export", SAMPLES[1], "-o", out, "--industry", "美妆")
    assert run.returncode == 2 and not out.exists()
    lines = run.stderr.splitlines()
    assert lines[0].startswith("xinghe.csv: cpm (千次曝光成本): 60 notes have no value (XHS618001, ")
    entry = next(line for line in lines if "entry_rate" in line)
    assert entry.endswith("(answer with --set entry_rate=VALUE, --accept entry_rate, --skip entry_rate, --leave-out)")


def test_answers_on_the_command_line(tmp_path):
    out = tmp_path / "notes.csv"
    run = run_cli("import-export", SAMPLES[1], "-o", out, "--industry", "美妆", "--set", "cpm=¥60", "--set",
                  "ctr=4%", "--set", "interaction_rate=0.03", "--accept", "entry_rate", "--gmv", "store")
    assert run.returncode == 0, run.stderr
    notes = read_notes(out)
    assert (notes["cpm"] == 60).all() and (notes["ctr"] == 0.04).all()
    assert "cpm (千次曝光成本) = typed: ¥60.00 (60 notes)" in run.stdout
    assert any(line.startswith("entry_rate (进店率) = 进店UV") and "/ 阅读/播放UV" in line for line in run.stdout.splitlines())
    assert any(line.startswith("aov (客单价) = 商家GMV") for line in run.stdout.splitlines())


def test_a_renamed_column_mapped_on_the_command_line(tmp_path):
    drifted = tmp_path / "juguang.csv"
    drifted.write_text(SAMPLES[0].read_text(encoding="utf-8").replace(",点击量,", ",点击次数,", 1), encoding="utf-8")
    run = run_cli("import-export", drifted, *SAMPLES[1:], "-o", tmp_path / "notes.csv", "--industry", "运动")
    assert run.returncode == 2
    assert run.stderr.strip() == ("juguang.csv, row 1: a column 点击量, which the 聚光 (Juguang) note and creative "
                                  "report needs: if it was renamed, choose the column that holds it")
    run = run_cli("import-export", drifted, *SAMPLES[1:], "-o", tmp_path / "notes.csv", "--industry", "运动",
                  "--map", "juguang:点击次数=点击量")
    assert run.returncode == 0, run.stderr


def test_history_by_joint_plans_or_by_days(tmp_path):
    out = tmp_path / "history.csv"
    run = run_cli("import-export", *SAMPLES, "-o", out, "--as", "history", "--industry", "运动",
                  "--base-days", "2025-05-20..2025-06-03", "--joint-days", "2025-06-04..2025-06-18")
    assert run.returncode == 0, run.stderr
    history = read_history(out)
    assert sorted(history["period"].unique()) == ["base", "joint"] and len(history) == 120
    run = run_cli("import-export", *SAMPLES, "-o", out, "--as", "history", "--industry", "运动")
    assert run.returncode == 2
    assert run.stderr.strip().endswith("a history table needs periods: --base-days and --joint-days, or --joint-plans")


@pytest.mark.parametrize(("argument", "told"), [
    (("--joint-plans", "联投("), "is not a pattern (a regular expression)"),
    (("--base-days", "2025-06-03..2025-05-20"), "ends before it starts"),
    (("--set", "ctr=lots"), "is not a number"),
])
def test_bad_arguments_are_told(tmp_path, argument, told):
    run = run_cli("import-export", *SAMPLES, "-o", tmp_path / "x.csv", "--as", "history", *argument)
    assert run.returncode == 2 and told in run.stderr


def test_actuals_by_day_read_back_as_an_actuals_table(tmp_path):
    out = tmp_path / "actuals.csv"
    run = run_cli("import-export", *SAMPLES, "-o", out, "--as", "actuals", "--from", "2025-06-01")
    assert run.returncode == 0, run.stderr
    actuals = read_actuals(out)
    assert len(actuals) == 60 * 18 and actuals["date"].min() == "2025-06-01"
    assert "xiaohongxing.xlsx: no dates, so not used for actuals" in run.stdout


def test_a_file_that_is_no_export_exits_2(tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("笔记ID,行业\nN1,美妆\n", encoding="utf-8")
    run = run_cli("import-export", other, "-o", tmp_path / "out.csv")
    assert run.returncode == 2 and run.stderr.startswith("notes.csv: a platform export the app knows")
    assert not Path(tmp_path / "out.csv").exists()
