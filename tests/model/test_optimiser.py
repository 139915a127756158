"""The optimiser returns the true optimum (MODEL.md section 5), checked against scipy's SLSQP."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from plans import random_notes, random_plan
from scipy.optimize import minimize

from planner.model.errors import PlanError
from planner.model.funnel import estimate
from planner.model.optimiser import (
    Allocation,
    allocation_of,
    optimise,
    optimise_for_target,
    solve_continuous,
)
from planner.model.plan import OBJECTIVES, PlanParams, new_plan


def reference_optimum(a: Allocation, brand_budget: float, starts: int = 4, seed: int = 0) -> float:
    """The best objective SLSQP finds from several starts, each pulled back onto the feasible set."""
    scale = max(brand_budget, 1.0)
    cap = a.platform_cap if math.isfinite(a.platform_cap) else 0.0
    most_spend = (brand_budget / (1 - a.share) if a.share < 1 else 0.0) + brand_budget + cap
    high = np.where(np.isinf(a.high), 2 * most_spend + a.low + 1.0, a.high)
    discounted = np.where(a.eligible, 1 - a.share, 1.0)
    constraints = [  # brand cost N + max((1-s)E, E-P) <= B as two linear constraints, in budget units
        {"type": "ineq", "fun": lambda x: 1.0 - float(np.dot(discounted, x)),
         "jac": lambda x: -discounted},
    ]
    if math.isfinite(a.platform_cap):
        constraints.append({"type": "ineq", "fun": lambda x: 1.0 - float(x.sum()) + a.platform_cap / scale,
                            "jac": lambda x: -np.ones(len(x))})
    bounds = list(zip(a.low / scale, high / scale, strict=True))
    rng = np.random.default_rng(seed)
    best = -math.inf
    for k in range(starts):
        x0 = a.low / scale if k == 0 else rng.uniform(a.low, np.minimum(high, a.low + brand_budget)) / scale
        result = minimize(lambda x: -a.objective(x * scale) / 1e3, x0,
                          jac=lambda x: -a.gain_slope(x * scale) * scale / 1e3, bounds=bounds,
                          constraints=constraints, method="SLSQP", options={"ftol": 1e-15, "maxiter": 2000})
        best = max(best, a.objective(pull_back(a, np.clip(result.x * scale, a.low, high), brand_budget)))
    return best


def pull_back(a: Allocation, budget: np.ndarray, brand_budget: float) -> np.ndarray:
    """Shrink budgets towards their minimums until the brand cost fits (SLSQP may overstep a hair)."""
    if a.brand_cost(budget) <= brand_budget:
        return budget
    low, high = 0.0, 1.0
    for _ in range(100):
        middle = (low + high) / 2
        if a.brand_cost(a.low + (budget - a.low) * middle) <= brand_budget:
            low = middle
        else:
            high = middle
    return a.low + (budget - a.low) * low


def varied_plan(seed: int):
    """A small plan drawing every feature: caps, bounds, locks, shares, platform caps, objectives."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 9))
    notes = random_notes(n, seed, caps=float(rng.choice([0.0, 0.5, 1.0])), linked=float(rng.uniform(0, 1)))
    notes["min_budget"] = np.where(rng.random(n) < 0.3, np.round(rng.uniform(0, 3000, n)), 0.0)
    notes["max_budget"] = np.where(rng.random(n) < 0.4, notes["min_budget"] + rng.uniform(100, 30000, n),
                                   np.nan)
    notes["locked"] = rng.random(n) < 0.15
    notes["budget"] = np.clip(notes["budget"], notes["min_budget"], notes["max_budget"].fillna(np.inf))
    share = float(rng.choice([0.0, 0.3, 0.5, 0.8, 1.0]))
    cap_choice = rng.integers(0, 3)
    platform_cap = None if cap_choice == 0 else float(rng.uniform(500, 8000 if cap_choice == 1 else 60000))
    if share == 1.0 and platform_cap is None:
        platform_cap = 5000.0
    params = PlanParams(brand_budget=0.0, objective=str(rng.choice(OBJECTIVES)), joint=bool(rng.random() < 0.85),
                        platform_share=share, platform_cap=platform_cap)
    plan = new_plan(notes, params=params)
    a = allocation_of(plan)
    least = a.brand_cost(a.low)
    budget = least + float(rng.uniform(1000, 40000))
    return plan.with_params(brand_budget=budget), a, budget


