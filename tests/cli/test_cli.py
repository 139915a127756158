"""planner-cli through a subprocess: exit codes, messages and the JSON of CONTRACT.md."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from commands import BIN
from commands import run_cli as cli
from planner.resources import resource_path
from plans import small_notes
from save_hazards import make_special
from special_files import SPECIAL_KINDS
from special_files import make_special as make_special_input

from planner.cli import os_error_text
from planner.io.excel.export import export_plan
from planner.io.planfile import load_plan, save_plan
from planner.model.funnel import NOTE_KEYS, TOTAL_KEYS, estimate
from planner.model.plan import PlanParams, new_plan


@pytest.fixture
def notes_csv(tmp_path: Path) -> Path:
    path = tmp_path / "notes.csv"
    small_notes().to_csv(path, index=False)
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.rcplan"
    save_plan(new_plan(small_notes(), name="small", params=PlanParams(brand_budget=5000.0, platform_cap=1000.0)),
              path)
    return path


def test_estimate_json_has_the_contract_shape_and_the_model_numbers(plan_file: Path):
    run = cli("estimate", plan_file, "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    assert list(document) == ["plan", "totals", "uncertainty", "notes", "warnings"]
    assert document["plan"] == {"name": "small", "brand_budget": 5000.0, "objective": "orders", "joint": True,
                                "platform_share": 0.5, "platform_cap": 1000.0}
    assert list(document["totals"]) == list(TOTAL_KEYS)
    assert list(document["uncertainty"]) == ["orders", "gmv"]
    assert list(document["uncertainty"]["gmv"]) == ["p10", "p50", "p90"]
    expected = estimate(load_plan(plan_file))
    for key in TOTAL_KEYS:
        assert document["totals"][key] == expected.totals[key]  # full precision, not rounded
    assert [list(note) for note in document["notes"]] == [list(NOTE_KEYS)] * 3
    assert [note["note_id"] for note in document["notes"]] == ["n1", "n2", "n3"]
    assert document["notes"][0]["orders"] == expected.notes.loc[0, "orders"]


def test_estimate_json_writes_null_for_undefined_ratios(tmp_path: Path):
    path = tmp_path / "zero.rcplan"
    save_plan(new_plan(small_notes()).with_budgets([0.0, 0.0, 0.0]).with_params(platform_share=1.0, platform_cap=5.0),
              path)
    document = json.loads(cli("estimate", path, "--json").stdout)
    assert document["totals"]["roi"] is None and document["totals"]["cpa"] is None
    assert document["totals"]["orders"] == 0


def test_estimate_text_shows_totals_and_the_p10_p90_band():
    run = cli("estimate", "--demo")
    assert run.returncode == 0, run.stderr
    assert "Plan: 红猫运动美妆 · 618 种草加热 — 60 notes" in run.stdout
    assert "GMV P10 / P50 / P90 (Monte Carlo over the lifts): ¥" in run.stdout
    clicks = next(line for line in run.stdout.splitlines() if line.startswith("Clicks"))
    assert "." not in clicks  # counts are whole numbers


def test_estimate_text_speaks_chinese_with_lang_zh():
    run = cli("--lang", "zh", "estimate", "--demo")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("方案：红猫运动美妆 · 618 种草加热 — 60 篇笔记\n")
    assert "点击率" not in run.stdout and "成交额 P10 / P50 / P90（按提升率蒙特卡洛模拟）：¥" in run.stdout
    assert not any(word in run.stdout for word in ("Budget", "Clicks", "notes", "objective"))


def test_the_language_follows_the_locale_and_lang_wins(tmp_path: Path):
    import os

    chinese = subprocess.run([str(BIN / "planner-cli"), "estimate", "--demo"], capture_output=True, text=True,
                             encoding="utf-8", cwd=tmp_path, env={**os.environ, "LANGUAGE": "", "LC_ALL": "",
                                                                  "LANG": "zh_CN.UTF-8"})
    assert chinese.stdout.startswith("方案：")
    english = subprocess.run([str(BIN / "planner-cli"), "estimate", "--demo", "--lang", "en"], capture_output=True,
                             text=True, encoding="utf-8", cwd=tmp_path,
                             env={**os.environ, "LANGUAGE": "", "LC_ALL": "", "LANG": "zh_CN.UTF-8"})
    assert english.stdout.startswith("Plan: ")


def test_argparse_errors_speak_chinese_too():
    run = cli("--lang", "zh", "optimize", "--demo", "--brand-budget", "abc")
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1] == ("planner-cli optimize：错误：参数 --brand-budget：'abc' 不是金额"
                                           "（例如 50000 或 ¥50,000）")
    assert run.stderr.startswith("用法：")


def test_new_makes_a_plan_with_the_given_parameters(notes_csv: Path, tmp_path: Path):
    out = tmp_path / "new.rcplan"
    run = cli("new", "--notes", notes_csv, "--name", "春季", "--brand-budget", "¥50,000", "--no-joint",
              "--platform-share", "30%", "--platform-cap", "20000", "--objective", "gmv", "-o", out)
    assert run.returncode == 0, run.stderr
    plan = load_plan(out)
    assert plan.name == "春季" and len(plan.notes) == 3
    assert plan.params == PlanParams(brand_budget=50_000.0, objective="gmv", joint=False, platform_share=0.3,
                                     platform_cap=20_000.0, budget_step=100.0)  # a new plan buys round hundreds


def test_new_reports_every_invalid_value_with_exit_2(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_text("note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov\n"
                    "a,beauty,50,150,0.01,0.2,0.05,100\n"
                    "b,food,-3,0.02,0.01,0.2,0.05,100\n", encoding="utf-8")
    run = cli("new", "--notes", path, "-o", tmp_path / "x.rcplan")
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith('bad.csv, row 2, column ctr: value "150"')
    assert lines[1].startswith('bad.csv, row 3, column cpm: value "-3"')
    assert not (tmp_path / "x.rcplan").exists()


def test_optimize_writes_in_place_within_the_brand_budget(plan_file: Path):
    run = cli("optimize", plan_file, "--brand-budget", "8000", "--objective", "gmv")
    assert run.returncode == 0, run.stderr
    plan = load_plan(plan_file)
    assert plan.params.brand_budget == 8000 and plan.params.objective == "gmv"
    assert estimate(plan).totals["brand_cost"] <= 8000
    assert run.stdout.startswith("GMV: ¥")


def test_optimize_to_a_target_sets_the_least_budget(plan_file: Path, tmp_path: Path):
    out = tmp_path / "target.rcplan"
    run = cli("optimize", plan_file, "--target", "100", "-o", out)
    assert run.returncode == 0, run.stderr
    assert estimate(load_plan(out)).totals["orders"] >= 100


def test_unreachable_targets_and_infeasible_minimums_exit_2_with_one_line(tmp_path: Path):
    notes = small_notes()
    notes["max_budget"] = 10_000.0
    notes["min_budget"] = 2_000.0
    path = tmp_path / "bounded.rcplan"
    save_plan(new_plan(notes, params=PlanParams(brand_budget=5000.0)), path)
    unreachable = cli("optimize", path, "--target", "1e12")
    assert unreachable.returncode == 2
    assert unreachable.stderr.startswith("planner-cli: the target of 1,000,000,000,000.00 orders cannot be reached: "
                                         "the most this plan can reach is ")
    infeasible = cli("optimize", path, "--brand-budget", "1000")
    assert infeasible.returncode == 2
    assert infeasible.stderr == ("planner-cli: the minimum and locked budgets alone need ¥4,000.00 of brand money, "
                                 "more than the brand budget of ¥1,000.00\n")
    assert load_plan(path).notes["budget"].tolist() == [1000.0, 500.0, 0.0]  # nothing written on failure


def test_a_missing_plan_file_is_invalid_input(tmp_path: Path):
    run = cli("estimate", tmp_path / "nowhere.rcplan")
    assert run.returncode == 2
    assert "nowhere.rcplan" in run.stderr and "Traceback" not in run.stderr


def test_bad_arguments_exit_2():
    run = cli("optimize", "--demo", "--objective", "likes")
    assert run.returncode == 2
    assert "invalid choice: 'likes'" in run.stderr


def test_fit_lifts_writes_a_lifts_table_and_reports(tmp_path: Path):
    out = tmp_path / "lifts.csv"
    run = cli("fit-lifts", resource_path("demo_history.csv"), "-o", out, "--json")
    assert run.returncode == 0, run.stderr
    document = json.loads(run.stdout)
    industries = [row["industry"] for row in document["lifts"]]
    assert "default" in industries and "sports" in industries
    assert any(line.startswith("food: ") for line in document["report"])
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("industry,ctr_lift,")


# --- outputs that are not regular files, and outputs that cannot be written -----------------------

def output_arguments(command: str, plan_file: Path, notes_csv: Path, output: Path) -> list[object]:
    """The arguments of `command` writing to `output` (apply-excel reads back a fresh export of the plan)."""
    if command == "new":
        return ["new", "--notes", notes_csv, "-o", output]
    if command == "fit-lifts":
        return ["fit-lifts", resource_path("demo_history.csv"), "-o", output]
    if command == "apply-excel":
        workbook = plan_file.with_suffix(".xlsx")
        export_plan(load_plan(plan_file), workbook)
        return ["apply-excel", plan_file, workbook, "-o", output]
    return [command, plan_file, "-o", output]


@pytest.mark.skipif(os.name == "nt", reason="special files and symlinks of POSIX")
@pytest.mark.parametrize(("kind", "via_link"), [("device", True), ("device", False), ("fifo", False),
                                                ("folder", False)], ids=["link-to-device", "device", "fifo", "folder"])
@pytest.mark.parametrize("command", ["new", "optimize", "export", "fit-lifts", "apply-excel"])
def test_an_output_that_is_not_a_regular_file_is_refused_with_exit_2(tmp_path: Path, plan_file: Path,
                                                                      notes_csv: Path, command: str, kind: str,
                                                                      via_link: bool):
    special = make_special(tmp_path, kind, via_link, name="out")
    before = special.identity()
    run = cli(*output_arguments(command, plan_file, notes_csv, special.given))
    assert run.returncode == 2
    assert run.stderr == special.message() + "\n"
    assert special.identity() == before
    assert special.leftovers() == []


def run_limited(tmp_path: Path, args: Sequence[object], file_size_limit: int) -> subprocess.CompletedProcess[str]:
    """planner-cli in `tmp_path`, unable to make a file larger than `file_size_limit` bytes (EFBIG, as a full
    disk or a quota would stop it; Python ignores SIGXFSZ, so the write fails instead of killing the process)."""
    def limit() -> None:
        import resource  # POSIX only

        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run([str(BIN / "planner-cli"), *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", cwd=tmp_path, preexec_fn=limit, timeout=120,
                          env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})


@pytest.mark.skipif(os.name == "nt", reason="file size limits of POSIX")
@pytest.mark.parametrize("command", ["optimize", "export"])
def test_a_file_too_large_to_write_names_the_output_and_exits_1(tmp_path: Path, command: str):
    output = "618.xlsx" if command == "export" else "618.rcplan"
    run = run_limited(tmp_path, [command, "--demo", "-o", output], 4096)
    assert run.returncode == 1
    assert run.stderr == f"planner-cli: {output}: File too large\n"
    assert list(tmp_path.iterdir()) == []


FULL_DISK_CHILD = """
import errno, os, sys, tempfile
from planner.cli import main
tempfile.gettempdir()  # found by writing a probe with os.write: before the disk fills up
real_write, written, limit = os.write, [0], int(sys.argv[1])
def write(handle, data):  # the disk fills up after `limit` bytes of the output's temporary file
    if written[0] + len(data) > limit:
        raise OSError(errno.ENOSPC, "No space left on device")
    written[0] += len(data)
    return real_write(handle, data)
