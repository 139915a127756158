"""The notes table's totals row: the plan's totals under their columns, drawn as a footer, not a row of the model.

Sorting, filtering, editing and copying see only notes; this footer reads the document's cached estimate totals
(the cards' figures) and paints each under its column wherever the header puts it (scrolled, resized, moved,
hidden), with the frozen columns' place holding the word "Total".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from planner.gui.document import PlanDocument
from planner.gui.labels import label
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS, display_text
from planner.gui.views.frozen_table import FrozenColumnsTable

# The columns whose plan total is a sum (funnel.TOTAL_KEYS), and the ROIs on total cost: the plan's own, the
# ratio of those sums (MODEL.md section 11), as the total cost card shows them.
TOTALLED = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "interactions", "store_visits",
            "orders", "gmv", "creator_fee", "total_cost", "total_roi", "brand_total_roi")
_PADDING = 4


class NotesTotals(QWidget):
    """One line under `table`: "Total" under the frozen columns, each summed column's plan total under it."""

    def __init__(self, document: PlanDocument, table: FrozenColumnsTable, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self._table = table
        self.setObjectName("notesTotals")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setFixedHeight(self.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        for signal in (header.sectionResized, header.sectionMoved, header.geometriesChanged,
                       header.sectionCountChanged, table.horizontalScrollBar().valueChanged):
            signal.connect(self.update)
        document.changed.connect(self.update)

    # ------------------------------------------------------------------ what and where

    def cell_text(self, key: str) -> str:
        """The total shown under column `key` ("" for a column without one)."""
        if key not in TOTALLED:
            return ""
        return display_text(COLUMNS[COLUMN_INDEX[key]], self._document.estimate.totals.get(key))

    def texts(self) -> dict[str, str]:
        """Every total shown, by column key (the column widths make room for them)."""
        return {key: self.cell_text(key) for key in TOTALLED}

    def cell_rect(self, key: str) -> QRect:
        """Where the total of column `key` is drawn (empty when its column is hidden or under the frozen ones)."""
        table = self._table
        column = COLUMN_INDEX[key]
        if table.isColumnHidden(column):
            return QRect()
        left = self._viewport_left() + table.horizontalHeader().sectionViewportPosition(column)
        rect = QRect(left, 0, table.columnWidth(column), self.height())
        return rect.intersected(self._scrolling_area())

    def label_rect(self) -> QRect:
        """The place of the word "Total": under the frozen columns, which never scroll."""
        return QRect(self._viewport_left(), 0, self._table.frozen_width(), self.height())

    def label_text(self) -> str:
        return self.tr("Total")

    def _viewport_left(self) -> int:
        """The x of the table's viewport in the footer: the footer lies under the table, wherever that is."""
        return self.mapFromGlobal(self._table.viewport().mapToGlobal(QPoint(0, 0))).x()

    def _scrolling_area(self) -> QRect:
        """The footer under the scrolling columns: right of the frozen ones, left of the vertical scroll bar."""
        left = self._viewport_left() + self._table.frozen_width()
        return QRect(left, 0, max(0, self._viewport_left() + self._table.viewport().width() - left), self.height())

    # ------------------------------------------------------------------ drawing and tooltips

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.alternateBase())
        painter.setPen(palette.mid().color())
        painter.drawLine(0, 0, self.width(), 0)
        painter.setPen(palette.text().color())
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for key in TOTALLED:
            rect = self.cell_rect(key)
            if rect.width() > 2 * _PADDING:
                painter.drawText(rect.adjusted(_PADDING, 0, -_PADDING, 0), right, self.shown_text(key))
        label_rect = self.label_rect().adjusted(_PADDING, 0, -_PADDING, 0)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.label_text())
        painter.end()

    def shown_text(self, key: str) -> str:
        """The total as it fits its cell, or "…": a total cut by the edge of the view would read as another number."""
        text = self.cell_text(key)
        room = self.cell_rect(key).width() - 2 * _PADDING
        return text if self.fontMetrics().horizontalAdvance(text) <= room else "…"

    def key_at(self, x: int) -> str | None:
        """The column whose total is drawn at `x`, if any."""
        return next((key for key in TOTALLED if self.cell_rect(key).contains(x, self.height() // 2)), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            assert isinstance(event, QHelpEvent)
            key = self.key_at(event.pos().x())
            if key is not None:
                QToolTip.showText(event.globalPos(), self.tr("%1, whole plan: %2").replace("%1", label(key))
                                  .replace("%2", self.cell_text(key)), self)
            else:
                QToolTip.showText(event.globalPos(), self.tr("The plan's totals (all notes, whatever the filter "
                                                             "shows), as the cards above show them"), self)
            return True
        return super().event(event)
