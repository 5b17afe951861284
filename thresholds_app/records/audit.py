"""Audits over a folder of decision records: counts, agreement, below-threshold referrals.

For multi-agency audits and the partnership board. Every record (JSON, or a PDF carrying one) is
read; a record that cannot be read is listed with the reason and the audit goes on; duplicates
(the same record hash) are counted once. Nothing here repeats a child's details.
"""

from __future__ import annotations

import csv
import io
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.jsonsource import parse_json
from ..core.printable import printable
from ..core.problems import InputError
from ..core.yamlsource import read_regular
from .record import FORMAT, MAX_RECORD_BYTES, VERSION, compute_hash, parse_record

MAX_FILES = 200_000
LEVEL_COLOURS = ("#2E7D32", "#F9A825", "#EF6C00", "#C62828", "#6A1B9A", "#37474F")


def level_colour(level: int) -> str:
    """The colour charts use for a level (by its number, so level 4 is the same red on every chart)."""
    return LEVEL_COLOURS[(level - 1) % len(LEVEL_COLOURS)]


@dataclass(frozen=True, slots=True)
class AuditRow:
    """What an audit needs from one record, and nothing that identifies the child."""

    file: str
    record_id: str
    record_hash: str
    hash_ok: bool
    #: The hash of what the record says now: copies with the same content are duplicates.
    content_hash: str
    role: str
    agency: str
    ruleset: str
    created: str
    tool_level: int
    tool_route: str
    referrer_level: int
    referrer_agrees: bool
    mash_decision: str | None
    mash_decision_name: str | None
    mash_level: int | None
    indicators: tuple[str, ...]
    indicator_texts: tuple[str, ...]
    gaps: tuple[str, ...]
    #: The household a child's record belongs to ("" for a record of one child alone).
    household: str = ""


@dataclass
class AuditResult:
    rows: list[AuditRow] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    files_seen: int = 0
    #: The person stopped the audit: the figures cover only the files read before then.
    cancelled: bool = False


def cohens_kappa(pairs: Sequence[tuple[Any, Any]]) -> float | None:
    """Cohen's kappa for two raters over the same items; None when it is undefined."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second.get(k, 0) for k in first) / (n * n)
    if expected == 1:
        return 1.0 if observed == 1 else None
    return (observed - expected) / (1 - expected)


def _row(doc: dict[str, Any], name: str) -> AuditRow:
    """Pull the audit's fields from a record document, checking the shape as it goes."""
    rec = doc["recommendation"]
    judgement = doc["judgement"]
    tool_level = int(rec["level"]["number"])
    agrees = bool(judgement["agrees"])
    referrer_level = tool_level if agrees or judgement.get("level") is None else int(judgement["level"])
    mash = doc.get("mash")
    decision = mash["decision"] if isinstance(mash, dict) else None
    ticked = rec.get("indicators_ticked", [])
    referrer = doc.get("referrer", {})
    ruleset = doc["ruleset"]
    return AuditRow(
        file=name, record_id=str(doc["record_id"]), record_hash=str(doc["record_hash"]),
        hash_ok=(content := compute_hash(doc)) == doc["record_hash"], content_hash=content,
        role=str(referrer.get("role", "")).strip() or "(role not given)",
        agency=str(referrer.get("agency", "")).strip() or "(agency not given)",
        ruleset=f"{ruleset['id']} {ruleset['version']}", created=str(doc["created"]),
        tool_level=tool_level, tool_route=str(rec["route"]["id"]), referrer_level=referrer_level,
        referrer_agrees=agrees,
        mash_decision=str(decision["id"]) if decision else None,
        mash_decision_name=str(decision["name"]) if decision else None,
        mash_level=int(decision["level"]) if decision else None,
        indicators=tuple(str(i["id"]) for i in ticked), indicator_texts=tuple(str(i["text"]) for i in ticked),
        gaps=tuple(str(g["text"]) for g in rec.get("gaps", []) if g.get("kind") != "question"),
    )


def read_rows(path: Path, *, validate: bool = False) -> list[AuditRow]:
    """The audit rows of one file: one for a child's record, one per child for a household's."""
    from .household_record import HouseholdRecord, load_any_record

    if path.suffix.lower() == ".pdf" or validate:
        record = load_any_record(path)
        if isinstance(record, HouseholdRecord):
            return _household_rows(record.to_dict(), str(path))
        return [_row(record.to_dict(), str(path))]
    raw = read_regular(path, MAX_RECORD_BYTES, "this is far larger than any record: check it is the right file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text, so not a saved record") from None
    doc = parse_json(text, str(path), what="record")
    if isinstance(doc, dict) and doc.get("format") == "thresholds-household":
        from .household_record import parse_household_record

        return _household_rows(parse_household_record(doc, str(path)).to_dict(), str(path))
    return [_row_of_document(doc, path)]


