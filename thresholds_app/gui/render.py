"""Recommendation -> HTML for the live panel. Every piece of text is escaped; nothing is markup."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..core.evaluate import Recommendation
from ..core.explain import contact_line
from ..core.household import HouseholdOutcome
from ..core.interview import Change
from ..core.model import RuleSet


def _text_colour(background: str) -> str:
    r, g, b = (int(background[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if (0.299 * r + 0.587 * g + 0.114 * b) > 150 else "#ffffff"


def _advice(rec: Recommendation) -> str:
    """Advice from the rules (such as "find out now whether the child is in danger") comes first: it
    qualifies everything below it, so it is read before the level, not after the route's usual steps."""
    return "".join(f"<p><b>First: {escape(a)}</b></p>" for a in rec.advice)


def recommendation_html(rec: Recommendation, ruleset: RuleSet, changes: Sequence[Change] = ()) -> str:
    top = ruleset.levels[-1].number
    bg = rec.level.colour
    parts = []
    if rec.emergency:
        parts.append("<p style='font-size:large; font-weight:bold; color:#B00020'>"
                     "THE CHILD IS IN IMMEDIATE DANGER: CALL 999 NOW</p>")
    parts.append(_advice(rec))
    parts.append(
        f"<table width='100%' cellpadding='8' style='background:{bg}; color:{_text_colour(bg)}'><tr><td>"
        f"<span style='font-size:x-large; font-weight:bold'>Level {rec.level.number} of {top}: "
        f"{escape(rec.level.name)}</span><br>{escape(rec.level.short)}</td></tr></table>")
    parts.append(f"<h3>Route: {escape(rec.route.name)}</h3><p>{escape(rec.route.summary)}</p>")
    if rec.redirected_from is not None:
        parts.append(f"<p><i>Instead of the usual route for this level: {escape(rec.redirected_from.name)}.</i></p>")
    if rec.provisional:
        parts.append("<p><b>Provisional:</b> something you marked \"don't know\" could raise this outcome. "
                     "See the information gaps below.</p>")
    parts.append("<h4>What to do next</h4><ol>" + "".join(f"<li>{escape(s)}</li>" for s in rec.route.next_steps)
                 + "</ol>")
    if rec.route.contacts:
        parts.append("<h4>Who to contact</h4><ul>" + "".join(f"<li>{escape(contact_line(c))}</li>"
                                                              for c in rec.route.contacts) + "</ul>")
    parts.append(f"<h4>Consent</h4><p>{escape(rec.route.consent)}</p>")
    parts.append(f"<h4>Timescale</h4><p>{escape(rec.route.timescale)}</p>")
    if rec.side_routes:
        items = "".join(
            f"<li><b>{escape(s.name)}</b>{' (a legal duty)' if s.statutory else ''}: {escape(s.summary)}"
            + "".join(f"<br>Contact: {escape(contact_line(c))}" for c in s.contacts) + "</li>"
            for s in rec.side_routes)
        parts.append(f"<h4>Also needed alongside this</h4><ul>{items}</ul>")
    reasons = []
    for reason in rec.reasons:
        evidence = "".join(f"<li>{escape(i.text)} <i>(level {i.level})</i></li>" for i in reason.indicators)
        text = f"<b>{escape(reason.text)}</b>" if reason.decisive else escape(reason.text)
        reasons.append(f"<li>{text}{f'<ul>{evidence}</ul>' if evidence and reason.decisive else ''}</li>")
    if not reasons:
        reasons.append("<li>No indicators of additional need are ticked.</li>")
    parts.append("<h4>Why</h4><ul>" + "".join(reasons) + "</ul>")
    if rec.gaps:
        parts.append("<h4>Information gaps</h4><ul>" + "".join(
            f"<li>{escape(g.text)}{' <b>(could raise the outcome)</b>' if g.could_raise else ''}</li>"
            for g in rec.gaps) + "</ul>")
    if changes:
        parts.append("<h4>What would change this: look out for</h4><ul>" + "".join(
            f"<li>{escape(c.indicator.text)} <i>({escape(ruleset.domain(c.indicator.domain).name)}: "
            f"{escape(c.words())})</i></li>" for c in changes) + "</ul>")
    if rec.strengths:
        parts.append("<h4>Strengths (shown, never used to lower the level)</h4><ul>"
                     + "".join(f"<li>{escape(s.text)}</li>" for s in rec.strengths) + "</ul>")
    parts.append("<p><i>This supports your professional judgement; it does not replace it. Talk to your "
                 "designated safeguarding lead or manager.</i></p>")
    return "".join(parts)


