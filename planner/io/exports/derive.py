"""Our fields from the joined exports, each with how it was derived: the formula, its numbers, its files.

Rates follow MODEL.md section 1's definitions (fields.json): ctr = clicks / impressions, entry_rate = store
visits / clicks, ... computed note by note from the counts planner.io.exports.join put together. Each field
gets a Derivation per way its notes were derived (which files and columns gave numerator and denominator),
with the pooled figures of those notes ("进店率 = 进店UV 1,240 / 点击量 8,310 = 14.92%"), the files, the days,
the attribution window, and what a planner should know (UV over PV may understate; 成交UV counts buyers;
小红星's UVs were divided by their sampling share).

Where a field cannot be derived honestly for some notes it is not guessed: the notes are an Unresolved item,
and the caller (the wizard, or the CLI's options) answers it: accept another definition the exports offer
(星河's per-reader store-entry rate), type a value for those notes, keep the plan's values (an update), or leave
those notes out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from planner.formats import count, money, percent
from planner.i18n import _, ngettext
from planner.io.exports.join import Joined, Level
from planner.io.exports.presets import Catalogue, Rate, words
from planner.model.fields import NOTE_FIELD
from planner.model.words import alternatives, listed, named

ACCEPT, SKIP = "accept", "skip"  # answers: use the other definition; leave the notes out
RATES = ("cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov")
TEXTS = ("title", "creator", "format")
PRICES = ("cpm", "aov")


@dataclass(frozen=True)
class Derivation:
    """How one field of some notes (or rows) came about, in the language spoken when it was made."""

    field: str
    formula: str  # "进店UV 1,240 / 点击量 8,310" (or "博主报价 + 服务费金额" for a text or an amount)
    value: str  # the pooled figure of those notes: "14.92%"
    sources: tuple[str, ...]  # the files
    count: int  # how many notes (rows) were derived this way
    context: tuple[str, ...] = ()  # the exports, the days, the attribution window
    warnings: tuple[str, ...] = ()
    how: str = "derived"  # derived, fallback (another definition, accepted), kept (the plan's), typed

    @property
    def text(self) -> str:
        """The derivation on one line: "entry_rate (进店率) = 进店UV 1,240 / 点击量 8,310 = 14.92% (...)"."""
        head = _("{field} = {formula}").format(field=named(self.field), formula=self.formula)
        if self.value:
            head = _("{head} = {value}").format(head=head, value=self.value)
        line = _("{head} ({context})").format(head=head, context=listed(self.context)) if self.context else head
        return "\n    ".join([line, *self.warnings])


@dataclass(frozen=True)
class Unresolved:
    """A field some notes have no honest value for: which notes, why, and which answers apply."""

    field: str
    notes: tuple[str, ...]
    reason: str
    can_accept: bool = False  # another definition the exports give (星河's per-reader store-entry rate)
    accept_text: str = ""

    @property
    def text(self) -> str:
        shown = ", ".join(self.notes[:8]) + (", …" if len(self.notes) > 8 else "")
        return ngettext("{field}: {count:,} note has no value ({notes}): {reason}",
                        "{field}: {count:,} notes have no value ({notes}): {reason}", len(self.notes)).format(
            field=named(self.field), count=len(self.notes), notes=shown, reason=self.reason)


def shown(key: str, value: float) -> str:
    """A figure as the app shows its kind: money (fen for a price), a count, a rate as a percentage."""
    field = NOTE_FIELD.get(key)
    if key in PRICES:
        return money(value, fen=True)
    if field is not None and field.kind == "rate":
        return percent(value)
    if key in ("spend", "gmv", "creator_fee"):
        return money(value)
    return count(value)


def level_columns(level: Level) -> str:
    """The columns a level read: "消费 + 实际消耗（元）"."""
    return " + ".join(" + ".join(columns) for columns in level.columns.values())


def level_platforms(level: Level, catalogue: Catalogue) -> list[str]:
    return [words(catalogue.presets[kind].platform) for kind in level.kinds]


def _caveats(levels: Iterable[Level]) -> list[str]:
    said = []
    for level in levels:
        said += [words(caveat) for caveat in level.caveats]
        if level.unit == "uv" and level.days > 1:
            said.append(_("{columns}: unique visitors added over up to {days} days count a visitor once a day").format(
                columns=level_columns(level), days=level.days))
    return list(dict.fromkeys(said))


class Deriver:
    """Derivations of one import: the joined exports, the files, the days and window they are kept with."""

    def __init__(self, joined: Joined, catalogue: Catalogue, days: tuple[date | None, date | None]):
        self.joined, self.catalogue = joined, catalogue
        first, last = days
        covered = joined.days
        self.first = first or (covered[0] if covered else None)
        self.last = last or (covered[1] if covered else None)
        self.derivations: list[Derivation] = []

    def context(self, levels: Iterable[Level], notes: int, rows: bool = False) -> tuple[str, ...]:
        """The exports, how many notes (rows), the days and the attribution window behind a figure."""
        kinds = list(dict.fromkeys(kind for level in levels for kind in level.kinds))
        parts = [" + ".join(words(self.catalogue.presets[kind].platform) for kind in kinds)]
        parts.append(ngettext("{count:,} row", "{count:,} rows", notes).format(count=notes) if rows else
                     ngettext("{count:,} note", "{count:,} notes", notes).format(count=notes))
        if self.first and self.last and any(kind_dated for kind_dated in self._dated(kinds)):
            parts.append(_("{first} to {last}").format(first=self.first.isoformat(), last=self.last.isoformat()))
        for column, value in self.joined.windows.items():
            if any(column in {piece.column for piece in self.catalogue.presets[kind].slices} for kind in kinds):
                parts.append(f"{column} {value}")
        return tuple(parts)

    def _dated(self, kinds: list[str]) -> list[bool]:
        return ["date" in self.catalogue.presets[kind].roles for kind in kinds]

    def files(self, levels: Iterable[Level]) -> tuple[str, ...]:
        kinds = dict.fromkeys(kind for level in levels for kind in level.kinds)
        return tuple(name for kind in kinds for name in self.joined.files.get(kind, ()))

    # ------------------------------------------------------------------ rates

    def rate(self, rate: Rate, keep: np.ndarray) -> pd.Series:
        """A rate for the notes where numerator and denominator exist and the denominator is above 0.

        Where the exports that gave a note's numerator give its denominator too, the denominator is theirs alone
        (互动量 / 展现量 within 聚光, not over 聚光's and 薯条's impressions, since 薯条 reports no interactions);
        otherwise it is the denominator of every export (星河's 进店UV over the clicks of 聚光 and 薯条).
        """
        values, sources = self.joined.values, self.joined.sources
        if rate.numerator not in values or rate.denominator not in values:
            return pd.Series(np.nan, index=values.index)
        top = values[rate.numerator].to_numpy(dtype=float)
        top_codes = sources[rate.numerator].to_numpy()
        bottom, bottom_levels, bottom_codes = self._matched(rate, top_codes)
        usable = keep & (bottom > 0) & ~np.isnan(top)
        with np.errstate(divide="ignore", invalid="ignore"):
            result = np.where(usable, top / bottom * rate.scale, np.nan)
        pairs = pd.DataFrame({"top": top_codes, "bottom": bottom_codes, "n": top, "d": bottom})[usable]
        for (top_code, bottom_code), group in pairs.groupby(["top", "bottom"], sort=True):
            self._rate_derivation(rate, self.joined.levels[rate.numerator][int(top_code)],
                                  bottom_levels[int(bottom_code)], group)
        return pd.Series(result, index=values.index)

    def _matched(self, rate: Rate, top_codes: np.ndarray) -> tuple[np.ndarray, list[Level], np.ndarray]:
        """Each note's denominator, from the numerator's exports where they give it (see `rate`)."""
        joined = self.joined
        bottom = joined.values[rate.denominator].to_numpy(dtype=float).copy()
        codes = joined.sources[rate.denominator].to_numpy().copy()
        levels = list(joined.levels[rate.denominator])
        for code, level in enumerate(joined.levels[rate.numerator]):
            kinds = level.kinds
            if not all(rate.denominator in joined.used.get(kind, {}) for kind in kinds):
                continue
            parts = [joined.by_kind[kind][rate.denominator].to_numpy(dtype=float) for kind in kinds]
            own = np.nansum(parts, axis=0)
            own[np.all(np.isnan(parts), axis=0)] = np.nan
            mask = top_codes == code
            same = next((i for i, other in enumerate(levels) if other.kinds == kinds), None)
            if same is None:
                same = len(levels)
                unit = joined.levels[rate.denominator][0].unit
                levels.append(Level(kinds, {kind: joined.used[kind][rate.denominator] for kind in kinds}, unit))
            bottom[mask], codes[mask] = own[mask], same
        return bottom, levels, codes

    def _rate_derivation(self, rate: Rate, top: Level, bottom: Level, group: pd.DataFrame) -> None:
        n, d = float(group["n"].sum()), float(group["d"].sum())
        formula = _("{top} {n} / {bottom} {d}").format(top=level_columns(top), n=shown(rate.numerator, n),
                                                       bottom=level_columns(bottom), d=shown(rate.denominator, d))
        if rate.scale != 1:
            formula = _("{formula} × {scale:,.0f}").format(formula=formula, scale=rate.scale)
        warnings = []
        if top.unit == "uv" and bottom.unit == "pv":
            warnings.append(_("{top} counts visitors (UV), {bottom} counts clicks (PV): visitors over clicks may "
                              "understate the rate").format(top=level_columns(top), bottom=level_columns(bottom)))
        warnings += _caveats((top, bottom))
        self.derivations.append(Derivation(rate.field, formula, shown(rate.field, n / d * rate.scale) if d else "",
                                           self.files((top, bottom)), len(group), self.context((top, bottom),
                                                                                               len(group)),
                                           tuple(warnings)))

    def fallback(self, field: str, missing: np.ndarray) -> tuple[pd.Series, str] | None:
        """Another definition of `field` the exports offer, for the `missing` notes: its values and its words."""
        values = self.joined.values
        for preset, fallback in self.catalogue.fallbacks(field):
            if preset.kind not in self.joined.files or fallback.numerator not in values or \
                    fallback.denominator not in values:
                continue
            top = values[fallback.numerator].to_numpy(dtype=float)
            bottom = values[fallback.denominator].to_numpy(dtype=float)
            usable = missing & (bottom > 0) & ~np.isnan(top)
            if not usable.any():
                continue
            with np.errstate(divide="ignore", invalid="ignore"):
                result = np.where(usable, top / bottom, np.nan)
            return pd.Series(result, index=values.index), words(fallback.about)
        return None

    def record_fallback(self, field: str, about: str, used: np.ndarray) -> None:
        """The derivation of notes given another definition, knowingly."""
        fallback = next(f for preset, f in self.catalogue.fallbacks(field) if preset.kind in self.joined.files)
        values, sources = self.joined.values, self.joined.sources
        top = values[fallback.numerator].to_numpy(dtype=float)[used]
        bottom = values[fallback.denominator].to_numpy(dtype=float)[used]
        levels = [self.joined.levels[key][int(sources[key].to_numpy()[used][0])]
                  for key in (fallback.numerator, fallback.denominator)]
        formula = _("{top} {n} / {bottom} {d}").format(
            top=level_columns(levels[0]), n=count(float(top.sum())), bottom=level_columns(levels[1]),
            d=count(float(bottom.sum())))
        value = percent(float(top.sum() / bottom.sum())) if bottom.sum() else ""
        self.derivations.append(Derivation(field, formula, value, self.files(levels), int(used.sum()),
                                           self.context(levels, int(used.sum())),
                                           (about, *_caveats(levels)), how="fallback"))

    def record_measure(self, key: str, used: np.ndarray, rows: bool = False) -> None:
        """The derivation of a count, amount or text taken as the exports give it, one line per level."""
        if key not in self.joined.values:
            return
        codes = self.joined.sources[key].to_numpy()
        values = self.joined.values[key]
        for code, level in enumerate(self.joined.levels[key]):
            mask = used & (codes == code)
            if not mask.any():
                continue
            total = "" if level.unit in ("text", "date") else shown(key, float(
                pd.to_numeric(values[mask], errors="coerce").sum()))
            formula = level_columns(level) + (f" {total}" if total else "")
            self.derivations.append(Derivation(key, formula, "", self.files((level,)), int(mask.sum()),
                                               self.context((level,), int(mask.sum()), rows),
                                               tuple(_caveats((level,)))))

    def record_other(self, field: str, how: str, count_of: int, value: str = "") -> None:
        """Values that came from no export: the plan's (kept) or the user's (typed)."""
        formula = _("the plan's values") if how == "kept" else _("typed: {value}").format(value=value)
        context = (ngettext("{count:,} note", "{count:,} notes", count_of).format(count=count_of),)
        self.derivations.append(Derivation(field, formula, "", (), count_of, context, (), how))


def providers(catalogue: Catalogue, key: str) -> str:
    """The exports that can give a count: "星河 or 小红星"."""
    found = sorted((preset.measures[key].priority, preset.kind) for preset in catalogue.presets.values()
                   if key in preset.measures)
    return alternatives(dict.fromkeys(words(catalogue.presets[kind].platform) for _priority, kind in found))


def missing_reason(catalogue: Catalogue, joined: Joined, keys: Iterable[str]) -> str:
    """Why a field has no value for some notes: which counts no export gives them, and which exports would."""
    keys = list(keys)
    lacking = [key for key in keys if key not in joined.values]
    if lacking:
        by_exports: dict[str, list[str]] = {}
        for key in lacking:
            by_exports.setdefault(providers(catalogue, key), []).append(named(key))
        return _("no export read gives {counts}").format(counts=listed(
            _("{counts} (from {exports})").format(counts=listed(names), exports=exports)
            for exports, names in by_exports.items()))
    if len(keys) == 1:
        return _("the exports give these notes no {count}").format(count=named(keys[0]))
    rate_top, rate_bottom = keys
    return _("the exports give these notes no {top} or no {bottom} above 0").format(
        top=named(rate_top), bottom=named(rate_bottom))


def typed_answer(answers: Mapping[str, str | float], field: str) -> float | None:
    """A value the user typed for a field, if the answer is one."""
    answer = answers.get(field)
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        return float(answer)
    return None
