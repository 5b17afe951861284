"""End-to-end walks through the desktop app, driving real widgets offscreen."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextBrowser,
)

from thresholds_app.records.record import load_record

from .gui_helpers import (
    answer_screening,
    choose_consent,
    choose_walk,
    click,
    complete_record,
    make_window,
    tick,
    walk_to_outcome,
)


@pytest.fixture
def w(qtbot, tmp_path: Path, dialogs):
    return make_window(qtbot, tmp_path / "profile")


def page_text(page) -> str:
    """Every label's text on a page, as a screen reader would meet it."""
    return " ".join(label.text() for label in page.findChildren(QLabel))


def save_button(w) -> QAbstractButton:
    return next(b for b in w.record_page.findChildren(QAbstractButton) if b.text() == "&Save record...")


def outcome_text(w) -> str:
    return " ".join(w.outcome_page.summary.toPlainText().split())


@pytest.mark.parametrize(("ticks", "level", "route_name"), [
    ({}, 1, "Universal services"),
    ({"ed_occasional_absence": "yes"}, 2, "Single-agency early help"),
    ({"ed_persistent_absence": "yes"}, 3, "Early help assessment and Team Around the Family"),
    ({"es_unexplained_injury": "yes"}, 4, "Urgent MASH referral (section 47)"),
])
def test_walk_ends_at_each_level(qtbot, w, ticks, level, route_name) -> None:
    click(qtbot, w.start_page.start_button)
    answer_screening(qtbot, w)
    for indicator, answer in ticks.items():
        tick(qtbot, w, indicator, answer)
    w.go("screening")
    walk_to_outcome(qtbot, w)
    text = outcome_text(w)
    assert f"Level {level} of 4" in text and f"Route: {route_name}" in text
    assert f"Level {level} of 4" in " ".join(w.live.toPlainText().split())
    assert "designated safeguarding lead" in text


def test_immediate_danger_goes_straight_to_999(qtbot, w, dialogs) -> None:
    click(qtbot, w.start_page.start_button)
    assert w.current == "danger"
    click(qtbot, w.danger_page.choice.buttons["yes"])
    assert w.current == "emergency"  # no questionnaire first
    emergency = page_text(w.emergency_page)
    assert "CALL 999 NOW" in emergency and "01632 960001" in emergency
    assert w.live.toPlainText().startswith("IMMEDIATE DANGER: CALL 999 NOW")
    buttons = {b.text(): b for b in w.emergency_page.findChildren(QAbstractButton)}
    click(qtbot, buttons["&Record this now"])
    assert w.current == "record"
    complete_record(qtbot, w, "given")
    click(qtbot, save_button(w))
    record = load_record(dialogs.saved_paths[-1])
    assert record.recommendation["route"]["id"] == "emergency" and record.recommendation["emergency"]


def test_changing_an_answer_on_the_review_page_changes_the_outcome(qtbot, w) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    w.go("review")
    review_text = page_text(w.review_page)
    assert "Applies: The child misses school most weeks" in review_text
    click(qtbot, w.review_page.change_buttons["education"])
    assert w.current == "education"
    click(qtbot, w.domain_page.rows["ed_persistent_absence"].buttons["no"])
    w.go("outcome")
    assert "Level 1 of 4" in outcome_text(w)


def test_dont_know_walk(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w, disability="dont_know")
    tick(qtbot, w, "fs_few_friends")
    tick(qtbot, w, "es_unexplained_injury", "dont_know")
    w.go("exploitation")
    click(qtbot, w.domain_page.unknown)
    w.go("review")
    review_text = page_text(w.review_page)
    assert "Don't know: The child has an injury that is not explained" in review_text
    assert "You said you don't know about this area." in review_text
    assert "(could change the outcome)" in review_text
    w.go("outcome")
    assert "Level 2 of 4" in outcome_text(w) and "Provisional" in outcome_text(w)
    w.go("record")
    complete_record(qtbot, w, "given")
    click(qtbot, save_button(w))
    record = load_record(dialogs.saved_paths[-1])
    assert record.answers["indicators"]["es_unexplained_injury"] == "dont_know"
    assert record.answers["domains"]["exploitation"] == "dont_know"
    assert record.recommendation["provisional"] is True


