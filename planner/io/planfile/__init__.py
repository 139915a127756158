"""Plan files (`.rcplan`, CONTRACT.md "Plan file"): one strict UTF-8 JSON document, versioned, saved atomically.

Layout (schema version 1)::

    {"schema_version": 1, "app": "RedCat Planner 0.1.0", "name": "...",
     "params": {"brand_budget": 0.0, "objective": "orders", "joint": true, "platform_share": 0.5,
                "platform_cap": null},
     "lifts": {"rows": [{"industry": "default", "ctr_lift": 0.2, "ctr_lift_low": 0.1, ..., "n_notes": null,
                         "source": "article"}, ...],
               "samples": {"beauty": [[ctr, interaction, entry], ...]}},
     "notes": {"columns": {"note_id": ["n1", ...], "cpm": [35.0, ...], "audience_cap": [null, ...], ...}},
     ...sections of later versions, kept as they were}

Schema version 2 adds `scenarios`, `active_scenario` and `calendar` (planfile.scenarios), and `actuals` and
`guardrails` (planfile.actuals).

Notes are stored by column, so that 100,000 of them are written and read as a few long lists rather than
a million small objects. An empty number (no cap, no maximum) is `null`; the file never holds NaN.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from planner import __version__
from planner.i18n import _
from planner.io.atomic import atomic_stream
from planner.io.files import open_regular, os_reason
from planner.io.planfile import json_shape
from planner.io.planfile.actuals import (
    actuals_columns,
    actuals_problems,
    actuals_values,
    read_actuals_section,
    read_guardrails_section,
    thresholds_document,
)
from planner.io.planfile.scenarios import (
    SCENARIO_COLUMNS,
    calendar_document,
    calendar_problems,
    read_calendar_section,
    read_scenarios,
    scenario_budget_problems,
    with_active_columns,
    with_scenarios,
)
from planner.io.planfile.sections import (
    LIFT_NUMBERS,
    check_name,
    read_lifts,
    read_name,
    read_notes,
)
from planner.io.tables.archive import MAX_SHEET_CELLS
from planner.model.actuals import ACTUALS_FIELDS
from planner.model.errors import InputError, Problem, refuse
from planner.model.lifts import LiftTable, check_lifts
from planner.model.notes import (
    BOOL_FIELDS,
    DATE_FIELDS,
    NOTE_FIELDS,
    NUMBER_FIELDS,
    REQUIRED_FIELDS,
    check_notes,
)
from planner.model.plan import Plan, PlanParams, first_scenario_name
from planner.model.plan_actuals import MOST_ROWS
from planner.model.scenarios import all_scenarios, scenario_problems
from planner.model.words import listed

SCHEMA_VERSION = 2
APP_NAME = "RedCat Planner"
# The most notes a plan holds: the most rows a notes table can have and import (its cells are at most
# MAX_SHEET_CELLS, its columns at least the required ones). A longer list in a plan file is refused before
# json.loads builds it (10,000,000 numbers would take ~600 MB first).
MAX_PLAN_NOTES = MAX_SHEET_CELLS // len(REQUIRED_FIELDS)
# The most values: every cell of the largest table an import accepts, plus the columns a plan adds to it, plus
# the most actuals a plan holds (MOST_ROWS, no longer than the notes' longest list).
MAX_PLAN_VALUES = MAX_SHEET_CELLS + MAX_PLAN_NOTES * len(NOTE_FIELDS) + MOST_ROWS * len(ACTUALS_FIELDS)
# Refused before reading. A plan takes ~240 bytes a note (100,000 notes: 24 MB); the largest a table import
# makes (MAX_PLAN_NOTES notes of the required columns, or 200 MB of CSV) is about 350 MB.
MAX_PLAN_BYTES = 512 * 2**20
SECTIONS = ("schema_version", "app", "name", "lifts", "notes", "scenarios", "active_scenario", "calendar", "actuals",
            "guardrails")
_JSON_LIMIT = 3  # containers this deep are spread one item a line; deeper ones (long columns) stay on one
_COLUMN_SLICE = 65_536  # notes converted to JSON at a time when a plan is saved
_WRITE_BYTES = 1 << 20  # small pieces are gathered into writes of about this size


# ---------------------------------------------------------------- saving

def save_plan(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write `plan` to `path` atomically (the old file stays whole on any failure).

    A plan that `load_plan` would refuse is refused here (InputError), so no save makes an unreadable file.
    """
    target = Path(path)
    problems = plan_problems(plan, target.name)
    if problems:
        raise InputError(problems)
    write_plan_file(plan, target)


