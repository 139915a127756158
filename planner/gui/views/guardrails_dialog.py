"""Plan ▸ Guardrails…: when the warnings fire (MODEL.md section 12), and which history table they read.

The five thresholds are plan settings (planner.model.thresholds), shown in the units a planner thinks in:
percentages of the audience cap and of the budget, a multiple, percentiles. Each box's range is the setting's
allowed range, so no combination the dialog offers is invalid. OK changes them in one undo step.

The history table is the session's, not the plan's (the plan file keeps none): the one lifts were last fitted
from, or one chosen here, until another plan is shown. A choice here takes effect with OK too.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.gui.commands import SetThresholdsCommand
from planner.gui.history import GuardHistory
from planner.gui.i18n import ui_lang
from planner.gui.jobs import Job
from planner.gui.protocols import Session
from planner.model.fields import term
from planner.model.thresholds import MAX_HISTORY_MULTIPLE, Thresholds

# Each setting: its scale from the model's value to the box's, its range there, decimals, prefix and suffix.
# The ranges are Thresholds.problems()'s: a percentile below 50 is at most 49.9 in a box of one decimal.
BOXES = {
    "saturation": (100.0, 50.0, 100.0, 0, "", "%"),
    "concentration": (100.0, 5.0, 100.0, 0, "", "%"),
    "history_multiple": (1.0, 1.0, MAX_HISTORY_MULTIPLE, 1, "×", ""),
    "rate_low": (1.0, 0.0, 49.9, 1, "P", ""),
    "rate_high": (1.0, 50.1, 100.0, 1, "P", ""),
}


class SettingBox(QDoubleSpinBox):
    """A threshold's box: whole values without a needless decimal (P5, ×3), halves as typed (P2.5, ×1.5)."""

    def textFromValue(self, value: float) -> str:  # noqa: N802
        text = f"{value:.{self.decimals()}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text


