"""Cells read straight from a workbook's XML: every kind of cell, and the same values by either reader."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.io.excel import workbook_xml
from planner.io.excel.cell_values import EMPTY, FLAG, NUMBER, OTHER, TEXT
from planner.io.excel.workbook_xml import Uncached, Unreadable, open_parts
from planner.io.tables import archive
from planner.model.errors import InputError

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORKBOOK = (f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{RELS}"><sheets>'
            '<sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="It\'s" sheetId="2" r:id="rId2"/></sheets>'
            "<definedNames><definedName name=\"budgets\">Data!$B$2:$B$3</definedName>"
            '<definedName name="_xlnm.Print_Titles" localSheetId="0">Data!$1:$1</definedName></definedNames>'
            "</workbook>")
WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                 'package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
                 f'<Relationship Id="rId2" Type="{RELS}/worksheet" Target="/xl/worksheets/sheet2.xml"/>'
                 f'<Relationship Id="rId3" Type="{RELS}/sharedStrings" Target="sharedStrings.xml"/>'
                 "</Relationships>")
STRINGS = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{MAIN}" count="5" uniqueCount="5">'
           "<si><t>n1</t></si>"
           '<si><t xml:space="preserve"> a &amp; b </t></si>'
           "<si><r><rPr><b/></rPr><t>投放</t></r><r><t>方案</t></r></si>"
           "<si><t>東京</t><rPh sb=\"0\" eb=\"2\"><t>トウキョウ</t></rPh></si>"
           "<si/></sst>")
# One row of each kind of cell; column A names the kind.
CELLS = {
    "number": '<c r="B{r}" s="1"><v>1234.5</v></c>',
    "typed number": '<c r="B{r}" t="n"><v>-2E+3</v></c>',
    "shared": '<c r="B{r}" t="s"><v>1</v></c>',
    "rich shared": '<c r="B{r}" t="s"><v>2</v></c>',
    "phonetic": '<c r="B{r}" t="s"><v>3</v></c>',
    "empty shared": '<c r="B{r}" t="s"><v>4</v></c>',
    "inline": '<c r="B{r}" t="inlineStr"><is><t>x&lt;y&#13;z</t></is></c>',
    "inline runs": '<c r="B{r}" t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> b</t></r></is></c>',
    "bool": '<c r="B{r}" t="b"><v>1</v></c>',
    "error": '<c r="B{r}" t="e"><v>#DIV/0!</v></c>',
    "formula text": '<c r="B{r}" t="str"><f>A1&amp;""</f><v>ok</v></c>',
    "formula empty text": '<c r="B{r}" t="str"><f>""</f><v></v></c>',
    "formula number": '<c r="B{r}"><f>1000*2</f><v>2000</v></c>',
    "formula unsaved": '<c r="B{r}"><f>1000*2</f></c>',
    "formula unsaved v": '<c r="B{r}"><f>1000*2</f><v></v></c>',
    "shared formula unsaved": '<c r="B{r}"><f t="shared" si="0"/></c>',
    "nan": '<c r="B{r}" t="n"><v>NaN</v></c>',
    "infinite": '<c r="B{r}"><v>1e999</v></c>',
    "empty value": '<c r="B{r}" t="n"><v/></c>',
    "blank": '<c r="B{r}" s="3"/>',
    "bad shared index": '<c r="B{r}" t="s"><v>99</v></c>',
    "spaced shared index": '<c r="B{r}" t="s"><v> 1 </v></c>',
    "spaced number": '<c r="B{r}" s="2"><v> 5 </v></c>',
    "underscored number": '<c r="B{r}"><v>1_000</v></c>',
    "bool word": '<c r="B{r}" s="2" t="b"><v>true</v></c>',
    "bool false": '<c r="B{r}" s="2" t="b"><v>0</v></c>',
    "text number": '<c r="B{r}" t="n"><v>one</v></c>',
    "another attribute": '<c r="B{r}" s="1" cm="1"><v>7</v></c>',
    "empty inline": '<c r="B{r}" t="inlineStr"><is><t></t></is></c>',
    "nothing inside": '<c r="B{r}" s="1"></c>',
}
EXPECTED = {
    "number": 1234.5, "typed number": -2000.0, "shared": " a & b ", "rich shared": "投放方案", "phonetic": "東京",
    "empty shared": "", "inline": "x<y\rz", "inline runs": "a b", "bool": True, "error": "#DIV/0!",
    "formula text": "ok", "formula empty text": "", "formula number": 2000.0, "formula unsaved": Uncached("1000*2"),
    "formula unsaved v": Uncached("1000*2"), "shared formula unsaved": Uncached(""), "nan": Unreadable("NaN"),
    "infinite": Unreadable("1e999"), "empty value": Unreadable(""), "blank": None,
    "bad shared index": Unreadable("99"), "spaced shared index": " a & b ", "spaced number": 5.0,
    "underscored number": Unreadable("1_000"), "bool word": True, "bool false": False,
    "text number": Unreadable("one"), "another attribute": 7.0, "empty inline": "", "nothing inside": None,
}
KINDS = {EMPTY: [None], NUMBER: [float], FLAG: [bool], TEXT: [str], OTHER: [Uncached, Unreadable]}


def sheet_xml(rows: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{MAIN}"><sheetData>{rows}' \
           "</sheetData></worksheet>"


def kinds_sheet() -> str:
    rows = ['<row r="1"><c r="A1" t="inlineStr"><is><t>kind</t></is></c><c r="B1" t="inlineStr"><is><t>value</t>'
            "</is></c></row>"]
    for r, (kind, cell) in enumerate(CELLS.items(), start=2):
        rows.append(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{kind}</t></is></c>{cell.format(r=r)}</row>')
    return sheet_xml("".join(rows))


def workbook(tmp_path: Path, sheet: str | bytes, strings: str = STRINGS, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("xl/worksheets/sheet2.xml", sheet_xml(""))
        archive.writestr("xl/sharedStrings.xml", strings)
    return path


def read(path: Path, last: int | None = None) -> dict[str, object]:
    """Column B by column A's kind, rows 2..last (None: to the end of the sheet, read with numpy; a few rows
    are read with regular expressions)."""
    book = open_parts(path, path.name)
    try:
        kinds, values = book.cells("Data", 2, last, (1, 2)).values()
    finally:
        book.close()
    return dict(zip(kinds, values, strict=True))


def prefixed(xml: str, root: str) -> str:
    """The same part with every element in a prefixed namespace, which only the XML parser reads."""
    xml = xml.replace(f'<{root} xmlns="', f'<{root} xmlns:x="', 1)
    return re.sub(r"<(/?)([A-Za-z]\w*)([\s/>])", r"<\1x:\2\3", xml)


@pytest.mark.parametrize("last", [None, len(CELLS) + 1])
def test_each_kind_of_cell_reads_as_its_stored_value(tmp_path, last):
    assert read(workbook(tmp_path, kinds_sheet()), last) == EXPECTED


def test_each_cell_is_told_by_its_kind(tmp_path):
    book = open_parts(workbook(tmp_path, kinds_sheet()), "book.xlsx")
    column = book.columns("Data", 2, None, (2,))[2]
    for value, kind in zip(column.values.tolist(), column.kinds.tolist(), strict=True):
        assert type(value) in KINDS[kind] if value is not None else kind == EMPTY
    assert column.numbers()[:2].tolist() == [1234.5, -2000.0]


def test_a_sheet_read_in_pieces_of_a_few_bytes_reads_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_xml, "_CHUNK", 50)  # pieces end after a whole row, however long
    monkeypatch.setattr(archive, "_CHUNK", 7)
    assert read(workbook(tmp_path, kinds_sheet())) == EXPECTED


def test_a_big_sheet_is_checked_while_it_is_read_and_then_not_again(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)  # every part counts as big
    book = open_parts(workbook(tmp_path, kinds_sheet()), "book.xlsx")
    assert "xl/worksheets/sheet1.xml" in book.archive.unchecked
    book.cells("Data", 1, None, (1, 2))
    assert "xl/worksheets/sheet1.xml" not in book.archive.unchecked


def test_a_big_sheet_spanning_too_many_cells_is_refused_when_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_xml, "DEFER_BYTES", 0)
    sheet = kinds_sheet().replace("</sheetData>", '<row r="99"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
    book = open_parts(workbook(tmp_path, sheet), "book.xlsx")
    with pytest.raises(InputError) as error:
        book.cells("Data", 2, None, (1, 2))
    assert str(error.value) == ("book.xlsx: an XLSX workbook whose part xl/worksheets/sheet1.xml spans "
                                "17,179,869,184 cells (the limit is 20,000,000): refused")


@pytest.mark.parametrize(("old", "new"), [
    ("><v>", "><v >"),  # spacing inside a tag
    ("</v></c>", "</v>\n</c>"),  # a line end between tags
    ('"><', '" ><'),
    (' t="', ' cm="1" t="'),  # an attribute the reader does not know
    ("<c r=", "<c  r="),  # two spaces: a sheet the XML parser reads
])
def test_cells_written_in_other_forms_read_the_same(tmp_path, old, new):
    assert read(workbook(tmp_path, kinds_sheet().replace(old, new))) == EXPECTED


def test_a_cell_written_twice_reads_as_the_last(tmp_path):
    sheet = kinds_sheet().replace('<c r="B2" s="1"><v>1234.5</v></c>', '<c r="B2"><v>1</v></c><c r="B2"><v>2</v></c>')
    assert read(workbook(tmp_path, sheet))["number"] == 2.0


def test_a_sheet_and_strings_the_regular_expressions_cannot_read_are_parsed_to_the_same_values(tmp_path):
    path = workbook(tmp_path, prefixed(kinds_sheet(), "worksheet"), prefixed(STRINGS, "sst"))
    assert read(path) == EXPECTED


def test_cells_in_another_attribute_order_read_the_same(tmp_path):
    sheet = re.sub(r'<c r="([A-Z]+[0-9]+)"([^>]*?)( t="[^"]*")', r'<c\3\2 r="\1"', kinds_sheet())
    assert '<c t="s" r="B4">' in sheet
    assert read(workbook(tmp_path, sheet)) == EXPECTED


def test_a_type_written_with_other_quotes_or_spacing_reads_the_same(tmp_path):
    sheet = re.sub(r' t="([^"]*)"', r" t = '\1'", kinds_sheet())
    assert "<c r=\"B4\" t = 's'>" in sheet
    assert read(workbook(tmp_path, sheet)) == EXPECTED


def test_a_sheet_in_another_encoding_reads_the_same(tmp_path):
    sheet = kinds_sheet().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16")
    assert read(workbook(tmp_path, sheet)) == EXPECTED


def test_only_the_rows_and_columns_asked_for_are_read(tmp_path):
    book = open_parts(workbook(tmp_path, kinds_sheet()), "book.xlsx")
    assert book.cells("Data", 3, 4, (2, 5)) == {2: [-2000.0, " a & b "], 5: [None, None]}
    assert book.cells("Data", 1, 1, None) == {1: ["kind"], 2: ["value"]}


def test_sheets_and_workbook_level_names_are_found(tmp_path):
    book = open_parts(workbook(tmp_path, kinds_sheet()), "book.xlsx")
    assert book.sheets == {"Data": "xl/worksheets/sheet1.xml", "It's": "xl/worksheets/sheet2.xml"}
    assert book.names == {"budgets": "Data!$B$2:$B$3"}  # the print titles belong to one sheet


@pytest.mark.parametrize("sheet", ["not xml at all", f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row>'])
def test_a_sheet_the_xml_parser_cannot_read_is_a_damaged_workbook(tmp_path, sheet):
    path = workbook(tmp_path, sheet)
    book = open_parts(path, path.name)
    with pytest.raises(InputError) as error:
        book.cells("Data", 1, None, None)
    (problem,) = error.value.problems
    assert str(problem).startswith("book.xlsx: a damaged XLSX workbook (part xl/worksheets/sheet1.xml: ")


# The attributes and contents a cell may have, usual or not: styles of 0 to 7 digits, every type and an unknown
# one, another attribute before or after them, values that are and are not of their type.
STYLES = ["", ' s="0"', ' s="19"', ' s="123456"', ' s="1234567"', ' s=""', ' s="1x"']
TYPES = ["", ' t="n"', ' t="s"', ' t="b"', ' t="e"', ' t="d"', ' t="str"', ' t="inlineStr"', ' t="x"', ' t="inline"']
OTHERS = ["", ' cm="1"']
CONTENTS = ["/>", "></c>", "><v>1.5</v></c>", "><v>0</v></c>", "><v>1</v></c>", "><v>12</v></c>", "><v>-2E+3</v></c>",
            "><v>#N/A</v></c>", "><is><t>ab</t></is></c>", "><is><t></t></is></c>", "><f>1+1</f><v>2</v></c>",
            "><f>1+1</f></c>", "><v></v></c>"]
FORMED_CELL = st.tuples(st.sampled_from(STYLES), st.sampled_from(TYPES), st.sampled_from(OTHERS), st.booleans(),
                        st.sampled_from(CONTENTS))


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(FORMED_CELL, min_size=1, max_size=5), min_size=1, max_size=6))
def test_cells_of_any_form_read_with_numpy_as_the_xml_parser_reads_them(tmp_path, rows):
    """Each cell's form is matched with numpy a word of 8 bytes at a time; the XML parser is the oracle."""
    xml = []
    for r, cells in enumerate(rows, start=1):
        xml.append(f'<row r="{r}">')
        for c, (style, kind, other, other_first, content) in enumerate(cells, start=1):
            attributes = other + style + kind if other_first else style + kind + other
            xml.append(f'<c r="{workbook_xml.column_letters(c)}{r}"{attributes}{content}')
        xml.append("</row>")
    sheet = sheet_xml("".join(xml) + '<row r="99"><c r="G99"><v>1</v></c></row>')  # the same last row for both
    plain = open_parts(workbook(tmp_path, sheet, name="plain.xlsx"), "plain.xlsx")
    parsed = open_parts(workbook(tmp_path, prefixed(sheet, "worksheet"), name="parsed.xlsx"), "parsed.xlsx")
    try:
        columns = range(1, 8)  # to the end of the sheet (read with numpy), past the last cell of a row
        assert plain.cells("Data", 1, None, columns) == parsed.cells("Data", 1, None, columns)
    finally:
        plain.close()
        parsed.close()


