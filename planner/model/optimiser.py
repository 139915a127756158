"""The optimiser (MODEL.md section 5): the exact optimum of a concave problem, in whole yuan.

Each note's objective is f_i(b) = v_i * impressions_i(b), concave and increasing. Brand cost is
N + E - min(s*E, P) = N + max((1-s)*E, E-P), with N and E the budgets of other and eligible notes: a
convex kinked constraint. Its optimality conditions are solved exactly: at a brand price mu per yuan,
each note's best budget has a closed form, and the brand's total cost is piecewise linear in ln(mu),
so mu is read off its breakpoints (demand.py).
The kink is handled by pricing the eligible notes' brand cost as one curve of that price, with a flat
piece where the platform sits exactly at its cap.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner import formats
from planner.i18n import _, ngettext
from planner.model.demand import Curve, Demand, crossing
from planner.model.errors import PlanError
from planner.model.funding import brand_cost_of
from planner.model.funnel import creator_fees, effective_rates, impressions, impressions_slope
from planner.model.limits import MAX_AMOUNT
from planner.model.observed import spent_to_date
from planner.model.plan import OBJECTIVES, Plan
from planner.model.words import labelled, listed

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
        raise PlanError(_("unknown objective {objective}: expected one of {choices}").format(
            objective=repr(objective), choices=listed(labelled(key) for key in OBJECTIVES)))
    notes = plan.notes
    rates = effective_rates(plan)
    locked = notes["locked"].to_numpy(dtype=bool)
    budget = notes["budget"].to_numpy(dtype=float)
    low = np.where(locked, budget, notes["min_budget"].to_numpy(dtype=float))
    high = np.where(locked, budget, np.nan_to_num(notes["max_budget"].to_numpy(dtype=float), nan=np.inf))
    if plan.observed is not None or plan.scenario.through is not None:  # planned on actuals (MODEL.md
        spent = spent_to_date(plan)  # section 10): money spent stays spent,
        low, high = np.maximum(low, spent), np.maximum(high, spent)
        over = _days_over(plan)  # and a note whose days are over can spend no more
        low, high = np.where(over, spent, low), np.where(over, spent, high)
    cap = plan.params.platform_cap
    return Allocation(rates.per_impression(objective), rates.cpm, rates.audience_cap, low, high,
                      rates.eligible, float(plan.params.platform_share) if plan.params.joint else 0.0,
                      math.inf if cap is None else float(cap))


def _days_over(plan: Plan) -> np.ndarray:
    """The notes whose window ends on or before the scenario's cut-off: none without a calendar."""
    from planner.model.pacing import plan_windows, remainder

    if plan.calendar is None:
        return np.zeros(len(plan.notes), dtype=bool)
    rest = remainder(plan, plan.calendar, plan_windows(plan, plan.calendar))
    if rest.cutoff is None:
        return np.zeros(len(plan.notes), dtype=bool)
    return rest.windows.first > np.minimum(rest.windows.last, plan.calendar.n_days - 1)


def highest(a: Allocation) -> np.ndarray:
    """Each note's maximum budget as the optimiser uses it: its own, and never above MAX_AMOUNT.

    A budget above MAX_AMOUNT is no valid input, so no answer may hold one: a note without a maximum (or
    one the platform's share lets the brand fund past it) stops there.
    """
    return np.minimum(a.high, MAX_AMOUNT)


# --- the kinked brand-cost constraint ----------------------------------------------------------------