class GuardrailsDialog(QDialog):
    """The guardrails' thresholds and history; `apply()` makes the choices the plan's and the session's."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._original = session.document.plan.thresholds
        self.history: GuardHistory | None = session.document.history  # as chosen here, until OK
        self.read_job: Job | None = None
        self._reading = ""  # the file being read
        self.setWindowTitle(self.tr("Guardrails"))
        self.boxes: dict[str, QDoubleSpinBox] = {key: self._box(key) for key in BOXES}
        self._shown: dict[str, float] = {}  # what each box showed at first: unchanged, the plan's value stays
        self._show(self._original)
        self._shown = {key: box.value() for key, box in self.boxes.items()}
        intro = QLabel(self.tr("When the warnings fire. A warning never stops anything: it says what to check."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self._settings())
        layout.addWidget(self._history_box())
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).setText(self.tr("Restore defaults"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)
        layout.addWidget(self.buttons)
        self._tab_order()
        self._show_history()
        self.boxes["saturation"].setFocus()
        self.setMinimumWidth(560)

    # ------------------------------------------------------------------ the thresholds

    def _box(self, key: str) -> QDoubleSpinBox:
        _scale, low, high, decimals, prefix, suffix = BOXES[key]
        box = SettingBox()
        box.setDecimals(decimals)
        box.setRange(low, high)
        box.setPrefix(prefix)
        box.setSuffix(suffix)
        box.setSingleStep(1.0 if key != "history_multiple" else 0.5)
        box.setAccelerated(True)
        box.setMinimumWidth(90)
        return box

    def _settings(self) -> QWidget:
        helps = {
            "saturation": self.tr("Warn when a note reaches more than this share of its audience cap: more budget "
                                  "then buys few new impressions."),
            "concentration": self.tr("Warn when one note takes more than this share of the plan's budget: the plan "
                                     "rests on one note."),
            "history_multiple": self.tr("Warn when a note's budget is more than this many times the most the note "
                                        "(or its creator) ever spent in the history table."),
            "rate_low": self.tr("Warn when a note's click, interaction, store-visit or conversion rate is below "
                                "this percentile of its industry's notes in the history table…"),
            "rate_high": self.tr("…or above this one."),
        }
        group = QGroupBox(self.tr("When to warn"))
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, box in self.boxes.items():
            text = QLabel(helps[key])
            text.setWordWrap(True)
            text.setStyleSheet("color: #555;")
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)  # level with its name, beside a long explanation
            row.addWidget(text, 1)
            label = QLabel(term(key, ui_lang()) or key)
            label.setBuddy(box)
            form.addRow(label, row)
        return group

    def _show(self, thresholds: Thresholds) -> None:
        for key, box in self.boxes.items():
            box.setValue(float(getattr(thresholds, key)) * BOXES[key][0])

    def thresholds(self) -> Thresholds:
        """The thresholds as the boxes say; a box left as it was keeps the plan's exact value."""
        values = {}
        for key, box in self.boxes.items():
            unchanged = key in self._shown and box.value() == self._shown[key]
            values[key] = getattr(self._original, key) if unchanged else box.value() / BOXES[key][0]
        return Thresholds(**values)

    def restore_defaults(self) -> None:
        self._show(Thresholds())

    def _clicked(self, button: QAbstractButton) -> None:
        if self.buttons.buttonRole(button) == QDialogButtonBox.ButtonRole.ResetRole:
            self.restore_defaults()

    # ------------------------------------------------------------------ the history

    def _history_box(self) -> QWidget:
        group = QGroupBox(self.tr("History table (past history and unusual rates)"))
        self.history_text = QLabel()
        self.history_text.setWordWrap(True)
        self.history_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        about = QLabel(self.tr("Fitting lifts from a history table (Lifts ▸ Fit from history…) makes it the "
                               "guardrails' history too. The plan file keeps no history table: it is used until "
                               "another plan is opened."))
        about.setWordWrap(True)
        about.setStyleSheet("color: #555;")
        self.choose_button = QPushButton(self.tr("Choose history table…"))
        self.choose_button.clicked.connect(self.ask_history)
        self.clear_button = QPushButton(self.tr("Don't use history"))
        self.clear_button.clicked.connect(self.clear_history)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(group)
        layout.addWidget(self.history_text)
        layout.addLayout(buttons)
        layout.addWidget(about)
        return group

    def _show_history(self) -> None:
        history, reading = self.history, self.read_job is not None
        if reading:
            text = self.tr("Reading %1…").replace("%1", self._reading)
        elif history is None:
            text = self.tr("No history: past history and unusual rates are not checked.")
        else:
            rows = history.rows
            text = self.tr("History: %1, %2 row(s)", "", rows).replace("%1", history.name).replace("%2", f"{rows:,}")
        self.history_text.setText(text)
        self.choose_button.setEnabled(not reading)
        self.clear_button.setEnabled(history is not None and not reading)

    def ask_history(self) -> None:
        settings = getattr(self.parent(), "settings", None)  # the main window's, for the last folder used
        folder = settings.last_folder() if settings is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a history table for the guardrails"), folder,
                                              self.tr("Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if path:
            self.read_history(Path(path))

    def read_history(self, path: Path) -> Job | None:
        """Read `path` as a job of the session; its problems are shown as any file's. None while one is read."""
        job = self._session.read_guardrails_history(path)
        if job is None:
            return None
        self.read_job, self._reading = job, path.name
        job.finished.connect(self._history_read)
        job.ended.connect(self._read_over)
        self._show_history()
        return job

    def _history_read(self, history: GuardHistory) -> None:
        self.history = history

    def _read_over(self, *_args: object) -> None:
        self.read_job = None
        self._show_history()

    def clear_history(self) -> None:
        self.history = None
        self._show_history()

    # ------------------------------------------------------------------ keys and outcome

    def _tab_order(self) -> None:
        chain: list[QWidget] = [*self.boxes.values(), self.choose_button, self.clear_button,
                                *self.buttons.buttons()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def apply(self) -> bool:
        """Make the choices the session's history and the plan's thresholds (one undo step, if they changed);
        True when anything changed."""
        document = self._session.document
        changed = False
        if self.history is not document.history:
            document.set_history(self.history)
            changed = True
        thresholds = self.thresholds()
        if thresholds != document.plan.thresholds:
            self._session.undo_stack.push(SetThresholdsCommand(document, thresholds))
            changed = True
        return changed