os.write = write
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize("after", [0, 20_000])
def test_a_full_disk_during_export_prints_one_line_and_no_traceback(tmp_path: Path, after: int):
    """At the archive's start or in its middle: XlsxWriter's abandoned zip must not print when collected."""
    run = subprocess.run([sys.executable, "-c", FULL_DISK_CHILD, str(after), "export", "--demo", "-o", "618.xlsx"],
                         capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120)
    assert run.returncode == 1
    assert run.stderr == "planner-cli: 618.xlsx: No space left on device\n"
    assert list(tmp_path.iterdir()) == []


def test_a_file_error_without_a_file_prints_the_reason_alone():
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")) == "No space left on device"
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device", "618.xlsx")) == (
        "618.xlsx: No space left on device")


# -- absurd numbers, lone surrogates and empty plans ---------------------------------------------------

AMOUNT_RANGE = "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"


def test_a_plan_named_with_a_lone_surrogate_estimates_prints_json_and_exports(tmp_path: Path):
    import dataclasses

    path = tmp_path / "named.rcplan"
    notes = small_notes()
    notes.loc[0, "title"] = "春季\udcff"
    save_plan(dataclasses.replace(new_plan(notes), name="计划\ud800"), path)  # escaped as \ud800 by the writer
    text = cli("estimate", path)
    assert text.returncode == 0, text.stderr
    assert "Plan: 计划\ufffd — 3 notes" in text.stdout
    document = cli("estimate", path, "--json")
    assert document.returncode == 0, document.stderr
    assert json.loads(document.stdout)["plan"]["name"] == "计划\ufffd"
    export = cli("export", path, "-o", tmp_path / "named.xlsx")
    assert export.returncode == 0, export.stderr
    assert (tmp_path / "named.xlsx").stat().st_size > 0


