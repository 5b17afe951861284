"""Threshold roadshows: case exercises, comparing a trainee's answers, and how consistently a room decides.

Cases live beside each rule set (``training/*.yaml`` in a rule-set folder, ``name.training.yaml``
beside a single-file rule set) and are checked against it: ticking a case's indicators must give
its expected outcome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .answers import Answers, parse_answers
from .evaluate import evaluate
from .loader import companion_files, read_companions
from .model import RuleSet
from .problems import InputError, Location, Problem
from .yamlsource import SourceMap, sub_map


@dataclass(frozen=True)
class TrainingCase:
    id: str
    title: str
    role: str
    scenario: str
    working_well: str
    answers: Answers
    expected_level: int
    expected_route: str
    expected_side_routes: tuple[str, ...] | None
    common_mistake: str
    why: str
    what_would_change: str
    location: Location
    #: A household case: the highest level among the brothers and sisters of the child it asks about.
    sibling_level: int = 0


def training_files(ruleset_path: Path) -> list[Path]:
    return companion_files(ruleset_path, "training", "training")


def load_training_cases(ruleset_path: Path, ruleset: RuleSet) -> list[TrainingCase]:
    """Every training case of a rule set, checked against it; raises with every problem located."""
    problems: list[Problem] = []
    cases: list[TrainingCase] = []
    seen: set[str] = set()
    for data, smap in read_companions(training_files(ruleset_path), "training", problems):
        for i, item in enumerate(data["cases"]):
            base = ("cases", i)
            where = smap.locate(base)
            if item["id"] in seen:
                problems.append(Problem(f"duplicate case id {item['id']!r}", where, (*base, "id")))
            seen.add(item["id"])
            try:
                answers, sibling_level = _case_answers(item, sub_map(smap, (*base, "answers")), smap.locate(base),
                                                       ruleset)
            except InputError as exc:
                problems.extend(exc.problems)
                continue
            expect = item["expect"]
            if item["role"] not in ruleset.referrer_roles:
                problems.append(Problem(f"unknown referrer role {item['role']!r}", where, (*base, "role")))
            if expect["level"] not in {lv.number for lv in ruleset.levels}:
                problems.append(Problem(f"expects level {expect['level']}, which the rule set does not declare",
                                        where, (*base, "expect", "level")))
            if expect["route"] not in ruleset.routes:
                problems.append(Problem(f"expects route {expect['route']!r}, which the rule set does not declare",
                                        where, (*base, "expect", "route")))
            notes = item["notes"]
            side = expect.get("side_routes")
            cases.append(TrainingCase(item["id"], item["title"], item["role"], item["scenario"], item["working_well"],
                                      answers, expect["level"], expect["route"],
                                      tuple(side) if side is not None else None, notes["common_mistake"],
                                      notes["why"], notes["what_would_change"], where, sibling_level))
    if problems:
        raise InputError(problems)
    return cases


def _case_answers(item: dict[str, Any], answers_map: SourceMap, where: Location,
                  ruleset: RuleSet) -> tuple[Answers, int]:
    """A case's answers for the child it asks about, and the highest level among that child's brothers and
    sisters (0 for a case about one child alone)."""
    from .household import evaluate_household, is_household, parse_household

    data = item["answers"]
    if not is_household(data):
        if "child" in item:
            raise InputError([Problem("'child' names the child a household case asks about, but these answers "
                                      "have no 'children' list", where, ("child",), "remove 'child', or give the "
                                      "household's children under answers")])
        return parse_answers(data, answers_map, ruleset), 0
    household = parse_household(data, answers_map, ruleset)
    labels = [c.label for c in household.children]
    if item.get("child") not in labels:
        raise InputError([Problem(f"a household case says which child it asks about: 'child' must be one of "
                                  f"{', '.join(labels)}", where, ("child",), "add 'child: <label>' to the case")])
    index = labels.index(item["child"])
    return household.answers_for(index), evaluate_household(ruleset, household).sibling_level(index)


def check_case(ruleset: RuleSet, case: TrainingCase) -> list[str]:
    """How the rule set's outcome for the case's answers differs from what the case expects."""
    rec = evaluate(ruleset, case.answers, sibling_level=case.sibling_level)
    route = rec.route.id
    failures = []
    if rec.level.number != case.expected_level:
        failures.append(f"level: expected {case.expected_level}, got {rec.level.number}")
    if route != case.expected_route:
        failures.append(f"route: expected {case.expected_route!r}, got {route!r}")
    if case.expected_side_routes is not None and sorted(s.id for s in rec.side_routes) != sorted(
            case.expected_side_routes):
        failures.append(f"side routes: expected {sorted(case.expected_side_routes)}, "
                        f"got {sorted(s.id for s in rec.side_routes)}")
    return failures


@dataclass(frozen=True)
class Comparison:
    """A trainee's answers beside the case's."""

    trainee_level: int
    trainee_route: str
    expected_level: int
    expected_route: str
    ticked_not_expected: tuple[str, ...]
    expected_not_ticked: tuple[str, ...]

    @property
    def same_level(self) -> bool:
        return self.trainee_level == self.expected_level


def compare(ruleset: RuleSet, case: TrainingCase, trainee: Answers) -> Comparison:
    mine, theirs = evaluate(ruleset, trainee), evaluate(ruleset, case.answers)
    ticked, expected = trainee.ticked(), case.answers.ticked()
    order = list(ruleset.indicators)
    return Comparison(mine.level.number, mine.route.id, theirs.level.number, theirs.route.id,
                      tuple(sorted(ticked - expected, key=order.index)),
                      tuple(sorted(expected - ticked, key=order.index)))


def fleiss_kappa(counts: Sequence[Mapping[Any, int]]) -> float | None:
    """Fleiss' kappa: rows are cases, each a count of raters per category; every row the same raters.

    None for fewer than two cases: agreement across cases means nothing from one case.
    """
    rows = [dict(r) for r in counts if sum(r.values()) > 0]
    if len(rows) < MIN_KAPPA_CASES:
        return None
    n = sum(rows[0].values())
    if n < 2 or any(sum(r.values()) != n for r in rows):
        return None
    categories = {c for r in rows for c in r}
    total = len(rows) * n
    p_j = {c: sum(r.get(c, 0) for r in rows) / total for c in categories}
    p_i = [(sum(v * v for v in r.values()) - n) / (n * (n - 1)) for r in rows]
    p_bar = sum(p_i) / len(rows)
    p_e = sum(v * v for v in p_j.values())
    if p_e == 1:
        return 1.0 if p_bar == 1 else None
    return float((p_bar - p_e) / (1 - p_e))


MIN_KAPPA_CASES = 2
SHOW_OF_HANDS = "(show of hands)"

Choice = tuple[str, str, str, int, str | None]
"""(participant, agency, case id, level, route): route is None where nobody was asked, as in a show of hands."""


@dataclass(frozen=True)
class Hands:
    """One show of hands: how many people held up a hand for one level on one case. It asks for levels only."""

    case_id: str
    level: int
    count: int


def hands_choices(hands: Sequence[Hands]) -> list[Choice]:
    return [("", SHOW_OF_HANDS, h.case_id, h.level, None) for h in hands for _ in range(h.count)]


@dataclass(frozen=True)
class CaseResult:
    case_id: str
    levels: Counter[int]
    routes: Counter[str]
    routes_not_asked: int
    by_agency: Mapping[str, Counter[int]]
    expected_level: int

    @property
    def agreement(self) -> float | None:
        """The share of the room choosing the most common level, as a percentage."""
        total = sum(self.levels.values())
        return 100.0 * max(self.levels.values()) / total if total else None

    @property
    def most_common_levels(self) -> tuple[int, ...]:
        """The level the most people chose, or every level tied for it, lowest first."""
        top = max(self.levels.values(), default=0)
        return tuple(sorted(lv for lv, n in self.levels.items() if n == top)) if top else ()

    def most_common_text(self) -> str:
        """Which level the room chose most, and its share: "Level 3 (62%)", or "Levels 2 and 3 (40% each)".

        A share alone ("62%") reads as agreement with the expected level even when it is another level's.
        """
        levels, share = self.most_common_levels, self.agreement
        if not levels or share is None:
            return "n/a"
        if len(levels) == 1:
            return f"Level {levels[0]} ({share:.0f}%)"
        names = ", ".join(str(lv) for lv in levels[:-1]) + f" and {levels[-1]}"
        return f"Levels {names} ({share:.0f}% each)"

    @property
    def correct(self) -> float | None:
        total = sum(self.levels.values())
        return 100.0 * self.levels.get(self.expected_level, 0) / total if total else None

    def routes_text(self, names: Mapping[str, str]) -> str:
        """Routes chosen, by name; a show of hands never asked for one, so it is counted apart, not made up."""
        parts = [f"{names.get(route, route)}: {n}" for route, n in self.routes.most_common()]
        if self.routes_not_asked:
            parts.append(f"routes not asked (show of hands): {self.routes_not_asked}")
        return "; ".join(parts)


@dataclass(frozen=True)
class Agreement:
    """Fleiss' kappa over the cases answered by the most people, or why there is none."""

    kappa: float | None
    cases: int  # the cases the kappa is over
    answered: int  # the cases anyone answered

    def text(self) -> str:
        if self.cases < MIN_KAPPA_CASES:
            same = " answered by the same number of people" if self.answered >= MIN_KAPPA_CASES else ""
            return f"not enough cases (needs at least {MIN_KAPPA_CASES}{same})"
        return "not enough people (needs at least 2)" if self.kappa is None else f"{self.kappa:.2f}"


