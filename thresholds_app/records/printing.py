"""The one printing layer: every PDF the app makes is built here, and only this module imports reportlab.

A report is a list of blocks (title, heading, paragraph, bullets, table, outcome box, chart, signatures),
added in the order its form in ``forms/`` gives. Everything every report needs is done once, here:

- fonts (the bundled DejaVu Sans, read once, on any thread) and the check for characters it cannot print;
- one theme: sizes, spacing and colours, scaled for dense reports such as the grid;
- text escaping: text from people and files is never read as markup; right-to-left text is broken
  into lines, then each line put in display order, so a passage prints its first line first;
- headings that never end a page (a heading waits for its first block and stays with it);
- page furniture: the security marking top and bottom, header, footer lines, "Page X of Y";
- metadata with no personal data (title and creator only), and the machine-readable record attached.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .. import __version__
from ..locations import data_dir
from .embedded import EMBEDDED_NAME
from .visual_order import has_right_to_left, mainly_right_to_left, visual

if TYPE_CHECKING:
    from .form import ReportForm

FONT = "ThresholdsSans"
FONT_BOLD = "ThresholdsSans-Bold"
FONT_ITALIC = "ThresholdsSans-Italic"

Style = Literal["body", "small", "bold", "warning", "alarm", "example", "statement", "box", "box_title",
                "box_route", "title", "h2", "h3", "table_head"]

@dataclass(frozen=True)
class Theme:
    """One look for every report. ``text`` is the body size in points; everything else follows from it."""

    text: float = 10.0
    ink: str = "#000000"
    muted: str = "#37474F"
    heading: str = "#1A237E"
    warning: str = "#B00020"
    rule: str = "#90A4AE"
    light_rule: str = "#B0BEC5"
    table_head: str = "#E8EAF6"
    panel: str = "#F5F7F8"
    neutral: str = "#CFD8DC"


#: Body text of records (10 pt), of board reports and forms (9.5 pt), and of the one-sheet grid.
RECORD, REPORT = Theme(10.0), Theme(9.5)


def grid_theme(scale: float) -> Theme:
    return Theme(7.8 * scale)


# -- fonts ------------------------------------------------------------------------------------------
_fonts_ready = False
_italic_ready = False
_fonts_lock = threading.Lock()  # the app reads the fonts on a worker thread (prepare_printing)
_cmap: frozenset[int] = frozenset()


def register_fonts(*, italic: bool = False) -> None:
    """Register the bundled fonts once. The italic face (only the blank questionnaire uses it) is read when
    asked for: each face costs about 35 ms to read."""
    global _fonts_ready, _italic_ready, _cmap
    with _fonts_lock:
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        folder = data_dir("resources") / "fonts"
        if not _fonts_ready:
            regular = TTFont(FONT, str(folder / "DejaVuSans.ttf"))
            pdfmetrics.registerFont(regular)
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(folder / "DejaVuSans-Bold.ttf")))
            addMapping(FONT, 0, 0, FONT)
            # Not (FONT, 0, 1, FONT) for italic before the face is read: reportlab would then take FONT
            # itself for an italic face, and print later records' text as nothing.
            addMapping(FONT, 1, 0, FONT_BOLD)
            addMapping(FONT, 1, 1, FONT_BOLD)
            _cmap = frozenset(regular.face.charToGlyph)
            _fonts_ready = True
        if italic and not _italic_ready:
            pdfmetrics.registerFont(TTFont(FONT_ITALIC, str(folder / "DejaVuSans-Oblique.ttf")))
            addMapping(FONT, 0, 1, FONT_ITALIC)
            _italic_ready = True


def missing_characters(texts: Iterable[str]) -> tuple[str, ...]:
    """Characters in ``texts`` the bundled font has no glyph for (whitespace and controls aside)."""
    register_fonts()
    missing = {c for text in texts for c in text if ord(c) not in _cmap and not c.isspace() and ord(c) >= 32}
    return tuple(sorted(missing))


def prepare_printing() -> None:
    """Do now what the first PDF of a session would otherwise wait for: import reportlab, read the fonts,
    build the record's validator and read the default form (about 0.2 s in all).

    The app runs this on a worker thread once its window has painted, so the first "Save PDF" takes as
    long as any other. Safe to call from any thread, and more than once.
    """
    import reportlab.platypus  # noqa: F401

    from .form import load_form
    from .record import warm_validator

    register_fonts()
    warm_validator()
    load_form()


# -- text -------------------------------------------------------------------------------------------
def text(value: str) -> str:
    """Text from a person or a file, safe in a paragraph: never markup, newlines kept, in reading order.
    (Escaped here, not with xml.sax.saxutils, whose import pulls in urllib and email: 23 ms a print.)"""
    shown = visual(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return shown.replace("\n", "<br/>")


Kind = Literal["", "b", "i", "id"]


@dataclass(frozen=True)
class Rich:
    """A line in parts, each plain, bold, italic or an id in small grey print: the only markup there is."""

    parts: tuple[tuple[str, Kind], ...]

    def markup(self) -> str:
        out = []
        for value, kind in self.parts:
            if kind == "id":
                out.append(f'<font size="7" color="#546E7A">[{text(value)}]</font>' if value else "")
            elif kind:
                out.append(f"<{kind}>{text(value)}</{kind}>")
            else:
                out.append(text(value))
        return "".join(out)


Line = str | Rich
Cell = Line | Sequence[tuple[Line, Style]]


def when(stamp: str | None) -> str:
    """An ISO time as people read it: 24 November 2026, 14:05 UTC."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return moment.strftime("%d %B %Y, %H:%M UTC")


