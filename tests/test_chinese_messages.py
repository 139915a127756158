"""The core speaks Chinese: under zh, every problem, report and refusal a user reads is in Chinese words.

A line may hold ASCII letters only where they are the user's own (the file's name, a value quoted from the
file, a note id) or the catalogue's Chinese label has them (笔记ID).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from commands import BIN
from plans import random_notes, small_notes

from planner import i18n
from planner.io.excel.export import export_plan
from planner.io.excel.read import edits_table, read_edits
from planner.io.planfile import load_plan, plan_to_document
from planner.io.tables import import_table, read_notes
from planner.model.errors import InputError, PlanError, Problem, shown_value
from planner.model.fitting import fit_lifts, report_lines
from planner.model.optimiser import optimise, optimise_for_target
from planner.model.plan import PlanParams, new_plan

LETTERS = re.compile(r"[A-Za-z]")
CHINESE_WORDS_WITH_LETTERS = ("笔记ID",)  # the catalogue's own Chinese label


@pytest.fixture
def zh() -> Iterator[None]:
    i18n.set_language("zh")
    try:
        yield
    finally:
        i18n.set_language("en")


def words_of(line: str, *own: str) -> str:
    """`line` without the user's own words (`own`: a file name, values) and the Chinese labels with letters."""
    for text in sorted(own, key=len, reverse=True):
        line = line.replace(text, "")
    for word in CHINESE_WORDS_WITH_LETTERS:
        line = line.replace(word, "")
    return line


def assert_chinese(line: str, *own: str) -> None:
    rest = words_of(line, *own)
    assert not LETTERS.search(rest), f"English in {line!r}"
    assert re.search("[\u4e00-\u9fff]", rest), f"no Chinese in {line!r}"


def assert_problems_chinese(problems: list[Problem], *own: str) -> list[str]:
    """Each problem's line is Chinese once its file name, its value (as the line quotes it) and a column named
    by the file's own header are left out."""
    lines = []
    for problem in problems:
        line = str(problem)
        quoted = shown_value(problem.value)
        header = problem.column if problem.header and problem.column else None
        assert_chinese(line, problem.file, *own, *(text for text in (quoted, header) if text))
        lines.append(line)
    return lines


# -- a notes table with every kind of error --------------------------------------------------------

BAD_NOTES = """笔记ID,标题,达人,行业,类型,广告笔记,挂链,千次曝光成本,点击率,互动率,进店率,客单价,预算下限,预算上限,预算
XHS240001,春季新品,小红,美妆,图文,是,是,45,150%,2%,30%,199,0,,1000
XHS240001,夏日防晒,阿明,运动,视频,否,是,45,3%,2%,30%,199,0,,-5000
,早餐,小李,,长图,也许,否,-3,3.2,abc,30%,199,0,,¥1e308
XHS240004,跑鞋,Leo,美妆,图文,是,是,45,3%,2%,30%,1e9,500,100,1000
"""


def bad_notes(tmp_path: Path) -> Path:
    path = tmp_path / "笔记表 bad.csv"
    path.write_text(BAD_NOTES, encoding="utf-8")
    return path


def test_a_notes_table_with_errors_of_every_kind_is_told_in_chinese(zh, tmp_path):
    with pytest.raises(InputError) as error:  # a required column is missing: refused, with every problem
        import_table(bad_notes(tmp_path), "notes")
    lines = assert_problems_chinese(error.value.problems)
    assert lines[0] == "笔记表 bad.csv，第 1 行：缺少必需的“转化率”列"
    assert "笔记表 bad.csv，第 2 行，“点击率”列：值“150%”：应为介于 0% 与 100% 之间的百分数" in lines
    assert "笔记表 bad.csv，第 3 行，“预算”列：值“-5000”：应为不小于零的金额" in lines
    assert "笔记表 bad.csv，第 3 行，“笔记ID”列：值“XHS240001”：应为不重复的笔记ID（第 2 行已用过这个笔记ID）" in lines
    assert "笔记表 bad.csv，第 4 行，“行业”列：值“”：应为行业（必填）" in lines
    kinds = {line.split("：应为")[-1] for line in lines}
    assert len(kinds) >= 12  # rates, percentages, text in numbers, ids, industries, flags, formats, money, bounds