def write_plan_file(plan: Plan, path: str | os.PathLike[str]) -> None:
    """Write `plan` to `path` atomically without validating it (a recovery file keeps work a save would refuse).

    The text is streamed: each notes column is converted and written a slice at a time, so that saving a plan
    of 580,000 notes holds little more than its frame.
    """
    with atomic_stream(path) as stream:
        buffered = bytearray()
        for piece in _pieces(plan_to_document(plan, deferred=True), 0):
            buffered += piece
            if len(buffered) >= _WRITE_BYTES:
                stream.write(buffered)
                buffered.clear()
        stream.write(buffered)


def plan_problems(plan: Plan, file: str = "") -> list[Problem]:
    """Every problem of the plan's notes, lifts and parameters, numbered as in a plan file (first = 1)."""
    notes_rows = np.arange(1, len(plan.notes) + 1)
    lift_rows = np.arange(1, len(plan.lifts.table) + 1)
    return (check_name(plan.name, file) + plan.params.problems(file) + check_lifts(plan.lifts.table, file, lift_rows)
            + check_notes(plan.notes, file, notes_rows) + scenario_problems(plan, file) + calendar_problems(plan, file)
            + actuals_problems(plan.actuals, file) + plan.thresholds.problems(file))


def plan_to_document(plan: Plan, deferred: bool = False) -> dict[str, Any]:
    """The plan as a JSON-ready dict of the current schema (NaN as None); `plan.extra` appended untouched.

    `deferred`: the notes columns are left as _Column objects that the writer converts one slice at a time.
    """
    clash = sorted(set(plan.extra) & set(SECTIONS))
    if clash:
        raise ValueError(f"plan.extra may not replace the plan file's own sections: {clash}")
    if not plan.notes.columns.is_unique:
        raise ValueError("the notes have two columns of the same name")
    def column(name: object, values: pd.Series) -> Any:
        return _Column(name, values) if deferred else _column_values(name, values)

    ids = plan.notes["note_id"]
    columns = {str(name): column(name, plan.notes[name]) for name in plan.notes.columns if name not in SCENARIO_COLUMNS}
    scenarios = [{"name": scenario.name, "params": _params_document(scenario.params),
                  "lift_scale": float(scenario.lift_scale), "rates": scenario.rates,
                  **({} if scenario.through is None else {"through": scenario.through.isoformat()}),
                  "budgets": column("budget", pd.Series(scenario.budgets_for(ids))),
                  "locked": column("locked", pd.Series(scenario.locked_for(ids)))}
                 for scenario in all_scenarios(plan)]
    document: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "app": f"{APP_NAME} {__version__}",
        "name": plan.name,
        "lifts": _lifts_document(plan.lifts),
        "notes": {"columns": columns},
        "scenarios": scenarios,
        "active_scenario": plan.scenario.name,
        "calendar": None if plan.calendar is None else calendar_document(plan.calendar),
        "actuals": None if plan.actuals is None else {"columns": {
            name: _Column(name, pd.Series(values, copy=False), actuals_values) if deferred
            else actuals_values(name, values) for name, values in actuals_columns(plan.actuals).items()}},
        "guardrails": thresholds_document(plan.thresholds),
    }
    document.update(plan.extra)
    return document


def _params_document(params: PlanParams) -> dict[str, Any]:
    cap = params.platform_cap
    return {"brand_budget": float(params.brand_budget), "objective": params.objective,
            "joint": bool(params.joint), "platform_share": float(params.platform_share),
            "platform_cap": None if cap is None or math.isnan(cap) else float(cap),
            "budget_step": float(params.budget_step), "fees_in_budget": bool(params.fees_in_budget)}


