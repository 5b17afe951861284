"""A rule-set revision as a PDF report for the partnership board (the same look as the audit report)."""

from __future__ import annotations

from ..core.ruleset_diff import Comparison
from .form import ReportForm, load_report_form
from .printing import board_report


def render_comparison(comparison: Comparison, *, marking: str | None = None, form: ReportForm | None = None) -> bytes:
    """What changed between two versions and whose outcome it changes. No child details: cases are
    named by their test or training name, saved records by file. Title, marking and logo from
    ``forms/reports.yaml``."""
    form = form or load_report_form("revision")
    c = comparison
    old, new = c.old, c.new
    r = board_report(form, new.metadata.partnership, marking=marking)
    r.paragraph(f"From {old.metadata.name} {old.version} ({old.content_hash[:19]}) to {new.metadata.name} "
                f"{new.version} ({new.content_hash[:19]}). {len(c.changes)} change(s); {len(c.case_changes)} of "
                f"{c.cases_run} {c.kinds_words()} cases change outcome"
                + (f"; {len(c.record_changes)} of {c.records_run} saved children's records would change outcome."
                   if c.records_run else "."))
    for warning in c.warnings():
        r.paragraph(f"Warning: {warning}.", "warning")

    def changes() -> None:
        r.table([["Part", "What it is (id)", "Change", "Detail"],
                 *([[x.part, f"{x.words} ({x.id})" if x.words else x.id, x.change, x.detail] for x in c.changes]
                   or [["nothing", "", "", ""]])], ["12%", "34%", "9%", "45%"])

    def cases() -> None:
        r.table([["Case", "Before", "After"],
                 *([[f"{x.source}: {x.name}", x.old, x.new] for x in c.case_changes] or [["none", "", ""]])],
                ["40%", "30%", "30%"])

    def records() -> None:
        if not c.records_run:
            r.paragraph("No folder of saved records was given.")
            return
        r.table([["Before", "After", "Records"], *([[a, b, str(n)] for a, b, n in c.transitions()]
                                                   or [["none", "", ""]])], ["42%", "42%", "16%"])

    def calibration() -> None:
        for line in c.calibration or ["No blind raters' answers were given."]:
            r.paragraph(line)

    def notes() -> None:
        for note in c.notes or ["None."]:
            r.paragraph(note)

    sections = {"changes": changes, "cases": cases, "records": records, "calibration": calibration, "notes": notes}
    for section in form.sections:
        r.heading(form.heading(section))
        sections[section]()
    return r.build().pdf
