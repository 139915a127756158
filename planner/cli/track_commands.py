"""`planner-cli track PLAN ACTUALS [--json]` and `planner-cli replan PLAN ACTUALS [--name S]` (CONTRACT.md).

Both read ACTUALS (an actuals table: CSV or XLSX, Chinese or English headers) and merge it with the actuals
the plan has saved, each note's days in ACTUALS replacing the plan's figures of those days. `track` keeps the
merge in memory and writes nothing; `replan` saves the plan with the merged actuals and the new scenario. The
plan's active scenario stays the active one (as after every command with --scenario), so that tracking goes on
against the plan as it was; the re-plan is activated with `planner-cli scenario activate`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from planner import formats
from planner.cli.commands import print_warnings, read_history_option, wrote
from planner.cli.reports import objective_value
from planner.cli.scenario_commands import with_scenario
from planner.i18n import _, language, ngettext
from planner.model.fields import ACTUALS_FIELD, label, pick
from planner.model.observed import OBSERVED
from planner.model.plan import Plan
from planner.model.plan_actuals import ActualsImport, import_actuals
from planner.model.scenarios import activate
from planner.model.tracking import STATUS_WORDS, TRACKED, Tracking

EXIT_OK = 0
MOVED_NOTES = 10  # the notes whose budgets moved most, listed after a re-plan
MONEY = ("spend", "gmv")


def add_parsers(command: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """The track and replan commands."""
    track = command.add_parser("track", parents=[common],
                               help=_("plan vs actual to date, pacing status, observed rates"))
    _plan_and_actuals(track)
    track.add_argument("--json", action="store_true", help=_("print the tracking as JSON"))
    replan = command.add_parser("replan", parents=[common],
                                help=_("re-plan the rest of the campaign into a new scenario"))
    _plan_and_actuals(replan)
    replan.add_argument("--name", help=_('the new scenario\'s name (default: "Re-plan" and the last day with '
                                         "actuals)"))
    replan.add_argument("--history", type=Path, help=_("a history table: warn of budgets past history and "
                                                       "unusual rates"))


def _plan_and_actuals(command: argparse.ArgumentParser) -> None:
    command.add_argument("plan", type=Path, help=_("plan file (.rcplan)"))
    command.add_argument("actuals", type=Path, help=_("actuals table (CSV or XLSX): date, note_id, spend, "
                                                      "impressions, ..."))
    command.add_argument("--scenario", help=_("the scenario to use (default: the active one)"))


def with_actuals(plan: Plan, path: Path) -> ActualsImport:
    """`plan` with the actuals table at `path` merged into its own (InputError naming every bad cell)."""
    from planner.io.tables import import_table

    read = import_table(path, "actuals")  # a file that cannot be read as a table is refused here
    return import_actuals(plan, read.frame, path.name, read.rows, checked=read.problems)


def cmd_track(args: argparse.Namespace) -> int:
    from planner.io.planfile import load_plan
    from planner.io.tracking_json import tracking_document
    from planner.model.tracking import track

    imported = with_actuals(with_scenario(args, load_plan(args.plan)), args.actuals)
    plan = imported.plan
    tracking = track(plan)
    if args.json:
        json.dump(tracking_document(plan, tracking, imported), sys.stdout, ensure_ascii=False, allow_nan=False)
        sys.stdout.write("\n")
        return EXIT_OK
    out = sys.stdout
    out.write(_("Plan: {name}, scenario {scenario}: actuals to {day}").format(
        name=plan.name or _("(unnamed)"), scenario=plan.scenario.name, day=tracking.to_date.isoformat()) + "\n")
    out.write(imported.message() + "\n\n")
    out.write("\n".join(_figures_table(tracking.totals, "  ")) + "\n")
    out.write(_("Pacing of spend to date: {status}").format(status=_status(tracking.status)) + "\n")
    for i in range(len(tracking.notes)):
        out.write("\n" + "\n".join(_note_lines(tracking, i)) + "\n")
    return EXIT_OK


def _status(status: str) -> str:
    return _(STATUS_WORDS[status]) if status else formats.MISSING


def _shown(key: str, value: float) -> str:
    return formats.money(value) if key in MONEY else formats.count(value)


def _signed(key: str, value: float) -> str:
    text = _shown(key, value)
    return "+" + text if value > 0 and text != formats.MISSING else text


def _figures_table(figures: pd.DataFrame, indent: str) -> list[str]:
    """Planned, actual, variance and achievement of each tracked figure (rows: TRACKED)."""
    lang = language()
    names = {key: pick(ACTUALS_FIELD[key].label, lang) for key in TRACKED}  # the actuals' words: 消费, not 花费
    width = max(formats.display_width(name) for name in names.values()) + 2
    headers = [_("planned"), _("actual"), _("variance"), _("achievement")]
    lines = [indent + " " * width + "".join(formats.right(header, 16) for header in headers)]
    for key in TRACKED:
        planned, actual, variance, achievement = (float(figures.at[key, column]) for column in
                                                  ("planned", "actual", "variance", "achievement"))
        cells = [_shown(key, planned), _shown(key, actual), _signed(key, variance), formats.percent(achievement, 1)]
        lines.append(indent + formats.padded(names[key], width) + "".join(formats.right(cell, 16) for cell in cells))
    return lines


def _note_lines(tracking: Tracking, i: int) -> list[str]:
    """One note's block: its status, its figures to date, its observed rates beside the planned ones."""
    notes, rates = tracking.notes, tracking.rates
    lines = [_("Note {note}: pacing {status}").format(note=notes["note_id"].iat[i],
                                                      status=_status(str(notes["status"].iat[i])))]
    figures = pd.DataFrame({column: [float(notes[f"{column}_{key}"].iat[i]) for key in TRACKED]
                            for column in ("planned", "actual", "variance", "achievement")}, index=list(TRACKED))
    lines += _figures_table(figures, "  ")
    lines.append("  " + _("rates: planned → observed (events / exposures)"))
    lang = language()
    for rate in OBSERVED:
        lines.append("    " + _("{rate}: {planned} → {observed} ({events} / {exposures})").format(
            rate=label(rate, lang), planned=formats.percent(float(rates[f"planned_{rate}"].iat[i])),
            observed=formats.percent(float(rates[f"observed_{rate}"].iat[i])),
            events=formats.count(float(rates[f"{rate}_events"].iat[i])),
            exposures=formats.count(float(rates[f"{rate}_exposures"].iat[i]))))
    return lines


