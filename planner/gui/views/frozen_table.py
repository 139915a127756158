"""A table view whose first columns stay in view while the others scroll sideways (the note's id and title).

A second QTableView over the same model and selection model shows only the frozen columns and lies over the
left of the main view, as in Qt's Frozen Column example: the main view keeps every column (so selection,
copying and pasting by visual column work as before), the overlay hides what scrolls under it. Vertical
scrolling, row heights, column widths and the sort indicator are kept in step both ways; the frozen columns
are kept first (a column dropped before them is moved back) and cannot be hidden.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QPoint, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

_PER_PIXEL = QAbstractItemView.ScrollMode.ScrollPerPixel
_OFF = Qt.ScrollBarPolicy.ScrollBarAlwaysOff


class FrozenColumnsTable(QTableView):
    """A QTableView whose `frozen` logical columns are always shown at its left edge."""

    def __init__(self, frozen: Sequence[int], parent: QWidget | None = None):
        super().__init__(parent)
        self.frozen_columns = tuple(frozen)
        self._moving = False
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozenColumns")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setStyleSheet("#frozenColumns { border-right: 1px solid palette(mid); }")
        self.frozen.verticalHeader().hide()
        self.frozen.setHorizontalScrollBarPolicy(_OFF)
        self.frozen.setVerticalScrollBarPolicy(_OFF)
        self.frozen.setVerticalScrollMode(_PER_PIXEL)
        self.frozen.setWordWrap(False)
        self.setHorizontalScrollMode(_PER_PIXEL)
        self.setVerticalScrollMode(_PER_PIXEL)
        self.viewport().stackUnder(self.frozen)
        self._connect()

    def _connect(self) -> None:
        main_header, frozen_header = self.horizontalHeader(), self.frozen.horizontalHeader()
        frozen_header.setSectionsMovable(False)
        main_header.sectionResized.connect(self._main_resized)
        frozen_header.sectionResized.connect(self._frozen_resized)
        main_header.sectionMoved.connect(self._keep_frozen_first)
        main_header.geometriesChanged.connect(self.update_frozen_geometry)
        main_header.sortIndicatorChanged.connect(lambda s, o: self._copy_sort(frozen_header, s, o))
        frozen_header.sortIndicatorChanged.connect(lambda s, o: self._copy_sort(main_header, s, o))
        self.verticalHeader().sectionResized.connect(lambda row, _old, new: self.frozen.setRowHeight(row, new))
        mine, theirs = self.verticalScrollBar(), self.frozen.verticalScrollBar()
        mine.valueChanged.connect(theirs.setValue)
        theirs.valueChanged.connect(mine.setValue)
        self.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.frozen.customContextMenuRequested.connect(
            lambda point: self.customContextMenuRequested.emit(self._from(self.frozen.viewport(), point,
                                                                          self.viewport())))
        frozen_header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        frozen_header.customContextMenuRequested.connect(
            lambda point: main_header.customContextMenuRequested.emit(self._from(frozen_header, point, main_header)))

    @staticmethod
    def _from(source: QWidget, point: QPoint, target: QWidget) -> QPoint:
        return target.mapFromGlobal(source.mapToGlobal(point))

    # ------------------------------------------------------------------ the model and the rows

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._show_frozen_only)
            model.layoutChanged.connect(self._show_frozen_only)
        self._show_frozen_only()

    def _show_frozen_only(self, *_args: object) -> None:
        model = self.model()
        count = model.columnCount() if model is not None else 0
        for column in range(count):
            frozen = column in self.frozen_columns
            self.frozen.setColumnHidden(column, not frozen)
            if frozen:
                self.frozen.setColumnWidth(column, self.columnWidth(column))
        self.update_frozen_geometry()

    def copy_settings(self) -> None:
        """Give the frozen view the main view's rows, edit triggers, selection and sort (once they are set)."""
        mine, theirs = self.verticalHeader(), self.frozen.verticalHeader()
        theirs.setSectionResizeMode(mine.sectionResizeMode(0) if mine.count() else QHeaderView.ResizeMode.Fixed)
        theirs.setDefaultSectionSize(mine.defaultSectionSize())
        theirs.setMinimumSectionSize(mine.minimumSectionSize())
        self.frozen.setAlternatingRowColors(self.alternatingRowColors())
        self.frozen.setEditTriggers(self.editTriggers())
        self.frozen.setSelectionBehavior(self.selectionBehavior())
        self.frozen.setSelectionMode(self.selectionMode())
        self.frozen.horizontalHeader().setSortIndicator(self.horizontalHeader().sortIndicatorSection(),
                                                        self.horizontalHeader().sortIndicatorOrder())
        self.frozen.setSortingEnabled(self.isSortingEnabled())

    # ------------------------------------------------------------------ keeping the two in step

    def frozen_width(self) -> int:
        """Pixels of the viewport's left that the frozen columns cover."""
        return sum(self.columnWidth(c) for c in self.frozen_columns if not self.isColumnHidden(c))

    def update_frozen_geometry(self, *_args: object) -> None:
        header = self.horizontalHeader()
        self.frozen.horizontalHeader().setFixedHeight(header.height())
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                self.frozen_width() + 1, self.viewport().height() + header.height())

    def _main_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.frozen_columns:
            self.frozen.setColumnWidth(column, new)
            self.update_frozen_geometry()

    def _frozen_resized(self, column: int, _old: int, new: int) -> None:
        if column in self.frozen_columns and self.columnWidth(column) != new:
            self.setColumnWidth(column, new)

    def _keep_frozen_first(self, *_args: object) -> None:
        """A column dropped before the frozen ones (or a frozen one moved) goes back: they stay first."""
        if self._moving:
            return
        self._moving = True
        try:
            header = self.horizontalHeader()
            for place, column in enumerate(self.frozen_columns):
                if header.visualIndex(column) != place:
                    header.moveSection(header.visualIndex(column), place)
        finally:
            self._moving = False

    @staticmethod
    def _copy_sort(header: QHeaderView, section: int, order: Qt.SortOrder) -> None:
        """Show the other header's sort indicator; its view does not sort again (the model is shared)."""
        if (header.sortIndicatorSection(), header.sortIndicatorOrder()) != (section, order):
            header.blockSignals(True)
            header.setSortIndicator(section, order)
            header.blockSignals(False)
            header.viewport().update()

    # ------------------------------------------------------------------ Qt's view interface

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.update_frozen_geometry()

    def scrollTo(self, index: QModelIndex | QPersistentModelIndex,  # noqa: N802
                 hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible) -> None:
        """Rows scroll as usual; a frozen cell is always in view sideways, and any other is brought out from
        under the frozen columns."""
        bar = self.horizontalScrollBar()
        if index.column() in self.frozen_columns:
            sideways = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(sideways)
            return
        super().scrollTo(index, hint)
        covered = self.frozen_width() - self.visualRect(index).left()
        if covered > 0:
            bar.setValue(bar.value() - covered)
