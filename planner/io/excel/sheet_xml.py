"""Per-note rows of the Excel plan as cell XML, a column at a time, streamed by `FastSheet`; and the text
escapes (`_xHHHH_`) that Excel, LibreOffice and openpyxl read back exactly.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

from planner.io.excel.deflate import DeflatedRows


class FastSheet(Worksheet):
    """A worksheet that also takes whole rows as cell XML, in constant_memory mode only, and may deflate its rows
    as they are written (deflate_rows; planner.io.excel.fast_workbook puts them into the archive).

    XlsxWriter spends several microseconds of Python on every cell; a column of cells rendered as strings
    costs well under one. The rows go where XlsxWriter streams its own rows, in order.
    """

    rows: DeflatedRows | None = None
    rows_id = 0

    def write_xml_rows(self, first: int, last: int, last_col: int, xml: str) -> None:
        """Rows `first`..`last` (0-based), already rendered as <row> elements."""
        if not self.constant_memory:
            raise RuntimeError("write_xml_rows needs the constant_memory mode")
        if self._check_dimensions(first, 0) or self._check_dimensions(last, last_col):
            raise ValueError(f"rows {first}..{last} are written already or out of the sheet")
        self._write_single_row(first)  # flushes the row XlsxWriter holds, if any
        self.fh.write(xml)  # type: ignore[has-type]
        self.previous_row = last

    def deflate_rows(self, rows: DeflatedRows, rows_id: int) -> None:
        """Write the rows to `rows` (deflated as they come) rather than to a text file: before any is written."""
        self.row_data_fh.close()  # type: ignore[has-type]  # XlsxWriter's attributes, untyped
        os.unlink(self.row_data_filename)
        self.rows, self.rows_id = rows, rows_id
        self.row_data_fh = self.fh = rows

    def _opt_close(self) -> None:
        if self.rows is None:
            super()._opt_close()
        else:
            self.rows.close()

    def _opt_reopen(self) -> None:
        if self.rows is None:
            super()._opt_reopen()

    def _write_optimized_sheet_data(self) -> None:
        """Where the rows go in the sheet's XML: a marker the archive replaces by the rows, deflated."""
        if self.rows is None or self.dim_rowmin is None:
            super()._write_optimized_sheet_data()
            return
        self.rows.finish()
        self._xml_start_tag("sheetData")
        self.fh.write(f"<!--redcat-rows:{self.rows_id}-->")
        self._xml_end_tag("sheetData")


# -- Cell XML, a column at a time ---------------------------------------------------------------------

_NEEDS_ESCAPE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE_LOOKALIKE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def xml_text(value: str) -> str:
    """Text as cell XML content that Excel, LibreOffice and openpyxl read back exactly.

    A literal `_x0041_` is Excel's escape syntax, so its underscore is escaped (`_x005F_`); control
    characters XML cannot hold become `_xHHHH_`; a carriage return is a character reference, which XML
    parsers keep (they would turn a raw one into a line feed).
    """
    if _NEEDS_ESCAPE.search(value) is None:
        return value
    value = _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value)
    value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    return _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value)


def excel_text(value: str) -> str:
    """Text for XlsxWriter to escape further (cached values): Excel's `_xHHHH_` for what XML cannot hold."""
    value = _ESCAPE_LOOKALIKE.sub(r"_x005F_\1", value)
    return _CONTROL.sub(lambda match: f"_x{ord(match.group()):04X}_", value.replace("\r", "_x000D_"))


def plain(value: str) -> str:
    """Text for document properties and page headers, which take no control characters at all."""
    return " ".join(_CONTROL.sub(" ", value).split())


def unescape(value: str) -> str:
    """Excel's `_xHHHH_` escapes (control characters, and `_x005F_` for an underscore) undone."""
    return _ESCAPED.sub(lambda match: chr(int(match.group(1), 16)), value) if "_x" in value else value


