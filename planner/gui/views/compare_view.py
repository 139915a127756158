"""The Compare tab: every scenario's totals side by side, the differences to a chosen base, and the notes whose
budgets differ most (MODEL.md section 8).

The comparison is the session's (planner.gui.comparisons): computed in the background while this tab is shown,
with progress in the status bar; choosing another base computes nothing.
"""

from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.gui.document import Change
from planner.gui.models.compare_model import CompareTotalsModel, DifferingNotesModel
from planner.gui.protocols import Session
from planner.model.scenarios import scenario_names


def _table(model: object) -> QTableView:
    table = QTableView()
    table.setModel(model)  # type: ignore[arg-type]
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


class CompareView(QWidget):
    """The base scenario to compare with, the totals table and the table of notes that differ most."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document = session.document
        self._comparisons = session.comparisons
        self.base = QComboBox()
        self.base.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.base.setToolTip(self.tr("The scenario the others are compared with"))
        self.base.currentTextChanged.connect(lambda _text: self.refresh())
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Base scenario:")))
        top.addWidget(self.base)
        top.addWidget(self.status, 1)
        self.totals_model = CompareTotalsModel(self)
        self.totals = _table(self.totals_model)
        self.notes_model = DifferingNotesModel(self)
        self.notes = _table(self.notes_model)
        self.notes.verticalHeader().hide()
        self.notes_title = QLabel(self.tr("Notes whose budgets differ most from the base"))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 4, 0, 0)
        lower_layout.addWidget(self.notes_title)
        lower_layout.addWidget(self.notes, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.totals)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._document.changed.connect(self._on_changed)
        self._comparisons.updated.connect(self.refresh)
        self._fill_bases()
        self.refresh()

    # --- following the plan -----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._comparisons.watch(self, True)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self._comparisons.watch(self, False)
        super().hideEvent(event)

    def _on_changed(self, change: Change) -> None:
        if change.kind in ("plan", "scenarios"):
            self._fill_bases()

    def _fill_bases(self) -> None:
        """The plan's scenarios as bases; the one chosen stays chosen (renamed: the active one)."""
        names = scenario_names(self._document.plan)
        chosen = self.base.currentText()
        self.base.blockSignals(True)
        self.base.clear()
        self.base.addItems(names)
        self.base.setCurrentText(chosen if chosen in names else self._document.plan.scenario.name)
        self.base.blockSignals(False)

    def set_base(self, name: str) -> None:
        """Compare with scenario `name` (a re-plan against the plan it came from); a name it lacks changes nothing."""
        if self.base.findText(name) >= 0:
            self.base.setCurrentText(name)

    def refresh(self) -> None:
        """The latest comparison against the chosen base, and what state it is in."""
        comparisons = self._comparisons
        comparison = comparisons.against(self.base.currentText())
        self.totals_model.set_comparison(comparison)
        self.notes_model.set_notes(comparison, self._titles())
        if comparisons.error is not None:
            self.status.setText(self.tr("The scenarios cannot be compared: %1").replace("%1", comparisons.error))
        elif comparisons.busy:
            self.status.setText(self.tr("Updating…"))
        elif comparison is None:
            self.status.setText(self.tr("Not compared yet."))
        else:
            self.status.setText("")
        empty = comparison is not None and self.notes_model.rowCount() == 0
        self.notes_title.setText(self.tr("No note's budget differs between the scenarios.") if empty else
                                 self.tr("Notes whose budgets differ most from the base"))

    def _titles(self) -> pd.Series:
        """The notes' titles by note id."""
        notes = self._document.plan.notes
        return notes.set_index("note_id")["title"]
