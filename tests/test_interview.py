"""The interview: what to ask next, when the outcome is settled, and that it agrees with a full walk."""

from __future__ import annotations

import io
import json
import statistics
from pathlib import Path

import pytest
import yaml

from thresholds_app.cli import run
from thresholds_app.core.answers import Answers
from thresholds_app.core.calibration import load_sheets
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.interview import answer, next_step, walk_case, would_change
from thresholds_app.core.training import load_training_cases
from thresholds_app.locations import bundled_rulesets

SAFE = {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "none"}
ROOT = Path(__file__).resolve().parent.parent


def after(model, **data) -> Answers:
    return answer(Answers(), data)


def test_immediate_danger_comes_first_and_yes_settles_at_once(model) -> None:
    step = next_step(model, Answers())
    assert step.stage == "danger" and [i.id for i in step.ask] == ["immediate_danger"] and not step.settled
    step = next_step(model, after(model, screening={"immediate_danger": "yes"}))
    assert step.settled and step.recommendation.emergency and step.ask == ()


def test_about_the_child_then_the_worries(model) -> None:
    step = next_step(model, after(model, screening={"immediate_danger": "no"}))
    assert step.stage == "about" and {i.id for i in step.ask} == {"age_band", "disability", "open_case"}
    step = next_step(model, after(model, screening=SAFE))
    assert step.stage == "worries"
    (item,) = step.ask
    areas = {a for _g, _n, group in item.groups for a, _name in group}
    assert {"domestic_abuse", "education", "help_so_far"} <= areas
    baby = next_step(model, after(model, screening={**SAFE, "age_band": "under_1"})).ask[0]
    assert "education" not in {a for _g, _n, group in baby.groups for a, _name in group}  # nothing to ask


def test_no_worries_asks_only_what_the_rule_set_always_asks(model) -> None:
    step = next_step(model, after(model, screening=SAFE, worries=[]))
    assert step.stage == "before_finish"
    assert {i.id for i in step.statements} <= {i.id for i in model.indicators.values() if i.always_ask}
    assert {"es_unexplained_injury", "es_disclosure_of_abuse", "es_risky_person_in_home"} <= {
        i.id for i in step.statements}
    replies = {i.id: "no" for i in step.statements}
    step = next_step(model, answer(after(model, screening=SAFE, worries=[]), {"indicators": replies}))
    assert step.settled and step.recommendation.level.number == 1
    assert {d.id for d in step.recommendation.domains_not_worried} >= {"education", "housing", "income"}


def test_the_worried_area_is_asked_most_serious_first(model) -> None:
    step = next_step(model, after(model, screening=SAFE, worries=["basic_care"]))
    assert step.stage == "area" and step.area == "basic_care"
    levels = [i.level for i in step.statements]
    assert levels == sorted(levels, reverse=True) and levels[0] == 4
    assert [i.kind for i in step.ask][-1] == "area"  # "no concerns here" / "don't know" for the whole area


def test_an_area_stops_and_the_outcome_settles_once_nothing_can_change_it(model) -> None:
    answers = after(model, screening=SAFE, worries=["basic_care", "education", "housing"],
                    indicators={"bc_severe_neglect": "yes"})
    step = next_step(model, answers)
    # Level 4, urgent: no statement in the worried areas can change the level, route or side routes;
    # only a statement that could add a duty alongside (high-risk domestic abuse: MARAC) is left.
    assert step.stage == "before_finish" and [i.id for i in step.statements] == ["da_high_risk"]
    step = next_step(model, answer(answers, {"indicators": {"da_high_risk": "no"}}))
    assert step.settled
    assert step.recommendation.level.number == 4 and step.recommendation.route.id == "mash_urgent"


def test_side_routes_still_to_find_keep_it_open_at_the_top_level(model) -> None:
    answers = after(model, screening=SAFE, worries=["ensuring_safety"], indicators={"es_disclosure_of_abuse": "yes"})
    step = next_step(model, answers)
    assert not step.settled
    assert "es_allegation_against_professional" in {i.id for i in step.statements}  # the LADO duty
    assert "es_home_hazards" not in {i.id for i in step.statements}  # cannot change anything now


def test_whole_area_answers_close_the_area(model) -> None:
    base = after(model, screening=SAFE, worries=["education", "housing"])
    for reply in ("no_concerns", "dont_know"):
        step = next_step(model, answer(base, {"domains": {"education": reply}}))
        assert step.area != "education"
    rec = evaluate(model, answer(base, {"domains": {"education": "dont_know"}}))
    assert "education" in {g.id for g in rec.gaps}


