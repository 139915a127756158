"""The platforms' report exports (聚光, 蒲公英, 种草星河, 薯条, 小红星) into a notes, history or actuals table of ours.

    recognise_files(paths)          which export each file is (by its header's words), and what it lacks
    import_exports(paths, options)  read, join by note id, convert to MODEL.md's definitions, validate

The presets (resources/exports/*.json, planner.io.exports.presets) say everything a platform's export is;
read.py reads a file as the table import reads any table; join.py sums rows by note (and day, or period) and
puts the exports together; derive.py and tables.py make our fields, each with its formula, numbers and files,
and ask (Unresolved) where a field cannot be derived honestly. Nothing here changes a plan: the GUI merges a
notes table through planner.model.merge, fits lifts from a history table, and the CLI writes the table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from planner.i18n import _, ngettext
from planner.io.exports.derive import ACCEPT, SKIP, Derivation, Deriver, Unresolved
from planner.io.exports.join import ACTUALS, HISTORY, NOTES, TARGETS, Periods, join_exports
from planner.io.exports.presets import Catalogue, load_catalogue, words
from planner.io.exports.read import ColumnMaps, ExportFile, exports_read, recognise
from planner.io.exports.tables import build_counts, build_notes
from planner.model.errors import InputError, Problem

__all__ = ["ACCEPT", "ACTUALS", "HISTORY", "NOTES", "SKIP", "TARGETS", "Derivation", "ExportFile", "ExportImport",
           "ExportOptions", "Periods", "Unresolved", "import_exports", "recognise_files"]
GMV_CHOICES = ("item", "store")  # 订单商品成交GMV (the linked item's, the default) or 商家GMV (the whole store's)


@dataclass(frozen=True)
class ExportOptions:
    """What the user chose: the table, the days, the GMV and attribution window, how periods are told apart,
    their answers to what cannot be derived, their column choices, and the plan's notes (kept on update)."""

    target: str = NOTES
    first_day: date | None = None
    last_day: date | None = None
    choices: Mapping[str, str] = field(default_factory=dict)  # "gmv": item|store, "attribution": a 归因口径
    periods: Periods | None = None
    answers: Mapping[str, str | float] = field(default_factory=dict)  # "industry": text; a rate: value|accept|skip
    column_maps: ColumnMaps = field(default_factory=dict)  # kind -> file header -> the preset's column
    leave_out: bool = False  # leave out, knowingly, the notes (rows) without a value or with a problem
    current: pd.DataFrame | None = field(default=None, compare=False)  # the plan's notes: kept where none derived


@dataclass(frozen=True)
class ExportImport:
    """A table of ours from the exports, how each field was derived, and what stands in its way."""

    target: str
    table: pd.DataFrame
    columns: list[str]  # the fields derived or answered (an update of the plan's notes takes these)
    derivations: list[Derivation]
    unresolved: list[Unresolved]
    problems: list[Problem]
    files: list[ExportFile]
    left_out: list[str] = field(default_factory=list)  # notes (rows) left out knowingly
    notices: list[str] = field(default_factory=list)  # rows of the files that were not used, and why
    days: tuple[date, date] | None = None  # the days the dated exports cover
    slice_values: Mapping[str, list[str]] = field(default_factory=dict)  # e.g. attribution: the windows found
    windows: Mapping[str, str] = field(default_factory=dict)  # the slices taken: 归因口径 -> 15天

    @property
    def ready(self) -> bool:
        """Nothing to answer and nothing invalid: the table may be used."""
        return not self.unresolved and not self.problems


def recognise_files(paths: Sequence[str | Path], column_maps: ColumnMaps | None = None,
                    catalogue: Catalogue | None = None) -> list[ExportFile]:
    """Each file's kind, header row and missing columns; InputError for files the table import refuses."""
    catalogue = catalogue or load_catalogue()
    found, problems = [], []
    for path in paths:
        try:
            found.append(recognise(Path(path), catalogue, column_maps))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return found


def file_problems(files: Sequence[ExportFile], catalogue: Catalogue) -> list[Problem]:
    """Why files cannot be read yet: not an export the app knows, or a column the user must map."""
    problems = []
    known = ", ".join(words(preset.platform) for preset in catalogue.presets.values())
    for export in files:
        if export.kind is None:
            problems.append(Problem(export.path.name, None, None, None, _(
                "a platform export the app knows ({known}): none was recognised in the header of its first "
                "rows").format(known=known)))
            continue
        for kind, columns in export.missing.items():
            name = words(catalogue.presets[kind].name)
            for column in columns:
                problems.append(Problem(export.path.name, export.header_row, None, None, _(
                    "a column {column}, which the {export} needs: if it was renamed, choose the column that holds "
                    "it").format(column=column, export=name)))
    return problems


def import_exports(paths: Sequence[str | Path], options: ExportOptions | None = None,
                   catalogue: Catalogue | None = None) -> ExportImport:
    """Read the exports, join them by note id and make the target table, every field with its derivation.

    InputError for files that cannot be read (every problem of every file); a result with `unresolved` items
    or `problems` when a field cannot be derived honestly or a value breaks a rule (the caller asks or says so).
    """
    options = options or ExportOptions()
    catalogue = catalogue or load_catalogue()
    if options.target not in TARGETS:
        raise ValueError(f"unknown target {options.target!r}: {', '.join(TARGETS)}")
    files = recognise_files(paths, options.column_maps, catalogue)
    problems = file_problems(files, catalogue)
    if problems:
        raise InputError(problems)
    by_plans = options.target == HISTORY and options.periods is not None and options.periods.by_plan
    rows = exports_read(files, catalogue, options.column_maps, plan_names=by_plans)
    days = (options.first_day, options.last_day)
    joined = join_exports(rows, catalogue, options.target, days, options.choices, options.periods)
    deriver = Deriver(joined, catalogue, days)
    if options.target == NOTES:
        built = build_notes(joined, catalogue, deriver, options.answers, options.current, options.leave_out)
    else:
        built = build_counts(joined, catalogue, deriver, options.answers, options.current, options.leave_out)
    notices = [ngettext("{file}: {count:,} row without a note id left out (a total row?)",
                        "{file}: {count:,} rows without a note id left out (a total row?)", export.left_out).format(
        file=export.file, count=export.left_out) for export in rows if export.left_out] + joined.notices
    return ExportImport(options.target, built.table, built.columns, deriver.derivations, built.unresolved,
                        built.problems, files, built.left_out, notices, joined.days, joined.slice_values,
                        joined.windows)
