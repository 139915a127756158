"""The Excel plan's vocabulary and layout, shared by the writer and the reader (CONTRACT.md "Excel plan").

Every word a brand reads in the workbook is here, in Chinese (the words of seed/SEED_NOTES.md) and
English, so that the export and the read-back agree on sheet names, headers and where things are; the
fields' headers and definitions are the field catalogue's (planner.model.fields).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from planner.model.fields import (
    COUNT,
    DATE,
    MONEY,
    NOTE_FIELD,
    NOTE_INPUTS,
    OUTPUT_FIELD,
    TEXT_KINDS,
    Field,
    pick,
)
from planner.model.lifts import LIFTS, SOURCE_ARTICLE, SOURCE_FITTED

LANGS = ("zh", "en")
FORMAT_ID = "redcat-planner-excel"  # marks our exports: the hidden sheet META_SHEET and a custom property
FORMAT_VERSION = 1
META_SHEET = "_redcat"

SHEETS = {
    "summary": ("总览", "Summary"), "notes": ("笔记计划", "Notes plan"),
    "funding": ("联投出资", "Funding"), "assumptions": ("假设", "Assumptions"),
    "scenarios": ("方案对比", "Scenarios"), "pacing": ("每日节奏", "Daily pacing"),  # pacing: with a calendar
    "plan_vs_actual": ("实际对比", "Plan vs actual"),  # with a calendar and actuals (MODEL.md section 10)
    "warnings": ("预警", "Warnings"),  # only when the plan has warnings (MODEL.md section 12)
}
WARNING_KINDS = {  # guardrail code: its name on the Warnings sheet
    "over_budget": ("超出品牌预算", "Over budget"), "outside_bounds": ("超出预算上下限", "Outside bounds"),
    "saturated": ("接近人群上限", "Saturated"), "concentration": ("预算集中", "Concentration"),
    "weak_lift": ("提升率不可靠", "Weak lift"), "past_history": ("超出历史花费", "Past history"),
    "unusual_rate": ("比率异常", "Unusual rate"),
}


@dataclass(frozen=True)
class Column:
    """One column of the notes sheet: its key, labels, number format kind and whether users edit it."""

    key: str
    zh: str
    en: str
    kind: str  # text bool money money2 count count1 rate ratio row
    is_input: bool


def _column(key: str, zh: str, en: str, kind: str) -> Column:
    """A computed column of the workbook's own (no field of the catalogue): its words are here."""
    return Column(key, zh, en, kind, False)


def sheet_kind(field: Field) -> str:
    """The number format of a field's cells: its kind, with the digits the catalogue gives it."""
    if field.kind in TEXT_KINDS:
        return "text"
    if field.kind == MONEY:
        return "money2" if field.decimals == 2 else "money"
    if field.kind == COUNT:
        return "count1" if field.decimals == 1 else "count"
    return field.kind  # bool, rate, ratio


def field_column(field: Field, is_input: bool = False) -> Column:
    """A field's column: header and format from the catalogue."""
    zh, en = field.sheet_words
    return Column(field.key, zh, en, sheet_kind(field), is_input)


def _output(key: str) -> Column:
    return field_column(OUTPUT_FIELD[key])


LIFT_HEADERS = {
    "industry": ("行业", "Industry"), "ctr_lift": ("点击提升率", "CTR lift"),
    "interaction_lift": ("互动提升率", "Interaction lift"), "entry_lift": ("进店提升率", "Store-entry lift"),
    "low": ("低 (P10)", "Low (P10)"), "high": ("高 (P90)", "High (P90)"),
    "n_notes": ("样本笔记数", "Notes fitted"), "source": ("来源", "Source"),
}


# The notes sheet's inputs: the notes' windows (dates) are not among them, the pacing is built on them instead.
SHEET_INPUTS = tuple(field for field in NOTE_INPUTS if field.kind != DATE)


def note_columns(inputs: Sequence[Field] = SHEET_INPUTS) -> tuple[Column, ...]:
    """The notes sheet: every input of the catalogue as the plan holds it (but the notes' windows, which the
    pacing is built on), then the formulas of MODEL.md sections 2 and 3 (note_templates), the lifted rates."""
    return (*(field_column(field, True) for field in inputs), _output("eligible"),
            _column("lift_row", "提升率行", "Lift row", "row"),
            *(_column(key, *LIFT_HEADERS[key], "lift") for key in LIFTS),
            _column("ctr_eff", "联投后点击率", "CTR (joint)", "rate"),
            _column("interaction_eff", "联投后互动率", "Interaction rate (joint)", "rate"),
            _column("entry_eff", "联投后进店率", "Store-entry rate (joint)", "rate"),
            *(_output(key) for key in ("impressions", "clicks", "interactions", "store_visits", "orders", "gmv",
                                       "roi", "cpa", "marginal_roi", "total_cost", "total_roi", "brand_total_roi")))


