"""The error types of the core: one per kind of failure, rendered by the CLI as lines and the GUI as a table.

A Problem's words (its `expected`) are in the language spoken when it was made (planner.i18n); its line,
str(problem), frames them in the language spoken when it is shown, naming a column by the field's label in
that language where the column is a field's key (预算 for `budget`), and as written where it is a file's own
header text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from planner.i18n import _, language
from planner.model.fields import term


@dataclass(frozen=True)
class Problem:
    """One invalid value: where it is (file, spreadsheet row, column), what it is and what was expected.

    `column` is a field's key (budget), or with `header` the file's own header text (or a column's letters),
    which is shown as the file has it.
    """

    file: str
    row: int | None
    column: str | None
    value: object
    expected: str
    header: bool = field(default=False, compare=False)

    @property
    def column_text(self) -> str | None:
        """The column as a reader of the current language knows it: a key by its label in Chinese (点击率),
        as it is in English (ctr, the name a table file may use); a file's header as the file has it."""
        if self.column is None or self.header or language() != "zh":
            return self.column
        return term(self.column, "zh") or self.column

    @property
    def place(self) -> str:
        """Where the problem is: "FILE, row N, column X" (in Chinese "FILE，第 N 行，“X”列")."""
        where = [self.file] if self.file else []
        if self.row is not None:
            where.append(_("row {row}").format(row=self.row))
        if self.column is not None:
            where.append(_("column {column}").format(column=self.column_text))
        if not where:
            return ""
        place = where[0]
        for part in where[1:]:
            place = _("{place}, {part}").format(place=place, part=part)
        return place

    def __str__(self) -> str:
        shown = shown_value(self.value)
        if shown is None:
            return _("{place}: {expected}").format(place=self.place, expected=self.expected)
        return _("{place}: value {value}: expected {expected}").format(place=self.place, value=shown,
                                                                          expected=self.expected)


def shown_value(value: object) -> str | None:
    """A value as a problem quotes it ("V", “V” in Chinese), cut at 60 characters; None for no value."""
    if value is None:
        return None
    text = str(value)
    if len(text) > 60:
        text = text[:57] + "..."
    text = text.replace("\n", "\\n").replace("\t", "\\t").replace("\x00", "\\0")
    return _('"{value}"').format(value=text)


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
