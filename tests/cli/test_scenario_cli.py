"""planner-cli over scenarios and the calendar: scenario, compare, calendar, pace and --scenario."""

from __future__ import annotations

import csv
import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from commands import run_cli as cli
from planner.resources import resource_path

from planner.io.planfile import load_plan, save_plan
from planner.model.funnel import estimate
from planner.model.scenarios import plan_of, scenario_names


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "demo.rcplan"
    shutil.copy(resource_path("demo.rcplan"), path)
    return path


def ok(*args: object) -> str:
    run = cli(*args)
    assert run.returncode == 0, run.stderr
    return run.stdout


def test_scenarios_are_added_renamed_activated_and_removed(demo: Path) -> None:
    names = scenario_names(load_plan(demo))
    ok("scenario", "add", demo, "B")
    ok("scenario", "add", demo, "C", "--from", "B")
    ok("scenario", "rename", demo, "C", "Cee")
    ok("scenario", "activate", demo, "Cee")
    plan = load_plan(demo)
    assert scenario_names(plan) == [*names, "B", "Cee"] and plan.scenario.name == "Cee"
    ok("scenario", "remove", demo, "B")
    listed = json.loads(ok("scenario", "list", demo, "--json"))
    assert [(s["name"], s["active"]) for s in listed] == [(name, False) for name in names] + [("Cee", True)]


def test_a_bad_scenario_step_exits_2_and_saves_nothing(demo: Path) -> None:
    before = demo.read_bytes()
    run = cli("scenario", "remove", demo, "nobody")
    assert run.returncode == 2 and "nobody" in run.stderr and "Traceback" not in run.stderr
    run = cli("scenario", "add", demo, scenario_names(load_plan(demo))[0])
    assert run.returncode == 2 and "a name no other scenario of the plan has" in run.stderr
    assert demo.read_bytes() == before


def test_optimize_with_scenario_changes_that_scenario_and_keeps_the_active_one(demo: Path) -> None:
    first = scenario_names(load_plan(demo))[0]
    ok("scenario", "add", demo, "800K")
    ok("optimize", demo, "--scenario", "800K", "--brand-budget", "800000", "--objective", "gmv")
    plan = load_plan(demo)
    assert plan.scenario.name == first and plan.params.brand_budget == 600_000
    assert plan_of(plan, "800K").params.brand_budget == 800_000
    compared = json.loads(ok("compare", demo, "--json"))
    assert compared["base"] == first
    by_name = {s["name"]: s for s in compared["scenarios"]}
    assert by_name["800K"]["totals"]["gmv"] == estimate(plan_of(plan, "800K")).totals["gmv"]
    assert by_name["800K"]["difference"]["brand_cost"] > 0 and by_name[first]["difference"]["gmv"] == 0
    assert compared["notes_differing_most"]


def test_a_calendar_preset_paces_the_plan_and_estimate_json_carries_the_days(demo: Path, tmp_path: Path) -> None:
    said = ok("calendar", demo, "--preset", "618-2025")
    assert "2025-05-13 20:00" in said
    days = json.loads(ok("pace", demo, "--json"))
    assert days[0]["date"] == "2025-04-28" and days[-1]["date"] == "2025-06-20"
    total = sum(day["spend"] for day in days)
    assert total == pytest.approx(estimate(load_plan(demo)).totals["budget"], rel=1e-12)
    document = json.loads(ok("estimate", demo, "--json"))
    assert len(document["pacing"]) == len(days)
    ok("pace", demo, "-o", tmp_path / "daily.csv")
    with (tmp_path / "daily.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["phase"] == "蓄水" and len(rows) == len(days)


def test_pace_without_a_calendar_says_how_to_set_one(demo: Path) -> None:
    save_plan(dataclasses.replace(load_plan(demo), calendar=None), demo)
    run = cli("pace", demo)
    assert run.returncode == 2
    assert "a campaign calendar (set one: a preset such as 618-2025, or a calendar table)" in run.stderr


def test_a_calendar_table_with_overlapping_phases_is_refused_in_chinese_too(demo: Path, tmp_path: Path) -> None:
    table = tmp_path / "cal.csv"
    table.write_text("阶段,开始,结束,权重,节奏\n预热,2025-05-01,2025-05-10,1,\n预售,2025-05-09,2025-05-20,1,\n",
                     encoding="utf-8")
    before = demo.read_bytes()
    run = cli("calendar", demo, "--file", table)
    assert run.returncode == 2 and run.stderr.startswith("cal.csv, row 3, column 开始")
    assert demo.read_bytes() == before


def test_pace_piped_into_a_reader_that_stops_early_is_quiet(demo: Path, tmp_path: Path) -> None:
    import subprocess

    from commands import BIN

    ok("calendar", demo, "--preset", "double11")
    done = subprocess.run(f"'{BIN / 'planner-cli'}' pace '{demo}' | head -1", shell=True, capture_output=True,
                          text=True, cwd=tmp_path)
    assert done.stderr == "" and done.stdout.startswith("Date")