NOTE_COLUMNS = note_columns()
NOTE_COLUMN = {column.key: column for column in NOTE_COLUMNS}
FUNDING_COLUMNS = (
    *(field_column(NOTE_FIELD[key]) for key in ("note_id", "title")), _output("eligible"),
    field_column(NOTE_FIELD["budget"]), _output("platform_cost"), _output("brand_cost"),
    _column("platform_part", "平台出资占比", "Platform part", "rate"),
)
# Layout, 0-based rows. Every sheet: title, legend. Notes plan: header, notes from spreadsheet row 4, totals.
HEADER_ROW, FIRST_NOTE_ROW = 2, 3
PARAMS_FIRST_ROW, LIFTS_HEADER_ROW = 4, 12  # Assumptions: parameters (header above), lifts (title above)
FUNDING_BLOCK_ROW, FUNDING_HEADER_ROW = 4, 14  # Funding: the plan's split, then one row per note
KPI_HEADER_ROW, TOP_K = 4, 20  # Summary: key figures, then RANGE_HEADER_ROW, FUNNEL_HEADER_ROW, TOP_HEADER_ROW
TOP_COLUMNS = ("rank", "note_id", "title", "creator", "budget", "orders", "gmv", "position")

TEXT: dict[str, tuple[str, str]] = {
    "legend_input": ("输入", "Input"), "legend_formula": ("公式", "Formula"),
    "legend_note": ("黄色单元格是输入，可以修改；白色单元格是公式：改动预算、比率或提升率后，所有数字和合计自动更新。",
                    "Yellow cells are inputs you may edit; white cells are formulas: edit a budget, a rate or a "
                    "lift and every figure and total follows."),
    "total": ("合计", "Total"),
    "summary_title": ("投放方案总览", "Boost plan summary"),
    "notes_title": ("笔记计划", "Notes plan"), "funding_title": ("联投出资", "Joint-investment funding"),
    "assumptions_title": ("假设与口径", "Assumptions and definitions"),
    "warnings_title": ("预警", "Warnings"),
    "warnings_note": ("导出时计划中需要再看一遍的地方（数值，不随表中修改更新）：预警不会阻止任何操作，每条都说明要检查什么。",
                      "Where the plan as exported rests on thin ice (values: they do not follow edits in the "
                      "workbook). Warnings stop nothing; each says what to check."),
    "warning_note_id": ("笔记ID", "Note ID"), "warning_kind": ("预警", "Warning"),
    "warning_text": ("要检查什么", "What to check"), "warning_plan": ("计划", "Plan"),
    "subtitle": ("RedCat 红猫投放规划 {version} 导出 · {n} 条笔记 · 金额单位：元（¥）",
                 "Exported by RedCat Planner {version} · {n} notes · money in CNY (¥)"),
    "kpi": ("关键指标", "Key figure"), "value": ("数值", "Value"), "meaning": ("说明", "Meaning"),
    "funnel": ("转化漏斗", "Funnel"), "stage": ("环节", "Stage"), "count": ("数量", "Count"),
    "step_rate": ("较上一环节", "Of previous stage"),
    "top": ("预算最高的笔记（前 {k} 条）", "Notes with the largest budgets (top {k})"), "rank": ("排名", "Rank"),
    "position": ("所在行", "Position"),
    "chart_budget": ("笔记预算（前 {k} 条）", "Budget by note (top {k})"),
    "chart_funnel": ("转化漏斗（对数刻度）", "Funnel (log scale)"), "chart_funding": ("出资构成", "Who pays"),
    "params": ("方案参数", "Plan parameters"), "parameter": ("参数", "Parameter"),
    "lifts": ("联投提升率", "Joint-investment lifts"),
    "lifts_note": ("行业按文字完全一致匹配（区分大小写，* ? ~ 不是通配符）；没有单独一行的行业使用 default 行。",
                   "Industries match by exact text (case-sensitive; * ? ~ are not wildcards); an industry "
                   "without a row of its own uses the default row."),
    "definitions": ("指标口径", "Metric definitions"), "formulas": ("计算公式", "Formulas"),
    "per_note": ("每条笔记的出资", "Funding by note"), "item": ("项目", "Item"),
    "no_cap": ("不设上限", "no cap"), "yes": ("是", "yes"), "no": ("否", "no"),
    "budget_rule": ("整数元，0 或以上", "Whole yuan, 0 or more"),
    # A flag is a logical value: shown 是/否 in a Chinese workbook (BOOL_FORMAT) but typed TRUE/FALSE, because a
    # typed 是 is text, which no formula reads as a flag (the validation refuses it).
    "bool_rule": ("输入 TRUE 或 FALSE，或从下拉列表中选择：TRUE 即“是”，FALSE 即“否”。",
                  "Type TRUE or FALSE, or pick one from the list."),
    "bool_error": ("只能输入 TRUE（是）或 FALSE（否）。直接输入“是”“否”会成为文字，公式不会把它当作是或否。",
                   "TRUE or FALSE only."),
    "share_rule": ("0 到 100% 之间", "From 0 to 100%"), "amount_rule": ("0 或以上，留空 = 不设上限",
                                                                  "0 or more; empty = no cap"),
    "lift_rule": ("-100% 或以上", "-100% or more"),
    "scale_rule": ("0 到 10 之间", "From 0 to 10"),
    "window_rule": ("“每日节奏”表中投放窗口表的一个窗口编号", "The number of a window in the Daily pacing sheet's table "
                                                              "of windows"),
    # Scenarios sheet
    "scenarios_title": ("方案对比", "Scenarios side by side"),
    "scenarios_note": ("每个方案的合计都是对它自己的预算列（笔记计划表）的公式；当前方案就是笔记计划表的“预算”列和“假设”表的参数，"
                       "其他方案的参数在下面的黄色单元格。",
                       "Each scenario's totals are formulas over its own budget column (Notes plan sheet); the active "
                       "scenario is the Notes plan's Budget column with the Assumptions sheet's parameters, the other "
                       "scenarios' parameters are the yellow cells below."),
    "scenario_budgets": ("预算列", "Budget column"), "scenario_totals": ("合计", "Totals"),
    "difference": ("与当前方案（{name}）之差", "Difference to the active scenario ({name})"),
    "relative": ("与当前方案（{name}）之差（%）", "Difference to the active scenario ({name}), %"),
    "scenario_budget": ("预算 · {name}", "Budget · {name}"),
    # Daily pacing sheet
    "pacing_title": ("每日节奏", "Daily pacing"),
    "pacing_note": ("每条笔记的预算按日权重分摊到它的投放窗口内：当天消费 = 日权重 × 覆盖当天的各窗口的（预算 ÷ 窗口权重）之和；"
                    "笔记的窗口是笔记计划表“投放窗口”列的编号。改动黄色的日权重、预算、窗口日期或编号，所有数字自动更新。",
                    "Each note's budget is spread over the days of its window by day weight: a day's spend = day "
                    "weight × the sum, over the windows that cover the day, of budget ÷ window weight; a note's "
                    "window is the number in the Notes plan's Window column. Edit a yellow day weight, budget, "
                    "window date or number and every figure follows."),
    "pacing_kept_note": ("本方案保留截至 {day} 的实际数据：那天及以前各行是实际花费、订单和成交额（数值；品牌与平台出资按每条笔记的"
                         "出资比例拆分）；各窗口只分摊笔记剩余的预算，从次日起算（实际对比表的隐藏列）。",
                         "This scenario keeps the actuals to {day}: the rows to that day are what was spent, ordered "
                         "and sold (values; brand and platform money split as each note's funding is), and each window "
                         "spreads only its notes' budget left, from the day after (hidden columns of Plan vs actual)."),
    "calendar": ("日历：{name}。{source}", "Calendar: {name}. {source}"),
    "windows": ("投放窗口", "Windows"), "per_weight": ("每单位权重", "Per unit of weight"),
    # Plan vs actual sheet
    "pva_title": ("实际对比", "Plan vs actual"),
    "pva_note": ("计划至今 = 每日节奏中截至最后一天实际数据的计划（预算、曝光……按日权重分摊到笔记的投放窗口）；差异 = 实际 − 计划；"
                 "达成率 = 实际 ÷ 计划（计划为 0 时留空）；进度状态看消费达成率：落后 < 80%，正常 80–110%，略超 110–130%，"
                 "超出 > 130%。黄色的实际数字可以修正：差异、达成率、状态和合计自动更新；实际留空 = 没有上报。",
                 "Planned to date is the daily plan up to the last day with actuals (budgets, impressions, ... spread "
                 "over each note's window by day weight); variance = actual − planned; achievement = actual ÷ planned "
                 "(empty where planned is 0); the pacing status is that of spend: under < 80%, on track 80–110%, "
                 "slightly over 110–130%, over > 130%. Correct a yellow actual and every variance, achievement, status "
                 "and total follows; an empty actual was not reported."),
    "pva_replan_note": ("本方案是在 {day} 的实际数据上重新规划的：截至那天的计划就是那时的实际，其后每条笔记剩余的预算按日权重分摊到"
                        "它余下的投放天数（隐藏列：截止日前的实际、剩余部分）。",
                        "This scenario was re-planned on the actuals to {day}: its plan up to then is what was spent, "
                        "and each note's budget left is spread over its remaining days by day weight (hidden columns: "
                        "the actuals to the cut-off, the part left)."),
    "to_date": ("实际数据截至", "Actuals to"), "pva_status": ("消费进度", "Pacing"),
    "cutoff": ("重新规划截止日", "Re-planned on"), "pva_days": ("每日对比", "Day by day"),
    "pva_days_link": ("→ 每日对比（右侧）", "→ Day by day (to the right)"), "pva_note_group": ("笔记", "Note"),
    "pva_status_header": ("进度状态", "Pacing"), "pva_windows": ("投放窗口至今占比", "Windows to date"),
    "pva_before": ("{figure} · 截止日前实际", "{figure} · actual to cut-off"), "pva_part": ("剩余部分", "Part left"),
    "pva_fraction": ("窗口至今占比", "Window part to date"),
    "actual_rule": ("0 或以上；留空 = 没有上报", "0 or more; empty = not reported"),
    # A scenario on observed rates (MODEL.md section 10): each note's actual counts to its cut-off, and the prior
    "observed_count": ("{count}（截至 {day}）", "{count} (to {day})"),
    "observed_count_of": ("{count} · {name}（截至 {day}）", "{count} · {name} (to {day})"),
    "observed": ("观测比率", "Observed rates"),
    "observed_note": ("本方案用观测比率：有实际数据的笔记，比率 = (k × 计划比率 + 实际事件数) ÷ (k + 实际基数)，限制在 0 到 "
                      "100% 之间（计划比率含联投提升，其上不再加提升）；笔记计划表最右侧黄色列是每条笔记截至截止日的实际数，"
                      "留空 = 没有上报，用计划比率。这些列只供公式使用，导入表格时不读取：实际数据来自实际数据文件。",
                      "This scenario is on observed rates: for a note with actuals, rate = (k × planned rate + actual "
                      "events) ÷ (k + actual exposures), kept from 0 to 100% (the planned rate is lifted; no lift on "
                      "top). The yellow columns at the right of the Notes plan are each note's actuals to the cut-off; "
                      "empty = not reported, the planned rate stays. They feed the formulas only: applying the "
                      "workbook does not read them (actuals come from actuals files)."),
    "prior": ("先验强度 k", "Prior strength k"),
    "prior_meaning": ("计划比率相当于多少次实际曝光（进店率：点击；转化率：进店）：越大，观测比率越接近计划",
                      "How many actual exposures (clicks for the entry rate, store visits for conversion) the planned "
                      "rate counts for: the larger, the closer observed rates stay to the plan"),
    "prior_rule": ("0 或以上", "0 or more"),
    # Summary: the Monte Carlo ranges
    "ranges": ("结果区间：蒙特卡洛模拟（数值，不是公式）", "Range of outcomes: Monte Carlo (values, not formulas)"),
    "range_figure": ("模拟指标", "Simulated figure"),
    "ranges_note": ("对导出时的方案做 {draws:,} 次蒙特卡洛模拟（随机种子 {seed}）：每次按各行业提升率的不确定性抽样"
                    "（低/高 = P10/P90，见“假设”表），得出订单和成交额的分位数。这些是数值，不是公式：在表中改动预算或"
                    "提升率后不会更新；请在 app 中修改方案后重新导出。",
                    "{draws:,} Monte Carlo draws (seed {seed}) over the plan as exported: each draw takes every "
                    "industry's lifts from their uncertainty (low/high = P10/P90, see the Assumptions sheet); these "
                    "are the percentiles of orders and GMV. They are values, not formulas: they do not follow a budget "
                    "or a lift edited here; change the plan in the app and export again."),
}

