"""The questionnaire on paper: every question the app asks, with boxes to tick, and no rules."""

from __future__ import annotations

from ..core.questionnaire import AREA_DONT_KNOW, AREA_INSTRUCTIONS, STRENGTHS_HINT, STRENGTHS_TITLE, Questionnaire
from .form import ReportForm, load_report_form
from .printing import REPORT, Furniture, Kind, Report, Rich, generated_line

BOX = "\u25a1"  # a box to tick on paper


def render_questionnaire(q: Questionnaire, *, ids: bool = False, marking: str | None = None,
                         form: ReportForm | None = None) -> tuple[bytes, int]:
    """The questionnaire as PDF bytes (portrait A4), and its page count; with ``ids``, each question and
    statement carries its id in small print, for typing paper answers back in. The title, marking and logo
    come from ``forms/reports.yaml``; ``marking`` overrides the marking."""
    form = form or load_report_form("questionnaire")
    furniture = Furniture(form.security_marking if marking is None else marking, q.partnership, form.title,
                          (q.edition, generated_line()))
    r = Report(form.title, furniture, theme=REPORT, italic=True)

    def ident(value: str) -> tuple[str, Kind]:
        return (value if ids else "", "id")

    r.title(form.title, f"{q.partnership}. {q.edition}", logo=form.logo)
    if q.notice:
        r.paragraph(q.notice, "small")

    def levels() -> None:
        for name, text in q.levels:
            r.paragraph(Rich(((f"{name}.", "b"), (f" {text}", ""))))

    def screening() -> None:
        for n, question in enumerate(q.screening, 1):
            with r.together():
                r.heading(Rich(((f"{n}. {question.text} ", ""), ident(question.id))), 3)
                if question.help:
                    r.paragraph(question.help, "small")
                for _oid, label, help_ in question.options:
                    r.paragraph(Rich(((f"{BOX} {label}", ""), (f" {help_}" if help_ else "", "i"))))

    def areas() -> None:
        r.paragraph(f"{AREA_INSTRUCTIONS} Tick one box for each: {', '.join(q.answers)}. Leave it blank if you "
                    "did not consider it.")
        answer_boxes = "    ".join(f"{BOX} {a}" for a in q.answers)
        for area in q.areas:
            r.heading(Rich(((f"Area {area.number} of {len(q.areas)}: {area.name} ", ""), ident(area.id))))
            r.paragraph(Rich(((f"{area.group}.", "i"), (f" {area.summary}", ""))))
            r.paragraph(f"When needs here are met by universal services: {area.level_1}")
            if area.help:
                r.paragraph(area.help, "bold")
            r.paragraph(f"{BOX} {AREA_DONT_KNOW}")
            for s in area.statements:
                with r.together():
                    r.paragraph(Rich(((f"{s.text} ", ""), ident(s.id))), "statement")
                    r.paragraph(f"{s.level}." + (f" {s.ages}." if s.ages else ""), "small")
                    if s.help:
                        r.paragraph(s.help, "small")
                    for role, text in s.examples:
                        r.paragraph(f"For example ({role}): {text}", "example")
                    r.paragraph(answer_boxes)
            if area.strengths:
                r.space(2)
                r.paragraph(Rich(((f"{STRENGTHS_TITLE}.", "b"), (f" {STRENGTHS_HINT}", ""))), "small")
                for sid, text in area.strengths:
                    r.paragraph(Rich(((f"{BOX} {text} ", ""), ident(sid))))

    sections = {"levels": levels, "screening": screening, "areas": areas}
    for section in form.sections:
        r.heading(form.heading(section))
        sections[section]()
    built = r.build()
    return built.pdf, built.pages
