"""The Lifts tab: the plan's lift table (editable), rows added, removed or reset, and lifts fitted from history.

Every change is one SetLiftsCommand on the window's undo stack. Fitting reads and bootstraps the history
as a job of the plan's session (one fit at a time), then FitDialog shows the fitted rows beside the current
ones before anything changes; accepted, they are merged by planner.model.merge.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np
import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner.gui.commands import SetLiftsCommand
from planner.gui.document import PlanDocument
from planner.gui.errors import show_error
from planner.gui.history import HistoryFit
from planner.gui.icons import icon
from planner.gui.jobs import Job
from planner.gui.models.lifts_model import LiftsTableModel
from planner.gui.protocols import Session
from planner.gui.views.fit_dialog import FitDialog
from planner.model.errors import InputError, Problem
from planner.model.fitting import FitResult
from planner.model.lifts import (
    ARTICLE_LIFTS,
    DEFAULT_ROW,
    SOURCE_ARTICLE,
    SOURCE_TYPED,
    LiftTable,
    article_lifts,
)
from planner.model.merge import merge_fitted_lifts
from planner.model.notes import INDUSTRIES, normalise_industry


class LiftsView(QWidget):
    """The lift table with its buttons; `fitDialogShown` hands tests the FitDialog once a fit is ready."""

    fitDialogShown = Signal(object)  # the FitDialog, open (window-modal) until accepted or cancelled

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._document: PlanDocument = session.document
        self._stack = session.undo_stack
        document = self._document
        self.fit_job: Job | None = None
        self.fit_dialog: FitDialog | None = None
        self._fit_name = ""
        self.model = LiftsTableModel(document, self._stack, self)
        self.model.editRejected.connect(self._refused, Qt.ConnectionType.QueuedConnection)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.RichText)
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._buttons())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        document.changed.connect(self._update_note)
        self._update_note()
        self._update_buttons()

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.setAlternatingRowColors(True)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        return table

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add industry row…"))
        self.add_button.setToolTip(self.tr("A row of lifts for one industry; until it has one, the default row "
                                           "serves it"))
        self.add_button.clicked.connect(self.ask_industry)
        self.remove_button = QPushButton(self.tr("Remove row"))
        self.remove_button.setToolTip(self.tr("Remove the selected industries' rows: the default row serves "
                                              "them again (the default row itself stays)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.reset_button = QPushButton(self.tr("Reset to article figures"))
        self.reset_button.setToolTip(self.tr("Replace the whole table by the published figures of the Red Cat "
                                             "plan article (undo brings yours back)"))
        self.reset_button.clicked.connect(self.reset_to_article)
        self.fit_button = QPushButton(icon("import"), self.tr("Fit from history…"))
        self.fit_button.setToolTip(self.tr("Fit lifts from a history table of base and joint-investment "
                                           "periods (CSV or XLSX); you see them before they apply"))
        self.fit_button.clicked.connect(self.ask_history)
        self.demo_button = QPushButton(self.tr("Fit from the demo's history"))
        self.demo_button.setToolTip(self.tr("Fit lifts from the history table of the demo plan, shipped with the "
                                            "app: to see how fitting works before you have history of your own"))
        self.demo_button.clicked.connect(self.fit_demo_history)
        self.busy = QLabel()
        for widget in (self.add_button, self.remove_button, self.reset_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.busy)
        row.addWidget(self.demo_button)
        row.addWidget(self.fit_button)
        return row

    # ------------------------------------------------------------------ state

    def _update_note(self, *_args: object) -> None:
        text = self.tr("Lifts raise the rates of eligible notes (joint investment on and a Taobao link): "
                       "rate × (1 + lift). The default row serves every industry without a row of its own. "
                       "Double-click a lift to type a new one (25% or 0.25).")
        if not self._document.plan.params.joint:
            text += " <b>" + self.tr("Joint investment is off in this plan: no note is lifted.") + "</b>"
        served = self.model.unserved_industries()
        if served:
            names = html.escape(", ".join(self.model.industry_name(name) for name in served))
            text += "<br>" + self.tr("Served by the default row: %1.").replace("%1", names)
        self.note.setText(text)

    def selected_industries(self) -> list[str]:
        rows = {index.row() for index in self.table.selectionModel().selectedIndexes()}
        return [self.model.industry(row) for row in sorted(rows)]

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(any(name != DEFAULT_ROW for name in self.selected_industries()))

    def _refused(self, problems: list[Problem]) -> None:
        show_error(self, InputError(problems), self.tr("The lift was not changed:"))

    # ------------------------------------------------------------------ rows

    def ask_industry(self) -> None:
        """Ask which industry gets a row: the plan's industries without one first, then the known ones."""
        choices = self.model.unserved_industries()
        choices += [name for name in INDUSTRIES if name not in choices and name not in self._lifts().table.index]
        name, ok = QInputDialog.getItem(self, self.tr("Add industry row"),
                                        self.tr("Industry (a known one, or any text used in the notes):"),
                                        choices, 0, True)
        if ok:
            self.add_industry(name)

    def add_industry(self, name: str) -> bool:
        """Add a row for `name`: the article's figures where it has some, else the default row's lifts, typed."""
        industry = str(normalise_industry(pd.Series([name])).iloc[0])
        lifts = self._lifts()
        expected = ""
        if not industry:
            expected = "an industry name"
        elif industry in lifts.table.index:
            expected = "an industry without a row (this one has a row)"
        if expected:
            self._refused([Problem(self.tr("lift table"), None, "industry", name, expected)])
            return False
        if industry in ARTICLE_LIFTS:
            new = lifts.with_row(industry, dict(article_lifts().table.loc[industry]))
        else:
            new = lifts.with_row(industry, {"source": SOURCE_TYPED, "n_notes": np.nan})
        self._push(new, self.tr("Add lift row %1").replace("%1", self.model.industry_name(industry)))
        self.table.selectRow(self.model.row_of(industry))
        return True

    def remove_selected(self) -> None:
        self.remove_industries(self.selected_industries())

    def remove_industries(self, industries: list[str]) -> bool:
        """Remove these rows (never `default`) as one undo step."""
        names = [name for name in industries if name != DEFAULT_ROW and name in self._lifts().table.index]
        if not names:
            return False
        lifts = self._lifts()
        samples = {key: value for key, value in lifts.samples.items() if key not in names}
        self._push(LiftTable(lifts.table.drop(index=names), samples),
                   self.tr("Remove %n lift row(s)", "", len(names)))
        return True

    def reset_to_article(self) -> bool:
        """The article's figures for the whole table (one undo step); False when they are already there."""
        article = article_lifts()
        current = self._lifts().table
        if current.equals(article.table) and (current["source"] == SOURCE_ARTICLE).all():
            return False
        self._push(article, self.tr("Reset lifts to the article figures"))
        return True

    def _lifts(self) -> LiftTable:
        return self._document.plan.lifts

    def _push(self, lifts: LiftTable, text: str) -> None:
        self._stack.push(SetLiftsCommand(self._document, lifts, text))

    # ------------------------------------------------------------------ fitting

    def ask_history(self) -> None:
        settings = getattr(self.window(), "settings", None)  # the main window's, for the last folder used
        folder = settings.last_folder() if settings is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Fit lifts from a history table"), folder,
                                              self.tr("Tables (*.csv *.tsv *.txt *.xlsx);;All files (*)"))
        if path:
            self.fit_from_history(Path(path))

    def fit_demo_history(self) -> Job | None:
        """Fit from the demo plan's history table, shipped with the app (as any history file)."""
        return self.fit_from_history(self._session.demo_history_path())

    def fit_from_history(self, path: Path) -> Job | None:
        """Read and fit `path` as a job; FitDialog follows (or the problems of the file). None while a fit runs."""
        path = Path(path)
        return self._start_fit(self._session.fit_history_file(path), path.name)

    def fit_history(self, history: pd.DataFrame, name: str) -> Job | None:
        """Fit a history table already read (by the import wizard) as a job; FitDialog follows."""
        return self._start_fit(self._session.fit_history(history, name), name)

    def _start_fit(self, job: Job | None, name: str) -> Job | None:
        if job is None:
            return None  # a fit runs already (the status bar says so)
        self.fit_button.setEnabled(False)
        self.demo_button.setEnabled(False)
        self.busy.setText(self.tr("Fitting lifts from %1…").replace("%1", name))
        self._fit_name = name
        # Bound methods, not lambdas: Qt drops the connection if this view is gone when the fit ends.
        job.finished.connect(self._fitted)
        job.failed.connect(self._fit_failed)
        self.fit_job = job
        return job

    def _fit_done(self) -> None:
        self.fit_job = None
        self.fit_button.setEnabled(True)
        self.demo_button.setEnabled(True)
        self.busy.clear()

    def _fit_failed(self, _error: BaseException) -> None:
        self._fit_done()  # the runner shows the error (a cancelled fit is just over)

    def _fitted(self, fit: HistoryFit) -> None:
        """The lifts fitted, beside the current ones (the session made the table the guardrails' history)."""
        result = fit.result
        name = self._fit_name
        self._fit_done()
        dialog = FitDialog(self._lifts(), result, name, self, plan=self._document.plan)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.accepted.connect(lambda: self._accept_fit(result, name))
        dialog.finished.connect(self._fit_dialog_closed)
        self.fit_dialog = dialog
        dialog.open()
        self.fitDialogShown.emit(dialog)

    def _fit_dialog_closed(self, *_args: object) -> None:
        if self.fit_dialog is not None:
            self.fit_dialog.deleteLater()
            self.fit_dialog = None

    def _accept_fit(self, result: FitResult, name: str) -> None:
        fitted = [entry.industry for entry in result.report if entry.fitted]
        self._push(merge_fitted_lifts(self._lifts(), result.lifts, fitted),
                   self.tr("Fit lifts from %1").replace("%1", name))