# Plan vs actual sheet: the figures of each tracked count, the pacing status in the app's words, the days' columns
# and the windows' (hidden: each window's part of its weight up to the last day with actuals).
PVA_FIGURES = (("planned", "计划至今", "Planned to date"), ("actual", "实际至今", "Actual to date"),
               ("variance", "差异", "Variance"), ("achievement", "达成率", "Achievement"))
STATUS_LABELS = {"under": ("落后", "Under"), "on_track": ("正常", "On track"),
                 "slightly_over": ("略超", "Slightly over"), "over": ("超出", "Over")}
PVA_DAY_COLUMNS = (  # key, zh, en, kind
    ("date", "日期", "Date", "date"), ("planned", "计划消费", "Planned spend", "money"),
    ("actual", "实际消费", "Actual spend", "money"), ("variance", "差异", "Variance", "money"),
    ("achievement", "达成率", "Achievement", "rate"), ("cumulative_planned", "累计计划消费", "Cumulative planned", "money"),
    ("cumulative_actual", "累计实际消费", "Cumulative actual", "money"),
    ("planned_gmv", "计划成交额", "Planned GMV", "money"), ("actual_gmv", "实际成交额", "Actual GMV", "money"),
)
PVA_WINDOW_COLUMNS = (  # key, zh, en, kind; left_*: a re-plan's budget and GMV still to spread, per unit of weight
    ("window", "窗口", "Window", "row"), ("first", "开始", "First day", "date"), ("last", "结束", "Last day", "date"),
    ("done", "至今权重", "Weight to date", "weight"), ("weight", "窗口权重", "Window weight", "weight"),
    ("fraction", "至今占比", "Part to date", "weight"), ("left_spend", "剩余预算", "Budget left", "money"),
    ("left_gmv", "剩余成交额", "GMV left", "money"), ("left_spend/w", "剩余预算 · 每单位权重", "Budget left per weight",
                                                 "money"),
    ("left_gmv/w", "剩余成交额 · 每单位权重", "GMV left per weight", "money"),
)

