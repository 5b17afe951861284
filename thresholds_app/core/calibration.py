"""Calibration: published scenarios, blind raters' answers, and how the rule set's decisions score.

A rule set's own test cases pass by construction. A calibration library holds scenarios paraphrased
from published sources, each with the level its source states or implies and the range a reasonable
partnership would accept; raters who see only the questionnaire answer them, and scoring runs their
answers through the engine. Control raters choose a level from the level descriptions alone, so the
tool can be compared with unaided judgement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .answers import Answers, parse_answers
from .evaluate import Recommendation, evaluate
from .model import RuleSet
from .problems import InputError, Location, Problem
from .training import fleiss_kappa
from .yamlsource import SourceMap, load_yaml_text, read_text, sub_map

SCENARIO_FILES = {"development": "development.yaml", "held-out": "held-out.yaml"}
ROLES_HINT = "use one of the rule set's referrer role ids"


@dataclass(frozen=True)
class Scenario:
    id: str
    age: str
    referrer: str
    text: str
    source_url: str
    source_title: str
    source_level: int
    basis: str  # "stated" or "implied"
    acceptable: tuple[int, int]
    significant_harm: bool
    police_welfare: bool
    part: str  # "development" or "held-out"

    def accepts(self, level: int) -> bool:
        return self.acceptable[0] <= level <= self.acceptable[1]


@dataclass(frozen=True)
class RaterSheet:
    """One rater's work: answers through the questionnaire (tool) or a level per scenario (control)."""

    rater: str
    kind: str  # "tool" or "control"
    answers: Mapping[str, Answers] = field(default_factory=dict)
    levels: Mapping[str, int] = field(default_factory=dict)
    notes: str = ""
    file: str = ""


def _need(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], path: tuple[str | int, ...],
          smap: SourceMap, problems: list[Problem], hint: str) -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        problems.append(Problem(f"'{key}' is missing or not {hint}", smap.locate((*path, key) if key in data
                                                                                 else path), (*path, key),
                                f"give '{key}' as {hint}"))
        return None
    return value


def load_scenarios(folder: Path, ruleset: RuleSet) -> list[Scenario]:
    """Every scenario in ``folder`` (development.yaml and held-out.yaml), checked, with located errors."""
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    levels = {lv.number for lv in ruleset.levels}
    seen: dict[str, str] = {}
    for part, name in SCENARIO_FILES.items():
        path = folder / name
        if not path.is_file():
            problems.append(Problem(f"no {name} in the calibration folder", Location(str(path)),
                                    hint=f"create {name} with a 'scenarios:' list"))
            continue
        data, smap = load_yaml_text(read_text(path), str(path))
        items = data.get("scenarios") if isinstance(data, dict) else None
        if not isinstance(items, list):
            problems.append(Problem("expected a 'scenarios:' list", smap.default,
                                    hint="start the file with 'scenarios:'"))
            continue
        for n, item in enumerate(items):
            here: tuple[str | int, ...] = ("scenarios", n)
            if not isinstance(item, dict):
                problems.append(Problem("a scenario must be a mapping", smap.locate(here), here))
                continue
            sid = _need(item, "id", str, here, smap, problems, "a short text id")
            text = _need(item, "scenario", str, here, smap, problems, "the scenario text")
            role = _need(item, "referrer", str, here, smap, problems, "a referrer role id")
            source = _need(item, "source", dict, here, smap, problems, "a mapping with url, title, level, basis")
            acceptable = _need(item, "acceptable", list, here, smap, problems, "a [lowest, highest] pair of levels")
            if role is not None and role not in ruleset.referrer_roles:
                problems.append(Problem(f"unknown referrer role {role!r}", smap.locate((*here, "referrer")),
                                        (*here, "referrer"), ROLES_HINT))
            if sid is not None and sid in seen:
                problems.append(Problem(f"scenario id {sid!r} is used twice (also in {seen[sid]})",
                                        smap.locate((*here, "id")), (*here, "id"), "give each scenario its own id"))
            if sid is not None:
                seen.setdefault(sid, name)
            level = basis = url = None
            if source is not None:
                spath = (*here, "source")
                url = _need(source, "url", str, spath, smap, problems, "the address of the source")
                level = _need(source, "level", int, spath, smap, problems, "the level the source states or implies")
                basis = source.get("basis")
                if basis not in ("stated", "implied"):
                    problems.append(Problem("source basis must be 'stated' or 'implied'",
                                            smap.locate((*spath, "basis")), (*spath, "basis")))
                if level is not None and level not in levels:
                    problems.append(Problem(f"source level {level} is not a level of {ruleset.id}",
                                            smap.locate((*spath, "level")), (*spath, "level")))
            bounds: tuple[int, int] | None = None
            if acceptable is not None:
                if (not acceptable or not all(isinstance(v, int) and v in levels for v in acceptable)
                        or acceptable != sorted(acceptable)):
                    problems.append(Problem("acceptable must be [level] or [lowest, highest], levels of the rule set",
                                            smap.locate((*here, "acceptable")), (*here, "acceptable"),
                                            "for example [2] or [2, 3]"))
                else:
                    bounds = (acceptable[0], acceptable[-1])
            if None in (sid, text, role, url, level, bounds) or basis not in ("stated", "implied"):
                continue
            assert bounds is not None and level is not None and url is not None
            scenarios.append(Scenario(
                sid, str(item.get("age", "")), role, text, url, str(source.get("title", "")), level, basis, bounds,
                item.get("significant_harm") is True, item.get("police_welfare") is True, part))
    if problems:
        raise InputError(problems)
    return scenarios


