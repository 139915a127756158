"""Resource allocation solved exactly: the brand price at which the notes' demand meets the budget.

At log price t, a capped note's best budget is clip(K*(u - t), low, high) and an uncapped one's is a
step from its maximum to its minimum at t = u. A group's total D(t) is therefore piecewise linear and
non-increasing, with breakpoints known in advance. The optimiser prices groups of notes against one
brand price (eligible notes at a discount: a shift of their t and a scale of their cost), so it asks
for the root of a weighted sum of groups. D is evaluated at every breakpoint at once (sorting done once
per group, then prefix sums and searchsorted), the piece that holds the root is found by one count, and
the root is read off that line: no iteration, O(n log n).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def _suffix(values: np.ndarray) -> np.ndarray:
    """s[i] = values[i:].sum(), with s[len] = 0 (infinite values stay infinite, never inf - inf)."""
    out = np.zeros(len(values) + 1)
    out[:-1] = np.cumsum(values[::-1])[::-1]
    return out


def _prefix(values: np.ndarray) -> np.ndarray:
    """p[i] = values[:i].sum()."""
    out = np.zeros(len(values) + 1)
    out[1:] = np.cumsum(values)
    return out


class Demand:
    """The budgets of a group of notes as a function of its log price t (cost weight 1 per yuan)."""

    def __init__(self, u: np.ndarray, k: np.ndarray, low: np.ndarray, high: np.ndarray):
        self.u, self.k, self.low, self.high = u, k, low, high
        active = np.isfinite(u)  # u = -inf: the note gains nothing and stays at its minimum
        capped = np.isfinite(k)
        self._curve = np.flatnonzero(capped & active)
        self._step = np.flatnonzero(~capped & active)
        self.idle_cost = float(low[~active].sum())
        self._build_curve()
        self._build_step()
        self.breaks = np.concatenate([self._enter[np.isfinite(self._enter)], self._leave, self._step_u])

    def _build_curve(self) -> None:
        i = self._curve
        k, u, low, high = self.k[i], self.u[i], self.low[i], self.high[i]
        with np.errstate(invalid="ignore"):
            enter = u - high / k  # below this t the note sits at its maximum (-inf: no maximum)
        leave = u - low / k  # above this t it sits at its minimum
        by_enter, by_leave = np.argsort(enter), np.argsort(leave)
        self._enter, self._leave = enter[by_enter], leave[by_leave]
        self._enter_k, self._enter_ku = _prefix(k[by_enter]), _prefix((k * u)[by_enter])
        self._leave_k, self._leave_ku = _prefix(k[by_leave]), _prefix((k * u)[by_leave])
        self._at_high = _suffix(high[by_enter])
        self._at_low = _prefix(low[by_leave])

    def _build_step(self) -> None:
        i = self._step
        order = np.argsort(self.u[i])
        self._step_u = self.u[i][order]
        self._step_high = _suffix(self.high[i][order])
        self._step_low = _prefix(self.low[i][order])

    # The methods below take the brand's log price and this group's shift (its price is t + shift).
    # Step notes are compared in the brand's terms, u - shift, exactly as the breakpoints were made, so
    # that a note sits on a jump whatever the rounding of t + shift.

    def cost_right(self, brand_t: np.ndarray, shift: float) -> tuple[np.ndarray, np.ndarray]:
        """D just right of each t (a step note at u = t counts at its minimum), and -dD/dt there."""
        t = brand_t + shift
        entered = np.searchsorted(self._enter, t, side="right")
        left = np.searchsorted(self._leave, t, side="right")
        slope = self._enter_k[entered] - self._leave_k[left]
        curve = self._at_high[entered] + (self._enter_ku[entered] - self._leave_ku[left] - t * slope)
        passed = np.searchsorted(self._step_u - shift, brand_t, side="right")
        return curve + self._at_low[left] + self._step_high[passed] + self._step_low[passed] + self.idle_cost, slope

    def slope_left(self, brand_t: float, shift: float) -> float:
        """-dD/dt just left of t."""
        t = brand_t + shift
        entered = np.searchsorted(self._enter, t, side="left")
        return float(self._enter_k[entered] - self._leave_k[np.searchsorted(self._leave, t, side="left")])

    def on_jump(self, brand_t: float, shift: float) -> np.ndarray:
        """The step notes whose u is t: any budget between their minimum and maximum is optimal."""
        return self._step[self.u[self._step] - shift == brand_t]

    def jump_at(self, brand_t: float, shift: float) -> float:
        """How much D falls at t: step notes whose u equals t go from their maximum to their minimum."""
        idx = self.on_jump(brand_t, shift)
        return float((self.high[idx] - self.low[idx]).sum())

    def at(self, brand_t: float, shift: float) -> np.ndarray:
        """Budgets at t; a step note with u = t at its minimum (the right limit)."""
        b = self.low.copy()
        i = self._curve
        b[i] = np.clip(self.k[i] * (self.u[i] - (brand_t + shift)), self.low[i], self.high[i])
        s = self._step
        b[s] = np.where(self.u[s] - shift > brand_t, self.high[s], self.low[s])
        return b

    def moving(self, budgets: np.ndarray) -> np.ndarray:
        """The notes on their curves, strictly between their minimum and maximum."""
        i = self._curve
        return i[(budgets[i] > self.low[i]) & (budgets[i] < self.high[i])]


@dataclass(frozen=True)
class Priced:
    """A group priced at log price t + shift whose yuan cost `scale` brand yuan each."""

    demand: Demand
    shift: float = 0.0
    scale: float = 1.0


def solve_groups(groups: list[Priced], target: float) -> list[np.ndarray]:
    """Budgets of each group such that sum(scale * budgets) = target at one brand price (or all at max)."""
    if sum(g.scale * float(g.demand.high.sum()) for g in groups) <= target:
        return [g.demand.high.copy() for g in groups]
    t = _root(groups, target)
    lowers = [g.demand.at(t, g.shift) for g in groups]
    remaining = target - sum(g.scale * float(b.sum()) for g, b in zip(groups, lowers, strict=True))
    jumping = [g.demand.on_jump(t, g.shift) for g in groups]
    if remaining > 0 and any(len(j) for j in jumping):
        return _spread(groups, lowers, jumping, remaining)
    # Rounding left a hair over or under: move the notes on their curves by one Newton step.
    moving = [g.demand.moving(b) for g, b in zip(groups, lowers, strict=True)]
    speed = sum(g.scale * float(g.demand.k[m].sum()) for g, m in zip(groups, moving, strict=True))
    if speed > 0 and remaining != 0:
        step = remaining / speed
        for g, b, m in zip(groups, lowers, moving, strict=True):
            d = g.demand
            b[m] = np.clip(d.k[m] * (d.u[m] - (t + g.shift - step)), d.low[m], d.high[m])
    return lowers


def _root(groups: list[Priced], target: float) -> float:
    """The brand log price t* at which the groups' cost crosses `target` (the left end of a jump)."""
    breaks = np.sort(np.concatenate([g.demand.breaks - g.shift for g in groups]))  # repeats are harmless
    if len(breaks) == 0:
        return 0.0
    cost = np.zeros(len(breaks))
    slope = np.zeros(len(breaks))
    for g in groups:
        c, s = g.demand.cost_right(breaks, g.shift)
        cost += g.scale * c
        slope += g.scale * s
    j = int(np.count_nonzero(cost >= target)) - 1
    if j < 0:  # left of every breakpoint: only notes without a maximum are moving
        first = float(breaks[0])
        reached = cost[0] + sum(g.scale * g.demand.jump_at(first, g.shift) for g in groups)
        moving = sum(g.scale * g.demand.slope_left(first, g.shift) for g in groups)
        return first if reached >= target or moving <= 0 else first - (target - reached) / moving
    last = len(breaks) - 1
    if j == last or slope[j] <= 0:
        return float(breaks[j]) if j == last or cost[j] <= target else float(breaks[j + 1])
    return float(min(breaks[j] + (cost[j] - target) / slope[j], breaks[j + 1]))


def _spread(groups: list[Priced], lowers: list[np.ndarray], jumping: list[np.ndarray],
            remaining: float) -> list[np.ndarray]:
    """Tied notes at a jump share the money left: in proportion to their room, equally where unlimited."""
    gaps = [g.demand.high[j] - g.demand.low[j] for g, j in zip(groups, jumping, strict=True)]
    room = sum(g.scale * float(gap[np.isfinite(gap)].sum()) for g, gap in zip(groups, gaps, strict=True))
    unlimited = sum(int(np.count_nonzero(np.isinf(gap))) for gap in gaps)
    share = min(1.0, remaining / room) if room > 0 else 0.0
    extra = (remaining - room) / unlimited if unlimited and remaining > room else 0.0
    for g, b, j, gap in zip(groups, lowers, jumping, gaps, strict=True):
        finite = np.isfinite(gap)
        b[j[finite]] += share * gap[finite]
        b[j[~finite]] += extra / g.scale
    return lowers
