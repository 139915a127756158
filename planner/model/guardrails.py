"""Guardrails (MODEL.md section 12): warnings, never errors, computed with every estimate.

Each warning has its note (None for the plan), a code and a sentence in the current language that says what
to check. A plan with warnings is still a valid plan: it saves, optimises and exports. The thresholds are the
plan's settings (planner.model.thresholds); past history and unusual rates need a history table
(planner.model.history_guards), and weak lift reads the plan's lift rows as fitting left them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner import formats
from planner.i18n import _, language, ngettext
from planner.model.fields import lift_row_label
from planner.model.fitting import weak_lift
from planner.model.funnel import Estimate, eligible_notes
from planner.model.history_guards import PAST_HISTORY, UNUSUAL_RATE, past_history, unusual_rates
from planner.model.plan import Plan
from planner.model.thresholds import Thresholds

OVER_BUDGET = "over_budget"
OUTSIDE_BOUNDS = "outside_bounds"
SATURATED = "saturated"
CONCENTRATION = "concentration"
WEAK_LIFT = "weak_lift"
CODES = (OVER_BUDGET, OUTSIDE_BOUNDS, PAST_HISTORY, SATURATED, UNUSUAL_RATE, WEAK_LIFT, CONCENTRATION)
# A fen of tolerance: brand cost computed from budgets in whole yuan may differ from the budget by rounding.
_FEN = 0.005


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


def weak_lifts(plan: Plan) -> list[Warning]:
    """The lift rows that eligible notes use and that are weak evidence (fitting.weak_lift), one warning each
    reason; none when joint investment is off (no lift applies)."""
    if not plan.params.joint or not len(plan.notes):
        return []
    table = plan.lifts.table
    used = np.bincount(plan.lifts.rows_for(plan.notes["industry"])[eligible_notes(plan)], minlength=len(table))
    found = []
    for position in np.flatnonzero(used).tolist():
        industry = str(table.index[position])
        for reason in weak_lift(table.iloc[position]):
            found.append(Warning(None, WEAK_LIFT, _("the lifts of {row} ({notes}): {why}").format(
                row=lift_row_label(industry, language()),
                notes=ngettext("used by {n} note", "used by {n} notes", int(used[position])).format(
                    n=f"{int(used[position]):,}"), why=reason.sentence)))
    return found


def guardrails(plan: Plan, result: Estimate, thresholds: Thresholds | None = None,
               history: pd.DataFrame | None = None) -> list[Warning]:
    """Every warning of the plan at its estimate: the plan's first, then the notes' in their order.

    `thresholds` default to the plan's; `history` (a completed history table) adds past history and unusual rates.
    """
    thresholds = thresholds or plan.thresholds
    plan_level = [w for w in (over_budget(plan, result),) if w is not None] + weak_lifts(plan)
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
    if history is not None and len(history):
        for i, code, message in past_history(plan, history, thresholds) + unusual_rates(plan, history, thresholds):
            found.append((i, Warning(str(ids[i]), code, message)))
    found.sort(key=lambda item: (item[0], CODES.index(item[1].code)))  # a note's warnings in the codes' order
    return plan_level + [warning for _position, warning in found]
