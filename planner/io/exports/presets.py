"""The platforms' report exports as data: one preset per export kind, read from resources/exports/*.json.

A preset says how to find an export (the header words that recognise it, the row its header is on), what its
columns are called (a name and the aliases earlier releases used: exports drift), what kind of value each holds,
and how each of our counts and texts follows from them ("measures": spend = 消费, interactions = 互动量 or
点赞 + 评论 + 收藏 + 分享, ...). A renamed column is fixed by the user (the import wizard remembers their choice)
or by editing the JSON, never by code. resources/exports/fields.json says how our rates follow from the counts
(MODEL.md section 1's definitions: ctr = clicks / impressions, ...).

A preset file, in short (see juguang.json for a whole one):

    kind, name [zh, en], platform [zh, en], about [zh, en], header_row (the spreadsheet row, 1 = the first),
    encodings (hints shown to the user: reading follows the table import's rules), signature (header words),
    recognise_share (the share of the signature a header must hold), block (true: may also sit inside another
    export's header, as 小红星's columns in 蒲公英's), columns [{name, kind: id|text|date|count|money|rate,
    aliases, required, divide_by}], roles {note_id, date, plan_name}, slices [{column, choice, prefer}],
    measures {our key: {unit: pv|uv|money|text|date, from [[columns summed], alternative...], priority,
    choice/options/default, caveat [zh, en]}}, fallbacks [{field, numerator, denominator, ask, about}].

Measures of equal priority from several exports are added (spend in 聚光 and in 薯条); a lower priority number
wins otherwise, note by note (星河's 进店UV before 小红星's).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from planner.i18n import _, language
from planner.model.errors import refuse
from planner.resources import resource_path

Words = tuple[str, str]  # (Chinese, English)
COLUMN_KINDS = ("id", "text", "date", "count", "money", "rate")
UNITS = ("pv", "uv", "money", "text", "date")
TEXT_UNITS = ("text", "date")


def words(pair: Words) -> str:
    """The member of a (Chinese, English) pair for the language spoken."""
    return pair[0] if language() == "zh" else pair[1]


@dataclass(frozen=True)
class Column:
    """One column of an export: its name as the platform writes it now, older names, the kind of its values."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    divide_by: str = ""  # a sampled count: each row's value over this column's (小红星's 抽样比例)

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Measure:
    """How one of our counts or texts follows from an export's columns: the first alternative whose columns the
    file has, each a sum of columns; or, for a choice (GMV), the option the user chose."""

    key: str
    unit: str
    alternatives: tuple[tuple[str, ...], ...]
    priority: int = 1
    choice: str = ""  # the option that picks the columns (gmv)
    options: Mapping[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    default: str = ""
    caveat: Words | None = None

    def sources(self, chosen: Mapping[str, str]) -> tuple[tuple[str, ...], ...]:
        """The alternatives under the user's choices."""
        if not self.choice:
            return self.alternatives
        return self.options[chosen.get(self.choice) or self.default]


@dataclass(frozen=True)
class Slice:
    """A column whose values split the same figures in different ways (归因口径): rows of one value are taken."""

    column: str
    choice: str = ""  # the option that names the value; without one, `prefer` decides (else rows are added)
    prefer: tuple[str, ...] = ()
    about: Words | None = None


@dataclass(frozen=True)
class Fallback:
    """A rate an export gives only by another definition: used where the user accepts it, never by default."""

    field: str
    numerator: str
    denominator: str
    ask: str
    about: Words


@dataclass(frozen=True)
class Preset:
    """One export kind, as its JSON file describes it."""

    kind: str
    name: Words
    platform: Words
    about: Words
    header_row: int
    encodings: tuple[str, ...]
    signature: tuple[str, ...]
    recognise_share: float
    columns: tuple[Column, ...]
    roles: Mapping[str, str]
    measures: Mapping[str, Measure]
    slices: tuple[Slice, ...] = ()
    fallbacks: tuple[Fallback, ...] = ()
    block: bool = False

    @property
    def column(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns if column.required)

    def lookup(self, column_map: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """A header text in lower case -> the column it names: the user's choices first, then names and aliases."""
        found = {name.lower(): column.name for column in self.columns for name in column.names()}
        for header, name in (column_map or {}).items():
            if name is None or name in self.column:
                found[header.strip().lower()] = name or ""
        return found

    def found_in(self, header: Sequence[str], column_map: Mapping[str, str | None] | None = None) -> set[str]:
        """The preset's columns this header gives (by name, alias or the user's choice)."""
        lookup = self.lookup(column_map)
        return {lookup[text.strip().lower()] for text in header if lookup.get(text.strip().lower())}

    def share(self, header: Sequence[str], column_map: Mapping[str, str | None] | None = None) -> float:
        """How much of the signature the header holds (a column the user mapped counts under its name)."""
        texts = {text.strip().lower() for text in header}
        mapped = self.found_in(header, column_map)
        hits = sum(1 for word in self.signature if word.lower() in texts or word in mapped)
        return hits / len(self.signature)

    def needed(self, plan_names: bool = True) -> set[str]:
        """Every column a read may use: roles, slices, measures' columns and what they are divided by; without
        `plan_names` (only history by joint plans' names reads them), the plan name column where nothing else
        uses it (a million names of an hourly report are a tenth of its read)."""
        roles = {role: name for role, name in self.roles.items() if plan_names or role != "plan_name"}
        names = set(roles.values()) | {piece.column for piece in self.slices}
        for measure in self.measures.values():
            groups = [*measure.alternatives, *(g for option in measure.options.values() for g in option)]
            names |= {name for group in groups for name in group}
        names |= {self.column[name].divide_by for name in names if name in self.column and self.column[name].divide_by}
        return {name for name in names if name in self.column}


class PresetError(ValueError):
    """A preset file that does not say what an export is (a hand-edited JSON with a mistake)."""


def _pair(value: Any, where: str) -> Words:
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value)):
        raise PresetError(f"{where}: expected [Chinese, English]")
    return (value[0], value[1])


