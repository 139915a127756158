"""A plan file's sections read into the model: name, parameters, lifts with their bootstrap samples, and notes.

Each reader appends every problem it finds to `problems` and returns None when the section is unusable.
Text with lone surrogates (which the app writes as \\ud800-style escapes, planfile._encoded) is
repaired to U+FFFD as it is read (planner.model.text): refusing it would lock a user out of a plan the app
itself wrote, and keeping it would make every UTF-8 output (terminal, JSON, workbook) fail on it.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import pandas as pd

from planner.i18n import _
from planner.model.dates import parse_days
from planner.model.errors import Problem
from planner.model.lifts import (
    DEFAULT_ROW,
    LIFT_COLUMNS,
    SOURCE_TYPED,
    LiftTable,
    check_lifts,
    complete_lift_frame,
)
from planner.model.limits import MAX_LIFT, MAX_TEXT_CHARS
from planner.model.notes import (
    BOOL_FIELDS,
    DATE_FIELDS,
    NUMBER_FIELDS,
    REQUIRED_FIELDS,
    check_notes,
    complete_notes,
)
from planner.model.plan import PlanParams
from planner.model.text import repair_text, repair_texts, too_long
from planner.model.words import listed

PARAM_FIELDS = ("brand_budget", "objective", "joint", "platform_share", "platform_cap")
LIFT_NUMBERS = tuple(c for c in LIFT_COLUMNS if c != "source")
# What pandas.api.types.infer_dtype calls a list of JSON numbers (nulls skipped).
_NUMBER_KINDS = ("floating", "integer", "mixed-integer-float", "empty")


def _as_float(value: Any) -> float | None:
    """A JSON number as a float; None for anything else (booleans are not numbers here)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def read_name(document: dict[str, Any], file: str, problems: list[Problem]) -> str:
    """The plan's name: text of at most MAX_TEXT_CHARS, lone surrogates repaired; "" when it has none."""
    name = document.get("name", "")
    if not isinstance(name, str):
        problems.append(Problem(file, None, "name", name, _("the plan's name as text")))
        return ""
    name = repair_text(name)
    problems.extend(check_name(name, file))
    return name


def check_name(name: str, file: str = "") -> list[Problem]:
    """A name longer than a workbook cell holds (the export writes it in one): refused on load and save."""
    if not too_long(name):
        return []
    return [Problem(file, None, "name", name, _("a plan name of at most {most:,} characters (what an Excel cell "
                                                "holds; an emoji counts as 2)").format(most=MAX_TEXT_CHARS))]


def read_params(section: Any, file: str, problems: list[Problem]) -> PlanParams | None:
    """The "params" section as PlanParams, checked as the model checks them."""
    if not isinstance(section, dict):
        problems.append(Problem(file, None, None, None, _('the "params" section is not a JSON object')))
        return None
    missing = [f for f in PARAM_FIELDS if f not in section]
    if missing:
        problems.append(Problem(file, None, None, None, _('the "params" section has no {keys}').format(
            keys=listed(missing))))
        return None
    found: list[Problem] = []
    numbers = {f: _as_float(section[f]) for f in ("brand_budget", "platform_share", "platform_cap")}
    for field_name in ("brand_budget", "platform_share"):
        if numbers[field_name] is None:
            found.append(Problem(file, None, field_name, section[field_name], _("a number")))
    if section["platform_cap"] is not None and numbers["platform_cap"] is None:
        found.append(Problem(file, None, "platform_cap", section["platform_cap"], _("a number, or null for none")))
    if not isinstance(section["objective"], str):
        found.append(Problem(file, None, "objective", section["objective"], _("an objective name (text)")))
    if not isinstance(section["joint"], bool):
        found.append(Problem(file, None, "joint", section["joint"], _("true or false")))
    step = _as_float(section.get("budget_step", 1.0))  # saved before the setting existed: whole yuan
    if step is None:
        found.append(Problem(file, None, "budget_step", section["budget_step"], _("a number")))
    fees_in_budget = section.get("fees_in_budget", False)  # saved before creator fees: boosts only
    if not isinstance(fees_in_budget, bool):
        found.append(Problem(file, None, "fees_in_budget", fees_in_budget, _("true or false")))
    problems.extend(found)
    if found:
        return None
    params = PlanParams(brand_budget=numbers["brand_budget"] or 0.0, objective=section["objective"],
                        joint=section["joint"], platform_share=numbers["platform_share"] or 0.0,
                        platform_cap=numbers["platform_cap"], budget_step=step or 1.0,
                        fees_in_budget=fees_in_budget is True)
    problems.extend(params.problems(file))
    return params


