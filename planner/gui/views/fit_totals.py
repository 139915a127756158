"""The fit review's totals: the plan's outcomes with its current lifts and with the fitted ones, side by side.

Both are the model's estimate (MODEL.md sections 2 and 3) of the same plan, once as it is and once with the
fitted rows merged as Accept would merge them (planner.model.merge.merge_fitted_lifts), so that a user sees
what accepting does to the plan before accepting. Lifts change only what follows a click: budgets and who
pays are the same either way, and are not repeated here.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.labels import label, tooltip
from planner.model.funnel import estimate
from planner.model.lifts import LiftTable
from planner.model.plan import Plan

# The totals lifts move, in the funnel's order; how each is shown.
TOTALS = ("clicks", "interactions", "store_visits", "orders", "gmv", "roi", "brand_roi")
_MONEY, _RATIOS = ("gmv",), ("roi", "brand_roi")


def shown(key: str, value: float | None) -> str:
    if key in _MONEY:
        return formats.money(value)
    return formats.ratio(value) if key in _RATIOS else formats.count(value)


def difference(key: str, now: float | None, fitted: float | None) -> str:
    """The change as a user reads it: +1,234 (+5.2%); "—" where either side is empty."""
    if now is None or fitted is None:
        return formats.MISSING
    change = fitted - now
    if key in _RATIOS:
        text = f"{change:+,.2f}"
    else:
        text = ("+" if change >= 0 else "") + (formats.money(change) if key in _MONEY else formats.count(change))
    return text + (f" ({change / now:+.1%})" if now else "")


class FitTotals(QGroupBox):
    """A table of the plan's totals: with the current lifts, with the fitted ones, and the difference."""

    def __init__(self, plan: Plan, fitted: LiftTable, parent: QWidget | None = None):
        super().__init__(self.tr("The plan's totals"), parent)
        now = estimate(plan).totals
        after = estimate(replace(plan, lifts=fitted)).totals
        self.values = {key: (now.get(key), after.get(key)) for key in TOTALS}
        self.table = QTableWidget(len(TOTALS), 3)
        self.table.setHorizontalHeaderLabels([self.tr("With current lifts"), self.tr("With fitted lifts"),
                                              self.tr("Difference")])
        self.table.setVerticalHeaderLabels([label(key) for key in TOTALS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        for row, key in enumerate(TOTALS):
            self.table.verticalHeaderItem(row).setToolTip(tooltip(key))
            before, later = self.values[key]
            for column, text in enumerate((shown(key, before), shown(key, later), difference(key, before, later))):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        # Every row shown, no scroll bar: the height the header and the rows take once the table is shown.
        height = header.sizeHint().height() + rows.defaultSectionSize() * len(TOTALS) + 2 * self.table.frameWidth() + 2
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setFixedHeight(height)
        layout = QVBoxLayout(self)
        note = self._note(plan)
        if note:
            layout.addWidget(note)
        layout.addWidget(self.table)

    def _note(self, plan: Plan) -> QLabel | None:
        """Why the two columns agree, when they must: no notes, or no note that lifts apply to."""
        if len(plan.notes) == 0:
            text = self.tr("The plan has no notes yet: the lifts will apply to the notes you import.")
        elif not plan.params.joint or not plan.notes["taobao_link"].any():
            text = self.tr("No note of the plan is eligible (joint investment on and a Taobao link): lifts "
                           "change none of its totals.")
        else:
            return None
        note = QLabel(text)
        note.setWordWrap(True)
        return note
