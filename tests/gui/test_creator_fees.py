"""Creator fees in the app (MODEL.md section 11): total cost and ROI on total cost in the cards and the notes
table, and the plan setting "brand budget covers creator fees" as an undoable edit."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from planner.gui.document import PlanDocument
from planner.gui.i18n import install_language
from planner.gui.main_window import MainWindow
from planner.gui.models.note_columns import COLUMN_INDEX, COLUMNS
from planner.gui.models.notes_model import NotesTableModel
from planner.gui.views.kpis import KpiPanel
from planner.model.plan import Plan

EDIT = Qt.ItemDataRole.EditRole


@pytest.fixture
def fee_plan(small_plan: Plan) -> Plan:
    """The small plan (budgets ¥1,000, ¥500, ¥0) with fees of ¥3,000, ¥100 and ¥0."""
    return small_plan.with_notes(small_plan.notes.assign(creator_fee=[3000.0, 100.0, 0.0]))


def test_the_cards_show_the_total_cost_and_the_roi_on_it(qtbot, fee_plan: Plan) -> None:
    document = PlanDocument(fee_plan)
    cards = KpiPanel(document)
    qtbot.addWidget(cards)
    totals = document.estimate.totals
    assert cards.value_text("total_cost") == "¥4.6K"  # ¥1,500 of boosts and ¥3,100 of fees
    total_roi, brand_roi = totals["gmv"] / 4600, totals["gmv"] / (totals["brand_cost"] + 3100)
    assert cards.cards["total_cost"].detail.text() == f"ROI {total_roi:.2f}, brand {brand_roi:.2f}"
    assert cards.cards["total_cost"].toolTip().split("\n") == [
        "Total cost: boost budget plus creator fees, in ¥", "¥4,600", "Creator fee: ¥3,100",
        f"ROI on total cost: GMV ÷ total cost (empty when it is 0): {total_roi:.2f}",
        f"Brand ROI on total cost: GMV ÷ (brand cost + creator fees): {brand_roi:.2f}"]


def test_the_notes_table_has_the_fee_total_cost_and_both_rois(fee_plan: Plan) -> None:
    stack = QUndoStack()
    document = PlanDocument(fee_plan)
    model = NotesTableModel(document, stack)
    editable = {column.key: column.editable for column in COLUMNS}
    assert (editable["creator_fee"], editable["total_cost"], editable["total_roi"], editable["brand_total_roi"]) == (
        True, False, False, False)

    def shown(row: int, key: str) -> object:
        return model.data(model.index(row, COLUMN_INDEX[key]))

    gmv = document.estimate.notes["gmv"].iat[1]  # n2: ¥500 of its own boost, ¥100 fee, no platform money
    assert (shown(1, "creator_fee"), shown(1, "total_cost")) == ("¥100", "¥600")
    assert shown(1, "total_roi") == shown(1, "brand_total_roi") == f"{gmv / 600:.2f}"
    assert shown(2, "total_roi") == "—"  # nothing paid: no ROI
    assert model.setData(model.index(1, COLUMN_INDEX["creator_fee"]), "¥400", EDIT)
    assert (shown(1, "total_cost"), shown(1, "total_roi")) == ("¥900", f"{gmv / 900:.2f}")
    stack.undo()
    assert shown(1, "total_cost") == "¥600"


def test_the_totals_row_shows_the_fees_the_total_cost_and_its_rois(demo_window: MainWindow) -> None:
    document = demo_window.document
    document.set_note_values("creator_fee", np.array([0, 1]), np.array([5_000.0, 10_000.0]))
    totals, plan = demo_window.notes_view.totals, document.estimate.totals
    assert (totals.cell_text("creator_fee"), totals.cell_text("total_cost")) == (
        "¥15,000", f"¥{plan['budget'] + 15_000:,.0f}")
    assert totals.cell_text("total_roi") == f"{plan['gmv'] / (plan['budget'] + 15_000):.2f}"
    assert totals.cell_text("brand_total_roi") == f"{plan['gmv'] / (plan['brand_cost'] + 15_000):.2f}"


def test_brand_budget_covering_creator_fees_is_an_undoable_setting(demo_window: MainWindow) -> None:
    panel = demo_window.optimise_panel
    document = demo_window.document
    # The demo's brand cost is ¥578,550 of its ¥600,000 budget: ¥15,000 of fees fit in, ¥30,000 do not.
    document.set_note_values("creator_fee", np.array([0, 1]), np.array([5_000.0, 10_000.0]))
    count = demo_window.undo_stack.count()
    assert not document.plan.params.fees_in_budget and not panel.fees_in_budget.isChecked()
    panel.fees_in_budget.setChecked(True)
    assert document.plan.params.fees_in_budget
    assert demo_window.undo_stack.count() == count + 1
    brand = demo_window.kpis.cards["brand_cost"]
    assert brand.detail.text() == "with fees ¥593.5K" and not brand.warning
    document.set_note_values("creator_fee", np.array([1]), np.array([25_000.0]))
    assert brand.warning and brand.detail.text() == "over by ¥8.6K"
    assert "Brand cost and creator fees are ¥8,550 over the brand budget of ¥600,000." in brand.toolTip()
    document.set_note_values("creator_fee", np.array([1]), np.array([10_000.0]))
    demo_window.undo_stack.undo()
    assert not document.plan.params.fees_in_budget
    assert not panel.fees_in_budget.isChecked()  # the panel follows the undo
    assert demo_window.kpis.cards["brand_cost"].detail.text() == "budget ¥600.0K"
    demo_window.undo_stack.redo()
    assert panel.fees_in_budget.isChecked()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_window_with_the_total_cost_card_fits_a_1366_pixel_screen(qapp, make_window, language: str) -> None:
    install_language(language)
    try:
        window: MainWindow = make_window()
        assert window.open_demo()
        document = window.document
        count = len(document.plan.notes)
        document.set_note_values("creator_fee", np.arange(count), np.full(count, 16_000.0))
        document.set_params(fees_in_budget=True)  # over budget: the brand card's longest line
        assert window.kpis.cards["brand_cost"].warning
        window.show()  # the cards' style (their 13-point values) applies once shown
        qapp.processEvents()
        assert window.minimumSizeHint().width() <= 1366
    finally:
        install_language("en")


def test_columns_of_imported_fees_widen_to_show_their_total(qapp, make_window, monkeypatch) -> None:
    from planner.gui.views import exports_wizard
    from planner.model.merge import MergedNotes

    class Imported:
        """The wizard, finished: the exports gave every note a fee of ¥98,765 (a total of ¥5,925,900)."""

        def __init__(self, session, *_args) -> None:
            count = len(session.document.plan.notes)
            session.document.set_note_values("creator_fee", np.arange(count), np.full(count, 98_765.0))
            self.merged, self.history, self.saved = MergedNotes(session.document.plan.notes, 0, count), None, None

        def exec(self) -> bool:
            return True

    install_language("zh_CN")  # 合作费: a header narrower than the total
    try:
        window: MainWindow = make_window()
        assert window.open_demo()
        window.show()
        table, totals = window.notes_view.table, window.notes_view.totals
        narrow = table.columnWidth(COLUMN_INDEX["creator_fee"])
        monkeypatch.setattr(exports_wizard, "ExportsWizard", Imported)
        assert window.import_exports()
        text = totals.cell_text("creator_fee")
        assert text == "¥5,925,900" and totals.fontMetrics().horizontalAdvance(text) > narrow
        assert table.columnWidth(COLUMN_INDEX["creator_fee"]) > totals.fontMetrics().horizontalAdvance(text)
    finally:
        install_language("en")