def read_lifts(section: Any, file: str, problems: list[Problem]) -> LiftTable | None:
    """The "lifts" section as a LiftTable in the file's order, with a `default` row added if it has none."""
    rows = section.get("rows") if isinstance(section, dict) else None
    samples = section.get("samples", {}) if isinstance(section, dict) else None
    if not isinstance(rows, list) or not isinstance(samples, dict):
        problems.append(Problem(file, None, None, None, _('the "lifts" section is not an object with a list of '
                                                          '"rows" and an object of "samples"')))
        return None
    records: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    for position, row in enumerate(rows, start=1):
        industry = row.get("industry") if isinstance(row, dict) else None
        if isinstance(industry, str):
            industry = repair_text(industry)
        if not isinstance(industry, str) or not industry.strip():
            problems.append(Problem(file, position, "industry", industry, _("a lift row with an industry (text)")))
        elif industry in records:
            problems.append(Problem(file, position, "industry", industry,
                                    _("one lift row per industry (this one is used by an earlier row)")))
        else:
            records[industry] = _lift_record(row, position, file, problems)
            positions[industry] = position
    frame = pd.DataFrame.from_dict(records, orient="index", columns=list(LIFT_COLUMNS))
    # In the file's order, so that a plan reads back as it was; a missing `default` is the article's, first.
    order = list(records) if DEFAULT_ROW in records else [DEFAULT_ROW, *records]
    table = complete_lift_frame(frame).loc[order]
    # The added `default` has no row in the file, but it is never invalid: its number (0) is never shown.
    problems.extend(check_lifts(table, file, np.array([positions.get(i, 0) for i in table.index])))
    return LiftTable(table, _read_samples(samples, table.index, file, problems))


