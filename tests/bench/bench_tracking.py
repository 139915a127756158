"""Speed of tracking and re-planning (issue 13), each figure beside a baseline measured in the same run.

Run: python tests/bench/bench_tracking.py (bench_core.py runs it too).
Targets: tracking a plan of 10,000 notes with 45 days of actuals (450,000 rows) -- reading the actuals file, merging
it into the plan and every tracking figure -- within 2x of bare pandas.read_csv of the same file; re-planning
100,000 notes <= 0.3 s.
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from plans import random_plan  # noqa: E402
from timing import best_of, compare  # noqa: E402

from planner.io.tables import import_table  # noqa: E402
from planner.model.calendar import Calendar, Phase  # noqa: E402
from planner.model.optimiser import optimise  # noqa: E402
from planner.model.plan import Plan  # noqa: E402
from planner.model.plan_actuals import as_plan_actuals, import_actuals  # noqa: E402
from planner.model.replan import replan  # noqa: E402
from planner.model.tracking import track  # noqa: E402

FIRST = date(2025, 5, 5)
CAMPAIGN = Calendar((Phase("预热", FIRST, date(2025, 5, 13), 0.3, 80.0),
                     Phase("预售", date(2025, 5, 13), date(2025, 6, 18), 0.7, 120.0, 20.0)))  # 45 days


def actuals_for(plan: Plan, days: int, seed: int = 3) -> pd.DataFrame:
    """Each note's figures on the first `days` days of the campaign: spend near its daily budget, counts from its
    rates with some noise, whole counts as platforms report them."""
    rng = np.random.default_rng(seed)
    notes = plan.notes
    n = len(notes)
    rows = n * days
    spend = np.repeat(notes["budget"].to_numpy() / CAMPAIGN.n_days, days) * rng.uniform(0.5, 1.5, rows)
    shown = np.floor(spend * 1000 / np.repeat(notes["cpm"].to_numpy(), days))
    clicks = np.floor(shown * np.repeat(notes["ctr"].to_numpy(), days) * rng.uniform(0.8, 1.2, rows))
    visits = np.floor(clicks * np.repeat(notes["entry_rate"].to_numpy(), days))
    orders = np.floor(visits * np.repeat(notes["cvr"].to_numpy(), days))
    day_texts = np.array([(FIRST + timedelta(days=d)).isoformat() for d in range(days)], dtype=object)
    frame = pd.DataFrame({
        "date": np.tile(day_texts, n), "note_id": np.repeat(notes["note_id"].to_numpy(dtype=object), days),
        "spend": np.round(spend, 2), "impressions": shown, "clicks": clicks,
        "interactions": np.floor(shown * np.repeat(notes["interaction_rate"].to_numpy(), days)),
        "store_visits": visits, "orders": orders, "gmv": np.round(orders * np.repeat(notes["aov"].to_numpy(), days), 2)})
    # As a daily report lists them: day by day, the notes in an order of the platform's, not the plan's.
    order = np.lexsort((rng.permutation(n)[np.repeat(np.arange(n), days)], np.tile(np.arange(days), n)))
    return frame.iloc[order].reset_index(drop=True)


def tracking_and_replanning() -> None:
    # Budgets within the brand budget (the optimiser's), so that the actuals spend what a real plan would.
    plan = optimise(replace(random_plan(10_000, seed=11, brand_budget=5e6), calendar=CAMPAIGN)).plan
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actuals.csv"
        actuals_for(plan, CAMPAIGN.n_days).to_csv(path, index=False)

        def ours() -> object:
            read = import_table(path, "actuals")
            merged = import_actuals(plan, read.frame, path.name, read.rows, checked=read.problems).plan
            return track(merged)

        rounds = compare(ours, lambda: pd.read_csv(path), rounds=5, ours_runs=3, baseline_runs=3)
        size = path.stat().st_size / 1e6
        print(f"track 10,000 notes with 45 days of actuals (450,000 rows, {size:.0f} MB CSV): read, merge and every "
              f"figure {min(rounds.ours):.3f} s vs pandas.read_csv {min(rounds.baseline):.3f} s -> ratio "
              f"{rounds.describe(rounds.ratios)} (target <= 2)")

    big = optimise(replace(random_plan(100_000, seed=1, brand_budget=2e7, platform_cap=3e6), calendar=CAMPAIGN)).plan
    t_optimise = best_of(lambda: optimise(big))
    for days in (7, 20):
        with_actuals = replace(big, actuals=as_plan_actuals(actuals_for(big, days)))
        # Cold: a plan object that has not summed its actuals yet (as planner-cli replan has it after merging);
        # warm: one whose sums the Tracking tab already made (as the app has it when Re-plan is chosen).
        t_cold = best_of(lambda plan=with_actuals: replan(replace(plan)), repeat=5)  # type: ignore[misc]
        assert with_actuals.actual_sums is not None
        t_warm = best_of(lambda plan=with_actuals: replan(plan), repeat=5)  # type: ignore[misc]
        print(f"re-plan 100,000 notes after {days} days of actuals ({100_000 * days:,} rows): {t_cold * 1e3:.0f} ms "
              f"summing the actuals, {t_warm * 1e3:.0f} ms with them summed (target <= 300 ms); baseline the "
              f"optimiser alone on the plan {t_optimise * 1e3:.0f} ms")


if __name__ == "__main__":
    tracking_and_replanning()