# A kept plan's hidden note columns of what is left after its cut-off beside left_spend and left_gmv (above).
PVA_LEFT_WORDS = {"left_platform": ("剩余平台出资", "Platform money left"),
                  "left_brand": ("剩余品牌方出资", "Brand money left"), "left_orders": ("剩余订单", "Orders left")}

# A scenario on observed rates: the notes sheet's columns of each note's actual counts (the events and exposures
# of MODEL.md section 10's rates), in the order of planner.model.observed.OBSERVED's counts.
OBSERVED_COUNTS = {"impressions": ("实际曝光", "Actual impressions"), "clicks": ("实际点击", "Actual clicks"),
                   "interactions": ("实际互动", "Actual interactions"),
                   "store_visits": ("实际进店", "Actual store visits"), "orders": ("实际订单", "Actual orders")}

SCENARIO_PARAMS = (  # key, zh, en, kind: each scenario's own inputs (the active one's are the Assumptions sheet's)
    ("brand_budget", "品牌预算", "Brand budget", "money"), ("joint", "联投", "Joint investment", "bool"),
    ("platform_share", "平台出资比例", "Platform share", "rate"), ("platform_cap", "平台出资上限", "Platform cap", "money"),
    ("lift_scale", "提升率系数", "Lift scale", "ratio"), ("objective", "优化目标", "Objective", "text"),
)
DAY_COLUMNS = (  # key, zh, en, kind: the Daily pacing sheet's table of days
    ("date", "日期", "Date", "date"), ("phase", "阶段", "Phase", "text"), ("weight", "日权重", "Day weight", "weight"),
    ("spend", "计划消费", "Planned spend", "money"), ("brand", "品牌方出资", "Brand pays", "money"),
    ("platform", "平台出资", "Platform pays", "money"), ("cumulative", "累计消费", "Cumulative spend", "money"),
    ("share", "累计占比", "Cumulative share", "rate"), ("orders", "订单", "Orders", "count"),
    ("gmv", "成交额", "GMV", "money"),
)
WINDOW_COLUMNS = (  # key, zh, en, kind: the table of windows beside it (the last five hidden: per unit of weight)
    ("window", "窗口", "Window", "row"), ("first", "开始", "First day", "date"), ("last", "结束", "Last day", "date"),
    ("notes", "笔记数", "Notes", "count"), ("weight", "窗口权重", "Window weight", "weight"),
    ("budget", "预算", "Budget", "money"), ("platform", "平台出资", "Platform pays", "money"),
    ("brand", "品牌方出资", "Brand pays", "money"), ("orders", "订单", "Orders", "count"),
    ("gmv", "成交额", "GMV", "money"),
)
SCENARIO_TOTALS = (  # key, zh, en, kind: each scenario's totals (compare's), and its eligible spend
    ("budget", "加热预算合计", "Total boost budget", "money"), ("eligible_total", "可联投预算 E", "Eligible spend E", "money"),
    *((key, *OUTPUT_FIELD[key].sheet_words, sheet_kind(OUTPUT_FIELD[key])) for key in (
        "brand_cost", "platform_cost", "impressions", "clicks", "interactions", "store_visits", "orders", "gmv", "roi",
        "brand_roi", "cpa")),
)
WINDOW_COLUMN = ("window", "投放窗口", "Window", "row")  # the notes sheet's column: each note's window

