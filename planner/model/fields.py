"""The field catalogue: every column a user reads or types, with its kind, labels, rule and definition.

One entry per field is the only place its vocabulary is written. Validation (planner.model.notes and
planner.model.history), header matching on import (planner.io.tables), the app's table columns and
tooltips (planner.gui), the workbook's headers and the Assumptions sheet's definitions (planner.io.excel)
all derive from here. Labels and definitions are (Chinese, English) pairs: the words of
shared/seed/SEED_NOTES.md first.

Adding a field (a creator fee, a start date) is one entry plus its behaviour:

1. The entry, in NOTE_INPUTS, NOTE_OUTPUTS, HISTORY or ACTUALS at the place tables show it: its key (the name in
   the model, the plan file, the JSON and the CLI), its kind, both labels, both definitions, any header
   aliases that agencies' files use, and for a number its Rule (bounds from planner/model/limits.py, the
   words its messages use, and what an empty cell means). From the entry alone an input is read from a
   table file under any of its names, completed with its default and checked against its rule
   (complete_notes, check_notes), kept in plan files, shown in the app's notes table with its tooltip
   and in the workbook's notes sheet with its header.
2. Its behaviour, written once in the model: what the model computes with it (planner.model.funnel for
   the funnel and the money per note, planner.model.funding for who pays, planner.model.optimiser for
   the budgets), an output's per-note column in funnel.NOTE_KEYS and its total in funnel.TOTAL_KEYS, and
   its formula on the workbook's notes sheet (planner.io.excel.formulas.note_templates). A rule between
   fields (a maximum budget not below the minimum, an end date not before the start) goes beside the
   others in check_notes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.i18n import N_, _
from planner.model import limits

Words = tuple[str, str]  # (Chinese, English)

# Kinds: how a value is stored, parsed from a cell, validated and shown.
TEXT, INDUSTRY, FORMAT, PERIOD, BOOL, RATE, MONEY, COUNT, RATIO, DATE = (
    "text", "industry", "format", "period", "bool", "rate", "money", "count", "ratio", "date")
NUMBER_KINDS = (RATE, MONEY, COUNT, RATIO)
TEXT_KINDS = (TEXT, INDUSTRY, FORMAT, PERIOD)

# What an empty number cell means.
REQUIRED = "required"  # nothing: a value is needed
DEFAULT = "default"  # the rule's default (a budget of 0)
NO_LIMIT = "no limit"  # no limit at all (no audience cap, no maximum budget): messages add ", or empty"
OPTIONAL = "optional"  # not known, and not needed (a history row's orders)


def pick(words: Words, lang: str) -> str:
    """The Chinese (`zh`) or English member of a pair."""
    return words[0] if lang == "zh" else words[1]


@dataclass(frozen=True)
class Rule:
    """What values a number field takes, and the words a value outside them is told.

    A value is first held to its sign: greater than 0 when `positive`, else 0 or more (`least` says it;
    no `least`: the bounds alone decide, as for a rate), then to [low, high] (`bounds` says it, a template
    over low and high, and `reason` why). `empty` says what an empty cell means (REQUIRED, DEFAULT,
    NO_LIMIT, OPTIONAL). The words are the catalogue's English messages (marked with N_), told in the
    language spoken when a value is checked.
    """

    low: float
    high: float
    noun: str  # what a value is: "a rate", "an amount"
    bounds: str  # "from ¥{low:,.2f} to ¥{high:,.0f}"
    reason: str  # why the bounds, shown in parentheses
    least: str = ""  # the sign rule in words: "greater than 0", "of 0 or more"
    positive: bool = False  # 0 is no value (a CPM, an audience cap)
    empty: str = DEFAULT
    default: float = 0.0

    def within(self, values: np.ndarray) -> np.ndarray:
        """The values within [low, high] (NaN is not)."""
        return (values >= self.low) & (values <= self.high)

    def broken(self, values: np.ndarray) -> list[tuple[np.ndarray, str]]:
        """Each way `values` can break the rule, in the order they are checked: (where, what is told)."""
        missing = np.isnan(values)
        found = [(missing, self.required_text)] if self.empty == REQUIRED else []
        if self.least:
            signed = values > 0 if self.positive else values >= 0
            # A DEFAULT field's NaN is no value (a completed table has none); other empties are told above or allowed.
            found.append((~signed if self.empty == DEFAULT else ~signed & ~missing, self.least_text))
        else:
            signed = ~missing
        found.append((signed & ~self.within(values), self.range_text))
        return found

    @property
    def _or_empty(self) -> str:
        return _(", or empty") if self.empty == NO_LIMIT else ""

    @property
    def _bounds(self) -> str:
        return _(self.bounds).format(low=self.low, high=self.high)

    def _noun(self, condition: str) -> str:
        """The noun under a condition: "an amount of 0 or more" (Chinese puts the condition first)."""
        return _("{noun} {condition}").format(noun=_(self.noun), condition=condition)

    @property
    def bounds_text(self) -> str:
        """The bounds in words, without the reason: "an amount from 0 to ¥1,000,000,000,000"."""
        return self._noun(self._bounds)

    @property
    def required_text(self) -> str:
        """What an empty cell of a required field is told."""
        return _("{what} (it is required)").format(what=self._noun(_(self.least) if self.least else self._bounds))

    @property
    def least_text(self) -> str:
        """What a value of the wrong sign is told."""
        return self._noun(_(self.least) if self.least else "") + self._or_empty  # _("") is the catalogue's header

    @property
    def range_text(self) -> str:
        """What a value beyond the bounds is told: the bounds and why they are the bounds."""
        return _("{what} ({reason})").format(what=self.bounds_text, reason=_(self.reason)) + self._or_empty


@dataclass(frozen=True)
class Field:
    """One column: key (the name in the model, files, JSON and CLI), kind, labels, definition, rule."""

    key: str
    kind: str
    label: Words
    definition: Words = ("", "")
    rule: Rule | None = None
    aliases: tuple[str, ...] = ()  # more header texts an import accepts (any case), beside key and labels
    decimals: int = 0  # digits the workbook shows after the point (CPM ¥45.50 has 2)
    required: bool = False  # a text field that must not be empty
    sheet_label: Words | None = None  # the workbook's header, where it differs from `label`
    # The Assumptions sheet's Chinese definition (as a ratio of counts, in 元), where the GUI's differs: a field
    # with one is defined on that sheet, in English by `definition`.
    sheet_definition: str = ""

    @property
    def is_required(self) -> bool:
        """A table without this field's column is refused; an empty cell is a problem."""
        return self.required or (self.rule is not None and self.rule.empty == REQUIRED)

    @property
    def sheet_words(self) -> Words:
        """The field's header on the workbook's sheets."""
        return self.sheet_label or self.label

    @property
    def empty_value(self) -> str | bool | float | np.datetime64:
        """What an optional field holds when a table lacks it: "" for text, False, no day, or its rule's default."""
        if self.kind == BOOL:
            return False
        if self.kind == DATE:
            return np.datetime64("NaT", "ns")
        if self.rule is None:
            return ""
        return float("nan") if self.rule.empty in (NO_LIMIT, OPTIONAL) else self.rule.default

    def header_texts(self) -> tuple[str, ...]:
        """Every header text that names this field on import: key, labels, the workbook's labels, aliases."""
        return tuple(dict.fromkeys((self.key, *self.label, *(self.sheet_label or ()), *self.aliases)))


