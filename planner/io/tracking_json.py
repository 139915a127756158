"""The JSON document of `planner-cli track --json`: plan against actuals to date (MODEL.md section 10).

    {"plan": {"name": "...", "scenario": "..."},
     "to_date": "2025-05-20", "status": "on_track",
     "actuals": {"rows": 0, "notes": 0, "first_day": "...", "last_day": "...",
                 "added": 0, "replaced": 0, "replaced_days": ["..."], "replaced_notes": ["..."]},
     "totals": {"spend": {"planned": 0, "actual": 0, "variance": 0, "achievement": 0}, "impressions": {...},
                "clicks": ..., "interactions": ..., "store_visits": ..., "orders": ..., "gmv": ...},
     "notes": [{"note_id": "...", "status": "under" | "on_track" | "slightly_over" | "over" | null,
                "spend": {"planned": 0, "actual": 0, "variance": 0, "achievement": 0}, ...,
                "rates": {"ctr": {"planned": 0, "observed": 0, "events": 0, "exposures": 0},
                          "interaction_rate": ..., "entry_rate": ..., "cvr": ...}}],
     "daily": [{"date": "...", "planned_spend": 0, "actual_spend": 0, "planned_gmv": 0, "actual_gmv": 0,
                "cumulative_planned_spend": 0, "cumulative_actual_spend": 0, "cumulative_planned_gmv": 0,
                "cumulative_actual_gmv": 0}]}

Numbers at full precision; an undefined figure is null: an achievement where nothing was planned, an actual
the actuals do not report (no GMV column), the actual of a day after the last with actuals, a note's status
when nothing was planned for it to date.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from planner.io.estimate_json import _number, _numbers
from planner.model.observed import OBSERVED
from planner.model.plan import Plan
from planner.model.plan_actuals import ActualsImport
from planner.model.tracking import TRACKED, Tracking

FIGURES = ("planned", "actual", "variance", "achievement")
RATE_FIGURES = ("planned", "observed", "events", "exposures")


def tracking_document(plan: Plan, tracking: Tracking, imported: ActualsImport | None = None) -> dict[str, Any]:
    """The document above for `plan` (its active scenario) and its tracking; `imported`: the import just merged."""
    actuals = plan.actuals
    assert actuals is not None
    days = actuals["date"]
    return {
        "plan": {"name": plan.name, "scenario": plan.scenario.name},
        "to_date": tracking.to_date.isoformat(),
        "status": tracking.status or None,
        "actuals": {"rows": len(actuals), "notes": int(actuals["note_id"].nunique()),
                    "first_day": _day(days.min()), "last_day": _day(days.max()),
                    "added": imported.added if imported else 0, "replaced": imported.replaced if imported else 0,
                    "replaced_days": [day.isoformat() for day in imported.replaced_days] if imported else [],
                    "replaced_notes": list(imported.replaced_notes) if imported else []},
        "totals": {key: {figure: _number(tracking.totals.at[key, figure]) for figure in FIGURES} for key in TRACKED},
        "notes": _notes(tracking),
        "daily": _records(tracking.daily.assign(date=tracking.daily["date"].astype(str))),
    }


def _day(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat()


def _notes(tracking: Tracking) -> list[dict[str, Any]]:
    """One object per note, built a column at a time (no Python work per cell beyond the final zip)."""
    notes, rates = tracking.notes, tracking.rates
    ids = notes["note_id"].astype(str).tolist()
    status = [text or None for text in notes["status"].tolist()]
    figures = {key: [_numbers(notes[f"{figure}_{key}"].to_numpy(dtype=float)) for figure in FIGURES]
               for key in TRACKED}
    observed = {rate: [_numbers(rates[column].to_numpy(dtype=float)) for column in
                       (f"planned_{rate}", f"observed_{rate}", f"{rate}_events", f"{rate}_exposures")]
                for rate in OBSERVED}
    found = []
    for i, note_id in enumerate(ids):
        entry: dict[str, Any] = {"note_id": note_id, "status": status[i]}
        for key, columns in figures.items():
            entry[key] = {figure: column[i] for figure, column in zip(FIGURES, columns, strict=True)}
        entry["rates"] = {rate: {figure: column[i] for figure, column in zip(RATE_FIGURES, columns, strict=True)}
                          for rate, columns in observed.items()}
        found.append(entry)
    return found


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = {key: frame[key].tolist() if key == "date" else _numbers(frame[key].to_numpy(dtype=float))
               for key in frame.columns}
    return [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
