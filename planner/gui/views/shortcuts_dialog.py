"""Help ▸ Keyboard shortcuts: every shortcut of the window, read from its menus, so the list is never out of date.

Actions in no menu (Esc cancels the running job) are listed after the menus' under "Anywhere".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_MNEMONIC = re.compile(r"\(&\w\)|&(?=[^&])")  # 文件(&F) -> 文件, &Open… -> Open…


def plain(text: str) -> str:
    """A menu text without its mnemonic: "&Open…" -> "Open…", "文件(&F)" -> "文件", "&&" -> "&"."""
    return _MNEMONIC.sub("", text).replace("&&", "&").strip()


def keys_text(action: QAction) -> str:
    """The action's shortcuts as this platform writes them: "Ctrl+Shift+Z, Ctrl+Y"."""
    return ", ".join(key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts())


def _menu_actions(menu: QMenu, where: str) -> Iterator[tuple[str, QAction]]:
    for action in menu.actions():
        submenu = action.menu()
        if isinstance(submenu, QMenu):
            yield from _menu_actions(submenu, f"{where} ▸ {plain(submenu.title())}")
        elif not action.isSeparator():
            yield where, action


def shortcut_rows(window: QMainWindow, anywhere: str) -> list[tuple[str, str, str]]:
    """(menu, action, keys) for every action of `window` with a shortcut: the menus' in their order, then
    the window's own actions in no menu under `anywhere`."""
    rows: list[tuple[str, str, str]] = []
    listed: set[int] = set()
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for where, action in _menu_actions(menu, plain(menu.title())):
            if action.shortcuts() and id(action) not in listed:
                listed.add(id(action))
                rows.append((where, plain(action.text()), keys_text(action)))
    for action in QWidget.actions(window):  # (MainWindow keeps a dict of its actions under that name)
        if action.shortcuts() and id(action) not in listed:
            rows.append((anywhere, plain(action.text()), keys_text(action)))
    return rows


class ShortcutsDialog(QDialog):
    """A table of the window's shortcuts: menu, action, keys."""

    def __init__(self, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window, self.tr("Anywhere"))
        self.table = QTableWidget(len(rows), 3)
        self.table.setHorizontalHeaderLabels([self.tr("Menu"), self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(560, min(640, 90 + (self.fontMetrics().height() + 8) * (len(rows) + 1)))

    def rows(self) -> list[tuple[str, ...]]:
        """The table's texts, row by row (for tests)."""
        return [tuple(self.table.item(r, c).text() for c in range(3)) for r in range(self.table.rowCount())]


def show_shortcuts(window: QMainWindow) -> ShortcutsDialog:
    dialog = ShortcutsDialog(window)
    dialog.exec()
    return dialog
