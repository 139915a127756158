"""Every column and metric has a name and an exact definition."""

from __future__ import annotations

from planner.gui.labels import LABELS, definition, tooltip
from planner.gui.models.note_columns import COLUMNS
from planner.gui.views.kpis import CARDS
from planner.model.funnel import NOTE_KEYS, TOTAL_KEYS
from planner.model.notes import NOTE_FIELDS


def test_every_field_and_metric_has_a_label() -> None:
    assert set(NOTE_FIELDS) | set(NOTE_KEYS) | set(TOTAL_KEYS) <= set(LABELS)


def test_every_column_but_free_text_is_defined() -> None:
    undefined = [c.key for c in COLUMNS if not definition(c.key) and c.key not in ("title", "creator")]
    assert undefined == []


def test_every_kpi_card_is_defined() -> None:
    assert all(definition(key) for key in CARDS)
    assert tooltip("cpm").startswith("CPM: cost in ¥ per 1,000 impressions")


def test_the_table_shows_every_input_and_every_estimate() -> None:
    keys = {c.key for c in COLUMNS}
    assert set(NOTE_FIELDS) <= keys
    assert set(NOTE_KEYS) <= keys
