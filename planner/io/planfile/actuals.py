"""The plan file's sections of the campaign's course: `actuals` (MODEL.md section 10) and `guardrails` (section 12).

Layout::

    "actuals": {"columns": {"date": ["2025-05-13", ...], "note_id": ["n1", ...], "spend": [512.5, ...],
                            "impressions": [10240, ...], ...}}        (null: no actuals yet)
    "guardrails": {"saturation": 0.9, "concentration": 0.3, "history_multiple": 3.0,
                   "rate_low": 5.0, "rate_high": 95.0}

Actuals are stored by column as notes are, one row per note and day, each day as ISO text; an optional count
no row reports is left out, and a count column whose values are all whole is written as whole numbers (an
actuals table is mostly counts: 10240 rather than 10240.0). On load they are held to the actuals table's own
rules (planner.model.actuals), each problem at its row (first = 1) and column; notes and days the plan no
longer has are kept (tracking leaves them out), as a plan whose notes changed after an import still opens.
A file without either section (written before them) has no actuals and the default thresholds.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.actuals import (
    ACTUALS_FIELDS,
    NUMBER_FIELDS,
    REQUIRED_FIELDS,
    check_actuals,
    complete_actuals,
)
from planner.model.errors import Problem
from planner.model.plan_actuals import MOST_ROWS, as_plan_actuals
from planner.model.thresholds import Thresholds
from planner.model.words import listed

_WHOLE = 2.0**53  # whole numbers up to here are exact as floats and as JSON integers
_NUMBER_KINDS = ("floating", "integer", "mixed-integer-float", "empty")


# ---------------------------------------------------------------- saving

def actuals_columns(actuals: pd.DataFrame) -> dict[str, np.ndarray]:
    """The plan's actuals as the file stores them: ISO days and ids as text, counts as floats; an optional
    count that no row reports left out."""
    day_codes, days = pd.factorize(actuals["date"].to_numpy(dtype="datetime64[D]"))
    texts = np.asarray([str(day) for day in days] + [""], dtype=object)
    columns = {"date": texts[day_codes], "note_id": actuals["note_id"].to_numpy(dtype=object)}
    for key in NUMBER_FIELDS:
        values = actuals[key].to_numpy(dtype=float)
        if key in REQUIRED_FIELDS or not np.isnan(values).all():
            columns[key] = values
    return columns


def actuals_values(name: object, values: np.ndarray) -> list[Any]:
    """One slice of an actuals column as a JSON list: text, whole numbers where all are whole, else floats;
    an empty count is null."""
    if values.dtype == object:
        return values.tolist()  # type: ignore[no-any-return]
    missing = np.isnan(values)
    present = values[~missing]
    whole = bool(np.all((present == np.floor(present)) & (np.abs(present) < _WHOLE)))
    numbers = np.where(missing, 0.0, values).astype(np.int64) if whole else values
    if not missing.any():
        return numbers.tolist()  # type: ignore[no-any-return]
    boxed = numbers.astype(object)
    boxed[missing] = None
    return boxed.tolist()  # type: ignore[no-any-return]


def actuals_problems(actuals: pd.DataFrame | None, file: str = "") -> list[Problem]:
    """What load_plan would refuse in the plan's actuals (checked on save too, so no save makes an unreadable
    file): the table's own rules, and at most MOST_ROWS rows."""
    if actuals is None:
        return []
    if len(actuals) > MOST_ROWS:
        return [_too_many(len(actuals), file)]
    columns = actuals_columns(actuals)
    return check_actuals(complete_actuals(pd.DataFrame(columns, copy=False)), file, np.arange(1, len(actuals) + 1))


def thresholds_document(thresholds: Thresholds) -> dict[str, float]:
    return {item.name: float(getattr(thresholds, item.name)) for item in fields(Thresholds)}


# ---------------------------------------------------------------- loading

