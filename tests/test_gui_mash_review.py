"""The MASH review window as a MASH worker uses it: opening referrals one after another, deciding, refusals."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QAccessible, QFontMetrics
from PySide6.QtWidgets import QApplication, QStyle

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.gui import dialogs as app_dialogs
from thresholds_app.gui.mash_window import INDICATOR, MashWindow
from thresholds_app.records.mash import add_review, combined_answers
from thresholds_app.records.record import Child, load_record, save_record

from .gui_helpers import click, click_check_box, item_option
from .records_helpers import NAMES, make_record

OTHER_CHILD = Child(initials="C.D.", local_reference="UPN-9000", age_band="5 to 11 years")


def open_record(qtbot, mash: MashWindow, dialogs, path: Path) -> None:
    dialogs.open_path = path
    click(qtbot, mash.open_button)
    assert mash.record is not None and mash.record.record_id == load_record(path).record_id


def choose(qtbot, combo, text: str) -> None:
    """Pick a drop-down entry with the keyboard, as a person tabbing through the form does."""
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentText() == text:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == text


def item_for(mash: MashWindow, indicator: str):
    return next(i for i in mash._items() if i.data(0, INDICATOR) == indicator)


def open_domain(qtbot, mash: MashWindow, item) -> None:
    """Click the domain heading and press the right arrow, so its statements show."""
    domain = item.parent()
    QApplication.processEvents()
    mash.checks.scrollToItem(domain)
    qtbot.mouseClick(mash.checks.viewport(), Qt.MouseButton.LeftButton,
                     pos=mash.checks.visualItemRect(domain).center())
    qtbot.keyClick(mash.checks, Qt.Key.Key_Right)
    assert domain.isExpanded()


def tick(qtbot, mash: MashWindow, indicator: str) -> None:
    """Tick a statement once ("applies"), opening its domain first if need be."""
    item = item_for(mash, indicator)
    if not item.parent().isExpanded():
        open_domain(qtbot, mash, item)
    click_check_box(qtbot, mash.checks, item)


def saved(model, tmp_path: Path, name: str, **kwargs) -> Path:
    path = tmp_path / f"{name}.json"
    save_record(make_record(model, **kwargs), path)
    return path


def test_opening_another_referral_starts_a_clean_review(qtbot, model, mash, dialogs, tmp_path: Path) -> None:
    first = saved(model, tmp_path, "first", indicators={"ed_occasional_absence": "yes", "da_repeated": "dont_know"})
    second = saved(model, tmp_path, "second", child=OTHER_CHILD, worry="C.D. has not been seen at nursery.")
    reviewed_by_other = make_record(model, child=Child(initials="E.F."), indicators={"ed_occasional_absence": "yes"})
    extra = Answers.from_dict({"indicators": {"da_repeated": "yes"}})
    reviewed_by_other = add_review(
        reviewed_by_other, model, extra, evaluate(model, combined_answers(reviewed_by_other.answers_object(), extra)),
        decision="consultation_advice", urgency="green", reason="E.F.'s school already has a plan.",
        feedback="Advice given to E.F.'s school.", reviewer="Kim Other", team="Night duty")
    third = tmp_path / "third.json"
    save_record(reviewed_by_other, third)

    open_record(qtbot, mash, dialogs, first)
    tick(qtbot, mash, "da_repeated")
    choose(qtbot, mash.decision, "Child and family assessment (section 17)")
    click(qtbot, mash.urgency.buttons["amber"])
    qtbot.keyClicks(mash.reason, "A.B.'s father was arrested twice this month.")
    qtbot.keyClicks(mash.feedback, "Thank you; A.B. will be assessed.")
    qtbot.keyClicks(mash.reviewer, "Sam Patel")
    qtbot.keyClicks(mash.team, "Front door")

    def assert_clean() -> None:
        assert mash.reason.toPlainText() == "" and mash.feedback.toPlainText() == ""
        assert mash.urgency.value() is None and mash.additional().indicators == {}
        assert mash.decision.currentIndex() == 0 and not mash.decision.currentData()
        assert (mash.reviewer.text(), mash.team.text()) == ("Sam Patel", "Front door")  # the worker, not a child

    open_record(qtbot, mash, dialogs, second)
    assert_clean()
    # A record with a saved review shows that review, and only until the next referral is opened.
    open_record(qtbot, mash, dialogs, third)
    assert mash.reason.toPlainText() == "E.F.'s school already has a plan."
    assert mash.feedback.toPlainText() == "Advice given to E.F.'s school."
    assert mash.decision.currentData() == "consultation_advice" and mash.urgency.value() == "green"
    assert (mash.reviewer.text(), mash.team.text()) == ("Kim Other", "Night duty")
    open_record(qtbot, mash, dialogs, second)
    assert_clean()


def test_referrers_view_shows_who_referred_and_how_to_reach_them(qtbot, model, mash, dialogs,
                                                                  tmp_path: Path) -> None:
    open_record(qtbot, mash, dialogs, saved(model, tmp_path, "referral"))
    shown = mash.referrer_view.toPlainText()
    for label, value in (("Name", NAMES[0]), ("Role", "Designated safeguarding lead"),
                         ("Agency", "Example Primary School"), ("Team", "Pastoral"), ("Phone", "01632 960200"),
                         ("Email", "dsl@example.sch.uk")):
        assert f"{label}: {value}" in shown


def test_the_worker_must_choose_a_decision(qtbot, model, mash, dialogs, tmp_path: Path) -> None:
    open_record(qtbot, mash, dialogs, saved(model, tmp_path, "referral"))
    assert mash.decision.currentText() == "Choose a decision" and not mash.decision.currentData()
    click(qtbot, mash.urgency.buttons["green"])
    qtbot.keyClicks(mash.reason, "Universal services meet the child's needs.")
    click(qtbot, mash.save_button)
    assert not dialogs.saved_paths
    assert len(dialogs.problems) == 1 and len(dialogs.problems[0]) == 1
    assert dialogs.problems[0][0].startswith("Decision:") and "choose" in dialogs.problems[0][0]
    mash.decision.setFocus()
    qtbot.keyClick(mash.decision, Qt.Key.Key_Down)
    assert mash.decision.currentText() == "No further action, signpost to universal services"
    click(qtbot, mash.save_button)
    assert load_record(dialogs.saved_paths[-1]).mash["decision"]["id"] == "nfa_universal"


def test_refusals_are_plain_english_with_a_short_title(qtbot, model, mash, dialogs, monkeypatch,
                                                        tmp_path: Path) -> None:
    titles: list[str] = []
    recorded = app_dialogs.show_problems
    monkeypatch.setattr(app_dialogs, "show_problems", lambda parent, title, problems, intro="": (
        titles.append(title), recorded(parent, title, problems, intro)))
    open_record(qtbot, mash, dialogs, saved(model, tmp_path, "referral"))
    qtbot.keyClicks(mash.reason, "   ")
    for button in (mash.save_button, mash.print_button):
        click(qtbot, button)
        shown = dialogs.problems[-1]
        assert [p.split(":")[0] for p in shown] == ["Decision", "Urgency", "Reason"]
        assert "choose Red, Amber or Green" in shown[1]
        for problem in shown:
            assert "$." not in problem and "<" not in problem and "''" not in problem, problem
            assert "how to fix: " in problem, problem
    assert not dialogs.saved_paths
    assert titles and all(len(t) <= 20 for t in titles), titles


def test_check_tree_shows_each_level_first_and_the_whole_statement(qtbot, model, mash, dialogs,
                                                                   tmp_path: Path) -> None:
    open_record(qtbot, mash, dialogs, saved(model, tmp_path, "referral"))
    ind = max((i for i in model.indicators.values() if i.applies_to_age("age_5_11")), key=lambda i: len(i.text))
    item = item_for(mash, ind.id)
    open_domain(qtbot, mash, item)
    level = model.level(ind.level)
    assert item.text(0).startswith(f"Level {ind.level}: {ind.text}")
    # Shown whole: the space the text is drawn in is tall enough for all its wrapped lines.
    tree = mash.checks
    option = item_option(tree, item)
    text_rect = tree.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, tree)
    needed = QFontMetrics(option.font).boundingRect(QRect(0, 0, text_rect.width() - 8, 10_000),
                                                    int(Qt.TextFlag.TextWordWrap), item.text(0))
    assert needed.height() > QFontMetrics(option.font).height()  # a long statement: more than one line
    assert text_rect.height() >= needed.height(), (text_rect, needed)
    # Screen readers hear the level and the whole statement.
    names = []
    tree_iface = QAccessible.queryAccessibleInterface(tree)
    for n in range(tree_iface.childCount()):
        child = tree_iface.child(n)
        if child is not None:
            names.append(child.text(QAccessible.Text.Name))
    assert any(n.startswith(f"Level {ind.level}, {level.name}: {ind.text}") for n in names), names[:5]
