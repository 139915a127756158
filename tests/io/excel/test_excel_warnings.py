"""The Warnings sheet (预警): the plan's guardrails as exported, only when it has some."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from planner.resources import resource_path

from planner.i18n import set_language
from planner.io.excel.export import export_plan
from planner.io.planfile import load_plan
from planner.model.funnel import estimate
from planner.model.guardrails import guardrails


@pytest.fixture
def demo():
    return load_plan(resource_path("demo.rcplan"))


def test_a_plan_without_warnings_has_no_warnings_sheet(demo, tmp_path: Path) -> None:
    assert guardrails(demo, estimate(demo)) == []
    export_plan(demo, tmp_path / "plan.xlsx", "en")
    assert "Warnings" not in openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=True).sheetnames


@pytest.mark.parametrize(("lang", "sheet", "plan_word", "kind"), [("en", "Warnings", "Plan", "Over budget"),
                                                                ("zh", "预警", "计划", "超出品牌预算")])
def test_each_warning_is_a_row_naming_its_note_its_kind_and_what_to_check(demo, tmp_path: Path, lang: str,
                                                                          sheet: str, plan_word: str, kind: str) -> None:
    set_language(lang)
    try:
        plan = demo.with_params(brand_budget=100_000.0)
        budgets = plan.notes["budget"].to_numpy().copy()
        budgets[0] = plan.notes["budget"].sum()  # one note takes about half the plan: concentration
        plan = plan.with_budgets(budgets)
        warnings = guardrails(plan, estimate(plan))
        export_plan(plan, tmp_path / "plan.xlsx", lang)
    finally:
        set_language("en")
    book = openpyxl.load_workbook(tmp_path / "plan.xlsx", read_only=True)
    assert book.sheetnames[-2:] == [sheet, "_redcat"]  # after the others, before the hidden marker sheet
    rows = [row for row in book[sheet].iter_rows(min_row=5, values_only=True) if row[0] is not None]
    assert len(rows) == len(warnings) >= 2
    assert rows[0] == (plan_word, kind, warnings[0].message)
    assert [(r[0], r[2]) for r in rows[1:]] == [(w.note_id, w.message) for w in warnings[1:]]
    assert rows[1][0] == plan.notes["note_id"].iat[0]
