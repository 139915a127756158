"""The platform-exports wizard's state and its first two pages: the files (each recognised, a renamed column
mapped by the user and remembered) and what to import (notes, history or actuals; periods; how notes merge).

Every read is a job of the plan's session (planner.gui.session: recognise_exports, read_exports); the pages show
what it hands back: ExportFile and ExportImport objects of planner.io.exports, reached here as `Any`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.gui.errors import show_error
from planner.gui.protocols import Session
from planner.gui.settings import Settings
from planner.gui.views.import_pages import Reader, busy_bar
from planner.model.merge import ADD, REPLACE, UPDATE

NOTES, HISTORY, ACTUALS = "notes", "history", "actuals"
NOT_MAPPED = ""  # a combo box's data for "(choose the column)"


def settings_key(kind: str) -> str:
    """Where Settings keeps the columns a user mapped for an export kind."""
    return f"export_{kind}"


@dataclass
class ExportsState:
    """What the pages share: the files, the user's choices and answers, and the latest read."""

    settings: Settings
    paths: list[Path] = field(default_factory=list)
    files: list[Any] = field(default_factory=list)  # ExportFile, per path
    column_maps: dict[str, dict[str, str | None]] = field(default_factory=dict)
    target: str = NOTES
    mode: str = UPDATE
    base_days: tuple[date, date] | None = None
    joint_days: tuple[date, date] | None = None
    joint_plans: str = ""
    first_day: date | None = None
    last_day: date | None = None
    choices: dict[str, str] = field(default_factory=lambda: {"gmv": "item"})
    answers: dict[str, str | float] = field(default_factory=dict)
    leave_out: bool = False
    result: Any = None  # the latest ExportImport

    def read_choices(self) -> dict[str, Any]:
        """The session's read_exports choices."""
        history = self.target == HISTORY
        return {"target": self.target, "first_day": self.first_day, "last_day": self.last_day,
                "choices": dict(self.choices), "base_days": self.base_days if history else None,
                "joint_days": self.joint_days if history else None, "joint_plans": self.joint_plans if history else "",
                "answers": dict(self.answers), "column_maps": self.column_maps, "leave_out": self.leave_out,
                "keep": self.target != ACTUALS and self.mode == UPDATE}


