"""The import wizard: preview and columns, every problem in a table, rows left out knowingly, one undo step."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QWizard

from planner.gui.document import PlanDocument
from planner.gui.i18n import install_language
from planner.gui.session import PlanSession
from planner.gui.settings import Settings
from planner.gui.views.import_pages import BAD_CELL, KEEP_EXTRA, LEAVE_OUT
from planner.gui.views.import_wizard import PROBLEMS, SUMMARY, ImportWizard
from planner.model.plan import NEW_PLAN_STEP, Plan

HEADER = ["笔记ID", "行业", "千次曝光成本", "点击率", "互动率", "进店率", "转化率", "单价", "备注"]
Button = QWizard.WizardButton


def table(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def note(note_id: str, cpm: str = "100", ctr: str = "3%") -> list[str]:
    return [note_id, "美妆", cpm, ctr, "5%", "10%", "2%", "199", "第一批"]


@pytest.fixture
def notes_csv(tmp_path: Path) -> Callable[..., Path]:
    def write(rows: list[list[str]], header: list[str] = HEADER, name: str = "notes.csv") -> Path:
        path = tmp_path / name
        path.write_text(table([header] + rows), encoding="utf-8")
        return path
    return write


@pytest.fixture
def session(qtbot, small_plan: Plan) -> PlanSession:
    return PlanSession(small_plan)


@pytest.fixture
def document(session: PlanSession) -> PlanDocument:
    return session.document


@pytest.fixture
def make_wizard(qtbot, session: PlanSession, settings: Settings) -> Callable[..., ImportWizard]:
    def make(path: Path, kind: str = "notes") -> ImportWizard:
        wizard = ImportWizard(session, path, kind, None, settings)
        qtbot.addWidget(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: wizard.session.preview is not None and not wizard.columns_page.reader.busy)
        return wizard
    return make


def choose(wizard: ImportWizard, header: str, choice: str | None) -> None:
    combo = wizard.columns_page._combos[wizard.session.preview.header.index(header)]
    combo.setCurrentIndex(combo.findData(LEAVE_OUT if choice is None else choice))


def chosen(wizard: ImportWizard, header: str) -> str | None:
    return wizard.columns_page.choices()[wizard.session.preview.header.index(header)]


def go_next(qtbot, wizard: ImportWizard) -> None:
    """Press Next and wait for the page's read to end."""
    assert wizard.button(Button.NextButton).isEnabled()
    wizard.button(Button.NextButton).click()
    qtbot.waitUntil(lambda: not wizard.problems_page.reader.busy)


