"""GUI fixtures: the real main window in an isolated profile, with modal dialogs recorded, not shown.

Settings go to a temporary INI file and the user's data folders (recovery, logs) to a temporary folder,
so a test never touches the real profile. A modal dialog would block an offscreen test forever: the
`dialogs` fixture answers each one (by default: Cancel / reject) and records what it said.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from planner.gui.main_window import MainWindow
from planner.gui.settings import Settings


@dataclass
class Dialogs:
    """What modal dialogs were shown; `answers` queues the buttons to press, in order."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, title, text)
    answers: list[Any] = field(default_factory=list)
    opened: list[QDialog] = field(default_factory=list)  # the dialog objects, for their contents

    def answer(self, default: Any) -> Any:
        return self.answers.pop(0) if self.answers else default

    def texts(self) -> str:
        return "\n".join(f"{title}: {text}" for _, title, text in self.shown)


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user profile: QStandardPaths reads these XDG folders on Linux."""
    home = tmp_path / "profile"
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
        (home / sub).mkdir(parents=True)
        monkeypatch.setenv(name, str(home / sub))
    return home


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    record = Dialogs()

    def static(kind: str, default: QMessageBox.StandardButton):
        def show(_parent: Any, title: str, text: str, *_args: Any, **_kwargs: Any) -> Any:
            record.shown.append((kind, title, text))
            return record.answer(default)
        return show

    for kind, default in (("question", QMessageBox.StandardButton.Cancel),
                          ("warning", QMessageBox.StandardButton.Ok),
                          ("information", QMessageBox.StandardButton.Ok),
                          ("critical", QMessageBox.StandardButton.Ok)):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(static(kind, default)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(static("about", None)))

    def exec_dialog(self: QDialog) -> int:
        """A message box answers with the button whose text is queued; other dialogs with a result code."""
        text = self.text() if isinstance(self, QMessageBox) else ""
        record.shown.append((type(self).__name__, self.windowTitle(), text))
        record.opened.append(self)
        answer = record.answer(None)
        if isinstance(self, QMessageBox):
            chosen = next((b for b in self.buttons() if b.text().replace("&", "") == answer), None)
            self.clickedButton = lambda: chosen  # the instance attribute shadows Qt's method
            return 0
        return int(answer) if answer is not None else int(QDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QDialog, "exec", exec_dialog)
    monkeypatch.setattr(QMessageBox, "exec", exec_dialog)
    return record


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def make_window(qtbot, settings: Settings, profile: Path, dialogs: Dialogs) -> Iterator[Any]:
    """Builds main windows that share the test's profile; each is closed (discarding changes) at the end."""
    windows: list[MainWindow] = []

    def make(**kwargs: Any) -> MainWindow:
        window = MainWindow(settings, recovery_folder=profile / "recovery", **kwargs)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.undo_stack.setClean()  # closing must not ask: the test is over
    QApplication.processEvents()


@pytest.fixture
def window(make_window: Any) -> MainWindow:
    return make_window()


@pytest.fixture
def demo_window(window: MainWindow) -> MainWindow:
    assert window.open_demo()
    window.resize(1366, 768)
    window.show()
    return window
