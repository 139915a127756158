"""The import wizard's state, its background reads, and the table of problems it shows.

Reads are jobs of the plan's session (a preview, then the whole table): a read overtaken by a newer one
(Re-read, Back, a ticked box) is cancelled and its outcome dropped, so that a page never shows an older
file's state. The session reads the files; the pages only show what it hands back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QProgressBar,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner.gui.errors import show_error
from planner.gui.jobs import Cancelled, Job
from planner.gui.labels import definition, history_definition
from planner.gui.protocols import Session
from planner.gui.settings import Settings
from planner.model.errors import Problem

PREVIEW_ROWS = 20
KEEP_EXTRA = ""  # a column that is no field, kept by the notes as an extra column under its header
LEAVE_OUT = "-"  # a combo box's data for "(ignore)": None in a column map (a field name is never "-")
UNRECOGNISED = "#ffe9a8"  # the background of columns the app did not recognise by name
BAD_CELL = "#ffc9c9"  # the background of a preview cell with a problem (its tooltip says which)



@dataclass
class ImportSession:
    """What the wizard's pages share: the file, its preview, the chosen columns and the read result."""

    path: Path
    kind: str
    settings: Settings
    remembered: dict[str, str | None]  # header -> field (or None: left out) chosen in earlier imports
    schema: Any  # the table kind's fields (`kinds`), labels and required ones, as the session gives them
    preview: Any = None  # the file's top and its columns as recognised (a TablePreview), once read
    column_map: dict[str, str | None] = field(default_factory=dict)
    result: Any = None  # the rows to import, without problems (an ImportResult); None until there are

    def imported_columns(self) -> list[str]:
        """The columns the table gives under the chosen column map: fields and extra columns."""
        return list(self.preview.check(self.column_map).position) if self.preview is not None else []

    def field_label(self, name: str) -> str:
        """A field as the combo boxes show it: 预算 / budget."""
        return f"{self.schema.labels[name]} / {name}" if name in self.schema.labels else name

    def field_definition(self, name: str) -> str:
        """What the field means in this app (the rates' definitions matter: convert before importing)."""
        return definition(name) if self.kind == "notes" else history_definition(name)


class Reader(QObject):
    """Follows a page's latest read (a session job): `done`/`failed` carry its outcome, never an older one's."""

    done = Signal(object)
    failed = Signal(object)
    busyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.job: Job | None = None

    @property
    def busy(self) -> bool:
        return self.job is not None

    def follow(self, job: Job) -> None:
        """Show the outcome of `job` (a newer read of the session, which supersedes any older one)."""
        self.job = job
        job.finished.connect(self._finished)
        job.failed.connect(self._failed)
        self.busyChanged.emit(True)

    def forget(self) -> None:
        """Drop the read under way (the page it was for was left)."""
        if self.job is not None:
            self.job.cancel()
        self._idle()

    def _idle(self) -> None:
        if self.job is not None:
            self.job = None
            self.busyChanged.emit(False)

    def _finished(self, result: object) -> None:
        self._idle()  # only the read followed ends well: an older one is cancelled when overtaken
        self.done.emit(result)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, Cancelled):
            return  # overtaken by a newer read, or forgotten
        self._idle()
        self.failed.emit(error)


def busy_bar() -> QProgressBar:
    """A thin bar that moves while a read runs (its length is unknown)."""
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.setVisible(False)
    return bar


