"""Hostile and careless input, run through the real command line in a child process.

Each test builds its input itself (nothing large is kept in the repository), runs ``thresholds-app`` as a
person or a script would, and asserts a clean located error (exit 1, never the internal-error code 70 or a
traceback) or a correct answer. Every run has a generous timeout, so a hang fails the test instead of
stalling the suite; the timeout is a guard against hangs, not a measure of speed.
"""

from __future__ import annotations

import functools
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUARD_SECONDS = 60


def cli(*argv: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the real command in a fresh interpreter; a hang becomes a test failure, not a stuck suite."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "thresholds_app", *argv], cwd=cwd or ROOT, env=full_env,
                          input=stdin, capture_output=True, timeout=GUARD_SECONDS)


def assert_clean_error(result: subprocess.CompletedProcess[bytes], *expected: str) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, err)
    assert "Traceback" not in err and "internal error" not in err.lower(), err
    for text in expected:
        assert text in err, err
    return err


def fan_out_conditions(levels: int, width: int) -> str:
    """Named conditions where each refers to the one before ``width`` times: tiny text, huge expansion."""
    lines = ["conditions:", "  c0: {indicator: w_delay}"]
    for k in range(1, levels + 1):
        lines.append(f"  c{k}: {{any: [{', '.join([f'{{ref: c{k - 1}}}'] * width)}]}}")
    return "\n".join(lines) + "\n"


def test_fan_out_named_conditions_check_and_evaluate_promptly(tmp_path: Path, compact_text: str) -> None:
    text = compact_text.replace("decision:\n", fan_out_conditions(10, 100) + "decision:\n")
    text = text.replace("when: {count_domains: {at_least: 2, min_level: 3}}", "when: {ref: c10}")
    ruleset = tmp_path / "fan-out.yaml"
    ruleset.write_text(text, encoding="utf-8")
    checked = cli("check", str(ruleset))
    assert checked.returncode in (0, 1), checked.stderr
    assert b"Traceback" not in checked.stderr
    answers = tmp_path / "answers.yaml"
    answers.write_text("screening: {}\nindicators: {}\n", encoding="utf-8")
    result = cli("evaluate", str(ruleset), str(answers), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"]["number"] == 1
    answers.write_text("indicators: {w_delay: 'yes'}\n", encoding="utf-8")
    result = cli("evaluate", str(ruleset), str(answers), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"]["number"] >= 3


def test_long_chains_of_named_conditions(tmp_path: Path, compact_text: str) -> None:
    def chain(length: int) -> Path:
        text = compact_text.replace("decision:\n", "conditions:\n  c0: {indicator: w_delay}\n" + "".join(
            f"  c{k}: {{ref: c{k - 1}}}\n" for k in range(1, length)) + "decision:\n")
        text = text.replace("when: {count_domains: {at_least: 2, min_level: 3}}", f"when: {{ref: c{length - 1}}}")
        text = text.replace('version: "0.3.0"', 'version: "0.3.0-chain"')  # changed content, its own version
        path = tmp_path / f"chain-{length}.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    assert_clean_error(cli("check", str(chain(5000))), "chain-5000.yaml:", "$.conditions: has 5000 keys; the limit")
    longest = chain(200)
    checked = cli("check", str(longest))
    assert b"0 warning(s)" in checked.stdout and b"error" not in checked.stderr, checked.stderr.decode()
    answers = tmp_path / "answers.yaml"
    answers.write_text("indicators: {w_delay: 'yes', w_injury: 'no'}\n", encoding="utf-8")
    result = cli("evaluate", str(longest), str(answers), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["level"]["number"] >= 3


def forged_pdf(tmp_path: Path, model, *, second: bool) -> tuple[Path, dict]:
    """A printed record whose attachment is swapped for a re-hashed forgery (or given a twin)."""
    import io

    from pypdf import PdfReader, PdfWriter

    from thresholds_app.records.embedded import EMBEDDED_NAME
    from thresholds_app.records.pdf import render_record
    from thresholds_app.records.record import compute_hash

    from .records_helpers import make_record

    record = make_record(model)
    forged = json.loads(record.to_json())
    forged["recommendation"]["level"]["number"] = 1
    forged["recommendation"]["level"]["name"] = "Universal"
    forged["record_hash"] = compute_hash(forged)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(render_record(record).pdf)))
    if not second:
        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(render_record(record).pdf)).pages:
            writer.add_page(page)
    writer.add_attachment(EMBEDDED_NAME, json.dumps(forged).encode("utf-8"))
    path = tmp_path / ("twin.pdf" if second else "forged.pdf")
    with path.open("wb") as f:
        writer.write(f)
    return path, forged