PARAMS = (  # key, zh, en, zh meaning, en meaning
    ("brand_budget", "品牌预算", "Brand budget", "品牌方愿意出的钱（元）", "The brand's money for the plan (¥)"),
    ("joint_on", "联投", "Joint investment", "是（TRUE）= 开启联投；挂链的广告笔记可获得平台出资和提升率",
     "TRUE = on: linked ad notes get platform money and the lifts"),
    ("platform_share", "平台出资比例", "Platform share", "可联投预算中由平台承担的比例",
     "Part of eligible spend the platform pays"),
    ("platform_cap", "平台出资上限", "Platform cap", "平台最多出资（元）；留空 = 不设上限",
     "Most the platform pays (¥); empty = no cap"),
    ("lift_scale", "提升率系数", "Lift scale", "每个提升率乘以这个系数：1 = 原样，0.5 = 联投效果减半（本方案）",
     "Every lift times this factor: 1 = as they are, 0.5 = half as strong (this scenario)"),
    ("objective", "优化目标", "Objective", "app 优化预算时最大化的指标", "What the app's optimiser maximises"),
    ("lift_default_row", "默认提升率所在行", "Row of the default lifts", "没有单独一行的行业使用这一行",
     "Industries without a row of their own use this row"),
)



def _total(name: str, key: str, meaning: tuple[str, str] = ("", "")) -> tuple[str, str, str, str, str, str]:
    """A key figure that totals an output: its words and format are the field's."""
    field = OUTPUT_FIELD[key]
    return (name, *field.sheet_words, sheet_kind(field), *meaning)


