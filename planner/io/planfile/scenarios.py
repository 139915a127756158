"""The plan file's sections of schema version 2: scenarios (each with its budgets and locks) and the calendar.

A scenario's budgets and locks are lists in the notes' order. The active scenario's are checked with the notes
(planner.model.notes.check_notes, at the notes' rows); the others' budgets by the same rule, each problem naming
its scenario.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.io.calendars import calendar_from_records, calendar_records
from planner.io.planfile.sections import read_params
from planner.model.calendar import Calendar, check_calendar
from planner.model.errors import InputError, Problem
from planner.model.notes import check_notes
from planner.model.plan import Plan, PlanParams, ScenarioSettings
from planner.model.scenarios import Scenario, name_problems, settings_problems

SCENARIO_COLUMNS = ("budget", "locked")  # the notes' columns each scenario holds for itself


def read_scenarios(section: Any, active_name: Any, file: str, problems: list[Problem]
                   ) -> tuple[list[Scenario], int] | None:
    """The scenarios (budgets still as raw lists, in `Scenario.budgets` by position) and the active one's place."""
    if not isinstance(section, list) or not section or not all(isinstance(item, dict) for item in section):
        problems.append(Problem(file, None, None, None, _('the "scenarios" section is not a list of scenarios')))
        return None
    scenarios: list[Scenario] = []
    names: list[str] = []
    for row, item in enumerate(section, start=1):
        name = item.get("name")
        if not isinstance(name, str):
            problems.append(Problem(file, row, "scenario", name, _("a scenario name as text")))
            return None
        found = name_problems(name, names, file, row)
        names.append(name.strip())
        params = read_params(item.get("params"), file, found)
        settings = ScenarioSettings(name, item.get("lift_scale", 1.0), item.get("rates", "planned"),
                                    _read_through(item.get("through"), file, row, found))
        if isinstance(settings.lift_scale, bool) or not isinstance(settings.lift_scale, int | float):
            found.append(Problem(file, row, "lift_scale", settings.lift_scale, _("a number")))
        else:
            found += settings_problems(replace(settings, lift_scale=float(settings.lift_scale)), file, row)
        budgets, locked = item.get("budgets"), item.get("locked")
        if not isinstance(budgets, list) or not isinstance(locked, list):
            found.append(Problem(file, row, "scenario", name, _("a scenario with a list of budgets and of locks")))
        problems += found
        if not isinstance(budgets, list) or not isinstance(locked, list):
            continue
        # A scenario with bad settings is still read, so that its notes' problems are reported too.
        scale = settings.lift_scale if isinstance(settings.lift_scale, int | float) else 1.0
        scenarios.append(Scenario(name, params or PlanParams(), pd.Series(budgets, dtype=object),
                                  pd.Series(locked, dtype=object), float(scale), str(settings.rates),
                                  settings.through))
    if len(scenarios) < len(section):
        return None
    if active_name not in names:
        problems.append(Problem(file, None, "active_scenario", active_name,
                                _("the name of one of the plan's scenarios: {names}").format(names=", ".join(names))))
        return None
    return scenarios, names.index(active_name)


def _read_through(value: Any, file: str, row: int, problems: list[Problem]) -> date | None:
    """A re-plan's cut-off day, "2025-05-20" (absent or null: none)."""
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    problems.append(Problem(file, row, "through", value, _("a day as 2025-05-20, or null")))
    return None


def with_active_columns(notes_section: Any, active: Scenario) -> Any:
    """The notes section with the active scenario's budgets and locks as its columns, for read_notes."""
    if not isinstance(notes_section, dict) or not isinstance(notes_section.get("columns"), dict):
        return notes_section
    columns = dict(notes_section["columns"])
    columns["budget"], columns["locked"] = active.budgets.tolist(), active.locked.tolist()
    return {**notes_section, "columns": columns}


def scenario_budget_problems(notes: pd.DataFrame, scenarios: list[Scenario], active: int, file: str
                             ) -> list[Problem]:
    """The inactive scenarios' budgets and locks held to the notes' rules, each problem naming its scenario."""
    problems: list[Problem] = []
    for i, scenario in enumerate(scenarios):
        if i == active:
            continue
        if len(scenario.budgets) != len(notes) or len(scenario.locked) != len(notes):
            problems.append(Problem(file, None, "scenario", scenario.name, _(
                "a budget and a lock for each of the {n} notes").format(n=len(notes))))
            continue
        trial = notes.copy()
        numbers = pd.to_numeric(scenario.budgets, errors="coerce")
        trial["budget"] = numbers.to_numpy(dtype=float)
        flags = scenario.locked.map(lambda value: value if isinstance(value, bool) else None)
        for position in np.flatnonzero(flags.isna().to_numpy()).tolist():
            problems.append(Problem(file, position + 1, "locked", scenario.locked.iat[position], _(
                "true or false (scenario {name})").format(name=scenario.name)))
        for problem in check_notes(trial, file, np.arange(1, len(trial) + 1)):
            if problem.column == "budget":
                problems.append(replace(problem, expected=_("{expected} (scenario {name})").format(
                    expected=problem.expected, name=scenario.name)))
        for position in np.flatnonzero(numbers.isna().to_numpy() & scenario.budgets.notna().to_numpy()).tolist():
            problems.append(Problem(file, position + 1, "budget", scenario.budgets.iat[position], _(
                "a number (scenario {name})").format(name=scenario.name)))
    return problems


def with_scenarios(plan: Plan, scenarios: list[Scenario], active: int) -> Plan:
    """`plan` (whose notes hold the active scenario's budgets) with all its scenarios, keyed by note id."""
    ids = plan.notes["note_id"].to_numpy()
    keyed = [replace(s, budgets=pd.Series(pd.to_numeric(s.budgets, errors="coerce").to_numpy(dtype=float), index=ids),
                     locked=pd.Series(s.locked.to_numpy(dtype=bool), index=ids)) for s in scenarios]
    chosen = keyed[active]
    return replace(plan, scenario=chosen.settings,
                   others=tuple(s for i, s in enumerate(keyed) if i != active), position=active)


def calendar_document(calendar: Calendar) -> dict[str, Any]:
    return {"name": calendar.name, "source": calendar.source, "phases": calendar_records(calendar)}


def read_calendar_section(section: Any, file: str, problems: list[Problem]) -> Calendar | None:
    """The "calendar" section (null: no calendar yet); its problems named as rows of its phases (first = 1)."""
    if section is None:
        return None
    phases = section.get("phases") if isinstance(section, dict) else None
    if not isinstance(phases, list) or not all(isinstance(phase, dict) for phase in phases):
        problems.append(Problem(file, None, "calendar", None, _('a "calendar" section with a list of phases, or null')))
        return None
    try:
        return calendar_from_records(phases, file, 1, str(section.get("source", "")), str(section.get("name", "")))
    except InputError as error:
        problems += error.problems
        return None


def calendar_problems(plan: Plan, file: str = "") -> list[Problem]:
    return [] if plan.calendar is None else check_calendar(plan.calendar, file, 1)
