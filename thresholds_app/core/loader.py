"""Load a rule set: strict YAML, then the JSON Schema, then semantic checks, then immutable objects.

Every problem found is reported at once, each located by file, line, column and document path.
A rule set is either one YAML file or a folder holding ``ruleset.yaml`` and ``domains/*.yaml``
(one domain per file, read in file-name order).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import schema
from .checked_rulesets import already_checked, sealed_document
from .conditions import Condition, IndicatorIndex, compile_condition, references, remembered
from .model import (
    Contact,
    Domain,
    DomainGroup,
    Indicator,
    Level,
    MashDecision,
    MashScheme,
    Metadata,
    Option,
    Route,
    Rule,
    RuleSet,
    ScreeningQuestion,
    SideRoute,
    Strength,
    Urgency,
)
from .problems import DocPath, InputError, Location, Problem
from .yamlsource import MAX_FILE_BYTES, SourceMap, load_yaml_file, read_regular

MAX_DOMAIN_FILES = 300
MAX_CONDITION_DEPTH = 12


@dataclass(frozen=True)
class LoadReport:
    """The outcome of checking a rule set: the rule set if it has no errors, and every problem."""

    ruleset: RuleSet | None
    problems: tuple[Problem, ...]
    source: Path

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "warning")


def load_ruleset(path: Path | str) -> RuleSet:
    """Load a rule set or raise :class:`InputError` listing every error."""
    report = inspect_ruleset(path)
    if report.ruleset is None:
        raise InputError(report.errors)
    return report.ruleset


def ruleset_root(path: Path | str) -> Path:
    """The rule set a path names: a folder's ``ruleset.yaml`` stands for the whole folder."""
    path = Path(path)
    if path.name == "ruleset.yaml" and (path.parent / "domains").is_dir():
        return path.parent
    return path


YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The YAML files in ``folder`` (.yaml or .yml, in any case), sorted, and the other visible files,
    which would otherwise be skipped without a word."""
    files = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    return ([p for p in files if p.suffix.lower() in YAML_SUFFIXES],
            [p for p in files if p.suffix.lower() not in YAML_SUFFIXES])


def companion_files(ruleset_path: Path, folder: str, suffix: str) -> list[Path]:
    """Files that travel with a rule set: ``folder/*.yaml`` inside a rule-set folder, or
    ``name.suffix.yaml`` beside a single-file rule set ``name.yaml``."""
    root = ruleset_root(ruleset_path)
    if root.is_dir():
        inside = root / folder
        return yaml_files(inside)[0] if inside.is_dir() else []
    sibling = root.with_name(f"{root.stem}.{suffix}.yaml")
    return [sibling] if sibling.is_file() else []


def read_companions(files: list[Path], schema_name: schema.SchemaName,
                    problems: list[Problem]) -> Iterator[tuple[Any, SourceMap]]:
    """Each companion document that reads and matches its schema; every problem goes to ``problems``."""
    for file in files:
        try:
            data, smap = load_yaml_file(file)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        found = schema.validate(schema_name, data, smap)
        if found:
            problems.extend(found)
            continue
        yield data, smap


def inspect_ruleset(path: Path | str, *, full_check: bool = False) -> LoadReport:
    """Load and check a rule set, returning warnings as well as errors instead of raising.

    Content that passed the current schema before shipping (``checked_rulesets``) skips the schema step,
    and files exactly as shipped are not parsed again, unless ``full_check``; the checks a schema cannot
    make always run.
    """
    path = ruleset_root(path)
    try:
        document, smap = read_ruleset_document(path, use_seal=not full_check)
    except InputError as exc:
        return LoadReport(None, exc.problems, path)
    fingerprint = content_hash(document)
    if full_check or not already_checked(fingerprint):
        problems = schema.validate("ruleset", document, smap)
        if problems:
            return LoadReport(None, tuple(problems), path)
    checker = _SemanticChecker(document, smap)
    problems = checker.run()
    if any(p.severity == "error" for p in problems):
        return LoadReport(None, tuple(problems), path)
    ruleset = _build(document, smap, checker, path, fingerprint)
    return LoadReport(ruleset, tuple(problems), path)


def ruleset_files_hash(path: Path) -> str | None:
    """A fingerprint of a rule set's files exactly as they are on disk (names and bytes), or None when
    they cannot all be read as a rule set's files (the full reader then says why)."""
    try:
        if path.is_dir():
            files, others = yaml_files(path / "domains") if (path / "domains").is_dir() else ([], [])
            if others or not (path / "ruleset.yaml").is_file():
                return None
            files = [path / "ruleset.yaml", *files]
        elif path.is_file():
            files = [path]
        else:
            return None
        digest = hashlib.sha256()
        for file in files:
            raw = read_regular(file, MAX_FILE_BYTES, "")
            name = file.relative_to(path).as_posix() if path.is_dir() else file.name
            digest.update(f"{name}\0{len(raw)}\0".encode())
            digest.update(raw)
    except (InputError, OSError):
        return None
    return "sha256:" + digest.hexdigest()


def read_ruleset_document(path: Path, *, use_seal: bool = True) -> tuple[dict[str, Any], SourceMap]:
    """Read the YAML of a rule-set file or folder into one document with a merged source map.

    Files exactly as a bundled rule set shipped them are not parsed again: the document read from them
    when they were sealed is used (``checked_rulesets``), and PyYAML is not even imported. There are no
    places to report in such a document, as it has no problems."""
    if use_seal:
        fingerprint = ruleset_files_hash(path)
        document = sealed_document(fingerprint) if fingerprint else None
        if document is not None:
            return document, SourceMap(Location(str(path / "ruleset.yaml" if path.is_dir() else path)))
    if path.is_dir():
        main = path / "ruleset.yaml"
        if not main.is_file():
            raise InputError([Problem("this folder has no ruleset.yaml", Location(str(path)),
                                      hint="a rule-set folder holds ruleset.yaml and a domains/ folder")])
        document, smap = load_yaml_file(main)
        if not isinstance(document, dict):
            raise InputError([Problem("the rule set must be a mapping of keys at the top level",
                                      smap.default, hint="start the file with 'format: thresholds-ruleset/1'")])
        domain_dir = path / "domains"
        files, others = yaml_files(domain_dir) if domain_dir.is_dir() else ([], [])
        if others:
            raise InputError([Problem("not a YAML file, so not read as an area", Location(str(other)),
                                      hint="domains/ holds one .yaml file per area: rename it to end in .yaml, "
                                           "or move it out of the folder") for other in others])
        if len(files) > MAX_DOMAIN_FILES:
            raise InputError([Problem(f"{len(files)} domain files; the limit is {MAX_DOMAIN_FILES}",
                                      Location(str(domain_dir)))])
        if files:
            inline = document.get("domains", [])
            if not isinstance(inline, list):
                raise InputError([Problem("'domains' must be a list", smap.locate(("domains",)))])
            domains = list(inline)
            problems: list[Problem] = []
            for file in files:
                try:
                    data, fmap = load_yaml_file(file)
                except InputError as exc:
                    problems.extend(exc.problems)
                    continue
                smap.graft(fmap, ("domains", len(domains)))
                domains.append(data)
            if problems:
                raise InputError(problems)
            document["domains"] = domains
        return document, smap
    if not path.exists():
        raise InputError([Problem("no such file or folder", Location(str(path)),
                                  hint="check the path, or run 'thresholds-app rulesets' to list bundled rule sets")])
    document, smap = load_yaml_file(path)
    if not isinstance(document, dict):
        raise InputError([Problem("the rule set must be a mapping of keys at the top level", smap.default,
                                  hint="start the file with 'format: thresholds-ruleset/1'")])
    return document, smap


def content_hash(document: Mapping[str, Any]) -> str:
    """A fingerprint of the rule set's content, independent of file layout, comments and key order."""
    body = {k: v for k, v in document.items() if k != "$schema"}
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class _SemanticChecker:
    """Cross-references, duplicates, cycles and reachability: what a schema cannot say."""

    def __init__(self, doc: dict[str, Any], smap: SourceMap) -> None:
        self.doc = doc
        self.smap = smap
        self.problems: list[Problem] = []
        self.level_numbers = [lv["number"] for lv in doc["levels"]]
        self.routes = [r["id"] for r in doc["routes"]]
        self.side_routes = [s["id"] for s in doc["side_routes"]]
        self.contacts = [c["id"] for c in doc["contacts"]]
        self.roles = [r["id"] for r in doc["referrer_roles"]]
        self.groups = [g["id"] for g in doc["domain_groups"]]
        self.domains = doc.get("domains", [])
        self.questions = {q["id"]: q for q in doc["screening"]}
        age_q = next((q for q in doc["screening"] if q.get("role") == "age_band"), None)
        self.age_bands = [o["id"] for o in age_q["options"]] if age_q else []
        self.indicators: dict[str, tuple[int, int, dict[str, Any]]] = {}
        for di, dom in enumerate(self.domains):
            for ii, ind in enumerate(dom["indicators"]):
                self.indicators.setdefault(ind["id"], (di, ii, ind))
        self.tags = {t for _, _, ind in self.indicators.values() for t in ind.get("tags", [])}
        self.named = doc.get("conditions", {})

    def error(self, path: DocPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(message, self.smap.locate(path), path, hint))

    def warn(self, path: DocPath, message: str, hint: str = "") -> None:
        self.problems.append(Problem(message, self.smap.locate(path), path, hint, "warning"))

    def run(self) -> list[Problem]:
        self._duplicates()
        self._metadata()
        self._mash()
        self._levels_and_routes()
        self._screening()
        self._domains()
        self._conditions()
        self._reachability()
        self.problems.sort(key=lambda p: (p.severity != "error", p.location.file, p.location.line))
        return self.problems

    # -- helpers -------------------------------------------------------------------------------
    def _ref(self, path: DocPath, value: str, known: list[str], what: str) -> None:
        if value not in known:
            import difflib

            close = difflib.get_close_matches(value, known, n=1)
            hint = f"did you mean {close[0]!r}?" if close else (
                f"declared {what}s: {', '.join(known[:12])}{' ...' if len(known) > 12 else ''}"
                if known else f"declare the {what} first")
            self.error(path, f"refers to {what} {value!r}, which is not declared", hint)

    def _unique(self, items: Sequence[tuple[DocPath, Any]], what: str) -> None:
        seen: dict[Any, DocPath] = {}
        for path, key in items:
            if key in seen:
                first = self.smap.locate(seen[key])
                self.error(path, f"duplicate {what} {key!r} (first declared at line {first.line} of "
                                 f"{Path(first.file).name})", f"give each {what} a different id")
            else:
                seen[key] = path

    # -- checks --------------------------------------------------------------------------------
    def _duplicates(self) -> None:
        d = self.doc
        for key, what in (("contacts", "contact id"), ("referrer_roles", "role id"), ("levels", "level id"),
                          ("routes", "route id"), ("side_routes", "side route id"),
                          ("screening", "question id"), ("domain_groups", "group id")):
            self._unique([((key, i, "id"), item["id"]) for i, item in enumerate(d[key])], what)
        self._unique([(("levels", i, "number"), lv["number"]) for i, lv in enumerate(d["levels"])],
                     "level number")
        answerable: list[tuple[DocPath, Any]] = [(("screening", i, "id"), q["id"])
                                                 for i, q in enumerate(d["screening"])]
        for di, dom in enumerate(self.domains):
            answerable.append((("domains", di, "id"), dom["id"]))
            for ii, ind in enumerate(dom["indicators"]):
                answerable.append((("domains", di, "indicators", ii, "id"), ind["id"]))
        self._unique(answerable, "question, domain or indicator id")
        strengths = [(("domains", di, "strengths", si, "id"), s["id"])
                     for di, dom in enumerate(self.domains) for si, s in enumerate(dom.get("strengths", []))]
        self._unique(strengths, "strength id")
        rules = [(("decision", part, i, "id"), r["id"])
                 for part in ("gates", "rules") for i, r in enumerate(d["decision"][part])]
        self._unique(rules, "rule id")
        for qi, q in enumerate(d["screening"]):
            self._unique([(("screening", qi, "options", oi, "id"), o["id"])
                          for oi, o in enumerate(q["options"])], "option id")

    def _mash(self) -> None:
        mash = self.doc.get("mash")
        if mash is None:
            return
        self._unique([(("mash", "decisions", i, "id"), d["id"]) for i, d in enumerate(mash["decisions"])],
                     "MASH decision id")
        self._unique([(("mash", "urgency", i, "id"), u["id"]) for i, u in enumerate(mash["urgency"])],
                     "urgency id")
        levels = [str(n) for n in self.level_numbers]
        if mash["referral_threshold"] not in self.level_numbers:
            self._ref(("mash", "referral_threshold"), str(mash["referral_threshold"]), levels, "level")
        for i, d in enumerate(mash["decisions"]):
            if d["level"] not in self.level_numbers:
                self._ref(("mash", "decisions", i, "level"), str(d["level"]), levels, "level")

    def _metadata(self) -> None:
        meta = self.doc["metadata"]
        if meta["review_date"] <= meta["effective_date"]:
            self.error(("metadata", "review_date"), "the review date is not after the effective date",
                       "set review_date later than effective_date")

    def _levels_and_routes(self) -> None:
        d = self.doc
        if self.level_numbers != sorted(self.level_numbers):
            self.error(("levels",), "levels are not in ascending order of number",
                       "list levels from the lowest need to the highest")
        for i, lv in enumerate(d["levels"]):
            self._ref(("levels", i, "route"), lv["route"], self.routes, "route")
        for key in ("routes", "side_routes"):
            for i, r in enumerate(d[key]):
                for ci, c in enumerate(r["contacts"]):
                    self._ref((key, i, "contacts", ci), c, self.contacts, "contact")
        if d["decision"]["default_level"] not in self.level_numbers:
            self._ref(("decision", "default_level"), str(d["decision"]["default_level"]),
                      [str(n) for n in self.level_numbers], "level")
        for part in ("gates", "rules"):
            for i, rule in enumerate(d["decision"][part]):
                base = ("decision", part, i)
                if "minimum_level" in rule and rule["minimum_level"] not in self.level_numbers:
                    self._ref((*base, "minimum_level"), str(rule["minimum_level"]),
                              [str(n) for n in self.level_numbers], "level")
                for key in ("route", "redirect"):
                    if key in rule:
                        self._ref((*base, key), rule[key], self.routes, "route")
                for si, s in enumerate(rule.get("side_routes", [])):
                    self._ref((*base, "side_routes", si), s, self.side_routes, "side route")

    def _screening(self) -> None:
        roles = Counter(q.get("role") for q in self.doc["screening"] if q.get("role"))
        for i, q in enumerate(self.doc["screening"]):
            role = q.get("role")
            if role and roles[role] > 1:
                self.error(("screening", i, "role"), f"more than one screening question has role {role!r}",
                           "give the role to one question only")
        if "immediate_danger" not in roles:
            self.error(("screening",), "no screening question has role 'immediate_danger'",
                       "add the question 'Is the child in immediate danger?' with role: immediate_danger")
        else:
            self._danger_gate()

    def _danger_gate(self) -> None:
        """Prove that saying the child is in immediate danger always leads to the emergency route,
        whatever else is answered: the first gate must test only that answer and route to an
        emergency route (a gate decides alone, before every rule and redirect)."""
        question = next(q for q in self.doc["screening"] if q.get("role") == "immediate_danger")
        gates = self.doc["decision"]["gates"]
        first = gates[0] if gates else None
        test = first.get("when", {}).get("answer") if isinstance(first, dict) else None
        emergency = {r["id"] for r in self.doc["routes"] if r.get("emergency")}
        fix = (f"make the first gate 'when: {{answer: {{question: {question['id']}, in: [<the option that means "
               "danger>]}}}' with 'route:' an emergency route (emergency: true)")
        if not (isinstance(test, dict) and test.get("question") == question["id"] and test.get("in")):
            self.error(("decision", "gates"), "nothing proves that an answer of immediate danger leads to the "
                       "emergency route whatever else is answered", fix)
        elif isinstance(first, dict) and first.get("route") not in emergency:
            self.error(("decision", "gates", 0, "route"), "the immediate-danger gate does not route to an "
                       "emergency route", fix)

    def _domains(self) -> None:
        for di, dom in enumerate(self.domains):
            self._ref(("domains", di, "group"), dom["group"], self.groups, "domain group")
            for ii, ind in enumerate(dom["indicators"]):
                base: DocPath = ("domains", di, "indicators", ii)
                if ind["level"] not in self.level_numbers:
                    self._ref((*base, "level"), str(ind["level"]), [str(n) for n in self.level_numbers], "level")
                for ai, age in enumerate(ind.get("ages", [])):
                    if not self.age_bands:
                        self.error((*base, "ages"), "'ages' is used but no screening question has role 'age_band'")
                        break
                    self._ref((*base, "ages", ai), age, self.age_bands, "age band")
                for role in ind.get("examples", {}):
                    self._ref((*base, "examples", role), role, self.roles, "referrer role")
                for si, s in enumerate(ind.get("side_routes", [])):
                    self._ref((*base, "side_routes", si), s, self.side_routes, "side route")

    def _decided_level_only_after_levels(self) -> None:
        """``decided_level`` is known only after the rules that set levels and routes have run."""
        known: dict[str, bool] = {}  # each named condition looked at once, however often it is referred to

        def uses_level(spec: Any) -> bool:
            text = json.dumps(spec)
            if '"decided_level"' in text or '"sibling_level"' in text:
                return True
            for kind, name, _ in references(spec):
                if kind == "condition" and name in self.named:
                    if name not in known:
                        known[name] = False  # a loop is reported elsewhere; do not follow it forever
                        known[name] = uses_level(self.named[name])
                    if known[name]:
                        return True
            return False

        for part in ("gates", "rules"):
            for i, rule in enumerate(self.doc["decision"][part]):
                sets = [k for k in ("minimum_level", "route") if k in rule] if part == "rules" else ["gate"]
                if sets and uses_level(rule["when"]):
                    self.error(("decision", part, i, "when"),
                               f"this {'gate' if part == 'gates' else 'rule'} sets a level or route but its "
                               "condition uses decided_level or sibling_level, which are only known after levels "
                               "are set", "use them only in rules that redirect, give advice or add side routes")

    def _conditions(self) -> None:
        places: list[tuple[DocPath, Any]] = [(("conditions", name), spec) for name, spec in self.named.items()]
        for part in ("gates", "rules"):
            for i, rule in enumerate(self.doc["decision"][part]):
                places.append((("decision", part, i, "when"), rule["when"]))
        for base, spec in places:
            for kind, value, sub in references(spec):
                path = base + sub
                if kind == "indicator":
                    self._ref(path, value, list(self.indicators), "indicator")
                elif kind == "condition":
                    self._ref(path, value, list(self.named), "named condition")
                elif kind == "domain":
                    self._ref(path, value, [d["id"] for d in self.domains], "domain")
                elif kind == "group":
                    self._ref(path, value, self.groups, "domain group")
                elif kind == "tag":
                    self._ref(path, value, sorted(self.tags), "indicator tag")
                elif kind == "level":
                    self._ref(path, value, [str(n) for n in self.level_numbers], "level")
                elif kind == "age_band":
                    self._ref(path, value, self.age_bands, "age band")
                elif kind == "question":
                    self._ref(path, value, list(self.questions), "screening question")
                elif kind.startswith("option:"):
                    q = self.questions.get(kind.split(":", 1)[1])
                    if q is not None:
                        self._ref(path, value, [o["id"] for o in q["options"]], "option")
        self._decided_level_only_after_levels()
        # Cycles among named conditions, and depth once references are expanded.
        graph = {name: [v for k, v, _ in references(spec) if k == "condition"]
                 for name, spec in self.named.items()}
        state: dict[str, int] = {}
        self.cyclic: set[str] = set()

        def visit(node: str, trail: list[str]) -> None:
            state[node] = 1
            for nxt in graph.get(node, []):
                if state.get(nxt) == 1:
                    cycle = [*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt]
                    if nxt not in self.cyclic:
                        self.cyclic.update(cycle)
                        self.error(("conditions", nxt), "named conditions refer to each other in a loop: "
                                   + " -> ".join(cycle), "break the loop: a condition cannot depend on itself")
                elif nxt in graph and state.get(nxt) is None:
                    visit(nxt, [*trail, nxt])
            state[node] = 2

        for name in graph:
            if state.get(name) is None:
                visit(name, [name])
        if self.cyclic:
            return
        depth_of_named: dict[str, int] = {}
        for base, spec in places:
            if self._depth(spec, depth_of_named) > MAX_CONDITION_DEPTH:
                self.error(base, f"the condition is nested more than {MAX_CONDITION_DEPTH} levels deep (with named "
                                 "conditions expanded)", "split it into named conditions that each say one thing")

    def _depth(self, spec: Any, depth_of_named: dict[str, int]) -> int:
        """How deep the condition nests with named conditions expanded. Each named condition is measured
        once (``depth_of_named``), so conditions that refer to one another many times cost no more than
        the text they are written in. Only called once loops have been ruled out."""
        if isinstance(spec, dict) and len(spec) == 1:
            ((key, value),) = spec.items()
            if key == "ref" and value in self.named:
                if value not in depth_of_named:
                    depth_of_named[value] = self._depth(self.named[value], depth_of_named)
                return depth_of_named[value]
            children = (value if key in ("all", "any") and isinstance(value, list) else [value] if key == "not"
                        else value.get("of", []) if key == "at_least" and isinstance(value, dict) else [])
            return 1 + max((self._depth(child, depth_of_named) for child in children), default=0)
        return 1

    def _reachability(self) -> None:
        if any(p.severity == "error" for p in self.problems):
            return
        d = self.doc["decision"]
        all_rules = [*d["gates"], *d["rules"]]
        reachable_levels = {d["default_level"]} | {r["minimum_level"] for r in all_rules if "minimum_level" in r}
        for i, lv in enumerate(self.doc["levels"]):
            if lv["number"] not in reachable_levels:
                self.warn(("levels", i), f"level {lv['number']} ({lv['name']}) can never be recommended: it is not "
                          "the default level and no rule sets it as minimum_level",
                          "add a rule with minimum_level for it, or remove the level")
        levels_reached_routes = {lv["route"] for lv in self.doc["levels"] if lv["number"] in reachable_levels}
        rule_routes = {r[k] for r in all_rules for k in ("route", "redirect") if k in r}
        for i, route in enumerate(self.doc["routes"]):
            if route["id"] not in levels_reached_routes | rule_routes:
                self.warn(("routes", i), f"route {route['id']!r} can never be recommended",
                          "map a level to it or name it in a rule's 'route' or 'redirect'")
        triggered = {s for r in all_rules for s in r.get("side_routes", [])}
        triggered |= {s for _, _, ind in self.indicators.values() for s in ind.get("side_routes", [])}
        for i, side in enumerate(self.doc["side_routes"]):
            if side["id"] not in triggered:
                self.warn(("side_routes", i), f"side route {side['id']!r} is never triggered",
                          "name it in an indicator's or a rule's 'side_routes'")
        index = _index(self.doc)
        used: set[str] = set()
        specs = [r["when"] for r in all_rules] + list(self.named.values())
        for spec in specs:
            used |= _indicators_used(spec, index)
        for ind_id, (di, ii, ind) in self.indicators.items():
            if ind_id not in used and not ind.get("side_routes"):
                self.warn(("domains", di, "indicators", ii), f"indicator {ind_id!r} is not used by any rule, so "
                          "ticking it cannot change the outcome",
                          "check that a rule counts its level, domain or tags")


def _indicators_used(spec: Any, index: IndicatorIndex) -> set[str]:
    out: set[str] = set()
    if not isinstance(spec, dict) or len(spec) != 1:
        return out
    ((key, value),) = spec.items()
    if key == "indicator":
        out.add(value)
    elif key in ("all", "any"):
        for c in value:
            out |= _indicators_used(c, index)
    elif key == "not":
        out |= _indicators_used(value, index)
    elif key == "at_least":
        for c in value["of"]:
            out |= _indicators_used(c, index)
    elif key in ("count_indicators", "count_domains"):
        out |= index.select(value)
    return out


def _index(doc: Mapping[str, Any]) -> IndicatorIndex:
    level: dict[str, int] = {}
    domain: dict[str, str] = {}
    tags: dict[str, frozenset[str]] = {}
    group_of: dict[str, str] = {}
    for dom in doc.get("domains", []):
        group_of[dom["id"]] = dom["group"]
        for ind in dom["indicators"]:
            level[ind["id"]] = ind["level"]
            domain[ind["id"]] = dom["id"]
            tags[ind["id"]] = frozenset(ind.get("tags", []))
    return IndicatorIndex(level, domain, group_of, tags)


def _build(doc: dict[str, Any], smap: SourceMap, checker: _SemanticChecker, path: Path,
           fingerprint: str) -> RuleSet:
    contacts = {c["id"]: Contact(**c) for c in doc["contacts"]}
    routes = {
        r["id"]: Route(r["id"], r["name"], r["summary"], tuple(r["next_steps"]), r["consent"], r["timescale"],
                       tuple(contacts[c] for c in r["contacts"]), urgency, r.get("emergency", False))
        for urgency, r in enumerate(doc["routes"])
    }
    side_routes = {
        s["id"]: SideRoute(s["id"], s["name"], s["summary"], tuple(s["next_steps"]),
                           tuple(contacts[c] for c in s["contacts"]), s.get("timescale", ""),
                           s.get("statutory", False))
        for s in doc["side_routes"]
    }
    screening = tuple(
        ScreeningQuestion(q["id"], q["text"], tuple(Option(o["id"], o["label"], o.get("help", ""))
                                                    for o in q["options"]), q.get("role", ""), q.get("help", ""),
                          q.get("scope", "child"))
        for q in doc["screening"]
    )
    domains = []
    indicators: dict[str, Indicator] = {}
    strengths: dict[str, Strength] = {}
    for dom in doc.get("domains", []):
        inds = tuple(
            Indicator(i["id"], i["level"], i["text"], i["help"], dom["id"],
                      MappingProxyType(dict(i.get("examples", {}))), frozenset(i.get("ages", [])),
                      frozenset(i.get("tags", [])), tuple(i.get("side_routes", [])), i.get("always_ask", False),
                      i.get("scope", dom.get("scope", "child")))
            for i in dom["indicators"]
        )
        strs = tuple(Strength(s["id"], s["text"], dom["id"]) for s in dom.get("strengths", []))
        indicators.update((i.id, i) for i in inds)
        strengths.update((s.id, s) for s in strs)
        domains.append(Domain(dom["id"], dom["group"], dom["name"], dom["summary"], dom["level_1"], inds,
                              strs, dom.get("help", ""), dom.get("scope", "child")))
    index = _index(doc)
    named: dict[str, Condition] = {}

    def named_condition(name: str) -> Condition:
        if name not in named:
            spec = doc["conditions"][name]
            for kind, ref, _ in references(spec):
                if kind == "condition":
                    named_condition(ref)
            named[name] = remembered(name, compile_condition(spec, index, named))
        return named[name]

    for name in doc.get("conditions", {}):
        named_condition(name)

    def rule(r: Mapping[str, Any]) -> Rule:
        return Rule(r["id"], compile_condition(r["when"], index, named), r["because"], r.get("minimum_level"),
                    r.get("route"), r.get("redirect"), tuple(r.get("side_routes", [])), r.get("advice", ""),
                    r.get("source", ""))

    return RuleSet(
        metadata=Metadata(**doc["metadata"]),
        content_hash=fingerprint,
        source=str(path),
        contacts=MappingProxyType(contacts),
        referrer_roles=MappingProxyType({r["id"]: r["name"] for r in doc["referrer_roles"]}),
        levels=tuple(Level(**lv) for lv in doc["levels"]),
        routes=MappingProxyType(routes),
        side_routes=MappingProxyType(side_routes),
        screening=screening,
        domain_groups=tuple(DomainGroup(g["id"], g["name"], g.get("description", "")) for g in doc["domain_groups"]),
        domains=tuple(domains),
        indicators=MappingProxyType(indicators),
        strengths=MappingProxyType(strengths),
        default_level=doc["decision"]["default_level"],
        gates=tuple(rule(r) for r in doc["decision"]["gates"]),
        rules=tuple(rule(r) for r in doc["decision"]["rules"]),
        domain_names=MappingProxyType({d.id: d.name for d in domains}),
        mash=MashScheme(doc["mash"]["referral_threshold"],
                        tuple(MashDecision(d["id"], d["name"], d["level"], d.get("description", ""))
                              for d in doc["mash"]["decisions"]),
                        tuple(Urgency(u["id"], u["name"], u["timescale"], u.get("colour", ""))
                              for u in doc["mash"]["urgency"])) if "mash" in doc else None,
        weight_rank=MappingProxyType({ind.id: -ind.level * (len(indicators) + 1) + n
                                      for n, ind in enumerate(indicators.values())}),
    )
