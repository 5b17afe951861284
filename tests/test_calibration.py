"""Calibration scoring: scenarios from published sources, rater sheets, and what the study reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresholds_app.core.calibration import Scenario, load_scenarios, load_sheet, rate, report, summarise
from thresholds_app.core.problems import InputError

SCENARIO = """\
scenarios:
  - id: {sid}
    age: 7
    referrer: {role}
    scenario: |
      A made-up scenario for the test.
    source: {{url: https://example.org/threshold, title: Example, level: {level}, basis: stated}}
    acceptable: {acceptable}
    significant_harm: {harm}
    police_welfare: {police}
"""


def write_library(folder: Path, dev: list[dict], held: list[dict] | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, items in (("development.yaml", dev), ("held-out.yaml", held or [])):
        body = "".join(SCENARIO.format(**{"role": "police", "level": 2, "acceptable": "[2, 2]", "harm": "false",
                                         "police": "false", **item}).split("\n", 1)[1] for item in items)
        (folder / name).write_text("scenarios:\n" + body if items else "scenarios: []\n", encoding="utf-8")
    return folder


def test_scenarios_load_with_located_errors(tmp_path, model) -> None:
    folder = write_library(tmp_path / "cal", [{"sid": "a"}, {"sid": "a", "role": "astronaut", "acceptable": "[3, 2]"}])
    with pytest.raises(InputError) as caught:
        load_scenarios(folder, model)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "development.yaml:" in text
    assert "unknown referrer role 'astronaut'" in text
    assert "scenario id 'a' is used twice" in text
    assert "acceptable must be [level] or [lowest, highest]" in text


def test_scoring_runs_answers_through_the_engine(tmp_path, model) -> None:
    folder = write_library(tmp_path / "cal", [
        {"sid": "welfare", "police": "true", "acceptable": "[1, 2]"},
        {"sid": "harm", "level": 4, "acceptable": "[4, 4]", "harm": "true"}])
    scenarios = load_scenarios(folder, model)
    screening = '{immediate_danger: "no", age_band: age_5_11, disability: "no", open_case: none}'
    sheet = tmp_path / "rater-a.yaml"
    sheet.write_text(f"""kind: tool
rater: A
answers:
  welfare: {{screening: {screening}, indicators: {{da_repeated: "yes", da_high_risk: "no"}}}}
  harm: {{screening: {screening}, indicators: {{da_low_level: "yes"}}}}
notes: The statements were clear.
""", encoding="utf-8")
    control = tmp_path / "control-x.yaml"
    control.write_text("kind: control\nrater: X\nlevels: {welfare: 2, harm: 4}\n", encoding="utf-8")
    sheets = [load_sheet(sheet, model), load_sheet(control, model)]
    ratings = rate(model, scenarios, sheets)
    tool = {r.scenario.id: r for r in ratings if r.route}
    assert tool["welfare"].level == 3 and tool["welfare"].over and tool["welfare"].statements == 2
    assert tool["harm"].level == 2 and tool["harm"].under and not tool["harm"].referral
    summary = summarise(model, [r for r in ratings if r.route], tool=True)
    assert (summary.within, summary.over, summary.under) == (0, 1, 1)
    assert summary.harm_missed == ("harm (A)",)
    text = report(model, scenarios, sheets, "Test study")
    assert "| Tool | 2 | 0 (0%) | 1 | 1 |" in text
    assert "| Control | 2 | 2 (100%) | 0 | 0 |" in text
    assert "The statements were clear." in text


def test_sheet_with_unknown_statement_is_located(tmp_path, model) -> None:
    sheet = tmp_path / "rater.yaml"
    sheet.write_text("kind: tool\nanswers:\n  case-1:\n    indicators: {da_repeatd: 'yes'}\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_sheet(sheet, model)
    problem = caught.value.problems[0]
    assert problem.location.line == 4 and "da_repeatd" in problem.message and "da_repeated" in problem.hint


def test_bundled_library_meets_the_study_design(model) -> None:
    from thresholds_app.locations import bundled_rulesets

    scenarios = load_scenarios(bundled_rulesets()["model-four-level"] / "calibration", model)
    assert len(scenarios) >= 60
    for level in (1, 2, 3, 4):
        assert sum(s.source_level == level for s in scenarios) >= 15
    assert sum(s.referrer == "police" for s in scenarios) >= 10
    assert {s.referrer for s in scenarios} >= set(model.referrer_roles) - {"mash_social_care"}
    held = [s for s in scenarios if s.part == "held-out"]
    assert len(held) * 4 >= len(scenarios)  # about a third kept aside
    assert all(s.source_url.startswith(("https://", "http://")) for s in scenarios)
    assert all(isinstance(s, Scenario) and s.accepts(s.source_level) for s in scenarios)


@pytest.mark.parametrize("study, part", [("final-held-out", "held-out"), ("final-development", "development")])
def test_committed_studies_still_score_as_reported(model, study: str, part: str) -> None:
    """The figures in docs/calibration come from the committed rater sheets and today's rule set. A rule
    change that moves any of them fails here, so the study is re-run (with new raters) or the write-up
    corrected, never left stale."""
    from thresholds_app.core.calibration import load_sheets
    from thresholds_app.locations import bundled_rulesets

    root = Path(__file__).resolve().parent.parent / "docs" / "calibration"
    scenarios = [s for s in load_scenarios(bundled_rulesets()["model-four-level"] / "calibration", model)
                 if s.part == part]
    fresh = report(model, scenarios, load_sheets(root / study, model), "")
    committed = (root / study / "report.md").read_text(encoding="utf-8")

    def table(text: str) -> list[str]:
        return [line for line in text.splitlines() if line.startswith(("| Tool |", "| Control |", "| final"))]

    assert table(fresh) and table(fresh) == table(committed)
