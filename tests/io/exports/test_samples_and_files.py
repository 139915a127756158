"""The presets on the demo's sample exports: each kind recognised from its header, a renamed column mapped by the
user, copies in GB18030 and XLSX read alike, hostile files refused as the table import refuses them, and the
samples give back the demo plan's rates."""

from __future__ import annotations

import csv
import importlib.util
import io
import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from planner.resources import resource_path
from special_files import SPECIAL_KINDS, make_special, problems_in_child

from planner.io.exports import ExportOptions, import_exports, recognise_files
from planner.io.exports.presets import PresetError, load_catalogue, parse_preset
from planner.io.planfile import load_plan
from planner.io.tables.raw import read_raw_table
from planner.model.errors import InputError

SAMPLES = resource_path("samples")
KINDS = {"juguang.csv": "juguang", "pugongying.xlsx": "pugongying", "xinghe.csv": "xinghe", "shutiao.csv": "shutiao",
         "xiaohongxing.xlsx": "xiaohongxing"}
HEADER_ROWS = {"pugongying.xlsx": 3}
RATES = ("cpm", "ctr", "interaction_rate", "entry_rate", "cvr", "aov")


def sample_paths() -> list[Path]:
    return [SAMPLES / name for name in KINDS]


def import_notes(paths, **options):
    result = import_exports(paths, ExportOptions(answers={"industry": "sports"}, **options))
    assert result.ready, (result.unresolved, result.problems)
    return result.table.set_index("note_id")


@pytest.fixture(scope="module")
def samples_table() -> pd.DataFrame:
    return import_notes(sample_paths())


@pytest.mark.parametrize("name", KINDS)
def test_each_export_is_recognised_by_its_header(name):
    [found] = recognise_files([SAMPLES / name])
    assert (found.kind, found.header_row, found.ready) == (KINDS[name], HEADER_ROWS.get(name, 1), True)


def test_the_samples_give_back_the_demo_plans_rates_within_the_rounding_of_whole_counts(samples_table):
    demo = load_plan(resource_path("demo.rcplan")).notes.set_index("note_id")
    assert sorted(samples_table.index) == sorted(demo.index)
    counts = import_exports(sample_paths(), ExportOptions("actuals")).table.groupby("note_id").sum(numeric_only=True)
    # A rate of whole counts is off by at most half a count of its numerator (each rounded part) over its
    # denominator: clicks are rounded in 聚光 and in 薯条, store visits and buyers once.
    halves = {"ctr": (1.0, counts["impressions"]), "entry_rate": (0.5, counts["clicks"]),
              "cvr": (0.5, counts["store_visits"])}
    for rate, (most, denominator) in halves.items():
        assert (np.abs(samples_table[rate] - demo[rate]) <= most / denominator + 1e-12).all(), rate
    assert np.allclose(samples_table["cpm"], demo["cpm"], rtol=1e-4)  # impressions rounded from spend
    assert np.allclose(samples_table["interaction_rate"], demo["interaction_rate"], rtol=1e-3)
    assert (samples_table["aov"] == demo["aov"]).all()  # GMV is buyers x AOV exactly
    assert (samples_table.loc[demo.index[demo["is_ad"]], "title"] == demo.loc[demo["is_ad"], "title"]).all()


def test_the_samples_total_spend_is_the_demo_plans_budget():
    counts = import_exports(sample_paths(), ExportOptions("actuals")).table
    demo = load_plan(resource_path("demo.rcplan")).notes
    assert counts["spend"].sum() == pytest.approx(demo["budget"].sum())


def test_the_samples_are_what_their_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("make_samples", resource_path("make_samples.py"))
    assert spec and spec.loader
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.write_samples(tmp_path)
    for name in KINDS:
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


# -- A column renamed by the platform ---------------------------------------------------------------

