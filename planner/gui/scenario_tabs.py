"""The main window's part for scenarios and the campaign: the Compare, Calendar, Pacing and Tracking tabs, the scenario
manager.

The tabs are built the first time they are shown, so that a window that never opens them never pays for them
(the Pacing tab's chart imports pyqtgraph). A mixin of MainWindow, which gives it `session`, `tabs` and the
scenario switcher.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from planner.gui.session import PlanSession
from planner.gui.views.scenario_switcher import ScenarioSwitcher

if TYPE_CHECKING:
    from planner.gui.views.calendar_view import CalendarView
    from planner.gui.views.compare_view import CompareView
    from planner.gui.views.pacing_view import PacingView
    from planner.gui.views.tracking_view import TrackingView


def _compare(session: PlanSession) -> QWidget:
    from planner.gui.views.compare_view import CompareView

    return CompareView(session)


def _calendar(session: PlanSession) -> QWidget:
    from planner.gui.views.calendar_view import CalendarView

    return CalendarView(session)


def _pacing(session: PlanSession) -> QWidget:
    from planner.gui.views.pacing_view import PacingView

    return PacingView(session)


def _tracking(window: ScenarioTabsMixin) -> QWidget:
    from planner.gui.views.tracking_view import TrackingView

    view = TrackingView(window.session)
    # The window's tracking actions (planner.gui.tracking_actions, another mixin of the same window).
    view.importRequested.connect(window.import_actuals_dialog)  # type: ignore[attr-defined]
    view.demoRequested.connect(window.use_demo_actuals)  # type: ignore[attr-defined]
    view.calendarRequested.connect(lambda: window.show_scenario_tab("calendar"))
    view.replanRequested.connect(window.replan_rest)  # type: ignore[attr-defined]
    return view


class _Page(QWidget):
    """A tab's page that builds its view when first asked for it."""

    def __init__(self, build: Callable[[], QWidget]):
        super().__init__()
        self._build = build
        self.view: QWidget | None = None
        QVBoxLayout(self).setContentsMargins(0, 0, 0, 0)

    def ensure(self) -> QWidget:
        if self.view is None:
            self.view = self._build()
            self.layout().addWidget(self.view)
        return self.view


class ScenarioTabsMixin:
    """Compare, Calendar and Pacing tabs; the scenario switcher's buttons."""

    session: PlanSession
    tabs: QTabWidget
    scenario_switcher: ScenarioSwitcher

    def _add_scenario_tabs(self) -> None:
        self._scenario_pages = {
            "compare": _Page(lambda: _compare(self.session)),
            "calendar": _Page(lambda: _calendar(self.session)),
            "pacing": _Page(lambda: _pacing(self.session)),
            "tracking": _Page(lambda: _tracking(self)),
        }
        titles = {"compare": QCoreApplication.translate("MainWindow", "Compare"),
                  "calendar": QCoreApplication.translate("MainWindow", "Calendar"),
                  "pacing": QCoreApplication.translate("MainWindow", "Pacing"),
                  "tracking": QCoreApplication.translate("MainWindow", "Tracking")}
        for key, page in self._scenario_pages.items():
            self.tabs.addTab(page, titles[key])
        self.scenario_switcher.manageRequested.connect(self.manage_scenarios)

    def _scenario_tab_shown(self, index: int) -> None:
        page = self.tabs.widget(index)
        if isinstance(page, _Page):
            page.ensure()

    def show_scenario_tab(self, key: str) -> QWidget:
        """Bring the Compare, Calendar, Pacing or Tracking tab to the front (built if it is not yet)."""
        page = self._scenario_pages[key]
        view = page.ensure()
        self.tabs.setCurrentWidget(page)
        return view

    @property
    def compare_view(self) -> CompareView:
        return self._scenario_pages["compare"].ensure()  # type: ignore[return-value]

    @property
    def calendar_view(self) -> CalendarView:
        return self._scenario_pages["calendar"].ensure()  # type: ignore[return-value]

    @property
    def pacing_view(self) -> PacingView:
        return self._scenario_pages["pacing"].ensure()  # type: ignore[return-value]

    @property
    def tracking_view(self) -> TrackingView:
        return self._scenario_pages["tracking"].ensure()  # type: ignore[return-value]

    def manage_scenarios(self) -> None:
        """The scenario manager, over this window (its changes are undo steps of the window)."""
        from planner.gui.views.scenario_manager import ScenarioManager

        dialog = ScenarioManager(self.session, self)  # type: ignore[arg-type]
        dialog.exec()
        dialog.deleteLater()
