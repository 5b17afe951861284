"""Record which bundled rule sets pass the schema, so the app does not check them again at every start.

    python3 tools/dev.py seal            # check every bundled rule set in full and write the list
    python tools/seal_rulesets.py --check   # exit 1 if the list is out of date (the tests run this)

See thresholds_app/core/checked_rulesets.py for why the list is safe to trust.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from thresholds_app.core import checked_rulesets
from thresholds_app.core.loader import inspect_ruleset, read_ruleset_document, ruleset_files_hash
from thresholds_app.locations import bundled_rulesets

SEAL = Path(checked_rulesets.__file__).parent / "schemas" / checked_rulesets.SEAL_FILE


def wanted_text() -> str:
    bundled = bundled_rulesets()
    reports = {name: inspect_ruleset(path, full_check=True) for name, path in bundled.items()}
    documents = {}
    for name, report in reports.items():
        if report.ruleset is None or report.problems:
            print(f"{name}: has problems, so it is not sealed (run 'thresholds-app check {name}')", file=sys.stderr)
            continue
        fingerprint = ruleset_files_hash(bundled[name])
        if fingerprint is not None:
            documents[fingerprint] = read_ruleset_document(bundled[name], use_seal=False)[0]
    seal = checked_rulesets.seal_document(checked_rulesets.keys_for(reports), documents)
    return json.dumps(seal, indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def main(argv: list[str]) -> int:
    text = wanted_text()
    current = SEAL.read_text("utf-8") if SEAL.is_file() else ""
    if "--check" in argv:
        if current != text:
            print(f"{SEAL} is out of date: a bundled rule set or the schema changed. "
                  "Run: python3 tools/dev.py seal", file=sys.stderr)
            return 1
        return 0
    if current != text:
        SEAL.write_text(text, "utf-8")
        print(f"Wrote {SEAL}")
    else:
        print(f"{SEAL} is up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
