"""KPI cards: the plan's totals (MODEL.md section 3 and 4) and the P10-P90 of orders and GMV (section 6).

They refresh on every change of the plan, reading the totals and their uncertainty from the document, which
computes each once per change (the uncertainty takes about 4 ms on a 10,000-note plan: tests/bench/bench_gui.py
measures it, well inside one frame).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from planner.gui import formatting
from planner.gui.document import PlanDocument
from planner.gui.i18n import ui_lang
from planner.gui.labels import label, tooltip

CARDS = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "interactions", "store_visits",
         "orders", "gmv", "roi", "cpa")
MONEY_CARDS = ("budget", "brand_cost", "platform_cost", "gmv")


class KpiCard(QFrame):
    """A title, a big value and a small line under it; the tooltip defines the metric and shows it in full."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(label(key))
        self.title.setObjectName("kpiTitle")
        self.value = QLabel("—")
        self.value.setObjectName("kpiValue")
        self.detail = QLabel("")
        self.detail.setObjectName("kpiDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.setSpacing(0)
        for widget in (self.title, self.value, self.detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(widget)

    def show_value(self, text: str, full: str, detail: str = "") -> None:
        self.value.setText(text)
        self.detail.setText(detail)
        self.setToolTip(f"{tooltip(self.key)}\n{full}" + (f"\n{detail}" if detail else ""))


class KpiPanel(QWidget):
    """One card per total; follows `document.changed`."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self.cards = {key: KpiCard(key) for key in CARDS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        for card in self.cards.values():
            layout.addWidget(card)
        self.setStyleSheet(
            "#kpiCard { background: palette(base); border: 1px solid palette(mid); border-radius: 4px; }"
            "#kpiTitle { color: palette(placeholder-text); }"
            "#kpiValue { font-size: 13pt; font-weight: 600; }"
            "#kpiDetail { color: palette(placeholder-text); font-size: 8pt; }")
        self.spread: dict[str, dict[str, float]] = {}
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _change: object = None) -> None:
        """Show the current totals and their uncertainty."""
        totals = self._document.estimate.totals
        self.spread = self._document.uncertainty
        lang = ui_lang()
        details = self._details(totals, lang)
        for key, card in self.cards.items():
            value = totals.get(key)
            if key in MONEY_CARDS:
                text, full = formatting.money(value, lang, short=True), formatting.money(value, lang)
            elif key == "cpa":
                text = full = formatting.money(value, lang)
            elif key == "roi":
                text = full = formatting.ratio(value)
            else:
                text, full = formatting.count(value, lang, short=True), formatting.count(value, lang)
            card.show_value(text, full, details.get(key, ""))

    def _details(self, totals: dict[str, float | None], lang: str) -> dict[str, str]:
        """The small line under each card: context for the number (budget used, cap, P10-P90)."""
        params = self._document.plan.params
        details = {
            "budget": self.tr("%n note(s)", "", len(self._document.plan.notes)),
            "brand_cost": self.tr("of %1 brand budget").replace(
                "%1", formatting.money(params.brand_budget, lang, short=True)),
            "roi": self.tr("brand ROI %1").replace("%1", formatting.ratio(totals.get("brand_roi"))),
        }
        if not params.joint:
            details["platform_cost"] = self.tr("joint investment off")
        elif params.platform_cap is None:
            details["platform_cost"] = self.tr("no cap")
        else:
            details["platform_cost"] = self.tr("cap %1").replace(
                "%1", formatting.money(params.platform_cap, lang, short=True))
        for key in ("orders", "gmv"):
            band = self.spread.get(key)
            if band is not None:
                low, high = (formatting.money(band[p], lang, short=True) if key == "gmv"
                             else formatting.count(band[p], lang, short=True) for p in ("p10", "p90"))
                details[key] = f"P10–P90 {low}–{high}"
        return details

    def value_text(self, key: str) -> str:
        """The text a card shows (for tests and the status bar)."""
        return self.cards[key].value.text()