KPIS = (  # name (a workbook-level defined name), zh, en, kind, zh meaning, en meaning
    ("brand_budget_shown", "品牌预算", "Brand budget", "money", "见“假设”表", "From the Assumptions sheet"),
    ("total_budget", "加热预算合计", "Total boost budget", "money", "所有笔记预算之和", "Sum of the notes' budgets"),
    _total("brand_cost", "brand_cost", ("预算合计 − 平台出资", "Total budget − platform pays")),
    _total("platform_cost", "platform_cost", ("MIN(平台比例 × 可联投预算, 平台上限)",
                                              "MIN(share × eligible spend, platform cap)")),
    ("brand_budget_left", "剩余品牌预算", "Brand budget left", "money", "品牌预算 − 品牌方出资",
     "Brand budget − brand pays"),
    _total("total_impressions", "impressions"), _total("total_clicks", "clicks"),
    _total("total_interactions", "interactions"),
    _total("total_store_visits", "store_visits", ("淘宝进店", "Taobao store visits")),
    _total("total_orders", "orders"), _total("total_gmv", "gmv"),
    _total("plan_roi", "roi", ("成交额 ÷ 预算合计；分母为 0 时留空", "GMV ÷ total budget; empty when 0")),
    _total("brand_roi", "brand_roi", ("成交额 ÷ 品牌方出资；分母为 0 时留空", "GMV ÷ brand pays; empty when 0")),
    _total("plan_cpa", "cpa", ("预算合计 ÷ 订单；分母为 0 时留空", "Total budget ÷ orders; empty when 0")),
    # MODEL.md section 11: creator fees are the brand's alone, on top of the boost budget.
    ("creator_fees", "达人合作费合计", "Creator fees", "money", "所有笔记的合作费之和：品牌方承担，不参与联投",
     "Sum of the notes' creator fees: the brand pays them, never co-funded"),
    _total("total_cost", "total_cost", ("加热预算合计 + 达人合作费", "Total budget + creator fees")),
    _total("total_roi", "total_roi", ("成交额 ÷ 总成本；分母为 0 时留空", "GMV ÷ total cost; empty when 0")),
    _total("brand_total_roi", "brand_total_roi", ("成交额 ÷（品牌方出资 + 达人合作费）；分母为 0 时留空",
                                                  "GMV ÷ (brand pays + creator fees); empty when 0")),
)
# Summary: the Monte Carlo percentiles of the plan as exported (planner.model.uncertainty), values not formulas.
RANGES = tuple((outcome, percentile) for outcome in ("orders", "gmv") for percentile in ("p10", "p50", "p90"))
RANGE_MEANINGS = {"p10": ("模拟结果中 10% 低于此值", "10% of the draws fall below this"),
                  "p50": ("模拟结果的中位数", "The median of the draws"),
                  "p90": ("模拟结果中 90% 低于此值", "90% of the draws fall below this")}
