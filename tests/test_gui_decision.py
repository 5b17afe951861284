"""The referrer's own decision on the outcome page and in what is saved and printed, driven as a person does."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox

from .gui_helpers import answer_screening, click, complete_record, make_window, tick, walk_to_outcome
from .test_record_decision_pdf import in_order


@pytest.fixture
def w(qtbot, tmp_path: Path, dialogs):
    return make_window(qtbot, tmp_path / "profile")


def choose(qtbot, combo: QComboBox, data: object) -> None:
    """Pick an item with the keyboard, as a person does: focus the list and press the arrow keys."""
    target = combo.findData(data)
    assert target >= 0, data
    combo.setFocus()
    while combo.currentIndex() != target:
        qtbot.keyClick(combo, Qt.Key.Key_Down if combo.currentIndex() < target else Qt.Key.Key_Up)


def to_outcome_at_level_4(qtbot, w) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "es_unexplained_injury")
    walk_to_outcome(qtbot, w)


def test_a_route_that_does_not_fit_the_level_is_warned_in_words(qtbot, w) -> None:
    to_outcome_at_level_4(qtbot, w)
    op = w.outcome_page
    assert not op.fit_warning.isVisible()
    click(qtbot, op.agree.buttons["differ"])
    assert not op.fit_warning.isVisible()  # the recommended pair, pre-selected, fits
    choose(qtbot, op.route, "universal")
    assert op.fit_warning.isVisible()
    text = op.fit_warning.text()
    assert text.startswith("Warning: the route chosen, Universal services, is not one this rule set uses at "
                           "level 4 (Acute or specialist).")
    assert "Referral to the MASH for assessment (section 17)" in text
    assert "Warning" in op.fit_warning.accessibleName()
    choose(qtbot, op.level, 1)
    assert not op.fit_warning.isVisible()  # level 1 and universal services go together
    choose(qtbot, op.route, "mash_referral")
    assert op.fit_warning.isVisible() and "at level 1 (Universal)" in op.fit_warning.text()
    click(qtbot, op.agree.buttons["agree"])
    assert not op.fit_warning.isVisible()


def test_saved_and_printed_records_lead_with_the_referrers_decision(qtbot, w, dialogs, tmp_path: Path) -> None:
    to_outcome_at_level_4(qtbot, w)
    op = w.outcome_page
    click(qtbot, op.agree.buttons["differ"])
    choose(qtbot, op.level, 3)
    choose(qtbot, op.route, "early_help_assessment")
    assert not op.fit_warning.isVisible()
    qtbot.keyClicks(op.reason, "The GP has explained the bruise; the family want early help.")
    click(qtbot, w.next_button)
    assert w.current == "record"
    complete_record(qtbot, w, "given")
    buttons = {b.text(): b for b in w.record_page.findChildren(QAbstractButton)}
    click(qtbot, buttons["Save &PDF..."])
    pdf_path = dialogs.saved_paths[-1]
    page_1 = " ".join(PdfReader(io.BytesIO(pdf_path.read_bytes())).pages[0].extract_text().split())
    in_order(page_1, "Referrer's decision: Level 3 of 4, Complex needs",
             "Route: Early help assessment and Team Around the Family",
             "The tool recommended Level 4 of 4, Acute or specialist", "Urgent MASH referral (section 47)",
             "The GP has explained the bruise", "What to do next",
             "Start the early help assessment", "Early Help Hub (example)", "Consent",
             "Early help needs the informed consent", "Timescale", "within 10 working days")
    # The system print dialog's copy leads the same way.
    dialogs.print_to = tmp_path / "printed.pdf"
    click(qtbot, buttons["Pr&int..."])
    printed = " ".join(" ".join(p.extract_text() for p in PdfReader(str(dialogs.print_to)).pages).split())
    in_order(printed, "Referrer's decision: Level 3 of 4, Complex needs",
             "Route: Early help assessment and Team Around the Family",
             "The tool recommended Level 4 of 4, Acute or specialist", "Urgent MASH referral (section 47)",
             "The GP has explained the bruise", "What to do next", "Start the early help assessment",
             "Who to contact", "Early Help Hub (example)", "Consent", "Early help needs the informed consent",
             "Timescale", "within 10 working days")
    assert "Telephone the front door now" not in printed  # the recommended route's steps are not offered
