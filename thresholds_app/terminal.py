"""The short interview in a terminal: the same steps as the app, one question at a time.

For a referrer without the desktop app, or to try a rule set quickly. Answers can be saved (also
when the walk stops early) and re-used with ``evaluate``, ``next`` or the app.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TextIO

import yaml

from .core.answers import Answers
from .core.explain import format_recommendation
from .core.interview import AskItem, answer, next_step
from .core.model import RuleSet
from .records.atomic import write_output

INDICATOR_KEYS = {"y": "yes", "yes": "yes", "n": "no", "no": "no", "": "no", "d": "dont_know", "?": "dont_know",
                  "dont_know": "dont_know"}


class Stopped(Exception):
    """The input ended before the interview settled."""


def _read(stdin: TextIO, out: TextIO, prompt: str) -> str:
    out.write(prompt)
    out.flush()
    line = stdin.readline()
    if not line:
        raise Stopped
    return line.strip()


def _choose_one(item: AskItem, stdin: TextIO, out: TextIO) -> str:
    print(f"\n{item.text}", file=out)
    if item.help:
        print(f"  {item.help}", file=out)
    for n, (_oid, label) in enumerate(item.options, 1):
        print(f"  {n}. {label}", file=out)
    while True:
        reply = _read(stdin, out, "Your answer (number): ").lower()
        if reply.isdigit() and 1 <= int(reply) <= len(item.options):
            return item.options[int(reply) - 1][0]
        if reply in {oid for oid, _l in item.options}:
            return reply
        print(f"  Please type a number from 1 to {len(item.options)}.", file=out)


def _choose_worries(item: AskItem, stdin: TextIO, out: TextIO) -> list[str]:
    print(f"\n{item.text}\n  {item.help}", file=out)
    numbered: list[str] = []
    for _gid, name, areas in item.groups:
        print(f"  {name}", file=out)
        for area_id, area_name in areas:
            numbered.append(area_id)
            print(f"    {len(numbered)}. {area_name}", file=out)
    while True:
        reply = _read(stdin, out, "Numbers, separated by commas (Enter for none): ")
        parts = [p.strip() for p in reply.replace(" ", ",").split(",") if p.strip()]
        if all(p.isdigit() and 1 <= int(p) <= len(numbered) for p in parts):
            return sorted({numbered[int(p) - 1] for p in parts}, key=numbered.index)
        print(f"  Please type numbers from 1 to {len(numbered)}, for example 3, 12.", file=out)


def _statement(item: AskItem, stdin: TextIO, out: TextIO) -> str:
    print(f"\n  {item.text} (level {item.level})", file=out)
    while True:
        reply = _read(stdin, out, "  Applies? y = yes, n or Enter = no, d = don't know: ").lower()
        if reply in INDICATOR_KEYS:
            return INDICATOR_KEYS[reply]
        print("  Please type y, n or d.", file=out)


def run_interview(ruleset: RuleSet, stdin: TextIO, out: TextIO, answers_out: Path | None) -> int:
    """Walk the interview on ``stdin``/``out``; 0 when settled, 1 when the input ended first."""
    answers = Answers()
    print(f"{ruleset.metadata.name} {ruleset.metadata.version}: the short interview. Ctrl+D stops.", file=out)
    try:
        while True:
            step = next_step(ruleset, answers)
            if step.settled:
                break
            replies: dict[str, Any] = {}
            if step.stage == "area":
                print(f"\n== {ruleset.domain(step.area).name} ==", file=out)
            elif step.stage == "before_finish":
                print("\n== Before you finish ==", file=out)
            for item in step.ask:
                if item.kind == "screening":
                    replies.setdefault("screening", {})[item.id] = _choose_one(item, stdin, out)
                elif item.kind == "worries":
                    replies["worries"] = _choose_worries(item, stdin, out)
                elif item.kind == "indicator":
                    replies.setdefault("indicators", {})[item.id] = _statement(item, stdin, out)
            answers = answer(answers, replies)
    except Stopped:
        print("\nStopped before the outcome was settled.", file=out)
        _save(answers, answers_out, out)
        return 1
    print("\n" + format_recommendation(step.recommendation, ruleset), file=out)
    if step.would_change:
        print("\nWhat would change this (look out for):", file=out)
        for change in step.would_change:
            print(f"  - {change.indicator.text} ({change.words()})", file=out)
    _save(answers, answers_out, out)
    return 0


def _save(answers: Answers, path: Path | None, out: TextIO) -> None:
    if path is None:
        return
    write_output(path, yaml.safe_dump(answers.to_dict(), sort_keys=False, allow_unicode=True).encode("utf-8"))
    print(f"Answers saved to {path}.", file=out)
