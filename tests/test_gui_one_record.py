"""One assessment is one record: saving the JSON and the PDF, or printing, gives the same record."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton

from thresholds_app.records.record import load_record

from .gui_helpers import answer_screening, click, complete_record, make_window, tick


@pytest.fixture
def w(qtbot, tmp_path: Path, dialogs):
    return make_window(qtbot, tmp_path / "profile")


def _buttons(w) -> dict[str, QAbstractButton]:
    return {b.text(): b for b in w.record_page.findChildren(QAbstractButton)}


def test_record_then_pdf_is_one_record_and_a_later_change_amends_it(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_occasional_absence")
    w.go("record")
    complete_record(qtbot, w, "given")
    qtbot.keyClicks(w.record_page.fields["initials"], "A.B.")
    click(qtbot, _buttons(w)["&Save record..."])
    click(qtbot, _buttons(w)["Save &PDF..."])
    json_path, pdf_path = dialogs.saved_paths
    saved, printed = load_record(json_path), load_record(pdf_path)
    assert saved.record_id == printed.record_id
    assert saved.record_hash == printed.record_hash and saved.amended is None
    # A later change is an amendment of the same record, not a new one.
    qtbot.keyClicks(w.record_page.worry, "Late three times this week.")
    click(qtbot, _buttons(w)["Save &PDF..."])
    amended = load_record(dialogs.saved_paths[-1])
    assert amended.record_id == saved.record_id and amended.created == saved.created
    assert amended.amended is not None and amended.record_hash != saved.record_hash
    assert amended.worry == "Late three times this week." and amended.hash_ok


def test_a_new_assessment_is_a_new_record(qtbot, w, dialogs) -> None:
    answer_screening(qtbot, w)
    w.go("record")
    complete_record(qtbot, w, "given")
    click(qtbot, _buttons(w)["&Save record..."])
    w.new_assessment()
    answer_screening(qtbot, w)
    w.go("record")
    complete_record(qtbot, w, "given")
    click(qtbot, _buttons(w)["&Save record..."])
    first, second = (load_record(p) for p in dialogs.saved_paths)
    assert first.record_id != second.record_id and second.amended is None


def test_saving_a_reopened_record_amends_it(qtbot, w, dialogs, tmp_path: Path) -> None:
    answer_screening(qtbot, w)
    tick(qtbot, w, "ed_occasional_absence")
    w.go("record")
    complete_record(qtbot, w, "given")
    click(qtbot, _buttons(w)["&Save record..."])
    original = load_record(dialogs.saved_paths[0])
    other = make_window(qtbot, tmp_path / "second")
    dialogs.open_path = dialogs.saved_paths[0]
    click(qtbot, other.start_page.open_button)
    other.go("record")
    click(qtbot, _buttons(other)["Save &PDF..."])
    unchanged = load_record(dialogs.saved_paths[-1])
    assert unchanged.record_id == original.record_id and unchanged.record_hash == original.record_hash
    qtbot.keyClicks(other.record_page.fields["initials"], "C.D.")
    click(qtbot, _buttons(other)["&Save record..."])
    amended = load_record(dialogs.saved_paths[-1])
    assert amended.record_id == original.record_id and amended.amended and amended.child.initials == "C.D."


def test_an_older_record_saved_again_unchanged_stays_as_made(qtbot, w, dialogs, model, tmp_path: Path) -> None:
    import json

    from thresholds_app.records.record import compute_hash

    from .records_helpers import make_record

    doc = make_record(model, indicators={"ed_occasional_absence": "yes"}).to_dict()
    doc["version"] = 1  # an agreeing record of format 1 differs from format 2 only in its number
    del doc["record_hash"]
    doc["record_hash"] = compute_hash(doc)
    old = tmp_path / "format-1.json"
    old.write_text(json.dumps(doc), encoding="utf-8")
    original = load_record(old)
    assert original.format_version == 1 and original.hash_ok
    dialogs.open_path = old
    click(qtbot, w.start_page.open_button)
    w.go("record")
    click(qtbot, _buttons(w)["Save &PDF..."])
    again = load_record(dialogs.saved_paths[-1])
    assert again.record_hash == original.record_hash and again.hash_ok and again.amended is None


def test_a_name_typed_without_json_does_not_overwrite_another_record_unasked(qtbot, w, dialogs) -> None:
    """Typing 'mine' saves mine.json; if mine.json is another record, the app asks first."""
    other = dialogs.save_folder / "mine.json"
    other.parent.mkdir(parents=True, exist_ok=True)
    other.write_text("another child's record", encoding="utf-8")
    answer_screening(qtbot, w)
    w.go("record")
    complete_record(qtbot, w, "given")
    dialogs.save_name, dialogs.confirm_answer = "mine", False
    click(qtbot, _buttons(w)["&Save record..."])
    assert other.read_text(encoding="utf-8") == "another child's record"
    assert any("mine.json" in text for _title, text in dialogs.shown)
    dialogs.save_name = "A.B. 2026-11"  # a dot in the name: the suffix is added, not swapped in
    click(qtbot, _buttons(w)["&Save record..."])
    assert (dialogs.save_folder / "A.B. 2026-11.json").exists()
