"""Benchmark the audit: 10,000 JSON records with damaged files, duplicates and two rule-set versions.

    python benchmarks/bench_audit.py [COUNT]

Reports records per second for the normal audit and for --validate (full schema check per record), the
floor (find the files, json.loads each and check its hash, in one process: what any audit must do), and
the memory kept per record. Figures to read, not pass/fail tests.
"""

from __future__ import annotations

import gc
import json
import random
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.records_helpers import make_record
from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.loader import load_ruleset
from thresholds_app.locations import bundled_rulesets
from thresholds_app.records.audit import scan, summarise
from thresholds_app.records.mash import add_review
from thresholds_app.records.record import Referrer, compute_hash

ROLES = ["Police", "Education", "Health", "Early years", "Housing", "Voluntary"]
CASES = [{}, {"ed_occasional_absence": "yes"}, {"ed_persistent_absence": "yes", "fs_few_friends": "yes"},
         {"es_unexplained_injury": "yes", "da_repeated": "dont_know"}, {"bc_chronic_neglect": "yes"}]
DECISIONS = ["nfa_universal", "step_across_early_help", "consultation_advice", "s17_assessment", "s47_strategy"]


def make_folder(folder: Path, count: int) -> None:
    rs = load_ruleset(bundled_rulesets()["model-four-level"])
    rng = random.Random(3)
    bases = []
    for role in ROLES:
        for case in CASES:
            record = make_record(rs, indicators=case, referrer=Referrer(role=role, agency=f"{role} service"))
            decision = rng.choice(DECISIONS)
            answers = Answers.from_dict({"indicators": case})
            record = add_review(record, rs, Answers(), evaluate(rs, answers), decision=decision, urgency="green",
                                reason="Checked.")
            bases.append(record.to_dict())
    for n in range(count):
        doc = json.loads(json.dumps(rng.choice(bases)))
        doc["record_id"] = uuid.UUID(int=rng.getrandbits(128)).hex
        if n % 3 == 0:
            doc["ruleset"]["version"] = "0.9.0"  # records from an older rule-set version
        doc["record_hash"] = compute_hash(doc)
        (folder / f"record-{n:05d}.json").write_text(json.dumps(doc))
    for n in range(0, count, 100):  # duplicates
        (folder / f"copy-{n:05d}.json").write_bytes((folder / f"record-{n:05d}.json").read_bytes())
    for n in range(0, count, 200):  # damaged files
        (folder / f"damaged-{n:05d}.json").write_text((folder / f"record-{n:05d}.json").read_text()[:500])


def floor(folder: Path) -> int:
    """Find every record, parse it and check its hash: the least an audit can do."""
    ok = 0
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".json", ".pdf") and p.is_file()):
        try:
            doc = json.loads(path.read_bytes())
            ok += compute_hash(doc) == doc["record_hash"]
        except (ValueError, KeyError):
            pass
    return ok


def kept_per_record(folder: Path) -> tuple[float, float]:
    """Bytes still held by the audit's result per record, and the peak while reading, per record."""
    gc.collect()
    tracemalloc.start()
    result = scan(folder)
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return kept / len(result.rows), peak / len(result.rows)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        make_folder(folder, count)
        print(f"Made {count:,} records (+ duplicates and damaged files) in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        result = scan(folder)
        summary = summarise(result, threshold=4)
        elapsed = time.perf_counter() - started
        print(f"Audit: {result.files_seen:,} files, {summary.records:,} records, {summary.skipped} unreadable, "
              f"{summary.duplicates} duplicates in {elapsed:.2f} s = {summary.records / elapsed:,.0f} records/s")
        started = time.perf_counter()
        floor(folder)
        floor_time = time.perf_counter() - started
        print(f"Floor (find + json.loads + hash, one process): {floor_time:.2f} s; the audit takes "
              f"{elapsed / floor_time:.2f}x the floor")
        kept, peak = kept_per_record(folder)
        print(f"Memory: {kept:,.0f} bytes kept per record after the audit ({peak:,.0f} at the peak)")
        subset = sorted(folder.glob("record-0*.json"))[:1000]
        started = time.perf_counter()
        checked = scan(folder, validate=True, files=subset)
        elapsed = time.perf_counter() - started
        print(f"Audit with --validate (full schema check), {len(checked.rows):,} records: {elapsed:.2f} s = "
              f"{len(checked.rows) / elapsed:,.0f} records/s")


if __name__ == "__main__":
    main()
