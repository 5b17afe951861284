"""The shipped model rule set is complete enough to adopt after local review."""

from __future__ import annotations

TRIANGLE = {
    "child_development": {"health", "education", "emotional_behavioural", "identity",
                          "family_social_relationships", "social_presentation", "self_care"},
    "parenting_capacity": {"basic_care", "ensuring_safety", "emotional_warmth", "stimulation",
                           "guidance_boundaries", "stability"},
    "family_environment": {"family_history", "wider_family", "housing", "employment", "income",
                           "social_integration", "community_resources"},
}

# Each specific risk area named in the domain research, and the indicator(s) that cover it.
RISK_AREAS = {
    "domestic abuse": ["da_high_risk"], "neglect": ["bc_severe_neglect"],
    "sexual and criminal exploitation, county lines, gangs": ["ex_high_risk", "eb_dangerous_behaviour"],
    "FGM, forced marriage, honour-based abuse": ["hp_fgm_known", "hp_forced_marriage"],
    "radicalisation": ["ra_risk_of_violence"],
    "parental and child substance misuse": ["sm_parent_dangerous", "sm_child_regular"],
    "parental mental health and learning disability": ["pm_severe"],
    "pre-birth / unborn": ["ub_at_risk_in_utero"], "missing": ["mi_missing_at_risk"],
    "self-harm and child mental health": ["mh_severe"], "young carers": ["fs_young_carer_harmful"],
    "disabled children": ["di_care_breakdown"], "private fostering": ["fs_private_fostering"],
    "homeless 16-17-year-olds": ["ho_homeless_16_17"], "elective home education": ["ed_home_educated_concerns"],
    "trafficking and unaccompanied children": ["ex_trafficking", "fs_unaccompanied"],
    "fabricated or induced illness": ["hl_fabricated_illness"], "online harm": ["oh_grooming"],
    "harmful sexual behaviour": ["sa_harmful_sexual_behaviour"], "children of prisoners": ["fh_parent_in_prison"],
}


def test_every_triangle_dimension_is_a_domain(model) -> None:
    for group, domains in TRIANGLE.items():
        assert {d.id for d in model.domains if d.group == group} == domains


def test_every_specific_risk_area_is_covered(model) -> None:
    for area, indicator_ids in RISK_AREAS.items():
        for ind in indicator_ids:
            assert ind in model.indicators, area
    assert len([d for d in model.domains if d.group == "specific_risks"]) >= 12


def test_each_domain_has_levels_help_and_examples(model) -> None:
    """One fact in one place: an area need not have a statement at every level, but each area of need
    has at least two, and each side of the triangle has every level from 2 to 4."""
    roles = set(model.referrer_roles)
    for domain in model.domains:
        if domain.group != "help_so_far":
            assert len({i.level for i in domain.indicators}) >= 2, domain.id
    for group in TRIANGLE:
        assert {i.level for i in model.indicators.values() if model.domain(i.domain).group == group} >= {2, 3, 4}
    for domain in model.domains:
        assert domain.level_1 and domain.summary
        for ind in domain.indicators:
            assert len(ind.help) > 20, ind.id
            assert len(ind.examples) >= 2 and set(ind.examples) <= roles, ind.id
    used_roles = {role for i in model.indicators.values() for role in i.examples}
    assert {"police", "education", "health"} <= used_roles


def test_level_1_is_universal_and_the_model_says_it_is_a_model(model) -> None:
    assert model.levels[0].route == "universal"
    assert model.metadata.status == "model"
    assert "adapted locally" in model.metadata.notice
    assert [lv.number for lv in model.levels] == [1, 2, 3, 4]


def test_routes_named_in_the_issue_exist(model) -> None:
    assert {"universal", "single_agency_early_help", "early_help_assessment", "mash_consultation",
            "mash_referral", "mash_urgent", "emergency"} <= set(model.routes)
    assert {"fgm_report", "prevent", "marac", "exploitation_screening", "private_fostering"} <= set(model.side_routes)
    assert model.side_routes["fgm_report"].statutory
    assert {c.id for c in model.contacts.values()} >= {"front_door", "edt", "early_help_hub", "police_emergency"}
    for route in model.routes.values():
        assert route.next_steps and route.consent and route.timescale
