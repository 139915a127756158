"""The error types of the core: one per kind of failure, rendered by the CLI as lines and the GUI as a table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is (file, spreadsheet row, column), what it is and what was expected."""

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str

    def __str__(self) -> str:
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        place = ", ".join(where)
        shown = _show_value(self.value)
        if shown is None:
            return f"{place}: {self.expected}"
        return f"{place}: value {shown}: expected {self.expected}"


def _show_value(value: object) -> str | None:
    if value is None:
        return None
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return '"' + text.replace("\n", "\\n").replace("\t", "\\t").replace("\x00", "\\0") + '"'


class InputError(Exception):
    """Invalid input: every problem found, never just the first."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def refuse(file: str, message: str) -> InputError:
    """The InputError for a whole file that cannot be read: one Problem with no row or column."""
    return InputError([Problem(file, None, None, None, message)])


class PlanError(Exception):
    """A plan that cannot be optimised as asked: infeasible, unreachable target or unbounded."""
