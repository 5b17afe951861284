"""Loading rule sets: schema errors and semantic checks, all reported at once and located."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
import yaml

import thresholds_app
from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.loader import inspect_ruleset, load_ruleset, read_ruleset_document
from thresholds_app.core.problems import InputError
from thresholds_app.core.schema import schema_text, validator

from .conftest import COMPACT, MODEL


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(next(line for line in text.splitlines() if needle in line)) + 1


def problems_for(write_ruleset, text: str):
    report = inspect_ruleset(write_ruleset(text))
    return report


def test_every_shipped_schema_is_valid_draft_2020_12() -> None:
    """The app does not meta-check its schemas at run time (it cost every start ~25 ms), so this must."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    shipped = sorted(Path(thresholds_app.__file__).parent.rglob("*.schema.json"))
    assert len(shipped) >= 7, shipped
    for file in shipped:
        schema = json.loads(file.read_text("utf-8"))
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", file
        Draft202012Validator.check_schema(schema)
    with pytest.raises(SchemaError):  # and the check does catch a broken schema
        Draft202012Validator.check_schema({"type": "strnig"})
    assert validator("ruleset").schema["$id"] == json.loads(schema_text("ruleset"))["$id"]


def test_bundled_rulesets_load_without_problems() -> None:
    for path in (MODEL, COMPACT):
        report = inspect_ruleset(path)
        assert report.ruleset is not None
        assert report.problems == ()


def test_unknown_field_suggests_the_right_one(write_ruleset, compact_text) -> None:
    text = compact_text.replace("  review_date: \"2026-12-31\"", "  reveiw_date: \"2026-12-31\"")
    report = problems_for(write_ruleset, text)
    assert report.ruleset is None
    messages = [(p.message, p.hint, p.location.line) for p in report.errors]
    assert ("unknown field 'reveiw_date'", "did you mean 'review_date'?", line_of(text, "reveiw_date")) in messages
    assert any("missing required field 'review_date'" in m for m, _, _ in messages)


def test_every_schema_problem_reported_at_once(write_ruleset, compact_text) -> None:
    text = (compact_text.replace('colour: "#1B5E20"', 'colour: green')
            .replace("id: w_delay, level: 3", "id: w_delay, level: three")
            .replace("    phone: \"020 7946 0001\"", "    phone: 02079460001x"))
    report = problems_for(write_ruleset, text)
    paths = {p.path: p for p in report.errors}
    assert ("levels", 0, "colour") in paths
    assert paths[("domains", 0, "indicators", 1, "level")].message == "expected a whole number but found text ('three')"
    assert paths[("domains", 0, "indicators", 1, "level")].location.line == line_of(text, "level: three")
    assert ("contacts", 2, "phone") in paths
    assert len(report.errors) == 3


def test_unquoted_number_where_text_expected(write_ruleset, compact_text) -> None:
    report = problems_for(write_ruleset, compact_text.replace('version: "0.3.0"', "version: 0.3"))
    (problem,) = report.errors
    assert problem.path == ("metadata", "version")
    assert "quotes" in problem.hint


def test_invalid_date_is_caught(write_ruleset, compact_text) -> None:
    report = problems_for(write_ruleset, compact_text.replace('"2026-12-31"', '"2026-02-30"'))
    assert [p.path for p in report.errors] == [("metadata", "review_date")]
    assert "not a valid date" in report.errors[0].message


def test_condition_with_two_keys(write_ruleset, compact_text) -> None:
    text = compact_text.replace(
        "when: {count_indicators: {at_least: 1, level: 2}}",
        "when: {count_indicators: {at_least: 1, level: 2}, indicator: w_delay}")
    (problem,) = problems_for(write_ruleset, text).errors
    assert "exactly one key" in problem.message
    assert problem.location.line == line_of(text, "indicator: w_delay}")


def test_unknown_condition_keyword(write_ruleset, compact_text) -> None:
    text = compact_text.replace("when: {all: [{age_band:", "when: {alll: [{age_band:")
    (problem,) = problems_for(write_ruleset, text).errors
    assert problem.message == "unknown field 'alll'"
    assert problem.hint == "did you mean 'all'?"


