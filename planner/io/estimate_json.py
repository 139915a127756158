"""The JSON document of `planner-cli estimate --json` (CONTRACT.md), at full precision."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from planner.model.funnel import NOTE_KEYS, TOTAL_KEYS, Estimate
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


def estimate_document(plan: Plan, result: Estimate, spread: dict[str, dict[str, float]]) -> dict[str, Any]:
    """The object CONTRACT.md specifies: plan parameters, totals, uncertainty and one entry per note."""
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
    }
