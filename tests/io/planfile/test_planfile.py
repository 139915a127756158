"""Plan files (.rcplan): round trips, strict JSON, schema versions, refusals and atomic saves."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import random
import subprocess
import sys
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from special_files import SPECIAL_KINDS, make_special, problems_in_child

from planner import __version__
from planner.io import planfile
from planner.io.planfile import load_plan, plan_from_document, plan_to_document, save_plan
from planner.model.errors import InputError, Problem
from planner.model.lifts import LiftTable, article_lifts
from planner.model.plan import Plan, PlanParams, new_plan

INDUSTRIES = np.array(["beauty", "sports", "food", "宠物", "美妆", "Home"])
TITLES = np.array(["夏日防晒 ☀️ 测评", "Running shoes, 5 picks", "", "🐱🐶 猫狗双全", 'quote " and \\ slash',
                   "line\nbreak\ttab", "=SUM(A1:A9)"])


def random_plan(n: int, seed: int = 0, name: str = "测试计划 🧪") -> Plan:
    """A plan of n random, valid notes using every field (NaN caps, unknown columns, Chinese and emoji)."""
    rng = np.random.default_rng(seed)
    is_ad = rng.random(n) < 0.6
    cap = rng.uniform(1e4, 1e7, n)
    cap[rng.random(n) < 0.3] = np.nan
    low = rng.integers(0, 500, n).astype(float)
    high = low + rng.uniform(0, 20_000, n)
    high[rng.random(n) < 0.4] = np.nan
    frame = pd.DataFrame({
        "note_id": [f"笔记-{i:06d}" for i in range(n)],
        "title": rng.choice(TITLES, n), "creator": rng.choice(["小红", "Alice", "达人 ✨"], n),
        "industry": rng.choice(INDUSTRIES, n), "format": rng.choice(["image", "video", ""], n),
        "is_ad": is_ad, "taobao_link": is_ad & (rng.random(n) < 0.5),
        "cpm": rng.uniform(5, 300, n), "ctr": rng.uniform(0, 0.3, n), "interaction_rate": rng.uniform(0, 0.2, n),
        "entry_rate": rng.uniform(0, 1, n), "cvr": rng.uniform(0, 0.2, n), "aov": rng.uniform(0, 2000, n),
        "audience_cap": cap, "min_budget": low, "max_budget": high,
        "budget": np.round(rng.uniform(0, 10_000, n)), "locked": rng.random(n) < 0.1,
        "campaign": rng.choice(["双11", "618", ""], n), "备注 note": rng.choice(["ok", "待确认 ❓", ""], n),
    })
    return new_plan(frame, name=name, lifts=fitted_lifts(rng),
                    params=PlanParams(brand_budget=123_456.78, objective="gmv", platform_share=0.35))


def fitted_lifts(rng: np.random.Generator) -> LiftTable:
    """The article's lifts plus a fitted row with bootstrap draws and a typed row in Chinese."""
    lifts = article_lifts().with_row("food", {
        "ctr_lift": 0.31, "ctr_lift_low": 0.12, "ctr_lift_high": 0.5, "interaction_lift": 0.9,
        "interaction_lift_low": 0.4, "interaction_lift_high": 1.3, "entry_lift": -0.05,
        "entry_lift_low": -0.2, "entry_lift_high": 0.1, "n_notes": 42.0, "source": "fitted"})
    lifts = LiftTable(lifts.table, {"food": rng.normal((0.3, 0.9, -0.05), 0.1, (1000, 3))})
    return lifts.with_row("宠物", {"entry_lift": 1 / 3, "entry_lift_low": 0.0, "entry_lift_high": 0.5,
                                  "source": "typed"})


def assert_same_plan(actual: Plan, expected: Plan) -> None:
    assert actual.name == expected.name
    assert actual.params == expected.params
    assert actual.extra == expected.extra
    pd.testing.assert_frame_equal(actual.notes, expected.notes, check_exact=True)
    pd.testing.assert_frame_equal(actual.lifts.table, expected.lifts.table, check_exact=True)
    assert actual.lifts.samples.keys() == expected.lifts.samples.keys()
    for industry, draws in expected.lifts.samples.items():
        np.testing.assert_array_equal(actual.lifts.samples[industry], draws)