def test_a_table_with_bad_values_but_every_column_is_told_in_chinese(zh, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text(BAD_NOTES.replace("客单价,", "客单价,转化率,").replace(",199,", ",199,2%,"), encoding="utf-8")
    result = import_table(path, "notes")
    assert len(assert_problems_chinese(result.problems)) == 14
    with pytest.raises(InputError) as error:
        read_notes(path)
    assert error.value.problems == result.problems


def test_a_column_named_by_its_key_is_shown_by_its_chinese_label_and_a_header_as_written(zh):
    assert str(Problem("plan.rcplan", 3, "ctr", 1.5, "x")) == "plan.rcplan，第 3 行，“点击率”列：值“1.5”：应为x"
    assert str(Problem("plan.rcplan", None, "brand_budget", None, "x")) == "plan.rcplan，“品牌预算”列：x"
    assert str(Problem("notes.csv", 2, "ctr", "9", "x", header=True)) == "notes.csv，第 2 行，“ctr”列：值“9”：应为x"
    i18n.set_language("en")
    assert str(Problem("plan.rcplan", 3, "ctr", 1.5, "x")) == 'plan.rcplan, row 3, column ctr: value "1.5": expected x'


def test_a_history_table_with_errors_is_told_in_chinese(zh, tmp_path):
    path = tmp_path / "history.csv"
    path.write_text("笔记ID,行业,周期,曝光,点击,互动,进店\n"
                    "h1,美妆,日常,1000,2000,10,5\n"
                    "h2,美妆,上周,1000,50,10,5\n"
                    ",,,-1,abc,10,5\n", encoding="utf-8")
    result = import_table(path, "history")
    lines = assert_problems_chinese(result.problems)
    assert "history.csv，第 2 行，“点击”列：值“2000”：应为不超过该行的曝光（1,000）：每次点击都来自一次曝光" in lines
    assert "history.csv，第 3 行，“周期”列：值“上周”：应为周期：日常/基线或联投" in lines


# -- a plan file, an edited workbook, fitting and the optimiser ---------------------------------------

def test_a_plan_file_with_problems_is_told_in_chinese(zh, tmp_path):
    plan = new_plan(small_notes(), name="小计划")
    document = plan_to_document(plan)
    document["scenarios"][0]["params"].update(brand_budget=-1.0, objective="likes", platform_share=1.5,
                                              platform_cap=-3.0)
    columns = document["notes"]["columns"]
    columns["ctr"][0], columns["note_id"][2] = 1.5, "n1"
    document["scenarios"][0]["budgets"][1] = -5000.0
    columns["industry"][1], columns["cpm"][2] = "", 0.0
    document["lifts"]["rows"][1]["ctr_lift"] = -2.0
    path = tmp_path / "坏方案.rcplan"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as error:
        load_plan(path)
    lines = assert_problems_chinese(error.value.problems)
    assert "坏方案.rcplan，“优化目标”列：值“likes”：应为以下之一：点击、互动、进店、订单、成交额" in lines
    assert "坏方案.rcplan，第 1 行，“点击率”列：值“1.5”：应为介于 0 与 1 之间的比率（百分数请带 %，例如 3.2%）" in lines
    assert any(line.startswith("坏方案.rcplan，第 2 行，“点击提升率”列") for line in lines)
    assert len(lines) == 11, "\n".join(lines)


def edited_workbook(tmp_path: Path, plan_notes: pd.DataFrame) -> Path:
    plan = new_plan(plan_notes, params=PlanParams(brand_budget=5000.0))
    export_plan(plan, tmp_path / "plan.xlsx", "zh")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    notes, assumptions = book["笔记计划"], book["假设"]
    notes["Q4"], notes["Q5"], notes["R6"], notes["A6"] = -5.5, "abc", "maybe", "n9"
    assumptions["B15"], assumptions["E14"] = "abc", -2
    book.save(tmp_path / "edited.xlsx")
    return tmp_path / "edited.xlsx"


def test_an_edited_workbook_with_problems_is_told_in_chinese(zh, tmp_path):
    path = edited_workbook(tmp_path, small_notes())
    with pytest.raises(InputError) as error:
        read_edits(new_plan(small_notes()), path)
    lines = assert_problems_chinese(error.value.problems)
    assert "edited.xlsx，第 4 行，“预算”列：值“-5.5”：应为不小于零的金额（工作表“笔记计划”）" in lines
    assert len(lines) >= 6


def test_the_table_of_edits_read_back_is_in_chinese(zh, tmp_path):
    plan = new_plan(small_notes())
    export_plan(plan, tmp_path / "plan.xlsx", "zh")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx")
    book["笔记计划"]["Q4"], book["笔记计划"]["I4"], book["假设"]["B15"] = 2500, 0.07, 0.25
    book.save(tmp_path / "edited.xlsx")
    edits = read_edits(plan, tmp_path / "edited.xlsx")
    lines = edits_table(edits)
    assert lines[0] == "从 edited.xlsx 读回 4 处修改："
    assert "美妆" in lines[-4] and "beauty" not in "\n".join(lines)
    headers = {change.column for change in edits.changes + edits.ignored}  # the workbook's own headers
    for line in lines:
        assert_chinese(line, "edited.xlsx", "n1", *headers)


def test_the_fitting_report_is_in_chinese_and_names_industries_by_their_labels(zh):
    rows = []
    for industry, notes, clicks in (("beauty", 6, 50.0), ("food", 3, 50.0), ("sports", 6, 0.0)):
        for i in range(notes):
            for period, scale in (("base", 1.0), ("joint", 1.3)):
                rows.append((f"{industry}{i}", industry, period, 1000.0 + 10 * i, clicks * scale, 20.0, 10.0))
    history = pd.DataFrame(rows, columns=["note_id", "industry", "period", "impressions", "clicks",
                                          "interactions", "store_visits"])
    lines = report_lines(fit_lifts(history, resamples=50))
    assert lines[0].startswith("默认：用 15 篇笔记拟合（日常 15 篇，联投 15 篇）")
    assert "食品：未拟合，使用默认行：日常 3 篇笔记、联投 3 篇笔记，每个周期至少需要 5 篇" in lines
    assert any(line.startswith("运动：保留原有提升率：点击提升率的分母为 0：日常的比率为 0") for line in lines)
    for line in lines:
        assert_chinese(line)


def test_the_optimisers_errors_are_in_chinese(zh):
    notes = random_notes(3, seed=2, linked=0.0)
    notes["min_budget"] = [1000.0, 2000.0, 500.0]
    with pytest.raises(PlanError) as infeasible:
        optimise(new_plan(notes, params=PlanParams(brand_budget=3000.0, joint=False)))
    assert str(infeasible.value) == "仅预算下限和锁定的预算就需要品牌方出资 ¥3,500.00，超过了品牌预算 ¥3,000.00"
    with pytest.raises(PlanError) as unbounded:
        optimise(new_plan(random_notes(5, seed=4, linked=1.0), params=PlanParams(brand_budget=1.0,
                                                                                 platform_share=1.0)))
    with pytest.raises(PlanError) as unreachable:
        optimise_for_target(new_plan(small_notes()), 1e15)
    for error in (infeasible, unbounded, unreachable):
        assert_chinese(str(error.value))


# -- planner-cli, by --lang and by the locale ---------------------------------------------------------

def run_cli_in(folder: Path, *args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "planner-cli"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=folder, timeout=120, env=env)


def assert_cli_lines_chinese(stderr: str, file: str) -> list[str]:
    lines = stderr.splitlines()
    assert len(lines) >= 12
    for line in lines:
        assert line.startswith(file + "，")
        assert_chinese(re.sub("值“[^”]*”：", "", line), file)
    return lines


def test_planner_cli_with_lang_zh_prints_a_bad_tables_problems_in_chinese_only(tmp_path):
    bad = bad_notes(tmp_path)
    run = run_cli_in(tmp_path, "--lang", "zh", "new", "--notes", bad, "-o", tmp_path / "out.rcplan")
    assert run.returncode == 2
    assert run.stdout == ""
    assert_cli_lines_chinese(run.stderr, bad.name)


def test_a_chinese_locale_picks_chinese_without_lang(tmp_path):
    bad = bad_notes(tmp_path)
    env = {**os.environ, "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
    run = run_cli_in(tmp_path, "new", "--notes", bad, "-o", tmp_path / "out.rcplan", env=env)
    assert run.returncode == 2
    chinese = assert_cli_lines_chinese(run.stderr, bad.name)
    english = run_cli_in(tmp_path, "--lang", "en", "new", "--notes", bad, "-o", tmp_path / "out.rcplan", env=env)
    assert english.stderr.splitlines()[0] == f"{bad.name}, row 1: missing required column cvr (转化率)"
    assert len(english.stderr.splitlines()) == len(chinese)


def test_every_value_the_problems_quote_is_left_as_the_file_has_it(zh, tmp_path):
    with pytest.raises(InputError) as error:
        import_table(bad_notes(tmp_path), "notes")
    values = {str(p.value) for p in error.value.problems if p.value is not None}
    assert {"150%", "abc", "¥1e308", "也许", "长图", "-3"} <= values


# -- the words the catalogue holds, and English plurals -----------------------------------------------

def test_every_rule_of_the_field_catalogue_has_its_words_in_chinese(zh):
    from planner.model.fields import HISTORY, NOTE_INPUTS

    rules = [field.rule for field in NOTE_INPUTS + HISTORY if field.rule is not None]
    for rule in rules:
        for word in (rule.noun, rule.bounds, rule.reason, rule.least):
            assert word == "" or i18n._(word) != word, word
        for told in (rule.range_text, rule.required_text) + ((rule.least_text,) if rule.least else ()):
            assert_chinese(told)


def test_counts_in_english_take_their_plural_forms():
    from planner.io.excel.read import Change, Edits

    change = Change("Notes plan", 4, "Budget", "n1", "budget", 1000.0, 2500.0)
    assert edits_table(Edits("a.xlsx", "en", (change,), ()))[0] == "1 change read back from a.xlsx:"
    assert edits_table(Edits("a.xlsx", "en", (change, change), ()))[0] == "2 changes read back from a.xlsx:"
    assert edits_table(Edits("a.xlsx", "en", (), ()))[0] == "No changes read back from a.xlsx."
    assert edits_table(Edits("a.xlsx", "en", (), (change,)))[1] == (
        "1 edit in the workbook NOT read back (make it in the app):")
    notes = random_notes(5, seed=4, linked=1.0)
    notes.loc[1:, "taobao_link"] = False
    with pytest.raises(PlanError, match="with a platform share of 100% and no platform cap, 1 eligible note without"):
        optimise(new_plan(notes, params=PlanParams(brand_budget=1.0, platform_share=1.0)))
