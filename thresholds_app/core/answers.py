"""A referrer's answers to a rule set: reading, checking against the rule set, and writing."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from . import schema
from .model import DONT_KNOW, RuleSet
from .problems import InputError, Location, Problem
from .yamlsource import SourceMap, decode_text, load_json_text, load_yaml_text, read_text

_EMPTY: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Answers:
    """What the referrer said. Indicators not listed were not answered."""

    screening: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    indicators: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    domains: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    strengths: tuple[str, ...] = ()
    #: The areas the referrer said they are worried about; None until the worry step is answered.
    worries: tuple[str, ...] | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answers:
        worries = data.get("worries")
        return cls(
            MappingProxyType(dict(data.get("screening") or {})),
            MappingProxyType(dict(data.get("indicators") or {})),
            MappingProxyType(dict(data.get("domains") or {})),
            tuple(data.get("strengths") or ()),
            None if worries is None else tuple(worries),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.screening:
            out["screening"] = dict(self.screening)
        if self.indicators:
            out["indicators"] = dict(self.indicators)
        if self.domains:
            out["domains"] = dict(self.domains)
        if self.strengths:
            out["strengths"] = list(self.strengths)
        if self.worries is not None:
            out["worries"] = list(self.worries)
        return out

    def ticked(self) -> frozenset[str]:
        return frozenset(k for k, v in self.indicators.items() if v == "yes")


def parse_answers(data: Any, smap: SourceMap, ruleset: RuleSet) -> Answers:
    """Check answers against the schema and the rule set; raise with every problem located."""
    if not isinstance(data, dict):
        raise InputError([Problem("answers must be a mapping with 'screening', 'indicators', 'domains' "
                                  "or 'strengths'", smap.default)])
    problems = schema.validate("answers", data, smap)
    if problems:
        raise InputError(problems)
    if "children" in data:
        raise InputError([Problem("these are a household's answers (a 'children' list); here one child's answers "
                                  "are needed", smap.locate(("children",)), ("children",),
                                  "give one child's answers (the family's and theirs together), or use "
                                  "'thresholds-app evaluate', which takes a household")])

    def unknown(path: tuple[str | int, ...], value: str, known: list[str], what: str) -> None:
        close = difflib.get_close_matches(value, known, n=1)
        problems.append(Problem(f"unknown {what} {value!r} for rule set {ruleset.id} {ruleset.version}",
                                smap.locate(path), path, f"did you mean {close[0]!r}?" if close else
                                f"check the id against the rule set ('thresholds-app show-ruleset {ruleset.id}')"))

    for qid, option in (data.get("screening") or {}).items():
        question = ruleset.question(qid)
        if question is None:
            unknown(("screening", qid), qid, [q.id for q in ruleset.screening], "screening question")
        elif option != DONT_KNOW and question.option(option) is None:
            unknown(("screening", qid), option, [o.id for o in question.options], f"answer to {qid!r}:")
    for iid in data.get("indicators") or {}:
        if iid not in ruleset.indicators:
            unknown(("indicators", iid), iid, list(ruleset.indicators), "indicator")
    for did in data.get("domains") or {}:
        if did not in {d.id for d in ruleset.domains}:
            unknown(("domains", did), did, [d.id for d in ruleset.domains], "domain")
    domains = data.get("domains") or {}
    for iid, value in (data.get("indicators") or {}).items():
        ind = ruleset.indicators.get(iid)
        if ind is not None and value == "yes" and domains.get(ind.domain) == "no_concerns":
            problems.append(Problem(
                f"{iid!r} applies, but its area {ind.domain!r} is marked no_concerns", smap.locate(("indicators", iid)),
                ("indicators", iid), f"remove '{ind.domain}: no_concerns' from domains, or answer {iid!r} no"))
    for i, did in enumerate(data.get("worries") or []):
        if did not in {d.id for d in ruleset.domains}:
            unknown(("worries", i), did, [d.id for d in ruleset.domains], "area (domain)")
    for i, sid in enumerate(data.get("strengths") or []):
        if sid not in ruleset.strengths:
            unknown(("strengths", i), sid, list(ruleset.strengths), "strength")
    if problems:
        raise InputError(problems)
    return Answers.from_dict(data)


def answers_document(text: str, name: str) -> tuple[Any, SourceMap]:
    """The data of an answers file (YAML, or JSON when it starts with '{') and where each part came from."""
    loader = load_json_text if text.lstrip().startswith("{") else load_yaml_text
    return loader(text, name)


def load_answers_text(text: str, name: str, ruleset: RuleSet) -> Answers:
    data, smap = answers_document(text, name)
    return parse_answers(data, smap, ruleset)


def read_answers_text(path: Path | str, *, stdin: bytes | None = None) -> tuple[str, str]:
    """The text of an answers file and its name for messages; ``path`` '-' reads ``stdin`` bytes."""
    if str(path) == "-":
        if stdin is None:
            raise InputError([Problem("no answers were given on standard input", Location("<stdin>"))])
        return decode_text(stdin, "<stdin>"), "<stdin>"
    path = Path(path)
    if not path.exists():
        raise InputError([Problem("no such answers file", Location(str(path)))])
    return read_text(path), str(path)


def load_answers(path: Path | str, ruleset: RuleSet, *, stdin: bytes | None = None) -> Answers:
    """Read answers from a YAML or JSON file, or from ``stdin`` bytes when ``path`` is '-'."""
    text, name = read_answers_text(path, stdin=stdin)
    return load_answers_text(text, name, ruleset)
