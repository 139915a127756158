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

from planner import formats
from planner.cli.commands import print_warnings, read_history_option, wrote
from planner.cli.reports import objective_value
from planner.cli.scenario_commands import with_scenario
from planner.i18n import N_, _, language, ngettext
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
    shown = _Shown()
    out.write("\n".join(_plan_lines(tracking, shown)) + "\n")
    out.write(_("Pacing of spend to date: {status}").format(status=_status(tracking.status)) + "\n")
    for block in _note_blocks(tracking, shown):
        out.write("\n" + block + "\n")
    return EXIT_OK


def _status(status: str) -> str:
    return _(STATUS_WORDS[status]) if status else formats.MISSING


def _shown(key: str, value: float) -> str:
    return formats.money(value) if key in MONEY else formats.count(value)


def _signed(key: str, value: float) -> str:
    text = _shown(key, value)
    return "+" + text if value > 0 and text != formats.MISSING else text


FIGURES = ("planned", "actual", "variance", "achievement")
FIGURE_WORDS = {"planned": N_("planned"), "actual": N_("actual"), "variance": N_("variance"),
                "achievement": N_("achievement")}


class _Shown:
    """The words and cells of the tracking tables, each column formatted once for every note (no work per cell
    beyond the formatting itself: a plan has thousands of notes)."""

    def __init__(self) -> None:
        lang = language()
        self.names = {key: pick(ACTUALS_FIELD[key].label, lang) for key in TRACKED}  # the actuals' 消费, not 花费
        self.width = max(formats.display_width(name) for name in self.names.values()) + 2
        self.header = " " * self.width + "".join(formats.right(_(FIGURE_WORDS[figure]), 16) for figure in FIGURES)
        self.rate_names = {rate: label(rate, lang) for rate in OBSERVED}
        self.rates_header = _("rates: planned → observed (events / exposures)")
        self.rate_line = _("{rate}: {planned} → {observed} ({events} / {exposures})")

    def cells(self, key: str, figure: str, values: np.ndarray) -> list[str]:
        if figure == "achievement":
            return [formats.right(formats.percent(v, 1), 16) for v in values.tolist()]
        show = _signed if figure == "variance" else _shown
        return [formats.right(show(key, v), 16) for v in values.tolist()]

    def table(self, cells: dict[str, list[list[str]]], i: int, indent: str) -> list[str]:
        """The figures table of row `i` of `cells` (key -> one list of cells per figure)."""
        return [indent + self.header] + [indent + formats.padded(self.names[key], self.width)
                                         + "".join(column[i] for column in cells[key]) for key in TRACKED]


def _plan_lines(tracking: Tracking, shown: _Shown) -> list[str]:
    cells = {key: [shown.cells(key, figure, np.array([tracking.totals.at[key, figure]], dtype=float))
                   for figure in FIGURES] for key in TRACKED}
    return shown.table(cells, 0, "  ")


def _note_blocks(tracking: Tracking, shown: _Shown) -> list[str]:
    """Each note's block: its status, its figures to date, its observed rates beside the planned ones."""
    notes, rates = tracking.notes, tracking.rates
    cells = {key: [shown.cells(key, figure, notes[f"{figure}_{key}"].to_numpy(dtype=float)) for figure in FIGURES]
             for key in TRACKED}
    percents = {column: [formats.percent(v) for v in rates[column].to_numpy(dtype=float).tolist()]
                for rate in OBSERVED for column in (f"planned_{rate}", f"observed_{rate}")}
    counts = {column: [formats.count(v) for v in rates[column].to_numpy(dtype=float).tolist()]
              for rate in OBSERVED for column in (f"{rate}_events", f"{rate}_exposures")}
    heading = _("Note {note}: pacing {status}")
    ids, statuses = notes["note_id"].astype(str).tolist(), notes["status"].astype(str).tolist()
    blocks = []
    for i, note_id in enumerate(ids):
        lines = [heading.format(note=note_id, status=_status(statuses[i]))] + shown.table(cells, i, "  ")
        lines.append("  " + shown.rates_header)
        lines += ["    " + shown.rate_line.format(
            rate=shown.rate_names[rate], planned=percents[f"planned_{rate}"][i],
            observed=percents[f"observed_{rate}"][i], events=counts[f"{rate}_events"][i],
            exposures=counts[f"{rate}_exposures"][i]) for rate in OBSERVED]
        blocks.append("\n".join(lines))
    return blocks


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