def test_absurd_numbers_in_a_plan_file_exit_2_with_their_bounds_not_infinities(plan_file: Path, tmp_path: Path):
    document = json.loads(plan_file.read_text(encoding="utf-8"))
    document["scenarios"][0]["budgets"][0] = 1e308
    document["notes"]["columns"]["cpm"][1] = 1e-300
    document["notes"]["columns"]["aov"][1] = 1e300
    path = tmp_path / "absurd.rcplan"
    path.write_text(json.dumps(document), encoding="utf-8")
    for args in ((), ("--json",)):
        run = cli("estimate", path, *args)
        assert run.returncode == 2 and run.stdout == ""
        assert "Traceback" not in run.stderr and "inf" not in run.stderr
        lines = run.stderr.splitlines()
        assert lines[0] == f'absurd.rcplan, row 1, column budget: value "1e+308": expected {AMOUNT_RANGE}'
        assert [line.split(":")[0] for line in lines[1:]] == ["absurd.rcplan, row 2, column cpm",
                                                              "absurd.rcplan, row 2, column aov"]


@pytest.mark.parametrize(("args", "message"), [
    (("optimize", "--demo", "--brand-budget", "1e13"), f"argument --brand-budget: '1e13' is not {AMOUNT_RANGE}"),
    (("optimize", "--demo", "--brand-budget", "nan"), "argument --brand-budget: 'nan' is not an amount of 0 or more"),
    (("optimize", "--demo", "--target", "1e16"),
     "argument --target: '1e16' is not a target from 0 to 1,000,000,000,000,000 (more is past any real "
     "campaign's total: a typo or a unit mix-up?)"),
    (("new", "--notes", "n.csv", "-o", "x.rcplan", "--platform-cap", "¥1e300"),
     f"argument --platform-cap: '¥1e300' is not {AMOUNT_RANGE}"),
])
def test_number_arguments_past_their_bounds_exit_2_saying_why(args, message):
    run = cli(*args)
    assert run.returncode == 2
    assert run.stderr.splitlines()[-1].endswith(message)


