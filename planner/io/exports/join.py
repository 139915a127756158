"""Joining the exports: each file's rows to our counts and texts, summed by note (by note and day for actuals,
by note and period for history), then the exports put together note by note.

Rows are first kept to the chosen days and to one slice of the figures (星河 writes a row per attribution
window, 归因口径, for the same content and day: one window is taken, never two added). Each preset's measures
then give our counts row by row (spend = 消费, interactions = 互动量 or 点赞 + 评论 + 收藏 + 分享, ...), and
pandas sums them by key in C: a million rows of an hourly 聚光 report take a groupby, not a loop.

Across exports a measure's sources come in priority levels (presets.py): the exports of one level are added
(spend in 聚光 and in 薯条), and each note takes the first level that has it; `Joined.levels` keeps, per note,
the level used, so that every derived figure can say which files and columns it came from.

A history row's period is `base` or `joint` by the day's range, or by the plan's name: a 聚光 row whose 计划名称
matches the joint pattern is joint; an export without plan names (星河) takes the period of its note's 聚光
plans that day, and is left out (and counted) where that day had both kinds of plan or none.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from planner.i18n import _, ngettext
from planner.io.exports.presets import TEXT_UNITS, Catalogue, Measure, Preset
from planner.io.exports.read import ExportRows, trimmed
from planner.model.errors import InputError, Problem

NOTES, HISTORY, ACTUALS = "notes", "history", "actuals"
TARGETS = (NOTES, HISTORY, ACTUALS)
KEYS = {NOTES: ["note_id"], HISTORY: ["note_id", "period"], ACTUALS: ["day", "note_id"]}
COUNTS = ("spend", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv")  # history, actuals


@dataclass(frozen=True)
class Periods:
    """How a history row's period is chosen: by ranges of days, or by a pattern of joint plans' names."""

    base_days: tuple[date, date] | None = None
    joint_days: tuple[date, date] | None = None
    joint_plans: str = ""  # a regular expression over 计划名称: a match is a joint plan

    @property
    def by_plan(self) -> bool:
        return bool(self.joint_plans)


@dataclass(frozen=True)
class Level:
    """One priority level of a measure: the exports (kinds) in it, and the columns each read."""

    kinds: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]  # kind -> the columns summed
    unit: str
    caveats: tuple[tuple[str, str], ...] = ()
    days: int = 1  # the most days summed for one key (UV counts summed over days count a visitor once a day)


@dataclass
class Joined:
    """Our counts and texts by key, each with the level (of `levels`) it came from (-1: none)."""

    target: str
    values: pd.DataFrame  # indexed by the target's keys
    sources: pd.DataFrame  # the same shape, int codes into levels[measure]
    levels: dict[str, list[Level]]
    files: dict[str, list[str]]  # kind -> file names read
    by_kind: dict[str, pd.DataFrame] = field(default_factory=dict)  # each kind's measures by key (not combined)
    used: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # kind -> measure -> columns
    windows: dict[str, str] = field(default_factory=dict)  # slice column -> the value taken (归因口径: 15天)
    slice_values: dict[str, list[str]] = field(default_factory=dict)  # choice -> the values the files hold
    notices: list[str] = field(default_factory=list)  # rows left out, and why
    days: tuple[date, date] | None = None  # the days the dated files cover (before any range)


def join_exports(exports: Sequence[ExportRows], catalogue: Catalogue, target: str,
                 days: tuple[date | None, date | None] = (None, None), choices: Mapping[str, str] | None = None,
                 periods: Periods | None = None) -> Joined:
    """Every export's measures by the target's keys, the exports put together by priority (InputError for a choice
    the files cannot meet: an attribution window they do not hold, a joint-plan pattern that is no pattern)."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}: {', '.join(TARGETS)}")
    choices = dict(choices or {})
    notices: list[str] = []
    windows: dict[str, str] = {}
    slice_values: dict[str, list[str]] = {}
    covered = _covered(exports)
    frames: dict[str, list[pd.DataFrame]] = {}
    files: dict[str, list[str]] = {}
    problems: list[Problem] = []
    if target == HISTORY and periods and periods.by_plan:
        _check_pattern(periods.joint_plans)
    plan_periods = _plan_periods(exports, periods) if target == HISTORY and periods else None
    for export in exports:
        rows = _in_days(export, days, target, notices)
        try:
            rows = _sliced(export, rows, choices, windows, slice_values, notices)
        except InputError as error:
            problems.extend(error.problems)
            continue
        if target == HISTORY:
            rows = _with_periods(export, rows, periods or Periods(), plan_periods, notices)
        if target != NOTES and not export.dated:
            if set(export.preset.measures) & set(COUNTS):
                notices.append(_("{file}: no dates, so not used for {target}").format(file=export.file,
                                                                                       target=_target_word(target)))
            continue
        frames.setdefault(export.preset.kind, []).append(_measures(export, rows, choices))
        files.setdefault(export.preset.kind, []).append(export.file)
    if problems:
        raise InputError(problems)
    values, sources, levels, by_kind, used = _combine(frames, catalogue, target)
    if target == HISTORY and len(values):
        notices += _empty_periods(set(values.index.get_level_values("period")), periods or Periods())
    return Joined(target, values, sources, levels, files, by_kind, used, windows, slice_values, notices, covered)


