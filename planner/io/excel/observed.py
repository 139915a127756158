"""A scenario on observed rates in the Excel plan (MODEL.md section 10): each note's actual counts to the
scenario's cut-off as yellow columns of the notes sheet, and the prior strength k on the Assumptions sheet,
which the rates' formulas (formulas.observed_templates, scenarios' array totals) read.

The counts are inputs of the formulas only: apply-excel does not read them back (actuals come from actuals
files), so their headers are none of the notes sheet's own.
"""

from __future__ import annotations

from xlsxwriter.worksheet import Worksheet

from planner.io.excel.book import Book
from planner.io.excel.labels import LIFTS_HEADER_ROW, OBSERVED_COUNTS, Column, pick, text
from planner.model.observed import PRIOR, last_day
from planner.model.plan import Plan


def on_observed_rates(plan: Plan) -> bool:
    """Whether the plan's active scenario computes its rates from actuals (it has some)."""
    return plan.observed is not None


def add_counts(book: Book, plan: Plan, scenario: str | None = None) -> dict[str, str]:
    """The notes' actual counts to the cut-off of `plan`'s active scenario (a scenario on observed rates) as
    columns of the notes sheet, empty where unknown; each count's letter. `scenario`: the name the headers
    carry (an inactive scenario's), None for the workbook's active one."""
    sums = plan.known_sums
    assert sums is not None and plan.actuals is not None
    day = (plan.scenario.through or last_day(plan.actuals)).strftime("%m-%d")
    letters = {}
    for key, words in OBSERVED_COUNTS.items():
        if scenario is None:
            zh, en = (text("observed_count", lang, count=pick(words, lang), day=day) for lang in ("zh", "en"))
            column_key = f"actual_{key}"
        else:
            zh, en = (text("observed_count_of", lang, count=pick(words, lang), name=scenario, day=day)
                      for lang in ("zh", "en"))
            column_key = f"actual_{key}:{scenario}"
        letters[key] = book.add_note_column(Column(column_key, zh, en, "count", True),
                                            sums[key].to_numpy(dtype=float))
    return letters


def prior_row(book: Book) -> int:
    """The 0-based row of k on the Assumptions sheet: below the lift table, a blank row and a title."""
    return LIFTS_HEADER_ROW + len(book.plan.lifts.table) + 3


def uses_prior(book: Book) -> bool:
    """Whether any formula reads k: some note column of actual counts was added."""
    return any(column.key.startswith("actual_") for column, _ in book.extras)


def write_prior(book: Book, ws: Worksheet, last_col: int, heights: tuple[float, float]) -> int:
    """The section on observed rates: its title and explanation, then k (an input); the last row used.

    `heights`: of the explanation's row and of k's (their text wrapped).
    """
    row = prior_row(book)
    ws.set_row(row - 1, heights[0])
    ws.write_string(row - 1, 0, book.t("observed"), book.f("section", ""))
    ws.merge_range(row - 1, 2, row - 1, last_col, book.t("observed_note"), book.f("note_wrap", ""))
    ws.write_string(row, 0, book.t("prior"), book.f("label", ""))
    ws.write_number(row, 1, PRIOR, book.f("count", "in"))
    ws.data_validation(row, 1, row, 1, {"validate": "decimal", "criteria": ">=", "value": 0,
                                        "error_message": book.t("prior_rule")})
    ws.set_row(row, heights[1])
    ws.merge_range(row, 2, row, last_col, book.t("prior_meaning"), book.f("text_wrap", ""))
    return row