def _amount(empty: str = DEFAULT) -> Rule:
    """Money of a plan in ¥: a note's budgets (MODEL.md section 1), the brand's budget, the platform cap."""
    return Rule(0.0, limits.MAX_AMOUNT, N_("an amount"), N_("from {low:,.0f} to ¥{high:,.0f}"),
                N_("more is no boost budget: a typo or a unit mix-up?"), N_("of 0 or more"), empty=empty)


AMOUNT = _amount()


def _rate() -> Rule:
    return Rule(0.0, 1.0, N_("a rate"), N_("from {low:g} to {high:g}"), N_("write a percentage with %, e.g. 3.2%"),
                empty=REQUIRED)


def _history_count(empty: str = REQUIRED) -> Rule:
    return Rule(0.0, limits.MAX_COUNT, N_("a count"), N_("from {low:,.0f} to {high:,.0f}"),
                N_("more than any platform reports for a note: a typo or a unit mix-up?"), N_("of 0 or more"),
                empty=empty)


def _history_amount(empty: str = OPTIONAL) -> Rule:
    return Rule(0.0, limits.MAX_HISTORY_AMOUNT, N_("an amount"), N_("from {low:,.0f} to ¥{high:,.0f}"),
                N_("more than any note spends or sells: a typo or a unit mix-up?"), N_("of 0 or more"),
                empty=empty)