def _target_word(target: str) -> str:
    return {NOTES: _("notes"), HISTORY: _("history"), ACTUALS: _("actuals")}[target]


def _covered(exports: Sequence[ExportRows]) -> tuple[date, date] | None:
    days = [export.frame["day"].dropna() for export in exports if export.dated]
    days = [d for d in days if len(d)]
    if not days:
        return None
    first, last = min(d.min() for d in days), max(d.max() for d in days)
    return pd.Timestamp(first).date(), pd.Timestamp(last).date()


def _in_days(export: ExportRows, days: tuple[date | None, date | None], target: str,
             notices: list[str]) -> pd.DataFrame:
    """The rows within the chosen days (every row of an export without dates); rows without a day left out where
    days matter."""
    frame = export.frame
    if not export.dated:
        return frame
    first, last = days
    day = frame["day"].to_numpy()
    keep = np.ones(len(frame), dtype=bool)
    if first is not None:
        keep &= day >= np.datetime64(first, "D")
    if last is not None:
        keep &= day <= np.datetime64(last, "D")
    undated = np.isnat(day)
    if target != NOTES or first is not None or last is not None:
        keep &= ~undated
        if undated.any():
            count = int(undated.sum())
            notices.append(ngettext("{file}: {count:,} row without a day left out",
                                    "{file}: {count:,} rows without a day left out", count).format(
                file=export.file, count=count))
    return frame if keep.all() else frame[keep]


def _sliced(export: ExportRows, rows: pd.DataFrame, choices: Mapping[str, str], windows: dict[str, str],
            slice_values: dict[str, list[str]], notices: list[str]) -> pd.DataFrame:
    """One slice of the figures where the export splits them (归因口径, 流量类型), as chosen or preferred."""
    for piece in export.preset.slices:
        if piece.column not in rows.columns:
            continue
        column = trimmed(rows[piece.column])
        found = sorted(set(column.unique()) - {""})
        if piece.choice:
            slice_values[piece.choice] = sorted(set(slice_values.get(piece.choice, [])) | set(found))
        wanted = choices.get(piece.choice) if piece.choice else None
        if wanted and wanted not in found:
            raise InputError([Problem(export.file, None, piece.column, wanted, _(
                "one of the values the file holds: {values}").format(values=", ".join(found) or _("none")))])
        taken = wanted or next((word for word in piece.prefer if word in found), None)
        if taken is None and len(found) == 1:
            taken = found[0]
        if taken is None and piece.choice and found:
            taken = found[0]
            notices.append(_("{file}: {column} holds {values}; {taken} was taken (choose another if it is not the "
                             "one)").format(file=export.file, column=piece.column, values=", ".join(found),
                                            taken=taken))
        if taken is not None:
            windows[piece.column] = taken
            rows = rows[(column == taken).to_numpy()]
    return rows


def _check_pattern(pattern: str) -> None:
    """InputError for a joint-plan pattern that is no regular expression."""
    try:
        re.compile(pattern)
    except re.error as error:
        raise InputError([Problem("", None, None, pattern, _(
            "a pattern of joint plans' names (a regular expression): {error}").format(error=error))]) from None


def _plan_periods(exports: Sequence[ExportRows], periods: Periods) -> pd.Series | None:
    """Per (note, day): the period of the note's planned rows that day (base, joint, or "" where both or none)."""
    if not periods.by_plan:
        return None
    pattern = re.compile(periods.joint_plans)
    named = [e.frame.assign(joint=e.frame["plan"].astype(str).map(lambda text: bool(pattern.search(text))))
             for e in exports if "plan_name" in e.preset.roles and e.preset.roles["plan_name"] in e.columns]
    if not named:
        return None
    rows = pd.concat([frame[["note_id", "day", "joint"]] for frame in named], ignore_index=True)
    kinds = rows.groupby(["note_id", "day"])["joint"].agg(["min", "max"])
    return pd.Series(np.where(kinds["min"], "joint", np.where(~kinds["max"], "base", "")), index=kinds.index)