def _household_rows(document: dict[str, Any], name: str) -> list[AuditRow]:
    count = len(document["children"])
    return [replace(_row(part["record"], name), household=str(document["household_id"]),
                    file=f"{name} (child {i} of {count})")
            for i, part in enumerate(document["children"], 1)]


def read_row(path: Path, *, validate: bool = False) -> AuditRow:
    """One child's record as an audit row (the first child's, for a household's)."""
    return read_rows(path, validate=validate)[0]


def _row_of_document(doc: Any, path: Path) -> AuditRow:
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValueError("not a thresholds decision record")
    if doc.get("version") not in range(1, VERSION + 1):
        # Other formats go through the full loader, which explains; version 1 differs from the
        # current one only by optional judgement details the audit does not read.
        record = parse_record(doc, str(path))
        return _row(record.to_dict(), str(path))
    try:
        return _row(doc, str(path))
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError):
        raise ValueError("a required part of the record is missing or has the wrong type") from None


#: From this many files, two processes read them (the reading is CPU-bound: JSON and hashing).
PARALLEL_FROM = 2_000


def _read_file(path: Path, name: str, validate: bool) -> list[AuditRow] | str:
    """The rows of one file, named ``name``; or, for a file that is not a readable record, why not."""
    try:
        found = read_rows(path, validate=validate)
    except InputError as exc:
        return exc.problems[0].message if exc.problems else "cannot be read"
    except (OSError, ValueError) as exc:
        return str(exc) if isinstance(exc, ValueError) else "cannot be read"
    except Exception:  # a damaged file (a PDF library's own error, ...) never stops the audit
        return "damaged: it could not be read as a record"
    # A household's rows are named by file and child position ("(child 2 of 3)"), never by child.
    whole = str(path)
    return [replace(row, file=name + row.file[len(whole):]) if row.file != name else row for row in found]


def _read_chunk(chunk: list[tuple[str, str]], validate: bool) -> list[list[AuditRow] | str]:
    """A worker process's share: (path, name) pairs in, one result per file out, in order."""
    return [_read_file(Path(path), name, validate) for path, name in chunk]


class _Interned:
    """One copy of each repeated text (role, agency, rule set, route, statement texts) across all rows: most
    of a row's text repeats from record to record, so an audit of 100,000 keeps under 1 KiB a record."""

    def __init__(self) -> None:
        self.seen: dict[Any, Any] = {}

    def __call__(self, row: AuditRow) -> AuditRow:
        one = self.seen.setdefault
        return AuditRow(
            row.file, row.record_id, row.record_hash, row.hash_ok, row.content_hash, one(row.role, row.role),
            one(row.agency, row.agency), one(row.ruleset, row.ruleset), row.created, row.tool_level,
            one(row.tool_route, row.tool_route), row.referrer_level, row.referrer_agrees,
            one(row.mash_decision, row.mash_decision), one(row.mash_decision_name, row.mash_decision_name),
            row.mash_level, one(row.indicators, row.indicators), one(row.indicator_texts, row.indicator_texts),
            one(row.gaps, row.gaps), one(row.household, row.household))


def _results(named: list[tuple[Path, str]], validate: bool, cancelled: Callable[[], bool]
             ) -> Generator[list[AuditRow] | str, None, None]:
    """Each file's result in order: in this process, or for a large folder in two worker processes."""
    workers = min(2, os.cpu_count() or 1)
    if len(named) < PARALLEL_FROM or workers < 2:
        for path, name in named:
            yield _read_file(path, name, validate)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    size = 200
    chunks = [[(str(p), n) for p, n in named[i:i + size]] for i in range(0, len(named), size)]
    # "spawn", not fork: the app audits from a worker thread, and forking a process that has threads
    # (Qt's among them) can deadlock the child. It is also what Windows and macOS do anyway.
    done = 0
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
            futures = [pool.submit(_read_chunk, chunk, validate) for chunk in chunks]
            try:
                for future in futures:
                    if cancelled():
                        return
                    part = future.result()
                    yield from part
                    done += len(part)
            finally:
                for future in futures:
                    future.cancel()
    except (OSError, RuntimeError, BrokenProcessPool):
        # Worker processes could not start or died (a locked-down machine, an embedding program): the rest
        # is read here, more slowly, rather than the audit failing.
        for path, name in named[done:]:
            if cancelled():
                return
            yield _read_file(path, name, validate)


