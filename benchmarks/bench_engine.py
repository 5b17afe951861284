"""Benchmark the rules engine: loading, evaluation, scale, and a hand-written floor.

    python benchmarks/bench_engine.py

Reports (medians of repeated runs, on this machine, now):
* load + validate of the bundled model rule set, in a fresh process and repeated in one process;
* evaluation of a full answer set (every indicator answered), as the GUI does on every click;
* the same for a synthetic rule set with 2,000 indicators;
* the same decision written by hand as plain Python ``if`` statements (the floor), and the ratio.

Timings are figures to read, not pass/fail tests: machines here are shared and noisy.
"""

from __future__ import annotations

import random
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Mapping
from pathlib import Path

import yaml

from thresholds_app.core.answers import Answers
from thresholds_app.core.conditions import Facts
from thresholds_app.core.evaluate import _decide, evaluate
from thresholds_app.core.loader import load_ruleset, read_ruleset_document
from thresholds_app.core.model import RuleSet
from thresholds_app.locations import bundled_rulesets

MODEL = bundled_rulesets()["model-four-level"]


def median_seconds(fn: Callable[[], object], number: int, repeat: int = 7) -> float:
    return statistics.median(timeit.repeat(fn, number=number, repeat=repeat)) / number


def fmt(seconds: float) -> str:
    return f"{seconds * 1e3:8.3f} ms" if seconds >= 1e-3 else f"{seconds * 1e6:8.1f} us"


def full_answers(rs: RuleSet, seed: int = 7) -> Answers:
    """Every screening question and every indicator answered: about 1 in 6 yes, 1 in 12 don't know."""
    rng = random.Random(seed)
    values = {}
    for ind in rs.indicators:
        roll = rng.random()
        values[ind] = "yes" if roll < 0.16 else "dont_know" if roll < 0.24 else "no"
    screening = {}
    for q in rs.screening:
        options = [o.id for o in q.options if o.id != "dont_know"]
        screening[q.id] = "no" if q.role == "immediate_danger" else options[0] if q.role == "open_case" \
            else rng.choice(options)
    return Answers.from_dict({"screening": screening, "indicators": values})


def hand_written_decision(rs: RuleSet) -> Callable[[frozenset[str], Mapping[str, str], str | None], tuple[int, str]]:
    """The model rule set's decision, written out as plain ``if`` statements over lookup tables."""
    level = {i.id: i.level for i in rs.indicators.values()}
    domain = {i.id: i.domain for i in rs.indicators.values()}
    harm = {i.id for i in rs.indicators.values() if "significant_harm" in i.tags}
    da = {i.id for i in rs.indicators.values() if "parental_domestic_abuse" in i.tags}
    mh = {i.id for i in rs.indicators.values() if "parental_mental_health" in i.tags}
    sm = {i.id for i in rs.indicators.values() if "parental_substance_misuse" in i.tags}
    parental = da | mh | sm
    urgency = {r.id: r.urgency for r in rs.routes.values()}
    route_of_level = {lv.number: lv.route for lv in rs.levels}

    def decide(ticked: frozenset[str], screening: Mapping[str, str], age: str | None) -> tuple[int, str]:
        if screening.get("immediate_danger") == "yes":
            return 4, "emergency"
        lv = 1
        has2 = has3 = has4 = False
        domains2: set[str] = set()
        domains3: set[str] = set()
        domains_exactly2: set[str] = set()
        for ind in ticked:
            n = level[ind]
            if n == 2:
                has2 = True
                domains_exactly2.add(domain[ind])
            elif n == 3:
                has3 = True
                domains3.add(domain[ind])
            elif n == 4:
                has4 = True
            if n >= 2:
                domains2.add(domain[ind])
        candidates = []
        if has2:
            lv = max(lv, 2)
        if has3:
            lv = max(lv, 3)
        if has4:
            lv = 4
        if not harm.isdisjoint(ticked):
            lv = 4
            candidates.append("mash_urgent")
        if len(domains2) >= 3:
            lv = max(lv, 3)
        if len(domains3) >= 2:
            candidates.append("mash_consultation")
        if len(domains3) >= 3:
            lv = 4
        factors = (not da.isdisjoint(ticked)) + (not mh.isdisjoint(ticked)) + (not sm.isdisjoint(ticked))
        if factors >= 2:
            lv = max(lv, 3)
        if factors == 3 and sum(1 for i in parental & ticked if level[i] >= 3) >= 2:
            lv = 4
        baby = age in ("unborn", "under_1")
        if baby and has3:
            lv = 4
        if baby and len(domains_exactly2) >= 2:
            lv = max(lv, 3)
        if screening.get("disability") == "yes" and has3:
            lv = 4
        route = route_of_level[lv]
        for candidate in candidates:
            if urgency[candidate] > urgency[route]:
                route = candidate
        open_case = screening.get("open_case")
        if open_case == "social_care":
            return lv, "contact_allocated_social_worker"
        if open_case == "early_help" and not has4:
            return lv, "contact_lead_professional"
        return lv, route

    return decide