FUNDING_ITEMS = (  # name (defined where it is used by formulas), zh, en, kind, zh meaning, en meaning
    ("joint", "联投", "Joint investment", "bool", "见“假设”表", "From the Assumptions sheet"),
    ("share", "平台出资比例", "Platform share", "rate", "见“假设”表", "From the Assumptions sheet"),
    ("cap", "平台出资上限", "Platform cap", "money", "见“假设”表", "From the Assumptions sheet"),
    ("eligible_total", "可联投预算 E", "Eligible spend E", "money", "可联投笔记的预算之和",
     "Budgets of eligible notes"),
    ("requested", "平台比例 × E", "Share × E", "money", "不设上限时平台出的钱", "What the platform pays without a cap"),
    ("platform_total", "平台出资合计", "Platform pays in total", "money", "MIN(平台比例 × E, 平台上限)",
     "MIN(share × E, cap)"),
    ("cap_reached", "已达平台上限", "Platform cap reached", "bool", "再多一元可联投预算全部由品牌方出",
     "One more eligible yuan is paid by the brand alone"),
    ("brand_total", "品牌方出资合计", "Brand pays in total", "money", "预算合计 − 平台出资合计",
     "Total budget − platform pays"),
)
FUNNEL = ("total_impressions", "total_clicks", "total_store_visits", "total_orders")
# Summary, 0-based rows: each table after the one above it, a blank row and a title row between them.
RANGE_HEADER_ROW = KPI_HEADER_ROW + len(KPIS) + 3
FUNNEL_HEADER_ROW = RANGE_HEADER_ROW + len(RANGES) + 3  # the ranges' explanation below them, then a blank row
TOP_HEADER_ROW = FUNNEL_HEADER_ROW + len(FUNNEL) + 3

