"""The side panel: the plan's parameters (undoable edits) and the Optimise button.

The optimiser runs as a job of the plan's session (the status bar names it; one at a time) with a busy
indicator; its result is applied as one ReplacePlanCommand, and OptimiseResultView shows what changed. An
infeasible plan's PlanError is shown by the runner, in the core's words. Mode (maximise or reach a target) and the
target are the panel's own state: they are how to optimise, not part of the plan. The budget step is the plan's
(PlanParams.budget_step). The panel, with a result, fits the dock of a 1366×768 screen without scrolling.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from planner import formats
from planner.gui.commands import ReplacePlanCommand, SetParamsCommand
from planner.gui.document import PlanDocument
from planner.gui.icons import icon
from planner.gui.jobs import Job
from planner.gui.labels import label, tooltip
from planner.gui.protocols import Session
from planner.gui.views.optimise_result import OptimiseResultView, biggest_moves
from planner.model.funnel import Estimate, estimate
from planner.model.optimiser import OptimiseResult, optimise, optimise_for_target
from planner.model.plan import BUDGET_STEPS, OBJECTIVES, Plan


@dataclass(frozen=True)
class Outcome:
    """What the job hands back: the optimiser's result and the estimates before and after."""

    result: OptimiseResult
    before: Estimate
    after: Estimate


def run_optimiser(plan: Plan, target: float | None) -> Outcome:
    """Optimise `plan` (to reach `target`, when given) and estimate both plans; runs as a job."""
    result = optimise(plan) if target is None else optimise_for_target(plan, target)
    return Outcome(result, estimate(plan), estimate(result.plan))


def _money_box(maximum: float = 1e12) -> QDoubleSpinBox:
    box = QDoubleSpinBox(prefix="¥", decimals=0, maximum=maximum, singleStep=10_000)
    box.setGroupSeparatorShown(True)
    box.setKeyboardTracking(False)
    return box


