"""The answers in a folder of saved records, one set per child, to re-evaluate with another rule set."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..core.printable import printable
from ..core.problems import InputError, Location, Problem
from .household_record import HouseholdRecord, load_any_record


def children_answers(folder: Path, notes: list[str]) -> Iterator[tuple[str, str, Mapping[str, Any]]]:
    """("record", where, answers) for each child of every record under ``folder`` (a household's: each
    child's), each record once however many copies (JSON, PDF) there are; unreadable files are counted
    in ``notes``."""
    if not folder.is_dir():
        raise InputError([Problem("no such folder of records", Location(str(folder)),
                                  hint="give the folder the records were saved in")])
    unreadable = 0
    first_reason = ""
    read = 0
    seen: set[str] = set()  # a record's JSON and its PDF are one record
    for path in sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".json", ".pdf") and p.is_file()):
        name = printable(str(path.relative_to(folder)))
        try:
            record = load_any_record(path)
        except InputError as exc:
            unreadable += 1
            if not first_reason and exc.problems:
                first_reason = f" (the first, {name}: {exc.problems[0].message})"
            continue
        read += 1
        children = list(record.children) if isinstance(record, HouseholdRecord) else [record]
        for n, child in enumerate(children, 1):
            if child.record_hash in seen:
                continue
            seen.add(child.record_hash)
            yield "record", f"{name} (child {n} of {len(children)})" if len(children) > 1 else name, dict(child.answers)
    if unreadable:
        notes.append(f"{unreadable} file(s) in {folder} could not be read as records and were left out"
                     f"{first_reason}; records are saved from the app (Save record or Save PDF)")
    if not read:
        notes.append(f"no saved records were found in {folder}: records are saved from the app (Save record or "
                     "Save PDF), as .json or .pdf files")
