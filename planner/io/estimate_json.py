"""The JSON documents planner-cli prints (CONTRACT.md): the estimate (with the daily plan), the comparison."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from planner.model.compare import Comparison
from planner.model.funnel import NOTE_KEYS, TOTAL_KEYS, Estimate
from planner.model.guardrails import Warning
from planner.model.pacing import DailyPlan
from planner.model.plan import Plan


def _number(value: Any) -> float | None:
    """A JSON number, or None for an undefined figure (NaN, or a ratio past a double) so the document
    stays strict JSON: `estimate --json` prints a document, never a traceback."""
    if value is None:
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _numbers(values: np.ndarray) -> list[float | None]:
    """A column as Python floats, None where not finite (JSON's null)."""
    held = values.astype(object)
    held[~np.isfinite(values)] = None
    return held.tolist()


def estimate_document(plan: Plan, result: Estimate, spread: dict[str, dict[str, float]],
                      daily: DailyPlan | None = None, warnings: list[Warning] | None = None) -> dict[str, Any]:
    """The object CONTRACT.md specifies: plan parameters, totals, uncertainty, one entry per note, and with a
    calendar the daily plan ("pacing")."""
    params = plan.params
    notes = result.notes
    columns = {key: notes[key].to_numpy() for key in NOTE_KEYS}
    numeric = [key for key in NOTE_KEYS if key not in ("note_id", "eligible")]
    # Column-wise conversion: tolist() gives Python floats in one step per column, not per cell.
    lists = {key: _numbers(columns[key]) for key in numeric}
    rows = [dict(zip(NOTE_KEYS, values, strict=True)) for values in zip(
        columns["note_id"].tolist(), columns["eligible"].tolist(), *(lists[k] for k in numeric), strict=True)]
    return {
        "plan": {"name": plan.name, "brand_budget": float(params.brand_budget), "objective": params.objective,
                 "joint": bool(params.joint), "platform_share": float(params.platform_share),
                 "platform_cap": _number(params.platform_cap)},
        "totals": {key: _number(result.totals[key]) for key in TOTAL_KEYS},
        "uncertainty": {outcome: {p: _number(v) for p, v in spread[outcome].items()} for outcome in ("orders", "gmv")},
        "notes": rows,
        "warnings": [{"note_id": w.note_id, "code": w.code, "message": w.message} for w in warnings or []],
    } | ({"pacing": pacing_document(daily)} if daily is not None else {})


def pacing_document(daily: DailyPlan) -> list[dict[str, Any]]:
    """One object per day: date, phase, weight, spend, brand, platform, cumulative spend and share, outcomes."""
    frame = daily.frame()
    columns = {key: frame[key].tolist() if key in ("date", "phase") else _numbers(frame[key].to_numpy(dtype=float))
               for key in frame.columns}
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]


def comparison_document(comparison: Comparison) -> dict[str, Any]:
    """Every scenario's figures, its difference to the base (absolute and relative), the notes differing most."""
    def figures(frame: Any, name: str) -> dict[str, float | None]:
        return {key: _number(frame.at[key, name]) for key in frame.index}

    names = list(comparison.totals.columns)
    differing = comparison.notes_differing_most()
    return {
        "base": comparison.base,
        "scenarios": [{"name": name, "brand_budget": float(comparison.brand_budgets[name]),
                       "totals": figures(comparison.totals, name),
                       "difference": figures(comparison.difference, name),
                       "relative": figures(comparison.relative, name)} for name in names],
        "notes_differing_most": [{"note_id": str(note_id), "budgets": {name: _number(differing.at[note_id, name])
                                                                       for name in names}}
                                 for note_id in differing.index],
    }
