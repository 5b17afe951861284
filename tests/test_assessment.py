"""The assessment in progress, without Qt: visibility by age, search, review, and drafts."""

from __future__ import annotations

from thresholds_app.core.assessment import Assessment


def test_age_band_filters_areas_and_keeps_answers(model) -> None:
    a = Assessment(model)
    everything = len(a.visible_domains())
    a.set_screening("age_band", "under_1")
    baby_areas = {d.id for d in a.visible_domains()}
    assert "education" not in baby_areas and "ensuring_safety" in baby_areas and len(baby_areas) < everything
    a.set_screening("age_band", "age_12_17")
    a.set_indicator("ed_persistent_absence", "yes")
    a.set_screening("age_band", "under_1")
    # An answer is never hidden, even when the age band changes afterwards.
    assert [i.id for i in a.visible_indicators(model.domain("education"))] == ["ed_persistent_absence"]


def test_search_finds_indicators_by_any_words(model) -> None:
    a = Assessment(model)
    hits = [h.indicator.id for h in a.search("bruise")]
    assert "es_non_mobile_injury" in hits and "es_unexplained_injury" in hits
    baby_bruises = [h.indicator.id for h in a.search("BRUISE baby")]  # "bruise" also finds "bruising"
    assert baby_bruises[0] == "es_non_mobile_injury" and len(baby_bruises) <= 3
    assert a.search("   ") == [] and a.search("zzzz") == []
    a.set_screening("age_band", "age_12_17")
    assert "es_non_mobile_injury" not in [h.indicator.id for h in a.search("bruise")]


def test_recommendation_is_cached_until_a_change(model) -> None:
    a = Assessment(model)
    first = a.recommendation()
    assert a.recommendation() is first
    a.set_indicator("es_unexplained_injury", "yes")
    assert a.recommendation() is not first and a.recommendation().level.number == 4


def test_review_groups_answers_and_lists_areas_not_looked_at(model) -> None:
    a = Assessment(model)
    a.set_screening("immediate_danger", "no")
    a.set_screening("age_band", "age_5_11")
    a.set_indicator("ed_persistent_absence", "yes")
    a.set_indicator("hl_missed_checks", "dont_know")
    a.set_domain("exploitation", "dont_know")
    a.pass_area("identity")
    a.set_indicator("ho_poor_housing", "no")
    a.mark_visited("stability")  # shown (gone back through), nothing said
    sections = {s.key: s for s in a.review()}
    assert [(i.text, i.answer) for i in sections["screening"].items][:2] == [
        ("Is the child in immediate danger, so that the police need to act now?", "No, the child is safe for now"),
        ("How old is the child?", "5 to 11 years")]
    assert [(i.answer, i.level) for i in sections["education"].items] == [("Applies", 3)]
    assert [i.answer for i in sections["health"].items] == ["Don't know"]
    assert sections["exploitation"].note == "You said you don't know about this area."
    assert sections["identity"].note == "Looked at, nothing answered: no concerns known to you here."
    total = len(a.visible_indicators(model.domain("housing")))
    assert sections["housing"].note == f"1 of {total} statements answered; none of those applies."
    remaining = [i.key for i in sections["not_looked_at"].items]
    assert "stability" in remaining and "identity" not in remaining and "education" not in remaining


def test_moving_on_from_an_area_counts_it_as_considered_but_being_shown_it_does_not(model) -> None:
    a = Assessment(model)
    a.mark_visited("housing")
    assert "housing" in {d.id for d in a.recommendation().domains_not_considered}
    assert a.answers().domains == {} and not a.considered("housing")
    a.pass_area("housing")
    assert "housing" not in {d.id for d in a.recommendation().domains_not_considered}
    assert a.answers().domains == {"housing": "no_concerns"} and a.considered("housing")


def test_an_answer_replaces_no_concerns_in_its_area(model) -> None:
    a = Assessment(model)
    a.pass_area("domestic_abuse")
    a.set_indicator("da_repeated", "yes")
    assert a.answers().domains == {} and a.considered("domestic_abuse")


def test_loading_answers_marks_their_areas_visited(model) -> None:
    a = Assessment(model)
    a.set_indicator("da_repeated", "yes")
    a.set_strength("ed_strength_attends", True)
    a.pass_area("housing")
    b = Assessment(model)
    b.load(a.answers())
    assert b.answers() == a.answers() and b.visited == a.visited == {"domestic_abuse", "housing"}
    assert not b.is_empty and Assessment(model).is_empty
