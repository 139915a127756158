"""Scenarios in the app: the switcher beside the totals and the scenario manager, driven as a user would."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QInputDialog, QLabel

from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.views.scenario_manager import ScenarioManager
from planner.model.plan import Plan
from planner.model.scenarios import activate, add_scenario, all_scenarios, scenario_names


@pytest.fixture
def two_scenarios(small_plan: Plan) -> Plan:
    """The small plan (小计划 shown) and B: other budgets, a larger brand budget, a lock."""
    b = activate(add_scenario(small_plan, "B"), "B").with_budgets([3000.0, 0.0, 2500.0])
    b = b.with_params(brand_budget=9000.0)
    return activate(b, "小计划")


@pytest.fixture
def window(make_window, two_scenarios: Plan) -> MainWindow:
    window = make_window(plan=two_scenarios)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def manager(window: MainWindow, qtbot) -> ScenarioManager:
    dialog = ScenarioManager(window.session, window)
    qtbot.addWidget(dialog)
    return dialog


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def answer_names(monkeypatch: pytest.MonkeyPatch, *names: str) -> list[tuple[str, str]]:
    """QInputDialog.getText answers with `names` in turn; returns what it was asked (title, default)."""
    asked: list[tuple[str, str]] = []
    answers = list(names)

    def get_text(_parent, title: str, _label: str, *args, **kwargs) -> tuple[str, bool]:
        asked.append((title, kwargs.get("text", "")))
        return answers.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    return asked


def shown_budgets(window: MainWindow) -> list[float]:
    model = window.notes_view.model
    return sorted(float(model.column_values("budget")[p]) for p in range(model.total_notes()))


# --- the switcher -------------------------------------------------------------------------------

def test_the_switcher_lists_the_scenarios_with_the_shown_one_chosen(window: MainWindow) -> None:
    combo = window.scenario_switcher.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["小计划", "B"]
    assert window.scenario_switcher.shown == "小计划"
    assert window.scenario_switcher.isVisible()


def test_switching_shows_the_other_scenarios_table_cards_and_charts_and_undo_returns(window: MainWindow) -> None:
    budget_card = window.kpis.value_text("budget")
    chart = window.charts.budget_chart
    combo = window.scenario_switcher.combo
    combo.activated.emit(1)  # as a click on B in the list
    assert window.document.plan.scenario.name == "B"
    assert shown_budgets(window) == [0.0, 2500.0, 3000.0]
    assert window.kpis.value_text("budget") == "¥5.5K" and budget_card != "¥5.5K"
    assert window.optimise_panel.brand_budget.value() == 9000.0  # the optimise panel shows B's parameters
    assert len(chart.positions) == 2  # the budget chart draws B's two budgets
    assert window.undo_stack.undoText() == "Switch to scenario B"
    window.actions["undo"].trigger()
    assert window.scenario_switcher.shown == "小计划"
    assert shown_budgets(window) == [0.0, 500.0, 1000.0]
    assert window.kpis.value_text("budget") == budget_card


def test_optimising_works_on_the_shown_scenario(window: MainWindow, qtbot) -> None:
    window.scenario_switcher.choose("B")
    other_budgets = all_scenarios(window.document.plan)[0].budgets.tolist()
    with qtbot.waitSignal(window.optimise_panel.optimised, timeout=10_000):
        window.actions["optimise"].trigger()
    plan = window.document.plan
    assert plan.scenario.name == "B"
    assert plan.params.brand_budget == 9000.0
    assert all_scenarios(plan)[0].budgets.tolist() == other_budgets  # 小计划 kept as it was


def test_the_switcher_follows_scenarios_added_renamed_and_undone(window: MainWindow, manager: ScenarioManager,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    answer_names(monkeypatch, "C", "基准")
    assert manager.add()
    manager.select("小计划")
    assert manager.rename_selected()
    combo = window.scenario_switcher.combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["基准", "B", "C"]
    assert window.scenario_switcher.shown == "基准"
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert [combo.itemText(i) for i in range(combo.count())] == ["小计划", "B"]


# --- the manager ---------------------------------------------------------------------------------

def test_the_manager_lists_every_scenario_with_its_figures(manager: ScenarioManager) -> None:
    rows = [[manager.table.item(r, c).text() for c in range(5)] for r in range(manager.table.rowCount())]
    assert rows == [["小计划  (shown)", "¥5,000", "¥1,500", "Orders", "1"],
                    ["B", "¥9,000", "¥5,500", "Orders", "1"]]


def test_duplicating_copies_the_selected_scenario_under_the_name_given(manager: ScenarioManager, window: MainWindow,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked = answer_names(monkeypatch, "B 加预算")
    manager.select("B")
    assert manager.duplicate_selected()
    assert asked == [("Duplicate scenario", "B (copy)")]
    plan = window.document.plan
    assert scenario_names(plan) == ["小计划", "B", "B 加预算"]
    assert all_scenarios(plan)[2].budgets.tolist() == [3000.0, 0.0, 2500.0]
    assert manager.selected_name() == "B 加预算"


def test_a_duplicate_name_is_refused_with_the_cores_words_and_nothing_changes(
        manager: ScenarioManager, window: MainWindow, dialogs, monkeypatch: pytest.MonkeyPatch) -> None:
    answer_names(monkeypatch, " B ")
    before = window.document.plan
    assert not manager.add()
    assert window.document.plan is before and window.undo_stack.count() == 0
    assert dialogs.opened[-1].lines() == ['column scenario: value " B ": expected a name no other scenario of the '
                                          'plan has']


def test_a_duplicate_name_is_refused_in_chinese_too(chinese, make_window, two_scenarios: Plan, dialogs,
                                                    monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    window = make_window(plan=two_scenarios)
    dialog = ScenarioManager(window.session, window)
    qtbot.addWidget(dialog)
    answer_names(monkeypatch, "B")
    dialog.select("小计划")
    assert not dialog.rename_selected()
    assert dialogs.opened[-1].findChild(QLabel).text() == "未重命名情景："
    line = dialogs.opened[-1].lines()[0]
    assert "情景" in line and "B" in line and "scenario" not in line
    assert scenario_names(window.document.plan) == ["小计划", "B"]
    assert dialog.table.horizontalHeaderItem(0).text() == "情景"
    assert window.scenario_switcher.title.text() == "情景"


def test_deleting_is_undone_and_the_last_scenario_is_kept(manager: ScenarioManager, window: MainWindow,
                                                          dialogs) -> None:
    manager.select("小计划")
    assert manager.remove_selected()
    assert scenario_names(window.document.plan) == ["B"]
    assert window.scenario_switcher.shown == "B" and shown_budgets(window) == [0.0, 2500.0, 3000.0]
    assert not manager.delete_button.isEnabled()
    assert not manager.remove_selected()  # the button is off; asked anyway, the core refuses
    assert "a plan keeps at least one" in dialogs.opened[-1].lines()[0]
    window.undo_stack.undo()
    assert scenario_names(window.document.plan) == ["小计划", "B"]
    assert window.document.plan.scenario.name == "小计划"


def test_show_activates_the_selected_scenario(manager: ScenarioManager, window: MainWindow) -> None:
    manager.select("B")
    assert manager.show_button.isEnabled()
    assert manager.activate_selected()
    assert window.scenario_switcher.shown == "B"
    assert manager.table.item(1, 0).text() == "B  (shown)"
    assert not manager.show_button.isEnabled()


def test_the_lift_scale_is_set_per_scenario_and_refused_outside_its_range(
        manager: ScenarioManager, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    orders = window.document.estimate.totals["orders"]
    monkeypatch.setattr(QInputDialog, "getDouble", staticmethod(lambda *args, **kwargs: (0.5, True)))
    manager.select("小计划")
    assert manager.scale_selected()
    assert window.document.plan.scenario.lift_scale == 0.5
    assert window.document.estimate.totals["orders"] < orders
    assert manager.table.item(0, 4).text() == "0.5"
    assert "0.5" in window.scenario_switcher.combo.toolTip()
    window.undo_stack.undo()
    assert window.document.estimate.totals["orders"] == orders


def test_the_plan_menu_opens_the_manager(window: MainWindow, dialogs) -> None:
    window.actions["scenarios"].trigger()
    assert dialogs.shown[-1][:2] == ("ScenarioManager", "Scenarios")


def test_scenarios_are_saved_with_the_plan(window: MainWindow, manager: ScenarioManager, tmp_path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from planner.io.planfile import load_plan

    answer_names(monkeypatch, "C")
    manager.add()
    window.scenario_switcher.choose("B")
    assert window.save_to(tmp_path / "plan")
    saved = load_plan(tmp_path / "plan.rcplan")
    assert scenario_names(saved) == ["小计划", "B", "C"] and saved.scenario.name == "B"
