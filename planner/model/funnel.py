"""Reach and funnel (MODEL.md sections 2 and 3), vectorised over notes."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from planner.model.funding import Funding, split_funding
from planner.model.plan import Plan

OUTCOMES = ("impressions", "clicks", "interactions", "store_visits", "orders", "gmv")
TOTAL_KEYS = (("budget", "brand_cost", "platform_cost") + OUTCOMES + ("roi", "brand_roi", "cpa")
              + ("creator_fee", "total_cost", "total_roi", "brand_total_roi"))
NOTE_KEYS = (("note_id", "eligible", "budget", "brand_cost", "platform_cost") + OUTCOMES + ("marginal_roi",)
             + ("creator_fee", "total_cost"))
# Each note's ROI on its total cost and the brand's (MODEL.md section 11): in the estimate's frame after NOTE_KEYS,
# for the app's notes table; estimate --json keeps NOTE_KEYS per note (CONTRACT.md).
NOTE_FEE_RATIOS = ("total_roi", "brand_total_roi")


@dataclass(frozen=True)
class Rates:
    """Each note's effective rates: lifted for eligible notes, base rates for the others."""

    eligible: np.ndarray
    ctr: np.ndarray
    interaction_rate: np.ndarray
    entry_rate: np.ndarray
    cvr: np.ndarray
    aov: np.ndarray
    cpm: np.ndarray
    audience_cap: np.ndarray  # NaN = no cap

    def per_impression(self, objective: str) -> np.ndarray:
        """The objective's yield per impression: objective = impressions x this (MODEL.md section 3)."""
        if objective == "clicks":
            return self.ctr
        if objective == "interactions":
            return self.interaction_rate
        visits = self.ctr * self.entry_rate
        if objective == "store_visits":
            return visits
        if objective == "orders":
            return visits * self.cvr
        if objective == "gmv":
            return visits * self.cvr * self.aov
        raise ValueError(f"unknown objective {objective!r}")


def eligible_notes(plan: Plan) -> np.ndarray:
    """Eligible for joint investment: the plan has joint investment on and the note has a Taobao link."""
    links = plan.notes["taobao_link"].to_numpy(dtype=bool)
    return links & bool(plan.params.joint)


def effective_rates(plan: Plan, lift_values: np.ndarray | None = None) -> Rates:
    """ctr' = min(1, ctr*(1+ctr_lift)) etc. for eligible notes; `lift_values` (n x 3) overrides the table.

    A scenario on observed rates (MODEL.md section 10) uses them, with no lift on top, for notes with actuals.
    """
    notes = plan.notes
    eligible = eligible_notes(plan)
    observed = plan.observed if lift_values is None else None
    if observed is not None:  # its planned rates are this plan's: not computed twice
        rates = {name: np.where(observed.has, observed.observed[name], values)
                 for name, values in observed.planned.items()}
    else:
        rates = planned_rates(plan, lift_values)
    return Rates(eligible, rates["ctr"], rates["interaction_rate"], rates["entry_rate"], rates["cvr"],
                 notes["aov"].to_numpy(dtype=float), notes["cpm"].to_numpy(dtype=float),
                 notes["audience_cap"].to_numpy(dtype=float))


