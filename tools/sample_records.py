"""Make example decision records (fictional people) and their PDFs, and render page images for docs/.

    python tools/sample_records.py [OUTPUT_DIR]     (default: docs/examples)

Needs pdftoppm (poppler-utils) for the PNG pages; without it only the JSON and PDF files are written.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.loader import load_ruleset
from thresholds_app.locations import bundled_rulesets
from thresholds_app.records.pdf import render_record
from thresholds_app.records.record import Child, Consent, DecisionRecord, Judgement, Referrer, new_record, save_record

MADE = "2026-11-20T10:15:00Z"


def typical() -> DecisionRecord:
    rs = load_ruleset(bundled_rulesets()["model-four-level"])
    answers = Answers.from_dict({
        "screening": {"immediate_danger": "no", "age_band": "under_1", "disability": "no", "open_case": "none"},
        "indicators": {"bc_chronic_neglect": "yes", "pm_mild": "yes", "hl_missed_checks": "yes",
                       "da_repeated": "dont_know", "ho_poor_housing": "no"},
        "domains": {"exploitation": "no_concerns"},
        "strengths": ["hl_strength_engaged"],
    })
    return new_record(
        rs, evaluate(rs, answers), answers, created=MADE,
        judgement=Judgement(agrees=True),
        consent=Consent("given", "Mother agreed to the referral at the home visit on 19 November."),
        referrer=Referrer("Zoë Łukasiewicz", "Health visitor", "Example Community Health NHS Trust",
                          "0-19 team North", "01632 960100", "z.lukasiewicz@example.nhs.uk"),
        child=Child(initials="N.T.H.", local_reference="HV-2291", age_band="Under 1, or not yet mobile"),
        worry=("At three home visits since September the baby (5 months) has been in the same unwashed clothes, "
               "the bottles were not sterilised and there was little food in the flat. Weight has dropped from "
               "the 50th to the 25th centile. Mother (Nguyễn Thị Hồng) says she is exhausted and low.\n"
               "I do not know whether there is domestic abuse: a neighbour mentioned shouting."),
        working_well=("Mother brings the baby to clinic and accepts advice. Grandmother, Παναγιώτης's mother, "
                      "visits weekly and helps."),
    )


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    record = typical()
    save_record(record, out / "typical-record.json")
    rendered = render_record(record, generated=MADE)
    (out / "typical-record.pdf").write_bytes(rendered.pdf)
    print(f"{out / 'typical-record.pdf'}: {rendered.pages} page(s)")
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(out / "typical-record.pdf"),
                        str(out.parent / "record-page")], check=True)
        print("page images:", ", ".join(p.name for p in sorted(out.parent.glob("record-page-*.png"))))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "examples")
