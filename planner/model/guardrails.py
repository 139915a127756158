"""Guardrails (MODEL.md section 12): warnings, never errors, computed with every estimate.

Each warning has its note (None for the plan), a code and a sentence in the current language that says what
to check. A plan with warnings is still a valid plan: it saves, optimises and exports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner import formats
from planner.i18n import _
from planner.model.funnel import Estimate
from planner.model.plan import Plan

OVER_BUDGET = "over_budget"
OUTSIDE_BOUNDS = "outside_bounds"
SATURATED = "saturated"
CONCENTRATION = "concentration"
# A fen of tolerance: brand cost computed from budgets in whole yuan may differ from the budget by rounding.
_FEN = 0.005


@dataclass(frozen=True)
class Thresholds:
    """The settings of the guardrails (MODEL.md section 12)."""

    saturation: float = 0.9  # reach above this part of the audience cap
    concentration: float = 0.3  # one note's part of the plan's budget


@dataclass(frozen=True)
class Warning:
    note_id: str | None
    code: str
    message: str


def over_budget(plan: Plan, result: Estimate) -> Warning | None:
    """The plan's brand cost above its brand budget (by more than a fen)."""
    cost, budget = result.totals["brand_cost"] or 0.0, plan.params.brand_budget
    if plan.params.fees_in_budget:  # MODEL.md section 11: the brand budget pays the creators too
        cost += result.totals["creator_fee"] or 0.0
    if cost <= budget + _FEN:
        return None
    return Warning(None, OVER_BUDGET, _(
        "the brand pays {cost}, {over} more than the brand budget of {budget}: lower some budgets, or raise the "
        "brand budget").format(cost=formats.money(cost), over=formats.money(cost - budget),
                               budget=formats.money(budget)))


def guardrails(plan: Plan, result: Estimate, thresholds: Thresholds | None = None) -> list[Warning]:
    """Every warning of the plan at its estimate: the plan's first, then the notes' in their order."""
    thresholds = thresholds or Thresholds()
    plan_level = [w for w in (over_budget(plan, result),) if w is not None]
    notes = plan.notes
    ids = notes["note_id"].to_numpy(dtype=object)
    budget = notes["budget"].to_numpy(dtype=float)
    found: list[tuple[int, Warning]] = []  # (note position, warning): sorted into the notes' order below
    low, high = notes["min_budget"].to_numpy(dtype=float), notes["max_budget"].to_numpy(dtype=float)
    outside = (budget < low - _FEN) | (~np.isnan(high) & (budget > high + _FEN))
    for i in np.flatnonzero(outside).tolist():
        bound = formats.money(high[i]) if np.isfinite(high[i]) else "—"
        found.append((i, Warning(str(ids[i]), OUTSIDE_BOUNDS, _(
            "a budget of {budget} outside its bounds {low} – {high}: the optimiser would move it").format(
            budget=formats.money(budget[i]), low=formats.money(low[i]), high=bound))))
    cap = notes["audience_cap"].to_numpy(dtype=float)
    reach = result.notes["impressions"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        saturated = ~np.isnan(cap) & (reach > thresholds.saturation * cap)
    for i in np.flatnonzero(saturated).tolist():
        found.append((i, Warning(str(ids[i]), SATURATED, _(
            "reaches {part} of its audience cap: more budget buys few new impressions").format(
            part=formats.percent(reach[i] / cap[i], 0)))))
    total = budget.sum()
    # With fewer notes than 1 / threshold (3 at 30%), some note always takes more: no warning to act on.
    if total > 0 and len(budget) * thresholds.concentration > 1:
        for i in np.flatnonzero(budget > thresholds.concentration * total).tolist():
            found.append((i, Warning(str(ids[i]), CONCENTRATION, _(
                "takes {part} of the plan's budget: the plan rests on one note").format(
                part=formats.percent(budget[i] / total, 0)))))
    found.sort(key=lambda item: item[0])  # stable: a note's warnings keep the order of the checks
    return plan_level + [warning for _position, warning in found]
