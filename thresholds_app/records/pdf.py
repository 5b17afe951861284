"""The printed decision record (reportlab), with the machine-readable record embedded in it.

User text is never interpreted as markup: every string is escaped before it reaches a Paragraph.
A bundled DejaVu Sans font prints names in Latin, Greek, Cyrillic and Vietnamese scripts; any
character it cannot print is reported, never silently replaced. PDF metadata holds no personal data.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from xml.sax.saxutils import escape

from .. import __version__
from ..core.fit import fit_warning
from ..core.interview import NOT_WORRIED
from ..locations import data_dir
from .embedded import attach_record
from .form import Form, load_form
from .record import DecisionRecord
from .visual_order import visual, wraps_right_to_left

#: The banner's title when the referrer's decision differs from the recommendation.
DECISION = "Referrer's decision"
#: The banner's colour when an older record does not hold the colour of the level decided on.
NEUTRAL = "#CFD8DC"
#: How much of the referrer's reason is shown beside the recommendation on page 1 (all of it is printed
#: under the judgement heading).
REASON_CHARS, REASON_LINES = 700, 8

FONT = "ThresholdsSans"
FONT_BOLD = "ThresholdsSans-Bold"
FONT_ITALIC = "ThresholdsSans-Italic"
_fonts_ready = False
_italic_ready = False
_fonts_lock = threading.Lock()  # the app reads the fonts on a worker thread (prepare_printing)
_cmap: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Decision:
    """What the record leads with: the referrer's decision when it differs, else the recommendation."""

    agrees: bool
    level: Mapping[str, Any]
    route: Mapping[str, Any]
    #: False for an older record that holds only the names of the level and route decided on.
    has_guidance: bool
    #: The warning when the route decided on is not one the rule set uses at that level, else "".
    fit_warning: str


def decided_outcome(document: Mapping[str, Any]) -> Decision:
    """The decision a record document leads with, in the shape of the recommendation's level and route.

    Works from the record alone: a different judgement carries the level and route decided on (from
    record format 2); an older one has only their names, and a level or route left unchanged is the
    recommended one.
    """
    rec = document["recommendation"]
    j = document["judgement"]
    if j["agrees"]:
        return Decision(True, rec["level"], rec["route"], True, "")
    level = j.get("chosen_level") or (rec["level"] if j.get("level") is None else {
        "number": j["level"], "of": rec["level"].get("of"), "name": j.get("level_name", "")})
    route = j.get("chosen_route") or (rec["route"] if j.get("route") is None else {
        "id": j["route"], "name": j.get("route_name") or j["route"]})
    fitting = j.get("routes_for_level")
    warning = ""
    if fitting is not None and route.get("id") not in {r["id"] for r in fitting}:
        warning = fit_warning(level["number"], level.get("name", ""), route["name"], [r["name"] for r in fitting])
    return Decision(False, level, route, "next_steps" in route, warning)


def level_words(level: Mapping[str, Any]) -> str:
    """'Level 3 of 4, Complex needs', with what the record knows of it."""
    of = f" of {level['of']}" if level.get("of") else ""
    return f"Level {level['number']}{of}" + (f", {level['name']}" if level.get("name") else "")


