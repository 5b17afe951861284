"""The headless commands: located errors, non-zero exits, never a traceback."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from thresholds_app.cli import run

EXAMPLE = "rules/model-four-level/examples/baby-neglect-dont-know.yaml"
ROOT = Path(__file__).resolve().parent.parent


def call(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_check_bundled_rulesets() -> None:
    code, out, err = call("check", "model-four-level", "compact-five-level")
    assert code == 0, err
    assert re.search(r"test cases: \d{2} passed, 0 failed; training cases: \d{2} passed, 0 failed", out)
    assert "test cases: 10 passed, 0 failed" in out
    assert err == ""


def test_check_accepts_a_folders_ruleset_yaml() -> None:
    code, out, err = call("check", str(ROOT / "rules" / "model-four-level" / "ruleset.yaml"))
    assert code == 0, err
    assert re.search(r"test cases: \d{2} passed, 0 failed", out)


def test_check_broken_ruleset(tmp_path: Path, compact_text: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(compact_text.replace("route: cin_referral, description", "route: cin, description"))
    code, out, err = call("check", str(bad))
    assert code == 1
    assert f"{bad}:" in err and "refers to route 'cin'" in err and "how to fix" in err
    assert "cannot be used until the errors are fixed" in out


def test_check_fails_on_a_failing_case(tmp_path: Path, compact_text: str) -> None:
    (tmp_path / "rs.yaml").write_text(compact_text)
    (tmp_path / "rs.tests.yaml").write_text(
        "tests:\n  - name: wrong on purpose\n    answers: {indicators: {w_injury: \"yes\"}}\n"
        "    expect: {level: 2}\n")
    code, out, err = call("check", str(tmp_path / "rs.yaml"))
    assert code == 1
    assert "test case failed: wrong on purpose" in err and "level: expected 2, got 5" in err
    assert "0 passed, 1 failed" in out


def test_check_without_cases_is_a_problem(tmp_path: Path, compact_text: str) -> None:
    (tmp_path / "rs.yaml").write_text(compact_text)
    code, out, _ = call("check", str(tmp_path / "rs.yaml"))
    assert code == 1 and "no test cases found" in out


def test_evaluate_text() -> None:
    code, out, err = call("evaluate", "model-four-level", str(ROOT / EXAMPLE))
    assert code == 0, err
    assert "Level 4 of 4: Acute or specialist" in out
    assert "Route: Referral to the MASH for assessment (section 17)" in out
    assert "Information gaps" in out and "Domestic abuse is repeated" in out
    assert "01632 960001" in out
    assert "Strengths noted" in out
    assert "supports your professional judgement" in out


def test_evaluate_json() -> None:
    code, out, _ = call("evaluate", "model-four-level", str(ROOT / EXAMPLE), "--json")
    assert code == 0
    data = json.loads(out)
    assert data["level"]["number"] == 4 and data["route"]["id"] == "mash_referral"
    assert data["ruleset"]["id"] == "model-four-level" and data["ruleset"]["content_hash"].startswith("sha256:")
    assert [g["id"] for g in data["gaps"]] == ["da_repeated"]
    assert data["reasons"][0]["rule"] == "baby-with-complex-needs"


def test_evaluate_from_stdin_as_a_process() -> None:
    answers = json.dumps({"screening": {"immediate_danger": "yes"}})
    proc = subprocess.run([sys.executable, "-m", "thresholds_app", "evaluate", "model-four-level", "-", "--json"],
                          input=answers.encode(), capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["route"]["id"] == "emergency"


def test_unknown_indicator_in_answers(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("screening:\n  immediate_danger: \"no\"\nindicators:\n  hl_mised_checks: \"yes\"\n")
    code, _, err = call("evaluate", "model-four-level", str(answers))
    assert code == 1
    assert f"{answers}:4:3: error: $.indicators.hl_mised_checks: unknown indicator 'hl_mised_checks'" in err
    assert "did you mean 'hl_missed_checks'?" in err


def test_bad_answer_values(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text('{"screening": {"age_band": "teen"}, "indicators": {"hl_missed_checks": true}}')
    code, _, err = call("evaluate", "model-four-level", str(answers))
    assert code == 1
    assert "is not allowed here; use one of 'yes', 'no', 'dont_know'" in err


HOSTILE = {
    "empty": b"",
    "binary": bytes(range(256)) * 40,
    "malformed": b"format: thresholds-ruleset/1\nlevels: [\n",
    "alias_bomb": b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                  b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "deep": b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n",
    "wrong_types": b"format: 3\nmetadata: []\nlevels: {}\n",
    "a_list": b"- 1\n- 2\n",
    "python_tag": b"format: !!python/object/apply:os.system [echo hi]\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_rulesets_give_located_errors_without_traceback(tmp_path: Path, name: str) -> None:
    path = tmp_path / f"{name}.yaml"
    path.write_bytes(HOSTILE[name])
    proc = subprocess.run([sys.executable, "-m", "thresholds_app", "check", str(path)], capture_output=True,
                          timeout=60, cwd=ROOT, env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert proc.returncode == 1
    assert b"Traceback" not in proc.stderr + proc.stdout
    assert f"{path}:".encode() in proc.stderr
    assert b": error: " in proc.stderr


def test_fifty_megabyte_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.write(b"a: " + b"x" * (50 * 1024 * 1024) + b"\n")
    code, _, err = call("check", str(path))
    assert code == 1 and "the limit is 2,000,000 bytes" in err


def test_usage_errors_exit_2() -> None:
    assert call("evaluate")[0] == 2
    assert call("frobnicate")[0] == 2


def test_show_ruleset_lists_the_ids_answers_use() -> None:
    code, out, _ = call("show-ruleset", "compact-five-level")
    assert code == 0
    assert "  4  Child in need: Section 17 -> Child in need referral" in out
    assert "  danger: Is the child in immediate danger?\n      options: yes, no, dont_know" in out
    assert "      w_injury (level 5): An injury that is not explained." in out


def test_rulesets_and_schema_commands() -> None:
    code, out, _ = call("rulesets")
    assert code == 0 and "model-four-level: Model levels of need (four levels) 2.1.0 (model)" in out
    assert "compact-five-level:" in out and "5 levels" in out
    code, out, _ = call("schema")
    assert code == 0 and json.loads(out)["title"] == "Levels-of-need rule set"


def _saved_record(tmp_path: Path):
    from thresholds_app.core.loader import load_ruleset
    from thresholds_app.locations import bundled_rulesets
    from thresholds_app.records.record import save_record

    from .records_helpers import make_record

    record = make_record(load_ruleset(bundled_rulesets()["model-four-level"]))
    path = tmp_path / "record.json"
    save_record(record, path)
    return record, path


def test_print_and_show_a_record(tmp_path: Path) -> None:
    record, path = _saved_record(tmp_path)
    pdf = tmp_path / "out.pdf"
    code, out, err = call("print", str(path), "-o", str(pdf))
    assert code == 0, err
    assert out.startswith(f"Wrote {pdf} (") and pdf.read_bytes().startswith(b"%PDF-")
    for target in (path, pdf):
        code, out, err = call("show", str(target))
        assert code == 0, err
        assert f"Decision record {record.record_id[:8]}, made 20 November 2026, 09:30 UTC" in out
        assert "Record hash: verified" in out
        assert "Outcome then: Level 4 of 4, Acute or specialist; Urgent MASH referral (section 47)" in out
        assert "the same rule set" in out and "The outcome would be the same today." in out


def test_show_detects_edits_and_a_changed_ruleset(tmp_path: Path) -> None:
    _, path = _saved_record(tmp_path)
    doc = json.loads(path.read_text())
    doc["concerns"]["worry"] = "rewritten later"
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(doc))
    code, out, _ = call("show", str(edited))
    assert code == 0 and "Record hash: MISMATCH" in out
    # Against a changed copy of the rule set, where the injury indicator became level 3 without harm.
    import shutil

    changed = tmp_path / "changed"
    shutil.copytree(ROOT / "rules" / "model-four-level", changed)
    safety = changed / "domains" / "09-ensuring-safety.yaml"
    text = safety.read_text()
    start = text.index("  - id: es_unexplained_injury")
    block_end = text.index("  - id: es_non_mobile_injury")
    block = text[start:block_end].replace("level: 4", "level: 3").replace("tags: [significant_harm]\n", "")
    safety.write_text(text[:start] + block + text[block_end:])
    code, out, _ = call("show", str(path), "--ruleset", str(changed))
    assert code == 0
    assert "a DIFFERENT rule set" in out
    assert "Outcome today: Level 3 of 4, Complex needs" in out
    assert "The outcome WOULD DIFFER today" in out
    assert "  - Level: then 4 (Acute or specialist), now 3 (Complex needs)." in out


def test_print_reports_missing_glyphs_and_bad_records(tmp_path: Path) -> None:
    code, _, err = call("print", str(tmp_path / "nope.json"), "-o", str(tmp_path / "x.pdf"))
    assert code == 1 and "cannot read the file" in err
    (tmp_path / "junk.json").write_text("{\"format\": \"thresholds-record\", \"version\": 1")
    code, _, err = call("show", str(tmp_path / "junk.json"))
    assert code == 1 and "truncated" in err
    assert not (tmp_path / "x.pdf").exists()


def test_audit_writes_its_files_even_if_output_is_cut_short(tmp_path: Path) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:  # like '| head' having gone away
            raise BrokenPipeError

    _saved_record(tmp_path)
    code = run(["audit", str(tmp_path), "-q", "--csv", str(tmp_path / "a.csv")], ClosedPipe(), io.StringIO())
    assert code == 0
    assert (tmp_path / "a.csv").read_text().count("\n") == 2


def test_a_local_folder_named_like_a_bundled_rule_set_is_not_used_silently(tmp_path: Path, monkeypatch,
                                                                            compact_text: str) -> None:
    """'model-four-level' means the bundled rule set; a folder of that name here is named in a note, and
    './model-four-level' uses it."""
    local = tmp_path / "model-four-level.yaml"
    local.write_text(compact_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "model-four-level").mkdir()
    code, out, err = call("show-ruleset", "model-four-level")
    assert code == 0 and "Model levels of need" in out
    assert "the file or folder of that name here is not used" in err and "./model-four-level" in err
    code, out, _err = call("show-ruleset", "./model-four-level.yaml")
    assert code == 0 and "Compact five-level" in out


def test_print_of_an_edited_record_says_so_on_the_page_and_the_console(tmp_path: Path, model) -> None:
    """An edited record must not become an official-looking PDF without a word (show and the app warn)."""
    from pypdf import PdfReader

    from thresholds_app.records.record import save_record

    from .records_helpers import make_record

    path = tmp_path / "record.json"
    save_record(make_record(model), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["concerns"]["worry"] = "Edited afterwards."
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _out, err = call("print", str(path), "-o", str(tmp_path / "r.pdf"))
    assert code == 0 and "has been changed since it was made" in err
    first = " ".join(PdfReader(tmp_path / "r.pdf").pages[0].extract_text().split())
    assert "WARNING: this record has been changed since it was made" in first
    save_record(make_record(model), path)
    code, _out, err = call("print", str(path), "-o", str(tmp_path / "ok.pdf"))
    assert "changed since" not in err and "WARNING" not in PdfReader(tmp_path / "ok.pdf").pages[0].extract_text()


def test_outputs_never_replace_the_records_they_come_from(tmp_path: Path, model) -> None:
    from thresholds_app.records.record import save_record

    from .records_helpers import make_record

    folder = tmp_path / "records"
    folder.mkdir()
    record = folder / "r.json"
    save_record(make_record(model), record)
    before = record.read_bytes()
    code, _out, err = call("print", str(record), "-o", str(record))
    assert code == 1 and "would replace the record it prints" in err and record.read_bytes() == before
    code, _out, err = call("audit", str(folder), "--pdf", str(record), "-q")
    assert code == 1 and "inside the folder being audited" in err and record.read_bytes() == before
    code, _out, _err = call("audit", str(folder), "--pdf", str(tmp_path / "report.pdf"), "-q")
    assert code == 0 and (tmp_path / "report.pdf").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_pipes_and_devices_are_refused_not_read_for_ever(tmp_path: Path) -> None:
    """A named pipe as a rule set, answers file or record blocked for ever; /dev/zero was read until
    memory ran out. Each is refused with a located error. The timeout detects a hang; it is no benchmark."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    runs = [["check", str(pipe)], ["evaluate", "model-four-level", str(pipe)], ["show", str(pipe)],
            ["evaluate", "model-four-level", "/dev/zero"]]
    for argv in runs:
        proc = subprocess.run([sys.executable, "-m", "thresholds_app", *argv], capture_output=True, text=True,
                              timeout=60, cwd=tmp_path)
        assert proc.returncode == 1, (argv, proc.stderr)
        assert "not a regular file" in proc.stderr and (str(pipe) in proc.stderr or "/dev/zero" in proc.stderr)


def test_an_output_that_cannot_be_written_is_a_located_error(tmp_path: Path) -> None:
    """A missing folder, a folder given as the file: exit 1 with what to do, not 'internal error' (70)."""
    for target, words in ((tmp_path / "missing" / "g.pdf", "does not exist"), (tmp_path, "this is a folder")):
        code, _out, err = call("grid", "model-four-level", "-o", str(target))
        assert code == 1 and str(target) in err and words in err and "internal error" not in err
