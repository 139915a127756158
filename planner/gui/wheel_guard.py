"""No silent changes: the mouse wheel never changes a spin box or a combo box the user has not focused.

Scrolling a panel with the wheel used to change whatever box passed under the pointer (an objective, a brand
budget) without a click. One event filter on the application, installed once, does two things for every spin
box and combo box, wherever it is (panels, dialogs, views made later): it gives the box StrongFocus instead of
WheelFocus when the box is polished, so that the wheel does not focus it, and it passes a wheel event over a
box without focus on to the box's parent (the scroll area around it), ignored. A box the user clicked or
tabbed into still takes the wheel.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QWidget

_BOXES = (QAbstractSpinBox, QComboBox)


def _box_of(watched: QObject) -> QWidget | None:
    """The spin box or combo box `watched` is, or is part of (a spin box's line edit), else None."""
    widget = watched if isinstance(watched, QWidget) else None
    for candidate in (widget, widget.parentWidget() if widget is not None else None):
        if isinstance(candidate, _BOXES):
            return candidate
    return None


class WheelGuard(QObject):
    """The application's filter: wheel events over unfocused boxes go to their parent, unchanged."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            box = _box_of(watched)
            if box is not None and not box.hasFocus():
                event.ignore()  # ignored and filtered: Qt offers it to the parent (the scroll area) next
                return True
        elif kind == QEvent.Type.Polish and isinstance(watched, _BOXES):
            guard_focus(watched)
        return False


def guard_focus(box: QWidget) -> None:
    """The wheel must not give `box` focus (Qt's default for spin boxes): click or Tab into it instead."""
    if box.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def install_wheel_guard() -> WheelGuard:
    """Install the guard on the application (once; later calls return the same guard)."""
    app = QCoreApplication.instance()
    assert app is not None, "a QApplication is needed first"
    guard = app.findChild(WheelGuard)
    if guard is None:
        guard = WheelGuard(app)
        app.installEventFilter(guard)
    return guard
