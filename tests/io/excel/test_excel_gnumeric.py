"""Gnumeric, a second spreadsheet engine, recalculates exported plans: every value equals the app's to 1e-9.

Excel and LibreOffice pass array context into functions nested in SUMPRODUCT; Gnumeric does not, so a
formula that only some engines evaluate shows up here as #VALUE!. `ssconvert --recalc` recalculates every
formula before it saves (a workbook whose every stored number was planted wrong proves it) and takes one
workbook a run (merging refuses workbooks that share defined names): the runs go side by side, each with a
HOME of its own. The workbooks and the checks are those of the LibreOffice tests.
Without Gnumeric these tests fail rather than skip: CI installs it (.ci/run).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import openpyxl
import pytest
from test_excel_export import assert_lift_rows_found
from test_excel_libreoffice import (
    ENGINE_PLANS,
    PLANTED,
    assert_app_values,
    assert_days,
    assert_every_value_recalculated_alike,
    assert_scenario_totals,
    edited_paced_plan,
    export_for_engines,
    named,
)

from planner.io.excel.read import read_edits
from planner.model.funnel import estimate
from planner.model.pacing import pace
from planner.model.plan import Plan

# Gnumeric's .xlsx has no default cell style, which openpyxl notes as it reads it.
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Workbook contains no default style")]


def ssconvert() -> str:
    found = shutil.which("ssconvert")
    if found is None:
        pytest.fail("Gnumeric (ssconvert) is not installed: the recalculation check must run, not skip "
                    "(apt-get install gnumeric, as .ci/run does)")
    return found


def recalculate(files: list[Path], folder: Path) -> dict[str, Path]:
    """Each file recalculated by Gnumeric and saved again as .xlsx, as many runs at once as there are CPUs."""
    home, out = folder / "home", folder / "recalculated"
    home.mkdir()
    out.mkdir()
    environment = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                   "XDG_CACHE_HOME": str(home / ".cache"), "GSETTINGS_BACKEND": "memory"}
    command = [ssconvert(), "--recalc"]

    def run(file: Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*command, str(file), str(out / file.name)], env=environment, capture_output=True,
                              text=True, timeout=300)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        runs = dict(zip(files, pool.map(run, files), strict=True))
    # GLib warns on stderr about what Gnumeric does not draw (chart details): the exit code and the file count.
    failed = [f"{file.name}: exit {done.returncode}\n{done.stdout}\n{done.stderr}" for file, done in runs.items()
              if done.returncode != 0 or not (out / file.name).exists()]
    assert not failed, "ssconvert failed: " + "\n".join(failed)
    return {file.stem: out / file.name for file in files}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, Path]]:
    folder = tmp_path_factory.mktemp("gnumeric")
    exported = export_for_engines(folder)
    converted = recalculate([path for _, path in exported.values()], folder)
    return {name: (plan, path, converted[name]) for name, (plan, path) in exported.items()}


@pytest.mark.parametrize("name", ENGINE_PLANS)
def test_gnumeric_recalculates_every_value_to_the_apps(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_app_values(plan, converted)


@pytest.mark.parametrize("name", ENGINE_PLANS)
def test_every_stored_value_is_what_gnumeric_computes(recalculated, name):
    _, original, converted = recalculated[name]
    assert_every_value_recalculated_alike(original, converted)


@pytest.mark.parametrize("name", [name for name in ENGINE_PLANS if "scenarios" in name or "paced" in name])
def test_gnumeric_gives_each_scenario_the_totals_compare_gives(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_scenario_totals(plan, openpyxl.load_workbook(converted, data_only=True).worksheets[4])


@pytest.mark.parametrize("name", ["paced", "paced_en"])
def test_gnumeric_gives_each_day_the_models_figures(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_days(plan, pace(plan).weights, openpyxl.load_workbook(converted, data_only=True).worksheets[5])


def test_an_edited_budget_or_day_weight_moves_the_totals_and_the_days_as_the_model_would(recalculated):
    plan, _, converted = recalculated["paced_edited"]
    edited, weights = edited_paced_plan(plan)
    book = openpyxl.load_workbook(converted, data_only=True)
    assert_app_values(edited, converted)
    assert_scenario_totals(edited, book.worksheets[4])
    assert_days(edited, weights, book.worksheets[5])


@pytest.mark.parametrize("name", ["lookup", "lookup_en", "hostile"])
def test_gnumeric_finds_each_industrys_own_lift_row_whatever_its_case_or_wildcards(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_lift_rows_found(plan, converted)


def test_gnumeric_trusts_no_stored_value(recalculated):
    _, planted, converted = recalculated["planted_values"]
    assert named(planted, "total_budget") == PLANTED
    assert_every_value_recalculated_alike(recalculated["hostile"][1], converted)  # the same plan, unplanted


def test_the_check_would_see_a_formula_that_is_wrong(recalculated):
    plan, _, converted = recalculated["planted_formula"]
    gmv = named(converted, "total_gmv")
    expected = estimate(plan).totals["gmv"]
    assert isinstance(gmv, float) and not math.isclose(gmv, expected, rel_tol=1e-9)
    assert math.isclose(gmv, 2 * expected, rel_tol=1e-9)


def test_without_gnumeric_the_check_fails_rather_than_skips(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        ssconvert()


@pytest.mark.parametrize("name", ["hostile", "demo_en"])
def test_a_workbook_saved_by_gnumeric_reads_back_with_no_change(recalculated, name):
    plan, _, converted = recalculated[name]
    edits = read_edits(plan, converted)
    assert (edits.changes, edits.ignored) == ((), ())
