"""What every chart shares: pyqtgraph configured once, a plot or a message, Save as PNG.

pyqtgraph is imported here and only under planner/gui/charts, and the charts package is imported only
when the charts are first shown (see panel.py): its import costs ~0.2 s of the app's start-up.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QEvent, QIODevice, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QStackedWidget, QVBoxLayout, QWidget

from planner.gui.document import Change, PlanDocument
from planner.gui.protocols import Session
from planner.model.errors import InputError

# White charts with black ink match the tables around them and print well once saved as PNG.
pg.setConfigOptions(antialias=True, background="w", foreground="k")

BRAND_COLOUR = (214, 69, 65)  # the brand's money: RedCat red
PLATFORM_COLOUR = (247, 160, 122)  # the platform's money: a lighter tint of it
LINE_COLOUR = (45, 95, 165)
ACCENT_COLOUR = (230, 140, 20)
TITLE_SIZE = "10pt"


class ChartBase(QWidget):
    """A chart over the session's document: redraws on each change; shows a message instead when it has no data.

    Subclasses build their items in `__init__`, update them in `redraw` (cheaply: set data on existing
    items), and set every visible text in `retranslate`, which also runs on a language change.
    """

    file_stem = "chart"

    def __init__(self, session: Session, axis_items: dict[str, Any] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.document: PlanDocument = session.document
        document = self.document
        self.lang = "en"
        self.plot_widget = pg.PlotWidget(axisItems=axis_items or {})
        self.plot_item = self.plot_widget.getPlotItem()
        # Pan, zoom and pyqtgraph's own (English-only) menu would leave a chart stuck off its data.
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setMouseEnabled(x=False, y=False)
        self.plot_item.showGrid(x=True, y=True, alpha=0.15)
        self._message = QLabel()
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setWordWrap(True)
        self._message.setStyleSheet("QLabel { background: white; color: #555; padding: 24px; }")
        self._stack = QStackedWidget()
        self._stack.addWidget(self.plot_widget)
        self._stack.addWidget(self._message)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(2)
        self.layout_.addWidget(self._stack, 1)
        document.changed.connect(self.on_document_changed)

    # --- what subclasses provide ------------------------------------------------------------------

    def redraw(self) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Set titles and labels in the current language; the default redraws (labels are set there)."""
        self.redraw()

    def on_document_changed(self, change: Change) -> None:
        self.redraw()

    # --- shared behaviour -------------------------------------------------------------------------

    def set_language(self, lang: str) -> None:
        """Units of the axes and labels: 万/亿 for "zh", K/M/B otherwise."""
        self.lang = lang
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            if hasattr(axis, "set_language"):
                axis.set_language(lang)
        self.redraw()

    def set_title(self, text: str) -> None:
        self.plot_item.setTitle(text, size=TITLE_SIZE)

    def show_message(self, text: str) -> None:
        """Show `text` in place of the plot: a hint with no selection, or why there is no chart."""
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)

    def show_plot(self) -> None:
        self._stack.setCurrentWidget(self.plot_widget)

    @property
    def message(self) -> str | None:
        """The message shown instead of the plot, or None while the plot is shown."""
        return self._message.text() if self._stack.currentWidget() is self._message else None

    def save_png(self, path: str | Path) -> Path:
        """Save what the chart shows (title, axes, legend) as a PNG at the widget's size, atomically.

        Written by the session like every file of the app: InputError if `path` is not a regular file (a
        folder, a device), OSError naming `path` on any other failure.
        """
        path = Path(path)
        shown = self._stack.currentWidget()
        # The first render lets each axis measure its labels and widen; a hidden chart (another tab)
        # is laid out again only once its posted layout requests run, so render after those.
        shown.grab()
        QCoreApplication.sendPostedEvents()
        self.session.write_file(path, png_bytes(shown.grab()))
        return path

    def ask_save_png(self) -> None:
        """Ask for a file name, then save_png; kept apart so that tests call save_png directly."""
        folder = self.document.path.parent if self.document.path is not None else Path.home()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart as PNG"),
                                              str(folder / f"{self.file_stem}.png"),
                                              self.tr("PNG images (*.png)"))
        if not name:
            return
        if not name.lower().endswith(".png"):
            name += ".png"
        try:
            self.save_png(name)
        except (InputError, OSError) as error:
            QMessageBox.warning(self, self.tr("Save as PNG"), error_text(error))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def png_bytes(image: QPixmap) -> bytes:
    """`image` encoded as PNG in memory, so that the session writes the file like every other."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise OSError(errno.EIO, "the chart could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def error_text(error: InputError | OSError) -> str:
    """The words of the CLI: one line per problem, or "FILE: reason"."""
    if isinstance(error, InputError):
        return str(error)
    return f"{error.filename}: {error.strerror}" if error.filename else (error.strerror or str(error))


def legend(plot_item: Any, offset: tuple[int, int]) -> Any:
    """A compact legend on a translucent white box, so that it stays readable over grid lines."""
    return plot_item.addLegend(offset=offset, brush=pg.mkBrush(255, 255, 255, 220),
                               pen=pg.mkPen(200, 200, 200), labelTextSize="9pt",
                               verSpacing=-4)