def solve_continuous(a: Allocation, brand_budget: float) -> np.ndarray:
    """The exact optimum in real numbers (MODEL.md section 5), before whole-yuan rounding.

    At a brand price e^t per brand yuan every note's best budget is known; the eligible notes see e^t
    above the platform cap, (1-s)e^t below it, and while the platform sits exactly at its cap, s*E = P,
    their price is whatever keeps E = P/s. The brand's total cost is non-increasing in t, so the optimum
    is where it crosses the brand budget; which side of the cap that is decides how it is read.
    """
    check_bounded(a)
    if len(a.low) == 0:  # an empty plan: nothing to allocate, and every brand budget is enough for it
        return np.zeros(0)
    share, cap = a.share, a.platform_cap
    if share == 0.0:
        share, cap = 0.0, 0.0  # no platform money: every yuan at full price, as if the cap were reached
    demand = Demand(a.value, a.cpm, a.cap, a.low, highest(a), a.eligible, _most_spent(brand_budget, share, cap))
    need = brand_cost_of(demand.total_low - demand.eligible_low, demand.eligible_low, share,
                         None if math.isinf(cap) else cap)
    if need > brand_budget * (1 + _REL) + 1e-9:
        raise PlanError(_("the minimum and locked budgets alone need {need} of brand money, more than the brand "
                          "budget of {budget}").format(need=f"¥{need:,.2f}", budget=f"¥{brand_budget:,.2f}"))
    kink = _price_at_cap(demand, share, cap)
    if kink == -math.inf:
        return _below_cap(demand, a.eligible, brand_budget, share)
    if kink == math.inf:
        return _above_cap(demand, brand_budget + cap)
    # Left of t_A the brand pays N + E - P, right of t_A - ln(1-s) it pays N + (1-s)E at the discount.
    (eligible_left, eligible_right), others_at_kink = demand.limits(kink)
    if brand_budget >= others_at_kink[0] + max(eligible_left, cap / share) - cap:
        return _above_cap(demand, brand_budget + cap)
    if share < 1.0:
        end = kink - _log_discount(share)
        if brand_budget <= demand.others_curve.limits(end)[1] + (1.0 - share) * min(eligible_right, cap / share):
            return _below_cap(demand, a.eligible, brand_budget, share)
    return _on_cap(demand, a.eligible, brand_budget, share, cap, kink, others_at_kink)


def _most_spent(brand_budget: float, share: float, cap: float) -> float:
    """More than any note can spend: the others' total is at most B, the eligible ones' B/(1-s) or B+P."""
    eligible_most = min(brand_budget / (1.0 - share) if share < 1.0 else math.inf, brand_budget + cap)
    return 2.0 * brand_budget + (0.0 if math.isinf(eligible_most) else eligible_most) + 1.0


def _log_discount(share: float) -> float:
    """ln(1 - s): an eligible note's log price minus the brand's while the platform pays share s."""
    return math.log1p(-share) if share < 1.0 else -math.inf


def _price_at_cap(demand: Demand, share: float, cap: float) -> float:
    """The eligible notes' own log price t_A at which they spend P/s: -inf if they never reach the cap, inf
    if their minimums do."""
    if math.isinf(cap):
        return -math.inf
    if share == 0.0:
        return math.inf
    return demand.eligible_curve.root(cap / share)


def _above_cap(demand: Demand, full_price_total: float) -> np.ndarray:
    """Every yuan at full price: N + E = B + P."""
    t = demand.total_curve.root(full_price_total)
    if t == -math.inf:  # every note at its maximum spends no more than that
        return demand.at_most()
    return demand.settle(demand.budgets(t), t, full_price_total)


def _below_cap(demand: Demand, eligible: np.ndarray, brand_budget: float, share: float) -> np.ndarray:
    """The platform pays share s of every eligible yuan: N(t) + (1-s)E(t + ln(1-s)) = B."""
    if share == 1.0:  # eligible yuan are free: each eligible note that gains takes its maximum
        t = demand.others_curve.root(brand_budget)
        shift = np.where(eligible, -1e300, 0.0)
    else:
        discount = _log_discount(share)
        discounted = Curve(demand.eligible_curve.x - discount, (1.0 - share) * demand.eligible_curve.y)
        t = crossing(demand.others_curve, discounted, brand_budget)
        shift = np.where(eligible, discount, 0.0)
    if t == -math.inf:
        return demand.at_most()
    return demand.settle(demand.budgets(t, shift), t, brand_budget, shift=shift,
                         weight=np.where(eligible, 1.0 - share, 1.0))


def _on_cap(demand: Demand, eligible: np.ndarray, brand_budget: float, share: float, cap: float,
            kink: float, others_at_kink: tuple[float, float]) -> np.ndarray:
    """The platform exactly at its cap: the eligible notes at their price t_A, the others at t.

    The others get B - (1-s)P/s, unless t sits on one of their jumps at an edge of the kink, where
    they take what that jump allows and the eligible notes the brand money left.
    """
    on_cap_cost = (1.0 - share) * cap / share
    t = demand.others_curve.root(brand_budget - on_cap_cost)
    t = min(max(t, kink), kink - _log_discount(share))
    most_taken, least_taken = others_at_kink if t == kink else demand.others_curve.limits(t)
    other_total = min(max(brand_budget - on_cap_cost, least_taken), most_taken)
    left = brand_budget - other_total
    eligible_total = left + cap if share == 1.0 else min(left / (1.0 - share), left + cap)
    budget = demand.budgets(kink if t == kink else np.where(eligible, kink, t))
    demand.settle(budget, t, other_total, members=~eligible)
    return demand.settle(budget, kink, eligible_total, members=eligible)


