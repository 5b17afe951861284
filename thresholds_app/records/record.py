"""The decision record: what the referrer decided, about which child, with which rule set.

A record is a versioned JSON document validated by ``schemas/record.schema.json``. Its
``record_hash`` covers the referrer's part (everything but the hash itself and the MASH section),
so anyone can tell whether a record was edited after it was made.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from .. import __version__
from ..core.answers import Answers
from ..core.evaluate import Recommendation
from ..core.fit import level_details, route_details, routes_for_level
from ..core.jsonsource import parse_json
from ..core.model import RuleSet
from ..core.problems import InputError, Location, Problem
from ..core.schema import build_validator, explain_errors
from ..core.yamlsource import SourceMap, load_json_text
from .atomic import write_atomic

FORMAT = "thresholds-record"
#: The record format written. Format 2 added the details of the referrer's chosen level and route to a
#: different judgement (``chosen_level``, ``chosen_route``, ``routes_for_level``), which a reader of
#: format 1 rejects. A record keeps the format it was made in: see ``DecisionRecord.format_version``.
VERSION = 2
MAX_RECORD_BYTES = 5_000_000
UNHASHED = ("record_hash", "mash")

ConsentStatus = Literal["given", "refused", "sought_awaiting", "not_sought_risk", "not_required"]
CONSENT_LABELS: Mapping[str, str] = MappingProxyType({
    "given": "Consent given",
    "refused": "Consent refused",
    "sought_awaiting": "Consent sought, awaiting an answer",
    "not_sought_risk": "Consent not sought: seeking it would increase the risk to the child",
    "not_required": "Consent not required (no referral or information sharing)",
})


def _judgement_details_added(document: dict[str, Any]) -> dict[str, Any]:
    """Format 1 to 2: only the number changes.

    The judgement details added in format 2 are optional: a record without them prints the names of
    the level and route decided on and says plainly that it holds no more about that route.
    """
    upgraded: dict[str, Any] = json.loads(json.dumps(document))
    upgraded["version"] = 2
    return upgraded


#: Upgrades from older record versions: MIGRATIONS[n] turns a version-n document into version n+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _judgement_details_added}


@dataclass(frozen=True)
class Referrer:
    name: str = ""
    role: str = ""
    agency: str = ""
    team: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Child:
    """Kept minimal on purpose: initials or a local reference, and an age band or date of birth."""

    initials: str = ""
    local_reference: str = ""
    age_band: str = ""
    date_of_birth: str | None = None
    full_name: str = ""

    @property
    def label(self) -> str:
        parts = [p for p in (self.initials, self.local_reference and f"ref. {self.local_reference}") if p]
        return ", ".join(parts) or "(not identified)"


@dataclass(frozen=True)
class Judgement:
    """The referrer's own view: agreement, or a different level and/or route with a reason.

    A different judgement made from format 2 on also keeps what is needed to act on it without the
    rule set: the level and route decided on, as ``Recommendation.to_dict()`` describes a level and a
    route (a level or route the referrer left unchanged is the recommended one), and the routes the
    rule set uses at that level. Records made before format 2 have only the names.
    """

    agrees: bool = True
    level: int | None = None
    route: str | None = None
    reason: str = ""
    level_name: str = ""
    route_name: str = ""
    chosen_level: Mapping[str, Any] | None = None
    chosen_route: Mapping[str, Any] | None = None
    routes_for_level: tuple[Mapping[str, str], ...] | None = None

    @property
    def route_fits_level(self) -> bool | None:
        """Whether the route decided on is one the rule set uses at the level decided on; None if unknown."""
        if self.agrees or self.routes_for_level is None or self.chosen_route is None:
            return None
        return any(r["id"] == self.chosen_route["id"] for r in self.routes_for_level)


@dataclass(frozen=True)
class Consent:
    status: ConsentStatus = "sought_awaiting"
    reason: str = ""

    @property
    def label(self) -> str:
        return CONSENT_LABELS[self.status]


@dataclass(frozen=True)
class DecisionRecord:
    record_id: str
    created: str
    app_version: str
    ruleset: Mapping[str, str]
    answers: Mapping[str, Any]
    recommendation: Mapping[str, Any]
    judgement: Judgement
    consent: Consent
    referrer: Referrer
    child: Child
    worry: str = ""
    working_well: str = ""
    amended: str | None = None
    mash: Mapping[str, Any] | None = None
    record_hash: str = ""
    #: The format the record was made in. An older record opened here is written back, and hashed, in
    #: its own format, so the hash made when it was made still verifies; amending it makes a new one.
    format_version: int = VERSION

    # -- JSON ----------------------------------------------------------------------------------
    def body(self) -> dict[str, Any]:
        """The JSON document without its hash."""
        judgement: dict[str, Any] = {"agrees": self.judgement.agrees}
        if not self.judgement.agrees:
            judgement.update(level=self.judgement.level, route=self.judgement.route)
            for key in ("level_name", "route_name"):
                if getattr(self.judgement, key):
                    judgement[key] = getattr(self.judgement, key)
            for key in ("chosen_level", "chosen_route", "routes_for_level"):
                if getattr(self.judgement, key) is not None:
                    judgement[key] = _plain(getattr(self.judgement, key))
        if self.judgement.reason:
            judgement["reason"] = self.judgement.reason
        consent: dict[str, Any] = {"status": self.consent.status}
        if self.consent.reason:
            consent["reason"] = self.consent.reason
        doc: dict[str, Any] = {
            "format": FORMAT, "version": self.format_version, "record_id": self.record_id, "created": self.created,
            "amended": self.amended, "app_version": self.app_version, "ruleset": dict(self.ruleset),
            "answers": _plain(self.answers), "recommendation": _plain(self.recommendation),
            "judgement": judgement, "consent": consent,
            "referrer": {k: v for k, v in vars(self.referrer).items() if v},
            "child": {k: v for k, v in vars(self.child).items() if v},
            "concerns": {"worry": self.worry, "working_well": self.working_well},
        }
        if self.mash is not None:
            doc["mash"] = _plain(self.mash)
        return doc

    def to_dict(self) -> dict[str, Any]:
        doc = self.body()
        doc["record_hash"] = self.record_hash or compute_hash(doc)
        return doc

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    @property
    def hash_ok(self) -> bool:
        """True when the stored hash matches the content: the referrer's part was not edited."""
        return self.record_hash == compute_hash(self.body())

    def answers_object(self) -> Answers:
        return Answers.from_dict(self.answers)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=lambda v: dict(v) if isinstance(v, Mapping) else list(v)))


