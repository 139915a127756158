"""Over budget (MODEL.md section 12): the brand cost above the brand budget by more than a fen."""

from __future__ import annotations

import pytest

from planner.model.funding import over_budget


@pytest.mark.parametrize(("brand_cost", "brand_budget", "excess"), [
    (610_000.0, 600_000.0, 10_000.0), (600_000.0, 600_000.0, 0.0), (600_000.005, 600_000.0, 0.0),
    (600_000.02, 600_000.0, pytest.approx(0.02)), (500_000.0, 600_000.0, 0.0), (None, 600_000.0, 0.0),
    (1.0, 0.0, 1.0)])
def test_over_budget_is_the_excess_beyond_a_fen(brand_cost, brand_budget, excess) -> None:
    assert over_budget(brand_cost, brand_budget) == excess
