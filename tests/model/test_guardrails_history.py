"""Guardrails of MODEL.md section 12 that read the history and the lifts: past history, unusual rates, weak lift;
and the thresholds as the plan's settings. Each triggered and not triggered."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from plans import small_notes

from planner.i18n import set_language
from planner.model.funnel import estimate
from planner.model.guardrails import SATURATED, WEAK_LIFT, Warning, guardrails
from planner.model.history import complete_history
from planner.model.history_guards import PAST_HISTORY, UNUSUAL_RATE
from planner.model.lifts import article_lifts
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.thresholds import Thresholds


@pytest.fixture(autouse=True)
def english() -> None:
    set_language("en")


def plan_of(budgets: list[float], **params: object) -> Plan:
    notes = small_notes()  # n1 美妆 by 小红, n2 food by 阿明, n3 sports by Leo
    notes["budget"] = budgets
    return new_plan(notes, params=PlanParams(brand_budget=1e6, **params))  # type: ignore[arg-type]


def history_of(rows: list[dict[str, object]]) -> pd.DataFrame:
    """History rows; counts default to a plain base row (10,000 impressions, 400 clicks, ...)."""
    plain = {"industry": "food", "period": "base", "impressions": 10_000.0, "clicks": 400.0, "interactions": 200.0,
             "store_visits": 80.0, "orders": 4.0}
    return complete_history(pd.DataFrame([plain | row for row in rows]))


def warnings_of(plan: Plan, history: pd.DataFrame | None = None, thresholds: Thresholds | None = None
                ) -> list[Warning]:
    return guardrails(plan, estimate(plan), thresholds, history)


def coded(found: list[Warning], code: str) -> list[str | None]:
    return [w.note_id for w in found if w.code == code]


def unusual(found: list[Warning]) -> list[tuple[str | None, str]]:
    """The notes and rates (as the message names them) of the unusual-rate warnings."""
    return [(w.note_id, w.message.split(" of ")[0]) for w in found if w.code == UNUSUAL_RATE]


# ---------------------------------------------------------------- past history

def test_a_budget_past_three_times_the_most_its_note_spent_is_a_warning() -> None:
    history = history_of([{"note_id": "n1", "spend": 300.0}, {"note_id": "n1", "period": "joint", "spend": 200.0},
                          {"note_id": "n2", "spend": 200.0}])
    found = warnings_of(plan_of([901.0, 600.0, 0.0]), history)  # n1: 901 > 3 x 300; n2: 600 = 3 x 200
    assert coded(found, PAST_HISTORY) == ["n1"]
    [warning] = [w for w in found if w.code == PAST_HISTORY]
    assert warning.message == ("a budget of ¥901, more than 3 times the most this note spent in the history table "
                               "(¥300): check that it can spend that much")


def test_a_note_new_to_the_history_is_held_to_its_creators_most() -> None:
    notes = small_notes()
    notes["budget"] = [5000.0, 0.0, 100.0]
    history = history_of([{"note_id": "old-1", "creator": "小红", "spend": 1000.0},
                          {"note_id": "old-2", "creator": "小红", "spend": 1600.0}])
    found = warnings_of(new_plan(notes, params=PlanParams(brand_budget=1e6)), history)
    [warning] = [w for w in found if w.code == PAST_HISTORY]
    assert warning.note_id == "n1"  # 5,000 > 3 x 1,600; n3's creator Leo is not in the history
    assert "the most a note of its creator 小红 spent in the history table (¥1,600)" in warning.message


def test_without_a_creator_column_the_history_notes_creators_come_from_the_plan() -> None:
    notes = pd.concat([small_notes(), small_notes().iloc[[0]].assign(note_id="n4", budget=4000.0)], ignore_index=True)
    history = history_of([{"note_id": "n1", "spend": 1000.0}])  # n1 is 小红's, and so is n4
    found = warnings_of(new_plan(notes, params=PlanParams(brand_budget=1e6)), history)
    assert coded(found, PAST_HISTORY) == ["n4"]


def test_the_multiple_is_a_setting_and_a_history_without_spend_says_nothing() -> None:
    history = history_of([{"note_id": "n1", "spend": 300.0}])
    plan = plan_of([1000.0, 0.0, 0.0])
    assert coded(warnings_of(plan, history), PAST_HISTORY) == ["n1"]
    assert coded(warnings_of(replace(plan, thresholds=Thresholds(history_multiple=4.0)), history), PAST_HISTORY) == []
    assert coded(warnings_of(plan, history_of([{"note_id": "n1"}])), PAST_HISTORY) == []
    assert coded(warnings_of(plan), PAST_HISTORY) == []  # no history: nothing to compare with


# ---------------------------------------------------------------- unusual rates

def food_history(ctrs: list[float]) -> pd.DataFrame:
    return history_of([{"note_id": f"h{i}", "clicks": 10_000.0 * ctr} for i, ctr in enumerate(ctrs)]
                      + [{"note_id": "j1", "period": "joint", "clicks": 9_000.0}])  # joint rows are not compared


def test_a_rate_outside_its_industrys_5th_to_95th_percentile_is_a_warning() -> None:
    history = food_history([0.02, 0.025, 0.03, 0.035, 0.05, 0.06])
    plan = plan_of([1000.0, 500.0, 0.0])  # n2 (food) has a ctr of 4%: inside
    assert ("n2", "CTR") not in unusual(warnings_of(plan, history))
    notes = plan.notes.copy()
    notes.loc[1, "ctr"] = 0.12
    found = warnings_of(plan.with_notes(notes), history)
    [warning] = [w for w in found if w.code == UNUSUAL_RATE and w.message.startswith("CTR")]
    low, high = np.percentile([0.02, 0.025, 0.03, 0.035, 0.05, 0.06], [5, 95])
    assert warning.note_id == "n2" and warning.message == (
        f"CTR of 12.00% is outside P5–P95 of the food notes in the history table ({low:.2%} to {high:.2%}, 6 "
        "notes): check it")


def test_the_percentiles_are_settings() -> None:
    history = food_history([0.02, 0.025, 0.03, 0.035, 0.05, 0.06])
    plan = plan_of([1000.0, 500.0, 0.0])
    narrow = replace(plan, thresholds=Thresholds(rate_low=45.0, rate_high=55.0))  # median 3.25%: 4% is outside
    assert ("n2", "CTR") in unusual(warnings_of(narrow, history))
    assert ("n2", "CTR") not in unusual(warnings_of(plan, history))


def test_an_industry_with_too_few_history_notes_or_none_gives_no_rate_warning() -> None:
    notes = small_notes()
    notes.loc[1, "ctr"] = 0.5
    plan = new_plan(notes, params=PlanParams(brand_budget=1e6))
    assert unusual(warnings_of(plan, food_history([0.02, 0.03, 0.04, 0.05]))) == []  # 4 food notes
    assert ("n2", "CTR") in unusual(warnings_of(plan, food_history([0.02, 0.03, 0.04, 0.05, 0.06])))
    sports = history_of([{"note_id": f"h{i}", "industry": "sports"} for i in range(8)])
    assert [note for note, _rate in unusual(warnings_of(plan, sports))] == ["n3"] * 3  # food's n2 not compared


def test_each_rate_is_compared_and_cvr_only_where_the_history_has_orders() -> None:
    notes = small_notes()
    notes.loc[1, ["entry_rate", "cvr"]] = [0.9, 0.9]
    plan = new_plan(notes, params=PlanParams(brand_budget=1e6))
    history = history_of([{"note_id": f"h{i}", "clicks": 395.0 + 2 * i, "interactions": 198.0 + i,
                            "store_visits": 80.0 + i} for i in range(6)])  # n2's ctr and interaction rate: inside
    assert unusual(warnings_of(plan, history)) == [("n2", "Store-entry rate"), ("n2", "Conversion rate")]
    without_orders = history.assign(orders=np.nan)
    assert unusual(warnings_of(plan, without_orders)) == [("n2", "Store-entry rate")]


# ---------------------------------------------------------------- weak lift

def fitted(n_notes: float, low: float = 0.1) -> Plan:
    lifts = article_lifts().with_row("beauty", {
        "ctr_lift": 0.3, "ctr_lift_low": low, "ctr_lift_high": 0.5, "interaction_lift": 1.0,
        "interaction_lift_low": 0.8, "interaction_lift_high": 1.2, "entry_lift": 0.4, "entry_lift_low": 0.2,
        "entry_lift_high": 0.6, "n_notes": n_notes, "source": "fitted"})
    return replace(plan_of([1000.0, 500.0, 0.0]), lifts=lifts)


def test_a_lift_fitted_from_few_notes_used_by_eligible_notes_is_a_plan_warning() -> None:
    found = [w for w in warnings_of(fitted(8.0)) if w.code == WEAK_LIFT]
    assert [(w.note_id, w.message) for w in found] == [
        (None, "the lifts of beauty (used by 1 note): fitted from only 8 notes, fewer than 20 in a period: a rough "
               "guide")]
    assert coded(warnings_of(fitted(80.0)), WEAK_LIFT) == []


def test_a_lift_whose_band_crosses_zero_is_weak() -> None:
    found = [w for w in warnings_of(fitted(80.0, low=-0.1)) if w.code == WEAK_LIFT]
    assert len(found) == 1 and "may be no lift at all: its P10–P90 (-10.0% to +50.0%) crosses 0" in found[0].message


def test_no_weak_lift_without_joint_investment_or_without_notes_using_the_row() -> None:
    assert coded(warnings_of(replace(fitted(8.0), params=replace(fitted(8.0).params, joint=False))), WEAK_LIFT) == []
    notes = small_notes()
    notes["industry"] = ["food", "food", "sports"]
    plan = replace(fitted(8.0), notes=new_plan(notes).notes)  # nobody uses the beauty row
    assert coded(warnings_of(plan), WEAK_LIFT) == []


# ---------------------------------------------------------------- thresholds are the plan's

def test_the_plans_thresholds_are_used_when_none_are_given() -> None:
    plan = plan_of([1000.0, 1000.0, 5500.0])  # n3 reaches about 84% of its cap (¥60 CPM)
    assert SATURATED not in [w.code for w in warnings_of(plan)]
    lower = replace(plan, thresholds=Thresholds(saturation=0.8))
    assert coded(warnings_of(lower), SATURATED) == ["n3"]


def test_a_notes_warnings_come_in_the_order_of_the_checks() -> None:
    history = history_of([{"note_id": "n3", "industry": "sports", "spend": 10.0}])
    notes = small_notes()
    notes["budget"] = [1000.0, 1000.0, 100_000.0]
    notes["max_budget"] = [np.nan, np.nan, 50_000.0]
    codes = [w.code for w in warnings_of(new_plan(notes, params=PlanParams(brand_budget=1e6)), history)
             if w.note_id == "n3"]
    assert codes == ["outside_bounds", PAST_HISTORY, SATURATED]
