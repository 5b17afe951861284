"""Evaluation: answers in, a recommendation with its reasons out. Pure and deterministic.

How outcomes combine:

* gates are checked first, in order; the first that applies decides the outcome alone (immediate
  danger goes straight to the emergency route);
* otherwise every rule that applies contributes: the level is the highest ``minimum_level`` among
  them (or the default level), and the route is the most urgent among the level's own route and
  the rules' routes; a ``redirect`` then replaces the route (an open case goes to its allocated
  worker), and the route it replaced is kept;
* "don't know" never counts as ticked, so it cannot raise or lower anything; it is reported as an
  information gap, and the recommendation is marked provisional when a gap could raise the level;
* strengths are listed and never change the level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .answers import Answers
from .conditions import Facts
from .model import DONT_KNOW, Domain, Indicator, Level, Route, Rule, RuleSet, ScreeningQuestion, SideRoute, Strength


@dataclass(frozen=True, slots=True)
class RuleSetRef:
    """Names the exact rule set that made a decision."""

    id: str
    version: str
    content_hash: str
    name: str
    partnership: str


@dataclass(frozen=True, slots=True)
class Reason:
    """One rule that applied, in plain words, with the ticked indicators that made it apply."""

    rule_id: str
    text: str
    gate: bool
    level: int | None
    route: str | None
    redirect: str | None
    side_routes: tuple[str, ...]
    indicators: tuple[Indicator, ...]
    decisive: bool
    source: str = ""


@dataclass(frozen=True, slots=True)
class Gap:
    """Something the referrer marked "don't know" or did not answer, which they should fill or mention."""

    kind: str  # "question" | "indicator" | "domain"
    id: str
    text: str
    level: int | None
    could_raise: bool
    domain: str = ""


@dataclass(frozen=True, slots=True)
class ScreeningAnswer:
    """A screening question with the answer given, in words, for records and review screens."""

    question_id: str
    question: str
    answer_id: str | None
    answer: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    ruleset: RuleSetRef
    level: Level
    route: Route
    redirected_from: Route | None
    emergency: bool
    side_routes: tuple[SideRoute, ...]
    advice: tuple[str, ...]
    reasons: tuple[Reason, ...]
    gaps: tuple[Gap, ...]
    domains_not_considered: tuple[Domain, ...]
    ticked: tuple[Indicator, ...]
    strengths: tuple[Strength, ...]
    warnings: tuple[str, ...]
    top_level: int = 0
    screening: tuple[ScreeningAnswer, ...] = ()
    domain_names: Mapping[str, str] = field(default_factory=dict)
    #: Areas the referrer did not choose as worries: "no concerns known to the referrer".
    domains_not_worried: tuple[Domain, ...] = ()

    @property
    def provisional(self) -> bool:
        return any(g.could_raise for g in self.gaps)

    @property
    def rules_fired(self) -> tuple[str, ...]:
        return tuple(r.rule_id for r in self.reasons)

    def sentence(self) -> str:
        """The outcome in one plain sentence: what a screen reader announces when it changes."""
        parts = [f"Level {self.level.number} of {self.top_level}: {self.level.name}.", f"Route: {self.route.name}."]
        if self.emergency:
            parts.insert(0, "Immediate danger: call 999 now.")
        if self.provisional:
            parts.append("Provisional: something you don't know could change this.")
        if self.side_routes:
            parts.append("Also: " + "; ".join(s.name for s in self.side_routes) + ".")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description of the recommendation."""

        def contact_list(route: Route | SideRoute) -> list[dict[str, str]]:
            return [{k: v for k, v in (("id", c.id), ("name", c.name), ("phone", c.phone),
                                       ("secure_email", c.secure_email), ("email", c.email),
                                       ("hours", c.hours)) if v} for c in route.contacts]

        def route_dict(route: Route) -> dict[str, Any]:
            return {"id": route.id, "name": route.name, "summary": route.summary,
                    "next_steps": list(route.next_steps), "consent": route.consent,
                    "timescale": route.timescale, "contacts": contact_list(route), "emergency": route.emergency}

        return {
            "ruleset": {"id": self.ruleset.id, "version": self.ruleset.version,
                        "content_hash": self.ruleset.content_hash, "name": self.ruleset.name,
                        "partnership": self.ruleset.partnership},
            "level": {"number": self.level.number, "of": self.top_level, "id": self.level.id,
                      "name": self.level.name, "short": self.level.short, "colour": self.level.colour},
            "route": route_dict(self.route),
            "redirected_from": route_dict(self.redirected_from) if self.redirected_from else None,
            "emergency": self.emergency,
            "provisional": self.provisional,
            "side_routes": [{"id": s.id, "name": s.name, "summary": s.summary, "statutory": s.statutory,
                             "next_steps": list(s.next_steps), "timescale": s.timescale,
                             "contacts": contact_list(s)} for s in self.side_routes],
            "advice": list(self.advice),
            "reasons": [{"rule": r.rule_id, "text": r.text, "gate": r.gate, "level": r.level, "route": r.route,
                         "redirect": r.redirect, "side_routes": list(r.side_routes), "decisive": r.decisive,
                         "indicators": [i.id for i in r.indicators]} for r in self.reasons],
            "gaps": [{"kind": g.kind, "id": g.id, "text": g.text, "level": g.level, "could_raise": g.could_raise,
                      "domain": g.domain, "domain_name": self.domain_names.get(g.domain, "")} for g in self.gaps],
            "domains_not_considered": [{"id": d.id, "name": d.name} for d in self.domains_not_considered],
            **({"domains_not_worried": [{"id": d.id, "name": d.name} for d in self.domains_not_worried]}
               if self.domains_not_worried else {}),
            "indicators_ticked": [{"id": i.id, "level": i.level, "domain": i.domain,
                                   "domain_name": self.domain_names.get(i.domain, ""), "text": i.text}
                                  for i in self.ticked],
            "screening": [{"id": s.question_id, "question": s.question, "answer_id": s.answer_id,
                           "answer": s.answer} for s in self.screening],
            "strengths": [{"id": s.id, "text": s.text, "domain_name": self.domain_names.get(s.domain, "")}
                          for s in self.strengths],
            "warnings": list(self.warnings),
        }


