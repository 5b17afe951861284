"""The front door's (MASH) review of a referral: kept apart from the referrer's record.

The MASH worker's extra information is stored as its own answers and laid over the referrer's for
re-evaluation; the referrer's answers are never changed, so the record's original hash still
verifies. The MASH section carries its own hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from ..core.answers import Answers
from ..core.evaluate import Recommendation
from ..core.model import RuleSet
from ..core.problems import InputError, Location, Problem
from .record import DecisionRecord, check, now_utc

SHORT, LONG = 300, 100_000  # the record schema's longest name and longest text


def combined_answers(referrer: Answers, additional: Answers) -> Answers:
    """The referrer's answers with the MASH's additional information laid over them."""
    return Answers.from_dict({
        "screening": {**referrer.screening, **additional.screening},
        "indicators": {**referrer.indicators, **additional.indicators},
        "domains": {**referrer.domains, **additional.domains},
        "strengths": list(dict.fromkeys([*referrer.strengths, *additional.strengths])),
    })


def mash_hash(section: Mapping[str, Any]) -> str:
    body = {k: v for k, v in section.items() if k != "mash_hash"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def mash_hash_ok(record: DecisionRecord) -> bool:
    return record.mash is not None and record.mash.get("mash_hash") == mash_hash(record.mash)


def add_review(record: DecisionRecord, ruleset: RuleSet, additional: Answers, recommendation: Recommendation, *,
               decision: str, urgency: str, reason: str, feedback: str = "", reviewer: str = "", team: str = "",
               reviewed: str | None = None) -> DecisionRecord:
    """The record with the MASH review added; the referrer's part, and its hash, are untouched."""
    if ruleset.mash is None:
        raise InputError([Problem(f"rule set {ruleset.id} {ruleset.version} declares no MASH decisions",
                                  Location(ruleset.source), ("mash",), "add a 'mash' section to the rule set")])
    texts = {"Reason": reason.strip(), "Feedback": feedback.strip(), "Your name": reviewer.strip(),
             "Team": team.strip()}
    problems = _review_problems(ruleset, decision, urgency, texts)
    if problems:
        raise InputError(problems)
    chosen = ruleset.mash.decision(decision)
    rag = ruleset.mash.urgency_of(urgency)
    section: dict[str, Any] = {
        "reviewed": reviewed or now_utc(),
        "reviewer": {k: v for k, v in (("name", texts["Your name"]), ("team", texts["Team"])) if v},
        "additional_answers": additional.to_dict(),
        "ruleset": {"id": ruleset.id, "version": ruleset.version, "content_hash": ruleset.content_hash},
        "recommendation": recommendation.to_dict(),
        "decision": {"id": chosen.id, "name": chosen.name, "level": chosen.level},
        "urgency": {"id": rag.id, "name": rag.name, "timescale": rag.timescale},
        "reason": texts["Reason"],
        "feedback": texts["Feedback"],
    }
    section["mash_hash"] = mash_hash(section)
    reviewed_record = replace(record, mash=section)
    found = check(reviewed_record.to_dict(), "<MASH review>")
    if found:
        raise InputError(found)
    return reviewed_record


def _review_problems(ruleset: RuleSet, decision: str, urgency: str, texts: dict[str, str]) -> list[Problem]:
    """What is missing or wrong in the MASH worker's entries, each named by its label on screen.

    The MASH worker reads these, so they say what to do in plain words, with no document paths.
    """
    assert ruleset.mash is not None
    problems = []
    if decision not in {d.id for d in ruleset.mash.decisions}:
        problems.append(Problem(f"there is no decision {decision!r}" if decision else "no decision is chosen",
                                Location("Decision"), hint="choose one from the Decision list"))
    if urgency not in {u.id for u in ruleset.mash.urgency}:
        names = [u.name for u in ruleset.mash.urgency]
        either = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
        problems.append(Problem(f"there is no urgency {urgency!r}" if urgency else "no urgency is chosen",
                                Location("Urgency"), hint=f"choose {either}"))
    if not texts["Reason"]:
        problems.append(Problem("no reason is given", Location("Reason"), hint="write why you made this decision"))
    for label, text in texts.items():
        most = SHORT if label in ("Your name", "Team") else LONG
        if len(text) > most:
            problems.append(Problem(f"{len(text)} characters is too long", Location(label),
                                    hint=f"shorten it to {most} characters or fewer"))
    return problems


def changes_since(then: Mapping[str, Any], now: Recommendation) -> list[str]:
    """What differs between the outcome recorded then and the same answers evaluated now, in words.

    Works from the record's own snapshot, so it needs only today's rule set.
    """
    out: list[str] = []
    old_level, old_route = then["level"], then["route"]
    if old_level["number"] != now.level.number:
        out.append(f"Level: then {old_level['number']} ({old_level['name']}), now {now.level.number} "
                   f"({now.level.name}).")
    if old_route["id"] != now.route.id:
        out.append(f"Route: then {old_route['name']}, now {now.route.name}.")
    old_levels = {i["id"]: i for i in then.get("indicators_ticked", [])}
    new_levels = {i.id: i for i in now.ticked}
    for ind_id, old in old_levels.items():
        new = new_levels.get(ind_id)
        if new is None:
            out.append(f"'{old['text']}' no longer counts (it was level {old['level']}).")
        elif new.level != old["level"]:
            out.append(f"'{new.text}' moved from level {old['level']} to level {new.level}.")
    old_rules = {r["rule"]: r for r in then.get("reasons", [])}
    new_rules = {r.rule_id: r for r in now.reasons}
    for rule_id in old_rules.keys() - new_rules.keys():
        out.append(f"No longer applies: {old_rules[rule_id]['text']}")
    for rule_id in new_rules.keys() - old_rules.keys():
        out.append(f"Now applies: {new_rules[rule_id].text}")
    old_sides = {s["id"] for s in then.get("side_routes", [])}
    for side in now.side_routes:
        if side.id not in old_sides:
            out.append(f"New side route: {side.name}.")
    return out
