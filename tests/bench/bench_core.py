"""Speed of the planning core, each figure printed beside a baseline measured in the same run.

Run: python tests/bench/bench_core.py   (not collected by pytest: the name does not start with test_)
Targets (issue 2): optimiser 100,000 notes <= 0.1 s and >= 1000x faster than SLSQP at 200 notes;
estimate 100,000 notes <= 20 ms; CSV import within 1.5x of pandas.read_csv; save and load <= 1 s each.
Targets (issue 11): daily pacing of 100,000 notes over a 45-day campaign <= 0.3 s; comparing 10 scenarios of
100,000 notes (each scenario's estimate and uncertainty) <= 1.5 s.
Targets (issue 13, bench_tracking.py): tracking 10,000 notes with 45 days of actuals within 2x of pandas.read_csv of
the actuals file; re-planning 100,000 notes <= 0.3 s.
"""

from __future__ import annotations

import math
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path[:0] = [str(Path(__file__).resolve().parents[1]), str(Path(__file__).resolve().parent)]

from bench_tracking import tracking_and_replanning  # noqa: E402
from plans import random_plan  # noqa: E402
from timing import best_of, compare  # noqa: E402

from planner.heap import keep_freed_memory  # noqa: E402
from planner.io.planfile import load_plan, save_plan  # noqa: E402
from planner.io.tables import read_notes  # noqa: E402
from planner.model.calendar import Calendar, Phase  # noqa: E402
from planner.model.compare import compare as compare_scenarios  # noqa: E402
from planner.model.funnel import estimate  # noqa: E402
from planner.model.optimiser import allocation_of, optimise, round_to_step, solve_continuous  # noqa: E402
from planner.model.pacing import pace  # noqa: E402
from planner.model.scenarios import activate, add_scenario  # noqa: E402
from planner.model.uncertainty import uncertainty  # noqa: E402


def slsqp_optimum(plan) -> tuple[float, float]:
    """The general-purpose solver on the same problem: (seconds, objective)."""
    from scipy.optimize import minimize

    a = allocation_of(plan)
    budget = plan.params.brand_budget
    scale = budget
    discounted = np.where(a.eligible, 1 - a.share, 1.0)
    constraints = [{"type": "ineq", "fun": lambda x: 1.0 - float(np.dot(discounted, x)), "jac": lambda x: -discounted}]
    if math.isfinite(a.platform_cap):
        constraints.append({"type": "ineq", "fun": lambda x: 1.0 - float(x.sum()) + a.platform_cap / scale,
                            "jac": lambda x: -np.ones(len(x))})
    high = np.where(np.isinf(a.high), 10.0, a.high / scale)
    start = time.perf_counter()
    result = minimize(lambda x: -a.objective(x * scale) / 1e3, a.low / scale,
                      jac=lambda x: -a.gain_slope(x * scale) * scale / 1e3,
                      bounds=list(zip(a.low / scale, high, strict=True)), constraints=constraints,
                      method="SLSQP", options={"ftol": 1e-12, "maxiter": 5000})
    return time.perf_counter() - start, a.objective(result.x * scale)