def problems_of(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        load_plan(path)
    return [str(p) for p in caught.value.problems]


def strict_json(path: Path) -> dict:
    def refuse(name: str) -> None:
        raise ValueError(f"{name} is not JSON")
    return json.loads(path.read_bytes().decode("utf-8"), parse_constant=refuse)


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def plan() -> Plan:
    return random_plan(60, seed=7)


@pytest.fixture
def saved(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.rcplan"
    save_plan(plan, path)
    return path


# ---------------------------------------------------------------- round trips

@pytest.mark.parametrize("cap", [None, 50_000.0, 0.0])
def test_a_plan_reads_back_equal_to_what_was_saved(tmp_path: Path, plan: Plan, cap: float | None) -> None:
    plan = dataclasses.replace(plan.with_params(platform_cap=cap, joint=cap is None), extra={
        "what_if": [{"name": "低预算 📉", "brand_budget": 1e5, "notes": None, "flags": [True, False]}],
        "pacing": {"days": [1, 2, 3], "curve": "flat", "nested": {"x": [1.5, -0.0, "😀", {}]}},
    })
    save_plan(plan, tmp_path / "p.rcplan")
    assert_same_plan(load_plan(tmp_path / "p.rcplan"), plan)


def test_an_empty_plan_reads_back_equal(tmp_path: Path) -> None:
    plan = new_plan(pd.DataFrame(columns=["note_id", "industry"]), name="")
    save_plan(plan, tmp_path / "empty.rcplan")
    assert_same_plan(load_plan(tmp_path / "empty.rcplan"), plan)


def test_floats_read_back_bit_for_bit(tmp_path: Path, plan: Plan) -> None:
    awkward = [0.1 + 0.2, 1 / 3, 5e-324, 2.0**-1074 * 3, 1 - 2**-53, 0.30000000000000004]
    notes = plan.notes.copy()
    for field_name in ("ctr", "cvr", "entry_rate"):
        notes.loc[: len(awkward) - 1, field_name] = awkward
    notes.loc[0, "budget"] = np.nextafter(1e12, 0)  # the largest double within the bounds
    notes.loc[1, "aov"] = np.nextafter(1e7, 0)
    plan = plan.with_notes(notes)
    save_plan(plan, tmp_path / "f.rcplan")
    loaded = load_plan(tmp_path / "f.rcplan")
    for field_name in ("ctr", "cvr", "entry_rate", "budget", "aov"):
        assert loaded.notes[field_name].to_numpy().tobytes() == plan.notes[field_name].to_numpy().tobytes()


def test_unknown_note_columns_are_kept_as_text(tmp_path: Path, plan: Plan) -> None:
    notes = plan.notes.copy()
    notes["score"] = np.arange(len(notes))
    notes["maybe"] = [None if i % 2 else "y" for i in range(len(notes))]
    save_plan(plan.with_notes(notes), tmp_path / "x.rcplan")
    loaded = load_plan(tmp_path / "x.rcplan").notes
    assert list(loaded.columns[-4:]) == ["campaign", "备注 note", "score", "maybe"]
    assert loaded["score"].tolist() == [str(i) for i in range(len(notes))]
    assert loaded["maybe"].tolist() == ["" if i % 2 else "y" for i in range(len(notes))]


def test_text_that_is_not_valid_unicode_reads_back_repaired(tmp_path: Path, plan: Plan) -> None:
    notes = plan.notes.copy()
    notes.loc[0, "title"] = "broken \udcff import"
    save_plan(plan.with_notes(notes), tmp_path / "s.rcplan")
    assert load_plan(tmp_path / "s.rcplan").notes.loc[0, "title"] == "broken \ufffd import"


def test_unknown_sections_of_a_later_version_survive_load_and_save(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["what_if"] = [{"name": "高预算", "brand_budget": 2e6}]
    document["pacing"] = {"curve": [0.1, 0.2, 0.7]}
    save_plan(load_plan(write_json(tmp_path / "later.rcplan", document)), tmp_path / "again.rcplan")
    again = strict_json(tmp_path / "again.rcplan")
    assert again["what_if"] == document["what_if"]
    assert again["pacing"] == document["pacing"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(), min_size=3, max_size=3),
       ctr=st.floats(0, 1), budget=st.floats(0, 1e12), cap=st.none() | st.floats(1, 1e12))
def test_any_text_and_any_valid_number_read_back_exactly(tmp_path: Path, plan: Plan, texts: list[str], ctr: float,
                                                          budget: float, cap: float | None) -> None:
    notes = plan.notes.copy()
    notes.loc[0, ["title", "creator", "campaign"]] = texts
    notes.loc[0, ["ctr", "budget", "audience_cap"]] = [ctr, budget, np.nan if cap is None else cap]
    changed = dataclasses.replace(plan.with_notes(notes), name=texts[0], extra={"memo": texts})
    save_plan(changed, tmp_path / "h.rcplan")
    assert_same_plan(load_plan(tmp_path / "h.rcplan"), changed)


def test_plan_documents_round_trip_without_files(plan: Plan) -> None:
    assert_same_plan(plan_from_document(json.loads(json.dumps(plan_to_document(plan)))), plan)


# ---------------------------------------------------------------- the file itself

def test_the_file_is_strict_json_of_schema_version_2(saved: Path, plan: Plan) -> None:
    document = strict_json(saved)
    assert document["schema_version"] == 2
    assert document["app"] == f"RedCat Planner {__version__}"
    [scenario] = document["scenarios"]
    assert document["active_scenario"] == scenario["name"] == plan.scenario.name
    assert scenario["params"] == {"brand_budget": 123_456.78, "objective": "gmv", "joint": True,
                                  "platform_share": 0.35, "platform_cap": None, "budget_step": 1.0,
                                  "fees_in_budget": False}
    assert scenario["budgets"] == plan.notes["budget"].tolist() and scenario["locked"] == plan.notes["locked"].tolist()
    assert (scenario["lift_scale"], scenario["rates"], document["calendar"]) == (1.0, "planned", None)
    columns = document["notes"]["columns"]
    assert list(columns) == [c for c in plan.notes.columns if c not in ("budget", "locked")]
    assert None in columns["audience_cap"] and None in columns["max_budget"]
    rows = {row["industry"]: row for row in document["lifts"]["rows"]}
    assert rows["food"]["source"] == "fitted" and rows["food"]["n_notes"] == 42.0
    assert rows["default"]["n_notes"] is None
    assert len(document["lifts"]["samples"]["food"]) == 1000


def test_chinese_text_is_written_as_utf8_not_escapes(saved: Path) -> None:
    assert "测试计划 🧪".encode() in saved.read_bytes()


def test_saving_an_invalid_plan_is_refused_and_writes_nothing(tmp_path: Path, plan: Plan) -> None:
    notes = plan.notes.copy()
    notes.loc[3, "ctr"] = 1.5
    with pytest.raises(InputError) as caught:
        save_plan(plan.with_notes(notes), tmp_path / "bad.rcplan")
    assert caught.value.problems == [Problem("bad.rcplan", 4, "ctr", 1.5,
                                             "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")]
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- schema versions

def version_0_document() -> dict:
    return {
        "schema_version": 0, "name": "旧计划", "budget_total": 50_000, "objective": "orders", "joint": True,
        "platform_share": 0.4, "platform_cap": None,
        "lifts": {"rows": [{"industry": "default", "ctr_lift": 0.2, "interaction_lift": 1.09, "entry_lift": 0.0}],
                  "samples": {}},
        "notes": [
            {"note_id": "a", "industry": "美妆", "cpm": 50, "ctr": 0.05, "interaction_rate": 0.02,
             "entry_rate": 0.3, "cvr": 0.04, "aov": 199, "is_ad": True, "taobao_link": True, "budget": 1000},
            {"note_id": "b", "industry": "运动", "cpm": 40.5, "ctr": 0.04, "interaction_rate": 0.01,
             "entry_rate": 0.2, "cvr": 0.03, "aov": 99.9, "audience_cap": None, "budget": 0},
        ],
        "comments": "kept",
    }


def test_a_version_0_file_is_migrated(tmp_path: Path) -> None:
    plan = load_plan(write_json(tmp_path / "old.rcplan", version_0_document()))
    assert plan.name == "旧计划"
    assert plan.params == PlanParams(brand_budget=50_000.0, objective="orders", joint=True, platform_share=0.4)
    assert plan.notes["note_id"].tolist() == ["a", "b"]
    assert plan.notes["industry"].tolist() == ["beauty", "sports"]
    assert plan.notes["taobao_link"].tolist() == [True, False]
    assert plan.notes["aov"].tolist() == [199.0, 99.9]
    assert np.isnan(plan.notes["audience_cap"]).all()
    assert plan.lifts.table.loc["default", "ctr_lift_low"] == 0.2  # low/high default to the value
    assert plan.extra == {"comments": "kept"}


def test_a_migrated_plan_is_saved_at_the_current_version(tmp_path: Path) -> None:
    save_plan(load_plan(write_json(tmp_path / "old.rcplan", version_0_document())), tmp_path / "new.rcplan")
    document = strict_json(tmp_path / "new.rcplan")
    assert document["schema_version"] == 2
    assert document["scenarios"][0]["params"]["brand_budget"] == 50_000.0
    assert document["scenarios"][0]["name"] == document["active_scenario"] == "旧计划"
    assert "budget_total" not in document


def test_migrations_cover_every_version_up_to_the_current_one() -> None:
    assert sorted(planfile.MIGRATIONS) == list(range(planfile.SCHEMA_VERSION))


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["schema_version"] = 3
    assert problems_of(write_json(tmp_path / "future.rcplan", document)) == [
        "future.rcplan: this plan was written by a newer version of RedCat Planner: the file has schema "
        f"version 3, and RedCat Planner {__version__} supports schema versions up to 2; "
        "update RedCat Planner to open it"]


@pytest.mark.parametrize(("version", "message"), [
    (None, "not a plan file: it has no schema_version"),
    ("1", 'not a plan file: its schema_version "1" is not a whole number'),
    (1.0, "not a plan file: its schema_version 1.0 is not a whole number"),
    (True, "not a plan file: its schema_version true is not a whole number"),
    (-1, "not a plan file RedCat Planner knows: schema version -1 (it reads versions 0 to 2)"),
])
def test_a_missing_or_odd_schema_version_is_refused(tmp_path: Path, saved: Path, version: object,
                                                     message: str) -> None:
    document = strict_json(saved)
    if version is None:
        del document["schema_version"]
    else:
        document["schema_version"] = version
    assert problems_of(write_json(tmp_path / "v.rcplan", document)) == [f"v.rcplan: {message}"]


# ---------------------------------------------------------------- refusals

@pytest.mark.parametrize(("content", "message"), [
    (b"hello, plan", "not a plan file: it is not valid JSON (Expecting value at line 1, column 1)"),
    (b"", "not a plan file: the file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "not a plan file: it is not UTF-8 text (byte 0 is not)"),
    (b'{"schema_version": 1, "name": NaN}', "not a plan file: NaN is not JSON (an empty value is null)"),
    (b"[1, 2, 3]", "not a plan file: the document is not a JSON object"),
    (b"[" * 100_000, "not a plan file: its JSON is nested too deeply"),
])
def test_a_file_that_is_not_a_plan_is_refused_with_one_problem(tmp_path: Path, content: bytes,
                                                                message: str) -> None:
    path = tmp_path / "odd.rcplan"
    path.write_bytes(content)
    assert problems_of(path) == [f"odd.rcplan: {message}"]


@pytest.mark.parametrize("fraction", [0.01, 0.5, 0.999])
def test_a_truncated_file_is_refused_as_incomplete(tmp_path: Path, saved: Path, fraction: float) -> None:
    data = saved.read_bytes()
    cut = tmp_path / "cut.rcplan"
    cut.write_bytes(data[: int(len(data) * fraction)].decode("utf-8", errors="ignore").encode("utf-8"))
    assert problems_of(cut) == ["cut.rcplan: the plan file is incomplete: it ends too early "
                                "(it may have been cut off while being copied or saved)"]


def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path, saved: Path, plan: Plan) -> None:
    path = tmp_path / "bom.rcplan"
    path.write_bytes(b"\xef\xbb\xbf" + saved.read_bytes())
    assert_same_plan(load_plan(path), plan)


def reshaped(document: dict, change: str) -> dict:
    if change == "notes is a list":
        document["notes"] = [document["notes"]]
    elif change == "a column is not a list":
        document["notes"]["columns"]["cpm"] = 5
    elif change == "columns of different lengths":
        document["notes"]["columns"]["ctr"].pop()
    elif change == "no cpm column":
        del document["notes"]["columns"]["cpm"]
    elif change == "params is a number":
        document["scenarios"][0]["params"] = 3
    elif change == "params lacks objective":
        del document["scenarios"][0]["params"]["objective"]
    elif change == "lift rows not a list":
        document["lifts"]["rows"] = {"default": {}}
    elif change == "no notes":
        del document["notes"]
    return document


@pytest.mark.parametrize(("change", "message"), [
    ("notes is a list", 'the "notes" section is not an object of "columns", each a list of values'),
    ("a column is not a list", 'the "notes" section is not an object of "columns", each a list of values'),
    ("columns of different lengths",
     'the "notes" section is not a notes table: its columns have different lengths (59 to 60 values)'),
    ("no cpm column", 'the "notes" section is not a notes table: it has no column cpm'),
    ("params is a number", 'the "params" section is not a JSON object'),
    ("params lacks objective", 'the "params" section has no objective'),
    ("lift rows not a list",
     'the "lifts" section is not an object with a list of "rows" and an object of "samples"'),
    ("no notes", 'not a complete plan file: it has no "notes" section'),
])
def test_a_document_of_the_wrong_shape_is_refused_with_one_problem(tmp_path: Path, saved: Path, change: str,
                                                                    message: str) -> None:
    path = write_json(tmp_path / "shape.rcplan", reshaped(strict_json(saved), change))
    assert problems_of(path) == [f"shape.rcplan: {message}"]


def test_invalid_values_are_all_reported_by_file_row_and_column(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    columns = document["notes"]["columns"]
    columns["ctr"][1] = 1.5
    columns["cpm"][4] = "cheap"
    document["scenarios"][0]["locked"][5] = "yes"
    columns["note_id"][9] = columns["note_id"][8]
    document["scenarios"][0]["params"]["objective"] = "profit"
    document["lifts"]["rows"][1]["entry_lift"] = -2
    document["lifts"]["samples"]["nowhere"] = [[0.1, 0.2, 0.3]]
    with pytest.raises(InputError) as caught:
        load_plan(write_json(tmp_path / "bad.rcplan", document))
    assert caught.value.problems == [
        Problem("bad.rcplan", None, "objective", "profit", "one of clicks, interactions, store_visits, orders, gmv"),
        Problem("bad.rcplan", 2, "entry_lift", -2.0, "a lift of -1 or more (0.2 = +20%)"),
        Problem("bad.rcplan", 2, "entry_lift_low", "0.2075 .. 0.6224999999999999",
                "a range around the lift -2.0 (low <= lift <= high)"),
        Problem("bad.rcplan", None, "samples", "nowhere", "bootstrap draws for an industry with a lift row"),
        Problem("bad.rcplan", 2, "ctr", 1.5, "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)"),
        Problem("bad.rcplan", 5, "cpm", "cheap", "a number, or null for empty"),
        Problem("bad.rcplan", 6, "locked", "yes", "true or false"),
        Problem("bad.rcplan", 10, "note_id", columns["note_id"][8],
                "a unique note id (this one is used by row 9 already)"),
    ]


def test_a_wrong_parameter_type_is_reported(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["scenarios"][0]["params"].update(joint="yes", brand_budget=True, platform_cap="none")
    assert problems_of(write_json(tmp_path / "p.rcplan", document)) == [
        'p.rcplan, column brand_budget: value "True": expected a number',
        'p.rcplan, column platform_cap: value "none": expected a number, or null for none',
        'p.rcplan, column joint: value "yes": expected true or false',
    ]


def test_bad_bootstrap_draws_are_reported(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["lifts"]["samples"]["food"][3] = [0.1, None, 0.2]
    assert problems_of(write_json(tmp_path / "b.rcplan", document)) == [
        'b.rcplan, column samples: value "food": expected bootstrap draws: a list of [ctr, interaction, entry] lifts, '
        "each a number from -1 to 100 (as every lift)"]


@pytest.mark.skipif(os.name == "nt", reason="needs a sparse file")
def test_a_file_too_big_to_be_a_plan_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.rcplan"
    with open(path, "wb") as stream:  # sparse: takes no disk space, and would take long to read
        stream.truncate(planfile.MAX_PLAN_BYTES + 1)
    assert problems_of(path) == [
        "huge.rcplan: a plan file is at most 512 MB; this file is larger, so it is not a plan"]


def test_a_missing_file_is_an_input_problem(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nowhere.rcplan") == [
        "nowhere.rcplan: the file cannot be read: No such file or directory"]


@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_a_special_file_is_refused_at_once_naming_what_it_is(tmp_path: Path, kind: str) -> None:
    # A zero device reports size 0 and never ends; a pipe blocks the open: neither may be read.
    path = make_special(tmp_path, kind, "plan.rcplan")
    assert problems_in_child(["planner.io.planfile:load_plan"], path) == [
        [f"plan.rcplan: {SPECIAL_KINDS[kind]}, not a plan file"]]


def test_a_named_pipe_put_in_place_after_the_look_is_refused_without_blocking(tmp_path: Path, saved: Path) -> None:
    pipe = make_special(tmp_path, "named pipe", "pipe.rcplan")
    assert problems_in_child(["planner.io.planfile:load_plan"], pipe, pretend_regular=saved) == [
        ["pipe.rcplan: a named pipe (FIFO), not a plan file"]]


def document_with_column(saved: Path, values: str) -> bytes:
    """The saved plan's bytes with its cpm column replaced by the JSON list text `values`."""
    data = saved.read_bytes()
    start = data.index(b'"cpm": [') + len(b'"cpm": ')
    return data[:start] + values.encode("ascii") + data[data.index(b"]", start) + 1:]


def test_a_column_longer_than_any_plan_is_refused_before_it_is_built(tmp_path: Path, saved: Path) -> None:
    path = tmp_path / "long.rcplan"
    path.write_bytes(document_with_column(saved, "[" + ",".join(["0.5"] * 10_000_000) + "]"))
    tracemalloc.start()
    problems = problems_of(path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems == ["long.rcplan: not a plan file: it holds a list of 10,000,000 values, and a plan has at "
                        "most 2,500,000 notes (the most rows a notes table can import)"]
    # json.loads would hold 10,000,000 floats (320 MB) and their text; the file's bytes are 40 MB.
    assert peak < path.stat().st_size + 32 * 2**20


def test_a_list_one_longer_than_the_limit_is_refused_and_many_short_lists_are_read(
        tmp_path: Path, saved: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planfile, "MAX_PLAN_NOTES", 60)  # the saved plan has 60 notes, and 1,000 draws a row
    monkeypatch.setattr(json, "loads", lambda *args, **kwargs: pytest.fail("json.loads ran"))
    path = tmp_path / "long.rcplan"
    path.write_bytes(document_with_column(saved, "[" + ",".join(["1"] * 61) + "]"))
    assert problems_of(path) == ["long.rcplan: not a plan file: it holds a list of 1,000 values, and a plan has "
                                 "at most 60 notes (the most rows a notes table can import)"]
    monkeypatch.undo()
    monkeypatch.setattr(planfile, "MAX_PLAN_NOTES", 1000)  # fewer than the file's commas: each list is counted
    assert_same_plan(load_plan(saved), plan)


def test_a_document_of_more_values_than_the_largest_plan_is_refused(
        saved: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planfile, "MAX_PLAN_VALUES", 1000)
    [problem] = problems_of(saved)
    assert problem.startswith("plan.rcplan: not a plan file: it holds ") and problem.endswith(
        " values, more than the 1,000 of the largest plan")


# ---------------------------------------------------------------- atomic saves

def fail_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(planfile, "_encoded", lambda value: (_ for _ in ()).throw(ValueError("x")))


def fail_write(monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(handle: int) -> None:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(os, "fsync", full_disk)


def fail_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(source: str, target: str) -> None:
        assert Path(source).read_bytes()  # the new version was completely written, then the rename fails
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", refuse)


def interrupt_write(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(handle: int) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(os, "fsync", interrupted)


@pytest.mark.parametrize("failure", [fail_json, fail_write, fail_replace, interrupt_write])
def test_a_save_that_fails_midway_leaves_the_old_file_and_no_temporary_file(
        tmp_path: Path, saved: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch, failure) -> None:
    before = saved.read_bytes()
    failure(monkeypatch)
    with pytest.raises((ValueError, OSError, KeyboardInterrupt)):
        save_plan(plan.with_params(brand_budget=1.0), saved)
    monkeypatch.undo()
    assert saved.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["plan.rcplan"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_saving_over_a_file_keeps_its_permissions(saved: Path, plan: Plan) -> None:
    saved.chmod(0o640)
    save_plan(plan.with_params(brand_budget=1.0), saved)
    assert saved.stat().st_mode & 0o7777 == 0o640
    assert load_plan(saved).params.brand_budget == 1.0


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_a_new_file_gets_the_usual_permissions(tmp_path: Path, plan: Plan) -> None:
    umask = os.umask(0o022)
    try:
        save_plan(plan, tmp_path / "new.rcplan")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.rcplan").stat().st_mode & 0o7777 == 0o644


@pytest.mark.skipif(os.name == "nt", reason="symlinks need privileges on Windows")
def test_saving_through_a_symlink_updates_the_plan_it_points_to(tmp_path: Path, saved: Path, plan: Plan) -> None:
    link = tmp_path / "link.rcplan"
    link.symlink_to(saved)
    save_plan(plan.with_params(brand_budget=7.0), link)
    assert link.is_symlink()
    assert load_plan(saved).params.brand_budget == 7.0


def test_at_every_step_of_a_save_the_file_is_the_old_or_the_new_version(tmp_path: Path, plan: Plan) -> None:
    """What a crash at any moment would leave: the file, read before and after every C call of a save."""
    target, reference = tmp_path / "plan.rcplan", tmp_path / "reference.rcplan"
    changed = plan.with_params(brand_budget=9.0)
    save_plan(plan, target)
    save_plan(changed, reference)
    versions = {target.read_bytes(): "old", reference.read_bytes(): "new"}
    states: list[str] = []

    def snapshot(frame: object, event: str, arg: object) -> None:
        if event.startswith("c_"):  # the hook is not itself profiled, so reading here is safe
            try:
                states.append(versions.get(target.read_bytes(), "partial"))
            except FileNotFoundError:
                states.append("missing")

    sys.setprofile(snapshot)
    try:
        save_plan(changed, target)
    finally:
        sys.setprofile(None)
    assert len(states) > 100
    assert states[0] == "old" and states[-1] == "new"
    assert set(states) == {"old", "new"}, [i for i, s in enumerate(states) if s not in ("old", "new")][:5]


def saves_until_killed(source: Path, target: Path, run: int, delay: float | None) -> int:
    """Start a child saving versions of run `run` over `target`, SIGKILL it after `delay` s (None: once it
    reports its first save, so that a slow machine still tests kills after complete saves); its last save."""
    script = Path(__file__).with_name("planfile_save_loop.py")
    root = str(Path(__file__).resolve().parents[3])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))}
    child = subprocess.Popen([sys.executable, str(script), str(source), str(target), str(run)],
                             stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None and child.stdout.readline() == "ready\n"
    first: list[str] = []
    if delay is None:
        first.append(child.stdout.readline())
    else:
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=delay)  # not a timing check: only a random moment to kill at
    child.kill()
    reports = [line.split()[1] for line in first + child.stdout.read().splitlines(keepends=True)
               if line.startswith("saved ") and line.endswith("\n")]
    child.wait()
    assert child.returncode != 0, "the child stopped by itself"
    return int(reports[-1]) if reports else 0


def version_of(plan: Plan, run: int, save: int) -> Plan:
    """Save `save` of run `run` of planfile_save_loop.py."""
    budgets = plan.notes["budget"].to_numpy() + 1000 * run + save
    return dataclasses.replace(plan.with_budgets(budgets), name=f"run {run} save {save}")


@pytest.mark.slow
def test_a_save_killed_at_any_moment_leaves_a_complete_version(tmp_path: Path) -> None:
    """SIGKILL a process saving a 50,000-note plan in a loop, 24 times: the file is always one whole version."""
    plan = random_plan(50_000, seed=3, name="original")
    source, target = tmp_path / "source.rcplan", tmp_path / "plan.rcplan"
    save_plan(plan, source)
    save_plan(plan, target)
    chooser = random.Random(20240601)
    current, completed_saves = plan, 0
    for run in range(1, 25):
        last = saves_until_killed(source, target, run, chooser.uniform(0.0, 1.2) if run % 6 else None)
        completed_saves += last
        # The complete versions: the child's last reported save, or the next if its rename beat the kill.
        allowed = {version.name: version for version in
                   [version_of(plan, run, k) for k in (last, last + 1) if k > 0] + ([current] if last == 0 else [])}
        loaded = load_plan(target)  # raises if a kill left a partial file behind
        assert loaded.name in allowed, (run, loaded.name, last)
        assert_same_plan(loaded, allowed[loaded.name])
        current = loaded
        for leftover in set(tmp_path.iterdir()) - {source, target}:
            leftover.unlink()  # the temporary file of a killed save: keeps disk use bounded over the runs
    assert completed_saves > 0


# ---------------------------------------------------------------- bounds, lone surrogates, empty plans

AMOUNT_RANGE = "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"


def test_absurd_but_finite_numbers_in_a_plan_file_are_refused_with_their_bounds(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    columns = document["notes"]["columns"]
    document["scenarios"][0]["budgets"][0] = 1e308
    columns["cpm"][1], columns["aov"][1] = 1e-300, 1e300
    columns["audience_cap"][2] = 1e13
    document["scenarios"][0]["params"]["brand_budget"] = 1e300
    document["scenarios"][0]["params"]["platform_cap"] = 2e12
    document["lifts"]["rows"][0]["ctr_lift_high"] = 1e6
    assert problems_of(write_json(tmp_path / "huge.rcplan", document)) == [
        f'huge.rcplan, column brand_budget: value "1e+300": expected {AMOUNT_RANGE}',
        f'huge.rcplan, column platform_cap: value "2000000000000.0": expected {AMOUNT_RANGE}, or none',
        'huge.rcplan, row 1, column ctr_lift_high: value "1000000.0": expected a lift from -1 to 100 (0.2 = +20%; '
        "more than +10,000% is past any published or fitted lift: a percentage written without %?)",
        f'huge.rcplan, row 1, column budget: value "1e+308": expected {AMOUNT_RANGE}',
        'huge.rcplan, row 2, column cpm: value "1e-300": expected a cost per 1,000 impressions from ¥0.01 to '
        "¥1,000,000 (real boosts cost ¥10 to ¥500: a typo or a unit mix-up?)",
        'huge.rcplan, row 2, column aov: value "1e+300": expected an average order value from ¥0 to ¥10,000,000 '
        "(more is no retail order: a typo or a unit mix-up?)",
        'huge.rcplan, row 3, column audience_cap: value "10000000000000.0": expected a number of impressions from '
        "1 to 1,000,000,000,000 (700 times China's population: a typo or a unit mix-up?), or empty",
    ]


def test_bootstrap_draws_past_the_most_a_lift_can_be_are_refused(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["lifts"]["samples"]["food"][7] = [0.1, 1e300, 0.2]
    assert problems_of(write_json(tmp_path / "b.rcplan", document)) == [
        'b.rcplan, column samples: value "food": expected bootstrap draws: a list of [ctr, interaction, entry] lifts, '
        "each a number from -1 to 100 (as every lift)"]


def test_lone_surrogates_the_app_wrote_are_repaired_on_load(tmp_path: Path, plan: Plan) -> None:
    notes = plan.notes.copy()
    notes.loc[0, ["note_id", "title"]] = ["id\ud800", "x\udcffy"]
    notes.loc[1, "industry"] = "宠物\udce5"
    lifts = plan.lifts.with_row("宠物\udce5", {"ctr_lift": 0.5, "ctr_lift_high": 0.75})
    broken = dataclasses.replace(plan.with_notes(notes), name="计划\ud800", lifts=lifts)
    save_plan(broken, tmp_path / "s.rcplan")  # the writer escapes them: \ud800 in ASCII JSON
    assert b"\\ud800" in (tmp_path / "s.rcplan").read_bytes()
    loaded = load_plan(tmp_path / "s.rcplan")
    assert loaded.name == "计划\ufffd"
    assert loaded.notes.loc[0, ["note_id", "title"]].tolist() == ["id\ufffd", "x\ufffdy"]
    assert loaded.notes.loc[1, "industry"] == "宠物\ufffd"
    assert loaded.lifts.table.loc["宠物\ufffd", "ctr_lift"] == 0.5  # the note still finds its lifts
    save_plan(loaded, tmp_path / "again.rcplan")
    (tmp_path / "again.rcplan").read_bytes().decode("utf-8")  # readable text again, not escapes
    assert b"\\ud800" not in (tmp_path / "again.rcplan").read_bytes()


def test_a_name_longer_than_a_cell_is_refused_on_save_and_on_load(tmp_path: Path, saved: Path, plan: Plan) -> None:
    expected = ("a plan name of at most 32,767 characters (what an Excel cell holds; an emoji counts as 2)")
    with pytest.raises(InputError) as caught:
        save_plan(dataclasses.replace(plan, name="n" * 32_768), tmp_path / "long.rcplan")
    assert [(p.column, p.expected) for p in caught.value.problems] == [("name", expected)]
    document = strict_json(saved)
    document["name"] = "😀" * 16_384
    with pytest.raises(InputError) as caught:
        load_plan(write_json(tmp_path / "long.rcplan", document))
    assert [(p.column, p.expected) for p in caught.value.problems] == [("name", expected)]


def test_a_note_text_longer_than_a_cell_is_refused_at_its_cell(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    document["notes"]["columns"]["title"][4] = "t" * 40_000
    with pytest.raises(InputError) as caught:
        load_plan(write_json(tmp_path / "t.rcplan", document))
    assert [(p.row, p.column) for p in caught.value.problems] == [(5, "title")]


def test_an_empty_plan_saves_and_loads(tmp_path: Path, plan: Plan) -> None:
    empty = plan.with_notes(plan.notes.iloc[:0])
    save_plan(empty, tmp_path / "empty.rcplan")
    loaded = load_plan(tmp_path / "empty.rcplan")
    assert len(loaded.notes) == 0 and list(loaded.notes.columns) == list(plan.notes.columns)


# ---------------------------------------------------------------- schema version 2: scenarios and the calendar

def test_scenarios_and_the_calendar_read_back_as_saved(tmp_path: Path, plan: Plan) -> None:
    from planner.io.calendars import load_preset
    from planner.model.scenarios import activate, add_scenario, all_scenarios, with_settings

    two = activate(add_scenario(plan, "half lift"), "half lift").with_budgets(np.arange(len(plan.notes)) * 10.0)
    two = dataclasses.replace(with_settings(two.with_params(brand_budget=9_000.0), lift_scale=0.5),
                              calendar=load_preset("618-2025"))
    save_plan(two, tmp_path / "s.rcplan")
    loaded = load_plan(tmp_path / "s.rcplan")
    assert loaded.scenario == two.scenario and loaded.position == 1 and loaded.params.brand_budget == 9_000.0
    for mine, theirs in zip(all_scenarios(loaded), all_scenarios(two), strict=True):
        assert (mine.name, mine.params, mine.lift_scale, mine.rates) == (theirs.name, theirs.params,
                                                                         theirs.lift_scale, theirs.rates)
        assert mine.budgets.tolist() == theirs.budgets.tolist() and mine.locked.tolist() == theirs.locked.tolist()
    assert loaded.calendar == two.calendar


def test_every_version_1_plan_in_the_suite_opens_as_one_scenario_named_after_it(tmp_path: Path) -> None:
    from planner.model.scenarios import scenario_names

    files = sorted(Path(__file__).parent.glob("*_v1.rcplan"))
    assert files  # demo_v1.rcplan: the demo plan as version 1 wrote it
    for path in files:
        version_1 = json.loads(path.read_text(encoding="utf-8"))
        assert version_1["schema_version"] == 1
        plan = load_plan(path)
        assert scenario_names(plan) == [version_1["name"]]
        assert plan.notes["budget"].tolist() == version_1["notes"]["columns"]["budget"]
        assert plan.params.brand_budget == version_1["params"]["brand_budget"]
        save_plan(plan, tmp_path / path.name)
        assert_same_plan(load_plan(tmp_path / path.name), plan)


def test_a_version_1_document_migrates_budgets_locks_and_parameters(tmp_path: Path) -> None:
    from planner.model.scenarios import scenario_names

    document = {"schema_version": 1, "name": "", "params": {"brand_budget": 7.0, "objective": "gmv", "joint": False,
                                                             "platform_share": 0.2, "platform_cap": 5.0},
                "lifts": {"rows": [{"industry": "default", "ctr_lift": 0.2, "interaction_lift": 1.0,
                                    "entry_lift": 0.0}], "samples": {}},
                "notes": {"columns": {"note_id": ["a"], "industry": ["food"], "cpm": [40.0], "ctr": [0.05],
                                      "interaction_rate": [0.01], "entry_rate": [0.2], "cvr": [0.02],
                                      "aov": [80.0], "budget": [300.0], "locked": [True]}}}
    plan = load_plan(write_json(tmp_path / "one.rcplan", document))
    assert scenario_names(plan) == ["Scenario 1"]  # in the language spoken: 方案 1 in Chinese
    assert plan.params == PlanParams(7.0, "gmv", False, 0.2, 5.0)
    assert plan.notes["budget"].tolist() == [300.0] and plan.notes["locked"].tolist() == [True]


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["scenarios"].append(dict(d["scenarios"][0])),
     'row 2, column scenario: value "测试计划 🧪": expected a name no other scenario of the plan has'),
    (lambda d: d.update(active_scenario="nobody"),
     'column active_scenario: value "nobody": expected the name of one of the plan\'s scenarios: 测试计划 🧪'),
    (lambda d: d["scenarios"][0].update(lift_scale=-1),
     'row 1, column lift_scale: value "-1.0": expected a factor on every lift from 0 to 10 (1 = the lifts as they '
     "are, 0.5 = half as strong)"),
    (lambda d: d.update(scenarios=[]), 'the "scenarios" section is not a list of scenarios'),
    (lambda d: d.update(calendar={"phases": [{"phase": "预热", "start": "2025-05-09", "end": "2025-05-01",
                                              "weight": 1}]}),
     'row 1, column end: value "2025-05-01": expected a last day on or after the first day 2025-05-09 (this phase '
     "has no days)"),
])
def test_bad_scenarios_and_calendars_in_a_plan_file_are_named(tmp_path: Path, saved: Path, change, message) -> None:  # type: ignore[no-untyped-def]
    document = strict_json(saved)
    change(document)
    assert problems_of(write_json(tmp_path / "s.rcplan", document)) == [f"s.rcplan, {message}" if "row" in message
                                                                        or "column" in message
                                                                        else f"s.rcplan: {message}"]


def test_an_inactive_scenarios_bad_budget_names_its_scenario(tmp_path: Path, saved: Path) -> None:
    document = strict_json(saved)
    other = dict(document["scenarios"][0], name="B")
    other["budgets"] = list(other["budgets"])
    other["budgets"][2] = -5.0
    document["scenarios"].append(other)
    assert problems_of(write_json(tmp_path / "s.rcplan", document)) == [
        's.rcplan, row 3, column budget: value "-5.0": expected an amount of 0 or more (scenario B)']


# ---------------------------------------------------------------- notes' windows

def test_windows_are_saved_as_iso_days_with_null_for_none(tmp_path: Path, small_plan: Plan) -> None:
    notes = small_plan.notes.copy()
    notes["start_date"] = pd.to_datetime(["2025-05-13", None, None]).astype("datetime64[ns]")
    path = tmp_path / "windows.rcplan"
    save_plan(small_plan.with_notes(notes), path)
    columns = json.loads(path.read_text(encoding="utf-8"))["notes"]["columns"]
    assert columns["start_date"] == ["2025-05-13", None, None]
    assert columns["end_date"] == [None, None, None]
    assert load_plan(path).notes["start_date"].equals(notes["start_date"])


def test_a_file_without_windows_or_with_empty_text_for_them_still_opens(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / "older.rcplan"
    save_plan(small_plan, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["notes"]["columns"]["end_date"]
    document["notes"]["columns"]["start_date"] = ["", "", "2025-06-01"]
    path.write_text(json.dumps(document), encoding="utf-8")
    notes = load_plan(path).notes
    assert notes["end_date"].isna().all()
    assert notes["start_date"].isna().tolist() == [True, True, False]


def test_a_window_that_is_no_day_is_refused_at_its_note(tmp_path: Path, small_plan: Plan) -> None:
    path = tmp_path / "bad.rcplan"
    save_plan(small_plan, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["notes"]["columns"]["end_date"] = [None, "2025-13-01", 20250513]
    path.write_text(json.dumps(document), encoding="utf-8")
    assert problems_of(path) == [
        'bad.rcplan, row 2, column end_date: value "2025-13-01": expected a date such as 2025-05-13, or null',
        'bad.rcplan, row 3, column end_date: value "20250513": expected a date such as 2025-05-13, or null']
