"""Templates of notes and history tables: every field's header in either language, an example that imports."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pandas as pd
import pytest

from planner.io.tables import read_history, read_notes
from planner.io.tables.templates import (
    HISTORY_EXAMPLE,
    KINDS,
    LANGS,
    NOTE_EXAMPLE,
    SUFFIXES,
    template_frame,
    template_name,
    write_template,
)
from planner.model.fields import BOOL, DATE, HISTORY, NOTE_INPUTS, pick

FIELDS = {"notes": NOTE_INPUTS, "history": HISTORY}
EXAMPLES = {"notes": NOTE_EXAMPLE, "history": HISTORY_EXAMPLE}
READ = {"notes": read_notes, "history": read_history}


def test_every_field_of_the_catalogue_has_an_example_value() -> None:
    for kind in KINDS:
        keys = [field.key for field in FIELDS[kind]]
        assert all(list(example) == keys for example in EXAMPLES[kind]), kind


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_a_template_imports_back_as_its_example(tmp_path: Path, kind: str, lang: str, suffix: str) -> None:
    path = tmp_path / template_name(kind, lang, suffix)
    write_template(path, kind, lang)
    frame = READ[kind](path)
    assert len(frame) == len(EXAMPLES[kind])
    for position, example in enumerate(EXAMPLES[kind]):
        for field in FIELDS[kind]:
            value, read = example[field.key], frame[field.key].iat[position]
            if field.key in ("industry", "format"):
                assert read == pick(value, "en"), field.key  # the model keeps known industries by key
            elif field.key == "period":
                assert read == ("base", "joint")[position]
            elif field.kind == BOOL:
                assert bool(read) is (value == ("是", "yes")), field.key
            elif field.kind == DATE:
                assert read == pd.Timestamp(pick(value, lang)), field.key
            elif isinstance(value, tuple):
                assert read == pick(value, lang), field.key
            else:
                assert read == pytest.approx(value), field.key


@pytest.mark.parametrize("lang", LANGS)
def test_the_headers_are_the_catalogues_labels_in_the_chosen_language(lang: str) -> None:
    for kind in KINDS:
        assert list(template_frame(kind, lang).columns) == [pick(field.label, lang) for field in FIELDS[kind]]
    assert template_frame("notes", "zh").iloc[0].tolist()[3:9] == ["美妆", "图文", "是", "是", "45", "3.2%"]


def test_a_csv_template_starts_with_a_byte_order_mark_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_template(path, "notes", "zh")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + "笔记ID,标题".encode())


def test_an_xlsx_template_explains_every_column_on_its_second_sheet(tmp_path: Path) -> None:
    import openpyxl

    path = tmp_path / "t.xlsx"
    write_template(path, "history", "en")
    assert zipfile.is_zipfile(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["History", "Fields"]
    rows = list(book["Fields"].iter_rows(values_only=True))
    assert rows[0] == ("Column", "Required", "Meaning")
    assert [row[0] for row in rows[1:]] == [field.label[1] for field in HISTORY]
    assert rows[1 + [f.key for f in HISTORY].index("orders")][1:] == (
        "no", "orders from those visits (not needed for fitting)")
    assert book["History"]["D2"].value == 200_000


def test_an_unknown_kind_or_language_is_a_programming_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_template(tmp_path / "t.csv", "lifts", "zh")
    with pytest.raises(ValueError):
        template_frame("notes", "fr")