def scan(folder: Path, *, progress: Callable[[int, int], None] | None = None, validate: bool = False,
         files: Iterable[Path] | None = None, cancelled: Callable[[], bool] = lambda: False) -> AuditResult:
    """Read every .json and .pdf record under ``folder``. ``cancelled`` is asked between files; once it
    answers True the audit stops and says so (``AuditResult.cancelled``)."""
    paths = sorted(files) if files is not None else sorted(
        p for p in folder.rglob("*") if p.suffix.lower() in (".json", ".pdf") and p.is_file())
    result = AuditResult(files_seen=len(paths))
    total = min(len(paths), MAX_FILES)
    prefix = str(folder).rstrip("/\\") + os.sep
    named = [(path, printable(str(path)[len(prefix):] if str(path).startswith(prefix) else str(path)))
             for path in paths[:MAX_FILES]]
    intern = _Interned()
    results = _results(named, validate, cancelled)
    try:
        _gather(results, named, total, result, intern, progress, cancelled)
    finally:
        results.close()  # a cancelled audit stops its worker processes now, not when collected
    if len(paths) > MAX_FILES:
        result.skipped.append((str(folder), f"only the first {MAX_FILES:,} files were read"))
    return result


def _gather(results: Iterator[list[AuditRow] | str], named: list[tuple[Path, str]], total: int,
            result: AuditResult, intern: _Interned, progress: Callable[[int, int], None] | None,
            cancelled: Callable[[], bool]) -> None:
    """Count each file's rows once: duplicates (the same content) are listed, not counted again."""
    seen: dict[str, int] = {}  # content hash -> position in rows
    for n, found in enumerate(results, 1):
        if isinstance(found, str):
            result.skipped.append((named[n - 1][1], found))
        for row in () if isinstance(found, str) else found:
            row = intern(row)
            kept = seen.get(row.content_hash)
            if kept is None:
                seen[row.content_hash] = len(result.rows)
                result.rows.append(row)
            elif row.mash_decision and not result.rows[kept].mash_decision:
                # The same referral twice (a JSON and its PDF, a MASH-reviewed copy): one counts, the
                # one with the front door's decision if there is one, whatever the file names.
                result.duplicates.append((result.rows[kept].file, row.file))
                result.rows[kept] = row
            else:
                result.duplicates.append((row.file, result.rows[kept].file))
        if progress is not None and (n % 500 == 0 or n == total):
            progress(n, total)
        if n < total and cancelled():
            result.cancelled = True
            return


@dataclass(frozen=True)
class Agreement:
    pairs: int
    agree: int
    kappa: float | None

    @property
    def percent(self) -> float | None:
        return 100.0 * self.agree / self.pairs if self.pairs else None


def agreement(pairs: Sequence[tuple[int, int]]) -> Agreement:
    return Agreement(len(pairs), sum(1 for a, b in pairs if a == b), cohens_kappa(pairs))


@dataclass
class AuditSummary:
    records: int
    skipped: int
    duplicates: int
    edited: int
    by_role: Counter[str]
    by_agency: Counter[str]
    by_tool_level: Counter[int]
    by_referrer_level: Counter[int]
    by_mash_decision: Counter[str]
    level_by_role: dict[str, Counter[int]]
    agreement_by_role: dict[str, dict[str, Agreement]]
    agreement_overall: dict[str, Agreement]
    below_threshold_by_role: dict[str, tuple[int, int, int]]  # (tool below, MASH below, records)
    top_indicators: list[tuple[str, int]]
    top_gaps: list[tuple[str, int]]
    threshold: int
    rulesets: Counter[str]
    #: Households assessed together (records of several children), and the children in them.
    households: int = 0
    children_in_households: int = 0


COMPARISONS = ("referrer vs tool", "tool vs MASH", "referrer vs MASH")


def summarise(result: AuditResult, threshold: int, top: int = 10) -> AuditSummary:
    rows = result.rows
    level_by_role: dict[str, Counter[int]] = defaultdict(Counter)
    pairs_by_role: dict[str, dict[str, list[tuple[int, int]]]] = defaultdict(lambda: defaultdict(list))
    below: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for row in rows:
        level_by_role[row.role][row.tool_level] += 1
        groups = (row.role, "All referrers")
        for group in groups:
            pairs_by_role[group]["referrer vs tool"].append((row.referrer_level, row.tool_level))
            if row.mash_level is not None:
                pairs_by_role[group]["tool vs MASH"].append((row.tool_level, row.mash_level))
                pairs_by_role[group]["referrer vs MASH"].append((row.referrer_level, row.mash_level))
        counts = below[row.role]
        counts[0] += row.tool_level < threshold
        counts[1] += row.mash_level is not None and row.mash_level < threshold
        counts[2] += 1
    agreement_by_role = {role: {c: agreement(p[c]) for c in COMPARISONS}
                         for role, p in pairs_by_role.items() if role != "All referrers"}
    overall = {c: agreement(pairs_by_role["All referrers"][c]) for c in COMPARISONS}
    indicator_counts = Counter(text for row in rows for text in row.indicator_texts)
    gap_counts = Counter(text for row in rows for text in row.gaps)
    return AuditSummary(
        records=len(rows), skipped=len(result.skipped), duplicates=len(result.duplicates),
        edited=sum(1 for r in rows if not r.hash_ok),
        by_role=Counter(r.role for r in rows), by_agency=Counter(r.agency for r in rows),
        by_tool_level=Counter(r.tool_level for r in rows), by_referrer_level=Counter(r.referrer_level for r in rows),
        by_mash_decision=Counter(r.mash_decision_name or "(no MASH decision recorded)" for r in rows),
        level_by_role=dict(level_by_role), agreement_by_role=agreement_by_role, agreement_overall=overall,
        below_threshold_by_role={k: (v[0], v[1], v[2]) for k, v in below.items()},
        top_indicators=indicator_counts.most_common(top), top_gaps=gap_counts.most_common(top),
        threshold=threshold, rulesets=Counter(r.ruleset for r in rows),
        households=len({r.household for r in rows if r.household}),
        children_in_households=sum(1 for r in rows if r.household))


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0f}%"


