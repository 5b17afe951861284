"""Benchmark the rules engine: loading, evaluation, scale, and a hand-written floor.

    python benchmarks/bench_engine.py

Reports (medians of repeated runs, on this machine, now):
* loading the bundled model rule set (sealed: its schema check was done once, by tools/dev.py seal),
  in a fresh process and repeated in one process;
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
    """The model rule set's decision (2.0.0), written out as plain ``if`` statements over lookup tables."""
    inds = list(rs.indicators.values())
    domain = {i.id: i.domain for i in inds}
    group = {d.id: d.group for d in rs.domains}

    def pool(level: int | None = None, min_level: int = 0, groups: tuple[str, ...] | None = None,
             tags: tuple[str, ...] | None = None) -> frozenset[str]:
        """The indicators a ``count_indicators``/``count_domains`` filter selects, resolved once."""
        return frozenset(i.id for i in inds
                         if (level is None or i.level == level) and i.level >= min_level
                         and (groups is None or group[i.domain] in groups)
                         and (tags is None or not i.tags.isdisjoint(tags)))

    needs = ("child_development", "parenting_capacity", "specific_risks")
    level2, level3, level4 = pool(level=2), pool(level=3), pool(min_level=4)
    harm = pool(tags=("significant_harm",))
    needs2 = pool(min_level=2, groups=needs)  # needs of the child, level 2 or above
    family2 = pool(min_level=2, groups=("family_environment",))
    parenting2 = pool(min_level=2, groups=("parenting_capacity",))
    support_tried, not_engaging = pool(tags=("support_tried",)), pool(tags=("not_engaging",))
    history, parenting_risk = pool(tags=("history",)), pool(tags=("parenting_risk",))
    da = pool(min_level=2, tags=("parental_domestic_abuse",))
    mh = pool(min_level=2, tags=("parental_mental_health",))
    sm = pool(min_level=2, tags=("parental_substance_misuse",))
    parental3 = pool(min_level=3, tags=("parental_domestic_abuse", "parental_mental_health",
                                        "parental_substance_misuse"))
    exploitation3 = pool(min_level=3, tags=("exploitation",))
    urgency = {r.id: r.urgency for r in rs.routes.values()}
    route_of_level = {lv.number: lv.route for lv in rs.levels}

    def decide(ticked: frozenset[str], screening: Mapping[str, str], age: str | None) -> tuple[int, str]:
        # immediate-danger (gate): decides alone.
        if screening.get("immediate_danger") == "yes":
            return 4, "emergency"
        has3 = not level3.isdisjoint(ticked)
        tried = not support_tried.isdisjoint(ticked)
        refused = not not_engaging.isdisjoint(ticked)
        past = not history.isdisjoint(ticked)
        care_risk = not parenting_risk.isdisjoint(ticked)
        baby = age in ("unborn", "under_1")
        disabled = screening.get("disability") == "yes"
        need_domains = {domain[i] for i in ticked & needs2}
        complex_domains = {domain[i] for i in ticked & level3}
        lv = 1
        route_rule = None
        # any-level-2-indicator
        if not level2.isdisjoint(ticked):
            lv = 2
        # any-level-3-indicator
        if has3:
            lv = 3
        # additional-needs-accumulate (3 areas of needs, or 4 counting family circumstances)
        if len(need_domains) >= 3 or len(need_domains | {domain[i] for i in ticked & family2}) >= 4:
            lv = max(lv, 3)
        # support-tried-step-up
        if tried and not (needs2 | family2).isdisjoint(ticked):
            lv = max(lv, 3)
        # complex-needs-help-not-working (route only)
        if (tried or refused) and has3:
            route_rule = "mash_consultation"
        # complex-needs-in-three-areas (route only)
        if len(complex_domains) >= 3:
            route_rule = "mash_consultation"
        # history-with-new-care-concerns
        if past and not parenting2.isdisjoint(ticked):
            lv = max(lv, 3)
        # co-occurring-parental-factors
        factors = (not da.isdisjoint(ticked)) + (not mh.isdisjoint(ticked)) + (not sm.isdisjoint(ticked))
        if factors >= 2:
            lv = max(lv, 3)
        # baby-with-additional-needs
        if baby and len(need_domains) >= 2:
            lv = max(lv, 3)
        # disabled-child-with-additional-needs
        if disabled and len(need_domains) >= 2:
            lv = max(lv, 3)
        if (
            # any-level-4-indicator
            not level4.isdisjoint(ticked)
            # complex-needs-and-help-not-working
            or (len(complex_domains) >= 3 and (tried or refused or past))
            # parenting-concerns-help-not-working
            or (care_risk and (tried or refused))
            # history-repeating
            or (past and care_risk)
            # co-occurring-parental-factors-serious
            or (factors == 3 and len(ticked & parental3) >= 2)
            # baby-with-complex-needs
            or (baby and care_risk)
            # disabled-child-with-complex-needs
            or (disabled and (care_risk or "di_complex_unmet" in ticked))
            # exploitation-signs-accumulate
            or len({domain[i] for i in ticked & exploitation3}) >= 2
        ):
            lv = 4
        route = route_of_level[lv]
        # significant-harm: level 4 and the urgent route
        if not harm.isdisjoint(ticked):
            lv, route = 4, "mash_urgent"
        elif route_rule is not None and urgency[route_rule] > urgency[route]:
            route = route_rule
        open_case = screening.get("open_case")
        # open-to-social-care (redirect)
        if open_case == "social_care":
            return lv, "contact_allocated_social_worker"
        # open-to-early-help (redirect, unless the decided level is 4)
        if open_case == "early_help" and lv < 4:
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
    """The model rule set, topped up with generated domains to 2,000 indicators.

    The model's own domains stay, so every tag and indicator its rules name is still declared.
    """
    document, _ = read_ruleset_document(MODEL)
    model_domains = document["domains"]
    remaining = indicators - sum(len(d["indicators"]) for d in model_domains)
    tags = [["significant_harm"], ["parental_domestic_abuse"], ["parental_mental_health"],
            ["parental_substance_misuse"], ["exploitation"], [], [], []]

    def synthetic_tags(i: int) -> list[str]:
        # Harm on level-4 items, parental factors and exploitation spread over the rest.
        return list(tags[i % len(tags)]) if (2 + i % 3) == 4 or i % 8 in (1, 2, 3) else []

    document["domains"] = model_domains + [
        {"id": f"synthetic_{d}", "group": document["domain_groups"][d % 4]["id"], "name": f"Synthetic area {d}",
         "summary": "Generated for the benchmark.", "level_1": "Needs met.",
         "indicators": [{"id": f"s{d}_{i}", "level": 2 + (i % 3), "text": f"Synthetic indicator {d}.{i}.",
                         "help": "Generated.", "tags": synthetic_tags(i)}
                        for i in range(min(per_domain, remaining - d * per_domain))]}
        for d in range(-(-remaining // per_domain))]
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
        # (decided_level and sibling_level sit inside flow mappings, where 'x{' would be a YAML syntax error.)
        "wrong types everywhere|whole number": model_text.replace("number: ", "number: x")
                                                         .replace("level: ", "level: x")
                                                         .replace("decided_level: x", "decided_level: ")
                                                         .replace("sibling_level: x", "sibling_level: ").encode(),
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
    print(f"  load, fresh process (imports included)    {fmt(cold)}")
    print(f"  load, repeated in one process                    {fmt(warm)}")
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
