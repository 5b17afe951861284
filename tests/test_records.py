"""The decision record: JSON round trips, hashes, atomic private saving, and bad or hostile files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from thresholds_app.core.problems import InputError
from thresholds_app.records import atomic
from thresholds_app.records import record as record_module
from thresholds_app.records.record import Consent, Judgement, load_record, save_record

from .records_helpers import make_record


def test_json_round_trip(model, tmp_path: Path) -> None:
    record = make_record(model)
    path = tmp_path / "r.json"
    save_record(record, path)
    again = load_record(path)
    assert again.to_dict() == record.to_dict()
    assert again.hash_ok and record.hash_ok
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["format"] == "thresholds-record" and doc["version"] == record_module.VERSION == 2
    assert doc["ruleset"]["content_hash"] == model.content_hash
    assert doc["answers"]["indicators"]["da_repeated"] == "dont_know"
    assert doc["recommendation"]["level"]["number"] == 4
    assert doc["consent"] == {"status": "not_sought_risk", "reason": "Telling the parents could put the child at risk."}


def test_hash_detects_any_edit(model, tmp_path: Path) -> None:
    doc = make_record(model).to_dict()
    edits = [(("concerns", "worry"), "a different account"), (("recommendation", "route", "id"), "universal"),
             (("referrer", "agency"), "Another agency"), (("answers", "indicators", "es_unexplained_injury"), "no"),
             (("created",), "2026-11-21T09:30:00Z")]
    for path, value in edits:
        edited = json.loads(json.dumps(doc))
        target = edited
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value
        file = tmp_path / "edited.json"
        file.write_text(json.dumps(edited))
        assert not load_record(file).hash_ok, path
    file.write_text(json.dumps(doc))
    assert load_record(file).hash_ok


def test_saving_is_private_and_atomic(model, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "r.json"
    first = make_record(model)
    save_record(first, path)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # A failure at the last step leaves the old file whole and no temporary file behind.
    monkeypatch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        save_record(replace(first, worry="second version", record_hash=""), path)
    assert load_record(path).worry == first.worry
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_killed_mid_save_leaves_the_old_file(model, tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    save_record(make_record(model), path)
    before = path.read_bytes()
    script = (
        "import os, sys\n"
        "from thresholds_app.records import atomic\n"
        "def die(*a):\n"
        "    os._exit(9)\n"
        "atomic.os.replace = die\n"
        f"atomic.write_atomic({str(path)!r}, b'x' * 1000000)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], timeout=60)
    assert proc.returncode == 9
    assert path.read_bytes() == before


def test_new_record_requires_reasons(model) -> None:
    with pytest.raises(InputError) as info:
        make_record(model, judgement=Judgement(agrees=False, level=3))
    assert any(p.path[:1] == ("judgement",) for p in info.value.problems)
    with pytest.raises(InputError):
        make_record(model, judgement=Judgement(agrees=False, reason="Level 3 is enough"))  # no level or route
    with pytest.raises(InputError) as info:
        make_record(model, consent=Consent("not_sought_risk"))
    assert any(p.path[:1] == ("consent",) for p in info.value.problems)
    with pytest.raises(InputError) as info:
        make_record(model, judgement=Judgement(agrees=False, level=9, route="nowhere", reason="x"))
    assert {p.path for p in info.value.problems} == {("judgement", "level"), ("judgement", "route")}
    ok = make_record(model, judgement=Judgement(agrees=False, level=3, route="mash_consultation",
                                                reason="Injury has a credible explanation from the GP."))
    judgement = ok.to_dict()["judgement"]
    assert {k: judgement[k] for k in ("agrees", "level", "route", "level_name", "route_name", "reason")} == {
        "agrees": False, "level": 3, "route": "mash_consultation", "level_name": "Complex needs",
        "route_name": "MASH consultation", "reason": "Injury has a credible explanation from the GP."}
    assert (judgement["chosen_level"]["name"], judgement["chosen_route"]["name"]) == ("Complex needs",
                                                                                      "MASH consultation")


def bad_file(tmp_path: Path, content: bytes, name: str = "bad.json") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as info:
        load_record(path)
    (problem,) = info.value.problems[:1]
    assert problem.location.file.startswith(str(path))
    return problem.message


def test_truncated_record(model, tmp_path: Path) -> None:
    text = make_record(model).to_json().encode()
    assert "truncated" in bad_file(tmp_path, text[: len(text) // 2])


def test_newer_and_foreign_and_empty(model, tmp_path: Path) -> None:
    doc = make_record(model).to_dict()
    doc["version"] = 7
    assert "newer version of thresholds-app" in bad_file(tmp_path, json.dumps(doc).encode())
    assert "not a thresholds decision record" in bad_file(tmp_path, b'{"name": "something else"}')
    assert "not a thresholds decision record" in bad_file(tmp_path, b"[1, 2, 3]")
    assert "empty" in bad_file(tmp_path, b"")
    assert "not UTF-8" in bad_file(tmp_path, os.urandom(2000).replace(b"%", b"x"), "junk.pdf")


def test_older_versions_are_upgraded(model, tmp_path: Path, monkeypatch) -> None:
    # Pretend the current format is 3, with an upgrade from 2 that renames a field.
    doc = make_record(model).to_dict()
    assert doc["version"] == 2
    doc["concerns"]["worries"] = doc["concerns"].pop("worry")

    def upgrade(old: dict) -> dict:
        new = json.loads(json.dumps(old))
        new["concerns"]["worry"] = new["concerns"].pop("worries")
        new["version"] = 3
        return new

    monkeypatch.setattr(record_module, "VERSION", 3)
    monkeypatch.setitem(record_module.MIGRATIONS, 2, upgrade)
    monkeypatch.setattr(record_module, "check", lambda document, name, source_text=None: [])
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc))
    assert load_record(path).worry == "Worried about bruising seen on Monday."


def test_schema_errors_do_not_repeat_personal_data(model, tmp_path: Path) -> None:
    doc = make_record(model).to_dict()
    doc["child"]["initials"] = "Zoë Łukasiewicz-Smith the third"  # too long for initials
    doc["consent"]["status"] = "Alexei said yes"
    path = tmp_path / "r.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(InputError) as info:
        load_record(path)
    text = str(info.value)
    assert "$.child.initials" in text and "$.consent.status" in text
    assert "Łukasiewicz" not in text and "Alexei" not in text


def test_ten_megabyte_text_field(model, tmp_path: Path) -> None:
    doc = make_record(model).to_dict()
    doc["concerns"]["worry"] = "x" * (10 * 1024 * 1024)
    message = bad_file(tmp_path, json.dumps(doc).encode())
    assert "the limit is 5,000,000" in message


def test_long_text_within_limits_is_fine(model) -> None:
    long = make_record(model, worry="A long account. " * 5000)
    assert len(long.worry) == 80000 and long.hash_ok


def test_pdf_without_record_and_not_a_pdf(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    plain = tmp_path / "plain.pdf"
    canvas = Canvas(str(plain))
    canvas.drawString(100, 700, "Just a PDF")
    canvas.save()
    assert "does not carry a thresholds decision record" in bad_file(tmp_path, plain.read_bytes(), "plain.pdf")
    assert "PDF cannot be read" in bad_file(tmp_path, b"%PDF-1.7\n" + os.urandom(5000), "broken.pdf")


def test_saving_sweeps_away_partial_copies_left_by_a_killed_save(tmp_path) -> None:
    """A process killed mid-save leaves a hidden partial copy of a child's record beside it; the next save
    in that folder removes such leftovers once they are clearly stale (not a save still under way)."""
    import os
    import time

    from thresholds_app.records.atomic import write_atomic

    stale = [tmp_path / ".tmp-abc123.part", tmp_path / ".thresholds-def456.part"]
    fresh = tmp_path / ".thresholds-inflight.part"
    other = tmp_path / ".tmp-someone-else.txt"
    for leftover in (*stale, fresh, other):
        leftover.write_bytes(b'{"child": "A.B."}')
    old = time.time() - 3600
    for leftover in (*stale, other):
        os.utime(leftover, (old, old))
    write_atomic(tmp_path / "record.json", b"{}")
    assert not any(p.exists() for p in stale)
    assert fresh.exists() and other.exists() and (tmp_path / "record.json").read_bytes() == b"{}"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".thresholds-inflight.part", ".tmp-someone-else.txt",
                                                           "record.json"]


@pytest.mark.parametrize("name", ["model-four-level", "compact-five-level"])
def test_every_case_recommendation_fits_the_record_schema(name: str) -> None:
    """A record's recommendation is checked when it is read back, so whatever the engine can say must fit."""
    from thresholds_app.core.casetests import load_cases
    from thresholds_app.core.evaluate import evaluate
    from thresholds_app.core.household import Household, evaluate_household
    from thresholds_app.core.loader import load_ruleset
    from thresholds_app.locations import bundled_rulesets

    path = bundled_rulesets()[name]
    ruleset = load_ruleset(path)
    cases = load_cases(path, ruleset)
    assert len(cases) >= 10
    for case in cases:
        if isinstance(case.answers, Household):
            recommendations = [c.recommendation for c in evaluate_household(ruleset, case.answers).children]
        else:
            recommendations = [evaluate(ruleset, case.answers)]
        for rec in recommendations:
            problems = record_module.check({"recommendation": rec.to_dict()}, case.name)
            assert [str(p) for p in problems if p.path[:1] == ("recommendation",)] == [], case.name
