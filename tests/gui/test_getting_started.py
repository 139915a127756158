"""A marketer's first hour: the start page of an empty plan, templates to fill in, the user guide."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from planner.resources import resource_path
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWizard

from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.views.guide_dialog import GuideDialog, guide_markdown
from planner.gui.views.import_wizard import SUMMARY, ImportWizard
from planner.gui.views.start_page import START_ACTIONS
from planner.gui.views.template_dialog import TemplateDialog
from planner.io.planfile import save_plan
from planner.model.fields import NOTE_INPUTS, NOTE_OUTPUTS, pick
from planner.model.plan import Plan


@pytest.fixture
def wizard_finished(qtbot, monkeypatch) -> list[ImportWizard]:
    """The import wizard as a user who presses Next until Finish; returns the wizards that ran."""
    ran: list[ImportWizard] = []

    def run(wizard: ImportWizard) -> int:
        ran.append(wizard)
        wizard.show()
        qtbot.waitUntil(lambda: wizard.session.preview is not None and not wizard.columns_page.reader.busy)
        while wizard.currentId() != SUMMARY:
            wizard.button(QWizard.WizardButton.NextButton).click()
            qtbot.waitUntil(lambda: not wizard.problems_page.reader.busy)
        wizard.button(QWizard.WizardButton.FinishButton).click()
        return wizard.result()

    monkeypatch.setattr(ImportWizard, "exec", run)
    return ran


@pytest.fixture
def template_choices(monkeypatch) -> dict[str, str]:
    """The template dialog answered with these choices (kind, suffix, lang) and Save."""
    chosen: dict[str, str] = {}

    def run(dialog: TemplateDialog) -> int:
        dialog.choose(**chosen)
        return int(QDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(TemplateDialog, "exec", run)
    return chosen


@pytest.fixture
def save_to(monkeypatch, tmp_path: Path) -> list[str]:
    """The save dialog answers with tmp_path / the offered name; records the names offered."""
    offered: list[str] = []

    def answer(_parent, _title, start, _filter, *args, **kwargs):
        offered.append(Path(start).name)
        return str(tmp_path / Path(start).name), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return offered


# -- The start page -------------------------------------------------------------------------------

def test_an_empty_plan_shows_the_start_page_and_notes_bring_the_table(window: MainWindow) -> None:
    tab = window.notes_tab
    assert tab.showing_start()
    assert window.tabs.widget(0) is tab
    tab.start_page.buttons["demo"].click()
    assert len(window.document.plan.notes) == 60 and tab.currentWidget() is window.notes_view
    window.new_plan()
    assert tab.showing_start()


def test_the_start_page_comes_back_when_an_import_is_undone(window: MainWindow, tmp_path: Path,
                                                            wizard_finished) -> None:
    table = tmp_path / "notes.csv"
    table.write_text("笔记ID,行业,千次曝光成本,点击率,互动率,进店率,转化率,客单价\n"
                     "a1,美妆,50,3.2%,2%,0.3,0.05,200\n", encoding="utf-8")
    assert window.import_table(table)
    assert not window.notes_tab.showing_start()
    window.undo_stack.undo()
    assert window.notes_tab.showing_start()


def test_each_start_button_triggers_the_windows_action(window: MainWindow) -> None:
    triggered = []
    for name in START_ACTIONS:
        window.actions[name].triggered.disconnect()
        window.actions[name].triggered.connect(lambda _checked=False, n=name: triggered.append(n))
        window.notes_tab.start_page.buttons[name].click()
    assert triggered == list(START_ACTIONS) == ["demo", "import_notes", "save_template", "open"]


def test_a_recent_plan_opens_from_the_start_page(window: MainWindow, small_plan: Plan, tmp_path: Path) -> None:
    path = tmp_path / "recent.rcplan"
    save_plan(small_plan, path)
    window.settings.add_recent_file(path.resolve())
    page = window.notes_tab.start_page
    page.refresh()
    assert [page.recent.item(i).text() for i in range(page.recent.count())] == ["recent.rcplan"]
    assert page.no_recent.isHidden()
    page.recent.itemClicked.emit(page.recent.item(0))
    assert window.document.path == path.resolve() and not window.notes_tab.showing_start()


def test_the_start_page_is_reached_by_the_keyboard(window: MainWindow, qtbot) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page = window.notes_tab.start_page
    page.setFocus()
    assert QApplication.focusWidget() is page.buttons["demo"]
    seen = []
    for _ in range(12):
        seen.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert all(button in seen for button in page.buttons.values())
    page.buttons["demo"].setFocus()
    QTest.keyClick(page.buttons["demo"], Qt.Key.Key_Return)
    assert len(window.document.plan.notes) == 60


# -- Templates ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("suffix", "lang"), [(".xlsx", "zh"), (".csv", "en"), (".csv", "zh"), (".xlsx", "en")])
def test_a_template_saved_from_the_file_menu_imports_back(window: MainWindow, template_choices, save_to,
                                                          wizard_finished, suffix: str, lang: str) -> None:
    template_choices.update(kind="notes", suffix=suffix, lang=lang)
    window.actions["save_template"].trigger()
    expected = {("zh", ".xlsx"): "笔记模板.xlsx", ("en", ".csv"): "notes-template.csv"}
    assert save_to[0] == expected.get((lang, suffix), save_to[0]) and save_to[0].endswith(suffix)
    path = Path(window.settings.last_folder()) / save_to[0]
    assert path.exists() and "Template saved to" in window.statusBar().currentMessage()
    assert window.import_table(path)
    notes = window.document.plan.notes
    assert notes["note_id"].tolist() == ["N001"] and notes["industry"].tolist() == ["beauty"]
    assert notes["ctr"].tolist() == [pytest.approx(0.032)] and notes["budget"].tolist() == [10_000.0]
    assert wizard_finished[0].problems_page.model.rowCount() == 0


def test_a_history_template_is_read_by_the_import_as_history(window: MainWindow, template_choices, save_to,
                                                              wizard_finished, monkeypatch) -> None:
    template_choices.update(kind="history", suffix=".csv", lang="zh")
    path = window.save_template()
    assert path is not None and path.name == "历史数据模板.csv"
    fitted = []
    monkeypatch.setattr(window.lifts_view, "fit_history", lambda history, name: fitted.append((history, name)))
    assert window.import_table(path)
    history, name = fitted[0]
    assert history["period"].tolist() == ["base", "joint"] and name == path.name


def test_new_from_template_opens_the_notes_template_in_the_spreadsheet_program(
        window: MainWindow, template_choices, save_to, monkeypatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url) or True))
    template_choices.update(suffix=".xlsx")
    window.actions["new_from_template"].trigger()
    assert len(opened) == 1 and opened[0].toLocalFile().endswith(".xlsx")
    assert Path(opened[0].toLocalFile()).exists()


def test_a_cancelled_template_dialog_writes_nothing(window: MainWindow, dialogs, save_to) -> None:
    assert window.save_template() is None  # the dialogs fixture rejects the dialog
    assert save_to == []


# -- The user guide ------------------------------------------------------------------------------

@pytest.fixture
def chinese() -> Iterator[None]:
    assert install_language("zh_CN")
    yield
    install_language("en")


def test_f1_opens_the_user_guide_in_the_ui_language(window: MainWindow, chinese) -> None:
    assert "F1" in [key.toString() for key in window.actions["user_guide"].shortcuts()]
    window.actions["user_guide"].trigger()
    guide = window._guide
    assert isinstance(guide, GuideDialog) and guide.isVisible()
    text = guide.browser.toPlainText()
    assert "使用指南" in text and "联投出资" in text and "成交额 ÷ 总预算" in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_guide_defines_every_figure_in_the_catalogues_words(lang: str) -> None:
    text = guide_markdown(lang)
    for field in NOTE_OUTPUTS + NOTE_INPUTS:
        assert pick(field.definition, lang) in text, field.key
    assert "{{" not in text
    for section in (("笔记", "提升率", "联投出资（第 4 节）", "把计划交给代理商") if lang == "zh" else
                    ("Notes", "Lifts", "Joint funding", "Handing a plan to an agency")):
        assert section in text


def test_the_guide_is_shipped_with_the_package() -> None:
    import tomllib

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "guide/*.md" in pyproject["tool"]["setuptools"]["package-data"]["planner.resources"]
    assert resource_path("guide", "guide_zh.md").exists() and resource_path("guide", "guide_en.md").exists()
