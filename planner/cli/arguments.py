"""The command line's own words and values: number arguments, the plan argument, the language option.

argparse's messages (usage, errors, help headings) are translated through the same catalogue as ours:
argparse looks up `_` and `ngettext` in its module when it speaks, and `speak_argparse` points them at the
core's catalogue. Its English sources are listed in ARGPARSE_MESSAGES so that extraction finds them.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from planner import i18n
from planner.i18n import N_, _
from planner.model.limits import MAX_AMOUNT, MAX_COUNT

# argparse's messages that a user of planner-cli meets (Python 3.11), for the catalogue.
ARGPARSE_MESSAGES = (
    N_("usage: "), N_("positional arguments"), N_("options"), N_("show this help message and exit"),
    N_("show program's version number and exit"), N_("argument %(argument_name)s: %(message)s"),
    N_("%(prog)s: error: %(message)s\n"), N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"), N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("expected one argument"), N_("expected at most one argument"), N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("invalid %(type)s value: %(value)r"),
    N_("not allowed with argument %s"), N_("ignored explicit argument %r"),
    N_("one of the arguments %s is required"),
)


def speak_argparse() -> None:
    """argparse's own messages in the current language."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = i18n.ngettext  # type: ignore[attr-defined]


def _number(text: str, what: str) -> float:
    """A number argument: 1000, 1,000, ¥1,000 or ￥1000 (`what` names it in the message)."""
    cleaned = text.strip().replace(",", "").replace("¥", "").replace("￥", "")
    try:
        return float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not {what} (e.g. 50000 or ¥50,000)").format(
            text=text, what=what)) from None


def amount(text: str) -> float:
    """A money argument (--brand-budget, --platform-cap), within the model's bound (planner.model.limits)."""
    value = _number(text, _("an amount"))
    if not value >= 0:
        raise argparse.ArgumentTypeError(_("{text!r} is not an amount of 0 or more").format(text=text))
    if not value <= MAX_AMOUNT:
        raise argparse.ArgumentTypeError(_(
            "{text!r} is not an amount from 0 to ¥{most:,.0f} (more is no boost budget: a typo or a unit "
            "mix-up?)").format(text=text, most=MAX_AMOUNT))
    return value


def target(text: str) -> float:
    """The --target of an objective (orders, GMV in ¥, ...), at most MAX_COUNT, the bound of every count."""
    value = _number(text, _("a target"))
    if not value >= 0:
        raise argparse.ArgumentTypeError(_("{text!r} is not a target of 0 or more").format(text=text))
    if not value <= MAX_COUNT:
        raise argparse.ArgumentTypeError(_(
            "{text!r} is not a target from 0 to {most:,.0f} (more is past any real campaign's total: a typo "
            "or a unit mix-up?)").format(text=text, most=MAX_COUNT))
    return value


def share(text: str) -> float:
    """A share argument: 0.5 or 50%."""
    cleaned = text.strip()
    try:
        value = float(cleaned[:-1]) / 100 if cleaned.endswith("%") else float(cleaned)
    except ValueError:
        raise argparse.ArgumentTypeError(_("{text!r} is not a share (e.g. 0.5 or 50%)").format(text=text)) from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(_("{text!r} is not a share from 0 to 1 (or 0% to 100%)").format(text=text))
    return value


def plan_argument(command: argparse.ArgumentParser) -> None:
    command.add_argument("plan", type=Path, nargs="?", help=_("plan file (.rcplan)"))
    command.add_argument("--demo", action="store_true", help=_("use the built-in demo plan instead of PLAN"))


def language_option() -> argparse.ArgumentParser:
    """`--lang zh|en`, accepted before and after the command; absent from the arguments when not given."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=i18n.LANGS, default=argparse.SUPPRESS,
                        help=_("language of the messages (and of an exported workbook); default: the locale"))
    return common


def language_in(argv: list[str]) -> str | None:
    """The --lang an argument list asks for, read before the parser is built (its help is in that language)."""
    for i, word in enumerate(argv):
        if word == "--lang" and i + 1 < len(argv) and argv[i + 1] in i18n.LANGS:
            return argv[i + 1]
        if word.startswith("--lang=") and word.removeprefix("--lang=") in i18n.LANGS:
            return word.removeprefix("--lang=")
    return None