def test_a_printed_record_with_a_forged_attachment_is_refused(tmp_path: Path, model) -> None:
    path, forged = forged_pdf(tmp_path, model, second=False)
    err = assert_clean_error(cli("show", str(path)), str(path), "not the one its pages print",
                             forged["record_hash"][:23], "altered")
    assert "verified" not in err
    audit = cli("audit", str(tmp_path))
    assert b"not the one its pages print" in audit.stdout + audit.stderr
    assert b"Records audited: 0 (files read: 1; could not be read: 1" in audit.stdout, audit.stdout


def test_a_printed_record_carrying_two_records_is_refused(tmp_path: Path, model) -> None:
    path, _ = forged_pdf(tmp_path, model, second=True)
    assert_clean_error(cli("show", str(path)), str(path), "carries 2 attached records", "altered")


HOSTILE_RECORDS = {
    # name: (how the saved record's text is changed, what the error must say)
    "huge-number": (lambda t: t.replace('"number": 4', '"number": ' + "9" * 5000, 1), "5,000 digits long"),
    "not-a-number": (lambda t: t.replace('"number": 4', '"number": NaN', 1), "'NaN' is not a number"),
    "infinite": (lambda t: t.replace('"number": 4', '"number": Infinity', 1), "'Infinity' is not a number"),
    "script-colour": (lambda t: t.replace('"colour": "#C62828"', '"colour": "javascript:alert(1)"', 1), "colour"),
    "reasons-as-text": (lambda t: t.replace('"reasons": [', '"reasons": "because", "was": [', 1), "reasons"),
    "half-a-character": (lambda t: t.replace("Worried about", "Worried \\ud800 about", 1), "lone surrogate"),
    "newline-in-id": (lambda t: t.replace('"id": "acute"', '"id": "acute\\n"', 1), "level.id"),
}


def test_hostile_records_are_located_errors_everywhere(tmp_path: Path, model) -> None:
    from .records_helpers import make_record

    text = make_record(model).to_json()
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "good.json").write_text(text, encoding="utf-8")
    for name, (change, expected) in HOSTILE_RECORDS.items():
        changed = change(text)
        assert changed != text, name
        path = folder / f"{name}.json"
        path.write_text(changed, encoding="utf-8")
        for command in (("show", str(path)), ("print", str(path), "-o", str(tmp_path / f"{name}.pdf"))):
            err = assert_clean_error(cli(*command), f"{path}:", expected)
            assert "how to fix" in err, (name, err)
        assert not (tmp_path / f"{name}.pdf").exists(), name
    audit = cli("audit", str(folder))
    assert audit.returncode == 0, audit.stderr
    out = audit.stdout.decode()
    # The audit reads only what it counts: a record its reader cannot take is listed and skipped; one
    # whose other parts were tampered with is counted and flagged as edited (its hash no longer matches).
    unreadable = ["huge-number", "not-a-number", "infinite", "half-a-character"]
    edited = len(HOSTILE_RECORDS) - len(unreadable)
    assert (f"Records audited: {1 + edited} (files read: {len(HOSTILE_RECORDS) + 1}; could not be read: "
            f"{len(unreadable)}; duplicates ignored: 0; edited after they were made: {edited})") in out, out
    for name in unreadable:
        assert f"{name}.json: " in out, name


def test_huge_numbers_and_trailing_newlines_in_rule_sets_and_answers(tmp_path: Path, compact_text: str) -> None:
    huge = "9" * 5000
    ruleset = tmp_path / "ruleset.yaml"
    ruleset.write_text(compact_text.replace("level: 3, text: Development", f"level: {huge}, text: Development"),
                       encoding="utf-8")
    line = compact_text[:compact_text.index("level: 3, text: Development")].count("\n") + 1
    assert_clean_error(cli("check", str(ruleset)), f"{ruleset}:{line}:", "5,000 digits long", "how to fix")
    answers = tmp_path / "answers.yaml"
    answers.write_text(f"screening: {{age_band: {huge}}}\n", encoding="utf-8")
    assert_clean_error(cli("evaluate", "model-four-level", str(answers)), f"{answers}:1:", "5,000 digits long")
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"indicators": {"es_unexplained_injury\n": "yes"}}), encoding="utf-8")
    assert_clean_error(cli("evaluate", "model-four-level", str(answers)), f"{answers}:1:",
                       "does not have the expected form")


