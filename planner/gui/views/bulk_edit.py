"""The bulk-edit dialog: set or scale the budgets of the selected notes, or lock / unlock them.

Budgets set or scaled here come out in multiples of the plan's budget step (model.plan.round_to_budget_step).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats

SET, SCALE, LOCK, UNLOCK = "set", "scale", "lock", "unlock"


@dataclass(frozen=True)
class BulkEdit:
    """One bulk operation: set budgets to `amount` (¥), scale them by `amount` (1.1 = +10%), lock or unlock."""

    operation: str
    amount: float = 0.0


class BulkEditDialog(QDialog):
    """Asks which operation to apply to `count` selected notes; `edit()` is the answer once accepted."""

    def __init__(self, count: int, parent: QWidget | None = None, step: float = 1.0):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Bulk edit"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Change the %n selected note(s):", "", count)))
        grid = QGridLayout()
        self._group = QButtonGroup(self)
        self.set_budget = QRadioButton(self.tr("Set budget to"))
        self.scale_budget = QRadioButton(self.tr("Scale budgets by"))
        self.lock = QRadioButton(self.tr("Lock (the optimiser keeps their budgets)"))
        self.unlock = QRadioButton(self.tr("Unlock"))
        self.amount = QDoubleSpinBox(prefix="¥", decimals=0, maximum=1e12, singleStep=max(step, 1000), value=10_000)
        self.amount.setGroupSeparatorShown(True)
        self.percent = QDoubleSpinBox(suffix=" %", decimals=1, minimum=0, maximum=10_000, singleStep=5, value=110)
        self.percent.setToolTip(self.tr("100% keeps budgets as they are; 110% adds a tenth; 50% halves them"))
        for row, (button, editor) in enumerate(((self.set_budget, self.amount), (self.scale_budget, self.percent),
                                                (self.lock, None), (self.unlock, None))):
            self._group.addButton(button)
            grid.addWidget(button, row, 0)
            if editor is not None:
                grid.addWidget(editor, row, 1)
        self.set_budget.setChecked(True)
        layout.addLayout(grid)
        if step > 1:
            rounding = QLabel(self.tr("Budgets are rounded to the plan's budget step of %1.").replace(
                "%1", formats.money(step)))
            rounding.setWordWrap(True)
            layout.addWidget(rounding)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def edit(self) -> BulkEdit:
        if self.scale_budget.isChecked():
            return BulkEdit(SCALE, self.percent.value() / 100.0)
        if self.lock.isChecked():
            return BulkEdit(LOCK)
        if self.unlock.isChecked():
            return BulkEdit(UNLOCK)
        return BulkEdit(SET, self.amount.value())