class ExportFilesPage(QWizardPage):
    """Page 1: the exports, each recognised by its header; a column the export lacks is mapped here."""

    def __init__(self, state: ExportsState, files: Session, folder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self._files, self._folder = state, files, folder
        self._kinds = files.export_kinds()
        self.setTitle(self.tr("Platform exports"))
        self.setSubTitle(self.tr("Add the reports you downloaded from 聚光, 蒲公英, 种草星河, 薯条 or 小红星, several at once. "
                            "Each is recognised by its header; nothing is imported yet."))
        self.reader = Reader(self)
        self.reader.done.connect(self._recognised)
        self.reader.failed.connect(self._failed)
        self.reader.busyChanged.connect(lambda _busy: self.completeChanged.emit())
        self.add_button = QPushButton(self.tr("Add files…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.samples_button = QPushButton(self.tr("Use the demo's sample exports"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.samples_button.clicked.connect(lambda: self.set_paths(self._files.sample_exports()))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.samples_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Export"), self.tr("Header on row"), self.tr("Columns")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.busy = busy_bar()
        self.mapping = QGroupBox(self.tr("Columns not found"))
        self.mapping_form = QFormLayout(self.mapping)
        self.mapping.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.busy)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.mapping)
        self.state.column_maps = {kind: self.state.settings.column_mapping(settings_key(kind)) for kind in self._kinds}

    def isComplete(self) -> bool:
        return bool(self.state.files) and not self.reader.busy and len(self.state.files) == len(self.state.paths) \
            and all(found.ready for found in self.state.files)

    def set_paths(self, paths: list[Path]) -> None:
        """Look at these files (those added to the ones already there, once each)."""
        self.state.paths = list(dict.fromkeys([*self.state.paths, *paths]))
        self.look()

    def look(self) -> None:
        self.state.files = []
        self._show()
        if self.state.paths:
            self.reader.follow(self._files.recognise_exports(list(self.state.paths), self.state.column_maps))
        self.completeChanged.emit()

    def _add(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileNames(
            self, self.tr("Add platform exports"), self._folder, self.tr("Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if chosen:
            self.set_paths([Path(path) for path in chosen])

    def _remove(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            if row < len(self.state.paths):
                del self.state.paths[row]
        self.look()

    def _failed(self, error: Exception) -> None:
        show_error(self, error, self.tr("These files cannot be read:"))
        self._show()

    def _recognised(self, files: list[Any]) -> None:
        self.state.files = files
        self._show()
        self.completeChanged.emit()

    def _show(self) -> None:
        found = {export.path: export for export in self.state.files}
        self.table.setRowCount(len(self.state.paths))
        for row, path in enumerate(self.state.paths):
            export = found.get(path)
            cells = [path.name, "", "", self.tr("reading…") if self.reader.busy else ""]
            if export is not None:
                kinds = [self._kinds[kind][0] for kind in export.kinds]
                cells[1] = " + ".join(kinds) if kinds else self.tr("not recognised")
                cells[2] = str(export.header_row) if export.kind else ""
                missing = [name for names in export.missing.values() for name in names]
                cells[3] = self.tr("missing: %1").replace("%1", ", ".join(missing)) if missing else (
                    self.tr("all found") if export.kind else self.tr("no platform export the app knows"))
            about = "\n".join(self._kinds[kind][2] for kind in export.kinds) if export is not None else ""
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if export is not None and not export.ready:
                    item.setForeground(Qt.GlobalColor.darkRed)
                item.setToolTip("\n".join(filter(None, [str(path), about])))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self._show_mapping()

    def _show_mapping(self) -> None:
        """A combo box per missing column: which of the file's columns holds it (remembered in Settings)."""
        while self.mapping_form.rowCount():
            self.mapping_form.removeRow(0)
        rows = 0
        for export in self.state.files:
            for kind, names in export.missing.items():
                for name in names:
                    combo = QComboBox()
                    combo.addItem(self.tr("(choose the column that holds it)"), NOT_MAPPED)
                    for header in export.header:
                        if header:
                            combo.addItem(header, header)
                    combo.currentIndexChanged.connect(
                        lambda _i, c=combo, k=kind, n=name: self._map(k, n, str(c.currentData())))
                    label = self.tr("%1 of the %2 (%3)").replace("%1", name).replace("%2", self._kinds[kind][0]) \
                        .replace("%3", export.path.name)
                    self.mapping_form.addRow(label, combo)
                    rows += 1
        self.mapping.setVisible(rows > 0)

    def _map(self, kind: str, column: str, header: str) -> None:
        if not header:
            return
        maps = dict(self.state.column_maps.get(kind, {}))
        maps[header] = column
        self.state.column_maps[kind] = maps
        self.state.settings.set_column_mapping(settings_key(kind), maps)
        QTimer.singleShot(0, self.look)  # after this signal: looking again rebuilds the combo box that sent it


class ExportOptionsPage(QWizardPage):
    """Page 2: the table to make, how history rows get their period, and how imported notes join the plan's."""

    def __init__(self, state: ExportsState, has_notes: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.state = state
        self._has_notes = has_notes
        self.setTitle(self.tr("What to import"))
        self.targets = QButtonGroup(self)
        target_box = QGroupBox(self.tr("Make"))
        target_layout = QVBoxLayout(target_box)
        for target, text in ((NOTES, self.tr("Notes: rates, titles, creators, creator fees and start dates, into this "
                                         "plan")),
                             (HISTORY, self.tr("History: counts by note and period, to fit the lifts")),
                             (ACTUALS, self.tr("Actuals: counts by day and note, saved as a table"))):
            button = QRadioButton(text)
            button.setProperty("target", target)
            self.targets.addButton(button)
            target_layout.addWidget(button)
            button.setChecked(target == state.target)
        self.targets.buttonToggled.connect(lambda *_args: self._update())
        self.modes = QButtonGroup(self)
        self.mode_box = QGroupBox(self.tr("The plan's notes"))
        mode_layout = QVBoxLayout(self.mode_box)
        for mode, text in ((UPDATE, self.tr("Update the notes with the same id (their other values stay), add the new "
                                       "ones")),
                           (ADD, self.tr("Add to the plan's notes")), (REPLACE, self.tr("Replace the plan's notes"))):
            button = QRadioButton(text)
            button.setProperty("mode", mode)
            self.modes.addButton(button)
            mode_layout.addWidget(button)
            button.setChecked(mode == (state.mode if has_notes else REPLACE))
        self.mode_box.setVisible(has_notes)
        self.period_box = self._periods()
        layout = QVBoxLayout(self)
        for widget in (target_box, self.mode_box, self.period_box):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._update()

    def _periods(self) -> QGroupBox:
        box = QGroupBox(self.tr("History: which rows are base (日常) and which joint (联投)"))
        form = QFormLayout(box)
        self.by_plans = QRadioButton(self.tr("By plan name: joint plans' names (计划名称) match"))
        self.by_days = QRadioButton(self.tr("By days"))
        self.pattern = QLineEdit("联投")
        self.pattern.setToolTip(self.tr("A regular expression: 联投|联合投放 matches either word"))
        today = QDate.currentDate()
        self.day_edits = [self._day(today.addDays(offset)) for offset in (-60, -31, -30, -1)]
        days = QHBoxLayout()
        for text, edit in zip((self.tr("base from"), self.tr("to"), self.tr("joint from"), self.tr("to")), self.day_edits, strict=True):
            days.addWidget(QLabel(text))
            days.addWidget(edit)
        self.by_plans.setChecked(True)
        form.addRow(self.by_plans, self.pattern)
        form.addRow(self.by_days, days)
        for widget in (self.by_plans, self.by_days):
            widget.toggled.connect(lambda _on: self._update())
        self.pattern.textChanged.connect(lambda _text: self._update())
        return box

    @staticmethod
    def _day(value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def isComplete(self) -> bool:
        return self.state.target != HISTORY or self.by_days.isChecked() or bool(self.pattern.text().strip())

    def validatePage(self) -> bool:
        self._update()
        if self.by_days.isChecked() and self.state.target == HISTORY:
            days = [edit.date().toPython() for edit in self.day_edits]
            self.state.base_days, self.state.joint_days = (days[0], days[1]), (days[2], days[3])
            self.state.joint_plans = ""
        else:
            self.state.base_days = self.state.joint_days = None
            self.state.joint_plans = self.pattern.text().strip()
        return True

    def _update(self) -> None:
        checked = self.targets.checkedButton()
        self.state.target = str(checked.property("target")) if checked else NOTES
        mode = self.modes.checkedButton()
        self.state.mode = str(mode.property("mode")) if mode and self._has_notes else REPLACE
        self.mode_box.setEnabled(self.state.target == NOTES)
        self.period_box.setVisible(self.state.target == HISTORY)
        self.pattern.setEnabled(self.by_plans.isChecked())
        for edit in self.day_edits:
            edit.setEnabled(self.by_days.isChecked())
        self.completeChanged.emit()