def test_record_text_cannot_drive_the_terminal_or_stop_a_narrow_console(tmp_path: Path, model) -> None:
    from thresholds_app.records.record import Referrer, save_record

    from .records_helpers import make_record

    agency = "Παναγιώτης \x1b[2J\x1b]0;owned\x07 School"
    path = tmp_path / "record.json"
    save_record(make_record(model, referrer=Referrer("Zoë", "Teacher", agency)), path)
    result = cli("show", str(path), env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode("cp1252")
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b[2J\\x1b]0;owned\\x07 School" in out  # shown, visibly, not obeyed
    assert "?????????? " in out  # Greek the console cannot show is replaced, not a crash


def test_audit_of_awkward_file_names_and_very_long_words(tmp_path: Path, model) -> None:
    from thresholds_app.records.record import Referrer, save_record

    from .records_helpers import make_record

    folder = tmp_path / "records"
    folder.mkdir()
    save_record(make_record(model, referrer=Referrer("Zoë", "Teacher", "W" * 300)), folder / "long-word.json")
    (folder / "line\nbreak.json").write_text("{not json")
    (folder / os.fsdecode(b"caf\xe9.json")).write_text("{not json")
    csv_path, pdf_path = tmp_path / "audit.csv", tmp_path / "audit.pdf"
    result = cli("audit", str(folder), "--csv", str(csv_path), "--pdf", str(pdf_path))
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "Records audited: 1 (files read: 3; could not be read: 2" in out
    assert "line\\x0abreak.json: " in out and "caf\\xe9.json: " in out
    lines = csv_path.read_text(encoding="utf-8").splitlines()  # a header, one record, two skipped files
    assert len(lines) == 4
    assert {line.split(",")[0] for line in lines[1:]} == {"caf\\xe9.json", "line\\x0abreak.json", "long-word.json"}
    assert pdf_path.read_bytes().startswith(b"%PDF-")


def test_the_app_says_why_a_save_failed_and_keeps_the_work(qtbot, tmp_path: Path, dialogs) -> None:
    from PySide6.QtWidgets import QAbstractButton

    from thresholds_app.records.record import load_record

    from .gui_helpers import click, complete_record, make_window

    w = make_window(qtbot, tmp_path / "profile")
    click(qtbot, w.start_page.start_button)
    click(qtbot, w.danger_page.choice.buttons["yes"])
    buttons = {b.text(): b for b in w.emergency_page.findChildren(QAbstractButton)}
    click(qtbot, buttons["&Record this now"])
    complete_record(qtbot, w, "given")
    record_buttons = {b.text(): b for b in w.record_page.findChildren(QAbstractButton)}
    good_folder = dialogs.save_folder
    dialogs.save_folder = tmp_path / "no such folder"
    for label in ("&Save record...", "Save &PDF..."):
        click(qtbot, record_buttons[label])
        assert dialogs.problems, label
        problem = dialogs.problems.pop()[0]
        assert "no such folder" in problem and "the folder does not exist" in problem, problem
        assert w.is_dirty() and w.current == "record"  # nothing lost: the answers are still there
    dialogs.save_folder = good_folder
    click(qtbot, record_buttons["&Save record..."])
    assert not dialogs.problems
    assert load_record(dialogs.saved_paths[-1]).recommendation["emergency"] is True


def test_qt_file_dialogs_leave_no_folder_names_behind(qtbot, tmp_path: Path) -> None:
    """Qt's own file dialog writes the folders it visited to QtProject.conf; a folder can name a child."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog

    from thresholds_app.gui import dialogs

    config = tmp_path / "config"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(config))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(config))
    child_folder = tmp_path / "Jane Smith 2014"
    child_folder.mkdir()
    dialogs._last_folder = child_folder

    def close_the_dialog() -> None:  # as a person pressing Cancel; never waits on a person
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QFileDialog):
            dialog.reject()

    closer = QTimer()
    closer.timeout.connect(close_the_dialog)
    closer.start(50)
    try:
        for ask in (lambda: dialogs.ask_open_path(None, "Open", "*.json"),
                    lambda: dialogs.ask_open_paths(None, "Open", "*.json"),
                    lambda: dialogs.ask_folder(None, "Folder"),
                    lambda: dialogs.ask_save_path(None, "Save", "record.json", "*.json")):
            assert ask() in (None, [])
            written = "\n".join(p.read_text(errors="replace") for p in config.rglob("*.conf"))
            assert "Jane" not in written and "2014" not in written, written
    finally:
        closer.stop()
        dialogs._last_folder = None


# -- every input path against every kind of hostile file ------------------------------------------------
def _billion_laughs() -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]" for i in range(8)]
    return "\n".join(lines) + "\n"


@functools.cache
def _pdf_bomb() -> bytes:
    """A PDF whose attached record expands from 1 MB to 1 GB (a "zlib bomb")."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("decision-record.json", b"{}")
    stream = next(o for o in writer._objects if isinstance(o, StreamObject) and o.get("/Type") == "/EmbeddedFile")
    packer = zlib.compressobj(9)
    zeros = bytes(1 << 20)
    stream._data = b"".join(packer.compress(zeros) for _ in range(1024)) + packer.flush()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _hostile_file(kind: str, folder: Path) -> Path:
    """One hostile input, built here: nothing large is kept in the repository."""
    if kind == "device":
        return Path("/dev/zero")  # never ends: only regular files are read
    path = folder / f"{kind}.{'yaml' if kind == 'aliases' else 'pdf' if kind == 'pdf-bomb' else 'json'}"
    if kind == "pipe":
        os.mkfifo(path)  # opening it to read would block for ever
    elif kind == "folder":
        path.mkdir()
    elif kind == "pdf-bomb":
        path.write_bytes(_pdf_bomb())
    elif kind == "sparse-giant":
        with path.open("wb") as f:
            f.truncate(3_000_000_000)  # 3 GB that takes no disk: refused by its size, never read
    else:
        content: str | bytes = {
            "empty": "",
            "binary": b"\x00\x01\x02PK\x03\x04",
            "latin-1": b"caf\xe9: 1\n",
            "deep": "[" * 100_000 + "]" * 100_000,
            "aliases": _billion_laughs(),
            "huge-number": '{"a": ' + "9" * 5000 + "}",
            "not-a-number": '{"a": NaN}',
            "half-a-character": '{"a": "\\ud800"}',
            "truncated": '{"format": "thresholds-record", "version": 2, "record_id": "',
            "fake-pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n%%EOF garbage \xff\xfe",
        }[kind]
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return path


HOSTILE_KINDS = ["pipe", "device", "folder", "sparse-giant", "empty", "binary", "latin-1", "deep", "aliases",
                 "huge-number", "not-a-number", "half-a-character", "truncated", "fake-pdf", "pdf-bomb"]
#: Each command with ``{}`` where the hostile file goes.
READERS = {
    "a rule set": ("check", "{}"),
    "answers": ("evaluate", "model-four-level", "{}"),
    "interview answers": ("next", "model-four-level", "{}"),
    "a record to show": ("show", "{}"),
    "a record to print": ("print", "{}", "-o", "{out}"),
    "a grid's rule set": ("grid", "{}", "-o", "{out}"),
}


@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_every_reader_refuses_hostile_files_cleanly(kind: str, tmp_path: Path) -> None:
    from thresholds_app.cli import run

    path = _hostile_file(kind, tmp_path)
    for what, command in READERS.items():
        out_file = tmp_path / "out.pdf"
        argv = [part.format(path, out=out_file) for part in command]
        out, err = io.StringIO(), io.StringIO()
        code = run(argv, out, err)
        message = err.getvalue()
        assert code == 1, (what, kind, code, message)
        assert "internal error" not in message and "Traceback" not in message, (what, kind, message)
        assert f"{path}" in message and ": error: " in message, (what, kind, message)
        assert not out_file.exists(), (what, kind)


@pytest.mark.parametrize("kind", HOSTILE_KINDS)
def test_every_file_the_app_opens_refuses_hostile_files_cleanly(kind: str, qtbot, tmp_path: Path, dialogs,
                                                                 mash) -> None:
    """Open record (Ctrl+O), Open a rule-set file, and the MASH window's Open referral, as a person does."""
    from PySide6.QtCore import Qt

    from .gui_helpers import click, make_active_window

    path = _hostile_file(kind, tmp_path)
    dialogs.open_path = path
    w = make_active_window(qtbot, tmp_path / "profile")
    ruleset_before = w.ruleset
    qtbot.keyClick(w, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    click(qtbot, w.start_page.browse)
    click(qtbot, mash.open_button)
    assert len(dialogs.problems) == 3, (kind, dialogs.problems)
    for problems in dialogs.problems:
        assert problems and problems[0].startswith(str(path)), (kind, problems)
    assert w.ruleset is ruleset_before and w.current == "start"
