"""What every field and metric is called and what it means, in the UI language (context "Metrics").

The definitions of the notes' inputs are planner.model.notes.DEFINITIONS, repeated here literally only so
that pyside6-lupdate can collect them for translation (a test checks that the two stay identical).
The others state MODEL.md's formulas in words, so that a tooltip says exactly what a number is.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

LABELS: dict[str, str] = {
    "note_id": QT_TRANSLATE_NOOP("Metrics", "Note ID"),
    "title": QT_TRANSLATE_NOOP("Metrics", "Title"),
    "creator": QT_TRANSLATE_NOOP("Metrics", "Creator"),
    "industry": QT_TRANSLATE_NOOP("Metrics", "Industry"),
    "format": QT_TRANSLATE_NOOP("Metrics", "Format"),
    "is_ad": QT_TRANSLATE_NOOP("Metrics", "Ad note"),
    "taobao_link": QT_TRANSLATE_NOOP("Metrics", "Taobao link"),
    "cpm": QT_TRANSLATE_NOOP("Metrics", "CPM"),
    "ctr": QT_TRANSLATE_NOOP("Metrics", "CTR"),
    "interaction_rate": QT_TRANSLATE_NOOP("Metrics", "Interaction rate"),
    "entry_rate": QT_TRANSLATE_NOOP("Metrics", "Store-entry rate"),
    "cvr": QT_TRANSLATE_NOOP("Metrics", "Conversion rate"),
    "aov": QT_TRANSLATE_NOOP("Metrics", "AOV"),
    "audience_cap": QT_TRANSLATE_NOOP("Metrics", "Audience cap"),
    "min_budget": QT_TRANSLATE_NOOP("Metrics", "Min budget"),
    "max_budget": QT_TRANSLATE_NOOP("Metrics", "Max budget"),
    "budget": QT_TRANSLATE_NOOP("Metrics", "Budget"),
    "locked": QT_TRANSLATE_NOOP("Metrics", "Locked"),
    "eligible": QT_TRANSLATE_NOOP("Metrics", "Eligible"),
    "brand_cost": QT_TRANSLATE_NOOP("Metrics", "Brand cost"),
    "platform_cost": QT_TRANSLATE_NOOP("Metrics", "Platform cost"),
    "impressions": QT_TRANSLATE_NOOP("Metrics", "Impressions"),
    "clicks": QT_TRANSLATE_NOOP("Metrics", "Clicks"),
    "interactions": QT_TRANSLATE_NOOP("Metrics", "Interactions"),
    "store_visits": QT_TRANSLATE_NOOP("Metrics", "Store visits"),
    "orders": QT_TRANSLATE_NOOP("Metrics", "Orders"),
    "gmv": QT_TRANSLATE_NOOP("Metrics", "GMV"),
    "marginal_roi": QT_TRANSLATE_NOOP("Metrics", "Marginal ROI"),
    "roi": QT_TRANSLATE_NOOP("Metrics", "ROI"),
    "brand_roi": QT_TRANSLATE_NOOP("Metrics", "Brand ROI"),
    "cpa": QT_TRANSLATE_NOOP("Metrics", "CPA"),
}

# planner.model.notes.DEFINITIONS, word for word (tests/gui/test_labels.py keeps them identical).
INPUT_DEFINITIONS: dict[str, str] = {
    "cpm": QT_TRANSLATE_NOOP("Metrics", "cost in ¥ per 1,000 impressions of boost (impressions, not people reached)"),
    "ctr": QT_TRANSLATE_NOOP("Metrics", "clicks per impression"),
    "interaction_rate": QT_TRANSLATE_NOOP("Metrics", "interactions per impression (not per click)"),
    "entry_rate": QT_TRANSLATE_NOOP("Metrics", "Taobao store visits per click"),
    "cvr": QT_TRANSLATE_NOOP("Metrics", "orders per store visit"),
    "aov": QT_TRANSLATE_NOOP("Metrics", "average order value in ¥"),
    "audience_cap": QT_TRANSLATE_NOOP("Metrics", "the most impressions the note can reach; empty = no cap"),
}

OTHER_DEFINITIONS: dict[str, str] = {
    "note_id": QT_TRANSLATE_NOOP("Metrics", "the note's id; unique within the plan"),
    "industry": QT_TRANSLATE_NOOP("Metrics", "the note's industry: it picks the row of lifts that applies "
                                             "(the default row when the industry has none)"),
    "format": QT_TRANSLATE_NOOP("Metrics", "image or video note"),
    "is_ad": QT_TRANSLATE_NOOP("Metrics", "an ad note: only ad notes may carry a Taobao link"),
    "taobao_link": QT_TRANSLATE_NOOP("Metrics", "the note carries a Taobao ad link; only ad notes may"),
    "min_budget": QT_TRANSLATE_NOOP("Metrics", "the least budget the optimiser may give this note"),
    "max_budget": QT_TRANSLATE_NOOP("Metrics", "the most budget the optimiser may give this note; "
                                               "empty = no maximum"),
    "budget": QT_TRANSLATE_NOOP("Metrics", "planned boost spend in ¥: brand and platform money together"),
    "locked": QT_TRANSLATE_NOOP("Metrics", "the optimiser keeps this note's budget as it is"),
    "eligible": QT_TRANSLATE_NOOP("Metrics", "eligible for joint investment: the plan has joint investment on "
                                             "and the note has a Taobao link; lifts apply to eligible notes only"),
    "brand_cost": QT_TRANSLATE_NOOP("Metrics", "the brand's money: budget minus the platform's part"),
    "platform_cost": QT_TRANSLATE_NOOP("Metrics", "the platform's money: its share of the eligible notes' "
                                                  "budgets, at most the platform cap, split over them by budget"),
    "impressions": QT_TRANSLATE_NOOP("Metrics", "impressions the budget buys: A·(1 − exp(−budget/(A·CPM/1000))) "
                                                "with an audience cap A, budget·1000/CPM without one"),
    "clicks": QT_TRANSLATE_NOOP("Metrics", "impressions × CTR (lifted for eligible notes)"),
    "interactions": QT_TRANSLATE_NOOP("Metrics", "impressions × interaction rate (per impression; lifted for "
                                                 "eligible notes)"),
    "store_visits": QT_TRANSLATE_NOOP("Metrics", "Taobao store visits: clicks × store-entry rate (lifted for "
                                                 "eligible notes)"),
    "orders": QT_TRANSLATE_NOOP("Metrics", "store visits × conversion rate"),
    "gmv": QT_TRANSLATE_NOOP("Metrics", "orders × average order value, in ¥"),
    "marginal_roi": QT_TRANSLATE_NOOP("Metrics", "extra GMV per extra ¥ of brand money at this budget"),
    "roi": QT_TRANSLATE_NOOP("Metrics", "GMV ÷ total budget (empty when the budget is 0)"),
    "brand_roi": QT_TRANSLATE_NOOP("Metrics", "GMV ÷ brand cost (empty when the brand pays nothing)"),
    "cpa": QT_TRANSLATE_NOOP("Metrics", "cost per order: total budget ÷ orders (empty when there are no orders)"),
}

INDUSTRY_LABELS: dict[str, str] = {
    "beauty": QT_TRANSLATE_NOOP("Metrics", "beauty"),
    "sports": QT_TRANSLATE_NOOP("Metrics", "sports"),
    "apparel": QT_TRANSLATE_NOOP("Metrics", "apparel"),
    "food": QT_TRANSLATE_NOOP("Metrics", "food"),
    "home": QT_TRANSLATE_NOOP("Metrics", "home"),
    "electronics": QT_TRANSLATE_NOOP("Metrics", "electronics"),
    "maternity": QT_TRANSLATE_NOOP("Metrics", "maternity"),
    "other": QT_TRANSLATE_NOOP("Metrics", "other"),
    "default": QT_TRANSLATE_NOOP("Metrics", "default"),
}

FORMAT_LABELS: dict[str, str] = {
    "image": QT_TRANSLATE_NOOP("Metrics", "image"),
    "video": QT_TRANSLATE_NOOP("Metrics", "video"),
}

OBJECTIVE_KEYS = ("clicks", "interactions", "store_visits", "orders", "gmv")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Metrics", text)


def label(key: str) -> str:
    """The field's or metric's name in the UI language (the key itself if it has none)."""
    return _tr(LABELS[key]) if key in LABELS else key


def definition(key: str) -> str:
    """What the field or metric means, in the UI language ("" if it needs no definition)."""
    text = INPUT_DEFINITIONS.get(key) or OTHER_DEFINITIONS.get(key)
    return _tr(text) if text else ""


def tooltip(key: str) -> str:
    """`Label: definition`, the tooltip of a column header or a KPI card."""
    meaning = definition(key)
    return f"{label(key)}: {meaning}" if meaning else label(key)


def industry_text(industry: str) -> str:
    """A known industry in the UI language (美妆 for beauty); other text exactly as the user typed it."""
    return _tr(INDUSTRY_LABELS[industry]) if industry in INDUSTRY_LABELS else industry


def format_text(value: str) -> str:
    return _tr(FORMAT_LABELS[value]) if value in FORMAT_LABELS else value


SOURCE_LABELS: dict[str, str] = {
    "article": QT_TRANSLATE_NOOP("Metrics", "built-in: the published figures of the Red Cat plan article"),
    "fitted": QT_TRANSLATE_NOOP("Metrics", "fitted from your history"),
    "typed": QT_TRANSLATE_NOOP("Metrics", "typed by a user"),
}


def source_text(source: str, n_notes: float | None = None) -> str:
    """Where a row of lifts came from, in the UI language (with the number of notes for fitted rows)."""
    text = _tr(SOURCE_LABELS[source]) if source in SOURCE_LABELS else source
    if source == "fitted" and n_notes is not None and n_notes == n_notes:
        count = int(n_notes)  # lupdate reads the plural form only with a plain name as the count
        text += " " + QCoreApplication.translate("Metrics", "(%n notes)", "", count)
    return text
