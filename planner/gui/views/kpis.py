"""KPI cards: the plan's totals (MODEL.md section 3 and 4) and the P10-P90 of orders and GMV (section 6).

They refresh on every change of the plan, reading the totals and their uncertainty from the document, which
computes each once per change (the uncertainty takes about 4 ms on a 10,000-note plan: tests/bench/bench_gui.py
measures it, well inside one frame). A brand cost above the brand budget turns its card to the warning colour
with a sentence, and BudgetWarning says it in the status bar (MODEL.md section 12: a warning, never an error).
Creator fees (MODEL.md section 11): a total cost card (boosts and fees) says the ROI on it and the brand's; when the
brand budget covers the fees, the brand card and the warning count them with the brand cost.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from planner import formats
from planner.gui.document import PlanDocument
from planner.gui.i18n import ui_lang
from planner.gui.labels import label, tooltip
from planner.model.funding import over_budget

# One card for the total cost and its ROIs (thirteen cards do not fit a 1366-pixel screen in English).
CARDS = ("budget", "brand_cost", "platform_cost", "total_cost", "impressions", "clicks", "interactions",
         "store_visits", "orders", "gmv", "roi", "cpa")
MONEY_CARDS = ("budget", "brand_cost", "platform_cost", "total_cost", "gmv")
FEE_RATIOS = ("total_roi", "brand_total_roi")  # in the total cost card's tooltip, with their definitions
WARNING_TEXT = "#b3261e"  # the warning colour: a dark red that reads on white and on its tint
WARNING_TINT = "#fdecea"


def budget_cost(document: PlanDocument) -> float | None:
    """What the brand budget pays: the brand cost, and the creator fees when the plan says it covers them."""
    totals = document.estimate.totals
    cost = totals.get("brand_cost")
    if cost is None or not document.plan.params.fees_in_budget:
        return cost
    return cost + (totals.get("creator_fee") or 0.0)


def over_budget_sentence(document: PlanDocument) -> str:
    """"Brand cost is ¥10,000 over the brand budget of ¥600,000", or "" while the plan is within it."""
    brand_budget = document.plan.params.brand_budget
    excess = over_budget(budget_cost(document), brand_budget)
    if not excess:
        return ""
    sentence = (QCoreApplication.translate("KpiPanel", "Brand cost and creator fees are %1 over the brand budget of %2.")
                if document.plan.params.fees_in_budget else
                QCoreApplication.translate("KpiPanel", "Brand cost is %1 over the brand budget of %2."))
    return sentence.replace("%1", formats.money(excess)).replace("%2", formats.money(brand_budget))


def over_budget_advice() -> str:
    return QCoreApplication.translate("KpiPanel", "Lower some budgets, optimise, or raise the brand budget.")


class KpiCard(QFrame):
    """A title, a big value and a small line under it; the tooltip defines the metric and shows it in full."""

    def __init__(self, key: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.setObjectName("kpiCard")
        self.setProperty("warning", False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.title = QLabel(label(key))
        self.title.setObjectName("kpiTitle")
        self.value = QLabel("—")
        self.value.setObjectName("kpiValue")
        self.detail = QLabel("")
        self.detail.setObjectName("kpiDetail")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(5, 4, 5, 4)  # twelve cards and the scenario box fit a 1366-pixel screen
        layout.setSpacing(0)
        for widget in (self.title, self.value, self.detail):
            widget.setAlignment(Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(widget)

    def show_value(self, text: str, full: str, detail: str = "", warning: str = "", more: str = "") -> None:
        """The value, its line, and a warning sentence that turns the card to the warning colour; `more` says in
        the tooltip what the line says in short."""
        self.value.setText(text)
        self.detail.setText(detail)
        self.setToolTip("\n".join(part for part in (tooltip(self.key), full, more or detail, warning) if part))
        if self.property("warning") != bool(warning):
            self.setProperty("warning", bool(warning))
            for widget in (self, self.value, self.detail):  # the style sheet's [warning] rules apply again
                widget.style().unpolish(widget)
                widget.style().polish(widget)

    @property
    def warning(self) -> bool:
        return bool(self.property("warning"))


class KpiPanel(QWidget):
    """One card per total; follows `document.changed`."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self.cards = {key: KpiCard(key) for key in CARDS}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(3)
        for card in self.cards.values():
            layout.addWidget(card)
        self.setStyleSheet(
            "#kpiCard { background: palette(base); border: 1px solid palette(mid); border-radius: 4px; }"
            f"#kpiCard[warning=\"true\"] {{ background: {WARNING_TINT}; border: 1px solid {WARNING_TEXT}; }}"
            "#kpiTitle { color: palette(placeholder-text); }"
            "#kpiValue { font-size: 13pt; font-weight: 600; }"
            "#kpiDetail { color: palette(placeholder-text); font-size: 8pt; }"
            f"#kpiCard[warning=\"true\"] #kpiValue, #kpiCard[warning=\"true\"] #kpiDetail {{ color: {WARNING_TEXT}; }}")
        self.spread: dict[str, dict[str, float]] = {}
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _change: object = None) -> None:
        """Show the current totals and their uncertainty."""
        totals = self._document.estimate.totals
        self.spread = self._document.uncertainty
        lang = ui_lang()
        details = self._details(totals, lang)
        warning = over_budget_sentence(self._document)
        for key, card in self.cards.items():
            value = totals.get(key)
            if key in MONEY_CARDS:
                text, full = formats.short_money(value, lang), formats.money(value)
            elif key in formats.PRICES:
                text = full = formats.money(value, fen=True)
            elif key == "roi":
                text = full = formats.ratio(value)
            else:
                text, full = formats.short_number(value, lang), formats.count(value)
            card.show_value(text, full, details.get(key, ""),
                            f"{warning} {over_budget_advice()}" if warning and key == "brand_cost" else "",
                            self._fees(totals) if key == "total_cost" else "")

    def _details(self, totals: dict[str, float | None], lang: str) -> dict[str, str]:
        """The small line under each card: context for the number (budget used, cap, P10-P90)."""
        params = self._document.plan.params
        excess = over_budget(budget_cost(self._document), params.brand_budget)
        details = {
            "budget": self.tr("%n note(s)", "", len(self._document.plan.notes)),
            "brand_cost": self.tr("budget %1").replace(
                "%1", formats.short_money(params.brand_budget, lang)) if not excess else
            self.tr("over by %1").replace("%1", formats.short_money(excess, lang)),
            "roi": self.tr("brand ROI %1").replace("%1", formats.ratio(totals.get("brand_roi"))),
            "total_cost": self.tr("ROI %1, brand %2").replace("%1", formats.ratio(totals.get("total_roi")))
            .replace("%2", formats.ratio(totals.get("brand_total_roi"))),
        }
        if params.fees_in_budget and not excess:  # the brand budget pays the creators too: say what it covers
            details["brand_cost"] = self.tr("with fees %1").replace(
                "%1", formats.short_money(budget_cost(self._document), lang))
        if not params.joint:
            details["platform_cost"] = self.tr("joint investment off")
        elif params.platform_cap is None:
            details["platform_cost"] = self.tr("no cap")
        else:
            details["platform_cost"] = self.tr("cap %1").replace("%1", formats.short_money(params.platform_cap, lang))
        for key in ("orders", "gmv"):
            band = self.spread.get(key)
            if band is not None:
                low, high = (formats.short_money(band[p], lang) if key == "gmv"
                             else formats.short_number(band[p], lang) for p in ("p10", "p90"))
                details[key] = f"P10–P90 {low}–{high}"
        return details

    @staticmethod
    def _fees(totals: dict[str, float | None]) -> str:
        """The total cost card's tooltip lines: the fees, and each ROI on total cost with what it means."""
        fee = f"{label('creator_fee')}: {formats.money(totals.get('creator_fee'))}"
        return "\n".join([fee] + [f"{tooltip(key)}: {formats.ratio(totals.get(key))}" for key in FEE_RATIOS])

    def value_text(self, key: str) -> str:
        """The text a card shows (for tests and the status bar)."""
        return self.cards[key].value.text()


class BudgetWarning(QLabel):
    """The status bar's over-budget sentence, in the warning colour; hidden while the plan is within budget."""

    def __init__(self, document: PlanDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self._document = document
        self.setObjectName("budgetWarning")
        self.setStyleSheet(f"#budgetWarning {{ color: {WARNING_TEXT}; font-weight: 600; }}")
        document.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, _change: object = None) -> None:
        sentence = over_budget_sentence(self._document)
        self.setText("⚠ " + sentence if sentence else "")
        self.setToolTip(f"{sentence} {over_budget_advice()}" if sentence else "")
        self.setVisible(bool(sentence))
