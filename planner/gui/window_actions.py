"""The main window's actions, menus and toolbar, built in one place so that shortcuts never clash.

Shortcuts: open Ctrl+O, save Ctrl+S, save as Ctrl+Shift+S, undo Ctrl+Z, redo Ctrl+Shift+Z / Ctrl+Y,
find Ctrl+F, optimise Ctrl+R or F5, export Ctrl+E, import notes Ctrl+I, new Ctrl+N, quit Ctrl+Q, the tabs
Ctrl+1 to Ctrl+7, user guide F1; Esc cancels the running job (enabled only while one runs, so that Esc keeps its
other uses otherwise). A key given twice (Quit is Ctrl+Q by the platform's standard and by hand) is kept once: Qt
calls a key bound twice ambiguous and does nothing. Help ▸ Keyboard shortcuts lists them all (views/shortcuts_dialog).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from planner.gui.icons import icon
from planner.gui.views.shortcuts_dialog import show_shortcuts

if TYPE_CHECKING:
    from planner.gui.main_window import MainWindow



def distinct_keys(shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...]) -> list[QKeySequence]:
    """Each key once, in order, without the empty ones (a standard key this platform does not have)."""
    keys: dict[str, QKeySequence] = {}
    for shortcut in shortcuts:
        key = QKeySequence(shortcut)
        if not key.isEmpty():
            keys.setdefault(key.toString(QKeySequence.SequenceFormat.PortableText), key)
    return list(keys.values())


def _action(window: MainWindow, text: str, slot: Callable[[], object], icon_name: str = "",
            shortcuts: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = (), tip: str = "") -> QAction:
    action = QAction(text, window)
    if icon_name:
        action.setIcon(icon(icon_name))
    if shortcuts:
        action.setShortcuts(distinct_keys(shortcuts))
    if tip:
        action.setStatusTip(tip)
        action.setToolTip(tip)
    action.triggered.connect(lambda _checked=False: slot())
    return action


def make_actions(window: MainWindow) -> dict[str, QAction]:
    """Every window-level action by name (the notes view adds its own: copy, paste, bulk edit...)."""
    key = QKeySequence.StandardKey
    w = window
    actions = {
        "new": _action(w, QCoreApplication.translate("MainWindow", "&New plan"), w.new_plan, "new", (key.New,), QCoreApplication.translate("MainWindow", "Start an empty plan")),
        "open": _action(w, QCoreApplication.translate("MainWindow", "&Open…"), w.open_dialog, "open", (key.Open,), QCoreApplication.translate("MainWindow", "Open a plan file (.rcplan)")),
        "demo": _action(w, QCoreApplication.translate("MainWindow", "Open the &demo plan"), w.open_demo, "", (), QCoreApplication.translate("MainWindow", "The built-in 618 demo plan")),
        "save": _action(w, QCoreApplication.translate("MainWindow", "&Save"), w.save, "save", (key.Save,), QCoreApplication.translate("MainWindow", "Save the plan")),
        "save_as": _action(w, QCoreApplication.translate("MainWindow", "Save &as…"), w.save_as, "save_as", ("Ctrl+Shift+S",),
                           QCoreApplication.translate("MainWindow", "Save the plan under a new name")),
        "import_notes": _action(w, QCoreApplication.translate("MainWindow", "&Import notes table…"), lambda: w.import_dialog("notes"), "import",
                                ("Ctrl+I",), QCoreApplication.translate("MainWindow", "Replace the notes with a notes table (CSV or XLSX)")),
        "import_history": _action(w, QCoreApplication.translate("MainWindow", "Import &history table…"), lambda: w.import_dialog("history"), "",
                                  (), QCoreApplication.translate("MainWindow", "Fit lifts from a history table (CSV or XLSX)")),
        "import_exports": _action(w, QCoreApplication.translate("MainWindow", "Import &platform exports…"),
                                  w.import_exports, "", (),
                                  QCoreApplication.translate("MainWindow", "Notes, history or actuals from the reports of "
                                                             "聚光, 蒲公英, 种草星河 and 薯条")),
        "import_actuals": _action(w, QCoreApplication.translate("MainWindow", "Import ac&tuals…"),
                                  w.import_actuals_dialog, "", (),
                                  QCoreApplication.translate("MainWindow", "Add the campaign's daily actuals per note "
                                                             "(CSV or XLSX) to track the plan against them")),
        "replan": _action(w, QCoreApplication.translate("MainWindow", "&Re-plan the rest"), w.replan_rest, "", (),
                          QCoreApplication.translate("MainWindow", "A new scenario: the money not yet spent "
                                                     "re-optimised on the observed rates, compared with this one")),
        "tracking_tab": _action(w, QCoreApplication.translate("MainWindow", "Plan vs &actual"),
                                lambda: w.show_scenario_tab("tracking"), "", ("Ctrl+7",)),
        "export": _action(w, QCoreApplication.translate("MainWindow", "&Export to Excel…"), w.export_excel, "export", ("Ctrl+E",),
                          QCoreApplication.translate("MainWindow", "Write the plan as an Excel workbook with live formulas")),
        "apply_excel": _action(w, QCoreApplication.translate("MainWindow", "&Apply budgets from Excel…"), w.apply_excel, "", (),
                               QCoreApplication.translate("MainWindow", "Read back budgets edited in an exported workbook")),
        "quit": _action(w, QCoreApplication.translate("MainWindow", "&Quit"), w.close, "", (key.Quit, "Ctrl+Q")),
        "find": _action(w, QCoreApplication.translate("MainWindow", "&Find notes…"), w.find, "find", (key.Find,), QCoreApplication.translate("MainWindow", "Search notes by id, title "
                                                                                  "or creator")),
        "optimise": _action(w, QCoreApplication.translate("MainWindow", "&Optimise"), w.optimise, "optimise", ("Ctrl+R", "F5"),
                            QCoreApplication.translate("MainWindow", "Set every budget by the optimiser (one undoable step)")),
        "notes_tab": _action(w, QCoreApplication.translate("MainWindow", "&Notes"), lambda: w.tabs.setCurrentIndex(0), "", ("Ctrl+1",)),
        "charts_tab": _action(w, QCoreApplication.translate("MainWindow", "&Charts"), lambda: w.tabs.setCurrentIndex(1), "", ("Ctrl+2",)),
        "lifts_tab": _action(w, QCoreApplication.translate("MainWindow", "&Lifts"), lambda: w.tabs.setCurrentIndex(2), "", ("Ctrl+3",)),
        "compare_tab": _action(w, QCoreApplication.translate("MainWindow", "C&ompare scenarios"), lambda: w.show_scenario_tab("compare"), "", ("Ctrl+4",)),
        "calendar_tab": _action(w, QCoreApplication.translate("MainWindow", "Campaign &calendar"), lambda: w.show_scenario_tab("calendar"), "", ("Ctrl+5",)),
        "pacing_tab": _action(w, QCoreApplication.translate("MainWindow", "Daily &pacing"), lambda: w.show_scenario_tab("pacing"), "", ("Ctrl+6",)),
        "guardrails": _action(w, QCoreApplication.translate("MainWindow", "&Guardrails…"), w.edit_guardrails, "", (),
                              QCoreApplication.translate("MainWindow", "When the warnings fire, and the history "
                                                         "table they compare budgets and rates with")),
        "scenarios": _action(w, QCoreApplication.translate("MainWindow", "&Scenarios…"), w.manage_scenarios, "", (),
                             QCoreApplication.translate("MainWindow", "Add, duplicate, rename or delete scenarios, and set their lift scale")),
        "about": _action(w, QCoreApplication.translate("MainWindow", "&About RedCat Planner"), w.about, "about"),
        "log_folder": _action(w, QCoreApplication.translate("MainWindow", "Open the &log folder"), w.open_log_folder),
        "shortcuts": _action(w, QCoreApplication.translate("MainWindow", "&Keyboard shortcuts"),
                             lambda: show_shortcuts(w)),
        "cancel_job": _action(w, QCoreApplication.translate("MainWindow", "Cancel the running job"), w.cancel_job, "",
                              ("Esc",)),
        # Getting started: templates to fill in, and the user guide.
        "new_from_template": _action(w, QCoreApplication.translate("MainWindow", "New from &template…"),
                                     lambda: w.save_template("notes", open_after=True), "new", (),
                                     QCoreApplication.translate("MainWindow", "Save a notes table template and open it "
                                                                "in your spreadsheet program, to fill in and import")),
        "save_template": _action(w, QCoreApplication.translate("MainWindow", "Save te&mplate…"), w.save_template, "",
                                 (), QCoreApplication.translate("MainWindow", "Save a notes or history table with every "
                                                                "column the app reads and an example row")),
        "user_guide": _action(w, QCoreApplication.translate("MainWindow", "&User guide"), w.show_guide, "about",
                              ("F1",),
                              QCoreApplication.translate("MainWindow", "What each tab does, what each figure means, "
                                                         "joint funding and lifts, handing a plan to an agency")),
    }
    undo = window.undo_stack.createUndoAction(window, QCoreApplication.translate("MainWindow", "&Undo"))
    undo.setIcon(icon("undo"))
    undo.setShortcuts(distinct_keys((QKeySequence.StandardKey.Undo,)))  # Ctrl+Z (not also F14 and the Undo key)
    redo = window.undo_stack.createRedoAction(window, QCoreApplication.translate("MainWindow", "&Redo"))
    redo.setIcon(icon("redo"))
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    actions["undo"], actions["redo"] = undo, redo
    return actions


def language_menu(window: MainWindow, current: str, choose: Callable[[str], None]) -> QMenu:
    """Settings > Language: system, English, 中文; a change takes effect on the next start."""
    menu = QMenu(QCoreApplication.translate("MainWindow", "&Language"), window)
    group = QActionGroup(menu)
    for code, text in (("system", QCoreApplication.translate("MainWindow", "Follow the system")), ("en", "English"), ("zh_CN", "中文（简体）")):
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        action.triggered.connect(lambda _checked=False, c=code: choose(c))
    return menu


def build_menus(window: MainWindow, actions: dict[str, QAction], edit_actions: dict[str, QAction],
                recent: QMenu, language: QMenu) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    for name in ("new", "new_from_template", "open"):
        file_menu.addAction(actions[name])
    file_menu.addMenu(recent)
    file_menu.addAction(actions["demo"])
    file_menu.addSeparator()
    for name in ("save", "save_as", None, "import_notes", "import_history", "import_exports", "import_actuals",
                 "save_template", None, "export", "apply_excel", None, "quit"):
        file_menu.addSeparator() if name is None else file_menu.addAction(actions[name])
    edit = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    for name in ("undo", "redo"):
        edit.addAction(actions[name])
    edit.addSeparator()
    for name in ("copy", "copy_headers", "paste", "select_all"):
        edit.addAction(edit_actions[name])
    edit.addSeparator()
    for name in ("bulk_edit", "lock", "unlock"):
        edit.addAction(edit_actions[name])
    edit.addSeparator()
    edit.addAction(actions["find"])
    plan = bar.addMenu(QCoreApplication.translate("MainWindow", "&Plan"))
    plan.addAction(actions["optimise"])
    plan.addAction(actions["scenarios"])
    plan.addAction(actions["guardrails"])
    plan.addSeparator()
    plan.addAction(actions["replan"])
    view = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    for name in ("notes_tab", "charts_tab", "lifts_tab", "compare_tab", "calendar_tab", "pacing_tab", "tracking_tab"):
        view.addAction(actions[name])
    view.addSeparator()
    view.addAction(window.side_dock.toggleViewAction())
    view.addAction(window.warnings_dock.toggleViewAction())
    view.addAction(window.toolbar.toggleViewAction())
    settings = bar.addMenu(QCoreApplication.translate("MainWindow", "&Settings"))
    settings.addMenu(language)
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addAction(actions["user_guide"])
    help_menu.addAction(actions["shortcuts"])
    help_menu.addAction(actions["about"])
    help_menu.addAction(actions["log_folder"])


def build_toolbar(window: MainWindow, actions: dict[str, QAction], edit_actions: dict[str, QAction]) -> QToolBar:
    toolbar = QToolBar(QCoreApplication.translate("MainWindow", "Main toolbar"), window)
    toolbar.setObjectName("mainToolbar")
    toolbar.setIconSize(QSize(20, 20))
    for name in ("new", "open", "save", None, "undo", "redo", None, "import_notes", "export", None, "optimise"):
        toolbar.addSeparator() if name is None else toolbar.addAction(actions[name])
    toolbar.addSeparator()
    for name in ("bulk_edit", "lock", "unlock"):
        toolbar.addAction(edit_actions[name])
    return toolbar
