"""A household's record: one decision record per child bound together; JSON, PDF, show, print."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from thresholds_app.cli import run
from thresholds_app.core.household import evaluate_household, load_answers_or_household
from thresholds_app.core.problems import InputError
from thresholds_app.records.household_pdf import render_household
from thresholds_app.records.household_record import (
    ChildDecision,
    HouseholdRecord,
    load_any_record,
    new_household_record,
    save_household_record,
)
from thresholds_app.records.record import Child, Consent, Judgement, Referrer

EXAMPLE = Path(__file__).resolve().parent.parent / "rules/model-four-level/examples/household-three-children.yaml"


def make_household_record(model) -> HouseholdRecord:
    household = load_answers_or_household(EXAMPLE, model)
    outcome = evaluate_household(model, household)
    decisions = [
        ChildDecision(Child(initials="E.K.", age_band="5 to 11 years"), Judgement(agrees=True),
                      Consent("not_sought_risk", "The father is the alleged abuser.")),
        ChildDecision(Child(initials="M.K.", age_band="1 to 4 years"),
                      Judgement(agrees=False, level=4, route="mash_referral", reason="Same home as the baby."),
                      Consent("not_sought_risk", "The father is the alleged abuser.")),
        ChildDecision(Child(initials="B.K.", age_band="Under 1"), Judgement(agrees=True),
                      Consent("not_sought_risk", "The father is the alleged abuser.")),
    ]
    return new_household_record(model, household, outcome, decisions,
                                referrer=Referrer("Sam Jones", "Health visitor", "Example NHS Trust"),
                                worry="Bruise on the baby's cheek; the flat is cold and there is little food.",
                                created="2026-11-20T09:30:00Z")


def test_one_record_per_child_with_its_own_outcome_judgement_and_consent(model, tmp_path: Path) -> None:
    record = make_household_record(model)
    assert record.labels == ("Eldest (9)", "Middle (4)", "Baby (5 months)")
    assert [c.recommendation["level"]["number"] for c in record.children] == [3, 3, 4]
    assert [c.judgement.agrees for c in record.children] == [True, False, True]
    assert record.children[1].judgement.level == 4
    # The family's answers are in every child's record; a child's own are only in theirs.
    assert all(c.answers["indicators"]["bc_chronic_neglect"] == "yes" for c in record.children)
    assert "es_non_mobile_injury" not in record.children[0].answers["indicators"]
    path = tmp_path / "household.json"
    save_household_record(record, path)
    again = load_any_record(path)
    assert isinstance(again, HouseholdRecord) and again == record and again.hash_ok


def test_the_household_hash_catches_a_child_removed_or_changed(model, tmp_path: Path) -> None:
    document = make_household_record(model).to_dict()
    path = tmp_path / "household.json"
    removed = json.loads(json.dumps(document))
    del removed["children"][1]
    path.write_text(json.dumps(removed))
    assert not load_any_record(path).hash_ok
    changed = json.loads(json.dumps(document))
    changed["children"][2]["record"]["recommendation"]["level"]["number"] = 1
    path.write_text(json.dumps(changed))
    assert not load_any_record(path).hash_ok
    out, err = io.StringIO(), io.StringIO()
    assert run(["show", str(path)], out, err) == 0
    assert "Household hash: MISMATCH" in out.getvalue()


def test_a_damaged_child_record_is_located(model, tmp_path: Path) -> None:
    document = make_household_record(model).to_dict()
    document["children"][1]["record"]["consent"]["status"] = "maybe"
    path = tmp_path / "household.json"
    path.write_text(json.dumps(document))
    with pytest.raises(InputError) as caught:
        load_any_record(path)
    assert any("(child 2: Middle (4))" in str(p) and "consent.status" in str(p) for p in caught.value.problems)


def test_the_pdf_leads_with_every_child_and_reopens_as_the_household(model, tmp_path: Path) -> None:
    record = make_household_record(model)
    rendered = render_household(record)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(rendered.pdf)).pages]
    summary = " ".join(pages[0].split())
    assert "household of 3 children" in summary
    for label in record.labels:
        assert label in summary
    assert "Level 4 of 4, Acute or specialist; Urgent MASH referral (section 47)" in summary
    assert "Differs: Acute or specialist; MASH referral" in summary or "Differs: Acute or specialist" in summary
    assert "Name each of them on the referral" in summary
    # Each child's own record follows, in order, with the child's own identifier.
    rest = " ".join(" ".join(pages[1:]).split())
    assert rest.index("E.K.") < rest.index("M.K.") < rest.index("B.K.")
    assert rest.index("Eldest (9), child 1 of 3") < rest.index("Middle (4), child 2 of 3") < rest.index(
        "Baby (5 months), child 3 of 3")  # each child's pages say whose they are
    path = tmp_path / "household.pdf"
    path.write_bytes(rendered.pdf)
    assert load_any_record(path) == record
    out, err = io.StringIO(), io.StringIO()
    assert run(["show", str(path)], out, err) == 0, err.getvalue()
    text = out.getvalue()
    assert "Household hash: verified" in text and text.count("=== ") == 3
    assert text.count("The outcome would be the same today.") == 3 and "WOULD DIFFER" not in text


def test_print_makes_the_household_pdf(model, tmp_path: Path) -> None:
    json_path, pdf_path = tmp_path / "household.json", tmp_path / "household.pdf"
    save_household_record(make_household_record(model), json_path)
    out, err = io.StringIO(), io.StringIO()
    assert run(["print", str(json_path), "-o", str(pdf_path)], out, err) == 0, err.getvalue()
    assert isinstance(load_any_record(pdf_path), HouseholdRecord)


def test_audit_counts_children_and_households(model, tmp_path: Path) -> None:
    from thresholds_app.records.audit import scan, summarise, summary_text, to_csv
    from thresholds_app.records.record import save_record

    from .records_helpers import make_record

    folder = tmp_path / "records"
    folder.mkdir()
    record = make_household_record(model)
    save_household_record(record, folder / "household.json")
    (folder / "household.pdf").write_bytes(render_household(record).pdf)  # the same household again
    save_record(make_record(model), folder / "single.json")
    result = scan(folder)
    assert len(result.rows) == 4 and len(result.duplicates) == 3
    summary = summarise(result, threshold=4)
    assert (summary.households, summary.children_in_households) == (1, 3)
    text = summary_text(summary, result)
    assert "Children: 4, one record each; 1 assessed alone, 3 in 1 household(s) assessed together" in text
    assert "household.json (child 3 of 3)" in {r.file for r in result.rows}
    csv = to_csv(result)
    assert csv.count(record.household_id) == 3
    for child in record.children:
        assert child.child.initials not in csv  # rows name a child's position, never the child
    from thresholds_app.records.audit_pdf import render_audit

    pdf_text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_audit(summary, result))).pages)
                        .split())
    assert "1 assessed alone, 3 in 1 household(s) assessed together" in pdf_text


def test_records_of_one_child_in_the_earlier_formats_still_open(model) -> None:
    from thresholds_app.records.record import DecisionRecord

    data = Path(__file__).parent / "data"
    for name in ("record-v1-agrees.json", "record-v1-lower-judgement.json"):
        record = load_any_record(data / name)
        assert isinstance(record, DecisionRecord) and record.hash_ok and record.format_version == 1
        out, err = io.StringIO(), io.StringIO()
        assert run(["show", str(data / name)], out, err) == 0, err.getvalue()
        assert "Household" not in out.getvalue() and "Record hash: verified" in out.getvalue()