def excerpt(text: str, chars: int = REASON_CHARS, lines: int = REASON_LINES) -> tuple[str, bool]:
    """The start of ``text``, short enough for a box that cannot break over pages; True if cut."""
    kept = "\n".join(text.split("\n")[:lines])[:chars]
    if len(kept) == len(text):
        return text, False
    if kept[-1:].isalnum() and text[len(kept):len(kept) + 1].isalnum():
        kept = kept[:max(kept.rfind(" "), kept.rfind("\n"), chars // 2)]  # end on a whole word
    return kept.rstrip() + "\u2026", True


@dataclass(frozen=True)
class RenderedRecord:
    pdf: bytes
    pages: int
    missing_characters: tuple[str, ...]
    #: A passage written right to left (Hebrew, Arabic) runs over several lines, which may print in the
    #: wrong line order (names and short lines print correctly: see ``visual_order``).
    right_to_left: bool = False


RTL_NOTE = ("Some passages in this record are written right to left (for example Hebrew or Arabic) and run "
            "over more than one line. Each line prints in its proper order, but the lines of such a passage "
            "may appear bottom line first; the text is kept exactly in the record embedded in this PDF.")


def prepare_printing() -> None:
    """Do now what the first PDF of a session would otherwise wait for: import reportlab and pypdf, read
    the fonts, build the record's validator and read the default form (about 0.2 s in all).

    The app runs this on a worker thread once its window has painted, so the first "Save PDF" takes as
    long as any other. Safe to call from any thread, and more than once.
    """
    import pypdf  # noqa: F401
    import reportlab.platypus  # noqa: F401

    from .record import warm_validator

    _register_fonts()
    warm_validator()
    load_form()


def _register_fonts(*, italic: bool = False) -> None:
    """Register the bundled fonts once. The italic face (only the blank questionnaire uses it) is read when
    asked for: each face costs about 35 ms to read."""
    global _italic_ready
    with _fonts_lock:
        if not _fonts_ready:
            _read_fonts()
        if italic and not _italic_ready:
            from reportlab.lib.fonts import addMapping
            from reportlab.pdfbase import pdfmetrics
            from reportlab.pdfbase.ttfonts import TTFont

            oblique = data_dir("resources") / "fonts" / "DejaVuSans-Oblique.ttf"
            pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(oblique)))
            addMapping(FONT, 0, 1, FONT_ITALIC)
            _italic_ready = True


