"""The referrer's details as one checked value, and the draft as a typed one (read back from outside)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from thresholds_app.gui.drafts import DraftStore
from thresholds_app.records.details import RecordDetails
from thresholds_app.records.draft import ChildDraft, Draft
from thresholds_app.records.record import Child, Referrer

from .records_helpers import make_record

COMPLETE = RecordDetails(Referrer(" Sam ", "Police"), Child(" A.B. ", "", "age_5_11"), "agree",
                         consent="given", worry=" Bruise. ")


def messages(details: RecordDetails, emergency: bool = False) -> list[tuple[str, str]]:
    return [(p.location.file, p.message) for p in details.problems(emergency=emergency)]


def test_what_is_missing_is_said_on_the_page_where_it_is_entered() -> None:
    assert messages(COMPLETE) == []
    empty = messages(RecordDetails())
    assert [page for page, _ in empty] == ["Outcome page", "Record page"]
    assert "agree with the recommended outcome" in empty[0][1] and "consent" in empty[1][1]
    # In immediate danger the agreement is the referrer's own call.
    assert [page for page, _ in messages(RecordDetails(), emergency=True)] == ["Record page"]
    differ = RecordDetails(agreement="differ", level=3, route="early_help_assessment", reason="  ", consent="given")
    assert messages(differ) == [("Outcome page", "give the reason your judgement differs from the recommendation")]
    risky = RecordDetails(agreement="agree", consent="not_sought_risk", consent_reason=" ")
    assert messages(risky) == [("Record page", "say why seeking consent would increase the risk")]
    assert "not a consent status" in messages(RecordDetails(agreement="agree", consent="maybe"))[0][1]


def test_the_record_gets_the_details_trimmed_and_the_judgement_as_entered() -> None:
    differ = RecordDetails(agreement="differ", level=3, route="early_help_assessment", reason=" Known family. ",
                           consent="refused", consent_reason=" Parent said no. ")
    judgement = differ.judgement()
    assert (judgement.agrees, judgement.level, judgement.route, judgement.reason) == (
        False, 3, "early_help_assessment", "Known family.")
    assert (differ.consent_record().status, differ.consent_record().reason) == ("refused", "Parent said no.")
    assert COMPLETE.judgement().agrees and COMPLETE.trimmed_referrer().name == "Sam"
    assert COMPLETE.trimmed_child().initials == "A.B." and COMPLETE.trimmed_child().date_of_birth is None


def test_a_records_details_come_back_as_entered(model) -> None:
    record = make_record(model)
    details = RecordDetails.of_record(record)
    again = RecordDetails.from_dict(json.loads(json.dumps(details.to_dict())), record.referrer)
    assert again == details
    assert details.problems() == []


def draft(**changes) -> Draft:
    base = Draft("model-four-level", "sha256:abc", {"screening": {"immediate_danger": "no"}}, COMPLETE,
                 ("education",), "education", "2026-11-24T14:05",
                 (ChildDraft("Eldest", {"indicators": {}}, {"page": "outcome"}), ChildDraft("Baby", {}, {})), 1)
    return replace(base, **changes)


def test_a_draft_goes_to_its_file_and_back_unchanged() -> None:
    kept = draft()
    back = Draft.from_dict(json.loads(json.dumps(kept.to_dict())))
    # The referrer's own details are theirs, kept in their preferences: a draft holds the child's.
    assert back == replace(kept, details=replace(COMPLETE, referrer=Referrer()))
    one_child = draft(children=(), current_child=0)
    assert "household" not in one_child.to_dict() and Draft.from_dict(one_child.to_dict()).children == ()


@pytest.mark.parametrize("damage", [
    lambda d: d.update(format="something-else"),
    lambda d: d.pop("ruleset"),
    lambda d: d["snapshot"].update(answers=["not", "a", "mapping"]),
    lambda d: d.update(visited=[1, 2]),
    lambda d: d["household"].update(current=5),
    lambda d: d["household"].update(current=True),
    lambda d: d["household"]["children"][0].update(label=7),
    lambda d: d["snapshot"].update(judgement=["agree", "3", None, ""]),
    lambda d: d["snapshot"].update(judgement=["perhaps", None, None, ""]),
    lambda d: d["snapshot"]["fields"].update(initials=["A"]),
    lambda d: d.update(page=None),
    lambda d: d["snapshot"].update(consent="given"),
])
def test_a_damaged_draft_is_refused_as_a_whole_never_half_read(damage, tmp_path: Path) -> None:
    data = draft().to_dict()
    damage(data)
    with pytest.raises(ValueError):
        Draft.from_dict(data)
    # The app's store discards it (and its file) instead of offering it back.
    store = DraftStore(tmp_path)
    store.path.write_text(json.dumps(data), "utf-8")
    assert store.load() is None and not store.path.exists()
