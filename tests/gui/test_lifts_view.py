"""The Lifts tab: the table as the user reads it, edits as undo steps, rows, and fitting from history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from planner.resources import resource_path
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from planner.gui.document import PlanDocument
from planner.gui.i18n import install_language
from planner.gui.models.lifts_model import INDUSTRY, SOURCE, LiftsTableModel
from planner.gui.session import PlanSession, fit_history_file
from planner.gui.views.fit_dialog import FitDialog
from planner.gui.views.fit_totals import TOTALS
from planner.gui.views.lifts_view import LiftsView
from planner.model.lifts import SOURCE_FITTED, SOURCE_TYPED, article_lifts
from planner.model.limits import MAX_LIFT
from planner.model.merge import merge_fitted_lifts
from planner.model.plan import Plan

CTR, CTR_RANGE, ENTRY = 1, 2, 5


@dataclass
class Tab:
    view: LiftsView
    document: PlanDocument
    stack: QUndoStack

    @property
    def model(self) -> LiftsTableModel:
        return self.view.model

    def text(self, industry: str, column: int) -> str:
        return self.model.index(self.model.row_of(industry), column).data()

    def edit(self, industry: str, column: int, text: str) -> bool:
        return self.model.setData(self.model.index(self.model.row_of(industry), column), text)


@pytest.fixture
def tab(qtbot, small_plan: Plan) -> Tab:
    session = PlanSession(small_plan)
    view = LiftsView(session)
    qtbot.addWidget(view)
    return Tab(view, session.document, session.undo_stack)


def test_rows_show_lifts_as_percentages_with_their_range_and_source(tab: Tab) -> None:
    assert tab.text("sports", ENTRY) == "+85.0%"
    assert tab.text("default", CTR) == "+20.0%"
    assert tab.text("default", CTR_RANGE) == "+10.0% … +30.0%"
    assert tab.text("beauty", SOURCE) == "Article figure (淘宝×小红书, 2025)"
    assert "clicks per impression" in tab.model.headerData(CTR, Qt.Orientation.Horizontal,
                                                           Qt.ItemDataRole.ToolTipRole)


def test_the_chinese_ui_names_known_industries_in_chinese(tab: Tab) -> None:
    assert install_language("zh_CN")
    try:
        assert tab.text("beauty", INDUSTRY) == "美妆"
    finally:
        install_language("en")


@pytest.mark.parametrize("typed", ["25%", "0.25", "+25 %"])
def test_editing_a_lift_changes_the_estimate_and_undo_restores_it(tab: Tab, typed: str) -> None:
    before_lifts, before_clicks = tab.document.plan.lifts, tab.document.estimate.totals["clicks"]
    assert tab.edit("beauty", CTR, typed)
    row = tab.document.plan.lifts.table.loc["beauty"]
    assert (row["ctr_lift"], row["source"]) == (0.25, SOURCE_TYPED)
    # The range moves with the value and keeps its width (article: 0.1 .. 0.3 around 0.2).
    assert (row["ctr_lift_low"], row["ctr_lift_high"]) == pytest.approx((0.15, 0.35))
    assert tab.document.estimate.totals["clicks"] > before_clicks
    assert tab.text("beauty", SOURCE) == "Typed"
    tab.stack.undo()
    assert tab.document.plan.lifts is before_lifts
    assert tab.document.estimate.totals["clicks"] == before_clicks


def test_a_lift_typed_on_a_row_without_a_range_gets_the_built_in_spread(tab: Tab) -> None:
    assert tab.edit("default", ENTRY, "30%")  # the article's default entry lift is 0, range 0 .. 0
    row = tab.document.plan.lifts.table.loc["default"]
    assert (row["entry_lift_low"], row["entry_lift_high"]) == pytest.approx((0.15, 0.45))


def test_a_lift_typed_near_the_bound_keeps_its_range_within_it(tab: Tab, dialogs) -> None:
    assert tab.edit("beauty", CTR, f"{MAX_LIFT:.0%}")  # the range's width would carry its high past the bound
    row = tab.document.plan.lifts.table.loc["beauty"]
    assert (row["ctr_lift_low"], row["ctr_lift_high"]) == pytest.approx((MAX_LIFT - 0.1, MAX_LIFT))


@pytest.mark.parametrize(("typed", "expected"), [
    ("-150%", "a lift of -100% or more"), ("-1.5", "a lift of -100% or more"), ("abc", "a lift of -100% or more"),
    ("nan", "a lift of -100% or more"), ("", "a lift of -100% or more"),
    ("25", "write a percentage with %, e.g. 25%"),
])
def test_invalid_lift_input_is_refused_and_shown(tab: Tab, typed: str, expected: str, qtbot, dialogs) -> None:
    before = tab.document.plan.lifts
    assert not tab.edit("beauty", CTR, typed)
    qtbot.waitUntil(lambda: bool(dialogs.opened))
    assert tab.document.plan.lifts is before and tab.stack.count() == 0
    [line] = dialogs.opened[0].lines()
    assert line.startswith("lift of beauty, column ctr_lift") and expected in line


def test_a_lift_of_minus_100_percent_is_accepted(tab: Tab) -> None:
    assert tab.edit("sports", ENTRY, "-100%")
    assert tab.document.plan.lifts.table.loc["sports", "entry_lift"] == -1
    assert tab.document.plan.lifts.table.loc["sports", "entry_lift_low"] >= -1


def test_adding_an_industry_row_copies_the_default_row_as_typed(tab: Tab) -> None:
    assert tab.view.add_industry("食品")
    row = tab.document.plan.lifts.table.loc["food"]
    assert (row["ctr_lift"], row["source"]) == (0.2, SOURCE_TYPED)
    assert tab.model.rowCount() == 4
    tab.stack.undo()
    assert "food" not in tab.document.plan.lifts.table.index and tab.model.rowCount() == 3


def test_the_add_button_offers_the_plan_industries_without_a_row_first(tab: Tab, monkeypatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    offered: list[list[str]] = []

    def ask(_parent, _title, _label, items, *_args):
        offered.append(list(items))
        return items[0], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(ask))
    tab.view.add_button.click()
    assert offered[0][0] == "food" and "beauty" not in offered[0]
    assert "food" in tab.document.plan.lifts.table.index


def test_an_industry_with_a_row_is_not_added_twice(tab: Tab, qtbot, dialogs) -> None:
    assert not tab.view.add_industry("美妆")
    qtbot.waitUntil(lambda: bool(dialogs.opened))
    assert tab.stack.count() == 0


def test_removing_rows_keeps_the_default_row(tab: Tab) -> None:
    tab.view.table.selectAll()
    tab.view.remove_button.click()
    assert list(tab.document.plan.lifts.table.index) == ["default"]
    assert tab.stack.count() == 1
    tab.view.table.selectRow(0)
    assert not tab.view.remove_button.isEnabled()
    tab.stack.undo()
    assert list(tab.document.plan.lifts.table.index) == ["default", "beauty", "sports"]


def test_a_removed_article_industry_comes_back_with_the_article_figures(tab: Tab) -> None:
    tab.view.remove_industries(["sports"])
    assert tab.view.add_industry("运动")
    assert tab.document.plan.lifts.table.loc["sports", "entry_lift"] == 0.85
    assert tab.document.plan.lifts.table.loc["sports", "source"] == "article"


def test_reset_restores_the_article_figures_in_one_undo_step(tab: Tab) -> None:
    tab.edit("beauty", CTR, "50%")
    tab.view.add_industry("home")
    edited = tab.document.plan.lifts
    tab.view.reset_button.click()
    assert tab.document.plan.lifts.table.equals(article_lifts().table)
    tab.stack.undo()
    assert tab.document.plan.lifts is edited


def fitted_dialog(tab: Tab, qtbot, path: Path) -> FitDialog:
    with qtbot.waitSignal(tab.view.fitDialogShown, timeout=30_000) as shown:
        tab.view.fit_from_history(path)
        assert not tab.view.fit_button.isEnabled()  # one fit at a time
    return shown.args[0]


def test_fitting_the_demo_history_shows_fitted_lifts_beside_the_current_ones(tab: Tab, qtbot) -> None:
    dialog = fitted_dialog(tab, qtbot, resource_path("demo_history.csv"))
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    sports = rows["sports"]
    assert dialog.table.item(sports, 1).text().startswith("+20.0%\n+10.0% … +30.0%")  # CTR now
    assert dialog.table.item(sports, 2).text().startswith("+29.8%")  # CTR fitted
    assert "fitted" in dialog.table.item(sports, dialog.table.columnCount() - 1).text()
    assert "food: not fitted" in dialog.report.toPlainText()
    assert tab.document.plan.lifts.table.loc["sports", "source"] == "article"  # nothing applied yet


def test_accepting_the_fit_applies_it_as_one_undo_step(tab: Tab, qtbot) -> None:
    before = tab.document.plan.lifts
    dialog = fitted_dialog(tab, qtbot, resource_path("demo_history.csv"))
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    table = tab.document.plan.lifts.table
    assert set(table.index[table["source"] == SOURCE_FITTED]) == {"default", "apparel", "beauty", "sports"}
    assert "sports" in tab.document.plan.lifts.samples
    assert tab.text("sports", SOURCE).startswith("Fitted from history: 18")
    assert tab.stack.count() == 1
    tab.stack.undo()
    assert tab.document.plan.lifts is before


def test_a_history_read_by_the_import_wizard_is_fitted_the_same_way(tab: Tab, qtbot) -> None:
    from planner.io.tables import read_history

    with qtbot.waitSignal(tab.view.fitDialogShown, timeout=30_000) as shown:
        tab.view.fit_history(read_history(resource_path("demo_history.csv")), "demo_history.csv")
    assert shown.args[0].fitted == ["default", "apparel", "beauty", "sports"]


def test_the_fit_button_asks_for_a_history_file(tab: Tab, qtbot, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    path = str(resource_path("demo_history.csv"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (path, "")))
    with qtbot.waitSignal(tab.view.fitDialogShown, timeout=30_000):
        tab.view.fit_button.click()


def test_a_second_fit_while_one_runs_is_refused(tab: Tab, qtbot) -> None:
    with qtbot.waitSignal(tab.view.fitDialogShown, timeout=30_000) as shown:
        first = tab.view.fit_from_history(resource_path("demo_history.csv"))
        assert first is not None and tab.view.fit_from_history(resource_path("demo_history.csv")) is None
    assert shown.args[0].fitted and tab.view.fit_job is None


def test_cancelling_the_fit_changes_nothing(tab: Tab, qtbot) -> None:
    dialog = fitted_dialog(tab, qtbot, resource_path("demo_history.csv"))
    dialog.reject()
    assert tab.stack.count() == 0 and tab.view.fit_button.isEnabled()


def test_a_history_too_small_to_fit_can_only_be_closed(tab: Tab, qtbot, tmp_path: Path) -> None:
    path = tmp_path / "small.csv"
    rows = [f"n{i},beauty,{period},1000,50,20,10,1,100,200" for i in range(3) for period in ("base", "joint")]
    path.write_text("note_id,industry,period,impressions,clicks,interactions,store_visits,orders,spend,gmv\n"
                    + "\n".join(rows) + "\n", encoding="utf-8")
    dialog = fitted_dialog(tab, qtbot, path)
    assert not dialog.accept_button.isEnabled()
    assert "3 base notes and 3 joint notes" in dialog.report.toPlainText()


def test_an_invalid_history_file_shows_its_problems(tab: Tab, qtbot, dialogs, tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text("note_id,industry,period,impressions,clicks,interactions,store_visits,orders,spend,gmv\n"
                    "a,beauty,someday,100,x,1,1,1,1,1\n", encoding="utf-8")
    tab.view.fit_from_history(path)
    qtbot.waitUntil(lambda: bool(dialogs.opened), timeout=10_000)
    lines = "\n".join(dialogs.opened[0].lines())
    assert "history.csv, row 2, column period" in lines and "column clicks" in lines
    assert tab.view.fit_button.isEnabled() and tab.stack.count() == 0


def test_rows_edited_while_fitting_are_kept_unless_fitted(small_plan: Plan) -> None:
    result = fit_history_file(resource_path("demo_history.csv"), small_plan.lifts).result
    edited = small_plan.lifts.with_row("home", {"ctr_lift": 0.5, "ctr_lift_high": 0.9, "source": SOURCE_TYPED})
    merged = merge_fitted_lifts(edited, result.lifts, [e.industry for e in result.report if e.fitted])
    assert merged.table.loc["home", "ctr_lift"] == 0.5
    assert merged.table.loc["sports", "source"] == SOURCE_FITTED
    assert np.array_equal(merged.samples["sports"], result.lifts.samples["sports"])


def test_the_main_window_shows_the_lifts_tab(window) -> None:
    assert isinstance(window.lifts_view, LiftsView)
    assert window.tabs.indexOf(window.lifts_view) == 2


def test_the_demo_history_is_offered_beside_choosing_a_file(tab: Tab, qtbot) -> None:
    with qtbot.waitSignal(tab.view.fitDialogShown, timeout=30_000) as shown:
        tab.view.demo_button.click()
        assert not tab.view.demo_button.isEnabled() and not tab.view.fit_button.isEnabled()
    assert shown.args[0].windowTitle() == "Lifts fitted from demo_history.csv"
    assert tab.view.demo_button.isEnabled()


def test_the_fit_review_shows_the_plans_totals_with_current_and_fitted_lifts(tab: Tab, qtbot) -> None:
    from planner.model.funnel import estimate

    plan = tab.document.plan
    dialog = fitted_dialog(tab, qtbot, resource_path("demo_history.csv"))
    merged = merge_fitted_lifts(plan.lifts, dialog.result.lifts, dialog.fitted)
    now, fitted = estimate(plan).totals, estimate(replace(plan, lifts=merged)).totals
    totals = dialog.totals
    assert totals is not None and totals.values["orders"] == (now["orders"], fitted["orders"])
    assert totals.values["gmv"][0] != totals.values["gmv"][1]  # the small plan has eligible notes
    orders = TOTALS.index("orders")
    cells = [totals.table.item(orders, c).text() for c in range(3)]
    change = fitted["orders"] - now["orders"]
    assert cells[:2] == [f"{now['orders']:,.0f}", f"{fitted['orders']:,.0f}"]
    assert cells[2].endswith(f"({change / now['orders']:+.1%})")
    assert tab.document.plan is plan  # nothing applied yet


def test_weak_fitted_lifts_carry_a_warning(tab: Tab, qtbot) -> None:
    dialog = fitted_dialog(tab, qtbot, resource_path("demo_history.csv"))
    assert set(dialog.warnings) == {"apparel", "beauty", "sports"}  # the pooled default row has 45 notes a period
    rows = {dialog.table.item(r, 0).text(): r for r in range(dialog.table.rowCount())}
    result = dialog.table.columnCount() - 1
    apparel = dialog.table.item(rows["apparel"], result)
    assert not apparel.icon().isNull() and "8 base and 8 joint notes" in apparel.toolTip()
    assert "ctr_lift may be no lift at all: its P10–P90 (-2.1% to +37.8%) crosses 0" in apparel.toolTip()
    assert dialog.table.item(rows["Default"], result).icon().isNull()
    assert dialog.caution.isVisibleTo(dialog) and "apparel" in dialog.caution.text()