def _read_fonts() -> None:
    global _fonts_ready, _cmap
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    folder = data_dir("resources") / "fonts"
    regular = TTFont(FONT, str(folder / "DejaVuSans.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)  # not (FONT, 0, 1, FONT): that would make reportlab take FONT for italic
    addMapping(FONT, 1, 1, FONT_BOLD)
    _cmap = frozenset(regular.face.charToGlyph)
    _fonts_ready = True


def missing_characters(texts: Iterable[str]) -> tuple[str, ...]:
    """Characters in ``texts`` the bundled font has no glyph for (whitespace and controls aside)."""
    _register_fonts()
    missing = {c for text in texts for c in text if ord(c) not in _cmap and not c.isspace() and ord(c) >= 32}
    return tuple(sorted(missing))


def _p(text: str) -> str:
    """User or rule-set text, safe for a Paragraph: in display order, escaped, newlines kept."""
    return escape(visual(text)).replace("\n", "<br/>")


def _user_texts(record: DecisionRecord) -> list[str]:
    texts = [record.worry, record.working_well, record.judgement.reason, record.consent.reason,
             *vars(record.referrer).values(), *(v for v in vars(record.child).values() if isinstance(v, str))]
    return [t for t in texts if t]


HASH_WARNING = ("WARNING: this record has been changed since it was made. Its content no longer matches its "
                "record hash, so what is printed here may not be what the referrer recorded. Treat it with "
                "caution and ask the referrer for the original.")


def render_record(record: DecisionRecord, form: Form | None = None, *, generated: str | None = None,
                  who: str = "") -> RenderedRecord:
    """Render ``record`` to PDF bytes, with the record's JSON embedded as an attachment. ``who``: in a
    household's PDF, which child these pages are about ("Eldest (9), child 1 of 3"), under the title."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        Flowable,
        Image,
        KeepTogether,
        ListFlowable,
        ListItem,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import HRFlowable

    _register_fonts()
    form = form or load_form()
    rec: Mapping[str, Any] = record.recommendation
    document = record.body()
    generated = generated or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    missing = missing_characters(_user_texts(record))

    base = ParagraphStyle("base", fontName=FONT, fontSize=10, leading=13.5, spaceAfter=3)
    small = ParagraphStyle("small", parent=base, fontSize=8.5, leading=11, textColor=colors.HexColor("#37474F"))
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=17, leading=21, spaceAfter=2)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=12, leading=15, spaceBefore=9, spaceAfter=4,
                        textColor=colors.HexColor("#1A237E"), keepWithNext=1)
    h3 = ParagraphStyle("h3", parent=base, fontName=FONT_BOLD, fontSize=10.5, leading=13.5, spaceBefore=5,
                        keepWithNext=1)
    story: list[Flowable] = []

    pending: list[Flowable] = []

    def add(flowable: Flowable) -> None:
        """Append to the story; a heading waiting for content is kept on the same page as it."""
        if pending:
            story.append(KeepTogether([*pending, flowable]))
            pending.clear()
        else:
            story.append(flowable)

    def heading(key: str, style: ParagraphStyle | None = None) -> None:
        pending.append(Paragraph(_p(form.headings[key]), style or h2))

    def para(text: str, style: ParagraphStyle = base) -> None:
        add(Paragraph(_p(text), style))

    def paras(text: str, style: ParagraphStyle = base) -> None:
        """Free text as one paragraph per line: long accounts flow over pages in linear time."""
        for line in text.split("\n"):
            if line.strip():
                para(line, style)
            else:
                add(Spacer(1, 2 * mm))

    def bullets(items: Iterable[str], numbered: bool = False, style: ParagraphStyle = base) -> None:
        entries: list[Any] = [ListItem(Paragraph(_p(t), style), leftIndent=14) for t in items]
        if entries:
            add(ListFlowable(entries, bulletType="1" if numbered else "bullet", start="1" if numbered
                             else "\u2022", leftIndent=14, bulletFontName=FONT, bulletFontSize=9))

    # -- title -------------------------------------------------------------------------------------
    if form.logo is not None:
        story.append(Image(str(form.logo), width=40 * mm, height=15 * mm, kind="proportional", hAlign="LEFT"))
    story.append(Paragraph(_p(f"{form.title}: {who}" if who else form.title), h1))
    story.append(Paragraph(_p(f"{record.ruleset['partnership']}. Made {_when(record.created)}"
                              + (f", amended {_when(record.amended)}" if record.amended else "")
                              + f". Record {record.record_id[:8]}."), small))
    if not record.hash_ok:
        story.append(Paragraph(_p(HASH_WARNING), ParagraphStyle(
            "tampered", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#B00020"), borderWidth=1.2,
            borderColor=colors.HexColor("#B00020"), borderPadding=5, spaceBefore=4, spaceAfter=6)))
    story.append(Spacer(1, 4 * mm))

    # -- outcome box: the referrer's decision when it differs, else the recommendation ----------------
    j = record.judgement
    decision = decided_outcome(document)
    level, route = decision.level, decision.route
    box_colour = level.get("colour") or NEUTRAL
    ink = colors.black if _luminance(box_colour) > 150 else colors.white
    box_title = ParagraphStyle("box", parent=h1, textColor=ink, fontSize=16, leading=20)
    box_text = ParagraphStyle("boxt", parent=base, textColor=ink)
    title = form.headings["outcome"] if j.agrees else DECISION
    rows: list[list[Any]] = []
    if route.get("emergency"):
        rows.append([Paragraph(_p(form.headings["emergency"]).upper(), box_title)])
    rows.append([Paragraph(_p(f"{title}: {level_words(level)}"), box_title)])
    if level.get("short"):
        rows.append([Paragraph(_p(level["short"]), box_text)])
    rows.append([Paragraph(_p(f"Route: {route['name']}"), ParagraphStyle("br", parent=box_text, fontName=FONT_BOLD,
                                                                          fontSize=11.5, leading=15))])
    if route.get("summary"):
        rows.append([Paragraph(_p(route["summary"]), box_text)])
    outcome = Table(rows, colWidths=["100%"])
    outcome.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(box_colour)),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 9),
                                 ("RIGHTPADDING", (0, 0), (-1, -1), 9), ("TOPPADDING", (0, 0), (0, 0), 8),
                                 ("BOTTOMPADDING", (0, -1), (-1, -1), 9), ("TOPPADDING", (0, 1), (-1, -1), 1),
                                 ("BOTTOMPADDING", (0, 0), (-1, -2), 1)]))
    story.append(outcome)
    warning = ParagraphStyle("warn", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#B00020"))
    if j.agrees:
        if rec.get("redirected_from"):
            para(f"This replaces the usual route for this level: {rec['redirected_from']['name']}.", small)
        if rec.get("provisional"):
            story.append(Spacer(1, 2 * mm))
            para(form.headings["provisional"], ParagraphStyle("prov", parent=base, fontName=FONT_BOLD))
    else:
        if decision.fit_warning:
            story.append(Spacer(1, 2 * mm))
            para(decision.fit_warning, warning)
        if not decision.has_guidance:
            story.append(Spacer(1, 2 * mm))
            add(Paragraph("<b>Note:</b> " + _p(
                "this record was made by an older version of thresholds-app and does not hold the steps, "
                "contacts, consent guidance or timescale of this route. Look them up in the rule set this "
                f"record names ({record.ruleset['name']} {record.ruleset['version']}), or ask your designated "
                "safeguarding lead."), base))
        story.append(Spacer(1, 2.5 * mm))
        story.append(recommendation_beside(rec, j.reason, form, base, small))

    if decision.has_guidance:
        heading("next_steps")
        bullets([*route.get("next_steps", []), *(rec.get("advice", []) if j.agrees else [])], numbered=True)
    if not j.agrees and rec.get("advice"):
        para("The tool also advised, on these answers:", ParagraphStyle("adv", parent=base, fontName=FONT_BOLD))
        bullets(rec["advice"])
    if decision.has_guidance:
        if route.get("contacts"):
            heading("contacts")
            rows = [[Paragraph(_p(c["name"]), ParagraphStyle("cn", parent=base, fontName=FONT_BOLD)),
                     Paragraph(_p("  ".join(x for x in (c.get("phone", ""),
                                                       c.get("secure_email") or c.get("email", "")) if x)), base),
                     Paragraph(_p(c.get("hours", "")), small)] for c in route["contacts"]]
            table = Table(rows, colWidths=["38%", "38%", "24%"])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, -1), 0.3,
                                                                                colors.HexColor("#B0BEC5"))]))
            add(table)
        heading("consent_guidance")
        para(route.get("consent", ""))
        heading("timescale")
        para(route.get("timescale", ""))
    if rec.get("side_routes"):
        heading("side_routes")
        for side in rec["side_routes"]:
            duty = " (a legal duty)" if side.get("statutory") else ""
            block: list[Flowable] = [Paragraph(_p(side["name"] + duty), h3),
                                     Paragraph(_p(side.get("summary", "")), base)]
            for step in side.get("next_steps", []):
                block.append(Paragraph(_p("\u2022 " + step), base))
            for c in side.get("contacts", []):
                block.append(Paragraph(_p(f"Contact: {c['name']} {c.get('phone', '')} {c.get('secure_email', '')}"),
                                       small))
            if side.get("timescale"):
                block.append(Paragraph(_p(f"Timescale: {side['timescale']}"), small))
            add(KeepTogether(block))

    # -- reasons and gaps ---------------------------------------------------------------------------
    if j.agrees:
        heading("reasons")
    else:  # the reasons are the tool's, not the referrer's
        pending.append(Paragraph(_p(f"Why the tool recommended {level_words(rec['level'])}"), h2))
    texts = {i["id"]: i for i in rec.get("indicators_ticked", [])}
    for reason in rec.get("reasons", []):
        style = ParagraphStyle("rd", parent=base, fontName=FONT_BOLD) if reason.get("decisive") else base
        para(reason["text"], style)
        if reason.get("decisive"):
            bullets([f"{texts[i]['text']} ({texts[i].get('domain_name', '')}, level {texts[i]['level']})"
                     for i in reason.get("indicators", []) if i in texts], style=small)
    if not rec.get("reasons"):
        para(form.texts["nothing_ticked"])
    if rec.get("gaps"):
        heading("gaps")
        bullets([g["text"] + (" - could change the outcome" if g.get("could_raise") else "") for g in rec["gaps"]])

    # -- judgement, consent, narrative ----------------------------------------------------------------
    heading("judgement")
    j = record.judgement
    if j.agrees:
        para(form.texts["agrees"])
    else:
        para(form.texts["disagrees"], ParagraphStyle("dj", parent=base, fontName=FONT_BOLD))
        if j.level is not None:
            para(f"Level in the referrer's judgement: {j.level}" + (f", {j.level_name}" if j.level_name else ""))
        if j.route:
            para(f"Route in the referrer's judgement: {j.route_name or j.route}")
    if j.reason:
        paras(f"Reason: {j.reason}")
    heading("consent")
    para(record.consent.label)
    if record.consent.reason:
        paras(f"Reason: {record.consent.reason}")
    heading("worry")
    paras(record.worry or form.texts["no_text"])
    heading("working_well")
    paras(record.working_well or form.texts["no_text"])

    # -- answers ---------------------------------------------------------------------------------------
    heading("screening")
    for s in rec.get("screening", []):
        para(f"{s['question']} {s['answer']}.")
    heading("answers")
    by_domain: dict[str, list[str]] = {}
    for ind in rec.get("indicators_ticked", []):
        by_domain.setdefault(ind.get("domain_name") or ind["domain"], []).append(
            f"Applies: {ind['text']} (level {ind['level']})")
    for gap in rec.get("gaps", []):
        if gap["kind"] == "indicator":
            by_domain.setdefault(gap.get("domain_name") or gap.get("domain", ""), []).append(
                f"Don't know: {gap['text']} (level {gap['level']})")
        elif gap["kind"] == "domain":
            by_domain.setdefault(gap.get("domain_name") or gap["id"], []).append("Don't know about this area.")
    if not by_domain:
        para(form.texts["nothing_ticked"])
    for domain_name, lines in by_domain.items():
        pending.append(Paragraph(_p(domain_name), h3))
        bullets(lines, style=base)
    if rec.get("domains_not_worried"):
        pending.append(Paragraph(_p(form.headings.get("not_worried", NOT_WORRIED)), h2))
        para(", ".join(d["name"] for d in rec["domains_not_worried"]) + ".")
    if rec.get("domains_not_considered"):
        heading("not_considered")
        para(", ".join(d["name"] for d in rec["domains_not_considered"]) + ".")
    if rec.get("strengths"):
        heading("strengths")
        bullets([s["text"] for s in rec["strengths"]])

    # -- people and signatures ----------------------------------------------------------------------------
    r = record.referrer
    c = record.child
    people = []
    for key, fields in (("referrer", (("Name", r.name), ("Role", r.role), ("Agency", r.agency), ("Team", r.team),
                                      ("Phone", r.phone), ("Email", r.email))),
                        ("child", (("Name", c.full_name), ("Initials", c.initials),
                                   ("Local reference", c.local_reference), ("Age band", c.age_band),
                                   ("Date of birth", c.date_of_birth or "")))):
        cell: list[Flowable] = [Paragraph(_p(form.headings[key]), ParagraphStyle("hp", parent=h2, spaceBefore=0))]
        # One line each: newlines in a name or a phone number (from a hand-edited file) would make a table
        # row taller than a page, which cannot be printed at all.
        cell += [Paragraph(_p(f"{label}: {' '.join(value.split())}"), base) for label, value in fields if value]
        people.append(cell)
    details = Table([people], colWidths=["50%", "50%"])
    details.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                 ("TOPPADDING", (0, 0), (-1, -1), 9)]))
    story.append(details)
    rtl = wraps_right_to_left(_user_texts(record))
    if rtl:
        story.append(Spacer(1, 3 * mm))
        para(RTL_NOTE, ParagraphStyle("rtl", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#B00020")))
    if missing:
        story.append(Spacer(1, 3 * mm))
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:20])
        para(f"Note: some characters could not be printed in this font and appear as boxes: {shown}. "
             "They are kept exactly in the record embedded in this PDF.",
             ParagraphStyle("warn", parent=base, fontName=FONT_BOLD, textColor=colors.HexColor("#B00020")))
    heading("signatures")
    sig_rows = [[Paragraph(_p(line), base), "", Paragraph("Date", base), ""] for line in form.signature_lines]
    signatures = Table(sig_rows, colWidths=["30%", "40%", "10%", "20%"], rowHeights=[12 * mm] * len(sig_rows))
    signatures.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                                    ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
                                    ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
    add(signatures)
    story.append(Spacer(1, 4 * mm))
    story.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor("#90A4AE")))
    para(form.texts["judgement_reminder"], small)
    para(form.texts["hash_note"], small)
    para(f"Record hash: {record.record_hash}", small)

    # -- page furniture ------------------------------------------------------------------------------------
    pagesize = A4 if form.page_size == "A4" else letter
    ruleset = record.ruleset
    footer_1 = (f"Rule set: {ruleset['name']} {ruleset['version']} ({ruleset['content_hash'][:19]})   "
                f"Record: {record.record_hash[:23]}")
    footer_2 = f"Generated {_when(generated)} by thresholds-app {__version__}"
    decorate = page_furniture(pagesize, form.security_marking, ruleset["partnership"], form.title,
                              footer_1, footer_2)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=18 * mm, rightMargin=18 * mm,
                            topMargin=22 * mm, bottomMargin=24 * mm, title=form.title, author="", subject="",
                            keywords=[], creator=f"thresholds-app {__version__}", lang="en-GB")
    doc.build(story, canvasmaker=_numbered_canvas(decorate))
    embedded = attach_record(buffer.getvalue(), record.to_json().encode("utf-8"))
    return RenderedRecord(embedded, _count_pages(embedded), missing, rtl)


def recommendation_beside(rec: Mapping[str, Any], reason: str, form: Form, base: Any, small: Any) -> Any:
    """The tool's recommendation, marked with its level's colour, and the referrer's reason for differing."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Table, TableStyle

    bold = ParagraphStyle("rb", parent=base, fontName=FONT_BOLD)
    cell: list[Any] = [Paragraph(_p(f"The tool recommended {level_words(rec['level'])}"), bold),
                       Paragraph(_p(f"Route: {rec['route']['name']}"), base)]
    if rec.get("redirected_from"):
        cell.append(Paragraph(_p(f"This replaced the usual route for that level: {rec['redirected_from']['name']}."),
                              small))
    if rec.get("provisional"):
        cell.append(Paragraph(_p(form.headings["provisional"]), small))
    shown, cut = excerpt(reason)
    cell.append(Paragraph(_p("Reason the referrer decided differently:"), ParagraphStyle("rr", parent=bold,
                                                                                          spaceBefore=3)))
    cell.append(Paragraph(_p(shown), base))
    if cut:
        cell.append(Paragraph(_p(f"The full reason is under '{form.headings['judgement']}'."), small))
    box = Table([["", cell]], colWidths=[4 * mm, None])
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, 0), colors.HexColor(rec["level"]["colour"])),
                             ("BACKGROUND", (1, 0), (1, 0), colors.HexColor("#F5F7F8")),
                             ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#90A4AE")),
                             ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (1, 0), (1, 0), 8),
                             ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return box


