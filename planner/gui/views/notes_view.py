"""The notes tab: filter bar, the notes table, its totals, bulk edits and Excel-compatible copy / paste.

Every change goes through NotesTableModel.set_values, so it is validated and becomes one undo step. The id and
title stay in view while the table scrolls sideways (frozen_table); the plan's totals sit under their columns
(notes_totals); columns are as wide as their header and values (notes_widths).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QVBoxLayout, QWidget

from planner.gui.document import PlanDocument
from planner.gui.errors import ProblemsDialog
from planner.gui.icons import icon
from planner.gui.models.note_columns import COLUMN_INDEX
from planner.gui.models.notes_model import NotesTableModel
from planner.gui.views.bulk_edit import LOCK, SCALE, SET, UNLOCK, BulkEdit, BulkEditDialog
from planner.gui.views.frozen_table import FrozenColumnsTable
from planner.gui.views.notes_clipboard import plan_paste, to_tsv
from planner.gui.views.notes_filter import FilterBar
from planner.gui.views.notes_totals import NotesTotals
from planner.gui.views.notes_widths import fit_widths
from planner.model.errors import Problem
from planner.model.plan import round_to_budget_step

FROZEN = ("note_id", "title")  # what names a note: always in view


class NotesView(QWidget):
    """The plan's notes in a sortable, filterable table; emits the note the user is on."""

    currentNoteChanged = Signal(object)  # plan position of the current note, or None
    message = Signal(str)  # a short status-bar message (what a paste ignored, how many notes changed)

    def __init__(self, document: PlanDocument, undo_stack: QUndoStack, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self._stack = undo_stack
        self.model = NotesTableModel(document, undo_stack, self)
        self.filter_bar = FilterBar()
        self.table = self._make_table()
        self.totals = NotesTotals(document, self.table)
        self.fit_widths()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(0)
        layout.addWidget(self.filter_bar)
        layout.addSpacing(4)
        layout.addWidget(self.table)
        layout.addWidget(self.totals)
        self.filter_bar.filterChanged.connect(self.model.set_filter)
        self.model.rowsShownChanged.connect(self._update_counts)
        self.model.modelReset.connect(self._update_counts)
        self.model.modelReset.connect(lambda: self.fit_widths(only_wider=True))
        self.model.editRejected.connect(self._show_problems, Qt.ConnectionType.QueuedConnection)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        self.actions = self._make_actions()
        self._update_counts()

    def _make_table(self) -> FrozenColumnsTable:
        table = FrozenColumnsTable([COLUMN_INDEX[key] for key in FROZEN])
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        rows = table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(table.fontMetrics().height() + 8)
        header = table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        table.setSortingEnabled(True)
        table.copy_settings()
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._table_menu)
        return table

    def fit_widths(self, only_wider: bool = False) -> None:
        """Columns as wide as their header, widest value and total (only wider: keep what the user widened)."""
        fit_widths(self.table, self.model, self.totals.texts(), self.totals.fontMetrics(), only_wider)

    def _make_actions(self) -> dict[str, QAction]:
        """The table's actions; the main window puts them in its Edit menu and toolbar."""
        specs = {
            "copy": (self.tr("&Copy"), "copy", "Ctrl+C", self.copy_selection),
            "copy_headers": (self.tr("Copy with &headers"), "", "Ctrl+Shift+C", self.copy_with_headers),
            "paste": (self.tr("&Paste budgets / values"), "paste", "Ctrl+V", self.paste),
            "bulk_edit": (self.tr("&Bulk edit…"), "bulk_edit", "Ctrl+B", self.bulk_edit),
            "lock": (self.tr("&Lock selected notes"), "lock", "Ctrl+L", lambda: self.set_locked(True)),
            "unlock": (self.tr("&Unlock selected notes"), "unlock", "Ctrl+Shift+L", lambda: self.set_locked(False)),
            "select_all": (self.tr("Select &all shown notes"), "", "Ctrl+A", self.table.selectAll),
        }
        actions = {}
        for name, (text, icon_name, shortcut, slot) in specs.items():
            action = QAction(text, self)
            if icon_name:
                action.setIcon(icon(icon_name))
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.table.addAction(action)
            actions[name] = action
        actions["bulk_edit"].setToolTip(self.tr("Set or scale the budgets of the selected notes, lock or unlock them"))
        return actions

    # ------------------------------------------------------------------ selection

    def selected_rows(self) -> np.ndarray:
        """Table rows with at least one selected cell, top to bottom."""
        ranges = self.table.selectionModel().selection()
        parts = [np.arange(r.top(), r.bottom() + 1) for r in ranges]
        return np.unique(np.concatenate(parts)) if parts else np.empty(0, dtype=int)

    def selected_positions(self) -> np.ndarray:
        """Plan positions of the selected notes, in table order."""
        return self.model.positions(self.selected_rows())

    def _selected_columns(self) -> list[int]:
        """Selected columns in the order the user sees them (headers may have been moved)."""
        ranges = self.table.selectionModel().selection()
        columns = {c for r in ranges for c in range(r.left(), r.right() + 1)}
        header = self.table.horizontalHeader()
        return sorted((c for c in columns if not header.isSectionHidden(c)), key=header.visualIndex)

    def select_notes(self, positions: np.ndarray) -> None:
        """Select whole rows of these notes (those the filter shows)."""
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for position in positions:
            row = self.model.row_of(int(position))
            if row >= 0:
                selection.select(self.model.index(row, 0), flags)

    def show_note(self, position: int) -> None:
        """Make the note at plan `position` the current row, in view (clearing a filter that hides it)."""
        if self.model.row_of(position) < 0:
            self.filter_bar.clear()
            self.message.emit(self.tr("The filter hid that note: every note is shown again"))
        row = self.model.row_of(position)
        if row < 0:
            return
        self.select_notes(np.array([position]))
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.table.scrollTo(index)
        self.table.setFocus()

    def _on_current_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentNoteChanged.emit(self.model.position(current.row()) if current.isValid() else None)

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def _update_counts(self) -> None:
        self.filter_bar.set_count(self.model.rowCount(), self.model.total_notes())
        self.filter_bar.set_industries(self.model.industries())

    # ------------------------------------------------------------------ clipboard

    def copy_selection(self, headers: bool = False) -> str:
        """Copy the selected cells as tab-separated text (Excel-ready); returns the text."""
        rows, columns = self.selected_rows(), self._selected_columns()
        if not len(rows) or not columns:
            return ""
        text = to_tsv(self.model, rows, columns, headers)
        QGuiApplication.clipboard().setText(text)
        self.message.emit(self.tr("Copied %1 rows × %2 columns").replace("%1", str(len(rows)))
                          .replace("%2", str(len(columns))))
        return text

    def copy_with_headers(self) -> str:
        return self.copy_selection(headers=True)

    def paste(self, text: str | None = None) -> bool:
        """Paste cells at the current cell (or by note id with a header row); all or nothing, one undo step."""
        text = QGuiApplication.clipboard().text() if text is None else text
        current = self.table.currentIndex()
        header = self.table.horizontalHeader()
        start = header.visualIndex(current.column()) if current.isValid() else 0
        targets = [header.logicalIndex(v) for v in range(start, header.count())
                   if not header.isSectionHidden(header.logicalIndex(v))]
        plan = plan_paste(self.model, text, current.row() if current.isValid() else -1, targets,
                          self.selected_rows())
        if plan.problems:
            self._show_problems(plan.problems, self.tr("Nothing was pasted:"))
            return False
        return self._apply_paste(plan.edits, plan.ignored)

    def _apply_paste(self, edits: list[tuple[str, np.ndarray, list[object]]], ignored: list[str]) -> bool:
        for field, positions, values in edits:
            problems = self.model.check_values(field, positions, values)
            if problems:
                self._show_problems(problems, self.tr("Nothing was pasted:"))
                return False
        self._stack.beginMacro(self.tr("Paste"))
        for field, positions, values in edits:
            problems = self.model.set_values(field, positions, values, self.tr("Paste"))
            if problems:  # only when two pasted columns contradict each other (e.g. min above max)
                self._stack.endMacro()
                self._stack.undo()
                self._show_problems(problems, self.tr("Nothing was pasted:"))
                return False
        self._stack.endMacro()
        cells = sum(len(p) for _, p, _ in edits)
        note = self.tr("Pasted %1 cells").replace("%1", str(cells))
        if ignored:
            note += self.tr("; computed columns left as they are: %1").replace("%1", ", ".join(ignored))
        self.message.emit(note)
        return True

    # ------------------------------------------------------------------ bulk edits

    def bulk_edit(self) -> None:
        positions = self.selected_positions()
        if not len(positions):
            self.message.emit(self.tr("Select some notes first"))
            return
        dialog = BulkEditDialog(len(positions), self, self._document.plan.params.budget_step)
        if dialog.exec() == BulkEditDialog.DialogCode.Accepted:
            self.apply_bulk_edit(dialog.edit(), positions)

    def apply_bulk_edit(self, edit: BulkEdit, positions: np.ndarray | None = None) -> bool:
        """Apply one bulk operation to `positions` (default: the selection) as one undo step.

        Set and scaled budgets are rounded to the plan's budget step.
        """
        positions = self.selected_positions() if positions is None else np.asarray(positions, dtype=int)
        if not len(positions):
            return False
        n = len(positions)
        step = self._document.plan.params.budget_step
        if edit.operation in (LOCK, UNLOCK):
            problems = self.model.set_values("locked", positions, [edit.operation == LOCK] * n,
                                             self.tr("Lock %n note(s)", "", n) if edit.operation == LOCK
                                             else self.tr("Unlock %n note(s)", "", n))
        elif edit.operation == SET:
            amount = float(round_to_budget_step([edit.amount], step)[0])
            problems = self.model.set_values("budget", positions, [amount] * n,
                                             self.tr("Set the budget of %n note(s)", "", n))
        elif edit.operation == SCALE:
            budgets = self._document.note_values("budget", positions).astype(float)
            problems = self.model.set_values("budget", positions, round_to_budget_step(budgets * edit.amount, step),
                                             self.tr("Scale the budget of %n note(s)", "", n))
        else:
            raise ValueError(f"unknown bulk operation {edit.operation!r}")
        if problems:
            self._show_problems(problems)
        return not problems

    def set_locked(self, locked: bool) -> bool:
        return self.apply_bulk_edit(BulkEdit(LOCK if locked else UNLOCK))

    # ------------------------------------------------------------------ menus and messages

    def _show_problems(self, problems: list[Problem], message: str = "") -> None:
        ProblemsDialog(problems, message, self).exec()

    def _table_menu(self, point: QPoint) -> None:
        menu = QMenu(self)
        for name in ("copy", "copy_headers", "paste", None, "bulk_edit", "lock", "unlock"):
            if name is None:
                menu.addSeparator()
            else:
                menu.addAction(self.actions[name])
        menu.exec(self.table.viewport().mapToGlobal(point))

    def header_menu(self) -> QMenu:
        """Show or hide columns: a laptop screen cannot show all 28 at once (what names a note stays)."""
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for section in range(header.count()):
            action = menu.addAction(str(self.model.headerData(section, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(section))
            action.setEnabled(section not in self.table.frozen_columns)
            action.toggled.connect(lambda shown, s=section: header.setSectionHidden(s, not shown))
        return menu

    def _header_menu(self, point: QPoint) -> None:
        self.header_menu().exec(self.table.horizontalHeader().mapToGlobal(point))
