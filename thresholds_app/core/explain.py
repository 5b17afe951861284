"""A recommendation in plain words, as readable text (the command line's output)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from .evaluate import Recommendation
from .model import Contact, RuleSet

if TYPE_CHECKING:
    from .household import HouseholdOutcome

WIDTH = 88


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent)


def contact_line(contact: Contact) -> str:
    parts = [p for p in (contact.phone, contact.secure_email or contact.email) if p]
    line = f"{contact.name}: {', '.join(parts)}"
    if contact.hours:
        line += f" ({contact.hours})"
    return line


def format_recommendation(rec: Recommendation, ruleset: RuleSet) -> str:
    """Everything a referrer needs to act on, in the order they need it."""
    out: list[str] = []
    top = ruleset.levels[-1].number
    if rec.emergency:
        out.append("!! THE CHILD IS IN IMMEDIATE DANGER: CALL 999 NOW !!")
        out.append("")
    out.append(f"Level {rec.level.number} of {top}: {rec.level.name} - {rec.level.short}")
    out.append(f"Route: {rec.route.name}")
    out.append(_wrap(rec.route.summary))
    if rec.redirected_from is not None:
        out.append(_wrap(f"This replaces the usual route for this level: {rec.redirected_from.name}."))
    if rec.provisional:
        out.append(_wrap("PROVISIONAL: some answers you did not know could raise this level. "
                         "See 'Information gaps' below.", first="  "))
    out.append("")
    out.append("What to do next:")
    for n, step in enumerate(rec.route.next_steps, 1):
        out.append(_wrap(step, "     ", f"  {n}. "))
    for advice in rec.advice:
        out.append(_wrap(advice, "     ", "  ! "))
    if rec.route.contacts:
        out.append("")
        out.append("Who to contact:")
        for contact in rec.route.contacts:
            out.append(_wrap(contact_line(contact), "    ", "  - "))
    out.append("")
    out.append("Consent:")
    out.append(_wrap(rec.route.consent))
    out.append("Timescale:")
    out.append(_wrap(rec.route.timescale))
    if rec.side_routes:
        out.append("")
        out.append("Also needed alongside this (side routes):")
        for side in rec.side_routes:
            duty = " [legal duty]" if side.statutory else ""
            out.append(_wrap(f"{side.name}{duty}: {side.summary}", "    ", "  - "))
            for step in side.next_steps:
                out.append(_wrap(step, "        ", "      * "))
            if side.timescale:
                out.append(_wrap(f"Timescale: {side.timescale}", "        ", "      "))
            for contact in side.contacts:
                out.append(_wrap(contact_line(contact), "        ", "      Contact: "))
    out.append("")
    out.append("Why:")
    if not rec.reasons:
        out.append(_wrap(f"No indicators of additional need were ticked, so the level is "
                         f"{rec.level.label}."))
    for reason in rec.reasons:
        mark = "*" if reason.decisive else "-"
        out.append(_wrap(reason.text, "    ", f"  {mark} "))
        for ind in reason.indicators:
            domain = ruleset.domain(ind.domain).name
            out.append(_wrap(f"{ind.text} ({domain}, level {ind.level})", "        ", "      . "))
    if rec.gaps:
        out.append("")
        out.append("Information gaps (find out if you can, or say in your referral that you do not know):")
        for gap in rec.gaps:
            extra = f" [level {gap.level}]" if gap.level else ""
            flag = " - could raise the level" if gap.could_raise else ""
            out.append(_wrap(f"{gap.text}{extra}{flag}", "    ", "  ? "))
    if rec.domains_not_worried:
        out.append("")
        out.append(_wrap("No concerns known to the referrer: " + ", ".join(d.name for d in rec.domains_not_worried)
                         + ".", "  ", ""))
    if rec.domains_not_considered:
        out.append("")
        out.append(_wrap("Areas not looked at: " + ", ".join(d.name for d in rec.domains_not_considered) + ".",
                         "  ", ""))
    if rec.strengths:
        out.append("")
        out.append("Strengths noted (recorded and shown; they never lower the level):")
        for strength in rec.strengths:
            out.append(_wrap(strength.text, "    ", "  + "))
    for warning in rec.warnings:
        out.append(_wrap(warning, "    ", "  warning: "))
    out.append("")
    out.append(_wrap("This recommendation supports your professional judgement; it does not replace it. "
                     "Talk to your designated safeguarding lead or manager, and if you are unsure, "
                     "consult the front door.", "", ""))
    out.append(f"Rule set: {rec.ruleset.name} {rec.ruleset.version} ({rec.ruleset.content_hash})")
    return "\n".join(out)


def household_summary(outcome: HouseholdOutcome) -> str:
    """One line per child, most urgent first in the eye: the level and route of each."""
    lines = [f"Household: {len(outcome.children)} {'child' if len(outcome.children) == 1 else 'children'}, "
             "one outcome each"]
    for child in outcome.children:
        rec = child.recommendation
        flag = "IMMEDIATE DANGER: CALL 999. " if rec.emergency else ""
        lines.append(f"  - {child.label}: {flag}Level {rec.level.number} of {rec.top_level}, {rec.level.name}; "
                     f"{rec.route.name}" + (" (provisional)" if rec.provisional else ""))
    return "\n".join(lines)
