"""What the app remembers between runs (window geometry, language, last folder, recent files), via QSettings.

One typed wrapper, so that keys and their types are written once and tests can point QSettings elsewhere
(QSettings.setPath) without touching the user's real settings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "RedCat"
APPLICATION = "RedCat Planner"
LANGUAGES = ("system", "en", "zh_CN")
MAX_RECENT = 8


class Settings:
    """Typed access to the app's QSettings (INI format in the user's config folder)."""

    def __init__(self, store: QSettings | None = None):
        self._store = store or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                         ORGANIZATION, APPLICATION)

    @property
    def store(self) -> QSettings:
        return self._store

    def language(self) -> str:
        """The chosen UI language: system (follow the system locale), en or zh_CN."""
        value = str(self._store.value("ui/language", "system"))
        return value if value in LANGUAGES else "system"

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self._store.setValue("ui/language", language)

    def geometry(self) -> QByteArray | None:
        value = self._store.value("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        value = self._store.value("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self._store.setValue("window/geometry", geometry)
        self._store.setValue("window/state", state)

    def last_folder(self) -> str:
        """The folder of the last file opened or saved; the home folder the first time."""
        value = str(self._store.value("files/last_folder", "") or "")
        return value if value and Path(value).is_dir() else str(Path.home())

    def set_last_folder(self, path: str | Path) -> None:
        folder = Path(path)
        self._store.setValue("files/last_folder", str(folder if folder.is_dir() else folder.parent))

    def recent_files(self) -> list[str]:
        """Recently opened or saved plans, newest first (only those that still exist)."""
        value = self._store.value("files/recent", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(item) for item in items if item and Path(str(item)).exists()][:MAX_RECENT]

    def add_recent_file(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        items = [text] + [item for item in self.recent_files() if item != text]
        self._store.setValue("files/recent", items[:MAX_RECENT])

    def clear_recent_files(self) -> None:
        self._store.setValue("files/recent", [])

    def column_mapping(self, kind: str) -> dict[str, str | None]:
        """Columns the user mapped by hand when importing `kind` tables: header -> field, None = left out."""
        try:
            stored = json.loads(str(self._store.value(f"import/{kind}_columns", "") or "{}"))
        except ValueError:
            return {}  # a hand-edited settings file: forget the mappings rather than fail an import
        if not isinstance(stored, dict):
            return {}
        return {str(header): field if isinstance(field, str) else None for header, field in stored.items()}

    def set_column_mapping(self, kind: str, mapping: Mapping[str, str | None]) -> None:
        # JSON in one value: headers may hold "/" or "\\", which QSettings would read as key separators.
        self._store.setValue(f"import/{kind}_columns", json.dumps(dict(mapping)))

    def sync(self) -> None:
        self._store.sync()
