"""What every field and metric is called and what it means, in the UI language.

The words are the field catalogue's (planner.model.fields), in both languages: the UI picks one with
ui_lang(), so Qt's translation files hold none of them. The outputs' definitions state MODEL.md's
formulas in words, so that a tooltip says exactly what a number is. Where a row of lifts came from is
the app's own wording, translated by Qt (context "Metrics").
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from planner.gui.i18n import ui_lang
from planner.model.fields import (
    DEFAULT_ROW_LABEL,
    HISTORY_FIELD,
    NOTE_INPUTS,
    NOTE_OUTPUTS,
    Words,
    format_label,
    industry_label,
    note_field,
    pick,
)
from planner.model.lifts import DEFAULT_ROW

# Every field and metric that has a name: the notes' inputs and the estimate's outputs.
LABELS: dict[str, Words] = {field.key: field.label for field in NOTE_INPUTS + NOTE_OUTPUTS}

OBJECTIVE_KEYS = ("clicks", "interactions", "store_visits", "orders", "gmv")


def label(key: str) -> str:
    """The field's or metric's name in the UI language (the key itself if it has none)."""
    return pick(LABELS[key], ui_lang()) if key in LABELS else key


def definition(key: str) -> str:
    """What the field or metric means, in the UI language ("" if it has no definition)."""
    field = note_field(key)
    return pick(field.definition, ui_lang()) if field else ""


def history_definition(key: str) -> str:
    """What a column of a history table counts (MODEL.md section 7), in the UI language."""
    field = HISTORY_FIELD.get(key)
    return pick(field.definition, ui_lang()) if field else ""


def tooltip(key: str) -> str:
    """`Label: definition`, the tooltip of a column header or a KPI card."""
    meaning = definition(key)
    return f"{label(key)}: {meaning}" if meaning else label(key)


def industry_text(industry: str) -> str:
    """A known industry in the UI language (美妆 for beauty); other text exactly as the user typed it."""
    if industry == DEFAULT_ROW:
        return pick(DEFAULT_ROW_LABEL, ui_lang())
    return industry_label(industry, ui_lang())


def format_text(value: str) -> str:
    return format_label(value, ui_lang())


SOURCE_LABELS: dict[str, str] = {
    "article": QT_TRANSLATE_NOOP("Metrics", "built-in: the published figures of the Red Cat plan article"),
    "fitted": QT_TRANSLATE_NOOP("Metrics", "fitted from your history"),
    "typed": QT_TRANSLATE_NOOP("Metrics", "typed by a user"),
}


def source_text(source: str, n_notes: float | None = None) -> str:
    """Where a row of lifts came from, in the UI language (with the number of notes for fitted rows)."""
    text = QCoreApplication.translate("Metrics", SOURCE_LABELS[source]) if source in SOURCE_LABELS else source
    if source == "fitted" and n_notes is not None and n_notes == n_notes:
        count = int(n_notes)  # lupdate reads the plural form only with a plain name as the count
        text += " " + QCoreApplication.translate("Metrics", "(%n notes)", "", count)
    return text
