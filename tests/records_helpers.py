"""Building decision records for tests (fictional people)."""

from __future__ import annotations

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.model import RuleSet
from thresholds_app.records.record import Child, Consent, DecisionRecord, Judgement, Referrer, new_record

NAMES = ["Zoë Łukasiewicz", "Ştefan Ionescu", "Nguyễn Thị Hồng", "Παναγιώτης", "Алексей"]
MARKUP = "<b>bold</b> & <para>para</para> <img src=\"/etc/passwd\"/> <font size=40>big</font> &amp;"


def make_record(ruleset: RuleSet, *, worry: str = "Worried about bruising seen on Monday.", indicators=None,
                judgement: Judgement | None = None, consent: Consent | None = None, child: Child | None = None,
                referrer: Referrer | None = None) -> DecisionRecord:
    answers = Answers.from_dict({
        "screening": {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "none"},
        "indicators": indicators if indicators is not None else {
            "es_unexplained_injury": "yes", "ed_occasional_absence": "yes", "da_repeated": "dont_know"},
        "domains": {"housing": "no_concerns"},
        "strengths": ["ed_strength_attends"],
    })
    return new_record(
        ruleset, evaluate(ruleset, answers), answers, created="2026-11-20T09:30:00Z",
        judgement=judgement or Judgement(agrees=True),
        consent=consent or Consent("not_sought_risk", "Telling the parents could put the child at risk."),
        referrer=referrer or Referrer(NAMES[0], "Designated safeguarding lead", "Example Primary School",
                                      "Pastoral", "01632 960200", "dsl@example.sch.uk"),
        child=child or Child(initials="A.B.", local_reference="UPN-7781", age_band="5 to 11 years"),
        worry=worry, working_well="Attends every day; close to her teacher.")
