"""The guardrails that read the history table (MODEL.md section 12): past history and unusual rates.

- Past history: a note's budget above `history_multiple` times the most its note spent in any period of the
  history table; a note the history does not hold is held to the most any note of its creator spent there.
  The creator of a history row is the table's own creator column (达人) where it has one, else the plan's
  creator of that note id. A history without spend says nothing here.
- Unusual rates: a note's rate (its input, before any lift: the base rates the history's base period shows)
  outside the rate_low–rate_high percentiles of its industry's notes in the history's base period. Each
  history note's rate is its ratio of sums over its base rows; an industry needs RATE_NOTES such notes with
  the rate's denominator, and cvr needs orders in the history.

Each check returns (note position, code, message) for the notes it warns about, in the notes' order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner import formats
from planner.i18n import _, language
from planner.model.fields import industry_label, label
from planner.model.plan import Plan
from planner.model.thresholds import Thresholds

PAST_HISTORY = "past_history"
UNUSUAL_RATE = "unusual_rate"
RATE_NOTES = 5  # history notes of an industry needed before its spread of a rate says anything
CREATOR_COLUMNS = ("creator", "达人", "Creator")  # the history's own creator column: the notes field's words
# rate -> (events, exposures) in the history table
RATES = {"ctr": ("clicks", "impressions"), "interaction_rate": ("interactions", "impressions"),
         "entry_rate": ("store_visits", "clicks"), "cvr": ("orders", "store_visits")}

Found = list[tuple[int, str, str]]


def past_history(plan: Plan, history: pd.DataFrame, thresholds: Thresholds) -> Found:
    """Notes whose budget is above the multiple of the most their note (or creator) ever spent."""
    notes = plan.notes
    if not len(notes) or not history["spend"].notna().any():
        return []
    spent = history.groupby(history["note_id"].str.strip(), sort=False)["spend"].max()  # NaN-skipping
    spent = spent[spent.notna()]
    creators = _history_creators(history, notes).reindex(spent.index).fillna("")
    by_creator = spent[creators.to_numpy() != ""].groupby(creators[creators != ""].to_numpy()).max()
    ids = notes["note_id"].to_numpy(dtype=object)
    own = spent.reindex(ids).to_numpy(dtype=float)
    note_creators = notes["creator"].fillna("").astype(str).str.strip() if "creator" in notes else pd.Series(
        [""] * len(notes))
    theirs = by_creator.reindex(note_creators.to_numpy()).to_numpy(dtype=float)
    most = np.where(np.isnan(own), theirs, own)
    budget = notes["budget"].to_numpy(dtype=float)
    multiple = thresholds.history_multiple
    with np.errstate(invalid="ignore"):
        over = ~np.isnan(most) & (budget > multiple * most) & (budget > 0)
    found: Found = []
    for i in np.flatnonzero(over).tolist():
        if not np.isnan(own[i]):
            message = _("a budget of {budget}, more than {multiple:g} times the most this note spent in the history "
                        "table ({most}): check that it can spend that much").format(
                budget=formats.money(budget[i]), multiple=multiple, most=formats.money(most[i]))
        else:
            message = _("a budget of {budget}, more than {multiple:g} times the most a note of its creator {creator} "
                        "spent in the history table ({most}): check that it can spend that much").format(
                budget=formats.money(budget[i]), multiple=multiple, creator=note_creators.iat[i],
                most=formats.money(most[i]))
        found.append((i, PAST_HISTORY, message))
    return found


def _history_creators(history: pd.DataFrame, notes: pd.DataFrame) -> pd.Series:
    """Each history note's creator (by its trimmed id): the history's own column, else the plan's note's."""
    ids = history["note_id"].str.strip()
    column = next((c for c in CREATOR_COLUMNS if c in history.columns), None)
    if column is not None:
        named = history[column].fillna("").astype(str).str.strip()
        own = named[named != ""].groupby(ids[named != ""], sort=False).first()
    else:
        own = pd.Series(dtype=object)
    plan_creators = (pd.Series(notes["creator"].fillna("").astype(str).str.strip().to_numpy(),
                               index=notes["note_id"].to_numpy()) if "creator" in notes else pd.Series(dtype=object))
    distinct = pd.Index(ids.unique())
    found = own.reindex(distinct)
    return found.where(found.notna() & (found != ""), plan_creators.reindex(distinct)).fillna("")


def unusual_rates(plan: Plan, history: pd.DataFrame, thresholds: Thresholds) -> Found:
    """Notes with a rate outside the percentiles of their industry's notes in the history's base period."""
    notes = plan.notes
    base = history[history["period"] == "base"]
    if not len(notes) or not len(base):
        return []
    counts = base.groupby([base["industry"], base["note_id"].str.strip()], sort=False)[
        ["impressions", "clicks", "interactions", "store_visits", "orders"]].sum(min_count=1)
    industries = counts.index.get_level_values(0)
    industries_of_notes = notes["industry"].astype(str).to_numpy()
    industry_names = {name: industry_label(name, language()) for name in pd.unique(industries_of_notes)}
    found: list[tuple[int, int, str, str]] = []  # (note position, rate's order, code, message)
    for order, (rate, (events, exposures)) in enumerate(RATES.items()):
        seen, counted = counts[exposures].to_numpy(dtype=float), counts[events].to_numpy(dtype=float)
        defined = (seen > 0) & ~np.isnan(counted)
        rates = pd.Series(counted[defined] / seen[defined], index=industries[defined])
        grouped = rates.groupby(level=0)
        spread = pd.DataFrame({"count": grouped.size(), "low": grouped.quantile(thresholds.rate_low / 100),
                               "high": grouped.quantile(thresholds.rate_high / 100)})
        spread = spread[spread["count"] >= RATE_NOTES]
        if not len(spread):
            continue
        where = spread.reindex(notes["industry"].to_numpy())
        low, high = where["low"].to_numpy(dtype=float), where["high"].to_numpy(dtype=float)
        among = where["count"].to_numpy(dtype=float)
        value = notes[rate].to_numpy(dtype=float)
        with np.errstate(invalid="ignore"):
            outside = ~np.isnan(low) & ((value < low) | (value > high))
        # What every message of this rate shares is looked up once: a plan may have thousands of such notes.
        sentence, named = _(
            "{rate} of {value} is outside P{low_percentile:g}–P{high_percentile:g} of the {industry} notes in the "
            "history table ({low} to {high}, {n} notes): check it"), label(rate, language())
        for i in np.flatnonzero(outside).tolist():
            found.append((i, order, UNUSUAL_RATE, sentence.format(
                rate=named, value=formats.percent(value[i]), low_percentile=thresholds.rate_low,
                high_percentile=thresholds.rate_high, industry=industry_names[industries_of_notes[i]],
                low=formats.percent(low[i]), high=formats.percent(high[i]), n=int(among[i]))))
    found.sort(key=lambda item: (item[0], item[1]))
    return [(i, code, message) for i, _order, code, message in found]
