"""Rule sets already checked against the schema, remembered by content so the app need not check them again.

Checking the bundled rule set against ``ruleset.schema.json`` took about 40 ms of every start (and needed
jsonschema imported, 50 ms more), for content that had not changed. ``checked-rulesets.json`` (shipped
inside the package, written by ``python3 tools/dev.py seal`` and kept current by a test) lists a key for
each bundled rule set that passed: a hash of the rule set's content together with the schema's text. Any
rule set, wherever it is, whose key is listed skips the schema step; change one character of either and
it is checked in full as before.

It also keeps the document each bundled rule set's files were read as, by a hash of the files' names and
bytes: files exactly as shipped are then read as JSON, without parsing YAML or importing PyYAML (about
40 ms of every start). One changed byte and the files are read from YAML as usual.

The list lives in the package, not beside the rules: a key in a file anyone can write beside a rule set
could wave an unchecked rule set through.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

from .schema import schema_text

SEAL_FILE = "checked-rulesets.json"


def checked_key(content_hash: str) -> str:
    """What a passed schema check of a rule set with this content hash is remembered by."""
    schema = hashlib.sha256(schema_text("ruleset").encode("utf-8")).hexdigest()
    return "sha256:" + hashlib.sha256(f"{schema}\n{content_hash}".encode()).hexdigest()


@cache
def _seal() -> dict[str, Any]:
    try:
        seal = json.loads(resources.files(__package__).joinpath("schemas", SEAL_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}  # no list, or a damaged one: every rule set is read and checked in full
    return seal if isinstance(seal, dict) else {}


@cache
def _sealed() -> frozenset[str]:
    keys = _seal().get("checked", [])
    return frozenset(k for k in keys if isinstance(k, str)) if isinstance(keys, list) else frozenset()


def already_checked(content_hash: str) -> bool:
    """True when this content passed the current schema before shipping (so checking again cannot fail)."""
    return checked_key(content_hash) in _sealed()


def sealed_document(files_hash: str) -> dict[str, Any] | None:
    """The document a bundled rule set's files (by ``loader.ruleset_files_hash``) were read as when sealed,
    as a new copy each time; None for any other files. Reading it is JSON, not YAML: about 2 ms, not 40."""
    documents = _seal().get("documents")
    found = documents.get(files_hash) if isinstance(documents, dict) else None
    if not isinstance(found, dict):
        return None
    copy: dict[str, Any] = json.loads(json.dumps(found))
    return copy


def seal_document(keys: list[str], documents: Mapping[str, Any]) -> dict[str, Any]:
    """The contents of ``checked-rulesets.json``: the keys of the rule sets that passed, and the documents
    their files were read as, by files hash."""
    return {"about": "Bundled rule sets that passed ruleset.schema.json, and the documents their files were "
                     "read as; written by 'python3 tools/dev.py seal'. Anything not listed is read and checked "
                     "in full.",
            "checked": sorted(set(keys)), "documents": dict(sorted(documents.items()))}


def keys_for(reports: Mapping[str, Any]) -> list[str]:
    """The keys of the rule sets that loaded with no problem at all."""
    return [checked_key(r.ruleset.content_hash) for r in reports.values()
            if r.ruleset is not None and not r.problems]