FORMULAS = (  # (label, text) pairs, each (zh, en)
    (("曝光", "Impressions"),
     ("曝光 = 人群上限 × (1 − e^(−预算 ÷ (人群上限 × 千次曝光成本 ÷ 1000)))；没有人群上限时 = 预算 × 1000 ÷ 千次曝光成本",
      "Impressions = cap × (1 − e^(−budget ÷ (cap × CPM ÷ 1000))); without a cap = budget × 1000 ÷ CPM")),
    (("联投后比率", "Joint rates"),
     ("可联投 = 方案开启联投 且 笔记挂链；可联投笔记：点击率′ = MIN(1, 点击率 × (1 + 点击提升率 × 提升率系数))，"
      "互动率、进店率同理（提升率 × 系数保持在 -100% 到 +10000% 之间）；其他笔记用原始比率",
      "Eligible = joint investment on and the note has a Taobao link; for an eligible note CTR′ = MIN(1, CTR × "
      "(1 + CTR lift × lift scale)), likewise interaction and store-entry rates (lift × scale kept from -100% to "
      "+10,000%); other notes keep their rates")),
    (("转化漏斗", "Funnel"),
     ("点击 = 曝光 × 点击率′；互动 = 曝光 × 互动率′；进店 = 点击 × 进店率′；订单 = 进店 × 转化率；成交额 = 订单 × 客单价",
      "Clicks = impressions × CTR′; interactions = impressions × interaction rate′; store visits = clicks × "
      "entry rate′; orders = store visits × conversion rate; GMV = orders × AOV")),
    (("联投出资", "Funding"),
     ("E = 可联投笔记预算之和；平台出资合计 = MIN(平台比例 × E, 平台上限)；可联投笔记的平台出资 = 预算 × 平台出资合计 ÷ E；"
      "品牌方出资 = 预算 − 平台出资",
      "E = budgets of eligible notes; platform total = MIN(share × E, cap); an eligible note's platform part "
      "= budget × platform total ÷ E; brand pays = budget − platform part")),
    (("边际ROI", "Marginal ROI"),
     ("边际ROI = 再多 1 元预算带来的成交额 ÷ 这 1 元中品牌方出的部分 = 1000 ÷ 千次曝光成本 × e^(−预算 ÷ (人群上限 × "
      "千次曝光成本 ÷ 1000))（没有人群上限时不乘这一项）× 点击率′ × 进店率′ × 转化率 × 客单价；可联投笔记在平台出资未达"
      "上限时再除以 (1 − 平台出资比例)，平台出资比例为 100% 时留空",
      "Marginal ROI = GMV of one more yuan of budget ÷ the brand's part of that yuan = 1000 ÷ CPM × e^(−budget ÷ "
      "(cap × CPM ÷ 1000)) (without a cap, no such factor) × CTR′ × store-entry rate′ × conversion rate × AOV; "
      "for an eligible note while the platform cap is not reached, divided by (1 − platform share), empty when "
      "that share is 100%")),
    (("总成本", "Total cost"),
     ("总成本 = 预算 + 达人合作费；总成本ROI = 成交额 ÷ 总成本；品牌总成本ROI = 成交额 ÷（品牌方出资 + 达人合作费）；"
      "合作费由品牌方承担，不参与联投",
      "Total cost = budget + creator fee; ROI on total cost = GMV ÷ total cost; brand ROI on total cost = GMV ÷ "
      "(brand pays + creator fee); the brand pays creator fees alone, never co-funded")),
    (("比值", "Ratios"),
     ("ROI = 成交额 ÷ 预算；品牌 ROI = 成交额 ÷ 品牌方出资；CPA = 预算 ÷ 订单；分母为 0 时留空（不是 0，也不是错误）",
      "ROI = GMV ÷ budget; brand ROI = GMV ÷ brand pays; CPA = budget ÷ orders; empty where the denominator "
      "is 0 (not 0, not an error)")),
)


def text(key: str, lang: str, **values: object) -> str:
    return pick(TEXT[key], lang).format(**values)


def sheet_name(key: str, lang: str) -> str:
    return pick(SHEETS[key], lang)


def header(column: Column, lang: str) -> str:
    return column.zh if lang == "zh" else column.en


def lift_header(key: str, lang: str) -> str:
    """Header of a lift table column: `ctr_lift`, `ctr_lift_low`, `n_notes`, ..."""
    for lift in LIFTS:
        for bound in ("low", "high"):
            if key == f"{lift}_{bound}":
                return f"{pick(LIFT_HEADERS[lift], lang)} {pick(LIFT_HEADERS[bound], lang)}"
    return pick(LIFT_HEADERS[key], lang)


def source_text(source: str, n_notes: float, lang: str) -> str:
    """Where a lift row came from, as the Assumptions sheet states it."""
    if source == SOURCE_ARTICLE:
        return pick(("文章公布数据（红猫计划，2025 年 5 月；未公布的进店提升率为 0）；低/高 = 数值 × 0.5 / × 1.5",
                     "Built-in figure from the article (Red Cat plan, May 2025; store-entry lift 0 where none is "
                     "published); low/high = value × 0.5 / × 1.5"), lang)
    if source == SOURCE_FITTED:
        count = "?" if n_notes != n_notes else f"{n_notes:,.0f}"
        return pick((f"根据历史数据拟合：{count} 条笔记；低/高 = 自助法 P10–P90",
                     f"Fitted from history: {count} notes; low/high = bootstrap P10–P90"), lang)
    return pick(("手动输入", "Typed by the user"), lang)


def display_width(value: str) -> int:
    """Width of text in spreadsheet columns: wide (CJK) characters count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in value)


# -- Where things are: column letters, sheet references ---------------------------------------------------

def letter_of(position: int) -> str:
    """Column letters of a 0-based column: 0 -> A, 27 -> AB."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


NOTE_LETTER = {column.key: letter_of(i) for i, column in enumerate(NOTE_COLUMNS)}
FUNDING_LETTER = {column.key: letter_of(i) for i, column in enumerate(FUNDING_COLUMNS)}


def quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"
