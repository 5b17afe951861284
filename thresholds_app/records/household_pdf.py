"""A household's record on paper: a summary of every child first, then each child's own record.

The summary is what a front door reads first: each child's minimal identifier, age band, the
recommended level and route, what the referrer decided and the consent position. Each child's pages
are that child's decision record exactly as it prints alone (pypdf joins them). The household's JSON
is attached, so the PDF alone reopens as the household, and every page prints the hash of the
record it shows (the summary: the household's), which reopening checks.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, datetime

from .. import __version__
from .embedded import attach_record
from .form import Form, load_form
from .household_record import HouseholdRecord
from .pdf import (
    FONT,
    FONT_BOLD,
    _count_pages,
    _numbered_canvas,
    _p,
    _register_fonts,
    _when,
    page_furniture,
    render_record,
)


@dataclass(frozen=True)
class RenderedHousehold:
    pdf: bytes
    pages: int
    missing_characters: tuple[str, ...]
    right_to_left: bool


def _decision(agrees: bool, level_name: str, route_name: str) -> str:
    """The referrer's decision for one child, in a table cell."""
    return "Agrees" if agrees else f"Differs: {level_name or 'same level'}; {route_name or 'same route'}"


def render_household(household: HouseholdRecord, form: Form | None = None, *,
                     generated: str | None = None) -> RenderedHousehold:
    from pypdf import PdfReader, PdfWriter
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    form = form or load_form()
    generated = generated or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    first = household.children[0]
    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=3)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#37474F"))
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2)
    head = ParagraphStyle("head", parent=base, fontName=FONT_BOLD, fontSize=9.5, leading=12)
    cell = ParagraphStyle("cell", parent=base, fontSize=9.5, leading=12)
    count = len(household.children)
    story = [
        Paragraph(_p(f"{form.title}: household of {count} {'child' if count == 1 else 'children'}"), h1),
        Paragraph(_p(f"{first.ruleset['partnership']}. Made {_when(household.created)}. Household "
                     f"{household.household_id[:8]}. One outcome, decision and consent position for each "
                     "child; each child's full record follows."), small),
        Spacer(1, 4 * mm),
    ]
    rows = [[Paragraph(_p(t), head) for t in ("Child", "Age band", "Recommended", "Referrer's decision",
                                               "Consent")]]
    for label, record in zip(household.labels, household.children, strict=True):
        rec = record.recommendation
        j = record.judgement
        emergency = "IMMEDIATE DANGER: CALL 999. " if rec.get("emergency") else ""
        recommended = f"{emergency}Level {rec['level']['number']} of {rec['level'].get('of', '')}, " \
                      f"{rec['level']['name']}; {rec['route']['name']}"
        rows.append([Paragraph(_p(label), cell), Paragraph(_p(record.child.age_band or "not given"), cell),
                     Paragraph(_p(recommended), cell),
                     Paragraph(_p(_decision(j.agrees, j.level_name, j.route_name)), cell),
                     Paragraph(_p(record.consent.label), cell)])
    table = Table(rows, colWidths=["17%", "13%", "30%", "22%", "18%"], repeatRows=1)
    table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6")),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [table, Spacer(1, 4 * mm)]
    if any(any("ask about each of them" in a for a in c.recommendation.get("advice", [])) for c in household.children):
        story.append(Paragraph(_p("One child here needs a referral to children's social care: the front door "
                                  "will consider every child in the household. Name each of them on the referral."),
                               base))
    story.append(Paragraph(_p(f"Household hash: {household.household_hash}. It covers every child's record and "
                              "the family's answers; each child's pages carry that child's own record hash. "
                              + form.texts["hash_note"]), small))
    pagesize = A4 if form.page_size == "A4" else letter
    ruleset = first.ruleset
    footer_1 = (f"Rule set: {ruleset['name']} {ruleset['version']} ({ruleset['content_hash'][:19]})   "
                f"Record: {household.household_hash[:23]}")
    footer_2 = f"Generated {_when(generated)} by thresholds-app {__version__}"
    decorate = page_furniture(pagesize, form.security_marking, ruleset["partnership"], form.title, footer_1, footer_2)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=22 * mm,
                      bottomMargin=24 * mm, title=form.title, author="", subject="", keywords=[],
                      creator=f"thresholds-app {__version__}", lang="en-GB").build(
        story, canvasmaker=_numbered_canvas(decorate))
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(buffer.getvalue())).pages:
        writer.add_page(page)
    missing: set[str] = set()
    rtl = False
    for number, (label, record) in enumerate(zip(household.labels, household.children, strict=True), 1):
        rendered = render_record(record, form, generated=generated, who=f"{label}, child {number} of {count}")
        missing.update(rendered.missing_characters)
        rtl = rtl or rendered.right_to_left
        for page in PdfReader(io.BytesIO(rendered.pdf)).pages:
            writer.add_page(page)
    writer.add_metadata({"/Title": form.title, "/Creator": f"thresholds-app {__version__}"})
    joined = io.BytesIO()
    writer.write(joined)
    pdf = attach_record(joined.getvalue(), household.to_json().encode("utf-8"))
    return RenderedHousehold(pdf, _count_pages(pdf), tuple(sorted(missing)), rtl)

