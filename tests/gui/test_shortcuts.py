"""Shortcuts: no key is bound twice anywhere in the window, Ctrl+Q quits, and Help lists them all."""

from __future__ import annotations

from collections import Counter

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest

from planner.gui.main_window import MainWindow
from planner.gui.views.shortcuts_dialog import ShortcutsDialog, plain
from planner.gui.window_actions import distinct_keys

PORTABLE = QKeySequence.SequenceFormat.PortableText


def every_key(window: MainWindow) -> Counter[str]:
    """How often each key is bound, over every action of the window (menus, toolbar, table, none)."""
    return Counter(key.toString(PORTABLE) for action in window.findChildren(QAction) for key in action.shortcuts())


def test_no_shortcut_is_bound_twice_anywhere(demo_window: MainWindow) -> None:
    _ = demo_window.charts  # views made later bring their actions too
    keys = every_key(demo_window)
    assert len(keys) >= 20
    assert [key for key, times in keys.items() if times > 1] == []
    assert keys["Ctrl+Q"] == 1


def test_a_key_given_twice_is_kept_once() -> None:
    """Quit is Ctrl+Q by Linux's standard and by hand: Qt calls a key bound twice ambiguous and does nothing."""
    keys = distinct_keys((QKeySequence("Ctrl+Q"), "Ctrl+Q", "F5", QKeySequence.StandardKey.Quit, ""))
    assert [key.toString(PORTABLE) for key in keys] == ["Ctrl+Q", "F5"]


def test_ctrl_q_quits(window: MainWindow, qtbot) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence("Ctrl+Q"))
    qtbot.waitUntil(lambda: not window.isVisible())


def test_help_lists_every_shortcut_by_menu(window: MainWindow, dialogs) -> None:
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    entry = next(a for a in help_menu.actions() if a.text() == "&Keyboard shortcuts")
    entry.trigger()
    dialog = dialogs.opened[-1]
    assert isinstance(dialog, ShortcutsDialog)
    assert dialog.windowTitle() == "Keyboard shortcuts"
    rows = dialog.rows()
    assert ("File", "Quit", "Ctrl+Q") in rows
    assert ("Edit", "Redo", "Ctrl+Shift+Z, Ctrl+Y") in rows
    assert ("Edit", "Copy with headers", "Ctrl+Shift+C") in rows
    assert ("Anywhere", "Cancel the running job", "Esc") in rows
    listed = Counter(key for *_, keys in rows for key in keys.split(", "))
    assert set(listed) == set(every_key(window))  # every shortcut, each once


def test_menu_texts_lose_their_mnemonics() -> None:
    assert plain("&Open…") == "Open…"
    assert plain("文件(&F)") == "文件"
    assert plain("Save && close") == "Save & close"
