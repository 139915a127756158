"""The Daily pacing sheet of the Excel plan (CONTRACT.md: 每日节奏), written when the plan has a calendar: one
row per day (date, phase, day weight, spend, brand and platform money, cumulative spend and share, orders,
GMV), live over the day weights and the budgets, beside the table of the notes' windows it is built on.

MODEL.md section 9 spreads each note's budget over its window: spend_{i,d} = b_i * w_d / W_i, W_i the sum of
w over the window. Notes that share a window share W, so the day's spend is w_d times the sum, over the
windows that cover day d, of (the window's budgets) / W: a table of windows (few; at most one per pair of
first and last day) rather than a notes x days grid, which a 100,000-note plan over 45 days would make
4.5 million cells. Each note's window is a number in a column of the notes sheet (yellow: moving a note
to another window moves its money); each window's first and last day are inputs too. A window's budget,
platform and brand money, orders and GMV are SUMIFS over the notes by window number (brand and platform
per note from the Funding sheet: the platform pays the same part of each eligible yuan every day), its
weight W a SUMIFS over the day weights between its days; the day's figures are SUMIFS over the windows
that cover it of each figure per unit of weight (hidden columns), times the day's weight.

A scenario planned on actuals (re-planned with a cut-off day, or on observed rates: planner.model.pacing's
Remainder) keeps what was spent: the days up to the cut-off are the actuals, as values, and each window spreads
only its notes' budget left (the Plan vs actual sheet's hidden columns, note_left_*) over its days after the
cut-off.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book, RowOrder
from planner.io.excel.labels import (
    DAY_COLUMNS,
    FUNDING_HEADER_ROW,
    FUNDING_LETTER,
    WINDOW_COLUMN,
    WINDOW_COLUMNS,
    Column,
    letter_of,
    pick,
    quoted,
    sheet_name,
)
from planner.model.calendar import Calendar
from planner.model.pacing import DailyPlan, Remainder, pace, plan_windows, remainder
from planner.model.plan import Plan

HEADER = 3  # 0-based row of both tables' headers; days and windows from the row below
DAY_COL = {key: i for i, (key, *_) in enumerate(DAY_COLUMNS)}
DAY_LETTER = {key: letter_of(i) for key, i in DAY_COL.items()}
WINDOW_LETTER = {key: letter_of(len(DAY_COLUMNS) + 1 + i) for i, (key, *_) in enumerate(WINDOW_COLUMNS)}
PER_WEIGHT = ("budget", "platform", "brand", "orders", "gmv")  # a window's figures per unit of its weight
PER_WEIGHT_LETTER = {key: letter_of(len(DAY_COLUMNS) + 1 + len(WINDOW_COLUMNS) + i) for i, key in enumerate(PER_WEIGHT)}
# The day's figure: the windows' figure per unit of weight, times the day's weight.
DAILY = {"spend": "budget", "brand": "brand", "platform": "platform", "orders": "orders", "gmv": "gmv"}
# Each window's figure: a sum over its notes of a column of theirs (a name), or of what is left of it after a
# cut-off (the Plan vs actual sheet's, pva_names).
NOTE_FIGURES = {"budget": "note_budgets", "platform": "note_platform", "brand": "note_brand", "orders": "note_orders",
                "gmv": "note_gmv"}
LEFT_FIGURES = {key: f"note_left_{key}" for key in NOTE_FIGURES}


@dataclass(frozen=True)
class Windows:
    """The notes' distinct windows (campaign positions, both days included, in order) and each note's number."""

    first: np.ndarray
    last: np.ndarray
    of_note: np.ndarray  # 1-based window number of each note

    def __len__(self) -> int:
        return len(self.first)


@dataclass(frozen=True)
class Pacing:
    """What the sheet shows: the model's daily plan, the windows, and the notes' window column (its letter)."""

    calendar: Calendar
    daily: DailyPlan
    windows: Windows
    letter: str
    rest: Remainder  # what of each note's budget the days spread: all of it, or what is left after a cut-off

    @property
    def cutoff(self) -> int | None:
        """A plan kept on actuals: the campaign position of its cut-off day."""
        return self.rest.cutoff


def note_windows(plan: Plan, calendar: Calendar) -> Windows:
    """The windows of the plan's notes (clipped to the campaign, as the model spreads them), numbered in order."""
    found, days = plan_windows(plan, calendar), calendar.n_days
    first, last = np.clip(found.first, 0, days - 1), np.clip(found.last, 0, days - 1)
    keys, number = np.unique(first * days + last, return_inverse=True)
    return Windows(keys // days, keys % days, number.ravel() + 1)


def add_windows(book: Book) -> Pacing | None:
    """The plan's daily plan and windows, each note's window added to the notes sheet; None without a calendar.

    The daily plan is the model's (InputError where a note's window is invalid, as `pace` has it).
    """
    calendar = book.plan.calendar
    if calendar is None:
        return None
    daily = pace(book.plan, book.result)
    windows = note_windows(book.plan, calendar)
    key, zh, en, kind = WINDOW_COLUMN
    letter = book.add_note_column(Column(key, zh, en, kind, True), windows.of_note.astype(float))
    return Pacing(calendar, daily, windows, letter, remainder(book.plan, calendar, plan_windows(book.plan, calendar)))


def write_pacing(book: Book, pacing: Pacing) -> None:
    """The days, their totals, and the windows beside them."""
    ws = book.sheets["pacing"]
    book.top(ws, f'{book.t("pacing_title")} · {book.plan.name}')
    calendar = pacing.calendar
    # Both notes wrap over their own table: text running on to the right would widen the printed page.
    ws.set_row(2, 40 if pacing.cutoff is None else 72)
    ws.merge_range(2, 0, 2, len(DAY_COLUMNS) - 1, book.t("calendar", name=calendar.name, source=calendar.source)
                   if calendar.name or calendar.source else "", book.f("note_wrap", ""))
    note = book.t("pacing_note")
    if pacing.cutoff is not None:
        day = (np.datetime64(calendar.first_day) + pacing.cutoff).astype(object)
        note += " " + book.t("pacing_kept_note", day=day.isoformat())
    ws.merge_range(2, len(DAY_COLUMNS) + 1, 2, len(DAY_COLUMNS) + len(WINDOW_COLUMNS), note, book.f("note_wrap", ""))
    book.header_row(ws, HEADER, [pick((zh, en), book.lang) for _, zh, en, _ in DAY_COLUMNS])
    words = {key: pick((zh, en), book.lang) for key, zh, en, _ in WINDOW_COLUMNS}
    titles = list(words.values()) + [f'{words[key]} · {book.t("per_weight")}' for key in PER_WEIGHT]
    for i, title in enumerate(titles):
        ws.write_string(HEADER, len(DAY_COLUMNS) + 1 + i, title, book.f("header", ""))
    cells = RowOrder()  # the days and the windows share rows
    _days(book, ws, cells, pacing)
    _windows(book, ws, cells, pacing)
    cells.flush()
    _layout(book, ws, pacing)


def _days(book: Book, ws: Worksheet, cells: RowOrder, pacing: Pacing) -> None:
    """One row per day: date, phase, weight (an input), the day's figures from the windows that cover it."""
    daily, n_days, n_windows = pacing.daily, len(pacing.daily.dates), len(pacing.windows)
    first, total = HEADER + 2, HEADER + 2 + n_days  # spreadsheet rows: first day, totals
    windows = {key: f"${letter}${first}:${letter}${first + n_windows - 1}"
               for key, letter in {**WINDOW_LETTER, **{f"{k}/w": v for k, v in PER_WEIGHT_LETTER.items()}}.items()}
    values = {"spend": daily.spend, "brand": daily.brand, "platform": daily.platform,
              "orders": daily.outcomes["orders"], "gmv": daily.outcomes["gmv"]}
    kinds, letter = {key: kind for key, _zh, _en, kind in DAY_COLUMNS}, DAY_LETTER
    spent = f'${letter["spend"]}${total}'
    for d, day in enumerate(daily.dates.astype(object)):
        r, row = first + d, first + d - 1
        cells(ws.write_datetime, row, DAY_COL["date"], day, book.f("date"))
        cells(ws.write_string, row, DAY_COL["phase"], daily.phases[d], book.f("text"))
        cells(ws.write_number, row, DAY_COL["weight"], float(daily.weights[d]), book.f("weight", "in"))
        covers = f'{windows["first"]},"<="&${letter["date"]}{r},{windows["last"]},">="&${letter["date"]}{r}'
        kept = pacing.cutoff is not None and d <= pacing.cutoff  # an actual day: what was spent, as values
        for key, figure in DAILY.items():
            if kept:
                value = float(values[key][d])
                if math.isnan(value):  # a count the actuals do not report
                    cells(ws.write_blank, row, DAY_COL[key], None, book.f(kinds[key]))
                else:
                    cells(ws.write_number, row, DAY_COL[key], value, book.f(kinds[key]))
                continue
            cells(ws.write_formula, row, DAY_COL[key], f'=${letter["weight"]}{r}*SUMIFS({windows[figure + "/w"]},'
                  f'{covers})', book.f(kinds[key]), float(values[key][d]))
        previous = f"{letter['cumulative']}{r - 1}+" if d else ""
        cells(ws.write_formula, row, DAY_COL["cumulative"], f"={previous}{letter['spend']}{r}", book.f("money"),
              float(daily.cumulative[d]))
        cells(ws.write_formula, row, DAY_COL["share"], f'=IF({spent}=0,0,{letter["cumulative"]}{r}/{spent})',
              book.f("rate"), float(daily.cumulative_share[d]))
    cells(ws.write_string, total - 1, 0, book.t("total"), book.f("text", "total"))
    sums = {"weight": daily.weights, **{key: np.nan_to_num(value) for key, value in values.items()}}
    for col, (key, _zh, _en, kind) in enumerate(DAY_COLUMNS[1:], start=1):
        if key in sums:
            cells(ws.write_formula, total - 1, col, f"=SUM({letter[key]}{first}:{letter[key]}{total - 1})",
                  book.f(kind, "total"), float(sums[key].sum()))
        else:
            cells(ws.write_blank, total - 1, col, None, book.f(kind, "total"))


def _window_values(book: Book, pacing: Pacing) -> dict[str, np.ndarray]:
    """What the model gives each window: its notes, weight W, and sums of budget, money and outcomes."""
    windows, notes = pacing.windows, book.result.notes
    cumulative = np.concatenate([[0.0], np.cumsum(pacing.daily.weights)])
    first = _spread_from(pacing)
    weight = np.where(windows.last >= first, cumulative[windows.last + 1] - cumulative[np.minimum(first, windows.last)],
                      0.0)
    number = windows.of_note - 1
    part = pacing.rest.part  # 1 for every note unless kept on actuals

    def per_window(values: np.ndarray) -> np.ndarray:
        return np.bincount(number, weights=np.asarray(values, dtype=float) * part, minlength=len(windows))

    counted = np.bincount(number, minlength=len(windows)).astype(float)
    sums = {"notes": counted, "weight": weight,
            "budget": per_window(notes["budget"].to_numpy()), "platform": per_window(notes["platform_cost"].to_numpy()),
            "brand": per_window(notes["brand_cost"].to_numpy()), "orders": per_window(notes["orders"].to_numpy()),
            "gmv": per_window(notes["gmv"].to_numpy())}
    for key in PER_WEIGHT:
        sums[f"{key}/w"] = np.divide(sums[key], weight, out=np.zeros(len(windows)), where=weight != 0)
    return sums


def _spread_from(pacing: Pacing) -> np.ndarray:
    """Each window's first day that money is spread over: its first, or the day after a cut-off."""
    first = pacing.windows.first
    return first if pacing.cutoff is None else np.maximum(first, pacing.cutoff + 1)


def _windows(book: Book, ws: Worksheet, cells: RowOrder, pacing: Pacing) -> None:
    """One row per window: its number and days (inputs), notes, weight, sums, and each sum per unit of weight;
    then their totals, which are the plan's unless a note was given a window number the table lacks."""
    values, first_day = _window_values(book, pacing), np.datetime64(pacing.calendar.first_day)
    letter, kinds = WINDOW_LETTER, {key: kind for key, _zh, _en, kind in WINDOW_COLUMNS}
    by = NOTE_FIGURES if pacing.cutoff is None else LEFT_FIGURES
    after = "" if pacing.cutoff is None else f"{_serial(pacing.calendar, pacing.cutoff + 1)},"
    count = len(pacing.windows)
    for w in range(count):
        r, row = HEADER + 2 + w, HEADER + 1 + w
        number = f"${letter['window']}{r}"
        cells(ws.write_number, row, _col("window"), w + 1, book.f("row"))
        for key in ("first", "last"):
            day = (first_day + int(getattr(pacing.windows, key)[w])).astype(object)
            cells(ws.write_datetime, row, _col(key), day, book.f("date", "in"))
        cells(ws.write_formula, row, _col("notes"), f"=COUNTIF(note_windows,{number})", book.f("count"),
              float(values["notes"][w]))
        start = f'MAX({after}${letter["first"]}{r})' if after else f'${letter["first"]}{r}'
        weight = f'=SUMIFS(day_weights,day_dates,">="&{start},day_dates,"<="&${letter["last"]}{r})'
        cells(ws.write_formula, row, _col("weight"), weight, book.f("weight"), float(values["weight"][w]))
        for key, name in by.items():
            cells(ws.write_formula, row, _col(key), f"=SUMIFS({name},note_windows,{number})", book.f(kinds[key]),
                  float(values[key][w]))
            cells(ws.write_formula, row, _col(key, per_weight=True),
                  f'=IF(${letter["weight"]}{r}=0,0,{letter[key]}{r}/${letter["weight"]}{r})', book.f(kinds[key]),
                  float(values[f"{key}/w"][w]))
    total, first, last = HEADER + 1 + count, HEADER + 2, HEADER + 1 + count
    cells(ws.write_string, total, _col("window"), book.t("total"), book.f("text", "total"))
    for key, _zh, _en, kind in WINDOW_COLUMNS[1:]:
        if key in by or key == "notes":
            cells(ws.write_formula, total, _col(key), f"=SUM({letter[key]}{first}:{letter[key]}{last})",
                  book.f(kind, "total"), float(values[key].sum()))
        else:
            cells(ws.write_blank, total, _col(key), None, book.f(kind, "total"))


def _serial(calendar: Calendar, position: int) -> int:
    """The spreadsheet's day number of a campaign day (1899-12-30 is 0)."""
    return int((np.datetime64(calendar.first_day) + position - np.datetime64("1899-12-30")).astype(int))


def _col(key: str, per_weight: bool = False) -> int:
    """The 0-based column of a window figure (or of that figure per unit of weight)."""
    keys = [column[0] for column in WINDOW_COLUMNS]
    return len(DAY_COLUMNS) + 1 + (len(WINDOW_COLUMNS) + PER_WEIGHT.index(key) if per_weight else keys.index(key))


def _layout(book: Book, ws: Worksheet, pacing: Pacing) -> None:
    """Widths, the per-weight columns hidden, inputs validated, the header kept in view and printed."""
    widths = {"date": 12, "phase": 10, "weight": 10, "share": 10}
    for col, (key, *_) in enumerate(DAY_COLUMNS):
        ws.set_column(col, col, widths.get(key, 15))
    ws.set_column(len(DAY_COLUMNS), len(DAY_COLUMNS), 3)
    for key, *_ in WINDOW_COLUMNS:
        ws.set_column(_col(key), _col(key), {"window": 8, "notes": 9}.get(key, 13))
    ws.set_column(_col(PER_WEIGHT[0], True), _col(PER_WEIGHT[-1], True), 14, None, {"hidden": True})
    first, days = HEADER + 1, len(pacing.daily.dates)
    weights = DAY_COL["weight"]
    ws.data_validation(first, weights, first + days - 1, weights, {"validate": "decimal", "criteria": ">=", "value": 0})
    calendar = pacing.calendar
    ws.data_validation(first, _col("first"), first + len(pacing.windows) - 1, _col("last"), {
        "validate": "date", "criteria": "between", "minimum": calendar.first_day, "maximum": calendar.last_day})
    ws.freeze_panes(first, 1)
    book.print_setup(ws, HEADER)


def pacing_names(book: Book, pacing: Pacing) -> dict[str, str]:
    """The sheet's defined names (CONTRACT.md: day_dates, day_spend, day_weights) and those its formulas read."""
    sheet, funding = quoted(sheet_name("pacing", book.lang)), quoted(sheet_name("funding", book.lang))
    first, last = HEADER + 2, HEADER + 1 + len(pacing.daily.dates)
    notes_first, notes_last = FUNDING_HEADER_ROW + 2, FUNDING_HEADER_ROW + 1 + book.n
    days = {name: f"={sheet}!${DAY_LETTER[key]}${first}:${DAY_LETTER[key]}${last}"
            for name, key in (("day_dates", "date"), ("day_weights", "weight"), ("day_spend", "spend"))}
    return {**days, "note_windows": "=" + book.notes_range(pacing.letter),
            **{name: f"={funding}!${FUNDING_LETTER[key]}${notes_first}:${FUNDING_LETTER[key]}${notes_last}"
               for name, key in (("note_platform", "platform_cost"), ("note_brand", "brand_cost"))}}