def compute_hash(document: Mapping[str, Any]) -> str:
    """SHA-256 over the canonical JSON of the referrer's part of a record."""
    body = {k: v for k, v in document.items() if k not in UNHASHED}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def now_utc() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def new_record(ruleset: RuleSet, recommendation: Recommendation, answers: Answers, *, judgement: Judgement,
               consent: Consent, referrer: Referrer, child: Child, worry: str = "", working_well: str = "",
               created: str | None = None, amends: DecisionRecord | None = None) -> DecisionRecord:
    """A fresh record of a decision, hashed, ready to save or print.

    With ``amends``, the result is an amendment of that record: one assessment keeps one record id
    and its creation time, and the amendment carries when it was amended.

    A different judgement must name a level and/or route of ``ruleset``. The record keeps the level
    and route decided on in full (a level or route left unchanged is the recommended one), and the
    routes the rule set uses at that level, so it prints the decision without the rule set at hand.
    """
    ref = recommendation.ruleset
    if ref.content_hash != ruleset.content_hash:
        raise ValueError("the recommendation was made with a different rule set")
    if not judgement.agrees:
        problems = []
        if judgement.level is not None and judgement.level not in {lv.number for lv in ruleset.levels}:
            problems.append(Problem(f"level {judgement.level} is not a level of this rule set",
                                    Location("<new record>"), ("judgement", "level")))
        if judgement.route is not None and judgement.route not in ruleset.routes:
            problems.append(Problem(f"route {judgement.route!r} is not a route of this rule set",
                                    Location("<new record>"), ("judgement", "route")))
        if problems:
            raise InputError(problems)
        level = ruleset.level(judgement.level) if judgement.level is not None else recommendation.level
        route = ruleset.routes[judgement.route] if judgement.route else recommendation.route
        judgement = replace(
            judgement,
            level_name=ruleset.level(judgement.level).name if judgement.level is not None else "",
            route_name=ruleset.routes[judgement.route].name if judgement.route else "",
            chosen_level=level_details(ruleset, level), chosen_route=route_details(route),
            routes_for_level=tuple({"id": r.id, "name": r.name} for r in routes_for_level(ruleset, level.number)))
    record = DecisionRecord(
        record_id=amends.record_id if amends else uuid.uuid4().hex,
        created=amends.created if amends else created or now_utc(), amended=now_utc() if amends else None,
        app_version=__version__,
        ruleset={"id": ref.id, "version": ref.version, "content_hash": ref.content_hash, "name": ref.name,
                 "partnership": ref.partnership},
        answers=answers.to_dict(), recommendation=recommendation.to_dict(), judgement=judgement,
        consent=consent, referrer=referrer, child=child, worry=worry, working_well=working_well)
    problems = check(record.to_dict(), "<new record>")
    if problems:
        raise InputError(problems)
    return replace(record, record_hash=compute_hash(record.body()))


# -- checking and loading ----------------------------------------------------------------------
@cache
def _validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "record.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def warm_validator() -> None:
    """Build the record validator now (importing jsonschema), not when the first record is saved."""
    _validator()


