"""Every column and metric has a name and an exact definition, the field catalogue's, in the UI language."""

from __future__ import annotations

import pytest

from planner.gui import i18n
from planner.gui.labels import LABELS, definition, history_definition, industry_text, label, tooltip
from planner.gui.models.note_columns import COLUMNS, table_columns
from planner.gui.views.kpis import CARDS
from planner.model.fields import MONEY, NOTE_INPUTS, Field, Rule
from planner.model.funnel import NOTE_KEYS, TOTAL_KEYS
from planner.model.notes import NOTE_FIELDS


@pytest.fixture
def chinese_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The UI language is Chinese (without installing translators: the catalogue needs none)."""
    monkeypatch.setattr(i18n, "_language", "zh_CN")


def test_every_field_and_metric_has_a_label() -> None:
    assert set(NOTE_FIELDS) | set(NOTE_KEYS) | set(TOTAL_KEYS) <= set(LABELS)


def test_every_column_is_defined() -> None:
    assert [c.key for c in COLUMNS if not definition(c.key)] == []


def test_every_kpi_card_is_defined() -> None:
    assert all(definition(key) for key in CARDS)
    assert tooltip("cpm").startswith("CPM: cost in ¥ per 1,000 impressions")


def test_labels_and_definitions_follow_the_ui_language(chinese_words: None) -> None:
    assert label("cpm") == "千次曝光成本"
    assert tooltip("ctr") == "点击率: 每次曝光的点击数"
    assert history_definition("spend") == "加热花费（¥，拟合不需要）"
    assert (industry_text("beauty"), industry_text("default"), industry_text("Beauty")) == ("美妆", "默认", "Beauty")


def test_english_labels_are_the_catalogues() -> None:
    assert (label("entry_rate"), definition("cvr"), industry_text("default")) == (
        "Store-entry rate", "orders per store visit", "default")


def test_the_table_shows_every_input_and_every_estimate() -> None:
    keys = {c.key for c in COLUMNS}
    assert set(NOTE_FIELDS) <= keys
    assert set(NOTE_KEYS) <= keys


def test_a_new_input_of_the_catalogue_becomes_an_editable_column() -> None:
    fee = Field("agency_fee", MONEY, ("代理费", "Agency fee"), ("付给代理商的费用", "the agency's fee"),
                Rule(0.0, 1e12, "an amount", "from {low:,.0f} to ¥{high:,.0f}", "too much"))
    columns = table_columns(NOTE_INPUTS + (fee,))
    added = [(c.key, c.kind, c.source, c.editable) for c in columns if c.key not in {c.key for c in COLUMNS}]
    assert added == [("agency_fee", MONEY, "notes", True)]
    assert [c.key for c in columns if c.key != "agency_fee"] == [c.key for c in COLUMNS]
