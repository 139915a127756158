"""The Warnings sheet (预警, MODEL.md section 12): the guardrails of the plan as exported, as values.

Written only when the plan has warnings. Its lines are the app's and the CLI's, in the order they give them
(the plan's first, then the notes'); a warning names its note, its kind and what to check.
"""

from __future__ import annotations

from planner.io.excel.book import Book
from planner.io.excel.labels import WARNING_KINDS
from planner.model.fields import pick

WIDTHS = (16, 16, 110)
HEADER_ROW = 3


def write_warnings(book: Book) -> None:
    ws = book.sheets.get("warnings")
    if ws is None:
        return
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    book.top(ws, f'{book.t("warnings_title")} · {book.plan.name}')
    ws.write_string(HEADER_ROW - 1, 0, book.t("warnings_note"), book.f("note", ""))
    book.header_row(ws, HEADER_ROW, [book.t("warning_note_id"), book.t("warning_kind"), book.t("warning_text")])
    plan_word = book.t("warning_plan")
    for row, warning in enumerate(book.warnings, start=HEADER_ROW + 1):
        kind = WARNING_KINDS.get(warning.code)
        ws.write_string(row, 0, warning.note_id if warning.note_id is not None else plan_word, book.f("text"))
        ws.write_string(row, 1, pick(kind, book.lang) if kind else warning.code, book.f("text"))
        ws.write_string(row, 2, warning.message, book.f("text"))
    book.print_setup(ws, HEADER_ROW)
