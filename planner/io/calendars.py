"""Campaign calendars from files: the shipped presets (resources/calendars/*.json) and calendar tables.

A calendar table (CONTRACT.md: `phase, start, end, weight, shape`; Chinese 阶段 开始 结束 权重 节奏) is a CSV or
XLSX read as every table is (planner.io.tables.raw); `start` may carry an opening time (`2025-05-13 20:00`),
`shape` is even (均匀, or empty) or a pacing percent from 50 to 150, `weight` a number or a percentage.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from planner.i18n import _, language
from planner.model.calendar import EVEN, Calendar, Phase, check_calendar
from planner.model.errors import InputError, Problem

COLUMNS = {"phase": ("阶段",), "start": ("开始", "开始日期", "开始时间"), "end": ("结束", "结束日期"),
           "weight": ("权重",), "shape": ("节奏", "形状")}
EVEN_WORDS = ("", "even", "均匀", "平均")
_DATE = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::\d{2}(?:\.\d*)?)?)?\s*$")


def preset_keys() -> list[str]:
    """The shipped presets' keys (file names): 618-2025, double11."""
    from planner.resources import resource_path

    return sorted(path.stem for path in resource_path("calendars").glob("*.json"))


def load_preset(key: str) -> Calendar:
    """A shipped preset, its name and source in the current language."""
    from planner.resources import resource_path

    if key not in preset_keys():
        raise InputError([Problem("", None, None, key, _("a calendar preset: {keys}").format(
            keys=", ".join(preset_keys())))])
    document = json.loads(resource_path("calendars", f"{key}.json").read_text(encoding="utf-8"))
    phases = []
    for row, record in enumerate(document["phases"], start=2):
        problems: list[Problem] = []
        phases.append(_phase(f"{key}.json", row, record, problems))
        if problems:  # a shipped preset is tested; this names the file should it ever be edited badly
            raise InputError(problems)
    lang = language()
    return Calendar(tuple(phases), document["source"][lang], document["name"][lang])


def calendar_from_records(records: list[dict[str, object]], file: str = "", first_row: int = 2,
                          source: str = "", name: str = "") -> Calendar:
    """A calendar from rows of text cells (a table, a plan file); InputError with every problem."""
    problems: list[Problem] = []
    phases = [_phase(file, first_row + i, record, problems) for i, record in enumerate(records)]
    if problems:
        raise InputError(problems)
    calendar = Calendar(tuple(phases), source, name)
    problems = check_calendar(calendar, file, first_row)
    if problems:
        raise InputError(problems)
    return calendar


def calendar_records(calendar: Calendar) -> list[dict[str, object]]:
    """The calendar as rows of the table (and of the plan file): start with its time where it has one."""
    return [{"phase": phase.name, "start": start_text(phase), "end": phase.end.isoformat(), "weight": phase.weight,
             "shape": "even" if phase.shape is EVEN else phase.shape} for phase in calendar.phases]


def start_text(phase: Phase) -> str:
    if not phase.start_hour:
        return phase.start.isoformat()
    hours, minutes = divmod(round(phase.start_hour * 60), 60)
    return f"{phase.start.isoformat()} {hours:02d}:{minutes:02d}"


def read_calendar(path: str | Path) -> Calendar:
    """A calendar table (CSV or XLSX); InputError naming every bad cell."""
    from planner.io.tables.raw import read_raw_table

    raw = read_raw_table(path)
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    for position, text in enumerate(raw.header):
        key = _column_key(text)
        if key is not None and key not in positions:
            positions[key] = position
    for key in ("phase", "start", "end", "weight"):
        if key not in positions:
            problems.append(Problem(raw.file, raw.header_row, None, None, _(
                "a column {column} ({zh}) in the header").format(column=key, zh=COLUMNS[key][0])))
    if problems:
        raise InputError(problems)
    texts = {key: raw.text(position).tolist() for key, position in positions.items()}
    records = [{key: texts[key][i] for key in texts} for i in range(len(raw.cells))]
    headers = {key: raw.header[position] for key, position in positions.items()}
    first_row = int(raw.rows[0]) if len(raw.rows) else raw.header_row + 1
    try:
        return calendar_from_records(records, raw.file, first_row)
    except InputError as error:  # the file's own headers in the messages
        raise InputError([Problem(p.file, p.row, headers.get(p.column or "", p.column), p.value, p.expected)
                          for p in error.problems]) from None


def _column_key(header: str) -> str | None:
    text = header.strip().lower()
    for key, aliases in COLUMNS.items():
        if text == key or text in aliases:
            return key
    return None


def _phase(file: str, row: int, record: dict[str, object], problems: list[Problem]) -> Phase:
    """One phase from a row, its bad cells added to `problems` (a placeholder phase is returned for them)."""
    def bad(column: str, expected: str) -> None:
        problems.append(Problem(file, row, column, record.get(column), expected))

    name = str(record.get("phase") or "").strip()
    start, hour = _date(record.get("start"))
    if start is None:
        bad("start", _("a first day such as 2025-05-13, or with its opening time: 2025-05-13 20:00"))
    end, end_hour = _date(record.get("end"))
    if end is None or end_hour:
        bad("end", _("a last day such as 2025-06-18 (the whole day counts)"))
    weight = _number(record.get("weight"))
    if weight is None:
        bad("weight", _("a weight: a number of 0 or more, or a percentage such as 30%"))
    shape = _shape(record.get("shape"))
    if shape is False:
        bad("shape", _("even (or empty), or a pacing percent from 50 to 150"))
    placeholder = date(2000, 1, 1)
    return Phase(name, start or placeholder, end or start or placeholder, weight if weight is not None else 0.0,
                 shape if shape is not False else EVEN, hour)


def _date(value: object) -> tuple[date | None, float]:
    match = _DATE.match(str(value or ""))
    if not match:
        return None, 0.0
    year, month, day, hours, minutes = match.groups()
    try:
        when = date(int(year), int(month), int(day))
    except ValueError:
        return None, 0.0
    hour = int(hours) + int(minutes) / 60 if hours is not None else 0.0
    return (when, hour) if hour < 24 and (minutes is None or int(minutes) < 60) else (None, 0.0)


def _number(value: object) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value or "").strip()
    try:
        number = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        return None
    return number if number == number else None


def _shape(value: object) -> float | None | bool:
    """EVEN (None), a number, or False for text that is neither."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = str(value or "").strip().lower()
    if text in EVEN_WORDS:
        return EVEN
    number = _number(text[:-1] if text.endswith("%") else text)
    return number if number is not None else False
