"""The Excel plan (CONTRACT.md "Excel plan"): live formulas that carry their values, safe text, fast for big plans.

XlsxWriter writes it, not openpyxl: only XlsxWriter stores each formula's computed value beside the formula,
which previewers that never recalculate (phones, chat apps, file managers, pandas) show; openpyxl reads.
Per-note rows are rendered as cell XML in bulk (planner.io.excel.sheet_xml) because XlsxWriter's per-cell Python
costs more than pandas' whole export, and deflated as they are written, on the other core
(planner.io.excel.fast_workbook); everything else goes through XlsxWriter's public API. Each sheet has its
module (summary, notes, funding, assumptions, scenarios, pacing,
plan_vs_actual, warnings_sheet); this one puts the workbook together.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import numpy as np
import xlsxwriter
from xlsxwriter.exceptions import FileCreateError

from planner import __version__
from planner.i18n import _
from planner.io.atomic import atomic_stream
from planner.io.excel.assumptions import write_assumptions
from planner.io.excel.book import Book, Progress
from planner.io.excel.fast_workbook import FastWorkbook
from planner.io.excel.funding import write_funding
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FORMAT_ID,
    FORMAT_VERSION,
    FUNDING_BLOCK_ROW,
    FUNDING_ITEMS,
    KPI_HEADER_ROW,
    KPIS,
    LANGS,
    LIFTS_HEADER_ROW,
    META_SHEET,
    NOTE_LETTER,
    PARAMS,
    PARAMS_FIRST_ROW,
    letter_of,
    quoted,
    sheet_name,
)
from planner.io.excel.notes import write_notes
from planner.io.excel.observed import prior_row, uses_prior
from planner.io.excel.pacing import Pacing, add_windows, pacing_names, write_pacing
from planner.io.excel.plan_vs_actual import pva_names, write_plan_vs_actual
from planner.io.excel.scenarios import HEADER as SCENARIOS_HEADER
from planner.io.excel.scenarios import NOTE_NAMES, add_scenario_budgets, write_scenarios
from planner.io.excel.sheet_xml import plain
from planner.io.excel.summary import write_summary
from planner.io.excel.warnings_sheet import write_warnings
from planner.model.errors import InputError, Problem, refuse
from planner.model.plan import Plan
from planner.model.scenarios import all_scenarios

MAX_CELL_TEXT = 32_767  # Excel's limit, in UTF-16 units
OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False,
           "strings_to_numbers": False, "nan_inf_to_errors": False}
APP = f"RedCat Planner {__version__}"


def export_plan(plan: Plan, path: str | os.PathLike[str], lang: str = "zh", progress: Progress | None = None) -> None:
    """Write `plan` as the Excel plan at `path`, atomically (a failure leaves any previous file whole).

    `progress(done, total)` is called before anything is written, as notes are written and once the file is
    saved (done == total); an exception it raises aborts the export and leaves no file behind.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    target = Path(path)
    _check_plan(plan, target.name)
    # The workbook is zipped straight into the save's temporary file: a plan of 100,000 notes makes an archive
    # of about 40 MB, which need not be held in memory. XlsxWriter's row files go to a folder of our own,
    # removed whatever happens (an aborted export never closes its workbook: nobody wants that file).
    with atomic_stream(target) as stream, \
            tempfile.TemporaryDirectory(prefix="redcat-xlsx-", ignore_cleanup_errors=True) as scratch:
        workbook = FastWorkbook(stream, {**OPTIONS, "tmpdir": scratch})
        book = Book(plan, lang, workbook, progress)
        try:
            _write(book)
            workbook.close()
        except FileCreateError as error:  # XlsxWriter's wrapper of the OSError that failed the archive
            _close_row_files(workbook)
            cause = error.args[0] if error.args and isinstance(error.args[0], OSError) else None
            raise OSError(getattr(cause, "errno", None), getattr(cause, "strerror", None) or str(error),
                          str(target)) from error
        except BaseException:
            _close_row_files(workbook)
            raise
        finally:
            workbook.release()
        book.advance(len(plan.notes))  # compressing the file takes about as long as writing the notes


def _close_row_files(workbook: xlsxwriter.Workbook) -> None:
    """Close the sheets' row files of a workbook that will never be finished (their folder is removed next).

    A full disk may fail their last flush too: the export has failed already, and that error says why.
    """
    for sheet in workbook.worksheets():
        with contextlib.suppress(OSError):
            sheet._opt_close()


