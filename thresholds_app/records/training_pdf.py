"""The facilitator's session summary for the partnership board: per-case choices and agreement."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..core.training import Session, TrainingCase
from .form import ReportForm, load_report_form
from .printing import Cell, board_report


def render_session(cases: Sequence[TrainingCase], session: Session, route_names: Mapping[str, str], *,
                   made: date | None = None, marking: str | None = None,
                   form: ReportForm | None = None) -> tuple[bytes, int]:
    """The summary a partnership board reads: names, not ids, and the day it was made; with its page count.
    Title, marking and logo from ``forms/reports.yaml``."""
    form = form or load_report_form("training")
    titles = {c.id: c.title for c in cases}
    made = made or date.today()
    r = board_report(form, "No personal data: nicknames only", marking=marking,
                     subtitle=f"Made on {made.day} {made:%B %Y}.")
    r.paragraph(f"{session.people.text()} Agreement across cases (Fleiss' kappa): {session.agreement.text()}.")
    rows: list[list[Cell]] = [["Case", "Levels chosen", "Expected", "Most common level", "Correct", "Routes chosen",
                               "By agency"]]
    for result in session.results:
        if not result.levels:
            continue
        levels = ", ".join(f"L{lv}: {n}" for lv, n in sorted(result.levels.items()))
        agencies = "; ".join(f"{a}: " + ", ".join(f"L{lv} {n}" for lv, n in sorted(c.items()))
                             for a, c in sorted(result.by_agency.items()))
        rows.append([titles.get(result.case_id, result.case_id), levels, f"Level {result.expected_level}",
                     result.most_common_text(),
                     f"{result.correct:.0f}%" if result.correct is not None else "n/a",
                     result.routes_text(route_names), agencies])
    for section in form.sections:  # one section: the cases
        r.heading(form.heading(section))
        r.table(rows, ["18%", "10%", "9%", "14%", "7%", "21%", "21%"])
    built = r.build()
    return built.pdf, built.pages