def renamed(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "juguang.csv"
    text = (SAMPLES / "juguang.csv").read_text(encoding="utf-8")
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_renamed_column_is_named_and_the_users_choice_reads_it(tmp_path, samples_table):
    drifted = renamed(tmp_path, ",点击量,", ",点击次数,")
    [found] = recognise_files([drifted])
    assert found.kind == "juguang" and found.missing == {"juguang": ["点击量"]} and not found.ready
    with pytest.raises(InputError) as error:
        import_exports([drifted, *sample_paths()[1:]])
    assert str(error.value) == ("juguang.csv, row 1: a column 点击量, which the 聚光 (Juguang) note and "
                                "creative report needs: if it was renamed, choose the column that holds it")
    mapped = import_notes([drifted, *sample_paths()[1:]], column_maps={"juguang": {"点击次数": "点击量"}})
    pd.testing.assert_frame_equal(mapped, samples_table)


def test_an_alias_of_an_older_release_needs_no_choice(tmp_path, samples_table):
    table = import_notes([renamed(tmp_path, ",展现量,", ",曝光量,"), *sample_paths()[1:]])
    pd.testing.assert_frame_equal(table, samples_table)


# -- Encodings and formats --------------------------------------------------------------------------

def rows_of(path: Path) -> list[list[object]]:
    if path.suffix == ".xlsx":
        sheet = openpyxl.load_workbook(path, read_only=True).worksheets[0]
        return [["" if value is None else value for value in row] for row in sheet.iter_rows(values_only=True)]
    text = path.read_bytes().removeprefix(b"\xef\xbb\xbf")
    decoded = text.decode("gb18030") if path.name == "shutiao.csv" else text.decode("utf-8")
    return [list(row) for row in csv.reader(io.StringIO(decoded, newline=""))]


def as_gb18030(path: Path, folder: Path) -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows_of(path))
    target = folder / f"{path.stem}.csv"
    target.write_bytes(out.getvalue().encode("gb18030"))
    return target


def as_xlsx(path: Path, folder: Path) -> Path:
    book = openpyxl.Workbook()
    for row in rows_of(path):
        book.active.append([_number(value) for value in row])
    target = folder / f"{path.stem}.xlsx"
    book.save(target)
    return target


def _number(value: object) -> object:
    try:
        return float(str(value)) if str(value).strip() and not str(value).startswith("XHS") else value
    except ValueError:
        return value


@pytest.mark.parametrize("convert", [as_gb18030, as_xlsx], ids=["GB18030", "XLSX"])
def test_a_gb18030_or_xlsx_copy_of_each_export_reads_alike(tmp_path, convert, samples_table):
    copies = [convert(path, tmp_path) for path in sample_paths()]
    assert [found.kind for found in recognise_files(copies)] == list(KINDS.values())
    pd.testing.assert_frame_equal(import_notes(copies), samples_table, check_exact=False, rtol=1e-12)


# -- Hostile files ---------------------------------------------------------------------------------

def _nul(path: Path) -> None:
    path.write_bytes((SAMPLES / "juguang.csv").read_bytes()[:2000] + b"\x00")


def _unknown_encoding(path: Path) -> None:
    path.write_bytes("笔记ID,消费\n".encode() + bytes(range(0x80, 0x100)) + b"\n")


def _utf16(path: Path) -> None:
    path.write_bytes("笔记ID,消费\nN1,5\n".encode("utf-16"))


def _old_excel(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)