def _lifts_document(lifts: LiftTable) -> dict[str, Any]:
    rows = []
    for industry, row in lifts.table.iterrows():  # one row per industry: a handful
        record: dict[str, Any] = {"industry": str(industry)}
        record.update({c: _number_or_none(row[c]) for c in LIFT_NUMBERS})
        record["source"] = str(row["source"])
        rows.append(record)
    samples = {str(k): np.asarray(v, dtype=float).tolist() for k, v in lifts.samples.items()}
    return {"rows": rows, "samples": samples}


def _number_or_none(value: Any) -> float | None:
    number = float(value)
    return None if math.isnan(number) else number


def _column_values(name: object, column: pd.Series) -> list[Any]:
    """One notes column as a JSON list, converted whole (no per-cell Python): numbers, booleans or text."""
    if name in NUMBER_FIELDS:
        values = column.to_numpy(dtype=float)
        missing = np.isnan(values)
        if not missing.any():
            return values.tolist()
        boxed = values.astype(object)
        boxed[missing] = None
        return boxed.tolist()
    if name in BOOL_FIELDS:
        return column.to_numpy(dtype=bool).tolist()
    if name in DATE_FIELDS:  # ISO days; null for none (the whole campaign)
        days = column.to_numpy(dtype="datetime64[D]")
        texts = days.astype(str).astype(object)
        texts[np.isnat(days)] = None
        return texts.tolist()
    # Text, and every column this version does not know: kept as text, an empty cell as "".
    text = column.astype(str).to_numpy(dtype=object)
    text[column.isna().to_numpy()] = ""
    return text.tolist()


class _Column:
    """A notes (or actuals) column that becomes JSON only when the writer reaches it, and then a slice at a time."""

    def __init__(self, name: object, column: pd.Series, convert: Callable[[object, Any], list[Any]] | None = None):
        self.name, self.column = name, column
        self.convert = convert

    def pieces(self) -> Iterator[bytes]:
        yield b"["
        for start in range(0, len(self.column), _COLUMN_SLICE):
            part = self.column.iloc[start:start + _COLUMN_SLICE]
            values = _column_values(self.name, part) if self.convert is None else self.convert(self.name,
                                                                                                  part.to_numpy())
            yield (b"," if start else b"") + _encoded(values)[1:-1]
        yield b"]"


def _pieces(value: Any, depth: int) -> Iterator[bytes]:
    """Strict JSON in UTF-8, the outer objects (and lists of objects) spread one item a line so a diff reads.

    Yielded as pieces: the caller writes them as they come, and a piece with a lone surrogate (from a badly
    decoded import) is written with \\ud800-style escapes, the only form JSON has for it.
    """
    if isinstance(value, _Column):
        yield from value.pieces()
        return
    pad, end = ("\n" + "  " * (depth + 1)).encode(), ("\n" + "  " * depth).encode()
    if depth < _JSON_LIMIT and isinstance(value, dict) and value:
        yield b"{"
        for i, (key, item) in enumerate(value.items()):
            yield (b"," if i else b"") + pad + _encoded(str(key)) + b": "
            yield from _pieces(item, depth + 1)
        yield end + b"}"
    elif depth < _JSON_LIMIT and isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        yield b"["
        for i, item in enumerate(value):
            yield (b"," if i else b"") + pad
            yield from _pieces(item, _JSON_LIMIT)
        yield end + b"]"
    elif isinstance(value, dict) and any(isinstance(item, _Column) for item in value.values()):
        yield b"{"  # compact, as json.dumps writes it, with the long columns streamed
        for i, (key, item) in enumerate(value.items()):
            yield (b", " if i else b"") + _encoded(str(key)) + b": "
            yield from _pieces(item, depth + 1)
        yield b"}"
    else:
        yield _encoded(value)


def _encoded(value: Any) -> bytes:
    """One value as compact JSON bytes: readable UTF-8, or ASCII escapes where text cannot be UTF-8."""
    # allow_nan=False: a NaN or infinity that slipped through raises instead of writing non-JSON.
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False).encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps(value, ensure_ascii=True, allow_nan=False).encode("ascii")


# ---------------------------------------------------------------- loading

def load_plan(path: str | os.PathLike[str]) -> Plan:
    """The plan in the file at `path`, migrated from an older schema; InputError listing every problem."""
    file = Path(path).name
    return plan_from_document(_parse(_read(Path(path), file), file), file)