def session_results(cases: Sequence[TrainingCase], choices: Sequence[Choice]) -> tuple[list[CaseResult], Agreement]:
    """Per case, what the room chose, and Fleiss' kappa over the cases answered by the most people.

    ``choices`` come from exported files (:func:`choices_from`) or a show of hands (:func:`hands_choices`).
    """
    results = []
    for case in cases:
        rows = [c for c in choices if c[2] == case.id]
        by_agency: dict[str, Counter[int]] = {}
        for _, agency, _, level, _ in rows:
            by_agency.setdefault(agency, Counter())[level] += 1
        routes = Counter(r[4] for r in rows if r[4] is not None)
        results.append(CaseResult(case.id, Counter(r[3] for r in rows), routes, len(rows) - routes.total(),
                                  by_agency, case.expected_level))
    answered = [r.levels for r in results if r.levels]
    most = max((c.total() for c in answered), default=0)
    same = [c for c in answered if c.total() == most]
    return results, Agreement(fleiss_kappa(same), len(same), len(answered))


@dataclass(frozen=True)
class People:
    """How many people took part: one per answers file, and a show of hands counts each person once, not per case."""

    from_files: int
    most_hands: int  # the most hands raised on any one case
    room: int  # the people in the room, as the facilitator entered it; 0 if not

    @property
    def by_hands(self) -> int:
        return max(self.room, self.most_hands) if self.most_hands else 0

    @property
    def total(self) -> int:
        return self.from_files + self.by_hands

    def text(self) -> str:
        if not self.total:
            return "No answers yet."
        parts = [f"{self.from_files} from answers files"] if self.from_files else []
        if self.by_hands:
            how = ("the number in the room, as entered" if self.room >= self.most_hands else
                   "the most hands raised on any one case" + (
                       f", more than the {self.room} entered for the room" if self.room else ""))
            parts.append(f"{self.by_hands} by show of hands ({how})")
        return f"{self.total} {'person' if self.total == 1 else 'people'}: {' and '.join(parts)}."


