"""What changed between two versions of a rule set, in words, and whose outcome it changes.

A partnership board approving a revised levels-of-need document needs to see, before adopting it,
what changed (levels, routes, contacts, questions, areas, statements, rules) and which cases come
out differently. The comparison works on the two rule-set documents (so a reworded help text or a
changed phone number shows, not only a changed outcome) and on outcomes (every test and training
case of either version, run against both).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .answers import parse_answers
from .evaluate import Recommendation, evaluate
from .model import RuleSet
from .problems import InputError, Location, Problem
from .yamlsource import SourceMap


@dataclass(frozen=True)
class Change:
    """One difference between the versions: what kind of thing, its id, and what happened to it."""

    part: str   # "level", "route", "side route", "contact", "screening question", "area", "statement", ...
    id: str
    change: str  # "added", "removed", "changed"
    detail: str = ""
    #: What the thing is called or says, in the words a reader knows it by (a statement's text and area).
    words: str = ""

    def line(self) -> str:
        text = f"{self.part} {self.id!r}" + (f" ({self.words})" if self.words else "") + f" {self.change}"
        return f"{text}: {self.detail}" if self.detail else text

    def to_dict(self) -> dict[str, str]:
        return {"part": self.part, "id": self.id, "words": self.words, "change": self.change, "detail": self.detail}


def _short(value: Any) -> str:
    """A value in one line, whole: a board approves the actual words, so nothing is cut short."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return " ".join(text.split())


def _field_changes(old: Mapping[str, Any], new: Mapping[str, Any], fields: Iterable[str],
                   words: Mapping[str, str] | None = None) -> list[str]:
    """Each field that differs, old -> new; a reworded text shows both wordings in full."""
    out = []
    for name in fields:
        a, b = old.get(name), new.get(name)
        if a == b:
            continue
        label = (words or {}).get(name, name.replace("_", " "))
        if isinstance(a, str) and isinstance(b, str) and max(len(a), len(b)) > 60:
            out.append(f'{label} reworded from "{_short(a)}" to "{_short(b)}"')
        elif a is None:
            out.append(f"{label} added ({_short(b)})")
        elif b is None:
            out.append(f"{label} removed (was {_short(a)})")
        else:
            out.append(f"{label} {_short(a)} -> {_short(b)}")
    return out


def _by_id(items: Iterable[Mapping[str, Any]], key: str = "id") -> dict[str, Mapping[str, Any]]:
    return {str(item[key]): item for item in items}


def _compare(part: str, old: Mapping[str, Mapping[str, Any]], new: Mapping[str, Mapping[str, Any]],
             fields: Sequence[str], words: Mapping[str, str] | None = None,
             name: Callable[[Mapping[str, Any]], str] = lambda item: str(item.get("name", ""))) -> list[Change]:
    """Added, removed and changed items, each named in words (its name, or what it says)."""
    changes = []
    for key in new:
        if key not in old:
            changes.append(Change(part, key, "added", words=_short(name(new[key]))))
    for key in old:
        if key not in new:
            changes.append(Change(part, key, "removed", words=_short(name(old[key]))))
        else:
            differences = _field_changes(old[key], new[key], fields, words)
            if differences:
                changes.append(Change(part, key, "changed", "; ".join(differences), _short(name(new[key]))))
    return changes


