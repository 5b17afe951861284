"""A household: brothers and sisters assessed together, one outcome for each child.

Referral forms list every child in the household and the front door decides for each. What is about
the family (the adults' difficulties, the care the children receive, the home, money, help so far) is
answered once; what is about one child (their age, health, development, an injury, their own risks)
is answered for each child. The rule set says which is which (``scope`` on areas, statements and
screening questions). Each child's outcome comes from the family's answers plus that child's own,
through the ordinary engine, so a household of one is exactly a single-child assessment.

Rules may look at ``sibling_level`` (the highest level decided for another child) to say what one
child's outcome means for the others: it is known only after a first pass over every child.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .answers import Answers, answers_document, parse_answers, read_answers_text
from .evaluate import Recommendation, evaluate
from .model import RuleSet
from .problems import InputError, Problem
from .yamlsource import SourceMap, sub_map

CHILD_KEYS = ("screening", "indicators", "domains", "strengths", "worries")


@dataclass(frozen=True)
class Child:
    """One child of a household: a minimal identifier and the answers about this child alone."""

    label: str
    answers: Answers


@dataclass(frozen=True)
class Household:
    """The family's answers, once, and each child's own."""

    family: Answers
    children: tuple[Child, ...]

    def answers_for(self, index: int) -> Answers:
        """Everything known about one child: the family's answers with the child's own added."""
        return combined(self.family, self.children[index].answers)

    def to_dict(self) -> dict[str, Any]:
        return {**self.family.to_dict(),
                "children": [{"label": c.label, **c.answers.to_dict()} for c in self.children]}


def combined(family: Answers, child: Answers) -> Answers:
    """Everything known about one child. The worry step ("what are you worried about?") is each child's
    own: until it is answered for this child (``child.worries`` None) it stays unanswered."""
    worries = None if child.worries is None else \
        tuple(dict.fromkeys((*(family.worries or ()), *child.worries)))
    return Answers.from_dict({
        "screening": {**family.screening, **child.screening},
        "indicators": {**family.indicators, **child.indicators},
        "domains": {**family.domains, **child.domains},
        "strengths": list(dict.fromkeys((*family.strengths, *child.strengths))),
        "worries": None if worries is None else list(worries),
    })


def family_part(answers: Answers, ruleset: RuleSet) -> Answers:
    """The answers about the family (scope: family): the same for every child of a household."""
    return _part(answers, ruleset, "family")


def own_part(answers: Answers, ruleset: RuleSet) -> Answers:
    """The answers about this child alone (scope: child)."""
    return _part(answers, ruleset, "child")


def _part(answers: Answers, ruleset: RuleSet, scope: str) -> Answers:
    domain_scope = {d.id: d.scope for d in ruleset.domains}
    strength_domain = {s.id: s.domain for s in ruleset.strengths.values()}
    return Answers.from_dict({
        "screening": {q: v for q, v in answers.screening.items()
                      if (question := ruleset.question(q)) is not None and question.scope == scope},
        "indicators": {i: v for i, v in answers.indicators.items()
                       if i in ruleset.indicators and ruleset.indicators[i].scope == scope},
        "domains": {d: v for d, v in answers.domains.items() if domain_scope.get(d) == scope},
        "strengths": [s for s in answers.strengths if domain_scope.get(strength_domain.get(s, "")) == scope],
        "worries": None if answers.worries is None else [d for d in answers.worries if domain_scope.get(d) == scope],
    })


@dataclass(frozen=True)
class ChildOutcome:
    label: str
    recommendation: Recommendation


@dataclass(frozen=True)
class HouseholdOutcome:
    children: tuple[ChildOutcome, ...]

    def sibling_level(self, index: int) -> int:
        """The highest level among the children other than ``index`` (what that child's rules see)."""
        return max((c.recommendation.level.number for i, c in enumerate(self.children) if i != index), default=0)

    def to_dict(self) -> dict[str, Any]:
        return {"children": [{"child": c.label, **c.recommendation.to_dict()} for c in self.children]}


def evaluate_household(ruleset: RuleSet, household: Household) -> HouseholdOutcome:
    """One recommendation per child. A first pass decides every child's level; the second tells each
    child's rules the highest level among the others (``sibling_level``), so a rule can say, for
    example, that the other children must be asked about when one is at risk of significant harm."""
    answers = [household.answers_for(i) for i in range(len(household.children))]
    first = [evaluate(ruleset, a) for a in answers]
    outcomes = []
    for i, (child, a) in enumerate(zip(household.children, answers, strict=True)):
        others = [r.level.number for j, r in enumerate(first) if j != i]
        rec = evaluate(ruleset, a, sibling_level=max(others)) if others else first[i]
        outcomes.append(ChildOutcome(child.label, rec))
    return HouseholdOutcome(tuple(outcomes))


def is_household(data: Any) -> bool:
    return isinstance(data, Mapping) and "children" in data


def load_answers_or_household(path: Path | str, ruleset: RuleSet, *,
                              stdin: bytes | None = None) -> Answers | Household:
    """A single child's answers, or a household's when the file has a ``children`` list."""
    text, name = read_answers_text(path, stdin=stdin)
    data, smap = answers_document(text, name)
    if is_household(data):
        return parse_household(data, smap, ruleset)
    return parse_answers(data, smap, ruleset)


def parse_household(data: Any, smap: SourceMap, ruleset: RuleSet) -> Household:
    """Check a household answers file: the family's answers above ``children``, each child's below.
    Raise with every problem located, including answers given in the wrong place."""
    if not isinstance(data, dict) or not isinstance(data.get("children"), list):
        raise InputError([Problem("a household answers file has a 'children' list", smap.default,
                                  hint="give each child as '- label: ...' under 'children:'")])
    from . import schema

    problems = schema.validate("answers", data, smap)
    if problems:
        raise InputError(problems)
    family_data = {k: v for k, v in data.items() if k != "children"}
    try:
        family = parse_answers(family_data, smap, ruleset)
    except InputError as exc:
        problems.extend(exc.problems)
        family = Answers()
    problems += _misplaced(family_data, smap, ruleset, want="family", base=())
    children: list[Child] = []
    seen: dict[str, int] = {}
    for i, child_data in enumerate(data["children"]):
        base = ("children", i)
        label = " ".join(str(child_data["label"]).split())
        if not label:
            problems.append(Problem("the child's label is empty", smap.locate((*base, "label")), (*base, "label"),
                                    "give a minimal identifier such as initials or 'eldest'"))
        elif label.casefold() in seen:
            problems.append(Problem(f"two children are labelled {label!r}", smap.locate((*base, "label")),
                                    (*base, "label"), "give each child a different label, such as initials and age"))
        seen.setdefault(label.casefold(), i)
        own = {k: v for k, v in child_data.items() if k != "label"}
        try:
            answers = parse_answers(own, sub_map(smap, base), ruleset)
        except InputError as exc:  # paths inside the child's answers, from the top of the file
            problems.extend(replace(p, path=(*base, *p.path)) for p in exc.problems)
            continue
        problems += _misplaced(own, smap, ruleset, want="child", base=base)
        problems += _contradictions(family, answers, smap, base, ruleset)
        children.append(Child(label, answers))
    if problems:
        raise InputError(problems)
    return Household(family, tuple(children))


def _misplaced(data: Mapping[str, Any], smap: SourceMap, ruleset: RuleSet, *, want: str,
               base: tuple[str | int, ...]) -> list[Problem]:
    """Answers about one child given for the family, or about the family given for one child."""
    found = []
    where, fix = (("is about each child", "answer it under each child in 'children'") if want == "family" else
                  ("is about the family", "answer it once, above 'children'"))
    for qid in data.get("screening") or {}:
        question = ruleset.question(qid)
        if question is not None and question.scope != want:
            path = (*base, "screening", qid)
            found.append(Problem(f"the question {qid!r} {where}", smap.locate(path), path, fix))
    for iid in data.get("indicators") or {}:
        ind = ruleset.indicators.get(iid)
        if ind is not None and ind.scope != want:
            path = (*base, "indicators", iid)
            found.append(Problem(f"the statement {iid!r} {where}", smap.locate(path), path, fix))
    return found


def _contradictions(family: Answers, child: Answers, smap: SourceMap, base: tuple[str | int, ...],
                    ruleset: RuleSet) -> list[Problem]:
    """A statement that applies in an area marked 'no concerns' at the other level."""
    found = []
    domains = {**family.domains, **child.domains}
    for iid, value in {**family.indicators, **child.indicators}.items():
        ind = ruleset.indicators[iid]
        if value == "yes" and domains.get(ind.domain) == "no_concerns":
            in_child = iid in child.indicators
            path = (*base, "indicators", iid) if in_child else ("indicators", iid)
            found.append(Problem(f"{iid!r} applies, but its area {ind.domain!r} is marked no_concerns "
                                 f"{'for the family' if in_child else 'for this child'}", smap.locate(path), path,
                                 f"remove '{ind.domain}: no_concerns', or answer {iid!r} no"))
    return found
