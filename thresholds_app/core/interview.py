"""The interview: what to ask next, and whether the outcome is settled.

A referrer should not page through every area to reach a decision. Given a rule set and the answers
so far, ``next_step`` says what to ask next, in a fixed order (immediate danger; about the child;
"what are you worried about?"; the worried areas' statements, most serious first; "before you
finish", the few statements the rule set always wants asked), and whether the outcome is *settled*:
nothing still unanswered could change the level, route or side routes, given what the referrer said
they are and are not worried about.

Areas the referrer did not choose as worries are "no concerns known to the referrer": their
statements are not asked (unless the rule set marks one ``always_ask``) and count as not applying.
Settling relies on the engine being monotone (ticking more never lowers the level or route); for a
rule set that is not, every remaining statement is asked.

Everything here is pure: the GUI, the command line (``thresholds-app next``) and the tests drive it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .answers import Answers
from .conditions import Facts
from .evaluate import Recommendation, _decide, evaluate
from .model import DONT_KNOW, Domain, Indicator, RuleSet, ScreeningQuestion
from .questionnaire import STATEMENT_ANSWERS

NO_CONCERNS = "no_concerns"
AREA_ANSWERS = ((NO_CONCERNS, "No concerns here"), (DONT_KNOW, "Don't know about this area"))
NOT_WORRIED = "No concerns known to the referrer"

Outcome = tuple[int, str, frozenset[str]]  # level, route id, side route ids


@dataclass(frozen=True)
class AskItem:
    """One thing to ask. ``kind`` is screening, worries, indicator or area."""

    kind: str
    id: str
    text: str
    options: tuple[tuple[str, str], ...]
    help: str = ""
    level: int = 0
    area: str = ""
    groups: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()  # worries: group id, name, areas

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "id": self.id, "text": self.text,
                               "options": [{"id": i, "label": label} for i, label in self.options]}
        if self.help:
            out["help"] = self.help
        if self.level:
            out["level"] = self.level
        if self.area:
            out["area"] = self.area
        if self.groups:
            out["groups"] = [{"id": g, "name": name, "areas": [a for a, _n in areas]} for g, name, areas in self.groups]
        return out


@dataclass(frozen=True)
class Change:
    """A statement not ticked that would change the outcome, and the level and route it would give."""

    indicator: Indicator
    level: int
    route: str  # the route's name

    def words(self) -> str:
        return f"would give level {self.level}, {self.route}"


@dataclass(frozen=True)
class Step:
    """Where the interview is: what to ask now (empty when settled) and the outcome so far."""

    stage: str  # danger, about, worries, area, before_finish, outcome
    settled: bool
    ask: tuple[AskItem, ...]
    recommendation: Recommendation
    area: str = ""  # the area being asked about (stage 'area')
    would_change: tuple[Change, ...] = field(default=())

    @property
    def statements(self) -> tuple[AskItem, ...]:
        return tuple(item for item in self.ask if item.kind == "indicator")

    def to_dict(self) -> dict[str, Any]:
        return {"settled": self.settled, "stage": self.stage, "area": self.area,
                "ask": [item.to_dict() for item in self.ask],
                "would_change": [{"id": c.indicator.id, "text": c.indicator.text, "area": c.indicator.domain,
                                  "level": c.level, "route": c.route} for c in self.would_change],
                "recommendation": self.recommendation.to_dict()}


def _screening_item(question: ScreeningQuestion) -> AskItem:
    return AskItem("screening", question.id, question.text, tuple((o.id, o.label) for o in question.options),
                   question.help)


def _age_band(ruleset: RuleSet, answers: Answers) -> str | None:
    question = ruleset.question_with_role("age_band")
    return answers.screening.get(question.id) if question else None


def worry_choices(ruleset: RuleSet, age_band: str | None) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """The areas a referrer can choose as worries, grouped, for the child's age."""
    out = []
    for group in ruleset.domain_groups:
        areas = tuple((d.id, d.name) for d in ruleset.domains
                      if d.group == group.id and any(i.applies_to_age(age_band) for i in d.indicators))
        if areas:
            out.append((group.id, group.name, areas))
    return tuple(out)


class _Judge:
    """Outcomes for sets of ticked statements, with the screening answers fixed."""

    def __init__(self, ruleset: RuleSet, answers: Answers) -> None:
        self.ruleset = ruleset
        self.screening = answers.screening
        self.age_band = _age_band(ruleset, answers)
        self.cache: dict[frozenset[str], Outcome] = {}

    def __call__(self, ticked: Iterable[str]) -> Outcome:
        key = frozenset(ticked)
        if key not in self.cache:
            decision = _decide(self.ruleset, Facts(key, self.screening, self.age_band))
            sides = {s for r in decision.fired for s in r.side_routes}
            sides |= {s for i in key for s in self.ruleset.indicators[i].side_routes}
            self.cache[key] = (decision.level, decision.route.id, frozenset(sides))
        return self.cache[key]


def remaining(ruleset: RuleSet, answers: Answers) -> dict[str, list[Indicator]]:
    """Statements still open to ask, by area: in the worried areas, plus those the rule set always asks;
    not those already answered, in an area answered as a whole, or not for the child's age. The key
    '' holds the always-asked statements from areas that are not worries."""
    age = _age_band(ruleset, answers)
    worries = set(answers.worries or ())
    out: dict[str, list[Indicator]] = {}
    for domain in ruleset.domains:
        if domain.id in answers.domains:
            continue
        for ind in domain.indicators:
            if ind.id in answers.indicators or not ind.applies_to_age(age):
                continue
            if domain.id in worries:
                out.setdefault(domain.id, []).append(ind)
            elif ind.always_ask:
                out.setdefault("", []).append(ind)
    for inds in out.values():
        inds.sort(key=lambda i: -i.level)
    return out


