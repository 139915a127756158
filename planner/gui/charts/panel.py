"""The charts panel: budget by note, response curve, funnel and efficient frontier, as tabs.

Tabs suit a 1366×768 screen better than a grid of four small charts. The charts (and pyqtgraph, ~0.2 s
to import) are built only after the panel is first painted, or IDLE_BUILD_MS after it was made when it
sits on a tab not yet opened, so they never delay the window's first frame; `ensure_built` (or any
chart property) builds them at once, which is what tests use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QTabWidget, QToolButton, QVBoxLayout, QWidget

from planner.gui.protocols import Session

IDLE_BUILD_MS = 1500

if TYPE_CHECKING:  # the chart modules import pyqtgraph: only when the charts are built
    from planner.gui.charts.base import ChartBase
    from planner.gui.charts.budget_chart import BudgetChart
    from planner.gui.charts.frontier_chart import FrontierChart
    from planner.gui.charts.funnel_chart import FunnelChart
    from planner.gui.charts.response_chart import ResponseChart


class _Placeholder(QLabel):
    """Stands in for a chart until the charts are built; its first paint starts the build."""

    def __init__(self, panel: ChartsPanel):
        super().__init__()
        self._panel = panel
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        super().paintEvent(event)
        self._panel.build_later()


class ChartsPanel(QWidget):
    """Four charts over the session's document; the main window tells it the selected note and the UI language."""

    def __init__(self, session: Session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document = session.document
        self.lang = "en"
        self.selected: int | None = None
        self._charts: list[ChartBase] | None = None
        self._build_pending = False
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self._pages: list[QVBoxLayout] = []
        self._placeholders: list[_Placeholder] = []
        for _ in range(4):
            page = QWidget()
            layout = QVBoxLayout(page)
            layout.setContentsMargins(0, 0, 0, 0)
            placeholder = _Placeholder(self)
            layout.addWidget(placeholder)
            self._pages.append(layout)
            self._placeholders.append(placeholder)
            self.tabs.addTab(page, "")
        self.save_button = QToolButton()
        self.save_button.setAutoRaise(True)
        self.save_button.clicked.connect(self.save_current_png)
        self.tabs.setCornerWidget(self.save_button, Qt.Corner.TopRightCorner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.retranslate()
        self._idle_timer = QTimer(self)  # a child: it dies with the panel
        self._idle_timer.setSingleShot(True)
        self._idle_timer.timeout.connect(self.build_later)
        self._idle_timer.start(IDLE_BUILD_MS)

    def retranslate(self) -> None:
        for index, title in enumerate((self.tr("Budgets"), self.tr("Response curve"), self.tr("Funnel"),
                                       self.tr("Frontier"))):
            self.tabs.setTabText(index, title)
        self.save_button.setText(self.tr("Save as PNG…"))
        self.save_button.setToolTip(self.tr("Save the chart shown as a PNG image"))
        for placeholder in self._placeholders:
            placeholder.setText(self.tr("Loading charts…"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- building ---------------------------------------------------------------------------------

    def build_later(self) -> None:
        """Build the charts on the next turn of the event loop, once the first frame is on screen."""
        if self._charts is None and not self._build_pending:
            self._build_pending = True
            QTimer.singleShot(0, self, self.ensure_built)  # no call after the panel is gone

    def ensure_built(self) -> list[ChartBase]:
        """The four charts, in tab order, built now if they are not yet."""
        if self._charts is None:
            from planner.gui.charts.budget_chart import BudgetChart
            from planner.gui.charts.frontier_chart import FrontierChart
            from planner.gui.charts.funnel_chart import FunnelChart
            from planner.gui.charts.response_chart import ResponseChart

            charts: list[ChartBase] = [BudgetChart(self.session), ResponseChart(self.session),
                                       FunnelChart(self.session), FrontierChart(self.session)]
            for layout, placeholder, chart in zip(self._pages, self._placeholders, charts, strict=True):
                placeholder.hide()
                layout.addWidget(chart)
                if self.lang != "en":
                    chart.set_language(self.lang)
            self._charts = charts
            self._placeholders = []
            if self.selected is not None:
                self.set_selected_note(self.selected)
        return self._charts

    @property
    def built(self) -> bool:
        return self._charts is not None

    @property
    def budget_chart(self) -> BudgetChart:
        return self.ensure_built()[0]  # type: ignore[return-value]

    @property
    def response_chart(self) -> ResponseChart:
        return self.ensure_built()[1]  # type: ignore[return-value]

    @property
    def funnel_chart(self) -> FunnelChart:
        return self.ensure_built()[2]  # type: ignore[return-value]

    @property
    def frontier_chart(self) -> FrontierChart:
        return self.ensure_built()[3]  # type: ignore[return-value]

    # --- what the main window calls ---------------------------------------------------------------

    def set_selected_note(self, position: int | None) -> None:
        """Follow the table's selection (a note's position in the plan); None shows a hint instead."""
        self.selected = position
        if self._charts is not None:
            self.response_chart.set_selected_note(position)
            self.budget_chart.set_selected_note(position)

    def set_language(self, lang: str) -> None:
        """"zh" for 万/亿 units on axes and labels, "en" for K/M/B."""
        self.lang = lang
        for chart in self._charts or []:
            chart.set_language(lang)

    def current_chart(self) -> ChartBase:
        return self.ensure_built()[self.tabs.currentIndex()]

    def save_current_png(self) -> None:
        """Ask where to save the chart on the current tab; each chart's save_png does the saving."""
        self.current_chart().ask_save_png()
