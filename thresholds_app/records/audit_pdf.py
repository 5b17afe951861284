"""The audit as a PDF report for the partnership board: tables and a bar chart of level by role."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from .. import __version__
from .audit import COMPARISONS, AuditResult, AuditSummary, _kappa, _pct, level_colour
from .pdf import FONT, FONT_BOLD, _register_fonts
from .visual_order import visual


def board_report_furniture(marking: str) -> Any:
    """The page furniture of the reports for a partnership board (landscape A4): the security marking at
    the top and bottom, when and by what it was made, and the page number."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    generated = datetime.now(UTC).strftime("%d %B %Y, %H:%M UTC")

    def furniture(canvas: Any, doc: Any) -> None:
        width, height = landscape(A4)
        canvas.saveState()
        canvas.setFont(FONT_BOLD, 9)
        if marking:
            canvas.drawCentredString(width / 2, height - 9 * mm, marking)
            canvas.drawCentredString(width / 2, 6 * mm, marking)
        canvas.setFont(FONT, 7)
        canvas.drawString(15 * mm, 11 * mm, f"Generated {generated} by thresholds-app {__version__}")
        canvas.drawRightString(width - 15 * mm, 11 * mm, f"Page {doc.page}")
        canvas.restoreState()

    return furniture


def render_audit(summary: AuditSummary, result: AuditResult, *, marking: str = "OFFICIAL-SENSITIVE") -> bytes:
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.charts.legends import Legend
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    _register_fonts()
    base = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=8,
                        spaceAfter=4, keepWithNext=1)
    story: list[Any] = []

    def p(text: str, style: ParagraphStyle = base) -> Paragraph:
        return Paragraph(escape(visual(text)), style)

    def table(rows: list[list[Any]], widths: list[Any] | None = None) -> Table:
        t = Table([[p(str(c)) if not isinstance(c, Paragraph) else c for c in row] for row in rows],
                  colWidths=widths, repeatRows=1)
        t.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6")),
                               ("GRID", (0, 0), (-1, -1), 0.3, colors.HexColor("#90A4AE")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        return t

    s = summary
    story.append(p("Levels-of-need audit", h1))
    story.append(p(f"{s.records} records audited; {s.skipped} could not be read; {s.duplicates} duplicates ignored; "
                   f"{s.edited} edited after they were made. One record is one child: "
                   f"{s.records - s.children_in_households} assessed alone, {s.children_in_households} in "
                   f"{s.households} household(s) assessed together. Rule sets: "
                   + ", ".join(f"{k} ({v})" for k, v in sorted(s.rulesets.items())) + "."))
    levels = sorted(set(s.by_tool_level) | set(s.by_referrer_level) | {lv for c in s.level_by_role.values()
                                                                       for lv in c})
    roles = sorted(s.level_by_role)
    story.append(p("Recommended level by referrer role", h2))
    if roles and levels:
        drawing = Drawing(250 * mm, 75 * mm)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = int(15 * mm), int(12 * mm), int(185 * mm), int(58 * mm)
        chart.data = [[s.level_by_role[r].get(level, 0) for r in roles] for level in levels]
        chart.categoryAxis.categoryNames = [r[:18] for r in roles]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.valueMin = 0
        chart.groupSpacing = 6
        chart.valueAxis.valueStep = max(1, round(max(max(c.values()) for c in s.level_by_role.values()) / 5))
        for i, level in enumerate(levels):
            chart.bars[i].fillColor = colors.HexColor(level_colour(level))
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = int(206 * mm), int(65 * mm)
        legend.fontName = FONT
        legend.fontSize = 8
        legend.colorNamePairs = [(colors.HexColor(level_colour(lv)), f"Level {lv}") for lv in levels]
        drawing.add(legend)
        story.append(drawing)
        story.append(table([["Role", *[f"Level {lv}" for lv in levels], "Total"],
                            *[[r, *[s.level_by_role[r].get(lv, 0) for lv in levels], s.by_role[r]] for r in roles]]))
    story.append(p("Agreement on the level (plain agreement and Cohen's kappa)", h2))
    rows: list[list[Any]] = [["Referrers", *COMPARISONS]]
    for label, agreements in (("All referrers", s.agreement_overall), *sorted(s.agreement_by_role.items())):
        rows.append([label, *[f"{_pct(a.percent)}, kappa {_kappa(a.kappa)} (n={a.pairs})"
                              for a in (agreements[c] for c in COMPARISONS)]])
    story.append(table(rows))
    story.append(p(f"Referrals below the referral threshold (level {s.threshold})", h2))
    story.append(table([["Role", "Below by the tool's recommendation", "Below by the MASH decision", "Records"],
                        *[[role, a, b, n] for role, (a, b, n) in sorted(s.below_threshold_by_role.items())]]))
    story.append(p("MASH decisions", h2))
    story.append(table([["Decision", "Records"], *[[k, v] for k, v in sorted(s.by_mash_decision.items())]]))
    story.append(p("Indicators most often ticked", h2))
    story.append(table([["Indicator", "Records"], *[[t, n] for t, n in s.top_indicators]], ["85%", "15%"]))
    story.append(p("Most common information gaps", h2))
    story.append(table([["Gap", "Records"], *([[t, n] for t, n in s.top_gaps] or [["none", ""]])], ["85%", "15%"]))
    if result.skipped:
        story.append(p("Records that could not be read", h2))
        story.append(table([["File", "Reason"], *[[n, r] for n, r in result.skipped[:200]]], ["45%", "55%"]))
    story.append(Spacer(1, 4 * mm))
    furniture = board_report_furniture(marking)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=16 * mm, bottomMargin=18 * mm, title="Levels-of-need audit", author="",
                            subject="", creator=f"thresholds-app {__version__}")
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buffer.getvalue()
