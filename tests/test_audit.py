"""Audits over a folder of records with known contents: every figure asserted."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from thresholds_app.cli import run
from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.records.audit import cohens_kappa, scan, summarise, to_csv
from thresholds_app.records.mash import add_review
from thresholds_app.records.pdf import render_record
from thresholds_app.records.record import Judgement, Referrer, save_record

from .records_helpers import make_record

SCREENING = {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "none"}


def _record(model, role: str, indicators: dict, mash: str | None, judgement: Judgement | None = None):
    record = make_record(model, indicators=indicators, judgement=judgement,
                         referrer=Referrer(f"Officer {role}", role, f"{role} agency"))
    if mash is None:
        return record
    answers = Answers.from_dict({"screening": SCREENING, "indicators": indicators})
    return add_review(record, model, Answers(), evaluate(model, answers), decision=mash, urgency="amber",
                      reason="Checks done.", reviewer="MASH social worker")


@pytest.fixture(scope="module")
def folder(model, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("records")
    few, dk = {"fs_few_friends": "yes"}, {"da_repeated": "dont_know"}
    records = [
        _record(model, "Police", {"es_unexplained_injury": "yes", **few, **dk}, "s47_strategy"),   # tool 4
        _record(model, "Police", {"ed_occasional_absence": "yes", **dk}, "nfa_universal"),        # tool 2
        _record(model, "Police", {}, "nfa_universal",                                              # tool 1
                Judgement(False, 4, "mash_referral", "Third call-out this month.")),               # referrer 4
        _record(model, "Education", {"ed_persistent_absence": "yes", **few}, "step_across_early_help"),  # 3
        _record(model, "Education", {"es_disclosure_of_abuse": "yes", **few}, None),               # tool 4
    ]
    for n, record in enumerate(records, 1):
        save_record(record, root / f"r{n}.json")
    (root / "sub").mkdir()
    shutil.copy(root / "r1.json", root / "sub" / "copy-of-r1.json")                     # duplicate
    (root / "sub" / "r4.pdf").write_bytes(render_record(records[3]).pdf)                # duplicate, as PDF
    (root / "broken.json").write_text((root / "r2.json").read_text()[:300])             # truncated
    (root / "other.json").write_text('{"some": "other file"}')                          # not a record
    return root


def test_kappa_known_values() -> None:
    assert cohens_kappa([(1, 1), (2, 2)]) == 1.0
    assert cohens_kappa([]) is None
    assert cohens_kappa([(1, 2), (2, 1)]) == pytest.approx(-1.0)
    # 2x2 textbook example: 20 yes/yes, 15 no/no, 5 and 10 disagreements -> kappa 0.4
    pairs = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15
    assert cohens_kappa(pairs) == pytest.approx(0.4)


def test_audit_figures(folder: Path, model) -> None:
    result = scan(folder)
    assert result.files_seen == 9
    assert len(result.rows) == 5
    assert sorted(result.skipped) == [("broken.json", "the record ends too early: the file is truncated or damaged"),
                                      ("other.json", "not a thresholds decision record")]
    assert sorted(d for d, _ in result.duplicates) == ["sub/copy-of-r1.json", "sub/r4.pdf"]
    s = summarise(result, threshold=4)
    assert (s.records, s.skipped, s.duplicates, s.edited) == (5, 2, 2, 0)
    assert s.by_role == {"Police": 3, "Education": 2}
    assert s.by_agency == {"Police agency": 3, "Education agency": 2}
    assert s.by_tool_level == {4: 2, 2: 1, 1: 1, 3: 1}
    assert s.by_referrer_level == {4: 3, 2: 1, 3: 1}
    assert s.by_mash_decision == {"Strategy discussion (section 47)": 1,
                                  "No further action, signpost to universal services": 2,
                                  "Step across to early help": 1, "(no MASH decision recorded)": 1}
    assert s.level_by_role == {"Police": {4: 1, 2: 1, 1: 1}, "Education": {3: 1, 4: 1}}
    overall = s.agreement_overall
    # referrer vs tool: (4,4) (2,2) (4,1) (3,3) (4,4): 4 of 5 agree; expected 8/25; kappa 0.48/0.68
    assert (overall["referrer vs tool"].pairs, overall["referrer vs tool"].agree) == (5, 4)
    assert overall["referrer vs tool"].kappa == pytest.approx(0.48 / 0.68)
    # tool vs MASH: (4,4) (2,1) (1,1) (3,3): 3 of 4; expected 4/16; kappa 0.5/0.75
    assert overall["tool vs MASH"].percent == pytest.approx(75.0)
    assert overall["tool vs MASH"].kappa == pytest.approx(0.5 / 0.75)
    # referrer vs MASH: (4,4) (2,1) (4,1) (3,3): 2 of 4; expected 3/16; kappa 0.3125/0.8125
    assert overall["referrer vs MASH"].percent == pytest.approx(50.0)
    assert overall["referrer vs MASH"].kappa == pytest.approx(0.3125 / 0.8125)
    police = s.agreement_by_role["Police"]["referrer vs tool"]
    assert (police.pairs, police.agree) == (3, 2) and police.kappa == pytest.approx(0.5)
    assert s.agreement_by_role["Education"]["tool vs MASH"].pairs == 1
    assert s.below_threshold_by_role == {"Police": (2, 2, 3), "Education": (1, 1, 2)}
    assert s.top_indicators[0] == (model.indicators["fs_few_friends"].text, 3)
    assert s.top_gaps == [(model.indicators["da_repeated"].text, 2)]


def test_csv_has_every_file_and_no_child_details(folder: Path) -> None:
    text = to_csv(scan(folder))
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 9
    assert lines[0].startswith("file,status,record_id")
    assert "Worried about bruising" not in text and "A.B." not in text and "UPN-7781" not in text
    assert any("duplicate of r1.json" in line for line in lines)


def test_audit_command_writes_summary_csv_and_pdf(folder: Path, tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    code = run(["audit", str(folder), "--csv", str(tmp_path / "a.csv"), "--pdf", str(tmp_path / "a.pdf")], out, err)
    assert code == 0, err.getvalue()
    text = out.getvalue()
    assert "Records audited: 5 (files read: 9; could not be read: 2; duplicates ignored: 2" in text
    assert "All referrers: referrer vs tool: 80%, kappa 0.71, n=5" in text
    assert "Police: 2 / 2 / 3" in text
    assert "By referring agency:\n  Education agency: 2\n  Police agency: 3" in text
    assert "9 of 9 files read" in err.getvalue()
    assert len((tmp_path / "a.csv").read_text().splitlines()) == 10
    pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "a.pdf")).pages).split())
    assert "Levels-of-need audit" in pdf and "Recommended level by referrer role" in pdf
    assert "80%, kappa 0.71 (n=5)" in pdf and "OFFICIAL-SENSITIVE" in pdf


def test_edited_records_are_counted(folder: Path, tmp_path: Path) -> None:
    copy = tmp_path / "edited"
    copy.mkdir()
    doc = json.loads((folder / "r1.json").read_text())
    doc["recommendation"]["level"]["number"] = 1
    (copy / "r1.json").write_text(json.dumps(doc))
    s = summarise(scan(copy), threshold=4)
    assert (s.records, s.edited) == (1, 1)


def test_chart_colours_follow_the_level_number(folder: Path, tmp_path: Path) -> None:
    from thresholds_app.records.audit import level_colour

    assert level_colour(4) == "#C62828" and level_colour(1) == "#2E7D32"
    only_level_4 = tmp_path / "only4"
    only_level_4.mkdir()
    shutil.copy(folder / "r1.json", only_level_4 / "r1.json")  # a level-4 record alone on the chart
    from thresholds_app.records.audit_pdf import render_audit

    result = scan(only_level_4)
    pdf = render_audit(summarise(result, 4), result)
    page = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()
    assert b".776471 .156863 .156863 rg" in page  # #C62828, the level-4 red
    assert b".180392 .490196 .196078 rg" not in page  # not the level-1 green


def test_csv_cells_that_a_spreadsheet_would_run_are_made_text(model, tmp_path: Path) -> None:
    """A referrer field such as '=HYPERLINK(...)' must reach the spreadsheet a board opens as text,
    never as a formula (CSV injection): such cells start with an apostrophe."""
    for n, agency in enumerate(['=HYPERLINK("http://x.invalid","click")', "+1-2", "-cmd", "@SUM(A1)"]):
        record = make_record(model, referrer=Referrer("Officer", "Police", agency))
        save_record(record, tmp_path / f"r{n}.json")
    rows = list(csv.reader(io.StringIO(to_csv(scan(tmp_path)))))
    agencies = [row[5] for row in rows[1:]]
    assert sorted(agencies) == sorted(["'=HYPERLINK(\"http://x.invalid\",\"click\")", "'+1-2", "'-cmd", "'@SUM(A1)"])
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row)


def test_an_edited_copy_is_counted_and_flagged_not_dropped_as_a_duplicate(model, tmp_path: Path) -> None:
    """Duplicates are the same content, not the same stored hash: an edited copy keeps its stored hash
    but is a different record, and is counted as edited. Of true copies, the one with the MASH decision
    counts, whatever the file names."""
    import json

    original = _record(model, "Police", {"fs_few_friends": "yes"}, None)
    answers = Answers.from_dict({"screening": SCREENING, "indicators": {"fs_few_friends": "yes"}})
    reviewed = add_review(original, model, Answers(), evaluate(model, answers), decision="nfa_universal",
                          urgency="green", reason="Checks done.", reviewer="MASH social worker")
    assert reviewed.record_hash == original.record_hash
    save_record(original, tmp_path / "a-original.json")
    save_record(reviewed, tmp_path / "z-reviewed.json")
    data = json.loads((tmp_path / "a-original.json").read_text(encoding="utf-8"))
    data["concerns"]["worry"] = "Changed later by someone."
    (tmp_path / "m-edited.json").write_text(json.dumps(data), encoding="utf-8")
    result = scan(tmp_path)
    kept = {r.file: r for r in result.rows}
    assert set(kept) == {"m-edited.json", "z-reviewed.json"}
    assert not kept["m-edited.json"].hash_ok and kept["z-reviewed.json"].mash_decision == "nfa_universal"
    assert result.duplicates == [("a-original.json", "z-reviewed.json")]
    assert summarise(result, threshold=4).edited == 1


def test_one_bad_file_never_stops_the_audit(model, tmp_path: Path) -> None:
    """The audit lists each file it cannot read and carries on (deep JSON, Infinity, a damaged PDF)."""
    import json

    good = make_record(model)
    save_record(good, tmp_path / "good.json")
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    data = json.loads((tmp_path / "good.json").read_text(encoding="utf-8"))
    data["recommendation"]["level"]["number"] = float("inf")
    (tmp_path / "infinity.json").write_text(json.dumps(data), encoding="utf-8")  # json writes Infinity
    data["recommendation"]["level"]["number"] = float("nan")
    data["record_id"] = "x" * 10
    (tmp_path / "nan.json").write_text(json.dumps(data), encoding="utf-8")
    (tmp_path / "fuzzed.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
                                          b"trailer <</Root 1 0 R /Size 1e999999>>\n%%EOF")
    result = scan(tmp_path)
    assert [r.file for r in result.rows] == ["good.json"]
    assert sorted(name for name, _reason in result.skipped) == ["deep.json", "fuzzed.pdf", "infinity.json",
                                                                "nan.json"]
    code, out, _err = _call_audit(tmp_path)
    assert code == 0 and "deep.json" in out


def _call_audit(folder: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(["audit", str(folder), "-q"], out, err), out.getvalue(), err.getvalue()


def test_a_large_folder_is_read_by_two_processes_with_the_same_result(folder: Path, monkeypatch) -> None:
    import concurrent.futures

    from thresholds_app.records import audit

    alone = scan(folder)
    pools = []
    real = concurrent.futures.ProcessPoolExecutor

    def counted(*args, **kwargs):
        pools.append(kwargs.get("mp_context"))
        return real(*args, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", counted)
    monkeypatch.setattr(audit, "PARALLEL_FROM", 2)
    monkeypatch.setattr(audit.os, "cpu_count", lambda: 2)
    together = scan(folder)
    assert len(pools) == 1 and pools[0].get_start_method() == "spawn"  # the two processes were used
    assert together == alone and together.rows
    assert summarise(together, 4) == summarise(alone, 4)


def test_an_audit_stops_between_files_when_asked_and_says_so(folder: Path) -> None:
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 2

    stopped = scan(folder, cancelled=cancelled)
    assert stopped.cancelled and stopped.files_seen > 2
    assert len(stopped.rows) + len(stopped.skipped) + len(stopped.duplicates) == 2
    whole = scan(folder)
    assert not whole.cancelled and whole.rows[:len(stopped.rows)] == stopped.rows


def test_repeated_texts_are_kept_once_across_an_audit(folder: Path) -> None:
    rows = scan(folder).rows
    police = [row for row in rows if row.role == "Police"]
    assert len(police) >= 2 and all(row.role is police[0].role for row in police)
    assert not hasattr(rows[0], "__dict__")  # slots: no per-row dictionary (under 1 KiB kept per record)


def test_a_file_that_is_not_json_is_not_called_truncated(model, tmp_path: Path) -> None:
    """Found by a first-time IT user: "not json", a text file named .pdf.json and a cut-off record all
    said "the record ends too early: the file is truncated or damaged"."""
    good = make_record(model)
    save_record(good, tmp_path / "good.json")
    (tmp_path / "notes.json").write_text("not json", encoding="utf-8")
    (tmp_path / "cut.json").write_text((tmp_path / "good.json").read_text(encoding="utf-8")[:200], encoding="utf-8")
    (tmp_path / "comma.json").write_text('{"format": "thresholds-record",}', encoding="utf-8")
    reasons = dict(scan(tmp_path).skipped)
    assert reasons["cut.json"] == "the record ends too early: the file is truncated or damaged"
    assert reasons["notes.json"] == "this is not a record: a record is JSON text starting with '{', and this " \
                                    "starts with 'not json'"
    assert reasons["comma.json"].startswith("the record is not valid JSON: ")


def test_when_worker_processes_cannot_start_the_audit_reads_the_folder_itself(folder: Path, monkeypatch) -> None:
    """Seen trying the app from a script: spawned workers refused to start, and the whole audit failed."""
    import concurrent.futures

    from thresholds_app.records import audit

    alone = scan(folder)

    def refused(*args, **kwargs):
        raise OSError("no processes may be started here")

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", refused)
    monkeypatch.setattr(audit, "PARALLEL_FROM", 2)
    monkeypatch.setattr(audit.os, "cpu_count", lambda: 2)
    assert scan(folder) == alone
