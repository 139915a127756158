"""Daily pacing (MODEL.md section 9): each note's budget spread over the days of its window by day weight.

spend_{i,d} = b_i x w_d / (sum of w over the window of i). Funding follows section 4 day by day (the platform
pays the same part of each eligible yuan), and a day's outcomes are the note's in proportion to its spend.
Plan totals per day are sums over notes, computed without a notes x days matrix: each note adds b_i / W_i
to the days of its window (a difference array over days), so 100,000 notes over 45 days take milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.formats import money
from planner.i18n import _
from planner.model.calendar import Calendar, DayWeights, day_weights
from planner.model.errors import InputError, Problem
from planner.model.funnel import Estimate, estimate
from planner.model.plan import Plan

DAILY_OUTCOMES = ("impressions", "clicks", "interactions", "store_visits", "orders", "gmv")


@dataclass(frozen=True)
class Windows:
    """Each note's active days as campaign positions [first, last] (both included), clipped to the campaign."""

    first: np.ndarray
    last: np.ndarray


def note_windows(calendar: Calendar, starts: pd.Series, ends: pd.Series) -> Windows:
    """Windows from the notes' start and end dates (NaT = the campaign's first or last day)."""
    first_day = np.datetime64(calendar.first_day)
    first = _positions(starts, first_day, 0)
    last = _positions(ends, first_day, calendar.n_days - 1)
    return Windows(first, last)


def _positions(values: pd.Series, first_day: np.datetime64, default: int) -> np.ndarray:
    days = pd.to_datetime(values, errors="coerce").to_numpy(dtype="datetime64[D]")
    missing = np.isnat(days)
    positions = np.where(missing, 0, (days - first_day).astype(np.int64))
    return np.where(missing, default, positions)


def window_problems(calendar: Calendar, windows: Windows, weights: DayWeights, note_ids: pd.Series,
                    file: str = "", rows: np.ndarray | None = None) -> list[Problem]:
    """Notes whose window ends before it starts, lies outside the campaign or has no weight (one each)."""
    n_days = calendar.n_days
    row_numbers = np.arange(2, len(note_ids) + 2) if rows is None else rows
    problems = []
    first, last = np.clip(windows.first, 0, n_days - 1), np.clip(windows.last, 0, n_days - 1)
    cumulative = np.concatenate([[0.0], np.cumsum(weights.weights)])
    reversed_ = windows.last < windows.first
    outside = ~reversed_ & ((windows.last < 0) | (windows.first >= n_days))
    empty = ~reversed_ & ~outside & (cumulative[last + 1] - cumulative[first] <= 0)
    campaign = f"{calendar.first_day.isoformat()} – {calendar.last_day.isoformat()}"
    for position in np.flatnonzero(reversed_ | outside | empty).tolist():
        note = note_ids.iat[position]
        if reversed_[position]:
            expected = _("an end date on or after the start date (note {note})").format(note=note)
        elif outside[position]:
            expected = _("a window that meets the campaign {campaign} (note {note})").format(
                campaign=campaign, note=note)
        else:
            expected = _("a window with days that carry money (note {note}: its phases all have weight 0)").format(
                note=note)
        value = _day(calendar, int(windows.first[position])) + " – " + _day(calendar, int(windows.last[position]))
        problems.append(Problem(file, int(row_numbers[position]), "start_date", value, expected))
    return problems


def _day(calendar: Calendar, position: int) -> str:
    return (np.datetime64(calendar.first_day) + position).astype(str)


@dataclass(frozen=True)
class DailyPlan:
    """The plan day by day: weights, spend, brand and platform money, cumulative spend, outcomes."""

    dates: np.ndarray  # datetime64[D]
    phases: list[str]
    weights: np.ndarray
    spend: np.ndarray
    brand: np.ndarray
    platform: np.ndarray
    outcomes: dict[str, np.ndarray]

    @property
    def cumulative(self) -> np.ndarray:
        return np.cumsum(self.spend)

    @property
    def cumulative_share(self) -> np.ndarray:
        """Cumulative spend as a part of the total (0 where the plan spends nothing)."""
        total = self.spend.sum()
        return self.cumulative / total if total > 0 else np.zeros_like(self.spend)

    def frame(self) -> pd.DataFrame:
        """One row per day: date, phase, weight, spend, brand, platform, cumulative and share, outcomes."""
        columns = {"date": self.dates.astype(str), "phase": self.phases, "weight": self.weights,
                   "spend": self.spend, "brand": self.brand, "platform": self.platform,
                   "cumulative_spend": self.cumulative, "cumulative_share": self.cumulative_share}
        columns.update(self.outcomes)
        return pd.DataFrame(columns)

    def day(self, when: date) -> int:
        return int((np.datetime64(when) - self.dates[0]).astype(np.int64))


