"""One QUndoCommand per user action; each stores just enough to undo itself.

Scenario and calendar commands replace the plan (the model's functions return a new one): each is made by
the model's function before it is pushed, so a refusal (a name another scenario has, a calendar whose phases
overlap) raises InputError with the core's words and nothing reaches the undo stack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from planner.gui.document import Change, PlanDocument
from planner.model.calendar import Calendar, check_calendar
from planner.model.errors import InputError
from planner.model.lifts import LiftTable
from planner.model.plan import Plan
from planner.model.scenarios import activate, add_scenario, remove_scenario, rename_scenario, with_settings
from planner.model.thresholds import Thresholds


class SetNoteValuesCommand(QUndoCommand):
    """Set one field of some notes: an inline edit, a bulk edit, a paste or a lock toggle."""

    def __init__(self, document: PlanDocument, field: str, rows: Sequence[int] | np.ndarray,
                 values: Sequence[object] | np.ndarray, text: str):
        super().__init__(text)
        self._document = document
        self._field = field
        self._rows = np.asarray(rows, dtype=int)
        self._new = np.asarray(values)
        self._old = document.note_values(field, self._rows)

    def redo(self) -> None:
        self._document.set_note_values(self._field, self._rows, self._new)

    def undo(self) -> None:
        self._document.set_note_values(self._field, self._rows, self._old)


class SetParamsCommand(QUndoCommand):
    """Change plan parameters (brand budget, whether it covers creator fees, joint investment, platform share and
    cap, objective)."""

    def __init__(self, document: PlanDocument, text: str, **changes: object):
        super().__init__(text)
        self._document = document
        self._new = changes
        params = document.plan.params
        self._old = {name: getattr(params, name) for name in changes}

    def redo(self) -> None:
        self._document.set_params(**self._new)

    def undo(self) -> None:
        self._document.set_params(**self._old)


class SetLiftsCommand(QUndoCommand):
    """Replace the lift table: an edited row, or fitted lifts accepted from history."""

    def __init__(self, document: PlanDocument, lifts: LiftTable, text: str):
        super().__init__(text)
        self._document = document
        self._new = lifts
        self._old = document.plan.lifts

    def redo(self) -> None:
        self._document.set_lifts(self._new)

    def undo(self) -> None:
        self._document.set_lifts(self._old)


class SetThresholdsCommand(QUndoCommand):
    """When the guardrails warn (Plan ▸ Guardrails…): the five thresholds in one step."""

    def __init__(self, document: PlanDocument, thresholds: Thresholds):
        super().__init__(QCoreApplication.translate("Commands", "Change when the guardrails warn"))
        self._document = document
        self._new = thresholds
        self._old = document.plan.thresholds

    def redo(self) -> None:
        self._document.set_thresholds(self._new)

    def undo(self) -> None:
        self._document.set_thresholds(self._old)


class ReplacePlanCommand(QUndoCommand):
    """Replace the whole plan in one step: optimise, import notes, apply edits from Excel."""

    def __init__(self, document: PlanDocument, plan: Plan, text: str, change: Change | None = None):
        super().__init__(text)
        self._document = document
        self._new = plan
        self._old = document.plan
        self._change = change or Change("plan")

    def redo(self) -> None:
        self._document.replace_plan(self._new, self._change)

    def undo(self) -> None:
        self._document.replace_plan(self._old, self._change)


def _text(text: str, *values: object) -> str:
    """A translated text with %1, %2 ... filled in."""
    for number, value in enumerate(values, 1):
        text = text.replace(f"%{number}", str(value))
    return text


class AddScenarioCommand(ReplacePlanCommand):
    """A new scenario, a copy of `source` (a duplicate) or of the active one; the active one stays active."""

    def __init__(self, document: PlanDocument, name: str, source: str | None = None):
        plan = add_scenario(document.plan, name, source)
        if source is not None:
            text = _text(QCoreApplication.translate("Commands", "Duplicate scenario %1 as %2"), source, name.strip())
        else:
            text = _text(QCoreApplication.translate("Commands", "Add scenario %1"), name.strip())
        super().__init__(document, plan, text, Change("scenarios"))


class RenameScenarioCommand(ReplacePlanCommand):
    def __init__(self, document: PlanDocument, old: str, new: str):
        plan = rename_scenario(document.plan, old, new)
        text = _text(QCoreApplication.translate("Commands", "Rename scenario %1 to %2"), old, new.strip())
        super().__init__(document, plan, text, Change("scenarios"))


class RemoveScenarioCommand(ReplacePlanCommand):
    """Delete a scenario; deleting the active one shows its neighbour (the plan's last one is refused)."""

    def __init__(self, document: PlanDocument, name: str):
        plan = remove_scenario(document.plan, name)
        shown_changes = plan.scenario.name != document.plan.scenario.name
        text = _text(QCoreApplication.translate("Commands", "Delete scenario %1"), name)
        super().__init__(document, plan, text, Change("plan") if shown_changes else Change("scenarios"))


class ActivateScenarioCommand(ReplacePlanCommand):
    """Show another scenario: the table, the cards and the charts follow it; Optimise works on it."""

    def __init__(self, document: PlanDocument, name: str):
        text = _text(QCoreApplication.translate("Commands", "Switch to scenario %1"), name)
        super().__init__(document, activate(document.plan, name), text)


class SetLiftScaleCommand(ReplacePlanCommand):
    """A scenario's factor on every lift (MODEL.md section 8); it may be another than the active one."""

    def __init__(self, document: PlanDocument, name: str, lift_scale: float):
        plan = document.plan
        shown = plan.scenario.name
        changed = activate(with_settings(activate(plan, name), lift_scale=lift_scale), shown)
        text = _text(QCoreApplication.translate("Commands", "Set the lift scale of %1 to %2"), name, f"{lift_scale:g}")
        super().__init__(document, changed, text, Change("plan") if name == shown else Change("scenarios"))


class SetCalendarCommand(ReplacePlanCommand):
    """Set, edit or clear (None) the campaign calendar; a calendar with problems is refused (InputError)."""

    def __init__(self, document: PlanDocument, calendar: Calendar | None, text: str):
        if calendar is not None:
            problems = check_calendar(calendar, "", 1)  # rows as the phases editor numbers them
            if problems:
                raise InputError(problems)
        super().__init__(document, replace(document.plan, calendar=calendar), text, Change("calendar"))


class ImportActualsCommand(ReplacePlanCommand):
    """Daily actuals merged into the plan's (planner.model.plan_actuals): one step, whatever it added or replaced."""

    def __init__(self, document: PlanDocument, plan: Plan, file: str):
        text = _text(QCoreApplication.translate("Commands", "Import actuals from %1"), file)
        super().__init__(document, plan, text, Change("actuals"))


class ReplanCommand(ReplacePlanCommand):
    """The re-planned scenario (planner.model.replan) added and shown; undo removes it and shows `original` again."""

    def __init__(self, document: PlanDocument, plan: Plan, original: str):
        self.original = original
        text = _text(QCoreApplication.translate("Commands", "Re-plan the rest of %1 as %2"), original,
                     plan.scenario.name)
        super().__init__(document, plan, text, Change("plan"))
