"""The platform-exports wizard's third page: every derived field with its formula, numbers, files and warnings,
the questions a field that cannot be derived honestly asks, the problems of the table, and its first rows.

Each choice here (the days, the GMV, the attribution window, an answer) reads the exports again as a job of the
session, superseding the read before; the page always shows the latest read's outcome.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from planner import formats
from planner.gui.errors import show_error
from planner.gui.i18n import ui_lang
from planner.gui.labels import LABELS, format_text, industry_text, label
from planner.gui.protocols import Session
from planner.gui.views.exports_pages import ExportsState
from planner.gui.views.import_pages import ProblemsModel, Reader, busy_bar
from planner.model.dates import day_text
from planner.model.fields import DATE, INDUSTRIES, NOTE_FIELD, PERIODS, RATE, term
from planner.model.words import listed

PREVIEW_ROWS = 200
WARNING = "#9a5b00"
VALUE, ACCEPT, SKIP = "value", "accept", "skip"  # answers (the core's ACCEPT and SKIP words are the same)


class ExportDerivedPage(QWizardPage):
    """Page 3: the derived fields, what must be answered, and the table's rows."""

    def __init__(self, state: ExportsState, files: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self._files = state, files
        self.setTitle(self.tr("Derived fields"))
        self.setSubTitle(self.tr("Each field as this app defines it, with the formula, the numbers and the files it "
                            "came from. Check the warnings before importing."))
        self.reader = Reader(self)
        self.reader.done.connect(self._read)
        self.reader.failed.connect(self._failed)
        self.reader.busyChanged.connect(self._busy)
        self.busy = busy_bar()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.first_day, self.last_day = self._day(), self._day()
        self.gmv = QComboBox()
        self.gmv.addItem(self.tr("the linked item's (订单商品成交GMV)"), "item")
        self.gmv.addItem(self.tr("the whole store's (商家GMV)"), "store")
        self.window_choice = QComboBox()
        self.window_choice.setToolTip(self.tr("星河 writes a row per attribution window (归因口径) for the same content and "
                                         "day: one window is taken, never two added"))
        choices = QHBoxLayout()
        for text, widget in ((self.tr("Days"), self.first_day), (self.tr("to"), self.last_day), (self.tr("GMV"), self.gmv),
                             (self.tr("Attribution window"), self.window_choice)):
            choices.addWidget(QLabel(text))
            choices.addWidget(widget)
        choices.addStretch(1)
        self.derivations = _wrapping_table([self.tr("Field"), self.tr("Formula and numbers"), self.tr("Value"), self.tr("From"),
                                   self.tr("Warnings")])
        self.questions = QGroupBox(self.tr("Needs your answer"))
        inner = QWidget()
        self.questions_grid = QGridLayout(inner)
        self.questions_grid.setColumnStretch(0, 1)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(200)
        scroll.setMaximumHeight(300)
        QVBoxLayout(self.questions).addWidget(scroll)
        self.problems = ProblemsModel(self)
        self.problems_view = QTableView()
        self.problems_view.setModel(self.problems)
        self.problems_view.verticalHeader().hide()
        self.problems_view.horizontalHeader().setStretchLastSection(True)
        self.leave_out = QCheckBox(self.tr("Leave out the notes (rows) without a value or with a problem"))
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        self.preview = _table([])
        splitter = QSplitter(Qt.Orientation.Vertical)
        for widget, stretch in ((self.derivations, 3), (self.problems_view, 2), (self.preview, 2)):
            splitter.addWidget(widget)
            splitter.setStretchFactor(splitter.indexOf(widget), stretch)  # the derivations first: what to check
        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        for widget in (self.busy, self.summary, self.questions):
            layout.addWidget(widget)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.leave_out)
        layout.addWidget(self.notices)
        self._answer_widgets: dict[str, tuple[QComboBox, QWidget]] = {}
        for widget in (self.first_day, self.last_day):
            widget.dateChanged.connect(lambda _day: self._days_changed())
        self.gmv.currentIndexChanged.connect(lambda _i: self._choice("gmv", self.gmv.currentData()))
        self.window_choice.currentIndexChanged.connect(
            lambda _i: self._choice("attribution", self.window_choice.currentData()))
        self.leave_out.toggled.connect(self._leave_out)

    @staticmethod
    def _day() -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    # ------------------------------------------------------------------ reading

    def initializePage(self) -> None:
        self.state.result = None
        self.read()

    def cleanupPage(self) -> None:
        self.reader.forget()
        self.state.result = None

    def isComplete(self) -> bool:
        return self.state.result is not None and self.state.result.ready and not self.reader.busy

    def read(self) -> None:
        files = len(self.state.paths)  # lupdate reads a plural form only with a plain name as the count
        self.summary.setText(self.tr("Reading %n file(s)…", "", files))
        self.reader.follow(self._files.read_exports(list(self.state.paths), self.state.read_choices()))
        self.completeChanged.emit()

    def _busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.state.result = None
        self.summary.setText(self.tr("The exports cannot be read with these choices."))
        show_error(self, error)
        self.completeChanged.emit()

    def _choice(self, name: str, value: object) -> None:
        if value and self.state.choices.get(name) != value:
            self.state.choices[name] = str(value)
            self.read()

    def _days_changed(self) -> None:
        first, last = self.first_day.date().toPython(), self.last_day.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        if (first, last) != (self.state.first_day, self.state.last_day) and first <= last:
            self.state.first_day, self.state.last_day = first, last
            self.read()

    def _leave_out(self, checked: bool) -> None:
        self.state.leave_out = checked
        self.read()

    # ------------------------------------------------------------------ showing a read

    def _read(self, result: Any) -> None:
        self.state.result = result
        self._show_days(result.days)
        self._show_windows(result.slice_values.get("attribution", []), result.windows.get("归因口径"))
        self._show_derivations(result.derivations)
        self._show_questions(result.unresolved)
        self.problems.set_problems(result.problems)
        self.problems_view.setVisible(bool(result.problems))
        self.leave_out.setVisible(bool(result.problems) or self.state.leave_out or any(
            item.notes for item in result.unresolved))
        self._show_preview(result.table, result.columns)
        notices = list(result.notices)
        if result.left_out:
            notices.append(self.tr("Left out: %1").replace("%1", ", ".join(result.left_out[:12]) + (
                ", …" if len(result.left_out) > 12 else "")))
        self.notices.setText("\n".join(notices))
        self.notices.setVisible(bool(notices))
        self.summary.setText(self._summary(result))
        self.completeChanged.emit()

    def _summary(self, result: Any) -> str:
        rows = len(result.table)
        made = {"notes": self.tr("%n note(s)", "", rows), "history": self.tr("%n history row(s)", "", rows),
                "actuals": self.tr("%n actuals row(s)", "", rows)}[result.target]
        if result.unresolved:
            return made + self.tr(": answer the questions below first.")
        if result.problems:
            problems = len(result.problems)
            return made + self.tr(": %n problem(s) to fix in the files, or leave those rows out.", "", problems)
        return made + self.tr(" ready to import.")

    def _show_days(self, covered: tuple[date, date] | None) -> None:
        for edit in (self.first_day, self.last_day):
            edit.blockSignals(True)
            edit.setEnabled(covered is not None)
        if covered is not None:
            low, high = QDate(covered[0]), QDate(covered[1])
            for edit in (self.first_day, self.last_day):
                edit.setDateRange(low, high)
            self.first_day.setDate(QDate(self.state.first_day) if self.state.first_day else low)
            self.last_day.setDate(QDate(self.state.last_day) if self.state.last_day else high)
        for edit in (self.first_day, self.last_day):
            edit.blockSignals(False)

    def _show_windows(self, windows: list[str], taken: str | None) -> None:
        self.window_choice.blockSignals(True)
        self.window_choice.clear()
        for window in windows:
            self.window_choice.addItem(window, window)
        self.window_choice.setCurrentIndex(max(0, self.window_choice.findData(taken)))
        self.window_choice.setEnabled(len(windows) > 1)
        self.window_choice.blockSignals(False)

    def _show_derivations(self, derivations: list[Any]) -> None:
        how = {"fallback": self.tr("another definition, accepted")}
        table = self.derivations
        table.setRowCount(len(derivations))
        for row, item in enumerate(derivations):
            formula = f"{how['fallback']}: {item.formula}" if item.how == "fallback" else item.formula
            cells = [_label(item.field), formula, item.value, listed(item.context), "\n".join(item.warnings)]
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(item.text + ("\n" + "\n".join(item.sources) if item.sources else ""))
                if column == 4 and text:
                    cell.setForeground(QColor(WARNING))
                table.setItem(row, column, cell)
        table.resizeColumnsToContents()
        for column, most in enumerate((200, 420, 120, 300)):  # the warnings (last) take the rest
            table.setColumnWidth(column, min(table.columnWidth(column), most))

    def _show_questions(self, unresolved: list[Any]) -> None:
        while self.questions_grid.count():
            taken = self.questions_grid.takeAt(0)
            if taken is not None and taken.widget() is not None:
                taken.widget().deleteLater()
        self._answer_widgets = {}
        for row, item in enumerate(unresolved):
            text = QLabel(item.text + (("\n" + item.accept_text) if item.accept_text else ""))
            text.setWordWrap(True)
            text.setMinimumWidth(420)
            self.questions_grid.addWidget(text, row, 0)
            if item.field == "industry":
                answer: QWidget = self._industry_box()
                self.questions_grid.addWidget(answer, row, 1)
            elif item.notes:
                choice, value = self._answer_box(item)
                self.questions_grid.addWidget(choice, row, 1)
                self.questions_grid.addWidget(value, row, 2)
        self.questions.setVisible(bool(unresolved))

    def _industry_box(self) -> QComboBox:
        box = QComboBox()
        box.setMinimumWidth(240)
        box.setEditable(True)
        box.addItem(self.tr("(choose or type an industry)"), "")
        for key in INDUSTRIES:
            box.addItem(industry_text(key), key)
        box.setCurrentIndex(0)

        def chosen(_index: int) -> None:
            key = box.currentData() or box.currentText().strip()
            if key and not key.startswith("("):
                self.state.answers["industry"] = str(key)
                self.read()

        box.activated.connect(chosen)
        return box

    def _answer_box(self, item: Any) -> tuple[QComboBox, QDoubleSpinBox]:
        choice = QComboBox()
        choice.addItem(self.tr("(choose an answer)"), "")
        choice.addItem(self.tr("Type a value for these notes"), VALUE)
        if item.can_accept:
            choice.addItem(self.tr("Use the other definition, knowingly"), ACCEPT)
        choice.addItem(self.tr("Leave these notes out"), SKIP)
        choice.setMinimumWidth(240)
        value = QDoubleSpinBox()
        value.setMinimumWidth(120)
        rate = NOTE_FIELD[item.field].kind == RATE if item.field in NOTE_FIELD else False
        value.setRange(0.0, 100.0 if rate else 1e7)
        value.setDecimals(2)
        value.setSuffix("%" if rate else "")
        value.setPrefix("" if rate else "¥")
        value.setEnabled(False)

        def answered() -> None:
            picked = choice.currentData()
            value.setEnabled(picked == VALUE)
            if picked == VALUE:
                number = value.value() / 100 if rate else value.value()
                if number > 0:
                    self.state.answers[item.field] = number
                    self.read()
            elif picked:
                self.state.answers[item.field] = str(picked)
                self.read()

        choice.currentIndexChanged.connect(lambda _i: answered())
        value.editingFinished.connect(answered)
        self._answer_widgets[item.field] = (choice, value)
        return choice, value

    def _show_preview(self, table: Any, columns: list[str]) -> None:
        shown = [column for column in columns if column in table.columns]
        view = self.preview
        view.clear()
        view.setColumnCount(len(shown))
        view.setHorizontalHeaderLabels([_label(column) for column in shown])
        rows = min(len(table), PREVIEW_ROWS)
        view.setRowCount(rows)
        for column, name in enumerate(shown):
            values = table[name].iloc[:rows].tolist()
            for row, value in enumerate(values):
                view.setItem(row, column, QTableWidgetItem(_cell(name, value)))
        view.resizeColumnsToContents()


