"""The demo's sample actuals (resources/demo_actuals.csv): what make_demo.demo_actuals makes of the demo plan, a
table the app reads cleanly, whole counts and a narrowing funnel, notes both under and over their pace."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from planner.resources import make_demo, resource_path

from planner.io.planfile import load_plan
from planner.io.tables import read_actuals
from planner.model.plan_actuals import import_actuals
from planner.model.tracking import OVER, UNDER, track


@pytest.fixture(scope="module")
def shipped() -> pd.DataFrame:
    return read_actuals(resource_path("demo_actuals.csv"))


def test_the_shipped_file_is_what_the_generator_makes_of_the_demo(shipped: pd.DataFrame) -> None:
    made = make_demo.demo_actuals(load_plan(resource_path("demo.rcplan")))
    assert len(made) == len(shipped)
    assert made["note_id"].tolist() == shipped["note_id"].tolist() and made["date"].tolist() == shipped["date"].tolist()
    for key in ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv"):
        np.testing.assert_allclose(made[key].to_numpy(dtype=float), shipped[key].to_numpy(dtype=float), err_msg=key)


def test_it_runs_from_the_campaigns_first_day_to_the_20th_of_may_with_whole_counts(shipped: pd.DataFrame) -> None:
    assert (shipped["date"].min(), shipped["date"].max()) == ("2025-04-28", "2025-05-20")
    for key in ("impressions", "clicks", "interactions", "store_visits", "orders"):
        values = shipped[key].to_numpy(dtype=float)
        assert (values == np.round(values)).all(), key
    funnel = shipped[["impressions", "clicks", "store_visits", "orders"]].to_numpy(dtype=float)
    assert (np.diff(funnel, axis=1) <= 0).all()  # each stage at most the one before


def test_its_notes_are_under_on_and_over_pace_against_the_demo(shipped: pd.DataFrame) -> None:
    plan = load_plan(resource_path("demo.rcplan"))
    tracking = track(import_actuals(plan, shipped).plan)
    statuses = set(tracking.notes["status"])
    assert {UNDER, "on_track", OVER} <= statuses