def _spread(values: np.ndarray, window_sums: np.ndarray, windows: Windows, n_days: int) -> np.ndarray:
    """sum over notes active on day d of values_i / W_i, for every day (difference array, no matrix)."""
    per_weight = np.divide(values, window_sums, out=np.zeros_like(values, dtype=float), where=window_sums > 0)
    steps = np.zeros(n_days + 1)
    np.add.at(steps, windows.first, per_weight)
    np.add.at(steps, windows.last + 1, -per_weight)
    return np.cumsum(steps[:-1])


def daily_plan(calendar: Calendar, windows: Windows, budgets: np.ndarray, brand: np.ndarray,
               platform: np.ndarray, outcomes: dict[str, np.ndarray]) -> DailyPlan:
    """The daily plan of notes with these budgets, funding and outcomes (arrays over notes), in their windows.

    Windows must be valid (window_problems finds none); they are clipped to the campaign.
    """
    weights = day_weights(calendar)
    n_days = calendar.n_days
    clipped = Windows(np.clip(windows.first, 0, n_days - 1), np.clip(windows.last, 0, n_days - 1))
    cumulative = np.concatenate([[0.0], np.cumsum(weights.weights)])
    window_sums = cumulative[clipped.last + 1] - cumulative[clipped.first]

    def per_day(values: np.ndarray) -> np.ndarray:
        return weights.weights * _spread(np.asarray(values, dtype=float), window_sums, clipped, n_days)

    return DailyPlan(calendar.dates(), weights.phase_of_day(), weights.weights, per_day(budgets), per_day(brand),
                     per_day(platform), {key: per_day(values) for key, values in outcomes.items()})


def phase_spend(calendar: Calendar, windows: Windows, budgets: np.ndarray) -> pd.DataFrame:
    """Each note's spend per phase (notes x phases): its budget split by the phases' weight in its window."""
    weights = day_weights(calendar)
    n_days = calendar.n_days
    first, last = np.clip(windows.first, 0, n_days - 1), np.clip(windows.last, 0, n_days - 1)
    cumulative = np.concatenate([np.zeros((len(weights.by_phase), 1)), np.cumsum(weights.by_phase, axis=1)], axis=1)
    in_window = cumulative[:, last + 1] - cumulative[:, first]  # phases x notes
    totals = in_window.sum(axis=0)
    share = np.divide(in_window, totals, out=np.zeros_like(in_window), where=totals > 0)
    return pd.DataFrame((share * np.asarray(budgets, dtype=float)).T, columns=list(weights.names))


def plan_windows(plan: Plan, calendar: Calendar) -> Windows:
    """The notes' windows from their start_date and end_date columns (absent: the whole campaign)."""
    notes = plan.notes
    missing = pd.Series(pd.NaT, index=notes.index)
    return note_windows(calendar, notes.get("start_date", missing), notes.get("end_date", missing))


def pace(plan: Plan, result: Estimate | None = None) -> DailyPlan:
    """The plan's daily plan over its calendar; InputError when it has none or a note's window is invalid."""
    calendar = plan.calendar
    if calendar is None:
        raise InputError([Problem("", None, None, None, _(
            "a campaign calendar (set one: a preset such as 618-2025, or a calendar table)"))])
    windows = plan_windows(plan, calendar)
    problems = window_problems(calendar, windows, day_weights(calendar), plan.notes["note_id"])
    if problems:
        raise InputError(problems)
    result = result if result is not None else estimate(plan)
    notes = result.notes
    rest = remainder(plan, calendar, windows)
    if rest.cutoff is not None:  # a scenario planned on actuals: the days to its cut-off as they were, then the rest
        return _after_actuals(plan, calendar, rest, notes)
    return daily_plan(calendar, windows, notes["budget"].to_numpy(), notes["brand_cost"].to_numpy(),
                      notes["platform_cost"].to_numpy(), {key: notes[key].to_numpy() for key in DAILY_OUTCOMES})


