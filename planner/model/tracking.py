"""Plan against actuals (MODEL.md section 10): planned to date, actual, variance, achievement, pacing status.

"To date" is up to the last day with actuals. Planned to date is the daily plan of section 9 summed over the
campaign's days up to then (each note's budget and outcomes spread over its window by day weight); actual to
date is the actuals summed. A count the actuals do not carry (no GMV column) is unknown, not 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.i18n import N_, _
from planner.model.calendar import Calendar, day_weights
from planner.model.errors import InputError, Problem
from planner.model.funnel import estimate, planned_rates
from planner.model.observed import OBSERVED, last_day, observed_rates
from planner.model.pacing import Windows, pace, plan_windows, remainder
from planner.model.plan import Plan

TRACKED = ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")
# Pacing status of spend to date (section 10): achievement below 80%, to 110%, to 130%, above.
UNDER, ON_TRACK, SLIGHTLY_OVER, OVER = "under", "on_track", "slightly_over", "over"
STATUS_WORDS = {UNDER: N_("under"), ON_TRACK: N_("on track"), SLIGHTLY_OVER: N_("slightly over"), OVER: N_("over")}


def status_of(achievement: np.ndarray) -> np.ndarray:
    """The pacing status of each spend achievement; "" where there is none (nothing planned to date)."""
    bands = np.select([achievement < 0.8, achievement <= 1.1, achievement <= 1.3], [UNDER, ON_TRACK, SLIGHTLY_OVER],
                      OVER).astype(object)
    return np.where(np.isnan(achievement), "", bands)


@dataclass(frozen=True)
class Tracking:
    """Everything the Tracking tab and `planner-cli track` show."""

    to_date: date
    notes: pd.DataFrame  # note_id, then planned_X, actual_X, variance_X, achievement_X for X in TRACKED, status
    totals: pd.DataFrame  # index TRACKED; columns planned, actual, variance, achievement
    status: str  # the plan's pacing status of spend
    daily: pd.DataFrame  # date, planned and actual spend and GMV per day and cumulative (actual to date only)
    rates: pd.DataFrame  # note_id, then for each rate: planned, observed, events, exposures


def _ratio(actual: np.ndarray, planned: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(planned > 0, actual / np.where(planned > 0, planned, 1.0), np.nan)


def require(plan: Plan) -> None:
    """Tracking needs a calendar and actuals: a Problem says which is missing."""
    problems = []
    if plan.calendar is None:
        problems.append(Problem("", None, None, None, _(
            "a campaign calendar (set one: a preset such as 618-2025, or a calendar table)")))
    if plan.actuals is None or not len(plan.actuals):
        problems.append(Problem("", None, None, None, _("daily actuals (import them: an actuals table or the "
                                                        "platforms' exports)")))
    if problems:
        raise InputError(problems)


def to_date_fraction(calendar: Calendar, windows: Windows, to_date: date) -> np.ndarray:
    """Each note's part of what is spread over `windows` that the daily plan spends up to and including
    `to_date` (section 9)."""
    weights = day_weights(calendar).weights
    n_days = calendar.n_days
    first, last = np.clip(windows.first, 0, n_days - 1), np.clip(windows.last, 0, n_days - 1)
    cumulative = np.concatenate([[0.0], np.cumsum(weights)])
    until = np.clip(np.minimum(last, calendar.day_index(to_date)), first - 1, None)
    whole = cumulative[last + 1] - cumulative[first]
    done = cumulative[until + 1] - cumulative[first]
    return np.divide(done, whole, out=np.zeros_like(done), where=(whole > 0) & (windows.first <= windows.last))


def track(plan: Plan) -> Tracking:
    """The plan (its active scenario) against its actuals, to the last day with actuals.

    Planned to date is what the daily plan (planner.model.pacing.pace) holds up to then: for a scenario planned
    on actuals, the actuals to its cut-off and the part of its plan spread over the days after it.
    """
    require(plan)
    assert plan.actuals is not None and plan.calendar is not None
    actuals = plan.actuals
    to_date = last_day(actuals)
    result = estimate(plan)
    rest = remainder(plan, plan.calendar, plan_windows(plan, plan.calendar))
    spread = rest.part * to_date_fraction(plan.calendar, rest.windows, to_date)
    sums, kept = plan.actual_sums, plan.known_sums
    assert sums is not None and kept is not None
    columns: dict[str, object] = {"note_id": plan.notes["note_id"].to_numpy()}
    totals = {}
    for key in TRACKED:
        planned = (result.notes["budget"] if key == "spend" else result.notes[key]).to_numpy(dtype=float) * spread
        if rest.cutoff is not None:
            planned = planned + np.nan_to_num(kept[key].to_numpy(dtype=float))
        actual = sums[key].to_numpy(dtype=float)
        known = bool(sums[key].notna().any())  # a count no row of the plan's notes reports is unknown, not 0
        actual = np.where(np.isnan(actual), 0.0, actual) if known else np.full(len(planned), np.nan)
        columns.update({f"planned_{key}": planned, f"actual_{key}": actual, f"variance_{key}": actual - planned,
                        f"achievement_{key}": _ratio(actual, planned)})
        total_planned, total_actual = float(planned.sum()), float(actual.sum()) if known else np.nan
        totals[key] = {"planned": total_planned, "actual": total_actual, "variance": total_actual - total_planned,
                       "achievement": float(_ratio(np.array([total_actual]), np.array([total_planned]))[0])}
    columns["status"] = status_of(np.asarray(columns["achievement_spend"], dtype=float))
    frame = pd.DataFrame(columns)
    table = pd.DataFrame(totals).T.reindex(list(TRACKED))
    plan_status = str(status_of(np.array([table.at["spend", "achievement"]], dtype=float))[0])
    return Tracking(to_date, frame, table, plan_status, _daily(plan, result, to_date), _rates(plan, sums))


def actual_by_day(plan: Plan, keys: tuple[str, ...]) -> dict[str, np.ndarray]:
    """The plan's actual `keys` (spend, gmv, ...) summed per day of its calendar; NaN on a day no row reports."""
    assert plan.calendar is not None and plan.actuals is not None
    n_days = plan.calendar.n_days
    day = day_numbers(plan.actuals) - np.datetime64(plan.calendar.first_day, "D").astype(np.int64)
    inside = (day >= 0) & (day < n_days)
    everywhere = bool(inside.all())
    day = day if everywhere else day[inside]
    rows = np.bincount(day, minlength=n_days)
    found = {}
    for key in keys:
        if key not in plan.actuals.columns:
            found[key] = np.full(n_days, np.nan)
            continue
        values = plan.actuals[key].to_numpy(dtype=float)
        values = values if everywhere else values[inside]
        reported = ~np.isnan(values)
        if reported.all():
            found[key] = np.where(rows > 0, np.bincount(day, weights=values, minlength=n_days), np.nan)
            continue
        total = np.bincount(day, weights=np.where(reported, values, 0.0), minlength=n_days)
        found[key] = np.where(np.bincount(day[reported], minlength=n_days) > 0, total, np.nan)
    return found