def test_dangling_references_all_reported(write_ruleset, compact_text) -> None:
    text = (compact_text.replace("route: family_support, description", "route: family_suport, description")
            .replace("contacts: [family_support]", "contacts: [family_support, nobody]")
            .replace("count_indicators: {at_least: 1, tags: [harm]}", "count_indicators: {at_least: 1, tags: [harmm]}")
            .replace("side_routes: [fgm_police]", "side_routes: [fgm]")
            .replace("{age_band: [under_5]}", "{age_band: [under_four]}"))
    report = problems_for(write_ruleset, text)
    found = {(p.path[-1] if p.path else None, p.message.split(",")[0]) for p in report.errors}
    assert ("route", "refers to route 'family_suport'") in found
    assert any("contact 'nobody'" in m for _, m in found)
    assert any("indicator tag 'harmm'" in m for _, m in found)
    assert any("side route 'fgm'" in m for _, m in found)
    assert any("age band 'under_four'" in m for _, m in found)
    suggestion = next(p for p in report.errors if "family_suport" in p.message)
    assert suggestion.hint == "did you mean 'family_support'?"
    assert suggestion.location.line == line_of(text, "family_suport")


def test_condition_naming_unknown_indicator(write_ruleset, compact_text) -> None:
    text = compact_text.replace("- {id: l2, when: {count_indicators: {at_least: 1, level: 2}}",
                                "- {id: l2, when: {indicator: w_dealy}")
    (problem,) = problems_for(write_ruleset, text).errors
    assert problem.message == "refers to indicator 'w_dealy', which is not declared"
    assert problem.hint == "did you mean 'w_delay'?"
    assert problem.path == ("decision", "rules", 0, "when", "indicator")


def test_duplicate_ids_point_at_the_first(write_ruleset, compact_text) -> None:
    text = compact_text.replace("id: c_routines", "id: w_delay")
    (problem,) = problems_for(write_ruleset, text).errors
    assert "duplicate question, domain or indicator id 'w_delay'" in problem.message
    assert f"line {line_of(text, 'id: w_delay')}" in problem.message


def test_cyclic_named_conditions(write_ruleset, compact_text) -> None:
    text = compact_text.replace("decision:\n", "conditions:\n  a: {ref: b}\n  b: {any: [{ref: c}]}\n"
                                "  c: {not: {ref: a}}\ndecision:\n")
    report = problems_for(write_ruleset, text)
    assert report.ruleset is None
    (problem,) = report.errors
    assert "loop" in problem.message and "a" in problem.message and "->" in problem.message


def test_absurdly_deep_condition(write_ruleset, compact_text) -> None:
    deep = "{indicator: w_delay}"
    for _ in range(15):
        deep = "{not: " + deep + "}"
    text = compact_text.replace("when: {count_domains: {at_least: 2, min_level: 3}}", "when: " + deep)
    (problem,) = problems_for(write_ruleset, text).errors
    assert "nested more than 12 levels deep" in problem.message


def test_unreachable_level_and_unused_indicator_are_warnings(write_ruleset, compact_text) -> None:
    rule_line = next(line for line in compact_text.splitlines(keepends=True) if "{id: l3," in line)
    text = compact_text.replace(rule_line, "")
    report = problems_for(write_ruleset, text)
    assert report.ruleset is not None  # warnings do not stop loading; 'check' still fails on them
    messages = [p.message for p in report.warnings]
    assert any(m.startswith("level 3 (Targeted early help) can never be recommended") for m in messages)
    assert any("route 'family_support' can never be recommended" in m for m in messages)
    assert all(p.severity == "warning" for p in report.problems)


def test_missing_immediate_danger_question(write_ruleset, compact_text) -> None:
    text = compact_text.replace("    role: immediate_danger\n", "")
    errors = problems_for(write_ruleset, text).errors
    assert any("role 'immediate_danger'" in p.message for p in errors)


def test_review_before_effective(write_ruleset, compact_text) -> None:
    text = compact_text.replace('review_date: "2026-12-31"', 'review_date: "2025-12-31"')
    (problem,) = problems_for(write_ruleset, text).errors
    assert problem.path == ("metadata", "review_date")


