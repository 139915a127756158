"""How messages put words together in the language spoken: lists, alternatives and fields' names.

English lists take commas ("clicks, orders, gmv"), Chinese an enumeration comma (点击、订单、成交额); English
names a field by its key and its Chinese label, the two names a table file may use for it ("ctr (点击率)"),
Chinese by its label alone (点击率).
"""

from __future__ import annotations

from collections.abc import Iterable

from planner.i18n import _, language
from planner.model.fields import term


def listed(items: Iterable[str]) -> str:
    """Items in running text: "a, b, c"; 甲、乙、丙."""
    return ("、" if language() == "zh" else ", ").join(items)


def alternatives(items: Iterable[str]) -> str:
    """Items of which one is expected: "a or b or c"; 甲、乙或丙."""
    items = list(items)
    if language() != "zh" or len(items) < 2:
        return " or ".join(items)
    return "、".join(items[:-1]) + "或" + items[-1]


def named(key: str) -> str:
    """A field as a message names it: "ctr (点击率)" in English, 点击率 in Chinese; a key without a label as it is."""
    zh = term(key, "zh")
    if zh is None:
        return key
    return zh if language() == "zh" else _("{key} ({label})").format(key=key, label=zh)


def labelled(key: str) -> str:
    """A key by its label in the language spoken, where the catalogue has one (点击 for clicks); English keeps
    the key itself (the word of the plan file, the JSON and the CLI flags)."""
    return (term(key, "zh") or key) if language() == "zh" else key
