"""MASH mode and the audit view, driven through their widgets offscreen."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from thresholds_app.gui.audit_window import AuditWindow
from thresholds_app.gui.mash_window import MashWindow
from thresholds_app.records.mash import mash_hash_ok
from thresholds_app.records.pdf import render_record
from thresholds_app.records.record import Referrer, load_record, save_record

from .gui_helpers import click
from .records_helpers import make_record
from .test_gui_mash_review import choose, tick


@pytest.fixture
def referral_pdf(model, tmp_path: Path) -> Path:
    record = make_record(model, indicators={"ed_occasional_absence": "yes", "da_repeated": "dont_know"},
                         worry="Shouting heard from the flat most nights.")
    path = tmp_path / "referral.pdf"
    path.write_bytes(render_record(record).pdf)
    return path


def test_open_amend_decide_save_and_print(qtbot, mash, dialogs, referral_pdf: Path) -> None:
    dialogs.open_path = referral_pdf
    click(qtbot, mash.open_button)
    assert "hash verified" in mash.status.text() and "same rule set" in mash.status.text()
    shown = " ".join(mash.referrer_view.toPlainText().split())
    assert "Level 2 of 4: Additional needs" in shown and "Shouting heard from the flat most nights." in shown
    assert "The outcome is the same today." in shown
    assert "At least one additional need (level 2) is present." in shown
    assert "Level 2 of 4" in mash.mash_view.toPlainText()
    # MASH checks find the domestic abuse is real, and parental substance misuse.
    tick(qtbot, mash, "da_repeated")
    tick(qtbot, mash, "sm_parent_problematic")
    assert "Level 3 of 4" in mash.mash_view.toPlainText()
    choose(qtbot, mash.decision, "Child and family assessment (section 17)")
    click(qtbot, mash.urgency.buttons["amber"])
    qtbot.keyClicks(mash.reason, "Two previous police call-outs for domestic abuse.")
    qtbot.keyClicks(mash.feedback, "Thank you; we are starting an assessment.")
    click(qtbot, mash.save_button)
    reviewed = load_record(dialogs.saved_paths[-1])
    assert reviewed.hash_ok and mash_hash_ok(reviewed)
    assert reviewed.answers["indicators"] == {"ed_occasional_absence": "yes", "da_repeated": "dont_know"}
    assert reviewed.mash["additional_answers"]["indicators"] == {"da_repeated": "yes", "sm_parent_problematic": "yes"}
    assert reviewed.mash["decision"]["id"] == "s17_assessment" and reviewed.mash["urgency"]["id"] == "amber"
    click(qtbot, mash.print_button)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(dialogs.saved_paths[-1])).pages).split())
    assert "MASH screening record" in text and "Amber: Decision within 1 working day" in text
    assert "Level: then 2 (Additional needs), now 3 (Complex needs)." in text


def test_incomplete_decision_is_refused(qtbot, mash, dialogs, referral_pdf: Path) -> None:
    assert mash.open_path(referral_pdf)
    click(qtbot, mash.save_button)
    assert dialogs.problems and any(p.startswith("Reason: error: no reason is given") for p in dialogs.problems[-1])
    assert any(p.startswith("Urgency: error: no urgency is chosen") for p in dialogs.problems[-1])
    assert not dialogs.saved_paths


def test_drop_a_record_and_reopen_a_reviewed_one(qtbot, mash, dialogs, referral_pdf: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(referral_pdf))])
    mash.dropEvent(QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier))
    assert mash.record is not None
    tick(qtbot, mash, "da_repeated")
    choose(qtbot, mash.decision, "MASH consultation, advice given to the referrer")
    click(qtbot, mash.urgency.buttons["green"])
    qtbot.keyClicks(mash.reason, "Advice given.")
    click(qtbot, mash.save_button)
    again = MashWindow(mash.ruleset)
    qtbot.addWidget(again)
    assert again.open_path(dialogs.saved_paths[-1])
    assert "Already reviewed. MASH review hash verified." in again.status.text()
    assert again.decision.currentData() == "consultation_advice" and again.urgency.value() == "green"
    assert again.additional().indicators == {"da_repeated": "yes"}


def test_a_damaged_record_is_refused(qtbot, mash, dialogs, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "thresholds-record", "version": 1')
    assert not mash.open_path(bad)
    assert dialogs.problems and "truncated" in dialogs.problems[-1][0]


def test_audit_view_shows_figures_and_chart(qtbot, model, dialogs, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    for n, (role, ind) in enumerate([("Police", {"es_unexplained_injury": "yes"}), ("Police", {}),
                                     ("Health", {"ed_persistent_absence": "yes"})]):
        save_record(make_record(model, indicators=ind, referrer=Referrer(role=role)), folder / f"{n}.json")
    (folder / "junk.json").write_text("not json")
    window = AuditWindow()
    qtbot.addWidget(window)
    window.show()
    dialogs.open_path = folder
    click(qtbot, window.choose)
    qtbot.waitUntil(lambda: window.result is not None, timeout=30_000)  # read on a worker thread
    assert window.chart.data == {"Police": {4: 1, 1: 1}, "Health": {3: 1}}
    assert window.agreement.item(0, 0).text() == "All referrers"
    assert window.agreement.item(0, 1).text() == "100%, kappa 1.00 (n=3)"
    assert "Records audited: 3 (files read: 4; could not be read: 1" in window.text.toPlainText()
    assert window.progress.value() == window.progress.maximum() == 4
    assert "Police: level 1 1, level 4 1" in window.chart.accessibleDescription()
    window.export_csv()
    window.export_pdf()
    csv_path, pdf_path = dialogs.saved_paths
    assert len(csv_path.read_text().splitlines()) == 5
    assert "Levels-of-need audit" in PdfReader(io.BytesIO(pdf_path.read_bytes())).pages[0].extract_text()
    grab = window.chart.grab()
    assert not grab.isNull() and grab.width() > 100


def test_mash_and_audit_controls_have_accessible_names(qtbot, mash, dialogs, referral_pdf: Path) -> None:
    from PySide6.QtGui import QAccessible
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit, QPlainTextEdit, QTextBrowser

    assert mash.open_path(referral_pdf)
    audit = AuditWindow()
    qtbot.addWidget(audit)
    audit.show()
    checked = 0
    for window in (mash, audit):
        for cls in (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView, QTextBrowser):
            for widget in window.findChildren(cls):
                if not widget.isVisible() or isinstance(widget.parent(), QComboBox):
                    continue
                if type(widget).__name__ in ("QScrollBar", "QHeaderView") or widget.objectName().startswith("qt_"):
                    continue
                name = QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)
                assert name.strip(), f"{type(widget).__name__} in {window.windowTitle()}"
                checked += 1
    assert checked >= 15


def test_a_household_referral_is_decided_for_each_child(qtbot, mash, dialogs, model, tmp_path: Path) -> None:
    from thresholds_app.records.household_pdf import render_household
    from thresholds_app.records.household_record import HouseholdRecord, load_any_record

    from .test_household_records import make_household_record

    household = make_household_record(model)
    referral = tmp_path / "household.pdf"
    referral.write_bytes(render_household(household).pdf)
    dialogs.open_path = referral
    click(qtbot, mash.open_button)
    assert mash.child_choice.isVisible() and mash.child_choice.count() == 3
    assert mash.record == household.children[0]  # the first child is shown first
    # Re-checked with the brothers' and sisters' outcomes known, as when the referral was made.
    assert "Name this child on their brother's or sister's referral" in mash.mash_view.toPlainText()
    assert "The outcome is the same today." in " ".join(mash.referrer_view.toPlainText().split())
    choose(qtbot, mash.decision, "Step across to early help")
    click(qtbot, mash.urgency.buttons["green"])
    qtbot.keyClicks(mash.reason, "Neglect known to the health visitor; early help will lead.")
    click(qtbot, mash.save_button)
    saved = load_any_record(dialogs.saved_paths[-1])
    assert isinstance(saved, HouseholdRecord) and saved.hash_ok  # a review does not break the household hash
    assert saved.children[0].mash["decision"]["id"] == "step_across_early_help"
    assert saved.children[2].mash is None
    assert mash.child_choice.itemText(0).endswith("(reviewed)")
    # The baby, chosen with the keyboard.
    mash.child_choice.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(mash.child_choice, Qt.Key.Key_End)
    assert mash.record == household.children[2]
    choose(qtbot, mash.decision, "Strategy discussion (section 47)")
    click(qtbot, mash.urgency.buttons["red"])
    qtbot.keyClicks(mash.reason, "Bruising to a non-mobile baby.")
    click(qtbot, mash.save_button)
    saved = load_any_record(dialogs.saved_paths[-1])
    assert [c.mash["decision"]["id"] if c.mash else None for c in saved.children] == [
        "step_across_early_help", None, "s47_strategy"]
    assert saved.hash_ok and saved.household_id == household.household_id


def test_an_audit_reads_on_a_worker_and_stops_when_asked(qtbot, model, dialogs, tmp_path: Path,
                                                          monkeypatch) -> None:
    """The window takes input while the audit reads: here the person presses Space on "Stop the audit"
    while the worker is part-way through 700 files, and the audit stops and says so, showing no figures."""
    import threading

    from thresholds_app.gui import audit_window
    from thresholds_app.records import audit

    folder = tmp_path / "records"
    folder.mkdir()
    saved = folder / "first.json"
    save_record(make_record(model, referrer=Referrer(role="Police")), saved)
    for n in range(700):
        (folder / f"copy-{n:03d}.json").write_bytes(saved.read_bytes())
    part_way, go_on = threading.Event(), threading.Event()

    def held_scan(where, *, progress, cancelled):  # the real scan, held after its first 500 files
        def counted(done: int, total: int) -> None:
            progress(done, total)
            if done < total:
                part_way.set()
                go_on.wait(30)
        return audit.scan(where, progress=counted, cancelled=cancelled)

    monkeypatch.setattr(audit_window, "scan", held_scan)
    window = AuditWindow()
    qtbot.addWidget(window)
    window.show()
    dialogs.open_path = folder
    click(qtbot, window.choose)
    assert part_way.wait(30)
    qtbot.waitUntil(lambda: window.progress.value() == 500)  # the window shows how far it has got
    assert "500 of 701 files" in window.status.text()
    assert window.stop_button.hasFocus() and not window.choose.isEnabled()
    qtbot.keyClick(window.stop_button, Qt.Key.Key_Space)  # handled while the worker is mid-audit
    go_on.set()
    qtbot.waitUntil(lambda: window.run is None, timeout=30_000)
    assert "stopped after 500 of 701 files" in window.status.text()
    assert window.result is None and not window.csv_button.isEnabled() and window.chart.data == {}
    assert window.choose.isEnabled() and window.choose.hasFocus()
    # The same folder audited to the end.
    monkeypatch.setattr(audit_window, "scan", audit.scan)
    qtbot.keyClick(window.choose, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: window.result is not None, timeout=30_000)
    assert window.summary.records == 1 and len(window.result.duplicates) == 700
    assert "1 record audited from records." in window.status.text() and window.csv_button.isEnabled()
