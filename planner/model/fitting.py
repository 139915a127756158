"""Fitting lifts from a history table (MODEL.md section 7): ratio-of-sums lifts, bootstrap ranges."""

from __future__ import annotations

import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from planner import formats
from planner.i18n import _, language, ngettext
from planner.model.errors import InputError, Problem
from planner.model.fields import lift_row_label
from planner.model.lifts import (
    DEFAULT_ROW,
    LIFT_COLUMNS,
    LIFTS,
    SOURCE_FITTED,
    LiftTable,
    article_lifts,
    complete_lift_frame,
)
from planner.model.limits import MAX_LIFT
from planner.model.words import labelled

BASE, JOINT = "base", "joint"
PERIODS = (BASE, JOINT)
MIN_NOTES = 5  # distinct notes needed in each period (MODEL.md section 7)
RESAMPLES = 1000
SEED = 20240611
PERCENTILES = (10.0, 90.0)
# The counts the lifts need, in the column order of every (... x 4) array below.
COUNTS = ("impressions", "clicks", "interactions", "store_visits")
NEEDED_COLUMNS = ("note_id", "industry", "period") + COUNTS
# Each lift's rate as (numerator, denominator) among COUNTS.
RATES = {"ctr_lift": ("clicks", "impressions"), "interaction_lift": ("interactions", "impressions"),
         "entry_lift": ("store_visits", "clicks")}
# Entries of one (resamples x notes) weight block: bounds the bootstrap's memory on big histories.
_BLOCK = 1 << 22


@dataclass(frozen=True)
class IndustryFit:
    """What fitting did with one row: fitted, or kept (and why), with the notes it had to go on."""

    industry: str
    fitted: bool
    base_notes: int
    joint_notes: int
    n_notes: int  # distinct notes over both periods
    reasons: tuple[str, ...] = ()  # why the row was not fitted
    zero_denominators: tuple[str, ...] = ()  # the lifts whose rate had a zero denominator
    has_previous: bool = True  # a kept row exists in the previous table; else `default` serves it
    dropped_resamples: int = 0  # bootstrap resamples left out for a zero denominator
    beyond_resamples: int = 0  # bootstrap resamples left out for a lift past MAX_LIFT


@dataclass(frozen=True)
class FitResult:
    """The new lift table and one report entry per row of it (and per industry in the history)."""

    lifts: LiftTable
    report: tuple[IndustryFit, ...]


def _require_columns(history: pd.DataFrame) -> None:
    """InputError for a missing column fitting needs, or a period other than base/joint.

    The history module validates a table as read; this guards a frame built by other code.
    """
    missing = [c for c in NEEDED_COLUMNS if c not in history.columns]
    problems = [Problem("", None, c, None, _("a column of the history table (it is required)")) for c in missing]
    if "period" in history.columns:
        bad = ~history["period"].isin(PERIODS).to_numpy()
        problems += [Problem("", None, "period", value, _("base or joint"))
                     for value in pd.unique(history["period"][bad])]
    if problems:
        raise InputError(problems)


def fit_lifts(history: pd.DataFrame, previous: LiftTable | None = None, resamples: int = RESAMPLES,
              seed: int = SEED) -> FitResult:
    """Fit each industry with enough data, and `default` from all pooled; keep previous rows otherwise."""
    _require_columns(history)
    previous = previous if previous is not None else article_lifts()
    table = previous.table.copy()
    samples = dict(previous.samples)
    industries = sorted(set(history["industry"].astype(str)) - {DEFAULT_ROW})
    groups = [(DEFAULT_ROW, history)]  # `default` pools every industry (rows typed "default" too)
    groups += [(name, history[history["industry"].astype(str) == name]) for name in industries]
    report = []
    for name, frame in groups:
        entry, record, draws = _fit_group(name, frame, resamples, seed)
        if record is not None:
            table.loc[name] = pd.Series(record)
            samples.pop(name, None)
            if draws is not None and len(draws):  # none left only if every resample hit a zero denominator
                samples[name] = draws
        else:
            entry = _with_previous(entry, name in table.index)
        report.append(entry)
    # Rows with no history at all are kept as they were, and reported so.
    report += [IndustryFit(name, False, 0, 0, 0, (_("no history for this industry"),))
               for name in table.index if name != DEFAULT_ROW and name not in industries]
    report.sort(key=lambda e: (e.industry != DEFAULT_ROW, e.industry))
    return FitResult(LiftTable(complete_lift_frame(table), samples), tuple(report))


