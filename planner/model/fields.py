"""The field catalogue: every column a user reads or types, with its kind, labels, rule and definition.

One entry per field is the only place its vocabulary is written. Validation, header matching on import,
the app's table columns and tooltips, the workbook's headers and the Assumptions sheet's definitions all
derive from here, so a new field (a creator fee, a start date) is one entry plus its behaviour.
Labels and definitions are (Chinese, English) pairs: the words of shared/seed/SEED_NOTES.md first.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner.model import limits

Words = tuple[str, str]  # (Chinese, English)

# Kinds: how a value is stored, parsed from a cell, validated and shown.
TEXT, INDUSTRY, FORMAT, PERIOD, BOOL, RATE, MONEY, COUNT, RATIO, DATE = (
    "text", "industry", "format", "period", "bool", "rate", "money", "count", "ratio", "date")
NUMBER_KINDS = (RATE, MONEY, COUNT, RATIO)
TEXT_KINDS = (TEXT, INDUSTRY, FORMAT, PERIOD)


def pick(words: Words, lang: str) -> str:
    """The Chinese (`zh`) or English member of a pair."""
    return words[0] if lang == "zh" else words[1]


@dataclass(frozen=True)
class Rule:
    """What values a number field takes: [low, high] (low excluded when `above`), and what empty means.

    `empty` is "required" (a value is needed), "default" (empty = `default`) or "none" (empty = no limit).
    """

    low: float
    high: float
    above: bool = False
    empty: str = "default"
    default: float = 0.0


@dataclass(frozen=True)
class Field:
    """One column: key (the name in the model, files, JSON and CLI), kind, labels, rule, definition."""

    key: str
    kind: str
    label: Words
    definition: Words = ("", "")
    rule: Rule | None = None
    aliases: tuple[str, ...] = ()  # more header texts an import accepts (any case), beside key and labels
    decimals: int = 0  # digits shown after the point (CPM ¥45.50 has 2)
    required: bool = False  # a text field that must not be empty

    def header_texts(self) -> tuple[str, ...]:
        """Every header text that names this field on import: key, both labels, aliases."""
        return (self.key, *self.label, *self.aliases)


def _amount(empty: str = "default") -> Rule:
    return Rule(0.0, limits.MAX_AMOUNT, empty=empty)


def _rate() -> Rule:
    return Rule(0.0, 1.0, empty="required")


_RATE_NOTE = ("（小数或百分比，如 3.2%）", " (a fraction or a percentage such as 3.2%)")

NOTE_INPUTS: tuple[Field, ...] = (
    Field("note_id", TEXT, ("笔记ID", "Note ID"), ("笔记的ID；在计划内唯一", "the note's id; unique within the plan"),
          aliases=("内容ID",), required=True),
    Field("title", TEXT, ("标题", "Title")),
    Field("creator", TEXT, ("达人", "Creator")),
    Field("industry", INDUSTRY, ("行业", "Industry"),
          ("笔记所属行业：决定使用哪一行提升率（该行业没有单独一行时使用默认行）",
           "the note's industry: it picks the row of lifts that applies (the default row when the industry "
           "has none)"), required=True),
    Field("format", FORMAT, ("类型", "Format"), ("图文或视频笔记", "image or video note")),
    Field("is_ad", BOOL, ("广告笔记", "Ad note"),
          ("广告笔记：只有广告笔记可以挂淘宝链接", "an ad note: only ad notes may carry a Taobao link")),
    Field("taobao_link", BOOL, ("挂链", "Taobao link"),
          ("笔记挂了淘宝广告链接；只有广告笔记可以挂链", "the note carries a Taobao ad link; only ad notes may")),
    Field("cpm", MONEY, ("千次曝光成本", "CPM"),
          ("加热每1,000次曝光的成本（¥；按曝光计，不按触达人数）",
           "cost in ¥ per 1,000 impressions of boost (impressions, not people reached)"),
          Rule(limits.MIN_CPM, limits.MAX_CPM, empty="required"), decimals=2),
    Field("ctr", RATE, ("点击率", "CTR"), ("每次曝光的点击数", "clicks per impression"), _rate(), decimals=2),
    Field("interaction_rate", RATE, ("互动率", "Interaction rate"),
          ("每次曝光的互动数（按曝光计，不按点击计）", "interactions per impression (not per click)"), _rate(),
          decimals=2),
    Field("entry_rate", RATE, ("进店率", "Store-entry rate"),
          ("每次点击带来的淘宝进店数", "Taobao store visits per click"), _rate(), decimals=2),
    Field("cvr", RATE, ("转化率", "Conversion rate"), ("每次进店的订单数", "orders per store visit"), _rate(),
          decimals=2),
    Field("aov", MONEY, ("客单价", "AOV"), ("平均每单金额（¥）", "average order value in ¥"),
          Rule(0.0, limits.MAX_AOV, empty="required"), decimals=2),
    Field("audience_cap", COUNT, ("人群上限", "Audience cap"),
          ("笔记最多能获得的曝光；留空 = 无上限", "the most impressions the note can reach; empty = no cap"),
          Rule(limits.MIN_AUDIENCE_CAP, limits.MAX_AUDIENCE_CAP, empty="none")),
    Field("min_budget", MONEY, ("预算下限", "Min budget"),
          ("优化时分配给这篇笔记的最低预算", "the least budget the optimiser may give this note"), _amount()),
    Field("max_budget", MONEY, ("预算上限", "Max budget"),
          ("优化时分配给这篇笔记的最高预算；留空 = 无上限",
           "the most budget the optimiser may give this note; empty = no maximum"), _amount("none")),
    Field("budget", MONEY, ("预算", "Budget"),
          ("计划的加热预算（¥）：品牌方与平台出资合计", "planned boost spend in ¥: brand and platform money together"),
          _amount()),
    Field("locked", BOOL, ("锁定", "Locked"), ("优化时保持这篇笔记的预算不变", "the optimiser keeps this note's budget as it is")),
)

NOTE_OUTPUTS: tuple[Field, ...] = (
    Field("eligible", BOOL, ("可联投", "Eligible"),
          ("可参与联投：计划开启联投且笔记已挂链；提升率只作用于可联投的笔记",
           "eligible for joint investment: the plan has joint investment on and the note has a Taobao link; "
           "lifts apply to eligible notes only")),
    Field("brand_cost", MONEY, ("品牌方出资", "Brand cost"),
          ("品牌方出资：预算减去平台出资部分", "the brand's money: budget minus the platform's part")),
    Field("platform_cost", MONEY, ("平台出资", "Platform cost"),
          ("平台出资：可联投笔记预算的平台分担比例，不超过平台出资上限，按预算分摊到各笔记",
           "the platform's money: its share of the eligible notes' budgets, at most the platform cap, split over "
           "them by budget")),
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
          decimals=2),
    Field("cpa", MONEY, ("单笔订单成本", "CPA"),
          ("单笔订单成本：总预算 ÷ 订单（没有订单时为空）",
           "cost per order: total budget ÷ orders (empty when there are no orders)"), decimals=2),
)


HISTORY: tuple[Field, ...] = (
    Field("note_id", TEXT, ("笔记ID", "Note ID"), ("笔记的ID", "the note's id"), aliases=("内容ID",), required=True),
    Field("industry", INDUSTRY, ("行业", "Industry"),
          ("笔记所属行业：提升率按行业拟合", "the note's industry: lifts are fitted per industry"), required=True),
    Field("period", PERIOD, ("周期", "Period"),
          ("日常/基线（未联投）或联投", "base (日常/基线: without joint investment) or joint (联投)"), required=True),
    Field("impressions", COUNT, ("曝光", "Impressions"), ("笔记在该周期的曝光", "impressions of the note in the period"),
          Rule(0.0, limits.MAX_COUNT, empty="required")),
    Field("clicks", COUNT, ("点击", "Clicks"), ("笔记在该周期的点击", "clicks on the note in the period"),
          Rule(0.0, limits.MAX_COUNT, empty="required")),
    Field("interactions", COUNT, ("互动", "Interactions"),
          ("笔记在该周期的互动", "interactions with the note in the period"),
          Rule(0.0, limits.MAX_COUNT, empty="required")),
    Field("store_visits", COUNT, ("进店", "Store visits"),
          ("笔记在该周期带来的淘宝进店", "Taobao store visits from the note in the period"),
          Rule(0.0, limits.MAX_COUNT, empty="required")),
    Field("orders", COUNT, ("订单", "Orders"),
          ("这些进店带来的订单（拟合不需要）", "orders from those visits (not needed for fitting)"),
          Rule(0.0, limits.MAX_COUNT, empty="none")),
    Field("spend", MONEY, ("花费", "Spend"), ("加热花费（¥，拟合不需要）", "boost spend in ¥ (not needed for fitting)"),
          Rule(0.0, limits.MAX_HISTORY_AMOUNT, empty="none"), aliases=("消费",)),
    Field("gmv", MONEY, ("成交额", "GMV"), ("成交额（¥，拟合不需要）", "order value in ¥ (not needed for fitting)"),
          Rule(0.0, limits.MAX_HISTORY_AMOUNT, empty="none")),
)

# The funnel's order, for rules such as "no stage larger than the one it is derived from" (MODEL.md 3).
FUNNEL_PARENT = {"clicks": "impressions", "interactions": "impressions", "store_visits": "clicks",
                 "orders": "store_visits"}

INDUSTRIES: dict[str, Words] = {
    "beauty": ("美妆", "beauty"), "sports": ("运动", "sports"), "apparel": ("服饰", "apparel"),
    "food": ("食品", "food"), "home": ("家居", "home"), "electronics": ("数码", "electronics"),
    "maternity": ("母婴", "maternity"), "other": ("其他", "other"), "default": ("默认", "default"),
}
FORMATS: dict[str, Words] = {"image": ("图文", "image"), "video": ("视频", "video")}


def by_key(fields: tuple[Field, ...]) -> dict[str, Field]:
    return {field.key: field for field in fields}


NOTE_FIELD = by_key(NOTE_INPUTS)
OUTPUT_FIELD = by_key(NOTE_OUTPUTS)
HISTORY_FIELD = by_key(HISTORY)


def label(key: str, lang: str) -> str:
    """A note field's or metric's name in `lang` (the key itself for a column the catalogue lacks)."""
    field = NOTE_FIELD.get(key) or OUTPUT_FIELD.get(key) or HISTORY_FIELD.get(key)
    return pick(field.label, lang) if field else key


def industry_label(industry: str, lang: str) -> str:
    """A known industry in `lang` (美妆 for beauty); other text exactly as the user typed it."""
    return pick(INDUSTRIES[industry], lang) if industry in INDUSTRIES else industry
