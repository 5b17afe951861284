"""The training case library and the consistency maths."""

from __future__ import annotations

from collections import Counter

import pytest

from thresholds_app.core.answers import Answers
from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.training import (
    Hands,
    ParticipantAnswers,
    check_case,
    compare,
    count_people,
    fleiss_kappa,
    hands_choices,
    load_training_cases,
    session_results,
    training_files,
)
from thresholds_app.locations import bundled_rulesets

_MODEL_PATH = bundled_rulesets()["model-four-level"]
_CASES = load_training_cases(_MODEL_PATH, load_ruleset(_MODEL_PATH))


@pytest.mark.parametrize("case", _CASES, ids=[c.id for c in _CASES])
def test_every_case_gives_its_expected_outcome(model, case) -> None:
    assert check_case(model, case) == []


def test_the_library_covers_what_roadshows_need(model) -> None:
    assert len(_CASES) >= 24
    assert {c.expected_level for c in _CASES} == {1, 2, 3, 4}
    assert {c.expected_route for c in _CASES} >= {"universal", "single_agency_early_help", "early_help_assessment",
                                                   "mash_consultation", "mash_referral", "mash_urgent", "emergency",
                                                   "contact_allocated_social_worker", "contact_lead_professional"}
    assert {c.role for c in _CASES} == set(model.referrer_roles)
    ids = {c.id for c in _CASES}
    for theme in ("police-welfare-argument", "slow-neglect-nursery", "baby-bruise-health-visitor",
                  "exploitation-lifestyle-choice", "da-pregnancy-high-risk", "disabled-child-bruises",
                  "young-carer-overwhelmed", "consent-refused-early-help", "open-to-social-care"):
        assert theme in ids
    for case in _CASES:
        assert case.common_mistake and case.why and case.what_would_change


def test_a_wrong_expectation_is_caught(model) -> None:
    from dataclasses import replace

    case = next(c for c in _CASES if c.id == "baby-bruise-health-visitor")
    assert check_case(model, replace(case, expected_level=3, expected_route="universal")) == [
        "level: expected 3, got 4", "route: expected 'universal', got 'mash_urgent'"]


def test_compare_a_trainees_answers(model) -> None:
    case = next(c for c in _CASES if c.id == "slow-neglect-escalates")
    trainee = Answers.from_dict({"screening": dict(case.answers.screening),
                                 "indicators": {"bc_inconsistent_care": "yes", "ed_occasional_absence": "yes"}})
    result = compare(model, case, trainee)
    assert (result.trainee_level, result.expected_level, result.same_level) == (2, 4, False)
    assert result.ticked_not_expected == ("bc_inconsistent_care",)
    assert result.expected_not_ticked == ("hl_dental_decay", "bc_chronic_neglect", "hs_not_engaging")


