"""planner-cli: the planning core without a window (CONTRACT.md "Commands").

Exit status: 0 done; 2 invalid input (one line per problem on stderr), which includes an output that is not a
regular file (a folder, a device, a named pipe: the command line names the wrong thing); 1 anything else, such as
a file that cannot be read or written (a full disk, a read-only folder), reported as "planner-cli: FILE: reason".
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from planner import __version__
from planner.heap import keep_freed_memory
from planner.model.errors import InputError, PlanError, Problem
from planner.model.fields import label
from planner.model.limits import MAX_AMOUNT, MAX_COUNT
from planner.model.notes import AMOUNT_RANGE
from planner.model.plan import OBJECTIVES, Plan, PlanParams, new_plan

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


def _number(text: str, what: str) -> float:
    """A number argument: 1000, 1,000, ¥1,000 or ￥1000 (`what` names it in the message)."""
    cleaned = text.strip().replace(",", "").replace("¥", "").replace("￥", "")
    try:
        return float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not {what} (e.g. 50000 or ¥50,000)") from None


def _amount(text: str) -> float:
    """A money argument (--brand-budget, --platform-cap), within the model's bound (planner.model.limits)."""
    value = _number(text, "an amount")
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not an amount of 0 or more")
    if not value <= MAX_AMOUNT:
        raise argparse.ArgumentTypeError(f"{text!r} is not {AMOUNT_RANGE}")
    return value


def _target(text: str) -> float:
    """The --target of an objective (orders, GMV in ¥, ...), at most MAX_COUNT, the bound of every count."""
    value = _number(text, "a target")
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a target of 0 or more")
    if not value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a target from 0 to {MAX_COUNT:,.0f} (more is past any real campaign's total: "
            "a typo or a unit mix-up?)")
    return value


def _share(text: str) -> float:
    """A share argument: 0.5 or 50%."""
    cleaned = text.strip()
    try:
        value = float(cleaned[:-1]) / 100 if cleaned.endswith("%") else float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share (e.g. 0.5 or 50%)") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a share from 0 to 1 (or 0% to 100%)")
    return value


def _plan_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("plan", type=Path, nargs="?", help="plan file (.rcplan)")
    command.add_argument("--demo", action="store_true", help="use the built-in demo plan instead of PLAN")