def cmd_replan(args: argparse.Namespace) -> int:
    from planner.io.planfile import load_plan, save_plan
    from planner.model.funnel import estimate
    from planner.model.guardrails import guardrails
    from planner.model.observed import spent_to_date
    from planner.model.replan import replan

    history = read_history_option(args)
    plan = load_plan(args.plan)
    before = with_scenario(args, plan)
    imported = with_actuals(before, args.actuals)
    replanned, result = replan(imported.plan, args.name)
    save_plan(activate(replanned, plan.scenario.name), args.plan)
    print(imported.message())
    spent = spent_to_date(replanned)
    print(_("New scenario {name}, from {base} on observed rates: the spend to date, {spent} over {notes}, is kept; "
            "the rest of the campaign is re-optimised").format(
        name=replanned.scenario.name, base=before.scenario.name, spent=formats.money(float(spent.sum())),
        notes=ngettext("{n} note", "{n} notes", int((spent > 0).sum())).format(n=f"{int((spent > 0).sum()):,}")))
    print(_("{objective}: {value} for a brand cost of {cost} (brand budget {budget})").format(
        objective=label(result.objective, language()), value=objective_value(result.objective, result.value),
        cost=formats.money(result.brand_cost), budget=formats.money(result.plan.params.brand_budget)))
    for line in moved_lines(before, replanned):
        print(line)
    wrote(args.plan)
    print(_("{active} stays the active scenario; to follow the re-plan: planner-cli scenario activate {file} "
            "\"{name}\"").format(active=plan.scenario.name, file=args.plan, name=replanned.scenario.name))
    print_warnings(guardrails(replanned, estimate(replanned), history=history))
    return EXIT_OK


def moved_lines(before: Plan, after: Plan) -> list[str]:
    """How much budget moved between notes, and the notes that moved most (old → new budget)."""
    old = before.notes["budget"].to_numpy(dtype=float)
    new = after.notes["budget"].to_numpy(dtype=float)
    change = new - old
    lines = [_("Budgets {before} → {after}; moved between notes: {moved} more to some, {less} less to others").format(
        before=formats.money(float(old.sum())), after=formats.money(float(new.sum())),
        moved=formats.money(float(change[change > 0].sum())), less=formats.money(float(-change[change < 0].sum())))]
    order = np.argsort(-np.abs(change), kind="stable")[:MOVED_NOTES]
    order = order[np.abs(change[order]) >= 0.5]  # whole yuan: less moved nothing
    ids = before.notes["note_id"].to_numpy(dtype=object)
    for i in order.tolist():
        lines.append("  " + _("{note}: {old} → {new} ({change})").format(
            note=ids[i], old=formats.money(old[i]), new=formats.money(new[i]),
            change=("+" if change[i] > 0 else "") + formats.money(change[i])))
    return lines
