"""Merging imported notes (replace, add, update by id) and fitted lifts into a plan."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.model.errors import InputError
from planner.model.funnel import estimate
from planner.model.lifts import SOURCE_FITTED, SOURCE_TYPED, LiftTable, article_lifts, make_lift_table
from planner.model.merge import (
    ADD,
    REPLACE,
    UPDATE,
    brand_budget_after_import,
    duplicate_ids,
    merge_fitted_lifts,
    merge_notes,
)
from planner.model.notes import check_notes, complete_notes
from planner.model.plan import PlanParams, new_plan


@pytest.fixture
def plan_notes() -> pd.DataFrame:
    return complete_notes(small_notes())


def imported(ids: list[str], budget: float = 7.0, cpm: float = 99.0, **extra: list[str]) -> pd.DataFrame:
    """Notes as a table import gives them: completed, every field present."""
    rows = len(ids)
    return complete_notes(pd.DataFrame({
        "note_id": ids, "industry": ["home"] * rows, "cpm": [cpm] * rows, "ctr": [0.01] * rows,
        "interaction_rate": [0.02] * rows, "entry_rate": [0.1] * rows, "cvr": [0.03] * rows,
        "aov": [80.0] * rows, "budget": [budget] * rows, **extra}))


def test_replace_gives_the_imported_notes_alone(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["a", "n1"]), REPLACE)
    assert merged.notes["note_id"].tolist() == ["a", "n1"]
    assert merged.notes["cpm"].tolist() == [99.0, 99.0]
    assert (merged.added, merged.updated) == (2, 0)


def test_add_puts_the_imported_notes_after_the_plans(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["a", "b"]), ADD)
    assert merged.notes["note_id"].tolist() == ["n1", "n2", "n3", "a", "b"]
    assert merged.notes["budget"].tolist() == [1000.0, 500.0, 0.0, 7.0, 7.0]
    assert (merged.added, merged.updated) == (2, 0)
    assert check_notes(merged.notes) == []


def test_add_refuses_ids_the_plan_has_compared_trimmed(plan_notes: pd.DataFrame) -> None:
    with pytest.raises(InputError) as refused:
        merge_notes(plan_notes, imported(["a", " n2 ", "n3"]), ADD)
    assert [(p.column, p.value) for p in refused.value.problems] == [("note_id", "n2"), ("note_id", "n3")]
    assert "update the plan's notes, or replace them" in str(refused.value)


def test_update_sets_the_columns_the_table_gave_and_keeps_the_others(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["n2"], budget=7.0, cpm=99.0), UPDATE, columns=["note_id", "cpm"])
    notes = merged.notes
    assert notes["note_id"].tolist() == ["n1", "n2", "n3"]
    assert notes["cpm"].tolist() == [50.0, 99.0, 60.0]
    assert notes["budget"].tolist() == [1000.0, 500.0, 0.0]  # not in the table: the plan's budget stays
    assert notes.loc[1, "industry"] == "food" and notes.loc[1, "title"] == "早餐"
    assert (merged.added, merged.updated) == (0, 1)


def test_update_adds_the_notes_with_new_ids_after_the_plans(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["new", "n1"], budget=7.0), UPDATE, columns=["note_id", "budget"])
    assert merged.notes["note_id"].tolist() == ["n1", "n2", "n3", "new"]
    assert merged.notes["budget"].tolist() == [7.0, 500.0, 0.0, 7.0]
    assert merged.notes.loc[3, "cpm"] == 99.0  # a new note comes whole, as add would bring it
    assert (merged.added, merged.updated) == (1, 1)


def test_update_matches_ids_trimmed_and_keeps_the_plans_spelling(plan_notes: pd.DataFrame) -> None:
    plan_notes.loc[2, "note_id"] = " n3"
    merged = merge_notes(plan_notes, imported(["n3 ", "n1"], budget=9.0), UPDATE, columns=["note_id", "budget"])
    assert merged.notes["note_id"].tolist() == ["n1", "n2", " n3"]
    assert merged.notes["budget"].tolist() == [9.0, 500.0, 9.0]
    assert (merged.added, merged.updated) == (0, 2)


def test_update_without_columns_takes_every_imported_column(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["n1"], budget=7.0, cpm=99.0), UPDATE)
    assert merged.notes.loc[0, ["cpm", "budget", "industry"]].tolist() == [99.0, 7.0, "home"]


def test_update_keeps_unknown_columns_and_leaves_them_empty_elsewhere(plan_notes: pd.DataFrame) -> None:
    table = imported(["n2", "z"], 备注=["改", "新"])
    merged = merge_notes(plan_notes, table, UPDATE, columns=["note_id", "备注"])
    assert merged.notes["备注"].tolist() == ["", "改", "", "新"]
    assert list(merged.notes.columns[-1:]) == ["备注"]
    assert check_notes(merged.notes) == []


def test_a_plans_unknown_column_is_kept_and_empty_for_added_notes(plan_notes: pd.DataFrame) -> None:
    plan_notes["渠道"] = ["小红书", "小红书", "淘宝"]
    merged = merge_notes(plan_notes, imported(["n1", "q"], budget=3.0), UPDATE, columns=["note_id", "budget"])
    assert merged.notes["渠道"].tolist() == ["小红书", "小红书", "淘宝", ""]
    assert merged.notes["budget"].tolist() == [3.0, 500.0, 0.0, 3.0]


def test_columns_the_import_does_not_hold_are_ignored(plan_notes: pd.DataFrame) -> None:
    merged = merge_notes(plan_notes, imported(["n1"]), UPDATE, columns=["note_id", "no such column"])
    assert merged.notes.equals(complete_notes(plan_notes))
    assert (merged.added, merged.updated) == (0, 1)


def test_an_unknown_mode_is_a_programming_error(plan_notes: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="unknown import mode"):
        merge_notes(plan_notes, imported(["a"]), "merge")


def test_duplicate_ids_are_named_once_trimmed_in_the_tables_order(plan_notes: pd.DataFrame) -> None:
    assert duplicate_ids(plan_notes, imported(["n3", "x", " n1", "n3 "])) == ["n3", "n1"]
    assert duplicate_ids(plan_notes, imported(["x"])) == []


# ---------------------------------------------------------------------------------- fitted lifts

def fitted_lifts() -> tuple[LiftTable, list[str]]:
    """A fit's lifts (with bootstrap draws) and the industries it fitted: not its default row."""
    table = make_lift_table({"default": (0.3, 1.0, 0.1), "sports": (0.25, 0.9, 0.7), "home": (0.1, 0.5, 0.2)},
                            source=SOURCE_FITTED)
    draws = {name: np.full((4, 3), k, dtype=float) for k, name in enumerate(("default", "sports", "home"))}
    return LiftTable(table.table, draws), ["sports", "home"]


