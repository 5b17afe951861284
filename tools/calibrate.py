"""Score a blind-rater study: run each rater's answers through the engine and compare with the sources.

    python tools/calibrate.py STUDY_FOLDER [--ruleset RULESET] [--scenarios FOLDER]
                              [--part development|held-out|all] [-o report.md]

STUDY_FOLDER holds one YAML sheet per rater (kind: tool, with answers per scenario; or kind: control,
with a level per scenario). Scenarios come from the rule set's calibration/ folder. The report (Markdown)
gives the share within the acceptable range, over- and under-calls, significant-harm scenarios not
referred, police welfare scenarios referred, Fleiss' kappa for tool and control raters, and the notes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from thresholds_app.cli import resolve_ruleset
from thresholds_app.core.calibration import load_scenarios, load_sheets, report
from thresholds_app.core.loader import load_ruleset
from thresholds_app.core.problems import InputError
from thresholds_app.records.atomic import write_atomic


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("study", type=Path, help="folder of rater sheets")
    parser.add_argument("--ruleset", default="model-four-level", help="rule set (default: model-four-level)")
    parser.add_argument("--scenarios", type=Path, help="calibration folder (default: the rule set's calibration/)")
    parser.add_argument("--part", default="all", choices=["development", "held-out", "all"])
    parser.add_argument("--title", default="", help="report title (default: the study folder's name)")
    parser.add_argument("-o", "--output", type=Path, help="write the report here instead of standard output")
    args = parser.parse_args(argv)
    try:
        path = resolve_ruleset(args.ruleset)
        ruleset = load_ruleset(path)
        folder = args.scenarios or (path if path.is_dir() else path.parent) / "calibration"
        scenarios = [s for s in load_scenarios(folder, ruleset) if args.part in ("all", s.part)]
        text = report(ruleset, scenarios, load_sheets(args.study, ruleset), args.title or args.study.name)
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if args.output:
        write_atomic(args.output, text.encode("utf-8"))
        print(f"Wrote {args.output}")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
