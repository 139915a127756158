"""Plans the tests share: a small hand-made plan and seeded random plans of any size."""

from __future__ import annotations

import numpy as np
import pandas as pd

from planner.model.plan import Plan, PlanParams, new_plan

INDUSTRY_MIX = ("beauty", "sports", "food", "apparel", "home", "其他")


def small_notes() -> pd.DataFrame:
    """Three notes: an eligible capped beauty note, a plain food note, an eligible capped sports note."""
    return pd.DataFrame({
        "note_id": ["n1", "n2", "n3"], "title": ["春季新品", "早餐", "跑鞋"], "creator": ["小红", "阿明", "Leo"],
        "industry": ["美妆", "food", "sports"], "is_ad": [True, False, True],
        "taobao_link": [True, False, True], "cpm": [50.0, 40.0, 60.0], "ctr": [0.05, 0.04, 0.06],
        "interaction_rate": [0.03, 0.02, 0.01], "entry_rate": [0.3, 0.2, 0.3], "cvr": [0.05, 0.04, 0.05],
        "aov": [200.0, 100.0, 300.0], "audience_cap": [100000.0, np.nan, 50000.0],
        "budget": [1000.0, 500.0, 0.0],
    })


def random_notes(n: int, seed: int = 0, *, caps: float = 0.8, linked: float = 0.6) -> pd.DataFrame:
    """n plausible notes; `caps` and `linked` are the fractions with an audience cap and a Taobao link."""
    rng = np.random.default_rng(seed)
    is_ad = rng.random(n) < max(linked, 0.7)
    link = is_ad & (rng.random(n) < linked / max(linked, 0.7))
    cpm = rng.uniform(20, 120, n)
    budget = np.round(rng.uniform(0, 20000, n))
    cap = np.where(rng.random(n) < caps, rng.uniform(2e4, 2e6, n), np.nan)
    return pd.DataFrame({
        "note_id": [f"N{i:06d}" for i in range(n)],
        "title": [f"笔记 {i}" for i in range(n)], "creator": [f"达人{i % 97}" for i in range(n)],
        "industry": rng.choice(INDUSTRY_MIX, n), "format": rng.choice(["image", "video"], n),
        "is_ad": is_ad, "taobao_link": link, "cpm": cpm, "ctr": rng.uniform(0.01, 0.12, n),
        "interaction_rate": rng.uniform(0.005, 0.08, n), "entry_rate": rng.uniform(0.05, 0.5, n),
        "cvr": rng.uniform(0.005, 0.08, n), "aov": rng.uniform(30, 800, n), "audience_cap": cap,
        "budget": budget,
    })


def random_plan(n: int, seed: int = 0, **params: object) -> Plan:
    """A random plan with `params` (PlanParams fields) over random_notes(n, seed)."""
    return new_plan(random_notes(n, seed), name=f"random {n}", params=PlanParams(**params))  # type: ignore[arg-type]
