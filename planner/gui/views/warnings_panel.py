"""The Warnings panel (MODEL.md section 12): every guardrail of the plan at its estimate, the plan's first.

Warnings never stop anything; they say where the plan rests on thin ice. Activating a note's warning shows that
note in the table. The list is rebuilt after each change of the plan's figures or of its guardrails, at most SHOWN rows (a plan with
thousands of saturated notes would otherwise fill a list nobody reads: the table's filter shows them all).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListView, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from planner.gui.document import SAME_WARNINGS, Change, PlanDocument
from planner.gui.icons import icon

SHOWN = 500
_POSITION = Qt.ItemDataRole.UserRole + 1


class WarningsPanel(QWidget):
    """A count, then one line per warning: the note's id (or "Plan") and the sentence that says what to check."""

    noteChosen = Signal(int)  # the plan position of the note whose warning was activated
    countChanged = Signal(int)  # how many warnings the plan has now

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)  # long sentences re-wrap when the dock resizes
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)
        document.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.kind not in SAME_WARNINGS:
            self.refresh()

    def refresh(self) -> None:
        warnings = self._document.warnings
        positions = self._document.warned_positions
        self.list.clear()
        self.list.setVisible(bool(warnings))
        self.countChanged.emit(len(warnings))
        if not warnings:
            self.summary.setText(self.tr("No warnings: nothing in this plan needs a second look."))
            return
        text = self.tr("%n warning(s): each says what to check. Click a note's to show it in the table.", "",
                       len(warnings))
        if len(warnings) > SHOWN:
            text += " " + self.tr("The first %1 are listed; the table's With warnings filter shows every note.").replace(
                "%1", f"{SHOWN:,}")
        self.summary.setText(text)
        for warning, position in zip(warnings[:SHOWN], positions[:SHOWN].tolist(), strict=True):
            who = warning.note_id if warning.note_id is not None else self.tr("Plan")
            item = QListWidgetItem(icon("warning"), f"{who}: {warning.message}")
            item.setData(_POSITION, int(position))
            item.setToolTip(warning.message)
            self.list.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        position = int(item.data(_POSITION))
        if position >= 0:
            self.noteChosen.emit(position)
