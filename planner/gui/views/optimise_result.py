"""What an optimisation changed: the totals before -> after, and the notes that gained or lost most budget."""

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

from planner.gui import formatting
from planner.gui.i18n import ui_lang
from planner.gui.labels import label, tooltip
from planner.model.funnel import Estimate

ROWS = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "store_visits", "orders", "gmv", "roi")
MONEY = ("budget", "brand_cost", "platform_cost", "gmv")
TOP = 5


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


def _format(key: str, value: float | None) -> str:
    if key in MONEY:
        return formatting.money(value, ui_lang(), short=True)
    if key == "roi":
        return formatting.ratio(value)
    return formatting.count(value, ui_lang(), short=True)


class OptimiseResultView(QWidget):
    """Empty until an optimisation finishes; then the before -> after table and the biggest moves."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Total"), self.tr("Before"), self.tr("After")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.moves = QLabel()
        self.moves.setWordWrap(True)
        self.moves.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.table, self.moves):
            layout.addWidget(widget)
        self.setVisible(False)

    def show_message(self, text: str) -> None:
        """Only a sentence (no table): why there is no result, e.g. a plan without notes."""
        self.heading.setText(text)
        self.table.setRowCount(0)
        self.table.setVisible(False)
        self.moves.clear()
        self.moves.setVisible(False)
        self.setVisible(True)

    def show_result(self, objective: str, before: Estimate, after: Estimate, moves: tuple[list[NoteMove],
                                                                                       list[NoteMove]]) -> None:
        self.heading.setText(self.tr("Optimised for %1 (undo with Ctrl+Z):").replace("%1", label(objective)))
        self.table.setVisible(True)
        self.moves.setVisible(True)
        rows = ROWS if objective in ROWS else (*ROWS, objective)
        self.table.setRowCount(len(rows))
        for row, key in enumerate(rows):
            name = QTableWidgetItem(label(key))
            name.setToolTip(tooltip(key))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(_format(key, before.totals.get(key))))
            after_item = QTableWidgetItem(_format(key, after.totals.get(key)))
            if key == objective:
                font = after_item.font()
                font.setBold(True)
                after_item.setFont(font)
            self.table.setItem(row, 2, after_item)
        height = self.table.horizontalHeader().height() + sum(self.table.rowHeight(r) for r in range(len(rows)))
        self.table.setFixedHeight(height + 4)
        self.moves.setText(self._moves_html(*moves))
        self.setVisible(True)

    def _moves_html(self, gained: list[NoteMove], lost: list[NoteMove]) -> str:
        lang = ui_lang()

        def lines(moves: list[NoteMove]) -> str:
            if not moves:
                return "<br>" + self.tr("none")
            return "".join(f"<br>{html.escape(m.note_id)} {html.escape(_short(m.title))}: "
                           f"{formatting.money(m.before, lang, short=True)} → "
                           f"<b>{formatting.money(m.after, lang, short=True)}</b>" for m in moves)

        gained_title = self.tr("Gained most budget")  # outside the f-string, where lupdate finds it
        lost_title = self.tr("Lost most budget")
        return f"<b>{gained_title}</b>{lines(gained)}<br><b>{lost_title}</b>{lines(lost)}"
