"""Headless commands: check rule sets, evaluate answers, list bundled rule sets, print schemas.

Every expected failure (bad rule set, bad answers, missing file) is reported as located problems
and a non-zero exit status, never as a traceback.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from . import __version__
from .core.answers import load_answers
from .core.casetests import load_cases, run_case
from .core.evaluate import evaluate
from .core.explain import format_recommendation, household_summary
from .core.household import Household, evaluate_household, load_answers_or_household
from .core.loader import inspect_ruleset, load_ruleset
from .core.model import RuleSet
from .core.printable import printable
from .core.problems import InputError, Location, Problem
from .core.schema import schema_text
from .locations import bundled_match, bundled_rulesets

if TYPE_CHECKING:
    from .records.form import ReportForm, ReportKind

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
REPORTS_FORM_HELP = "the reports' form: title, marking and logo (default: the bundled forms/reports.yaml)"


def resolve_ruleset(spec: str) -> Path:
    """A rule-set path, or the name of a bundled rule set. A bare bundled name means the bundled rule
    set even when a file or folder of that name is here (``./name`` chooses the local one)."""
    bundled = bundled_rulesets()
    if spec in bundled:
        return bundled[spec]
    path = Path(spec)
    if path.exists():
        return path
    names = ", ".join(bundled) or "none"
    raise InputError([Problem("no such rule-set file or folder, and no bundled rule set of that name",
                              Location(spec), hint=f"bundled rule sets: {names}")])


def _print_problems(problems: Sequence[Problem], out: TextIO) -> None:
    for problem in problems:
        print(str(problem), file=out)


def cmd_check(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    for spec in args.ruleset:
        try:
            path = resolve_ruleset(spec)
        except InputError as exc:
            _print_problems(exc.problems, err)
            status = EXIT_PROBLEMS
            continue
        report = inspect_ruleset(path)
        _print_problems(report.problems, err)
        if report.ruleset is None:
            print(f"{path}: {len(report.errors)} error(s), {len(report.warnings)} warning(s); "
                  "the rule set cannot be used until the errors are fixed", file=out)
            status = EXIT_PROBLEMS
            continue
        rs = report.ruleset
        kept_version = _same_version_other_content(rs)
        if kept_version:
            print(f"{path}: warning: {kept_version}", file=err)
            status = EXIT_PROBLEMS
        try:
            cases = load_cases(path, rs)
        except InputError as exc:
            _print_problems(exc.problems, err)
            print(f"{path}: the test cases have {len(exc.problems)} problem(s)", file=out)
            status = EXIT_PROBLEMS
            continue
        failed = 0
        for case in cases:
            result = run_case(rs, case)
            if not result.passed:
                failed += 1
                print(f"{case.location}: test case failed: {case.name}", file=err)
                for failure in result.failures:
                    print(f"    {failure}", file=err)
            elif args.verbose:
                print(f"  ok: {case.name}", file=out)
        from .core.training import check_case, load_training_cases

        try:
            training = load_training_cases(path, rs)
        except InputError as exc:
            _print_problems(exc.problems, err)
            print(f"{path}: the training cases have {len(exc.problems)} problem(s)", file=out)
            status = EXIT_PROBLEMS
            training = []
        training_failed = 0
        for tcase in training:
            problems = check_case(rs, tcase)
            if problems:
                training_failed += 1
                print(f"{tcase.location}: training case gives a different outcome: {tcase.id}", file=err)
                for problem in problems:
                    print(f"    {problem}", file=err)
        if report.warnings or failed or training_failed or not cases or kept_version:
            status = EXIT_PROBLEMS
        note = "" if cases else " (no test cases found: add some, see the README)"
        if training:
            note += f"; training cases: {len(training) - training_failed} passed, {training_failed} failed"
        print(f"{path}: {rs.metadata.name} {rs.version} [{rs.short_hash}]: "
              f"{len(report.warnings) + bool(kept_version)} warning(s); test cases: {len(cases) - failed} passed, "
              f"{failed} failed{note}", file=out)
    return status


def _same_version_other_content(rs: RuleSet) -> str:
    """A rule set that keeps a bundled rule set's id and version but not its content: records made with it
    would name a version that says something else. (What is knowable here: the bundled versions.)"""
    match = bundled_match(rs.id, rs.content_hash)
    if match is None or match[2] or match[1].version != rs.version:
        return ""
    return (f"this rule set says it is {rs.id} {rs.version}, but its content differs from the bundled {rs.id} "
            f"{rs.version} (see 'thresholds-app diff {match[0]} <this rule set>'); give it a version number of "
            "its own, so that records say which one they used")


def cmd_evaluate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    rs = load_ruleset(resolve_ruleset(args.ruleset))
    stdin = sys.stdin.buffer.read() if args.answers == "-" else None
    answers = load_answers_or_household(args.answers, rs, stdin=stdin)
    if isinstance(answers, Household):
        return _evaluate_household(rs, answers, args.json, out)
    rec = evaluate(rs, answers)
    if args.json:
        json.dump(rec.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        if rs.metadata.status != "adopted":
            print(f"Note: rule set status is '{rs.metadata.status}'. {rs.metadata.notice}\n", file=out)
        print(format_recommendation(rec, rs), file=out)
    return EXIT_OK


def _evaluate_household(rs: RuleSet, household: Household, as_json: bool, out: TextIO) -> int:
    outcome = evaluate_household(rs, household)
    if as_json:
        json.dump(outcome.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if rs.metadata.status != "adopted":
        print(f"Note: rule set status is '{rs.metadata.status}'. {rs.metadata.notice}\n", file=out)
    print(household_summary(outcome), file=out)
    for child in outcome.children:
        print(f"\n=== {child.label} ===", file=out)
        print(format_recommendation(child.recommendation, rs), file=out)
    return EXIT_OK


def cmd_next(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .core.interview import next_step

    rs = load_ruleset(resolve_ruleset(args.ruleset))
    stdin = sys.stdin.buffer.read() if args.answers == "-" else None
    step = next_step(rs, load_answers(args.answers, rs, stdin=stdin))
    if args.json:
        json.dump(step.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
        return EXIT_OK
    if step.settled:
        print("Settled: nothing still unanswered could change the outcome.\n", file=out)
        print(format_recommendation(step.recommendation, rs), file=out)
        return EXIT_OK
    print(f"Not settled yet ({step.stage.replace('_', ' ')}). Ask:", file=out)
    for item in step.ask:
        options = ", ".join(f"{oid} ({label})" for oid, label in item.options)
        print(f"- [{item.kind}] {item.id}: {item.text}\n    answers: {options}", file=out)
    return EXIT_OK


def cmd_interview(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .terminal import run_interview

    rs = load_ruleset(resolve_ruleset(args.ruleset))
    return run_interview(rs, sys.stdin, out, Path(args.answers_out) if args.answers_out else None)


def cmd_rulesets(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    for name, path in bundled_rulesets().items():
        report = inspect_ruleset(path)
        if report.ruleset is None:
            print(f"{name}: cannot be loaded ({len(report.errors)} error(s)); run 'thresholds-app check {name}'",
                  file=out)
            continue
        m = report.ruleset.metadata
        print(f"{name}: {m.name} {m.version} ({m.status}), {m.partnership}, "
              f"{len(report.ruleset.levels)} levels, {len(report.ruleset.indicators)} indicators", file=out)
    return EXIT_OK


def cmd_show_ruleset(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """An outline of a rule set with the ids an answers file uses."""
    rs = load_ruleset(resolve_ruleset(args.ruleset))
    m = rs.metadata
    print(f"{m.name} {m.version} ({m.status}), {m.partnership}; {rs.content_hash}", file=out)
    print("\nLevels:", file=out)
    for lv in rs.levels:
        print(f"  {lv.number}  {lv.name}: {lv.short} -> {rs.routes[lv.route].name}", file=out)
    print("\nScreening (answers file: screening: {question: option}; for a household, under each child):", file=out)
    for q in rs.screening:
        options = ", ".join(o.id for o in q.options)
        where = " [family]" if q.scope == "family" else ""
        print(f"  {q.id}{where}: {q.text}\n      options: {options}", file=out)
    print("\nIndicators (answers file: indicators: {id: yes | no | dont_know}). For a household, statements marked "
          "[family] are answered once, above 'children'; the others under each child.", file=out)
    for domain in rs.domains:
        print(f"  [{domain.id}] {domain.name}" + ("  [family]" if domain.scope == "family" else ""), file=out)
        for ind in domain.indicators:
            where = f" [{ind.scope}]" if ind.scope != domain.scope else ""
            print(f"      {ind.id} (level {ind.level}){where}: {ind.text}", file=out)
    print("\nAreas (answers file: domains: {area: no_concerns | dont_know}) are the ids in [brackets]; strengths "
          "(strengths: [id, ...]):", file=out)
    for domain in rs.domains:
        if domain.strengths:
            print(f"  [{domain.id}] " + ", ".join(s.id for s in domain.strengths), file=out)
    return EXIT_OK


def cmd_print(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .records.atomic import write_output
    from .records.form import load_form
    from .records.household_record import HouseholdRecord, load_any_record
    from .records.pdf import render_record

    if Path(args.output).resolve() == Path(args.record).resolve():
        raise InputError([Problem("the PDF would replace the record it prints", Location(args.output),
                                  hint="give another file name with -o")])
    record = load_any_record(args.record)
    form = load_form(args.form) if args.form else None
    if isinstance(record, HouseholdRecord):
        from .records.household_pdf import render_household

        rendered: Any = render_household(record, form)
    else:
        rendered = render_record(record, form)
    write_output(Path(args.output), rendered.pdf)
    if not record.hash_ok:
        print(f"warning: {args.record} has been changed since it was made (its hash does not match); the PDF "
              "says so on its first page.", file=err)
    if rendered.missing_characters:
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in rendered.missing_characters[:20])
        print(f"warning: {len(rendered.missing_characters)} character(s) have no glyph in the bundled font and "
              f"print as boxes: {shown}. The record inside the PDF keeps them exactly.", file=err)
    print(f"Wrote {args.output} ({rendered.pages} page(s)).", file=out)
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .records.household_record import HouseholdRecord, load_any_record
    from .records.printing import when as _when

    record = load_any_record(args.record)
    if not isinstance(record, HouseholdRecord):
        return _show_record(record, args, out)
    count = len(record.children)
    print(f"Household record {record.household_id[:8]}, made {_when(record.created)}: {count} "
          f"{'child' if count == 1 else 'children'}, one outcome each", file=out)
    if record.hash_ok:
        print(f"Household hash: verified ({record.household_hash[:23]}...): no child's record was added, removed "
              "or changed since it was saved.", file=out)
    else:
        print("Household hash: MISMATCH: the household record has been changed since it was made. Treat its "
              "contents with caution and ask the referrer for the original.", file=out)
    worst = EXIT_OK
    levels = [int(child.recommendation["level"]["number"]) for child in record.children]
    for index, (label, child) in enumerate(zip(record.labels, record.children, strict=True)):
        print(f"\n=== {label} ===", file=out)
        # Re-checked with the brothers' and sisters' outcomes known, as when the referral was made.
        siblings = max((level for i, level in enumerate(levels) if i != index), default=0)
        worst = max(worst, _show_record(child, args, out, sibling_level=siblings))
    return worst


def _show_record(record: Any, args: argparse.Namespace, out: TextIO, *, sibling_level: int = 0) -> int:
    from .core.answers import parse_answers
    from .core.yamlsource import SourceMap
    from .records.printing import when as _when

    rec = record.recommendation
    level, route = rec["level"], rec["route"]
    of = f" of {level['of']}" if level.get("of") else ""
    print(f"Decision record {record.record_id[:8]}, made {_when(record.created)}"
          + (f", amended {_when(record.amended)}" if record.amended else ""), file=out)
    if record.hash_ok:
        print(f"Record hash: verified ({record.record_hash[:23]}...): the content matches the hash made when it "
              "was saved. (A hash is a fingerprint, not a signature: it cannot prove who made the record.)",
              file=out)
    else:
        print("Record hash: MISMATCH: the record has been changed since it was made. Treat its contents with "
              "caution and ask the referrer for the original.", file=out)
    referrer = ", ".join(x for x in (record.referrer.role, record.referrer.agency) if x) or "(not given)"
    print(f"Referrer: {referrer}", file=out)
    print(f"Child: {record.child.label}" + (f"; {record.child.age_band}" if record.child.age_band else ""), file=out)
    rs = record.ruleset
    print(f"Rule set used: {rs['name']} {rs['version']} ({rs['content_hash'][:19]})", file=out)
    print(f"Outcome then: Level {level['number']}{of}, {level['name']}; {route['name']}", file=out)
    j = record.judgement
    if j.agrees:
        print("Referrer's judgement: agrees with the outcome", file=out)
    else:
        differs = "; ".join(x for x in (f"level {j.level}" if j.level is not None else "",
                                        f"route {j.route}" if j.route else "") if x)
        print(f"Referrer's judgement: differs ({differs}). Reason: {j.reason}", file=out)
    print(f"Consent: {record.consent.label}" + (f". {record.consent.reason}" if record.consent.reason else ""),
          file=out)
    if args.ruleset:
        ruleset = load_ruleset(resolve_ruleset(args.ruleset))
    else:
        match = bundled_match(rs["id"], rs["content_hash"])
        if match is None:
            print(f"\nCannot re-check: rule set '{rs['id']}' is not bundled with this version. Give it with "
                  "--ruleset.", file=out)
            return EXIT_PROBLEMS
        ruleset = match[1]
    same = ruleset.content_hash == rs["content_hash"]
    print(f"\nRe-checked against: {ruleset.metadata.name} {ruleset.version} ({ruleset.content_hash[:19]})"
          + (": the same rule set." if same else ": a DIFFERENT rule set from the one used."), file=out)
    try:
        answers = parse_answers(dict(record.answers), SourceMap(Location(f"{args.record} (answers)")), ruleset)
    except InputError as exc:
        print("Cannot re-check: the current rule set does not accept this record's answers:", file=out)
        _print_problems(exc.problems, out)
        return EXIT_PROBLEMS
    now = evaluate(ruleset, answers, sibling_level=sibling_level)
    print(f"Outcome today: Level {now.level.number} of {now.top_level}, {now.level.name}; {now.route.name}",
          file=out)
    if (now.level.number, now.route.id) == (level["number"], route["id"]):
        print("The outcome would be the same today.", file=out)
        return EXIT_OK
    print("The outcome WOULD DIFFER today. Review the decision with the current rule set. What changed:", file=out)
    from .records.mash import changes_since

    for change in changes_since(rec, now):
        print(f"  - {change}", file=out)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .core.ruleset_diff import compare_rulesets
    from .records.saved_answers import children_answers

    notes: list[str] = []
    records = list(children_answers(Path(args.records), notes)) if args.records else []
    comparison = compare_rulesets(resolve_ruleset(args.old), resolve_ruleset(args.new), records, notes,
                                  Path(args.calibration) if args.calibration else None)
    if args.output:
        from .records.atomic import write_output
        from .records.diff_pdf import render_comparison

        write_output(Path(args.output), render_comparison(comparison, form=_report_form("revision", args)))
        print(f"Wrote {args.output}.", file=err)
    if args.json:
        json.dump(comparison.to_dict(), out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        print(comparison.text(), file=out)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .records.atomic import write_output
    from .records.audit import scan, summarise, summary_text, to_csv

    folder = Path(args.folder)
    if not folder.is_dir():
        raise InputError([Problem("no such folder", Location(str(folder)), hint="give the folder of records")])
    for output in (args.csv, args.pdf):
        if output and Path(output).exists() and Path(output).resolve().is_relative_to(folder.resolve()):
            raise InputError([Problem("this file is inside the folder being audited, and would be replaced",
                                      Location(output), hint="write the report outside the folder of records")])

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} files read", end="" if done < total else "\n", file=err, flush=True)

    result = scan(folder, progress=progress if not args.quiet else None, validate=args.validate)
    threshold = args.threshold
    if threshold is None:
        threshold = 4
        for path in bundled_rulesets().values():
            report = inspect_ruleset(path)
            rs = report.ruleset
            if rs is not None and rs.mash is not None and any(r.ruleset.startswith(rs.id + " ") for r in result.rows):
                threshold = rs.mash.referral_threshold
                break
    summary = summarise(result, threshold)
    # The files asked for are written first, so a closed output pipe cannot stop them.
    written = []
    if args.csv:
        write_output(Path(args.csv), to_csv(result).encode("utf-8"))
        written.append(args.csv)
    if args.pdf:
        from .records.audit_pdf import render_audit

        write_output(Path(args.pdf), render_audit(summary, result, form=_report_form("audit", args)))
        written.append(args.pdf)
    print(summary_text(summary, result), file=out)
    for name in written:
        print(f"Wrote {name}", file=out)
    return EXIT_OK if result.rows else EXIT_PROBLEMS


def _report_form(kind: ReportKind, args: argparse.Namespace) -> ReportForm:
    """The report's title, marking and logo: from --form, or the bundled forms/reports.yaml."""
    from .records.form import load_report_form

    return load_report_form(kind, args.form)