@pytest.mark.parametrize("seed", range(60))
def test_continuous_optimum_matches_the_general_solver(seed):
    plan, a, budget = varied_plan(seed)
    ours = solve_continuous(a, budget)
    assert a.brand_cost(ours) <= budget * (1 + 1e-9)
    assert np.all(ours >= a.low - 1e-9) and np.all(ours <= a.high + 1e-9)
    value = a.objective(ours)
    reference = reference_optimum(a, budget)
    assert value == pytest.approx(reference, rel=1e-6, abs=1e-9)
    assert value >= reference * (1 - 1e-10)  # the general solver never beats the exact answer


def test_platform_cap_binding_and_not_are_both_exercised():
    """The seeds above hit the three regimes: below the cap, above it, and exactly on the kink."""
    regimes = set()
    for seed in range(60):
        plan, a, budget = varied_plan(seed)
        if not math.isfinite(a.platform_cap) or a.share == 0 or not a.eligible.any():
            continue
        platform = a.share * solve_continuous(a, budget)[a.eligible].sum()
        gap = (platform - a.platform_cap) / a.platform_cap
        regimes.add("kink" if abs(gap) < 1e-9 else "below" if gap < 0 else "above")
    assert regimes == {"below", "above", "kink"}


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_whole_yuan_budgets_keep_brand_cost_within_budget(objective):
    plan = random_plan(40, seed=3, brand_budget=123_456.0, platform_cap=20_000.0, objective=objective)
    result = optimise(plan)
    budgets = result.plan.notes["budget"].to_numpy()
    assert np.array_equal(budgets, np.round(budgets))
    totals = estimate(result.plan).totals
    assert totals["brand_cost"] <= 123_456.0
    assert totals["brand_cost"] >= 123_456.0 - 1.0  # nothing worth a whole yuan is left unspent
    assert totals[objective] == pytest.approx(result.value, rel=1e-12)


def test_rounding_loses_at_most_a_yuan_of_value_per_note():
    plan = random_plan(30, seed=11, brand_budget=80_000.0)
    a = allocation_of(plan)
    continuous = a.objective(solve_continuous(a, 80_000.0))
    rounded = optimise(plan).value
    most_per_yuan = float(a.gain_slope(np.zeros(len(a.value))).max())
    assert continuous - 30 * most_per_yuan <= rounded <= continuous * (1 + 1e-12)


def test_locked_notes_keep_their_budget():
    notes = random_notes(12, seed=5)
    notes["locked"] = [True, False] * 6
    notes["budget"] = 1234.5
    plan = new_plan(notes, params=PlanParams(brand_budget=50_000.0))
    budgets = optimise(plan).plan.notes["budget"].to_numpy()
    assert np.all(budgets[::2] == 1234.5)


def test_bounds_are_respected():
    notes = random_notes(20, seed=9)
    notes["min_budget"] = 500.0
    notes["max_budget"] = 3000.0
    plan = new_plan(notes, params=PlanParams(brand_budget=40_000.0))
    budgets = optimise(plan).plan.notes["budget"].to_numpy()
    assert budgets.min() >= 500 and budgets.max() <= 3000


def test_never_worse_than_random_feasible_allocations_on_a_large_plan(big_plan):
    a = allocation_of(big_plan)
    budget = big_plan.params.brand_budget
    best = optimise(big_plan).value
    rng = np.random.default_rng(1)
    for _ in range(30):
        weights = rng.dirichlet(np.ones(len(a.value)) * rng.uniform(0.05, 2))
        trial = weights * budget * rng.uniform(1, 2.5)
        while a.brand_cost(trial) > budget:
            trial *= budget / a.brand_cost(trial) * (1 - 1e-12)
        assert a.objective(trial) <= best


def test_infeasible_minimums_say_how_much_they_need():
    notes = random_notes(3, seed=2, linked=0.0)
    notes["min_budget"] = [1000.0, 2000.0, 500.0]
    plan = new_plan(notes, params=PlanParams(brand_budget=3000.0, joint=False))
    with pytest.raises(PlanError) as error:
        optimise(plan)
    assert str(error.value) == ("the minimum and locked budgets alone need ¥3,500.00 of brand money, "
                                "more than the brand budget of ¥3,000.00")


def test_full_platform_share_without_cap_or_maximums_is_unbounded():
    notes = random_notes(5, seed=4, linked=1.0)
    plan = new_plan(notes, params=PlanParams(brand_budget=1000.0, platform_share=1.0))
    with pytest.raises(PlanError, match="the plan is unbounded: with a platform share of 100% and no platform cap"):
        optimise(plan)