NOTE_INPUTS: tuple[Field, ...] = (
    Field("note_id", TEXT, ("笔记ID", "Note ID"), ("笔记的ID；在计划内唯一", "the note's id; unique within the plan"),
          aliases=("内容ID",), required=True),
    Field("title", TEXT, ("标题", "Title"), ("笔记的标题", "the note's title")),
    Field("creator", TEXT, ("达人", "Creator"), ("发布笔记的达人", "the creator who posts the note")),
    Field("industry", INDUSTRY, ("行业", "Industry"),
          ("笔记所属行业：决定使用哪一行提升率（该行业没有单独一行时使用默认行）",
           "the note's industry: it picks the row of lifts that applies (the default row when the industry "
           "has none)"), required=True),
    Field("format", FORMAT, ("类型", "Format"), ("图文或视频笔记", "image or video note")),
    Field("is_ad", BOOL, ("广告笔记", "Ad note"),
          ("广告笔记：只有广告笔记可以挂淘宝链接", "an ad note: only ad notes may carry a Taobao link"),
          aliases=("是否广告笔记", "是否广告", "ad")),
    Field("taobao_link", BOOL, ("挂链", "Taobao link"),
          ("笔记挂了淘宝广告链接；只有广告笔记可以挂链", "the note carries a Taobao ad link; only ad notes may"),
          aliases=("挂淘宝链接", "淘宝链接", "是否挂链", "link")),
    Field("cpm", MONEY, ("千次曝光成本", "CPM"),
          ("加热每1,000次曝光的成本（¥；按曝光计，不按触达人数）",
           "cost in ¥ per 1,000 impressions of boost (impressions, not people reached)"),
          Rule(limits.MIN_CPM, limits.MAX_CPM, N_("a cost per 1,000 impressions"),
               N_("from ¥{low:,.2f} to ¥{high:,.0f}"), N_("real boosts cost ¥10 to ¥500: a typo or a unit mix-up?"),
               N_("greater than 0"), positive=True, empty=REQUIRED),
          decimals=2, sheet_definition="每 1,000 次加热曝光的成本（元）：按曝光次数计，不是按触达人数"),
    Field("ctr", RATE, ("点击率", "CTR"), ("每次曝光的点击数", "clicks per impression"), _rate(), decimals=2,
          sheet_definition="点击数 ÷ 曝光数"),
    Field("interaction_rate", RATE, ("互动率", "Interaction rate"),
          ("每次曝光的互动数（按曝光计，不按点击计）", "interactions per impression (not per click)"), _rate(),
          decimals=2, sheet_definition="互动数 ÷ 曝光数（按曝光计，不是按点击）"),
    Field("entry_rate", RATE, ("进店率", "Store-entry rate"),
          ("每次点击带来的淘宝进店数", "Taobao store visits per click"), _rate(), decimals=2,
          sheet_definition="淘宝进店数 ÷ 点击数"),
    Field("cvr", RATE, ("转化率", "Conversion rate"), ("每次进店的订单数", "orders per store visit"), _rate(),
          decimals=2, sheet_definition="订单数 ÷ 进店数"),
    Field("aov", MONEY, ("客单价", "AOV"), ("平均每单金额（¥）", "average order value in ¥"),
          Rule(0.0, limits.MAX_AOV, N_("an average order value"), N_("from ¥{low:,.0f} to ¥{high:,.0f}"),
               N_("more is no retail order: a typo or a unit mix-up?"), N_("of 0 or more"), empty=REQUIRED),
          decimals=2, sheet_definition="平均每笔订单金额（元）"),
    Field("audience_cap", COUNT, ("人群上限", "Audience cap"),
          ("笔记最多能获得的曝光；留空 = 无上限", "the most impressions the note can reach; empty = no cap"),
          Rule(limits.MIN_AUDIENCE_CAP, limits.MAX_AUDIENCE_CAP, N_("a number of impressions"),
               N_("from {low:,.0f} to {high:,.0f}"), N_("700 times China's population: a typo or a unit mix-up?"),
               N_("greater than 0"), positive=True, empty=NO_LIMIT),
          sheet_definition="这条笔记最多能获得的曝光数；留空 = 不设上限"),
    Field("min_budget", MONEY, ("预算下限", "Min budget"),
          ("优化时分配给这篇笔记的最低预算", "the least budget the optimiser may give this note"), _amount()),
    Field("max_budget", MONEY, ("预算上限", "Max budget"),
          ("优化时分配给这篇笔记的最高预算；留空 = 无上限",
           "the most budget the optimiser may give this note; empty = no maximum"), _amount(NO_LIMIT)),
    Field("budget", MONEY, ("预算", "Budget"),
          ("计划的加热预算（¥）：品牌方与平台出资合计", "planned boost spend in ¥: brand and platform money together"),
          _amount()),
    Field("locked", BOOL, ("锁定", "Locked"), ("优化时保持这篇笔记的预算不变", "the optimiser keeps this note's budget as it is")),
    Field("creator_fee", MONEY, ("合作费", "Creator fee"),
          ("付给达人的合作费（¥，博主报价加服务费）：由品牌方承担，不参与联投，优化时不变",
           "the creator's fee in ¥ (quote plus service fee): the brand pays it, it is never co-funded and the "
           "optimiser leaves it as it is"), _amount(), aliases=("达人合作费",)),
    # A note's active window (MODEL.md section 9): its budget is spread over these days only.
    Field("start_date", DATE, ("开始日期", "Start date"),
          ("笔记开始投放的第一天（含当天，如发布日）；留空 = 从活动第一天开始",
           "the first day the note is boosted (included: the day it is published, say); empty = from the "
           "campaign's first day"), aliases=("发布日期", "publish date")),
    Field("end_date", DATE, ("结束日期", "End date"),
          ("笔记投放的最后一天（含当天）；留空 = 到活动最后一天",
           "the last day the note is boosted (included); empty = until the campaign's last day")),
)