def _cell(name: str, value: object) -> str:
    """A value of the preview as the app shows its kind: a rate as a percentage, a price with fen, ¥ amounts."""
    field = NOTE_FIELD.get(name)
    if field is not None and field.kind == DATE:
        return day_text(value)  # 2025-05-15 (a start date), "" for none
    if isinstance(value, float):
        if field is not None and field.kind == RATE:
            return formats.percent(value)
        if name in formats.PRICES:
            return formats.money(value, fen=True)
        if name in ("creator_fee", "spend", "gmv"):
            return formats.money(value)
        return formats.count(value)
    if name == "industry":
        return industry_text(str(value))
    if name == "format":
        return format_text(str(value))
    if name == "period" and value in PERIODS and ui_lang() == "zh":
        return PERIODS[str(value)][0]  # 日常, 联投
    return str(value)


def _label(key: str) -> str:
    """A column's name in the UI language: a notes field's label, else a history or actuals column's (时段)."""
    return label(key) if key in LABELS else term(key, ui_lang()) or key


class _Wrapped(QStyledItemDelegate):
    """A cell as tall as its text wrapped to the width it is painted in (the style's own hint reckons with a
    slightly wider line, so that a long warning's last line was cut)."""

    def __init__(self, table: QTableWidget):
        super().__init__(table)
        self._table = table

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        hint = super().sizeHint(option, index)
        width = max(self._table.columnWidth(index.column()) - 12, 20)
        text = str(index.data() or "")
        lines = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), Qt.TextFlag.TextWordWrap, text)
        return QSize(hint.width(), max(hint.height(), lines.height() + 8))


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    if headers:
        table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _wrapping_table(headers: list[str]) -> QTableWidget:
    """A table whose rows grow to their wrapped texts, whatever the width its last column stretches to."""
    table = _table(headers)
    table.setTextElideMode(Qt.TextElideMode.ElideNone)  # a wrapped warning's last line is never cut to "…"
    table.setItemDelegate(_Wrapped(table))
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table