NO_ANSWERS_YET = "No answers yet. The emerging outcome appears here as you answer."


def live_html(rec: Recommendation, ruleset: RuleSet) -> str:
    """The compact live panel: the emerging outcome and the decisive reasons."""
    top = ruleset.levels[-1].number
    bg = rec.level.colour
    parts = []
    if rec.emergency:
        parts.append("<p style='font-weight:bold; color:#B00020'>IMMEDIATE DANGER: CALL 999 NOW</p>")
    parts.append(_advice(rec))
    # A coloured paragraph, not a table: a table puts frame markers into what screen readers read.
    parts.append(
        f"<p style='background-color:{bg}; color:{_text_colour(bg)}'>"
        f"<b>&nbsp;Level {rec.level.number} of {top}: {escape(rec.level.name)}</b><br>&nbsp;{escape(rec.level.short)}"
        "</p>")
    parts.append(f"<p><b>Route:</b> {escape(rec.route.name)}</p>")
    if rec.provisional:
        parts.append("<p><b>Provisional:</b> a \"don't know\" could change this.</p>")
    decisive = [r for r in rec.reasons if r.decisive]
    if decisive:
        parts.append("<p><b>Why:</b></p><ul>" + "".join(f"<li>{escape(r.text)}</li>" for r in decisive) + "</ul>")
    else:
        parts.append("<p>No indicators of additional need so far.</p>")
    if rec.side_routes:
        parts.append("<p><b>Also:</b> " + escape("; ".join(s.name for s in rec.side_routes)) + "</p>")
    if rec.gaps:
        count = len(rec.gaps)
        parts.append(f"<p>{count} {'thing' if count == 1 else 'things'} you don't know yet.</p>")
    return "".join(parts)