def page_furniture(pagesize: tuple[float, float], marking: str, partnership: str, title: str, footer_1: str,
                   footer_2: str) -> Any:
    """What every page of a printed record carries: marking top and bottom, who, what, page X of Y."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    def decorate(canvas: Any, doc: Any, page: int, total: int) -> None:
        width, height = pagesize
        canvas.saveState()
        if marking:
            canvas.setFont(FONT_BOLD, 10)
            canvas.drawCentredString(width / 2, height - 10 * mm, marking)
            canvas.drawCentredString(width / 2, 7 * mm, marking)
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor("#37474F"))
        canvas.drawString(18 * mm, height - 15 * mm, visual(partnership))
        canvas.drawRightString(width - 18 * mm, height - 15 * mm, visual(title))
        canvas.setFont(FONT, 6.5)
        canvas.drawString(18 * mm, 16 * mm, footer_1)
        canvas.drawString(18 * mm, 12.5 * mm, footer_2)
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - 18 * mm, 12.5 * mm, f"Page {page} of {total}")
        canvas.restoreState()

    return decorate


def _numbered_canvas(decorate: Any) -> Any:
    """A canvas class that draws page furniture once the total page count is known."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                decorate(self, None, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def _count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def _luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.299 * r + 0.587 * g + 0.114 * b


def _when(stamp: str | None) -> str:
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.strftime("%d %B %Y, %H:%M UTC")

