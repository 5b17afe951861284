"""The audit as a PDF report for the partnership board: tables and a bar chart of level by role."""

from __future__ import annotations

from .audit import COMPARISONS, AuditResult, AuditSummary, _kappa, _pct, level_colour
from .form import ReportForm, load_report_form
from .printing import Cell, board_report


def render_audit(summary: AuditSummary, result: AuditResult, *, marking: str | None = None,
                 form: ReportForm | None = None) -> bytes:
    """Title, marking and logo from ``forms/reports.yaml``. No child details: files and positions only."""
    form = form or load_report_form("audit")
    s = summary
    r = board_report(form, f"Rule sets: {', '.join(sorted(s.rulesets)) or 'no records'}", marking=marking)
    r.paragraph(f"{s.records} {'record' if s.records == 1 else 'records'} audited; {s.skipped} could not be read; "
                f"{s.duplicates} duplicates ignored; "
                f"{s.edited} edited after they were made. One record is one child: "
                f"{s.records - s.children_in_households} assessed alone, {s.children_in_households} in "
                f"{s.households} household(s) assessed together. Rule sets: "
                + (", ".join(f"{k} ({v})" for k, v in sorted(s.rulesets.items())) or "none") + ".")
    levels = sorted(set(s.by_tool_level) | set(s.by_referrer_level) | {lv for c in s.level_by_role.values()
                                                                       for lv in c})
    roles = sorted(s.level_by_role)

    def levels_by_role() -> None:
        if roles and levels:
            r.bar_chart(roles, [(f"Level {lv}", level_colour(lv), [s.level_by_role[role].get(lv, 0)
                                                                   for role in roles]) for lv in levels])
            r.table([["Role", *[f"Level {lv}" for lv in levels], "Total"],
                     *[[role, *[str(s.level_by_role[role].get(lv, 0)) for lv in levels], str(s.by_role[role])]
                       for role in roles]])
        else:
            r.paragraph("No records were audited.")

    def agreement() -> None:
        rows: list[list[Cell]] = [["Referrers", *COMPARISONS]]
        for label, agreements in (("All referrers", s.agreement_overall), *sorted(s.agreement_by_role.items())):
            rows.append([label, *[f"{_pct(a.percent)}, kappa {_kappa(a.kappa)} (n={a.pairs})"
                                  for a in (agreements[c] for c in COMPARISONS)]])
        r.table(rows)

    def below_threshold() -> None:
        r.paragraph(f"The referral threshold is level {s.threshold}.", "small")
        r.table([["Role", "Below by the tool's recommendation", "Below by the MASH decision", "Records"],
                 *[[role, str(a), str(b), str(n)] for role, (a, b, n) in sorted(s.below_threshold_by_role.items())]])

    def mash_decisions() -> None:
        r.table([["Decision", "Records"], *([[k, str(v)] for k, v in sorted(s.by_mash_decision.items())]
                                            or [["none yet", ""]])])

    def top_indicators() -> None:
        r.table([["Indicator", "Records"], *([[t, str(n)] for t, n in s.top_indicators] or [["none", ""]])],
                ["85%", "15%"])

    def top_gaps() -> None:
        r.table([["Gap", "Records"], *([[t, str(n)] for t, n in s.top_gaps] or [["none", ""]])], ["85%", "15%"])

    def edited() -> None:
        names = [row.file for row in result.rows if not row.hash_ok]
        r.table([["File"], *([[name] for name in names[:200]] or [["none"]])])

    def unreadable() -> None:
        r.table([["File", "Reason"], *([[n, reason] for n, reason in result.skipped[:200]] or [["none", ""]])],
                ["45%", "55%"])

    sections = {"levels_by_role": levels_by_role, "agreement": agreement, "below_threshold": below_threshold,
                "mash_decisions": mash_decisions, "top_indicators": top_indicators, "top_gaps": top_gaps,
                "edited": edited, "unreadable": unreadable}
    for section in form.sections:
        r.heading(form.heading(section))
        sections[section]()
    return r.build().pdf
