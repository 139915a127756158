"""Text every output can write: lone surrogates repaired, lengths as an Excel cell counts them."""

from __future__ import annotations

import pytest

from planner.model.text import excel_length, has_lone_surrogates, repair_text, repair_texts, too_long


@pytest.mark.parametrize(("text", "repaired"), [
    ("a\ud800b", "a\ufffdb"),  # a lone high half
    ("x\udcff", "x\ufffd"),  # a byte Python could not decode (surrogateescape)
    ("\ud83d\ude00", "😀"),  # two halves of one pair: the character they spell
    ("\ude00\ud83d", "\ufffd\ufffd"),  # halves in the wrong order: two lone ones
    ("春季 😀", "春季 😀"),
])
def test_lone_surrogates_become_the_replacement_character(text, repaired):
    assert repair_text(text) == repaired
    repaired.encode("utf-8")  # what every output needs


def test_a_column_without_surrogates_is_returned_as_it_is():
    texts = ["a", "春季", "😀"]
    assert repair_texts(texts) is texts
    assert not has_lone_surrogates(texts)


def test_a_column_with_one_surrogate_is_repaired_in_that_cell_only():
    assert has_lone_surrogates(["a", "b\ud800"])
    assert repair_texts(["a", "b\ud800", "c"]) == ["a", "b\ufffd", "c"]


def test_halves_split_over_two_cells_are_two_lone_ones():
    assert repair_texts(["a\ud83d", "\ude00b"]) == ["a\ufffd", "\ufffdb"]


def test_length_is_counted_as_excel_counts_it():
    assert excel_length("😀a") == 3
    assert not too_long("😀" * 16_383 + "a")
    assert too_long("😀" * 16_384)
    assert too_long("a" * 32_768) and not too_long("a" * 32_767)
