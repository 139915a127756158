"""The Plan vs actual sheet of the Excel plan (CONTRACT.md: 实际对比), written when the plan has a calendar and
actuals: the plan against its actuals up to the last day with actuals (MODEL.md section 10), as
planner.model.tracking.track has it, live over the notes' figures, the day weights and the actuals.

One row per note: each tracked count planned to date, actual to date, variance and achievement, and the pacing
status of spend; the plan's totals above them; the days beside them. The actuals are value cells (yellow): each
note's sums and each day's spend and GMV, not the raw note-days, which a 10,000-note campaign makes 450,000 rows
that every note would have to search. Planned to date is a formula: the note's figure on the Notes plan times the
part of its window's day weight up to the last day with actuals (a hidden table of windows beside the days, over
the Daily pacing sheet's windows and day weights). A scenario re-planned on actuals (its cut-off day kept) adds
each note's actuals to the cut-off and spreads only the part of its budget left over its days after it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book
from planner.io.excel.formulas import template
from planner.io.excel.labels import (
    FIRST_NOTE_ROW,
    FUNDING_HEADER_ROW,
    FUNDING_LETTER,
    NOTE_COLUMN,
    NOTE_LETTER,
    PVA_DAY_COLUMNS,
    PVA_FIGURES,
    PVA_LEFT_WORDS,
    PVA_WINDOW_COLUMNS,
    STATUS_LABELS,
    display_width,
    header,
    letter_of,
    pick,
    quoted,
    sheet_name,
)
from planner.io.excel.pacing import DAY_LETTER, WINDOW_LETTER, Pacing
from planner.io.excel.pacing import HEADER as PACING_HEADER
from planner.io.excel.sheet_xml import Shared, formula_cells, number_cells, text_cells, xml_text
from planner.model.fields import ACTUALS_FIELD
from planner.model.observed import last_day
from planner.model.tracking import TRACKED, Tracking, actual_by_day, to_date_fraction, track

FACTS, GROUP, HEADER, TOTAL, FIRST = 3, 5, 6, 7, 8  # 0-based rows: to date, headers, totals, the first note
ESTIMATE = {key: "budget" if key == "spend" else key for key in TRACKED}  # each count's figure on the Notes plan
# A kept plan's hidden note columns of what is left to spread after the cut-off: the windows here read spend and
# GMV, the Daily pacing sheet's all five (pva_names). Platform and brand money are the Funding sheet's.
LEFT = {"left_spend": "budget", "left_platform": "platform_cost", "left_brand": "brand_cost", "left_orders": "orders",
        "left_gmv": "gmv"}
EXCEL_EPOCH = date(1899, 12, 30)


class Columns:
    """Where each column of the sheet is (0-based), for a plan re-planned on actuals (`cutoff`) or not."""

    def __init__(self, cutoff: bool):
        self.at: dict[str, int] = {"note_id": 0, "title": 1}
        for key in TRACKED:
            for figure, *_ in PVA_FIGURES:
                self.at[f"{figure}_{key}"] = len(self.at)
            if key == "spend":
                self.at["status"] = len(self.at)
        self.visible = len(self.at)  # the note columns a reader sees; helpers hidden after them
        helpers = ["fraction"] + (["part", *(f"before_{key}" for key in TRACKED), *LEFT] if cutoff else [])
        for key in helpers:
            self.at[key] = len(self.at)
        self.days = len(self.at) + 1  # a narrow column between the tables
        self.day = {key: self.days + i for i, (key, *_) in enumerate(PVA_DAY_COLUMNS)}
        self.windows = self.days + len(PVA_DAY_COLUMNS) + 1
        shown = PVA_WINDOW_COLUMNS if cutoff else PVA_WINDOW_COLUMNS[:6]
        self.window = {key: self.windows + i for i, (key, *_) in enumerate(shown)}
        self.width = self.windows + len(shown)

    def letter(self, key: str) -> str:
        return letter_of(self.at[key])


@dataclass(frozen=True)
class Figures:
    """What the sheet shows, as the model computes it: the tracking and the pieces of planned to date."""

    tracking: Tracking
    cutoff: date | None  # a scenario planned on actuals keeps them to this day
    fraction: np.ndarray  # each note's part of its (remaining) window's weight up to the last day with actuals
    part: np.ndarray  # each note's part of its budget spread over days (1 unless re-planned)
    before: pd.DataFrame  # each note's actuals to the cut-off (0 where none)
    known: dict[str, bool]  # whether the actuals report each count at all
    day_spend: np.ndarray  # actual spend per day to date (NaN after), GMV per day (NaN where none reports it)
    day_gmv: np.ndarray
    window_first: np.ndarray  # each window's first day the plan still spreads money over (campaign position)
    window_done: np.ndarray
    window_weight: np.ndarray


def figures(book: Book, pacing: Pacing) -> Figures:
    """The model's figures for the sheet (InputError as track raises it)."""
    plan, calendar = book.plan, pacing.calendar
    assert plan.actuals is not None
    tracking = track(plan)
    windows = pacing.windows
    rest = pacing.rest
    cutoff = None if rest.cutoff is None else (plan.scenario.through or last_day(plan.actuals))
    fraction = to_date_fraction(calendar, rest.windows, tracking.to_date)
    kept = plan.known_sums
    assert kept is not None and plan.actual_sums is not None
    before = pd.DataFrame({key: np.nan_to_num(kept[key].to_numpy(dtype=float)) for key in TRACKED})
    known = {key: bool(plan.actual_sums[key].notna().any()) for key in TRACKED}
    by_day = actual_by_day(plan, ("spend", "gmv"))
    past = np.arange(calendar.n_days) <= calendar.day_index(tracking.to_date)
    first = windows.first if cutoff is None else np.maximum(windows.first, calendar.day_index(cutoff) + 1)
    weights = pacing.daily.weights
    cumulative = np.concatenate([[0.0], np.cumsum(weights)])
    to_day = calendar.day_index(tracking.to_date)
    start = np.minimum(first, calendar.n_days)
    until = np.maximum(np.minimum(windows.last, to_day), start - 1)
    done = cumulative[until + 1] - cumulative[start]
    whole = np.where(windows.last >= start, cumulative[np.maximum(windows.last, start - 1) + 1] - cumulative[start], 0)
    return Figures(tracking, cutoff, fraction, rest.part, before, known,
                   np.where(past, np.nan_to_num(by_day["spend"]), np.nan), np.where(past, by_day["gmv"], np.nan),
                   first, done, whole)


