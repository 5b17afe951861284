"""Benchmark the interview: how many statements a referrer answers, and how fast each step is.

    python benchmarks/bench_interview.py

Drives the interview (the same ``next_step`` that ``thresholds-app next`` and the app use) for every
case that has answers: the model's training cases, and each blind rater's answers in the final
calibration studies (docs/calibration/final-*). Each asked item is answered from the case: screening
as given; the worries are the areas of the case's statements; a statement not in the case is "does
not apply". Reports statements asked (median, 90th percentile, maximum), against the full
questionnaire for the child's age; agreement with evaluating all the case's answers (level, route and
side routes; must be 100%); and the time per step against a floor of one plain evaluation.

Timings are figures to read, not pass/fail tests: machines here are shared and noisy.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from thresholds_app.core.answers import Answers
from thresholds_app.core.calibration import load_sheets
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.interview import walk_case
from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.training import load_training_cases
from thresholds_app.locations import bundled_rulesets

ROOT = Path(__file__).resolve().parent.parent


def cases() -> list[tuple[str, Answers]]:
    path = bundled_rulesets()["model-four-level"]
    ruleset = load_ruleset(path)
    found = [(f"training/{c.id}", c.answers) for c in load_training_cases(path, ruleset)]
    for study in sorted((ROOT / "docs" / "calibration").glob("final-*")):
        for sheet in load_sheets(study, ruleset):
            found += [(f"{study.name}/{sheet.rater}/{sid}", a) for sid, a in sheet.answers.items()]
    return found


def percentile(values: list[int], share: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    ruleset = load_ruleset(bundled_rulesets()["model-four-level"])
    all_cases = cases()
    start = time.perf_counter()
    walks = [(name, walk_case(ruleset, answers)) for name, answers in all_cases]
    elapsed = time.perf_counter() - start
    steps = sum(w.steps for _n, w in walks)
    asked = [w.statements_asked for _n, w in walks]
    full = [sum(1 for i in ruleset.indicators.values() if i.applies_to_age(a.screening.get("age_band")))
            for _n, a in all_cases]
    agree = sum(w.agrees for _n, w in walks)
    start = time.perf_counter()
    for _name, answers in all_cases:
        evaluate(ruleset, answers)
    floor = (time.perf_counter() - start) / len(all_cases)
    print(f"{len(walks)} cases ({sum(n.startswith('training') for n, _w in walks)} training, "
          f"{sum(not n.startswith('training') for n, _w in walks)} calibration rater answers)")
    print(f"statements asked: median {statistics.median(asked):g}, 90th percentile {percentile(asked, 0.9)}, "
          f"max {max(asked)}  (full questionnaire for the age: median {statistics.median(full):g})")
    print(f"agreement with evaluating every answer: {agree} of {len(walks)} ({100 * agree / len(walks):.0f}%)")
    print(f"per step: {1000 * elapsed / steps:.2f} ms  (floor, one plain evaluation: {1000 * floor:.2f} ms; "
          f"{elapsed / steps / floor:.1f}x)")
    worst = sorted(walks, key=lambda item: -item[1].statements_asked)[:3]
    print("most statements: " + ", ".join(f"{n} ({w.statements_asked})" for n, w in worst))


if __name__ == "__main__":
    main()
