"""The rule sets' own declarative test cases run here, one pytest test per case."""

from __future__ import annotations

import pytest

from thresholds_app.core.casetests import case_files, load_cases, run_case
from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.problems import InputError
from thresholds_app.locations import bundled_rulesets


def _all_cases():
    for name, path in bundled_rulesets().items():
        rs = load_ruleset(path)
        for case in load_cases(path, rs):
            yield pytest.param(rs, case, id=f"{name}: {case.name}")


@pytest.mark.parametrize(("ruleset", "case"), list(_all_cases()))
def test_bundled_case(ruleset, case) -> None:
    result = run_case(ruleset, case)
    assert result.passed, "\n".join(result.failures)


def test_model_case_library_covers_the_issue(model) -> None:
    path = bundled_rulesets()["model-four-level"]
    cases = load_cases(path, model)
    assert len(cases) >= 40
    expected = [c.expect for c in cases]
    expected += [child for e in list(expected) for child in (e.get("children") or {}).values()]  # households
    assert {e["level"] for e in expected if "level" in e} == {lv.number for lv in model.levels}
    assert {e["route"] for e in expected if "route" in e} == set(model.routes)
    assert {s for e in expected for s in e.get("side_routes", [])} == set(model.side_routes)
    fired = {r for e in expected for r in e.get("rules_fired", [])}
    for rule in ("immediate-danger", "baby-with-complex-needs", "baby-with-additional-needs",
                 "disabled-child-with-complex-needs", "co-occurring-parental-factors",
                 "additional-needs-accumulate", "complex-needs-in-three-areas", "complex-needs-and-help-not-working",
                 "support-tried-step-up", "complex-needs-help-not-working", "history-repeating",
                 "parenting-concerns-help-not-working", "open-to-early-help-but-acute", "danger-unknown"):
        assert rule in fired
    assert sum(1 for c in cases if "dont_know" in str(c.answers_data)) >= 8


def test_a_wrong_expectation_fails_with_a_clear_message(model) -> None:
    path = bundled_rulesets()["model-four-level"]
    case = next(c for c in load_cases(path, model) if c.name.startswith("Known FGM"))
    broken = type(case)(case.name, case.location, case.answers_data,
                        {"level": 3, "route": "universal", "side_routes": ["prevent"], "provisional": True,
                         "rules_fired": ["danger-unknown"]}, case.answers)
    failures = run_case(model, broken).failures
    assert "level: expected 3, got 4" in failures
    assert "route: expected 'universal', got 'mash_urgent'" in failures
    assert "side_routes: expected ['prevent'], got ['fgm_report']" in failures
    assert "provisional: expected True, got False" in failures
    assert any(f.startswith("rules_fired: expected ['danger-unknown'] to apply") for f in failures)


def test_bad_case_files_are_located(tmp_path, compact_text) -> None:
    rs_path = tmp_path / "rs.yaml"
    rs_path.write_text(compact_text)
    rs = load_ruleset(rs_path)
    tests = tmp_path / "rs.tests.yaml"
    assert case_files(rs_path) == []
    tests.write_text("tests:\n  - name: x\n    answers: {indicators: {w_dely: \"yes\"}}\n"
                     "    expect: {level: 9, route: nowhere}\n")
    assert case_files(rs_path) == [tests]
    with pytest.raises(InputError) as info:
        load_cases(rs_path, rs)
    messages = sorted(p.message for p in info.value.problems)
    assert any("unknown indicator 'w_dely'" in m for m in messages)
    assert all(p.location.file == str(tests) and p.location.line == 3 for p in info.value.problems)
