"""Households: the family's answers once, each child's own, one outcome per child (engine and CLI)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import yaml

from thresholds_app.cli import run
from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.household import Child, Household, evaluate_household, load_answers_or_household
from thresholds_app.core.problems import InputError

EXAMPLE = Path(__file__).resolve().parent.parent / "rules/model-four-level/examples/household-three-children.yaml"
SAFE = {"immediate_danger": "no", "disability": "no", "open_case": "none"}


def child(label: str, age: str, **indicators: str) -> Child:
    return Child(label, Answers.from_dict({"screening": {**SAFE, "age_band": age}, "indicators": indicators}))


def test_family_facts_are_shared_and_child_facts_are_not(model) -> None:
    household = Household(Answers.from_dict({"indicators": {"bc_chronic_neglect": "yes"}}),
                          (child("Older", "age_12_17", eb_violence_at_home="yes"), child("Baby", "under_1")))
    older, baby = evaluate_household(model, household).children
    assert "bc_chronic_neglect" in {i.id for i in older.recommendation.ticked}
    assert "bc_chronic_neglect" in {i.id for i in baby.recommendation.ticked}
    assert "eb_violence_at_home" in {i.id for i in older.recommendation.ticked}
    assert "eb_violence_at_home" not in {i.id for i in baby.recommendation.ticked}
    # Each child's outcome is exactly what the engine gives for the family's answers plus the child's own,
    # with the other child's level known.
    levels = [older.recommendation.level.number, baby.recommendation.level.number]
    for i, outcome in enumerate((older, baby)):
        alone = evaluate(model, household.answers_for(i), sibling_level=levels[1 - i])
        assert (outcome.recommendation.level, outcome.recommendation.route) == (alone.level, alone.route)


def test_one_child_at_level_4_prompts_about_the_others_without_raising_them(model) -> None:
    household = Household(Answers(), (child("Baby", "under_1", es_non_mobile_injury="yes"),
                                      child("Sister", "age_5_11")))
    baby, sister = evaluate_household(model, household).children
    assert baby.recommendation.level.number == 4
    assert sister.recommendation.level.number == 1  # her sibling's injury is not her need...
    assert sister.recommendation.route.id == "sibling_on_referral"  # ...but she is named on his referral
    assert sister.recommendation.redirected_from.id == "universal"
    assert any("ask about each of them" in a for a in sister.recommendation.advice)
    assert not any("ask about each of them" in a for a in baby.recommendation.advice)
    assert "sibling-needs-a-referral" in sister.recommendation.rules_fired


def test_a_household_of_one_is_a_single_child_assessment(model) -> None:
    answers = Answers.from_dict({"screening": {**SAFE, "age_band": "age_5_11"},
                                 "indicators": {"bc_chronic_neglect": "yes", "ed_persistent_absence": "yes"}})
    household = Household(Answers.from_dict({"indicators": {"bc_chronic_neglect": "yes"}}),
                          (child("A", "age_5_11", ed_persistent_absence="yes"),))
    (only,) = evaluate_household(model, household).children
    assert only.recommendation.to_dict() == evaluate(model, answers).to_dict()


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "household.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_answers_in_the_wrong_place_are_located(model, tmp_path: Path) -> None:
    path = write(tmp_path, {
        "indicators": {"es_unexplained_injury": "yes"},  # about one child, given for the family
        "children": [{"label": "A", "screening": {**SAFE, "age_band": "age_5_11"},
                      "indicators": {"da_repeated": "yes"}},  # about the family, given for a child
                     {"label": "a", "screening": {**SAFE, "age_band": "age_1_4"}}]})
    with pytest.raises(InputError) as caught:
        load_answers_or_household(path, model)
    messages = [str(p) for p in caught.value.problems]
    assert any(f"{path}:2:" in m and "'es_unexplained_injury' is about each child" in m
               and "how to fix: answer it under each child in 'children'" in m for m in messages), messages
    assert any(f"{path}:" in m and "'da_repeated' is about the family" in m
               and "how to fix: answer it once, above 'children'" in m for m in messages), messages
    assert any("two children are labelled 'a'" in m for m in messages)


def test_cli_evaluates_a_household_one_outcome_per_child() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["evaluate", "model-four-level", str(EXAMPLE), "--json"], out, err) == 0, err.getvalue()
    result = json.loads(out.getvalue())
    assert [c["child"] for c in result["children"]] == ["Eldest (9)", "Middle (4)", "Baby (5 months)"]
    assert [c["level"]["number"] for c in result["children"]] == [3, 3, 4]
    assert result["children"][2]["route"]["id"] == "mash_urgent"
    out = io.StringIO()
    assert run(["evaluate", "model-four-level", str(EXAMPLE)], out, err) == 0
    text = out.getvalue()
    assert "Household: 3 children, one outcome each" in text
    assert "  - Baby (5 months): Level 4 of 4, Acute or specialist; Urgent MASH referral (section 47)" in text
    assert text.count("=== ") == 3


def test_sibling_level_only_where_levels_are_already_known(write_ruleset, compact_text) -> None:
    from thresholds_app.core.loader import inspect_ruleset

    text = compact_text.replace("{id: l2, when: {count_indicators: {at_least: 1, level: 2}}",
                                "{id: l2, when: {sibling_level: {at_least: 2}}")
    report = inspect_ruleset(write_ruleset(text))
    assert report.ruleset is None
    assert any("uses decided_level or sibling_level" in p.message for p in report.errors)


def test_a_misspelt_id_under_a_child_is_located_under_that_child(model, tmp_path: Path) -> None:
    path = write(tmp_path, {"children": [{"label": "A", "screening": {**SAFE, "age_band": "age_5_11"},
                                          "indicators": {"ed_persistant_absence": "yes"}}]})
    with pytest.raises(InputError) as caught:
        load_answers_or_household(path, model)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{path}:") and "$.children[0].indicators.ed_persistant_absence" in str(problem)
    assert "did you mean 'ed_persistent_absence'?" in str(problem)


def test_commands_for_one_child_refuse_a_household_and_show_ruleset_marks_the_family() -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run(["next", "model-four-level", str(EXAMPLE)], out, err) == 1
    assert f"{EXAMPLE}:" in err.getvalue() and "household's answers" in err.getvalue()
    assert "thresholds-app evaluate" in err.getvalue()
    out = io.StringIO()
    assert run(["show-ruleset", "model-four-level"], out, err) == 0
    text = out.getvalue()
    assert "[basic_care] Basic care  [family]" in text and "[health] Health\n" in text
    assert "es_unexplained_injury (level 4) [child]:" in text