def test_different_judgement_walk(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "es_unexplained_injury")
    w.go("outcome")
    op = w.outcome_page
    click(qtbot, op.agree.buttons["differ"])
    assert op.differ_form.isEnabled()
    op.level.setCurrentIndex(op.level.findData(3))
    op.route.setCurrentIndex(op.route.findData("mash_consultation"))
    w.go("record")
    complete_record(qtbot, w, "given")
    save = save_button(w)
    click(qtbot, save)
    assert dialogs.problems and "give the reason your judgement differs" in dialogs.problems[-1][0]
    assert not dialogs.saved_paths
    w.go("outcome")
    qtbot.keyClicks(op.reason, "GP confirmed the bruise is from a known bleeding disorder.")
    w.go("record")
    click(qtbot, save)
    j = load_record(dialogs.saved_paths[-1]).judgement
    assert (j.agrees, j.level, j.route, j.route_name) == (False, 3, "mash_consultation", "MASH consultation")
    assert j.reason.startswith("GP confirmed")


def fill_record(qtbot, w) -> None:
    rp = w.record_page
    rp.fields["referrer_name"].setText("Zoë Łukasiewicz")  # typing emulation is ASCII-only in QTest
    qtbot.keyClicks(rp.fields["initials"], "N.T.H.")
    qtbot.keyClicks(rp.worry, "Bruises on both upper arms <b>seen</b> & photographed.")
    rp.working_well.setPlainText("Grandmother Παναγιώτης visits daily.")
    rp.consent.setCurrentIndex(rp.consent.findData("not_sought_risk"))
    qtbot.keyClicks(rp.consent_reason, "Father is the alleged abuser.")


def test_save_record_and_pdf_then_reopen(qtbot, w, dialogs, tmp_path: Path) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "es_unexplained_injury")
    tick(qtbot, w, "da_repeated", "dont_know")
    w.go("record")
    fill_record(qtbot, w)
    complete_record(qtbot, w, "not_sought_risk")
    buttons = {b.text(): b for b in w.record_page.findChildren(QAbstractButton)}
    click(qtbot, buttons["&Save record..."])
    click(qtbot, buttons["Save &PDF..."])
    json_path, pdf_path = dialogs.saved_paths
    assert json_path.suffix == ".json" and pdf_path.suffix == ".pdf"
    assert "Zo" not in json_path.name and "N.T.H" not in json_path.name  # no names in file names
    record = load_record(json_path)
    assert record.referrer.name == "Zoë Łukasiewicz" and record.child.initials == "N.T.H."
    assert record.consent.status == "not_sought_risk"
    assert record.recommendation["route"]["id"] == "mash_urgent"
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages).split())
    assert "Level 4 of 4, Acute or specialist" in text
    assert "Bruises on both upper arms <b>seen</b> & photographed." in text and "Παναγιώτης" in text
    assert not w.is_dirty() and not w.drafts.path.exists()
    # Reopen the PDF in a fresh window.
    other = make_window(qtbot, tmp_path / "second-profile")
    dialogs.open_path = pdf_path
    click(qtbot, other.start_page.open_button)
    assert other.current == "outcome"
    assert "Level 4 of 4" in outcome_text(other)
    assert other.record_page.fields["initials"].text() == "N.T.H."
    assert other.assessment.indicators == {"es_unexplained_injury": "yes", "da_repeated": "dont_know"}
    assert not other.is_dirty()


def page_texts(pdf: bytes) -> list[str]:
    """Each page's words, with the minute the PDF was made taken out (Save and Print come moments apart)."""
    import re

    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    return [re.sub(r"\d{1,2} \w+ \d{4},? (at )?\d{1,2}:\d{2}", "<made>", page) for page in pages]


