"""A scenario on observed rates (MODEL.md section 10) in the Excel plan: recalculated by LibreOffice and
Gnumeric, its notes, totals, Summary, Funding, Daily pacing, Plan vs actual and Scenarios are the model's, in
both languages, whether the re-plan is the active scenario or another; an edited actual count moves them as the
model would; apply-excel reads the workbook back unchanged and never reads the counts.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from test_excel_libreoffice import assert_app_values, assert_every_value_recalculated_alike, edit_numbers
from test_excel_plan_vs_actual import (
    DAYS,
    assert_tracking,
    export_all,
    recalculate_all,
    sheet_of,
    tracked_plan,
)

from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, HEADER_ROW, sheet_name
from planner.io.excel.read import read_edits
from planner.model.observed import PRIOR
from planner.model.pacing import pace
from planner.model.plan import Plan
from planner.model.replan import replan
from planner.model.scenarios import activate, with_settings

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Workbook contains no default style")]
NO_INTERACTIONS, NO_VISITS = range(0, 4), range(4, 8)  # notes whose actuals lack one count
EDITED_COUNT = (20, "clicks", 5.0)  # the edited workbook: this note's actual clicks times this factor


def with_actuals_lacking_counts() -> Plan:
    """The tracked plan (50 of 60 notes with actuals), its notes' windows running past the last day of actuals
    (a re-plan gives money to notes whose windows have ended, which its daily plan refuses), with no
    interactions reported for NO_INTERACTIONS and no store visits for NO_VISITS."""
    plan = tracked_plan()
    assert plan.calendar is not None and plan.actuals is not None
    cutoff = pd.Timestamp(plan.calendar.first_day + timedelta(days=DAYS - 1))
    ends = pd.to_datetime(plan.notes["end_date"])
    notes = plan.notes.assign(end_date=plan.notes["end_date"].where(~(ends <= cutoff), None))
    actuals, ids = plan.actuals.copy(), plan.notes["note_id"].to_numpy()
    of_note = actuals["note_id"].astype(str)
    actuals.loc[of_note.isin(ids[list(NO_INTERACTIONS)]), "interactions"] = np.nan
    actuals.loc[of_note.isin(ids[list(NO_VISITS)]), "store_visits"] = np.nan
    return replace(plan, notes=notes, actuals=actuals)


def replanned() -> Plan:
    """The plan re-planned on its actuals: the re-plan active."""
    plan, _ = replan(with_actuals_lacking_counts())
    return plan


def original_active() -> Plan:
    """The re-planned plan with the scenario it came from active again: the re-plan one of the others."""
    plan = replanned()
    return activate(plan, plan.others[0].name)


def observed() -> Plan:
    """The plan itself switched to observed rates, not re-planned: kept on its actuals to their last day."""
    return with_settings(with_actuals_lacking_counts(), rates="observed")


PLANS = {"replanned": (replanned, "zh"), "replanned_en": (replanned, "en"), "original": (original_active, "zh"),
         "observed": (observed, "en")}


def count_letter(path: Path, lang: str, count: str) -> str:
    """The notes sheet's column of the active scenario's actual `count` (its header names no scenario)."""
    sheet = openpyxl.load_workbook(path, read_only=True)[sheet_name("notes", lang)]
    headers = [cell.value for cell in next(sheet.iter_rows(min_row=HEADER_ROW + 1, max_row=HEADER_ROW + 1))]
    word = {"zh": {"clicks": "实际点击（"}, "en": {"clicks": "Actual clicks ("}}[lang][count]
    (found,) = [i for i, text in enumerate(headers) if isinstance(text, str) and text.startswith(word)]
    return openpyxl.utils.get_column_letter(found + 1)


def edit_count(plan: Plan, source: Path, target: Path) -> Plan:
    """The workbook with EDITED_COUNT typed in; the plan as it then is (the note's actuals changed on their
    first day by what its sum changed by)."""
    note, count, factor = EDITED_COUNT
    assert plan.known_sums is not None and plan.actuals is not None
    before = float(plan.known_sums[count].iat[note])
    edit_numbers(source, target, {(2, f"{count_letter(source, 'zh', count)}{FIRST_NOTE_ROW + 1 + note}"):
                                  before * factor})
    actuals = plan.actuals.copy()
    first = int(np.flatnonzero(actuals["note_id"].astype(str).to_numpy() == plan.notes["note_id"].iat[note])[0])
    actuals.loc[first, count] += before * (factor - 1)
    return replace(plan, actuals=actuals)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    return export_all(PLANS, tmp_path_factory.mktemp("observed"), "replanned", edit_count)


@pytest.fixture(scope="module", params=["libreoffice", "gnumeric"])
def recalculated(request: pytest.FixtureRequest, exported: dict[str, tuple[Plan, Path]],
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, Path]]:
    return recalculate_all(request.param, exported, tmp_path_factory.mktemp(request.param))


def test_the_plans_have_what_the_formulas_must_handle():
    """Notes without actuals, notes lacking one count, the re-plan on observed rates with a cut-off."""
    plan = replanned()
    assert plan.scenario.rates == "observed" and plan.scenario.through is not None
    sums = plan.known_sums
    assert sums is not None and plan.observed is not None
    assert sums["impressions"].isna().sum() == 10
    assert sums["interactions"].isna().sum() == 10 + len(NO_INTERACTIONS)
    assert sums["store_visits"].isna().sum() == 10 + len(NO_VISITS)
    planned, observed = plan.observed.planned, plan.observed.observed
    assert not np.allclose(planned["ctr"], observed["ctr"])  # observed rates other than the planned ones


@pytest.mark.parametrize("name", ["replanned", "replanned_en", "original", "observed"])
def test_every_stored_value_is_what_each_engine_computes(recalculated, name):
    _, original, converted = recalculated[name]
    assert_every_value_recalculated_alike(original, converted)


@pytest.mark.parametrize("name", ["replanned", "replanned_en", "observed"])
def test_each_engine_computes_the_notes_totals_and_funding_on_observed_rates_as_the_model(recalculated, name):
    plan, _, converted = recalculated[name]
    assert_app_values(plan, converted)


@pytest.mark.parametrize("name", ["replanned", "replanned_en", "observed"])
def test_each_engine_tracks_the_replan_as_track_does(recalculated, name):
    plan, _, converted = recalculated[name]
    lang = PLANS[name][1]
    assert_tracking(plan, sheet_of(converted, lang), lang)


def test_an_edited_count_moves_the_figures_as_the_model_would(recalculated):
    plan, _, converted = recalculated["edited"]
    assert_app_values(plan, converted)
    assert_tracking(plan, sheet_of(converted, "zh"), "zh", figures=("impressions", "orders", "gmv"), days=False)


def test_the_counts_and_the_prior_are_labelled_inputs_in_either_language(exported):
    for name, lang in (("replanned", "zh"), ("replanned_en", "en")):
        plan, path = exported[name]
        assert plan.scenario.through is not None
        day = plan.scenario.through.strftime("%m-%d")
        book = openpyxl.load_workbook(path)
        notes = book[sheet_name("notes", lang)]
        headers = [cell.value for cell in notes[HEADER_ROW + 1]]
        expected = {"zh": f"实际曝光（截至 {day}）", "en": f"Actual impressions (to {day})"}[lang]
        assert expected in headers
        column = headers.index(expected) + 1
        sums = plan.known_sums
        assert sums is not None
        for i, value in enumerate(sums["impressions"]):
            cell = notes.cell(FIRST_NOTE_ROW + 1 + i, column)
            assert (cell.value is None) if np.isnan(value) else cell.value == value
            assert cell.fill.fgColor.rgb.endswith("FFF2CC")  # an input
        sheet, ref = next(iter(book.defined_names["observed_prior"].destinations))
        prior = book[sheet][ref.replace("$", "")]
        assert prior.value == PRIOR and prior.fill.fgColor.rgb.endswith("FFF2CC")
        label = book[sheet].cell(prior.row, prior.column - 1).value
        assert label == {"zh": "先验强度 k", "en": "Prior strength k"}[lang]


def test_a_workbook_on_planned_rates_has_no_counts_and_no_prior(tmp_path):
    plan = with_actuals_lacking_counts()
    export_plan(plan, tmp_path / "planned.xlsx", "zh")
    book = openpyxl.load_workbook(tmp_path / "planned.xlsx", read_only=True)
    assert "observed_prior" not in book.defined_names
    headers = [cell.value for cell in next(book["笔记计划"].iter_rows(min_row=3, max_row=3))]
    assert not any(isinstance(text, str) and text.startswith("实际") for text in headers)


@pytest.mark.parametrize("name", list(PLANS))
def test_apply_excel_reads_the_workbook_back_unchanged(exported, name):
    plan, path = exported[name]
    edits = read_edits(plan, path)
    assert (edits.changes, edits.ignored) == ((), ())


def test_apply_excel_does_not_read_an_edited_count(exported):
    plan, _ = exported["replanned"]
    _, path = exported["edited"]
    edits = read_edits(plan, path)
    assert (edits.changes, edits.ignored) == ((), ())


@pytest.mark.parametrize("name", ["replanned", "observed"])
def test_the_daily_pacing_keeps_the_actual_days_and_spreads_the_budget_left_after_them(recalculated, name):
    """Each day to the cut-off spends what the actuals say; the days after it spend the budget left, so the
    sheet's total spend is the actual spend to the cut-off plus each note's budget less that (never below 0)."""
    plan, _, converted = recalculated[name]
    assert plan.actuals is not None and plan.calendar is not None
    cutoff = plan.scenario.through or plan.actuals["date"].max().date()
    actuals = plan.actuals[plan.actuals["date"] <= pd.Timestamp(cutoff)]
    spent = actuals.groupby("note_id")["spend"].sum().reindex(plan.notes["note_id"]).fillna(0.0).to_numpy()
    budgets = plan.notes["budget"].to_numpy(dtype=float)
    lang = PLANS[name][1]
    sheet = openpyxl.load_workbook(converted, data_only=True)[sheet_name("pacing", lang)]
    days = {row[0].value.date(): (row[3].value, row[9].value) for row in sheet.iter_rows(min_row=5)
            if hasattr(row[0].value, "date")}
    by_day = actuals.groupby(actuals["date"].dt.date)[["spend", "gmv"]].sum()
    for day, (spend, gmv) in by_day.iterrows():
        assert days[day][0] == pytest.approx(spend, rel=1e-9)
        assert days[day][1] == pytest.approx(gmv, rel=1e-9)
    total = sum(spend for spend, _ in days.values())
    assert total == pytest.approx(spent.sum() + np.maximum(budgets - spent, 0).sum(), rel=1e-9)
    assert sum(spend for day, (spend, _) in days.items() if day > cutoff) == pytest.approx(
        np.maximum(budgets - spent, 0).sum(), rel=1e-9)
    daily = pace(plan)
    assert total == pytest.approx(float(daily.spend.sum()), rel=1e-9)
