"""The facilitator's session summary for the partnership board: per-case choices and agreement."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from .. import __version__
from ..core.training import Session, TrainingCase
from .pdf import FONT, FONT_BOLD, _count_pages, _register_fonts
from .visual_order import visual


def render_session(cases: Sequence[TrainingCase], session: Session, route_names: Mapping[str, str], *,
                   made: date | None = None, marking: str = "OFFICIAL") -> tuple[bytes, int]:
    """The summary a partnership board reads: names, not ids, and the day it was made; with its page count."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    _register_fonts()
    base = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, spaceAfter=4)
    # Headers wrap between words only, never inside one ("Expecte d").
    head = ParagraphStyle("h", parent=base, fontName=FONT_BOLD, splitLongWords=0)
    titles = {c.id: c.title for c in cases}
    made = made or date.today()

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(visual(text)), style)

    story: list[Any] = [p("Threshold roadshow: session summary", h1),
                        p(f"Made on {made.day} {made:%B %Y}."),
                        p(f"{session.people.text()} Agreement across cases (Fleiss' kappa): "
                          f"{session.agreement.text()}.")]
    rows: list[list[Any]] = [[p(t, head) for t in ("Case", "Levels chosen", "Expected", "Most common level",
                                                   "Correct", "Routes chosen", "By agency")]]
    for r in session.results:
        if not r.levels:
            continue
        levels = ", ".join(f"L{lv}: {n}" for lv, n in sorted(r.levels.items()))
        agencies = "; ".join(f"{a}: " + ", ".join(f"L{lv} {n}" for lv, n in sorted(c.items()))
                             for a, c in sorted(r.by_agency.items()))
        rows.append([p(titles.get(r.case_id, r.case_id)), p(levels), p(f"Level {r.expected_level}"),
                     p(r.most_common_text()),
                     p(f"{r.correct:.0f}%" if r.correct is not None else "n/a"),
                     p(r.routes_text(route_names)), p(agencies)])
    table = Table(rows, colWidths=["18%", "10%", "9%", "14%", "7%", "21%", "21%"], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story.append(table)

    def furniture(canvas: Any, doc: Any) -> None:
        width, height = landscape(A4)
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 9)
        if marking:
            canvas.drawCentredString(width / 2, height - 9 * mm, marking)
        canvas.setFont(FONT, 7)
        canvas.drawString(15 * mm, 9 * mm, f"thresholds-app {__version__}. No personal data: nicknames only.")
        canvas.drawRightString(width - 15 * mm, 9 * mm, f"Page {doc.page}")
        canvas.restoreState()

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title="Threshold roadshow session summary", author="", subject="",
                      creator=f"thresholds-app {__version__}").build(story, onFirstPage=furniture,
                                                                     onLaterPages=furniture)
    pdf = buffer.getvalue()
    return pdf, _count_pages(pdf)
