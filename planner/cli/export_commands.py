"""`planner-cli import-export FILE... -o OUT [--as notes|history|actuals]`: the platforms' exports into a table.

Each derived field is printed with its formula, numbers, files and warnings, so that the table can be checked
before it is used. A field the exports cannot give honestly is not guessed: the command exits 2 naming it, and
the options that answer it (--set, --accept, --skip, --industry, --leave-out); a renamed column is mapped with
--map KIND:HEADER=COLUMN (the preset's name for it), as the wizard's choice is.
"""

from __future__ import annotations

import argparse
import re
from datetime import date
from pathlib import Path

from planner.i18n import _, ngettext
from planner.model.errors import InputError, Problem

EXIT_OK = 0
_DAYS = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})\s*\.\.\s*(\d{4}-\d{2}-\d{2})\s*$")


def day(text: str) -> date:
    """A day argument: 2025-05-20."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a day such as 2025-05-20").format(text=text)) from None


def days(text: str) -> tuple[date, date]:
    """A range of days: 2025-05-01..2025-05-15 (both included)."""
    match = _DAYS.match(text)
    if not match:
        raise argparse.ArgumentTypeError(_("{text!r} is not a range of days such as 2025-05-01..2025-05-15").format(
            text=text))
    first, last = day(match.group(1)), day(match.group(2))
    if last < first:
        raise argparse.ArgumentTypeError(_("{text!r} ends before it starts").format(text=text))
    return first, last


def pattern(text: str) -> str:
    """A regular expression over plan names."""
    try:
        re.compile(text)
    except re.error as error:
        raise argparse.ArgumentTypeError(_("{text!r} is not a pattern (a regular expression): {error}").format(
            text=text, error=error)) from None
    return text


def typed(text: str) -> tuple[str, float]:
    """--set FIELD=VALUE: a rate as 0.2 or 20%, a CPM or AOV in yuan."""
    from planner.io.exports.derive import RATES

    field, _sep, value = text.partition("=")
    field = field.strip()
    if field not in RATES or not value.strip():
        raise argparse.ArgumentTypeError(_("{text!r} is not FIELD=VALUE with FIELD one of {fields}").format(
            text=text, fields=", ".join(RATES)))
    cleaned = value.strip().replace("¥", "").replace("￥", "").replace(",", "")
    try:
        number = float(cleaned[:-1]) / 100 if cleaned.endswith("%") else float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r}: {value!r} is not a number").format(
            text=text, value=value)) from None
    return field, number


def mapping(text: str) -> tuple[str, str, str]:
    """--map KIND:HEADER=COLUMN: the file's header HEADER holds the preset's column COLUMN."""
    kind, _colon, rest = text.partition(":")
    header, _sep, column = rest.partition("=")
    if not (kind.strip() and header.strip() and column.strip()):
        raise argparse.ArgumentTypeError(_("{text!r} is not KIND:HEADER=COLUMN (such as juguang:点击次数=点击量)").format(
            text=text))
    return kind.strip(), header.strip(), column.strip()


def add_parser(command: argparse.ArgumentParser) -> None:
    """The import-export command's arguments."""
    from planner.io.exports import TARGETS
    from planner.io.exports.derive import RATES

    command.add_argument("files", nargs="+", type=Path, metavar="FILE", help=_("platform exports (CSV or XLSX)"))
    command.add_argument("-o", "--output", required=True, type=Path, help=_("the table to write (CSV)"))
    command.add_argument("--as", dest="target", choices=TARGETS, default="notes",
                         help=_("the table to make (default notes)"))
    command.add_argument("--from", dest="first_day", type=day, help=_("the first day of rows to read"))
    command.add_argument("--to", dest="last_day", type=day, help=_("the last day of rows to read"))
    command.add_argument("--gmv", choices=("item", "store"), default="item",
                         help=_("GMV of the linked item (订单商品成交GMV, default) or of the whole store (商家GMV)"))
    command.add_argument("--attribution", help=_("the attribution window (归因口径) to read, such as 15天"))
    command.add_argument("--industry", help=_("the industry of notes that have none"))
    command.add_argument("--base-days", type=days, help=_("history: the days of the base period, FIRST..LAST"))
    command.add_argument("--joint-days", type=days, help=_("history: the days of the joint period, FIRST..LAST"))
    command.add_argument("--joint-plans", type=pattern,
                         help=_("history: a pattern that the names (计划名称) of joint plans match"))
    command.add_argument("--set", dest="typed", type=typed, action="append", default=[], metavar="FIELD=VALUE",
                         help=_("a value for the notes the exports give none ({fields})").format(
                             fields=", ".join(RATES)))
    command.add_argument("--accept", action="append", default=[], choices=RATES,
                         help=_("use another definition the exports offer for this field (星河's per-reader "
                                "store-entry rate)"))
    command.add_argument("--skip", action="append", default=[], choices=RATES,
                         help=_("leave out the notes the exports give no value of this field"))
    command.add_argument("--leave-out", action="store_true",
                         help=_("leave out every note (row) without a value or with an invalid one"))
    command.add_argument("--map", dest="maps", type=mapping, action="append", default=[],
                         metavar="KIND:HEADER=COLUMN", help=_("a renamed column: HEADER holds the preset's COLUMN"))


