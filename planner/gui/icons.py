"""The app's SVG icons (resources/icons), loaded once each; SVG keeps them sharp at any DPI."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from planner.resources import resource_path


@cache
def icon(name: str) -> QIcon:
    """The icon resources/icons/<name>.svg (an empty icon if it is missing, never an error)."""
    path = resource_path("icons", f"{name}.svg")
    return QIcon(str(path)) if path.exists() else QIcon()


def app_icon() -> QIcon:
    """The red cat face shown in the title bar, the task bar and the About box."""
    return icon("app")
