"""Small frictions found by trying the app as a new user: each driven as a person would."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton

from thresholds_app.gui import dialogs as real_dialogs

from .gui_helpers import answer_screening, click, make_active_window, tick


@pytest.fixture
def w(qtbot, tmp_path: Path, dialogs):
    return make_active_window(qtbot, tmp_path / "profile")


def test_the_emerging_outcome_waits_for_an_answer(qtbot, w) -> None:
    click(qtbot, w.start_page.start_button)
    assert "Level" not in w.live.toPlainText() and "No answers yet" in w.live.toPlainText()
    click(qtbot, w.danger_page.choice.buttons["no"])
    assert "Level 1 of 4" in w.live.toPlainText()


def test_search_keyboard_and_the_area_list_comes_back(qtbot, w) -> None:
    answer_screening(qtbot, w)
    qtbot.keyClick(w, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is w.search
    qtbot.keyClicks(w.search, "bruis")
    assert w.results.isVisible() and not w.nav.isVisible()
    qtbot.keyClick(w.search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is w.results and w.results.currentRow() == 0
    first = w.results.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(w.results, Qt.Key.Key_Return)
    assert w.current == first[0]
    assert QApplication.focusWidget() is w.domain_page.rows[first[1]].buttons["yes"]
    assert w.nav.isVisible() and not w.results.isVisible() and w.search.text() == ""
    # Enter in the search box goes straight to the first match.
    w.search.setFocus()
    qtbot.keyClicks(w.search, "missing")
    target = w.results.item(0).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(w.search, Qt.Key.Key_Return)
    assert w.current == target[0] and w.nav.isVisible()
    # Escape leaves the search and brings the areas back.
    w.search.setFocus()
    qtbot.keyClicks(w.search, "school")
    qtbot.keyClick(w.search, Qt.Key.Key_Escape)
    assert w.search.text() == "" and w.nav.isVisible()


def test_the_start_page_says_plainly_what_is_kept(qtbot, w) -> None:
    text = " ".join(label.text() for label in w.start_page.findChildren(QLabel))
    assert "Nothing about a child is remembered" not in text
    assert "draft" in text and "until you save the record or discard it" in text


def test_file_dialogs_start_in_documents_then_where_you_last_saved(monkeypatch, tmp_path: Path) -> None:
    asked: list[str] = []
    chosen = tmp_path / "cases" / "record.json"
    chosen.parent.mkdir()
    monkeypatch.setattr(real_dialogs, "_last_folder", None)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda parent, title, start, filters: (asked.append(start), (str(chosen), ""))[1])
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda parent, title, start, filters: (asked.append(start), ("", ""))[1])
    monkeypatch.chdir(tmp_path)
    assert real_dialogs.ask_save_path(None, "Save record", "decision-record.json", "*.json") == chosen
    assert not asked[0].startswith(str(tmp_path)) and asked[0].endswith("decision-record.json")
    assert Path(asked[0]).parent.is_dir()
    real_dialogs.ask_save_path(None, "Save PDF", "decision-record.pdf", "*.pdf")
    assert asked[1] == str(chosen.parent / "decision-record.pdf")
    real_dialogs.ask_open_path(None, "Open record", "*.json")
    assert asked[2] == str(chosen.parent)


def test_problem_messages_read_as_plain_words(qtbot, model) -> None:
    from thresholds_app.core.problems import InputError
    from thresholds_app.records.mash import add_review

    from .records_helpers import make_record

    record = make_record(model, indicators={"ed_occasional_absence": "yes"})
    with pytest.raises(InputError) as refused:
        add_review(record, model, record.answers_object(), None, decision="", urgency="", reason="",
                   feedback="", reviewer="", team="")
    box = real_dialogs.problems_box(None, "Not saved", refused.value.problems)
    qtbot.addWidget(box)
    text = box.informativeText()
    assert "Urgency: " in text and "How to fix: " in text
    assert "error:" not in text and "$." not in text and "<" not in text


def test_a_different_role_or_agency_does_not_keep_the_last_persons_name(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    w.go("record")
    rp = w.record_page
    qtbot.keyClicks(rp.fields["referrer_name"], "PC Alex Morgan")
    qtbot.keyClicks(rp.fields["referrer_phone"], "01632 960000")
    click(qtbot, next(b for b in rp.findChildren(QPushButton) if b.text() == "&Save record..."))
    w.new_assessment()
    w.go("start")
    w.start_page.agency.selectAll()
    qtbot.keyClicks(w.start_page.agency, "Northside Primary School")
    click(qtbot, w.start_page.start_button)
    w.go("record")
    assert rp.fields["referrer_agency"].text() == "Northside Primary School"
    assert rp.fields["referrer_name"].text() == "" and rp.fields["referrer_phone"].text() == ""
    assert rp.verticalScrollBar().value() == 0  # the page opens at its top, with the referrer's details


def test_consent_guidance_follows_the_referrers_decision(qtbot, w, model) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_occasional_absence")
    w.go("outcome")
    click(qtbot, w.outcome_page.agree.buttons["differ"])
    route = w.outcome_page.route
    route.setFocus()
    while route.currentData() != "mash_consultation":
        qtbot.keyClick(route, Qt.Key.Key_Down)
    w.go("record")
    assert w.record_page.consent_guidance.text() == f"For this route: {model.routes['mash_consultation'].consent}"


def test_the_mouse_wheel_does_not_change_an_answer_it_passes_over(qtbot, quick) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    combo = quick.combos["disability"]
    centre = QPointF(combo.rect().center())
    wheel = QWheelEvent(centre, QPointF(combo.mapToGlobal(combo.rect().center())), QPoint(), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(combo, wheel)
    assert combo.currentData() is None


def test_quick_check_waits_for_an_answer(quick) -> None:
    assert "No answers yet" in quick.panel.toPlainText() and "Provisional" not in quick.panel.toPlainText()


def test_focus_is_shown_where_a_page_change_puts_it(qtbot, w) -> None:
    click(qtbot, w.start_page.start_button)
    target = QApplication.focusWidget()
    assert target is w.danger_page.choice.buttons["yes"]
    with_focus = target.grab().toImage()
    w.next_button.setFocus()
    assert target.grab().toImage() != with_focus


def test_search_finds_word_forms(qtbot, w) -> None:
    answer_screening(qtbot, w)
    texts = [hit.indicator.id for hit in w.assessment.search("absence")]
    assert "ed_persistent_absence" in texts  # "persistently absent"


def test_the_start_page_highlights_no_step(qtbot, w) -> None:
    answer_screening(qtbot, w)
    w.go("start")
    assert w.nav.currentItem() is None or not w.nav.currentItem().isSelected()


def test_quitting_with_nothing_entered_asks_nothing(qtbot, w, dialogs) -> None:
    click(qtbot, w.start_page.start_button)
    click(qtbot, w.next_button)
    w.close()
    assert dialogs.shown == []


def test_the_wheel_over_a_drop_down_is_left_for_the_page(qtbot, w) -> None:
    """An unfocused drop-down leaves the wheel unaccepted, so Qt passes it on and the page scrolls."""
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    answer_screening(qtbot, w)
    w.go("record")
    combo = w.record_page.consent
    choice = combo.currentData()

    def roll() -> QWheelEvent:
        centre = QPointF(combo.rect().center())
        event = QWheelEvent(centre, QPointF(combo.mapToGlobal(combo.rect().center())), QPoint(), QPoint(0, -120),
                            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(combo, event)
        return event

    assert not roll().isAccepted() and combo.currentData() == choice
    click(qtbot, combo)  # opened by a click: now the wheel is the drop-down's
    QApplication.processEvents()
    combo.hidePopup()
    assert roll().isAccepted() and combo.currentData() != choice