def plan_from_document(document: Any, file: str = "") -> Plan:
    """A validated Plan from a parsed plan document of this or an older schema version."""
    if not isinstance(document, dict):
        raise refuse(file, _("not a plan file: the document is not a JSON object"))
    document = _migrate(document, file)
    missing = [s for s in ("scenarios", "lifts", "notes") if s not in document]
    if missing:
        raise refuse(file, _("not a complete plan file: it has no {sections} section").format(
            sections=listed(_('"{value}"').format(value=s) for s in missing)))
    problems: list[Problem] = []
    name = read_name(document, file, problems)
    found = read_scenarios(document["scenarios"], document.get("active_scenario"), file, problems)
    lifts = read_lifts(document["lifts"], file, problems)
    calendar = read_calendar_section(document.get("calendar"), file, problems)
    actuals = read_actuals_section(document.get("actuals"), file, problems)
    thresholds = read_guardrails_section(document.get("guardrails"), file, problems)
    if found is None:
        raise InputError(problems)
    scenarios, active = found
    notes = read_notes(with_active_columns(document["notes"], scenarios[active]), file, problems)
    if notes is not None:
        problems += scenario_budget_problems(notes, scenarios, active, file)
    if problems or lifts is None or notes is None:
        raise InputError(problems)
    extra = {key: value for key, value in document.items() if key not in SECTIONS}
    plan = Plan(name=name, notes=notes, lifts=lifts, params=scenarios[active].params, extra=extra,
                calendar=calendar, actuals=actuals, thresholds=thresholds)
    return with_scenarios(plan, scenarios, active)


