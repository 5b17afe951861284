"""The rule set printed as the familiar levels-of-need grid: areas as rows, levels as columns.

One source of truth: the same YAML that drives the app. Landscape, for A4 or A3.
"""

from __future__ import annotations

from ..core.model import RuleSet
from .form import ReportForm, load_report_form
from .printing import Cell, Furniture, Report, generated_line, grid_theme


def render_grid(ruleset: RuleSet, *, page_size: str = "A4", marking: str | None = None,
                form: ReportForm | None = None) -> tuple[bytes, int]:
    """The grid as PDF bytes, and its page count. Title, marking and logo from ``forms/reports.yaml``."""
    form = form or load_report_form("grid")
    a3 = page_size.upper() == "A3"
    m = ruleset.metadata
    furniture = Furniture(form.security_marking if marking is None else marking, m.partnership, form.title,
                          (f"Rule set: {m.name} {m.version} ({ruleset.content_hash[:19]})", generated_line()))
    r = Report(form.title, furniture, theme=grid_theme(1.2 if a3 else 1.0), page_size="A3" if a3 else "A4",
               landscape=True, margins_mm=(12, 12, 20, 22))
    r.title(form.title, f"{m.partnership}. {m.name} {m.version}, effective {m.effective_date}, review by "
            f"{m.review_date}.", logo=form.logo)
    if m.status != "adopted":
        r.paragraph(m.notice)
    r.space(3)
    levels = ruleset.levels

    def areas() -> None:
        first = 17.0
        col = (100 - first) / max(1, len(levels))
        widths = [f"{first}%"] + [f"{col}%"] * len(levels)
        header: list[Cell] = ["Area", *[f"Level {lv.number}: {lv.name}\n{lv.short}" for lv in levels]]
        fills = {(n, 1): lv.colour for n, lv in enumerate(levels, 1)} | {(0, 1): "#ECEFF1"}
        lowest = levels[0].number
        for group in ruleset.domain_groups:
            domains = [d for d in ruleset.domains if d.group == group.id]
            if not domains:
                continue
            title: list[Cell] = [[(group.name, "h3")], *[""] * len(levels)]
            rows: list[list[Cell]] = [title, header]
            for domain in domains:
                cells: list[Cell] = [[(domain.name, "bold"), (domain.summary, "body")]]
                for lv in levels:
                    lines = [f"\u2022 {i.text}" for i in domain.indicators if i.level == lv.number]
                    if lv.number == lowest:
                        lines = [domain.level_1, *lines]
                    cells.append("\n".join(lines))
                rows.append(cells)
            r.table(rows, widths, header_rows=2, fills=fills, spans=[(0, 0, len(levels))], title_rows=1)
            r.space(4)

    def routes() -> None:
        route_rows: list[list[Cell]] = [["Route", "What it is", "Next steps", "Consent", "Timescale", "Contacts"]]
        for route in ruleset.routes.values():
            contacts = "\n".join(f"{c.name}: {c.phone} {c.secure_email}".strip() for c in route.contacts)
            route_rows.append([[(route.name, "bold")], route.summary,
                               "\n".join(f"{n}. {s}" for n, s in enumerate(route.next_steps, 1)), route.consent,
                               route.timescale, contacts])
        r.table(route_rows, ["12%", "18%", "28%", "18%", "10%", "14%"])

    def side_routes() -> None:
        for side in ruleset.side_routes.values():
            r.paragraph(f"{side.name}{' (a legal duty)' if side.statutory else ''}: {side.summary}")
        if not ruleset.side_routes:
            r.paragraph("This rule set has none.")

    sections = {"areas": areas, "routes": routes, "side_routes": side_routes}
    for n, section in enumerate(form.sections):
        if n and section != "side_routes":
            r.page_break()  # the grid and the routes each start a page
        r.heading(form.heading(section))
        sections[section]()
    built = r.build()
    return built.pdf, built.pages
