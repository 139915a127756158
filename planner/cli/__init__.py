"""planner-cli: the planning core without a window (CONTRACT.md "Commands"), in Chinese or English.

Exit status: 0 done; 2 invalid input (one line per problem on stderr), which includes an output that is not a
regular file (a folder, a device, a named pipe: the command line names the wrong thing); 1 anything else, such as
a file that cannot be read or written (a full disk, a read-only folder), reported as "planner-cli: FILE: reason".
The language is `--lang zh|en` (before or after the command), else the locale's (LANGUAGE, LC_ALL, LANG).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import __version__, i18n
from planner.cli import arguments, export_commands, track_commands
from planner.cli.commands import (
    cmd_apply_excel,
    cmd_estimate,
    cmd_export,
    cmd_fit_lifts,
    cmd_new,
    cmd_optimize,
)
from planner.cli.scenario_commands import cmd_calendar, cmd_compare, cmd_pace, cmd_scenario
from planner.heap import keep_freed_memory
from planner.i18n import _
from planner.io.files import os_reason
from planner.model.errors import InputError, PlanError, Problem
from planner.model.plan import BUDGET_STEPS, NEW_PLAN_STEP, OBJECTIVES

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2

COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new, "optimize": cmd_optimize, "estimate": cmd_estimate, "export": cmd_export,
    "fit-lifts": cmd_fit_lifts, "apply-excel": cmd_apply_excel, "scenario": cmd_scenario, "compare": cmd_compare,
    "calendar": cmd_calendar, "pace": cmd_pace, "import-export": export_commands.cmd_import_export,
    "track": track_commands.cmd_track, "replan": track_commands.cmd_replan,
}


def build_parser() -> argparse.ArgumentParser:
    """The parser, its help in the current language (set the language first)."""
    arguments.speak_argparse()
    common = arguments.language_option()
    parser = argparse.ArgumentParser(prog="planner-cli", parents=[common],
                                     description=_("RedCat Planner (红猫投放规划) without a window."))
    parser.add_argument("--version", action="version", version=f"RedCat Planner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar=_("COMMAND"))

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=help_text, parents=[common])

    new = command("new", _("make a plan file from a notes table"))
    new.add_argument("--notes", required=True, type=Path, help=_("notes table (CSV or XLSX)"))
    new.add_argument("--lifts", type=Path, help=_("lifts table (CSV); default: the article's figures"))
    new.add_argument("--name", default="", help=_("plan name"))
    new.add_argument("--brand-budget", type=arguments.amount, default=0.0)
    new.add_argument("--joint", action=argparse.BooleanOptionalAction, default=True,
                     help=_("joint investment (联投) on or off (default on)"))
    new.add_argument("--platform-share", type=arguments.share, default=0.5)
    new.add_argument("--platform-cap", type=arguments.amount, default=None)
    new.add_argument("--objective", choices=OBJECTIVES, default="orders")
    new.add_argument("--fees-in-budget", action="store_true",
                     help=_("the brand budget covers creator fees too (default: boosts only)"))
    new.add_argument("--budget-step", type=float, choices=BUDGET_STEPS, default=NEW_PLAN_STEP,
                     help=_("budgets come out in multiples of this many yuan (default 100)"))
    new.add_argument("-o", "--output", required=True, type=Path)

    optimize = command("optimize", _("set the budgets by the optimiser"))
    arguments.plan_argument(optimize)
    optimize.add_argument("--brand-budget", type=arguments.amount)
    optimize.add_argument("--objective", choices=OBJECTIVES)
    optimize.add_argument("--target", type=arguments.target, help=_("the least budget that reaches this value"))
    optimize.add_argument("-o", "--output", type=Path, help=_("write here instead of in place"))

    estimate = command("estimate", _("print the estimates"))
    arguments.plan_argument(estimate)
    estimate.add_argument("--json", action="store_true", help=_("print the JSON document of CONTRACT.md"))

    export = command("export", _("write the Excel plan (in Chinese unless --lang en)"))
    arguments.plan_argument(export)
    export.add_argument("-o", "--output", required=True, type=Path)

    fit = command("fit-lifts", _("fit lifts from a history table"))
    fit.add_argument("history", type=Path)
    fit.add_argument("-o", "--output", required=True, type=Path)
    fit.add_argument("--json", action="store_true", help=_("print the fitted table and report as JSON"))

    apply = command("apply-excel", _("read back budgets edited in an exported plan"))
    apply.add_argument("plan", type=Path)
    apply.add_argument("edited", type=Path)
    apply.add_argument("-o", "--output", type=Path, help=_("write here instead of in place"))

    scenario = command("scenario", _("list, add, rename, remove or activate the plan's scenarios"))
    actions = scenario.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    listing = actions.add_parser("list", help=_("the plan's scenarios, the active one marked *"), parents=[common])
    listing.add_argument("plan", type=Path)
    listing.add_argument("--json", action="store_true")
    add = actions.add_parser("add", help=_("a new scenario, a copy of the active one or of --from"), parents=[common])
    add.add_argument("plan", type=Path)
    add.add_argument("name")
    add.add_argument("--from", dest="source", help=_("the scenario to copy"))
    rename = actions.add_parser("rename", help=_("rename a scenario"), parents=[common])
    rename.add_argument("plan", type=Path)
    rename.add_argument("name")
    rename.add_argument("new_name")
    for action, help_text in (("remove", _("remove a scenario")), ("activate", _("make a scenario the active one"))):
        step = actions.add_parser(action, help=help_text, parents=[common])
        step.add_argument("plan", type=Path)
        step.add_argument("name")

    compare = command("compare", _("totals of every scenario side by side, differences to the base"))
    arguments.plan_argument(compare)
    compare.add_argument("--base", help=_("the scenario the others are compared with (default: the active one)"))
    compare.add_argument("--json", action="store_true")

    calendar = command("calendar", _("set the campaign calendar: a shipped preset or a calendar table"))
    calendar.add_argument("plan", type=Path)
    calendar.add_argument("--preset", choices=preset_choices())
    calendar.add_argument("--file", type=Path, help=_("a calendar table: phase, start, end, weight, shape"))

    pace = command("pace", _("the daily plan: spend, brand and platform money, outcomes per day"))
    arguments.plan_argument(pace)
    pace.add_argument("--json", action="store_true")
    pace.add_argument("-o", "--output", type=Path, help=_("write the daily plan as CSV"))

    export_commands.add_parser(command("import-export", _("read platform exports (聚光, 蒲公英, 星河, 薯条, 小红星) into "
                                                          "a notes, history or actuals table")))

    for planned in (optimize, estimate, export, apply, pace):
        planned.add_argument("--scenario", help=_("the scenario to use (default: the active one)"))
    for warned in (optimize, estimate):
        warned.add_argument("--history", type=Path, help=_("a history table: warn of budgets past history and "
                                                           "unusual rates"))
    track_commands.add_parsers(commands, common)
    return parser


def preset_choices() -> list[str]:
    from planner.io.calendars import preset_keys

    return preset_keys()


def report_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(arguments.language_in(words) or i18n.language_from_environment())
    args = build_parser().parse_args(words)
    keep_freed_memory()
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        report_problems(error.problems)
        return EXIT_INVALID
    except PlanError as error:
        print(f"planner-cli: {error}", file=sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:  # the reader went away (`planner-cli pace PLAN | head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILED
    except OSError as error:
        print(f"planner-cli: {os_error_text(error)}", file=sys.stderr)
        return EXIT_FAILED


def os_error_text(error: OSError) -> str:
    """A file error in words: FILE: the reason (e.g. No space left on device), or the reason alone."""
    reason = os_reason(error)
    return f"{error.filename}: {reason}" if error.filename else reason


if __name__ == "__main__":
    sys.exit(main())