def cmd_grid(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .records.atomic import write_output
    from .records.grid_pdf import render_grid

    ruleset = load_ruleset(resolve_ruleset(args.ruleset))
    pdf, pages = render_grid(ruleset, page_size=args.page_size, form=_report_form("grid", args))
    write_output(Path(args.output), pdf)
    print(f"Wrote {args.output} ({pages} pages, landscape {args.page_size}).", file=out)
    return EXIT_OK


def cmd_questionnaire(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .core.questionnaire import build_questionnaire, questionnaire_markdown
    from .records.atomic import write_output

    questionnaire = build_questionnaire(load_ruleset(resolve_ruleset(args.ruleset)))
    if not args.output:
        out.write(questionnaire_markdown(questionnaire, ids=args.ids))
        return EXIT_OK
    target = Path(args.output)
    if target.suffix.lower() == ".pdf":
        from .records.questionnaire_pdf import render_questionnaire

        pdf, pages = render_questionnaire(questionnaire, ids=args.ids, form=_report_form("questionnaire", args))
        write_output(target, pdf)
        print(f"Wrote {args.output} ({pages} pages, {questionnaire.statement_count()} statements).", file=out)
    elif target.suffix.lower() in (".md", ".txt"):
        write_output(target, questionnaire_markdown(questionnaire, ids=args.ids).encode("utf-8"))
        print(f"Wrote {args.output} ({questionnaire.statement_count()} statements).", file=out)
    else:
        print(f"error: {args.output}: the questionnaire is written as .pdf or .md; end the file name with one "
              "of them.", file=err)
        return EXIT_USAGE
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(schema_text(args.which))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="thresholds-app",
        description="Levels-of-need decision support. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    p = sub.add_parser("gui", help="open the desktop app (the default)")
    p = sub.add_parser("check", help="validate and lint rule sets and run their test cases")
    p.add_argument("ruleset", nargs="+", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("-v", "--verbose", action="store_true", help="list each passing test case")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("evaluate", help="recommend a level and route for a set of answers")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("answers", help="answers file (YAML or JSON), or - to read standard input")
    p.add_argument("--json", action="store_true", help="print the recommendation as JSON")
    p.set_defaults(func=cmd_evaluate)
    p = sub.add_parser("interview", help="answer the short interview in the terminal, step by step")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("--answers-out", help="save the answers (YAML) to this file, also if you stop early")
    p.set_defaults(func=cmd_interview)
    p = sub.add_parser("next", help="one step of the interview: what to ask next, or that the outcome is settled")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("answers", help="answers so far (YAML or JSON), or - to read standard input")
    p.add_argument("--json", action="store_true", help="print the step as JSON (settled, ask, recommendation)")
    p.set_defaults(func=cmd_next)
    p = sub.add_parser("rulesets", help="list the bundled rule sets")
    p.set_defaults(func=cmd_rulesets)
    p = sub.add_parser("show-ruleset", help="outline a rule set and the ids an answers file uses")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.set_defaults(func=cmd_show_ruleset)
    p = sub.add_parser("print", help="print a decision record to PDF")
    p.add_argument("record", help="a record (.json, or a PDF printed by thresholds-app)")
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--form", help="a printed-record template (default: the bundled decision record)")
    p.set_defaults(func=cmd_print)
    p = sub.add_parser("show", help="summarise a record and re-check it against its rule set")
    p.add_argument("record", help="a record (.json, or a PDF printed by thresholds-app)")
    p.add_argument("--ruleset", help="re-check against this rule set instead of the bundled one the record names")
    p.set_defaults(func=cmd_show)
    p = sub.add_parser("audit", help="audit a folder of decision records (JSON and PDF)")
    p.add_argument("folder", help="the folder of records (searched recursively)")
    p.add_argument("--csv", help="also write one line per record to this CSV file")
    p.add_argument("--pdf", help="also write a PDF report with charts to this file")
    p.add_argument("--threshold", type=int, help="the referral threshold level (default: from the rule set)")
    p.add_argument("--validate", action="store_true", help="check every record against the full schema (slower)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress count")
    p.add_argument("--form", help=REPORTS_FORM_HELP)
    p.set_defaults(func=cmd_audit)
    p = sub.add_parser("diff", help="what changed between two versions of a rule set, and whose outcome it changes")
    p.add_argument("old", help="the earlier rule set: a file or folder, or a bundled name")
    p.add_argument("new", help="the revised rule set")
    p.add_argument("--records", help="a folder of saved records to re-evaluate with both versions")
    p.add_argument("--calibration", help="a folder of blind raters' tool sheets (see docs/calibration.md) to run "
                                         "with both versions")
    p.add_argument("--json", action="store_true", help="print the comparison as JSON")
    p.add_argument("-o", "--output", help="also write the report as a PDF for the partnership board")
    p.add_argument("--form", help=REPORTS_FORM_HELP)
    p.set_defaults(func=cmd_diff)
    p = sub.add_parser("grid", help="print a rule set as the levels-of-need grid (PDF)")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("-o", "--output", required=True, help="the PDF file to write")
    p.add_argument("--page-size", default="A4", choices=["A4", "A3"], help="landscape A4 (default) or A3")
    p.add_argument("--form", help=REPORTS_FORM_HELP)
    p.set_defaults(func=cmd_grid)
    p = sub.add_parser("questionnaire", help="print every question the app asks, without rules (Markdown or PDF)")
    p.add_argument("ruleset", help="rule-set file or folder, or a bundled rule-set name")
    p.add_argument("-o", "--output", help="a .pdf or .md file to write (default: Markdown on standard output)")
    p.add_argument("--ids", action="store_true", help="print each question's and statement's id (for studies)")
    p.add_argument("--form", help=REPORTS_FORM_HELP)
    p.set_defaults(func=cmd_questionnaire)
    p = sub.add_parser("schema", help="print a JSON Schema (for editors)")
    p.add_argument("which", nargs="?", default="ruleset", choices=["ruleset", "answers", "casetests"])
    p.set_defaults(func=cmd_schema)
    return parser


def _replacing(stream: TextIO) -> TextIO:
    """A console that cannot show a character (a Windows code page, output redirected to a file) shows a
    replacement instead of stopping the command half-way with UnicodeEncodeError."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="replace")
    return stream


class _Console(io.TextIOBase):
    """What a command writes, with control characters from record text or file names (escape sequences
    that recolour or retitle a terminal, a carriage return that hides a line) shown as escapes."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream

    def write(self, text: str) -> int:
        self.stream.write(printable(text, keep="\n\t") if not text.startswith("\r") else
                          "\r" + printable(text[1:], keep="\n\t"))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()


def run(argv: Sequence[str], out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run a headless command and return its exit status. Never raises for bad input."""
    out = cast(TextIO, _Console(out or _replacing(sys.stdout)))
    err = cast(TextIO, _Console(err or _replacing(sys.stderr)))
    parser = build_parser()
    try:
        args = parser.parse_args(list(argv))
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else EXIT_USAGE
    specs = getattr(args, "ruleset", None)
    for spec in [specs] if isinstance(specs, str) else specs or []:
        if spec in bundled_rulesets() and Path(spec).exists():
            print(f"Note: '{spec}' is the bundled rule set; the file or folder of that name here is not used. "
                  f"To use it, write ./{spec}", file=err)
    try:
        return int(args.func(args, out, err))
    except InputError as exc:
        _print_problems(exc.problems, err)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        print(f"thresholds-app: internal error ({type(exc).__name__}). Please report this with the "
              "command you ran; no personal data is included in this message.", file=err)
        return EXIT_INTERNAL