def test_fleiss_kappa_matches_the_published_example() -> None:
    # Fleiss (1971) style worked example used widely (e.g. Wikipedia): 10 subjects, 14 raters, 5 categories.
    table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
             [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    rows = [dict(enumerate(r, 1)) for r in table]
    assert fleiss_kappa(rows) == pytest.approx(0.210, abs=0.001)
    assert fleiss_kappa([{1: 3}, {2: 3}]) == pytest.approx(1.0)
    assert fleiss_kappa([]) is None and fleiss_kappa([{1: 1}]) is None


def test_session_results_per_case_and_overall() -> None:
    cases = [c for c in _CASES if c.id in ("police-welfare-argument", "baby-bruise-health-visitor")]
    choices = [("a", "Police", "police-welfare-argument", 2, "single_agency_early_help"),
               ("b", "Police", "police-welfare-argument", 4, "mash_referral"),
               ("c", "Health", "police-welfare-argument", 2, "single_agency_early_help"),
               ("a", "Police", "baby-bruise-health-visitor", 4, "mash_urgent"),
               ("b", "Police", "baby-bruise-health-visitor", 4, "mash_urgent"),
               ("c", "Health", "baby-bruise-health-visitor", 3, "early_help_assessment")]
    results, agreement = session_results(cases, choices)
    first = next(r for r in results if r.case_id == "police-welfare-argument")
    assert first.levels == Counter({2: 2, 4: 1}) and first.routes["single_agency_early_help"] == 2
    assert first.agreement == pytest.approx(200 / 3) and first.correct == pytest.approx(200 / 3)
    assert dict(first.by_agency) == {"Police": Counter({2: 1, 4: 1}), "Health": Counter({2: 1})}
    # Two cases, three raters: P_i = 1/3 each; categories 2:2/6, 3:1/6, 4:3/6 -> P_e = 14/36
    assert agreement.kappa == pytest.approx((1 / 3 - 14 / 36) / (1 - 14 / 36))
    assert (agreement.cases, agreement.text()) == (2, "-0.09")


def test_training_files_beside_single_file_rulesets(tmp_path) -> None:
    rs = tmp_path / "ours.yaml"
    rs.write_text("x")
    assert training_files(rs) == []
    (tmp_path / "ours.training.yaml").write_text("cases: []")
    assert training_files(rs) == [tmp_path / "ours.training.yaml"]


def test_kappa_needs_at_least_two_cases() -> None:
    # One case says nothing about agreement across cases, however unanimous the room was.
    assert fleiss_kappa([{2: 8}]) is None and fleiss_kappa([{2: 5, 3: 3}]) is None
    case = next(c for c in _CASES if c.id == "police-welfare-argument")
    _, agreement = session_results([case], [(f"p{i}", "Police", case.id, 2, "universal") for i in range(8)])
    assert agreement.kappa is None and agreement.text() == "not enough cases (needs at least 2)"


def test_kappa_over_cases_answered_by_the_same_number_of_people() -> None:
    cases = [c for c in _CASES if c.id in ("police-welfare-argument", "baby-bruise-health-visitor")]
    choices = [(f"p{i}", "", cases[0].id, 2, "universal") for i in range(8)] + [
        (f"p{i}", "", cases[1].id, 4, "universal") for i in range(7)]
    _, agreement = session_results(cases, choices)
    assert agreement.text() == "not enough cases (needs at least 2 answered by the same number of people)"


def test_a_show_of_hands_gives_levels_but_no_routes() -> None:
    case = next(c for c in _CASES if c.id == "police-welfare-argument")
    results, _ = session_results([case], hands_choices([Hands(case.id, 2, 5), Hands(case.id, 3, 3)]))
    assert results[0].levels == Counter({2: 5, 3: 3})
    assert results[0].routes == Counter() and results[0].routes_not_asked == 8
    assert results[0].routes_text({}) == "routes not asked (show of hands): 8"


def test_the_most_common_level_says_which_level_it_is() -> None:
    # 5 of 8 chose Level 3 on a Level 2 case: "62%" alone read as agreement with Level 2.
    case = next(c for c in _CASES if c.id == "police-welfare-argument")
    assert case.expected_level == 2

    def text(*hands: tuple[int, int]) -> str:
        results, _ = session_results([case], hands_choices([Hands(case.id, lv, n) for lv, n in hands]))
        return results[0].most_common_text()

    assert text((2, 3), (3, 5)) == "Level 3 (62%)"
    assert text((2, 8)) == "Level 2 (100%)"
    assert text((2, 2), (3, 2), (4, 1)) == "Levels 2 and 3 (40% each)"
    assert text((1, 1), (4, 1), (3, 1)) == "Levels 1, 3 and 4 (33% each)"
    assert session_results([case], [])[0][0].most_common_text() == "n/a"


def test_people_are_counted_once_however_many_cases_they_answer() -> None:
    hands = [Hands("a", 2, 5), Hands("a", 3, 3), Hands("b", 4, 8)]  # 8 people, 2 cases
    people = count_people([], hands)
    assert people.total == 8
    assert people.text() == "8 people: 8 by show of hands (the most hands raised on any one case)."
    in_room = count_people([], hands, room=9)
    assert in_room.text() == "9 people: 9 by show of hands (the number in the room, as entered)."
    too_few = count_people([], hands, room=6)  # more hands than people entered: the hands win, and it says so
    assert too_few.total == 8 and "more than the 6 entered for the room" in too_few.text()
    files = [ParticipantAnswers(n, "Police", {}, {"a": {"level": 2, "route": "x"}, "b": {"level": 4, "route": "y"}})
             for n in ("Owl", "Fox", "Elm")]
    assert count_people(files, []).text() == "3 people: 3 from answers files."
    assert count_people(files, hands).total == 11
    assert count_people([], []).text() == "No answers yet."


def test_a_household_case_asks_about_one_child_among_brothers_and_sisters(model, tmp_path) -> None:
    from thresholds_app.core.evaluate import evaluate
    from thresholds_app.core.problems import InputError

    case = {c.id: c for c in _CASES}["household-sister-of-injured-baby"]
    assert case.sibling_level == 4  # her brother is being referred
    assert case.answers.indicators == {"bc_inconsistent_care": "yes"}  # the family's and her own, not his
    rec = evaluate(model, case.answers, sibling_level=case.sibling_level)
    assert rec.level.number == 2 and any("ask about each of them" in a for a in rec.advice)
    assert check_case(model, case) == []
    # A household case that does not say which child it asks about is a located error.
    text = (_MODEL_PATH / "training" / "cases.yaml").read_text(encoding="utf-8").replace("    child: Sister (6)\n", "")
    folder = tmp_path / "rs"
    import shutil

    shutil.copytree(_MODEL_PATH, folder)
    (folder / "training" / "cases.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_training_cases(folder, model)
    assert any("'child' must be one of Baby (4 months), Sister (6)" in str(p) and "cases.yaml:" in str(p)
               for p in caught.value.problems)
