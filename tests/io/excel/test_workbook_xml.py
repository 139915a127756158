"""Cells read straight from a workbook's XML: every kind of cell, and the same values by either reader."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from planner.io.excel.workbook_xml import Uncached, Unreadable, open_parts
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
}
EXPECTED = {
    "number": 1234.5, "typed number": -2000.0, "shared": " a & b ", "rich shared": "投放方案", "phonetic": "東京",
    "empty shared": "", "inline": "x<y\rz", "inline runs": "a b", "bool": True, "error": "#DIV/0!",
    "formula text": "ok", "formula empty text": "", "formula number": 2000.0, "formula unsaved": Uncached("1000*2"),
    "formula unsaved v": Uncached("1000*2"), "shared formula unsaved": Uncached(""), "nan": Unreadable("NaN"),
    "infinite": Unreadable("1e999"), "empty value": Unreadable(""), "blank": None,
    "bad shared index": Unreadable("99"),
}


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


def read(path: Path) -> dict[str, object]:
    book = open_parts(path, path.name)
    try:
        kinds, values = book.cells("Data", 2, None, (1, 2)).values()
    finally:
        book.close()
    return dict(zip(kinds, values, strict=True))


def prefixed(xml: str, root: str) -> str:
    """The same part with every element in a prefixed namespace, which only the XML parser reads."""
    xml = xml.replace(f'<{root} xmlns="', f'<{root} xmlns:x="', 1)
    return re.sub(r"<(/?)([A-Za-z]\w*)([\s/>])", r"<\1x:\2\3", xml)


def test_each_kind_of_cell_reads_as_its_stored_value(tmp_path):
    assert read(workbook(tmp_path, kinds_sheet())) == EXPECTED


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
