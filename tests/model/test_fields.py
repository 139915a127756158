"""The field catalogue: complete in both languages, unambiguous on import, bounded by limits.py."""

from __future__ import annotations

import numpy as np
import pytest

from planner.model import limits
from planner.model.fields import (
    HISTORY,
    NO_LIMIT,
    NOTE_INPUTS,
    NOTE_OUTPUTS,
    REQUIRED,
    Field,
)

TABLES = {"notes": NOTE_INPUTS, "notes and estimate": NOTE_INPUTS + NOTE_OUTPUTS, "history": HISTORY}
EVERY_FIELD = NOTE_INPUTS + NOTE_OUTPUTS + HISTORY


@pytest.mark.parametrize("field", EVERY_FIELD, ids=lambda field: field.key)
def test_every_field_has_both_labels_and_both_definitions(field: Field) -> None:
    assert all(word.strip() for word in field.label + field.definition)


@pytest.mark.parametrize("fields", TABLES.values(), ids=TABLES.keys())
def test_keys_are_unique_in_each_table(fields: tuple[Field, ...]) -> None:
    keys = [field.key for field in fields]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("fields", TABLES.values(), ids=TABLES.keys())
def test_each_header_text_names_one_field_only(fields: tuple[Field, ...]) -> None:
    named: dict[str, set[str]] = {}
    for field in fields:
        for text in field.header_texts():
            named.setdefault(text.strip().lower(), set()).add(field.key)
    assert {text: keys for text, keys in named.items() if len(keys) > 1} == {}


def test_every_rules_bounds_are_those_of_limits() -> None:
    bounds = {value for name, value in vars(limits).items() if name.isupper()} | {0.0, 1.0}
    rules = [field.rule for field in EVERY_FIELD if field.rule is not None]
    assert rules and all(rule.low in bounds and rule.high in bounds for rule in rules)
    assert all(rule.empty in (REQUIRED, NO_LIMIT) or rule.low <= rule.default <= rule.high for rule in rules)


def test_a_rule_says_its_bounds_and_why() -> None:
    cpm = next(field.rule for field in NOTE_INPUTS if field.key == "cpm")
    assert cpm is not None
    assert cpm.range_text == ("a cost per 1,000 impressions from ¥0.01 to ¥1,000,000 (real boosts cost ¥10 to "
                              "¥500: a typo or a unit mix-up?)")
    assert (cpm.required_text, cpm.least_text) == ("a cost per 1,000 impressions greater than 0 (it is required)",
                                                   "a cost per 1,000 impressions greater than 0")


def test_a_rate_is_held_to_its_bounds_alone() -> None:
    ctr = next(field.rule for field in NOTE_INPUTS if field.key == "ctr")
    assert ctr is not None
    broken = [(list(np.flatnonzero(mask)), told) for mask, told in ctr.broken(np.array([np.nan, -0.1, 0.5, 2.0]))]
    assert broken == [([0], "a rate from 0 to 1 (it is required)"),
                      ([1, 3], "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)")]


def test_an_empty_value_without_a_limit_is_allowed_but_said() -> None:
    cap = next(field.rule for field in NOTE_INPUTS if field.key == "audience_cap")
    assert cap is not None
    masks = [list(np.flatnonzero(mask)) for mask, _ in cap.broken(np.array([np.nan, 0.0, 0.5, 2e12]))]
    assert masks == [[1], [2, 3]]
    assert cap.least_text == "a number of impressions greater than 0, or empty"