def _truncated_xlsx(path: Path) -> None:
    data = (SAMPLES / "pugongying.xlsx").read_bytes()
    path.write_bytes(data[:len(data) // 2])


def _zip_bomb(path: Path) -> None:
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(SAMPLES / "pugongying.xlsx") as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            if name != sheet:
                new.writestr(name, old.read(name))
        new.writestr(sheet, b'<row r="2"><c r="A2"><v>0</v></c></row>' * (2**22 // 40))


def _entity_bomb(path: Path) -> None:
    sheet = "xl/worksheets/sheet1.xml"
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><worksheet>&b;</worksheet>'
    with zipfile.ZipFile(SAMPLES / "pugongying.xlsx") as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name in old.namelist():
            new.writestr(name, bomb if name == sheet else old.read(name))


def _two_encodings(path: Path) -> None:
    """聚光's report with one line pasted from a GB18030 file, early (in the header's look) or late."""
    lines = (SAMPLES / "juguang.csv").read_bytes().splitlines(keepends=True)
    lines[3] = lines[3].decode("utf-8").encode("gb18030")
    path.write_bytes(b"".join(lines))


def _two_encodings_late(path: Path) -> None:
    lines = (SAMPLES / "juguang.csv").read_bytes().splitlines(keepends=True)
    lines[-2] = lines[-2].decode("utf-8").encode("gb18030")
    path.write_bytes(b"".join(lines))


def _utf8_in_gb18030(path: Path) -> None:
    text = (SAMPLES / "xinghe.csv").read_text(encoding="utf-8-sig")
    lines = text.splitlines(keepends=True)
    path.write_bytes("".join(lines[:-1]).encode("gb18030") + lines[-1].encode("utf-8"))


def _private_use(path: Path) -> None:
    data = (SAMPLES / "shutiao.csv").read_bytes()  # the sample is GB18030, as 薯条 writes it
    path.write_bytes(data.replace("被推广者".encode("gb18030"), b"\xaa\xa1\xaa\xa2"))


def _too_many_values(path: Path) -> None:
    lines = (SAMPLES / "shutiao.csv").read_bytes().splitlines(keepends=True)
    lines[2] = lines[2].rstrip(b"\r\n") + b",1,2\n"
    path.write_bytes(b"".join(lines))


HOSTILE = {"two_encodings.csv": _two_encodings, "two_encodings_late.csv": _two_encodings_late,
           "utf8_in_gb18030.csv": _utf8_in_gb18030, "private_use.csv": _private_use,
           "too_many_values.csv": _too_many_values, "nul.csv": _nul, "encoding.csv": _unknown_encoding, "utf16.csv": _utf16, "old.xlsx": _old_excel,
           "cut.xlsx": _truncated_xlsx, "bomb.xlsx": _zip_bomb, "entities.xlsx": _entity_bomb,
           "empty.csv": lambda path: path.write_bytes(b"")}


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_file_is_refused_as_the_table_import_refuses_it(tmp_path, name):
    path = tmp_path / name
    HOSTILE[name](path)
    with pytest.raises(InputError) as table_import:
        read_raw_table(path)
    with pytest.raises(InputError) as exports:
        import_exports([path, *sample_paths()])
    assert [str(p) for p in exports.value.problems] == [str(p) for p in table_import.value.problems]


@pytest.mark.parametrize("kind", SPECIAL_KINDS)
def test_a_special_file_is_refused_at_once(tmp_path, kind):
    path = make_special(tmp_path, kind, "juguang.csv")
    assert problems_in_child(["planner.io.exports.read:head_rows"], path) == [
        [f"juguang.csv: {SPECIAL_KINDS[kind]}, not a table file"]]


def test_a_formula_without_its_result_is_refused_at_its_cell(tmp_path):
    book = openpyxl.Workbook()
    for row in rows_of(SAMPLES / "shutiao.csv"):
        book.active.append(row)
    book.active["G2"] = "=1+1"  # 曝光量, saved by a program that does not calculate
    path = tmp_path / "shutiao.xlsx"
    book.save(path)
    with pytest.raises(InputError) as error:
        import_exports([path])
    assert [str(p) for p in error.value.problems] == [
        'shutiao.xlsx, row 2, column 曝光量: value "=1+1": expected the formula\'s result, which the file does not hold '
        "(it was saved by a program that does not calculate): open and save the file in a spreadsheet program, or "
        "type the value"]


def test_a_file_that_is_no_export_is_named(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("笔记ID,行业,预算\nN1,美妆,100\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        import_exports([path])
    assert str(error.value) == ("notes.csv: a platform export the app knows (聚光, 蒲公英, 薯条, 小红星, 星河): none was "
                                "recognised in the header of its first rows")


def test_a_preset_with_a_mistake_says_what_it_is():
    with pytest.raises(PresetError, match="measure spend: no column"):
        parse_preset({"kind": "k", "name": ["a", "b"], "platform": ["a", "b"], "about": ["a", "b"],
                      "signature": ["x"], "columns": [{"name": "ID", "kind": "id"}], "roles": {"note_id": "ID"},
                      "measures": {"spend": {"unit": "money", "from": [["消费"]]}}})


def test_every_shipped_preset_reads():
    assert sorted(load_catalogue().presets) == sorted(KINDS.values())