def write_plan_vs_actual(book: Book, pacing: Pacing) -> None:
    """The facts, the headers and the totals, then one row per note beside the days and the windows."""
    ws = book.sheets.get("plan_vs_actual")
    if ws is None:
        return
    shown = figures(book, pacing)
    cols = Columns(shown.cutoff is not None)
    book.top(ws, f'{book.t("pva_title")} · {book.plan.name}', [12.0] * 4 + [9.0, 9.0])
    note = book.t("pva_note")
    if shown.cutoff is not None:
        note += " " + book.t("pva_replan_note", day=shown.cutoff.isoformat())
    ws.set_row(2, 66 if shown.cutoff is None else 100)  # wrapped over the columns of the first printed page
    ws.merge_range(2, 0, 2, cols.at["status"], note, book.f("note_wrap", ""))
    _facts(book, ws, cols, shown)
    _headers(book, ws, cols, shown)
    _totals(book, ws, cols, shown)
    _rows(book, ws, cols, shown, pacing)
    _layout(book, ws, cols, shown, pacing)


def _facts(book: Book, ws: Worksheet, cols: Columns, shown: Figures) -> None:
    """The last day with actuals, the plan's pacing status, the re-plan's cut-off, a link to the days."""
    ws.set_row(FACTS, 20)
    ws.write_string(FACTS, 0, book.t("to_date"), book.f("label", ""))
    ws.write_datetime(FACTS, 1, shown.tracking.to_date, book.f("date", "value"))
    ws.write_string(FACTS, 2, book.t("pva_status"), book.f("label", ""))
    status = f"{cols.letter('status')}{TOTAL + 1}"
    ws.write_formula(FACTS, 3, f"={status}", book.f("text", "total"), _status_text(shown.tracking.status, book.lang))
    at = 4
    if shown.cutoff is not None:
        ws.write_string(FACTS, 4, book.t("cutoff"), book.f("label", ""))
        ws.write_datetime(FACTS, 5, shown.cutoff, book.f("date", "value"))
        at = 6
    sheet = quoted(sheet_name("plan_vs_actual", book.lang))
    ws.write_url(FACTS, at + 1, f"internal:{sheet}!{letter_of(cols.days)}{HEADER + 1}", book.f("note", ""),
                 book.t("pva_days_link"))


