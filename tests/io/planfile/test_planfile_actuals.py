"""Plan files' `actuals` and `guardrails` sections: round trips, compact columns, hand-edited files named by cell."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from plans import random_notes

from planner.io import planfile
from planner.io.planfile import load_plan, plan_from_document, plan_to_document, save_plan
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError
from planner.model.plan import Plan, new_plan
from planner.model.plan_actuals import MOST_ROWS, import_actuals
from planner.model.thresholds import Thresholds

TEN_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 10), 1.0),))


def plan_with_actuals(n_notes: int = 6, days: int = 3, seed: int = 1) -> Plan:
    """A plan of random notes with actuals of every count (some empty, some with fen) on `days` days."""
    rng = np.random.default_rng(seed)
    plan = replace(new_plan(random_notes(n_notes, seed=seed), name="追踪"), calendar=TEN_DAYS)
    rows = []
    for day in range(days):
        for note in plan.notes["note_id"]:
            shown = float(rng.integers(1000, 50_000))
            clicks = float(np.floor(shown * 0.05))
            rows.append({"date": f"2025-05-0{day + 1}", "note_id": note, "spend": round(shown * 0.04, 2),
                         "impressions": shown, "clicks": clicks, "interactions": np.nan if day else 3.0,
                         "store_visits": np.floor(clicks * 0.3), "orders": 1.0, "gmv": 129.9})
    return import_actuals(plan, pd.DataFrame(rows)).plan


def saved_document(tmp_path: Path, plan: Plan) -> dict:
    save_plan(plan, tmp_path / "p.rcplan")
    return json.loads((tmp_path / "p.rcplan").read_text(encoding="utf-8"))


def problems_of(tmp_path: Path, document: dict) -> list[str]:
    path = tmp_path / "edited.rcplan"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_plan(path)
    return [str(p) for p in caught.value.problems]


def test_actuals_read_back_equal_to_what_was_saved(tmp_path: Path) -> None:
    plan = plan_with_actuals()
    save_plan(plan, tmp_path / "p.rcplan")
    loaded = load_plan(tmp_path / "p.rcplan")
    assert loaded.actuals is not None and plan.actuals is not None
    pd.testing.assert_frame_equal(loaded.actuals, plan.actuals, check_exact=True)
    pd.testing.assert_frame_equal(plan_from_document(plan_to_document(plan)).actuals, plan.actuals, check_exact=True)


def test_actuals_are_stored_as_compact_columns(tmp_path: Path) -> None:
    document = saved_document(tmp_path, plan_with_actuals(n_notes=2, days=2))
    columns = document["actuals"]["columns"]
    assert list(columns) == ["date", "note_id", "spend", "impressions", "clicks", "interactions", "store_visits",
                             "orders", "gmv"]
    assert columns["date"] == ["2025-05-01", "2025-05-01", "2025-05-02", "2025-05-02"]
    assert all(isinstance(v, int) for v in columns["impressions"])  # whole counts without ".0"
    assert columns["interactions"][2:] == [None, None] and columns["gmv"] == [129.9] * 4


def test_a_count_no_row_reports_is_left_out_and_reads_back_empty(tmp_path: Path) -> None:
    plan = replace(new_plan(random_notes(2)), calendar=TEN_DAYS)
    plan = import_actuals(plan, pd.DataFrame({"date": ["2025-05-01"], "note_id": [plan.notes["note_id"][0]],
                                              "spend": [5.0], "impressions": [100.0]})).plan
    document = saved_document(tmp_path, plan)
    assert list(document["actuals"]["columns"]) == ["date", "note_id", "spend", "impressions"]
    loaded = load_plan(tmp_path / "p.rcplan").actuals
    assert loaded is not None and loaded["gmv"].isna().all()


def test_a_plan_without_actuals_saves_null_and_the_default_thresholds(tmp_path: Path) -> None:
    document = saved_document(tmp_path, new_plan(random_notes(3)))
    assert document["actuals"] is None
    assert document["guardrails"] == {"saturation": 0.9, "concentration": 0.3, "history_multiple": 3.0,
                                      "rate_low": 5.0, "rate_high": 95.0}


def test_a_file_written_before_actuals_and_guardrails_opens_as_before(tmp_path: Path) -> None:
    document = saved_document(tmp_path, new_plan(random_notes(3)))
    del document["actuals"], document["guardrails"]
    path = tmp_path / "old.rcplan"
    path.write_text(json.dumps(document), encoding="utf-8")
    plan = load_plan(path)
    assert plan.actuals is None and plan.thresholds == Thresholds()
    old = load_plan(Path(__file__).parent / "demo_v1.rcplan")  # schema version 1
    assert old.actuals is None and old.thresholds == Thresholds()


def test_thresholds_read_back_and_a_missing_one_keeps_its_default(tmp_path: Path) -> None:
    plan = replace(new_plan(random_notes(3)), thresholds=Thresholds(saturation=0.8, history_multiple=5.0))
    document = saved_document(tmp_path, plan)
    assert load_plan(tmp_path / "p.rcplan").thresholds == plan.thresholds
    del document["guardrails"]["rate_high"]
    path = tmp_path / "partial.rcplan"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_plan(path).thresholds == Thresholds(saturation=0.8, history_multiple=5.0)


def edited(tmp_path: Path, change) -> list[str]:  # type: ignore[no-untyped-def]
    document = saved_document(tmp_path, plan_with_actuals(n_notes=2, days=2))
    change(document["actuals"]["columns"])
    return problems_of(tmp_path, document)


@pytest.mark.parametrize(("change", "expected"), [
    (lambda c: c["spend"].__setitem__(1, -3), ['edited.rcplan, row 2, column spend: value "-3.0": expected an amount '
                                                "of 0 or more"]),
    (lambda c: c["clicks"].__setitem__(0, 10**7),
     ["edited.rcplan, row 1, column clicks: value \"10000000.0\": expected at most the row's impressions"]),
    (lambda c: c["date"].__setitem__(3, "2025-02-30"),
     ['edited.rcplan, row 4, column date: value "2025-02-30": expected a day such as 2025-05-13']),
    (lambda c: c["impressions"].__setitem__(2, "many"),
     ['edited.rcplan, row 3, column impressions: value "many": expected a number, or null for empty']),
    (lambda c: c["note_id"].__setitem__(2, 7), ['edited.rcplan, row 3, column note_id: value "7": expected text']),
    (lambda c: c["note_id"].__setitem__(1, c["note_id"][0]) or c["date"].__setitem__(1, c["date"][0]),
     ['edited.rcplan, row 2, column note_id: value "N000000": expected one row per note and day: row 1 has this '
      "note on this day already"]),
])
def test_a_hand_edited_bad_value_is_named_by_row_column_and_value(tmp_path: Path, change, expected) -> None:  # type: ignore[no-untyped-def]
    found = edited(tmp_path, change)
    assert len(found) == len(expected)
    for line, start in zip(found, expected, strict=True):
        assert line.startswith(start), line


@pytest.mark.parametrize(("change", "expected"), [
    (lambda c: c.pop("spend"), 'edited.rcplan: the "actuals" section is not an actuals table: it has no column spend'),
    (lambda c: c.update(colour=["red"] * 4), 'edited.rcplan: the "actuals" section is not an actuals table: it has a '
                                             "column colour that actuals do not have"),
    (lambda c: c["gmv"].pop(), 'edited.rcplan: the "actuals" section is not an actuals table: its columns have '
                               "different lengths (3 to 4 values)"),
    (lambda c: c.update(date="2025-05-01"), 'edited.rcplan: the "actuals" section is not an object of "columns", each a '
                                            "list of values (or null for none)"),
])
def test_an_actuals_section_of_the_wrong_shape_is_one_problem(tmp_path: Path, change, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert edited(tmp_path, change) == [expected]


@pytest.mark.parametrize(("settings", "expected"), [
    ({"saturation": "high"}, 'edited.rcplan, column saturation: value "high": expected a number'),
    ({"concentration": 2}, 'edited.rcplan, column concentration: value "2.0": expected a part of the plan\'s budget '
                           "from 0.05 to 1 (0.3 = warn above 30%)"),
    ({"rate_low": 60}, 'edited.rcplan, column rate_low: value "60.0": expected a percentile from 0 to below 50 (5 = '
                       "the 5th percentile)"),
])
def test_bad_thresholds_in_a_file_are_named(tmp_path: Path, settings: dict, expected: str) -> None:
    document = saved_document(tmp_path, new_plan(random_notes(3)))
    document["guardrails"].update(settings)
    assert problems_of(tmp_path, document) == [expected]


def test_saving_bad_thresholds_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    plan = replace(new_plan(random_notes(3)), thresholds=Thresholds(history_multiple=0.5))
    with pytest.raises(InputError) as caught:
        save_plan(plan, tmp_path / "p.rcplan")
    assert [p.column for p in caught.value.problems] == ["history_multiple"]
    assert not (tmp_path / "p.rcplan").exists()


def test_actuals_of_notes_the_plan_no_longer_has_are_kept(tmp_path: Path) -> None:
    plan = plan_with_actuals(n_notes=3, days=1)
    fewer = plan.with_notes(plan.notes.iloc[:1].reset_index(drop=True))
    save_plan(fewer, tmp_path / "p.rcplan")
    loaded = load_plan(tmp_path / "p.rcplan").actuals
    assert loaded is not None and len(loaded) == 3


def test_a_plan_holds_no_more_actuals_than_the_longest_list_of_a_plan_file() -> None:
    assert MOST_ROWS == planfile.MAX_PLAN_NOTES


def test_a_section_longer_than_a_plan_holds_is_refused_on_load_and_on_save(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import planner.io.planfile.actuals as section

    plan = plan_with_actuals(n_notes=2, days=2)
    document = saved_document(tmp_path, plan)
    monkeypatch.setattr(section, "MOST_ROWS", 3)
    expected = "a plan holds at most 3 rows of actuals (one per note and day); this one has 4"
    assert problems_of(tmp_path, document) == [f"edited.rcplan: {expected}"]
    with pytest.raises(InputError) as caught:  # nor is such a plan saved
        save_plan(plan, tmp_path / "again.rcplan")
    assert [str(p) for p in caught.value.problems] == [f"again.rcplan: {expected}"]


def test_a_replans_cut_off_day_reads_back_whether_it_is_active_or_not(tmp_path: Path) -> None:
    from planner.model.replan import replan
    from planner.model.scenarios import activate, all_scenarios

    plan = plan_with_actuals(days=2)
    replanned, _result = replan(plan.with_params(brand_budget=1_000_000.0))
    document = saved_document(tmp_path, replanned)
    assert [s.get("through") for s in document["scenarios"]] == [None, "2025-05-02"]
    for plan in (replanned, activate(replanned, all_scenarios(replanned)[0].name)):
        save_plan(plan, tmp_path / "p.rcplan")
        loaded = load_plan(tmp_path / "p.rcplan")
        assert [s.through for s in all_scenarios(loaded)] == [None, date(2025, 5, 2)]


@pytest.mark.parametrize("value", ["2025-5-2", "yesterday", 20250502, "2025-02-30"])
def test_a_bad_cut_off_day_is_named(tmp_path: Path, value: object) -> None:
    document = saved_document(tmp_path, plan_with_actuals())
    document["scenarios"][0]["through"] = value
    assert problems_of(tmp_path, document) == [
        f'edited.rcplan, row 1, column through: value "{value}": expected a day as 2025-05-20, or null']
