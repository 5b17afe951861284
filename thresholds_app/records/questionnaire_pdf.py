"""The questionnaire on paper: every question the app asks, with boxes to tick, and no rules."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..core.questionnaire import AREA_DONT_KNOW, AREA_INSTRUCTIONS, STRENGTHS_HINT, STRENGTHS_TITLE, Questionnaire
from .pdf import FONT, FONT_BOLD, FONT_ITALIC, _count_pages, _numbered_canvas, _p, _register_fonts, page_furniture

BOX = "\u25a1"  # a box to tick on paper


def render_questionnaire(q: Questionnaire, *, ids: bool = False, marking: str = "") -> tuple[bytes, int]:
    """The questionnaire as PDF bytes (portrait A4), and its page count; with ``ids``, each question and
    statement carries its id in small print, for typing paper answers back in."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer

    _register_fonts(italic=True)
    base = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=2)
    small = ParagraphStyle("s", parent=base, fontSize=8.2, leading=10.5, textColor=colors.HexColor("#37474F"))
    example = ParagraphStyle("e", parent=small, leftIndent=10, fontName=FONT_ITALIC)
    statement = ParagraphStyle("st", parent=base, fontName=FONT_BOLD, spaceBefore=5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=4)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=13, leading=16, spaceBefore=10,
                        spaceAfter=4, keepWithNext=1)
    h3 = ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=8,
                        keepWithNext=1)

    def ident(text: str) -> str:
        return f'<font size="7" color="#546E7A">[{_p(text)}]</font>' if ids else ""

    story: list[Any] = [Paragraph(_p(q.title), h1), Paragraph(_p(q.edition), small)]
    if q.notice:
        story.append(Paragraph(_p(q.notice), small))
    story.append(Paragraph("The levels", h2))
    story += [Paragraph(f"<b>{_p(name)}.</b> {_p(text)}", base) for name, text in q.levels]
    story.append(Paragraph("First questions", h2))
    for n, question in enumerate(q.screening, 1):
        block: list[Any] = [Paragraph(f"{n}. {_p(question.text)} {ident(question.id)}", h3)]
        if question.help:
            block.append(Paragraph(_p(question.help), small))
        block += [Paragraph(f"{BOX} {_p(label)}" + (f" <i>{_p(help_)}</i>" if help_ else ""), base)
                  for _oid, label, help_ in question.options]
        story.append(KeepTogether(block))
    story.append(Paragraph("Areas of the child's life", h2))
    story.append(Paragraph(_p(f"{AREA_INSTRUCTIONS} Tick one box for each: {', '.join(q.answers)}. Leave it "
                              f"blank if you did not consider it."), base))
    answer_boxes = "    ".join(f"{BOX} {_p(a)}" for a in q.answers)
    for area in q.areas:
        story.append(Paragraph(f"Area {area.number} of {len(q.areas)}: {_p(area.name)} {ident(area.id)}", h2))
        story.append(Paragraph(f"<i>{_p(area.group)}.</i> {_p(area.summary)}", base))
        story.append(Paragraph(_p(f"When needs here are met by universal services: {area.level_1}"), base))
        if area.help:
            story.append(Paragraph(f"<b>{_p(area.help)}</b>", base))
        story.append(Paragraph(f"{BOX} {_p(AREA_DONT_KNOW)}", base))
        for s in area.statements:
            block = [Paragraph(f"{_p(s.text)} {ident(s.id)}", statement),
                     Paragraph(_p(f"{s.level}." + (f" {s.ages}." if s.ages else "")), small)]
            if s.help:
                block.append(Paragraph(_p(s.help), small))
            block += [Paragraph(_p(f"For example ({role}): {text}"), example) for role, text in s.examples]
            block.append(Paragraph(answer_boxes, base))
            story.append(KeepTogether(block))
        if area.strengths:
            story.append(Spacer(1, 2 * mm))
            story.append(Paragraph(f"<b>{_p(STRENGTHS_TITLE)}.</b> {_p(STRENGTHS_HINT)}", small))
            story += [Paragraph(f"{BOX} {_p(text)} {ident(sid)}", base) for sid, text in area.strengths]
    generated = datetime.now(UTC).strftime("%d %B %Y")
    decorate = page_furniture(A4, marking, q.partnership, "Questionnaire", q.edition,
                              f"Printed {generated} by thresholds-app {__version__}")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=22 * mm,
                      bottomMargin=24 * mm, title="Levels-of-need questionnaire", author="", subject="",
                      keywords=[], creator=f"thresholds-app {__version__}").build(
        story, canvasmaker=_numbered_canvas(decorate))
    pdf = buffer.getvalue()
    return pdf, _count_pages(pdf)