class OptimisePanel(QWidget):
    """Parameters, mode, target and the Optimise button; `optimised` fires after the result is applied."""

    busyChanged = Signal(bool)
    optimised = Signal(object)  # the Outcome, after its command was pushed
    failed = Signal(object)  # the exception (shown to the user by the runner)

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document: PlanDocument = session.document
        self._stack = session.undo_stack
        document = self._document
        self.job: Job | None = None
        self._snapshot: Plan | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self._params_box())
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self._mode_box())
        self.button = QPushButton(icon("optimise"), self.tr("Optimise"))
        self.button.setToolTip(self.tr("Set every budget by the optimiser (Ctrl+R / F5); one undoable step"))
        self.button.clicked.connect(self.run)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setVisible(False)
        layout.addWidget(self.button)
        layout.addWidget(self.busy)
        self.result_view = OptimiseResultView()
        layout.addWidget(self.result_view)
        layout.addStretch(1)
        document.changed.connect(self._sync)
        self._sync()

    def _params_box(self) -> QWidget:
        """The plan's parameters (saved with it): no group frame, so that panel and result fit a laptop screen."""
        box = QWidget()
        box.setToolTip(self.tr("Plan parameters"))
        form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        self.brand_budget = _money_box()
        self.brand_budget.setToolTip(self.tr("The most the brand pays in total (brand cost), in ¥"))
        self.fees_in_budget = QCheckBox(self.tr("incl. fees"))  # beside the brand budget: one row on a laptop
        self.fees_in_budget.setToolTip(self.tr(
            "On: the brand budget pays the creators' fees too, and the optimiser spends the budget less the fees on "
            "boosts. Off: the brand budget is for boosts alone, the fees are paid besides it"))
        self.joint = QCheckBox(self.tr("Joint investment"))
        self.joint.setToolTip(tooltip("eligible"))
        self.share = QDoubleSpinBox(suffix=" %", decimals=1, maximum=100, singleStep=5)
        self.share.setKeyboardTracking(False)
        self.share.setToolTip(self.tr("The platform's share of each eligible note's budget"))
        self.has_cap = QCheckBox(self.tr("Cap"))
        self.cap = _money_box()
        self.cap.setToolTip(self.tr("The most the platform pays in total, in ¥"))
        cap_row = QHBoxLayout()
        cap_row.addWidget(self.has_cap)
        cap_row.addWidget(self.cap, 1)
        self.objective = QComboBox()
        for key in OBJECTIVES:
            self.objective.addItem(label(key), key)
        self.objective.setToolTip(self.tr("The total the optimiser maximises (or must reach)"))
        self.step = QComboBox()
        for step in BUDGET_STEPS:
            self.step.addItem(formats.money(step), step)
        self.step.setToolTip(self.tr("Budgets come out of the optimiser and of bulk edits in multiples of this "
                                     "amount: planners buy round amounts"))
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.brand_budget, 1)
        budget_row.addWidget(self.fees_in_budget)
        form.addRow(self.tr("Brand budget"), budget_row)
        form.addRow(self.joint)
        form.addRow(self.tr("Platform share"), self.share)
        form.addRow(self.tr("Platform cap"), cap_row)
        form.addRow(self.tr("Objective"), self.objective)
        form.addRow(self.tr("Budget step"), self.step)
        self.brand_budget.valueChanged.connect(lambda v: self._set(self.tr("Set brand budget"), brand_budget=v))
        self.fees_in_budget.toggled.connect(
            lambda on: self._set(self.tr("Turn creator fees in the brand budget on/off"), fees_in_budget=on))
        self.joint.toggled.connect(lambda on: self._set(self.tr("Turn joint investment on/off"), joint=on))
        self.share.valueChanged.connect(lambda v: self._set(self.tr("Set platform share"), platform_share=v / 100))
        self.has_cap.toggled.connect(self._cap_changed)
        self.cap.valueChanged.connect(self._cap_changed)
        self.objective.currentIndexChanged.connect(
            lambda _i: self._set(self.tr("Set objective"), objective=self.objective.currentData()))
        self.step.currentIndexChanged.connect(
            lambda _i: self._set(self.tr("Set budget step"), budget_step=self.step.currentData()))
        return box

    def _mode_box(self) -> QWidget:
        """Maximise or reach a target, side by side; the target's row shows only when a target is to be reached."""
        box = QWidget()
        self._mode_form = form = QFormLayout(box)
        form.setContentsMargins(0, 0, 0, 0)
        form.setVerticalSpacing(4)
        self.maximise = QRadioButton(self.tr("Maximise"))
        self.maximise.setToolTip(self.tr("Maximise within the brand budget"))
        self.reach = QRadioButton(self.tr("Reach a target"))
        self.reach.setToolTip(self.tr("Reach a target at the least cost"))
        self.maximise.setChecked(True)
        modes = QHBoxLayout()
        modes.addWidget(self.maximise)
        modes.addWidget(self.reach)
        modes.addStretch(1)
        self.target = QDoubleSpinBox(decimals=0, maximum=1e15, singleStep=100)
        self.target.setGroupSeparatorShown(True)
        self.target.setEnabled(False)
        self.target.setToolTip(self.tr("The objective's total to reach; the brand budget is set to the least "
                                       "that reaches it"))
        form.addRow(self.tr("Optimise to"), modes)
        form.addRow(self.tr("Target"), self.target)
        form.setRowVisible(self.target, False)
        self.reach.toggled.connect(self._mode_changed)
        return box

    def _mode_changed(self, reach: bool) -> None:
        self.target.setEnabled(reach)
        self._mode_form.setRowVisible(self.target, reach)

    # ------------------------------------------------------------------ parameters

    def _set(self, text: str, **changes: object) -> None:
        """Push a parameter change as an undo command, unless it is what the plan already has."""
        params = self._document.plan.params
        if all(getattr(params, name) == value for name, value in changes.items()):
            return
        self._stack.push(SetParamsCommand(self._document, text, **changes))

    def _cap_changed(self, *_args: object) -> None:
        self.cap.setEnabled(self.has_cap.isChecked())
        cap = self.cap.value() if self.has_cap.isChecked() else None
        self._set(self.tr("Set platform cap"), platform_cap=cap)

    def _sync(self, _change: object = None) -> None:
        """Show the plan's parameters (after an edit, an undo or an opened file)."""
        params = self._document.plan.params
        widgets = (self.brand_budget, self.fees_in_budget, self.joint, self.share, self.has_cap, self.cap,
                   self.objective, self.step)
        for widget in widgets:
            widget.blockSignals(True)
        self.brand_budget.setValue(params.brand_budget)
        self.fees_in_budget.setChecked(params.fees_in_budget)
        self.joint.setChecked(params.joint)
        self.share.setValue(params.platform_share * 100)
        self.share.setEnabled(params.joint)
        self.has_cap.setChecked(params.platform_cap is not None)
        self.has_cap.setEnabled(params.joint)
        self.cap.setEnabled(params.joint and params.platform_cap is not None)
        if params.platform_cap is not None:
            self.cap.setValue(params.platform_cap)
        self.objective.setCurrentIndex(max(0, self.objective.findData(params.objective)))
        self.step.setCurrentIndex(max(0, self.step.findData(params.budget_step)))
        for widget in widgets:
            widget.blockSignals(False)
        self.result_view.follow(self._document.plan)

    # ------------------------------------------------------------------ optimising

    def is_busy(self) -> bool:
        return self.job is not None

    def run(self) -> Job | None:
        """Start the optimiser on the current plan as a job; None when one is already running.

        A plan without notes has nothing to allocate: the panel says so, and nothing runs or changes.
        """
        if self.job is not None:
            return None
        if len(self._document.plan.notes) == 0:
            self.result_view.show_message(self.tr("This plan has no notes yet: there is nothing to allocate. "
                                                  "Import notes first (Ctrl+I)."))
            return None
        self._snapshot = self._document.plan
        target = self.target.value() if self.reach.isChecked() else None
        job = self._session.runner.submit(Job("optimise", self.tr("Optimising…"), run_optimiser, self._snapshot,
                                              target, error_title=""))
        if job is None:
            return None
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.job = job
        self._set_busy(True)
        return job

    def _set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.busyChanged.emit(busy)

    def _finished(self, outcome: Outcome) -> None:
        self.job = None
        self._set_busy(False)
        if self._document.plan is not self._snapshot:
            self.result_view.show_message(self.tr("The plan changed while optimising; optimise again."))
            return
        title = self.tr("Optimise for %1").replace("%1", label(outcome.result.objective))
        self._stack.push(ReplacePlanCommand(self._document, outcome.result.plan, title))
        plan = self._snapshot
        moves = biggest_moves(plan.notes["note_id"].to_numpy(), plan.notes["title"].to_numpy(),
                              outcome.before.notes["budget"].to_numpy(), outcome.after.notes["budget"].to_numpy())
        self.result_view.show_result(self._document.plan, outcome.result.objective, outcome.before, outcome.after,
                                     moves)
        self.optimised.emit(outcome)

    def _failed(self, error: BaseException) -> None:
        self.job = None
        self._set_busy(False)
        self.failed.emit(error)