def load_sheet(path: Path, ruleset: RuleSet) -> RaterSheet:
    """A rater's sheet: ``rater``, ``kind`` (tool or control), then ``answers`` or ``levels``, and ``notes``."""
    data, smap = load_yaml_text(read_text(path), str(path))
    if not isinstance(data, dict) or data.get("kind") not in ("tool", "control"):
        raise InputError([Problem("a rater sheet needs 'kind: tool' or 'kind: control'", smap.default,
                                  ("kind",), "add 'kind: tool' (answers) or 'kind: control' (levels)")])
    rater = str(data.get("rater") or path.stem)
    notes = str(data.get("notes") or "")
    if data["kind"] == "control":
        levels = data.get("levels")
        numbers = {lv.number for lv in ruleset.levels}
        if not isinstance(levels, dict) or not all(isinstance(v, int) and v in numbers for v in levels.values()):
            raise InputError([Problem("a control sheet needs 'levels:', a level number for each scenario id",
                                      smap.locate(("levels",)), ("levels",))])
        return RaterSheet(rater, "control", levels=dict(levels), notes=notes, file=str(path))
    raw = data.get("answers")
    if not isinstance(raw, dict):
        raise InputError([Problem("a tool sheet needs 'answers:', the answers for each scenario id",
                                  smap.locate(("answers",)), ("answers",))])
    answers: dict[str, Answers] = {}
    problems: list[Problem] = []
    for sid, one in raw.items():
        try:
            answers[str(sid)] = parse_answers(one, sub_map(smap, ("answers", sid)), ruleset)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return RaterSheet(rater, "tool", answers=answers, notes=notes, file=str(path))


def load_sheets(folder: Path, ruleset: RuleSet) -> list[RaterSheet]:
    sheets: list[RaterSheet] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            sheets.append(load_sheet(path, ruleset))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    return sheets


@dataclass(frozen=True)
class Rating:
    """One rater's decision on one scenario."""

    rater: str
    scenario: Scenario
    level: int
    route: str = ""  # the route's name (tool raters only)
    referral: bool = False  # reached a referral to the front door (level at or above the referral threshold)
    statements: int = 0  # statements the rater answered

    @property
    def within(self) -> bool:
        return self.scenario.accepts(self.level)

    @property
    def over(self) -> bool:
        return self.level > self.scenario.acceptable[1]

    @property
    def under(self) -> bool:
        return self.level < self.scenario.acceptable[0]


def _referral(ruleset: RuleSet, rec: Recommendation) -> bool:
    """Whether the outcome sends the child to the front door for a referral (not early help)."""
    threshold = ruleset.mash.referral_threshold if ruleset.mash else max(lv.number for lv in ruleset.levels)
    underlying = rec.redirected_from or rec.route
    referral_route = ruleset.routes.get(ruleset.level(threshold).route)
    return rec.level.number >= threshold and (
        rec.emergency or referral_route is None or underlying.urgency >= referral_route.urgency)


def rate(ruleset: RuleSet, scenarios: Sequence[Scenario], sheets: Sequence[RaterSheet]) -> list[Rating]:
    """Every rater's decision on every scenario they answered, tool answers run through the engine."""
    by_id = {s.id: s for s in scenarios}
    out: list[Rating] = []
    for sheet in sheets:
        if sheet.kind == "control":
            out += [Rating(sheet.rater, by_id[sid], level) for sid, level in sheet.levels.items() if sid in by_id]
            continue
        for sid, answers in sheet.answers.items():
            if sid not in by_id:
                continue
            rec = evaluate(ruleset, answers)
            out.append(Rating(sheet.rater, by_id[sid], rec.level.number, rec.route.name, _referral(ruleset, rec),
                              len(answers.indicators) + len(answers.domains)))
    return out


@dataclass(frozen=True)
class Summary:
    ratings: int
    within: int
    over: int
    under: int
    kappa: float | None  # None with fewer than two raters per scenario
    harm_missed: tuple[str, ...]  # "scenario (rater)" for significant-harm scenarios not referred
    police_to_mash: tuple[str, ...]

    @property
    def share(self) -> float:
        return self.within / self.ratings if self.ratings else float("nan")


