"""The guardrails' settings (MODEL.md section 12): plan settings, saved in the plan file.

Each has the model's default and a range a planner may set: outside it a warning would fire on every plan (a
saturation of 10%) or on none (a history multiple of 10,000), and neither helps anyone check a plan.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.i18n import _
from planner.model.errors import Problem

MAX_HISTORY_MULTIPLE = 100.0


@dataclass(frozen=True)
class Thresholds:
    """When each guardrail warns."""

    saturation: float = 0.9  # a note's reach above this part of its audience cap
    concentration: float = 0.3  # one note's part of the plan's budget
    history_multiple: float = 3.0  # a budget above this many times the most its note (or creator) ever spent
    rate_low: float = 5.0  # a rate below this percentile of its industry's notes in the history table
    rate_high: float = 95.0  # ... or above this one

    def problems(self, file: str = "", row: int | None = None) -> list[Problem]:
        """What is wrong with these settings, one Problem per setting (by its key)."""
        found = []
        if not 0.5 <= self.saturation <= 1.0:
            found.append(Problem(file, row, "saturation", self.saturation, _(
                "a part of the audience cap from 0.5 to 1 (0.9 = warn above 90%)")))
        if not 0.05 <= self.concentration <= 1.0:
            found.append(Problem(file, row, "concentration", self.concentration, _(
                "a part of the plan's budget from 0.05 to 1 (0.3 = warn above 30%)")))
        if not 1.0 <= self.history_multiple <= MAX_HISTORY_MULTIPLE:
            found.append(Problem(file, row, "history_multiple", self.history_multiple, _(
                "a multiple from 1 to {most:g} (3 = warn above 3 times the most ever spent)").format(
                most=MAX_HISTORY_MULTIPLE)))
        if not 0.0 <= self.rate_low < 50.0:
            found.append(Problem(file, row, "rate_low", self.rate_low, _("a percentile from 0 to below 50 (5 = the "
                                                                         "5th percentile)")))
        if not 50.0 < self.rate_high <= 100.0:
            found.append(Problem(file, row, "rate_high", self.rate_high, _("a percentile from above 50 to 100 (95 = "
                                                                           "the 95th percentile)")))
        return found