def print_html(record_doc: dict[str, object], rec: Recommendation, ruleset: RuleSet, marking: str,
               sections: list[tuple[str, list[str]]]) -> str:
    """The record for the system print dialog (the PDF file itself comes from reportlab).

    Like the PDF, it leads with the referrer's decision when that differs from the recommendation:
    the decided level and route with the route's guidance, then the tool's recommendation and the
    referrer's reason, then why the tool recommended what it did. An agreeing record shows the
    recommendation as the outcome page does.
    """
    from ..records.pdf import decided_outcome, level_words

    head = f"<p align='center'><b>{escape(marking)}</b></p>" if marking else ""
    body = "".join(f"<h3>{escape(title)}</h3>" + "".join(f"<p>{escape(line)}</p>" for line in lines)
                   for title, lines in sections)
    decision = decided_outcome(record_doc)
    if decision.agrees:
        outcome = recommendation_html(rec, ruleset)
    else:
        level, route = decision.level, decision.route
        tool = record_doc["recommendation"]
        judgement = record_doc["judgement"]
        assert isinstance(tool, dict) and isinstance(judgement, dict)
        bg = str(level.get("colour") or "#CFD8DC")
        parts = []
        if route.get("emergency"):
            parts.append("<p style='font-size:large; font-weight:bold; color:#B00020'>"
                         "THE CHILD IS IN IMMEDIATE DANGER: CALL 999 NOW</p>")
        parts.append(
            f"<table width='100%' cellpadding='8' style='background:{bg}; color:{_text_colour(bg)}'><tr><td>"
            f"<span style='font-size:x-large; font-weight:bold'>Referrer's decision: "
            f"{escape(level_words(level))}</span>" + (f"<br>{escape(str(level['short']))}" if level.get("short")
                                                       else "") + "</td></tr></table>")
        parts.append(f"<h3>Route: {escape(str(route['name']))}</h3>")
        if route.get("summary"):
            parts.append(f"<p>{escape(str(route['summary']))}</p>")
        if decision.fit_warning:
            parts.append(f"<p style='color:#B00020'><b>{escape(decision.fit_warning)}</b></p>")
        if not decision.has_guidance:
            parts.append("<p><b>Note:</b> this record was made by an older version of thresholds-app and does not "
                         "hold the steps, contacts, consent guidance or timescale of this route.</p>")
        tool_bg = str(tool["level"]["colour"])
        parts.append(
            "<table width='100%' cellpadding='6' style='border: 1px solid #90A4AE'><tr>"
            f"<td width='12' style='background:{tool_bg}'>&nbsp;</td><td>"
            f"<b>The tool recommended {escape(level_words(tool['level']))}</b><br>"
            f"Route: {escape(str(tool['route']['name']))}<br>"
            f"<b>Reason the referrer decided differently:</b><br>{escape(str(judgement.get('reason', '')))}"
            "</td></tr></table>")
        if decision.has_guidance:
            parts.append("<h4>What to do next</h4><ol>" + "".join(f"<li>{escape(str(s))}</li>"
                                                                 for s in route["next_steps"]) + "</ol>")
            if rec.advice:
                parts.append("<p><b>The tool also advised, on these answers:</b></p><ul>"
                             + "".join(f"<li>{escape(a)}</li>" for a in rec.advice) + "</ul>")
            if route["contacts"]:
                parts.append("<h4>Who to contact</h4><ul>" + "".join(
                    "<li>" + escape(f"{c['name']}: " + ", ".join(x for x in (c.get("phone", ""), c.get(
                        "secure_email") or c.get("email", "")) if x) + (f" ({c['hours']})" if c.get("hours") else ""))
                    + "</li>" for c in route["contacts"]) + "</ul>")
            parts.append(f"<h4>Consent</h4><p>{escape(str(route['consent']))}</p>")
            parts.append(f"<h4>Timescale</h4><p>{escape(str(route['timescale']))}</p>")
        if rec.side_routes:
            parts.append("<h4>Also needed alongside this</h4><ul>" + "".join(
                f"<li><b>{escape(s.name)}</b>{' (a legal duty)' if s.statutory else ''}: {escape(s.summary)}"
                + "".join(f"<br>Contact: {escape(contact_line(c))}" for c in s.contacts) + "</li>"
                for s in rec.side_routes) + "</ul>")
        parts.append(f"<h4>Why the tool recommended {escape(level_words(tool['level']))}</h4><ul>" + "".join(
            f"<li>{f'<b>{escape(r.text)}</b>' if r.decisive else escape(r.text)}</li>" for r in rec.reasons)
            + ("" if rec.reasons else "<li>No indicators of additional need are ticked.</li>") + "</ul>")
        if rec.gaps:
            parts.append("<h4>Information gaps</h4><ul>" + "".join(
                f"<li>{escape(g.text)}{' <b>(could raise the outcome)</b>' if g.could_raise else ''}</li>"
                for g in rec.gaps) + "</ul>")
        outcome = "".join(parts)
    return (f"{head}<h1>Levels-of-need decision record</h1><p>{escape(ruleset.metadata.partnership)}</p>"
            f"{outcome}{body}"
            f"<p><small>Record hash: {escape(str(record_doc.get('record_hash', '')))}</small></p>{head}")


def household_html(outcome: HouseholdOutcome, shown: int) -> str:
    """Every child's outcome, one line each, the child shown marked in words (not by colour alone)."""
    items = []
    for i, child in enumerate(outcome.children):
        rec = child.recommendation
        danger = "<b>CALL 999.</b> " if rec.emergency else ""
        mark = " (shown)" if i == shown else ""
        items.append(f"<li>{'<b>' if i == shown else ''}{escape(child.label)}{mark}{'</b>' if i == shown else ''}: "
                     f"{danger}Level {rec.level.number}, {escape(rec.level.name)}; {escape(rec.route.name)}</li>")
    return (f"<p><b>Household: {len(outcome.children)} children, one outcome each</b></p>"
            f"<ul>{''.join(items)}</ul><hr/>")