def test_number_arguments_at_their_bounds_are_accepted(plan_file: Path, tmp_path: Path):
    run = cli("optimize", plan_file, "--brand-budget", "¥1,000,000,000,000", "-o", tmp_path / "top.rcplan")
    assert run.returncode == 0, run.stderr
    assert load_plan(tmp_path / "top.rcplan").params.brand_budget == 1e12


def test_estimate_json_writes_null_for_a_ratio_past_the_largest_double(tmp_path: Path):
    notes = small_notes().iloc[[1]].assign(ctr=1e-300, entry_rate=1e-10, cvr=1.0, budget=1e12, cpm=1e5)
    path = tmp_path / "tiny.rcplan"
    save_plan(new_plan(notes), path)
    run = cli("estimate", path, "--json")
    assert run.returncode == 0, run.stderr
    totals = json.loads(run.stdout)["totals"]
    assert totals["cpa"] is None and totals["orders"] > 0


def test_a_headers_only_notes_table_makes_an_empty_plan_that_every_command_handles(tmp_path: Path):
    notes = tmp_path / "empty.csv"
    notes.write_text("note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov\n", encoding="utf-8")
    plan = tmp_path / "empty.rcplan"
    made = cli("new", "--notes", notes, "--brand-budget", "5000", "-o", plan)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"wrote {plan}: 0 notes"
    for args in ((), ("--target", "100")):
        run = cli("optimize", plan, *args)
        assert run.returncode == 0, run.stderr
        assert run.stdout.splitlines() == ["the plan has no notes: nothing to allocate, budgets unchanged",
                                           f"wrote {plan}"]
    assert load_plan(plan).params.brand_budget == 5000.0
    text = cli("estimate", plan)
    assert text.returncode == 0, text.stderr
    assert "— 0 notes" in text.stdout and "ROI" in text.stdout
    document = json.loads(cli("estimate", plan, "--json").stdout)
    assert document["notes"] == [] and document["totals"]["orders"] == 0 and document["totals"]["roi"] is None
    assert document["uncertainty"]["gmv"] == {"p10": 0.0, "p50": 0.0, "p90": 0.0}
    # The workbook's per-note names (note_ids, note_budgets, ...) cannot name an empty range: refused plainly.
    export = cli("export", plan, "-o", tmp_path / "empty.xlsx")
    assert export.returncode == 2 and "Traceback" not in export.stderr
    assert export.stderr.strip() == "empty.xlsx: a plan with at least one note (this one has none)"


