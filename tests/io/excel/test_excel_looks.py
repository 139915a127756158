"""How the Excel plan reads on screen and paper: flags shown 是/否 in Chinese (and typed TRUE/FALSE, which the
validation says), the Assumptions sheet's text wrapped inside its tables. The notes sheet's print setup is in
test_excel_export; LibreOffice's showing of 是/否 in test_excel_libreoffice.
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_excel_export import hostile_plan

from planner.io.excel.export import export_plan
from planner.io.excel.labels import FIRST_NOTE_ROW, NOTE_LETTER, PARAMS_FIRST_ROW, display_width
from planner.model.plan import Plan

FLAGS = ("is_ad", "taobao_link", "locked")  # the notes' flags a user types
SHOWN = {"zh": '"是";"是";"否"', "en": '"TRUE";"TRUE";"FALSE"'}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path]]:
    folder = tmp_path_factory.mktemp("looks")
    plan = hostile_plan()
    out = {}
    for lang in ("zh", "en"):
        export_plan(plan, folder / f"{lang}.xlsx", lang)
        out[lang] = (plan, folder / f"{lang}.xlsx")
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_flags_are_logical_values_shown_yes_no_in_chinese_and_true_false_in_english(exported, lang):
    plan, path = exported[lang]
    book = openpyxl.load_workbook(path)
    notes, funding, assumptions = book.worksheets[1], book.worksheets[2], book.worksheets[3]
    cells = [notes[f"{NOTE_LETTER[key]}{row}"] for key in (*FLAGS, "eligible")
             for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 1 + len(plan.notes))]
    cells += [assumptions.cell(PARAMS_FIRST_ROW + 2, 2), funding["B5"]]  # joint investment, and as Funding shows it
    for cell in cells:
        assert cell.number_format == SHOWN[lang], cell.coordinate
    typed = [notes[f"{NOTE_LETTER['locked']}{row}"].value for row in range(FIRST_NOTE_ROW + 1, FIRST_NOTE_ROW + 6)]
    assert typed == plan.notes["locked"].tolist()[:5] and all(isinstance(v, bool) for v in typed)
    assert assumptions.cell(PARAMS_FIRST_ROW + 2, 2).value is True
    with zipfile.ZipFile(path) as archive:  # booleans in the file, as formulas that compare with TRUE expect
        sheet = archive.read("xl/worksheets/sheet2.xml").decode()
    assert f'<c r="{NOTE_LETTER["locked"]}{FIRST_NOTE_ROW + 1}" s=' in sheet
    assert sheet.count('t="b"') >= 4 * len(plan.notes)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_flag_a_user_types_lists_true_and_false_and_says_so(exported, lang):
    """A list of 是/否 would store text, which no formula reads as a flag: TRUE and FALSE are listed, and the
    message says which shows as which; typing 是 is refused with a message that says why."""
    path = exported[lang][1]
    book = openpyxl.load_workbook(path)
    notes, assumptions = book.worksheets[1], book.worksheets[3]
    rules = {str(rule.sqref): rule for rule in notes.data_validations.dataValidation}
    joint = next(rule for rule in assumptions.data_validations.dataValidation
                 if str(rule.sqref) == f"B{PARAMS_FIRST_ROW + 2}")
    flags = [rules[next(ref for ref in rules if ref.startswith(NOTE_LETTER[key]))] for key in FLAGS] + [joint]
    for rule in flags:
        assert (rule.type, rule.formula1, rule.showErrorMessage) == ("list", '"TRUE,FALSE"', True)
        if lang == "zh":
            assert "TRUE 即“是”" in rule.prompt and "FALSE 即“否”" in rule.prompt
            assert "TRUE（是）或 FALSE（否）" in rule.error and "文字" in rule.error
        else:
            assert rule.prompt == "Type TRUE or FALSE, or pick one from the list." and "TRUE or FALSE" in rule.error
    assert flags[2].promptTitle == ("锁定" if lang == "zh" else "Locked")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_text_on_the_assumptions_sheet_runs_past_its_tables(exported, lang):
    """From the parameters down, each text either fits its cell (or merged cells) or wraps inside them, on a
    row tall enough for its lines; every table ends at the same column."""
    sheet = openpyxl.load_workbook(exported[lang][1]).worksheets[3]
    merged = {(m.min_row, m.min_col): m for m in sheet.merged_cells.ranges}
    widths = {col: sheet.column_dimensions[openpyxl.utils.get_column_letter(col)].width for col in range(1, 13)}
    last_col = max(widths)
    wrapped = 0
    for row in sheet.iter_rows(min_row=PARAMS_FIRST_ROW):
        for cell in row:
            if not isinstance(cell.value, str) or not cell.value:
                continue
            span = merged.get((cell.row, cell.column))
            first, last = (span.min_col, span.max_col) if span else (cell.column, cell.column)
            assert last <= last_col, cell.coordinate
            width = sum(widths[col] for col in range(first, last + 1))
            if display_width(cell.value) <= width - 2:
                continue
            assert cell.alignment.wrap_text, (cell.coordinate, cell.value)
            lines = math.ceil(display_width(cell.value) / (width - 2))
            assert sheet.row_dimensions[cell.row].height >= 13 * lines, (cell.coordinate, lines)
            wrapped += 1
    assert wrapped >= 4  # the lifts' sources among them (long in English), the formulas explained
