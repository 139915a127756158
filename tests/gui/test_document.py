"""The document: the plan, its file, and its estimate and uncertainty computed once per change, when asked."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from planner.gui import document as document_module
from planner.gui.document import Change, PlanDocument
from planner.gui.views.kpis import KpiPanel
from planner.model.lifts import article_lifts
from planner.model.plan import Plan


@pytest.fixture
def document(qtbot, small_plan: Plan) -> PlanDocument:
    return PlanDocument(small_plan)


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How often the document computes an estimate and an uncertainty."""
    counted = {"estimate": 0, "uncertainty": 0}
    for name in counted:
        original = getattr(document_module, name)

        def counting(plan: Plan, _original=original, _name=name):  # noqa: ANN202
            counted[_name] += 1
            return _original(plan)

        monkeypatch.setattr(document_module, name, counting)
    return counted


def test_the_estimate_is_computed_when_first_asked_for_then_kept(document: PlanDocument,
                                                                 calls: dict[str, int]) -> None:
    assert calls["estimate"] == 0
    first = document.estimate
    assert document.estimate is first and calls["estimate"] == 1
    document.set_params(brand_budget=9000.0)
    assert calls["estimate"] == 1  # not before it is asked for again
    assert document.estimate is not first and calls["estimate"] == 2


def test_the_uncertainty_is_computed_once_per_change_however_many_read_it(qtbot, document: PlanDocument,
                                                                          calls: dict[str, int]) -> None:
    cards = KpiPanel(document)
    qtbot.addWidget(cards)
    assert calls["uncertainty"] == 1  # the cards' first refresh
    assert document.uncertainty["orders"]["p10"] <= document.uncertainty["orders"]["p90"]
    assert cards.spread is document.uncertainty and calls["uncertainty"] == 1
    document.set_note_values("budget", np.array([0]), np.array([2000.0]))
    assert calls["uncertainty"] == 2  # the cards refreshed, and everyone reads their figures
    assert cards.spread is document.uncertainty


def test_lifts_that_cannot_be_drawn_give_no_uncertainty_rather_than_a_guess(qtbot, document: PlanDocument) -> None:
    lifts = article_lifts().with_row("beauty", {"ctr_lift_low": 0.9, "ctr_lift_high": 0.1})  # low above high
    document.set_lifts(lifts)
    assert document.uncertainty == {}
    cards = KpiPanel(document)
    qtbot.addWidget(cards)
    assert cards.cards["orders"].detail.text() == ""


def test_each_change_says_what_it_touched(qtbot, document: PlanDocument) -> None:
    seen: list[Change] = []
    document.changed.connect(seen.append)
    document.set_note_values("budget", np.array([2, 0]), np.array([5.0, 6.0]))
    document.set_params(brand_budget=1.0, joint=False)
    document.set_lifts(article_lifts())
    document.replace_plan(document.plan)
    assert seen == [Change("notes", (2, 0), ("budget",)), Change("params", None, ("brand_budget", "joint")),
                    Change("lifts"), Change("plan")]


def test_note_values_are_set_by_position_and_keep_the_columns_type(document: PlanDocument) -> None:
    document.set_note_values("locked", np.array([1]), np.array([1]))
    assert document.plan.notes["locked"].tolist() == [False, True, False]
    assert document.plan.notes["locked"].dtype == bool
    values = document.note_values("budget", np.array([0, 1]))
    values[:] = -1.0  # a copy: the plan is never changed behind the document's back
    assert document.plan.notes["budget"].tolist() == [1000.0, 500.0, 0.0]


def test_the_path_is_told_when_it_changes(qtbot, document: PlanDocument, tmp_path: Path) -> None:
    with qtbot.waitSignal(document.pathChanged) as told:
        document.set_path(tmp_path / "618.rcplan")
    assert told.args == [tmp_path / "618.rcplan"] and document.path == tmp_path / "618.rcplan"
