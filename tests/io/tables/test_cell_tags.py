"""The cell tags of a piece of sheet XML, found with numpy: the cells a regular expression finds, or None."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planner.io.excel.workbook_xml import column_letters
from planner.io.tables.cell_tags import scan

CELL = st.tuples(st.integers(1, 16384), st.integers(1, 9_999_999), st.sampled_from(["", ' s="3"', ' t="s"']),
                 st.sampled_from(["/>", "><v>1.5</v></c>", '><f t="shared" si="0"/><v>2</v></c>',
                                  "><is><t>&lt;c r=&quot;Z9&quot;/&gt;</t></is></c>"]))
ROW = st.tuples(st.integers(1, 9_999_999), st.lists(CELL, max_size=6))


def sheet(rows: list[tuple[int, list[tuple[int, int, str, str]]]]) -> bytes:
    parts = []
    for number, cells in rows:
        parts.append(f'<row r="{number}" spans="1:3">')
        parts += [f'<c r="{column_letters(column)}{row}"{attributes}{content}'
                  for column, row, attributes, content in cells]
        parts.append("</row>")
    return f'<sheetData>{"".join(parts)}</sheetData><cols><col min="1"/></cols>'.encode()


@settings(max_examples=200)
@given(st.lists(ROW, max_size=8))
def test_each_plain_cell_tag_is_found_with_its_row_and_column(rows):
    piece = sheet(rows)
    tags = scan(piece)
    assert tags is not None
    expected = [(int(row), sum((c - 64) * 26 ** i for i, c in enumerate(reversed(letters))))
                for letters, row in re.findall(rb'<c r="([A-Z]+)([0-9]+)"', piece)]
    assert list(zip(tags.rows.tolist(), tags.columns.tolist(), strict=True)) == expected
    assert [piece[at:at + 3] for at in tags.marks[tags.cells]] == [b'<c '] * len(expected)
    assert tags.max_row == max([row for row, _ in expected] + [number for number, _ in rows], default=0)
    assert not tags.loose


@pytest.mark.parametrize(("piece", "row", "column"), [(b'<row r="2"><c r="ab2"/></row>', 2, 28),
                                                    (b'<row r="2"><c r="AB02"/></row>', 2, 28)])
def test_a_reference_excel_would_not_write_is_told(piece, row, column):
    tags = scan(piece)
    assert tags is not None and tags.loose and (tags.rows.tolist(), tags.columns.tolist()) == ([row], [column])


@pytest.mark.parametrize("piece", [
    b'<row r="1"><c><v>1</v></c></row>',  # no reference
    b'<row r="1"><c/></row>',
    b'<row r="1"><c s="1" r="A1"/></row>',  # the reference not first
    b'<row r="1"><c\nr="XFD1048576"/></row>',  # another space before it
    b'<row r="1"><c r=\'A1\'/></row>',  # other quotes
    b'<row r="1"><c r = "A1"/></row>',
    b'<row r="1"><c r="A"/></row>',  # a column without its row
    b'<row r="1"><c r="1"/></row>',  # a row without its column
    b'<row r="1"><c r="ABCD1"/></row>',  # a column past XFD
    b'<row r="1"><c r="A12345678"/></row>',  # a row of eight digits
    b'<row r="1"><c r="A1B"/></row>',
    b'<row><c r="A1"/></row>',  # a row without its number
    b'<row r=""><c r="A1"/></row>',
    b'<row spans="1:2" r="1"><c r="A1"/></row>',
    b'<x:row r="1"><x:c r="A1"/></x:row>',  # a namespace prefix
])
def test_a_tag_not_written_plainly_makes_the_piece_irregular(piece):
    assert scan(piece) is None


def test_tags_that_only_start_like_cells_and_rows_are_not_cells():
    tags = scan(b'<cols><col min="1"/></cols><rowBreaks count="0"/><cfRule type="x"/><row r="4"><c r="B4"/></row>')
    assert tags is not None and tags.rows.tolist() == [4] and tags.columns.tolist() == [2]
