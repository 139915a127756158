"""Which template table to write: notes or history, Excel or CSV, Chinese or English headers.

The session writes the file (planner.io.tables.templates); this dialog only asks. The choices are the
catalogue's: a template holds every field of its table, headed by its label in the chosen language.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

KINDS = ("notes", "history")
SUFFIXES = (".xlsx", ".csv")
LANGS = ("zh", "en")


class TemplateDialog(QDialog):
    """Three choices, each a row of radio buttons; `kind()`, `suffix()` and `lang()` give them."""

    def __init__(self, kind: str = "notes", lang: str = "zh", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save a template table"))
        intro = QLabel(self.tr("A table with every column the app reads and an example row: fill it in (or send "
                               "it to your agency), then import it with File ▸ Import notes table, or fit lifts "
                               "from a history table on the Lifts tab."))
        intro.setWordWrap(True)
        form = QFormLayout()
        self._kinds = self._choice(form, self.tr("Table:"), KINDS, kind, (
            self.tr("Notes (the plan's notes, with budgets)"), self.tr("History (base and joint periods, to fit "
                                                                        "lifts)")))
        self._suffixes = self._choice(form, self.tr("Format:"), SUFFIXES, SUFFIXES[0], (
            self.tr("Excel (.xlsx), with a sheet that explains each column"), self.tr("CSV (UTF-8)")))
        self._langs = self._choice(form, self.tr("Headers:"), LANGS, lang, ("中文", "English"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.addButton(self.tr("Save…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setDefault(True)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def _choice(self, form: QFormLayout, label: str, values: tuple[str, ...], chosen: str,
                texts: tuple[str, ...]) -> QButtonGroup:
        group = QButtonGroup(self)
        row = QHBoxLayout()
        for value, text in zip(values, texts, strict=True):
            button = QRadioButton(text)
            button.setProperty("value", value)
            button.setChecked(value == chosen)
            group.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        form.addRow(label, row)
        return group

    @staticmethod
    def _value(group: QButtonGroup) -> str:
        return str(group.checkedButton().property("value"))

    def kind(self) -> str:
        return self._value(self._kinds)

    def suffix(self) -> str:
        return self._value(self._suffixes)

    def lang(self) -> str:
        return self._value(self._langs)

    def choose(self, kind: str | None = None, suffix: str | None = None, lang: str | None = None) -> None:
        """Set choices as a user would click them (for tests and callers that know what they want)."""
        for group, value in ((self._kinds, kind), (self._suffixes, suffix), (self._langs, lang)):
            if value is not None:
                next(b for b in group.buttons() if b.property("value") == value).setChecked(True)
