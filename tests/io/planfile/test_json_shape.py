"""A JSON document's longest list and its values, counted on its bytes before json.loads builds it."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.io.planfile import json_shape


def built_shape(document: object) -> tuple[int, int]:
    """What json.loads builds: the longest list or object, and the items of all of them plus one."""
    longest, values = 0, 1
    pending = [document]
    while pending:
        value = pending.pop()
        if isinstance(value, dict | list):
            items = list(value.values()) if isinstance(value, dict) else value
            longest, values = max(longest, len(items)), values + max(len(items), 1)
            pending.extend(items)
    return longest, values


TEXT = st.text(alphabet=st.sampled_from(list('ab,[]{}:"\\ 汉🐱\n')), max_size=8)
DOCUMENTS = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(TEXT, inner, max_size=5), max_leaves=60)


@settings(max_examples=500, deadline=None)
@given(document=DOCUMENTS, piece=st.integers(1, 9), ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_the_shape_is_what_json_loads_builds_wherever_the_pieces_are_cut(document, piece, ascii_only, indent):
    data = json.dumps(document, ensure_ascii=ascii_only, indent=indent).encode("utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_shape, "PIECE_BYTES", piece)
        shape = json_shape.measure(data)
        bound = json_shape.bounds(data)
    longest, values = built_shape(document)
    assert shape.longest == longest or (longest == 0 and shape.longest <= 1)  # [] and [1] both show no comma
    assert shape.values == values
    assert bound.longest >= shape.longest and bound.values >= shape.values


@pytest.mark.parametrize(("text", "longest"), [
    (r'["a\\", "b", "c"]', 3),  # an escaped backslash ends the string: the quote after it is real
    (r'["a\", \"b", "c"]', 2),  # escaped quotes stay inside the string, with their commas
    (r'["\\\"", 1, 2, 3]', 4),
    ('{"k": [1, 2], "j": {"x": [[1, 2, 3, 4, 5]]}}', 5),
])
def test_escaped_quotes_and_nesting_are_told_apart(text, longest):
    assert json.loads(text) is not None
    for piece in (1, 2, 3, 1 << 20):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(json_shape, "PIECE_BYTES", piece)
            assert json_shape.measure(text.encode()).longest == longest


def test_bytes_that_are_not_json_are_counted_without_failing():
    for data in (b"]]],,,[", b",,,", b'"', b"\\\\\\", b"[" * 1000):
        json_shape.measure(data)
