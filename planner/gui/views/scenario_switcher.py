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
    compareRequested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = session.document
        self._stack = session.undo_stack
        self.setObjectName("scenarioCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet("#scenarioCard { background: palette(base); border: 1px solid palette(mid); "
                           "border-radius: 4px; } #scenarioTitle { color: palette(placeholder-text); }")
        self.title = QLabel(self.tr("Scenario"))
        self.title.setObjectName("scenarioTitle")
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumContentsLength(8)
        self.combo.setMaximumWidth(240)
        self.combo.activated.connect(self._chosen)
        self.manage_button = QToolButton()
        self.manage_button.setText(self.tr("Manage…"))
        self.manage_button.setAutoRaise(True)
        self.manage_button.setToolTip(self.tr("Add, duplicate, rename or delete scenarios, and set their lift scale"))
        self.manage_button.clicked.connect(self.manageRequested)
        self.compare_button = QToolButton()
        self.compare_button.setText(self.tr("Compare"))
        self.compare_button.setAutoRaise(True)
        self.compare_button.setToolTip(self.tr("Every scenario's totals side by side"))
        self.compare_button.clicked.connect(self.compareRequested)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        row.addWidget(self.combo, 1)
        row.addWidget(self.manage_button)
        row.addWidget(self.compare_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(1)
        layout.addWidget(self.title)
        layout.addLayout(row)
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