def _with_periods(export: ExportRows, rows: pd.DataFrame, periods: Periods, plan_periods: pd.Series | None,
                  notices: list[str]) -> pd.DataFrame:
    """The rows with a `period` column; rows of no period are left out and counted."""
    if periods.by_plan:
        if export.preset.roles.get("plan_name") in export.columns:
            pattern = re.compile(periods.joint_plans)
            period = np.where(rows["plan"].astype(str).map(lambda text: bool(pattern.search(text))), "joint", "base")
        elif plan_periods is not None and export.dated:
            keys = pd.MultiIndex.from_arrays([rows["note_id"], rows["day"]])
            period = plan_periods.reindex(keys).fillna("").to_numpy(dtype=object)
        else:
            period = np.full(len(rows), "", dtype=object)
    else:
        day = rows["day"].to_numpy()
        period = np.full(len(rows), "", dtype=object)
        for name, span in (("base", periods.base_days), ("joint", periods.joint_days)):
            if span is not None:
                period[(day >= np.datetime64(span[0], "D")) & (day <= np.datetime64(span[1], "D"))] = name
    rows = rows.assign(period=period)
    unplaced = (rows["period"] == "").to_numpy()
    if unplaced.any() and export.preset.measures and export.dated:
        count = int(unplaced.sum())
        notices.append(ngettext(
            "{file}: {count:,} row in no period (outside both ranges, or a day of both kinds of plan or of none) "
            "left out",
            "{file}: {count:,} rows in no period (outside both ranges, or a day of both kinds of plan or of none) "
            "left out", count).format(file=export.file, count=count))
    return rows[~unplaced]


def _empty_periods(found: set[str], periods: Periods) -> list[str]:
    """A period no row is in, said: lifts are fitted from both (a joint-plan pattern that matches nothing?)."""
    said = []
    for period in ("base", "joint"):
        if period in found:
            continue
        if not periods.by_plan:
            said.append(_("no row is in the base period: no day of the exports is in its range") if period == "base"
                        else _("no row is in the joint period: no day of the exports is in its range"))
        elif period == "joint":
            said.append(_("no row is in the joint period: no plan name (计划名称) matches {pattern}").format(
                pattern=periods.joint_plans))
        else:
            said.append(_("no row is in the base period: every plan name (计划名称) matches {pattern}").format(
                pattern=periods.joint_plans))
    return said


def _measure_columns(measure: Measure, export: ExportRows, choices: Mapping[str, str]) -> tuple[str, ...] | None:
    """The columns a measure sums in this file: its first alternative the file has all of."""
    return next((group for group in measure.sources(choices) if set(group) <= export.columns), None)


def _measures(export: ExportRows, rows: pd.DataFrame, choices: Mapping[str, str]) -> pd.DataFrame:
    """Row by row, each measure the file gives (with the columns it read kept in `attrs`)."""
    target_keys = [key for key in ("note_id", "day", "period") if key in rows.columns]
    out = rows[target_keys].copy()
    used: dict[str, tuple[str, ...]] = {}
    for key, measure in export.preset.measures.items():
        columns = _measure_columns(measure, export, choices)
        if columns is None:
            continue
        used[key] = columns
        if measure.unit in TEXT_UNITS:
            out[key] = rows[columns[0]]  # a text, or a day (read.py parsed every date column)
        else:
            out[key] = rows[list(columns)].sum(axis=1, min_count=1).to_numpy(dtype=float)
    out.attrs["used"] = used
    return out


