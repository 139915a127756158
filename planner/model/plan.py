"""A plan: its notes, lifts and parameters. Immutable: every change makes a new Plan."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.errors import Problem
from planner.model.fields import AMOUNT
from planner.model.lifts import LiftTable, article_lifts
from planner.model.limits import MAX_AMOUNT
from planner.model.notes import complete_notes
from planner.model.text import repair_text
from planner.model.thresholds import Thresholds
from planner.model.words import labelled, listed

if TYPE_CHECKING:
    from planner.model.calendar import Calendar
    from planner.model.observed import ObservedRates
    from planner.model.scenarios import Scenario

OBJECTIVES = ("clicks", "interactions", "store_visits", "orders", "gmv")
BUDGET_STEPS = (1.0, 10.0, 100.0, 500.0, 1000.0)
NEW_PLAN_STEP = 100.0  # the budget step of a plan made in the app or by planner-cli new


@dataclass(frozen=True)
class PlanParams:
    """The plan-level inputs of MODEL.md sections 4 and 5."""

    brand_budget: float = 0.0
    objective: str = "orders"
    joint: bool = True
    platform_share: float = 0.5
    platform_cap: float | None = None
    # Budgets come out of the optimiser (and bulk edits) in multiples of this many yuan: planners buy round
    # amounts. Plans made by the app start at ¥100; plans saved before the setting existed keep ¥1.
    budget_step: float = 1.0
    # The brand budget covers creator fees too (MODEL.md section 11): the optimiser has B - fees for boosts.
    fees_in_budget: bool = False

    def problems(self, file: str = "") -> list[Problem]:
        """What is wrong with these parameters, as Problems without a row (one per parameter)."""
        found = []
        if not self.brand_budget >= 0:
            found.append(Problem(file, None, "brand_budget", self.brand_budget, _("an amount of 0 or more")))
        elif not self.brand_budget <= MAX_AMOUNT:
            found.append(Problem(file, None, "brand_budget", self.brand_budget, AMOUNT.range_text))
        if self.objective not in OBJECTIVES:
            found.append(Problem(file, None, "objective", self.objective, objective_rule()))
        if not (0 <= self.platform_share <= 1):
            found.append(Problem(file, None, "platform_share", self.platform_share, _("a share from 0 to 1")))
        cap = self.platform_cap
        if cap is not None and not cap >= 0:
            found.append(Problem(file, None, "platform_cap", cap, _("an amount of 0 or more, or none")))
        elif cap is not None and not cap <= MAX_AMOUNT:
            found.append(Problem(file, None, "platform_cap", cap, AMOUNT.range_text + _(", or none")))
        if self.budget_step not in BUDGET_STEPS:
            found.append(Problem(file, None, "budget_step", self.budget_step, _("a budget step of {steps}").format(
                steps=", ".join(f"¥{step:,.0f}" for step in BUDGET_STEPS))))
        return found


def round_to_budget_step(budgets: Any, step: float) -> np.ndarray:
    """Budgets as a planner buys them: each the nearest multiple of `step` yuan (a half step rounds up).

    Bulk edits use it (set to ¥10,050 with a ¥100 step gives ¥10,100; scaled ¥1,022 gives ¥1,000); the
    optimiser has its own rounding, which keeps the brand cost within the budget (optimiser.round_to_step).
    Empty values stay empty.
    """
    values = np.asarray(budgets, dtype=float)
    return np.floor(values / step + 0.5) * step


def objective_rule() -> str:
    """What an objective may be: "one of clicks, interactions, ..." (in Chinese by their labels: 点击、互动…)."""
    return _("one of {choices}").format(choices=listed(labelled(key) for key in OBJECTIVES))


@dataclass(frozen=True)
class ScenarioSettings:
    """The active scenario's own settings beside the parameters and the notes' budgets (MODEL.md section 8)."""

    name: str = ""
    lift_scale: float = 1.0  # a factor on every lift: "what if joint investment works half as well"
    rates: str = "planned"  # planned: the notes' rates; observed: estimated from the actuals (section 10)
    # A re-planned scenario's cut-off: the last day of actuals it was planned on. Its days up to then are the
    # actuals; its observed rates and spend to date stay those of that day when later actuals arrive.
    through: date | None = None


@dataclass(frozen=True)
class Plan:
    """Everything the app knows about one plan. `extra` keeps plan-file sections this version adds later.

    The active scenario is the parameters, the notes' budget and locked columns and `scenario`; the other
    scenarios are `others`, and `position` is the active one's place among them all (planner.model.scenarios).
    """

    name: str
    notes: pd.DataFrame
    lifts: LiftTable = field(default_factory=article_lifts)
    params: PlanParams = field(default_factory=PlanParams)
    extra: dict[str, Any] = field(default_factory=dict)
    scenario: ScenarioSettings = field(default_factory=ScenarioSettings)
    others: tuple[Scenario, ...] = ()
    position: int = 0
    calendar: Calendar | None = None  # the campaign's phases (MODEL.md section 9); None: no dates yet
    actuals: pd.DataFrame | None = None  # daily actuals (MODEL.md section 10), validated; None: none yet
    thresholds: Thresholds = field(default_factory=Thresholds)  # when the guardrails warn (section 12)

    @cached_property
    def observed(self) -> ObservedRates | None:
        """The notes' observed rates, when the active scenario uses them (section 10) and there are actuals."""
        if self.scenario.rates != "observed" or self.actuals is None or not len(self.actuals):
            return None
        from planner.model.funnel import planned_rates
        from planner.model.observed import observed_rates

        return observed_rates(self.notes["note_id"], planned_rates(self), self.actuals, sums=self.known_sums)

    @cached_property
    def actual_sums(self) -> pd.DataFrame | None:
        """Each note's actuals summed over their days, in the notes' order (planner.model.observed.note_sums);
        None without actuals. Computed once per plan: tracking, observed rates and spend to date all read it."""
        if self.actuals is None:
            return None
        from planner.model.observed import note_sums

        return note_sums(self.notes["note_id"], self.actuals)

    @cached_property
    def known_sums(self) -> pd.DataFrame | None:
        """The actual sums the active scenario knows: up to its cut-off day (`scenario.through`), else all."""
        through = self.scenario.through
        if self.actuals is None or through is None:
            return self.actual_sums
        from planner.model.observed import last_day, note_sums

        if last_day(self.actuals) <= through:
            return self.actual_sums
        kept = self.actuals["date"].to_numpy(dtype="datetime64[D]") <= np.datetime64(through, "D")
        return note_sums(self.notes["note_id"], self.actuals[kept])

    @cached_property
    def applied_lifts(self) -> LiftTable:
        """The lifts the active scenario applies: the plan's, times its lift scale."""
        scale = self.scenario.lift_scale
        return self.lifts if scale == 1.0 else self.lifts.scaled(scale)

    def with_notes(self, notes: pd.DataFrame) -> Plan:
        return replace(self, notes=notes)

    def with_params(self, **changes: Any) -> Plan:
        return replace(self, params=replace(self.params, **changes))

    def with_budgets(self, budgets: Any) -> Plan:
        """A copy whose notes carry `budgets` (array-like, one per note)."""
        notes = self.notes.copy(deep=False)  # copy-on-write: only the budget column is new
        notes["budget"] = pd.Series(budgets, index=notes.index, dtype=float)
        return replace(self, notes=notes)


def new_plan(notes: pd.DataFrame, name: str = "", lifts: LiftTable | None = None,
             params: PlanParams | None = None) -> Plan:
    """A plan over `notes` (completed with defaults), the article's lifts unless given.

    The name's lone surrogates (a file name in another encoding) are repaired: every output must write it.
    """
    name = repair_text(name)
    return Plan(name=name, notes=complete_notes(notes), lifts=lifts or article_lifts(),
                params=params or PlanParams(), scenario=ScenarioSettings(first_scenario_name(name)))


def first_scenario_name(plan_name: str) -> str:
    """A plan's first scenario is named after the plan (MODEL.md section 8), or "Scenario 1" (方案 1) without one."""
    return plan_name.strip()[:100] or _("Scenario 1")