def _groups(value: Any, where: str) -> tuple[tuple[str, ...], ...]:
    if not (isinstance(value, list) and value and all(isinstance(g, list) and g for g in value)):
        raise PresetError(f"{where}: expected a list of lists of column names")
    return tuple(tuple(str(name) for name in group) for group in value)


def parse_preset(data: Mapping[str, Any]) -> Preset:
    """A preset from its JSON object; PresetError names what is wrong."""
    kind = str(data.get("kind", ""))
    columns = tuple(Column(str(c["name"]), str(c["kind"]), tuple(c.get("aliases", ())), bool(c.get("required")),
                           str(c.get("divide_by", ""))) for c in data.get("columns", ()))
    names = {column.name for column in columns}
    for column in columns:
        if column.kind not in COLUMN_KINDS:
            raise PresetError(f"{kind}: column {column.name}: kind {column.kind!r} is not one of {COLUMN_KINDS}")
    measures = {}
    for key, spec in dict(data.get("measures", {})).items():
        where = f"{kind}: measure {key}"
        options = {name: _groups(groups, where) for name, groups in dict(spec.get("options", {})).items()}
        alternatives = _groups(spec["from"], where) if "from" in spec else next(iter(options.values()), ())
        measure = Measure(key, str(spec.get("unit", "")), alternatives, int(spec.get("priority", 1)),
                          str(spec.get("choice", "")), options, str(spec.get("default", "")),
                          _pair(spec["caveat"], where) if "caveat" in spec else None)
        if measure.unit not in UNITS:
            raise PresetError(f"{where}: unit {measure.unit!r} is not one of {UNITS}")
        unknown = {n for g in (*alternatives, *(g for o in options.values() for g in o)) for n in g} - names
        if unknown:
            raise PresetError(f"{where}: no column {sorted(unknown)}")
        measures[key] = measure
    roles = {str(role): str(name) for role, name in dict(data.get("roles", {})).items()}
    if "note_id" not in roles or not set(roles.values()) <= names:
        raise PresetError(f"{kind}: roles must name the note id column, and only columns")
    slices = tuple(Slice(str(s["column"]), str(s.get("choice", "")), tuple(s.get("prefer", ())),
                         _pair(s["about"], kind) if "about" in s else None) for s in data.get("slices", ()))
    fallbacks = tuple(Fallback(str(f["field"]), str(f["numerator"]), str(f["denominator"]), str(f["ask"]),
                               _pair(f["about"], kind)) for f in data.get("fallbacks", ()))
    return Preset(kind, _pair(data["name"], kind), _pair(data["platform"], kind), _pair(data["about"], kind),
                  int(data.get("header_row", 1)), tuple(data.get("encodings", ())), tuple(data["signature"]),
                  float(data.get("recognise_share", 0.5)), columns, roles, measures, slices, fallbacks,
                  bool(data.get("block", False)))


@dataclass(frozen=True)
class Rate:
    """One of our rates as a ratio of two of our counts (fields.json)."""

    field: str
    numerator: str
    denominator: str
    scale: float = 1.0


@dataclass(frozen=True)
class Catalogue:
    """Every preset, and how our rates follow from the counts."""

    presets: Mapping[str, Preset]
    rates: tuple[Rate, ...]
    boost: str  # the count that says a note was boosted (impressions): a notes table holds the notes that have it

    def fallbacks(self, field_key: str) -> list[tuple[Preset, Fallback]]:
        return [(preset, f) for preset in self.presets.values() for f in preset.fallbacks if f.field == field_key]


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise refuse(path.name, _("a preset of the platforms' exports that cannot be read ({detail})").format(
            detail=error)) from None


def load_catalogue(folder: Path | None = None) -> Catalogue:
    """The presets in `folder` (the shipped resources/exports by default) and fields.json beside them."""
    folder = folder or resource_path("exports")
    if folder == resource_path("exports"):
        return _shipped()
    return _load(folder)


@cache
def _shipped() -> Catalogue:
    return _load(resource_path("exports"))


def _load(folder: Path) -> Catalogue:
    presets = {}
    for path in sorted(folder.glob("*.json")):
        if path.name == "fields.json":
            continue
        try:
            preset = parse_preset(_read_json(path))
        except (KeyError, TypeError, ValueError) as error:
            raise refuse(path.name, _("a preset of the platforms' exports that cannot be read ({detail})").format(
                detail=error)) from None
        presets[preset.kind] = preset
    fields = _read_json(folder / "fields.json")
    rates = tuple(Rate(str(r["field"]), str(r["numerator"]), str(r["denominator"]), float(r.get("scale", 1.0)))
                  for r in fields["rates"])
    return Catalogue(presets, rates, str(fields.get("boost", "impressions")))
