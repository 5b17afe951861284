"""Immutable objects for a loaded rule set. Built only by the loader, after every check passed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .conditions import Condition

EMPTY: Mapping[str, Any] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Metadata:
    id: str
    name: str
    partnership: str
    version: str
    effective_date: str
    review_date: str
    status: str
    notice: str
    source: str = ""
    description: str = ""
    licence: str = ""


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    name: str
    phone: str = ""
    secure_email: str = ""
    email: str = ""
    hours: str = ""
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Level:
    number: int
    id: str
    name: str
    short: str
    description: str
    colour: str
    route: str

    @property
    def label(self) -> str:
        return f"Level {self.number}: {self.name}"


@dataclass(frozen=True, slots=True)
class Route:
    id: str
    name: str
    summary: str
    next_steps: tuple[str, ...]
    consent: str
    timescale: str
    contacts: tuple[Contact, ...]
    urgency: int
    emergency: bool = False


@dataclass(frozen=True, slots=True)
class SideRoute:
    id: str
    name: str
    summary: str
    next_steps: tuple[str, ...]
    contacts: tuple[Contact, ...]
    timescale: str = ""
    statutory: bool = False


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    help: str = ""


DONT_KNOW = "dont_know"


@dataclass(frozen=True, slots=True)
class ScreeningQuestion:
    id: str
    text: str
    options: tuple[Option, ...]
    role: str = ""
    help: str = ""
    #: "child": asked for each child of a household; "family": once for the household.
    scope: str = "child"

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    level: int
    text: str
    help: str
    domain: str
    examples: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    ages: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    side_routes: tuple[str, ...] = ()
    #: Asked before the outcome even outside the referrer's worries (injuries, disclosures, people around).
    always_ask: bool = False
    #: "family": answered once for a household (its own, or its area's); "child": for each child.
    scope: str = "child"

    def applies_to_age(self, age_band: str | None) -> bool:
        return not self.ages or age_band is None or age_band == DONT_KNOW or age_band in self.ages


@dataclass(frozen=True, slots=True)
class Strength:
    id: str
    text: str
    domain: str


@dataclass(frozen=True, slots=True)
class Domain:
    id: str
    group: str
    name: str
    summary: str
    level_1: str
    indicators: tuple[Indicator, ...]
    strengths: tuple[Strength, ...] = ()
    help: str = ""
    #: "family": the adults, the care the children receive and the home, answered once for a household.
    scope: str = "child"


@dataclass(frozen=True, slots=True)
class DomainGroup:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    when: Condition
    because: str
    minimum_level: int | None = None
    route: str | None = None
    redirect: str | None = None
    side_routes: tuple[str, ...] = ()
    advice: str = ""
    source: str = ""


@dataclass(frozen=True, slots=True)
class MashDecision:
    id: str
    name: str
    level: int
    description: str = ""


@dataclass(frozen=True, slots=True)
class Urgency:
    id: str
    name: str
    timescale: str
    colour: str = ""


@dataclass(frozen=True, slots=True)
class MashScheme:
    """What the front door records when it decides: its decisions, RAG urgency, the referral threshold."""

    referral_threshold: int
    decisions: tuple[MashDecision, ...]
    urgency: tuple[Urgency, ...]

    def decision(self, decision_id: str) -> MashDecision:
        return next(d for d in self.decisions if d.id == decision_id)

    def urgency_of(self, urgency_id: str) -> Urgency:
        return next(u for u in self.urgency if u.id == urgency_id)


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A validated, immutable levels-of-need rule set."""

    metadata: Metadata
    content_hash: str
    source: str
    contacts: Mapping[str, Contact]
    referrer_roles: Mapping[str, str]
    levels: tuple[Level, ...]
    routes: Mapping[str, Route]
    side_routes: Mapping[str, SideRoute]
    screening: tuple[ScreeningQuestion, ...]
    domain_groups: tuple[DomainGroup, ...]
    domains: tuple[Domain, ...]
    indicators: Mapping[str, Indicator]
    strengths: Mapping[str, Strength]
    default_level: int
    gates: tuple[Rule, ...]
    rules: tuple[Rule, ...]
    #: Sort key for indicators in explanations: highest level first, then rule-set order.
    weight_rank: Mapping[str, int] = field(default_factory=lambda: EMPTY)
    domain_names: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    mash: MashScheme | None = None

    @property
    def id(self) -> str:
        return self.metadata.id

    @property
    def monotone_in_indicators(self) -> bool:
        """Ticking more indicators can never lower the level or the underlying route.

        True when no rule that sets a level or route has a ``not`` over indicators, and no gate
        depends on indicators. The engine then checks every "don't know" at once.
        """
        return all(r.when.monotone for r in self.rules if r.minimum_level is not None or r.route) and not any(
            g.when.uses_indicators for g in self.gates)

    @property
    def version(self) -> str:
        return self.metadata.version

    @property
    def short_hash(self) -> str:
        return self.content_hash.split(":", 1)[-1][:12]

    def level(self, number: int) -> Level:
        for level in self.levels:
            if level.number == number:
                return level
        raise KeyError(number)

    def domain(self, domain_id: str) -> Domain:
        for domain in self.domains:
            if domain.id == domain_id:
                return domain
        raise KeyError(domain_id)

    def question_with_role(self, role: str) -> ScreeningQuestion | None:
        return next((q for q in self.screening if q.role == role), None)

    def question(self, question_id: str) -> ScreeningQuestion | None:
        return next((q for q in self.screening if q.id == question_id), None)
