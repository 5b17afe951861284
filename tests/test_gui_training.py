"""Training mode through its widgets: trainees right and wrong, and export (the facilitator: test_gui_facilitator)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu

from .gui_helpers import answer_screening, click, make_active_window, make_window, tick


@pytest.fixture
def setup(qtbot, tmp_path: Path, dialogs):
    w = make_window(qtbot, tmp_path / "profile")
    w.open_training()
    t = w._training
    qtbot.addWidget(t)
    return w, t


def choose_case(t, case_id: str) -> None:
    t.case_list.setCurrentRow([c.id for c in t.cases].index(case_id))


def test_trainee_gets_a_baby_injury_right(qtbot, setup) -> None:
    w, t = setup
    choose_case(t, "baby-bruise-health-visitor")
    assert "A small bruise on a four-month-old" in t.scenario.toPlainText()
    click(qtbot, t.answer_button)
    assert w.current == "danger" and not w.live.parentWidget().isVisible()  # outcome hidden while answering
    answer_screening(qtbot, w, age="under_1")
    tick(qtbot, w, "es_non_mobile_injury")
    click(qtbot, t.check_button)
    text = " ".join(t.result.toPlainText().split())
    assert "You chose the expected level." in text
    assert "Level 4: Acute or specialist" in text and "Teaching notes" in text
    assert "Accepting a plausible explanation" in text


def test_trainee_misses_cumulative_neglect(qtbot, setup) -> None:
    w, t = setup
    choose_case(t, "slow-neglect-escalates")
    click(qtbot, t.answer_button)
    answer_screening(qtbot, w)
    tick(qtbot, w, "bc_inconsistent_care")
    tick(qtbot, w, "ed_occasional_absence")
    click(qtbot, t.check_button)
    text = " ".join(t.result.toPlainText().split())
    assert "Your level differs from the expected one." in text
    assert "Your answers give Level 2: Additional needs" in text and "expected answer is Level 4" in text
    assert "You ticked, the expected answer did not: The child's basic care is sometimes lacking" in text
    assert "The expected answer ticked, you did not: The child has significant untreated dental decay" in text
    assert "start again syndrome" in text


def test_compare_before_answering_explains_what_to_do(qtbot, setup, dialogs) -> None:
    _, t = setup
    click(qtbot, t.check_button)
    assert dialogs.shown[-1][0] == "Answer the case first"


def test_export_has_only_a_nickname(qtbot, setup, dialogs) -> None:
    w, t = setup
    choose_case(t, "universal-sleep-worry")
    click(qtbot, t.answer_button)
    answer_screening(qtbot, w, age="age_1_4")
    click(qtbot, t.check_button)
    assert not t.export_answers()  # no nickname yet
    qtbot.keyClicks(t.nickname, "Owl")
    qtbot.keyClicks(t.agency, "Early years")
    assert t.export_answers()
    path = dialogs.saved_paths[-1]
    assert path.name == "training-answers.json"
    data = json.loads(path.read_text())
    assert data["format"] == "thresholds-training/1" and data["nickname"] == "Owl"
    assert data["cases"]["universal-sleep-worry"]["level"] == 1
    assert set(data) == {"format", "nickname", "agency", "ruleset", "cases"}


def choose_from_training_menu(qtbot, w, letter: Qt.Key) -> None:
    """Alt+T opens the Training menu; the item's underlined letter chooses it, as a keyboard user would."""
    qtbot.keyClick(w, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert menu.title() == "&Training"
    qtbot.keyClick(menu, letter)


def test_grid_from_the_menu(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_active_window(qtbot, tmp_path / "p2")
    choose_from_training_menu(qtbot, w, Qt.Key.Key_G)
    qtbot.waitUntil(lambda: bool(dialogs.saved_paths))
    assert dialogs.saved_paths[-1].name == "levels-of-need-grid.pdf"
    assert PdfReader(str(dialogs.saved_paths[-1])).pages[0].mediabox.width > 800
    assert "Grid saved" in w.statusBar().currentMessage()


def test_blank_questionnaire_from_the_menu(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_active_window(qtbot, tmp_path / "p3")
    choose_from_training_menu(qtbot, w, Qt.Key.Key_Q)
    qtbot.waitUntil(lambda: bool(dialogs.saved_paths))
    path = dialogs.saved_paths[-1]
    assert path.name == "blank-questionnaire.pdf"
    reader = PdfReader(str(path))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert w.ruleset.screening[0].text in text
    assert all(" ".join(i.text.split()) in text for i in w.ruleset.indicators.values())
    assert reader.pages[0].mediabox.width < reader.pages[0].mediabox.height  # portrait, to write on
    assert "Questionnaire saved" in w.statusBar().currentMessage()