NOTE_OUTPUTS: tuple[Field, ...] = (
    Field("eligible", BOOL, ("可联投", "Eligible"),
          ("可参与联投：计划开启联投且笔记已挂链；提升率只作用于可联投的笔记",
           "eligible for joint investment: the plan has joint investment on and the note has a Taobao link; "
           "lifts apply to eligible notes only")),
    Field("brand_cost", MONEY, ("品牌方出资", "Brand cost"),
          ("品牌方出资：预算减去平台出资部分", "the brand's money: budget minus the platform's part"),
          sheet_label=("品牌方出资", "Brand pays")),
    Field("platform_cost", MONEY, ("平台出资", "Platform cost"),
          ("平台出资：可联投笔记预算的平台分担比例，不超过平台出资上限，按预算分摊到各笔记",
           "the platform's money: its share of the eligible notes' budgets, at most the platform cap, split over "
           "them by budget"), sheet_label=("平台出资", "Platform pays")),
    Field("impressions", COUNT, ("曝光", "Impressions"),
          ("预算带来的曝光：有人群上限A时为 A·(1 − exp(−预算/(A·千次曝光成本/1000)))，无上限时为 预算·1000/千次曝光成本",
           "impressions the budget buys: A·(1 − exp(−budget/(A·CPM/1000))) with an audience cap A, "
           "budget·1000/CPM without one")),
    Field("clicks", COUNT, ("点击", "Clicks"),
          ("曝光 × 点击率（可联投笔记按提升后计）", "impressions × CTR (lifted for eligible notes)")),
    Field("interactions", COUNT, ("互动", "Interactions"),
          ("曝光 × 互动率（按曝光计；可联投笔记按提升后计）",
           "impressions × interaction rate (per impression; lifted for eligible notes)")),
    Field("store_visits", COUNT, ("进店", "Store visits"),
          ("淘宝进店：点击 × 进店率（可联投笔记按提升后计）",
           "Taobao store visits: clicks × store-entry rate (lifted for eligible notes)")),
    Field("orders", COUNT, ("订单", "Orders"), ("进店 × 转化率", "store visits × conversion rate")),
    Field("gmv", MONEY, ("成交额", "GMV"), ("订单 × 客单价（¥）", "orders × average order value, in ¥")),
    Field("marginal_roi", RATIO, ("边际ROI", "Marginal ROI"),
          ("在当前预算下，品牌方每多出资1元带来的成交额增量", "extra GMV per extra ¥ of brand money at this budget"),
          decimals=2),
    Field("roi", RATIO, ("ROI", "ROI"), ("成交额 ÷ 总预算（预算为0时为空）", "GMV ÷ total budget (empty when the budget is 0)"),
          decimals=2),
    Field("brand_roi", RATIO, ("品牌ROI", "Brand ROI"),
          ("成交额 ÷ 品牌方出资（品牌方未出资时为空）", "GMV ÷ brand cost (empty when the brand pays nothing)"),
          decimals=2, sheet_label=("品牌 ROI", "Brand ROI")),
    Field("total_cost", MONEY, ("总成本", "Total cost"),
          ("加热预算加达人合作费（¥）", "boost budget plus creator fees, in ¥")),
    Field("total_roi", RATIO, ("总成本ROI", "ROI on total cost"),
          ("成交额 ÷ 总成本（总成本为0时为空）", "GMV ÷ total cost (empty when it is 0)"), decimals=2),
    Field("brand_total_roi", RATIO, ("品牌总成本ROI", "Brand ROI on total cost"),
          ("成交额 ÷（品牌方出资 + 达人合作费）", "GMV ÷ (brand cost + creator fees)"), decimals=2),
    Field("cpa", MONEY, ("单笔订单成本", "CPA"),
          ("单笔订单成本：总预算 ÷ 订单（没有订单时为空）",
           "cost per order: total budget ÷ orders (empty when there are no orders)"), decimals=2,
          sheet_label=("CPA", "CPA")),
)