def _headers(book: Book, ws: Worksheet, cols: Columns, shown: Figures) -> None:
    """Two rows: each count's name over its four figures, then the figures' names; the days' and windows' too."""
    ws.set_row(GROUP, 20)
    ws.set_row(HEADER, 30)
    style = book.f("header", "")
    ws.merge_range(GROUP, 0, GROUP, 1, book.t("pva_note_group"), style)
    for key in TRACKED:
        first, last = cols.at[f"planned_{key}"], cols.at["status" if key == "spend" else f"achievement_{key}"]
        ws.merge_range(GROUP, first, GROUP, last, pick(ACTUALS_FIELD[key].label, book.lang), style)
    words = {"note_id": pick(ACTUALS_FIELD["note_id"].label, book.lang), "title": header(NOTE_COLUMN["title"], book.lang),
             "status": book.t("pva_status_header"), "fraction": book.t("pva_fraction"), "part": book.t("pva_part")}
    for key in TRACKED:
        name = pick(ACTUALS_FIELD[key].label, book.lang)
        for figure, zh, en in PVA_FIGURES:
            words[f"{figure}_{key}"] = pick((zh, en), book.lang)
        words[f"before_{key}"] = book.t("pva_before", figure=name)
    words.update({f"left_{key}": pick(next(c[1:3] for c in PVA_WINDOW_COLUMNS if c[0] == f"left_{key}"), book.lang)
                  for key in ("spend", "gmv")})
    words.update({key: pick(both, book.lang) for key, both in PVA_LEFT_WORDS.items()})
    for key, col in cols.at.items():
        ws.write_string(HEADER, col, words[key], style)
    ws.merge_range(GROUP, cols.days, GROUP, cols.days + len(PVA_DAY_COLUMNS) - 1, book.t("pva_days"), style)
    for key, zh, en, _kind in PVA_DAY_COLUMNS:
        ws.write_string(HEADER, cols.day[key], pick((zh, en), book.lang), style)
    last = max(cols.window.values())
    ws.merge_range(GROUP, cols.windows, GROUP, last, book.t("pva_windows"), style)
    for key, zh, en, _kind in PVA_WINDOW_COLUMNS:
        if key in cols.window:
            ws.write_string(HEADER, cols.window[key], pick((zh, en), book.lang), style)


def _kind(key: str) -> str:
    return "money" if key in ("spend", "gmv") else "count"


def _status_formula(achievement: str, lang: str) -> str:
    """The pacing status of an achievement (MODEL.md section 10), in the app's words; "" where there is none."""
    word = {key: pick(words, lang) for key, words in STATUS_LABELS.items()}
    return (f'IF({achievement}="","",IF({achievement}<0.8,"{word["under"]}",IF({achievement}<=1.1,'
            f'"{word["on_track"]}",IF({achievement}<=1.3,"{word["slightly_over"]}","{word["over"]}"))))')


def _status_text(status: str, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang) if status else ""


def _totals(book: Book, ws: Worksheet, cols: Columns, shown: Figures) -> None:
    """The plan's row: each count summed over the notes (its actual empty when no note reports it)."""
    row, first, last = TOTAL + 1, FIRST + 1, FIRST + book.n
    ws.set_row(TOTAL, 20)
    ws.write_string(TOTAL, 0, book.t("total"), book.f("text", "total"))
    ws.write_blank(TOTAL, 1, None, book.f("text", "total"))
    totals = {figure: shown.tracking.totals[figure].to_numpy(dtype=float) for figure, *_ in PVA_FIGURES}
    for k, key in enumerate(TRACKED):
        cell = {figure: f"{cols.letter(f'{figure}_{key}')}{row}" for figure, *_ in PVA_FIGURES}
        planned, actual = (f"{cols.letter(f'{figure}_{key}')}{first}:{cols.letter(f'{figure}_{key}')}{last}"
                           for figure in ("planned", "actual"))
        formulas = {"planned": f"=SUM({planned})", "actual": f'=IF(COUNT({actual})=0,"",SUM({actual}))',
                    "variance": f'=IF({cell["actual"]}="","",{cell["actual"]}-{cell["planned"]})',
                    "achievement": f'=IF(OR({cell["actual"]}="",{cell["planned"]}<=0),"",'
                                   f'{cell["actual"]}/{cell["planned"]})'}
        for figure, *_ in PVA_FIGURES:
            kind = "rate" if figure == "achievement" else _kind(key)
            ws.write_formula(TOTAL, cols.at[f"{figure}_{key}"], formulas[figure], book.f(kind, "total"),
                             _cached(totals[figure][k]))
        if key == "spend":
            ws.write_formula(TOTAL, cols.at["status"], "=" + _status_formula(cell["achievement"], book.lang),
                             book.f("text", "total"), _status_text(shown.tracking.status, book.lang))
    for key in cols.at:
        if cols.at[key] >= cols.visible:
            ws.write_blank(TOTAL, cols.at[key], None, book.f("count", "total"))
    for col in cols.day.values():
        ws.write_blank(TOTAL, col, None, book.f("count", "total"))


