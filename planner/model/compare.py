"""Comparing scenarios (MODEL.md section 8): totals side by side, differences to a base, notes that differ most.

Each scenario is estimated on its own (sections 2-6); nothing is shared between them but the notes and lifts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.model.funnel import TOTAL_KEYS, estimate
from planner.model.plan import Plan
from planner.model.scenarios import all_scenarios, plan_of
from planner.model.uncertainty import uncertainty

# The figures a comparison lays side by side: the totals and the P10/P90 of orders and GMV.
BANDS = ("orders_p10", "orders_p90", "gmv_p10", "gmv_p90")
COMPARED = TOTAL_KEYS + BANDS
TOP_NOTES = 20


@dataclass(frozen=True)
class Comparison:
    """Scenarios (columns) by figures (rows), the differences to the base, and the notes that differ most."""

    base: str
    totals: pd.DataFrame  # index: COMPARED; columns: scenario names in the plan's order
    brand_budgets: pd.Series  # by scenario
    budgets: pd.DataFrame  # notes x scenarios (index: note ids)

    @property
    def difference(self) -> pd.DataFrame:
        """Each scenario minus the base (the base's own column is 0)."""
        return self.totals.sub(self.totals[self.base], axis=0)

    @property
    def relative(self) -> pd.DataFrame:
        """The difference as a part of the base's figure (NaN where the base's is 0 or empty)."""
        base = self.totals[self.base].astype(float)
        return self.difference.div(base.where(base != 0), axis=0)

    def notes_differing_most(self, count: int = TOP_NOTES) -> pd.DataFrame:
        """The notes whose budgets differ most from the base in any scenario (largest absolute difference)."""
        difference = self.budgets.sub(self.budgets[self.base], axis=0)
        largest = difference.abs().max(axis=1)
        order = np.argsort(-largest.to_numpy(), kind="stable")[:count]
        chosen = order[largest.to_numpy()[order] > 0]
        return self.budgets.iloc[chosen]


def compare(plan: Plan, base: str | None = None, progress: Callable[[int, int], None] | None = None) -> Comparison:
    """Every scenario of `plan` estimated, with the differences to `base` (default: the active scenario)."""
    scenarios = all_scenarios(plan)
    base = base if base is not None else plan.scenario.name
    plan_of(plan, base)  # an unknown base is refused before any work
    columns, budgets, brand_budgets = {}, {}, {}
    for i, scenario in enumerate(scenarios):
        shown = plan_of(plan, scenario.name)
        result, spread = estimate(shown), uncertainty(shown)
        figures = {key: result.totals[key] for key in TOTAL_KEYS}
        figures.update({f"{key}_{p}": spread[key][p] for key in ("orders", "gmv") for p in ("p10", "p90")})
        columns[scenario.name] = pd.Series(figures, dtype=float)
        budgets[scenario.name] = shown.notes["budget"].to_numpy(dtype=float)
        brand_budgets[scenario.name] = shown.params.brand_budget
        if progress is not None:
            progress(i + 1, len(scenarios))
    return Comparison(base, pd.DataFrame(columns).reindex(list(COMPARED)), pd.Series(brand_budgets),
                      pd.DataFrame(budgets, index=plan.notes["note_id"].to_numpy()))
