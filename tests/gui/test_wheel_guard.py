"""No silent changes: the wheel never changes a spin box or a combo box the user has not focused."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QWidget

from planner.gui.main_window import MainWindow
from planner.gui.wheel_guard import WheelGuard, install_wheel_guard


def wheel(widget: QWidget, steps: int = -1) -> QWheelEvent:
    """Turn the wheel over `widget` (one notch down by default), as Qt delivers it to the widget under the pointer."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event


def test_the_wheel_over_the_unfocused_objective_and_budget_changes_nothing(demo_window: MainWindow) -> None:
    panel = demo_window.optimise_panel
    params = demo_window.document.plan.params
    for box in (panel.objective, panel.brand_budget, panel.share, panel.step, panel.cap):
        assert not box.hasFocus()
        wheel(box)
        wheel(box, +1)
        if isinstance(box, QAbstractSpinBox):
            wheel(box.lineEdit())  # the part of a spin box under the pointer
    assert demo_window.document.plan.params == params
    assert demo_window.undo_stack.count() == 0
    assert panel.objective.currentData() == params.objective
    assert panel.brand_budget.value() == params.brand_budget


def test_a_box_the_user_focused_still_takes_the_wheel(demo_window: MainWindow, qtbot) -> None:
    panel = demo_window.optimise_panel
    demo_window.activateWindow()
    panel.brand_budget.setFocus()
    qtbot.waitUntil(panel.brand_budget.hasFocus)
    before = panel.brand_budget.value()
    wheel(panel.brand_budget, +1)
    assert panel.brand_budget.value() == before + panel.brand_budget.singleStep()
    assert demo_window.document.plan.params.brand_budget == panel.brand_budget.value()  # an undoable edit


def test_the_wheel_does_not_give_a_box_focus(demo_window: MainWindow) -> None:
    """Qt's spin boxes take focus from the wheel (WheelFocus): the guard gives every box StrongFocus."""
    boxes = demo_window.findChildren(QAbstractSpinBox) + demo_window.findChildren(QComboBox)
    assert len(boxes) >= 8  # the panel's and the filter bar's
    assert all(box.focusPolicy() != Qt.FocusPolicy.WheelFocus for box in boxes if box.isVisible())


def test_the_wheel_over_an_unfocused_box_goes_on_to_the_scroll_area(window: MainWindow) -> None:
    """Ignored and filtered: Qt then offers the event to the box's parent, which scrolls the panel."""
    guard = install_wheel_guard()
    box = window.optimise_panel.objective
    event = QWheelEvent(QPointF(1, 1), QPointF(1, 1), QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    assert guard.eventFilter(box, event) is True
    assert not event.isAccepted()


def test_a_box_made_later_anywhere_is_guarded_too(window: MainWindow, qtbot) -> None:
    assert QApplication.instance().findChildren(WheelGuard) == [install_wheel_guard()]  # installed once
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.addItems(["a", "b", "c"])
    combo.show()
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel(combo)
    assert combo.currentIndex() == 0