def check_bounded(a: Allocation) -> None:
    """A 100% platform share with no cap makes every eligible yuan free to the brand: no optimum."""
    if a.share < 1.0 or not math.isinf(a.platform_cap):
        return
    unlimited = a.eligible & np.isinf(a.high) & (a.value > 0)
    if unlimited.any():
        count = int(unlimited.sum())
        raise PlanError(ngettext(
            "the plan is unbounded: with a platform share of {all} and no platform cap, {n} eligible note without "
            "a maximum budget would take unlimited budget; set a platform cap, a share below {all} or maximum budgets",
            "the plan is unbounded: with a platform share of {all} and no platform cap, {n} eligible notes without "
            "a maximum budget would take unlimited budget; set a platform cap, a share below {all} or maximum budgets",
            count).format(n=count, all="100%"))


# --- whole yuan --------------------------------------------------------------------------------------

def round_to_step(a: Allocation, budget: np.ndarray, brand_budget: float, step: float = 1.0) -> np.ndarray:
    """Budgets on the grid of `step` yuan near `budget` whose brand cost stays <= brand_budget.

    Locked notes keep their budgets, and so does a note whose bounds hold no multiple of the step. Budgets are
    floored to the grid, then the money left is spent a step at a time on the notes that gain most per brand
    yuan, in vectorised rounds.
    """
    fixed = a.low == a.high
    low = np.ceil((a.low - 1e-9) / step) * step
    high = np.floor((highest(a) + 1e-9) / step) * step
    off_grid = low > high
    floored = np.floor(budget / step + 1e-7) * step
    whole = np.where(fixed | off_grid, budget, np.clip(floored, low, high))
    movable = ~fixed & ~off_grid
    limit = brand_budget + 1e-9 * max(brand_budget, 1.0)
    for _round in range(64):  # overspend happens only when rounded-up minimums exceed the budget
        excess = a.brand_cost(whole) - limit
        if excess <= 0:
            break
        slope = np.where(movable & (whole - step >= low), a.gain_slope(whole), np.inf)
        cheapest = int(np.argmin(slope))
        if not np.isfinite(slope[cheapest]):
            break
        whole[cheapest] = max(low[cheapest], whole[cheapest] - math.ceil(excess / step) * step)
    return _spend_leftover(a, whole + 0.0, movable, high, limit, step)  # + 0.0 turns -0.0 into 0.0


