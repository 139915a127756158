"""Joint-investment funding (MODEL.md section 4): who pays what of each note's budget."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Funding:
    platform: np.ndarray  # platform_i, per note
    brand: np.ndarray  # brand_i = b_i - platform_i
    platform_total: float
    eligible_total: float  # E
    cap_reached: bool  # one more eligible yuan would be paid by the brand alone


def split_funding(budget: np.ndarray, eligible: np.ndarray, share: float, cap: float | None) -> Funding:
    """platform_total = min(s*E, P); platform_i = b_i * platform_total / E for eligible notes."""
    budget = np.asarray(budget, dtype=float)
    eligible_total = float(budget[eligible].sum()) if eligible.any() else 0.0
    uncapped = share * eligible_total
    platform_total = uncapped if cap is None else min(uncapped, cap)
    if eligible_total > 0:
        platform = np.where(eligible, budget * (platform_total / eligible_total), 0.0)
    else:
        platform = np.zeros_like(budget)
    cap_reached = cap is not None and not (uncapped < cap)
    return Funding(platform, budget - platform, platform_total, eligible_total, cap_reached)


def brand_cost_of(noneligible_total: float, eligible_total: float, share: float, cap: float | None) -> float:
    """Brand money for given eligible and other spend: N + E - min(s*E, P)."""
    platform = share * eligible_total if cap is None else min(share * eligible_total, cap)
    return noneligible_total + eligible_total - platform


FEN = 0.01  # a brand cost within a fen of the budget is on budget: float sums of yuan amounts drift by less


def over_budget(brand_cost: float | None, brand_budget: float) -> float:
    """How far the brand cost is above the brand budget (MODEL.md section 12: a warning, never an error).

    0.0 when it is within the budget, or above it by no more than a fen.
    """
    if brand_cost is None:
        return 0.0
    excess = float(brand_cost) - float(brand_budget)
    return excess if excess > FEN else 0.0
