"""Resource allocation solved exactly: the price at which the notes' best budgets meet a total.

At log price t (the gain a yuan must buy, as a logarithm), a note with an audience cap spends
clip(k*(u - t), low, high), where its marginal gain equals the price, and a note without one spends its
maximum below t = u and its minimum above (a jump). A group's total D(t) is therefore piecewise linear
and non-increasing, and one sort of the notes' breakpoints gives it exactly: a Curve keeps it as points.
The optimiser transforms and adds curves, finds where their sum crosses the budget by counting points,
reads the root off the line between two points and fills the budgets at that price: no iteration,
O(n log n), and a fixed number of numpy calls whatever the size (what small plans spend their time on).
"""

from __future__ import annotations

import math

import numpy as np


class Curve:
    """A non-increasing function of t, linear between its points and constant beyond them.

    x is non-decreasing. A jump is two points at one x, the left value first (np.interp then returns the
    right limit there). A plain class: small plans make many, and a dataclass costs more to build.
    """

    __slots__ = ("x", "y")

    def __init__(self, x: np.ndarray, y: np.ndarray):
        self.x, self.y = x, y

    @staticmethod
    def constant(value: float) -> Curve:
        return Curve(np.zeros(1), np.full(1, value))

    def right(self, t):  # type: ignore[no-untyped-def]  # a float or an array, like np.interp
        """The value just right of t."""
        return np.interp(t, self.x, self.y)

    def limits(self, t: float) -> tuple[float, float]:
        """The values just left and just right of t."""
        return _limits(self.x, self.y, t)

    def root(self, target: float) -> float:
        """A t with left(t) >= target >= right(t): -inf if the curve stays below target, inf if above."""
        x, y = self.x, self.y
        if target > y[0]:
            return -math.inf
        above = int(np.count_nonzero(y >= target))  # y falls: the points at or above target come first
        if above == len(y):
            return math.inf if target < y[-1] else float(x[-1])
        if x[above - 1] == x[above]:  # on a jump
            return float(x[above])
        return _on_line(x[above - 1], x[above], y[above - 1], y[above], target)


def _on_line(x0: float, x1: float, y0: float, y1: float, target: float) -> float:
    """Where the line from (x0, y0) down to (x1, y1) meets target, measured from the nearer end: a piece
    can be long (a stand-in maximum is far left) and the root must not lose digits to its length."""
    if y0 - target <= target - y1:
        return float(x0 + (y0 - target) / (y0 - y1) * (x1 - x0))
    return float(x1 - (target - y1) / (y0 - y1) * (x1 - x0))


def _limits(x: np.ndarray, y: np.ndarray, t: float, first: int | None = None, last: int | None = None
            ) -> tuple[float, float]:
    """The values of the curve (x, y) just left and right of t; first and last: x.searchsorted(t) if known."""
    if first is None or last is None:
        first, last = int(x.searchsorted(t, "left")), int(x.searchsorted(t, "right"))
    if first < last:  # t is a point (two at a jump): the first and the last hold the limits
        return float(y[first]), float(y[last - 1])
    if first == 0 or first == len(x):
        value = float(y[0] if first == 0 else y[-1])
    else:
        value = float(y[first - 1] + (t - x[first - 1]) / (x[first] - x[first - 1]) * (y[first] - y[first - 1]))
    return value, value


def crossing(a: Curve, b: Curve, target: float) -> float:
    """The t where a + b crosses target (left limit >= target >= right limit); -inf if a + b <= target.

    The sum is evaluated on each curve's points; the last point at or above target and the first below
    it bound one linear piece of the sum (or a jump), and the root is read off it.
    """
    if a.y[0] + b.y[0] <= target:
        return -math.inf
    on_a = a.y + b.right(a.x)
    on_b = b.y + a.right(b.x)
    count_a = int(np.count_nonzero(on_a >= target))
    count_b = int(np.count_nonzero(on_b >= target))
    lo = max(a.x[count_a - 1] if count_a else -math.inf, b.x[count_b - 1] if count_b else -math.inf)
    hi = min(a.x[count_a] if count_a < len(a.x) else math.inf, b.x[count_b] if count_b < len(b.x) else math.inf)
    if math.isinf(hi):  # at or above target everywhere: the minimums spend it exactly
        return float(lo)
    left_of_hi = a.limits(hi)[0] + b.limits(hi)[0]
    if left_of_hi >= target or math.isinf(lo):
        return float(hi)
    return _on_line(lo, hi, a.limits(lo)[1] + b.limits(lo)[1], left_of_hi, target)