def test_what_would_change_it_starts_with_the_worried_area(model) -> None:
    answers = after(model, screening=SAFE, worries=["basic_care"], indicators={"bc_inconsistent_care": "yes"})
    found = would_change(model, answers)
    assert found and found[0].indicator.id == "bc_chronic_neglect" and found[0].level == 3
    for change in found:  # each says truly what it would give
        rec = evaluate(model, answer(answers, {"indicators": {change.indicator.id: "yes"}}))
        assert (rec.level.number, rec.route.name) == (change.level, change.route) != (2, "Single-agency early help")
    assert found[0].words() == "would give level 3, Early help assessment and Team Around the Family"


def test_walks_agree_with_the_full_evaluation_in_few_statements(model) -> None:
    """Answered from each training case and each final-study rater's answers, the interview settles on
    exactly the level, route and side routes of evaluating all the answers, in a median of at most 15
    statements and never more than 30."""
    path = bundled_rulesets()["model-four-level"]
    cases = [c.answers for c in load_training_cases(path, model)]
    for study in ("final-development", "final-held-out"):
        for sheet in load_sheets(ROOT / "docs" / "calibration" / study, model):
            cases += list(sheet.answers.values())
    walks = [walk_case(model, case) for case in cases]
    assert len(walks) > 200 and all(w.agrees for w in walks)
    asked = [w.statements_asked for w in walks]
    assert statistics.median(asked) <= 15 and max(asked) <= 30


def test_next_command_prints_one_step_as_json(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text(yaml.safe_dump({"screening": SAFE, "worries": ["domestic_abuse"]}), encoding="utf-8")
    out = io.StringIO()
    assert run(["next", "model-four-level", str(answers), "--json"], out, io.StringIO()) == 0
    step = json.loads(out.getvalue())
    assert set(step) >= {"settled", "ask", "recommendation"} and step["settled"] is False and step["ask"]
    for item in step["ask"]:
        assert item["kind"] in {"screening", "worries", "indicator", "area"}
        assert item["id"] and item["text"] and all({"id", "label"} <= set(o) for o in item["options"])
    assert step["ask"][0]["kind"] == "indicator" and step["ask"][0]["id"].startswith("da_")
    assert step["recommendation"]["level"]["number"] == 1


def test_next_command_reports_a_bad_worry_with_its_place(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    answers.write_text("screening: {immediate_danger: 'no'}\nworries: [domestic_abuze]\n", encoding="utf-8")
    err = io.StringIO()
    assert run(["next", "model-four-level", str(answers)], io.StringIO(), err) != 0
    assert "a.yaml:2" in err.getvalue() and "domestic_abuse" in err.getvalue()


@pytest.mark.parametrize("complete", [True, False])
def test_terminal_interview_saves_answers_even_when_stopped(tmp_path: Path, monkeypatch, complete: bool) -> None:
    # No danger; 5 to 11; no disability; not open; worried about self-care only; then Enter (no) for each.
    typed = "2\n4\n2\n1\n7\n" + ("\n" * 40 if complete else "")
    monkeypatch.setattr("sys.stdin", io.StringIO(typed))
    out, saved = io.StringIO(), tmp_path / "answers.yaml"
    code = run(["interview", "model-four-level", "--answers-out", str(saved)], out, io.StringIO())
    data = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert data["worries"] == ["self_care"] and data["screening"]["age_band"] == "age_5_11"
    if complete:
        assert code == 0 and "Level 1 of 4" in out.getvalue() and "What would change this" in out.getvalue()
    else:
        assert code == 1 and "Stopped before the outcome was settled" in out.getvalue()


def test_a_worried_area_skipped_as_unable_to_change_the_outcome_says_so(model) -> None:
    from thresholds_app.core.assessment import Assessment

    a = Assessment(model)
    a.load(answer(Answers(), {"screening": SAFE, "worries": ["basic_care", "missing"],
                              "indicators": {"bc_severe_neglect": "yes"}}))
    items = {i.key: i for s in a.review() for i in s.items if i.key}
    assert items["missing"].answer == "Not asked" and "could change the outcome" in items["missing"].text


def test_the_interview_needs_nothing_model_specific(compact) -> None:
    """The five-level rule set, with other ids, levels and no always-asked statements, walks the same way."""
    from thresholds_app.core.casetests import load_cases

    cases = load_cases(bundled_rulesets()["compact-five-level"], compact)
    walks = [walk_case(compact, Answers.from_dict(case.answers_data)) for case in cases]
    assert walks and all(w.agrees for w in walks)
    settled = next_step(compact, answer(Answers(), {"screening": {"danger": "no", "age": "under_5"}, "worries": []}))
    assert settled.settled and settled.recommendation.level.number == 1