HISTORY: tuple[Field, ...] = (
    Field("note_id", TEXT, ("笔记ID", "Note ID"), ("笔记的ID", "the note's id"), aliases=("内容ID",), required=True),
    Field("industry", INDUSTRY, ("行业", "Industry"),
          ("笔记所属行业：提升率按行业拟合", "the note's industry: lifts are fitted per industry"), required=True),
    Field("period", PERIOD, ("周期", "Period"),
          ("日常/基线（未联投）或联投", "base (日常/基线: without joint investment) or joint (联投)"), required=True),
    Field("impressions", COUNT, ("曝光", "Impressions"), ("笔记在该周期的曝光", "impressions of the note in the period"),
          _history_count()),
    Field("clicks", COUNT, ("点击", "Clicks"), ("笔记在该周期的点击", "clicks on the note in the period"),
          _history_count()),
    Field("interactions", COUNT, ("互动", "Interactions"),
          ("笔记在该周期的互动", "interactions with the note in the period"), _history_count()),
    Field("store_visits", COUNT, ("进店", "Store visits"),
          ("笔记在该周期带来的淘宝进店", "Taobao store visits from the note in the period"), _history_count()),
    Field("orders", COUNT, ("订单", "Orders"),
          ("这些进店带来的订单（拟合不需要）", "orders from those visits (not needed for fitting)"),
          _history_count(OPTIONAL)),
    Field("spend", MONEY, ("花费", "Spend"), ("加热花费（¥，拟合不需要）", "boost spend in ¥ (not needed for fitting)"),
          _history_amount(), aliases=("消费",)),
    Field("gmv", MONEY, ("成交额", "GMV"), ("成交额（¥，拟合不需要）", "order value in ¥ (not needed for fitting)"),
          _history_amount()),
)