@pytest.mark.parametrize("kind", ["named pipe", "zero device"])
@pytest.mark.parametrize(("command", "what"), [
    (("new", "--notes", "{path}", "-o", "{out}"), "a table file"),
    (("estimate", "{path}"), "a plan file"),
    (("fit-lifts", "{path}", "-o", "{out}"), "a table file"),
])
def test_a_special_file_as_input_exits_2_at_once(tmp_path: Path, kind: str, command: tuple[str, ...], what: str):
    path = make_special_input(tmp_path, kind, "input.csv")
    out = tmp_path / "out.rcplan"
    run = cli(*(part.format(path=path, out=out) for part in command), timeout=60)  # a hang fails, not blocks
    assert run.returncode == 2
    assert run.stderr == f"input.csv: {SPECIAL_KINDS[kind]}, not {what}\n"
    assert not out.exists()


# -- over the brand budget: a warning, never an error -------------------------------------------------------

def over_budget_plan(tmp_path: Path) -> Path:
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 1000.0]
    path = tmp_path / "over.rcplan"
    save_plan(new_plan(notes, name="over", params=PlanParams(brand_budget=1500.0)), path)
    return path


def test_estimate_warns_when_the_brand_pays_more_than_its_budget(tmp_path: Path):
    plan = over_budget_plan(tmp_path)
    run = cli("estimate", plan)
    assert run.returncode == 0, run.stderr
    assert run.stdout.endswith("\n1 warning:\n  warning: plan: the brand pays ¥2,000, ¥500 more than the brand budget "
                               "of ¥1,500: lower some budgets, or raise the brand budget\n")
    document = json.loads(cli("estimate", plan, "--json").stdout)
    assert document["warnings"] == [{"note_id": None, "code": "over_budget", "message": (
        "the brand pays ¥2,000, ¥500 more than the brand budget of ¥1,500: lower some budgets, or raise the brand "
        "budget")}]
    chinese = cli("--lang", "zh", "estimate", plan)
    assert "品牌方出资 ¥2,000，比品牌预算 ¥1,500 多 ¥500" in chinese.stdout


def test_apply_excel_warns_when_the_edited_budgets_go_over_the_brand_budget(tmp_path: Path):
    import openpyxl

    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 1000.0]
    plan_path = tmp_path / "p.rcplan"
    save_plan(new_plan(notes, name="p", params=PlanParams(brand_budget=2000.0)), plan_path)
    workbook = tmp_path / "p.xlsx"
    export_plan(load_plan(plan_path), workbook, "en")
    book = openpyxl.load_workbook(workbook)
    sheet = book["Notes plan"]
    budget_column = next(c.column_letter for c in sheet[3] if c.value == "Budget")
    sheet[f"{budget_column}4"] = 5000
    book.save(workbook)
    run = cli("apply-excel", plan_path, workbook)
    assert run.returncode == 0, run.stderr
    assert "warning: plan: the brand pays ¥4,000, ¥2,000 more than the brand budget of ¥2,000" in run.stdout
