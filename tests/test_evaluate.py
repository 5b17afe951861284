"""Evaluation: the recommendation, its reasons, gaps, and the properties the issue demands."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.model import RuleSet

from .conftest import MODEL

_MODEL = load_ruleset(MODEL)
_IDS = sorted(_MODEL.indicators)
_STRENGTHS = sorted(_MODEL.strengths)

screening_st = st.fixed_dictionaries({
    "immediate_danger": st.sampled_from(["no", "dont_know"]),
    "age_band": st.sampled_from([o.id for o in _MODEL.question("age_band").options]),  # type: ignore[union-attr]
    "disability": st.sampled_from(["yes", "no", "dont_know"]),
    "open_case": st.sampled_from(["none", "early_help", "social_care", "dont_know"]),
})
indicators_st = st.dictionaries(st.sampled_from(_IDS), st.sampled_from(["yes", "no", "dont_know"]), max_size=25)
relaxed = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def answers(screening=None, indicators=None, domains=None, strengths=()) -> Answers:
    return Answers.from_dict({"screening": screening or {}, "indicators": indicators or {},
                              "domains": domains or {}, "strengths": list(strengths)})


SAFE = {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "none"}


def outcome(ruleset: RuleSet, a: Answers) -> tuple[int, str]:
    rec = evaluate(ruleset, a)
    return rec.level.number, (rec.redirected_from or rec.route).id


@relaxed
@given(screening_st, indicators_st)
def test_dont_know_never_changes_level_or_route(screening, indicators) -> None:
    without = {k: v for k, v in indicators.items() if v != "dont_know"}
    assert outcome(_MODEL, answers(screening, indicators)) == outcome(_MODEL, answers(screening, without))


@relaxed
@given(screening_st, indicators_st, st.lists(st.sampled_from(_STRENGTHS), unique=True, max_size=10))
def test_strengths_never_change_level_or_route(screening, indicators, strengths) -> None:
    base = evaluate(_MODEL, answers(screening, indicators))
    with_strengths = evaluate(_MODEL, answers(screening, indicators, strengths=strengths))
    assert (with_strengths.level, with_strengths.route) == (base.level, base.route)
    assert [s.id for s in with_strengths.strengths] == strengths


@relaxed
@given(screening_st, indicators_st, st.sampled_from(_IDS))
def test_ticking_more_never_lowers_the_level(screening, indicators, extra) -> None:
    before = evaluate(_MODEL, answers(screening, indicators)).level.number
    after = evaluate(_MODEL, answers(screening, {**indicators, extra: "yes"})).level.number
    assert after >= before


@relaxed
@given(screening_st, indicators_st)
def test_any_ticked_level_4_indicator_means_level_4(screening, indicators) -> None:
    rec = evaluate(_MODEL, answers(screening, indicators))
    if any(_MODEL.indicators[i].level == 4 for i, v in indicators.items() if v == "yes"):
        assert rec.level.number == 4
    assert rec.level.number >= max((_MODEL.indicators[i].level for i, v in indicators.items() if v == "yes"),
                                   default=1)


@relaxed
@given(screening_st, indicators_st)
def test_deterministic_and_json_ready(screening, indicators) -> None:
    a = answers(screening, indicators)
    first = json.dumps(evaluate(_MODEL, a).to_dict(), sort_keys=True)
    assert first == json.dumps(evaluate(_MODEL, a).to_dict(), sort_keys=True)


def test_recommendation_names_the_exact_ruleset(model) -> None:
    rec = evaluate(model, answers(SAFE))
    assert (rec.ruleset.id, rec.ruleset.version) == ("model-four-level", "2.1.0")
    assert rec.ruleset.content_hash == model.content_hash
    assert rec.ruleset.content_hash.startswith("sha256:") and len(rec.ruleset.content_hash) == 71


def test_reasons_ordered_by_weight_with_evidence(model) -> None:
    rec = evaluate(model, answers(SAFE, {"es_unexplained_injury": "yes", "fs_few_friends": "yes",
                                        "ed_persistent_absence": "yes"}))
    ids = [r.rule_id for r in rec.reasons]
    # Decisive reasons first, then by the level each rule sets, then in rule-set order.
    assert ids == ["any-level-4-indicator", "significant-harm", "any-level-3-indicator",
                   "additional-needs-accumulate", "any-level-2-indicator"]
    assert [r.decisive for r in rec.reasons] == [True, True, False, False, False]
    harm = rec.reasons[1]
    assert [i.id for i in harm.indicators] == ["es_unexplained_injury"]
    assert harm.text.startswith("What you describe gives reasonable cause to suspect")
    assert [i.id for i in rec.ticked] == ["es_unexplained_injury", "ed_persistent_absence", "fs_few_friends"]


def test_gate_reason_alone(model) -> None:
    rec = evaluate(model, answers({"immediate_danger": "yes"}, {"ed_persistent_absence": "yes"}))
    assert rec.emergency and rec.route.id == "emergency"
    assert [r.rule_id for r in rec.reasons] == ["immediate-danger"]
    assert rec.reasons[0].gate
    assert rec.route.contacts[0].phone == "999"


def test_route_guidance_travels_with_the_outcome(model) -> None:
    rec = evaluate(model, answers(SAFE, {"ed_persistent_absence": "yes"}))
    data = rec.to_dict()
    assert data["route"]["id"] == "early_help_assessment"
    assert "consent" in data["route"]["consent"].lower()
    assert data["route"]["timescale"] and data["route"]["next_steps"]
    assert data["route"]["contacts"][0]["phone"] == "01632 960003"


def test_domains_not_considered(model) -> None:
    rec = evaluate(model, answers(SAFE, {"hl_missed_checks": "no"}, {"education": "no_concerns",
                                                                    "exploitation": "dont_know"}))
    missing = {d.id for d in rec.domains_not_considered}
    assert {"health", "education", "exploitation"}.isdisjoint(missing)
    assert len(missing) == len(model.domains) - 3


def test_gap_reports_whether_it_could_raise(model) -> None:
    rec = evaluate(model, answers(SAFE, {"fs_few_friends": "yes", "es_unexplained_injury": "dont_know",
                                         "ed_occasional_absence": "dont_know"}))
    gaps = {g.id: g for g in rec.gaps}
    assert gaps["es_unexplained_injury"].could_raise and gaps["es_unexplained_injury"].level == 4
    assert not gaps["ed_occasional_absence"].could_raise
    assert rec.provisional


def test_age_mismatch_counts_but_warns(model) -> None:
    rec = evaluate(model, answers({**SAFE, "age_band": "age_12_17"}, {"ub_late_booking": "yes"}))
    assert rec.level.number == 2
    assert len(rec.warnings) == 1 and "age band" in rec.warnings[0]


def test_five_level_scheme(compact) -> None:
    rec = evaluate(compact, answers({"danger": "no", "age": "under_5"}, {"w_delay": "yes"}))
    assert (rec.level.number, rec.level.name, rec.route.id) == (4, "Child in need", "cin_referral")
    assert len(compact.levels) == 5


@relaxed
@given(screening_st, indicators_st, st.dictionaries(st.sampled_from([d.id for d in _MODEL.domains]),
                                                    st.sampled_from(["no_concerns", "dont_know"]), max_size=4))
def test_gap_shortcut_matches_checking_each_gap(screening, indicators, domains) -> None:
    from thresholds_app.core.conditions import Facts
    from thresholds_app.core.evaluate import _decide

    a = answers(screening, indicators, domains)
    rec = evaluate(_MODEL, a)
    age = screening["age_band"]
    ticked = a.ticked()
    base = _decide(_MODEL, Facts(ticked, a.screening, age))
    base_route = base.redirected_from or base.route

    def raises(extra: set[str]) -> bool:
        other = _decide(_MODEL, Facts(ticked | extra, a.screening, age))
        return other.level > base.level or (other.redirected_from or other.route).urgency > base_route.urgency

    for gap in rec.gaps:
        if gap.kind == "indicator":
            assert gap.could_raise == raises({gap.id})
        elif gap.kind == "domain":
            pool = {i.id for i in _MODEL.domain(gap.id).indicators if i.applies_to_age(age)}
            assert gap.could_raise == raises(pool)


def test_monotone_flag(model, write_ruleset, compact_text) -> None:
    assert model.monotone_in_indicators
    text = compact_text.replace("when: {count_domains: {at_least: 2, min_level: 3}}",
                                "when: {not: {indicator: w_delay}}")
    assert not load_ruleset(write_ruleset(text)).monotone_in_indicators


def test_open_to_early_help_with_acute_needs_by_accumulation_goes_to_the_mash(model) -> None:
    """A redirect to the lead professional respects the decided level, not only single indicators."""
    screening = {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "early_help"}
    answers = Answers.from_dict({"screening": screening, "indicators": {
        "ed_persistent_absence": "yes", "ho_homeless_family": "yes", "mh_significant": "yes",
        "hs_support_not_working": "yes"}})
    rec = evaluate(model, answers)
    assert rec.level.number == 4
    assert rec.route.id == "mash_referral" and rec.redirected_from is None
    assert any("lead professional" in a for a in rec.advice)


def test_a_statement_that_applies_in_an_area_marked_no_concerns_is_refused(model, tmp_path) -> None:
    """Answers are data from outside: a contradiction is reported where it is, not silently accepted."""
    import pytest

    from thresholds_app.core.answers import load_answers
    from thresholds_app.core.problems import InputError

    path = tmp_path / "answers.yaml"
    path.write_text("domains: {housing: no_concerns}\nindicators:\n  ho_poor_housing: 'yes'\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_answers(path, model)
    (problem,) = caught.value.problems
    assert problem.location.line == 3 and "'housing' is marked no_concerns" in problem.message
    path.write_text("domains: {housing: no_concerns}\nindicators: {ho_poor_housing: 'no'}\n", encoding="utf-8")
    assert load_answers(path, model).domains == {"housing": "no_concerns"}  # "no" agrees with it