def would_change(ruleset: RuleSet, answers: Answers, limit: int = 8) -> tuple[Change, ...]:
    """Statements not ticked that would, on their own, raise the level or change the route: what the
    referrer should look out for. Those in the areas they are worried about come first, then those the
    rule set always asks about, then the rest; within each, the smallest change first (the next level
    up is what to watch for), then rule-set order."""
    judge = _Judge(ruleset, answers)
    ticked = answers.ticked()
    level, route, _sides = judge(ticked)
    age = judge.age_band
    worries = set(answers.worries or ())
    found = [ind for ind in ruleset.indicators.values()
             if ind.id not in ticked and ind.applies_to_age(age) and judge(ticked | {ind.id})[:2] != (level, route)]
    found.sort(key=lambda i: (i.domain not in worries, not i.always_ask, judge(ticked | {i.id})[0],
                              ruleset.weight_rank.get(i.id, 0)))
    return tuple(Change(i, judge(ticked | {i.id})[0], ruleset.routes[judge(ticked | {i.id})[1]].name)
                 for i in found[:limit])


def next_step(ruleset: RuleSet, answers: Answers) -> Step:
    """What to ask next, or that the outcome is settled."""
    rec = evaluate(ruleset, answers)
    danger = ruleset.question_with_role("immediate_danger")
    if danger is not None and answers.screening.get(danger.id) is None:
        return Step("danger", False, (_screening_item(danger),), rec)
    if any(reason.gate for reason in rec.reasons):  # immediate danger: nothing else changes the route
        return Step("outcome", True, (), rec)
    about = tuple(_screening_item(q) for q in ruleset.screening if q is not danger and q.id not in answers.screening)
    if about:
        return Step("about", False, about, rec)
    if answers.worries is None:
        groups = worry_choices(ruleset, _age_band(ruleset, answers))
        options = tuple(area for _g, _n, areas in groups for area in areas)
        item = AskItem("worries", "worries", "What are you worried about? Choose every area that applies.",
                       options, "Areas you do not choose are recorded as no concerns known to you.", groups=groups)
        return Step("worries", False, (item,), rec)
    open_ = remaining(ruleset, answers)
    judge = _Judge(ruleset, answers)
    ticked = answers.ticked()
    current = judge(ticked)
    every = {i.id for inds in open_.values() for i in inds}
    top = judge(ticked | every)
    if not every or (ruleset.monotone_in_indicators and top == current):
        return Step("outcome", True, (), rec, would_change=would_change(ruleset, answers))
    order = [d.id for d in ruleset.domains if d.id in open_] + ([""] if "" in open_ else [])

    def matters(ids: set[str]) -> bool:
        return judge(ticked | ids) != current or judge(ticked | (every - ids)) != top

    chosen = next((key for key in order if not ruleset.monotone_in_indicators
                   or matters({i.id for i in open_[key]})), order[0])
    inds = open_[chosen]
    asked = [i for i in inds if not ruleset.monotone_in_indicators or matters({i.id})] or inds
    items = tuple(AskItem("indicator", i.id, i.text, STATEMENT_ANSWERS, i.help, i.level, i.domain) for i in asked)
    if chosen:
        domain: Domain = ruleset.domain(chosen)
        whole = AskItem("area", chosen, f"{domain.name}: or answer for the whole area", AREA_ANSWERS)
        return Step("area", False, (*items, whole), rec, area=chosen)
    return Step("before_finish", False, items, rec)


def answer(answers: Answers, replies: Mapping[str, Any]) -> Answers:
    """``answers`` with ``replies`` (in the answers-file layout) added; later replies win."""
    data = answers.to_dict()
    for key in ("screening", "indicators", "domains"):
        if replies.get(key):
            data[key] = {**data.get(key, {}), **replies[key]}
    if "worries" in replies:
        data["worries"] = list(replies["worries"])
    if replies.get("strengths"):
        data["strengths"] = sorted(set(data.get("strengths", [])) | set(replies["strengths"]))
    return Answers.from_dict(data)


@dataclass(frozen=True)
class Walk:
    """A whole interview answered from a known set of answers (a case), as a referrer who knows them would."""

    steps: int
    statements_asked: int
    final: Recommendation
    full: Recommendation

    @property
    def agrees(self) -> bool:
        a, b = self.final, self.full
        return (a.level.number, a.route.id, tuple(s.id for s in a.side_routes)) == (
            b.level.number, b.route.id, tuple(s.id for s in b.side_routes))


def walk_case(ruleset: RuleSet, case: Answers, max_steps: int = 500) -> Walk:
    """Drive the interview with the case's own answers: screening as given; worries are the areas of
    the case's statements; a statement not in the case is answered "does not apply"."""
    worries = sorted({ruleset.indicators[i].domain for i, v in case.indicators.items() if v != "no"})
    answers = Answers()
    asked = 0
    for steps in range(1, max_steps + 1):
        step = next_step(ruleset, answers)
        if step.settled:
            return Walk(steps, asked, step.recommendation, evaluate(ruleset, case))
        replies: dict[str, Any] = {}
        for item in step.ask:
            if item.kind == "screening":
                replies.setdefault("screening", {})[item.id] = case.screening.get(item.id, DONT_KNOW)
            elif item.kind == "worries":
                replies["worries"] = worries
            elif item.kind == "indicator":
                asked += 1
                replies.setdefault("indicators", {})[item.id] = case.indicators.get(item.id, "no")
        answers = answer(answers, replies)
    raise RuntimeError("the interview did not settle")  # every step answers something, so it always settles