def _lift_record(row: dict[str, Any], position: int, file: str, problems: list[Problem]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for column in LIFT_NUMBERS:
        value = row.get(column)
        number = _as_float(value)
        if value is not None and number is None:
            problems.append(Problem(file, position, column, value, _("a number, or null")))
        record[column] = np.nan if number is None else number
    source = row.get("source", SOURCE_TYPED)
    if not isinstance(source, str):
        problems.append(Problem(file, position, "source", source, _("where the lifts came from (text)")))
    record["source"] = str(source)
    return record


def _read_samples(section: dict[str, Any], industries: pd.Index, file: str,
                  problems: list[Problem]) -> dict[str, np.ndarray]:
    """Bootstrap draws per industry: k x 3 finite lifts of -1 or more, for industries that have a row."""
    samples: dict[str, np.ndarray] = {}
    expected = _("bootstrap draws: a list of [ctr, interaction, entry] lifts, each a number from -1 to {most:g} (as "
                 "every lift)").format(most=MAX_LIFT)
    for industry, draws in section.items():
        industry = repair_text(industry)  # as the rows' industries are
        if industry not in industries:
            problems.append(Problem(file, None, "samples", industry,
                                    _("bootstrap draws for an industry with a lift row")))
            continue
        try:
            array = np.array(draws, dtype=float)
        except (TypeError, ValueError, OverflowError):
            array = np.empty((0, 0))
        if array.ndim != 2 or array.shape[0] == 0 or array.shape[1] != 3 or not (
                ((array >= -1) & (array <= MAX_LIFT)).all()):  # NaN fails both
            problems.append(Problem(file, None, "samples", industry, expected))
            continue
        samples[industry] = array
    return samples


def read_notes(section: Any, file: str, problems: list[Problem]) -> pd.DataFrame | None:
    """The "notes" section as a completed notes frame; each problem once, in row and column order."""
    columns = section.get("columns") if isinstance(section, dict) else None
    if not isinstance(columns, dict) or not all(isinstance(v, list) for v in columns.values()):
        problems.append(Problem(file, None, None, None,
                                _('the "notes" section is not an object of "columns", each a list of values')))
        return None
    lengths = sorted({len(v) for v in columns.values()})
    missing = [f for f in REQUIRED_FIELDS if f not in columns]
    if len(lengths) > 1 or missing:
        why = (_("its columns have different lengths ({least} to {most} values)").format(
            least=lengths[0], most=lengths[-1]) if len(lengths) > 1
            else _("it has no column {keys}").format(keys=listed(missing)))
        problems.append(Problem(file, None, None, None, _('the "notes" section is not a notes table: {why}').format(
            why=why)))
        return None
    found: list[Problem] = []
    frame = pd.DataFrame({name: _read_column(name, values, file, found) for name, values in columns.items()})
    notes = complete_notes(frame)
    # A value of the wrong type is reported once, as such, not again as a missing value.
    reported = {(p.row, p.column) for p in found}
    checked = check_notes(notes, file, np.arange(1, len(notes) + 1))
    columns_order = {name: i for i, name in enumerate(notes.columns)}
    problems.extend(sorted(found + [p for p in checked if (p.row, p.column) not in reported],
                           key=lambda p: (p.row or 0, -1 if p.column is None else columns_order.get(p.column, -1))))
    return notes


def _read_column(name: str, values: list[Any], file: str, found: list[Problem]) -> Any:
    """One notes column from its JSON list; the type check is one vectorised pass unless something is wrong."""
    kind = pd.api.types.infer_dtype(values, skipna=True)
    if name in NUMBER_FIELDS:
        if kind in _NUMBER_KINDS:
            with contextlib.suppress(OverflowError):
                return np.array(values, dtype=float)
        numbers = [_as_float(v) for v in values]
        _flag(values, [n is not None for n in numbers], name, _("a number, or null for empty"), file, found)
        return np.array([np.nan if n is None else n for n in numbers], dtype=float)
    if name in BOOL_FIELDS:
        if kind not in ("boolean", "empty"):
            _flag(values, [isinstance(v, bool) for v in values], name, _("true or false"), file, found)
            values = [v if isinstance(v, bool) else False for v in values]
        return np.array(values, dtype=bool)
    if name in DATE_FIELDS:
        return _read_days(name, values, kind, file, found)
    if kind not in ("string", "empty"):
        _flag(values, [isinstance(v, str) for v in values], name, _("text (in quotes)"), file, found)
        values = [v if isinstance(v, str) else None for v in values]
    # Columns this version does not know stay text, an empty cell "" (their meaning is a later version's).
    texts = pd.Series(values, dtype=object).fillna("").astype(str)
    repaired = repair_texts(texts.tolist())
    return texts if repaired is texts else pd.Series(repaired, dtype=str)


def _read_days(name: str, values: list[Any], kind: str, file: str, found: list[Problem]) -> np.ndarray:
    """ISO days or null (a file saved before the field existed kept "" for none, read as none too)."""
    if kind not in ("string", "empty"):
        _flag(values, [isinstance(v, str) for v in values], name, _("a date such as 2025-05-13, or null"), file,
              found)
        values = [v if isinstance(v, str) else None for v in values]
    days, bad = parse_days(pd.Series(values, dtype=object))
    _flag(values, (~bad).tolist(), name, _("a date such as 2025-05-13, or null"), file, found)
    return days


def _flag(values: list[Any], good: list[bool], column: str, expected: str, file: str,
          found: list[Problem]) -> None:
    found.extend(Problem(file, position + 1, column, value, expected)
                 for position, (value, ok) in enumerate(zip(values, good, strict=True))
                 if value is not None and not ok)
