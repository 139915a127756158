"""Timing helpers shared by the benchmark scripts."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


def best_of(fn: Callable[[], object], repeat: int = 5) -> float:
    """The fastest of `repeat` runs, in seconds (the least disturbed by the rest of the machine)."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@dataclass(frozen=True)
class Comparison:
    """Ours against a baseline, timed in alternating rounds so that both see the same state of the machine."""

    ours: list[float]  # per round: the best of that round's runs, in seconds
    baseline: list[float]

    @property
    def ratios(self) -> list[float]:
        """Per round: our time over the baseline's (below 1: ours is faster)."""
        return [ours / base for ours, base in zip(self.ours, self.baseline, strict=True)]

    @property
    def speedups(self) -> list[float]:
        """Per round: the baseline's time over ours (above 1: ours is faster)."""
        return [1 / ratio for ratio in self.ratios]

    @staticmethod
    def describe(values: list[float], style: str = ".2f", unit: str = "") -> str:
        """'1.23 (median of 7 rounds, range 1.1-1.4)', the unit after each figure."""
        return (f"{statistics.median(values):{style}}{unit} (median of {len(values)} rounds, range "
                f"{min(values):{style}}{unit}-{max(values):{style}}{unit})")


def compare(ours: Callable[[], object], baseline: Callable[[], object], rounds: int = 7, ours_runs: int = 1,
            baseline_runs: int = 1) -> Comparison:
    """Each round runs the baseline, then ours, each the given number of times and keeps each one's best."""
    ours_times, baseline_times = [], []
    for _ in range(rounds):
        baseline_times.append(best_of(baseline, baseline_runs))
        ours_times.append(best_of(ours, ours_runs))
    return Comparison(ours_times, baseline_times)
