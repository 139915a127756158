"""Going over the brand budget is said: the brand-cost card turns to the warning colour, the status bar says it."""

from __future__ import annotations

import numpy as np
import pytest

from planner.gui.commands import ReplacePlanCommand
from planner.gui.main_window import MainWindow
from planner.gui.views.kpis import WARNING_TEXT


def brand_budget_overrun(window: MainWindow, extra: float) -> None:
    """Raise one unlocked, non-eligible note's budget so that the brand cost passes the brand budget by `extra`."""
    document = window.document
    over = document.plan.params.brand_budget - document.estimate.totals["brand_cost"] + extra
    eligible = document.estimate.notes["eligible"].to_numpy()
    position = int(np.flatnonzero(~eligible)[0])
    budget = float(document.plan.notes["budget"].iloc[position])
    window.notes_view.model.set_values("budget", [position], [budget + over], "Edit budget")


def test_within_the_budget_the_card_is_plain_and_the_status_bar_quiet(demo_window: MainWindow) -> None:
    card = demo_window.kpis.cards["brand_cost"]
    assert not card.warning
    assert card.detail.text() == "budget ¥600.0K"
    assert not demo_window.budget_warning.isVisible()


def test_over_the_budget_the_card_turns_to_the_warning_colour_with_a_sentence(demo_window: MainWindow) -> None:
    brand_budget_overrun(demo_window, 10_000)
    card = demo_window.kpis.cards["brand_cost"]
    assert card.warning
    assert card.detail.text() == "over by ¥10.0K"
    assert "Brand cost is ¥10,000 over the brand budget of ¥600,000." in card.toolTip()
    assert card.value.palette().color(card.value.foregroundRole()).name() == WARNING_TEXT
    warning = demo_window.budget_warning
    assert warning.isVisible()
    assert warning.text() == "⚠ Brand cost is ¥10,000 over the brand budget of ¥600,000."
    demo_window.undo_stack.undo()
    assert not card.warning and not warning.isVisible()
    assert card.value.palette().color(card.value.foregroundRole()).name() != WARNING_TEXT


def test_a_fen_over_is_not_over_budget(demo_window: MainWindow) -> None:
    brand_budget_overrun(demo_window, 0.005)
    assert not demo_window.kpis.cards["brand_cost"].warning
    assert not demo_window.budget_warning.isVisible()


@pytest.mark.parametrize("how", ["replace", "brand budget"])
def test_an_import_an_excel_apply_or_a_lower_brand_budget_is_flagged_too(demo_window: MainWindow, how) -> None:
    plan = demo_window.document.plan
    if how == "replace":  # what an import and applying edits from Excel push
        demo_window.undo_stack.push(ReplacePlanCommand(
            demo_window.document, plan.with_budgets(plan.notes["budget"].to_numpy() * 2), "Apply edits"))
    else:
        demo_window.optimise_panel.brand_budget.setValue(100_000)
    assert demo_window.kpis.cards["brand_cost"].warning
    assert demo_window.budget_warning.isVisible()
