"""The record of a household: one decision record per child, bound together and hashed as one.

Each child's part is a complete decision record (the family's answers with the child's own, the
child's recommendation, the referrer's judgement and consent decision for that child, a minimal
identifier), so everything that works on one record (printing, re-checking, a MASH review, an audit
row) works on each child unchanged, and a household of one reads like a single record. The household
hash covers every child's record and the family's answers, so a child cannot be added, removed or
swapped unnoticed; a MASH review of one child changes only that child's unhashed review part.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.household import Household, HouseholdOutcome
from ..core.model import RuleSet
from ..core.problems import InputError, Location, Problem
from ..core.yamlsource import read_regular
from .atomic import write_atomic
from .record import (
    MAX_RECORD_BYTES,
    RECORD_HINT,
    UNHASHED,
    Child,
    Consent,
    DecisionRecord,
    Judgement,
    Referrer,
    compute_hash,
    new_record,
    now_utc,
    parse_record,
)

HOUSEHOLD_FORMAT = "thresholds-household"
HOUSEHOLD_VERSION = 1
MAX_CHILDREN = 12


@dataclass(frozen=True)
class ChildDecision:
    """What the referrer decided for one child: their judgement, the consent position and who the child is."""

    child: Child
    judgement: Judgement
    consent: Consent


@dataclass(frozen=True)
class HouseholdRecord:
    household_id: str
    created: str
    app_version: str
    family_answers: Mapping[str, Any]
    labels: tuple[str, ...]
    children: tuple[DecisionRecord, ...]
    household_hash: str = ""

    def body(self) -> dict[str, Any]:
        return {
            "format": HOUSEHOLD_FORMAT, "version": HOUSEHOLD_VERSION, "household_id": self.household_id,
            "created": self.created, "app_version": self.app_version,
            "family_answers": json.loads(json.dumps(self.family_answers)),
            "children": [{"label": label, "record": record.to_dict()}
                         for label, record in zip(self.labels, self.children, strict=True)],
        }

    def to_dict(self) -> dict[str, Any]:
        doc = self.body()
        doc["household_hash"] = self.household_hash or household_hash(doc)
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @property
    def hash_ok(self) -> bool:
        """The household is as it was made (no child added, removed or swapped) and so is every child's part."""
        return self.household_hash == household_hash(self.body()) and all(c.hash_ok for c in self.children)

    def with_child(self, index: int, record: DecisionRecord) -> HouseholdRecord:
        """The household with one child's record replaced by a MASH-reviewed copy of it (same hash)."""
        if record.record_hash != self.children[index].record_hash:
            raise ValueError("only the unhashed review part of a child's record may change")
        children = list(self.children)
        children[index] = record
        return replace(self, children=tuple(children))


def household_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 over the household's canonical JSON, leaving out each child's MASH review (which is
    hashed on its own) and the household hash itself."""
    body = {k: v for k, v in document.items() if k != "household_hash"}
    body["children"] = [{"label": c["label"], "record": {k: v for k, v in c["record"].items() if k not in UNHASHED},
                         "record_hash": c["record"].get("record_hash")} for c in document["children"]]
    return compute_hash(body)


def new_household_record(ruleset: RuleSet, household: Household, outcome: HouseholdOutcome,
                         decisions: Sequence[ChildDecision], *, referrer: Referrer, worry: str = "",
                         working_well: str = "", created: str | None = None) -> HouseholdRecord:
    """One record per child (each with its own outcome, judgement and consent), bound as a household."""
    if not (len(household.children) == len(outcome.children) == len(decisions)):
        raise ValueError("one outcome and one decision are needed for each child")
    created = created or now_utc()
    records = tuple(
        new_record(ruleset, child_outcome.recommendation, household.answers_for(i), judgement=decision.judgement,
                   consent=decision.consent, referrer=referrer, child=decision.child, worry=worry,
                   working_well=working_well, created=created)
        for i, (child_outcome, decision) in enumerate(zip(outcome.children, decisions, strict=True)))
    record = HouseholdRecord(uuid.uuid4().hex, created, __version__, household.family.to_dict(),
                             tuple(c.label for c in household.children), records)
    return replace(record, household_hash=household_hash(record.body()))


def household_of_records(records: Sequence[DecisionRecord], labels: Sequence[str],
                         family_answers: Mapping[str, Any]) -> HouseholdRecord:
    """Bind records already made for each child (as the app makes them, one child on screen at a time)."""
    if len(records) != len(labels) or not records:
        raise ValueError("one label is needed for each child's record")
    record = HouseholdRecord(uuid.uuid4().hex, records[0].created, __version__, dict(family_answers),
                             tuple(labels), tuple(records))
    return replace(record, household_hash=household_hash(record.body()))


def is_household_document(document: Any) -> bool:
    return isinstance(document, dict) and document.get("format") == HOUSEHOLD_FORMAT


def parse_household_record(document: Any, name: str) -> HouseholdRecord:
    """Check a household record document and every child's record in it; raise with every problem."""
    def fail(message: str, hint: str = RECORD_HINT) -> InputError:
        return InputError([Problem(message, Location(name), hint=hint)])

    if not is_household_document(document):
        raise fail("this is not a thresholds household record")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise fail("the household record has no valid format version")
    if version > HOUSEHOLD_VERSION:
        raise fail(f"the household record was made by a newer version of thresholds-app (household format "
                   f"{version}; this version reads up to {HOUSEHOLD_VERSION})", "update thresholds-app to open it")
    children = document.get("children")
    if not isinstance(children, list) or not 1 <= len(children) <= MAX_CHILDREN:
        raise fail(f"a household record lists 1 to {MAX_CHILDREN} children")
    for key, kind in (("household_id", str), ("created", str), ("app_version", str), ("household_hash", str),
                      ("family_answers", dict)):
        if not isinstance(document.get(key), kind):
            raise fail(f"the household record's {key!r} is missing or has the wrong type")
    labels, records, problems = [], [], []
    for i, part in enumerate(children):
        if not isinstance(part, dict) or not isinstance(part.get("label"), str) or "record" not in part:
            problems.append(Problem(f"child {i + 1} has no label or no record", Location(name), ("children", i),
                                    RECORD_HINT))
            continue
        try:
            records.append(parse_record(part["record"], f"{name} (child {i + 1}: {part['label']})"))
            labels.append(part["label"])
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return HouseholdRecord(document["household_id"], document["created"], document["app_version"],
                           document["family_answers"], tuple(labels), tuple(records), document["household_hash"])


def load_any_record(path: Path | str) -> DecisionRecord | HouseholdRecord:
    """A single child's record or a household's, from its JSON file or from the PDF it was printed to."""
    from .record import record_document

    path = Path(path)
    name = str(path)
    raw = read_regular(path, 50 * MAX_RECORD_BYTES, "this is far larger than any record: check it is the right file")
    carried = None
    if raw[:5] == b"%PDF-":
        from .embedded import read_pdf_record

        carried = read_pdf_record(raw, name)
        raw, where = carried.record_json, f"{name} (embedded record)"
    else:
        where = name
    document, text = record_document(raw, where)
    record: DecisionRecord | HouseholdRecord
    if is_household_document(document):
        record = parse_household_record(document, where)
        printed, others = record.household_hash, [c.record_hash for c in record.children]
    else:
        record = parse_record(document, where, text)
        printed, others = record.record_hash, []
    if carried is not None:
        from .embedded import check_pages_print

        check_pages_print(carried, printed, name, also=others)
    return record


def save_household_record(record: HouseholdRecord, path: Path | str) -> None:
    write_atomic(Path(path), record.to_json().encode("utf-8"))
