"""The optimiser (MODEL.md section 5): the exact optimum of a concave problem, in whole yuan.

Each note's objective is f_i(b) = v_i * impressions_i(b), concave and increasing. Brand cost is
N + E - min(s*E, P) = N + max((1-s)*E, E-P), with N and E the budgets of other and eligible notes: a
convex kinked constraint. Its optimality conditions are solved exactly: at a brand price mu per yuan,
each note's best budget has a closed form, and mu is found by a bracketed root search on ln(mu).
The kink is handled by solving the two one-sided problems and, when neither is consistent, the problem
with the platform exactly at its cap (s*E = P), which then decouples into two resource allocations.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.model.demand import Demand, Priced, solve_groups
from planner.model.errors import PlanError
from planner.model.funding import brand_cost_of
from planner.model.funnel import effective_rates, impressions, impressions_slope
from planner.model.plan import OBJECTIVES, Plan

_REL = 1e-12


@dataclass(frozen=True)
class Allocation:
    """The optimiser's view of a plan: per-note yield, cost and bounds, and the funding parameters."""

    value: np.ndarray  # v_i: objective per impression
    cpm: np.ndarray
    cap: np.ndarray  # audience cap, NaN = none
    low: np.ndarray
    high: np.ndarray  # inf = no maximum
    eligible: np.ndarray
    share: float
    platform_cap: float  # inf = none

    def objective(self, budget: np.ndarray) -> float:
        return float(np.dot(self.value, impressions(budget, self.cpm, self.cap)))

    def gain_slope(self, budget: np.ndarray) -> np.ndarray:
        return self.value * impressions_slope(budget, self.cpm, self.cap)

    def brand_cost(self, budget: np.ndarray) -> float:
        eligible_total = float(budget[self.eligible].sum())
        other_total = float(budget[~self.eligible].sum())
        cap = None if math.isinf(self.platform_cap) else self.platform_cap
        return brand_cost_of(other_total, eligible_total, self.share, cap)


def allocation_of(plan: Plan, objective: str | None = None) -> Allocation:
    """The optimiser's inputs for `plan`: locked notes get low = high = their budget."""
    objective = objective or plan.params.objective
    if objective not in OBJECTIVES:
        raise PlanError(f"unknown objective {objective!r}: expected one of {', '.join(OBJECTIVES)}")
    notes = plan.notes
    rates = effective_rates(plan)
    locked = notes["locked"].to_numpy(dtype=bool)
    budget = notes["budget"].to_numpy(dtype=float)
    low = np.where(locked, budget, notes["min_budget"].to_numpy(dtype=float))
    high = np.where(locked, budget, np.nan_to_num(notes["max_budget"].to_numpy(dtype=float), nan=np.inf))
    cap = plan.params.platform_cap
    return Allocation(rates.per_impression(objective), rates.cpm, rates.audience_cap, low, high,
                      rates.eligible, float(plan.params.platform_share) if plan.params.joint else 0.0,
                      math.inf if cap is None else float(cap))


# --- the kinked brand-cost constraint ----------------------------------------------------------------

def _demand_of(a: Allocation, members: np.ndarray) -> Demand:
    """The demand of some notes at log price t: f'(b) = exp(t)  <=>  b = K*(u - t) for a capped note."""
    price_unit = a.cpm[members] / 1000.0  # yuan per impression
    with np.errstate(divide="ignore"):
        u = np.log(a.value[members] / price_unit)
    k = np.where(np.isnan(a.cap[members]), np.inf, a.cap[members] * price_unit)
    return Demand(u, k, a.low[members], a.high[members])


def _platform_is_capped(a: Allocation, eligible_total: float) -> tuple[bool, bool]:
    """(s*E <= P, s*E >= P) within rounding, for budgets from the two one-sided problems."""
    platform = a.share * eligible_total
    slack = _REL * max(a.platform_cap, 1.0)
    return platform <= a.platform_cap + slack, platform >= a.platform_cap - slack