# What a note did on one day (MODEL.md section 10): spend and impressions always, the later stages where known.
ACTUALS: tuple[Field, ...] = (
    Field("date", DATE, ("日期", "Date"), ("这一行数字所属的日期", "the day the row's figures are of"), required=True),
    Field("note_id", TEXT, ("笔记ID", "Note ID"), ("笔记的ID", "the note's id"), aliases=("内容ID",), required=True),
    Field("spend", MONEY, ("消费", "Spend"), ("笔记当天的加热花费（¥）", "the note's boost spend that day, in ¥"),
          _history_amount(REQUIRED), aliases=("花费",)),
    Field("impressions", COUNT, ("曝光", "Impressions"), ("笔记当天的曝光", "the note's impressions that day"),
          _history_count()),
    Field("clicks", COUNT, ("点击", "Clicks"), ("笔记当天的点击", "clicks on the note that day"),
          _history_count(OPTIONAL)),
    Field("interactions", COUNT, ("互动", "Interactions"), ("笔记当天的互动", "interactions with the note that day"),
          _history_count(OPTIONAL)),
    Field("store_visits", COUNT, ("进店", "Store visits"),
          ("笔记当天带来的淘宝进店", "Taobao store visits from the note that day"), _history_count(OPTIONAL)),
    Field("orders", COUNT, ("订单", "Orders"), ("这些进店带来的订单", "orders from those visits"),
          _history_count(OPTIONAL)),
    Field("gmv", MONEY, ("成交额", "GMV"), ("这些订单的成交额（¥）", "the value of those orders, in ¥"),
          _history_amount()),
)

# Values of text fields that the app knows, by key: an import accepts either label (any case) for the key.
INDUSTRIES: dict[str, Words] = {
    "beauty": ("美妆", "beauty"), "sports": ("运动", "sports"), "apparel": ("服饰", "apparel"),
    "food": ("食品", "food"), "home": ("家居", "home"), "electronics": ("数码", "electronics"),
    "maternity": ("母婴", "maternity"), "other": ("其他", "other"),
}
DEFAULT_ROW_KEY = "default"  # the lifts row for industries without one (lifts.DEFAULT_ROW)
DEFAULT_ROW_LABEL: Words = ("默认", "default")
FORMATS: dict[str, Words] = {"image": ("图文", "image"), "video": ("视频", "video")}
# A history row's period, and the Chinese words agencies' reports use for it.
PERIODS: dict[str, tuple[str, ...]] = {"base": ("日常", "基线"), "joint": ("联投",)}


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {field.key: field for field in fields}


NOTE_FIELD = by_key(NOTE_INPUTS)
OUTPUT_FIELD = by_key(NOTE_OUTPUTS)
HISTORY_FIELD = by_key(HISTORY)
ACTUALS_FIELD = by_key(ACTUALS)