def _cached(value: float | None) -> float | str:
    return "" if value is None or not math.isfinite(value) else float(value)


def _note_templates(book: Book, cols: Columns, pacing: Pacing, cutoff: bool) -> dict[str, str]:
    """Each note column's formula: `[key]` a cell of the note's row here, `{n}` its row on the Notes plan."""
    notes = quoted(sheet_name("notes", book.lang))
    estimate = {key: f"{notes}!${NOTE_LETTER[ESTIMATE[key]]}{{n}}" for key in TRACKED}
    fractions = (f"${letter_of(cols.window['fraction'])}${FIRST + 1}:"
                 f"${letter_of(cols.window['fraction'])}${FIRST + len(pacing.windows)}")
    formulas = {"fraction": f"INDEX({fractions},{notes}!${pacing.letter}{{n}})",
                "status": _status_formula("[achievement_spend]", book.lang)}
    if cutoff:
        budget = estimate["spend"]
        funding = quoted(sheet_name("funding", book.lang))
        formulas["part"] = f"IF({budget}>0,MAX({budget}-[before_spend],0)/{budget},0)"
        for key, figure in LEFT.items():
            source = (f"{funding}!${FUNDING_LETTER[figure]}{FUNDING_HEADER_ROW + 2}" if figure.endswith("_cost")
                      else f"{notes}!${NOTE_LETTER[figure]}{{n}}")
            formulas[key] = f"{source}*[part]"
    for key in TRACKED:
        planned = f"[before_{key}]+{estimate[key]}*([part]*[fraction])" if cutoff else f"{estimate[key]}*[fraction]"
        actual, target = f"[actual_{key}]", f"[planned_{key}]"
        formulas.update({f"planned_{key}": planned, f"variance_{key}": f'IF({actual}="","",{actual}-{target})',
                         f"achievement_{key}": f'IF(OR({actual}="",{target}<=0),"",{actual}/{target})'})
    letters = {key: letter_of(col) for key, col in cols.at.items()}
    return {key: template(formula, letters) for key, formula in formulas.items()}


def _note_values(book: Book, cols: Columns, shown: Figures) -> dict[str, np.ndarray]:
    notes = shown.tracking.notes
    values: dict[str, np.ndarray] = {
        "note_id": book.plan.notes["note_id"].to_numpy(dtype=object),
        "title": book.plan.notes["title"].to_numpy(dtype=object),
        "status": np.array([_status_text(s, book.lang) for s in notes["status"]], dtype=object),
        "fraction": shown.fraction, "part": shown.part}
    for key in TRACKED:
        for figure, *_ in PVA_FIGURES:
            values[f"{figure}_{key}"] = notes[f"{figure}_{key}"].to_numpy(dtype=float)
        values[f"before_{key}"] = shown.before[key].to_numpy()
    result = book.result.notes
    for key, figure in LEFT.items():
        values[key] = result[figure].to_numpy(dtype=float) * shown.part
    return {key: values[key] for key in cols.at}


