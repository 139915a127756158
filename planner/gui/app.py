"""The `planner` command: QApplication, language, settings, error hook, then the main window.

`planner` opens an empty plan, `planner PLAN.rcplan` that plan, `planner --demo` the built-in demo.
Setting RCPLANNER_EXIT_AFTER_PAINT=1 prints `painted <unix time>` once the notes table is first drawn
and quits: tests/bench/bench_gui.py measures start-up with it.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.gui.settings import APPLICATION, LANGUAGES, ORGANIZATION, Settings
from planner.heap import keep_freed_memory

EXIT_AFTER_PAINT = "RCPLANNER_EXIT_AFTER_PAINT"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="planner", description="RedCat Planner (红猫投放规划): the desktop app.")
    parser.add_argument("plan", nargs="?", type=Path, help="a plan file (.rcplan) to open")
    parser.add_argument("--demo", action="store_true", help="open the built-in demo plan")
    parser.add_argument("--lang", choices=LANGUAGES, help="UI language for this run (default: the settings)")
    parser.add_argument("--version", action="version", version=f"RedCat Planner {__version__}")
    args, _qt_args = parser.parse_known_args(list(argv))  # Qt's own options (-style, -platform) pass through
    return args


class _FirstPaint(QObject):
    """Prints the time of the first paint of `target` and quits: start-up measurement only.

    With RCPLANNER_EXIT_AFTER_PAINT=charts the charts are built too before quitting, so that a smoke
    test of a frozen app also finds a module the charts need and the bundle left out.
    """

    def __init__(self, window: QObject, with_charts: bool):
        super().__init__(window)
        self._window = window
        self._with_charts = with_charts

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._done)
        return False

    def _done(self) -> None:
        print(f"painted {time.time():.6f}", flush=True)
        if self._with_charts:
            self._window.charts.ensure_built()  # type: ignore[attr-defined]
            print("charts built", flush=True)
        QApplication.quit()


def make_application(argv: Sequence[str]) -> QApplication:
    """The QApplication with the names QSettings and QStandardPaths use for the user's folders."""
    app = QApplication.instance() or QApplication(list(argv))
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("redcat-planner")
    from planner.gui.icons import app_icon

    app.setWindowIcon(app_icon())
    return app


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = parse_args(argv[1:])
    keep_freed_memory()
    app = make_application(argv[:1])
    from planner.gui.errors import install_excepthook
    from planner.gui.i18n import install_language, resolve_language

    settings = Settings()
    install_language(resolve_language(args.lang or settings.language()))
    install_excepthook()
    from planner.gui.main_window import MainWindow

    window = MainWindow(settings)
    if args.demo:
        window.open_demo()
    elif args.plan is not None:
        window.open_path(args.plan)
    measuring = bool(os.environ.get(EXIT_AFTER_PAINT))
    if measuring:
        probe = _FirstPaint(window, os.environ[EXIT_AFTER_PAINT] == "charts")
        window.notes_view.table.viewport().installEventFilter(probe)
    window.show()
    if not measuring:
        QTimer.singleShot(0, window.offer_recovery)
    return app.exec()
