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