def _rows(book: Book, ws: Worksheet, cols: Columns, shown: Figures, pacing: Pacing) -> None:
    """One row per note (rendered a block at a time), with the days and the windows in the first rows."""
    cutoff = shown.cutoff is not None
    templates = _note_templates(book, cols, pacing, cutoff)
    values = _note_values(book, cols, shown)
    first, last = str(FIRST + 1), str(FIRST + book.n)
    styles = {key: _note_style(book, key) for key in cols.at}
    days, windows = _day_cells(book, cols, shown, pacing), _window_cells(book, cols, shown, pacing)
    extras = {i: days.get(i, "") + windows.get(i, "") for i in range(max(len(days), len(windows)))}
    n_rows = max(book.n, len(pacing.daily.dates), len(pacing.windows))
    for start in range(0, n_rows, 1024):
        stop = min(n_rows, start + 1024)
        rows = [str(FIRST + 1 + i) for i in range(start, stop)]
        notes = rows[:max(0, min(stop, book.n) - start)]
        columns = []
        for i, (key, col) in enumerate(cols.at.items()):
            letter, column = letter_of(col), values[key][start:start + len(notes)].tolist()
            if key in templates:
                kind = "str" if key == "status" else "num"
                columns.append(formula_cells(letter, notes, templates[key], column, styles[key], kind,
                                             Shared(i, first, last, str(FIRST_NOTE_ROW + 1))))
            elif key in ("note_id", "title"):
                columns.append(text_cells(letter, notes, column, styles[key]))
            else:
                columns.append(number_cells(letter, notes, column, styles[key]))
        xml = []
        for i, row in enumerate(rows):
            cells = "".join(column[i] for column in columns) if i < len(notes) else ""
            xml.append(f'<row r="{row}">{cells}{extras.get(start + i, "")}</row>')
        ws.write_xml_rows(FIRST + start, FIRST + stop - 1, cols.width - 1, "".join(xml))
        book.advance(len(notes))


def pva_names(book: Book, pacing: Pacing) -> dict[str, str]:
    """The names of a kept plan's note columns of what is left after its cut-off (note_left_budget, ...), which
    the Daily pacing sheet's windows read; none for another plan."""
    if "plan_vs_actual" not in book.sheets or pacing.cutoff is None:
        return {}
    cols, sheet = Columns(True), quoted(sheet_name("plan_vs_actual", book.lang))
    return {f"note_left_{'budget' if key == 'left_spend' else key[5:]}":
            f"={sheet}!${cols.letter(key)}${FIRST + 1}:${cols.letter(key)}${FIRST + book.n}" for key in LEFT}


def _note_style(book: Book, key: str) -> int:
    if key in ("note_id", "title", "status"):
        return book.f("text")._get_xf_index()
    figure, _, count = key.partition("_")
    if figure == "actual":
        return book.f(_kind(count), "in")._get_xf_index()
    if figure == "achievement":
        return book.f("rate")._get_xf_index()
    if key in ("fraction", "part"):
        return book.f("weight")._get_xf_index()
    return book.f(_kind(count) if count in TRACKED else "money")._get_xf_index()


def _cell(ref: str, style: int, value: object, formula: str | None = None) -> str:
    """One cell's XML: a formula (escaped here) with its value, or a value; None or NaN = empty."""
    escaped = "" if formula is None else formula.lstrip("=").replace("&", "&amp;").replace("<", "&lt;")
    f = "" if formula is None else "<f>" + escaped.replace(">", "&gt;") + "</f>"
    if isinstance(value, date):
        value = float((value - EXCEL_EPOCH).days)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return f'<c r="{ref}" s="{style}" t="str">{f}<v></v></c>' if f else f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str):
        if f:
            return f'<c r="{ref}" s="{style}" t="str">{f}<v>{xml_text(value)}</v></c>'
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{xml_text(value)}</t></is></c>'
    return f'<c r="{ref}" s="{style}">{f}<v>{float(value)!r}</v></c>'  # type: ignore[arg-type]


