"""The questionnaire: every question a referrer is asked, in the words the app shows, with no rules.

A blank paper version for practitioners and trainers, and the material a blind-rater study gives its
raters (they must see what a referrer sees and nothing of how answers become a level). For a study,
ids can be printed beside each question and statement so that answers can be typed back in.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Domain, Indicator, RuleSet

# The three answers to a statement, in the order the app offers them.
STATEMENT_ANSWERS = (("yes", "Applies"), ("no", "Does not apply"), ("dont_know", "Don't know"))
AREA_DONT_KNOW = "I don't know about this area for this child"
STRENGTHS_TITLE = "What is going well here"
STRENGTHS_HINT = "Optional. Strengths are recorded and shown; they never lower the level."
AREA_INSTRUCTIONS = (
    "For each statement, choose whether it applies to this child. A milder and a stronger statement can "
    "both apply: answer each one that is true. Choose \"Don't know\" if you cannot say; it is listed as "
    "something to find out.")


@dataclass(frozen=True)
class Statement:
    id: str
    text: str
    level: str  # "Level 2: Additional needs"
    help: str
    ages: str  # "" when asked at every age, else "Asked for: 5 to 11 years; 12 to 17 years"
    examples: tuple[tuple[str, str], ...]  # (role name, example)


@dataclass(frozen=True)
class Area:
    number: int
    id: str
    group: str
    name: str
    summary: str
    level_1: str
    help: str
    statements: tuple[Statement, ...]
    strengths: tuple[tuple[str, str], ...]  # (id, text)


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    help: str
    options: tuple[tuple[str, str, str], ...]  # (id, label, help)


@dataclass(frozen=True)
class Questionnaire:
    partnership: str
    title: str
    edition: str
    notice: str
    levels: tuple[tuple[str, str], ...]  # ("Level 1: Universal", description)
    screening: tuple[Question, ...]
    areas: tuple[Area, ...]
    answers: tuple[str, ...] = tuple(label for _id, label in STATEMENT_ANSWERS)

    def statement_count(self) -> int:
        return sum(len(a.statements) for a in self.areas)


def build_questionnaire(ruleset: RuleSet) -> Questionnaire:
    """Everything the app asks, in the app's order and words."""
    age_names = {o.id: o.label for q in ruleset.screening if q.role == "age_band" for o in q.options}
    levels = {lv.number: f"Level {lv.number}: {lv.name}" for lv in ruleset.levels}
    groups = {g.id: g.name for g in ruleset.domain_groups}

    def statement(ind: Indicator) -> Statement:
        ages = "; ".join(age_names.get(a, a) for a in age_names if a in ind.ages)
        return Statement(ind.id, ind.text, levels.get(ind.level, f"Level {ind.level}"), ind.help,
                         f"Asked for: {ages}" if ind.ages else "",
                         tuple((ruleset.referrer_roles.get(r, r), t) for r, t in ind.examples.items()))

    def area(number: int, domain: Domain) -> Area:
        return Area(number, domain.id, groups.get(domain.group, ""), domain.name, domain.summary, domain.level_1,
                    domain.help, tuple(statement(i) for i in domain.indicators),
                    tuple((s.id, s.text) for s in domain.strengths))

    m = ruleset.metadata
    return Questionnaire(
        partnership=m.partnership,
        title=f"{m.partnership}: levels-of-need questionnaire",
        edition=f"{m.name} {m.version}, effective {m.effective_date}",
        notice=m.notice if m.status != "adopted" else "",
        levels=tuple((levels[lv.number], lv.description) for lv in ruleset.levels),
        screening=tuple(Question(q.id, q.text, q.help, tuple((o.id, o.label, o.help) for o in q.options))
                        for q in ruleset.screening),
        areas=tuple(area(n, d) for n, d in enumerate(ruleset.domains, 1)),
    )


def questionnaire_markdown(q: Questionnaire, *, ids: bool = False) -> str:
    """The questionnaire as Markdown: readable as plain text, and convertible by any Markdown tool.
    With ``ids``, each question, option, area, statement and strength carries its id."""

    def ident(value: str) -> str:
        return f"  `{value}`" if ids else ""

    out = [f"# {q.title}", "", f"*{q.edition}*", ""]
    if q.notice:
        out += [q.notice, ""]
    out += ["## The levels", ""]
    out += [f"- **{name}.** {description}" for name, description in q.levels]
    out += ["", "## First questions", ""]
    for n, question in enumerate(q.screening, 1):
        out += [f"### {n}. {question.text}{ident(question.id)}", ""]
        if question.help:
            out += [question.help, ""]
        out += [f"- ( ) {label}{ident(oid)}" + (f": {help_}" if help_ else "")
                for oid, label, help_ in question.options]
        out.append("")
    out += ["## Areas of the child's life", "",
            f"{AREA_INSTRUCTIONS} The answers are: {', '.join(q.answers)}. Leave a statement blank if you did "
            f"not consider it. For a whole area you may answer \"{AREA_DONT_KNOW}\".", ""]
    for area in q.areas:
        out += [f"### Area {area.number} of {len(q.areas)}: {area.name}{ident(area.id)}", "",
                f"*{area.group}.* {area.summary}", "",
                f"When needs here are met by universal services: {area.level_1}", ""]
        if area.help:
            out += [f"**{area.help}**", ""]
        out += [f"- [ ] {AREA_DONT_KNOW}", ""]
        for s in area.statements:
            out.append(f"- **{s.text}**{ident(s.id)}  ")
            out.append(f"  {s.level}." + (f" {s.ages}." if s.ages else ""))
            if s.help:
                out.append(f"  {s.help}")
            out += [f"  - For example ({role}): {text}" for role, text in s.examples]
            out.append(f"  - ( ) {'  ( ) '.join(q.answers)}")
        if area.strengths:
            out += ["", f"**{STRENGTHS_TITLE}.** {STRENGTHS_HINT}", ""]
            out += [f"- [ ] {text}{ident(sid)}" for sid, text in area.strengths]
        out.append("")
    return "\n".join(out)
