"""The main window: composes the views over one plan session (its document, undo stack and job runner).

Layout (fits 1366×768): KPI cards across the top, the notes / charts / lifts tabs in the middle, the
plan parameters and the Optimise button in a dock on the right, the running job in the status bar. The
session (planner.gui.session) owns the plan's file, lock, autosave and jobs; what the window asks the user
about files lives in FileOpsMixin, about imports and Excel in ImportsMixin; actions and menus in
window_actions.
"""

from __future__ import annotations

import platform
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import (
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner import __version__, formats
from planner.gui.charts.panel import ChartsPanel
from planner.gui.errors import log_folder
from planner.gui.file_ops import FileOpsMixin
from planner.gui.i18n import ui_lang
from planner.gui.icons import app_icon
from planner.gui.imports import ImportsMixin, dropped_files
from planner.gui.scenario_tabs import ScenarioTabsMixin
from planner.gui.session import PlanSession
from planner.gui.settings import Settings
from planner.gui.tracking_actions import TrackingMixin
from planner.gui.views.job_status import JobStatus
from planner.gui.views.kpis import BudgetWarning, KpiPanel
from planner.gui.views.lifts_view import LiftsView
from planner.gui.views.notes_view import NotesView
from planner.gui.views.optimise_panel import OptimisePanel
from planner.gui.views.scenario_switcher import ScenarioSwitcher
from planner.gui.views.start_page import NotesTab, StartPage
from planner.gui.views.warnings_panel import WarningsPanel
from planner.gui.wheel_guard import install_wheel_guard
from planner.gui.window_actions import build_menus, build_toolbar, language_menu, make_actions
from planner.model.plan import Plan

if TYPE_CHECKING:
    from planner.gui.views.guide_dialog import GuideDialog


class MainWindow(FileOpsMixin, ImportsMixin, ScenarioTabsMixin, TrackingMixin, QMainWindow):
    """One plan in one window: KPIs, notes, charts, lifts and the optimiser, with undo and autosave."""

    def __init__(self, settings: Settings | None = None, plan: Plan | None = None,
                 recovery_folder: Path | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.session = PlanSession(plan, self)
        self.session.start_autosave(recovery_folder)
        self.session.runner.error_parent = self
        self.document = self.session.document
        self.undo_stack: QUndoStack = self.session.undo_stack
        self.setWindowIcon(app_icon())
        self.setAcceptDrops(True)
        install_wheel_guard()  # no box changes under a passing wheel (wheel_guard)
        self._compose()
        self.actions = make_actions(self)
        self.toolbar = build_toolbar(self, self.actions, self.notes_view.actions)
        self.addToolBar(self.toolbar)
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        build_menus(self, self.actions, self.notes_view.actions, self.recent_menu,
                    language_menu(self, self.settings.language(), self.choose_language))
        start = StartPage(self.actions, self.settings.recent_files)
        start.openRecent.connect(self.open_path)
        self.notes_tab.set_start_page(start)
        self._guide: GuideDialog | None = None
        self.budget_warning = BudgetWarning(self.document)
        self.statusBar().addPermanentWidget(self.budget_warning)
        self._status = QLabel()
        self.statusBar().addPermanentWidget(self._status)
        self.job_status = JobStatus(self.session.runner)
        self.statusBar().addPermanentWidget(self.job_status)
        self.job_status.message.connect(self._show_message)
        self.addAction(self.actions["cancel_job"])  # in no menu: Esc, while a job runs
        self._connect()
        self._restore_geometry()
        self._after_session_change()

    def _compose(self) -> None:
        self.kpis = KpiPanel(self.document)
        self.notes_view = NotesView(self.document, self.undo_stack)
        self._charts: ChartsPanel | None = None  # made when the Charts tab is first shown: see `charts`
        self._charts_page = QWidget()
        QVBoxLayout(self._charts_page).setContentsMargins(0, 0, 0, 0)
        self._selected_note: int | None = None
        self.lifts_view = LiftsView(self.session, self)
        self.optimise_panel = OptimisePanel(self.session)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.notes_tab = NotesTab(self.document, self.notes_view)  # the table, or the start page (no notes)
        self.tabs.addTab(self.notes_tab, self.tr("Notes"))
        self.tabs.addTab(self._charts_page, self.tr("Charts"))
        self.tabs.addTab(self.lifts_view, self.tr("Lifts"))
        self.scenario_switcher = ScenarioSwitcher(self.session)
        self._add_scenario_tabs()
        self.setCentralWidget(self.tabs)
        top = QDockWidget(self.tr("Totals"), self)
        top.setObjectName("kpiDock")
        cards = QWidget()  # the scenario shown, then its totals: always in view
        row = QHBoxLayout(cards)
        row.setContentsMargins(4, 4, 0, 4)
        row.setSpacing(0)
        row.addWidget(self.scenario_switcher)
        row.addWidget(self.kpis, 1)
        top.setWidget(cards)
        top.setTitleBarWidget(QWidget())  # no title bar: the cards are part of the window, not a tool
        top.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.addDockWidget(Qt.DockWidgetArea.TopDockWidgetArea, top)
        self.side_dock = QDockWidget(self.tr("Optimise"), self)
        self.side_dock.setObjectName("optimiseDock")
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.optimise_panel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.side_dock.setWidget(scroll)
        self.side_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                   | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.side_dock)
        self.warnings_panel = WarningsPanel(self.document)
        self.warnings_dock = QDockWidget(self.tr("Warnings"), self)
        self.warnings_dock.setObjectName("warningsDock")
        self.warnings_dock.setWidget(self.warnings_panel)
        self.warnings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetClosable
                                       | QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.warnings_dock)
        # A tab beside Optimise: the panel keeps the height a 1366×768 laptop has; the tab counts the warnings.
        self.tabifyDockWidget(self.side_dock, self.warnings_dock)
        self.side_dock.raise_()
        self.warnings_panel.countChanged.connect(self._count_warnings)
        self._count_warnings(len(self.document.warnings))

    def _connect(self) -> None:
        self.undo_stack.cleanChanged.connect(self._update_title)
        self.undo_stack.indexChanged.connect(self._update_title)
        self.document.pathChanged.connect(self._update_title)
        self.session.changed.connect(self._after_session_change)
        self.document.changed.connect(self._update_status)
        self.notes_view.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.notes_view.table.selectionModel().selectionChanged.connect(self._update_status)
        self.notes_view.currentNoteChanged.connect(self._note_selected)
        self.warnings_panel.noteChosen.connect(self.show_note)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.optimise_panel.busyChanged.connect(self._optimising)
        for signal in (self.session.runner.started, self.session.runner.ended, self.session.runner.progressed):
            signal.connect(self._update_cancel)
        self._update_cancel()

    def _restore_geometry(self) -> None:
        geometry, state = self.settings.geometry(), self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            screen = QGuiApplication.primaryScreen().availableGeometry()
            if screen.width() <= 1440:  # a laptop: use all of it
                self.setGeometry(screen)
            else:
                self.resize(min(1600, int(screen.width() * 0.9)), min(1000, int(screen.height() * 0.9)))
        if state is not None:
            self.restoreState(state)


    @property
    def charts(self) -> ChartsPanel:
        """The charts panel, made on first use: a window whose Charts tab is never opened never pays for it."""
        if self._charts is None:
            self._charts = ChartsPanel(self.session, self._charts_page)
            self._charts.set_language(ui_lang())
            self._charts.set_selected_note(self._selected_note)
            self._charts_page.layout().addWidget(self._charts)
        return self._charts

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self._charts_page:
            _ = self.charts
        self._scenario_tab_shown(index)

    def _note_selected(self, position: int | None) -> None:
        self._selected_note = position
        if self._charts is not None:
            self._charts.set_selected_note(position)

    # ------------------------------------------------------------------ title and status

    def _after_session_change(self) -> None:
        self._update_title()
        self._update_status()

    def _update_title(self, *_args: object) -> None:
        path = self.document.path
        shown = path.name if path else self.tr("untitled")
        name = self.document.plan.name
        title = f"{name} ({shown})" if name else shown
        if self.session.read_only:
            title += " " + self.tr("[read-only]")
        self.setWindowTitle(f"{title}[*] — RedCat Planner")
        self.setWindowModified(not self.undo_stack.isClean())
        self.actions["save"].setEnabled(True)

    def _update_status(self, *_args: object) -> None:
        """The permanent status text: the selection's budget, the plan's file, read-only."""
        parts = []
        positions = self.notes_view.selected_positions()
        if len(positions):
            total = float(self.document.plan.notes["budget"].to_numpy()[positions].sum())
            parts.append(self.tr("%n note(s) selected, budget %1", "", len(positions))
                         .replace("%1", formats.money(total)))
        path = self.document.path
        parts.append(str(path) if path else self.tr("not saved yet"))
        if self.session.read_only:
            parts.append(self.tr("read-only: Save asks for a new name"))
        self._status.setText(" · ".join(parts))

    def _optimising(self, busy: bool) -> None:
        """A busy cursor while the optimiser runs (the status bar names the job)."""
        if busy:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        else:
            QGuiApplication.restoreOverrideCursor()

    def _update_cancel(self, *_args: object) -> None:
        self.actions["cancel_job"].setEnabled(self.job_status.can_cancel())

    def cancel_job(self) -> None:
        """Esc: cancel the job the status bar shows."""
        self.job_status.cancel()
        self._update_cancel()

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    # ------------------------------------------------------------------ actions

    def _count_warnings(self, count: int) -> None:
        self.warnings_dock.setWindowTitle(self.tr("Warnings (%1)").replace("%1", f"{count:,}") if count
                                          else self.tr("Warnings"))

    def show_note(self, position: int) -> None:
        """The notes tab, with the note at plan `position` current and in view."""
        self.tabs.setCurrentWidget(self.notes_tab)
        self.notes_view.show_note(position)

    def find(self) -> None:
        self.tabs.setCurrentWidget(self.notes_tab)
        self.notes_view.focus_search()

    def optimise(self) -> None:
        self.side_dock.show()
        self.optimise_panel.run()

    def edit_guardrails(self) -> None:
        """Plan ▸ Guardrails…: the thresholds (one undo step) and the history table; the Warnings tab follows."""
        from planner.gui.views.guardrails_dialog import GuardrailsDialog

        dialog = GuardrailsDialog(self.session, self)
        if dialog.exec() == QDialog.DialogCode.Accepted.value and dialog.apply():
            self.warnings_dock.show()
            self.warnings_dock.raise_()
        dialog.deleteLater()

    def choose_language(self, language: str) -> None:
        self.settings.set_language(language)
        QMessageBox.information(self, self.tr("Language"),
                                self.tr("The new language takes effect when RedCat Planner is started again."))

    def about(self) -> None:
        QMessageBox.about(self, self.tr("About RedCat Planner"), self.tr(
            "<h3>RedCat Planner %1</h3><p>Plan the boost budgets of Xiaohongshu seeding notes under "
            "Taobao/Tmall joint investment: what each note buys, who pays what, and the budgets that "
            "buy the most.</p><p>Python %2 · Qt for Python %3</p>")
            .replace("%1", __version__).replace("%2", platform.python_version()).replace("%3", pyside_version))

    def show_guide(self) -> GuideDialog:
        """Help ▸ User guide (F1): the guide in the UI language, beside the window (one at a time)."""
        if self._guide is None:
            from planner.gui.views.guide_dialog import GuideDialog

            self._guide = GuideDialog(ui_lang(), self)
        self._guide.show()
        self._guide.raise_()
        self._guide.activateWindow()
        return self._guide

    def open_log_folder(self) -> None:
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        for path in files:
            action = self.recent_menu.addAction(Path(path).name)
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("Clear the list"), self.settings.clear_recent_files)

    # ------------------------------------------------------------------ window events

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.session.runner.waiting or not self.maybe_save():
            event.ignore()  # (a plan being opened or saved is finished first)
            return
        # Jobs still running are cancelled and waited for, so that no result arrives at a closed window.
        self.session.close()
        self.settings.save_window(self.saveGeometry(), self.saveState())
        event.accept()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = dropped_files(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)
