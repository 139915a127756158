"""The scenario manager: the plan's scenarios in a list, with add, duplicate, rename, delete, show and lift scale.

Each action is one undo command on the window's stack (planner.gui.commands); a refusal (a name another
scenario has, an empty name, deleting the last scenario, a lift scale out of range) is shown with the core's
words and changes nothing. The list follows the plan, undo included.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.commands import (
    ActivateScenarioCommand,
    AddScenarioCommand,
    RemoveScenarioCommand,
    RenameScenarioCommand,
    SetLiftScaleCommand,
)
from planner.gui.errors import show_error
from planner.gui.i18n import ui_lang
from planner.gui.labels import label
from planner.gui.protocols import Session
from planner.model.errors import InputError
from planner.model.fields import term
from planner.model.scenarios import MAX_LIFT_SCALE, all_scenarios


class ScenarioManager(QDialog):
    """The plan's scenarios: name, brand budget, budgets, objective, lift scale; the shown one in bold."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = session.document
        self._stack = session.undo_stack
        self.setWindowTitle(self.tr("Scenarios"))
        intro = QLabel(self.tr("A scenario holds what you vary: the plan's parameters, every note's budget and "
                               "lock, and a lift scale. The notes and the lift table are shared. Every change "
                               "here can be undone."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        lang = ui_lang()
        self.table.setHorizontalHeaderLabels([term("scenario", lang) or "", term("brand_budget", lang) or "",
                                              self.tr("Budgets"), term("objective", lang) or "",
                                              term("lift_scale", lang) or ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.activate_selected())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        body = QHBoxLayout()
        body.addWidget(self.table, 1)
        body.addLayout(self._buttons())
        layout.addLayout(body, 1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.resize(700, 360)
        self._document.changed.connect(self.refresh)
        self.refresh()

    def _buttons(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.setToolTip(self.tr("A new scenario, a copy of the one shown"))
        self.duplicate_button = QPushButton(self.tr("Duplicate…"))
        self.duplicate_button.setToolTip(self.tr("A new scenario, a copy of the selected one"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.tr("Delete the selected scenario (a plan keeps at least one)"))
        self.show_button = QPushButton(self.tr("Show"))
        self.show_button.setToolTip(self.tr("Show the selected scenario in the table, the totals and the charts"))
        self.scale_button = QPushButton(self.tr("Lift scale…"))
        self.scale_button.setToolTip(self.tr("A factor on every lift of the selected scenario: 0.5 asks what if "
                                             "joint investment works half as well"))
        for button, slot in ((self.add_button, self.add), (self.duplicate_button, self.duplicate_selected),
                             (self.rename_button, self.rename_selected), (self.delete_button, self.remove_selected),
                             (self.show_button, self.activate_selected), (self.scale_button, self.scale_selected)):
            button.clicked.connect(slot)
            column.addWidget(button)
        column.addStretch(1)
        return column

    # ------------------------------------------------------------------ the list

    def refresh(self, _change: object = None) -> None:
        """One row per scenario, in the plan's order; the selection stays on its scenario."""
        selected = self.selected_name()
        plan = self._document.plan
        scenarios = all_scenarios(plan)
        self.table.setRowCount(len(scenarios))
        bold = QFont()
        bold.setBold(True)
        for row, scenario in enumerate(scenarios):
            shown = scenario.name == plan.scenario.name
            name = scenario.name + ("  " + self.tr("(shown)") if shown else "")
            cells = (name, formats.money(scenario.params.brand_budget),
                     formats.money(float(scenario.budgets.sum())), label(scenario.params.objective),
                     f"{scenario.lift_scale:g}")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, scenario.name)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if shown:
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        names = [s.name for s in scenarios]
        self.select(selected if selected in names else plan.scenario.name)
        self._update_buttons()

    def select(self, name: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.selectRow(row)
                return

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return str(self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole))

    def _update_buttons(self) -> None:
        name = self.selected_name()
        for button in (self.duplicate_button, self.rename_button, self.scale_button):
            button.setEnabled(name is not None)
        self.delete_button.setEnabled(name is not None and self.table.rowCount() > 1)
        self.show_button.setEnabled(name is not None and name != self._document.plan.scenario.name)

    # ------------------------------------------------------------------ actions

    def add(self) -> bool:
        name = self._ask_name(self.tr("Add scenario"), self.tr("Name of the new scenario (a copy of the one "
                                                               "shown):"), "")
        return name is not None and self._push(lambda: AddScenarioCommand(self._document, name),
                                               self.tr("The scenario was not added:"), name)

    def duplicate_selected(self) -> bool:
        source = self.selected_name()
        if source is None:
            return False
        name = self._ask_name(self.tr("Duplicate scenario"), self.tr("Name of the copy of %1:").replace("%1", source),
                              self.tr("%1 (copy)").replace("%1", source))
        return name is not None and self._push(lambda: AddScenarioCommand(self._document, name, source),
                                               self.tr("The scenario was not duplicated:"), name)

    def rename_selected(self) -> bool:
        old = self.selected_name()
        if old is None:
            return False
        name = self._ask_name(self.tr("Rename scenario"), self.tr("New name of %1:").replace("%1", old), old)
        if name is None or name.strip() == old:
            return False
        return self._push(lambda: RenameScenarioCommand(self._document, old, name),
                          self.tr("The scenario was not renamed:"), name)

    def remove_selected(self) -> bool:
        name = self.selected_name()
        return name is not None and self._push(lambda: RemoveScenarioCommand(self._document, name),
                                               self.tr("The scenario was not deleted:"))

    def activate_selected(self) -> bool:
        name = self.selected_name()
        if name is None or name == self._document.plan.scenario.name:
            return False
        return self._push(lambda: ActivateScenarioCommand(self._document, name),
                          self.tr("This scenario cannot be shown:"), name)

    def scale_selected(self) -> bool:
        name = self.selected_name()
        if name is None:
            return False
        current = next(s.lift_scale for s in all_scenarios(self._document.plan) if s.name == name)
        value, ok = QInputDialog.getDouble(
            self, self.tr("Lift scale"), self.tr("Factor on every lift of %1 (1 = the lifts as they are, 0.5 = "
                                                 "half as strong):").replace("%1", name),
            current, 0.0, MAX_LIFT_SCALE, 2)
        if not ok or value == current:
            return False
        return self._push(lambda: SetLiftScaleCommand(self._document, name, value),
                          self.tr("The lift scale was not changed:"), name)

    def _ask_name(self, title: str, prompt: str, default: str) -> str | None:
        name, ok = QInputDialog.getText(self, title, prompt, text=default)
        return name if ok else None

    def _push(self, make: Callable[[], QUndoCommand], title: str, select: str | None = None) -> bool:
        """Make the command (the core refuses it with InputError: shown, nothing changes), then push it."""
        try:
            command = make()
        except InputError as error:
            show_error(self, error, title)
            return False
        self._stack.push(command)
        if select is not None:
            self.select(select.strip())
        return True