def test_full_platform_share_with_maximum_budgets_is_solved():
    notes = random_notes(4, seed=4, linked=1.0)
    notes["max_budget"] = 5000.0
    plan = new_plan(notes, params=PlanParams(brand_budget=1000.0, platform_share=1.0))
    result = optimise(plan)
    eligible = result.plan.notes["taobao_link"].to_numpy()
    assert np.all(result.plan.notes["budget"].to_numpy()[eligible] == 5000.0)


def test_target_mode_finds_the_least_whole_yuan_budget():
    plan = random_plan(15, seed=21, platform_cap=10_000.0)
    result = optimise_for_target(plan, 500.0)
    assert result.value >= 500.0
    budget = result.plan.params.brand_budget
    assert budget == round(budget)
    assert optimise(plan, budget - 1).value < 500.0


def test_target_mode_says_the_most_reachable_value():
    notes = random_notes(3, seed=8, caps=1.0)
    notes["max_budget"] = 1000.0
    plan = new_plan(notes)
    most = allocation_of(plan).objective(np.full(3, 1000.0))
    with pytest.raises(PlanError) as error:
        optimise_for_target(plan, most * 2)
    assert str(error.value) == (f"the target of {most * 2:,.2f} orders cannot be reached: "
                                f"the most this plan can reach is {most:,.2f}")


def test_zero_yield_notes_get_no_money():
    notes = random_notes(4, seed=1)
    notes["aov"] = [0.0, 100.0, 0.0, 50.0]
    plan = new_plan(notes, params=PlanParams(brand_budget=10_000.0, objective="gmv"))
    budgets = optimise(plan).plan.notes["budget"].to_numpy()
    assert budgets[0] == 0 and budgets[2] == 0


def test_linear_notes_split_ties_and_spend_the_whole_budget():
    notes = pd.DataFrame({"note_id": ["a", "b"], "industry": ["food", "food"], "cpm": [50.0, 50.0],
                          "ctr": [0.05, 0.05], "interaction_rate": [0.0, 0.0], "entry_rate": [0.2, 0.2],
                          "cvr": [0.05, 0.05], "aov": [100.0, 100.0]})
    plan = new_plan(notes, params=PlanParams(brand_budget=10_001.0))
    result = optimise(plan)
    assert result.plan.notes["budget"].sum() == 10_001.0


def _demand(u, k, low, high):
    """A Demand whose notes have exactly these u and k: cpm 1,000 makes a yuan buy one impression."""
    from planner.model.demand import Demand

    count = len(u)
    return Demand(np.exp(u), np.full(count, 1000.0), np.asarray(k, dtype=float), np.asarray(low, dtype=float),
                  np.asarray(high, dtype=float), np.zeros(count, dtype=bool), most=1e9)


def test_demand_root_left_of_every_breakpoint_is_exact():
    """Notes without a maximum, a budget so large that every note is still on its curve."""
    demand = _demand(np.array([1.0, 2.0, 3.0]), [100.0, 200.0, 300.0], np.zeros(3), np.full(3, np.inf))
    # Left of t = 1 every note spends K*(u - t): total 1400 - 600 t, which is 10,000 at t = -8600 / 600.
    t = demand.total_curve.root(10_000.0)
    assert t == pytest.approx(-8600 / 600, rel=1e-12)
    assert demand.settle(demand.budgets(t), t, 10_000.0).sum() == pytest.approx(10_000.0, rel=1e-12)


def test_demand_places_the_margin_on_tied_step_notes():
    demand = _demand(np.array([2.0, 2.0, 1.0]), np.full(3, np.nan), np.zeros(3), [100.0, 300.0, 50.0])
    t = demand.total_curve.root(200.0)
    assert t == 2.0
    budgets = demand.settle(demand.budgets(t), t, 200.0)  # the two best notes tie at u = 2: 200 by their room
    assert budgets.tolist() == [50.0, 150.0, 0.0]


