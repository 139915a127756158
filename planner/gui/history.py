"""The history table the guardrails read in the app (MODEL.md section 12: past history, unusual rates).

The plan file keeps no history table: the session keeps the one it last read — a history lifts were fitted from,
or one chosen in Plan ▸ Guardrails… — until another plan is shown. These are the values it hands around.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planner.model.fitting import FitResult


@dataclass(frozen=True, eq=False)
class GuardHistory:
    """A completed history table (planner.io.tables.read_history's) and the file it came from.

    Compared by identity: the document's caches are keyed by the table the session read, never by its content.
    """

    name: str
    table: pd.DataFrame

    @property
    def rows(self) -> int:
        return len(self.table)


@dataclass(frozen=True)
class HistoryFit:
    """Lifts fitted from a history table, and that table: the guardrails read it next."""

    history: GuardHistory
    result: FitResult