def _load(args: argparse.Namespace) -> Plan:
    """The plan named on the command line, or the built-in demo plan with --demo."""
    from planner.io.planfile import load_plan

    if args.demo:
        from planner.resources import resource_path

        return load_plan(resource_path("demo.rcplan"))
    if args.plan is None:
        raise InputError([Problem("", None, None, None, "a plan file (PLAN), or --demo for the built-in one")])
    return load_plan(args.plan)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="planner-cli", description="RedCat Planner (红猫投放规划) without a window.")
    parser.add_argument("--version", action="version", version=f"RedCat Planner {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="make a plan file from a notes table")
    new.add_argument("--notes", required=True, type=Path, help="notes table (CSV or XLSX)")
    new.add_argument("--lifts", type=Path, help="lifts table (CSV); default: the article's figures")
    new.add_argument("--name", default="", help="plan name")
    new.add_argument("--brand-budget", type=_amount, default=0.0)
    new.add_argument("--joint", action=argparse.BooleanOptionalAction, default=True,
                     help="joint investment (联投) on or off (default on)")
    new.add_argument("--platform-share", type=_share, default=0.5)
    new.add_argument("--platform-cap", type=_amount, default=None)
    new.add_argument("--objective", choices=OBJECTIVES, default="orders")
    new.add_argument("-o", "--output", required=True, type=Path)

    optimize = commands.add_parser("optimize", help="set the budgets by the optimiser")
    _plan_argument(optimize)
    optimize.add_argument("--brand-budget", type=_amount)
    optimize.add_argument("--objective", choices=OBJECTIVES)
    optimize.add_argument("--target", type=_target, help="the least budget that reaches this value")
    optimize.add_argument("-o", "--output", type=Path, help="write here instead of in place")

    estimate = commands.add_parser("estimate", help="print the estimates")
    _plan_argument(estimate)
    estimate.add_argument("--json", action="store_true", help="print the JSON document of CONTRACT.md")

    export = commands.add_parser("export", help="write the Excel plan")
    _plan_argument(export)
    export.add_argument("-o", "--output", required=True, type=Path)
    export.add_argument("--lang", choices=("zh", "en"), default="zh")

    fit = commands.add_parser("fit-lifts", help="fit lifts from a history table")
    fit.add_argument("history", type=Path)
    fit.add_argument("-o", "--output", required=True, type=Path)
    fit.add_argument("--json", action="store_true", help="print the fitted table and report as JSON")

    apply = commands.add_parser("apply-excel", help="read back budgets edited in an exported plan")
    apply.add_argument("plan", type=Path)
    apply.add_argument("edited", type=Path)
    apply.add_argument("-o", "--output", type=Path, help="write here instead of in place")
    return parser


def cmd_new(args: argparse.Namespace) -> int:
    from planner.io.planfile import save_plan
    from planner.io.tables import read_notes
    from planner.io.tables.lifts import read_lifts

    notes = read_notes(args.notes)
    lifts = read_lifts(args.lifts) if args.lifts else None
    params = PlanParams(brand_budget=args.brand_budget, objective=args.objective, joint=args.joint,
                        platform_share=args.platform_share, platform_cap=args.platform_cap)
    plan = new_plan(notes, name=args.name or args.notes.stem, lifts=lifts, params=params)
    save_plan(plan, args.output)
    print(f"wrote {args.output}: {len(plan.notes)} notes")
    return EXIT_OK


def cmd_optimize(args: argparse.Namespace) -> int:
    from planner.io.planfile import save_plan
    from planner.model.optimiser import optimise, optimise_for_target

    plan = _load(args)
    if args.target is not None:
        result = optimise_for_target(plan, args.target, args.objective)
    else:
        result = optimise(plan, args.brand_budget, args.objective)
    output = args.output or args.plan
    if output is None:
        raise InputError([Problem("", None, None, None, "-o OUT to write the optimised demo plan to")])
    save_plan(result.plan, output)
    if result.nothing_to_allocate:
        print(f"the plan has no notes: nothing to allocate, budgets unchanged; wrote {output}")
        return EXIT_OK
    print(f"{result.objective}: {result.value:,.2f} for a brand cost of ¥{result.brand_cost:,.2f} "
          f"(brand budget ¥{result.plan.params.brand_budget:,.0f}); wrote {output}")
    return EXIT_OK


def cmd_estimate(args: argparse.Namespace) -> int:
    from planner.io.estimate_json import estimate_document
    from planner.model.funnel import estimate
    from planner.model.uncertainty import uncertainty

    plan = _load(args)
    result = estimate(plan)
    spread = uncertainty(plan)
    if args.json:
        json.dump(estimate_document(plan, result, spread), sys.stdout, ensure_ascii=False, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_estimate(plan, result.totals, spread))
    return EXIT_OK


def format_estimate(plan: Plan, totals: dict[str, float | None], spread: dict[str, dict[str, float]]) -> str:
    """The estimate as a short text report for a terminal."""
    p = plan.params
    cap = "none" if p.platform_cap is None else f"¥{p.platform_cap:,.0f}"
    lines = [f"Plan: {plan.name or '(unnamed)'} — {len(plan.notes)} notes",
             f"Brand budget ¥{p.brand_budget:,.0f}, objective {p.objective}, joint investment "
             f"{'on' if p.joint else 'off'}, platform share {p.platform_share:.0%}, platform cap {cap}", ""]
    rows = [("budget", "¥"), ("brand_cost", "¥"), ("platform_cost", "¥"), ("impressions", ""), ("clicks", ""),
            ("interactions", ""), ("store_visits", ""), ("orders", ""), ("gmv", "¥"), ("roi", "x"),
            ("brand_roi", "x"), ("cpa", "¥")]
    for key, unit in rows:
        value = totals[key]
        if value is None:
            shown = "—"
        elif unit == "x":
            shown = f"{value:,.2f}"
        else:
            shown = f"{unit}{value:,.2f}" if unit else f"{value:,.0f}"
        lines.append(f"{label(key, 'en'):<14}{shown:>20}")
    lines.append("")
    for key in ("orders", "gmv"):
        band = spread[key]
        lines.append(f"{label(key, 'en')} P10 / P50 / P90: {band['p10']:,.0f} / {band['p50']:,.0f} / {band['p90']:,.0f}")
    return "\n".join(lines) + "\n"


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
        print(f"wrote {args.output}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from planner.io.excel.export import export_plan

    plan = _load(args)
    export_plan(plan, args.output, args.lang)
    print(f"wrote {args.output}: {len(plan.notes)} notes ({'Chinese' if args.lang == 'zh' else 'English'})")
    return EXIT_OK


def cmd_apply_excel(args: argparse.Namespace) -> int:
    from planner.io.excel.read import apply_edits, edits_table, read_edits
    from planner.io.planfile import load_plan, save_plan

    plan = load_plan(args.plan)
    edits = read_edits(plan, args.edited)  # every problem, or nothing applied
    print("\n".join(edits_table(edits)))
    output = args.output or args.plan
    save_plan(apply_edits(plan, edits), output)
    print(f"wrote {output}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new, "optimize": cmd_optimize, "estimate": cmd_estimate, "export": cmd_export,
    "fit-lifts": cmd_fit_lifts, "apply-excel": cmd_apply_excel,
}


def report_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(str(problem), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    keep_freed_memory()
    try:
        return COMMANDS[args.command](args)
    except InputError as error:
        report_problems(error.problems)
        return EXIT_INVALID
    except PlanError as error:
        print(f"planner-cli: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(f"planner-cli: {os_error_text(error)}", file=sys.stderr)
        return EXIT_FAILED


def os_error_text(error: OSError) -> str:
    """A file error in words: FILE: the system's reason (e.g. No space left on device), or the reason alone."""
    reason = error.strerror or str(error)
    return f"{error.filename}: {reason}" if error.filename else reason


if __name__ == "__main__":
    sys.exit(main())