def _combine(frames: Mapping[str, list[pd.DataFrame]], catalogue: Catalogue, target: str
             ) -> tuple[pd.DataFrame, pd.DataFrame, dict[str, list[Level]], dict[str, pd.DataFrame],
                        dict[str, dict[str, tuple[str, ...]]]]:
    """Each kind summed by key, then every measure put together across kinds, level by level."""
    keys = KEYS[target]
    per_kind: dict[str, pd.DataFrame] = {}
    used: dict[str, dict[str, tuple[str, ...]]] = {}
    spans: dict[str, pd.Series] = {}
    for kind, parts in frames.items():
        rows = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        used[kind] = {k: v for part in parts for k, v in part.attrs.get("used", {}).items()}
        per_kind[kind] = _aggregate(rows, keys, catalogue.presets[kind])
        uv = any(m.unit == "uv" for m in catalogue.presets[kind].measures.values())
        if uv and "day" in rows.columns and "day" not in keys and len(rows):
            spans[kind] = rows.groupby(keys)["day"].nunique()  # for the warning: UVs summed over days
    index = _union_index([frame.index for frame in per_kind.values()], keys)
    values = pd.DataFrame(index=index)
    sources = pd.DataFrame(index=index)
    levels: dict[str, list[Level]] = {}
    measures = sorted({key for kind in per_kind for key in used[kind]})
    for key in measures:
        values[key], sources[key], levels[key] = _levels(key, per_kind, used, catalogue, index, spans)
    return values, sources, levels, {kind: frame.reindex(index) for kind, frame in per_kind.items()}, used


def _union_index(indexes: list[pd.Index], keys: list[str]) -> pd.Index:
    if not indexes:
        return pd.MultiIndex.from_arrays([[] for _key in keys], names=keys) if len(keys) > 1 else pd.Index(
            [], name=keys[0], dtype=object)
    union = indexes[0]
    for other in indexes[1:]:
        union = union.union(other)
    return union


def _aggregate(rows: pd.DataFrame, keys: list[str], preset: Preset) -> pd.DataFrame:
    """Numbers summed by key (NaN where no row had a figure), texts the first non-empty, days the earliest."""
    numbers = [k for k, m in preset.measures.items() if k in rows.columns and m.unit not in TEXT_UNITS]
    texts = [k for k, m in preset.measures.items() if k in rows.columns and m.unit == "text"]
    dates = [k for k, m in preset.measures.items() if k in rows.columns and m.unit == "date"]
    grouped = rows.groupby(keys, sort=True)
    parts = [grouped[numbers].sum(min_count=1)] if numbers else []
    for key in texts:
        text = trimmed(rows[key])
        filled = rows.assign(**{key: text})[(text != "").to_numpy()]
        parts.append(filled.groupby(keys, sort=True)[key].first().to_frame())
    if dates:
        parts.append(grouped[dates].min())
    if not parts:
        return pd.DataFrame(index=grouped.size().index)
    return pd.concat(parts, axis=1).reindex(grouped.size().index)


def _levels(key: str, per_kind: Mapping[str, pd.DataFrame], used: Mapping[str, Mapping[str, tuple[str, ...]]],
            catalogue: Catalogue, index: pd.Index, spans: Mapping[str, pd.Series]
            ) -> tuple[pd.Series, np.ndarray, list[Level]]:
    """One measure across kinds: each key's value from the first level that has it, and that level's code."""
    by_priority: dict[int, list[str]] = {}
    for kind in per_kind:
        if key in used[kind]:
            by_priority.setdefault(catalogue.presets[kind].measures[key].priority, []).append(kind)
    value = pd.Series(np.nan, index=index, dtype=object)
    code = np.full(len(index), -1, dtype=np.int64)
    levels: list[Level] = []
    for number, priority in enumerate(sorted(by_priority)):
        kinds = by_priority[priority]
        measure = catalogue.presets[kinds[0]].measures[key]
        parts = [per_kind[kind][key].reindex(index) for kind in kinds]
        if measure.unit in TEXT_UNITS:
            level = parts[0]
            for part in parts[1:]:
                level = level.where(level.notna() & (level.astype(str) != ""), part)
            has = level.notna().to_numpy() & (level.astype(str) != "").to_numpy()
        else:
            level = pd.concat(parts, axis=1).sum(axis=1, min_count=1) if len(parts) > 1 else parts[0]
            has = level.notna().to_numpy()
        take = has & (code < 0)
        value = value.where(~take, level)
        code[take] = number
        caveats = tuple(dict.fromkeys(c for kind in kinds for c in (
            catalogue.presets[kind].measures[key].caveat,) if c))
        most_days = max((int(spans[kind].max()) for kind in kinds if kind in spans and len(spans[kind])), default=1)
        levels.append(Level(tuple(kinds), {kind: used[kind][key] for kind in kinds}, measure.unit, caveats,
                            most_days))
    if levels and levels[0].unit not in TEXT_UNITS:
        value = pd.to_numeric(value, errors="coerce").astype(float)
    return value, code, levels
