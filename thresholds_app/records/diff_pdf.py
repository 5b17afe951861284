"""A rule-set revision as a PDF report for the partnership board (the same look as the audit report)."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from .. import __version__
from ..core.ruleset_diff import Comparison
from .audit_pdf import board_report_furniture
from .pdf import FONT, FONT_BOLD, _register_fonts
from .visual_order import visual


def render_comparison(comparison: Comparison, *, marking: str = "OFFICIAL") -> bytes:
    """What changed between two versions and whose outcome it changes. No child details: cases are
    named by their test or training name, saved records by file."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_fonts()
    base = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8,
                        spaceAfter=4, keepWithNext=1)
    warn = ParagraphStyle("w", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#B00020"))

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(visual(text)), style)

    def table(rows: list[list[Any]], widths: list[Any]) -> Table:
        t = Table([[p(str(c)) for c in row] for row in rows], colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6")),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    c = comparison
    old, new = c.old, c.new
    story: list[Any] = [
        p("Rule-set revision", h1),
        p(f"From {old.metadata.name} {old.version} ({old.content_hash[:19]}) to {new.metadata.name} {new.version} "
          f"({new.content_hash[:19]}). {len(c.changes)} change(s); {len(c.case_changes)} of {c.cases_run} "
          f"{c.kinds_words()} cases change outcome"
          + (f"; {len(c.record_changes)} of {c.records_run} saved children's records would change outcome."
             if c.records_run else ".")),
    ]
    for warning in c.warnings():
        story.append(p(f"Warning: {warning}.", warn))
    story.append(p("What changed", h2))
    story.append(table([["Part", "What it is (id)", "Change", "Detail"],
                        *([[x.part, f"{x.words} ({x.id})" if x.words else x.id, x.change, x.detail]
                           for x in c.changes] or [["nothing", "", "", ""]])],
                       ["12%", "34%", "9%", "45%"]))
    story.append(p("Cases whose outcome changes", h2))
    story.append(table([["Case", "Before", "After"],
                        *([[f"{x.source}: {x.name}", x.old, x.new] for x in c.case_changes] or [["none", "", ""]])],
                       ["40%", "30%", "30%"]))
    if c.records_run:
        story.append(p("Saved records whose outcome would change", h2))
        story.append(table([["Before", "After", "Records"],
                            *([[a, b, n] for a, b, n in c.transitions()] or [["none", "", ""]])],
                           ["42%", "42%", "16%"]))
    if c.calibration:
        story.append(p("Calibration (blind raters' answers to published cases)", h2))
        for line in c.calibration:
            story.append(p(line))
    for note in c.notes:
        story.append(p(f"Note: {note}"))
    furniture = board_report_furniture(marking)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, topMargin=16 * mm,
                      bottomMargin=18 * mm, title="Rule-set revision", author="", subject="", keywords=[],
                      creator=f"thresholds-app {__version__}").build(story, onFirstPage=furniture,
                                                                     onLaterPages=furniture)
    return buffer.getvalue()