def _with_previous(entry: IndustryFit, has_previous: bool) -> IndustryFit:
    return entry if has_previous else replace(entry, has_previous=False)


def _fit_group(name: str, frame: pd.DataFrame, resamples: int, seed: int
               ) -> tuple[IndustryFit, dict[str, object] | None, np.ndarray | None]:
    """One row's report, and its table record and bootstrap draws when it can be fitted."""
    base, joint = (_note_sums(frame, period) for period in PERIODS)
    n_notes = int(frame["note_id"].astype(str).nunique())
    counts = (len(base), len(joint), n_notes)
    if len(base) < MIN_NOTES or len(joint) < MIN_NOTES:
        reason = _("{base} and {joint}, {needed} needed in each period").format(
            base=ngettext("{n} base note", "{n} base notes", len(base)).format(n=len(base)),
            joint=ngettext("{n} joint note", "{n} joint notes", len(joint)).format(n=len(joint)), needed=MIN_NOTES)
        return IndustryFit(name, False, *counts, (reason,)), None, None
    base_total, joint_total = base.sum(axis=0), joint.sum(axis=0)
    zeros = _zero_denominators(base_total, joint_total)
    if zeros:
        lifts = tuple(lift for lift, _reason in zeros)
        return IndustryFit(name, False, *counts, tuple(text for _lift, text in zeros), lifts), None, None
    value = _lifts_of(base_total, joint_total)
    beyond = [_("{lift} would be {value}, past the most a lift can be (+{most}): check the history").format(
        lift=labelled(lift), value=f"{v:+,.0%}", most=f"{MAX_LIFT:,.0%}")
        for lift, v in zip(LIFTS, value, strict=True) if v > MAX_LIFT]
    if beyond:
        return IndustryFit(name, False, *counts, tuple(beyond)), None, None
    rng = _keyed_rng(seed, name)
    draws = _lifts_of(_resampled_totals(base, resamples, rng), _resampled_totals(joint, resamples, rng))
    # A resample whose denominator is 0 (say every drawn base note had no clicks) has NaN lifts, and one
    # past MAX_LIFT no plan may hold: either is dropped whole, because the uncertainty draws a sample
    # row's three lifts together.
    finite = np.isfinite(draws).all(axis=1)
    kept = draws[finite & (draws <= MAX_LIFT).all(axis=1)]
    record = _record(value, kept, n_notes)
    fit = IndustryFit(name, True, *counts, dropped_resamples=resamples - int(finite.sum()),
                      beyond_resamples=int(finite.sum()) - len(kept))
    return fit, record, kept


def _note_sums(frame: pd.DataFrame, period: str) -> np.ndarray:
    """(notes x 4) sums of COUNTS per distinct note in `period`: a note with several rows is one unit."""
    rows = frame[frame["period"] == period]
    sums = rows[list(COUNTS)].apply(pd.to_numeric, errors="coerce").groupby(rows["note_id"].astype(str)).sum()
    return sums.to_numpy(dtype=float).reshape(-1, len(COUNTS))