RECORD_HINT = ("the record was changed outside thresholds-app, or is damaged: open its PDF or a backup copy, "
               "or ask the referrer for the original")


def check(document: Any, name: str, source_text: str | None = None) -> list[Problem]:
    """Schema problems in a record document, described without repeating any of its values; with
    ``source_text`` (the JSON it was read from), each names its line and column."""
    problems = explain_errors(_validator(), document, SourceMap(Location(name)), redact=True)
    if problems and source_text is not None:
        try:  # only when something is wrong: finding every value's place costs a second parse
            _, smap = load_json_text(source_text, name)
        except InputError:
            pass
        else:
            problems = explain_errors(_validator(), document, smap, redact=True)
    return problems


def _fail(name: str, message: str, hint: str = "") -> InputError:
    return InputError([Problem(message, Location(name), hint=hint)])


def parse_record(document: Any, name: str, source_text: str | None = None) -> DecisionRecord:
    """Validate a record document (upgrading an older version) and build the record. ``source_text``,
    the JSON it was read from, lets problems name their line."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise _fail(name, "this is not a thresholds decision record",
                    "open a record saved by thresholds-app (.json) or its printed PDF")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail(name, "the record has no valid format version", "the file may be damaged")
    if version > VERSION:
        raise _fail(name, f"the record was made by a newer version of thresholds-app (record format {version}; "
                          f"this version reads up to {VERSION})", "update thresholds-app to open it")
    made_as = version
    while version < VERSION:
        upgrade = MIGRATIONS.get(version)
        if upgrade is None:
            raise _fail(name, f"record format {version} is older than any this version can read")
        document = upgrade(document)
        version = document["version"]
    problems = check(document, name, source_text if made_as == VERSION else None)
    if problems:
        raise InputError([p if p.hint else replace(p, hint=RECORD_HINT) for p in problems])
    for stamp in ("created", "amended"):
        if document.get(stamp):
            try:
                datetime.fromisoformat(document[stamp].replace("Z", "+00:00"))
            except ValueError:
                raise _fail(name, f"'{stamp}' is not a valid date and time") from None
    j = document["judgement"]
    c = document["consent"]
    concerns = document["concerns"]
    return DecisionRecord(
        record_id=document["record_id"], created=document["created"], app_version=document["app_version"],
        ruleset=MappingProxyType(dict(document["ruleset"])), answers=document["answers"],
        recommendation=document["recommendation"],
        judgement=Judgement(j["agrees"], j.get("level"), j.get("route"), j.get("reason", ""),
                            j.get("level_name", ""), j.get("route_name", ""), j.get("chosen_level"),
                            j.get("chosen_route"),
                            tuple(j["routes_for_level"]) if "routes_for_level" in j else None),
        consent=Consent(c["status"], c.get("reason", "")),
        referrer=Referrer(**document["referrer"]), child=Child(**document["child"]),
        worry=concerns["worry"], working_well=concerns["working_well"], amended=document.get("amended"),
        mash=document.get("mash"), record_hash=document["record_hash"], format_version=made_as)


def record_document(raw: bytes, name: str) -> tuple[Any, str]:
    """The JSON document in a saved record's bytes (one child's or a household's) and its text."""
    if len(raw) > MAX_RECORD_BYTES:
        raise _fail(name, f"the record is {len(raw):,} bytes; the limit is {MAX_RECORD_BYTES:,}",
                    "this is far larger than any real record; check it is the right file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _fail(name, "the file is not UTF-8 text, so it is not a saved record") from None
    if not text.strip():
        raise _fail(name, "the file is empty")
    return parse_json(text, name, what="record", hint="open the PDF of the record instead, or a backup copy"), text


def record_from_json(raw: bytes, name: str) -> DecisionRecord:
    document, text = record_document(raw, name)
    return parse_record(document, name, text)


def load_record(path: Path | str) -> DecisionRecord:
    """Open one child's record from its JSON file or from the PDF it was printed to (a household's
    record, of several children, is refused: ``household_record.load_any_record`` opens either)."""
    from .household_record import load_any_record

    record = load_any_record(path)
    if not isinstance(record, DecisionRecord):
        raise _fail(str(path), "this is a household's record (several children); here one child's record is needed",
                    "open it where households are opened: the app's Open record, show or print")
    return record


def save_record(record: DecisionRecord, path: Path | str) -> None:
    """Save the record as JSON, atomically, readable by its owner only."""
    write_atomic(Path(path), record.to_json().encode("utf-8"))


def same_decision(earlier: DecisionRecord, later: DecisionRecord) -> bool:
    """True when ``later`` records nothing new over ``earlier`` (when it was amended, and the format
    it is written in, aside: an older record saved again unchanged stays as it was made)."""
    def content(record: DecisionRecord) -> dict[str, Any]:
        return {k: v for k, v in record.body().items() if k not in ("amended", "mash", "version")}

    return content(earlier) == content(later)
