"""What planner-cli prints for a person (not --json): short reports in the current language."""

from __future__ import annotations

from planner import formats
from planner.i18n import _, language, ngettext
from planner.model.fields import MONEY, NOTE_FIELD, OUTPUT_FIELD, RATIO, label
from planner.model.plan import Plan

# The rows of the estimate report: the plan's totals, money with fen only for the price of an order.
TOTAL_ROWS = ("budget", "brand_cost", "platform_cost", "impressions", "clicks", "interactions", "store_visits",
              "orders", "gmv", "roi", "brand_roi", "cpa")
FEE_ROWS = ("creator_fee", "total_cost", "total_roi", "brand_total_roi")


def notes_count(n: int) -> str:
    """"60 notes", "1 note", "60 篇笔记"."""
    return ngettext("{n} note", "{n} notes", n).format(n=f"{n:,}")


def shown(key: str, value: float | None) -> str:
    """A total as the report shows it: whole ¥ for amounts, fen for a price (CPA), whole counts, ratios."""
    field = OUTPUT_FIELD.get(key) or NOTE_FIELD[key]
    if field.kind == MONEY:
        return formats.money(value, fen=key in formats.PRICES)
    if field.kind == RATIO:
        return formats.ratio(value)
    return formats.count(value)


def objective_value(objective: str, value: float) -> str:
    """The optimiser's result for its objective: GMV in ¥, the other objectives as whole counts."""
    return shown(objective, value)


def format_estimate(plan: Plan, totals: dict[str, float | None], spread: dict[str, dict[str, float]]) -> str:
    """The estimate as a short text report for a terminal."""
    lang = language()
    p = plan.params
    cap = _("none") if p.platform_cap is None else formats.money(p.platform_cap)
    lines = [
        _("Plan: {name} — {notes}").format(name=plan.name or _("(unnamed)"), notes=notes_count(len(plan.notes))),
        _("Brand budget {budget}, objective {objective}, joint investment {joint}, platform share {share}, "
          "platform cap {cap}").format(budget=formats.money(p.brand_budget), objective=label(p.objective, lang),
                                       joint=_("on") if p.joint else _("off"),
                                       share=formats.percent(p.platform_share, 0), cap=cap),
        ""]
    rows = TOTAL_ROWS + (FEE_ROWS if totals.get("creator_fee") else ())  # creator fees only where a plan has some
    names = {key: label(key, lang) for key in rows}
    width = max(formats.display_width(name) for name in names.values()) + 2
    for key in rows:
        name = names[key]
        lines.append(formats.padded(name, width) + f"{shown(key, totals[key]):>20}")
    lines.append("")
    for key in ("orders", "gmv"):
        band = spread[key]
        lines.append(_("{metric} P10 / P50 / P90 (Monte Carlo over the lifts): {p10} / {p50} / {p90}").format(
            metric=label(key, lang), p10=shown(key, band["p10"]), p50=shown(key, band["p50"]),
            p90=shown(key, band["p90"])))
    return "\n".join(lines) + "\n"

