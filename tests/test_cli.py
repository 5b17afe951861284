"""The headless commands: located errors, non-zero exits, never a traceback."""

from __future__ import annotations

import io
import json
import os
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
    assert "test cases: 61 passed, 0 failed" in out
    assert "test cases: 10 passed, 0 failed" in out
    assert err == ""


def test_check_accepts_a_folders_ruleset_yaml() -> None:
    code, out, err = call("check", str(ROOT / "rules" / "model-four-level" / "ruleset.yaml"))
    assert code == 0, err
    assert "test cases: 61 passed, 0 failed" in out


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
    assert code == 0 and "model-four-level: Model levels of need (four levels) 1.0.0 (model)" in out
    assert "compact-five-level:" in out and "5 levels" in out
    code, out, _ = call("schema")
    assert code == 0 and json.loads(out)["title"] == "Levels-of-need rule set"
