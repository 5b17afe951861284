"""An assessment in progress: the answers a referrer is building, and what the wizard shows of them.

The GUI keeps one of these and renders it; everything it shows (which areas and indicators apply
to the child's age, search results, the review, the live recommendation) is computed here.
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answers
from .evaluate import Recommendation, evaluate
from .interview import NOT_WORRIED
from .model import DONT_KNOW, Domain, Indicator, RuleSet

ANSWER_WORDS = {"yes": "Applies", "no": "Does not apply", DONT_KNOW: "Don't know"}


def _word_stem(word: str) -> str:
    """The start of a longer word that its other forms share: drop up to three letters of ending,
    keeping at least five, so short words are matched exactly."""
    return word if len(word) < 6 else word[:max(5, len(word) - 3)]


@dataclass(frozen=True)
class SearchHit:
    domain: Domain
    indicator: Indicator


@dataclass(frozen=True)
class ReviewItem:
    text: str
    answer: str
    level: int | None = None
    key: str = ""  # where to go to change it (a domain id), for the "not looked at" list


@dataclass(frozen=True)
class ReviewSection:
    """One block of the review page: a heading, what was answered, and where to go to change it."""

    key: str  # "screening" or a domain id
    title: str
    items: tuple[ReviewItem, ...]
    note: str = ""


class Assessment:
    """Mutable answers plus a cached recommendation, re-evaluated only after a change."""

    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.screening: dict[str, str] = {}
        self.indicators: dict[str, str] = {}
        self.domains: dict[str, str] = {}
        self.strengths: list[str] = []
        #: The areas chosen at "what are you worried about?"; None until that step is answered.
        self.worries: list[str] | None = None
        self.visited: set[str] = set()
        #: In a household, the highest level decided for the other children (rules may speak to it).
        self.sibling_level = 0
        self._recommendation: Recommendation | None = None

    # -- changes -----------------------------------------------------------------------------
    def _changed(self) -> None:
        self._recommendation = None

    def set_screening(self, question_id: str, option_id: str | None) -> None:
        if option_id is None:
            self.screening.pop(question_id, None)
        else:
            self.screening[question_id] = option_id
        self._changed()

    def set_indicator(self, indicator_id: str, answer: str | None) -> None:
        if answer is None:
            self.indicators.pop(indicator_id, None)
        else:
            self.indicators[indicator_id] = answer
            domain = self.ruleset.indicators[indicator_id].domain
            self.visited.add(domain)  # answering is looking
            if self.domains.get(domain) == "no_concerns":
                del self.domains[domain]  # the answer speaks for the area now
        self._changed()

    def set_domain(self, domain_id: str, answer: str | None) -> None:
        if answer is None:
            self.domains.pop(domain_id, None)
        else:
            self.domains[domain_id] = answer
        self._changed()

    def set_strength(self, strength_id: str, present: bool) -> None:
        if present and strength_id not in self.strengths:
            self.strengths.append(strength_id)
        elif not present and strength_id in self.strengths:
            self.strengths.remove(strength_id)
        self._changed()

    def set_sibling_level(self, level: int) -> None:
        if level != self.sibling_level:
            self.sibling_level = level
            self._changed()

    def set_worries(self, domain_ids: list[str] | None) -> None:
        self.worries = None if domain_ids is None else [d.id for d in self.ruleset.domains if d.id in domain_ids]
        self._changed()

    def add_worry(self, domain_id: str) -> None:
        """An area the referrer went to (from the list or a search) is one they are worried about."""
        if self.worries is not None and domain_id not in self.worries:
            self.set_worries([*self.worries, domain_id])

    def mark_visited(self, domain_id: str) -> None:
        """Record that an area was shown. Being shown is not an answer: going back through an area,
        or jumping to it, says nothing about the child."""
        self.visited.add(domain_id)

    def pass_area(self, domain_id: str) -> None:
        """The referrer read an area and moved on (Next) without answering anything in it: no
        concerns in that area are known to them, and it counts as considered."""
        self.visited.add(domain_id)
        if domain_id not in self.domains and not self.answered_in(domain_id):
            self.domains[domain_id] = "no_concerns"
            self._changed()

    def answered_in(self, domain_id: str) -> list[str]:
        """The indicators answered in an area, in any way."""
        return [i for i in self.indicators if self.ruleset.indicators[i].domain == domain_id]

    def considered(self, domain_id: str) -> bool:
        """Whether the answers say something about an area: a statement answered, "don't know", or
        moved on from with nothing to add."""
        return domain_id in self.domains or bool(self.answered_in(domain_id))

    def load(self, answers: Answers) -> None:
        self.screening = dict(answers.screening)
        self.indicators = dict(answers.indicators)
        self.domains = dict(answers.domains)
        self.strengths = list(answers.strengths)
        self.worries = None if answers.worries is None else list(answers.worries)
        self.visited = set(self.domains) | {self.ruleset.indicators[i].domain for i in self.indicators}
        self._changed()

    # -- what the wizard shows ------------------------------------------------------------------
    def answers(self) -> Answers:
        data: dict[str, object] = {"screening": self.screening, "indicators": self.indicators,
                                   "domains": self.domains, "strengths": self.strengths}
        if self.worries is not None:
            data["worries"] = self.worries
        return Answers.from_dict(data)

    def recommendation(self) -> Recommendation:
        if self._recommendation is None:
            self._recommendation = evaluate(self.ruleset, self.answers(), sibling_level=self.sibling_level)
        return self._recommendation

    @property
    def is_empty(self) -> bool:
        return not (self.screening or self.indicators or self.strengths or
                    any(v == DONT_KNOW for v in self.domains.values()))

    @property
    def age_band(self) -> str | None:
        question = self.ruleset.question_with_role("age_band")
        return self.screening.get(question.id) if question else None

    @property
    def in_immediate_danger(self) -> bool:
        """Whether the answers lead to the emergency route: the rule set says which answer means
        danger (its option id may be anything), not a literal "yes"."""
        return self.recommendation().emergency

    def visible_indicators(self, domain: Domain) -> list[Indicator]:
        """Indicators for the child's age, plus any already answered (never hide an answer)."""
        return [i for i in domain.indicators if i.applies_to_age(self.age_band) or i.id in self.indicators]

    def visible_domains(self) -> list[Domain]:
        return [d for d in self.ruleset.domains if self.visible_indicators(d)]

    def search(self, query: str, limit: int = 60) -> list[SearchHit]:
        """Indicators whose text, help or examples contain every word of ``query``, in any of its
        forms ("absence" finds "absent", "bruises" finds "bruising")."""
        words = [_word_stem(w) for w in query.lower().split() if w]
        if not words:
            return []
        hits = []
        for domain in self.visible_domains():
            for ind in self.visible_indicators(domain):
                haystack = " ".join([ind.text, ind.help, domain.name, *ind.examples.values()]).lower()
                if all(w in haystack for w in words):
                    hits.append(SearchHit(domain, ind))
                    if len(hits) >= limit:
                        return hits
        return hits

    def review(self) -> list[ReviewSection]:
        """Everything answered, grouped as the referrer met it, with areas not looked at noted."""
        rec = self.recommendation()
        sections = [ReviewSection("screening", "About the child",
                                  tuple(ReviewItem(s.question, s.answer) for s in rec.screening))]
        visible = self.visible_domains()
        not_worried = {d.id for d in rec.domains_not_worried}
        not_looked_at = []
        for domain in self.ruleset.domains:
            items = [ReviewItem(i.text, ANSWER_WORDS[self.indicators[i.id]], i.level)
                     for i in domain.indicators if self.indicators.get(i.id) in ("yes", DONT_KNOW)]
            state = self.domains.get(domain.id)
            answered = self.answered_in(domain.id)
            if items or state == DONT_KNOW:
                note = "You said you don't know about this area." if state == DONT_KNOW else ""
                sections.append(ReviewSection(domain.id, domain.name, tuple(items), note))
            elif state == "no_concerns":
                sections.append(ReviewSection(domain.id, domain.name, (),
                                              "Looked at, nothing answered: no concerns known to you here."))
            elif answered:
                total = len(self.visible_indicators(domain))
                sections.append(ReviewSection(domain.id, domain.name, (),
                                              f"{len(answered)} of {total} statements answered; "
                                              "none of those applies."))
            elif domain.id in not_worried:
                continue  # listed together below
            elif domain in visible and self.worries is not None and domain.id in self.worries:
                not_looked_at.append(ReviewItem(
                    f"{domain.name} (not asked: nothing in it could change the outcome; you can still answer it)",
                    "Not asked", key=domain.id))
            elif domain in visible:
                not_looked_at.append(ReviewItem(domain.name, "Not looked at yet", key=domain.id))
        if rec.domains_not_worried:
            sections.append(ReviewSection("worries", NOT_WORRIED, (), ", ".join(
                d.name for d in rec.domains_not_worried if d in visible) + "."))
        if not_looked_at:
            sections.append(ReviewSection("not_looked_at", "Areas not looked at yet", tuple(not_looked_at),
                                          "The record will list these as not considered."))
        return sections