def count_people(participants: Sequence[ParticipantAnswers], hands: Sequence[Hands], room: int = 0) -> People:
    per_case: Counter[str] = Counter()
    for h in hands:
        per_case[h.case_id] += h.count
    return People(len({p.nickname for p in participants}), max(per_case.values(), default=0), room)


@dataclass(frozen=True)
class Session:
    """Everything the facilitator's view and the session PDF show, worked out once."""

    results: list[CaseResult]
    agreement: Agreement
    people: People


def summarise_session(cases: Sequence[TrainingCase], participants: Sequence[ParticipantAnswers],
                      hands: Sequence[Hands], room: int = 0) -> Session:
    results, agreement = session_results(cases, [*choices_from(participants), *hands_choices(hands)])
    return Session(results, agreement, count_people(participants, hands, room))


PARTICIPANT_FORMAT = "thresholds-training/1"


@dataclass
class ParticipantAnswers:
    """One participant's answers to training cases: a chosen nickname, their agency, and no personal data."""

    nickname: str
    agency: str
    ruleset: Mapping[str, str]
    cases: dict[str, dict[str, Any]]  # case id -> {"level", "route", "answers"}

    def to_dict(self) -> dict[str, Any]:
        return {"format": PARTICIPANT_FORMAT, "nickname": self.nickname, "agency": self.agency,
                "ruleset": dict(self.ruleset), "cases": self.cases}


#: A participant's answers file holds a few hundred ids; this is far more than any real one.
MAX_ANSWERS_BYTES = 1_000_000


def participant_from_dict(data: Any, name: str) -> ParticipantAnswers:
    """Check a participant's exported file; raise a located error for anything else."""

    def fail(message: str) -> InputError:
        return InputError([Problem(message, Location(name), hint="import the file a participant exported from "
                                   "Thresholds' trainee mode")])

    if not isinstance(data, dict) or data.get("format") != PARTICIPANT_FORMAT:
        raise fail("this is not a Thresholds training answers file")
    nickname, agency, cases = data.get("nickname"), data.get("agency", ""), data.get("cases")
    if not isinstance(nickname, str) or not nickname.strip() or len(nickname) > 40:
        raise fail("the file has no nickname, or one longer than 40 characters")
    if not isinstance(agency, str) or len(agency) > 100 or not isinstance(cases, dict):
        raise fail("the file's agency or cases are not in the expected form")
    for case_id, entry in cases.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("level"), int) or not isinstance(
                entry.get("route"), str):
            raise fail(f"case {case_id!r} has no level or route")
    given = data.get("ruleset")
    ruleset = {str(k): str(v) for k, v in given.items()} if isinstance(given, dict) else {}
    return ParticipantAnswers(nickname.strip(), agency.strip(), ruleset, cases)


def choices_from(participants: Sequence[ParticipantAnswers]) -> list[Choice]:
    return [(p.nickname, p.agency or "(agency not given)", case_id, int(entry["level"]), str(entry["route"]))
            for p in participants for case_id, entry in p.cases.items()]
