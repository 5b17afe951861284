"""Brothers and sisters in the app, driven as a referrer does: add a child, the family's answers kept,
each child's own answers and outcome, switch between them, and one saved household record and PDF."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt

from thresholds_app.records.household_record import HouseholdRecord, load_any_record

from .gui_helpers import answer_screening, click, complete_record, make_window, tick


def live_text(w) -> str:
    return " ".join(w.live.toPlainText().split())


def choose_child(qtbot, w, label: str) -> None:
    """Pick a child in "Child shown" with the keyboard: focus it, then arrow keys until the label shows."""
    combo = w.household_bar.child_choice
    combo.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == label:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{label!r} is not offered")


def test_two_children_from_first_answer_to_saved_record_and_pdf(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="under_1")
    tick(qtbot, w, "es_non_mobile_injury")      # the baby's own
    tick(qtbot, w, "bc_chronic_neglect")        # the family's: every child's
    assert not w.household_bar.child_choice.isVisible()
    dialogs.texts = ["Baby", "Sister (6)"]
    click(qtbot, w.household_bar.add_button)
    assert "child you have been assessing" in dialogs.asked[0] and "next child" in dialogs.asked[1]
    assert w.current == "danger" and w.household_bar.child_choice.isVisible()
    assert w.household_bar.child_choice.currentText() == "Sister (6)"
    answers = w.assessment.answers()
    assert answers.indicators.get("bc_chronic_neglect") == "yes"  # the family's answer, kept
    assert "es_non_mobile_injury" not in answers.indicators      # the baby's, not hers
    answer_screening(qtbot, w, age="age_5_11")
    text = live_text(w)
    assert "Household: 2 children, one outcome each" in text
    assert "Baby: Level 4" in text and "Sister (6) (shown): Level 3" in text
    assert any("ask about each of them" in a for a in w.assessment.recommendation().advice)
    complete_record(qtbot, w, "not_required")

    choose_child(qtbot, w, "Baby")
    assert w.household_bar.child_choice.currentText() == "Baby"
    assert w.assessment.answers().indicators.get("es_non_mobile_injury") == "yes"
    assert w.assessment.recommendation().level.number == 4
    complete_record(qtbot, w, "given")
    w.go("record")
    buttons = {b.text(): b for b in w.record_page.findChildren(type(w.next_button))}
    click(qtbot, buttons["&Save record..."])
    assert not dialogs.problems, dialogs.problems
    record = load_any_record(dialogs.saved_paths[-1])
    assert isinstance(record, HouseholdRecord) and record.hash_ok
    assert record.labels == ("Baby", "Sister (6)")
    assert [c.recommendation["level"]["number"] for c in record.children] == [4, 3]
    assert [c.consent.status for c in record.children] == ["given", "not_required"]
    assert dialogs.saved_paths[-1].name.startswith("household-record-")
    click(qtbot, buttons["Save &PDF..."])
    pdf = dialogs.saved_paths[-1]
    assert pdf.suffix == ".pdf"
    summary = " ".join(PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text().split())
    assert "household of 2 children" in summary and "Baby" in summary and "Sister (6)" in summary
    assert load_any_record(pdf) == record


def test_a_missing_consent_is_shown_on_that_childs_page(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="age_1_4")
    dialogs.texts = ["Older", "Younger"]
    click(qtbot, w.household_bar.add_button)
    answer_screening(qtbot, w, age="under_1")
    complete_record(qtbot, w, "given")  # the younger child's record is complete; the older one's is not
    w.go("record")
    buttons = {b.text(): b for b in w.record_page.findChildren(type(w.next_button))}
    click(qtbot, buttons["&Save record..."])
    assert dialogs.saved_paths == []
    (problems,) = dialogs.problems
    assert any("consent" in p for p in problems)
    assert w.household_bar.child_choice.currentText() == "Older"  # shown where the gap is


def test_removing_a_child_keeps_the_family_and_returns_to_one_child(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="age_5_11")
    tick(qtbot, w, "da_repeated")
    dialogs.texts = ["A", "B"]
    click(qtbot, w.household_bar.add_button)
    click(qtbot, w.household_bar.remove_button)
    assert "Remove B" in dialogs.shown[-1][1]
    assert not w.household_bar.child_choice.isVisible() and w.household is None
    assert w.assessment.answers().indicators.get("da_repeated") == "yes"
    assert "Household" not in live_text(w)


def test_a_label_that_is_already_used_is_asked_again(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w)
    dialogs.texts = ["Twin", "twin", "Twin 2"]
    click(qtbot, w.household_bar.add_button)
    assert any("already labelled" in text for _, text in dialogs.shown)
    assert w.household.labels == ["Twin", "Twin 2"]


def test_a_draft_keeps_every_child_not_only_the_one_shown(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="under_1")
    tick(qtbot, w, "es_non_mobile_injury")
    dialogs.texts = ["Baby", "Brother"]
    click(qtbot, w.household_bar.add_button)
    answer_screening(qtbot, w, age="age_12_17")
    tick(qtbot, w, "eb_violence_at_home")
    assert w.save_draft_now() == "kept"
    again = make_window(qtbot, tmp_path / "profile")
    again.offer_draft()  # the test's dialogs answer "Restore it"
    assert again.household is not None and again.household.labels == ["Baby", "Brother"]
    assert again.household_bar.child_choice.currentText() == "Brother"
    assert again.assessment.answers().indicators.get("eb_violence_at_home") == "yes"
    choose_child(qtbot, again, "Baby")
    assert again.assessment.answers().indicators.get("es_non_mobile_injury") == "yes"
    assert "eb_violence_at_home" not in again.assessment.answers().indicators


def test_adding_a_child_by_keyboard_alone(qtbot, tmp_path: Path, dialogs) -> None:
    from .gui_helpers import make_active_window

    w = make_active_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w)
    dialogs.texts = ["First", "Second"]
    qtbot.keyClick(w, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # "Add a chil&d..."
    qtbot.waitUntil(lambda: w.household is not None)
    assert w.household.labels == ["First", "Second"] and w.current == "danger"
    qtbot.keyClick(w, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # "Child sho&wn:" focuses the list
    assert w.household_bar.child_choice.hasFocus()
    qtbot.keyClick(w.household_bar.child_choice, Qt.Key.Key_Up)
    assert w.household_bar.child_choice.currentText() == "First" and w.household.current == 0


def test_the_short_interview_asks_family_worries_once_and_each_childs_own(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="age_5_11", walk="interview")
    click(qtbot, w.next_button)
    assert w.current == "worries"
    click(qtbot, w.worries_page.checks["basic_care"])  # a worry about the family
    click(qtbot, w.next_button)
    assert w.current == "basic_care"
    click(qtbot, w.domain_page.rows["bc_chronic_neglect"].buttons["yes"])
    dialogs.texts = ["Older", "Younger"]
    click(qtbot, w.household_bar.add_button)
    answer_screening(qtbot, w, age="age_1_4", walk="interview")
    click(qtbot, w.next_button)
    assert w.current == "worries"  # each child's own worry step
    assert w.worries_page.checks["basic_care"].isChecked()  # the family's, already chosen
    assert not w.worries_page.checks["health"].isChecked()
    click(qtbot, w.worries_page.checks["health"])  # this child's own worry
    visited = []
    for _ in range(10):
        click(qtbot, w.next_button)
        visited.append(w.current)
        if w.current == "review":
            break
    assert "health" in visited and "basic_care" not in visited  # the family's area is not asked again
    assert w.assessment.answers().indicators.get("bc_chronic_neglect") == "yes"
    assert set(w.assessment.worries or ()) == {"basic_care", "health"}


def test_a_saved_household_reopens_with_every_child(qtbot, tmp_path: Path, dialogs) -> None:
    from .gui_helpers import make_active_window

    w = make_active_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="under_1")
    tick(qtbot, w, "es_non_mobile_injury")
    tick(qtbot, w, "bc_chronic_neglect")
    qtbot.keyClicks(w.record_page.fields["initials"], "B.K.")
    complete_record(qtbot, w, "given")
    dialogs.texts = ["Baby", "Sister (6)"]
    click(qtbot, w.household_bar.add_button)
    answer_screening(qtbot, w, age="age_5_11")
    qtbot.keyClicks(w.record_page.fields["initials"], "S.K.")
    complete_record(qtbot, w, "not_required")
    w.go("record")
    buttons = {b.text(): b for b in w.record_page.findChildren(type(w.next_button))}
    click(qtbot, buttons["&Save record..."])
    saved = load_any_record(dialogs.saved_paths[-1])
    again = make_active_window(qtbot, tmp_path / "other")
    dialogs.open_path = dialogs.saved_paths[-1]
    qtbot.keyClick(again, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: again.household is not None)
    assert again.household.labels == ["Baby", "Sister (6)"] and again.current == "outcome"
    assert again.record_page.fields["initials"].text() == "B.K."
    assert again.assessment.recommendation().level.number == 4
    choose_child(qtbot, again, "Sister (6)")
    assert again.record_page.fields["initials"].text() == "S.K."
    assert again.assessment.answers().indicators.get("bc_chronic_neglect") == "yes"
    assert "es_non_mobile_injury" not in again.assessment.answers().indicators
    assert again.record_page.consent.currentData() == "not_required"
    again.go("record")
    buttons = {b.text(): b for b in again.record_page.findChildren(type(again.next_button))}
    click(qtbot, buttons["&Save record..."])
    assert load_any_record(dialogs.saved_paths[-1]) == saved  # nothing changed: the same record


def test_printing_a_household_prints_its_pdf_summary_and_every_child(qtbot, tmp_path: Path, dialogs) -> None:
    """Print once told the person to save the household's PDF and print that; now Ctrl+P prints it."""
    from .test_gui_walks import page_texts

    w = make_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, age="age_1_4")
    complete_record(qtbot, w, "given")
    dialogs.texts = ["Older", "Younger"]
    click(qtbot, w.household_bar.add_button)
    answer_screening(qtbot, w, age="under_1")
    complete_record(qtbot, w, "given")
    dialogs.print_to = tmp_path / "printed.pdf"
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert not dialogs.problems, dialogs.problems
    printed = load_any_record(dialogs.print_to)
    assert isinstance(printed, HouseholdRecord) and printed.labels == ("Older", "Younger")
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = dialogs.saved_paths[-1]
    assert load_any_record(saved) == printed  # printing then saving is one household record
    pages = page_texts(dialogs.print_to.read_bytes())
    assert pages == page_texts(saved.read_bytes())
    assert "household of 2 children" in pages[0] and "Older" in pages[0] and "Younger" in pages[0]
