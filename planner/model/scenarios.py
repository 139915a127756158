"""Scenarios (MODEL.md section 8): what a planner varies, side by side over the same notes and lifts.

A plan holds one or more scenarios. The active one lives where every computation already looks: the plan's
parameters, the notes' `budget` and `locked` columns, and `plan.scenario` (its name, lift scale and rate
source). The others are kept whole in `plan.others`, their budgets and locks by note id, so that importing
or deleting notes never misaligns them (a note a scenario does not know has budget 0, unlocked).
Every function returns a new Plan; the GUI's undo is replacing the plan.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.errors import InputError, Problem
from planner.model.plan import Plan, PlanParams, ScenarioSettings

RATES = ("planned", "observed")
MAX_LIFT_SCALE = 10.0
MAX_NAME_CHARS = 100


@dataclass(frozen=True)
class Scenario:
    """One scenario whole: its name, parameters, budgets and locks (by note id), lift scale and rates."""

    name: str
    params: PlanParams
    budgets: pd.Series  # float, indexed by note_id
    locked: pd.Series  # bool, indexed by note_id
    lift_scale: float = 1.0
    rates: str = "planned"
    through: date | None = None  # a re-plan's cut-off day (ScenarioSettings.through)

    @property
    def settings(self) -> ScenarioSettings:
        """Its settings as the plan holds the active scenario's."""
        return ScenarioSettings(self.name, self.lift_scale, self.rates, self.through)

    def budgets_for(self, note_ids: pd.Series) -> np.ndarray:
        return self.budgets.reindex(note_ids.to_numpy()).fillna(0.0).to_numpy(dtype=float)

    def locked_for(self, note_ids: pd.Series) -> np.ndarray:
        return self.locked.reindex(note_ids.to_numpy()).fillna(False).to_numpy(dtype=bool)


def active(plan: Plan) -> Scenario:
    """The active scenario, as the plan's parameters and notes hold it."""
    ids = plan.notes["note_id"].to_numpy()
    settings = plan.scenario
    return Scenario(settings.name, plan.params, pd.Series(plan.notes["budget"].to_numpy(dtype=float), index=ids),
                    pd.Series(plan.notes["locked"].to_numpy(dtype=bool), index=ids), settings.lift_scale,
                    settings.rates, settings.through)


def all_scenarios(plan: Plan) -> list[Scenario]:
    """Every scenario in the plan's order, the active one among them."""
    scenarios = list(plan.others)
    scenarios.insert(min(plan.position, len(scenarios)), active(plan))
    return scenarios


def scenario_names(plan: Plan) -> list[str]:
    return [scenario.name for scenario in all_scenarios(plan)]


def _find(plan: Plan, name: str) -> int:
    names = scenario_names(plan)
    if name not in names:
        raise InputError([Problem("", None, "scenario", name, _("the name of one of the plan's scenarios: {names}").format(
            names=", ".join(names)))])
    return names.index(name)


def _with_active(plan: Plan, scenarios: list[Scenario], position: int) -> Plan:
    """The plan showing scenarios[position], the others kept in order."""
    chosen = scenarios[position]
    ids = plan.notes["note_id"]
    notes = plan.notes.copy()
    notes["budget"] = chosen.budgets_for(ids)
    notes["locked"] = chosen.locked_for(ids)
    return replace(plan, notes=notes, params=chosen.params, scenario=chosen.settings,
                   others=tuple(s for i, s in enumerate(scenarios) if i != position), position=position)


def activate(plan: Plan, name: str) -> Plan:
    """The plan with scenario `name` active (the table, cards and charts show it)."""
    position = _find(plan, name)
    return plan if position == plan.position else _with_active(plan, all_scenarios(plan), position)


def add_scenario(plan: Plan, name: str, source: str | None = None) -> Plan:
    """A new scenario `name`, a copy of `source` (default: the active one), after the others; not activated."""
    scenarios = all_scenarios(plan)
    _raise_if_bad_name(name, [s.name for s in scenarios])
    copied = scenarios[_find(plan, source)] if source is not None else active(plan)
    scenarios.append(replace(copied, name=name.strip()))
    return _with_active(plan, scenarios, plan.position)


def rename_scenario(plan: Plan, old: str, new: str) -> Plan:
    position = _find(plan, old)
    scenarios = all_scenarios(plan)
    _raise_if_bad_name(new, [s.name for i, s in enumerate(scenarios) if i != position])
    scenarios[position] = replace(scenarios[position], name=new.strip())
    return _with_active(plan, scenarios, plan.position)


def remove_scenario(plan: Plan, name: str) -> Plan:
    """The plan without scenario `name`; removing the active one activates its neighbour. The last one stays."""
    position = _find(plan, name)
    scenarios = all_scenarios(plan)
    if len(scenarios) == 1:
        raise InputError([Problem("", None, "scenario", name, _(
            "a scenario that is not the plan's only one (a plan keeps at least one)"))])
    del scenarios[position]
    showing = plan.position if position > plan.position else max(0, plan.position - 1)
    if position == plan.position:
        showing = min(position, len(scenarios) - 1)
    return _with_active(plan, scenarios, showing)


def with_settings(plan: Plan, lift_scale: float | None = None, rates: str | None = None) -> Plan:
    """The active scenario with another lift scale or rate source."""
    settings = plan.scenario
    changed = replace(settings, lift_scale=settings.lift_scale if lift_scale is None else lift_scale,
                      rates=settings.rates if rates is None else rates)
    problems = settings_problems(changed)
    if problems:
        raise InputError(problems)
    return replace(plan, scenario=changed)


def plan_of(plan: Plan, name: str) -> Plan:
    """The plan as scenario `name` shows it: estimate it to compare scenarios."""
    return activate(plan, name)


def _raise_if_bad_name(name: str, taken: list[str]) -> None:
    problems = name_problems(name, taken)
    if problems:
        raise InputError(problems)


def name_problems(name: str, taken: list[str], file: str = "", row: int | None = None) -> list[Problem]:
    """A scenario name must be text, unique in the plan and not too long."""
    text = name.strip()
    if not text:
        return [Problem(file, row, "scenario", name, _("a scenario name (it is required)"))]
    if len(text) > MAX_NAME_CHARS:
        return [Problem(file, row, "scenario", name, _("a scenario name of at most {n} characters").format(
            n=MAX_NAME_CHARS))]
    if text in taken:
        return [Problem(file, row, "scenario", name, _("a name no other scenario of the plan has"))]
    return []


def settings_problems(settings: ScenarioSettings, file: str = "", row: int | None = None) -> list[Problem]:
    problems = []
    if not (math.isfinite(settings.lift_scale) and 0 <= settings.lift_scale <= MAX_LIFT_SCALE):
        problems.append(Problem(file, row, "lift_scale", settings.lift_scale, _(
            "a factor on every lift from 0 to {most} (1 = the lifts as they are, 0.5 = half as strong)").format(
            most=f"{MAX_LIFT_SCALE:g}")))
    if settings.rates not in RATES:
        problems.append(Problem(file, row, "rates", settings.rates, _("planned or observed")))
    return problems


def scenario_problems(plan: Plan, file: str = "") -> list[Problem]:
    """Every problem of the scenarios: names, settings and the inactive ones' parameters."""
    problems: list[Problem] = []
    names: list[str] = []
    for scenario in all_scenarios(plan):
        problems += name_problems(scenario.name, names, file)
        names.append(scenario.name.strip())
        problems += settings_problems(scenario.settings, file)
        if scenario.name != plan.scenario.name:
            problems += scenario.params.problems(file)
    return problems
