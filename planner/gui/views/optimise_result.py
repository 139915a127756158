"""What an optimisation changed: the totals before -> after, and the notes that gained or lost most budget.

The result describes one plan, the one the optimisation made. When the plan changes after it (an edit, a
parameter, a lift, an undo) the figures are no longer true: the view greys itself and says so, and comes back
when the plan is that plan again (redo).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.i18n import ui_lang
from planner.gui.labels import label, tooltip
from planner.model.funnel import Estimate
from planner.model.plan import Plan

# The totals a planner weighs an optimisation by (and the objective's); the others are on the cards above.
ROWS = ("budget", "brand_cost", "orders", "gmv", "roi")
MONEY = ("budget", "brand_cost", "platform_cost", "gmv")
TOP = 3


@dataclass(frozen=True)
class NoteMove:
    """One note's budget before and after."""

    note_id: str
    title: str
    before: float
    after: float


def biggest_moves(ids: np.ndarray, titles: np.ndarray, before: np.ndarray, after: np.ndarray,
                  top: int = TOP) -> tuple[list[NoteMove], list[NoteMove]]:
    """The `top` notes whose budget rose most and fell most (vectorised: no loop over all notes)."""
    delta = after - before

    def pick(order: np.ndarray, keep: np.ndarray) -> list[NoteMove]:
        chosen = [i for i in order[:top] if keep[i]]
        return [NoteMove(str(ids[i]), str(titles[i]), float(before[i]), float(after[i])) for i in chosen]

    k = min(top, len(delta))
    if k == 0:
        return [], []
    gained = np.argpartition(-delta, k - 1)[:k]
    lost = np.argpartition(delta, k - 1)[:k]
    return (pick(gained[np.argsort(-delta[gained])], delta > 0),
            pick(lost[np.argsort(delta[lost])], delta < 0))


def _short(title: str, size: int = 8) -> str:
    return title if len(title) <= size else title[:size] + "…"


def total_text(key: str, value: float | None) -> str:
    """A total as the cards show it: ¥ amounts and counts compact (1063.6万 / 10.6M), ROI with two decimals."""
    if key in MONEY:
        return formats.short_money(value, ui_lang())
    if key == "roi":
        return formats.ratio(value)
    return formats.short_number(value, ui_lang())


def same_plan(one: Plan, other: Plan) -> bool:
    """The same inputs: the same object, or an edit and its undo (equal notes, parameters, lifts, scenario)."""
    if one is other:
        return True
    return (one.params == other.params and one.lifts is other.lifts and one.scenario == other.scenario
            and one.notes.shape == other.notes.shape and one.notes.equals(other.notes))


class OptimiseResultView(QWidget):
    """Empty until an optimisation finishes; then the before -> after table and the biggest moves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan: Plan | None = None  # the plan the figures describe; None: a message, or nothing
        self.stale = False
        self._title = ""
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Total"), self.tr("Before"), self.tr("After")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        self.moves.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        for widget in (self.heading, self.table, self.moves):
            layout.addWidget(widget)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        """Only a sentence (no table): why there is no result, e.g. a plan without notes."""
        self.plan, self.stale = None, False
        self.heading.setText(text)
        self.heading.setEnabled(True)
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self.moves.clear()
        self.moves.setVisible(False)
        self.setVisible(True)

    def show_result(self, plan: Plan, objective: str, before: Estimate, after: Estimate,
                    moves: tuple[list[NoteMove], list[NoteMove]]) -> None:
        """The totals before -> after of the optimisation that made `plan`, and its biggest moves."""
        self.plan = plan
        self._title = self.tr("Optimised for %1 (undo with Ctrl+Z):").replace("%1", label(objective))
        self.table.setVisible(True)
        self.moves.setVisible(True)
        rows = ROWS if objective in ROWS else (*ROWS, objective)
        self.table.setRowCount(len(rows))
        for row, key in enumerate(rows):
            name = QTableWidgetItem(label(key))
            name.setToolTip(tooltip(key))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(total_text(key, before.totals.get(key))))
            after_item = QTableWidgetItem(total_text(key, after.totals.get(key)))
            if key == objective:
                font = after_item.font()
                font.setBold(True)
                after_item.setFont(font)
            self.table.setItem(row, 2, after_item)
        height = self.table.horizontalHeader().sizeHint().height() + sum(
            self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 2 * self.table.frameWidth())
        self.moves.setText(self._moves_html(*moves))
        self.moves.setToolTip(self._moves_tip(*moves))
        self.set_stale(False)
        self.setVisible(True)

    def follow(self, plan: Plan) -> None:
        """The document's plan is now `plan`: the result is out of date unless it is the plan it describes.

        A message (why nothing was optimised) goes away at the next change: it spoke of the plan before it.
        """
        if self.plan is None:
            self.setVisible(False)
            return
        self.set_stale(not same_plan(plan, self.plan))

    def set_stale(self, stale: bool) -> None:
        """Grey the figures and say they are out of date (or show them as true again)."""
        self.stale = stale
        for widget in (self.table, self.moves):
            widget.setEnabled(not stale)
        if stale:
            space = "" if ui_lang() == "zh" else " "  # Chinese sentences follow each other without a space
            self.heading.setText("<b>" + html.escape(self.tr("Out of date: the plan changed since this optimisation."))
                                 + "</b>" + space + html.escape(self.tr("Optimise again to see what it does now.")))
        else:
            self.heading.setText(self._title)

    def _moves_html(self, gained: list[NoteMove], lost: list[NoteMove]) -> str:
        """▲ the notes that gained most budget, ▼ those that lost most: one short line each (title, or id)."""
        def lines(mark: str, moves: list[NoteMove]) -> str:
            return "".join(f"{mark} {html.escape(_short(m.title, 7) or m.note_id)} "
                           f"{formats.money(m.before)} → <b>{formats.money(m.after)}</b><br>" for m in moves)

        text = lines("▲", gained) + lines("▼", lost)
        return text.removesuffix("<br>") or self.tr("No budget moved.")

    def _moves_tip(self, gained: list[NoteMove], lost: list[NoteMove]) -> str:
        """The moves in full: each note's id and whole title."""
        head = self.tr("▲ the notes that gained most budget, ▼ those that lost most")
        rows = [f"{mark} {m.note_id} {m.title}: {formats.money(m.before)} → {formats.money(m.after)}"
                for mark, moves in (("▲", gained), ("▼", lost)) for m in moves]
        return "\n".join([head, *rows])
