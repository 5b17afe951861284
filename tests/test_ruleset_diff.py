"""Comparing two versions of a rule set: what changed, in words, and whose outcome it changes."""

from __future__ import annotations

import io
import json
from pathlib import Path

from thresholds_app.cli import run

from .conftest import edit

THREE_AREAS = {"ed_persistent_absence": "yes", "bc_chronic_neglect": "yes", "ho_homeless_family": "yes"}


def diff(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["diff", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_each_kind_of_change_is_said_in_words(revised: Path) -> None:
    code, out, err = diff("model-four-level", str(revised))
    assert code == 0, err
    changes = out[out.index("What changed"):out.index("Cases whose")].strip().splitlines()
    assert changes == [
        "What changed (6):",
        "  - setting 'metadata' (the rule set's name and version) changed: version 2.1.0 -> 2.2.0",
        "  - route 'family_hub' (Family hub drop-in) added",
        "  - contact 'front_door' (Children's Front Door and MASH (example)) changed: phone 01632 960001 -> "
        "01632 960999",
        "  - statement 'hl_missed_checks' (Health: The child has missed some routine health checks, immunisations "
        "or appointments.) changed: help reworded from \"Occasional missed appointments that the family can catch "
        "up on with a reminder or some help.\" to \"Missed appointments the family can catch up on.\"",
        "  - statement 'es_home_hazards' (Ensuring safety: There are hazards in the home that carers have not "
        "dealt with.) changed: level 2 -> 3",
        "  - rule 'complex-needs-in-three-areas' (Complex needs in three or more different areas: at least a "
        "consultation with the front door, to decide between early help and a referral.) removed",
    ]
    assert ("  - test case 'Complex needs in three areas lead to a MASH consultation': level 3 (Complex needs), "
            "MASH consultation -> level 3 (Complex needs), Early help assessment and Team Around the Family") in out
    assert "Cases whose outcome changes (1 of 121 test and training cases" in out


def test_saved_records_are_re_evaluated_with_both_versions(model, revised: Path, tmp_path: Path) -> None:
    from thresholds_app.records.pdf import render_record
    from thresholds_app.records.record import save_record

    from .records_helpers import make_record

    folder = tmp_path / "records"
    folder.mkdir()
    from thresholds_app.core.answers import Answers
    from thresholds_app.core.evaluate import evaluate
    from thresholds_app.records.record import Child, Consent, Judgement, Referrer, new_record

    answers = Answers.from_dict({"screening": {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no",
                                               "open_case": "none"}, "indicators": THREE_AREAS})
    changed = new_record(model, evaluate(model, answers), answers, judgement=Judgement(True),
                         consent=Consent("given"), referrer=Referrer("", "Teacher", "A school"),
                         child=Child(initials="C.D."))
    save_record(changed, folder / "a.json")
    (folder / "a.pdf").write_bytes(render_record(changed).pdf)  # the same record again: counted once
    save_record(make_record(model), folder / "b.json")        # an injury: level 4 in both versions
    (folder / "junk.json").write_text("{")
    code, out, err = diff("model-four-level", str(revised), "--records", str(folder), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["records_run"] == 2
    assert result["record_transitions"] == [{"old": "level 3 (Complex needs), MASH consultation",
                                             "new": "level 3 (Complex needs), Early help assessment and Team "
                                                    "Around the Family", "records": 1}]
    assert [c["name"] for c in result["record_outcome_changes"]] == ["a.json"]
    assert any("1 file(s)" in note and "could not be read" in note for note in result["notes"])
    assert result["old"]["version"] == "2.1.0" and result["new"]["version"] == "2.2.0"


def test_a_changed_rule_set_that_keeps_its_version_number_is_flagged(revised: Path) -> None:
    edit(revised / "ruleset.yaml", 'version: "2.2.0"', 'version: "2.1.0"')
    code, out, _ = diff("model-four-level", str(revised))
    assert code == 0
    assert "WARNING: the content changed but the version number (2.1.0) did not" in out
    _, as_json, _ = diff("model-four-level", str(revised), "--json")
    assert json.loads(as_json)["warnings"] == ["the content changed but the version number (2.1.0) did not: give "
                                               "the new version its own number, so records and decisions say which "
                                               "one they used"]


def test_identical_versions_and_a_missing_one(tmp_path: Path) -> None:
    code, out, _ = diff("model-four-level", "model-four-level")
    assert code == 0 and "The two rule sets are identical." in out and "What changed (0):" in out
    code, _, err = diff("model-four-level", str(tmp_path / "nowhere"))
    assert code == 1 and "nowhere" in err and "internal error" not in err


def test_check_warns_when_a_changed_copy_keeps_the_bundled_version(revised: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    edit(revised / "ruleset.yaml", 'version: "2.2.0"', 'version: "2.1.0"')
    assert run(["check", str(revised)], out, err) == 1
    assert ("warning: this rule set says it is model-four-level 2.1.0, but its content differs from the bundled"
            in err.getvalue())
    edit(revised / "ruleset.yaml", 'version: "2.1.0"', 'version: "2.2.0"')
    out, err = io.StringIO(), io.StringIO()
    run(["check", str(revised)], out, err)
    assert "its content differs from the bundled" not in err.getvalue()


def test_the_board_report_pdf(revised: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader

    report = tmp_path / "revision.pdf"
    code, out, err = diff("model-four-level", str(revised), "-o", str(report))
    assert code == 0, err
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(str(report)).pages).split())
    assert "Rule-set revision" in text and "6 change(s); 1 of 121 test and training cases change outcome" in text
    assert "es_home_hazards" in text and "level 2 -> 3" in text and "phone 01632 960001 -> 01632 960999" in text
    assert "Complex needs in three areas lead to a MASH consultation" in text
    assert "level 3 (Complex needs), Early help assessment and Team Around the Family" in text
    assert "What changed (6)" in out  # the text report is still printed


def test_blind_raters_answers_are_run_with_both_versions(revised: Path) -> None:
    from .conftest import ROOT

    code, out, err = diff("model-four-level", str(revised), "--calibration",
                          str(ROOT / "docs/calibration/final-held-out"), "--json")
    assert code == 0, err
    result = json.loads(out)
    # The same figure the committed study reports (docs/calibration/final-held-out/report.md: 72 of 72).
    assert result["calibration"] == [
        "Model levels of need (four levels) 2.1.0: 72 of 72 answers within the acceptable range",
        "Model levels of need (four levels) 2.2.0: 72 of 72 answers within the acceptable range"]
    assert result["cases_run"] == 121 + 72


def test_a_household_case_lists_only_the_children_whose_outcome_changes(tmp_path: Path) -> None:
    import shutil

    from .conftest import MODEL

    folder = tmp_path / "housing"
    shutil.copytree(MODEL, folder)
    edit(folder / "domains/16-housing.yaml", "  - id: ho_poor_housing\n    level: 2",
         "  - id: ho_poor_housing\n    level: 3")
    code, out, _ = diff("model-four-level", str(folder), "--json")
    assert code == 0
    changed = [c["name"] for c in json.loads(out)["case_outcome_changes"]]
    assert changed == ["household-twins-and-a-toddler: Twin 1", "household-twins-and-a-toddler: Twin 2"]


def test_an_empty_or_unreadable_records_folder_says_why(tmp_path: Path) -> None:
    folder = tmp_path / "recs"
    folder.mkdir()
    code, out, _ = diff("model-four-level", "model-four-level", "--records", str(folder))
    assert code == 0 and "no saved records were found" in out and "saved from the app" in out
    (folder / "answers.json").write_text('{"indicators": {}}')
    code, out, _ = diff("model-four-level", "model-four-level", "--records", str(folder))
    assert "1 file(s)" in out and "(the first, answers.json: this is not a thresholds decision record)" in out
