"""Re-planning the rest of the campaign (MODEL.md section 10).

The money not yet spent goes to the remaining days by the optimiser of section 5, with each note's spend to
date as its minimum budget, the observed rates and the same parameters. The result is a new scenario on
observed rates, so the plan as it was stays for comparison; it keeps its cut-off day (the last day of actuals
it knew), so that later actuals track against it rather than replace it. Its daily plan (planner.model.pacing) keeps the
actual spend of the days to date and spreads each note's new budget less its spend over its remaining days.
"""

from __future__ import annotations

from dataclasses import replace

from planner.i18n import _
from planner.model.errors import InputError
from planner.model.observed import last_day
from planner.model.optimiser import OptimiseResult, optimise
from planner.model.plan import Plan, ScenarioSettings
from planner.model.scenarios import all_scenarios, name_problems
from planner.model.tracking import require


def replan_name(plan: Plan) -> str:
    """A free name for the re-planned scenario: "Re-plan 2025-05-20" (and a number when that is taken)."""
    assert plan.actuals is not None
    base = _("Re-plan {date}").format(date=last_day(plan.actuals).isoformat())
    taken = {scenario.name for scenario in plan.others} | {plan.scenario.name}  # without building each scenario
    name, n = base, 2
    while name in taken:
        name, n = f"{base} ({n})", n + 1
    return name


def _observed_copy(plan: Plan, name: str) -> Plan:
    """The plan showing a new scenario `name`, a copy of the active one on observed rates, after the others.

    As add_scenario, activate and with_settings would make it, without looking each note's budget up by id: the
    notes already hold the copy's budgets and locks.
    """
    scenarios = all_scenarios(plan)
    problems = name_problems(name, [scenario.name for scenario in scenarios])
    if problems:
        raise InputError(problems)
    assert plan.actuals is not None
    copy = replace(plan, scenario=ScenarioSettings(name.strip(), plan.scenario.lift_scale, "observed",
                                                   last_day(plan.actuals)),
                   others=tuple(scenarios), position=len(scenarios))
    if "actual_sums" in plan.__dict__:  # the same notes and actuals: their sums need not be summed again
        copy.__dict__["actual_sums"] = plan.__dict__["actual_sums"]
    return copy


def replan(plan: Plan, name: str | None = None) -> tuple[Plan, OptimiseResult]:
    """The plan with a new active scenario `name`: the rest of the campaign re-optimised on observed rates.

    The scenario it came from stays as it was. Locked notes keep their budgets (raised to their spend to date
    if they spent more), and so does every note's maximum.
    """
    require(plan)
    shown = _observed_copy(plan, name or replan_name(plan))
    result = optimise(shown)  # on observed rates, each note at least its spend to date (optimiser.allocation_of)
    return result.plan, result
