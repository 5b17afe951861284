"""The printed MASH screening record: the referrer's view and the MASH view side by side."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.problems import InputError
from ..core.schema import build_validator, explain_errors
from ..core.yamlsource import load_yaml_file
from ..locations import data_dir
from .embedded import attach_record
from .pdf import (
    FONT,
    FONT_BOLD,
    RenderedRecord,
    _count_pages,
    _numbered_canvas,
    _p,
    _register_fonts,
    _when,
    missing_characters,
    page_furniture,
)
from .record import DecisionRecord


@cache
def _validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "screening-form.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def load_screening_form(path: Path | str | None = None) -> dict[str, Any]:
    path = Path(path) if path is not None else data_dir("forms") / "mash-screening.yaml"
    data, smap = load_yaml_file(path)
    problems = explain_errors(_validator(), data, smap)
    if problems:
        raise InputError(problems)
    return dict(data)


def _outcome(rec: Mapping[str, Any]) -> str:
    level = rec["level"]
    of = f" of {level['of']}" if level.get("of") else ""
    return f"Level {level['number']}{of}, {level['name']}. Route: {rec['route']['name']}."


def render_screening(record: DecisionRecord, changes: list[str], form: dict[str, Any] | None = None,
                     *, generated: str | None = None) -> RenderedRecord:
    """Render the screening record of a reviewed referral, with the reviewed record embedded."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, letter
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if record.mash is None:
        raise ValueError("the record has no MASH review to print")
    _register_fonts()
    form = form or load_screening_form()
    heads, texts = form["headings"], form["texts"]
    mash = record.mash
    base = ParagraphStyle("b", fontName=FONT, fontSize=9.5, leading=12.5, spaceAfter=2)
    bold = ParagraphStyle("bb", parent=base, fontName=FONT_BOLD)
    h1 = ParagraphStyle("h1", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20)
    h2 = ParagraphStyle("h2", parent=base, fontName=FONT_BOLD, fontSize=11.5, leading=14, spaceBefore=8,
                        keepWithNext=1, textColor=colors.HexColor("#1A237E"))

    def cell(*lines: str, style: ParagraphStyle = base) -> list[Paragraph]:
        return [Paragraph(_p(line), style) for line in lines if line]

    j = record.judgement
    judgement = texts["agrees"] if j.agrees else (
        f"Differs: level {j.level} ({j.level_name}), {j.route_name}. Reason: {j.reason}")
    additional = mash["additional_answers"]
    known = {i["id"]: i["text"] for i in mash["recommendation"].get("indicators_ticked", [])}
    known |= {g["id"]: g["text"] for g in mash["recommendation"].get("gaps", [])}
    known |= {q["id"]: q["question"] for q in mash["recommendation"].get("screening", [])}
    words = {"yes": "Applies", "no": "Does not apply", "dont_know": "Don't know", "no_concerns": "No concerns"}
    added = [f"{words.get(v, v)}: {known.get(k, k)}" for part in ("screening", "indicators", "domains")
             for k, v in additional.get(part, {}).items()]
    referrer_ind = [f"{i['text']} (level {i['level']})" for i in record.recommendation.get("indicators_ticked", [])]
    rows: list[list[Any]] = [
        [Paragraph(_p(heads["referrer_view"]), bold), Paragraph(_p(heads["mash_view"]), bold)],
        [cell(heads["outcome"], style=bold) + cell(_outcome(record.recommendation)),
         cell(heads["outcome"], style=bold) + cell(_outcome(mash["recommendation"]))],
        [cell(heads["judgement"], style=bold) + cell(judgement),
         cell(heads["decision"], style=bold) + cell(f"{mash['decision']['name']} (level {mash['decision']['level']})")
         + cell(heads["urgency"], style=bold) + cell(f"{mash['urgency']['name']}: {mash['urgency']['timescale']}")],
        [cell(heads["information"], style=bold) + cell(*referrer_ind or ["(no indicators ticked)"]),
         cell(heads["information"], style=bold) + cell(*(added or [texts["no_additional"]]))],
    ]
    table = Table(rows, colWidths=["50%", "50%"], repeatRows=1)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#90A4AE")),
                               ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8EAF6")),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story: list[Any] = [Paragraph(_p(form["title"]), h1),
                        Paragraph(_p(f"Referral {record.record_id[:8]} made {_when(record.created)}; reviewed "
                                     f"{_when(mash['reviewed'])}" + (f" by {mash['reviewer'].get('name')}"
                                                                      if mash["reviewer"].get("name") else "")
                                     + "."), base), Spacer(1, 3 * mm), table]
    story.append(Paragraph(_p(heads["reason"]), h2))
    story += cell(*mash["reason"].split("\n"))
    story.append(Paragraph(_p(heads["feedback"]), h2))
    story += cell(*(mash["feedback"] or "(none)").split("\n"))
    story.append(Paragraph(_p(heads["changes"]), h2))
    story += cell(*(changes or [texts["no_changes"]]))
    story.append(Paragraph(_p(heads["worry"]), h2))
    story += cell(*(record.worry or "(nothing written)").split("\n"))
    story.append(Spacer(1, 3 * mm))
    story += cell(texts["hash_note"], f"Referrer's record hash: {record.record_hash}", f"MASH review hash: "
                  f"{mash['mash_hash']}")
    pagesize = A4 if form["page_size"] == "A4" else letter
    generated = generated or datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    rs = mash["ruleset"]
    decorate = page_furniture(pagesize, form["security_marking"], record.ruleset["partnership"], form["title"],
                              f"Rule set: {rs['id']} {rs['version']} ({rs['content_hash'][:19]})   "
                              f"Record: {record.record_hash[:23]}",
                              f"Generated {_when(generated)} by thresholds-app {__version__}")
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=pagesize, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=22 * mm,
                      bottomMargin=24 * mm, title=form["title"], author="", subject="", keywords=[],
                      creator=f"thresholds-app {__version__}").build(story, canvasmaker=_numbered_canvas(decorate))
    pdf = attach_record(buffer.getvalue(), record.to_json().encode("utf-8"))
    texts_used = [record.worry, mash["reason"], mash["feedback"], *mash["reviewer"].values()]
    return RenderedRecord(pdf, _count_pages(pdf), missing_characters(t for t in texts_used if t))
