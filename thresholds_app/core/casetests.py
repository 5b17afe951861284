"""Declarative test cases that travel with a rule set (answers in, expected outcome out).

A folder rule set keeps them in ``tests/*.yaml``; a single-file rule set ``name.yaml`` keeps them in
``name.tests.yaml`` beside it. They run in the project's test suite and from ``thresholds-app check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import parse_answers
from .evaluate import evaluate
from .loader import companion_files, read_companions
from .model import RuleSet
from .problems import InputError, Location, Problem
from .yamlsource import sub_map


@dataclass(frozen=True)
class Case:
    name: str
    location: Location
    answers_data: dict[str, Any]
    expect: dict[str, Any]
    answers: Any  # Answers, parsed against the rule set


@dataclass(frozen=True)
class CaseResult:
    case: Case
    failures: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failures


def case_files(ruleset_path: Path) -> list[Path]:
    return companion_files(ruleset_path, "tests", "tests")


def load_cases(ruleset_path: Path, ruleset: RuleSet) -> list[Case]:
    """Read and check every test case of a rule set; raise with every problem located."""
    problems: list[Problem] = []
    cases: list[Case] = []
    for data, smap in read_companions(case_files(ruleset_path), "casetests", problems):
        for i, item in enumerate(data["tests"]):
            base = ("tests", i)
            try:
                answers = parse_answers(item["answers"], sub_map(smap, (*base, "answers")), ruleset)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            expect = item["expect"]
            known: dict[str, set[object]] = {
                     "level": {lv.number for lv in ruleset.levels}, "route": set(ruleset.routes),
                     "redirected_from": set(ruleset.routes), "side_routes": set(ruleset.side_routes),
                     "rules_fired": {r.id for r in (*ruleset.gates, *ruleset.rules)},
                     "rules_not_fired": {r.id for r in (*ruleset.gates, *ruleset.rules)}}
            for key, allowed in known.items():
                values = expect.get(key)
                for value in values if isinstance(values, list) else [] if values is None else [values]:
                    if value not in allowed:
                        problems.append(Problem(f"expects {key} {value!r}, which the rule set does not declare",
                                                smap.locate((*base, "expect", key)), (*base, "expect", key)))
            cases.append(Case(item["name"], smap.locate(base), item["answers"], expect, answers))
    if problems:
        raise InputError(problems)
    return cases


def run_case(ruleset: RuleSet, case: Case) -> CaseResult:
    rec = evaluate(ruleset, case.answers)
    exp = case.expect
    failures: list[str] = []

    def differ(what: str, expected: object, actual: object) -> None:
        failures.append(f"{what}: expected {expected!r}, got {actual!r}")

    if "level" in exp and rec.level.number != exp["level"]:
        differ("level", exp["level"], rec.level.number)
    if "route" in exp and rec.route.id != exp["route"]:
        differ("route", exp["route"], rec.route.id)
    if "redirected_from" in exp:
        actual = rec.redirected_from.id if rec.redirected_from else None
        if actual != exp["redirected_from"]:
            differ("redirected_from", exp["redirected_from"], actual)
    if "side_routes" in exp and sorted(s.id for s in rec.side_routes) != sorted(exp["side_routes"]):
        differ("side_routes", sorted(exp["side_routes"]), sorted(s.id for s in rec.side_routes))
    fired = set(rec.rules_fired)
    missing = [r for r in exp.get("rules_fired", []) if r not in fired]
    if missing:
        failures.append(f"rules_fired: expected {missing} to apply; applied: {sorted(fired)}")
    unexpected = [r for r in exp.get("rules_not_fired", []) if r in fired]
    if unexpected:
        failures.append(f"rules_not_fired: {unexpected} applied but should not have")
    if "gaps" in exp and sorted(g.id for g in rec.gaps) != sorted(exp["gaps"]):
        differ("gaps", sorted(exp["gaps"]), sorted(g.id for g in rec.gaps))
    if "provisional" in exp and rec.provisional != exp["provisional"]:
        differ("provisional", exp["provisional"], rec.provisional)
    if "emergency" in exp and rec.emergency != exp["emergency"]:
        differ("emergency", exp["emergency"], rec.emergency)
    if "advice_count" in exp and len(rec.advice) != exp["advice_count"]:
        differ("advice_count", exp["advice_count"], len(rec.advice))
    return CaseResult(case, tuple(failures))