def _zero_denominators(base: np.ndarray, joint: np.ndarray) -> list[tuple[str, str]]:
    """(lift, reason) for every lift whose rate ratio would divide by zero, checked before any division."""
    found = []
    for lift, (numerator, denominator) in RATES.items():
        num, den = COUNTS.index(numerator), COUNTS.index(denominator)
        name = labelled(lift)
        if not base[den] > 0:
            found.append((lift, _("{lift} has a zero denominator: sum of base {count} is {total}").format(
                lift=name, count=labelled(denominator), total=f"{base[den]:g}")))
        elif not base[num] > 0:
            found.append((lift, _("{lift} has a zero denominator: the base rate is 0 (sum of base {count} is "
                                  "{total})").format(lift=name, count=labelled(numerator), total=f"{base[num]:g}")))
        elif not joint[den] > 0:
            found.append((lift, _("{lift} has a zero denominator: sum of joint {count} is {total}").format(
                lift=name, count=labelled(denominator), total=f"{joint[den]:g}")))
    return found



def _lifts_of(base: np.ndarray, joint: np.ndarray) -> np.ndarray:
    """(... x 3) lifts (rate_J / rate_B - 1) from (... x 4) totals; NaN where a denominator is 0, no division by it."""
    columns = []
    for numerator, denominator in RATES.values():
        num, den = COUNTS.index(numerator), COUNTS.index(denominator)
        rate_b = _divide(base[..., num], base[..., den])
        rate_j = _divide(joint[..., num], joint[..., den])
        columns.append(_divide(rate_j, rate_b) - 1.0)
    return np.stack(columns, axis=-1)


