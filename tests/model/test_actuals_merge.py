"""Actuals into a plan (MODEL.md section 10): rows checked against the plan's notes and campaign, then merged,
a later table replacing the note-days it holds again."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.model.actuals import complete_actuals
from planner.model.actuals_merge import merge_actuals, plan_form, plan_problems
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError
from planner.model.plan import Plan, new_plan

MAY = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 10), 1.0),))


def plan(actuals: pd.DataFrame | None = None, calendar: Calendar | None = MAY) -> Plan:
    return replace(new_plan(small_notes()), calendar=calendar, actuals=actuals)


def table(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """An actuals table as read: (day, note, spend) with impressions 100 times the spend."""
    frame = pd.DataFrame([{"date": day, "note_id": note, "spend": spend, "impressions": spend * 100}
                          for day, note, spend in rows])
    return plan_form(complete_actuals(frame))


def test_the_plan_form_holds_every_field_with_days_as_datetimes() -> None:
    actuals = table(("2025-05-02", "n1", 10.0))
    assert list(actuals.columns) == ["date", "note_id", "spend", "impressions", "clicks", "interactions",
                                     "store_visits", "orders", "gmv"]
    assert actuals["date"].tolist() == [pd.Timestamp(2025, 5, 2)]
    assert np.isnan(actuals.at[0, "clicks"])  # a count the table lacks stays unknown


def test_a_first_import_adds_every_row() -> None:
    merged = merge_actuals(plan(), table(("2025-05-01", "n1", 10.0), ("2025-05-01", "n2", 5.0)))
    assert (merged.added, merged.replaced) == (2, 0)
    assert merged.plan.actuals is not None and merged.plan.actuals["spend"].sum() == 15.0


def test_a_later_import_replaces_the_note_days_it_holds_again_and_keeps_the_others() -> None:
    first = merge_actuals(plan(), table(("2025-05-01", "n1", 10.0), ("2025-05-02", "n1", 20.0),
                                        ("2025-05-02", "n2", 5.0))).plan
    second = merge_actuals(first, table(("2025-05-02", "n1", 25.0), ("2025-05-03", "n1", 30.0)))
    assert (second.added, second.replaced) == (1, 1)
    actuals = second.plan.actuals
    assert actuals is not None
    by_key = actuals.set_index([actuals["note_id"], actuals["date"].dt.strftime("%m-%d")])["spend"].to_dict()
    assert by_key == {("n1", "05-01"): 10.0, ("n1", "05-02"): 25.0, ("n2", "05-02"): 5.0, ("n1", "05-03"): 30.0}


def test_the_same_table_twice_replaces_every_row_and_adds_none() -> None:
    rows = table(("2025-05-01", "n1", 10.0), ("2025-05-02", "n2", 5.0))
    again = merge_actuals(merge_actuals(plan(), rows).plan, rows)
    assert (again.added, again.replaced) == (0, 2)
    assert again.plan.actuals is not None and len(again.plan.actuals) == 2


def test_notes_the_plan_lacks_and_days_outside_the_campaign_are_one_problem_each_and_nothing_merges() -> None:
    before = plan()
    rows = table(("2025-05-01", "n9", 10.0), ("2025-04-30", "n1", 5.0), ("2025-05-11", "x", 1.0))
    with pytest.raises(InputError) as caught:
        merge_actuals(before, rows, "actuals.csv")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (2, "note_id", "n9"), (3, "date", "2025-04-30"), (4, "note_id", "x"), (4, "date", "2025-05-11")]
    assert caught.value.problems[1].expected == "a day of the campaign, 2025-05-01 to 2025-05-10"
    assert before.actuals is None


def test_without_a_calendar_any_day_fits() -> None:
    assert plan_problems(plan(calendar=None), table(("2031-01-01", "n1", 1.0))) == []


def test_empty_ids_and_days_are_left_to_the_tables_own_rules() -> None:
    frame = plan_form(complete_actuals(pd.DataFrame([{"date": "someday", "note_id": "", "spend": 1.0,
                                                      "impressions": 10.0}])))
    assert plan_problems(plan(), frame) == []