def solve_continuous(a: Allocation, brand_budget: float) -> np.ndarray:
    """The exact optimum in real numbers (MODEL.md section 5), before whole-yuan rounding.

    Brand cost N + max((1-s)E, E-P) <= B: first with the platform below its cap (eligible notes at
    price (1-s)), then above it (all at full price, budget B + P); if neither is consistent, the optimum
    has the platform exactly at its cap, s*E = P, and the two groups are allocated apart.
    """
    check_bounded(a)
    need = a.brand_cost(a.low)
    if need > brand_budget * (1 + _REL) + 1e-9:
        raise PlanError(
            f"the minimum and locked budgets alone need ¥{need:,.2f} of brand money, "
            f"more than the brand budget of ¥{brand_budget:,.2f}")
    eligible, others = _demand_of(a, a.eligible), _demand_of(a, ~a.eligible)

    def combine(eligible_budgets: np.ndarray, other_budgets: np.ndarray) -> np.ndarray:
        budget = np.empty(len(a.value))
        budget[a.eligible], budget[~a.eligible] = eligible_budgets, other_budgets
        return budget

    below = _below_cap(a, eligible, others, brand_budget)
    if below is not None and (math.isinf(a.platform_cap) or _platform_is_capped(a, below[0].sum())[0]):
        return combine(*below)
    at_full_price = solve_groups([Priced(eligible), Priced(others)], brand_budget + a.platform_cap)
    if _platform_is_capped(a, at_full_price[0].sum())[1]:
        return combine(*at_full_price)
    eligible_total = a.platform_cap / a.share
    on_kink = solve_groups([Priced(eligible)], eligible_total)[0]
    rest = solve_groups([Priced(others)], brand_budget - (1.0 - a.share) * eligible_total)[0]
    return combine(on_kink, rest)


def _below_cap(a: Allocation, eligible: Demand, others: Demand, brand_budget: float
               ) -> tuple[np.ndarray, np.ndarray] | None:
    """The optimum while the platform pays share s of every eligible yuan; None if that is unbounded."""
    if a.share < 1.0:
        discount = 1.0 - a.share
        groups = [Priced(eligible, math.log(discount), discount), Priced(others)]
        eligible_budgets, other_budgets = solve_groups(groups, brand_budget)
        return eligible_budgets, other_budgets
    free_gain = np.isfinite(eligible.u)  # free to the brand: every eligible note that gains takes its maximum
    if np.any(free_gain & np.isinf(eligible.high)):
        return None
    return np.where(free_gain, eligible.high, eligible.low), solve_groups([Priced(others)], brand_budget)[0]


def check_bounded(a: Allocation) -> None:
    """A 100% platform share with no cap makes every eligible yuan free to the brand: no optimum."""
    if a.share < 1.0 or not math.isinf(a.platform_cap):
        return
    unlimited = a.eligible & np.isinf(a.high) & (a.value > 0)
    if unlimited.any():
        raise PlanError(
            f"the plan is unbounded: with a platform share of 100% and no platform cap, "
            f"{int(unlimited.sum())} eligible notes without a maximum budget would take unlimited "
            f"budget; set a platform cap, a share below 100% or maximum budgets")


# --- whole yuan --------------------------------------------------------------------------------------

def round_to_yuan(a: Allocation, budget: np.ndarray, brand_budget: float) -> np.ndarray:
    """Whole-yuan budgets near `budget` whose brand cost stays <= brand_budget (locked notes unchanged).

    Budgets are floored, then the money left is spent a yuan at a time on the notes that gain most per
    brand yuan, in vectorised rounds.
    """
    fixed = a.low == a.high
    low = np.ceil(a.low - 1e-9)
    high = np.floor(a.high + 1e-9)
    no_whole_yuan = low > high
    whole = np.where(fixed | no_whole_yuan, budget, np.clip(np.floor(budget + 1e-7), low, high))
    movable = ~fixed & ~no_whole_yuan
    limit = brand_budget + 1e-9 * max(brand_budget, 1.0)
    for _ in range(64):  # overspend happens only when rounded-up minimums exceed the budget
        excess = a.brand_cost(whole) - limit
        if excess <= 0:
            break
        slope = np.where(movable & (whole - 1 >= low), a.gain_slope(whole), np.inf)
        cheapest = int(np.argmin(slope))
        if not np.isfinite(slope[cheapest]):
            break
        whole[cheapest] = max(low[cheapest], whole[cheapest] - math.ceil(excess))
    return _spend_leftover(a, whole + 0.0, movable, high, limit)  # + 0.0 turns -0.0 into 0.0


