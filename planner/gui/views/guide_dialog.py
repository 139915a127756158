"""Help ▸ User guide (F1): a short guide shipped with the app, in the UI language, read in a window of its own.

The guide is Markdown in resources/guide (guide_zh.md, guide_en.md). Its tables of what each figure and
each input means are not written there but made from the field catalogue (planner.model.fields), so that
the guide says what the tooltips, the import wizard and the workbook say, and follows when a field is added.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from planner.model.fields import NOTE_FIELD, NOTE_INPUTS, NOTE_OUTPUTS, Field, pick
from planner.resources import resource_path

_HEADERS = {("metrics", "zh"): ("指标", "含义"), ("metrics", "en"): ("Figure", "Meaning"),
            ("inputs", "zh"): ("列", "含义"), ("inputs", "en"): ("Column", "Meaning")}
_BUDGET_FIRST = ("budget",)  # the cards start with the plan's budget, an input of each note


def _table(fields: list[Field], lang: str, kind: str) -> str:
    """A Markdown table of fields (`kind`: metrics or inputs): label and definition in `lang`."""
    name, meaning = _HEADERS[kind, lang]
    lines = [f"| {name} | {meaning} |", "|---|---|"]
    for field in fields:
        text = pick(field.definition, lang).replace("|", "\\|")
        lines.append(f"| **{pick(field.label, lang)}** | {text} |")
    return "\n".join(lines)


def guide_markdown(lang: str) -> str:
    """The user guide in `lang` (zh or en), its tables of figures and inputs filled from the field catalogue."""
    lang = "zh" if lang == "zh" else "en"
    text = resource_path("guide", f"guide_{lang}.md").read_text(encoding="utf-8")
    metrics = [NOTE_FIELD[key] for key in _BUDGET_FIRST] + list(NOTE_OUTPUTS)
    inputs = [field for field in NOTE_INPUTS if field.key not in _BUDGET_FIRST]
    return (text.replace("{{metrics}}", _table(metrics, lang, "metrics"))
            .replace("{{inputs}}", _table(inputs, lang, "inputs")))


class GuideDialog(QDialog):
    """The user guide in a browser pane; it stays open beside the window (not modal)."""

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("RedCat Planner user guide"))
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setMarkdown(guide_markdown(lang))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        screen = self.screen().availableGeometry()
        self.resize(min(900, screen.width() - 80), min(720, screen.height() - 80))
