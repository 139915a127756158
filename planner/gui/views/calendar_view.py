"""The Calendar tab: the campaign's first and last day and its phases (MODEL.md section 9), saved with the plan.

A shipped preset (the 2025 618, a generic Double 11, each saying where its dates come from), a calendar table
(CSV or XLSX, read by the session) or the phases typed here. The phases table is a draft: each edit that leaves
a valid calendar is applied at once as one undo step; while the draft has problems (overlapping phases, a
phase with no days, weights all 0, a shape outside 50-150) they are listed in the core's words below the table
and nothing is applied, until they are fixed or the draft is reverted.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.gui.commands import SetCalendarCommand
from planner.gui.document import Change
from planner.gui.models.phases_model import COLUMNS, PhasesModel
from planner.gui.protocols import Session
from planner.model.calendar import Calendar, check_calendar
from planner.model.errors import InputError, Problem


class CalendarView(QWidget):
    """Presets, import and clear above; the plan's calendar, its phases table and its problems below."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document = session.document
        self._stack = session.undo_stack
        self.presets: list[tuple[str, Calendar]] = session.calendar_presets()
        self.model = PhasesModel(self)
        self.model.edited.connect(self._draft_edited)
        self.model.cellRefused.connect(self._cell_refused)
        layout = QVBoxLayout(self)
        layout.addWidget(self._preset_box())
        layout.addWidget(self._calendar_box(), 1)
        self._document.changed.connect(self._on_changed)
        self.reload()

    # --- layout -----------------------------------------------------------------------------------

    def _preset_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Start from"))
        self.preset = QComboBox()
        for key, calendar in self.presets:
            self.preset.addItem(calendar.name or key, key)
        self.preset.currentIndexChanged.connect(self._show_preset_source)
        self.use_preset_button = QPushButton(self.tr("Use this preset"))
        self.use_preset_button.setToolTip(self.tr("Replace the plan's calendar by the preset (undo brings yours "
                                                  "back)"))
        self.use_preset_button.clicked.connect(lambda: self.use_preset(self.preset.currentIndex()))
        self.import_button = QPushButton(self.tr("Import calendar table…"))
        self.import_button.setToolTip(self.tr("A CSV or XLSX table with the columns phase, start, end, weight, "
                                              "shape (阶段 开始 结束 权重 节奏)"))
        self.import_button.clicked.connect(self.ask_table)
        self.clear_button = QPushButton(self.tr("Clear calendar"))
        self.clear_button.setToolTip(self.tr("The plan without a campaign calendar (no daily pacing)"))
        self.clear_button.clicked.connect(self.clear)
        self.preset_source = QLabel()
        self.preset_source.setWordWrap(True)
        self.preset_source.setStyleSheet("color: palette(placeholder-text);")
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Preset:")))
        row.addWidget(self.preset)
        row.addWidget(self.use_preset_button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.clear_button)
        column = QVBoxLayout(box)
        column.addLayout(row)
        column.addWidget(self.preset_source)
        self._show_preset_source()
        return box

    def _calendar_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("The plan's campaign calendar"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(110)
        header.setMinimumSectionSize(70)
        self.add_button = QPushButton(self.tr("Add phase"))
        self.add_button.clicked.connect(self.model.add_phase)
        self.remove_button = QPushButton(self.tr("Remove phase"))
        self.remove_button.setToolTip(self.tr("Remove the selected phase; its days go to the phase before it"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.setToolTip(self.tr("Drop the changes not applied yet: the calendar as the plan has it"))
        self.revert_button.clicked.connect(self.reload)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.revert_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet("color: #b3261e;")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        column = QVBoxLayout(box)
        column.addWidget(self.summary)
        column.addWidget(self.table, 1)
        column.addLayout(buttons)
        column.addWidget(self.problems)
        return box

    def _show_preset_source(self, *_args: object) -> None:
        index = self.preset.currentIndex()
        if 0 <= index < len(self.presets):
            self.preset_source.setText(self.tr("Where its dates come from: %1").replace(
                "%1", self.presets[index][1].source))

    # --- following the plan -----------------------------------------------------------------------

    def _on_changed(self, change: Change) -> None:
        if change.kind in ("calendar", "plan"):
            self.reload()

    def reload(self) -> None:
        """Show the plan's calendar, dropping a draft not applied."""
        calendar = self._document.plan.calendar
        self.model.load(calendar)
        self._set_problems([])
        self._update_summary(calendar)
        self.clear_button.setEnabled(calendar is not None)
        self.revert_button.setEnabled(False)

    def _update_summary(self, calendar: Calendar | None) -> None:
        if calendar is None:
            self.summary.setText(self.tr("The plan has no campaign calendar yet: use a preset, import a calendar "
                                         "table or add phases. Daily pacing needs one."))
            return
        text = self.tr("%1 to %2: %n day(s)", "", calendar.n_days).replace("%1", calendar.first_day.isoformat()) \
            .replace("%2", calendar.last_day.isoformat())
        if calendar.name:
            text = f"{calendar.name} · {text}"
        if calendar.source:
            text += "\n" + self.tr("Where its dates come from: %1").replace("%1", calendar.source)
        self.summary.setText(text)

    # --- edits ------------------------------------------------------------------------------------

    def _draft_edited(self) -> None:
        """Apply the draft if it is a valid calendar (one undo step); else list its problems."""
        calendar = self.model.draft()
        if calendar is None:
            self.clear()
            return
        problems = check_calendar(calendar, "", 1)
        if problems:
            self._set_problems([self._in_table(p) for p in problems])
            self.revert_button.setEnabled(True)
            return
        if calendar == self._document.plan.calendar:  # a draft put back as it was: nothing to undo
            self._set_problems([])
            self.revert_button.setEnabled(False)
            return
        self._apply(calendar, self.tr("Edit the campaign calendar"))

    def _in_table(self, problem: Problem) -> Problem:
        """A problem of the draft named by the table's own column titles."""
        titles = {key: self.model.title(i) for i, key in enumerate(COLUMNS)}
        if problem.column == "start" and isinstance(problem.value, float):
            titles["start"] = self.model.title(COLUMNS.index("opening"))  # the opening hour's own problem
        column = titles.get(problem.column or "", problem.column)
        value = f"{problem.value:g}" if isinstance(problem.value, float) else problem.value  # 40, as typed
        return Problem(self.tr("calendar"), problem.row, column, value, problem.expected, header=column is not None)

    def _cell_refused(self, row: int, column: str, text: str, expected: str) -> None:
        self._set_problems([Problem(self.tr("calendar"), row, column, text, expected, header=True)])

    def _set_problems(self, problems: list[Problem]) -> None:
        self.problems.setText("\n".join(str(problem) for problem in problems))
        self.problems.setVisible(bool(problems))

    @property
    def problem_lines(self) -> list[str]:
        text = self.problems.text()
        return text.splitlines() if text else []

    def _apply(self, calendar: Calendar | None, text: str) -> bool:
        try:
            command = SetCalendarCommand(self._document, calendar, text)
        except InputError as error:
            self._set_problems([self._in_table(p) for p in error.problems])
            return False
        self._stack.push(command)
        return True

    def use_preset(self, index: int) -> bool:
        """Replace the plan's calendar by preset `index` (one undo step)."""
        if not 0 <= index < len(self.presets):
            return False
        calendar = self.presets[index][1]
        return self._apply(calendar, self.tr("Use the calendar %1").replace("%1", calendar.name))

    def clear(self) -> bool:
        if self._document.plan.calendar is None:
            self.reload()
            return False
        return self._apply(None, self.tr("Clear the campaign calendar"))

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedIndexes()})
        if rows:
            self.model.remove_phase(rows[0])

    def ask_table(self) -> None:
        folder = self._document.path.parent if self._document.path is not None else Path.home()
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Import a calendar table"), str(folder),
                                              self.tr("Tables (*.csv *.xlsx *.tsv *.txt)"))
        if name:
            self.import_table(Path(name))

    def import_table(self, path: Path) -> None:
        """Read a calendar table as a job of the session; its problems are shown by the job, in the core's words."""
        job = self._session.read_calendar(path)
        if job is not None:
            job.finished.connect(lambda calendar: self._imported(calendar, path))

    def _imported(self, calendar: Calendar, path: Path) -> None:
        """A table read is a valid calendar (checked as it was read): named after its file, which it comes from."""
        named = replace(calendar, name=calendar.name or path.stem, source=calendar.source or path.name)
        self._apply(named, self.tr("Import the calendar %1").replace("%1", path.name))