def now_stamp() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def ink_on(hex_colour: str) -> str:
    """Black or white, whichever reads on ``hex_colour``."""
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#FFFFFF"


# -- pages ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Furniture:
    """What every page carries: the marking top and bottom, who and what at the top, the footer lines
    (no personal data: a rule set, a record hash, when it was made), and "Page X of Y"."""

    marking: str
    header_left: str
    header_right: str
    footer: tuple[str, ...] = ()


@dataclass(frozen=True)
class Built:
    pdf: bytes
    pages: int


class Report:
    """A PDF built block by block. Each block method adds to the report and returns nothing."""

    def __init__(self, title: str, furniture: Furniture, *, theme: Theme = RECORD, page_size: str = "A4",
                 landscape: bool = False, margins_mm: tuple[float, float, float, float] = (18, 18, 22, 24),
                 italic: bool = False) -> None:
        register_fonts(italic=italic)
        from reportlab.lib import pagesizes

        size = {"A3": pagesizes.A3, "letter": pagesizes.letter}.get(page_size, pagesizes.A4)
        self.pagesize: tuple[float, float] = pagesizes.landscape(size) if landscape else size
        self.title_text = title
        self.furniture = furniture
        self.theme = theme
        self.margins = margins_mm
        self.story: list[Any] = []
        self._pending: list[Any] = []
        self._group: list[Any] | None = None
        self._styles = self._make_styles(theme)

    # -- styles ---------------------------------------------------------------------------------
    @staticmethod
    def _make_styles(t: Theme) -> dict[str, Any]:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        s = t.text
        body = ParagraphStyle("body", fontName=FONT, fontSize=s, leading=s * 1.33, spaceAfter=s * 0.3)
        bold = ParagraphStyle("bold", parent=body, fontName=FONT_BOLD)
        red = colors.HexColor(t.warning)
        return {
            "body": body, "bold": bold,
            "small": ParagraphStyle("small", parent=body, fontSize=s * 0.85, leading=s * 1.1,
                                    textColor=colors.HexColor(t.muted)),
            "warning": ParagraphStyle("warning", parent=bold, textColor=red),
            "alarm": ParagraphStyle("alarm", parent=bold, textColor=red, borderWidth=1.2, borderColor=red,
                                    borderPadding=5, spaceBefore=4, spaceAfter=6),
            "example": ParagraphStyle("example", parent=body, fontSize=s * 0.86, leading=s * 1.1, leftIndent=10,
                                      fontName=FONT_ITALIC if _italic_ready else FONT,
                                      textColor=colors.HexColor(t.muted)),
            "statement": ParagraphStyle("statement", parent=bold, spaceBefore=s * 0.5),
            "title": ParagraphStyle("title", parent=bold, fontSize=s * 1.7, leading=s * 2.1, spaceAfter=2),
            "h2": ParagraphStyle("h2", parent=bold, fontSize=s * 1.2, leading=s * 1.5, spaceBefore=s * 0.9,
                                 spaceAfter=s * 0.4, textColor=colors.HexColor(t.heading), keepWithNext=1),
            "h3": ParagraphStyle("h3", parent=bold, fontSize=s * 1.05, leading=s * 1.35, spaceBefore=s * 0.5,
                                 keepWithNext=1),
            "table_head": ParagraphStyle("table_head", parent=bold, splitLongWords=0),  # "Expecte d" never
            "box": body, "box_title": ParagraphStyle("box_title", parent=bold, fontSize=s * 1.6, leading=s * 2),
            "box_route": ParagraphStyle("box_route", parent=bold, fontSize=s * 1.15, leading=s * 1.5),
        }

    def _paragraph(self, line: Line, style: Style = "body", colour: str | None = None) -> Any:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.platypus import Paragraph

        chosen = self._styles[style]
        if colour is not None:
            chosen = ParagraphStyle(f"{style}-{colour}", parent=chosen, textColor=colors.HexColor(colour))
        if isinstance(line, Rich):
            return Paragraph(line.markup(), chosen)
        if has_right_to_left(line):
            return _reading_order_paragraph(line, chosen)
        return Paragraph(text(line), chosen)

    def _add(self, flowable: Any) -> None:
        """A heading waiting for content is kept on the same page as it."""
        target = self._group if self._group is not None else self.story
        if self._pending and self._group is None:
            from reportlab.platypus import KeepTogether

            target.append(KeepTogether([*self._pending, flowable]))
            self._pending.clear()
        else:
            target.append(flowable)

    # -- blocks -----------------------------------------------------------------------------------
    def title(self, title: str, subtitle: str = "", *, logo: Path | None = None) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import Image

        if logo is not None:
            self.story.append(Image(str(logo), width=40 * mm, height=15 * mm, kind="proportional", hAlign="LEFT"))
        self.story.append(self._paragraph(title, "title"))
        if subtitle:
            self.story.append(self._paragraph(subtitle, "small"))

    def heading(self, line: Line, level: Literal[2, 3] = 2) -> None:
        """Printed with the block that follows it, never alone at the foot of a page."""
        paragraph = self._paragraph(line, "h2" if level == 2 else "h3")
        if self._group is not None:
            self._group.append(paragraph)
        else:
            self._pending.append(paragraph)

    def paragraph(self, line: Line, style: Style = "body") -> None:
        self._add(self._paragraph(line, style))

    def paragraphs(self, value: str, style: Style = "body") -> None:
        """Free text, one paragraph per line: long accounts flow over pages in linear time."""
        for line in value.split("\n"):
            if line.strip():
                self.paragraph(line, style)
            else:
                self.space(2)

    def bullets(self, items: Iterable[Line], *, numbered: bool = False, style: Style = "body") -> None:
        from reportlab.platypus import ListFlowable, ListItem

        entries: list[Any] = [ListItem(self._paragraph(item, style), leftIndent=14) for item in items]
        if entries:
            self._add(ListFlowable(entries, bulletType="1" if numbered else "bullet",
                                   start="1" if numbered else "\u2022", leftIndent=14, bulletFontName=FONT,
                                   bulletFontSize=self.theme.text * 0.9))

    def space(self, millimetres: float) -> None:
        from reportlab.lib.units import mm
        from reportlab.platypus import Spacer

        (self._group if self._group is not None else self.story).append(Spacer(1, millimetres * mm))

    def rule(self) -> None:
        from reportlab.lib import colors
        from reportlab.platypus.flowables import HRFlowable

        self.story.append(HRFlowable(width="100%", thickness=0.4, color=colors.HexColor(self.theme.rule)))

    def page_break(self) -> None:
        from reportlab.platypus import PageBreak

        self.story.append(PageBreak())

    def new_part(self, furniture: Furniture) -> None:
        """Start a new page whose furniture (and every later page's) is ``furniture``: a household's PDF
        is one document, numbered throughout, in which each child's pages print that child's record."""
        self.page_break()
        self.story.append(_furniture_mark(furniture))

    @contextmanager
    def together(self) -> Iterator[None]:
        """Blocks added inside stay on one page together (a question and its answer boxes)."""
        from reportlab.platypus import KeepTogether

        outer, self._group = self._group, []
        try:
            yield
        finally:
            group, self._group = self._group, outer
            if group:
                if outer is None and self._pending:
                    # One KeepTogether with the waiting heading: reportlab's KeepTogether inside another
                    # reports itself as too tall for any page, and would start a new page every time.
                    group = [*self._pending, *group]
                    self._pending.clear()
                (outer if outer is not None else self.story).append(KeepTogether(group))

    def _cell(self, cell: Cell, style: Style) -> Any:
        if isinstance(cell, str | Rich):
            return self._paragraph(cell, style)
        return [self._paragraph(line, line_style) for line, line_style in cell]

    def table(self, rows: Sequence[Sequence[Cell]], widths: Sequence[float | str | None] | None = None, *,
              header_rows: int = 1, lines: Literal["grid", "below", "none"] = "grid",
              fills: dict[tuple[int, int], str] | None = None, spans: Sequence[tuple[int, int, int]] = (),
              cell_style: Style = "body", title_rows: int = 0) -> None:
        """Rows of text cells (a cell may be several lines, each with its style). ``fills``: background
        colours by (column, row), the text on them in black or white to suit; ``spans``: (row, first
        column, last column) joined; header rows (the first ``header_rows``, of which the first
        ``title_rows`` are a title above the lines) repeat on every page."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        fills = fills or {}
        data = []
        for r, row in enumerate(rows):
            cells = []
            for c, cell in enumerate(row):
                style: Style = "table_head" if title_rows <= r < header_rows else cell_style
                colour = ink_on(fills[(c, r)]) if (c, r) in fills else None
                if colour is not None and isinstance(cell, str | Rich):
                    cells.append(self._paragraph(cell, style, colour))
                else:
                    cells.append(self._cell(cell, style))
            data.append(cells)
        table = Table(data, colWidths=list(widths) if widths else None, repeatRows=header_rows)
        commands: list[Any] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if lines == "grid":
            commands.append(("GRID", (0, title_rows), (-1, -1), 0.3, colors.HexColor(self.theme.rule)))
        elif lines == "below":
            commands.append(("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor(self.theme.light_rule)))
        else:
            commands.append(("LEFTPADDING", (0, 0), (-1, -1), 0))
        if header_rows > title_rows and lines == "grid":
            commands.append(("BACKGROUND", (0, title_rows), (-1, header_rows - 1),
                             colors.HexColor(self.theme.table_head)))
        for (c, r), colour in fills.items():
            commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor(colour)))
        for r, first, last in spans:
            commands.append(("SPAN", (first, r), (last, r)))
        table.setStyle(TableStyle(commands))
        self._add(table)

    def outcome_box(self, lines: Sequence[tuple[Line, Style]], colour: str) -> None:
        """The outcome, on its level's colour, in black or white to suit; the words carry the meaning."""
        from reportlab.lib import colors
        from reportlab.platypus import Table, TableStyle

        ink = ink_on(colour)
        box = Table([[self._paragraph(line, style, ink)] for line, style in lines], colWidths=["100%"])
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(colour)),
                                 ("LEFTPADDING", (0, 0), (-1, -1), 9), ("RIGHTPADDING", (0, 0), (-1, -1), 9),
                                 ("TOPPADDING", (0, 0), (0, 0), 8), ("BOTTOMPADDING", (0, -1), (-1, -1), 9),
                                 ("TOPPADDING", (0, 1), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -2), 1)]))
        self._add(box)

    def marked_panel(self, lines: Sequence[tuple[Line, Style]], colour: str) -> None:
        """A panel with a bar of ``colour`` down its left side (the tool's recommendation beside a decision)."""
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Table, TableStyle

        box = Table([["", [self._paragraph(line, style) for line, style in lines]]], colWidths=[4 * mm, None])
        box.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, 0), colors.HexColor(colour)),
                                 ("BACKGROUND", (1, 0), (1, 0), colors.HexColor(self.theme.panel)),
                                 ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor(self.theme.rule)),
                                 ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (1, 0), (1, 0), 8),
                                 ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        self._add(box)

    def bar_chart(self, groups: Sequence[str], series: Sequence[tuple[str, str, Sequence[int]]]) -> None:
        """Grouped bars: ``series`` is (label, colour, one count per group); a legend names every colour."""
        from reportlab.graphics.charts.barcharts import VerticalBarChart
        from reportlab.graphics.charts.legends import Legend
        from reportlab.graphics.shapes import Drawing
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        drawing = Drawing(250 * mm, 75 * mm)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = int(15 * mm), int(12 * mm), int(185 * mm), int(58 * mm)
        chart.data = [list(counts) for _, _, counts in series]
        chart.categoryAxis.categoryNames = [visual(g[:18]) for g in groups]
        chart.categoryAxis.labels.fontName = FONT
        chart.categoryAxis.labels.fontSize = 7
        chart.valueAxis.labels.fontName = FONT
        chart.valueAxis.valueMin = 0
        chart.groupSpacing = 6
        top = max((max(counts, default=0) for _, _, counts in series), default=0)
        chart.valueAxis.valueStep = max(1, round(top / 5))
        for i, (_, colour, _) in enumerate(series):
            chart.bars[i].fillColor = colors.HexColor(colour)
        drawing.add(chart)
        legend = Legend()
        legend.x, legend.y = int(206 * mm), int(65 * mm)
        legend.fontName = FONT
        legend.fontSize = 8
        legend.colorNamePairs = [(colors.HexColor(colour), label) for label, colour, _ in series]
        drawing.add(legend)
        self._add(drawing)

    def signatures(self, labels: Sequence[str]) -> None:
        """A line to sign and a line for the date, for each person named."""
        from reportlab.lib import colors
        from reportlab.lib.units import mm
        from reportlab.platypus import Table, TableStyle

        rows = [[self._paragraph(label), "", self._paragraph("Date"), ""] for label in labels]
        table = Table(rows, colWidths=["30%", "40%", "10%", "20%"], rowHeights=[12 * mm] * len(rows))
        table.setStyle(TableStyle([("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black),
                                   ("LINEBELOW", (3, 0), (3, -1), 0.6, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        self._add(table)

    # -- the document -------------------------------------------------------------------------------
    def build(self, attachment: bytes | None = None) -> Built:
        """The PDF, with ``attachment`` (a record's JSON) carried inside it."""
        from reportlab.lib.units import mm
        from reportlab.platypus import SimpleDocTemplate

        if self._pending:
            self.story.extend(self._pending)
            self._pending.clear()
        left, right, top, bottom = (m * mm for m in self.margins)
        counted: list[int] = []
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(buffer, pagesize=self.pagesize, leftMargin=left, rightMargin=right, topMargin=top,
                                bottomMargin=bottom, title=self.title_text, author="", subject="", keywords=[],
                                creator=f"thresholds-app {__version__}", lang="en-GB")
        doc.build(self.story, canvasmaker=_numbered_canvas(self._decorate, counted, attachment))
        return Built(buffer.getvalue(), counted[0] if counted else 0)

    def _decorate(self, canvas: Any, page: int, total: int) -> None:
        from reportlab.lib import colors
        from reportlab.lib.units import mm

        f = getattr(canvas, "_thresholds_furniture", None) or self.furniture
        width, height = self.pagesize
        left = self.margins[0] * mm
        canvas.saveState()
        if f.marking:
            canvas.setFont(FONT_BOLD, 10)
            canvas.drawCentredString(width / 2, height - 10 * mm, visual(f.marking))
            canvas.drawCentredString(width / 2, 7 * mm, visual(f.marking))
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.HexColor(self.theme.muted))
        canvas.drawString(left, height - 15 * mm, visual(f.header_left))
        canvas.drawRightString(width - left, height - 15 * mm, visual(f.header_right))
        canvas.setFont(FONT, 6.5)
        for n, line in enumerate(f.footer[:2]):
            canvas.drawString(left, (16 - 3.5 * n) * mm, visual(line))
        canvas.setFont(FONT, 8)
        canvas.drawRightString(width - left, 12.5 * mm, f"Page {page} of {total}")
        canvas.restoreState()


def _reading_order_paragraph(value: str, style: Any) -> Any:
    """A paragraph with right-to-left text, wrapped in reading order. reportlab wraps the characters it is
    given; given text already put in display order, a passage of several lines printed its last line first.
    This breaks the text into lines first (measured in the font, at the width the page gives), then puts
    each line in display order; a mainly right-to-left passage is set against the right margin."""
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.platypus import Flowable, Paragraph

    def lines_within(width: float) -> list[str]:
        out: list[str] = []
        for logical in value.split("\n"):
            current = ""
            for word in logical.split(" "):
                candidate = f"{current} {word}" if current else word
                if current and stringWidth(visual(candidate), style.fontName, style.fontSize) > width:
                    out.append(current)
                    current = word
                else:
                    current = candidate
            out.append(current)
        return out

    aligned = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT) if mainly_right_to_left(
        value) else style

    class ReadingOrder(Flowable):
        def __init__(self) -> None:
            super().__init__()
            self.paragraph: Any = None

        def _laid_out(self, width: float) -> Any:
            room = width - style.leftIndent - style.rightIndent - 2  # a little slack for rounding
            self.paragraph = Paragraph("<br/>".join(text(line) for line in lines_within(room)), aligned)
            return self.paragraph

        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            width, height = self._laid_out(available_width).wrap(available_width, available_height)
            return width, height

        def split(self, available_width: float, available_height: float) -> list[Any]:
            return list(self._laid_out(available_width).split(available_width, available_height))

        def draw(self) -> None:
            self.paragraph.drawOn(self.canv, 0, 0)

        def getSpaceBefore(self) -> float:
            return float(style.spaceBefore)

        def getSpaceAfter(self) -> float:
            return float(style.spaceAfter)

    return ReadingOrder()


def _furniture_mark(furniture: Furniture) -> Any:
    """A flowable of no size that tells the canvas which furniture the pages from here on carry."""
    from reportlab.platypus import Flowable

    class FurnitureMark(Flowable):
        def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
            return 0, 0

        def draw(self) -> None:
            setattr(self.canv, "_thresholds_furniture", furniture)  # noqa: B010  (read back in _decorate)

    return FurnitureMark()


def _embed(canvas: Any, name: str, data: bytes) -> None:
    """Attach ``data`` to the document as the embedded file ``name`` (the PDF's catalog names it under
    /Names /EmbeddedFiles, where every PDF reader looks). reportlab has no public call for this, so it is
    done with its own PDF objects, here and nowhere else; pypdf, which did it before, took 80 ms to import
    for every PDF written."""
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString, PDFZCompress

    document = canvas._doc
    stream = PDFStream(PDFDictionary({"Type": PDFName("EmbeddedFile")}),
                       data, filters=[PDFZCompress])
    spec = PDFDictionary({"Type": PDFName("Filespec"), "F": PDFString(name), "UF": PDFString(name),
                          "EF": PDFDictionary({"F": document.Reference(stream)})})
    document.Catalog.Names = PDFDictionary({"EmbeddedFiles": PDFDictionary(
        {"Names": PDFArray([PDFString(name), document.Reference(spec)])})})


def _numbered_canvas(decorate: Any, counted: list[int], attachment: bytes | None = None) -> Any:
    """A canvas class that draws the page furniture once the total page count is known, and attaches
    ``attachment`` (a record's JSON) as the file the app reopens the PDF by."""
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
            counted.append(total)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            if attachment is not None:
                _embed(self, EMBEDDED_NAME, attachment)
            super().save()

    return NumberedCanvas


def board_report(form: ReportForm, header_left: str, *, marking: str | None = None,
                 subtitle: str = "") -> Report:
    """A landscape report for a partnership board (audit, revision, training summary), titled, marked and
    with the logo its form gives (``marking`` overrides the form's), already carrying its title."""
    furniture = Furniture(form.security_marking if marking is None else marking, header_left[:90], form.title,
                          (generated_line(),))
    report = Report(form.title, furniture, theme=REPORT, landscape=True, margins_mm=(15, 15, 20, 22))
    report.title(form.title, subtitle, logo=form.logo)
    return report


def generated_line(stamp: str | None = None) -> str:
    """The footer line saying when and by what a report was made."""
    return f"Generated {when(stamp or now_stamp())} by thresholds-app {__version__}"