def _kappa(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def summary_text(summary: AuditSummary, result: AuditResult) -> str:
    s = summary
    lines = [f"Records audited: {s.records} (files read: {result.files_seen}; could not be read: {s.skipped}; "
             f"duplicates ignored: {s.duplicates}; edited after they were made: {s.edited})"]
    lines.append(f"Children: {s.records}, one record each; {s.records - s.children_in_households} assessed alone, "
                 f"{s.children_in_households} in {s.households} household(s) assessed together")
    lines.append("Rule sets: " + ", ".join(f"{k} ({v})" for k, v in sorted(s.rulesets.items())))
    lines.append("\nBy referrer role:")
    lines += [f"  {role}: {n}" for role, n in sorted(s.by_role.items())]
    lines.append("\nBy referring agency:")
    lines += [f"  {agency}: {n}" for agency, n in sorted(s.by_agency.items())]
    lines.append("\nBy level (tool's recommendation / referrer's judgement):")
    for level in sorted(set(s.by_tool_level) | set(s.by_referrer_level)):
        lines.append(f"  Level {level}: {s.by_tool_level.get(level, 0)} / {s.by_referrer_level.get(level, 0)}")
    lines.append("\nMASH decisions:")
    lines += [f"  {name}: {n}" for name, n in sorted(s.by_mash_decision.items())]
    lines.append("\nAgreement on the level (plain agreement, Cohen's kappa, number of pairs):")
    for label, table in (("All referrers", s.agreement_overall), *sorted(s.agreement_by_role.items())):
        parts = [f"{c}: {_pct(a.percent)}, kappa {_kappa(a.kappa)}, n={a.pairs}" for c, a in table.items()]
        lines.append(f"  {label}: " + "; ".join(parts))
    lines.append(f"\nReferrals below the referral threshold (level {s.threshold}), by role "
                 "(by the tool's recommendation / by the MASH decision / records):")
    lines += [f"  {role}: {a} / {b} / {n}" for role, (a, b, n) in sorted(s.below_threshold_by_role.items())]
    lines.append("\nIndicators most often ticked:")
    lines += [f"  {n} x {text}" for text, n in s.top_indicators]
    lines.append("\nMost common information gaps:")
    lines += [f"  {n} x {text}" for text, n in s.top_gaps] or ["  none"]
    if result.skipped:
        lines.append("\nRecords that could not be read:")
        lines += [f"  {name}: {reason}" for name, reason in result.skipped[:50]]
        if len(result.skipped) > 50:
            lines.append(f"  ... and {len(result.skipped) - 50} more (see the CSV)")
    return "\n".join(lines)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Text a spreadsheet would run as a formula (CSV injection) is kept as text with a leading apostrophe."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def to_csv(result: AuditResult) -> str:
    """One line per record read (no child details), then one per file that could not be read. Every
    text cell is made safe to open in a spreadsheet."""
    rows: list[list[object]] = [["file", "status", "record_id", "created", "role", "agency", "ruleset",
                                 "tool_level", "tool_route", "referrer_level", "referrer_agrees", "mash_decision",
                                 "mash_level", "hash_ok", "indicators", "household"]]
    rows += [[r.file, "read", r.record_id, r.created, r.role, r.agency, r.ruleset, r.tool_level, r.tool_route,
              r.referrer_level, r.referrer_agrees, r.mash_decision or "",
              "" if r.mash_level is None else r.mash_level, r.hash_ok, " ".join(r.indicators), r.household]
             for r in result.rows]
    rows += [[name, f"skipped: {reason}", *[""] * 14] for name, reason in result.skipped]
    rows += [[name, f"duplicate of {first}", *[""] * 14] for name, first in result.duplicates]
    out = io.StringIO()
    csv.writer(out).writerows([_cell(v) for v in row] for row in rows)
    return out.getvalue()
