"""The small declarative condition language used by rules, compiled to closures.

A condition is a mapping with exactly one key: ``indicator``, ``all``, ``any``, ``not``,
``at_least`` (n of a list), ``count_indicators``, ``count_domains``, ``age_band``, ``answer``,
``decided_level`` (the level the other rules decided; only for rules that redirect, advise or add side
routes), ``sibling_level`` (the highest level decided for another child of the household, under the same
restriction) or ``ref`` (a named condition). Nothing in a rule file is ever executed as code: each key maps to a
fixed Python function here. Counting filters are resolved to frozen sets of indicator ids when the
rule set loads, so evaluation is a handful of set operations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import cast


@dataclass(frozen=True, slots=True)
class Facts:
    """What evaluation needs to know about one set of answers."""

    ticked: frozenset[str]
    screening: Mapping[str, str]
    age_band: str | None
    #: The level decided by the rules that set levels (0 while they are being evaluated).
    level: int = 0
    #: The highest level decided for the other children of a household (0: none, or one child).
    sibling_level: int = 0
    #: What each named condition came to for these facts, so a condition referred to many times (or
    #: through many paths) is worked out once: evaluation stays linear in the size of the rule set.
    memo: dict[tuple[str, str], object] = field(default_factory=dict, init=False, compare=False, repr=False)


Test = Callable[[Facts], bool]


@dataclass(frozen=True, slots=True)
class Condition:
    """A compiled condition: ``test`` decides, ``evidence`` names the ticked indicators it used."""

    test: Test
    evidence: Callable[[Facts], frozenset[str]]
    source: object = field(compare=False, repr=False, default=None)
    #: True when ticking more indicators can never make the condition false (no ``not`` over indicators).
    monotone: bool = True
    #: True when the condition looks at indicators at all (not only at screening answers).
    uses_indicators: bool = False
    #: True when the condition looks at the decided level, so it is tested after the level is known.
    uses_level: bool = False


def remembered(name: str, condition: Condition) -> Condition:
    """A named condition that works itself out once per set of facts, however often it is referred to."""
    test_key, evidence_key = ("test", name), ("evidence", name)
    inner_test, inner_evidence = condition.test, condition.evidence

    def test(f: Facts) -> bool:
        found = f.memo.get(test_key)
        if found is None:
            found = f.memo[test_key] = inner_test(f)
        return cast(bool, found)

    def evidence(f: Facts) -> frozenset[str]:
        found = f.memo.get(evidence_key)
        if found is None:
            found = f.memo[evidence_key] = inner_evidence(f)
        return cast(frozenset[str], found)

    return Condition(test, evidence, condition.source, condition.monotone, condition.uses_indicators,
                     condition.uses_level)


def _no_evidence(_: Facts) -> frozenset[str]:
    return frozenset()


@dataclass
class IndicatorIndex:
    """What the compiler needs to know about indicators to resolve counting filters."""

    level: Mapping[str, int]
    domain: Mapping[str, str]
    group_of_domain: Mapping[str, str]
    tags: Mapping[str, frozenset[str]]

    def select(self, spec: Mapping[str, object]) -> frozenset[str]:
        chosen = []
        level = spec.get("level")
        min_level = spec.get("min_level")
        domains = spec.get("domains")
        groups = spec.get("groups")
        tags = spec.get("tags")
        for ind, lvl in self.level.items():
            if level is not None and lvl != level:
                continue
            if isinstance(min_level, int) and lvl < min_level:
                continue
            if isinstance(domains, list) and self.domain[ind] not in domains:
                continue
            if isinstance(groups, list) and self.group_of_domain[self.domain[ind]] not in groups:
                continue
            if isinstance(tags, list) and not (self.tags[ind] & set(tags)):
                continue
            chosen.append(ind)
        return frozenset(chosen)


def compile_condition(spec: Mapping[str, object], index: IndicatorIndex,
                      named: Mapping[str, Condition]) -> Condition:
    """Compile a checked condition mapping. References must already be valid and acyclic."""
    ((key, value),) = spec.items()
    if key == "indicator":
        ind = str(value)
        one = frozenset([ind])
        return Condition(lambda f: ind in f.ticked, lambda f: one & f.ticked, spec, uses_indicators=True)
    if key in ("all", "any", "not"):
        children = value if isinstance(value, list) else [value]
        parts = [compile_condition(cast(Mapping[str, object], c), index, named) for c in children]
        tests = [p.test for p in parts]
        if key == "all":
            def test(f: Facts) -> bool:
                return all(t(f) for t in tests)
        elif key == "any":
            def test(f: Facts) -> bool:
                return any(t(f) for t in tests)
        else:
            inner = tests[0]

            def test(f: Facts) -> bool:
                return not inner(f)

            return Condition(test, _no_evidence, spec, monotone=not parts[0].uses_indicators,
                             uses_indicators=parts[0].uses_indicators, uses_level=parts[0].uses_level)
        return Condition(test, _union_of_true(parts), spec, all(p.monotone for p in parts),
                         any(p.uses_indicators for p in parts), any(p.uses_level for p in parts))
    if key == "at_least":
        assert isinstance(value, Mapping)
        n = int(value["n"])
        parts = [compile_condition(c, index, named) for c in value["of"]]
        tests = [p.test for p in parts]

        def at_least(f: Facts) -> bool:
            hits = 0
            for t in tests:
                if t(f):
                    hits += 1
                    if hits >= n:
                        return True
            return False

        return Condition(at_least, _union_of_true(parts), spec, all(p.monotone for p in parts),
                         any(p.uses_indicators for p in parts), any(p.uses_level for p in parts))
    if key == "count_indicators":
        assert isinstance(value, Mapping)
        pool = index.select(value)
        need = int(value["at_least"])
        return Condition(lambda f: len(pool & f.ticked) >= need, lambda f: pool & f.ticked, spec,
                         uses_indicators=True)
    if key == "count_domains":
        assert isinstance(value, Mapping)
        pool = index.select(value)
        domain_of = {ind: index.domain[ind] for ind in pool}
        need = int(value["at_least"])

        def count_domains(f: Facts) -> bool:
            hits = pool & f.ticked
            return len(hits) >= need and len({domain_of[i] for i in hits}) >= need

        return Condition(count_domains, lambda f: pool & f.ticked, spec, uses_indicators=True)
    if key == "age_band":
        bands = frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()
        return Condition(lambda f: f.age_band in bands, _no_evidence, spec)
    if key == "answer":
        assert isinstance(value, Mapping)
        question = str(value["question"])
        accepted = frozenset(str(v) for v in value["in"])
        return Condition(lambda f: f.screening.get(question) in accepted, _no_evidence, spec)
    if key == "decided_level":
        assert isinstance(value, Mapping)
        floor = int(value["at_least"])
        return Condition(lambda f: f.level >= floor, _no_evidence, spec, uses_level=True)
    if key == "sibling_level":
        assert isinstance(value, Mapping)
        floor = int(value["at_least"])
        return Condition(lambda f: f.sibling_level >= floor, _no_evidence, spec, uses_level=True)
    if key == "ref":
        return named[str(value)]
    raise ValueError(f"unknown condition {key!r}")  # the schema rules this out


def _union_of_true(parts: list[Condition]) -> Callable[[Facts], frozenset[str]]:
    def evidence(f: Facts) -> frozenset[str]:
        found: frozenset[str] = frozenset()
        for p in parts:
            if p.test(f):
                found |= p.evidence(f)
        return found

    return evidence


def references(spec: object) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """Every id a condition refers to, as (kind, id, path inside the condition)."""
    found: list[tuple[str, str, tuple[str | int, ...]]] = []

    def walk(node: object, path: tuple[str | int, ...]) -> None:
        if not isinstance(node, Mapping) or len(node) != 1:
            return
        ((key, value),) = node.items()
        here = (*path, key)
        if key == "indicator":
            found.append(("indicator", str(value), here))
        elif key == "ref":
            found.append(("condition", str(value), here))
        elif key in ("all", "any") and isinstance(value, list):
            for i, child in enumerate(value):
                walk(child, (*here, i))
        elif key == "not":
            walk(value, here)
        elif key == "at_least" and isinstance(value, Mapping):
            for i, child in enumerate(value.get("of", [])):
                walk(child, (*here, "of", i))
        elif key in ("count_indicators", "count_domains") and isinstance(value, Mapping):
            for field_name, kind in (("domains", "domain"), ("groups", "group"), ("tags", "tag")):
                for i, item in enumerate(value.get(field_name) or []):
                    found.append((kind, str(item), (*here, field_name, i)))
            for field_name in ("level", "min_level"):
                if field_name in value:
                    found.append(("level", str(value[field_name]), (*here, field_name)))
        elif key in ("decided_level", "sibling_level") and isinstance(value, Mapping) and "at_least" in value:
            found.append(("level", str(value["at_least"]), (*here, "at_least")))
        elif key == "age_band" and isinstance(value, list):
            for i, item in enumerate(value):
                found.append(("age_band", str(item), (*here, i)))
        elif key == "answer" and isinstance(value, Mapping):
            found.append(("question", str(value.get("question")), (*here, "question")))
            for i, item in enumerate(value.get("in") or []):
                found.append((f"option:{value.get('question')}", str(item), (*here, "in", i)))

    walk(spec, ())
    return found