def cmd_import_export(args: argparse.Namespace) -> int:
    from planner.io.exports import ACCEPT, SKIP, ExportOptions, Periods, import_exports
    from planner.io.tables.write import write_csv

    if args.target == "history" and not (args.joint_plans or args.base_days or args.joint_days):
        raise InputError([Problem("", None, None, None, _(
            "a history table needs periods: --base-days and --joint-days, or --joint-plans"))])
    answers: dict[str, str | float] = {"industry": args.industry or ""}
    answers |= {field: ACCEPT for field in args.accept} | {field: SKIP for field in args.skip}
    answers |= dict(args.typed)
    maps: dict[str, dict[str, str | None]] = {}
    for kind, header, column in args.maps:
        maps.setdefault(kind, {})[header] = column
    choices = {"gmv": args.gmv} | ({"attribution": args.attribution} if args.attribution else {})
    periods = Periods(args.base_days, args.joint_days, args.joint_plans or "")
    result = import_exports(args.files, ExportOptions(args.target, args.first_day, args.last_day, choices, periods,
                                                      answers, maps, args.leave_out))
    for derivation in result.derivations:
        print(derivation.text)
    for notice in result.notices:
        print(notice)
    if result.unresolved:
        files = " + ".join(path.name for path in args.files)
        raise InputError([Problem(files, None, None, None, item.text + " " + _answers(item.field, item.can_accept))
                          for item in result.unresolved])
    if result.problems:
        raise InputError(result.problems)
    if result.left_out:
        shown = ", ".join(result.left_out[:8]) + (", …" if len(result.left_out) > 8 else "")
        print(ngettext("{count:,} left out: {which}", "{count:,} left out: {which}", len(result.left_out)).format(
            count=len(result.left_out), which=shown))
    # A notes table holds the columns the exports gave (or were answered): imported to update a plan, it leaves
    # the plan's other values (its budgets, its ad and link flags) as they are.
    write_csv(result.table[result.columns] if args.target == "notes" else result.table, args.output)
    what = {"notes": ngettext("{count:,} note", "{count:,} notes", len(result.table)),
            "history": ngettext("{count:,} history row", "{count:,} history rows", len(result.table)),
            "actuals": ngettext("{count:,} actuals row", "{count:,} actuals rows", len(result.table))}[args.target]
    print(_("wrote {file}: {what}").format(file=args.output, what=what.format(count=len(result.table))))
    return EXIT_OK


def _answers(field: str, can_accept: bool) -> str:
    """The options that answer a field the exports cannot give."""
    if field == "industry":
        return _("(answer with --industry INDUSTRY)")
    if field in ("impressions", "clicks", "interactions", "store_visits", "spend"):
        return ""
    options = [f"--set {field}=VALUE", *([f"--accept {field}"] if can_accept else []), f"--skip {field}",
               "--leave-out"]
    return _("(answer with {options})").format(options=", ".join(options))
