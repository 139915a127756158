"""The commands of CONTRACT.md's schema-version-2 part over scenarios and the calendar: scenario, compare,
calendar, pace; and `--scenario NAME`, which the other plan commands take too."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from planner import formats
from planner.cli.commands import load, wrote
from planner.cli.reports import shown
from planner.i18n import _, language
from planner.model.errors import InputError, Problem
from planner.model.fields import label
from planner.model.plan import Plan
from planner.model.scenarios import (
    activate,
    add_scenario,
    all_scenarios,
    remove_scenario,
    rename_scenario,
    scenario_names,
)

EXIT_OK = 0
COMPARED_ROWS = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "store_visits", "orders", "gmv",
                 "roi", "brand_roi", "cpa")


def with_scenario(args: argparse.Namespace, plan: Plan) -> Plan:
    """The plan as `--scenario NAME` shows it (the active scenario without the option)."""
    name = getattr(args, "scenario", None)
    return plan if name is None else activate(plan, name)


def save_back(plan: Plan, shown_plan: Plan, output: Path) -> None:
    """Save `shown_plan` (a scenario shown by --scenario) with the plan's own active scenario active again."""
    from planner.io.planfile import save_plan

    save_plan(activate(shown_plan, plan.scenario.name), output)


def cmd_scenario(args: argparse.Namespace) -> int:
    from planner.io.planfile import load_plan, save_plan

    plan = load_plan(args.plan)
    action = args.action
    if action == "list":
        if args.json:
            _print_json([{"name": s.name, "active": s.name == plan.scenario.name, "brand_budget": s.params.brand_budget,
                          "objective": s.params.objective, "lift_scale": s.lift_scale, "rates": s.rates,
                          "budget": float(s.budgets.sum())} for s in all_scenarios(plan)])
        else:
            for scenario in all_scenarios(plan):
                mark = "*" if scenario.name == plan.scenario.name else " "
                print(_("{mark} {name}: brand budget {budget}, budgets {total}, lift scale {scale}").format(
                    mark=mark, name=scenario.name, budget=formats.money(scenario.params.brand_budget),
                    total=formats.money(float(scenario.budgets.sum())), scale=f"{scenario.lift_scale:g}"))
        return EXIT_OK
    if action == "add":
        changed = add_scenario(plan, args.name, args.source)
    elif action == "rename":
        changed = rename_scenario(plan, args.name, args.new_name)
    elif action == "remove":
        changed = remove_scenario(plan, args.name)
    else:
        changed = activate(plan, args.name)
    save_plan(changed, args.plan)
    print(_("scenarios: {names}; active: {active}").format(names=", ".join(scenario_names(changed)),
                                                           active=changed.scenario.name))
    wrote(args.plan)
    return EXIT_OK


def cmd_compare(args: argparse.Namespace) -> int:
    from planner.io.estimate_json import comparison_document
    from planner.model.compare import compare

    result = compare(load(args), args.base)
    if args.json:
        _print_json(comparison_document(result))
        return EXIT_OK
    lang = language()
    names = list(result.totals.columns)
    width = max(formats.display_width(label(key, lang)) for key in COMPARED_ROWS) + 2
    columns = [max(16, formats.display_width(name) + 2) for name in names]
    lines = [_("Scenarios compared with {base} (differences in brackets):").format(base=result.base), "",
             formats.padded("", width) + "".join(formats.right(name, w) for name, w in zip(names, columns, strict=True))]
    for key in COMPARED_ROWS:
        cells = []
        for name, w in zip(names, columns, strict=True):
            value = result.totals.at[key, name]
            cells.append(f"{shown(key, None if value != value else value):>{w}}")
        lines.append(formats.padded(label(key, lang), width) + "".join(cells))
        differences = [_difference(result.relative.at[key, name]) if name != result.base else ""
                       for name in names]
        if any(differences):
            lines.append(formats.padded("", width) + "".join(f"{d:>{w}}" for d, w in zip(differences, columns,
                                                                                           strict=True)))
    differing = result.notes_differing_most(10)
    if len(differing):
        lines += ["", _("Notes whose budgets differ most from {base}:").format(base=result.base)]
        for note_id, budgets in differing.iterrows():
            lines.append(f"  {note_id}: " + ", ".join(f"{name} {formats.money(budgets[name])}" for name in names))
    print("\n".join(lines))
    return EXIT_OK


def _difference(relative: float) -> str:
    return "" if relative != relative else f"({formats.percent(relative, 1, signed=True)})"


def cmd_calendar(args: argparse.Namespace) -> int:
    from planner.io.calendars import load_preset, read_calendar, start_text
    from planner.io.planfile import load_plan, save_plan

    plan = load_plan(args.plan)
    if args.preset is None and args.file is None:
        raise InputError([Problem("", None, None, None, _("--preset NAME or --file CALENDAR.csv"))])
    calendar = load_preset(args.preset) if args.preset is not None else read_calendar(args.file)
    changed = replace(plan, calendar=calendar)
    from planner.model.pacing import pace

    pace(changed)  # every note's window must meet the new campaign: refused before anything is saved
    save_plan(changed, args.plan)
    print(_("campaign {first} – {last}, {days} days: {name}").format(
        first=calendar.first_day.isoformat(), last=calendar.last_day.isoformat(), days=calendar.n_days,
        name=calendar.name or args.file))
    for phase in calendar.phases:
        shape = _("even") if phase.shape is None else f"{phase.shape:g}%"
        print(f"  {phase.name}  {start_text(phase)} – {phase.end.isoformat()}  "
              + _("weight {weight}, shape {shape}").format(weight=f"{phase.weight:g}", shape=shape))
    if calendar.source:
        print(calendar.source)
    wrote(args.plan)
    return EXIT_OK


def cmd_pace(args: argparse.Namespace) -> int:
    from planner.io.estimate_json import pacing_document
    from planner.model.pacing import pace

    daily = pace(with_scenario(args, load(args)))
    if args.output is not None:
        from planner.io.tables.write import write_csv

        write_csv(daily.frame(), args.output)
    if args.json:
        _print_json(pacing_document(daily))
    elif args.output is not None:
        wrote(args.output, _("{days} days").format(days=len(daily.dates)))
    else:
        frame = daily.frame()
        lang = language()
        header = [_("Date"), _("Phase"), _("Spend"), label("brand_cost", lang), label("platform_cost", lang),
                  _("Cumulative"), label("orders", lang), label("gmv", lang)]
        rows = [[row.date, row.phase, formats.money(row.spend), formats.money(row.brand), formats.money(row.platform),
                 formats.percent(row.cumulative_share, 1), formats.count(row.orders), formats.money(row.gmv)]
                for row in frame.itertuples()]  # one row per day: a few dozen
        widths = [max(formats.display_width(str(r[i])) for r in [header, *rows]) + 2 for i in range(len(header))]
        for row in [header, *rows]:
            print("".join(formats.padded(str(cell), width) for cell, width in zip(row, widths, strict=True)).rstrip())
    return EXIT_OK


def _print_json(document: Any) -> None:
    json.dump(document, sys.stdout, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
