"""The field catalogue: complete in both languages, unambiguous on import, bounded by limits.py, and the one
place a field is added (it then reaches the import, the workbook and the model's checks)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from planner.io import tables
from planner.io.excel.labels import NOTE_COLUMNS, SHEET_INPUTS, Column, note_columns
from planner.io.tables.cells import Schema
from planner.model import limits
from planner.model.fields import (
    ACTUALS,
    DATE,
    HISTORY,
    MONEY,
    NO_LIMIT,
    NOTE_INPUTS,
    NOTE_OUTPUTS,
    REQUIRED,
    Field,
    Rule,
)
from planner.model.notes import check_notes, complete_notes

TABLES = {"notes": NOTE_INPUTS, "notes and estimate": NOTE_INPUTS + NOTE_OUTPUTS, "history": HISTORY,
          "actuals": ACTUALS}
EVERY_FIELD = NOTE_INPUTS + NOTE_OUTPUTS + HISTORY + ACTUALS
AGENCY_FEE = Field("agency_fee", MONEY, ("代理费", "Agency fee"), ("付给代理商的费用（¥）", "the agency's fee in ¥"),
                    Rule(0.0, limits.MAX_AMOUNT, "an amount", "from {low:,.0f} to ¥{high:,.0f}", "too much",
                         "of 0 or more"), aliases=("代理服务费",))


@pytest.mark.parametrize("field", EVERY_FIELD, ids=lambda field: field.key)
def test_every_field_has_both_labels_and_both_definitions(field: Field) -> None:
    assert all(word.strip() for word in field.label + field.definition)


@pytest.mark.parametrize("fields", TABLES.values(), ids=TABLES.keys())
def test_keys_are_unique_in_each_table(fields: tuple[Field, ...]) -> None:
    keys = [field.key for field in fields]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("fields", TABLES.values(), ids=TABLES.keys())
def test_each_header_text_names_one_field_only(fields: tuple[Field, ...]) -> None:
    named: dict[str, set[str]] = {}
    for field in fields:
        for text in field.header_texts():
            named.setdefault(text.strip().lower(), set()).add(field.key)
    assert {text: keys for text, keys in named.items() if len(keys) > 1} == {}


def test_every_rules_bounds_are_those_of_limits() -> None:
    bounds = {value for name, value in vars(limits).items() if name.isupper()} | {0.0, 1.0}
    rules = [field.rule for field in EVERY_FIELD if field.rule is not None]
    assert rules and all(rule.low in bounds and rule.high in bounds for rule in rules)
    assert all(rule.empty in (REQUIRED, NO_LIMIT) or rule.low <= rule.default <= rule.high for rule in rules)


def test_a_rule_says_its_bounds_and_why() -> None:
    cpm = next(field.rule for field in NOTE_INPUTS if field.key == "cpm")
    assert cpm is not None
    assert cpm.range_text == ("a cost per 1,000 impressions from ¥0.01 to ¥1,000,000 (real boosts cost ¥10 to "
                              "¥500: a typo or a unit mix-up?)")
    assert (cpm.required_text, cpm.least_text) == ("a cost per 1,000 impressions greater than 0 (it is required)",
                                                   "a cost per 1,000 impressions greater than 0")


def test_a_rate_is_held_to_its_bounds_alone() -> None:
    ctr = next(field.rule for field in NOTE_INPUTS if field.key == "ctr")
    assert ctr is not None
    broken = [(list(np.flatnonzero(mask)), told) for mask, told in ctr.broken(np.array([np.nan, -0.1, 0.5, 2.0]))]
    assert broken == [([0], "a rate from 0 to 1 (it is required)"),
                      ([1, 3], "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")]


def test_an_empty_value_without_a_limit_is_allowed_but_said() -> None:
    cap = next(field.rule for field in NOTE_INPUTS if field.key == "audience_cap")
    assert cap is not None
    masks = [list(np.flatnonzero(mask)) for mask, _ in cap.broken(np.array([np.nan, 0.0, 0.5, 2e12]))]
    assert masks == [[1], [2, 3]]
    assert cap.least_text == "a number of impressions greater than 0, or empty"


def test_the_workbook_shows_every_input_under_its_labels() -> None:
    inputs = [column for column in NOTE_COLUMNS if column.is_input]
    assert [(c.key, c.zh, c.en) for c in inputs] == [(f.key, *f.label) for f in NOTE_INPUTS if f.kind != DATE]


def test_a_new_field_is_a_workbook_input_column() -> None:
    columns = note_columns(SHEET_INPUTS + (AGENCY_FEE,))
    assert columns[len(SHEET_INPUTS)] == Column("agency_fee", "代理费", "Agency fee", "money", True)
    assert columns[:len(SHEET_INPUTS)] + columns[len(SHEET_INPUTS) + 1:] == NOTE_COLUMNS


@pytest.mark.parametrize("header", ["agency_fee", "AGENCY_FEE", "代理费", "agency fee", "代理服务费"])
def test_a_new_field_is_matched_by_the_imports_header_lookup(header: str, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(tables.SCHEMAS, "notes", Schema.of(NOTE_INPUTS + (AGENCY_FEE,)))
    path = tmp_path / "notes.csv"
    path.write_text(f"笔记ID,行业,千次曝光成本,点击率,互动率,进店率,转化率,客单价,{header}\n"
                    'n1,美妆,50,3%,5%,10%,2%,99,"¥1,200"\n', encoding="utf-8")
    preview = tables.preview_table(path, "notes")
    assert preview.recognised[-1] == "agency_fee"
    result = tables.import_table(path, "notes")
    assert result.problems == [] and result.frame["agency_fee"].tolist() == [1200.0]  # parsed as money


def test_every_english_label_and_alias_names_its_field_on_import(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("Note ID,Industry,cpm,ctr,Interaction rate,Store-entry rate,Conversion rate,aov,Min budget\n"
                    "n1,beauty,50,3%,5%,10%,2%,99,100\n", encoding="utf-8")
    assert tables.read_notes(path)["min_budget"].tolist() == [100.0]
    history = tables.preview_table(_history(tmp_path, "内容ID,行业,周期,曝光,点击,互动,进店,消费"), "history")
    assert history.recognised == ["note_id", "industry", "period", "impressions", "clicks", "interactions",
                                  "store_visits", "spend"]


def _history(folder: Path, header: str) -> Path:
    path = folder / "history.csv"
    path.write_text(f"{header}\nn1,beauty,base,1000,10,5,2,30\n", encoding="utf-8")
    return path


def test_the_models_checks_follow_the_catalogue() -> None:
    notes = complete_notes(_one_note(budget=-1.0, max_budget=2e12))
    assert [(p.column, p.expected) for p in check_notes(notes)] == [
        ("max_budget", "an amount from 0 to ¥1,000,000,000,000 (more is no boost budget: a typo or a unit mix-up?)"
                       ", or empty"),
        ("budget", "an amount of 0 or more")]


def _one_note(**values: object) -> pd.DataFrame:
    note = {"note_id": "n1", "industry": "beauty", "cpm": 50.0, "ctr": 0.03, "interaction_rate": 0.05,
            "entry_rate": 0.1, "cvr": 0.02, "aov": 99.0} | values
    return pd.DataFrame([note])


def test_the_flags_are_recognised_under_the_headers_agencies_write(tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("笔记ID,行业,是否广告笔记,挂淘宝链接,千次曝光成本,点击率,互动率,进店率,转化率,客单价\n"
                    "n1,美妆,是,是,50,3%,5%,10%,2%,99\nn2,美妆,否,否,50,3%,5%,10%,2%,99\n", encoding="utf-8")
    notes = tables.read_notes(path)
    assert notes["is_ad"].tolist() == [True, False] and notes["taobao_link"].tolist() == [True, False]