def _statements(doc: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    out = {}
    for domain in doc.get("domains", []):
        for ind in domain["indicators"]:
            out[str(ind["id"])] = {**ind, "area": domain["id"], "area_name": domain["name"],
                                   "scope": ind.get("scope", domain.get("scope", "child"))}
    return out


def diff_documents(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every difference between two rule-set documents, in a fixed order a board can read."""
    changes: list[Change] = []
    meta_old, meta_new = old["metadata"], new["metadata"]
    for detail in _field_changes(meta_old, meta_new, ("id", "name", "partnership", "version", "status", "effective",
                                                      "review", "notice")):
        changes.append(Change("setting", "metadata", "changed", detail, "the rule set's name and version"))
    changes += _compare("level", _by_id(old["levels"], "number"), _by_id(new["levels"], "number"),
                        ("name", "short", "route", "colour", "id"))
    route_fields = ("name", "summary", "next_steps", "consent", "timescale", "contacts", "emergency")
    changes += _compare("route", _by_id(old["routes"]), _by_id(new["routes"]), route_fields)
    old_order = [r["id"] for r in old["routes"] if r["id"] in {x["id"] for x in new["routes"]}]
    new_order = [r["id"] for r in new["routes"] if r["id"] in {x["id"] for x in old["routes"]}]
    if old_order != new_order:
        changes.append(Change("setting", "routes", "changed", "the order of urgency of the routes changed"))
    changes += _compare("side route", _by_id(old["side_routes"]), _by_id(new["side_routes"]),
                        ("name", "summary", "next_steps", "timescale", "contacts", "statutory"))
    changes += _compare("contact", _by_id(old["contacts"]), _by_id(new["contacts"]),
                        ("name", "phone", "secure_email", "email", "hours"))
    changes += _compare("screening question", _by_id(old["screening"]), _by_id(new["screening"]),
                        ("text", "help", "role", "scope", "options"), name=lambda q: str(q.get("text", "")))
    changes += _compare("area", _by_id(old.get("domains", [])), _by_id(new.get("domains", [])),
                        ("name", "group", "scope", "summary", "level_1", "help", "strengths"))
    changes += _compare("statement", _statements(old), _statements(new),
                        ("level", "area", "text", "help", "examples", "ages", "tags", "side_routes", "always_ask",
                         "scope"), {"area": "moved from area"},
                        name=lambda i: f"{i.get('area_name', '')}: {i.get('text', '')}")
    changes += _compare("condition", {k: {"when": v} for k, v in old.get("conditions", {}).items()},
                        {k: {"when": v} for k, v in new.get("conditions", {}).items()}, ("when",),
                        {"when": "condition"}, name=lambda c: _short(c["when"]))
    rule_fields = ("when", "minimum_level", "route", "redirect", "side_routes", "advice", "because", "gate")
    old_rules = {r["id"]: {**r, "gate": "gate"} for r in old["decision"]["gates"]} | \
        {r["id"]: r for r in old["decision"]["rules"]}
    new_rules = {r["id"]: {**r, "gate": "gate"} for r in new["decision"]["gates"]} | \
        {r["id"]: r for r in new["decision"]["rules"]}
    changes += _compare("rule", old_rules, new_rules, rule_fields, {"when": "condition", "gate": "kind"},
                        name=lambda r: str(r.get("because", "")))
    for detail in _field_changes(old["decision"], new["decision"], ("default_level",)):
        changes.append(Change("setting", "decision", "changed", detail))
    for detail in _field_changes(old, new, ("mash",), {"mash": "MASH decisions and urgency"}):
        changes.append(Change("setting", "mash", "changed", detail))
    return changes


@dataclass(frozen=True)
class OutcomeChange:
    """A case (or a saved record) whose outcome differs between the versions."""

    source: str   # "test case", "training case", "record"
    name: str
    old: str      # "level 3, early_help_assessment" or why it could not be evaluated
    new: str

    def line(self) -> str:
        return f"{self.source} {self.name!r}: {self.old} -> {self.new}"

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "name": self.name, "old": self.old, "new": self.new}


def outcome_words(rec: Recommendation) -> str:
    """An outcome as a board reads it: the level's number and name, the route's name, any side routes."""
    sides = f" + {', '.join(sorted(s.name for s in rec.side_routes))}" if rec.side_routes else ""
    return f"level {rec.level.number} ({rec.level.name}), {rec.route.name}{sides}"


def outcome_under(ruleset: RuleSet, answers_data: Mapping[str, Any], name: str) -> dict[str, str]:
    """The outcome of a case's answers under ``ruleset``, by child ("" for a case of one child), or why
    they cannot be evaluated under it (an id the version does not have)."""
    from .household import evaluate_household, is_household, parse_household

    try:
        if is_household(answers_data):
            outcome = evaluate_household(ruleset, parse_household(dict(answers_data), SourceMap(Location(name)),
                                                                  ruleset))
            return {c.label: outcome_words(c.recommendation) for c in outcome.children}
        answers = parse_answers(dict(answers_data), SourceMap(Location(name)), ruleset)
    except InputError as exc:
        return {"": "cannot be evaluated: " + exc.problems[0].message}
    return {"": outcome_words(evaluate(ruleset, answers))}


def compare_outcomes(old: RuleSet, new: RuleSet, cases: Iterable[tuple[str, str, Mapping[str, Any]]]
                     ) -> tuple[int, list[OutcomeChange]]:
    """How many cases were run, and those whose outcome differs (``cases``: source, name, answers)."""
    seen: set[str] = set()
    changed = []
    count = 0
    for source, name, answers in cases:
        key = json.dumps([source, name, answers], sort_keys=True, default=str)
        if key in seen:  # the same case in both versions is run once
            continue
        seen.add(key)
        count += 1
        before, after = outcome_under(old, answers, name), outcome_under(new, answers, name)
        if before.keys() != after.keys():  # readable under one version only
            changed.append(OutcomeChange(source, name, "; ".join(before.values()), "; ".join(after.values())))
            continue
        for child, outcome in before.items():  # in a household, only the children whose outcome changes
            if outcome != after[child]:
                changed.append(OutcomeChange(source, f"{name}: {child}" if child else name, outcome, after[child]))
    return count, changed



@dataclass(frozen=True)
class Comparison:
    """Everything the board sees: what changed, and whose outcome it changes."""

    old: RuleSet
    new: RuleSet
    changes: tuple[Change, ...]
    cases_run: int
    case_changes: tuple[OutcomeChange, ...]
    records_run: int = 0
    record_changes: tuple[OutcomeChange, ...] = ()
    notes: tuple[str, ...] = ()
    #: Blind raters' answers to the calibration scenarios: how many land in each scenario's acceptable range.
    calibration: tuple[str, ...] = ()
    #: The kinds of case run ("test case", "training case", "calibration case").
    case_kinds: tuple[str, ...] = ("test case", "training case")

    def transitions(self) -> list[tuple[str, str, int]]:
        """Saved records whose outcome changes, counted by old -> new outcome, most first."""
        counts: dict[tuple[str, str], int] = {}
        for change in self.record_changes:
            counts[(change.old, change.new)] = counts.get((change.old, change.new), 0) + 1
        return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda t: (-t[2], t[0], t[1]))

    def kinds_words(self) -> str:
        """"test and training", or "test, training and calibration": the kinds of case that were run."""
        kinds = [k.replace(" case", "") for k in self.case_kinds]
        return " and ".join(kinds) if len(kinds) < 3 else ", ".join(kinds[:-1]) + " and " + kinds[-1]

    def to_dict(self) -> dict[str, Any]:
        def version(rs: RuleSet) -> dict[str, str]:
            return {"id": rs.id, "name": rs.metadata.name, "version": rs.version, "content_hash": rs.content_hash}

        return {"old": version(self.old), "new": version(self.new),
                "changes": [c.to_dict() for c in self.changes],
                "cases_run": self.cases_run, "case_outcome_changes": [c.to_dict() for c in self.case_changes],
                "records_run": self.records_run, "record_outcome_changes": [c.to_dict() for c in self.record_changes],
                "record_transitions": [{"old": a, "new": b, "records": n} for a, b, n in self.transitions()],
                "calibration": list(self.calibration), "warnings": self.warnings(), "notes": list(self.notes)}

    def warnings(self) -> list[str]:
        if self.old.content_hash != self.new.content_hash and self.old.version == self.new.version:
            return [f"the content changed but the version number ({self.new.version}) did not: give the new "
                    "version its own number, so records and decisions say which one they used"]
        return []

    def text(self) -> str:
        def name(rs: RuleSet) -> str:
            return f"{rs.metadata.name} {rs.version} [{rs.content_hash[7:19]}]"

        lines = [f"Comparing {name(self.old)}", f"     with {name(self.new)}"]
        if self.old.content_hash == self.new.content_hash:
            lines.append("The two rule sets are identical.")
        lines += [f"WARNING: {warning}." for warning in self.warnings()]
        lines.append(f"\nWhat changed ({len(self.changes)}):")
        lines += [f"  - {c.line()}" for c in self.changes] or ["  nothing"]
        lines.append(f"\nCases whose outcome changes ({len(self.case_changes)} of {self.cases_run} "
                     f"{self.kinds_words()} cases, of either version, run against both):")
        lines += [f"  - {c.line()}" for c in self.case_changes] or ["  none"]
        if self.records_run:
            lines.append(f"\nSaved records whose outcome would change ({len(self.record_changes)} of "
                         f"{self.records_run} children's records):")
            lines += [f"  {n} x {a} -> {b}" for a, b, n in self.transitions()] or ["  none"]
            lines += [f"  - {c.name}: {c.old} -> {c.new}" for c in self.record_changes]
        if self.calibration:
            lines.append("\nCalibration (blind raters' answers to published cases):")
            lines += [f"  {line}" for line in self.calibration]
        lines += [f"\nNote: {note}" for note in self.notes]
        return "\n".join(lines)


def compare(old: RuleSet, new: RuleSet, old_doc: Mapping[str, Any], new_doc: Mapping[str, Any],
            cases: Iterable[tuple[str, str, Mapping[str, Any]]],
            records: Iterable[tuple[str, str, Mapping[str, Any]]] = (), notes: Sequence[str] = ()) -> Comparison:
    cases = list(cases)
    kinds = tuple(k for k in ("test case", "training case", "calibration case") if any(c[0] == k for c in cases))
    cases_run, case_changes = compare_outcomes(old, new, cases)
    records_run, record_changes = compare_outcomes(old, new, records)
    return Comparison(old, new, tuple(diff_documents(old_doc, new_doc)), cases_run, tuple(case_changes),
                      records_run, tuple(record_changes), tuple(notes), case_kinds=kinds)


def case_inputs(ruleset_path: Path) -> tuple[list[tuple[str, str, Mapping[str, Any]]], list[Problem]]:
    """The answers of every test and training case that travels with a rule set, read without checking
    the cases' expectations (a revision may rightly break them): the comparison needs only the answers."""
    from .casetests import case_files
    from .loader import read_companions
    from .training import training_files

    problems: list[Problem] = []
    found: list[tuple[str, str, Mapping[str, Any]]] = []
    for data, _ in read_companions(case_files(ruleset_path), "casetests", problems):
        found += [("test case", str(item["name"]), item["answers"]) for item in data["tests"]]
    for data, _ in read_companions(training_files(ruleset_path), "training", problems):
        found += [("training case", str(item["id"]), item["answers"]) for item in data["cases"]]
    return found, problems


def calibration_inputs(folder: Path) -> tuple[list[tuple[str, str, Mapping[str, Any]]], list[Problem]]:
    """The answers on blind raters' tool sheets (``kind: tool``; see tools/calibrate.py), as cases named
    "rater: scenario"; control sheets (levels only) have no answers to run."""
    from .yamlsource import load_yaml_file

    problems: list[Problem] = []
    found: list[tuple[str, str, Mapping[str, Any]]] = []
    if not folder.is_dir():
        raise InputError([Problem("no such folder of rater sheets", Location(str(folder)),
                                  hint="give a folder of calibration rater sheets (.yaml)")])
    for path in sorted(folder.glob("*.yaml")):
        try:
            data, _ = load_yaml_file(path)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(data, dict) and data.get("kind") == "tool" and isinstance(data.get("answers"), dict):
            rater = str(data.get("rater") or path.stem)
            found += [("calibration case", f"{rater}: {sid}", one) for sid, one in data["answers"].items()
                      if isinstance(one, dict)]
    return found, problems


def _within_range(ruleset: RuleSet, path: Path, cases: Sequence[tuple[str, str, Mapping[str, Any]]]) -> str:
    """How many calibration answers give a level in their scenario's acceptable range, with this version."""
    from .calibration import load_scenarios

    try:
        scenarios = {s.id: s for s in load_scenarios(path / "calibration", ruleset)}
    except InputError:
        return f"{ruleset.version}: its calibration scenarios could not be read"
    within = run = 0
    for _, name, answers in cases:
        scenario = scenarios.get(name.rsplit(": ", 1)[-1])
        if scenario is None:
            continue
        try:
            level = evaluate(ruleset, parse_answers(dict(answers), SourceMap(Location(name)), ruleset)).level.number
        except InputError:
            continue
        run += 1
        within += scenario.accepts(level)
    return f"{ruleset.metadata.name} {ruleset.version}: {within} of {run} answers within the acceptable range"


def compare_rulesets(old_path: Path, new_path: Path, records: Iterable[tuple[str, str, Mapping[str, Any]]] = (),
                     notes: Sequence[str] = (), calibration: Path | None = None) -> Comparison:
    """Load both versions (either may be a file or a folder) and compare them, with their cases (and, with
    ``calibration``, a folder of blind raters' sheets, with each version's scenarios' acceptable ranges)."""
    from .loader import load_ruleset, read_ruleset_document, ruleset_root

    loaded = []
    all_notes = list(notes)
    cases: list[tuple[str, str, Mapping[str, Any]]] = []
    for path in (ruleset_root(old_path), ruleset_root(new_path)):
        ruleset = load_ruleset(path)
        loaded.append((ruleset, read_ruleset_document(path)[0]))
        found, problems = case_inputs(path)
        cases += found
        if problems:
            all_notes.append(f"{len(problems)} case file problem(s) in {path}: run 'thresholds-app check' on it")
    (old, old_doc), (new, new_doc) = loaded
    summary: list[str] = []
    if calibration is not None:
        rated, problems = calibration_inputs(calibration)
        cases += rated
        if problems:
            all_notes.append(f"{len(problems)} rater sheet(s) in {calibration} could not be read")
        if not rated:
            all_notes.append(f"no raters' tool sheets with answers were found in {calibration} (see "
                             "docs/calibration.md for what a sheet holds)")
        for path, ruleset in ((ruleset_root(old_path), old), (ruleset_root(new_path), new)):
            if (path / "calibration").is_dir():
                summary.append(_within_range(ruleset, path, rated))
    return replace(compare(old, new, old_doc, new_doc, cases, records, all_notes), calibration=tuple(summary))
