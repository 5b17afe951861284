"""A different judgement is kept whole in the record: the chosen level and route, ready to print.

Also the record format's versions: records made before the referrer's chosen route was kept (format
1) still open, still verify against the hash made over their version-1 body, and still print.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.problems import InputError
from thresholds_app.records import record as record_module
from thresholds_app.records.audit import read_row
from thresholds_app.records.mash import add_review
from thresholds_app.records.record import Judgement, compute_hash, load_record, parse_record, save_record

from .records_helpers import make_record

LEVEL_2 = {"ed_occasional_absence": "yes"}  # recommended: level 2, single-agency early help
HIGHER = Judgement(agrees=False, level=4, route="mash_referral",
                   reason="Mother told me today that her partner hit the child; I am referring.")
LOWER = Judgement(agrees=False, level=3, route="early_help_assessment",
                  reason="The GP has explained the bruise; the family want early help.")


def old_document(record) -> dict:
    """``record`` as the app wrote it before format 2: no chosen-route details, version 1, v1 hash."""
    doc = record.to_dict()
    for key in ("chosen_level", "chosen_route", "routes_for_level"):
        doc["judgement"].pop(key, None)
    doc["version"] = 1
    doc["record_hash"] = compute_hash(doc)
    return doc


def test_a_higher_judgement_keeps_the_chosen_level_and_route(model, tmp_path: Path) -> None:
    record = make_record(model, indicators=LEVEL_2, judgement=HIGHER)
    assert record.recommendation["level"]["number"] == 2
    doc = record.to_dict()
    assert doc["version"] == record_module.VERSION == 2
    j = doc["judgement"]
    assert j["chosen_level"] == {"number": 4, "of": 4, "id": "acute", "name": "Acute or specialist",
                                 "short": "Significant harm, or needs only statutory services can meet",
                                 "colour": "#C62828"}
    route = model.routes["mash_referral"]
    assert j["chosen_route"] == {
        "id": "mash_referral", "name": route.name, "summary": route.summary, "next_steps": list(route.next_steps),
        "consent": route.consent, "timescale": route.timescale, "emergency": False,
        "contacts": [{"id": "front_door", "name": "Children's Front Door and MASH (example)",
                      "phone": "01632 960001", "secure_email": "mash@example.gov.uk",
                      "hours": "Monday to Friday 08:30 to 17:00"},
                     {"id": "edt", "name": "Emergency Duty Team, out of hours (example)", "phone": "01632 960002",
                      "hours": "Evenings, weekends and bank holidays"}]}
    # The same shape as the recommended route, so one printer reads both.
    assert set(j["chosen_route"]) == set(doc["recommendation"]["route"])
    assert set(j["chosen_level"]) == set(doc["recommendation"]["level"])
    assert "mash_referral" in [r["id"] for r in j["routes_for_level"]]
    assert record.judgement.route_fits_level is True
    path = tmp_path / "r.json"
    save_record(record, path)
    again = load_record(path)
    assert again.to_dict() == doc and again.hash_ok
    assert again.judgement.chosen_route == j["chosen_route"]


def test_a_lower_judgement_and_agreement(model) -> None:
    lower = make_record(model, judgement=LOWER)
    j = lower.to_dict()["judgement"]
    assert (j["chosen_level"]["number"], j["chosen_route"]["id"]) == (3, "early_help_assessment")
    assert j["chosen_route"]["contacts"][0]["name"] == "Early Help Hub (example)"
    agrees = make_record(model)
    assert agrees.to_dict()["judgement"] == {"agrees": True}
    assert agrees.judgement.route_fits_level is None


def test_a_route_that_does_not_fit_the_level_is_recorded(model) -> None:
    misfit = make_record(model, judgement=Judgement(agrees=False, level=4, route="universal", reason="x"))
    assert misfit.judgement.route_fits_level is False
    names = [r["name"] for r in misfit.to_dict()["judgement"]["routes_for_level"]]
    assert "Referral to the MASH for assessment (section 17)" in names and "Universal services" not in names
    # A level alone keeps the recommended route, and that pair is checked too.
    level_only = make_record(model, judgement=Judgement(agrees=False, level=1, reason="x"))
    j = level_only.to_dict()["judgement"]
    assert j["route"] is None and j["chosen_route"]["id"] == "mash_urgent" and j["chosen_level"]["number"] == 1
    assert level_only.judgement.route_fits_level is False  # level 1 with the urgent MASH referral
    route_only = make_record(model, judgement=Judgement(agrees=False, route="mash_referral", reason="x"))
    assert route_only.judgement.route_fits_level is True  # the recommended level 4 with a MASH referral


def test_an_old_version_1_record_opens_verifies_and_stays_as_made(model, tmp_path: Path) -> None:
    old = old_document(make_record(model, judgement=LOWER))
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old, ensure_ascii=False, indent=2), encoding="utf-8")
    record = load_record(path)
    assert record.hash_ok  # the hash made over the version-1 body still verifies
    assert record.to_dict() == old  # written back exactly as it was made: version 1, same hash
    assert record.judgement.chosen_route is None and record.judgement.route_fits_level is None
    assert (record.judgement.level, record.judgement.route_name) == (3, "Early help assessment and Team Around the "
                                                                        "Family")
    # The audit, which reads old versions through the loader, agrees the record is untouched.
    assert read_row(path).hash_ok
    # Any edit to an old record is still caught.
    edited = json.loads(json.dumps(old))
    edited["judgement"]["reason"] = "Something else"
    path.write_text(json.dumps(edited), encoding="utf-8")
    assert not load_record(path).hash_ok and not read_row(path).hash_ok
    # The front door can still add its review to an old record, and the referrer's part still verifies.
    answers = Answers.from_dict(dict(record.answers))
    reviewed = add_review(record, model, Answers.from_dict({}), evaluate(model, answers), decision="s17_assessment",
                          urgency="amber", reason="Agree with the referral.", reviewed="2026-11-21T10:00:00Z")
    save_record(reviewed, path)
    again = load_record(path)
    assert again.hash_ok and again.mash is not None and again.to_dict()["version"] == 1


def test_migration_upgrades_a_version_1_document(model) -> None:
    old = old_document(make_record(model, judgement=HIGHER))
    upgraded = record_module.MIGRATIONS[1](json.loads(json.dumps(old)))
    assert upgraded["version"] == 2 and upgraded["judgement"] == old["judgement"]
    assert record_module.check(upgraded, "upgraded") == []
    assert old["version"] == 1  # the caller's document is not changed


def test_version_1_cannot_carry_the_new_details(model) -> None:
    doc = make_record(model, judgement=HIGHER).to_dict()
    doc["version"] = 1
    problems = record_module.check(doc, "mislabelled")
    assert problems and any("judgement" in str(p) for p in problems)


def test_chosen_details_are_checked(model) -> None:
    doc = make_record(model, judgement=HIGHER).to_dict()
    doc["judgement"]["chosen_route"]["next_steps"] = "not a list"
    with pytest.raises(InputError):
        parse_record(doc, "bad")


DATA = Path(__file__).parent / "data"
#: Saved by the app before format 2 (made with the code of that time, not by editing a new record).
OLD_FILES = ("record-v1-lower-judgement.json", "record-v1-agrees.json")


@pytest.mark.parametrize("name", OLD_FILES)
def test_real_version_1_files_open_and_verify(name: str, tmp_path: Path) -> None:
    path = DATA / name
    original = json.loads(path.read_text(encoding="utf-8"))
    assert original["version"] == 1
    record = load_record(path)
    assert record.hash_ok and record.format_version == 1
    assert record.to_dict() == original
    assert read_row(path).hash_ok
    copy = tmp_path / name
    save_record(record, copy)  # saved again unchanged: still the same version-1 record
    assert json.loads(copy.read_text(encoding="utf-8")) == original
