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
from thresholds_app.core.loader import inspect_ruleset
from thresholds_app.locations import bundled_rulesets

SEAL = Path(checked_rulesets.__file__).parent / "schemas" / checked_rulesets.SEAL_FILE


def wanted_text() -> str:
    reports = {name: inspect_ruleset(path, full_check=True) for name, path in bundled_rulesets().items()}
    for name, report in reports.items():
        if report.ruleset is None:
            print(f"{name}: does not load, so it is not listed (run 'thresholds-app check {name}')", file=sys.stderr)
    return json.dumps(checked_rulesets.seal_document(checked_rulesets.keys_for(reports)), indent=2) + "\n"


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
