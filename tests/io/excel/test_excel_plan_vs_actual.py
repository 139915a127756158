"""The Plan vs actual sheet (实际对比): recalculated by LibreOffice and Gnumeric, it holds what
planner.model.tracking.track computes, per note, per day and for the plan, in both languages; an edited actual
or budget moves it as the model would; it is written only with actuals; apply-excel reads past it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
import test_excel_gnumeric as gnumeric
import test_excel_libreoffice as libreoffice
from test_excel_export import assert_close, paced_plan, with_budget
from test_excel_libreoffice import assert_every_value_recalculated_alike, edit_numbers

from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, NOTE_LETTER, PVA_FIGURES, STATUS_LABELS, sheet_name
from planner.io.excel.plan_vs_actual import FACTS, FIRST, TOTAL, Columns
from planner.io.excel.read import read_edits
from planner.model.fields import pick
from planner.model.plan import Plan
from planner.model.plan_actuals import import_actuals
from planner.model.replan import replan
from planner.model.tracking import TRACKED, track

pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore:Workbook contains no default style")]
DAYS = 12  # days of actuals, from the campaign's first
# The edited workbook: one note's actual spend and another note's budget typed anew.
EDITED_ACTUAL, EDITED_BUDGET = (3, 9_999.0), (5, 12_345.0)


def tracked_plan(gmv: bool = True) -> Plan:
    """The paced plan (windows, a second scenario) with DAYS days of actuals for 50 of its 60 notes, some under
    their pace, some on it, some over; without a GMV column when `gmv` is False (GMV unknown, not 0)."""
    plan = paced_plan()
    assert plan.calendar is not None
    notes, rng = plan.notes.iloc[:50], np.random.default_rng(31)
    pace_factor = np.array([0.5, 1.0, 1.2, 1.6])[np.arange(len(notes)) % 4]
    days = [plan.calendar.first_day + timedelta(days=d) for d in range(DAYS)]
    rows = len(notes) * DAYS
    spend = np.repeat(notes["budget"].to_numpy() / plan.calendar.n_days * pace_factor, DAYS) * rng.uniform(0.8, 1.2,
                                                                                                          rows)
    shown = np.floor(spend * 1000 / np.repeat(notes["cpm"].to_numpy(), DAYS))
    clicks = np.floor(shown * np.repeat(notes["ctr"].to_numpy(), DAYS))
    frame = pd.DataFrame({"date": [day.isoformat() for day in days] * len(notes),
                          "note_id": np.repeat(notes["note_id"].to_numpy(dtype=object), DAYS),
                          "spend": np.round(spend, 2), "impressions": shown, "clicks": clicks,
                          "interactions": np.floor(shown * 0.02), "store_visits": np.floor(clicks * 0.3),
                          "orders": np.floor(clicks * 0.02)})
    frame = frame.iloc[np.lexsort((np.arange(rows), np.tile(np.arange(DAYS), len(notes))))]  # day by day
    if gmv:
        frame["gmv"] = np.round(frame["orders"] * 99.5, 2)
    frame = frame.reset_index(drop=True)
    # Each note's spend scaled to an achievement in each band of the pacing status, some near its edges.
    achieved = track(import_actuals(plan, frame).plan).notes["achievement_spend"].to_numpy()[:len(notes)]
    target = np.array([0.5, 0.95, 1.05, 1.15, 1.25, 1.5, 1.12, 1.28])[np.arange(len(notes)) % 8]
    scale = np.where(np.isfinite(achieved) & (achieved > 0), target / np.where(achieved > 0, achieved, 1), 1.0)
    position = pd.Index(notes["note_id"]).get_indexer(frame["note_id"])
    frame["spend"] = np.round(frame["spend"] * scale[position], 2)
    return import_actuals(plan, frame).plan


def replanned_plan() -> Plan:
    """The tracked plan re-planned (active), its notes' windows running past the cut-off: a re-plan gives money to
    notes whose windows have ended, which its daily plan refuses (reported)."""
    plan = tracked_plan()
    assert plan.calendar is not None
    cutoff = pd.Timestamp(plan.calendar.first_day + timedelta(days=DAYS - 1))
    ends = pd.to_datetime(plan.notes["end_date"])
    notes = plan.notes.assign(end_date=plan.notes["end_date"].where(~(ends <= cutoff), None))
    plan, _ = replan(replace(plan, notes=notes))
    return plan


PLANS = {"tracked": (tracked_plan, "zh"), "tracked_en": (tracked_plan, "en"),
         "no_gmv": (lambda: tracked_plan(gmv=False), "zh"), "replanned": (replanned_plan, "zh")}


def edit_tracked(plan: Plan, source: Path, target: Path) -> Plan:
    """The workbook with EDITED_ACTUAL and EDITED_BUDGET typed in; the plan as it then is (the note's actuals
    changed on their first day by what its sum changed by)."""
    (note, spend), (other, budget) = EDITED_ACTUAL, EDITED_BUDGET
    cols = Columns(False)
    edit_numbers(source, target, {
        (7, f"{cols.letter('actual_spend')}{FIRST + 1 + note}"): spend,
        (2, f"{NOTE_LETTER['budget']}{FIRST_NOTE_ROW + 1 + other}"): budget})
    assert plan.actuals is not None and plan.actual_sums is not None
    actuals = plan.actuals.copy()
    first = int(np.flatnonzero(actuals["note_id"].astype(str).to_numpy() == plan.notes["note_id"].iat[note])[0])
    actuals.loc[first, "spend"] += spend - float(plan.actual_sums["spend"].iat[note])
    return with_budget(replace(plan, actuals=actuals), plan.scenario.name, other, budget)


def export_all(plans: dict[str, tuple[Callable[[], Plan], str]], folder: Path, edited_from: str,
               edit: Callable[[Plan, Path, Path], Plan]) -> dict[str, tuple[Plan, Path]]:
    """Each plan built and exported in its language, and "edited": the workbook of `edited_from` as `edit`
    changes it, beside the plan as it then is."""
    exported = {}
    for name, (build, lang) in plans.items():
        plan = build()
        export_plan(plan, folder / f"{name}.xlsx", lang)
        exported[name] = (plan, folder / f"{name}.xlsx")
    plan, path = exported[edited_from]
    exported["edited"] = (edit(plan, path, folder / "edited.xlsx"), folder / "edited.xlsx")
    return exported


def recalculate_all(engine: str, exported: dict[str, tuple[Plan, Path]], folder: Path
                    ) -> dict[str, tuple[Plan, Path, Path]]:
    """Every exported workbook recalculated by `engine` (libreoffice or gnumeric): plan, workbook, result."""
    converted = (libreoffice if engine == "libreoffice" else gnumeric).recalculate(
        [path for _, path in exported.values()], folder)
    return {name: (plan, path, converted[name]) for name, (plan, path) in exported.items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    return export_all(PLANS, tmp_path_factory.mktemp("pva"), "tracked", edit_tracked)


@pytest.fixture(scope="module", params=["libreoffice", "gnumeric"])
def recalculated(request: pytest.FixtureRequest, exported: dict[str, tuple[Plan, Path]],
                 tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, Path]]:
    return recalculate_all(request.param, exported, tmp_path_factory.mktemp(request.param))


def sheet_of(path: Path, lang: str) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(path, data_only=True)[sheet_name("plan_vs_actual", lang)]


def status_words(statuses: object, lang: str) -> list[str]:
    return [pick(STATUS_LABELS[s], lang) if s else "" for s in statuses]  # type: ignore[attr-defined]


def assert_tracking(plan: Plan, sheet: openpyxl.worksheet.worksheet.Worksheet, lang: str,
                    figures: tuple[str, ...] = TRACKED, days: bool = True) -> None:
    """The sheet's notes, totals, status words and days are track(plan)'s (an empty cell where it has NaN)."""
    tracking = track(plan)
    cols = Columns(plan.scenario.through is not None or plan.observed is not None)  # kept on actuals
    for key in figures:
        for figure, *_ in PVA_FIGURES:
            letter = cols.letter(f"{figure}_{key}")
            for i, value in enumerate(tracking.notes[f"{figure}_{key}"]):
                assert_close(sheet[f"{letter}{FIRST + 1 + i}"].value, value)
            assert_close(sheet[f"{letter}{TOTAL + 1}"].value, tracking.totals.at[key, figure])
    found = [sheet[f"{cols.letter('status')}{FIRST + 1 + i}"].value or "" for i in range(len(plan.notes))]
    assert found == status_words(tracking.notes["status"], lang)
    assert sheet[f"{cols.letter('status')}{TOTAL + 1}"].value == status_words([tracking.status], lang)[0]
    assert sheet.cell(FACTS + 1, 4).value == status_words([tracking.status], lang)[0]
    if not days:
        return
    daily = tracking.daily
    expected = {"planned": daily["planned_spend"], "actual": daily["actual_spend"],
                "variance": daily["actual_spend"] - daily["planned_spend"],
                "achievement": np.where(daily["planned_spend"] > 0, daily["actual_spend"] / daily["planned_spend"],
                                        np.nan),
                "cumulative_planned": daily["cumulative_planned_spend"],
                "cumulative_actual": daily["cumulative_actual_spend"], "planned_gmv": daily["planned_gmv"],
                "actual_gmv": daily["actual_gmv"]}
    for key, values in expected.items():
        if key == "planned_gmv" and "gmv" not in figures:
            continue
        for d, value in enumerate(np.asarray(values, dtype=float)):
            assert_close(sheet.cell(FIRST + 1 + d, cols.day[key] + 1).value, value)


@pytest.mark.parametrize("name", ["tracked", "tracked_en", "no_gmv"])
def test_each_engine_recalculates_the_plan_against_its_actuals_as_track_does(recalculated, name):
    plan, _, converted = recalculated[name]
    lang = PLANS[name][1]
    statuses = set(track(plan).notes["status"])
    assert {"under", "on_track", "slightly_over", "over", ""} <= statuses  # every kind of row, and notes with nothing planned yet
    assert_tracking(plan, sheet_of(converted, lang), lang)


@pytest.mark.parametrize("name", ["tracked", "tracked_en", "no_gmv"])
def test_every_stored_value_is_what_each_engine_computes(recalculated, name):
    _, original, converted = recalculated[name]
    assert_every_value_recalculated_alike(original, converted)


def test_a_count_the_actuals_lack_is_empty_not_zero(recalculated):
    plan, _, converted = recalculated["no_gmv"]
    sheet, cols = sheet_of(converted, "zh"), Columns(False)
    assert track(plan).totals.loc["gmv"].drop("planned").isna().all()
    for figure in ("actual", "variance", "achievement"):
        column = [sheet[f"{cols.letter(f'{figure}_gmv')}{row}"].value for row in range(TOTAL + 1, FIRST + 51)]
        assert set(column) <= {None, ""}, figure
    assert sheet[f"{cols.letter('planned_gmv')}{TOTAL + 1}"].value > 0
    assert all(sheet.cell(FIRST + 1 + d, cols.day["actual_gmv"] + 1).value in (None, "") for d in range(DAYS))


def test_an_edited_actual_or_budget_moves_the_figures_as_the_model_would(recalculated):
    plan, _, converted = recalculated["edited"]
    sheet = sheet_of(converted, "zh")
    assert_tracking(plan, sheet, "zh", days=False)
    tracking, cols = track(plan), Columns(False)
    for d, value in enumerate(tracking.daily["planned_spend"]):  # the days' actuals are inputs of their own
        assert_close(sheet.cell(FIRST + 1 + d, cols.day["planned"] + 1).value, value)


def test_a_replanned_scenario_plans_its_spend_to_date_as_track_does(recalculated):
    """Spend to date and by day (the actuals to the cut-off, then each note's budget left spread over its days
    after it). The notes' outcomes on observed rates are not the Notes plan's formulas (see the report)."""
    plan, _, converted = recalculated["replanned"]
    assert plan.scenario.through is not None
    assert_tracking(plan, sheet_of(converted, "zh"), "zh", figures=("spend",))


def test_without_actuals_or_a_calendar_there_is_no_plan_vs_actual_sheet(tmp_path):
    with_actuals = tracked_plan()
    for name, plan in {"no_actuals": replace(with_actuals, actuals=None),
                       "no_calendar": replace(with_actuals, calendar=None),
                       "with": with_actuals}.items():
        export_plan(plan, tmp_path / f"{name}.xlsx", "en")
        names = openpyxl.load_workbook(tmp_path / f"{name}.xlsx", read_only=True).sheetnames
        assert ("Plan vs actual" in names) == (name == "with"), name
    assert names.index("Plan vs actual") == names.index("Daily pacing") + 1


def _without_sheet(source: Path, target: Path, rename: str | None) -> None:
    """The workbook with the Plan vs actual sheet renamed (or, given no name, its entry deleted)."""
    with zipfile.ZipFile(source) as archive:
        items = [(item, archive.read(item)) for item in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item, data in items:
            if item.filename == "xl/workbook.xml":
                entry = re.compile('<sheet name="实际对比"[^>]*/>'.encode())
                assert entry.search(data)
                data = entry.sub(lambda m: m.group().replace("实际对比".encode(), rename.encode()) if rename else b"",
                                 data)
            out.writestr(item, data)


@pytest.mark.parametrize("rename", [None, "我的对比"])
def test_apply_excel_reads_the_workbook_back_unchanged_with_the_sheet_or_without_it(exported, tmp_path, rename):
    plan, path = exported["tracked"]
    assert read_edits(plan, path).changes == ()
    _without_sheet(path, tmp_path / "changed.xlsx", rename)
    edits = read_edits(plan, tmp_path / "changed.xlsx")
    assert (edits.changes, edits.ignored) == ((), ())


def test_the_status_words_are_the_apps():
    """The Chinese words are the catalogue's for the core's STATUS_WORDS (the CLI's and the app's)."""
    import gettext

    from planner.resources import resource_path

    from planner.i18n import DOMAIN
    from planner.model.tracking import STATUS_WORDS

    catalogue = gettext.translation(DOMAIN, str(resource_path("locale")), languages=["zh_CN"])
    for status, word in STATUS_WORDS.items():
        assert STATUS_LABELS[status][0] == catalogue.gettext(word)
        assert STATUS_LABELS[status][1].lower() == word

