"""planner-cli track and replan (CONTRACT.md), and --history for the guardrails of estimate and optimize."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from commands import run_cli as cli
from plans import small_notes

from planner.io.planfile import load_plan, save_plan
from planner.model.calendar import Calendar, Phase
from planner.model.plan import PlanParams, new_plan
from planner.model.plan_actuals import import_actuals
from planner.model.scenarios import plan_of, scenario_names
from planner.model.tracking import track

FOUR_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 4), 1.0),))


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    """The small plan (budgets 1000, 500, 0; brand budget 3000) over four even days."""
    plan = replace(new_plan(small_notes(), name="小计划", params=PlanParams(brand_budget=3000.0)), calendar=FOUR_DAYS)
    path = tmp_path / "plan.rcplan"
    save_plan(plan, path)
    return path


def actuals_file(tmp_path: Path, rows: list[tuple[str, str, float, float, float]], name: str = "actuals.csv",
                 chinese: bool = False) -> Path:
    """An actuals CSV of (day, note, spend, impressions, clicks) rows, with English or Chinese headers."""
    headers = ["日期", "笔记ID", "消费", "曝光", "点击"] if chinese else ["date", "note_id", "spend", "impressions",
                                                                       "clicks"]
    path = tmp_path / name
    pd.DataFrame(rows, columns=headers).to_csv(path, index=False)
    return path


TWO_DAYS = [("2025-05-01", "n1", 300.0, 6000.0, 250.0), ("2025-05-02", "n1", 350.0, 7000.0, 330.0),
            ("2025-05-01", "n2", 100.0, 2500.0, 90.0)]


def ok(*args: object) -> str:
    run = cli(*args)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_track_prints_plan_vs_actual_for_the_plan_and_each_note_and_writes_nothing(tmp_path: Path,
                                                                                   plan_file: Path) -> None:
    before = plan_file.read_bytes()
    out = ok("track", plan_file, actuals_file(tmp_path, TWO_DAYS, chinese=True), "--lang", "en")
    lines = out.splitlines()
    assert lines[0] == "Plan: 小计划, scenario 小计划: actuals to 2025-05-02"
    assert lines[1] == "3 new rows of actuals (a note on a day each)"
    # Planned to date: two of four even days of budgets 1,000 and 500 = ¥750; spent ¥750.
    assert lines[4].split() == ["Spend", "¥750", "¥750", "¥0", "100.0%"]
    assert "Pacing of spend to date: on track" in lines
    note = lines.index("Note n1: pacing slightly over")  # ¥650 of ¥500: 130%
    assert lines[note + 2].split() == ["Spend", "¥500", "¥650", "+¥150", "130.0%"]
    assert "    CTR: 6.00% → 4.67% (580 / 13,000)" in lines  # (2000 x 6% + 580) / (2000 + 13,000)
    assert "Note n3: pacing —" in lines  # nothing planned to date: no status
    assert plan_file.read_bytes() == before


def test_track_json_holds_the_tracking_figures(tmp_path: Path, plan_file: Path) -> None:
    document = json.loads(ok("track", plan_file, actuals_file(tmp_path, TWO_DAYS), "--json"))
    plan = import_actuals(load_plan(plan_file), pd.read_csv(actuals_file(tmp_path, TWO_DAYS))).plan
    expected = track(plan)
    assert document["to_date"] == "2025-05-02" and document["status"] == "on_track"
    assert document["plan"] == {"name": "小计划", "scenario": "小计划"}
    assert document["actuals"] | {"replaced_days": None} == {
        "rows": 3, "notes": 2, "first_day": "2025-05-01", "last_day": "2025-05-02", "added": 3, "replaced": 0,
        "replaced_days": None, "replaced_notes": []}
    assert document["totals"]["spend"] == {"planned": 750.0, "actual": 750.0, "variance": 0.0, "achievement": 1.0}
    assert document["totals"]["gmv"]["actual"] is None  # the actuals carry no GMV
    n1, n2, n3 = document["notes"]
    assert (n1["note_id"], n1["status"], n3["status"]) == ("n1", "slightly_over", None)
    assert n2["spend"]["achievement"] == pytest.approx(0.4)
    assert n1["rates"]["ctr"] == {"planned": pytest.approx(0.06), "observed": pytest.approx(
        expected.rates.at[0, "observed_ctr"]), "events": 580.0, "exposures": 13000.0}
    assert [day["date"] for day in document["daily"]] == ["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04"]
    assert document["daily"][1]["cumulative_actual_spend"] == 750.0 and document["daily"][2]["actual_spend"] is None


def test_track_merges_the_file_with_the_plans_actuals_and_says_which_days_it_replaced(tmp_path: Path,
                                                                                      plan_file: Path) -> None:
    plan = load_plan(plan_file)
    save_plan(import_actuals(plan, pd.read_csv(actuals_file(tmp_path, TWO_DAYS))).plan, plan_file)
    later = actuals_file(tmp_path, [("2025-05-02", "n1", 400.0, 7000.0, 330.0),
                                    ("2025-05-03", "n1", 100.0, 2000.0, 90.0)], "later.csv")
    document = json.loads(ok("track", plan_file, later, "--json"))
    assert (document["actuals"]["added"], document["actuals"]["replaced"]) == (1, 1)
    assert document["actuals"]["replaced_days"] == ["2025-05-02"] and document["actuals"]["replaced_notes"] == ["n1"]
    assert document["totals"]["spend"]["actual"] == 300.0 + 400.0 + 100.0 + 100.0
    out = ok("track", plan_file, later, "--lang", "en")
    assert ("1 new row of actuals (a note on a day); 1 row replaced the plan's figures of the same note and day "
            "(days 2025-05-02; notes n1)") in out


def test_bad_actuals_exit_2_with_one_line_per_problem_in_either_language(tmp_path: Path, plan_file: Path) -> None:
    bad = actuals_file(tmp_path, [("2025-05-01", "n1", -1.0, 100.0, 10.0), ("2025-05-09", "n1", 1.0, 100.0, 10.0),
                                  ("2025-05-02", "zz", 1.0, 100.0, 10.0), ("2025-05-02", "n2", 1.0, 100.0, 200.0)])
    for lang, words in (("en", ("expected an amount", "a day of the campaign, 2025-05-01 to 2025-05-04",
                                "the id of one of the plan's notes", "at most the row's impressions")),
                        ("zh", ("第 2 行", "第 3 行", "第 4 行", "第 5 行"))):
        for command in ("track", "replan"):
            run = cli(command, plan_file, bad, "--lang", lang)
            lines = run.stderr.splitlines()
            assert run.returncode == 2 and "Traceback" not in run.stderr and len(lines) == 4, run.stderr
            for line, word in zip(lines, words, strict=True):
                assert line.startswith("actuals.csv") and word in line, line
    assert load_plan(plan_file).actuals is None and scenario_names(load_plan(plan_file)) == ["小计划"]


def test_track_without_a_calendar_says_what_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "no_calendar.rcplan"
    save_plan(new_plan(small_notes()), path)
    run = cli("track", path, actuals_file(tmp_path, TWO_DAYS), "--lang", "en")
    assert run.returncode == 2 and "a campaign calendar" in run.stderr


def test_replan_saves_the_actuals_and_a_new_scenario_on_observed_rates(tmp_path: Path, plan_file: Path) -> None:
    out = ok("replan", plan_file, actuals_file(tmp_path, TWO_DAYS), "--lang", "en")
    plan = load_plan(plan_file)
    assert scenario_names(plan) == ["小计划", "Re-plan 2025-05-02"] and plan.scenario.name == "小计划"
    assert plan.actuals is not None and len(plan.actuals) == 3
    replanned = plan_of(plan, "Re-plan 2025-05-02")
    assert replanned.scenario.rates == "observed"
    budgets = dict(zip(replanned.notes["note_id"], replanned.notes["budget"], strict=True))
    assert budgets["n1"] >= 650.0 and budgets["n2"] >= 100.0  # the spend to date kept
    assert "the spend to date, ¥750 over 2 notes, is kept" in out
    assert "Budgets ¥1,500 → " in out and "  n2: ¥500 → ¥100 (-¥400)" in out
    assert 'planner-cli scenario activate' in out and "Re-plan 2025-05-02" in out


def test_replan_takes_a_name_and_starts_from_the_scenario_asked_for(tmp_path: Path, plan_file: Path) -> None:
    ok("scenario", "add", plan_file, "B")
    ok("replan", plan_file, actuals_file(tmp_path, TWO_DAYS), "--scenario", "B", "--name", "调整")
    plan = load_plan(plan_file)
    assert scenario_names(plan) == ["小计划", "B", "调整"] and plan.scenario.name == "小计划"
    run = cli("replan", plan_file, actuals_file(tmp_path, TWO_DAYS), "--name", "调整", "--lang", "en")
    assert run.returncode == 2 and "a name no other scenario of the plan has" in run.stderr


# ---------------------------------------------------------------- --history and the guardrails

def history_file(tmp_path: Path) -> Path:
    path = tmp_path / "history.csv"
    pd.DataFrame({"note_id": ["n1", "n1"], "industry": ["beauty", "beauty"], "period": ["base", "joint"],
                  "impressions": [10000, 10000], "clicks": [400, 500], "interactions": [300, 400],
                  "store_visits": [100, 120], "spend": [200.0, 300.0]}).to_csv(path, index=False)
    return path


def test_estimate_with_history_warns_of_a_budget_past_history_in_text_and_json(tmp_path: Path,
                                                                              plan_file: Path) -> None:
    document = json.loads(ok("estimate", plan_file, "--json", "--history", history_file(tmp_path)))
    assert {"note_id": "n1", "code": "past_history", "message": (
        "a budget of ¥1,000, more than 3 times the most this note spent in the history table (¥300): check that it "
        "can spend that much")} in document["warnings"]
    without = json.loads(ok("estimate", plan_file, "--json"))
    assert "past_history" not in [w["code"] for w in without["warnings"]]
    out = ok("estimate", plan_file, "--history", history_file(tmp_path), "--lang", "en")
    assert "  warning: note n1: a budget of ¥1,000, more than 3 times" in out


def test_optimize_with_history_prints_the_warnings_of_the_saved_plan(tmp_path: Path, plan_file: Path) -> None:
    out = ok("optimize", plan_file, "--history", history_file(tmp_path), "--lang", "en")
    assert "past_history" not in out and "warning: note n1: a budget of" in out
    run = cli("optimize", plan_file, "--history", tmp_path / "missing.csv", "--lang", "en")
    assert run.returncode != 0 and "missing.csv" in run.stderr
