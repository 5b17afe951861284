"""The rule set printed as the familiar levels-of-need grid: areas as rows, levels as columns.

One source of truth: the same YAML that drives the app. Landscape, for A4 or A3.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from .. import __version__
from ..core.model import RuleSet
from .pdf import FONT, FONT_BOLD, _count_pages, _numbered_canvas, _p, _register_fonts, page_furniture


def render_grid(ruleset: RuleSet, *, page_size: str = "A4", marking: str = "") -> tuple[bytes, int]:
    """The grid as PDF bytes, and its page count."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A3, A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    pagesize = landscape(A3 if page_size.upper() == "A3" else A4)
    scale = 1.2 if page_size.upper() == "A3" else 1.0
    base = ParagraphStyle("b", fontName=FONT, fontSize=7.8 * scale, leading=9.8 * scale)
    head = ParagraphStyle("h", parent=base, fontName=FONT_BOLD)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16 * scale, leading=20 * scale)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12 * scale, leading=15 * scale,
                        spaceBefore=6, spaceAfter=3, keepWithNext=1)
    m = ruleset.metadata
    story: list[Any] = [Paragraph(_p(f"{m.partnership}: levels of need"), h1),
                        Paragraph(_p(f"{m.name} {m.version}, effective {m.effective_date}, review by "
                                     f"{m.review_date}. {'' if m.status == 'adopted' else m.notice}"), base),
                        Spacer(1, 3 * mm)]
    levels = ruleset.levels
    width = pagesize[0] - 24 * mm
    first = 0.17
    col = (1 - first) / max(1, len(levels))
    widths = [width * first] + [width * col] * len(levels)

    def ink(hex_colour: str) -> Any:
        r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
        return colors.black if 0.299 * r + 0.587 * g + 0.114 * b > 150 else colors.white

    header = [Paragraph(_p("Area"), head)] + [
        Paragraph(_p(f"Level {lv.number}: {lv.name}\n{lv.short}"),
                  ParagraphStyle(f"l{lv.number}", parent=head, textColor=ink(lv.colour))) for lv in levels]
    groups = {g.id: g.name for g in ruleset.domain_groups}
    lowest = levels[0].number
    for group in ruleset.domain_groups:
        domains = [d for d in ruleset.domains if d.group == group.id]
        if not domains:
            continue
        title = [Paragraph(_p(groups[group.id]), h2)] + [""] * len(levels)
        rows: list[list[Any]] = [title, header]
        for domain in domains:
            cells: list[Any] = [[Paragraph(_p(domain.name), head), Paragraph(_p(domain.summary), base)]]
            for lv in levels:
                lines = [f"\u2022 {i.text}" for i in domain.indicators if i.level == lv.number]
                if lv.number == lowest:
                    lines = [domain.level_1, *lines]
                cells.append(Paragraph(_p("\n".join(lines)), base))
            rows.append(cells)
        table = Table(rows, colWidths=widths, repeatRows=2)
        style: list[Any] = [("GRID", (0, 1), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                            ("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("SPAN", (0, 0), (-1, 0)), ("BACKGROUND", (0, 1), (0, 1), colors.HexColor("#ECEFF1"))]
        for n, lv in enumerate(levels, 1):
            style.append(("BACKGROUND", (n, 1), (n, 1), colors.HexColor(lv.colour)))
        table.setStyle(TableStyle(style))
        story.append(table)
        story.append(Spacer(1, 4 * mm))
    story.append(PageBreak())
    story.append(Paragraph(_p("Routes: what to do at each level"), h2))
    route_rows: list[list[Any]] = [[Paragraph(_p(t), head) for t in
                                    ("Route", "What it is", "Next steps", "Consent", "Timescale", "Contacts")]]
    for route in ruleset.routes.values():
        contacts = "\n".join(f"{c.name}: {c.phone} {c.secure_email}".strip() for c in route.contacts)
        route_rows.append([Paragraph(_p(route.name), head), Paragraph(_p(route.summary), base),
                           Paragraph(_p("\n".join(f"{n}. {s}" for n, s in enumerate(route.next_steps, 1))), base),
                           Paragraph(_p(route.consent), base), Paragraph(_p(route.timescale), base),
                           Paragraph(_p(contacts), base)])
    routes = Table(route_rows, colWidths=[width * w for w in (0.12, 0.18, 0.28, 0.18, 0.1, 0.14)], repeatRows=1)
    routes.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6"))]))
    story.append(routes)
    if ruleset.side_routes:
        story.append(Paragraph(_p("Alongside the level"), h2))
        for side in ruleset.side_routes.values():
            duty = " (a legal duty)" if side.statutory else ""
            story.append(Paragraph(_p(f"{side.name}{duty}: {side.summary}"), base))
    generated = datetime.now(UTC).strftime("%d %B %Y")
    decorate = page_furniture(pagesize, marking, m.partnership, "Levels of need",
                              f"Rule set: {m.name} {m.version} ({ruleset.content_hash[:19]})",
                              f"Printed {generated} by thresholds-app {__version__}")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=12 * mm, rightMargin=12 * mm, topMargin=20 * mm,
                      bottomMargin=22 * mm, title="Levels of need", author="", subject="", keywords=[],
                      creator=f"thresholds-app {__version__}").build(story, canvasmaker=_numbered_canvas(decorate))
    pdf = buffer.getvalue()
    return pdf, _count_pages(pdf)
