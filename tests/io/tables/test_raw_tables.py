"""Corrupt, truncated, binary and hostile files are refused fast, with one clear Problem, never a traceback."""

from __future__ import annotations

import random
import re
import time
import tracemalloc
import zipfile
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from isal import isal_zlib
from special_files import SPECIAL_KINDS, make_special, problems_in_child

from planner.io.tables import archive, import_table, read_notes, text_encoding, xlsx_formulas
from planner.io.tables import raw as safety
from planner.model.errors import InputError

ZH = ["笔记ID", "行业", "千次曝光成本", "点击率", "互动率", "进店率", "转化率", "客单价"]
SHEET = "xl/worksheets/sheet1.xml"


def refusal(path: Path) -> str:
    """The one message a refused file gets (a Problem without row or column)."""
    with pytest.raises(InputError) as error:
        read_notes(path)
    [problem] = error.value.problems
    assert problem.row is None and problem.column is None and problem.value is None
    return str(problem)


@pytest.fixture
def workbook(write_xlsx) -> Path:
    return write_xlsx("good.xlsx", [ZH, ["N1", "美妆", 100, 0.05, 0.04, 0.2, 0.1, 99]])


def rebuild(source: Path, target: Path, parts: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A copy of the workbook `source` with some parts replaced or added."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", method) as new:
        for name in old.namelist():
            new.writestr(name, parts.get(name, old.read(name)))
        for name, data in parts.items():
            if name not in old.namelist():
                new.writestr(name, data)
    return target


def sheet_xml(workbook: Path) -> str:
    with zipfile.ZipFile(workbook) as archive:
        return archive.read(SHEET).decode("utf-8")


def test_readable_workbook_passes_the_checks(workbook):
    assert read_notes(workbook)["note_id"].tolist() == ["N1"]


# -- Files that are not tables --------------------------------------------------------------------

def test_an_empty_file_is_refused(write_text):
    assert refusal(write_text("notes.csv", "")) == "notes.csv: an empty file (0 bytes), not a table"


def test_a_missing_file_is_refused(tmp_path):
    assert refusal(tmp_path / "nope.csv") == "nope.csv: no such file"


def test_a_folder_is_refused(tmp_path):
    (tmp_path / "notes.csv").mkdir()
    assert refusal(tmp_path / "notes.csv") == "notes.csv: a folder, not a table file"


TABLE_READERS = ["planner.io.tables:read_notes", "planner.io.tables:read_history",
                 "planner.io.tables.lifts:read_lifts", "planner.io.tables.raw:read_raw_table"]


@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_a_special_file_is_refused_at_once_by_every_table_reader(tmp_path, kind):
    # A pipe would block, a zero device never end (its size reads 0), a socket cannot be opened.
    path = make_special(tmp_path, kind, "notes.csv")
    assert problems_in_child(TABLE_READERS, path) == [[f"notes.csv: {SPECIAL_KINDS[kind]}, not a table file"]] * 4


def test_a_named_pipe_put_in_place_after_the_look_is_refused_without_blocking(tmp_path, write_text):
    pipe = make_special(tmp_path, "named pipe", "notes.csv")
    regular = write_text("other.csv", "note_id\n")
    assert problems_in_child(TABLE_READERS[:1], pipe, pretend_regular=regular) == [
        ["notes.csv: a named pipe (FIFO), not a table file"]]


def test_a_file_of_blank_lines_has_no_header(write_text):
    assert refusal(write_text("notes.csv", "\n \n,,\n")) == (
        "notes.csv: no header row (the file holds only blank lines)")


def test_nul_bytes_mean_a_binary_file(write_text, tmp_path):
    assert refusal(write_text("notes.csv", "note_id,industry\nN1\x00,beauty\n")) == (
        "notes.csv: binary file, not a text table (it holds NUL bytes)")
    path = tmp_path / "random.csv"
    path.write_bytes(random.Random(7).randbytes(65536))
    assert refusal(path) == "random.csv: binary file, not a text table (it holds NUL bytes)"


