"""Shared fixtures: a small plan, the demo plan and a 10,000-note generated plan."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from plans import random_plan, small_notes  # noqa: E402

from planner.model.plan import Plan, PlanParams, new_plan  # noqa: E402


@pytest.fixture
def small_plan() -> Plan:
    return new_plan(small_notes(), name="小计划", params=PlanParams(brand_budget=5000.0))


@pytest.fixture(scope="session")
def big_plan() -> Plan:
    return random_plan(10_000, seed=7, brand_budget=2_000_000.0, platform_cap=300_000.0)
