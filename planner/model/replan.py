"""Re-planning the rest of the campaign (MODEL.md section 10).

The money not yet spent goes to the remaining days by the optimiser of section 5, with each note's spend to
date as its minimum budget, the observed rates and the same parameters. The result is a new scenario on
observed rates, so the plan as it was stays for comparison. Its daily plan (planner.model.pacing) keeps the
actual spend of the days to date and spreads each note's new budget less its spend over its remaining days.
"""

from __future__ import annotations

import pandas as pd

from planner.i18n import _
from planner.model.optimiser import OptimiseResult, optimise
from planner.model.plan import Plan
from planner.model.scenarios import activate, add_scenario, scenario_names, with_settings
from planner.model.tracking import require


def replan_name(plan: Plan) -> str:
    """A free name for the re-planned scenario: "Re-plan 2025-05-20" (and a number when that is taken)."""
    assert plan.actuals is not None
    to_date = pd.Timestamp(plan.actuals["date"].max()).strftime("%Y-%m-%d")
    base = _("Re-plan {date}").format(date=to_date)
    taken = set(scenario_names(plan))
    name, n = base, 2
    while name in taken:
        name, n = f"{base} ({n})", n + 1
    return name


def replan(plan: Plan, name: str | None = None) -> tuple[Plan, OptimiseResult]:
    """The plan with a new active scenario `name`: the rest of the campaign re-optimised on observed rates.

    The scenario it came from stays as it was. Locked notes keep their budgets (raised to their spend to date
    if they spent more), and so does every note's maximum.
    """
    require(plan)
    name = name or replan_name(plan)
    shown = with_settings(activate(add_scenario(plan, name, plan.scenario.name), name), rates="observed")
    result = optimise(shown)  # on observed rates, each note at least its spend to date (optimiser.allocation_of)
    return result.plan, result
