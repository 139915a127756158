"""The largest and smallest inputs a real plan can have: every number the app reads is held to them.

Each bound is far beyond any plan (so nobody meets it by accident) yet small enough that no figure the
model computes from inputs within bounds can overflow a double: the largest GMV a 1,000,000-note plan can
reach is about 1e35, nowhere near 1e308, and Excel's 15 digits show it. A value outside is refused
with the bound and the reason in its message.
"""

from __future__ import annotations

# Money in ¥: ten times China's yearly advertising market. A budget above it is a typo or a unit mix-up.
MAX_AMOUNT = 1e12
# CPM in ¥ per 1,000 impressions: from one fen to ¥1,000,000 (real boosts cost ¥10-¥500).
MIN_CPM = 0.01
MAX_CPM = 1e6
# Average order value in ¥: up to ten million (a car, a flat); more is no retail order.
MAX_AOV = 1e7
# Impressions a note can reach: at least one, at most a thousand billion (700x China's population).
MIN_AUDIENCE_CAP = 1.0
MAX_AUDIENCE_CAP = 1e12
# A lift of +10,000% (101x the base rate): far past any published or fitted figure.
MAX_LIFT = 100.0
# Counts (impressions, clicks, ...) and money in history and actuals tables.
MAX_COUNT = 1e15
MAX_HISTORY_AMOUNT = 1e15
# Text: a plan name, a title or an id longer than this is not one (Excel's cell holds 32,767).
MAX_TEXT_CHARS = 32_767
