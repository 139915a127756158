"""Chinese and English UIs: Qt translations from resources/translations, the seed vocabulary, locale choice."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from planner.resources import resource_path
from PySide6.QtCore import Qt

from planner.gui.i18n import install_language, resolve_language, ui_lang
from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX


@pytest.fixture
def chinese(qapp) -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def test_the_system_locale_picks_the_language() -> None:
    assert resolve_language("system", "zh_CN") == "zh_CN"
    assert resolve_language("system", "zh_TW") == "zh_CN"
    assert resolve_language("system", "de_DE") == "en"
    assert resolve_language("en", "zh_CN") == "en"


def test_the_window_speaks_chinese_with_the_seed_vocabulary(chinese, make_window) -> None:
    window: MainWindow = make_window()
    assert window.open_demo()
    assert ui_lang() == "zh"
    header = window.notes_view.model.headerData
    labels = {key: header(COLUMN_INDEX[key], Qt.Orientation.Horizontal) for key in
              ("budget", "creator", "ctr", "interaction_rate", "entry_rate", "taobao_link", "cvr", "aov")}
    assert labels == {"budget": "预算", "creator": "达人", "ctr": "点击率", "interaction_rate": "互动率",
                      "entry_rate": "进店率", "taobao_link": "挂链", "cvr": "转化率", "aov": "客单价"}
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "文件(&F)"
    assert window.tabs.tabText(0) == "笔记"
    assert window.optimise_panel.joint.text() == "联投"
    assert window.kpis.cards["impressions"].title.text() == "曝光"
    assert "万" in window.kpis.value_text("impressions")  # 万/亿 units in Chinese
    industry = window.notes_view.model.data(window.notes_view.model.index(0, COLUMN_INDEX["industry"]))
    assert industry in ("美妆", "运动", "服饰", "食品", "母婴")


def test_tooltips_define_the_rates_in_chinese(chinese, make_window) -> None:
    window: MainWindow = make_window()
    tip = window.notes_view.model.headerData(COLUMN_INDEX["interaction_rate"], Qt.Orientation.Horizontal,
                                             Qt.ItemDataRole.ToolTipRole)
    assert tip == "互动率: 每次曝光的互动数（按曝光计，不按点击计）"


def test_every_source_string_has_a_chinese_translation() -> None:
    root = ET.parse(resource_path("translations", "planner_zh_CN.ts")).getroot()
    unfinished = [m.findtext("source") for m in root.iter("message")
                  if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert unfinished == []
    assert resource_path("translations", "planner_zh_CN.qm").stat().st_size > 1000


def test_back_to_english(make_window) -> None:
    install_language("en")
    window: MainWindow = make_window()
    assert window.tabs.tabText(0) == "Notes"
    assert ui_lang() == "en"


def test_choosing_a_language_is_remembered_for_the_next_start(window: MainWindow, settings, dialogs) -> None:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Settings")
    languages = menu.actions()[0].menu()
    next(a for a in languages.actions() if a.data() == "zh_CN").trigger()
    assert settings.language() == "zh_CN"
    assert "started again" in dialogs.texts()
    assert resolve_language(settings.language(), "en_US") == "zh_CN"


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_each_message_of_the_translations_has_one_source_and_one_translation(lang: str) -> None:
    """A message holding two sources (a merge gone wrong) loses one of them to lrelease without a word."""
    root = ET.parse(resource_path("translations", f"planner_{lang}.ts")).getroot()
    malformed = [[source.text for source in message.findall("source")] for message in root.iter("message")
                 if len(message.findall("source")) != 1 or len(message.findall("translation")) != 1]
    assert malformed == []
    for context in root.iter("context"):
        sources = [message.findtext("source") for message in context.iter("message")]
        assert len(sources) == len(set(sources)), context.findtext("name")