def test_the_usual_cells_are_all_read_with_numpy_none_one_by_one(tmp_path, monkeypatch):
    """As Excel, WPS, LibreOffice and XlsxWriter write them: numbers, flags, shared and inline strings, empty
    cells, each with a style of any length or none. Reading one such cell by itself would cost seconds over a
    100,000-note sheet."""
    usual = ['<c r="A{r}"{s}><v>1.5</v></c>', '<c r="B{r}"{s} t="n"><v>2</v></c>', '<c r="C{r}"{s} t="b"><v>1</v></c>',
             '<c r="D{r}"{s} t="s"><v>1</v></c>', '<c r="E{r}"{s} t="inlineStr"><is><t>N1</t></is></c>',
             '<c r="F{r}"{s}/>']
    styles = ["", ' s="1"', ' s="12"', ' s="123"', ' s="1234"', ' s="12345"', ' s="123456"']
    rows = "".join(f'<row r="{r}">' + "".join(cell.format(r=r, s=style) for cell in usual) + "</row>"
                   for r, style in enumerate(styles, start=1))
    monkeypatch.setattr(workbook_xml.WorkbookXml, "_odd_cell", lambda *_: pytest.fail("a cell read one by one"))
    book = open_parts(workbook(tmp_path, sheet_xml(rows)), "book.xlsx")
    assert book.cells("Data", 1, None, range(1, 7)) == {1: [1.5] * 7, 2: [2.0] * 7, 3: [True] * 7,
                                                         4: [" a & b "] * 7, 5: ["N1"] * 7, 6: [None] * 7}