def test_print_sends_the_saved_pdfs_own_pages(qtbot, w, dialogs, tmp_path: Path) -> None:
    """Paper is the saved PDF: Print (Ctrl+P) makes the PDF exactly as Save PDF (Ctrl+Shift+S) does.
    "Print to file" writes that PDF itself, with the record inside, owner-only like every save."""
    from thresholds_app.records.household_record import load_any_record

    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    w.go("record")
    complete_record(qtbot, w, "sought_awaiting")
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    saved = dialogs.saved_paths[-1]
    assert saved.suffix == ".pdf"
    dialogs.print_to = tmp_path / "printed.pdf"
    qtbot.keyClick(w, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.print_to.is_file(), dialogs.problems
    if os.name == "posix":  # "print to file" holds a child's record: the owner's only, like a saved record
        assert dialogs.print_to.stat().st_mode & 0o777 == 0o600
    printed, pdf = page_texts(dialogs.print_to.read_bytes()), page_texts(saved.read_bytes())
    assert printed == pdf and len(printed) >= 2
    assert "Levels-of-need decision record" in printed[0] and "OFFICIAL-SENSITIVE" in printed[0]
    assert load_any_record(dialogs.print_to) == load_any_record(saved)  # one record, reopenable from paper's file
    assert "Sent to the printer" in w.statusBar().currentMessage()


def test_a_printer_gets_each_page_of_the_pdf_drawn_at_its_true_size(qtbot, w, tmp_path: Path) -> None:
    """A real printer gets the PDF's pages drawn by PDFium. Drawn here on a PDF writer, then both drawn
    again at 40 dpi: each printed page matches its own page of the PDF, and not another page."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter

    from thresholds_app.gui.paper import paint_pages
    from thresholds_app.records.pdf import render_record
    from thresholds_app.records.pdf_raster import page_images

    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    w.go("record")
    complete_record(qtbot, w, "sought_awaiting")
    pdf = render_record(w.build_record()).pdf
    out = tmp_path / "paper.pdf"
    writer = QPdfWriter(str(out))
    writer.setResolution(150)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF()))
    assert paint_pages(writer, pdf, dpi=100) == len(list(page_images(pdf, 10)))
    del writer  # finishes the file

    def grey(data: bytes) -> list[list[int]]:
        pages = []
        for page in page_images(data, 40):
            row = page.stride
            pages.append([page.pixels[y * row + x * 4 + 1] for y in range(0, page.height, 2)
                          for x in range(0, page.width, 2)])
        return pages

    printed, original = grey(out.read_bytes()), grey(pdf)
    assert len(printed) == len(original) >= 2

    def difference(a: list[int], b: list[int]) -> float:
        return sum(abs(x - y) for x, y in zip(a, b, strict=True)) / len(a)

    assert all(difference(p, o) < 6 for p, o in zip(printed, original, strict=True))
    assert difference(printed[0], original[1]) > 2 * difference(printed[0], original[0]) + 3


def test_a_ruleset_with_errors_is_refused(qtbot, w, dialogs, tmp_path: Path, compact_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(compact_text.replace("route: cin_referral, description", "route: cin, description"))
    dialogs.open_path = bad
    click(qtbot, w.start_page.browse)
    assert dialogs.problems and "refers to route 'cin'" in dialogs.problems[-1][0]
    assert w.ruleset.id == "model-four-level"
    good = tmp_path / "good.yaml"
    good.write_text(compact_text)
    dialogs.open_path = good
    click(qtbot, w.start_page.browse)
    assert w.ruleset.id == "compact-five-level"
    assert w.outcome_page.level.count() == 5 and w.outcome_page.level.itemText(4) == "Level 5: Child protection"
    assert str(good) in w.prefs.recent_rulesets


def test_search_jumps_to_the_indicator(qtbot, w) -> None:
    answer_screening(qtbot, w, age="under_1")
    qtbot.keyClicks(w.search, "bruise")
    assert w.results.isVisible() and not w.nav.isVisible()
    items = [w.results.item(i) for i in range(w.results.count())]
    target = next(i for i in items if "not yet mobile" in i.text())
    qtbot.mouseClick(w.results.viewport(), Qt.MouseButton.LeftButton, pos=w.results.visualItemRect(target).center())
    assert w.current == "ensuring_safety"
    row = w.domain_page.rows["es_non_mobile_injury"]
    qtbot.waitUntil(lambda: not row.visibleRegion().isEmpty())
    assert w.domain_page.viewport().rect().intersects(row.geometry().translated(
        0, -w.domain_page.verticalScrollBar().value()))


def test_new_assessment_asks_before_discarding(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    dialogs.confirm_answer = False
    w.new_assessment()
    assert w.assessment.indicators == {"ed_persistent_absence": "yes"}
    dialogs.confirm_answer = True
    w.new_assessment()
    assert w.assessment.indicators == {} and w.current == "danger"
    assert dialogs.shown[-1][0] == "New assessment"


def test_draft_survives_a_crash_and_is_offered_back(qtbot, w, dialogs, tmp_path: Path) -> None:
    import sys

    from thresholds_app.gui import crash

    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    qtbot.keyClicks(w.record_page.fields["initials"], "Q.Z.")
    told: list[str] = []
    old_hook = sys.excepthook
    try:
        crash.install(w.save_draft_now, told.append)
        try:
            raise ValueError("Q.Z. lives at 12 Acacia Road")  # a message carrying personal data
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert told and "ValueError" in told[0] and "kept as a draft" in told[0]
    assert "Q.Z." not in told[0] and "Acacia" not in told[0]
    assert w.drafts.path.exists()
    # The next start offers it back.
    again = make_window(qtbot, tmp_path / "profile")
    again.offer_draft()
    assert again.assessment.indicators == {"ed_persistent_absence": "yes"}
    assert again.record_page.fields["initials"].text() == "Q.Z."
    assert again.is_dirty()


def test_declining_the_draft_removes_it(qtbot, w, dialogs, tmp_path: Path) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    assert w.save_draft_now() == "kept" and w.drafts.path.exists()
    dialogs.confirm_answer = False
    again = make_window(qtbot, tmp_path / "profile")
    again.offer_draft()
    assert not again.drafts.path.exists() and again.assessment.indicators == {}


def test_settings_remember_the_referrer_not_the_child(qtbot, w, dialogs, tmp_path: Path) -> None:
    w.start_page.role.setCurrentIndex(w.start_page.role.findData("health"))
    qtbot.keyClicks(w.start_page.agency, "Example NHS Trust")
    answer_screening(qtbot, w)
    w.go("record")
    fill_record(qtbot, w)
    complete_record(qtbot, w, "not_sought_risk")
    w.save_record()
    w.close()
    ini = (tmp_path / "profile" / "settings.ini").read_text(encoding="utf-8")
    assert "Example NHS Trust" in ini and "geometry" in ini
    for private in ("N.T.H.", "Bruises", "Father is"):
        assert private not in ini
    again = make_window(qtbot, tmp_path / "profile")
    assert again.start_page.role.currentData() == "health"
    assert again.record_page.fields["referrer_role"].text() == "Health"
    assert again.record_page.fields["referrer_name"].text() == "Zoë Łukasiewicz"
    assert "N.T.H." not in again.windowTitle()


def _pages(w):
    w.go("start")
    yield "start"
    for key in ("danger", "screening", "education", "ensuring_safety", "review", "outcome", "record", "emergency"):
        w.go(key)
        yield key


INTERACTIVE = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QTextBrowser)


def test_every_interactive_widget_has_an_accessible_name(qtbot, w) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "es_unexplained_injury", "dont_know")
    checked = 0
    for key in _pages(w):
        qtbot.wait(1)
        widgets = [x for cls in INTERACTIVE for x in w.findChildren(cls)]
        for widget in widgets:
            if not widget.isVisible() or widget.parent() is None:
                continue
            if isinstance(widget.parent(), QComboBox) or type(widget).__name__ == "QScrollBar":
                continue
            iface = QAccessible.queryAccessibleInterface(widget)
            name = iface.text(QAccessible.Text.Name) if iface is not None else ""
            assert name.strip(), f"{type(widget).__name__} on page {key} has no accessible name"
            checked += 1
    assert checked > 100


def test_keyboard_reaches_every_answer_on_an_area_page(qtbot, w) -> None:
    answer_screening(qtbot, w)
    w.go("education")
    focusable = [b for b in w.domain_page.findChildren(QAbstractButton) if b.isVisible()]
    chain, widget = set(), w.search
    for _ in range(500):
        widget = widget.nextInFocusChain()
        chain.add(widget)
    missing = [b.text() for b in focusable if b not in chain and b.focusPolicy() != 0]
    assert not missing
    assert w.next_button in chain and w.back_button in chain


def test_every_page_fits_at_200_percent_text(qtbot, tmp_path: Path, dialogs, qapp, large_text) -> None:
    """At twice the normal text size nothing forces a page wider than the window: text wraps instead."""
    w = make_window(qtbot, tmp_path / "large")
    w.resize(1280, 860)
    answer_screening(qtbot, w, age="age_18_25")  # the longest age-band label
    for key in ("start", "danger", "screening", "emergency", *(d.id for d in w.ruleset.domains), "review",
                "outcome", "record"):
        w.go(key)
        qapp.processEvents()
        page = w.pages.currentWidget()
        assert page.body.minimumSizeHint().width() <= page.viewport().width(), key


def test_side_list_jumps_and_help_shows_your_role_first(qtbot, w) -> None:
    w.start_page.role.setCurrentIndex(w.start_page.role.findData("health"))
    answer_screening(qtbot, w)
    item = next(i for i in w._nav_items() if i.text(0) == "Health")
    qtbot.mouseClick(w.nav.viewport(), Qt.MouseButton.LeftButton, pos=w.nav.visualItemRect(item).center())
    assert w.current == "health"
    row = w.domain_page.rows["hl_untreated_chronic"]  # its rule-set examples list schools before health
    assert not row.details.isVisible()
    click(qtbot, row.more)
    assert row.details.isVisible()
    text = row.details.text()
    assert text.index("For example (Health)") < text.index("For example (Schools and colleges)")
    assert w.nav.currentItem().text(0) == "Health"
    # Jumping to an area and reading it says nothing about the child; answering does.
    assert w.nav.currentItem().data(0, Qt.ItemDataRole.AccessibleTextRole) == "Health, not looked at yet"
    click(qtbot, row.buttons["no"])
    assert w.nav.currentItem().data(0, Qt.ItemDataRole.AccessibleTextRole) == "Health, looked at"


def test_about_names_versions_and_the_ruleset(qtbot, w, dialogs) -> None:
    w.show_about()
    title, text = dialogs.shown[-1]
    assert title == "About Thresholds"
    assert "Thresholds 0.1.0" in text and "PySide6" in text and "Qt " in text
    assert "Model levels of need (four levels) 2.1.0 (model)" in text and w.ruleset.content_hash in text


def test_a_remembered_ruleset_that_breaks_is_reported(qtbot, tmp_path: Path, dialogs, compact_text: str) -> None:
    ours = tmp_path / "ours.yaml"
    ours.write_text(compact_text)
    first = make_window(qtbot, tmp_path / "profile")
    dialogs.open_path = ours
    click(qtbot, first.start_page.browse)
    assert first.ruleset.id == "compact-five-level"
    first.close()
    ours.write_text(compact_text.replace("route: cin_referral, description", "route: cin, description"))
    again = make_window(qtbot, tmp_path / "profile")
    assert again.ruleset.id == "model-four-level"
    again.offer_draft()
    assert dialogs.problems and "refers to route 'cin'" in dialogs.problems[-1][0]


def test_crash_with_nothing_unsaved_says_so(qtbot, w) -> None:
    import sys

    from thresholds_app.gui import crash

    told: list[str] = []
    old_hook = sys.excepthook
    try:
        crash.install(w.save_draft_now, told.append)
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())
    finally:
        sys.excepthook = old_hook
    assert "Nothing you had not saved was lost." in told[0] and not w.drafts.path.exists()


def test_walk_with_the_five_level_rule_set(qtbot, w, dialogs) -> None:
    """Nothing in the app assumes the model's question ids, levels or routes."""
    w.switch_ruleset("compact-five-level")
    choose_walk(qtbot, w, "every_area")
    click(qtbot, w.start_page.start_button)
    click(qtbot, w.danger_page.choice.buttons["no"])
    click(qtbot, w.next_button)
    click(qtbot, w.screening_page.groups["age"].buttons["under_5"])
    assert [k for k in w.sequence()] == ["danger", "screening", "wellbeing", "care", "review", "outcome", "record"]
    tick(qtbot, w, "w_delay")
    w.go("outcome")
    text = outcome_text(w)
    assert "Level 4 of 5: Child in need" in text and "Route: Child in need referral" in text
    tick(qtbot, w, "c_abuse_disclosure")
    w.go("record")
    complete_record(qtbot, w, "given")
    click(qtbot, save_button(w))
    record = load_record(dialogs.saved_paths[-1])
    assert record.recommendation["level"] == {"number": 5, "of": 5, "id": "child_protection",
                                              "name": "Child protection", "short": "Section 47", "colour": "#B71C1C"}


def test_going_back_through_an_area_is_not_an_answer(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "da_repeated")
    walk_to_outcome(qtbot, w)
    click(qtbot, w.back_button)  # to Check your answers
    last_area = w.sequence()[-4]
    click(qtbot, w.back_button)  # to the last area, never answered
    assert w.current == last_area
    click(qtbot, w.next_button)
    click(qtbot, w.back_button)
    answers = w.assessment.answers().domains
    # Next past an area with nothing answered: no concerns known there; an answered area is not "no concerns".
    assert answers.get(last_area) == "no_concerns" and "domestic_abuse" not in answers
    w.go("review")
    notes = {s.key: s.note for s in w.assessment.review()}
    assert notes["domestic_abuse"] == "" and "Looked at" in notes[last_area]


def test_an_area_only_shown_is_listed_as_not_considered(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    w.go("housing")
    w.go("review")
    assert "housing" not in w.assessment.answers().domains
    review = {s.key: s for s in w.assessment.review()}
    assert "housing" in [i.key for i in review["not_looked_at"].items]
    assert "housing" in {d.id for d in w.assessment.recommendation().domains_not_considered}


def test_record_is_not_saved_until_consent_is_chosen(qtbot, w, dialogs) -> None:
    """The record never states a consent answer the referrer did not give."""
    answer_screening(qtbot, w)
    tick(qtbot, w, "fs_few_friends")
    w.go("record")
    assert w.record_page.consent.currentData() is None
    click(qtbot, save_button(w))
    assert not dialogs.saved_paths
    assert any("consent" in p for p in dialogs.problems[-1])
    complete_record(qtbot, w, "given")
    click(qtbot, save_button(w))
    assert load_record(dialogs.saved_paths[-1]).consent.status == "given"


def test_not_knowing_about_danger_is_said_before_the_level(qtbot, w) -> None:
    """'I don't know' to immediate danger: the advice to find out now, or call 999, comes before the
    level in the live panel and on the outcome page, not after the route's usual steps."""
    click(qtbot, w.start_page.start_button)
    click(qtbot, w.danger_page.choice.buttons["dont_know"])
    live = " ".join(w.live.toPlainText().split())
    advice = "You said you do not know whether the child is in immediate danger."
    assert advice in live and live.index(advice) < live.index("Level 1 of 4")
    w.go("outcome")
    text = outcome_text(w)
    assert text.index(advice) < text.index("Level 1 of 4") < text.index("What to do next")
    assert text.count(advice) == 1


def test_record_is_not_saved_until_agree_or_differ_is_chosen(qtbot, w, dialogs) -> None:
    """The record never says the referrer agreed when they chose neither answer."""
    answer_screening(qtbot, w)
    tick(qtbot, w, "fs_few_friends")
    w.go("record")
    choose_consent(qtbot, w, "given")
    click(qtbot, save_button(w))
    assert not dialogs.saved_paths
    assert any("agree" in p for p in dialogs.problems[-1])
    w.go("outcome")
    click(qtbot, w.outcome_page.agree.buttons["agree"])
    w.go("record")
    click(qtbot, save_button(w))
    assert load_record(dialogs.saved_paths[-1]).judgement.agrees


def test_a_draft_whose_rule_set_is_away_is_kept_for_later(qtbot, w, dialogs, tmp_path: Path) -> None:
    """A rule set on a network share that is offline must not cost the draft: it is kept, and offered
    again once the rule set is back."""
    import shutil

    from .conftest import MODEL

    share = tmp_path / "share" / "ours"
    shutil.copytree(MODEL, share)
    assert w.switch_ruleset(str(share))
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_persistent_absence")
    assert w.save_draft_now() == "kept"
    share.rename(share.with_name("offline"))
    again = make_window(qtbot, tmp_path / "profile")
    again.offer_draft()
    assert again.drafts.path.exists() and again.assessment.indicators == {}
    assert any("kept" in text for _title, text in dialogs.shown)
    share.with_name("offline").rename(share)
    later = make_window(qtbot, tmp_path / "profile")
    later.offer_draft()
    assert later.assessment.indicators == {"ed_persistent_absence": "yes"} and later.ruleset_spec == str(share)


def test_the_emergency_page_follows_the_rule_set_not_a_literal_yes(qtbot, w, tmp_path: Path, compact_text) -> None:
    """With danger options named y/n, choosing the danger answer still shows CALL 999 (the app had
    compared with the literal 'yes' and never showed it)."""
    text = compact_text.replace('- {id: "yes", label: "Yes"}\n      - {id: "no", label: "No"}',
                                '- {id: "y", label: "Yes"}\n      - {id: "n", label: "No"}')
    text = text.replace('question: danger, in: ["yes"]', 'question: danger, in: ["y"]')
    path = tmp_path / "yn.yaml"
    path.write_text(text, encoding="utf-8")
    assert w.switch_ruleset(str(path))
    click(qtbot, w.start_page.start_button)
    click(qtbot, w.danger_page.choice.buttons["y"])
    assert w.current == "emergency" and w.assessment.recommendation().emergency


def test_a_pipe_in_place_of_the_draft_does_not_hang_the_app(qtbot, w, tmp_path: Path) -> None:
    import os

    import pytest

    if not hasattr(os, "mkfifo"):
        pytest.skip("named pipes are a POSIX feature")
    w.drafts.path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(w.drafts.path)
    assert w.drafts.load() is None and not w.drafts.path.exists()