def _day_cells(book: Book, cols: Columns, shown: Figures, pacing: Pacing) -> dict[int, str]:
    """Each day's cells (by its row's index): planned spend and GMV as the daily plan has them, the actuals."""
    daily = pacing.daily
    tracking = {key: shown.tracking.daily[key].to_numpy(dtype=float) for key in (
        "planned_spend", "actual_spend", "cumulative_planned_spend", "cumulative_actual_spend", "planned_gmv")}
    pace = quoted(sheet_name("pacing", book.lang))
    letter = {key: letter_of(col) for key, col in cols.day.items()}
    window = {key: f"${letter_of(col)}${FIRST + 1}:${letter_of(col)}${FIRST + len(pacing.windows)}"
              for key, col in cols.window.items()}
    first, cutoff = FIRST + 1, shown.cutoff
    style = {key: (book.f(kind, "in") if key.startswith("actual") else book.f(kind))._get_xf_index()
             for key, _zh, _en, kind in PVA_DAY_COLUMNS}
    gmv_reported = book.plan.actuals is not None and "gmv" in book.plan.actuals.columns
    cells = {}
    for d, day in enumerate(daily.dates.astype(object)):
        r = first + d
        c = {key: f"{letter[key]}{r}" for key in letter}
        weight = f"{pace}!${DAY_LETTER['weight']}${PACING_HEADER + 2 + d}"
        covers = f'{window["first"]},"<="&{c["date"]},{window["last"]},">="&{c["date"]}'
        if cutoff is None:
            planned = f"={pace}!${DAY_LETTER['spend']}${PACING_HEADER + 2 + d}"
            planned_gmv = f"={pace}!${DAY_LETTER['gmv']}${PACING_HEADER + 2 + d}"
        else:
            serial = (cutoff - EXCEL_EPOCH).days
            planned = f'=IF({c["date"]}<={serial},0+{c["actual"]},{weight}*SUMIFS({window["left_spend/w"]},{covers}))'
            kept = f'0+{c["actual_gmv"]}' if gmv_reported else '""'
            planned_gmv = f'=IF({c["date"]}<={serial},{kept},{weight}*SUMIFS({window["left_gmv/w"]},{covers}))'
        row = {
            "date": (day, None), "planned": (float(tracking["planned_spend"][d]), planned),
            "actual": (shown.day_spend[d], None),
            "variance": (float(tracking["actual_spend"][d] - tracking["planned_spend"][d]),
                         f'=IF({c["actual"]}="","",{c["actual"]}-{c["planned"]})'),
            "achievement": (_ratio(tracking["actual_spend"][d], tracking["planned_spend"][d]),
                            f'=IF(OR({c["actual"]}="",{c["planned"]}<=0),"",{c["actual"]}/{c["planned"]})'),
            "cumulative_planned": (float(tracking["cumulative_planned_spend"][d]),
                                   f'=SUM(${letter["planned"]}${first}:{c["planned"]})'),
            "cumulative_actual": (float(tracking["cumulative_actual_spend"][d]),
                                  f'=IF({c["actual"]}="","",SUM(${letter["actual"]}${first}:{c["actual"]}))'),
            "planned_gmv": (float(tracking["planned_gmv"][d]), planned_gmv),
            "actual_gmv": (shown.day_gmv[d], None)}
        cells[d] = "".join(_cell(f"{letter[key]}{r}", style[key], value, formula)
                           for key, (value, formula) in row.items())
    return cells


def _ratio(actual: float, planned: float) -> float:
    return actual / planned if planned > 0 and not math.isnan(actual) else math.nan


def _window_cells(book: Book, cols: Columns, shown: Figures, pacing: Pacing) -> dict[int, str]:
    """Each window's days (the Daily pacing sheet's, from the day after a re-plan's cut-off), its weight and its
    weight up to the last day with actuals; with a cut-off, the budget and GMV it still spreads."""
    pace = quoted(sheet_name("pacing", book.lang))
    to_date = f"$B${FACTS + 1}"
    letter = {key: letter_of(col) for key, col in cols.window.items()}
    style = {key: book.f(kind)._get_xf_index() for key, _zh, _en, kind in PVA_WINDOW_COLUMNS}
    first_day = np.datetime64(pacing.calendar.first_day)
    notes = {key: f"${cols.letter(key)}${FIRST + 1}:${cols.letter(key)}${FIRST + book.n}"
             for key in ("left_spend", "left_gmv") if key in cols.at}
    left = {key: np.bincount(pacing.windows.of_note - 1, weights=_note_values(book, cols, shown)[key],
                             minlength=len(pacing.windows)) for key in notes}
    cells = {}
    for w in range(len(pacing.windows)):
        r, source = FIRST + 1 + w, PACING_HEADER + 2 + w
        c = {key: f"{letter[key]}{r}" for key in letter}
        start = f"{pace}!${WINDOW_LETTER['first']}${source}"
        if shown.cutoff is not None:
            start = f"MAX({start},{(shown.cutoff - EXCEL_EPOCH).days + 1})"
        days = f'day_weights,day_dates,">="&{c["first"]},day_dates,"<="&'
        row: dict[str, tuple[object, str | None]] = {
            "window": (float(w + 1), None),
            "first": (_day(first_day, int(shown.window_first[w])), "=" + start),
            "last": (_day(first_day, int(pacing.windows.last[w])), f"={pace}!${WINDOW_LETTER['last']}${source}"),
            "done": (float(shown.window_done[w]), f'=SUMIFS({days}MIN({c["last"]},{to_date}))'),
            "weight": (float(shown.window_weight[w]), f'=SUMIFS({days}{c["last"]})'),
            "fraction": (float(shown.window_done[w] / shown.window_weight[w]) if shown.window_weight[w] > 0 else 0.0,
                         f'=IF({c["weight"]}=0,0,{c["done"]}/{c["weight"]})')}
        for key, cells_of in notes.items():
            total = float(left[key][w])
            per_weight = total / shown.window_weight[w] if shown.window_weight[w] != 0 else 0.0
            row[key] = (total, f"=SUMIFS({cells_of},note_windows,{c['window']})")
            row[f"{key}/w"] = (per_weight, f'=IF({c["weight"]}=0,0,{c[key]}/{c["weight"]})')
        cells[w] = "".join(_cell(f"{letter[key]}{r}", style[key], value, formula)
                           for key, (value, formula) in row.items())
    return cells


