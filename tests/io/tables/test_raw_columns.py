"""Reading some columns of a table, under a header that is not on the first row (platform exports)."""

from __future__ import annotations

import pytest

from planner.io.tables import raw
from planner.io.tables.raw import read_raw_table
from planner.model.errors import InputError

TITLE = "蒲公英订单导出\n导出时间：2025-06-20 10:00\n"
TABLE = "笔记ID,标题,博主报价,服务费金额\nN1,\"跑鞋, 测评\",1000,100\nN2,\"多行\n标题\",2000,200\n"


@pytest.fixture(params=[False, True], ids=["small", "big"])
def big(request, monkeypatch) -> bool:
    """Each test twice: read whole (pandas checks the rows), and as a big file read by the chosen columns."""
    if request.param:
        monkeypatch.setattr(raw, "BIG_TEXT_BYTES", 0)
    return bool(request.param)


def test_chosen_columns_keep_their_positions_in_the_file(write_text, big):
    table = read_raw_table(write_text("orders.csv", TABLE), chosen=lambda header: [0, 3])
    assert table.cells.columns.tolist() == [0, 3]
    assert table.header == ["笔记ID", "标题", "博主报价", "服务费金额"]
    assert table.cells[0].tolist() == ["N1", "N2"] and table.cells[3].tolist() == ["100", "200"]
    assert table.rows.tolist() == [2, 3]  # a quoted line break is within its row, as a spreadsheet shows it


def test_a_column_without_a_header_is_read_too(write_text, big):
    table = read_raw_table(write_text("orders.csv", "笔记ID,,金额\nN1,x,5\n"), chosen=lambda header: [0])
    assert table.cells.columns.tolist() == [0, 1]


@pytest.mark.parametrize("line", ["N3,跑鞋,1000,100,9\n", "N3,\"跑鞋\",1000,,100\n"])
def test_a_row_with_more_values_than_the_header_is_named_whichever_columns_are_read(write_text, big, line):
    with pytest.raises(InputError) as error:
        read_raw_table(write_text("orders.csv", TABLE + line), chosen=lambda header: [0])
    assert [str(p) for p in error.value.problems] == [
        "orders.csv, row 4: at most 4 values, as the header has, not 5 (a stray separator, or a value "
        "with a comma that needs quotes)"]


def test_a_header_below_title_rows_is_read_from_its_row(write_text, big):
    table = read_raw_table(write_text("orders.csv", TITLE + TABLE), header_row=3, chosen=lambda header: [0, 2])
    assert table.header_row == 3 and table.header[0] == "笔记ID"
    assert table.cells[2].tolist() == ["1000", "2000"] and table.rows.tolist() == [4, 5]


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_title_rows_may_end_as_excel_ends_them(write_text, end):
    table = read_raw_table(write_text("orders.csv", TITLE.replace("\n", end) + TABLE), header_row=3)
    assert table.header[0] == "笔记ID" and table.rows.tolist()[0] == 4


def test_a_header_row_in_gb18030_text(write_text, big):
    table = read_raw_table(write_text("orders.csv", TITLE + TABLE, encoding="gb18030"), header_row=3)
    assert table.header == ["笔记ID", "标题", "博主报价", "服务费金额"]
    assert table.cells[1].tolist() == ["跑鞋, 测评", "多行\n标题"]


def test_a_header_row_past_the_end_is_refused(write_text, write_xlsx):
    for path in (write_text("orders.csv", "标题\n"), write_xlsx("orders.xlsx", [["标题"]])):
        with pytest.raises(InputError) as error:
            read_raw_table(path, header_row=3)
        assert str(error.value) == f"{path.name}: no header on row 3: the file ends before it"


def test_an_xlsx_header_below_title_rows(write_xlsx):
    rows = [["蒲公英订单导出"], ["导出时间：2025-06-20"], ["笔记ID", "标题", "博主报价"], ["N1", "跑鞋", 1000]]
    table = read_raw_table(write_xlsx("orders.xlsx", rows), header_row=3, chosen=lambda header: [0, 2])
    assert table.header == ["笔记ID", "标题", "博主报价"] and table.rows.tolist() == [4]
    assert table.cells.columns.tolist() == [0, 2] and table.cells[2].tolist() == ["1000"]


UNQUOTED = "笔记ID,标题,博主报价,服务费金额\nN1,跑鞋测评,1000,100\nN2,徒步,2000,200\n"


@pytest.fixture(params=[1 << 20, 7, 1], ids=["whole", "pieces of 7 bytes", "bytes"])
def pieces(request, monkeypatch) -> None:
    """The file looked at in pieces of this many bytes: records run on from one piece into the next."""
    size = request.param

    def chunks(handle):
        while piece := handle.read(size):
            yield piece

    monkeypatch.setattr(raw, "_file_chunks", chunks)
    monkeypatch.setattr(raw, "BIG_TEXT_BYTES", 0)


@pytest.mark.parametrize(("text", "row"), [(UNQUOTED + "N3,跑鞋,1000,100,9\n" + "N4,a,1,2\n", 4),
                                           (UNQUOTED + "N3,跑鞋,1000,100,9", 4),
                                           ("笔记ID,标题,博主报价,服务费金额\nN0,a,1,2,3,4\n" + UNQUOTED.split("\n", 1)[1], 2)])
def test_a_long_row_of_a_file_without_quotes_is_named_wherever_the_pieces_end(write_text, pieces, text, row):
    with pytest.raises(InputError) as error:
        read_raw_table(write_text("orders.csv", text), chosen=lambda header: [0])
    assert [p.row for p in error.value.problems] == [row]


def test_a_file_without_quotes_and_without_long_rows_reads(write_text, pieces):
    table = read_raw_table(write_text("orders.csv", UNQUOTED + "N3,跑鞋,1000,100"), chosen=lambda header: [0, 2])
    assert table.cells[0].tolist() == ["N1", "N2", "N3"]