def _check_plan(plan: Plan, file: str) -> None:
    """A plan Excel can hold: at least one note, and no text longer than a cell takes."""
    if len(plan.notes) == 0:
        raise refuse(file, _("a plan with at least one note (this one has none)"))
    problems = []
    for field in ("note_id", "title", "creator", "industry"):
        lengths = plan.notes[field].str.len().to_numpy()
        for position in map(int, np.flatnonzero(lengths > MAX_CELL_TEXT // 2)):
            value = str(plan.notes[field].iat[position])  # a text column
            if len(value.encode("utf-16-le")) // 2 > MAX_CELL_TEXT:
                problems.append(Problem(file, None, field, value,
                                        _("at most {most:,} characters (Excel's limit for a cell), note {note}").format(
                                            most=MAX_CELL_TEXT, note=plan.notes["note_id"].iat[position])))
    if problems:
        raise InputError(problems)


def _write(book: Book) -> None:
    """The sheets in order, the workbook's names, the hidden marker sheet and the properties.

    The scenarios' budget columns and the notes' windows are placed on the notes sheet before it is written.
    """
    book.advance(0)
    scenarios = add_scenario_budgets(book)
    pacing = add_windows(book)
    _names(book, pacing)
    write_summary(book)
    write_notes(book)
    write_funding(book)
    write_assumptions(book)
    write_scenarios(book, scenarios)
    if pacing is not None:
        write_pacing(book, pacing)
        write_plan_vs_actual(book, pacing)
    write_warnings(book)
    _marker(book)


def _names(book: Book, pacing: Pacing | None) -> None:
    """Workbook-level names (CONTRACT.md), and the ones the formulas read as words."""
    define = book.xlsx.define_name
    notes, first, last = quoted(sheet_name("notes", book.lang)), FIRST_NOTE_ROW + 1, book.last_note + 1
    for name, key in (("note_ids", "note_id"), ("note_budgets", "budget"), ("note_orders", "orders"),
                      ("note_gmv", "gmv"), ("note_eligible", "eligible")):
        define(name, f"={notes}!${NOTE_LETTER[key]}${first}:${NOTE_LETTER[key]}${last}")
    summary = quoted(sheet_name("summary", book.lang))
    for i, kpi in enumerate(KPIS):
        define(kpi[0], f"={summary}!$B${KPI_HEADER_ROW + 2 + i}")
    assumptions = quoted(sheet_name("assumptions", book.lang))
    for i, param in enumerate(PARAMS):
        if param[0] != "objective":
            define(param[0], f"={assumptions}!$B${PARAMS_FIRST_ROW + 1 + i}")
    if uses_prior(book):
        define("observed_prior", f"={assumptions}!$B${prior_row(book) + 1}")
    lifts = len(book.plan.lifts.table)
    define("lift_industry", f"={assumptions}!$A${LIFTS_HEADER_ROW + 2}:$A${LIFTS_HEADER_ROW + 1 + lifts}")
    funding = quoted(sheet_name("funding", book.lang))
    for i, item in enumerate(FUNDING_ITEMS):
        if item[0] in ("eligible_total", "platform_total", "cap_reached"):
            define(item[0], f"={funding}!$B${FUNDING_BLOCK_ROW + 1 + i}")
    for name, key in NOTE_NAMES.items():
        define(name, "=" + book.notes_range(NOTE_LETTER[key]))
    scenarios, named = quoted(sheet_name("scenarios", book.lang)), SCENARIOS_HEADER + 1
    define("scenario_names", f"={scenarios}!$B${named}:${letter_of(len(all_scenarios(book.plan)))}${named}")
    if pacing is not None:
        for name, refers_to in {**pacing_names(book, pacing), **pva_names(book, pacing)}.items():
            define(name, refers_to)


def _marker(book: Book) -> None:
    """The hidden sheet and properties that tell apply-excel a workbook is one of ours, and in which language."""
    ws = book.xlsx.add_worksheet(META_SHEET)
    for row, (key, value) in enumerate((("format", FORMAT_ID), ("version", FORMAT_VERSION),
                                        ("lang", book.lang), ("app", APP), ("notes", book.n))):
        ws.write_string(row, 0, key)
        if isinstance(value, int):
            ws.write_number(row, 1, value)
        else:
            ws.write_string(row, 1, value)
    ws.very_hidden()
    book.xlsx.set_custom_property("redcat_format", FORMAT_ID)
    book.xlsx.set_custom_property("redcat_format_version", FORMAT_VERSION)
    name = plain(book.plan.name) or sheet_name("summary", book.lang)
    book.xlsx.set_properties({
        "title": f'{name} · {book.t("summary_title")}', "subject": book.t("summary_title"),
        "author": APP, "company": plain(book.plan.name), "keywords": "RedCat Planner, 联投, 小红书, 淘宝",
        "comments": book.t("subtitle", version=__version__, n=f"{book.n:,}")})