def test_text_in_neither_utf8_nor_gb18030_is_refused_without_guessing(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes(b"note_id,industry\nN1," + bytes(range(0x80, 0x100)) + b"\n")
    assert refusal(path) == "notes.csv: text in an unknown encoding (tried UTF-8, GB18030): save it as CSV UTF-8"


MIXED_HEADER = "note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov,title\n"
MIXED_ROW = "N1,beauty,100,0.05,0.04,0.2,0.1,99,{}\n"


@pytest.mark.parametrize("piece", [2**24, 1])  # looked at in pieces of whole lines: the numbers run on
@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r"])
def test_gb18030_lines_in_a_utf8_file_are_refused_naming_the_first(tmp_path, monkeypatch, piece, end):
    monkeypatch.setattr(text_encoding, "_TEXT_PIECE_BYTES", piece)
    utf8 = MIXED_ROW.format("标题").encode()
    path = tmp_path / "notes.csv"
    data = MIXED_HEADER.encode() + utf8 + MIXED_ROW.format("早餐").encode("gb18030") + utf8
    path.write_bytes(data.replace(b"\n", end))
    path.read_bytes().decode("gb18030")  # the whole file is valid GB18030: it imported, 标题 as "鏍囬" and more
    assert refusal(path) == (
        "notes.csv: text in two encodings: line 3 is not UTF-8, though line 2 holds Chinese text in UTF-8 "
        "(lines pasted from a file in another encoding?): save the whole file as CSV UTF-8")


@pytest.mark.parametrize("piece", [2**24, 1])
def test_a_utf8_line_in_a_gb18030_file_is_refused_naming_it(tmp_path, monkeypatch, piece):
    monkeypatch.setattr(text_encoding, "_TEXT_PIECE_BYTES", piece)
    path = tmp_path / "notes.csv"
    path.write_bytes((MIXED_HEADER + MIXED_ROW.format("春季新品") * 4).encode("gb18030")
                     + MIXED_ROW.format("标题").encode())
    path.read_bytes().decode("gb18030")
    assert refusal(path) == (
        "notes.csv: text in two encodings: line 6 holds Chinese text in UTF-8, though line 2 is not UTF-8 "
        "(lines pasted from a UTF-8 file?): save the whole file as CSV UTF-8")


def test_gb18030_text_decoding_to_private_use_characters_is_refused(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_bytes((MIXED_HEADER + MIXED_ROW.format("早餐")).encode("gb18030").replace("餐".encode("gb18030"),
                                                                                     b"\xaa\xa1"))
    assert b"\xaa\xa1".decode("gb18030") == "\ue000"  # GBK's user-defined area: no character of a font
    assert refusal(path) == (
        "notes.csv: text in an unknown encoding: read as GB18030, line 2 holds U+E000, a private-use character "
        "(is it text in two encodings?): save the file as CSV UTF-8")


def test_utf16_text_is_refused_with_its_name(write_text):
    path = write_text("notes.txt", "\ufeffnote_id\tindustry\n", encoding="utf-16-le")
    assert refusal(path) == (
        "notes.txt: UTF-16 text (Excel's \"Unicode text\"): unsupported encoding; save it as CSV UTF-8")


def test_a_csv_over_the_size_limit_is_refused_before_reading(write_text, monkeypatch):
    monkeypatch.setattr(safety, "MAX_TEXT_BYTES", 2**20)
    path = write_text("notes.csv", "note_id\n" + "N1\n" * (2**19))
    assert refusal(path) == "notes.csv: too big for a table (1.5 MB; the limit is 1 MB)"


def test_a_header_longer_than_64_kb_is_refused(write_text):
    path = write_text("notes.csv", "x" * 70000 + "\nN1\n")
    assert refusal(path) == "notes.csv: a header row longer than 64 KB: not a table"


def test_a_header_of_too_many_columns_is_refused(write_text):
    path = write_text("notes.csv", ",".join(f"c{i}" for i in range(1001)) + "\n")
    assert refusal(path) == "notes.csv: a header of 1,001 columns (the limit is 1,000): not a notes table"


def test_rows_beyond_the_cell_limit_are_not_read(write_text, monkeypatch):
    monkeypatch.setattr(safety, "MAX_SHEET_CELLS", 80)
    header = "note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov\n"
    assert read_notes(write_text("ok.csv", header + "\n" * 9)).empty
    assert refusal(write_text("notes.csv", header + "\n" * 10)) == (
        "notes.csv: up to 11 rows of 8 columns: more than 80 cells, too many for a table")


def test_excel_line_ends_count_once_against_the_cell_limit(write_text, monkeypatch):
    monkeypatch.setattr(safety, "MAX_SHEET_CELLS", 80)
    header = "note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov\r\n"
    assert read_notes(write_text("ok.csv", header + "\r\n" * 9)).empty  # loads as it does with \n
    assert refusal(write_text("notes.csv", header + "\r\n" * 10)) == (
        "notes.csv: up to 11 rows of 8 columns: more than 80 cells, too many for a table")


def test_a_line_end_split_between_two_read_chunks_counts_once(tmp_path, monkeypatch):
    # The file is looked at a MB at a time: here the \r of a row's \r\n is the last byte of the first MB.
    # The long value is in an extra column: the model's text fields hold at most an Excel cell's 32,767.
    monkeypatch.setattr(safety, "MAX_SHEET_CELLS", 18)
    header = b"note_id,industry,cpm,ctr,interaction_rate,entry_rate,cvr,aov,memo\r\n"
    row = b"N1,beauty,100,0.05,0.04,0.2,0.1,99,"
    title = b"x" * (2**20 - 1 - len(header) - len(row))
    path = tmp_path / "notes.csv"
    path.write_bytes(header + row + title + b"\r\n")
    assert path.read_bytes()[2**20 - 1: 2**20 + 1] == b"\r\n"
    assert read_notes(path)["memo"].str.len().tolist() == [len(title)]


def test_a_big_file_of_separators_is_refused_before_pandas_reads_it(write_text, monkeypatch):
    monkeypatch.setattr(safety, "BIG_TEXT_BYTES", 1000)
    monkeypatch.setattr(safety, "MAX_SHEET_CELLS", 1000)
    path = write_text("notes.csv", "note_id,industry\n" + "," * 2000 + "\n")
    assert refusal(path) == "notes.csv: more than 1,000 values: too many for a table"


@pytest.mark.parametrize(("name", "message"), [
    ("notes.xls", "notes.xls: unsupported format .xls: save it as .xlsx or as CSV UTF-8"),
    ("notes.json", "notes.json: unsupported format .json: use CSV (.csv, .tsv, .txt) or .xlsx"),
    ("notes", "notes: unsupported format (no extension): use CSV (.csv, .tsv, .txt) or .xlsx"),
])
def test_unsupported_formats_are_named(write_text, name, message):
    assert refusal(write_text(name, "note_id\nN1\n")) == message


def test_an_old_binary_excel_file_is_refused_whatever_its_name(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + bytes(4096))
    assert refusal(path) == (
        "notes.xlsx: an old Excel workbook (.xls) or a password-protected one: unsupported format; "
        "save it as .xlsx without a password, or as CSV UTF-8")


def test_an_xlsx_that_is_text_is_refused(write_text):
    assert refusal(write_text("notes.xlsx", "note_id,industry\nN1,beauty\n")) == (
        "notes.xlsx: not an XLSX workbook (it is not a zip archive; a text file renamed .xlsx?)")


def test_a_workbook_named_csv_is_read_as_a_workbook(workbook, tmp_path):
    renamed = tmp_path / "notes.csv"
    renamed.write_bytes(workbook.read_bytes())
    assert read_notes(renamed)["note_id"].tolist() == ["N1"]


# -- Damaged and hostile workbooks ----------------------------------------------------------------

def test_a_truncated_workbook_is_refused(workbook, tmp_path):
    data = workbook.read_bytes()
    for keep in (len(data) // 2, len(data) - 30):
        path = tmp_path / "cut.xlsx"
        path.write_bytes(data[:keep])
        assert refusal(path).startswith("cut.xlsx: a damaged or truncated XLSX workbook (")


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    path = tmp_path / "notes.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.csv", "note_id\nN1\n")
    assert refusal(path) == "notes.xlsx: not an XLSX workbook (a zip archive without xl/workbook.xml)"


def test_a_zip_bomb_is_refused_in_seconds_with_little_memory(workbook, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(workbook) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            if name != SHEET:
                new.writestr(name, old.read(name))
        with new.open(SHEET, "w") as member:  # 64 MB of one repeated row, streamed in
            for _ in range(64):
                member.write(b'<row r="2"><c r="A2"><v>0</v></c></row>' * (2**20 // 40))
    info = zipfile.ZipFile(path).getinfo(SHEET)
    assert info.file_size / info.compress_size > 100
    tracemalloc.start()
    started = time.perf_counter()
    message = refusal(path)
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert message == (f"bomb.xlsx: an XLSX workbook whose part {SHEET} is compressed "
                       f"{info.file_size / info.compress_size:.0f}:1 (the limit is 100:1): "
                       "refused as a possible zip bomb")
    assert elapsed < 2 and peak < 8 * 2**20


def test_a_workbook_unpacking_beyond_the_limit_is_refused(workbook, monkeypatch):
    monkeypatch.setattr(archive, "MAX_UNCOMPRESSED_BYTES", 2**10)
    total = sum(info.file_size for info in zipfile.ZipFile(workbook).infolist())
    assert refusal(workbook) == (f"good.xlsx: an XLSX workbook that unpacks to {total / 2**20:.0f} MB "
                                 "(the limit is 0 MB): refused as a possible zip bomb")


def test_a_workbook_with_too_many_parts_is_refused(workbook, monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    count = len(zipfile.ZipFile(workbook).infolist())
    assert refusal(workbook) == f"good.xlsx: an XLSX workbook with {count} parts (the limit is 3): refused"


def test_a_part_longer_than_its_zip_directory_says_is_refused(workbook, tmp_path):
    # A lying directory: the declared size of the sheet halved, its CRC made to match that much.
    data = bytearray(rebuild(workbook, tmp_path / "plain.xlsx", {}, zipfile.ZIP_STORED).read_bytes())
    content = sheet_xml(workbook).encode("utf-8")
    entry = data.find(b"PK\x01\x02")
    while data[entry + 46: entry + 46 + len(SHEET)] != SHEET.encode():
        entry = data.find(b"PK\x01\x02", entry + 1)
    declared = len(content) // 2
    data[entry + 16: entry + 20] = zlib.crc32(content[: declared + 1]).to_bytes(4, "little")
    data[entry + 24: entry + 28] = declared.to_bytes(4, "little")
    path = tmp_path / "lying.xlsx"
    path.write_bytes(bytes(data))
    assert refusal(path) == (f"lying.xlsx: a damaged or hostile XLSX workbook: part {SHEET} holds more than "
                             "its zip directory declares")


def test_a_part_with_a_bad_crc_is_refused(workbook, tmp_path):
    data = bytearray(rebuild(workbook, tmp_path / "plain.xlsx", {}, zipfile.ZIP_STORED).read_bytes())
    at = data.find(b"<sheetData>")
    data[at + 1] = ord("S")  # one byte changed in the stored sheet: its CRC no longer matches
    path = tmp_path / "flipped.xlsx"
    path.write_bytes(bytes(data))
    assert refusal(path) == f"flipped.xlsx: a damaged or truncated XLSX workbook (Bad CRC-32 for file '{SHEET}')"


def test_a_part_whose_compressed_bytes_are_damaged_is_refused(workbook, tmp_path):
    data = bytearray(rebuild(workbook, tmp_path / "deflated.xlsx", {}).read_bytes())
    with zipfile.ZipFile(tmp_path / "deflated.xlsx") as archive:
        member = archive.getinfo(SHEET)
    start = member.header_offset + 30 + len(SHEET) + len(member.extra)  # the sheet's deflate stream
    data[start] = 0b111  # its first block of type 3, which deflate reserves: no inflater reads on
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    assert refusal(path).startswith("damaged.xlsx: a damaged or truncated XLSX workbook (")


def test_a_deflated_part_is_inflated_by_isal_and_read_as_zlib_reads_it(workbook, monkeypatch):
    inflaters, inflater = [], isal_zlib.decompressobj

    def counted(wbits: int) -> object:
        inflaters.append(wbits)
        return inflater(wbits)

    monkeypatch.setattr(archive.isal_zlib, "decompressobj", counted)
    assert read_notes(workbook)["note_id"].tolist() == ["N1"]
    assert inflaters and set(inflaters) == {-zlib.MAX_WBITS}


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">]>')


@pytest.mark.parametrize("chunk", [archive._CHUNK, 7, 5])  # small pieces: a marker split between two
@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_an_xml_entity_bomb_is_refused(workbook, tmp_path, encoding, chunk, monkeypatch):
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    xml = sheet_xml(workbook)
    hostile = BILLION_LAUGHS + xml[xml.index("<worksheet"):].replace("N1", "&lol2;")
    path = rebuild(workbook, tmp_path / "lol.xlsx", {SHEET: hostile.encode(encoding)})
    assert refusal(path) == (f"lol.xlsx: an XLSX workbook whose part {SHEET} declares a DTD or XML entities: "
                             "refused (a possible XML entity bomb)")


@pytest.mark.parametrize(("extra", "cells"), [
    ('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', 1048576 * 16384),
    ("<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>", 1048576 * 16384),
    ('<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>', 1048576 * 16384),
    ('<row r="1048576">' + "<c><v>1</v></c>" * 30 + "</row>", 1048576 * 30),
    ("<row>" + "<c><v>1</v></c>" * 20000 + '</row><row r="1048576"><c><v>1</v></c></row>', 1048576 * 20000),
    # A line end rather than a space before the reference, in a row of small number: calamine aborted the
    # process allocating 512 GB for this one cell.
    ('<row r="3"><c\nr="XFD1048576"><v>1</v></c></row>', 1048576 * 16384),
    ('<row r="3"><c\tr="XFD1048576"><v>1</v></c></row>', 1048576 * 16384),
    # Rows without a number, and a cell naming only its column: each row is the next one.
    ('<row r=""/>' * 3000 + '<row r=""><c r="XFD"><v>1</v></c></row>', 3003 * 16384),
])
def test_a_sheet_spanning_too_many_cells_is_refused_before_it_is_loaded(workbook, tmp_path, extra, cells):
    # One far cell is enough: the reader would allocate every cell from A1 to it (500 GB for XFD1048576).
    xml = sheet_xml(workbook).replace("</sheetData>", extra + "</sheetData>")
    path = rebuild(workbook, tmp_path / "far.xlsx", {SHEET: xml.encode("utf-8")})
    assert refusal(path) == (f"far.xlsx: an XLSX workbook whose part {SHEET} spans {cells:,} cells "
                             "(the limit is 20,000,000): refused")


def test_a_big_but_plain_sheet_is_read(workbook, tmp_path):
    xml = sheet_xml(workbook).replace("</sheetData>", '<row r="150000"><c r="B150000"><v>1</v></c></row>'
                                      "</sheetData>")
    path = rebuild(workbook, tmp_path / "tall.xlsx", {SHEET: xml.encode("utf-8")})
    with pytest.raises(InputError) as error:
        read_notes(path)
    assert str(error.value.problems[0]) == 'tall.xlsx, row 150000, column 笔记ID: value "": expected a note id (it is required)'


def test_a_workbook_with_damaged_xml_is_refused(workbook, tmp_path):
    path = rebuild(workbook, tmp_path / "bad.xlsx", {"xl/workbook.xml": b"<workbook><sheets><sheet"})
    assert refusal(path).startswith("bad.xlsx: a damaged XLSX workbook (")


# -- Formulas saved without their results ---------------------------------------------------------

EN = ["note_id", "industry", "cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov"]
NO_RESULT = ("expected the formula's result, which the file does not hold (it was saved by a program that does "
             "not calculate): open and save the file in a spreadsheet program, or type the value")


def problems(path: Path, **options) -> list[str]:
    with pytest.raises(InputError) as error:
        read_notes(path, **options)
    return [str(problem) for problem in error.value.problems]


@pytest.fixture
def scripted(write_xlsx) -> Path:
    """A workbook as openpyxl writes one: formulas without results (`<f>1+1</f><v />`)."""
    return write_xlsx("scripted.xlsx", [EN + ["title", "budget"],
                                        ["N1", "beauty", 100, 0.05, 0.04, 0.2, 0.1, 99, "=1+1", "=1000*2"],
                                        ["N2", "beauty", "=50*2", 0.05, 0.04, 0.2, 0.1, 99, "ok", 5]])


@pytest.mark.parametrize("chunk", [archive._CHUNK, 7])  # the archive is read a MB at a time: cells split too
def test_formulas_saved_without_results_are_refused_cell_by_cell(scripted, monkeypatch, chunk):
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    assert problems(scripted) == [
        f'scripted.xlsx, row 2, column title: value "=1+1": {NO_RESULT}',
        f'scripted.xlsx, row 2, column budget: value "=1000*2": {NO_RESULT}',
        f'scripted.xlsx, row 3, column cpm: value "=50*2": {NO_RESULT}']  # and not again as a missing cpm


def test_formulas_with_stored_results_read_as_their_results(scripted, tmp_path):
    xml = sheet_xml(scripted)
    for formula, result in (("1+1", "2"), ("1000*2", "2000"), ("50*2", "100")):
        xml = xml.replace(f"<f>{formula}</f><v />", f"<f>{formula}</f><v>{result}</v>")
    notes = read_notes(rebuild(scripted, tmp_path / "saved.xlsx", {SHEET: xml.encode()}))
    assert notes["title"].tolist() == ["2", "ok"] and notes["budget"].tolist() == [2000, 5]
    assert notes["cpm"].tolist() == [100, 100]


def test_a_text_formula_whose_stored_result_is_empty_reads_as_empty(scripted, tmp_path):
    xml = sheet_xml(scripted).replace('<c r="I2"><f>1+1</f><v /></c>', '<c r="I2" t="str"><f>""</f><v></v></c>')
    xml = xml.replace("<f>1000*2</f><v />", "<f>1000*2</f><v>2000</v>").replace("<f>50*2</f><v />", "<f>50*2</f><v>100</v>")
    assert read_notes(rebuild(scripted, tmp_path / "empty.xlsx", {SHEET: xml.encode()}))["title"].tolist() == ["", "ok"]


def test_a_shared_formula_and_prefixed_tags_are_found(scripted, tmp_path):
    xml = sheet_xml(scripted).replace("<f>1000*2</f><v />", '<f t="shared" si="0"/>')
    xml = re.sub(r"<(/?)(sheetData|row|c|f|v|is|t)\b", r"<\1x:\2", xml).replace(
        "<worksheet ", '<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ')
    assert problems(rebuild(scripted, tmp_path / "prefixed.xlsx", {SHEET: xml.encode()})) == [
        f'prefixed.xlsx, row 2, column title: value "=1+1": {NO_RESULT}',
        f'prefixed.xlsx, row 2, column budget: value "(a formula shared with another cell)": {NO_RESULT}',
        f'prefixed.xlsx, row 3, column cpm: value "=50*2": {NO_RESULT}']


def test_formulas_saved_with_no_value_element_at_all_are_refused(scripted, tmp_path):
    xml = sheet_xml(scripted).replace("<f>1000*2</f><v />", '<f t="shared" si="0"/>').replace("<v />", "")
    assert problems(rebuild(scripted, tmp_path / "bare.xlsx", {SHEET: xml.encode()})) == [
        f'bare.xlsx, row 2, column title: value "=1+1": {NO_RESULT}',
        f'bare.xlsx, row 2, column budget: value "(a formula shared with another cell)": {NO_RESULT}',
        f'bare.xlsx, row 3, column cpm: value "=50*2": {NO_RESULT}']


def test_a_formula_cell_that_leaves_its_place_implicit_is_named_by_its_formula(scripted, tmp_path):
    xml = sheet_xml(scripted).replace('<c r="I2"><f>1+1</f>', "<c><f>1+1</f>")  # `r` may be left out
    assert problems(rebuild(scripted, tmp_path / "implicit.xlsx", {SHEET: xml.encode()})) == [
        f'implicit.xlsx: value "=1+1": {NO_RESULT}',
        f'implicit.xlsx, row 2, column budget: value "=1000*2": {NO_RESULT}',
        f'implicit.xlsx, row 3, column cpm: value "=50*2": {NO_RESULT}']


def test_formulas_in_left_out_columns_and_rows_and_other_sheets_are_not_refused(write_xlsx):
    path = write_xlsx("notes.xlsx", [EN + ["memo"], ["N1", "beauty", 100, 0.05, 0.04, 0.2, 0.1, 99, "=A2&B2"],
                                     ["N2", "beauty", "=50*2", 0.05, 0.04, 0.2, 0.1, 99, ""]],
                      more_sheets=[[["total"], ["=SUM(Sheet!C2:C3)"]]])
    result = import_table(path, "notes", {"memo": None}, skip_rows=[3])
    assert result.problems == [] and result.frame["note_id"].tolist() == ["N1"]


def test_a_formula_header_without_its_result_is_named_by_its_column_letter(write_xlsx):
    path = write_xlsx("notes.xlsx", [EN + ["=LOWER(\"TITLE\")"], ["N1", "beauty", 100, 0.05, 0.04, 0.2, 0.1, 99, "x"]])
    assert problems(path) == [
        "notes.xlsx, row 1: a header for column I, which holds values",
        f'notes.xlsx, row 1, column I: value "=LOWER("TITLE")": {NO_RESULT}']


def test_past_the_named_ones_formulas_without_results_are_counted(write_xlsx, monkeypatch):
    monkeypatch.setattr(xlsx_formulas, "MAX_FORMULA_CELLS", 2)
    path = write_xlsx("many.xlsx", [EN + ["title"]] + [[f"N{i}", "beauty", 100, 0.05, 0.04, 0.2, 0.1, 99, "=1+1"]
                                                      for i in range(5)])
    assert problems(path) == [
        "many.xlsx: 3 more cells hold formulas saved without their results (the first 2 are named): open and save "
        "the file in a spreadsheet program",
        f'many.xlsx, row 2, column title: value "=1+1": {NO_RESULT}',
        f'many.xlsx, row 3, column title: value "=1+1": {NO_RESULT}']


# -- Fuzzing: whatever the bytes, a table or an InputError ----------------------------------------

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def read_or_refuse(path: Path) -> None:
    try:
        read_notes(path)
    except InputError as error:
        assert error.problems and all(str(problem) for problem in error.problems)


@FUZZ
@given(data=st.binary(min_size=1, max_size=4096), suffix=st.sampled_from([".csv", ".tsv", ".xlsx", ".txt"]))
def test_random_bytes_are_read_or_refused(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    read_or_refuse(path)


@FUZZ
@given(flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12))
def test_damaged_workbook_bytes_are_read_or_refused(workbook, tmp_path, flips):
    data = bytearray(workbook.read_bytes())
    for where, byte in flips:
        data[int(where * len(data))] = byte
    path = tmp_path / "damaged.xlsx"
    path.write_bytes(bytes(data))
    read_or_refuse(path)


@FUZZ
@given(part=st.sampled_from([SHEET, "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"]),
       cut=st.floats(0, 1), junk=st.binary(max_size=40))
def test_damaged_workbook_xml_is_read_or_refused(workbook, tmp_path, part, cut, junk):
    with zipfile.ZipFile(workbook) as archive:
        xml = archive.read(part)
    at = int(cut * len(xml))
    read_or_refuse(rebuild(workbook, tmp_path / "xml.xlsx", {part: xml[:at] + junk + xml[at + len(junk):]}))
