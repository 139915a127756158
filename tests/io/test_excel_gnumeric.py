"""Gnumeric, a second spreadsheet engine, recalculates exported plans: every value equals the app's to 1e-9.

Excel, WPS and LibreOffice pass array context into functions nested in SUMPRODUCT; Gnumeric does not, so a
formula that only one engine evaluates shows up here as #VALUE!. `ssconvert --recalc` recalculates every
formula before it saves (a planted wrong stored value proves it) and takes one workbook a run (merging
refuses workbooks that share defined names), so the runs go side by side. Each run gets a HOME of its own.
Without Gnumeric these tests fail rather than skip: CI installs it (.ci/run).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from test_excel_export import assert_close, assert_lift_rows_found
from test_excel_libreoffice import (
    ENGINE_PLANS,
    PLANTED,
    assert_app_values,
    assert_every_value_recalculated_alike,
    export_for_engines,
    named,
)

from planner.model.funnel import estimate
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
    """Each file recalculated by Gnumeric and saved again as .xlsx, all runs at once."""
    home, out = folder / "home", folder / "recalculated"
    home.mkdir()
    out.mkdir()
    # GLib warns on stderr about what Gnumeric does not draw (chart details): only the exit code counts.
    environment = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                   "XDG_CACHE_HOME": str(home / ".cache"), "GSETTINGS_BACKEND": "memory"}
    runs = {f: subprocess.Popen([ssconvert(), "--recalc", str(f), str(out / f.name)], env=environment,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files}
    failed = []
    for f, run in runs.items():
        stdout, stderr = run.communicate(timeout=300)
        if run.returncode != 0 or not (out / f.name).exists():
            failed.append(f"{f.name}: exit {run.returncode}\n{stdout}\n{stderr}")
    assert not failed, "ssconvert failed: " + "\n".join(failed)
    return {f.stem: out / f.name for f in files}


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


@pytest.mark.parametrize("name", ["lookup", "lookup_en", "hostile"])
def test_gnumeric_finds_each_industrys_own_lift_row_whatever_its_case_or_wildcards(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_lift_rows_found(plan, converted)


def test_the_check_would_see_a_stored_value_that_is_wrong(recalculated):
    plan, original, converted = recalculated["planted_value"]
    assert named(original, "total_budget") == PLANTED
    assert_close(named(converted, "total_budget"), estimate(plan).totals["budget"])  # recalculated, not trusted


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
