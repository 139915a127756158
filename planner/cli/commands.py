"""The commands of CONTRACT.md "Commands" over a plan file: new, optimize, estimate, export, fit-lifts,
apply-excel. Each reads its arguments, asks the core and prints what it did in the current language."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pandas as pd

from planner.cli.reports import format_estimate, notes_count, objective_value
from planner.formats import money
from planner.i18n import _, language, ngettext
from planner.model.errors import InputError, Problem
from planner.model.fields import label
from planner.model.guardrails import Warning, guardrails
from planner.model.plan import Plan, PlanParams, new_plan
from planner.model.scenarios import activate

EXIT_OK = 0


def load(args: argparse.Namespace) -> Plan:
    """The plan named on the command line, or the built-in demo plan with --demo."""
    from planner.io.planfile import load_plan

    if args.demo:
        from planner.resources import resource_path

        return load_plan(resource_path("demo.rcplan"))
    if args.plan is None:
        raise InputError([Problem("", None, None, None, _("a plan file (PLAN), or --demo for the built-in one"))])
    return load_plan(args.plan)


def read_history_option(args: argparse.Namespace) -> pd.DataFrame | None:
    """The history table of `--history FILE` (for the guardrails past history and unusual rates), or None."""
    path = getattr(args, "history", None)
    if path is None:
        return None
    from planner.io.tables import read_history

    return read_history(path)


def wrote(path: Path, what: str = "") -> None:
    """The last line of a command that saved a file."""
    print(_("wrote {file}: {what}").format(file=path, what=what) if what else _("wrote {file}").format(file=path))


def cmd_new(args: argparse.Namespace) -> int:
    from planner.io.planfile import save_plan
    from planner.io.tables import read_notes
    from planner.io.tables.lifts import read_lifts

    notes = read_notes(args.notes)
    lifts = read_lifts(args.lifts) if args.lifts else None
    params = PlanParams(brand_budget=args.brand_budget, objective=args.objective, joint=args.joint,
                        platform_share=args.platform_share, platform_cap=args.platform_cap,
                        budget_step=args.budget_step, fees_in_budget=args.fees_in_budget)
    plan = new_plan(notes, name=args.name or args.notes.stem, lifts=lifts, params=params)
    save_plan(plan, args.output)
    wrote(args.output, notes_count(len(plan.notes)))
    return EXIT_OK


def cmd_optimize(args: argparse.Namespace) -> int:
    from planner.cli.scenario_commands import with_scenario
    from planner.io.planfile import save_plan
    from planner.model.optimiser import optimise, optimise_for_target

    history = read_history_option(args)
    plan = load(args)
    shown = with_scenario(args, plan)
    if args.target is not None:
        result = optimise_for_target(shown, args.target, args.objective)
    else:
        result = optimise(shown, args.brand_budget, args.objective)
    output = args.output or args.plan
    if output is None:
        raise InputError([Problem("", None, None, None, _("-o OUT to write the optimised demo plan to"))])
    save_plan(activate(result.plan, plan.scenario.name), output)
    saved = result.plan
    if result.nothing_to_allocate:
        print(_("the plan has no notes: nothing to allocate, budgets unchanged"))
    else:
        print(_("{objective}: {value} for a brand cost of {cost} (brand budget {budget})").format(
            objective=label(result.objective, language()), value=objective_value(result.objective, result.value),
            cost=money(result.brand_cost), budget=money(result.plan.params.brand_budget)))
    wrote(output)
    warn_after(saved, history)
    return EXIT_OK


def cmd_estimate(args: argparse.Namespace) -> int:
    from planner.cli.scenario_commands import with_scenario
    from planner.io.estimate_json import estimate_document
    from planner.model.funnel import estimate
    from planner.model.pacing import pace
    from planner.model.uncertainty import uncertainty

    history = read_history_option(args)
    plan = with_scenario(args, load(args))
    result = estimate(plan)
    spread = uncertainty(plan)
    found = guardrails(plan, result, history=history)
    if args.json:
        daily = pace(plan, result) if plan.calendar is not None else None
        document = estimate_document(plan, result, spread, daily, found)
        json.dump(document, sys.stdout, ensure_ascii=False, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_estimate(plan, result.totals, spread))
        print_warnings(found)
    return EXIT_OK


def print_warnings(found: list[Warning]) -> None:
    """The guardrails' warnings after a command's report (stdout: they are part of what it says, not a failure)."""
    if not found:
        return
    print("\n" + ngettext("{n} warning:", "{n} warnings:", len(found)).format(n=len(found)))
    for warning in found:
        where = _("plan") if warning.note_id is None else _("note {note}").format(note=warning.note_id)
        print(_("  warning: {where}: {message}").format(where=where, message=warning.message))


def warn_after(plan: Plan, history: pd.DataFrame | None = None) -> None:
    """The warnings of a plan just saved by a command (over budget after edits, and the rest)."""
    from planner.model.funnel import estimate

    print_warnings(guardrails(plan, estimate(plan), history=history))


def cmd_fit_lifts(args: argparse.Namespace) -> int:
    from planner.io.tables import read_history
    from planner.io.tables.lifts import write_lifts
    from planner.model.fitting import fit_lifts, report_lines

    result = fit_lifts(read_history(args.history))
    write_lifts(result.lifts, args.output)
    if args.json:
        table = result.lifts.table.reset_index()
        document = {"lifts": json.loads(table.to_json(orient="records")), "report": report_lines(result)}
        json.dump(document, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print("\n".join(report_lines(result)))
        wrote(args.output)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from planner.cli.scenario_commands import with_scenario
    from planner.io.excel.export import export_plan

    plan = with_scenario(args, load(args))
    lang = getattr(args, "lang", "zh")  # the workbook is for the brand: Chinese unless asked otherwise
    export_plan(plan, args.output, lang)
    wrote(args.output, _("{notes} ({language})").format(
        notes=notes_count(len(plan.notes)), language=_("Chinese") if lang == "zh" else _("English")))
    return EXIT_OK


def cmd_apply_excel(args: argparse.Namespace) -> int:
    from planner.cli.scenario_commands import with_scenario
    from planner.io.excel.read import apply_edits, edits_table, read_edits
    from planner.io.planfile import load_plan, save_plan

    plan = load_plan(args.plan)
    shown = with_scenario(args, plan)
    edits = read_edits(shown, args.edited)  # every problem, or nothing applied
    print("\n".join(edits_table(edits)))
    output = args.output or args.plan
    edited = apply_edits(shown, edits)
    save_plan(activate(edited, plan.scenario.name), output)
    wrote(output)
    warn_after(edited)
    return EXIT_OK
