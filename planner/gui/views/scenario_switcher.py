"""The scenario switcher, always in view beside the totals: the scenario the table, cards and charts show.

Choosing another scenario is one undoable step (ActivateScenarioCommand); the button beside it opens the
scenario manager. The list follows the plan: a scenario added, renamed or deleted (or undone) shows at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner.gui.commands import ActivateScenarioCommand
from planner.gui.document import Change
from planner.gui.errors import show_error
from planner.gui.protocols import Session
from planner.model.errors import InputError
from planner.model.scenarios import scenario_names


class ScenarioSwitcher(QFrame):
    """A card titled Scenario: a list of the plan's scenarios and a button to manage them."""

    manageRequested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = session.document
        self._stack = session.undo_stack
        self.setObjectName("scenarioCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.setStyleSheet("#scenarioCard { background: palette(base); border: 1px solid palette(mid); "
                           "border-radius: 4px; } #scenarioTitle { color: palette(placeholder-text); }")
        self.title = QLabel(self.tr("Scenario"))
        self.title.setObjectName("scenarioTitle")
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(9)  # a long name is elided: the cards beside need the width
        self.combo.activated.connect(self._chosen)
        # One small button: the card sits beside eleven totals on a 1366-pixel screen. The Compare tab is a
        # click away; its menu item and Ctrl+4 too.
        self.manage_button = QToolButton()
        self.manage_button.setText("…")
        self.manage_button.setAutoRaise(True)
        self.manage_button.setStyleSheet("QToolButton { padding: 0px 4px; }")
        self.manage_button.setToolTip(self.tr("Manage scenarios: add, duplicate, rename or delete them, and set their "
                                              "lift scale"))
        self.manage_button.clicked.connect(self.manageRequested)
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.setSpacing(0)
        head.addWidget(self.title, 1)
        head.addWidget(self.manage_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 4)
        layout.setSpacing(1)
        layout.addLayout(head)
        layout.addWidget(self.combo)
        layout.addStretch(1)  # as tall as the cards beside it, its list at the top
        self._document.changed.connect(self._on_changed)
        self.refresh()

    def _on_changed(self, change: Change) -> None:
        if change.kind in ("plan", "scenarios"):
            self.refresh()

    def refresh(self) -> None:
        """The plan's scenarios in order, the active one chosen; its lift scale in the tooltip."""
        plan = self._document.plan
        names = scenario_names(plan)
        self.combo.blockSignals(True)
        if [self.combo.itemText(i) for i in range(self.combo.count())] != names:
            self.combo.clear()
            self.combo.addItems(names)
        self.combo.setCurrentIndex(names.index(plan.scenario.name))
        self.combo.blockSignals(False)
        tip = self.tr("The scenario the table, the totals and the charts show; Optimise works on it.")
        if plan.scenario.lift_scale != 1.0:
            tip += "\n" + self.tr("Lift scale: %1 × every lift").replace("%1", f"{plan.scenario.lift_scale:g}")
        self.combo.setToolTip(tip)

    @property
    def shown(self) -> str:
        return self.combo.currentText()

    def _chosen(self, index: int) -> None:
        self.choose(self.combo.itemText(index))

    def choose(self, name: str) -> bool:
        """Show scenario `name` (one undoable step); nothing happens for the scenario shown already."""
        if name == self._document.plan.scenario.name:
            return False
        try:
            command = ActivateScenarioCommand(self._document, name)
        except InputError as error:
            show_error(self, error, self.tr("This scenario cannot be shown:"))
            self.refresh()
            return False
        self._stack.push(command)
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