def test_folder_errors_name_the_domain_file(tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "rs"
    shutil.copytree(MODEL, copy)
    target = copy / "domains" / "16-housing.yaml"
    text = target.read_text().replace("level: 3\n", "level: 7\n", 1)
    target.write_text(text)
    report = inspect_ruleset(copy)
    (problem,) = report.errors
    assert problem.location.file.endswith("16-housing.yaml")
    assert problem.location.line == line_of(text, "level: 7")
    assert "level '7'" in problem.message


def test_loaded_objects_are_immutable(model) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.default_level = 3  # type: ignore[misc]
    with pytest.raises(TypeError):
        model.indicators["new"] = model.indicators["hl_missed_checks"]  # type: ignore[index]
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.levels[0].name = "changed"  # type: ignore[misc]
    assert isinstance(model.domains, tuple) and isinstance(model.domains[0].indicators, tuple)


def test_content_hash_ignores_layout_but_not_content(tmp_path: Path, model) -> None:
    document, _ = read_ruleset_document(MODEL)
    single = tmp_path / "single.yaml"
    # Same content as one file, keys in another order, with comments: same hash.
    reordered = dict(reversed(list(document.items())))
    single.write_text("# a comment\n" + yaml.safe_dump(reordered, sort_keys=False, allow_unicode=True))
    assert load_ruleset(single).content_hash == model.content_hash
    document["levels"][0]["name"] = "Universal services"
    single.write_text(yaml.safe_dump(document, allow_unicode=True))
    assert load_ruleset(single).content_hash != model.content_hash


def test_load_ruleset_raises_with_all_errors(write_ruleset, compact_text) -> None:
    text = compact_text.replace('colour: "#1B5E20"', 'colour: green').replace("level: 2, text", "level: x, text")
    with pytest.raises(InputError) as info:
        load_ruleset(write_ruleset(text))
    assert len(info.value.errors) == 3  # colour, and two indicators with level 'x'


def test_missing_path_and_folder_without_ruleset(tmp_path: Path) -> None:
    assert "no such file" in inspect_ruleset(tmp_path / "nope.yaml").errors[0].message
    assert "no ruleset.yaml" in inspect_ruleset(tmp_path).errors[0].message
    (tmp_path / "list.yaml").write_text("- a\n- b\n")
    assert "mapping of keys" in inspect_ruleset(tmp_path / "list.yaml").errors[0].message


def test_decided_level_only_in_rules_that_do_not_set_levels(write_ruleset, compact_text) -> None:
    """The decided level is known only after the rules that set levels: using it there is a located error."""
    text = compact_text.replace(
        "decision:\n", "conditions:\n  acute_now: {decided_level: {at_least: 4}}\ndecision:\n").replace(
        "- {id: l3, when: {count_indicators: {at_least: 1, level: 3}}",
        "- {id: l3, when: {any: [{ref: acute_now}]}")
    (problem,) = problems_for(write_ruleset, text).errors
    assert "uses decided_level or sibling_level" in problem.message
    assert problem.path == ("decision", "rules", 1, "when")
    assert "redirect" in problem.hint


def test_decided_level_drives_an_advice_rule(write_ruleset, compact_text) -> None:
    text = compact_text.replace(
        "    - {id: l2, when:",
        "    - {id: acute-advice, when: {decided_level: {at_least: 4}}, advice: Tell the lead professional.,"
        " because: The needs reached level 4.}\n    - {id: l2, when:")
    report = problems_for(write_ruleset, text)
    assert not report.errors
    rs = report.ruleset
    ticked = {i.id: "yes" for i in rs.indicators.values() if i.level == 4}
    one_4 = dict([next(iter(ticked.items()))])
    one_2 = {next(i.id for i in rs.indicators.values() if i.level == 2): "yes"}
    assert evaluate(rs, Answers.from_dict({"indicators": one_4})).advice == ("Tell the lead professional.",)
    assert evaluate(rs, Answers.from_dict({"indicators": one_2})).advice == ()


def test_domain_files_of_any_yaml_spelling_are_read_and_others_reported(tmp_path: Path) -> None:
    """A domain file named .yml or .YAML had been skipped without a word (five statements gone)."""
    import shutil

    folder = tmp_path / "ours"
    shutil.copytree(MODEL, folder)
    (folder / "domains" / "01-health.yaml").rename(folder / "domains" / "01-health.YML")
    (folder / "domains" / "02-education.yaml").rename(folder / "domains" / "02-education.yml")
    report = inspect_ruleset(folder)
    assert not report.errors
    assert {"hl_missed_checks", "ed_occasional_absence"} <= set(report.ruleset.indicators)
    (folder / "domains" / "notes.txt").write_text("to do: check wording", encoding="utf-8")
    (problem,) = inspect_ruleset(folder).errors
    assert problem.location.file.endswith("notes.txt") and "not a YAML file" in problem.message


def test_check_proves_immediate_danger_leads_to_the_emergency_route(write_ruleset, compact_text) -> None:
    """A rule set that passes check must send 'yes, in immediate danger' to the emergency route whatever
    else is answered: without the gate, 'yes' had given level 1 while the app showed CALL 999."""
    gate = compact_text[compact_text.index("    - id: danger\n"):compact_text.index("  rules:\n")]
    (problem,) = problems_for(write_ruleset, compact_text.replace(gate, "    []\n")).errors
    assert "immediate danger leads to the emergency route" in problem.message and "first gate" in problem.hint
    (problem,) = problems_for(write_ruleset, compact_text.replace("route: call_999", "route: cin_referral")).errors
    assert "does not route to an emergency route" in problem.message


def test_the_list_of_checked_bundled_rule_sets_is_current() -> None:
    """If this fails, a bundled rule set or the schema changed: run python3 tools/dev.py seal."""
    import subprocess
    import sys

    tool = Path(__file__).resolve().parent.parent / "tools" / "seal_rulesets.py"
    done = subprocess.run([sys.executable, str(tool), "--check"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_checked_bundled_rule_set_skips_only_the_schema_step(monkeypatch, write_ruleset, compact_text) -> None:
    from thresholds_app.core import schema

    calls: list[str] = []
    real = schema.validate
    monkeypatch.setattr(schema, "validate", lambda name, data, smap: calls.append(name) or real(name, data, smap))
    assert inspect_ruleset(MODEL).ruleset is not None
    assert inspect_ruleset(COMPACT).ruleset is not None
    assert calls == []  # both are listed as checked: no schema work at start-up
    assert inspect_ruleset(MODEL, full_check=True).ruleset is not None
    assert calls == ["ruleset"]
    calls.clear()
    assert inspect_ruleset(write_ruleset(compact_text)).ruleset is not None  # the same content elsewhere
    assert calls == []
    # Changed content is a different key: checked in full, and its problem found.
    changed = compact_text.replace("  review_date: \"2026-12-31\"", "  reveiw_date: \"2026-12-31\"")
    report = inspect_ruleset(write_ruleset(changed))
    assert calls == ["ruleset"] and report.ruleset is None
    assert any("reveiw_date" in p.message for p in report.errors)


def test_files_exactly_as_shipped_are_read_without_parsing_yaml_and_give_the_same_rule_set(tmp_path: Path) -> None:
    """The sealed document of a bundled rule set stands in for its YAML only while its files are byte for
    byte as shipped; a comment added anywhere means the YAML is read, and gives the same rule set."""
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "copy"
    shutil.copytree(MODEL, copy)
    domain = sorted((copy / "domains").glob("*.yaml"))[3]
    code = ("import sys\nfrom thresholds_app.core.loader import load_ruleset\n"
            "rs = load_ruleset(sys.argv[1])\nprint(rs.content_hash, 'yaml' in sys.modules)\n")

    def load(path: Path) -> list[str]:
        done = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120,
                              cwd=Path(__file__).resolve().parent.parent, check=True)
        return done.stdout.split()

    shipped, same_copy = load(MODEL), load(copy)
    assert shipped[1] == "False" and same_copy == shipped  # the files, wherever they are, as shipped
    domain.write_text(domain.read_text("utf-8") + "# a note from the partnership\n", "utf-8")
    edited = load(copy)
    assert edited == [shipped[0], "True"]  # read from YAML this time, and the same content
    text = domain.read_text("utf-8")
    assert "    text: " in text
    domain.write_text(text.replace("    text: ", "    text: Changed - ", 1), "utf-8")
    assert load(copy)[0] != shipped[0]