def ruleset_ref(ruleset: RuleSet) -> RuleSetRef:
    m = ruleset.metadata
    return RuleSetRef(m.id, m.version, ruleset.content_hash, m.name, m.partnership)


@dataclass(frozen=True, slots=True)
class _Decision:
    gate: Rule | None
    fired: tuple[Rule, ...]
    level: int
    route: Route
    redirected_from: Route | None


def _decide(ruleset: RuleSet, facts: Facts) -> _Decision:
    """The level and route alone: the part evaluated on every click, and again for each gap."""
    gate = next((g for g in ruleset.gates if g.when.test(facts)), None)
    fired = (gate,) if gate is not None else tuple(
        r for r in ruleset.rules if not r.when.uses_level and r.when.test(facts))
    level = ruleset.default_level
    for rule in fired:
        if rule.minimum_level is not None and rule.minimum_level > level:
            level = rule.minimum_level
    if gate is None and any(r.when.uses_level for r in ruleset.rules):
        # Rules about the decided level (redirects, advice) are tested once the level is known.
        decided = replace(facts, level=level)
        first = {id(r) for r in fired}
        fired = tuple(r for r in ruleset.rules if (r.when.test(decided) if r.when.uses_level else id(r) in first))
    routes = ruleset.routes
    route = routes[ruleset.level(level).route]
    for rule in fired:
        if rule.route and routes[rule.route].urgency > route.urgency:
            route = routes[rule.route]
    redirected_from = None
    target = None
    for rule in fired:
        if rule.redirect and (target is None or routes[rule.redirect].urgency > target.urgency):
            target = routes[rule.redirect]
    if target is not None and target.id != route.id:
        redirected_from, route = route, target
    return _Decision(gate, fired, level, route, redirected_from)