def check_floor_agrees(rs: RuleSet, decide: Callable[..., tuple[int, str]], trials: int = 3000) -> None:
    rng = random.Random(1)
    ids = list(rs.indicators)
    ages = [o.id for o in rs.question("age_band").options]  # type: ignore[union-attr]
    for _ in range(trials):
        ticked = frozenset(rng.sample(ids, rng.randint(0, 12)))
        screening = {"immediate_danger": rng.choice(["no", "yes", "dont_know"]),
                     "disability": rng.choice(["yes", "no"]),
                     "open_case": rng.choice(["none", "early_help", "social_care"])}
        age = rng.choice(ages)
        engine = _decide(rs, Facts(ticked, screening, age))
        assert decide(ticked, screening, age) == (engine.level, engine.route.id), (ticked, screening, age)


def synthetic_ruleset(folder: Path, indicators: int = 2000, per_domain: int = 50) -> Path:
    """The model rule set's scheme and rules with generated domains: 2,000 indicators."""
    document, _ = read_ruleset_document(MODEL)
    tags = [["significant_harm"], ["parental_domestic_abuse"], ["parental_mental_health"],
            ["parental_substance_misuse"], ["exploitation"], [], [], []]

    def synthetic_tags(i: int) -> list[str]:
        # Harm on level-4 items, parental factors and exploitation spread over the rest.
        return list(tags[i % len(tags)]) if (2 + i % 3) == 4 or i % 8 in (1, 2, 3) else []

    document["domains"] = [
        {"id": f"synthetic_{d}", "group": document["domain_groups"][d % 4]["id"], "name": f"Synthetic area {d}",
         "summary": "Generated for the benchmark.", "level_1": "Needs met.",
         "indicators": [{"id": f"s{d}_{i}", "level": 2 + (i % 3), "text": f"Synthetic indicator {d}.{i}.",
                         "help": "Generated.", "tags": synthetic_tags(i)} for i in range(per_domain)]}
        for d in range(indicators // per_domain)]
    path = folder / "synthetic.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    return path


def fresh_process_load_seconds() -> float:
    code = ("import time; t = time.perf_counter(); from thresholds_app.core.loader import load_ruleset; "
            f"load_ruleset({str(MODEL)!r}); print(time.perf_counter() - t)")
    runs = [float(subprocess.check_output([sys.executable, "-c", code], text=True)) for _ in range(5)]
    return statistics.median(runs)


def hostile_inputs(folder: Path) -> dict[str, bytes]:
    model_text = (MODEL / "ruleset.yaml").read_text()
    deep_condition = "{indicator: hl_missed_checks}"
    for _ in range(30):
        deep_condition = "{not: " + deep_condition + "}"
    return {
        "empty file|empty": b"",
        "binary junk (1 MB)|binary data": bytes(range(256)) * 4096,
        "malformed YAML|syntax error": model_text[: len(model_text) // 2].encode() + b"\n  - [unclosed\n",
        "alias bomb|aliases": b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n".encode()
            for i in range(20)),
        "nesting 100,000 deep|deeper than": b"a: " + b"[" * 100_000 + b"]" * 100_000,
        "50 MB file|the limit is": b"a: " + b"x" * (50 * 1024 * 1024),
        "wrong types everywhere|whole number": model_text.replace("number: ", "number: x")
                                                         .replace("level: ", "level: x").encode(),
        "cyclic named conditions|loop": model_text.replace("conditions:\n", "conditions:\n  loop_a: {ref: loop_b}\n"
                                                      "  loop_b: {ref: loop_a}\n").encode(),
        "condition 31 deep|levels deep": model_text.replace("when: {ref: any_level_4}",
                                                            "when: " + deep_condition).encode(),
    }


def time_hostile_inputs() -> None:
    import io

    from thresholds_app.cli import run

    print("\nHostile rule-set files: time from 'check' to a located error (in one process)")
    with tempfile.TemporaryDirectory() as tmp:
        for label, data in hostile_inputs(Path(tmp)).items():
            name, expected = label.split("|")
            path = Path(tmp) / "hostile.yaml"
            path.write_bytes(data)
            err = io.StringIO()
            started = time.perf_counter()
            code = run(["check", str(path)], io.StringIO(), err)
            elapsed = time.perf_counter() - started
            lines = [line for line in err.getvalue().splitlines() if ": error: " in line]
            found = next((line for line in lines if expected in line), None)
            assert code == 1 and found, (name, err.getvalue()[:500])
            found = found.replace(str(path), "hostile.yaml")
            print(f"  {name:<26} {fmt(elapsed)}  exit {code}  {len(lines)} error(s), e.g. {found[:80]}")


def main() -> None:
    print(f"Python {sys.version.split()[0]} on {sys.platform}; medians of repeated runs\n")
    cold = fresh_process_load_seconds()
    rs = load_ruleset(MODEL)
    warm = median_seconds(lambda: load_ruleset(MODEL), number=5)
    answers = full_answers(rs)
    age_q = rs.question_with_role("age_band")
    facts = Facts(answers.ticked(), answers.screening, answers.screening.get(age_q.id) if age_q else None)
    decide = hand_written_decision(rs)
    check_floor_agrees(rs, decide)
    floor = median_seconds(lambda: decide(facts.ticked, facts.screening, facts.age_band), number=20000)
    engine_decide = median_seconds(lambda: _decide(rs, facts), number=20000)
    engine_full = median_seconds(lambda: evaluate(rs, answers), number=2000)
    rec = evaluate(rs, answers)
    print(f"Model rule set: {len(rs.domains)} domains, {len(rs.indicators)} indicators, {len(rs.rules)} rules")
    print(f"  load + validate, fresh process (imports included) {fmt(cold)}")
    print(f"  load + validate, repeated in one process          {fmt(warm)}")
    print(f"  full answer set: {len(answers.ticked())} ticked, "
          f"{sum(v == 'dont_know' for v in answers.indicators.values())} don't know, "
          f"{len(rec.gaps)} gaps -> level {rec.level.number}, {rec.route.id}")
    print(f"  hand-written if statements (floor, agrees on 3,000 random cases) {fmt(floor)}")
    print(f"  engine: level and route only                      {fmt(engine_decide)}   "
          f"{engine_decide / floor:5.1f}x the floor")
    print(f"  engine: full recommendation (reasons, gaps)       {fmt(engine_full)}   "
          f"{engine_full / floor:5.1f}x the floor")
    with tempfile.TemporaryDirectory() as tmp:
        path = synthetic_ruleset(Path(tmp))
        started = time.perf_counter()
        big = load_ruleset(path)
        big_load_first = time.perf_counter() - started
        big_load = median_seconds(lambda: load_ruleset(path), number=1, repeat=5)
    big_answers = full_answers(big)
    big_eval = median_seconds(lambda: evaluate(big, big_answers), number=200)
    big_rec = evaluate(big, big_answers)
    print(f"\nSynthetic rule set: {len(big.domains)} domains, {len(big.indicators)} indicators")
    print(f"  load + validate (first / median)                  {fmt(big_load_first)} / {fmt(big_load)}")
    print(f"  full answer set: {len(big_answers.ticked())} ticked, {len(big_rec.gaps)} gaps")
    print(f"  engine: full recommendation                       {fmt(big_eval)}")
    time_hostile_inputs()


if __name__ == "__main__":
    main()
