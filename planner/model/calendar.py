"""The campaign calendar (MODEL.md section 9): phases with dates, weights and shapes, and the day weights.

A campaign runs from its first phase's start to its last phase's end; phases follow one another without gaps.
A phase may open at an hour (the 618 presale at 20:00 on 13 May): its first day then counts for the part of
the day left (4/24), and that day may also be the previous phase's last day, which counts for the hours
before the opening (20/24) — so the warm-up runs until the presale opens, as on the platforms.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

import numpy as np

from planner.i18n import _
from planner.model.errors import Problem

EVEN = None  # a phase's shape: None spends evenly; a percent p in [50, 150] tilts it (p > 100: more early)
MIN_SHAPE, MAX_SHAPE = 50.0, 150.0
MAX_DAYS = 400  # a campaign longer than a year and a month is no festival campaign
PHASE_NAMES = {"build-up": "蓄水", "warm-up": "预热", "presale": "预售", "peak": "爆发", "encore": "返场"}


@dataclass(frozen=True)
class Phase:
    """One phase: its days (both ends included), its share of the money, its shape, its opening hour."""

    name: str
    start: date
    end: date
    weight: float
    shape: float | None = EVEN
    start_hour: float = 0.0  # hours into the first day when the phase opens: 20.0 for 20:00

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Calendar:
    """The campaign's phases in order, and where their dates come from (shown with a preset)."""

    phases: tuple[Phase, ...]
    source: str = ""
    name: str = ""

    @property
    def first_day(self) -> date:
        return self.phases[0].start

    @property
    def last_day(self) -> date:
        return self.phases[-1].end

    @property
    def n_days(self) -> int:
        return (self.last_day - self.first_day).days + 1

    def dates(self) -> np.ndarray:
        """The campaign's days as numpy dates (datetime64[D])."""
        return np.arange(np.datetime64(self.first_day), np.datetime64(self.last_day) + 1)

    def day_index(self, day: date) -> int:
        """Position of `day` in the campaign (may be outside 0..n_days-1)."""
        return (day - self.first_day).days

    def with_phases(self, phases: tuple[Phase, ...]) -> Calendar:
        return replace(self, phases=phases)


@dataclass(frozen=True)
class DayWeights:
    """w_d of section 9 per day, and each phase's part of it (phases x days): a shared day has two parts."""

    weights: np.ndarray
    by_phase: np.ndarray
    names: tuple[str, ...] = field(default=())

    def phase_of_day(self) -> list[str]:
        """Each day's phase: the one with the larger part ("" on a day without weight)."""
        best = np.argmax(self.by_phase, axis=0)
        return [self.names[k] if self.by_phase[k, d] > 0 else "" for d, k in enumerate(best)]


def shape_weights(n: int, shape: float | None) -> np.ndarray:
    """Relative weights of a phase's n days: even, or 1 + (p/100 - 1)(1 - 2k/(n-1)) for k = 0..n-1 (n > 1)."""
    if shape is EVEN or n == 1:
        return np.ones(n)
    k = np.arange(n)
    return 1.0 + (shape / 100.0 - 1.0) * (1.0 - 2.0 * k / (n - 1))


def day_weights(calendar: Calendar) -> DayWeights:
    """The campaign's day weights: w_d = phase weight x shape_d / sum of shape over the phase (section 9).

    An opening hour scales the phase's first day by the part of the day left; a day shared with the next
    phase (which opens at an hour that day) is scaled by the part before that opening.
    """
    phases = calendar.phases
    by_phase = np.zeros((len(phases), calendar.n_days))
    for p, phase in enumerate(phases):
        shape = shape_weights(phase.days, phase.shape)
        shape[0] *= (24.0 - phase.start_hour) / 24.0
        following = phases[p + 1] if p + 1 < len(phases) else None
        if following is not None and following.start == phase.end:
            shape[-1] *= following.start_hour / 24.0
        total = shape.sum()
        first = calendar.day_index(phase.start)
        if total > 0:
            by_phase[p, first:first + phase.days] = phase.weight * shape / total
    return DayWeights(by_phase.sum(axis=0), by_phase, tuple(phase.name for phase in phases))


def check_calendar(calendar: Calendar, file: str = "", first_row: int = 2) -> list[Problem]:
    """Every problem of the phases, one per value, at the table's rows (first phase = `first_row`)."""
    problems: list[Problem] = []
    phases = calendar.phases
    if not phases:
        return [Problem(file, None, None, None, _("a campaign with at least one phase"))]

    def problem(p: int, column: str, value: object, expected: str) -> None:
        problems.append(Problem(file, first_row + p, column, value, expected))

    seen: set[str] = set()
    for p, phase in enumerate(phases):
        if not phase.name.strip():
            problem(p, "phase", phase.name, _("a phase name (蓄水, 预热, 预售, 爆发, 返场 or your own)"))
        elif phase.name.strip() in seen:
            problem(p, "phase", phase.name, _("a name no other phase has"))
        seen.add(phase.name.strip())
        if phase.end < phase.start:
            problem(p, "end", phase.end.isoformat(),
                    _("a last day on or after the first day {start} (this phase has no days)").format(
                        start=phase.start.isoformat()))
        if not (math.isfinite(phase.weight) and phase.weight >= 0):
            problem(p, "weight", phase.weight, _("a weight of 0 or more (the phase's share of the money)"))
        if phase.shape is not EVEN and not (MIN_SHAPE <= phase.shape <= MAX_SHAPE):
            problem(p, "shape", phase.shape,
                    _("even, or a pacing percent from 50 to 150 (over 100 spends more early, under 100 more late)"))
        if not 0 <= phase.start_hour < 24:
            problem(p, "start", phase.start_hour, _("an opening time from 00:00 to 23:59"))
        if p > 0:
            before = phases[p - 1]
            shared = phase.start == before.end and phase.start_hour > 0
            if not (phase.start == before.end + timedelta(days=1) or shared):
                problem(p, "start", phase.start.isoformat(), _(
                    "the day after the previous phase ends ({end}), or that day at an opening hour (phases follow "
                    "one another without gaps or overlaps)").format(end=before.end.isoformat()))
    if not problems:
        if calendar.n_days > MAX_DAYS:
            problems.append(Problem(file, None, None, calendar.n_days, _(
                "a campaign of at most {days} days (from its first phase's start to its last phase's end)").format(
                days=MAX_DAYS)))
        elif not any(phase.weight > 0 for phase in phases):
            problems.append(Problem(file, None, "weight", None, _("at least one phase with a weight above 0")))
    return problems