def test_a_mapped_chinese_table_replaces_the_notes_in_one_undoable_step(qtbot, make_wizard, notes_csv, document,
                                                                        session):
    before = document.plan.notes.copy()
    stack = session.undo_stack
    wizard = make_wizard(notes_csv([note("N1"), note("N2")]))
    assert wizard.session.preview.rows[0][:2] == ["N1", "美妆"]
    assert chosen(wizard, "单价") == KEEP_EXTRA and chosen(wizard, "备注") == KEEP_EXTRA
    assert "客单价 / aov" in wizard.columns_page.blockers.text()
    assert not wizard.button(Button.NextButton).isEnabled()
    choose(wizard, "单价", "aov")
    assert wizard.columns_page.blockers.isHidden()
    go_next(qtbot, wizard)
    assert wizard.currentId() == PROBLEMS
    assert "No problems" in wizard.problems_page.summary.text()
    go_next(qtbot, wizard)
    assert wizard.currentId() == SUMMARY
    wizard.button(Button.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    notes = document.plan.notes
    assert notes["note_id"].tolist() == ["N1", "N2"]
    assert notes["aov"].tolist() == [199.0, 199.0] and notes["备注"].tolist() == ["第一批", "第一批"]
    assert stack.count() == 1
    stack.undo()
    assert document.plan.notes.equals(before)


def test_the_columns_chosen_are_offered_next_time(qtbot, make_wizard, notes_csv, settings):
    path = notes_csv([note("N1")])
    first = make_wizard(path)
    choose(first, "单价", "aov")
    choose(first, "备注", None)
    go_next(qtbot, first)
    assert settings.column_mapping("notes") == {"单价": "aov", "备注": None}
    again = make_wizard(path)
    assert chosen(again, "单价") == "aov" and chosen(again, "备注") is None
    assert again.button(Button.NextButton).isEnabled()
    assert again.columns_page.mapping.item(7, 2).text() == "as in an earlier import"


def test_a_column_put_back_to_automatic_is_forgotten(qtbot, make_wizard, notes_csv, settings):
    settings.set_column_mapping("notes", {"单价": "aov", "备注": None, "其他文件的列": "cpm"})
    wizard = make_wizard(notes_csv([note("N1")]))
    choose(wizard, "备注", KEEP_EXTRA)
    go_next(qtbot, wizard)
    assert settings.column_mapping("notes") == {"单价": "aov", "其他文件的列": "cpm"}


def test_re_reading_the_preview_keeps_the_choices_made(qtbot, make_wizard, notes_csv):
    wizard = make_wizard(notes_csv([note("N1")]))
    choose(wizard, "单价", "aov")
    notes_csv([note("N1") + ["小红书"]], HEADER + ["渠道"])  # a column added in Excel meanwhile
    wizard.button(Button.CustomButton1).click()
    qtbot.waitUntil(lambda: "渠道" in wizard.session.preview.header and not wizard.columns_page.reader.busy)
    assert chosen(wizard, "单价") == "aov" and chosen(wizard, "渠道") == KEEP_EXTRA
    assert wizard.button(Button.NextButton).isEnabled()


def test_each_field_says_what_the_app_means_by_it(make_wizard, notes_csv):
    wizard = make_wizard(notes_csv([note("N1")]))
    combo = wizard.columns_page._combos[0]
    tips = {combo.itemData(i): combo.itemData(i, 3) for i in range(combo.count())}  # 3: Qt.ToolTipRole
    assert tips["interaction_rate"] == "interactions per impression (not per click)"
    assert "per 1,000 impressions" in tips["cpm"]
    assert combo.itemText(combo.findData("budget")) == "预算 / budget"


def test_every_problem_is_listed_and_next_waits_for_rows_left_out_knowingly(qtbot, make_wizard, notes_csv,
                                                                            document):
    rows = [note("N1"), note("N2", cpm="abc", ctr="35"), note("N3"), note("N4", ctr="x"), note("N5")]
    wizard = make_wizard(notes_csv(rows))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    page = wizard.problems_page
    cells = [[page.model.index(r, c).data() for c in range(4)] for r in range(page.model.rowCount())]
    assert cells == [["3", "千次曝光成本", "abc", "an amount in ¥, such as 12000 or ¥12,000.50"],
                     ["3", "点击率", "35", "a rate from 0 to 1 (write a percentage with %, e.g. 3.2%)"],
                     ["5", "点击率", "x", "a rate: a fraction from 0 to 1 or a percentage such as 3.2%"]]
    assert not wizard.button(Button.NextButton).isEnabled()
    assert page.leave_out.isVisible() and not page.leave_out.isChecked()
    assert "2" in page.leave_out.text()
    page.leave_out.setChecked(True)
    qtbot.waitUntil(lambda: wizard.button(Button.NextButton).isEnabled())
    go_next(qtbot, wizard)
    assert "left out: 3, 5" in wizard.summary_page.text.text()
    wizard.button(Button.FinishButton).click()
    assert document.plan.notes["note_id"].tolist() == ["N1", "N3", "N5"]
    assert wizard.imported is not None and wizard.imported.skipped == [3, 5]


def test_unticking_the_box_blocks_next_again(qtbot, make_wizard, notes_csv):
    wizard = make_wizard(notes_csv([note("N1", cpm="abc"), note("N2")]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    wizard.problems_page.leave_out.setChecked(True)
    qtbot.waitUntil(lambda: wizard.button(Button.NextButton).isEnabled())
    wizard.problems_page.leave_out.setChecked(False)
    assert not wizard.button(Button.NextButton).isEnabled()


def test_re_reading_the_fixed_file_clears_its_problems(qtbot, make_wizard, notes_csv):
    path = notes_csv([note("N1", cpm="abc"), note("N2")])
    wizard = make_wizard(path)
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    assert wizard.problems_page.model.rowCount() == 1
    notes_csv([note("N1"), note("N2")])  # the user fixed the file in Excel
    wizard.button(Button.CustomButton1).click()
    qtbot.waitUntil(lambda: wizard.button(Button.NextButton).isEnabled())
    assert wizard.problems_page.model.rowCount() == 0
    assert "No problems" in wizard.problems_page.summary.text()


def test_a_missing_required_column_blocks_next(make_wizard, notes_csv):
    header = [name for name in HEADER if name != "转化率"]
    wizard = make_wizard(notes_csv([[c for n, c in zip(HEADER, note("N1"), strict=True) if n != "转化率"]], header))
    choose(wizard, "单价", "aov")
    assert "转化率 / cvr" in wizard.columns_page.blockers.text()
    assert not wizard.button(Button.NextButton).isEnabled()


def test_a_field_given_by_two_columns_blocks_next(make_wizard, notes_csv):
    wizard = make_wizard(notes_csv([note("N1")]))
    choose(wizard, "单价", "cpm")
    assert "already gives cpm" in wizard.columns_page.blockers.text()
    assert not wizard.button(Button.NextButton).isEnabled()


def test_columns_that_no_longer_map_when_read_are_listed_and_block_next(qtbot, make_wizard, notes_csv):
    path = notes_csv([note("N1")])
    wizard = make_wizard(path)
    choose(wizard, "单价", "aov")
    path.write_text(table([HEADER[:-2], note("N1")[:-2]]), encoding="utf-8")  # saved again meanwhile
    go_next(qtbot, wizard)
    page = wizard.problems_page
    assert page.model.index(0, 3).data() == "missing required column aov (客单价)"
    assert page.leave_out.isHidden() and not wizard.button(Button.NextButton).isEnabled()
    assert "cannot be imported with these columns" in page.summary.text()


def test_adding_notes_keeps_the_plans_and_refuses_ids_it_has(qtbot, make_wizard, notes_csv, document):
    before = document.plan.notes["note_id"].tolist()
    wizard = make_wizard(notes_csv([note("N9"), note(before[0])]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    summary = wizard.summary_page
    summary.add_notes.setChecked(True)
    assert before[0] in summary.duplicates.text()
    assert not wizard.button(Button.FinishButton).isEnabled()
    wizard.back()
    wizard.back()
    wizard.session.path.write_text(table([HEADER, note("N9")]), encoding="utf-8")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    summary.add_notes.setChecked(True)
    assert summary.duplicates.text() == ""
    wizard.button(Button.FinishButton).click()
    assert document.plan.notes["note_id"].tolist() == before + ["N9"]


def test_a_history_table_is_handed_back_and_the_plan_does_not_change(qtbot, make_wizard, tmp_path, document,
                                                                     session):
    header = ["笔记ID", "行业", "周期", "曝光", "点击", "互动", "进店"]
    rows = [[f"H{i}", "美妆", "日常" if i % 2 else "联投", "1000", "50", "20", "5"] for i in range(6)]
    path = tmp_path / "history.csv"
    path.write_text(table([header] + rows), encoding="utf-8")
    plan = document.plan
    stack = session.undo_stack
    wizard = make_wizard(path, "history")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert "(3 base, 3 joint)" in wizard.summary_page.text.text()
    wizard.button(Button.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.history is not None and wizard.history["period"].tolist() == ["joint", "base"] * 3
    assert document.plan is plan and stack.count() == 0


def test_a_file_that_cannot_be_read_is_shown_and_the_wizard_closes(qtbot, session, settings, tmp_path, dialogs):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    wizard = ImportWizard(session, path, "notes", None, settings)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert dialogs.shown[-1][0] == "ProblemsDialog"
    assert wizard.result() == QDialog.DialogCode.Rejected


def test_updating_takes_the_files_values_for_the_plans_ids_and_adds_the_new_notes(qtbot, make_wizard, notes_csv,
                                                                                  document, session):
    assert install_language("en")  # the English plural forms
    before = document.plan.notes.copy()
    wizard = make_wizard(notes_csv([note("n2", cpm="77"), note("N9")]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    summary = wizard.summary_page
    summary.update_notes.setChecked(True)
    assert summary.effect.text() == "1 note of the plan will be updated; 1 new note will be added."
    assert summary.duplicates.isHidden() and wizard.button(Button.FinishButton).isEnabled()
    wizard.button(Button.FinishButton).click()
    notes = document.plan.notes
    assert notes["note_id"].tolist() == ["n1", "n2", "n3", "N9"]
    assert notes["cpm"].tolist() == [50.0, 77.0, 60.0, 100.0]
    assert notes["budget"].tolist() == [1000.0, 500.0, 0.0, 0.0]  # the file gives no budget: n2 keeps its own
    assert notes["title"].tolist()[:3] == before["title"].tolist()
    assert notes["备注"].tolist() == ["", "第一批", "", "第一批"]
    assert (wizard.merged.added, wizard.merged.updated) == (1, 1)
    assert session.undo_stack.count() == 1 and session.undo_stack.undoText() == "Update notes from notes.csv"
    session.undo_stack.undo()
    assert document.plan.notes.equals(before)


def test_the_merge_choice_is_offered_only_when_the_plan_has_notes(qtbot, make_wizard, notes_csv, session):
    session.document.replace_plan(session.document.plan.with_notes(session.document.plan.notes.iloc[:0]))
    wizard = make_wizard(notes_csv([note("N1")]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert not wizard.summary_page.mode.isVisibleTo(wizard.summary_page)
    assert wizard.summary_page.merge_mode() == "replace"


def marked(wizard: ImportWizard) -> dict[tuple[int, int], str]:
    """The preview's cells marked as bad, (row, column) -> tooltip; column -1 is the row's number."""
    table = wizard.columns_page.table
    found = {}
    for r in range(table.rowCount()):
        for c in range(-1, table.columnCount()):
            item = table.item(r, c) if c >= 0 else table.verticalHeaderItem(r)
            if item.background().color() == QColor(BAD_CELL):
                found[(r, c)] = item.toolTip()
    return found


def test_bad_cells_are_marked_in_the_preview_with_their_problem(qtbot, make_wizard, notes_csv):
    assert install_language("en")
    wizard = make_wizard(notes_csv([note("N1"), note("N2", cpm="abc"), note("N1", ctr="35")]))
    assert marked(wizard) == {}  # the columns do not map yet: no cell can be judged
    choose(wizard, "单价", "aov")
    cells = marked(wizard)
    assert set(cells) == {(1, 2), (2, 0), (2, 3)}
    assert cells[(1, 2)] == 'notes.csv, row 3, column 千次曝光成本: value "abc": expected an amount in ¥, such ' \
                            'as 12000 or ¥12,000.50'
    assert "this one is used by row 2 already" in cells[(2, 0)]
    assert "Problems in 3 cells" in wizard.columns_page.bad_cells.text() and wizard.columns_page.bad_cells.isVisibleTo(wizard)
    choose(wizard, "千次曝光成本", None)  # cpm is missing now: the marks go with the judgement
    assert marked(wizard) == {} and wizard.columns_page.bad_cells.isHidden()


def test_a_brand_budget_of_zero_becomes_the_imported_plans_brand_cost_in_the_same_step(
        qtbot, make_wizard, notes_csv, document, session):
    assert install_language("en")
    document.replace_plan(document.plan.with_params(brand_budget=0.0).with_notes(document.plan.notes.iloc[:0]))
    wizard = make_wizard(notes_csv([note("N1") + ["4000"], note("N2") + ["1000"]], header=HEADER + ["预算"]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    summary = wizard.summary_page
    assert summary.brand_budget.isVisibleTo(summary) and "¥5,000" in summary.brand_budget.text()
    wizard.button(Button.FinishButton).click()
    assert document.plan.params.brand_budget == 5000.0 == document.estimate.totals["brand_cost"]
    assert wizard.brand_budget_set == 5000.0 and session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert document.plan.params.brand_budget == 0.0 and len(document.plan.notes) == 0


def test_a_brand_budget_already_set_is_kept(qtbot, make_wizard, notes_csv, document):
    wizard = make_wizard(notes_csv([note("N1") + ["4000"]], header=HEADER + ["预算"]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    assert wizard.summary_page.brand_budget.isHidden()
    wizard.button(Button.FinishButton).click()
    assert document.plan.params.brand_budget == 5000.0 and wizard.brand_budget_set is None
@pytest.mark.parametrize(("notes_before", "step"), [(0, NEW_PLAN_STEP), (3, 1.0)])
def test_notes_imported_into_an_empty_plan_make_a_new_plan_that_buys_in_hundreds(qtbot, make_wizard, notes_csv,
                                                                                 session, notes_before, step):
    plan = session.document.plan
    session.document.replace_plan(plan.with_notes(plan.notes.iloc[:notes_before]).with_params(budget_step=1.0))
    wizard = make_wizard(notes_csv([note("N1")]))
    choose(wizard, "单价", "aov")
    go_next(qtbot, wizard)
    go_next(qtbot, wizard)
    wizard.button(Button.FinishButton).click()
    assert session.document.plan.params.budget_step == step