def summarise(ruleset: RuleSet, ratings: Sequence[Rating], *, tool: bool) -> Summary:
    by_case: dict[str, list[int]] = {}
    for r in ratings:
        by_case.setdefault(r.scenario.id, []).append(r.level)
    raters = Counter(len(v) for v in by_case.values()).most_common(1)
    common = raters[0][0] if raters else 0
    kappa = fleiss_kappa([Counter(v) for v in by_case.values() if len(v) == common])
    harm = tuple(f"{r.scenario.id} ({r.rater})" for r in ratings if r.scenario.significant_harm and (
        not r.referral if tool else r.level < (ruleset.mash.referral_threshold if ruleset.mash else 4)))
    police = tuple(f"{r.scenario.id} ({r.rater})" for r in ratings if r.scenario.police_welfare and (
        r.referral if tool else r.level >= (ruleset.mash.referral_threshold if ruleset.mash else 4)))
    return Summary(len(ratings), sum(r.within for r in ratings), sum(r.over for r in ratings),
                   sum(r.under for r in ratings), kappa, harm, police)


def report(ruleset: RuleSet, scenarios: Sequence[Scenario], sheets: Sequence[RaterSheet], title: str) -> str:
    """The study's result in Markdown: overall, per rater, per scenario, and the raters' notes."""
    ratings = rate(ruleset, scenarios, sheets)
    tool = [r for r in ratings if r.route]
    control = [r for r in ratings if not r.route]
    lines = [f"# {title}", "", f"Rule set {ruleset.id} {ruleset.version} ({ruleset.short_hash}); "
             f"{len({r.scenario.id for r in ratings})} scenarios; "
             f"{len({r.rater for r in tool})} tool raters, {len({r.rater for r in control})} control raters.", "",
             "| Raters | Answers | Within range | Over | Under | Fleiss' kappa | Significant harm not referred "
             "| Police welfare referred |", "|---|---|---|---|---|---|---|---|"]
    for name, group, is_tool in (("Tool", tool, True), ("Control", control, False)):
        if group:
            s = summarise(ruleset, group, tool=is_tool)
            kappa = "-" if s.kappa is None else f"{s.kappa:.2f}"
            lines.append(f"| {name} | {s.ratings} | {s.within} ({s.share:.0%}) | {s.over} | {s.under} | "
                         f"{kappa} | {len(s.harm_missed)} | {len(s.police_to_mash)} |")
    lines += ["", "## Per rater", "", "| Rater | Kind | Answers | Within | Over | Under | Median statements |",
              "|---|---|---|---|---|---|---|"]
    for rater in sorted({r.rater for r in ratings}):
        mine = [r for r in ratings if r.rater == rater]
        counts = sorted(r.statements for r in mine)
        median = counts[len(counts) // 2] if mine[0].route else "-"
        lines.append(f"| {rater} | {'tool' if mine[0].route else 'control'} | {len(mine)} | "
                     f"{sum(r.within for r in mine)} | {sum(r.over for r in mine)} | {sum(r.under for r in mine)} | "
                     f"{median} |")
    lines += ["", "## Per scenario", "",
              "| Scenario | Referrer | Acceptable | Tool levels | Tool routes | Control levels |",
              "|---|---|---|---|---|---|"]
    for scenario in scenarios:
        mine = [r for r in tool if r.scenario.id == scenario.id]
        theirs = [r for r in control if r.scenario.id == scenario.id]
        if not mine and not theirs:
            continue
        flags = (" (significant harm)" if scenario.significant_harm else "") + (
            " (police welfare)" if scenario.police_welfare else "")

        def mark(r: Rating) -> str:
            return f"{r.level}{'+' if r.over else '-' if r.under else ''}"

        lo, hi = scenario.acceptable
        lines.append(f"| {scenario.id}{flags} | {scenario.referrer} | {lo}-{hi} | "
                     f"{' '.join(mark(r) for r in mine)} | {'; '.join(sorted({r.route for r in mine}))} | "
                     f"{' '.join(mark(r) for r in theirs)} |")
    for kind, group, is_tool in (("tool", tool, True), ("control", control, False)):
        found = summarise(ruleset, group, tool=is_tool) if group else None
        if found and found.harm_missed:
            lines += ["", f"Significant harm not referred ({kind}): {', '.join(found.harm_missed)}"]
        if found and found.police_to_mash:
            lines += ["", f"Police welfare referred to the MASH ({kind}): {', '.join(found.police_to_mash)}"]
    notes = [(sheet.rater, sheet.notes.strip()) for sheet in sheets if sheet.notes.strip()]
    if notes:
        lines += ["", "## Raters' notes", ""]
        for rater, text in notes:
            lines += [f"### {rater}", "", text, ""]
    lines.append("")
    return "\n".join(lines)