def test_crossing_of_two_curves_is_read_off_the_right_piece():
    """Points on either curve bound the piece; a jump of one curve can hold the root."""
    from planner.model.demand import Curve, crossing

    falling = Curve(np.array([0.0, 10.0]), np.array([100.0, 0.0]))  # 100 - 10 t on [0, 10]
    stepping = Curve(np.array([4.0, 4.0]), np.array([50.0, 20.0]))  # 50 left of 4, 20 right of it
    assert crossing(falling, stepping, 120.0) == pytest.approx(3.0, rel=1e-12)  # 150 - 10 t = 120
    assert crossing(falling, stepping, 100.0) == 4.0  # the sum jumps from 110 to 80 at t = 4
    assert crossing(falling, stepping, 70.0) == pytest.approx(5.0, rel=1e-12)  # 120 - 10 t = 70
    assert crossing(falling, stepping, 150.0) == -math.inf  # never above 150
    assert crossing(falling, stepping, 20.0) == 10.0  # the minimums spend it exactly


def tied_allocation(seed: int) -> tuple[Allocation, float]:
    """Notes drawn from a few shared profiles, eligible and not, so that prices tie across the groups."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 9))
    profile = rng.integers(0, 3, n)
    value = np.array([0.02, 0.05, 0.05])[profile]
    cpm = np.array([40.0, 100.0, 100.0])[profile]
    cap = np.where(rng.random(3) < 0.5, np.nan, rng.uniform(2e4, 2e5, 3))[profile]
    low = np.where(rng.random(n) < 0.3, rng.choice([0.0, 500.0, 1000.0], n), 0.0)
    high = np.where(rng.random(n) < 0.6, low + rng.choice([1000.0, 2500.0, 4000.0], n), np.inf)
    share = float(rng.choice([0.3, 0.5, 1.0]))
    eligible = rng.random(n) < 0.5
    if share == 1.0:
        high = np.where(eligible & np.isinf(high), low + 3000.0, high)
    a = Allocation(value, cpm, cap, low, high, eligible, share, float(rng.choice([500.0, 1500.0, 3000.0])))
    return a, a.brand_cost(low) + float(rng.choice([500.0, 1000.0, 2000.0, 4000.0, 7000.0]))


@pytest.mark.parametrize("seed", range(60))
def test_tied_notes_across_the_platform_cap_match_the_general_solver(seed):
    """Round budgets and shared profiles put the answer on jumps and on the kink's edges."""
    a, budget = tied_allocation(seed)
    ours = solve_continuous(a, budget)
    assert a.brand_cost(ours) <= budget * (1 + 1e-9)
    assert np.all(ours >= a.low - 1e-9) and np.all(ours <= a.high + 1e-9)
    reference = reference_optimum(a, budget, starts=6, seed=seed)
    assert a.objective(ours) == pytest.approx(reference, rel=1e-6, abs=1e-9)
    assert a.objective(ours) >= reference * (1 - 1e-10)


# -- an empty plan, and answers within the bounds of planner.model.limits --------------------------------

def empty_plan(**params: object):
    from planner.model.notes import NOTE_FIELDS

    return new_plan(pd.DataFrame(columns=list(NOTE_FIELDS)), params=PlanParams(**params))  # type: ignore[arg-type]


@pytest.mark.parametrize("params", [{}, {"brand_budget": 5000.0}, {"platform_cap": 100.0},
                                    {"platform_share": 1.0}, {"joint": False}])
def test_an_empty_plan_optimises_to_nothing_allocated(params):
    result = optimise(empty_plan(**params))
    assert result.nothing_to_allocate
    assert (len(result.plan.notes), result.value, result.brand_cost) == (0, 0.0, 0.0)


@pytest.mark.parametrize("target", [0.0, 10.0, 1e15])
def test_an_empty_plan_reaches_for_any_target_without_error_and_keeps_its_brand_budget(target):
    result = optimise_for_target(empty_plan(brand_budget=5000.0), target)
    assert result.nothing_to_allocate and result.plan.params.brand_budget == 5000.0


def test_a_plan_with_notes_has_something_to_allocate():
    assert not optimise(random_plan(3, seed=1, brand_budget=1000.0)).nothing_to_allocate


def test_no_note_is_given_more_than_the_most_a_budget_can_be():
    # A brand budget at the bound, the platform paying half: unbounded by the notes, each would take 2e12.
    notes = random_notes(2, seed=3, caps=0.0, linked=1.0)
    notes["is_ad"] = notes["taobao_link"] = True
    plan = new_plan(notes, params=PlanParams(brand_budget=1e12, platform_share=0.5))
    budgets = optimise(plan).plan.notes["budget"].to_numpy()
    assert budgets.max() <= 1e12 and budgets.sum() >= 2e12 - 2