def _read(path: Path, file: str) -> bytes:
    """The file's bytes; a file too big to be a plan, or not a file (a pipe, a device), is refused unread."""
    limit = _("a plan file is at most {limit} MB; this file is larger, so it is not a plan").format(
        limit=MAX_PLAN_BYTES // 2**20)
    try:
        with open_regular(path, file, _("a plan file")) as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_PLAN_BYTES:
                raise refuse(file, limit)
            data = stream.read(size + 1)  # a buffer of the file's size, not of the limit
            if len(data) > size:  # it grew since: still being written
                data += stream.read(MAX_PLAN_BYTES + 1 - len(data))
    except OSError as error:
        raise refuse(file, _("the file cannot be read: {reason}").format(reason=os_reason(error))) from error
    if len(data) > MAX_PLAN_BYTES:
        raise refuse(file, limit)
    return data


def _check_size(data: bytes, file: str) -> None:
    """Refuse a document with a list longer, or more values, than any plan has, before json.loads builds it."""
    shape = json_shape.bounds(data)  # counting commas settles most files in milliseconds
    if shape.longest > MAX_PLAN_NOTES or shape.values > MAX_PLAN_VALUES:
        shape = json_shape.measure(data)
    if shape.longest > MAX_PLAN_NOTES:
        raise refuse(file, _("not a plan file: it holds a list of {values:,} values, and a plan has at most "
                             "{most:,} notes (the most rows a notes table can import)").format(
            values=shape.longest, most=MAX_PLAN_NOTES))
    if shape.values > MAX_PLAN_VALUES:
        raise refuse(file, _("not a plan file: it holds {values:,} values, more than the {most:,} of the largest "
                             "plan").format(values=shape.values, most=MAX_PLAN_VALUES))


class _NotStrictJson(ValueError):
    """NaN or Infinity: Python's json accepts them, JSON does not."""


def _cut_short(text: str, error: json.JSONDecodeError) -> bool:
    """Whether JSON fails only because the text stops: at its end, inside a string, or in its last word
    (`nu` of a null, `12` of a number cut in the middle)."""
    rest = text[error.pos:].rstrip()
    return (not rest or error.msg.startswith("Unterminated string")
            or all(char.isalnum() or char in ".+-" for char in rest))


def _refuse_constant(name: str) -> Any:
    raise _NotStrictJson(name)


def _parse(data: bytes, file: str) -> Any:
    """The JSON document in `data`, or one Problem saying plainly why it is not one."""
    if not data or data.isspace():
        raise refuse(file, _("not a plan file: the file is empty"))
    _check_size(data, file)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refuse(file, _("not a plan file: it is not UTF-8 text (byte {position} is not)").format(
            position=error.start)) from None
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except _NotStrictJson as error:
        raise refuse(file, _("not a plan file: {constant} is not JSON (an empty value is null)").format(
            constant=error)) from None
    except json.JSONDecodeError as error:
        if _cut_short(text, error):
            raise refuse(file, _("the plan file is incomplete: it ends too early (it may have been cut off while "
                                 "being copied or saved)")) from None
        raise refuse(file, _("not a plan file: it is not valid JSON ({detail} at line {line}, column {column})").format(
            detail=error.msg, line=error.lineno, column=error.colno)) from None
    except RecursionError:
        raise refuse(file, _("not a plan file: its JSON is nested too deeply")) from None


# ---------------------------------------------------------------- schema versions

def migrate_0_to_1(document: dict[str, Any]) -> dict[str, Any]:
    """Version 0 kept the parameters at the top level (the budget as `budget_total`) and notes as records."""
    old_params = ("budget_total", "objective", "joint", "platform_share", "platform_cap")
    migrated = {key: value for key, value in document.items() if key not in old_params}
    defaults = PlanParams()
    migrated["params"] = {
        "brand_budget": document.get("budget_total", defaults.brand_budget),
        "objective": document.get("objective", defaults.objective),
        "joint": document.get("joint", defaults.joint),
        "platform_share": document.get("platform_share", defaults.platform_share),
        "platform_cap": document.get("platform_cap", defaults.platform_cap),
    }
    notes = document.get("notes")
    if isinstance(notes, list) and all(isinstance(record, dict) for record in notes):
        frame = pd.DataFrame.from_records(notes).astype(object)
        frame = frame.where(frame.notna(), None)
        migrated["notes"] = {"columns": {str(name): frame[name].tolist() for name in frame.columns}}
    return migrated


def migrate_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had one set of parameters and budgets: it becomes one scenario named after the plan."""
    migrated = {key: value for key, value in document.items() if key != "params"}
    notes = document.get("notes")
    columns = notes.get("columns") if isinstance(notes, dict) else None
    scenario: dict[str, Any] = {"name": first_scenario_name(str(document.get("name") or "")),
                                "params": document.get("params"), "lift_scale": 1.0, "rates": "planned"}
    if isinstance(notes, dict) and isinstance(columns, dict):
        columns = dict(columns)
        for key, default in (("budget", 0.0), ("locked", False)):
            size = len(next(iter(columns.values()), []))
            scenario["budgets" if key == "budget" else "locked"] = columns.pop(key, [default] * size)
        migrated["notes"] = {**notes, "columns": columns}
    migrated["scenarios"] = [scenario]
    migrated["active_scenario"] = scenario["name"]
    migrated.setdefault("calendar", None)
    return migrated


# MIGRATIONS[v] turns a version-v document into a version v + 1 one; applied in order on load.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: migrate_0_to_1, 1: migrate_1_to_2}


def _migrate(document: dict[str, Any], file: str) -> dict[str, Any]:
    """The document in the current schema; a newer or unknown version is refused with a message saying so."""
    version = document.get("schema_version")
    if "schema_version" not in document:
        raise refuse(file, _("not a plan file: it has no schema_version"))
    if isinstance(version, bool) or not isinstance(version, int):
        raise refuse(file, _("not a plan file: its schema_version {version} is not a whole number").format(
            version=json.dumps(version)))
    if version > SCHEMA_VERSION:
        raise refuse(file, _("this plan was written by a newer version of {app}: the file has schema version "
                             "{version}, and {app} {app_version} supports schema versions up to {supported}; update "
                             "{app} to open it").format(app=APP_NAME, version=version, app_version=__version__,
                                                         supported=SCHEMA_VERSION))
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise refuse(file, _("not a plan file {app} knows: schema version {version} (it reads versions "
                                 "{oldest} to {supported})").format(app=APP_NAME, version=version,
                                                                    oldest=min(MIGRATIONS), supported=SCHEMA_VERSION))
        document = step(document)
        version += 1
        document["schema_version"] = version
    return document