def read_actuals_section(section: Any, file: str, problems: list[Problem]) -> pd.DataFrame | None:
    """The "actuals" section (null: none) in the plan's form; its problems named by row (first = 1) and column."""
    if section is None:
        return None
    columns = section.get("columns") if isinstance(section, dict) else None
    if not isinstance(columns, dict) or not all(isinstance(v, list) for v in columns.values()):
        problems.append(Problem(file, None, None, None, _(
            'the "actuals" section is not an object of "columns", each a list of values (or null for none)')))
        return None
    lengths = sorted({len(v) for v in columns.values()})
    missing = [key for key in REQUIRED_FIELDS if key not in columns]
    unknown = [key for key in columns if key not in ACTUALS_FIELDS]
    if missing or unknown or len(lengths) > 1:
        why = (_("it has no column {keys}").format(keys=listed(missing)) if missing
               else _("it has a column {keys} that actuals do not have").format(keys=listed(unknown)) if unknown
               else _("its columns have different lengths ({least} to {most} values)").format(
                   least=lengths[0], most=lengths[-1]))
        problems.append(Problem(file, None, None, None, _('the "actuals" section is not an actuals table: {why}').format(
            why=why)))
        return None
    if lengths and lengths[0] > MOST_ROWS:
        problems.append(_too_many(lengths[0], file))
        return None
    found: list[Problem] = []
    frame = pd.DataFrame({key: _read_column(key, values, file, found) for key, values in columns.items()})
    actuals = complete_actuals(frame)
    reported = {(p.row, p.column) for p in found}  # a value of the wrong type once, not again as empty
    checked = [p for p in check_actuals(actuals, file, np.arange(1, len(actuals) + 1))
               if (p.row, p.column) not in reported]
    order = {key: i for i, key in enumerate(ACTUALS_FIELDS)}
    problems.extend(sorted(found + checked, key=lambda p: (p.row or 0, order.get(p.column or "", -1))))
    return None if found or checked else as_plan_actuals(actuals)


def _too_many(rows: int, file: str) -> Problem:
    return Problem(file, None, None, None, _(
        "a plan holds at most {most:,} rows of actuals (one per note and day); this one has {rows:,}").format(
        most=MOST_ROWS, rows=rows))


def _read_column(key: str, values: list[Any], file: str, found: list[Problem]) -> np.ndarray:
    """One actuals column from its JSON list: text for the day and the id, numbers (or null) for the rest."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if key in NUMBER_FIELDS:
        if kind in _NUMBER_KINDS:
            try:
                return np.array(values, dtype=float)  # null becomes NaN
            except OverflowError:
                pass  # a whole number past a double: named below
        numbers = [_as_float(v) for v in values]
        _flag(values, [n is not None for n in numbers], key, _("a number, or null for empty"), file, found)
        return np.array([np.nan if n is None else n for n in numbers], dtype=float)
    if kind not in ("string", "empty"):
        _flag(values, [isinstance(v, str) for v in values], key, _("text (in quotes)"), file, found)
        values = [v if isinstance(v, str) else "" for v in values]
    return np.asarray(values, dtype=object)


def _as_float(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _flag(values: list[Any], good: list[bool], column: str, expected: str, file: str, found: list[Problem]) -> None:
    found.extend(Problem(file, position + 1, column, value, expected)
                 for position, (value, ok) in enumerate(zip(values, good, strict=True))
                 if value is not None and not ok)


def read_guardrails_section(section: Any, file: str, problems: list[Problem]) -> Thresholds:
    """The "guardrails" section (absent: the defaults); a setting it lacks keeps its default."""
    if section is None:
        return Thresholds()
    if not isinstance(section, dict):
        problems.append(Problem(file, None, None, None, _('the "guardrails" section is not an object of settings')))
        return Thresholds()
    defaults = Thresholds()
    values: dict[str, float] = {}
    for item in fields(Thresholds):
        value = section.get(item.name, getattr(defaults, item.name))
        number = _as_float(value)
        if number is None:
            problems.append(Problem(file, None, item.name, value, _("a number")))
        values[item.name] = getattr(defaults, item.name) if number is None else number
    thresholds = Thresholds(**values)
    problems.extend(thresholds.problems(file))
    return thresholds

