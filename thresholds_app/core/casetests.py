"""Declarative test cases that travel with a rule set (answers in, expected outcome out).

A folder rule set keeps them in ``tests/*.yaml``; a single-file rule set ``name.yaml`` keeps them in
``name.tests.yaml`` beside it. They run in the project's test suite and from ``thresholds-app check``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import Answers, parse_answers
from .evaluate import Recommendation, evaluate
from .household import Household, evaluate_household, is_household, parse_household
from .loader import companion_files, read_companions
from .model import RuleSet
from .problems import InputError, Location, Problem
from .yamlsource import SourceMap, sub_map


@dataclass(frozen=True)
class Case:
    name: str
    location: Location
    answers_data: dict[str, Any]
    expect: dict[str, Any]
    answers: Answers | Household  # parsed against the rule set


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
            answers_map = sub_map(smap, (*base, "answers"))
            try:
                answers: Answers | Household = (
                    parse_household(item["answers"], answers_map, ruleset) if is_household(item["answers"])
                    else parse_answers(item["answers"], answers_map, ruleset))
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            expect = item["expect"]
            problems += _unknown_expectations(expect, (*base, "expect"), smap, ruleset, answers)
            cases.append(Case(item["name"], smap.locate(base), item["answers"], expect, answers))
    if problems:
        raise InputError(problems)
    return cases


def _unknown_expectations(expect: dict[str, Any], path: tuple[str | int, ...], smap: SourceMap, ruleset: RuleSet,
                          answers: Answers | Household) -> list[Problem]:
    problems = []
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
                                        smap.locate((*path, key)), (*path, key),
                                        f"use an id the rule set declares, or remove {value!r} from the case if "
                                        "it was removed from the rule set on purpose"))
    labels = [c.label for c in answers.children] if isinstance(answers, Household) else []
    if labels and path[-1] == "expect" and set(expect) != {"children"}:
        problems.append(Problem("a household's case expects an outcome for each child, not one for the household",
                                smap.locate(path), path, "give each child's expected outcome under 'children:', "
                                "by the child's label"))
    for label, child_expect in (expect.get("children") or {}).items():
        here = (*path, "children", label)
        if label not in labels:
            problems.append(Problem(f"expects an outcome for child {label!r}, who is not in the answers",
                                    smap.locate(here), here,
                                    f"use one of the labels: {', '.join(labels)}" if labels else
                                    "'children' expectations need answers with a 'children' list"))
        problems += _unknown_expectations(child_expect, here, smap, ruleset, answers)
    return problems


def run_case(ruleset: RuleSet, case: Case) -> CaseResult:
    if isinstance(case.answers, Household):
        outcome = evaluate_household(ruleset, case.answers)
        by_label = {c.label: c.recommendation for c in outcome.children}
        failures: list[str] = []
        for label, expect in (case.expect.get("children") or {}).items():
            failures += [f"child {label!r}: {f}" for f in _differences(by_label[label], expect)]
        return CaseResult(case, tuple(failures))
    return CaseResult(case, tuple(_differences(evaluate(ruleset, case.answers), case.expect)))


def _differences(rec: Recommendation, exp: dict[str, Any]) -> list[str]:
    """How the recommendation differs from what a case expects (for a household, of one child)."""
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
    return failures