def planned_rates(plan: Plan, lift_values: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """The notes' effective rates as planned (section 2): lifted for eligible notes, base for the others."""
    notes = plan.notes
    eligible = eligible_notes(plan)
    lifts = plan.applied_lifts.values_for(notes["industry"]) if lift_values is None else lift_values
    factor = np.where(eligible[:, None], 1.0 + lifts, 1.0)

    def lifted(column: str, k: int) -> np.ndarray:
        return np.minimum(1.0, notes[column].to_numpy(dtype=float) * factor[:, k])

    return {"ctr": lifted("ctr", 0), "interaction_rate": lifted("interaction_rate", 1),
            "entry_rate": lifted("entry_rate", 2), "cvr": notes["cvr"].to_numpy(dtype=float)}


def impressions(budget: np.ndarray, cpm: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """A*(1 - exp(-b/(A*cpm/1000))) with an audience cap A, b*1000/cpm without one."""
    uncapped = budget * 1000.0 / cpm
    with np.errstate(invalid="ignore", divide="ignore"):
        capped = -cap * np.expm1(-uncapped / cap)
    return np.where(np.isnan(cap), uncapped, capped)


def impressions_slope(budget: np.ndarray, cpm: np.ndarray, cap: np.ndarray) -> np.ndarray:
    """d(impressions)/d(budget): exp(-b/(A*cpm/1000)) * 1000/cpm, or 1000/cpm without a cap."""
    per_yuan = 1000.0 / cpm
    with np.errstate(invalid="ignore", divide="ignore"):
        decay = np.exp(-budget * per_yuan / cap)
    return np.where(np.isnan(cap), per_yuan, per_yuan * decay)


@dataclass(frozen=True)
class Estimate:
    notes: pd.DataFrame  # one row per note, columns NOTE_KEYS then NOTE_FEE_RATIOS
    totals: dict[str, float | None]
    funding: Funding


def _ratio(numerator: float, denominator: float) -> float | None:
    """numerator / denominator; None (empty) where the denominator is 0 (MODEL.md section 3).

    Inputs within their bounds (planner.model.limits) keep every total finite, but a rate may be as small
    as a double goes: a ratio past the largest double has a denominator that is 0 at the numerator's
    scale (CPA of 1e-320 orders), and is empty too rather than infinite.
    """
    if denominator == 0:
        return None
    ratio = numerator / denominator
    return ratio if math.isfinite(ratio) else None


def _ratios(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator / denominator by note; NaN (empty) where the denominator is 0 or the ratio is not finite."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = numerator / np.where(denominator > 0, denominator, np.nan)
    return np.where(np.isfinite(ratio), ratio, np.nan)


def estimate(plan: Plan) -> Estimate:
    """The funnel, funding and marginal ROI of every note at its budget, and the plan's totals."""
    rates = effective_rates(plan)
    budget = plan.notes["budget"].to_numpy(dtype=float)
    fees = creator_fees(plan)
    params = plan.params
    money = split_funding(budget, rates.eligible, params.platform_share, params.platform_cap)
    shown = impressions(budget, rates.cpm, rates.audience_cap)
    clicks = shown * rates.ctr
    visits = clicks * rates.entry_rate
    orders = visits * rates.cvr
    gmv = orders * rates.aov
    # Brand money per extra yuan: 1 - s for an eligible note until the platform cap is reached.
    brand_share = np.where(rates.eligible & (not money.cap_reached), 1.0 - params.platform_share, 1.0)
    gmv_slope = impressions_slope(budget, rates.cpm, rates.audience_cap) * rates.per_impression("gmv")
    with np.errstate(divide="ignore", invalid="ignore"):
        marginal = np.where(brand_share > 0, gmv_slope / brand_share, np.nan)
    frame = pd.DataFrame({
        "note_id": plan.notes["note_id"].to_numpy(), "eligible": rates.eligible, "budget": budget,
        "brand_cost": money.brand, "platform_cost": money.platform, "impressions": shown,
        "clicks": clicks, "interactions": shown * rates.interaction_rate, "store_visits": visits,
        "orders": orders, "gmv": gmv, "marginal_roi": marginal,
        # MODEL.md section 11: the creator's fee is the brand's alone, never co-funded.
        "creator_fee": fees, "total_cost": budget + fees,
        "total_roi": _ratios(gmv, budget + fees), "brand_total_roi": _ratios(gmv, money.brand + fees),
    })
    totals: dict[str, float | None] = {key: float(frame[key].sum()) for key in
                                       ("budget", "brand_cost", "platform_cost") + OUTCOMES}
    totals["platform_cost"] = float(money.platform_total)
    totals["brand_cost"] = float(totals["budget"] or 0.0) - money.platform_total
    totals["roi"] = _ratio(totals["gmv"] or 0.0, totals["budget"] or 0.0)
    totals["brand_roi"] = _ratio(totals["gmv"] or 0.0, totals["brand_cost"] or 0.0)
    totals["cpa"] = _ratio(totals["budget"] or 0.0, totals["orders"] or 0.0)
    fee_total = float(fees.sum())
    totals["creator_fee"] = fee_total
    totals["total_cost"] = (totals["budget"] or 0.0) + fee_total
    totals["total_roi"] = _ratio(totals["gmv"] or 0.0, totals["total_cost"] or 0.0)
    totals["brand_total_roi"] = _ratio(totals["gmv"] or 0.0, (totals["brand_cost"] or 0.0) + fee_total)
    return Estimate(frame, totals, money)


def creator_fees(plan: Plan) -> np.ndarray:
    """Each note's creator fee (0 where the notes have none)."""
    notes = plan.notes
    return notes["creator_fee"].to_numpy(dtype=float) if "creator_fee" in notes else np.zeros(len(notes))
