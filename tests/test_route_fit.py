"""Which routes fit a level: read from the rule set's levels, routes and rules, never hard-coded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.fit import fit_warning, level_details, route_details, route_fits_level, routes_for_level
from thresholds_app.core.loader import load_ruleset

from .conftest import COMPACT, MODEL


def ids(routes) -> list[str]:
    return [r.id for r in routes]


def test_model_levels_and_their_routes(model) -> None:
    level_1 = ids(routes_for_level(model, 1))
    assert "universal" in level_1
    assert not {"mash_referral", "mash_urgent", "emergency", "early_help_assessment"} & set(level_1)
    level_3 = ids(routes_for_level(model, 3))
    assert {"early_help_assessment", "mash_consultation"} <= set(level_3)
    assert "universal" not in level_3 and "mash_referral" not in level_3
    level_4 = ids(routes_for_level(model, 4))
    assert {"mash_referral", "mash_urgent", "emergency", "contact_allocated_social_worker"} <= set(level_4)
    assert not {"universal", "single_agency_early_help", "early_help_assessment", "mash_consultation"} & set(level_4)
    # An open case goes to its allocated worker at any level (a redirect without a minimum level).
    assert all(route_fits_level(model, lv.number, "contact_allocated_social_worker") for lv in model.levels)
    assert not route_fits_level(model, 4, "universal") and route_fits_level(model, 3, "mash_consultation")
    assert level_4 == [r for r in model.routes if r in level_4]  # the rule set's own order


def test_five_level_scheme_is_read_from_its_own_rules(compact, compact_text, write_ruleset) -> None:
    assert ids(routes_for_level(compact, 5)) == ["cp_referral", "call_999"]
    assert ids(routes_for_level(compact, 4)) == ["cin_referral"]
    assert ids(routes_for_level(compact, 1)) == ["own_service"]
    # Give a rule a route from level 3 up: the answer follows the rule set, not any fixed numbers.
    changed = load_ruleset(write_ruleset(compact_text.replace(
        "minimum_level: 4\n      because: Targeted needs in both areas.",
        "minimum_level: 3\n      route: cp_referral\n      because: Targeted needs in both areas.")))
    assert ids(routes_for_level(changed, 3)) == ["family_support", "cp_referral"]
    assert ids(routes_for_level(changed, 4)) == ["cin_referral", "cp_referral"]
    assert ids(routes_for_level(changed, 2)) == ["own_service_plus"]


_RULESETS = {"model": load_ruleset(MODEL), "compact": load_ruleset(COMPACT)}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_RULESETS)), st.data())
def test_every_recommendation_fits_its_own_level(name, data) -> None:
    """The check never warns about a pair the engine itself recommends."""
    rs = _RULESETS[name]
    screening = {q.id: data.draw(st.sampled_from([o.id for o in q.options])) for q in rs.screening}
    ticked = data.draw(st.lists(st.sampled_from(sorted(rs.indicators)), max_size=8, unique=True))
    rec = evaluate(rs, Answers.from_dict({"screening": screening, "indicators": dict.fromkeys(ticked, "yes")}))
    assert route_fits_level(rs, rec.level.number, rec.route.id), (rec.level.number, rec.route.id)
    if rec.redirected_from is not None:
        assert route_fits_level(rs, rec.level.number, rec.redirected_from.id)


def test_details_have_the_recommendations_shape(model) -> None:
    answers = Answers.from_dict({"screening": {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no",
                                               "open_case": "none"},
                                 "indicators": {"es_unexplained_injury": "yes"}})
    rec = evaluate(model, answers)
    shown = rec.to_dict()
    assert route_details(rec.route) == shown["route"]
    assert level_details(model, rec.level) == shown["level"]


def test_warning_is_plain_words() -> None:
    text = fit_warning(4, "Acute or specialist", "Universal services", ["Referral to the MASH", "Emergency"])
    assert text.startswith("Warning: the route chosen, Universal services, is not one this rule set uses at "
                           "level 4 (Acute or specialist).")
    assert "At level 4 it uses: Referral to the MASH; Emergency." in text