class ProblemsModel(QAbstractTableModel):
    """Problems as rows of Row, Column, Value, Expected: the pieces of the CLI's line (str(Problem))."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._headers = [self.tr("Row"), self.tr("Column"), self.tr("Value"), self.tr("Expected")]

    def set_problems(self, problems: list[Problem]) -> None:
        self.beginResetModel()
        self._problems = list(problems)
        self.endResetModel()

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._problems)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        problem = self._problems[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(problem, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(problem)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def cell(problem: Problem, column: int) -> str:
        value = "" if problem.value is None else str(problem.value)
        return ("" if problem.row is None else str(problem.row), problem.column_text or "",
                value if len(value) <= 60 else value[:57] + "...", problem.expected)[column]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class ColumnsPage(QWizardPage):
    """Page 1: the first rows under the file's header, and per file column the field it gives.

    Columns the app does not recognise are highlighted; required fields no column gives block Next.
    The user's choices are remembered by header text (Settings.column_mapping) and offered next time.
    """

    refused = Signal(object)  # the file cannot be read at all: the error, already shown to the user

    def __init__(self, session: ImportSession, files: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self._files = files
        self.setTitle(self.tr("Preview and columns"))
        self.reader = Reader(self)
        self.reader.done.connect(self._previewed)
        self.reader.failed.connect(self._failed)
        self.reader.busyChanged.connect(self._busy)
        self.format = QLabel(self.tr("Reading %1…").replace("%1", session.path.name))
        self.busy = busy_bar()
        self.table = _read_only(QTableWidget())
        self.mapping = _read_only(QTableWidget(0, 4))
        self.mapping.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Imported as"),
                                                self.tr("Status"), self.tr("Meaning in this app")])
        self.mapping.verticalHeader().hide()
        self.mapping.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.blockers = QLabel()
        self.blockers.setStyleSheet("color: #b00020;")
        self.blockers.setWordWrap(True)
        self.bad_cells = QLabel()  # how many cells of the rows shown have a problem (they are marked)
        self.bad_cells.setWordWrap(True)
        self.bad_cells.setVisible(False)
        hint = QLabel(self.tr("Rates are read as this app defines them: interaction rate (互动率) per impression, "
                              "not per click; CPM (千次曝光成本) per 1,000 impressions, not per 1,000 people reached. "
                              "Convert a report that counts differently before importing; point at a field for "
                              "its definition.") if session.kind == "notes" else
                      self.tr("One row per note and period (base 日常/基线, or joint 联投) with its counts; the "
                              "fitting divides sums of these counts (interactions per impression, store visits "
                              "per click), so give counts, not rates."))
        hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.mapping)
        layout = QVBoxLayout(self)
        for widget in (self.format, self.busy):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.bad_cells)
        layout.addWidget(self.blockers)
        layout.addWidget(hint)
        self._combos: list[QComboBox] = []
        self._cells: list[tuple[QTableWidgetItem, QTableWidgetItem, QTableWidgetItem]] = []  # header, status, meaning

    def load(self) -> None:
        """Read the file's preview (again, after the user fixed the file), keeping the choices made."""
        self.reader.follow(self._files.preview_table(self.session.path, self.session.kind, PREVIEW_ROWS))

    def isComplete(self) -> bool:
        preview = self.session.preview
        return preview is not None and not self.reader.busy and not preview.check(self.column_map()).refused

    def validatePage(self) -> bool:
        self._remember()
        return True

    def choices(self) -> list[str | None]:
        """Per file column: a field, KEEP_EXTRA or None (left out)."""
        return [None if combo.currentData() == LEAVE_OUT else combo.currentData() for combo in self._combos]

    def column_map(self) -> dict[str, str | None]:
        header = self.session.preview.header if self.session.preview else []
        # strict=False: while a re-read replaces the combo boxes, the header may be the new one already
        return {text: choice for text, choice in zip(header, self.choices(), strict=False) if choice != KEEP_EXTRA}

    def automatic(self, index: int) -> str | None:
        """What a column gives unless the user says otherwise: its field by name, else extra (notes) or nothing."""
        assert self.session.preview is not None
        name = self.session.preview.recognised[index]
        return name if name else (KEEP_EXTRA if self.session.kind == "notes" else None)

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        show_error(self, error, self.tr("%1 cannot be imported:").replace("%1", self.session.path.name))
        if self.session.preview is None:
            self.refused.emit(error)

    def _previewed(self, preview: Any) -> None:
        old = self.session.preview
        kept = dict(zip(old.header, self.choices(), strict=True)) if old else {}
        self.session.preview = preview
        shape = {",": self.tr("comma-separated"), "\t": self.tr("tab-separated")}.get(preview.separator, "")
        self.format.setText(" · ".join(filter(None, [preview.file, preview.encoding, shape,
                                                       self.tr("%n row(s)", "", preview.total_rows)])))
        self.table.clear()
        self.table.setRowCount(len(preview.rows))
        self.table.setColumnCount(len(preview.header))
        for r, number in enumerate(preview.row_numbers):
            self.table.setVerticalHeaderItem(r, QTableWidgetItem(str(number)))
        for r, cells in enumerate(preview.rows):
            for c, cell in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(cell))
        self.mapping.setRowCount(len(preview.header))
        self._combos, self._cells = [], []
        for index, text in enumerate(preview.header):
            choice = kept[text] if text in kept else self.session.remembered.get(text, self.automatic(index))
            self._combos.append(self._combo(index, choice))
            row = (QTableWidgetItem(text or self.tr("(no header)")), QTableWidgetItem(), QTableWidgetItem())
            self._cells.append(row)
            for column, item in zip((0, 2, 3), row, strict=True):
                self.mapping.setItem(index, column, item)
            self.mapping.setCellWidget(index, 1, self._combos[-1])
        self._update()
        self.table.resizeColumnsToContents()
        for column in range(self.table.columnCount()):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 240))
        for column in range(3):
            self.mapping.resizeColumnToContents(column)

    def _combo(self, index: int, choice: str | None) -> QComboBox:
        combo = QComboBox()
        for name in self.session.schema.kinds:
            combo.addItem(self.session.field_label(name), name)
            combo.setItemData(combo.count() - 1, self.session.field_definition(name), Qt.ItemDataRole.ToolTipRole)
        if self.automatic(index) == KEEP_EXTRA:
            combo.addItem(self.tr("(keep as extra column)"), KEEP_EXTRA)
        combo.addItem(self.tr("(ignore)"), LEAVE_OUT)
        combo.setCurrentIndex(max(0, combo.findData(LEAVE_OUT if choice is None else choice)))
        combo.currentIndexChanged.connect(self._update)
        return combo

    def _update(self) -> None:
        preview = self.session.preview
        assert preview is not None
        self.session.column_map = self.column_map()
        check = preview.check(self.session.column_map)
        for index, (text, choice) in enumerate(zip(preview.header, self.choices(), strict=True)):
            self._show_column(index, text, choice)
        lines = [self.tr("Required fields not given by any column: %1").replace(
            "%1", ", ".join(self.session.field_label(name) for name in check.missing))] if check.missing else []
        lines += [(f"{p.column}: " if p.column else "") + p.expected for p in check.clashes]
        self.blockers.setText("\n".join(lines))
        self.blockers.setVisible(bool(lines))
        self._mark_problems(preview.cell_problems(self.session.column_map))
        self.completeChanged.emit()

    def _mark_problems(self, problems: list[Problem]) -> None:
        """Colour each cell of the preview with a problem under the current choices; its tooltip says what is
        wrong (a problem of a whole row marks the row's number)."""
        assert self.session.preview is not None
        rows = {number: r for r, number in enumerate(self.session.preview.row_numbers)}
        columns: dict[str, int] = {}
        for c, text in enumerate(self.session.preview.header):
            columns.setdefault(text, c)
        told: dict[tuple[int, int], list[str]] = {}
        for problem in problems:
            if problem.row in rows:
                column = columns.get(problem.column, -1) if problem.header and problem.column is not None else -1
                told.setdefault((rows[problem.row], column), []).append(str(problem))
        for r in range(self.table.rowCount()):
            for c in range(-1, self.table.columnCount()):
                item = self.table.item(r, c) if c >= 0 else self.table.verticalHeaderItem(r)
                if item is not None:
                    _show_problem(item, told.get((r, c), []))
        cells = len(told)
        self.bad_cells.setText(self.tr("Problems in %n cell(s) of the rows shown, marked in red: point at a cell "
                                       "to see what is wrong.", "", cells))
        self.bad_cells.setVisible(cells > 0)

    def _show_column(self, index: int, text: str, choice: str | None) -> None:
        """The column's status, meaning and preview heading under its current choice."""
        assert self.session.preview is not None
        recognised = self.session.preview.recognised[index] is not None
        if choice == self.automatic(index):
            status = self.tr("recognised") if recognised else self.tr("not recognised")
        elif text in self.session.remembered and self.session.remembered[text] == choice:
            status = self.tr("as in an earlier import")
        else:
            status = self.tr("chosen")
        if choice == KEEP_EXTRA:
            meaning, target = self.tr("kept beside the notes; the plan does not use it"), self.tr("(extra)")
        elif choice is None:
            meaning, target = self.tr("not imported"), self.tr("(ignored)")
        else:
            meaning, target = self.session.field_definition(choice), choice
        header, status_item, meaning_item = self._cells[index]
        status_item.setText(status)
        meaning_item.setText(meaning)
        meaning_item.setToolTip(meaning)
        heading = QTableWidgetItem(f"{text}\n→ {target}")
        for item in (heading, header, status_item):
            if not recognised:  # a column the app did not recognise: the user should look at it
                item.setBackground(QColor(UNRECOGNISED))
                item.setForeground(QColor("black"))
        self.table.setHorizontalHeaderItem(index, heading)

    def _remember(self) -> None:
        """Keep the choices that differ from the automatic ones; forget those put back to automatic."""
        assert self.session.preview is not None
        remembered = dict(self.session.remembered)
        for index, (text, choice) in enumerate(zip(self.session.preview.header, self.choices(), strict=True)):
            if not text:
                continue
            if choice == self.automatic(index):
                remembered.pop(text, None)
            else:
                remembered[text] = choice
        self.session.remembered = remembered
        self.session.settings.set_column_mapping(self.session.kind, remembered)


def _show_problem(item: QTableWidgetItem, lines: list[str]) -> None:
    """A preview cell marked with its problems (or unmarked: none)."""
    item.setBackground(QColor(BAD_CELL) if lines else QBrush())
    item.setForeground(QColor("black") if lines else QBrush())
    item.setToolTip("\n".join(lines))


def _read_only(table: QTableWidget) -> QTableWidget:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    return table