def _spend_leftover(a: Allocation, whole: np.ndarray, movable: np.ndarray, high: np.ndarray,
                    limit: float, step: float) -> np.ndarray:
    base_impressions = impressions(whole, a.cpm, a.cap)
    for _round in range(64):
        left = limit - a.brand_cost(whole)
        can = movable & (whole + step <= high)
        if left <= 0 or not can.any():
            break
        gain = a.value * (impressions(whole + step, a.cpm, a.cap) - base_impressions)
        brand_price = np.where(a.eligible, 1.0 - a.share, 1.0) if a.share < 1 else np.ones(len(whole))
        score = np.where(can & (gain > 0), gain / np.maximum(brand_price, 1e-12), -np.inf)
        count = min(int(left // step), int(np.isfinite(score).sum()))
        if count == 0:
            count = 1 if np.isfinite(score).any() else 0
        if count == 0:
            break
        chosen = np.argpartition(-score, count - 1)[:count]
        trial = whole.copy()
        trial[chosen] += step
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

    @property
    def nothing_to_allocate(self) -> bool:
        """The plan has no notes: the optimiser returned it as it was (with the asked parameters)."""
        return len(self.plan.notes) == 0


def optimise(plan: Plan, brand_budget: float | None = None, objective: str | None = None) -> OptimiseResult:
    """Maximise the objective under the brand budget (MODEL.md section 5), in whole yuan (or the plan's step).

    When the brand budget covers creator fees (section 11), the boosts have the budget less the fees.
    """
    objective = objective or plan.params.objective
    brand_budget = plan.params.brand_budget if brand_budget is None else float(brand_budget)
    a = allocation_of(plan, objective)
    for_boosts = boost_budget(plan, brand_budget)
    whole = round_to_step(a, solve_continuous(a, for_boosts), for_boosts, plan.params.budget_step)
    result = plan.with_budgets(whole).with_params(brand_budget=brand_budget, objective=objective)
    return OptimiseResult(result, objective, a.objective(whole), a.brand_cost(whole))


def boost_budget(plan: Plan, brand_budget: float) -> float:
    """The brand money the boosts may take: all of it, or what the creator fees leave when it covers them."""
    if not plan.params.fees_in_budget:
        return brand_budget
    fees = float(creator_fees(plan).sum())
    if fees > brand_budget:
        raise PlanError(_("the creator fees of {fees} take more than the brand budget of {budget}, which covers "
                          "them: raise the brand budget, or let it pay for boosts only").format(
            fees=formats.money(fees), budget=formats.money(brand_budget)))
    return brand_budget - fees


def optimise_for_target(plan: Plan, target: float, objective: str | None = None) -> OptimiseResult:
    """The least whole-yuan brand budget whose optimum reaches `target`; the plan gets that budget.

    An empty plan reaches nothing and needs nothing: it comes back as it was, its brand budget unchanged.
    """
    objective = objective or plan.params.objective
    if len(plan.notes) == 0:
        return optimise(plan, None, objective)
    a = allocation_of(plan, objective)
    check_bounded(a)
    most = _most_reachable(a, plan.params.budget_step)
    if target > most:
        raise PlanError(_("the target of {target} {objective} cannot be reached: the most this plan can reach is "
                          "{most}").format(target=f"{target:,.2f}", objective=labelled(objective),
                                           most=f"{most:,.2f}"))
    least = a.brand_cost(a.low)
    continuous = _least_budget(a, target, least)
    top = int(MAX_AMOUNT)
    budget = min(math.ceil(continuous - 1e-9 * max(continuous, 1.0)), top)

    def reaches(candidate: float) -> bool:
        whole = round_to_step(a, solve_continuous(a, candidate), candidate, plan.params.budget_step)
        return a.objective(whole) >= target * (1 - 1e-12)

    step = 1
    failed = budget - 1
    for _round in range(64):  # rounding to whole yuan may lose a little: add yuan until it is reached
        if reaches(budget):
            break
        failed, budget, step = budget, min(budget + step, top), step * 2
    while budget - failed > 1:
        middle = (budget + failed) // 2
        failed, budget = (failed, middle) if reaches(middle) else (middle, budget)
    # Searched over the boosts' money; a brand budget that covers creator fees holds them on top.
    fees = float(creator_fees(plan).sum()) if plan.params.fees_in_budget else 0.0
    return optimise(plan, max(float(budget), least) + fees, objective)


def _most_reachable(a: Allocation, step: float) -> float:
    """The objective at the whole-yuan optimum of the largest brand budget a plan may have (MAX_AMOUNT).

    Every note's budget is bounded too (highest), so this is a figure reached, not a limit approached.
    """
    return a.objective(round_to_step(a, solve_continuous(a, MAX_AMOUNT), MAX_AMOUNT, step))


def _least_budget(a: Allocation, target: float, least: float) -> float:
    """Bisection on the brand budget: the optimum value is concave and non-decreasing in it."""
    if a.objective(solve_continuous(a, least)) >= target:
        return least
    high = min(max(least * 2, least + 1.0), MAX_AMOUNT)
    for _round in range(200):  # the target is reached at MAX_AMOUNT (optimise_for_target checked it)
        if high >= MAX_AMOUNT or a.objective(solve_continuous(a, high)) >= target:
            break
        high = min(least + (high - least) * 4, MAX_AMOUNT)
    low = least
    for _round in range(200):
        middle = 0.5 * (low + high)
        if a.objective(solve_continuous(a, middle)) >= target:
            high = middle
        else:
            low = middle
        if high - low <= 1e-10 * max(high, 1.0):
            break
    return high