def test_a_target_needing_more_than_the_largest_brand_budget_is_unreachable():
    notes = random_notes(3, seed=4, caps=0.0)  # uncapped: every yuan buys as much as the first
    plan = new_plan(notes)
    most = optimise(plan, 1e12).value
    with pytest.raises(PlanError, match=f"the most this plan can reach is {most:,.2f}"):
        optimise_for_target(plan, most * 1.5)
    assert optimise_for_target(plan, most).plan.params.brand_budget <= 1e12


def test_minimums_a_rounding_error_above_the_brand_budget_give_finite_budgets():
    # The locked budget (5e-324) is within the optimiser's tolerance of a brand budget of 0: every note
    # stays at its minimum, rather than at 0 * inf (NaN) off its curve.
    notes = random_notes(2, seed=5)
    notes["budget"] = [0.0, 5e-324]
    notes["locked"] = [False, True]
    plan = new_plan(notes, params=PlanParams(brand_budget=0.0, joint=False))
    assert np.isfinite(solve_continuous(allocation_of(plan), 0.0)).all()
    assert optimise(plan).plan.notes["budget"].tolist() == [0.0, 5e-324]


def test_a_note_without_a_maximum_gets_a_finite_budget_when_its_gain_per_yuan_is_tiny():
    # A gain of 1e-313 per yuan with a slope of 1e15: the curve's sums lose digits; the answer stays finite.
    notes = random_notes(1, seed=6)
    notes[["cpm", "ctr", "entry_rate", "cvr", "audience_cap", "budget"]] = [1e6, 1.0, 1.0, 1e-310, 1e12, 0.0]
    notes["taobao_link"] = False
    plan = new_plan(notes)
    for brand_budget in (1.0, 1e6, 1e12):
        budget = solve_continuous(allocation_of(plan), brand_budget)
        assert np.isfinite(budget).all() and budget.max() <= 1e12


@pytest.mark.parametrize("step", [10.0, 100.0, 500.0, 1000.0])
def test_budgets_come_out_on_the_plans_budget_step_within_the_brand_budget(step: float) -> None:
    from plans import random_plan

    plan = random_plan(300, seed=11, brand_budget=1_234_567.0, platform_cap=150_000.0)
    plan = plan.with_params(budget_step=step)
    result = optimise(plan)
    budgets = result.plan.notes["budget"].to_numpy()
    assert np.all(np.mod(budgets, step) == 0)
    assert result.brand_cost <= 1_234_567.0
    whole = optimise(plan.with_params(budget_step=1.0))
    # The grid costs at most a step's worth of gain per note against whole yuan.
    assert result.value <= whole.value and result.value >= whole.value * 0.97
    assert 1_234_567.0 - result.brand_cost < step * 3  # the leftover is spent step by step


def test_a_budget_step_outside_the_choices_is_a_problem() -> None:
    from planner.model.plan import PlanParams

    assert [str(p) for p in PlanParams(budget_step=7.0).problems("p.rcplan")] == [
        'p.rcplan, column budget_step: value "7.0": expected a budget step of ¥1, ¥10, ¥100, ¥500, ¥1,000']


def test_a_brand_budget_that_covers_creator_fees_leaves_the_boosts_what_the_fees_do_not_take():
    from planner.model.plan import PlanParams, new_plan

    notes = random_notes(50, seed=4)
    notes["creator_fee"] = 1000.0
    boosts_only = new_plan(notes, params=PlanParams(brand_budget=200_000.0))
    covering = boosts_only.with_params(fees_in_budget=True)
    assert optimise(covering).brand_cost <= 150_000.0 + 1e-6 < optimise(boosts_only).brand_cost
    assert optimise(covering).brand_cost == pytest.approx(optimise(boosts_only.with_params(
        brand_budget=150_000.0)).brand_cost)
    with pytest.raises(PlanError) as caught:
        optimise(covering.with_params(brand_budget=40_000.0))
    assert str(caught.value) == ("the creator fees of ¥50,000 take more than the brand budget of ¥40,000, which "
                                 "covers them: raise the brand budget, or let it pay for boosts only")


def test_reaching_a_target_with_creator_fees_in_the_budget_counts_them_in_the_brand_budget():
    from planner.model.plan import PlanParams, new_plan

    notes = random_notes(30, seed=6)
    notes["creator_fee"] = 500.0
    plan = new_plan(notes, params=PlanParams(fees_in_budget=True))
    reached = optimise_for_target(plan, 1000.0, "orders")
    assert reached.value >= 1000.0 * (1 - 1e-12)
    assert reached.plan.params.brand_budget == pytest.approx(reached.brand_cost + 15_000.0, abs=1.0)