def main() -> None:
    keep_freed_memory()  # as planner and planner-cli do at start
    print("RedCat Planner core benchmark (best of 5 unless noted)")
    big = random_plan(100_000, seed=1, brand_budget=2e7, platform_cap=3e6)
    a = allocation_of(big)
    t_solve = best_of(lambda: solve_continuous(a, 2e7))
    t_optimise = best_of(lambda: optimise(big))
    t_sum = best_of(lambda: big.notes["budget"].to_numpy().sum())
    print(f"optimise 100,000 notes (whole yuan): {t_optimise * 1e3:8.1f} ms  (continuous solve {t_solve * 1e3:.1f} ms;"
          f" target <= 100 ms)")

    small = random_plan(200, seed=2, brand_budget=400_000.0, platform_cap=60_000.0)
    sa = allocation_of(small)
    slsqp_value = slsqp_optimum(small)[1]
    ours = sa.objective(solve_continuous(sa, 400_000.0))
    # Each round: one SLSQP solve, then the best of 50 of ours, so that both meet the same machine.
    rounds = compare(lambda: solve_continuous(sa, 400_000.0), lambda: slsqp_optimum(small), ours_runs=50)
    t_ours, t_slsqp = statistics.median(rounds.ours), statistics.median(rounds.baseline)
    t_whole = best_of(lambda: round_to_step(sa, solve_continuous(sa, 400_000.0), 400_000.0), repeat=50)
    print(f"200 notes: ours {t_ours * 1e3:.3f} ms, SLSQP {t_slsqp * 1e3:.0f} ms -> "
          f"{rounds.describe(rounds.speedups, ',.0f', 'x')} faster (target >= 1000x); objective ours {ours:,.6f} "
          f"vs SLSQP {slsqp_value:,.6f} (rel diff {(ours - slsqp_value) / ours:.1e}); ours with whole-yuan "
          f"rounding {t_whole * 1e3:.3f} ms")

    t_estimate = best_of(lambda: estimate(big))
    t_spread = best_of(lambda: uncertainty(big))
    print(f"estimate 100,000 notes: {t_estimate * 1e3:8.1f} ms (target <= 20 ms); with P10-P90 uncertainty "
          f"+{t_spread * 1e3:.1f} ms; baseline numpy sum of budgets {t_sum * 1e6:.0f} us")

    scenarios_and_pacing(big, t_estimate)
    tracking_and_replanning()

    with tempfile.TemporaryDirectory() as folder:
        csv = Path(folder) / "notes.csv"
        big.notes.to_csv(csv, index=False)
        rounds = compare(lambda: read_notes(csv), lambda: pd.read_csv(csv), rounds=5, ours_runs=3, baseline_runs=3)
        print(f"import 100,000-row CSV: {min(rounds.ours):.3f} s vs pandas.read_csv {min(rounds.baseline):.3f} s -> "
              f"ratio {rounds.describe(rounds.ratios)} (target <= 1.5)")
        path = Path(folder) / "big.rcplan"
        t_save = best_of(lambda: save_plan(big, path), repeat=3)
        t_load = best_of(lambda: load_plan(path), repeat=3)
        t_json = best_of(lambda: path.read_bytes(), repeat=3)
        print(f"save 100,000-note plan: {t_save:.3f} s, load: {t_load:.3f} s (target <= 1 s each); "
              f"baseline read of the {path.stat().st_size / 1e6:.1f} MB file {t_json * 1e3:.1f} ms")


def scenarios_and_pacing(big, t_estimate: float) -> None:  # type: ignore[no-untyped-def]
    """Issue 11's figures: pacing over 45 days, comparing 10 scenarios; the estimate of the plan is the baseline."""
    from dataclasses import replace
    from datetime import date

    calendar = Calendar((Phase("预热", date(2025, 5, 5), date(2025, 5, 13), 0.3, 80.0),
                         Phase("预售", date(2025, 5, 13), date(2025, 6, 18), 0.7, 120.0, 20.0)))
    paced = replace(big, calendar=calendar)
    t_pace = best_of(lambda: pace(paced))
    print(f"daily pacing of 100,000 notes over {calendar.n_days} days: {t_pace * 1e3:.1f} ms, its estimate included "
          f"(target <= 300 ms); baseline estimate alone {t_estimate * 1e3:.1f} ms")
    plan = big
    rng = np.random.default_rng(5)
    for i in range(1, 10):
        plan = activate(add_scenario(plan, f"S{i}"), f"S{i}")
        plan = plan.with_budgets(np.round(big.notes["budget"].to_numpy() * rng.uniform(0.5, 1.5)))
    t_compare = best_of(lambda: compare_scenarios(plan), repeat=3)
    print(f"compare 10 scenarios of 100,000 notes (estimate and P10-P90 each): {t_compare:.2f} s (target <= 1.5 s); "
          f"baseline one estimate {t_estimate * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