def _day(first_day: np.datetime64, position: int) -> date:
    return (first_day + position).astype(object)  # type: ignore[no-any-return]


def _layout(book: Book, ws: Worksheet, cols: Columns, shown: Figures, pacing: Pacing) -> None:
    """Widths (helpers and windows hidden), the actuals validated, status colours, frozen headers, A4 print."""
    ids = max((display_width(str(v)) for v in book.plan.notes["note_id"].to_numpy()[:2000]), default=8)
    titles = max((display_width(str(v)) for v in book.plan.notes["title"].to_numpy()[:2000]), default=8)
    ws.set_column(0, 0, min(max(ids + 2, 10), 24))
    ws.set_column(1, 1, min(max(titles + 2, 12), 30))
    for key, col in cols.at.items():
        if col < 2:
            continue
        width = 11 if key.startswith("achievement") or key == "status" else 12
        ws.set_column(col, col, width, None, {"hidden": col >= cols.visible})
    ws.set_column(cols.days - 1, cols.days - 1, 3)
    for key, col in cols.day.items():
        ws.set_column(col, col, {"date": 11, "achievement": 11}.get(key, 13))
    ws.set_column(cols.windows - 1, max(cols.window.values()), 12, None, {"hidden": True})
    last = FIRST + book.n - 1
    rule = {"validate": "decimal", "criteria": ">=", "value": 0, "ignore_blank": True,
            "input_message": book.t("actual_rule"), "error_message": book.t("actual_rule")}
    for key in TRACKED:
        ws.data_validation(FIRST, cols.at[f"actual_{key}"], last, cols.at[f"actual_{key}"], rule)
    days = len(pacing.daily.dates)
    for key in ("actual", "actual_gmv"):
        ws.data_validation(FIRST, cols.day[key], FIRST + days - 1, cols.day[key], rule)
    _status_colours(book, ws, cols, last)
    ws.freeze_panes(FIRST, 2)
    book.print_setup(ws, None, one_page_wide=False, repeat_columns=(0, 1))
    ws.repeat_rows(GROUP, TOTAL)
    ws.set_print_scale(80)  # a count's four figures and more on each page beside the repeated id and title
    # The notes print, each page with their ids and titles; the days beside them would print beside the ids of
    # notes they have nothing to do with (the Daily pacing sheet prints the plan by day).
    ws.print_area(0, 0, last, cols.visible - 1)


# The app's colours of the pacing statuses (the Tracking tab), as tints behind the word.
STATUS_TINTS = {"under": "#D6E4F7", "on_track": "#D5ECDC", "slightly_over": "#FBE8C4", "over": "#F5D3D2"}


def _status_colours(book: Book, ws: Worksheet, cols: Columns, last: int) -> None:
    """Each status word on its tint: the notes', the plan's in the totals row and among the facts."""
    col = cols.at["status"]
    for key, tint in STATUS_TINTS.items():
        rule = {"type": "cell", "criteria": "==", "value": f'"{pick(STATUS_LABELS[key], book.lang)}"',
                "format": book.xlsx.add_format({"bg_color": tint})}
        ws.conditional_format(TOTAL, col, last, col, rule)
        ws.conditional_format(FACTS, 3, FACTS, 3, rule)