class Demand:
    """Each note's best budget at a log price, and the curves of the eligible notes, the others and all.

    value is the gain per impression, cap the audience cap (NaN: none). A note with no gain, or whose
    minimum is its maximum, stays at its minimum. `most` bounds any budget in the answer: a note without
    a maximum is given low + most instead, so that every curve starts from a finite total. The three
    curves share their points (one sort of every note's two breakpoints).
    """

    def __init__(self, value: np.ndarray, cpm: np.ndarray, cap: np.ndarray, low: np.ndarray,
                 high: np.ndarray, eligible: np.ndarray, most: float):
        price = cpm * 1e-3  # yuan per impression
        # Gain per yuan; 0 where the note gains nothing, or less than a double holds (a rate of 1e-320).
        per_yuan_gain = value / price
        if per_yuan_gain.all():
            u = np.log(per_yuan_gain)
            live = low < high
        else:
            with np.errstate(divide="ignore"):
                u = np.log(per_yuan_gain)  # -inf: the note gains nothing
            live = (u > -np.inf) & (low < high)
        k = cap * price  # yuan over which the note's yield decays by e; NaN without a cap
        capped = live & (k > 0)
        step = live ^ capped  # no cap: its maximum below t = u, its minimum above
        self.low, self.high, self.live, self.most = low, high, live, most
        self.slope = slope = np.where(capped, k, 0.0)  # a note on its curve spends slope * (position - t)
        self.position = position = np.where(live, u, 0.0)  # finite: u where the note moves
        self.jump = np.where(step, u, -np.inf)
        per_yuan = np.fmax(capped / k, 0.0)  # 1/k on a curve, else 0 (NaN, no cap, turns to 0)
        ceiling = np.minimum(high, low + most)
        self.eligible_low = float(np.dot(low, eligible))
        self.total_low = float(low.sum())
        # Every note has two points: where it enters its curve and where it leaves it, both at u for a
        # jump (of ceiling - low), both at 0 for a note that never moves. Walking down from t = +inf,
        # where every note is at its minimum, a point at x_e with weight w_e (-k entering, +k leaving)
        # adds w_e * (x_e - t) to D(t), and a jump its size. Summing from that end keeps the stand-in
        # maximums of notes without one out of every total right of their (far left) points.
        count = len(low)
        rows = np.concatenate((position - ceiling * per_yuan, position - low * per_yuan, -slope, slope,
                               np.zeros(count), (ceiling - low) * step, eligible, eligible)).reshape(4, 2 * count)
        order = rows[0].argsort(kind="stable")  # a jump's left point (listed first) stays first
        x, weight, jump, in_group = rows.take(order, axis=1)
        added = weight * x + jump
        both = np.concatenate((added * in_group, weight * in_group, added, weight)).reshape(4, 2 * count)
        right_of = both[:, ::-1].cumsum(axis=1)[:, ::-1] - both  # the sums over the points right of each
        eligible_y = self.eligible_low + right_of[0] - right_of[1] * x
        total_y = self.total_low + right_of[2] - right_of[3] * x
        self.eligible_curve = Curve(x, eligible_y)
        self.others_curve = Curve(x, total_y - eligible_y)
        self.total_curve = Curve(x, total_y)

    def at_most(self) -> np.ndarray:
        """Every note that gains at its maximum, the others at their minimum: the answer left of every point.

        A note without a maximum gets its stand-in low + most. In exact numbers no root falls left of such
        a note's points (its stand-in alone exceeds any total asked); in doubles, where slopes of 1e15
        meet log prices of -700, one can, and the budget stays finite there rather than infinite.
        """
        return np.where(self.live, np.where(np.isinf(self.high), self.low + self.most, self.high), self.low)

    def limits(self, t: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """The eligible notes' and the others' totals just left and right of t (one search for both)."""
        x = self.total_curve.x
        first, last = int(x.searchsorted(t, "left")), int(x.searchsorted(t, "right"))
        return (_limits(x, self.eligible_curve.y, t, first, last),
                _limits(x, self.others_curve.y, t, first, last))

    def budgets(self, t: float | np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
        """Each note's best budget at log price t + shift (a note on its jump at its minimum).

        shift is per note (None: 0). Jumps are compared in the brand's terms, u - shift against t, exactly
        as curves' points are shifted, so that a note sits on its jump whatever the rounding.
        """
        if shift is not None:
            # A shift of -1e300 (eligible yuan free to the brand) sends a note past its maximum: slope * gap
            # may overflow to inf there, which the maximum then clips, as it should.
            with np.errstate(over="ignore"):
                spend = self._on_curve(self.position - shift - t)
            budget = np.minimum(np.maximum(spend, self.low), self.high)
            return np.where(self.jump - shift > t, self.high, budget)
        budget = np.minimum(np.maximum(self._on_curve(self.position - t), self.low), self.high)
        return np.where(self.jump > t, self.high, budget)

    def _on_curve(self, gap: np.ndarray) -> np.ndarray:
        """slope * gap: what each note spends on its curve, `gap` log prices left of where it enters it.

        At t = +-inf (the minimums alone exceed a total, within the optimiser's tolerance) a note off its
        curve would be 0 * inf, NaN: it spends nothing on a curve it is not on.
        """
        if np.isfinite(gap).all():
            return self.slope * gap
        return self.slope * np.where(self.slope > 0, gap, 0.0)

    def settle(self, budget: np.ndarray, t: float, target: float, *, shift: np.ndarray | None = None,
               weight: np.ndarray | None = None, members: np.ndarray | None = None) -> np.ndarray:
        """Make the total of `members` (default all), each yuan at `weight`, exactly `target`, in place.

        Notes on their jump at t share the money left; otherwise the rounding left by reading t off a
        line is settled by one Newton step of the notes on their curves.
        """
        # Non-members may sit at an unlimited maximum: leave them out rather than weigh them by 0.
        counted = budget if members is None else budget[members]
        if weight is None:
            remaining = target - float(counted.sum())
        else:
            remaining = target - float(np.dot(weight if members is None else weight[members], counted))
        if abs(remaining) <= 1e-11 * max(abs(target), 1.0):
            return budget
        on_jump = (self.jump if shift is None else self.jump - shift) == t
        if members is not None:
            on_jump &= members
        tied = on_jump.nonzero()[0]
        if remaining > 0 and len(tied):
            return self._spread(budget, tied, remaining, weight)
        on_curve = (budget > self.low) & (budget < self.high) & (self.slope > 0)
        if members is not None:
            on_curve &= members
        moving = on_curve.nonzero()[0]
        slope = self.slope[moving]
        speed = float(slope.sum() if weight is None else np.dot(weight[moving], slope))
        if speed > 0:
            own = self.position[moving] if shift is None else self.position[moving] - shift[moving]
            budget[moving] = np.minimum(np.maximum(slope * (own - t + remaining / speed), self.low[moving]),
                                        self.high[moving])
        return budget

    def _spread(self, budget: np.ndarray, tied: np.ndarray, remaining: float, weight: np.ndarray | None
                ) -> np.ndarray:
        """Tied notes share the money left: in proportion to their room, equally where unlimited."""
        if len(tied) == 1:
            i = tied[0]
            budget[i] += min(self.high[i] - self.low[i], remaining / (1.0 if weight is None else weight[i]))
            return budget
        gap = self.high[tied] - self.low[tied]
        per_yuan = np.ones(len(tied)) if weight is None else weight[tied]
        finite = gap < np.inf
        limited_gap = np.where(finite, gap, 0.0)
        room = float(np.dot(per_yuan, limited_gap))
        unlimited = len(tied) - int(np.count_nonzero(finite))
        share = min(1.0, remaining / room) if room > 0 else 0.0
        extra = (remaining - room) / unlimited if unlimited and remaining > room else 0.0
        budget[tied] += np.where(finite, share * limited_gap, extra / per_yuan)
        return budget