def keys_of(fields: tuple[Field, ...], *kinds: str) -> tuple[str, ...]:
    """The keys of the fields of these kinds (all of them without kinds), in the catalogue's order."""
    return tuple(field.key for field in fields if not kinds or field.kind in kinds)


def note_field(key: str) -> Field | None:
    """A note's input or output (a column of the app's notes table) by its key; None for another column."""
    return NOTE_FIELD.get(key) or OUTPUT_FIELD.get(key)


def label(key: str, lang: str) -> str:
    """A note field's or metric's name in `lang` (the key itself for a column the catalogue lacks)."""
    field = note_field(key) or HISTORY_FIELD.get(key) or ACTUALS_FIELD.get(key)
    return pick(field.label, lang) if field else key


# Other things a problem or a report names by key: a plan's parameters, the lift table's columns, parts of a
# plan file. Labels as the app and the workbook show them.
_LIFT_WORDS: dict[str, Words] = {"ctr_lift": ("点击提升率", "CTR lift"),
                                 "interaction_lift": ("互动提升率", "Interaction lift"),
                                 "entry_lift": ("进店提升率", "Store-entry lift")}
TERMS: dict[str, Words] = {
    "brand_budget": ("品牌预算", "Brand budget"), "objective": ("优化目标", "Objective"),
    "joint": ("联投", "Joint investment"), "platform_share": ("平台出资比例", "Platform share"),
    "platform_cap": ("平台出资上限", "Platform cap"), "name": ("方案名称", "Plan name"),
    **_LIFT_WORDS,
    **{f"{key}_low": (f"{zh}下限", f"{en} low") for key, (zh, en) in _LIFT_WORDS.items()},
    **{f"{key}_high": (f"{zh}上限", f"{en} high") for key, (zh, en) in _LIFT_WORDS.items()},
    "n_notes": ("样本笔记数", "Notes fitted"), "source": ("来源", "Source"),
    "samples": ("提升率抽样", "Bootstrap draws"),
    # Scenarios (情景, MODEL.md section 8) and the campaign calendar's phases (section 9), as the CLI words them.
    "scenario": ("情景", "Scenario"), "lift_scale": ("提升率系数", "Lift scale"),
    "phase": ("阶段", "Phase"), "start": ("开始", "Start"), "end": ("结束", "End"), "weight": ("权重", "Weight"),
    "shape": ("节奏", "Shape"),
    # The guardrails' thresholds (planner.model.thresholds), plan settings.
    "saturation": ("饱和预警线", "Saturation"), "concentration": ("集中度预警线", "Concentration"),
    "history_multiple": ("历史花费倍数", "History multiple"), "rate_low": ("比率下分位", "Rate low percentile"),
    "rate_high": ("比率上分位", "Rate high percentile"),
}


def term(key: str, lang: str) -> str | None:
    """What a problem or a report calls a key in `lang`: a field's label, else a parameter's or a lift
    column's (品牌预算, 点击提升率); None for a key the catalogue does not know."""
    field = note_field(key) or HISTORY_FIELD.get(key) or ACTUALS_FIELD.get(key)
    if field is not None:
        return pick(field.label, lang)
    return pick(TERMS[key], lang) if key in TERMS else None


def industry_label(industry: str, lang: str) -> str:
    """A known industry in `lang` (美妆 for beauty); other text exactly as the user typed it."""
    return pick(INDUSTRIES[industry], lang) if industry in INDUSTRIES else industry


def lift_row_label(industry: str, lang: str) -> str:
    """A row of the lift table in `lang`, as messages name it: its industry (美妆), or the default row (默认)."""
    return pick(DEFAULT_ROW_LABEL, lang) if industry == DEFAULT_ROW_KEY else industry_label(industry, lang)


def format_label(value: str, lang: str) -> str:
    """A known format in `lang` (图文 for image); other text as it is."""
    return pick(FORMATS[value], lang) if value in FORMATS else value