def evaluate(ruleset: RuleSet, answers: Answers, *, sibling_level: int = 0) -> Recommendation:
    """Recommend a level and route for ``answers``. Answers must already be checked against ``ruleset``.
    ``sibling_level``: in a household, the highest level decided for the other children."""
    indicators = ruleset.indicators
    rank = ruleset.weight_rank.__getitem__
    age_q = ruleset.question_with_role("age_band")
    age_band = answers.screening.get(age_q.id) if age_q else None
    facts = Facts(answers.ticked(), answers.screening, age_band, sibling_level=sibling_level)
    decision = _decide(ruleset, facts)
    level_number, route, gate = decision.level, decision.route, decision.gate

    ticked_inds = [indicators[i] for i in sorted(facts.ticked, key=rank)]
    side_ids: list[str] = []
    for source in (*(r.side_routes for r in decision.fired), *(ind.side_routes for ind in ticked_inds)):
        for sid in source:
            if sid not in side_ids:
                side_ids.append(sid)
    side_order = list(ruleset.side_routes)
    side_routes = tuple(ruleset.side_routes[s] for s in sorted(side_ids, key=side_order.index))

    reasons = []
    for position, rule in enumerate(decision.fired):
        evidence = [indicators[i] for i in sorted(rule.when.evidence(facts), key=rank)]
        decisive = rule is gate or rule.minimum_level == level_number or rule.route == route.id or (
            rule.redirect is not None and rule.redirect == route.id)
        reasons.append((
            (rule is not gate, not decisive, -(rule.minimum_level or -1), position),
            Reason(rule.id, rule.because, rule is gate, rule.minimum_level, rule.route, rule.redirect,
                   rule.side_routes, tuple(evidence), decisive, rule.source),
        ))
    reasons.sort(key=lambda pair: pair[0])

    considered = {indicators[i].domain for i in answers.indicators} | set(answers.domains)
    not_worried: tuple[Domain, ...] = ()
    if answers.worries is not None:
        not_worried = tuple(d for d in ruleset.domains if d.id not in answers.worries and d.id not in considered)
        considered |= {d.id for d in not_worried}
    not_considered = tuple(d for d in ruleset.domains if d.id not in considered)
    warnings = tuple(
        f"'{ind.text}' is not listed for the age band given; it still counts, but check the age band."
        for ind in ticked_inds if not ind.applies_to_age(age_band)
    )
    return Recommendation(
        ruleset=ruleset_ref(ruleset),
        level=ruleset.level(level_number),
        route=route,
        redirected_from=decision.redirected_from,
        emergency=route.emergency,
        side_routes=side_routes,
        advice=tuple(r.advice for r in decision.fired if r.advice),
        reasons=tuple(r for _, r in reasons),
        gaps=_gaps(ruleset, answers, facts, decision),
        domains_not_considered=not_considered,
        ticked=tuple(ticked_inds),
        strengths=tuple(ruleset.strengths[s] for s in answers.strengths),
        warnings=warnings,
        top_level=ruleset.levels[-1].number,
        screening=tuple(_screening_answer(q, answers.screening.get(q.id)) for q in ruleset.screening),
        domain_names=ruleset.domain_names,
        domains_not_worried=not_worried,
    )


def _screening_answer(question: ScreeningQuestion, answer: str | None) -> ScreeningAnswer:
    option = question.option(answer) if answer else None
    label = option.label if option else "Don't know" if answer == DONT_KNOW else "Not answered"
    return ScreeningAnswer(question.id, question.text, answer, label)


def _gaps(ruleset: RuleSet, answers: Answers, facts: Facts, decision: _Decision) -> tuple[Gap, ...]:
    """Every "don't know" or unanswered question, and whether knowing it could change the outcome.

    "Could raise" is decided by asking the engine itself: the outcome is re-decided as if the gap were
    filled in the most serious way (the indicator ticked, every indicator of the area ticked, each
    possible answer to the question), and compared with the current level and route.
    """

    current_route = decision.redirected_from or decision.route

    def raises(alternative: Facts) -> bool:
        other = _decide(ruleset, alternative)
        return other.level > decision.level or (other.redirected_from or other.route).urgency > current_route.urgency

    unknown = [i for i, v in answers.indicators.items() if v == DONT_KNOW]
    unknown_domains = [d for d, v in answers.domains.items() if v == DONT_KNOW]
    applicable = {d: [i.id for i in ruleset.domain(d).indicators if i.applies_to_age(facts.age_band)]
                  for d in unknown_domains}
    # When the rule set is monotone, filling every gap at once is the most any gap could do: if that
    # changes nothing, no single gap can, and one re-decision answers for all of them.
    everything = facts.ticked.union(unknown, *applicable.values())
    check_each = bool(unknown or unknown_domains) and (
        not ruleset.monotone_in_indicators or raises(replace(facts, ticked=everything)))

    gaps: list[Gap] = []
    for q in ruleset.screening:
        value = answers.screening.get(q.id)
        if value is None or value == DONT_KNOW:
            could = False
            for option in q.options:
                if option.id == DONT_KNOW:
                    continue
                screening = {**facts.screening, q.id: option.id}
                age = option.id if q.role == "age_band" else facts.age_band
                if raises(replace(facts, screening=screening, age_band=age)):
                    could = True
                    break
            word = "not answered" if value is None else "don't know"
            gaps.append(Gap("question", q.id, f"{q.text} ({word})", None, could))
    for ind_id in unknown:
        ind = ruleset.indicators[ind_id]
        could = check_each and raises(replace(facts, ticked=facts.ticked | {ind_id}))
        gaps.append(Gap("indicator", ind.id, ind.text, ind.level, could, ind.domain))
    for dom_id in unknown_domains:
        dom = ruleset.domain(dom_id)
        highest = max((ruleset.indicators[i].level for i in applicable[dom_id]), default=0)
        could = check_each and raises(replace(facts, ticked=facts.ticked.union(applicable[dom_id])))
        gaps.append(Gap("domain", dom.id, f"{dom.name}: the referrer does not know about this area",
                        highest or None, could, dom.id))
    return tuple(gaps)