def day_numbers(actuals: pd.DataFrame) -> np.ndarray:
    """Each row's day as days since 1970-01-01 (the plan's actuals hold days as datetime64[ns])."""
    dates = actuals["date"].to_numpy()
    if dates.dtype != np.dtype("datetime64[ns]"):
        return dates.astype("datetime64[D]").astype(np.int64)
    return dates.view(np.int64) // (86_400 * 10**9)


def _daily(plan: Plan, result: object, to_date: date) -> pd.DataFrame:
    daily = pace(plan, result).frame()  # type: ignore[arg-type]
    assert plan.calendar is not None
    past = np.arange(plan.calendar.n_days) <= plan.calendar.day_index(to_date)
    actual = actual_by_day(plan, ("spend", "gmv"))
    frame = pd.DataFrame({"date": daily["date"], "planned_spend": daily["spend"], "planned_gmv": daily["gmv"],
                          "actual_spend": np.where(past, np.nan_to_num(actual["spend"]), np.nan),
                          "actual_gmv": np.where(past, actual["gmv"], np.nan)})
    for key in ("planned_spend", "planned_gmv", "actual_spend", "actual_gmv"):
        frame[f"cumulative_{key}"] = frame[key].cumsum()  # NaN after the last day with actuals stays NaN
    return frame


def _rates(plan: Plan, sums: pd.DataFrame) -> pd.DataFrame:
    """Each note's observed rates beside its planned ones, with the counts behind them."""
    assert plan.actuals is not None
    observed = observed_rates(plan.notes["note_id"], planned_rates(plan), plan.actuals, sums=sums)
    columns: dict[str, object] = {"note_id": plan.notes["note_id"].to_numpy()}
    for rate, (events, exposures) in OBSERVED.items():
        columns.update({f"planned_{rate}": observed.planned[rate], f"observed_{rate}": observed.observed[rate],
                        f"{rate}_events": sums[events].to_numpy(dtype=float),
                        f"{rate}_exposures": sums[exposures].to_numpy(dtype=float)})
    return pd.DataFrame(columns)