def text_cells(letter: str, rows: Sequence[str], values: Sequence[str], style: int) -> list[str]:
    """Inline string cells: never a formula, a number or a link, whatever the text."""
    out = []
    for row, value in zip(rows, values, strict=True):
        if value == "":
            out.append(f'<c r="{letter}{row}" s="{style}"/>')
            continue
        space = ' xml:space="preserve"' if value != value.strip() else ""
        out.append(f'<c r="{letter}{row}" s="{style}" t="inlineStr"><is><t{space}>{xml_text(value)}</t></is></c>')
    return out


def number_cells(letter: str, rows: Sequence[str], values: Sequence[float], style: int) -> list[str]:
    """Number cells at full precision (repr round-trips); NaN is an empty cell that keeps its style."""
    start, number, empty = f'<c r="{letter}', f'" s="{style}"><v>', f'" s="{style}"/>'
    return [f"{start}{row}{number}{value!r}</v></c>" if value == value else f"{start}{row}{empty}"
            for row, value in zip(rows, values, strict=True)]


def bool_cells(letter: str, rows: Sequence[str], values: Sequence[bool], style: int) -> list[str]:
    return [f'<c r="{letter}{row}" s="{style}" t="b"><v>{int(value)}</v></c>'
            for row, value in zip(rows, values, strict=True)]


@dataclass(frozen=True)
class Shared:
    """A column of one formula, rows `first`..`last`, stored once as an Excel shared formula (index `index`).

    Cells after the first carry only a reference to it: a tenth of the XML, so of the time to compress it.
    """

    index: int
    first: str
    last: str
    other_first: str = ""  # the row `{n}` stands for in the first cell (Funding: its note's row)


def formula_cells(letter: str, rows: Sequence[str], template: str, values: Sequence[object], style: int,
                  kind: str, shared: Shared) -> list[str]:
    """Formula cells with their values; `template` is escaped XML with `{r}` for the row.

    kind: num (NaN = an empty result, as Excel's "" shows), bool or str. Each cell is one f-string of parts
    made once per block: a big plan has millions of these cells.
    """
    start, reference = f'<c r="{letter}', f'<f t="shared" si="{shared.index}"/>'
    pairs = zip(rows, values, strict=True)
    if kind == "num":
        number, empty = f'" s="{style}">{reference}<v>', f'" s="{style}" t="str">{reference}<v></v></c>'
        out = [f"{start}{row}{number}{value!r}</v></c>" if value == value else f"{start}{row}{empty}"
               for row, value in pairs]
    elif kind == "bool":
        flag = f'" s="{style}" t="b">{reference}<v>'
        out = [f"{start}{row}{flag}{int(bool(value))}</v></c>" for row, value in pairs]
    else:
        text = f'" s="{style}" t="str">{reference}<v>'
        out = [f"{start}{row}{text}{xml_text(str(value))}</v></c>" for row, value in pairs]
    if rows and rows[0] == shared.first:  # the column's first cell holds the formula itself
        formula = template.replace("{r}", shared.first).replace("{n}", shared.other_first)
        master = (f"<f>{formula}</f>" if shared.first == shared.last else
                  f'<f t="shared" ref="{letter}{shared.first}:{letter}{shared.last}" si="{shared.index}">{formula}</f>')
        out[0] = out[0].replace(reference, master, 1)
    return out


def array_formula_cells(letter: str, rows: Sequence[str], template: str, values: Sequence[float],
                        style: int) -> list[str]:
    """Number cells each holding its own single-cell array formula (`{=...}`), with its value.

    An array formula cannot be shared, so each cell carries the whole formula (`template`, escaped XML with
    `{r}` for the row).
    """
    return [f'<c r="{letter}{row}" s="{style}"><f t="array" ref="{letter}{row}">{template.replace("{r}", row)}</f>'
            f"<v>{value!r}</v></c>" for row, value in zip(rows, values, strict=True)]


def rows_xml(rows: Sequence[str], columns: Sequence[list[str]]) -> str:
    return "".join([f'<row r="{row}">{"".join(cells)}</row>' for row, cells in zip(rows, zip(*columns, strict=True), strict=True)])
