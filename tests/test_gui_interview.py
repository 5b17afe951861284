"""The short interview in the app, driven as a person does: keys, Space and Enter, no setting of state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel

from .gui_helpers import focused, make_active_window


def name(widget) -> str:
    return widget.accessibleName() if widget is not None else ""


def tab_to(qtbot, predicate, limit: int = 200) -> None:
    """Press Tab until the focused control is the one wanted, as a keyboard user does."""
    for _ in range(limit):
        if predicate(focused()):
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    raise AssertionError(f"never reached by Tab; last: {name(focused())!r}")


def next_page(qtbot) -> None:
    qtbot.keyClick(focused(), Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)


def test_a_police_welfare_notification_by_keyboard_alone(qtbot, tmp_path: Path, dialogs) -> None:
    """A domestic incident, severity unknown: a few statements, then a settled outcome with what would
    change it. Every answer is given with Tab, arrows and Space."""
    w = make_active_window(qtbot, tmp_path / "profile")
    assert w.start_page.walk.value() == "interview"  # the short interview is the default
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # Start a new assessment
    assert w.current == "danger"
    next_page(qtbot)  # Next without an answer: this question cannot be skipped
    assert w.current == "danger" and "answer this first" in w.statusBar().currentMessage()
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # "No, the child is safe for now"
    next_page(qtbot)
    assert w.current == "screening"
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # age: from "Unborn" ...
    for _ in range(2):
        qtbot.keyClick(focused(), Qt.Key.Key_Down)  # ... to "5 to 11 years"
    assert w.assessment.age_band == "age_5_11"
    tab_to(qtbot, lambda f: "disability" in f.accessibleDescription().lower())
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # "No, not that I know of"
    tab_to(qtbot, lambda f: "already open" in f.accessibleDescription().lower())
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # "No, not that I know of"
    assert set(w.assessment.screening.values()) >= {"no", "age_5_11", "none"}
    next_page(qtbot)
    assert w.current == "worries"
    assert name(focused()) == "Worried about: Health"  # the first area has focus
    presses = 0
    while name(focused()) != "Worried about: Domestic abuse":  # Down walks the list, across the groups
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
        presses += 1
        assert presses < 40
    assert w.assessment.worries in (None, [])  # walking ticks nothing
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    assert w.assessment.worries == ["domestic_abuse"]
    next_page(qtbot)
    assert w.current == "domestic_abuse"
    shown = list(w.domain_page.rows)
    assert shown[0] == "da_high_risk" and "da_low_level" in shown and "da_teen_relationship_abuse" not in shown
    tab_to(qtbot, lambda f: name(f).startswith("Applies: There has been a domestic abuse incident"))
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    for statement in ("Domestic abuse is repeated", "Domestic abuse is high risk"):
        tab_to(qtbot, lambda f, text=statement: name(f).startswith(f"Applies: {text}"))
        for _ in range(2):  # arrows move within the three answers: to "Don't know"
            qtbot.keyClick(focused(), Qt.Key.Key_Right)
        assert name(focused()).startswith(f"Don't know: {statement}")
    assert w.assessment.indicators == {"da_low_level": "yes", "da_repeated": "dont_know", "da_high_risk": "dont_know"}
    assert w.progress_label.text() == "Worried-about areas answered: 1 of 1"
    asked = len(shown)
    for _ in range(5):  # "before you finish", if anything there could still matter, then the review
        next_page(qtbot)
        if w.current == "before_finish":
            asked += len(w.finish_page.rows)
        if w.current == "review":
            break
    assert w.current == "review"
    review = " ".join([*(label.text() for label in w.review_page.findChildren(QLabel)),
                       *(box.title() for box in w.review_page.findChildren(QGroupBox))])
    assert "No concerns known to the referrer" in review and "Education and learning" in review
    next_page(qtbot)
    assert w.current == "outcome"
    text = " ".join(w.outcome_page.summary.toPlainText().split())
    assert "Level 2 of 4" in text and "Route: Single-agency early help" in text
    assert "What would change this" in text and "Domestic abuse is repeated" in text
    assert asked <= 15
    # Areas not chosen are "no concerns known to the referrer", not "not looked at".
    rec = w.assessment.recommendation()
    assert {d.id for d in rec.domains_not_worried} >= {"education", "housing"}
    assert "education" not in {d.id for d in rec.domains_not_considered}


def test_alt_s_starts_from_the_start_page(qtbot, tmp_path: Path, dialogs) -> None:
    """One control per shortcut: Alt+S starts (it had only moved focus between two 'Start' buttons)."""
    w = make_active_window(qtbot, tmp_path / "profile")
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: w.current == "danger")


def test_an_area_chosen_from_the_list_shows_most_serious_first(qtbot, tmp_path: Path, dialogs) -> None:
    w = make_active_window(qtbot, tmp_path / "profile")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # Start
    qtbot.keyClick(focused(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # find a statement
    qtbot.keyClicks(focused(), "long-standing neglect")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # go to the first match's area
    assert w.current == "basic_care"
    levels = [w.ruleset.indicators[i].level for i in w.domain_page.rows]
    assert len(levels) > 1 and levels == sorted(levels, reverse=True)


def test_next_with_no_worry_chosen_moves_on(qtbot, tmp_path: Path, dialogs) -> None:
    """Choosing no area is an answer ("no concerns known to me"), not a page that cannot be left."""
    w = make_active_window(qtbot, tmp_path / "profile")
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # Start
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # not in immediate danger
    next_page(qtbot)
    for _ in range(3):  # 5 to 11 years
        qtbot.keyClick(focused(), Qt.Key.Key_Down)
    next_page(qtbot)  # two questions still unanswered: say which, and stay
    assert w.current == "screening"
    assert "Does the child have a disability" in w.statusBar().currentMessage()
    for question in ("disability", "already open"):
        tab_to(qtbot, lambda f, q=question: q in f.accessibleDescription().lower())
        qtbot.keyClick(focused(), Qt.Key.Key_Space)
    next_page(qtbot)
    assert w.current == "worries"
    next_page(qtbot)
    assert w.current == "before_finish" and w.assessment.worries == []
    assert w.finish_page.rows  # the few statements asked of every child


def test_a_record_made_walking_every_area_reopens_with_every_area(qtbot, tmp_path: Path, dialogs) -> None:
    """A record without the interview's worries (older, or made walking every area) lists every area
    again, so each answer can be looked at; the short interview would hide the areas it answered."""
    w = make_active_window(qtbot, tmp_path / "profile")
    dialogs.open_path = Path(__file__).parent / "data" / "record-v1-agrees.json"
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: w.current == "outcome")
    names = {w.nav.topLevelItem(i).child(j).text(0) for i in range(w.nav.topLevelItemCount())
             for j in range(w.nav.topLevelItem(i).childCount())}
    assert {"Housing", "Basic care", "Health"} <= names


def test_no_concerns_here_cannot_contradict_a_statement_that_applies(qtbot, tmp_path: Path, dialogs) -> None:
    from .gui_helpers import answer_screening, click

    w = make_active_window(qtbot, tmp_path / "profile")
    answer_screening(qtbot, w, walk="interview")
    click(qtbot, w.next_button)  # to the worries
    click(qtbot, w.worries_page.checks["housing"])
    click(qtbot, w.next_button)
    assert w.current == "housing"
    click(qtbot, w.domain_page.rows["ho_poor_housing"].buttons["yes"])
    click(qtbot, w.domain_page.clear_area)
    assert not w.domain_page.clear_area.isChecked() and "marked as applying" in w.statusBar().currentMessage()
    assert "housing" not in w.assessment.domains and w.assessment.indicators["ho_poor_housing"] == "yes"
