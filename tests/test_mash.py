"""The MASH review: kept apart from the referrer's record, re-checked, decided, printed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.problems import InputError
from thresholds_app.records.mash import add_review, changes_since, combined_answers, mash_hash_ok
from thresholds_app.records.mash_pdf import render_screening
from thresholds_app.records.record import load_record, save_record

from .records_helpers import make_record


def review(model, record, additional: dict, decision="s17_assessment", urgency="amber"):
    extra = Answers.from_dict(additional)
    combined = combined_answers(record.answers_object(), extra)
    return add_review(record, model, extra, evaluate(model, combined), decision=decision, urgency=urgency,
                      reason="Police checks show two previous call-outs.", feedback="Thank you: referral accepted.",
                      reviewer="Sam MASH", team="Front door")


def test_review_keeps_the_referrers_record_and_hash(model, tmp_path: Path) -> None:
    original = make_record(model, indicators={"ed_occasional_absence": "yes", "da_repeated": "dont_know"})
    reviewed = review(model, original, {"indicators": {"da_repeated": "yes", "sm_parent_problematic": "yes"}})
    assert reviewed.answers == original.answers  # never overwritten
    assert reviewed.record_hash == original.record_hash and reviewed.hash_ok
    assert mash_hash_ok(reviewed)
    m = reviewed.mash
    assert m["additional_answers"] == {"indicators": {"da_repeated": "yes", "sm_parent_problematic": "yes"}}
    assert m["recommendation"]["level"]["number"] == 3  # DA now known + substance misuse: co-occurring factors
    assert m["decision"] == {"id": "s17_assessment", "name": "Child and family assessment (section 17)", "level": 4}
    assert m["urgency"] == {"id": "amber", "name": "Amber", "timescale": "Decision within 1 working day"}
    path = tmp_path / "reviewed.json"
    save_record(reviewed, path)
    again = load_record(path)
    assert again.hash_ok and mash_hash_ok(again) and again.to_dict() == reviewed.to_dict()
    again_doc = again.to_dict()
    again_doc["mash"]["reason"] = "changed"
    from thresholds_app.records.record import parse_record

    tampered = parse_record(again_doc, "x")
    assert tampered.hash_ok and not mash_hash_ok(tampered)  # each part is verified on its own


def test_combined_answers_lay_mash_information_over_the_referrers() -> None:
    referrer = Answers.from_dict({"screening": {"age_band": "age_5_11"}, "indicators": {"a": "dont_know", "b": "yes"},
                                  "strengths": ["s1"]})
    extra = Answers.from_dict({"indicators": {"a": "yes"}, "strengths": ["s2", "s1"]})
    both = combined_answers(referrer, extra)
    assert dict(both.indicators) == {"a": "yes", "b": "yes"} and both.strengths == ("s1", "s2")
    assert dict(both.screening) == {"age_band": "age_5_11"}


def test_review_requires_a_valid_decision_and_reason(model) -> None:
    record = make_record(model)
    extra = Answers()
    rec = evaluate(model, record.answers_object())
    with pytest.raises(InputError) as info:
        add_review(record, model, extra, rec, decision="adopt", urgency="purple", reason=" ")
    assert [p.location.file for p in info.value.problems] == ["Decision", "Urgency", "Reason"]


def test_review_refusals_name_the_field_and_the_fix_in_plain_words(model) -> None:
    record = make_record(model)
    rec = evaluate(model, record.answers_object())
    with pytest.raises(InputError) as info:
        add_review(record, model, Answers(), rec, decision="", urgency="", reason="", reviewer="x" * 301)
    assert [str(p) for p in info.value.problems] == [
        "Decision: error: no decision is chosen\n    how to fix: choose one from the Decision list",
        "Urgency: error: no urgency is chosen\n    how to fix: choose Red, Amber or Green",
        "Reason: error: no reason is given\n    how to fix: write why you made this decision",
        "Your name: error: 301 characters is too long\n    how to fix: shorten it to 300 characters or fewer",
    ]


@pytest.mark.parametrize("which", ["model", "compact"])
def test_rule_sets_offer_a_mash_or_social_care_role(which, request) -> None:
    ruleset = request.getfixturevalue(which)
    assert ruleset.referrer_roles["mash_social_care"] == "MASH or children's social care"


def test_changes_since_describes_what_matters(model, write_ruleset) -> None:
    record = make_record(model, indicators={"ed_persistent_absence": "yes"})
    assert changes_since(record.recommendation, evaluate(model, record.answers_object())) == []
    now = evaluate(model, Answers.from_dict({**record.answers, "indicators": {"ed_persistent_absence": "yes",
                                                                               "es_unexplained_injury": "yes"}}))
    changes = changes_since(record.recommendation, now)
    assert "Level: then 3 (Complex needs), now 4 (Acute or specialist)." in changes
    route_change = ("Route: then Early help assessment and Team Around the Family, now Urgent MASH referral "
                    "(section 47).")
    assert route_change in changes
    assert any(c.startswith("Now applies: What you describe gives reasonable cause") for c in changes)


def test_screening_record_pdf_side_by_side(model, tmp_path: Path) -> None:
    original = make_record(model, indicators={"ed_occasional_absence": "yes", "da_repeated": "dont_know"})
    reviewed = review(model, original, {"indicators": {"da_repeated": "yes", "sm_parent_problematic": "yes"}})
    now = evaluate(model, combined_answers(original.answers_object(), Answers.from_dict(
        reviewed.mash["additional_answers"])))
    rendered = render_screening(reviewed, changes_since(original.recommendation, now))
    pages = [p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages]
    flat = " ".join(" ".join(pages).split())
    assert "MASH screening record" in flat and "The referrer's view" in flat and "The MASH view" in flat
    assert "Level 2 of 4, Additional needs" in flat and "Level 3 of 4, Complex needs" in flat
    assert "Child and family assessment (section 17) (level 4)" in flat
    assert "Amber: Decision within 1 working day" in flat
    assert "Applies: Domestic abuse is repeated or escalating" in flat
    assert "Thank you: referral accepted." in flat and "Level: then 2 (Additional needs), now 3" in flat
    assert all(p.count("OFFICIAL-SENSITIVE") == 2 for p in pages)
    path = tmp_path / "screening.pdf"
    path.write_bytes(rendered.pdf)
    assert mash_hash_ok(load_record(path)) and load_record(path).hash_ok
