"""The filter bar above the notes table: text search, industry, eligible, locked and notes with warnings."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from planner.gui.icons import icon
from planner.gui.labels import industry_text
from planner.gui.models.notes_model import NoteFilter


class FilterBar(QWidget):
    """Emits `filterChanged(NoteFilter)`; typing is debounced so that a 10,000-note search stays smooth."""

    filterChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search id, title or creator (Ctrl+F)"))
        self.search.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.industry = QComboBox()
        self.industry.setToolTip(self.tr("Show the notes of one industry"))
        self.eligible = self._tri_state(self.tr("Eligible or not"), self.tr("Eligible"), self.tr("Not eligible"),
                                        self.tr("Eligible for joint investment: joint investment on and a "
                                                "Taobao link"))
        self.locked = self._tri_state(self.tr("Locked or not"), self.tr("Locked"), self.tr("Not locked"),
                                      self.tr("Locked notes keep their budget when optimising"))
        self.warned = QCheckBox(self.tr("With warnings"))
        self.warned.setIcon(icon("warning"))
        self.warned.setToolTip(self.tr("Show only the notes with a warning (the Warnings panel lists them)"))
        self.count = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.industry, 1)
        layout.addWidget(self.eligible, 1)
        layout.addWidget(self.locked, 1)
        layout.addWidget(self.warned)
        layout.addWidget(self.count)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self._emit)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (self.industry, self.eligible, self.locked):
            combo.currentIndexChanged.connect(self._emit)
        self.warned.toggled.connect(self._emit)
        self.set_industries([])

    def _tri_state(self, anything: str, yes: str, no: str, tip: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(anything, None)
        combo.addItem(yes, True)
        combo.addItem(no, False)
        combo.setToolTip(tip)
        return combo

    def set_industries(self, industries: list[str]) -> None:
        """Offer these industries, keeping the current choice when it is still one of them."""
        current = self.industry.currentData()
        self.industry.blockSignals(True)
        self.industry.clear()
        self.industry.addItem(self.tr("All industries"), None)
        for industry in industries:
            self.industry.addItem(industry_text(industry), industry)
        found = self.industry.findData(current) if current is not None else 0
        self.industry.setCurrentIndex(max(found, 0))
        self.industry.blockSignals(False)
        if current is not None and found < 0:
            self._emit()

    def current(self) -> NoteFilter:
        return NoteFilter(self.industry.currentData(), self.eligible.currentData(), self.locked.currentData(),
                          self.search.text(), self.warned.isChecked())

    def clear(self) -> None:
        """Show every note again (one filterChanged)."""
        widgets = (self.search, self.industry, self.eligible, self.locked, self.warned)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.industry, self.eligible, self.locked):
            combo.setCurrentIndex(0)
        self.warned.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._debounce.stop()
        self._emit()

    def flush(self) -> None:
        """Apply a pending search at once (tests, Enter)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self._emit()

    def _emit(self) -> None:
        self.filterChanged.emit(self.current())

    def set_count(self, shown: int, total: int) -> None:
        self.count.setText(self.tr("%1 of %2 notes").replace("%1", f"{shown:,}").replace("%2", f"{total:,}"))
