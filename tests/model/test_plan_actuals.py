"""Actuals into a plan (MODEL.md section 10): checked against the plan, merged, replaced days said."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.i18n import set_language
from planner.model.actuals import complete_actuals
from planner.model.calendar import Calendar, Phase
from planner.model.errors import InputError, Problem
from planner.model.plan import Plan, new_plan
from planner.model.plan_actuals import ActualsImport, actuals_summary, as_plan_actuals, import_actuals

FOUR_DAYS = Calendar((Phase("预热", date(2025, 5, 1), date(2025, 5, 4), 1.0),))


@pytest.fixture
def plan() -> Plan:
    return replace(new_plan(small_notes()), calendar=FOUR_DAYS)


def table(*rows: tuple[str, str, float]) -> pd.DataFrame:
    """Actuals rows of (day, note, spend), 100 impressions each."""
    return pd.DataFrame([{"date": day, "note_id": note, "spend": spend, "impressions": 100.0}
                         for day, note, spend in rows])


def figures(plan: Plan) -> list[tuple[str, str, float]]:
    assert plan.actuals is not None
    frame = plan.actuals
    return sorted(zip(frame["date"].dt.strftime("%Y-%m-%d"), frame["note_id"].astype(str), frame["spend"],
                      strict=True))


def test_a_first_import_becomes_the_plans_actuals_with_days_and_categories(plan: Plan) -> None:
    done = import_actuals(plan, table(("2025-05-01", "n1", 10.0), ("2025/5/2", " n2 ", 20.0)))
    assert figures(done.plan) == [("2025-05-01", "n1", 10.0), ("2025-05-02", "n2", 20.0)]
    assert (done.added, done.replaced, done.replaced_days, done.replaced_notes) == (2, 0, (), ())
    actuals = done.plan.actuals
    assert actuals is not None and str(actuals["date"].dtype) == "datetime64[ns]"
    assert isinstance(actuals["note_id"].dtype, pd.CategoricalDtype)
    assert plan.actuals is None  # the plan given is not changed


def test_a_later_import_replaces_the_days_it_holds_for_each_note_and_says_which(plan: Plan) -> None:
    first = import_actuals(plan, table(("2025-05-01", "n1", 10.0), ("2025-05-02", "n1", 11.0),
                                       ("2025-05-02", "n2", 20.0)))
    second = import_actuals(first.plan, table(("2025-05-02", "n1", 15.0), ("2025-05-03", "n1", 16.0)))
    assert figures(second.plan) == [("2025-05-01", "n1", 10.0), ("2025-05-02", "n1", 15.0),
                                    ("2025-05-02", "n2", 20.0), ("2025-05-03", "n1", 16.0)]
    assert (second.added, second.replaced) == (1, 1)
    assert second.replaced_days == (date(2025, 5, 2),) and second.replaced_notes == ("n1",)


def test_the_message_says_what_was_added_and_replaced() -> None:
    done = ActualsImport(new_plan(small_notes()), 3, 2, (date(2025, 5, 2), date(2025, 5, 3)), ("n1",))
    set_language("en")
    assert done.message() == ("3 new rows of actuals (a note on a day each); 2 rows replaced the plan's figures "
                              "of the same notes and days (days 2025-05-02, 2025-05-03; notes n1)")
    one = ActualsImport(new_plan(small_notes()), 1, 0, (), ())
    assert one.message() == "1 new row of actuals (a note on a day)"
    again = ActualsImport(new_plan(small_notes()), 0, 1, (date(2025, 5, 2),), ("n1",))
    assert again.message() == "1 row replaced the plan's figures of the same note and day (days 2025-05-02; notes n1)"


def test_many_replaced_notes_are_counted_after_the_first_five() -> None:
    notes = tuple(f"n{i}" for i in range(8))
    done = ActualsImport(new_plan(small_notes()), 0, 8, (date(2025, 5, 2),), notes)
    assert "notes n0, n1, n2, n3, n4 and 3 other notes" in done.message()


def test_notes_the_plan_lacks_and_days_outside_the_campaign_are_refused_one_problem_per_cell(plan: Plan) -> None:
    with pytest.raises(InputError) as caught:
        import_actuals(plan, table(("2025-05-01", "n1", 10.0), ("2025-05-09", "nobody", 10.0),
                                   ("2025-04-30", "n2", -1.0), ("not a day", "n2", 1.0)), "actuals.csv")
    assert [(p.row, p.column, p.value) for p in caught.value.problems] == [
        (3, "date", "2025-05-09"), (3, "note_id", "nobody"), (4, "date", "2025-04-30"), (4, "spend", -1.0),
        (5, "date", "not a day")]
    assert str(caught.value.problems[1]) == ('actuals.csv, row 3, column note_id: value "nobody": expected the id '
                                             "of one of the plan's notes (this plan has no such note)")
    assert str(caught.value.problems[0]).endswith("expected a day of the campaign, 2025-05-01 to 2025-05-04")


def test_nothing_is_applied_when_any_row_is_bad(plan: Plan) -> None:
    first = import_actuals(plan, table(("2025-05-01", "n1", 10.0)))
    with pytest.raises(InputError):
        import_actuals(first.plan, table(("2025-05-01", "n1", 99.0), ("2025-05-02", "n9", 1.0)))
    assert figures(first.plan) == [("2025-05-01", "n1", 10.0)]


@pytest.mark.parametrize(("cell", "column"), [({"clicks": 150.0}, "clicks"), ({"spend": np.inf}, "spend"),
                                              ({"impressions": np.nan}, "impressions"),
                                              ({"orders": 5.0, "store_visits": 2.0}, "orders")])
def test_bad_counts_and_a_stage_above_its_parent_are_refused(plan: Plan, cell: dict[str, float], column: str) -> None:
    rows = table(("2025-05-01", "n1", 10.0))
    for key, value in cell.items():
        rows[key] = value
    with pytest.raises(InputError) as caught:
        import_actuals(plan, rows)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, column)]


def test_without_a_calendar_any_real_day_is_taken(plan: Plan) -> None:
    done = import_actuals(replace(plan, calendar=None), table(("2031-01-01", "n1", 1.0)))
    assert figures(done.plan) == [("2031-01-01", "n1", 1.0)]


def test_a_table_checked_as_it_was_read_is_not_checked_again(plan: Plan) -> None:
    read = complete_actuals(table(("2025-05-01", "n1", 10.0)))
    done = import_actuals(plan, read, "a.csv", np.array([7]), checked=[])
    assert figures(done.plan) == [("2025-05-01", "n1", 10.0)]
    with pytest.raises(InputError) as caught:  # the plan's own rules still hold
        import_actuals(plan, complete_actuals(table(("2025-05-01", "zz", 1.0))), "a.csv", np.array([7]), checked=[])
    assert [(p.file, p.row) for p in caught.value.problems] == [("a.csv", 7)]
    found = Problem("a.csv", 7, "note_id", "zz", "as the reading found it")
    with pytest.raises(InputError) as caught:  # the reading's problems first: one per cell
        import_actuals(plan, complete_actuals(table(("2025-05-01", "zz", 1.0))), "a.csv", np.array([7]),
                       checked=[found])
    assert caught.value.problems == [found]


def test_the_summary_counts_rows_notes_and_days(plan: Plan) -> None:
    set_language("en")
    assert actuals_summary(plan) == "no actuals"
    done = import_actuals(plan, table(("2025-05-01", "n1", 1.0), ("2025-05-03", "n2", 1.0), ("2025-05-02", "n1", 1.0)))
    assert actuals_summary(done.plan) == "3 rows of actuals: 2 notes, 2025-05-01 to 2025-05-03"


def test_the_plans_form_keeps_only_the_actuals_fields() -> None:
    frame = complete_actuals(table(("2025-05-01", "n1", 1.0)).assign(comment="x"))
    assert list(as_plan_actuals(frame).columns) == ["date", "note_id", "spend", "impressions", "clicks",
                                                    "interactions", "store_visits", "orders", "gmv"]