def test_fitted_rows_replace_the_current_ones_with_their_draws() -> None:
    fitted, industries = fitted_lifts()
    merged = merge_fitted_lifts(article_lifts(), fitted, industries)
    assert merged.table.loc["sports", "entry_lift"] == 0.7 and merged.table.loc["home", "ctr_lift"] == 0.1
    assert set(merged.samples) == {"sports", "home"}
    assert np.array_equal(merged.samples["home"], np.full((4, 3), 2.0))


def test_rows_not_fitted_stay_as_they_are_now() -> None:
    fitted, industries = fitted_lifts()
    current = article_lifts().with_row("beauty", {"ctr_lift": 0.5, "ctr_lift_high": 0.9, "source": SOURCE_TYPED})
    merged = merge_fitted_lifts(current, fitted, industries)
    assert merged.table.loc["beauty", "ctr_lift"] == 0.5  # edited while the fit ran: kept
    assert merged.table.loc["default"].equals(current.table.loc["default"])  # fitted, yet not chosen
    assert list(merged.table.index) == ["default", "beauty", "home", "sports"]


def test_a_row_fitted_without_draws_drops_the_old_ones() -> None:
    fitted, _ = fitted_lifts()
    current = merge_fitted_lifts(article_lifts(), fitted, ["sports"])
    assert "sports" in current.samples
    refit = make_lift_table({"sports": (0.2, 0.8, 0.6)}, source=SOURCE_FITTED)  # no bootstrap this time
    merged = merge_fitted_lifts(current, refit, ["sports"])
    assert merged.table.loc["sports", "entry_lift"] == 0.6 and "sports" not in merged.samples


def test_a_plan_without_a_brand_budget_takes_its_brand_cost_after_an_import(plan_notes: pd.DataFrame) -> None:
    plan = new_plan(plan_notes.assign(budget=[1000.0, 2500.5, 0.0, 333.333][:len(plan_notes)]))
    cost = estimate(plan).totals["brand_cost"]
    budget = brand_budget_after_import(plan)
    assert budget is not None and cost <= budget < cost + 0.01  # to the fen, never below the cost
    assert budget * 100 == pytest.approx(round(budget * 100))


def test_a_brand_budget_set_or_notes_without_budgets_are_left_alone(plan_notes: pd.DataFrame) -> None:
    assert brand_budget_after_import(new_plan(plan_notes.assign(budget=0.0))) is None
    planned = new_plan(plan_notes.assign(budget=500.0), params=PlanParams(brand_budget=100.0))
    assert brand_budget_after_import(planned) is None