def _spend_leftover(a: Allocation, whole: np.ndarray, movable: np.ndarray, high: np.ndarray,
                    limit: float) -> np.ndarray:
    base_impressions = impressions(whole, a.cpm, a.cap)
    for _ in range(64):
        left = limit - a.brand_cost(whole)
        can = movable & (whole + 1 <= high)
        if left <= 0 or not can.any():
            break
        gain = a.value * (impressions(whole + 1, a.cpm, a.cap) - base_impressions)
        brand_price = np.where(a.eligible, 1.0 - a.share, 1.0) if a.share < 1 else np.ones(len(whole))
        score = np.where(can & (gain > 0), gain / np.maximum(brand_price, 1e-12), -np.inf)
        count = min(int(left), int(np.isfinite(score).sum()))
        if count == 0:
            count = 1 if np.isfinite(score).any() else 0
        if count == 0:
            break
        chosen = np.argpartition(-score, count - 1)[:count]
        trial = whole.copy()
        trial[chosen] += 1
        if a.brand_cost(trial) > limit:
            if count == 1:
                break
            continue
        whole = trial
        base_impressions[chosen] = impressions(whole[chosen], a.cpm[chosen], a.cap[chosen])
    return whole


# --- the two modes -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class OptimiseResult:
    plan: Plan  # the plan with the optimiser's budgets (and its brand budget and objective)
    objective: str
    value: float  # the objective's plan total at the whole-yuan budgets
    brand_cost: float


def optimise(plan: Plan, brand_budget: float | None = None, objective: str | None = None) -> OptimiseResult:
    """Maximise the objective under the brand budget (MODEL.md section 5), in whole yuan."""
    objective = objective or plan.params.objective
    brand_budget = plan.params.brand_budget if brand_budget is None else float(brand_budget)
    a = allocation_of(plan, objective)
    whole = round_to_yuan(a, solve_continuous(a, brand_budget), brand_budget)
    result = plan.with_budgets(whole).with_params(brand_budget=brand_budget, objective=objective)
    return OptimiseResult(result, objective, a.objective(whole), a.brand_cost(whole))


def optimise_for_target(plan: Plan, target: float, objective: str | None = None) -> OptimiseResult:
    """The least whole-yuan brand budget whose optimum reaches `target`; the plan gets that budget."""
    objective = objective or plan.params.objective
    a = allocation_of(plan, objective)
    check_bounded(a)
    most, reached_only_in_the_limit = _most_reachable(a)
    if target > most or (reached_only_in_the_limit and target >= most):
        raise PlanError(f"the target of {target:,.2f} {objective} cannot be reached: "
                        f"the most this plan can reach is {most:,.2f}"
                        + (" (approached as budgets grow without bound)" if reached_only_in_the_limit else ""))
    least = a.brand_cost(a.low)
    continuous = _least_budget(a, target, least)
    budget = math.ceil(continuous - 1e-9 * max(continuous, 1.0))

    def reaches(candidate: float) -> bool:
        whole = round_to_yuan(a, solve_continuous(a, candidate), candidate)
        return a.objective(whole) >= target * (1 - 1e-12)

    step = 1
    failed = budget - 1
    for _ in range(64):  # rounding to whole yuan may lose a little: add yuan until it is reached
        if reaches(budget):
            break
        failed, budget, step = budget, budget + step, step * 2
    while budget - failed > 1:
        middle = (budget + failed) // 2
        failed, budget = (failed, middle) if reaches(middle) else (middle, budget)
    return optimise(plan, max(float(budget), least), objective)


def _most_reachable(a: Allocation) -> tuple[float, bool]:
    """The objective with every note at its maximum, and whether that needs unlimited budgets."""
    unlimited = np.isinf(a.high) & (a.value > 0)
    if np.any(unlimited & np.isnan(a.cap)):
        return math.inf, False
    at_high = np.where(np.isinf(a.high), 0.0, a.high)
    reach = impressions(at_high, a.cpm, a.cap)
    reach = np.where(unlimited, a.cap, reach)
    return float(np.dot(a.value, reach)), bool(unlimited.any())


def _least_budget(a: Allocation, target: float, least: float) -> float:
    """Bisection on the brand budget: the optimum value is concave and non-decreasing in it."""
    if a.objective(solve_continuous(a, least)) >= target:
        return least
    high = max(least * 2, least + 1.0)
    for _ in range(200):
        if a.objective(solve_continuous(a, high)) >= target:
            break
        high = least + (high - least) * 4
    low = least
    for _ in range(200):
        middle = 0.5 * (low + high)
        if a.objective(solve_continuous(a, middle)) >= target:
            high = middle
        else:
            low = middle
        if high - low <= 1e-10 * max(high, 1.0):
            break
    return high
