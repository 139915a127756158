"""Regenerate the built-in demo: a 618 plan for a sports-and-beauty brand and a past campaign's history.

Run `python resources/make_demo.py` from the repository root; it rewrites resources/demo.rcplan,
resources/demo_history.csv and resources/demo_actuals.csv deterministically (fixed seed), so changes to them
can be reviewed. `python resources/make_demo.py actuals` rewrites the sample actuals alone, from the plan file.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 618

CREATORS = ["跑步的鹿鹿", "健身少女阿May", "瑜伽老师林然", "小周爱徒步", "护肤研究所Kiki", "成分党小雨",
            "化妆师阿杰", "敏感肌日记", "穿搭博主Mia", "通勤穿搭酱", "营养师王医生", "减脂餐小厨",
            "宝妈育儿经", "露营玩家老K", "篮球少年阿伟", "马拉松大叔", "美白实验室", "学生党好物",
            "油皮救星", "户外女孩Yoyo"]
TITLES = {
    "sports": ["跑步新手必看！这双跑鞋我穿了三个月", "618囤货｜运动内衣真实测评", "一周五练的健身装备清单",
               "马拉松备赛：缓震跑鞋横评", "徒步装备分享：轻量冲锋衣", "瑜伽裤到底怎么选？", "篮球鞋实战测评",
               "夏日晨跑穿搭", "健身房通勤包推荐", "减脂期运动装备平价替代"],
    "beauty": ["油皮亲妈！控油精华真实反馈", "敏感肌修护面霜28天打卡", "618美妆清单｜闭眼入",
               "防晒测评：运动出汗也不脱妆", "早C晚A新手入门", "素颜霜到底值不值得买", "平价口红试色合集",
               "熬夜党急救面膜", "学生党护肤三件套", "运动后卸妆洁面推荐"],
    "apparel": ["通勤运动风穿搭一周不重样", "小个子显高运动套装", "防晒衣选购指南"],
    "food": ["健身餐蛋白粉怎么选", "低卡零食囤货清单"],
    "maternity": ["宝妈产后恢复运动装备"],
}
DRAFT, OPTIMISED, CAUTIOUS = "手工初稿", "按成交额优化", "保守：提升率 ×0.8"
INDUSTRY_SHARE = {"sports": 0.42, "beauty": 0.38, "apparel": 0.1, "food": 0.06, "maternity": 0.04}


def demo_notes(count: int = 60, seed: int = SEED) -> pd.DataFrame:
    """About 60 notes across industries, with plausible rates, caps, bounds and a hand-made budget split."""
    rng = np.random.default_rng(seed)
    industries = rng.choice(list(INDUSTRY_SHARE), count, p=list(INDUSTRY_SHARE.values()))
    titles = [f"{rng.choice(TITLES[industry])}" for industry in industries]
    is_ad = rng.random(count) < 0.75
    link = is_ad & (rng.random(count) < 0.8)
    video = rng.random(count) < 0.45
    base_aov = {"sports": 420.0, "beauty": 260.0, "apparel": 330.0, "food": 160.0, "maternity": 380.0}
    aov = np.array([base_aov[i] for i in industries]) * rng.uniform(0.6, 1.6, count)
    cap = np.round(rng.uniform(2e5, 3e6, count), -3)
    cap[rng.random(count) < 0.1] = np.nan  # a few notes with no audience cap
    budget = np.round(rng.choice([5000, 8000, 10000, 15000, 20000, 30000], count) * (1 + video * 0.2), -2)
    locked = rng.random(count) < 0.08
    return pd.DataFrame({
        "note_id": [f"XHS618{i + 1:03d}" for i in range(count)],
        "title": titles,
        "creator": rng.choice(CREATORS, count),
        "industry": industries,
        "format": np.where(video, "video", "image"),
        "is_ad": is_ad,
        "taobao_link": link,
        "cpm": np.round(rng.uniform(35, 110, count) * (1 + video * 0.25), 1),
        "ctr": np.round(rng.uniform(0.02, 0.085, count), 4),
        "interaction_rate": np.round(rng.uniform(0.01, 0.06, count), 4),
        "entry_rate": np.round(rng.uniform(0.12, 0.38, count), 3),
        "cvr": np.round(rng.uniform(0.02, 0.07, count), 4),
        "aov": np.round(aov, 0),
        "audience_cap": cap,
        "min_budget": np.where(locked, 0.0, np.where(rng.random(count) < 0.2, 3000.0, 0.0)),
        "max_budget": np.where(rng.random(count) < 0.3, 60000.0, np.nan),
        "budget": budget,
        "locked": locked,
    })


def demo_history(seed: int = SEED) -> pd.DataFrame:
    """A past campaign (Double 11): each note measured in a baseline week and a joint-investment week.

    True lifts follow the article (CTR +20%, interactions +109%, store entry +85% sports / +41.5% beauty);
    food has too few notes to fit, so the planner keeps its previous lifts and says so.
    """
    rng = np.random.default_rng(seed + 1)
    counts = {"sports": 18, "beauty": 16, "apparel": 8, "food": 3}
    entry_lift = {"sports": 0.85, "beauty": 0.415, "apparel": 0.1, "food": 0.0}
    rows = []
    for industry, count in counts.items():
        for k in range(count):
            note = f"H{industry[:2].upper()}{k + 1:03d}"
            ctr, inter, entry, cvr = (rng.uniform(0.02, 0.08), rng.uniform(0.01, 0.05),
                                      rng.uniform(0.12, 0.35), rng.uniform(0.02, 0.06))
            for period, lifts in (("base", (0.0, 0.0, 0.0)), ("joint", (0.2, 1.09, entry_lift[industry]))):
                shown = float(np.round(rng.uniform(5e4, 6e5)))
                noise = rng.normal(1, 0.08, 3).clip(0.7, 1.3)
                clicks = np.round(shown * ctr * (1 + lifts[0]) * noise[0])
                interactions = np.round(shown * inter * (1 + lifts[1]) * noise[1])
                visits = np.round(clicks * entry * (1 + lifts[2]) * noise[2])
                orders = np.round(visits * cvr)
                spend = np.round(shown * rng.uniform(40, 90) / 1000)
                rows.append({"note_id": note, "industry": industry, "period": period, "impressions": shown,
                             "clicks": clicks, "interactions": interactions, "store_visits": visits,
                             "orders": orders, "spend": spend, "gmv": np.round(orders * rng.uniform(150, 500))})
    return pd.DataFrame(rows)


ACTUALS_TO = date(2025, 5, 20)  # "this morning" of the demo: the sample actuals run to the day before
ACTUALS_HEADERS = {"date": "日期", "note_id": "笔记ID", "spend": "消费", "impressions": "曝光", "clicks": "点击",
                   "interactions": "互动", "store_visits": "进店", "orders": "订单", "gmv": "成交额"}


def demo_actuals(plan: Any = None, seed: int = SEED) -> pd.DataFrame:
    """Daily actuals of the demo's active scenario from the campaign's first day to ACTUALS_TO, as a planner
    downloads them on the morning after: the daily plan of MODEL.md section 9 (each note's budget spread over
    its window by day weight) with noise. Each note spends at a pace of its own (some well under, some over)
    and its rates drift from the plan's; counts are whole and the funnel narrows (each stage drawn from the one
    before). write_demo_actuals writes them to resources/demo_actuals.csv with Chinese headers.
    """
    from planner.io.planfile import load_plan
    from planner.model.calendar import day_weights
    from planner.model.funnel import estimate, planned_rates
    from planner.model.pacing import plan_windows

    plan = plan if plan is not None else load_plan(HERE / "demo.rcplan")
    rng = np.random.default_rng(seed + 2)
    calendar = plan.calendar
    weights = day_weights(calendar).weights
    windows = plan_windows(plan, calendar)
    last = calendar.day_index(ACTUALS_TO)
    days = np.arange(calendar.n_days)
    active = (days[None, :] >= windows.first[:, None]) & (days[None, :] <= windows.last[:, None])
    per_day = np.where(active, weights[None, :], 0.0)
    share = per_day / per_day.sum(axis=1, keepdims=True)  # notes x days: each note's part of its budget
    result = estimate(plan).notes
    budget = result["budget"].to_numpy(dtype=float)
    count = len(budget)
    pace = np.exp(rng.normal(-0.1, 0.3, count)).clip(0.45, 1.7)  # the note's own pace: under, on track, over
    pace[rng.permutation(count)[:4]] = [0.55, 0.65, 1.45, 1.6]  # a few clear cases to see on the Tracking tab
    per_yuan = np.divide(result["impressions"].to_numpy(dtype=float), budget, out=np.zeros(count), where=budget > 0)
    rates = planned_rates(plan)
    drift = {rate: np.exp(rng.normal(-0.02, 0.2, count)) for rate in rates}  # each note's rates off the plan
    aov = plan.notes["aov"].to_numpy(dtype=float)
    rows = []
    for day in range(last + 1):
        noise = np.exp(rng.normal(0.0, 0.15, count))
        spend = np.round(budget * share[:, day] * pace * noise, 2)
        spent = spend > 0
        shown = rng.poisson(spend * per_yuan * np.exp(rng.normal(0.0, 0.08, count)))
        clicks = rng.binomial(shown, np.minimum(rates["ctr"] * drift["ctr"], 1.0))
        interactions = rng.binomial(shown, np.minimum(rates["interaction_rate"] * drift["interaction_rate"], 1.0))
        visits = rng.binomial(clicks, np.minimum(rates["entry_rate"] * drift["entry_rate"], 1.0))
        orders = rng.binomial(visits, np.minimum(rates["cvr"] * drift["cvr"], 1.0))
        gmv = np.round(orders * aov * np.exp(rng.normal(0.0, 0.1, count)), 2)
        when = (np.datetime64(calendar.first_day) + day).astype(str)
        rows.append(pd.DataFrame({"date": when, "note_id": plan.notes["note_id"].to_numpy(), "spend": spend,
                                  "impressions": shown, "clicks": clicks, "interactions": interactions,
                                  "store_visits": visits, "orders": orders, "gmv": gmv})[spent])
    return pd.concat(rows, ignore_index=True)


def write_demo_actuals(plan: Any = None) -> pd.DataFrame:
    """demo_actuals of `plan` (the shipped demo by default) written to resources/demo_actuals.csv."""
    actuals = demo_actuals(plan)
    actuals.rename(columns=ACTUALS_HEADERS).to_csv(HERE / "demo_actuals.csv", index=False)
    return actuals


def main() -> None:
    from dataclasses import replace

    from planner.i18n import set_language
    from planner.io.calendars import load_preset
    from planner.io.planfile import save_plan
    from planner.model.funnel import estimate
    from planner.model.optimiser import optimise
    from planner.model.plan import NEW_PLAN_STEP, PlanParams, new_plan
    from planner.model.scenarios import activate, add_scenario, rename_scenario, with_settings

    set_language("zh")  # the calendar's name and source in the demo's language
    params = PlanParams(brand_budget=600_000.0, objective="gmv", joint=True, platform_share=0.5,
                        platform_cap=200_000.0, budget_step=NEW_PLAN_STEP)
    plan = new_plan(demo_notes(), name="红猫运动美妆 · 618 种草加热", params=params)
    # The hand-made split is scaled to spend about 95% of the brand budget, as a planner's first draft would.
    notes = plan.notes
    free = ~notes["locked"]
    spent = estimate(plan).totals["brand_cost"] or 1.0
    scaled = np.round(notes["budget"] * (0.95 * params.brand_budget / spent), -2)
    plan = plan.with_budgets(np.where(free, np.maximum(scaled, notes["min_budget"]), notes["budget"]))
    plan = replace(plan, calendar=load_preset("618-2025"))
    # Three scenarios to compare: the draft, its optimum, and the optimum if the lifts are a fifth weaker.
    plan = rename_scenario(plan, plan.scenario.name, DRAFT)
    plan = activate(add_scenario(plan, OPTIMISED), OPTIMISED)
    plan = optimise(plan).plan
    plan = activate(add_scenario(plan, CAUTIOUS), CAUTIOUS)
    plan = optimise(with_settings(plan, lift_scale=0.8)).plan
    plan = activate(plan, DRAFT)
    save_plan(plan, HERE / "demo.rcplan")
    demo_history().to_csv(HERE / "demo_history.csv", index=False)
    actuals = write_demo_actuals(plan)
    print(f"wrote {HERE / 'demo.rcplan'} ({len(plan.notes)} notes), {HERE / 'demo_history.csv'} and "
          f"{HERE / 'demo_actuals.csv'} ({len(actuals)} rows)")


if __name__ == "__main__":
    if sys.argv[1:] == ["actuals"]:
        print(f"wrote {HERE / 'demo_actuals.csv'} ({len(write_demo_actuals())} rows)")
    else:
        main()
