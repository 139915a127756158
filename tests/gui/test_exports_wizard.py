"""File ▸ Import platform exports…: files recognised, a renamed column mapped and remembered, every derived field
shown with its formula, questions answered, then notes merged (one undo step), history fitted or actuals saved."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from planner.resources import resource_path
from PySide6.QtWidgets import QDialog, QFileDialog, QWizard

from planner.gui.session import PlanSession
from planner.gui.settings import Settings
from planner.gui.views.exports_derived import ACCEPT, VALUE
from planner.gui.views.exports_wizard import DERIVED, OPTIONS, ExportsWizard
from planner.io.tables import read_actuals
from planner.model.plan import Plan

Button = QWizard.WizardButton
SAMPLES = sorted(resource_path("samples").iterdir())


@pytest.fixture
def demo_session(qtbot) -> PlanSession:
    session = PlanSession()
    session.show(session.load_demo(), None)
    return session


def open_wizard(qtbot, session: PlanSession, settings: Settings, paths: list[Path]) -> ExportsWizard:
    wizard = ExportsWizard(session, settings, None, paths)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitUntil(lambda: not wizard.files_page.reader.busy and len(wizard.state.files) == len(paths))
    return wizard


def to_derived(qtbot, wizard: ExportsWizard, target_text: str = "") -> None:
    wizard.button(Button.NextButton).click()
    assert wizard.currentId() == OPTIONS
    if target_text:
        next(b for b in wizard.options_page.targets.buttons() if b.text().startswith(target_text)).setChecked(True)
    wizard.button(Button.NextButton).click()
    assert wizard.currentId() == DERIVED
    settle(qtbot, wizard)


def settle(qtbot, wizard: ExportsWizard) -> None:
    page = wizard.derived_page
    qtbot.waitUntil(lambda: not page.reader.busy and wizard.state.result is not None, timeout=20000)


def test_the_samples_update_the_demos_notes_in_one_undoable_step(qtbot, demo_session, settings):
    before = demo_session.document.plan.notes.copy()
    wizard = open_wizard(qtbot, demo_session, settings, SAMPLES)
    assert [wizard.files_page.table.item(row, 1).text() for row in range(5)] == [
        "聚光 (Juguang) note and creative report", "蒲公英 (Pugongying) order export", "薯条 (Shutiao) order export",
        "小红星 (星任务) figures", "种草星河 (Xinghe) content report"]
    assert wizard.files_page.table.item(1, 2).text() == "3"  # 蒲公英's header is on the third row
    to_derived(qtbot, wizard)
    table = wizard.derived_page.derivations
    rows = {table.item(row, 0).text(): row for row in range(table.rowCount())}
    entry = rows["Store-entry rate"]
    assert table.item(entry, 1).text().startswith("进店UV 157,737 / 点击量 + 阅读量 616,081")
    assert table.item(entry, 2).text() == "25.60%"
    assert "visitors over clicks may understate the rate" in table.item(entry, 4).text()
    assert "归因口径 15天" in table.item(entry, 3).text()
    assert wizard.derived_page.window_choice.count() == 2 and wizard.derived_page.questions.isHidden()
    assert wizard.button(Button.FinishButton).isEnabled()
    wizard.button(Button.FinishButton).click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert (wizard.merged.added, wizard.merged.updated) == (0, 60)
    notes = demo_session.document.plan.notes
    assert notes["industry"].tolist() == before["industry"].tolist()  # kept: the exports have no industry
    assert notes.loc[0, "creator_fee"] == 44000.0 and notes.loc[0, "start_date"] == pd.Timestamp("2025-05-15")
    assert notes["budget"].tolist() == before["budget"].tolist()
    demo_session.undo_stack.undo()
    assert demo_session.document.plan.notes.equals(before)


def test_choosing_the_store_gmv_and_the_30_day_window_reads_again(qtbot, demo_session, settings):
    wizard = open_wizard(qtbot, demo_session, settings, SAMPLES)
    to_derived(qtbot, wizard)
    first = wizard.state.result.table.set_index("note_id")["aov"].copy()
    page = wizard.derived_page
    page.gmv.setCurrentIndex(page.gmv.findData("store"))
    settle(qtbot, wizard)
    assert (wizard.state.result.table.set_index("note_id")["aov"] > first).all()
    page.window_choice.setCurrentIndex(page.window_choice.findData("30天"))
    settle(qtbot, wizard)
    assert wizard.state.result.windows["归因口径"] == "30天"


def test_a_renamed_column_is_mapped_once_and_remembered(qtbot, demo_session, settings, tmp_path):
    drifted = tmp_path / "juguang.csv"
    drifted.write_text(SAMPLES[0].read_text(encoding="utf-8").replace(",点击量,", ",点击次数,", 1), encoding="utf-8")
    wizard = open_wizard(qtbot, demo_session, settings, [drifted])
    assert wizard.files_page.table.item(0, 3).text() == "missing: 点击量"
    assert not wizard.button(Button.NextButton).isEnabled()
    form = wizard.files_page.mapping_form
    assert form.itemAt(0, form.ItemRole.LabelRole).widget().text() == (
        "点击量 of the 聚光 (Juguang) note and creative report (juguang.csv)")
    combo = form.itemAt(0, form.ItemRole.FieldRole).widget()
    combo.setCurrentIndex(combo.findData("点击次数"))
    qtbot.waitUntil(lambda: bool(wizard.state.files) and wizard.state.files[0].ready)
    assert wizard.button(Button.NextButton).isEnabled()
    assert settings.column_mapping("export_juguang") == {"点击次数": "点击量"}
    again = open_wizard(qtbot, demo_session, settings, [drifted])
    assert again.state.files[0].ready and again.files_page.table.item(0, 3).text() == "all found"


def test_what_cannot_be_derived_is_asked_and_answered(qtbot, settings):
    session = PlanSession()  # an empty plan: nothing to keep, every note is new
    wizard = open_wizard(qtbot, session, settings, [resource_path("samples", "xinghe.csv")])
    to_derived(qtbot, wizard)
    page = wizard.derived_page
    assert [u.field for u in wizard.state.result.unresolved] == ["cpm", "ctr", "interaction_rate", "entry_rate",
                                                                 "industry"]
    assert not wizard.button(Button.FinishButton).isEnabled()
    choice, value = page._answer_widgets["entry_rate"]
    assert choice.findData(ACCEPT) > 0  # 星河 offers its per-reader rate
    choice.setCurrentIndex(choice.findData(ACCEPT))
    settle(qtbot, wizard)
    for field, typed in (("cpm", 60.0), ("ctr", 4.0), ("interaction_rate", 3.0)):
        choice, value = page._answer_widgets[field]
        choice.setCurrentIndex(choice.findData(VALUE))
        value.setValue(typed)
        value.editingFinished.emit()
        settle(qtbot, wizard)
    industry = page.questions_grid.itemAtPosition(0, 1).widget()
    industry.setCurrentIndex(industry.findData("beauty"))
    industry.activated.emit(industry.currentIndex())
    settle(qtbot, wizard)
    assert wizard.state.result.ready and wizard.button(Button.FinishButton).isEnabled()
    table = wizard.state.result.table
    assert (table["cpm"] == 60.0).all() and table["ctr"].tolist() == pytest.approx([0.04] * len(table))
    assert (table["industry"] == "beauty").all()


def test_history_goes_to_the_caller_to_fit_lifts(qtbot, demo_session, settings):
    wizard = open_wizard(qtbot, demo_session, settings, SAMPLES)
    wizard.button(Button.NextButton).click()
    next(b for b in wizard.options_page.targets.buttons() if b.text().startswith("History")).setChecked(True)
    page = wizard.options_page
    page.by_days.setChecked(True)
    for edit, text in zip(page.day_edits, ("2025-05-20", "2025-06-03", "2025-06-04", "2025-06-18"), strict=True):
        edit.setDate(edit.date().fromString(text, "yyyy-MM-dd"))
    wizard.button(Button.NextButton).click()
    settle(qtbot, wizard)
    assert wizard.button(Button.FinishButton).text() == "Fit lifts from this history"
    wizard.button(Button.FinishButton).click()
    assert sorted(wizard.history["period"].unique()) == ["base", "joint"] and len(wizard.history) == 120


def test_actuals_are_saved_as_a_table(qtbot, demo_session, settings, monkeypatch, tmp_path):
    target = tmp_path / "actuals"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *_args, **_kw: (str(target), "")))
    wizard = open_wizard(qtbot, demo_session, settings, SAMPLES)
    to_derived(qtbot, wizard, "Actuals")
    wizard.button(Button.FinishButton).click()
    assert wizard.saved == tmp_path / "actuals.csv"
    assert len(read_actuals(wizard.saved)) == 60 * 30


def test_the_file_menu_opens_the_wizard(window, dialogs):
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "platform exports" in a.text())
    action.trigger()
    assert ("ExportsWizard", "Import platform exports", "") in dialogs.shown


def test_a_plan_is_unchanged_when_the_wizard_is_cancelled(qtbot, demo_session, settings):
    before: Plan = demo_session.document.plan
    wizard = open_wizard(qtbot, demo_session, settings, SAMPLES)
    to_derived(qtbot, wizard)
    wizard.reject()
    assert demo_session.document.plan is before and demo_session.undo_stack.count() == 0