def _divide(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    numerator, denominator = np.asarray(numerator, dtype=float), np.asarray(denominator, dtype=float)
    out = np.full(np.broadcast(numerator, denominator).shape, np.nan)
    return np.divide(numerator, denominator, out=out, where=denominator > 0)


def _resampled_totals(sums: np.ndarray, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """(resamples x 4) totals of notes drawn with replacement: multiplicity weights times per-note sums."""
    m = len(sums)
    blocks = []
    step = max(1, _BLOCK // m)
    for start in range(0, resamples, step):  # blocks of resamples, only to bound memory
        k = min(step, resamples - start)
        drawn = rng.integers(0, m, size=(k, m)) + (np.arange(k) * m)[:, None]
        weights = np.bincount(drawn.ravel(), minlength=k * m).reshape(k, m)
        blocks.append(weights @ sums)
    return np.concatenate(blocks) if blocks else np.empty((0, len(COUNTS)))


def _record(value: np.ndarray, draws: np.ndarray, n_notes: int) -> dict[str, object]:
    """A fitted table row: low/high are the draws' 10th/90th percentiles, widened to hold the value."""
    if len(draws):
        low, high = np.percentile(draws, PERCENTILES, axis=0)
    else:
        low = high = value
    record: dict[str, object] = {}
    for k, lift in enumerate(LIFTS):
        # A skewed bootstrap can leave the ratio estimate just outside its 10-90% range; the table's rule
        # is low <= lift <= high (lifts.check_lifts), so the range is widened to the estimate there.
        record[lift] = float(value[k])
        record[f"{lift}_low"] = float(min(low[k], value[k]))
        record[f"{lift}_high"] = float(max(high[k], value[k]))
    record["n_notes"] = float(n_notes)
    record["source"] = SOURCE_FITTED
    return {column: record[column] for column in LIFT_COLUMNS}


def _keyed_rng(seed: int, key: str) -> np.random.Generator:
    """A generator for one row: its draws depend on the seed and its name, not on the other rows."""
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


RELIABLE_NOTES = 20  # notes in each period below which a fitted lift is weak evidence (MODEL.md section 12)
FEW_NOTES, CROSSES_ZERO = "few notes", "crosses zero"


@dataclass(frozen=True)
class LiftWarning:
    """Why a row of lifts is weak evidence: a code (FEW_NOTES, CROSSES_ZERO), the lift concerned, a sentence."""

    code: str
    lift: str | None
    sentence: str


def weak_lift(row: Mapping[str, object] | pd.Series, base_notes: int | None = None,
              joint_notes: int | None = None) -> list[LiftWarning]:
    """The warnings on a row of lifts (MODEL.md section 12, "weak lift"); none for a row to rely on.

    A fitted row is weak when fewer than RELIABLE_NOTES notes stood in either period (`base_notes` and
    `joint_notes` when known, from the fit's report; else the row's `n_notes`, which counts both periods
    and so is below 20 whenever a period is). Any row is weak in a lift whose P10–P90 crosses 0: the lift
    may as well be none, or a loss.
    """
    found = []
    if row.get("source") == SOURCE_FITTED:
        if base_notes is not None and joint_notes is not None:
            if min(base_notes, joint_notes) < RELIABLE_NOTES:
                found.append(LiftWarning(FEW_NOTES, None, _(
                    "fitted from only {base} base and {joint} joint notes, fewer than {least} in a period: "
                    "a rough guide").format(base=base_notes, joint=joint_notes, least=RELIABLE_NOTES)))
        else:
            n_notes = _number(row.get("n_notes"))
            if math.isfinite(n_notes) and n_notes < RELIABLE_NOTES:
                found.append(LiftWarning(FEW_NOTES, None, _(
                    "fitted from only {n} notes, fewer than {least} in a period: a rough guide").format(
                    n=int(n_notes), least=RELIABLE_NOTES)))
    for lift in LIFTS:
        low, high = _number(row.get(f"{lift}_low")), _number(row.get(f"{lift}_high"))
        if low < 0.0 < high:
            found.append(LiftWarning(CROSSES_ZERO, lift, _(
                "{lift} may be no lift at all: its P10–P90 ({low} to {high}) crosses 0").format(
                lift=labelled(lift), low=formats.percent(low, 1, signed=True),
                high=formats.percent(high, 1, signed=True))))
    return found


def _number(value: object) -> float:
    """A table cell as a float; NaN for an empty or non-numeric one."""
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan


def _then(parts: list[str]) -> str:
    """Clauses of one line, one after the other: "a; b" (Chinese "甲；乙")."""
    line = parts[0] if parts else ""
    for part in parts[1:]:
        line = _("{line}; {more}").format(line=line, more=part)
    return line


def report_lines(result: FitResult) -> list[str]:
    """One readable line per report entry, e.g. `beauty: fitted from 24 notes (12 base, 12 joint)`; in Chinese
    `美妆：用 24 篇笔记拟合（日常 12 篇，联投 12 篇）`."""
    lines = []
    lang = language()
    for entry in result.report:
        industry = lift_row_label(entry.industry, lang)
        if entry.fitted:
            parts = [ngettext("{industry}: fitted from {n} note ({base} base, {joint} joint)",
                              "{industry}: fitted from {n} notes ({base} base, {joint} joint)", entry.n_notes).format(
                industry=industry, n=entry.n_notes, base=entry.base_notes, joint=entry.joint_notes)]
            if entry.dropped_resamples:
                parts.append(ngettext("{n} bootstrap resample left out for a zero denominator",
                                      "{n} bootstrap resamples left out for a zero denominator",
                                      entry.dropped_resamples).format(n=entry.dropped_resamples))
            if entry.beyond_resamples:
                parts.append(ngettext("{n} bootstrap resample left out for a lift past +{most}",
                                      "{n} bootstrap resamples left out for a lift past +{most}",
                                      entry.beyond_resamples).format(n=entry.beyond_resamples,
                                                                     most=f"{MAX_LIFT:,.0%}"))
            line = _then(parts)
        elif entry.has_previous:
            line = _("{industry}: kept previous lifts: {reasons}").format(industry=industry,
                                                                          reasons=_then(list(entry.reasons)))
        else:
            line = _("{industry}: not fitted, the default row serves it: {reasons}").format(
                industry=industry, reasons=_then(list(entry.reasons)))
        lines.append(line)
    return lines