@dataclass(frozen=True)
class Remainder:
    """What of each note's plan is still to be spread over days (MODEL.md section 10).

    A scenario planned on actuals (re-planned, with its cut-off day; or on observed rates, to the last day of
    actuals) keeps the actuals up to its cut-off and spreads each note's budget less its spend by then over
    the note's days after it: `part` of its budget and outcomes. Any other scenario spreads all of it.
    """

    cutoff: int | None  # the campaign position of the cut-off day; None: nothing kept
    windows: Windows  # the days the remainder goes to
    part: np.ndarray  # the share of each note's budget (and outcomes) still to spread


def remainder(plan: Plan, calendar: Calendar, windows: Windows) -> Remainder:
    """The plan's remainder after its cut-off (see Remainder)."""
    from planner.model.observed import last_day, spent_to_date

    actuals = plan.actuals
    through = plan.scenario.through
    if actuals is None or not len(actuals) or (through is None and plan.observed is None):
        return Remainder(None, windows, np.ones(len(plan.notes)))
    cutoff = calendar.day_index(through or last_day(actuals))
    budget = plan.notes["budget"].to_numpy(dtype=float)
    left = np.maximum(budget - spent_to_date(plan), 0.0)
    part = np.divide(left, budget, out=np.zeros_like(left), where=budget > 0)
    return Remainder(cutoff, Windows(np.maximum(windows.first, cutoff + 1), windows.last), part)


def _no_days_left(calendar: Calendar, cutoff: int, notes: pd.DataFrame, budget: np.ndarray, spent: np.ndarray,
                  rows: list[int]) -> list[Problem]:
    """One problem per note that has money left after the cut-off but no day after it that carries money (its
    window ends by then): its budget is what to change."""
    day = _day(calendar, cutoff)
    return [Problem("", row + 2, "budget", money(float(budget[row])),
                    _("at most its spend to {day}, {spent}: its window has no day after then that carries money "
                      "(note {note}); or move its end date later").format(
                        day=day, spent=money(float(spent[row])), note=notes["note_id"].iat[row]))
            for row in rows]


def _after_actuals(plan: Plan, calendar: Calendar, rest: Remainder, notes: pd.DataFrame) -> DailyPlan:
    """Actual figures on the days up to the cut-off; each note's budget less its spend by then spread over its
    remaining days (MODEL.md section 10), with its outcomes and funding in proportion."""
    assert plan.actuals is not None and rest.cutoff is not None
    actuals = plan.actuals
    budget = notes["budget"].to_numpy(dtype=float)
    part = rest.part
    weights = day_weights(calendar)
    problems = window_problems(calendar, rest.windows, weights, notes["note_id"])
    stuck = sorted({p.row - 2 for p in problems if p.row is not None and part[p.row - 2] > 0})
    if stuck:
        raise InputError(_no_days_left(calendar, rest.cutoff, notes, budget, budget * (1 - part), stuck))
    later = daily_plan(calendar, rest.windows, budget * part, notes["brand_cost"].to_numpy() * part,
                       notes["platform_cost"].to_numpy() * part,
                       {key: notes[key].to_numpy() * part for key in DAILY_OUTCOMES})
    past = np.arange(calendar.n_days) <= rest.cutoff
    day = (actuals["date"].to_numpy(dtype="datetime64[D]") - np.datetime64(calendar.first_day)).astype(np.int64)
    inside = (day >= 0) & (day < calendar.n_days)

    def by_day(values: np.ndarray) -> np.ndarray:
        return np.bincount(day[inside], weights=np.nan_to_num(values[inside]), minlength=calendar.n_days)

    # The platform pays the same part of each eligible yuan: a note's actual spend splits as its funding does.
    platform_part = np.divide(notes["platform_cost"].to_numpy(dtype=float), budget, out=np.zeros_like(budget),
                              where=budget > 0)
    by_note = pd.Series(platform_part, index=notes["note_id"].to_numpy())
    spend = actuals["spend"].to_numpy(dtype=float)
    platform = spend * by_note.reindex(actuals["note_id"].to_numpy()).fillna(0.0).to_numpy()

    def combined(planned: np.ndarray, actual: np.ndarray) -> np.ndarray:
        return np.where(past, actual, planned)

    outcomes = {key: combined(later.outcomes[key], by_day(actuals[key].to_numpy(dtype=float)))
                if key in actuals.columns else np.where(past, np.nan, later.outcomes[key]) for key in DAILY_OUTCOMES}
    return DailyPlan(later.dates, later.phases, later.weights, combined(later.spend, by_day(spend)),
                     combined(later.brand, by_day(spend - platform)), combined(later.platform, by_day(platform)),
                     outcomes)
