"""One way to show each kind of number in the app: planner.formats for the table, cards, result and charts."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from planner.resources import resource_path
from PySide6.QtCore import QCoreApplication

from planner.gui.charts.panel import ChartsPanel
from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS, display_text
from planner.gui.session import PlanSession
from planner.gui.views.edits_preview import value_text
from planner.gui.views.optimise_result import NoteMove, OptimiseResultView
from planner.model.plan import Plan

GUI = Path(__file__).parents[2] / "planner" / "gui"


def column(key: str):
    return COLUMNS[COLUMN_INDEX[key]]


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def test_prices_have_fen_and_every_other_amount_is_whole_yuan() -> None:
    assert display_text(column("cpm"), 67.0) == "¥67.00"  # beside ¥95.50, not ¥67
    assert display_text(column("cpm"), 95.5) == "¥95.50"
    assert display_text(column("aov"), 199.0) == "¥199.00"
    assert display_text(column("budget"), 1_022.4) == "¥1,022"
    assert display_text(column("brand_cost"), 0.0) == "¥0"
    assert display_text(column("orders"), 725_476.36) == "725,476"  # counts are whole
    assert display_text(column("impressions"), 0.4) == "0"


def test_cards_write_wan_and_yi_without_a_separator(chinese, demo_window: MainWindow) -> None:
    cards = demo_window.kpis
    assert "," not in cards.value_text("impressions") and cards.value_text("impressions").endswith("万")
    assert cards.value_text("cpa").count(".") == 1 and cards.value_text("cpa").startswith("¥")  # a price
    gmv_band = cards.cards["gmv"].detail.text()
    assert gmv_band.startswith("P10–P90 ¥") and "–¥" in gmv_band  # ¥ on both ends of the range
    assert "," not in cards.value_text("budget")


def test_the_biggest_moves_read_zero_as_whole_yuan(qtbot) -> None:
    view = OptimiseResultView()
    qtbot.addWidget(view)
    text = view._moves_html([NoteMove("n1", "早餐", 0.0, 1_200.0)], [NoteMove("n2", "跑鞋", 900.0, 0.0)])
    assert "¥0.00" not in text
    assert "¥0 → <b>¥1,200</b>" in text and "¥900 → <b>¥0</b>" in text


def test_the_response_charts_today_reads_whole_yuan_and_whole_orders(qtbot, small_plan: Plan) -> None:
    panel = ChartsPanel(PlanSession(small_plan))
    qtbot.addWidget(panel)
    panel.ensure_built()
    text = panel.response_chart._today_text(0.0, 0.4, 1.5)
    assert text.startswith("Today: ¥0 → 0 orders")
    panel.response_chart.set_outcome("gmv")
    assert panel.response_chart._today_text(1_500.0, 12_345.6, 1.5).startswith("Today: ¥1,500 → ¥12,346 GMV")


# --- plurals -------------------------------------------------------------------------------------------

def plural_sources() -> set[tuple[str, str]]:
    """(context, source) of every GUI text translated with a count (%n): self.tr in a class, or translate()."""
    found: set[tuple[str, str]] = set()
    for path in GUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute):
                    found |= _plural_call(call, node.name)
        for call in ast.walk(tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "translate":
                found |= _plural_call(call, "")
    return found


def _plural_call(call: ast.Call, class_name: str) -> set[tuple[str, str]]:
    args = call.args
    if call.func.attr == "tr" and len(args) >= 3 and isinstance(args[0], ast.Constant):
        context, source = class_name, args[0].value
    elif call.func.attr == "translate" and len(args) >= 4 and isinstance(args[1], ast.Constant) \
            and isinstance(args[0], ast.Constant):
        context, source = args[0].value, args[1].value
    else:
        return set()
    return {(context, source)} if isinstance(source, str) and "%n" in source else set()


def numerus(language: str) -> dict[tuple[str, str], list[str]]:
    root = ET.parse(resource_path("translations", f"planner_{language}.ts")).getroot()
    return {(context.findtext("name"), message.findtext("source")): [f.text or "" for f in
                                                                   message.iter("numerusform")]
            for context in root.iter("context") for message in context.iter("message")
            if message.get("numerus") == "yes"}


def test_every_count_in_the_app_has_proper_plural_forms_in_both_languages() -> None:
    sources = plural_sources()
    assert ("ExcelDialogs", "Apply %n change(s)") in sources and len(sources) >= 25
    english, chinese = numerus("en"), numerus("zh_CN")
    for key in sources:
        assert key in english, key
        one, many = english[key]
        assert "(s)" not in one + many and one != many, key
        assert key in chinese and chinese[key] and "(s)" not in chinese[key][0], key


@pytest.mark.parametrize(("count", "text"), [(1, "Apply 1 change"), (2, "Apply 2 changes")])
def test_one_change_and_two_changes(qapp, count: int, text: str) -> None:
    install_language("en")
    assert QCoreApplication.translate("ExcelDialogs", "Apply %n change(s)", "", count) == text


def test_chinese_counts_read_naturally(chinese) -> None:
    assert QCoreApplication.translate("ExcelDialogs", "Apply %n change(s)", "", 2) == "应用 2 处修改"


def test_the_excel_preview_reads_as_the_table() -> None:
    assert value_text("aov", 199.0) == "¥199.00"  # a price, with fen
    assert value_text("budget", 2_500.0) == "¥2,500"
    assert value_text("budget", 1_234.5) == "¥1,234.50"  # fen typed in the workbook stay visible
    assert value_text("ctr_lift", 0.2) == "+20.00%"
    assert value_text("cvr", 0.032) == "3.20%"
