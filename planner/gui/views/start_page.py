"""The Notes tab: the notes table, or, for a plan without notes, a start page that says how to begin.

The start page offers the demo plan, importing a notes table, a notes template to fill in, opening a plan
file, and the plans opened lately; each is one of the window's actions (the same as in the File menu), so
that it behaves there as it does in the menu. It gives way to the table once the plan has notes and comes
back when it has none (a new plan, an import undone). Everything on it is reachable by Tab and Enter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from planner.gui.document import PlanDocument
from planner.gui.icons import icon

# The window's actions the start page offers, in its order; icons for those the menus show without one.
START_ACTIONS = ("demo", "import_notes", "save_template", "open")
_ICONS = {"demo": "app", "save_template": "save_as"}


class StartPage(QWidget):
    """Ways to begin a plan: buttons for the window's actions, and the recent plans (`openRecent` a path)."""

    openRecent = Signal(str)

    def __init__(self, actions: Mapping[str, QAction], recent_files: Callable[[], list[str]],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._recent_files = recent_files
        title = QLabel(self.tr("This plan has no notes yet"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("Start from the demo plan to look around, or bring your notes in: a table from "
                               "your agency or your own, in CSV or Excel. Help ▸ User guide (F1) explains "
                               "each tab."))
        intro.setWordWrap(True)
        texts = {
            "demo": (self.tr("Open the demo plan"),
                     self.tr("A 618 plan for a sports-and-beauty brand, with history to fit lifts from")),
            "import_notes": (self.tr("Import a notes table…"),
                             self.tr("CSV or XLSX, Chinese or English headers; the wizard shows every problem")),
            "save_template": (self.tr("Save a notes template…"),
                              self.tr("The columns the app reads, with an example row, to fill in")),
            "open": (self.tr("Open a plan…"), self.tr("A plan file saved before (.rcplan)")),
        }
        self.buttons: dict[str, QPushButton] = {}
        starts = QVBoxLayout()
        starts.setSpacing(10)
        for name in START_ACTIONS:
            text, note = texts[name]
            starts.addLayout(self._button(name, actions[name], text, note))
        starts.addStretch(1)
        self.recent = QListWidget()
        self.recent.setObjectName("recentPlans")
        self.recent.itemActivated.connect(self._activated)
        self.recent.itemClicked.connect(self._activated)
        self.no_recent = QLabel(self.tr("No plan opened yet."))
        recent = QVBoxLayout()
        recent.setSpacing(6)
        recent_title = QLabel(self.tr("Recent plans"))
        recent_title.setBuddy(self.recent)
        bold = recent_title.font()
        bold.setBold(True)
        recent_title.setFont(bold)
        recent_title.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.recent.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for widget in (recent_title, self.recent, self.no_recent):
            recent.addWidget(widget)
        recent.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        columns.addLayout(starts, 1)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        columns.addWidget(line)
        columns.addLayout(recent, 1)
        box = QWidget()
        box.setMaximumWidth(900)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addSpacing(16)
        inner.addLayout(columns)
        inner.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(32, 32, 32, 32)
        outer.addStretch(1)
        outer.addWidget(box, 8)
        outer.addStretch(1)
        self.setFocusProxy(self.buttons[START_ACTIONS[0]])
        self.refresh()

    def _button(self, name: str, action: QAction, text: str, note: str) -> QVBoxLayout:
        """A button that triggers `action`, with a line under it saying what it does."""
        button = QPushButton(icon(_ICONS[name]) if name in _ICONS else action.icon(), text)
        button.setIconSize(QSize(20, 20))
        button.setMinimumHeight(36)
        button.setStyleSheet("text-align: left; padding: 4px 12px;")
        button.setToolTip(action.toolTip())
        button.setAutoDefault(True)  # Enter presses the button that has the focus
        button.clicked.connect(lambda _checked=False: action.trigger())
        self.buttons[name] = button
        label = QLabel(note)
        label.setWordWrap(True)
        label.setContentsMargins(14, 0, 0, 0)
        palette = label.palette()  # the quieter text of the palette, as a disabled label has
        palette.setColor(QPalette.ColorRole.WindowText,
                         palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText))
        label.setPalette(palette)
        pair = QVBoxLayout()
        pair.setSpacing(2)
        pair.addWidget(button)
        pair.addWidget(label)
        return pair

    def refresh(self) -> None:
        """The recent plans as the settings hold them now, most recent first."""
        self.recent.clear()
        for path in self._recent_files():
            item = QListWidgetItem(Path(path).name)
            item.setToolTip(path)
            item.setData(Qt.ItemDataRole.UserRole, path)
            self.recent.addItem(item)
        has_recent = self.recent.count() > 0
        self.recent.setVisible(has_recent)
        self.no_recent.setVisible(not has_recent)
        if has_recent:
            self.recent.setCurrentRow(0)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        self.refresh()  # a plan opened or saved since the page was last shown is listed
        super().showEvent(event)

    def _activated(self, item: QListWidgetItem) -> None:
        self.openRecent.emit(str(item.data(Qt.ItemDataRole.UserRole)))


class NotesTab(QStackedWidget):
    """The notes table, or the start page while the plan has no notes."""

    def __init__(self, document: PlanDocument, notes_view: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self.notes_view = notes_view
        self.start_page: StartPage | None = None
        self.addWidget(notes_view)
        document.changed.connect(self._follow)

    def set_start_page(self, page: StartPage) -> None:
        """The page shown in place of the table while the plan has no notes (made once the actions exist)."""
        self.start_page = page
        self.addWidget(page)
        self._follow()

    def showing_start(self) -> bool:
        return self.start_page is not None and self.currentWidget() is self.start_page

    def _follow(self, *_args: object) -> None:
        empty = len(self._document.plan.notes) == 0
        shown = self.start_page if empty and self.start_page is not None else self.notes_view
        if self.currentWidget() is not shown:
            self.setCurrentWidget(shown)
