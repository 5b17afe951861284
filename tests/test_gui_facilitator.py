"""The facilitator's view at a roadshow, driven as a trainer does: a show of hands, files, the summary PDF."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from .gui_helpers import click, make_window

SHOUTING = "A shouting match reported by a neighbour"
BRUISE = "A small bruise on a four-month-old"


@pytest.fixture
def t(qtbot, tmp_path: Path, dialogs):
    """The training window, on the "Facilitate a session" tab, opened by clicking the tab."""
    w = make_window(qtbot, tmp_path / "profile")
    w.open_training()
    window = w._training
    qtbot.addWidget(window)
    tabs = window.centralWidget()
    QApplication.processEvents()
    qtbot.mouseClick(tabs.tabBar(), Qt.MouseButton.LeftButton, pos=tabs.tabBar().tabRect(1).center())
    assert tabs.currentIndex() == 1
    return window


def choose(qtbot, combo, text: str) -> None:
    """Pick an item with the keyboard, as a person does: Home, then Down until it shows."""
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText().startswith(text):
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{text!r} is not offered")


def type_number(qtbot, spin, n: int) -> None:
    qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(spin, str(n))
    assert spin.value() == n


def add_hands(qtbot, t, case_title: str, level: int, count: int) -> None:
    choose(qtbot, t.hands_case, case_title)
    choose(qtbot, t.hands_level, f"Level {level}")
    type_number(qtbot, t.hands_count, count)
    click(qtbot, t.hands_button)


def table(t) -> dict[str, list[str]]:
    return {t.table.item(r, 0).text(): [t.table.item(r, c).text() for c in range(1, t.table.columnCount())]
            for r in range(t.table.rowCount())}


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_a_mis_entered_show_of_hands_can_be_removed(qtbot, t) -> None:
    add_hands(qtbot, t, SHOUTING, 2, 5)
    add_hands(qtbot, t, SHOUTING, 3, 3)
    add_hands(qtbot, t, SHOUTING, 4, 4)  # a slip: four hands for level 4 that nobody raised
    assert table(t)[SHOUTING][0] == "L2: 5, L3: 3, L4: 4"
    assert t.remove_hands_button.isVisible() and t.remove_hands_button.accessibleName()
    # With the mouse: click the wrong entry, then "Remove selected".
    item = t.hands_list.item(2)
    assert "Level 4" in item.text() and "4" in item.text()
    qtbot.mouseClick(t.hands_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=t.hands_list.visualItemRect(item).center())
    click(qtbot, t.remove_hands_button)
    assert table(t)[SHOUTING][0] == "L2: 5, L3: 3"
    assert t.hands_list.count() == 2
    assert t.kappa_label.text().startswith("8 people")
    # With the keyboard: in the list, Up to the first entry, Tab to the button, Space.
    qtbot.mouseClick(t.hands_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=t.hands_list.visualItemRect(t.hands_list.item(1)).center())
    qtbot.keyClick(t.hands_list, Qt.Key.Key_Up)
    assert "Level 2" in t.hands_list.selectedItems()[0].text()
    qtbot.keyClick(t.hands_list, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is t.remove_hands_button
    qtbot.keyClick(t.remove_hands_button, Qt.Key.Key_Space)
    assert table(t)[SHOUTING][0] == "L3: 3"
    assert t.hands_list.count() == 1


def test_eight_people_on_two_cases_are_eight_people(qtbot, t) -> None:
    add_hands(qtbot, t, SHOUTING, 2, 5)
    add_hands(qtbot, t, SHOUTING, 3, 3)
    add_hands(qtbot, t, BRUISE, 4, 8)
    text = t.kappa_label.text()
    assert text.startswith("8 people: 8 by show of hands (the most hands raised on any one case).")
    # Told how many are in the room (one person kept their hand down), the count is the room.
    type_number(qtbot, t.room_size, 9)
    assert t.kappa_label.text().startswith("9 people: 9 by show of hands (the number in the room, as entered).")


def test_a_show_of_hands_invents_no_routes(qtbot, t) -> None:
    add_hands(qtbot, t, SHOUTING, 2, 5)
    routes = table(t)[SHOUTING][4]
    assert routes == "routes not asked (show of hands): 5"
    assert "early help" not in routes.lower()


def test_one_case_gives_no_kappa_on_screen_or_in_the_pdf(qtbot, t, dialogs) -> None:
    add_hands(qtbot, t, SHOUTING, 2, 8)
    assert "not enough cases (needs at least 2)" in t.kappa_label.text()
    assert "1.00" not in t.kappa_label.text()
    click(qtbot, t.summary_button)
    text = pdf_text(dialogs.saved_paths[-1])
    assert "not enough cases (needs at least 2)" in text and "1.00" not in text
    add_hands(qtbot, t, BRUISE, 4, 8)
    assert t.kappa_label.text().endswith("Agreement across cases (Fleiss' kappa): 1.00")


def test_no_stray_audit_message_in_the_facilitator_view(qtbot, t) -> None:
    # The empty chart painted the audit window's "No records audited yet.": show it only with answers.
    QApplication.processEvents()
    assert not t.chart.isVisible()
    assert t.kappa_label.text() == "No answers yet."
    add_hands(qtbot, t, SHOUTING, 2, 3)
    assert t.chart.isVisible()
    qtbot.mouseClick(t.hands_list.viewport(), Qt.MouseButton.LeftButton,
                     pos=t.hands_list.visualItemRect(t.hands_list.item(0)).center())
    click(qtbot, t.remove_hands_button)
    assert not t.chart.isVisible() and t.kappa_label.text() == "No answers yet."


def test_session_pdf_has_names_a_whole_header_and_its_date(qtbot, t, dialogs, tmp_path: Path) -> None:
    files = []
    for nick, level, route in (("Owl", 2, "single_agency_early_help"), ("Fox", 4, "mash_urgent")):
        path = tmp_path / f"{nick}.json"
        path.write_text(json.dumps({"format": "thresholds-training/1", "nickname": nick, "agency": "Police",
                                    "ruleset": {}, "cases": {"police-welfare-argument": {"level": level,
                                                                                         "route": route}}}))
        files.append(path)
    dialogs.open_paths = files
    click(qtbot, t.import_button)
    add_hands(qtbot, t, BRUISE, 4, 2)
    assert t.table.item(0, 5).text() or t.table.item(1, 5).text()
    click(qtbot, t.summary_button)
    text = pdf_text(dialogs.saved_paths[-1])
    assert "Single-agency early help: 1" in text and "Urgent MASH referral (section 47): 1" in text
    assert "single_agency_early_help" not in text and "mash_urgent" not in text
    assert "Case Levels chosen Expected" in text and "Expecte d" not in text
    today = date.today()
    assert f"Made on {today.day} {today:%B %Y}" in text
    assert "4 people: 2 from answers files and 2 by show of hands" in text


def test_a_session_with_known_agreement(qtbot, t, dialogs, tmp_path: Path) -> None:
    files = []
    for nick, agency, a, b in (("Owl", "Police", 2, 4), ("Fox", "Police", 4, 4), ("Elm", "Health", 2, 3)):
        path = tmp_path / f"{nick}.json"
        path.write_text(json.dumps({"format": "thresholds-training/1", "nickname": nick, "agency": agency,
                                    "ruleset": {}, "cases": {
                                        "police-welfare-argument": {"level": a, "route": "x"},
                                        "baby-bruise-health-visitor": {"level": b, "route": "y"}}}))
        files.append(path)
    (tmp_path / "junk.json").write_text('{"nickname": "x"}')
    dialogs.open_paths = [*files, tmp_path / "junk.json"]
    click(qtbot, t.import_button)
    assert dialogs.problems and "not a Thresholds training answers file" in dialogs.problems[-1][0]
    # Fleiss' kappa, worked by hand: P_i = 1/3 for both cases; P_e = (2/6)^2 + (1/6)^2 + (3/6)^2 = 14/36
    assert t.kappa_label.text() == "3 people: 3 from answers files. Agreement across cases (Fleiss' kappa): -0.09"
    rows = table(t)
    assert rows[SHOUTING] == ["L2: 2, L4: 1", "Level 2", "Level 2 (67%)", "67%", "x: 3"]
    assert rows[BRUISE] == ["L3: 1, L4: 2", "Level 4", "Level 4 (67%)", "67%", "y: 3"]
    assert "Health L2 1" in t.agencies.toPlainText() and "Police L2 1, L4 1" in t.agencies.toPlainText()
    assert t.chart.data["A small bruise on a four-mon"] == {3: 1, 4: 2}
    # A show of hands adds to the same level figures, and to the people once.
    add_hands(qtbot, t, SHOUTING, 2, 3)
    assert table(t)[SHOUTING][0] == "L2: 5, L4: 1"
    assert t.kappa_label.text().startswith("6 people: 3 from answers files and 3 by show of hands")
    click(qtbot, t.summary_button)
    text = pdf_text(dialogs.saved_paths[-1])
    assert "Threshold roadshow: session summary" in text and BRUISE in text


def test_the_most_common_level_names_the_level_on_screen_and_in_the_pdf(qtbot, t, dialogs) -> None:
    # The trainer's case: 5 of 8 chose Level 3 on a Level 2 case; "62%" alone read as agreement with Level 2.
    add_hands(qtbot, t, SHOUTING, 2, 3)
    add_hands(qtbot, t, SHOUTING, 3, 5)
    # A tie names both levels.
    add_hands(qtbot, t, BRUISE, 2, 2)
    add_hands(qtbot, t, BRUISE, 3, 2)
    add_hands(qtbot, t, BRUISE, 4, 1)
    rows = table(t)
    header = t.table.horizontalHeaderItem(3).text()
    assert header == "Most common level"
    assert rows[SHOUTING][1:4] == ["Level 2", "Level 3 (62%)", "38%"]
    assert rows[BRUISE][1:4] == ["Level 4", "Levels 2 and 3 (40% each)", "20%"]
    click(qtbot, t.summary_button)
    text = pdf_text(dialogs.saved_paths[-1])
    assert "Level 3 (62%)" in text and "Levels 2 and 3 (40% each)" in text


def test_saving_the_session_summary_says_where(qtbot, t, dialogs) -> None:
    add_hands(qtbot, t, SHOUTING, 2, 8)
    assert t.statusBar().currentMessage() == ""
    click(qtbot, t.summary_button)
    saved = dialogs.saved_paths[-1]
    assert saved.exists()
    pages = len(PdfReader(str(saved)).pages)
    assert pages == 1
    QApplication.processEvents()
    assert t.statusBar().isVisible()
    assert t.statusBar().currentMessage() == f"Session summary saved to {saved.name} (1 page)."


def test_hostile_answers_files_are_listed_and_the_good_one_imported(qtbot, t, dialogs, tmp_path: Path) -> None:
    good = tmp_path / "Owl.json"
    good.write_text(json.dumps({"format": "thresholds-training/1", "nickname": "Owl", "agency": "Police",
                                "ruleset": {}, "cases": {"police-welfare-argument": {"level": 2,
                                                                                     "route": "universal"}}}))
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    huge = tmp_path / "huge.json"
    huge.write_text('{"format": "thresholds-training/1", "nickname": "Fox", "cases": {"x": {"level": '
                    + "9" * 5000 + "}}}")
    dialogs.open_paths = [deep, good, huge]
    click(qtbot, t.import_button)
    (problems,) = dialogs.problems
    assert any(p.startswith(f"{deep}:") and "nested too deeply" in p for p in problems), problems
    assert any(p.startswith(f"{huge}:1:") and "5,000 digits long" in p for p in problems), problems
    assert [p.nickname for p in t.participants] == ["Owl"]
