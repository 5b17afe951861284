"""Which routes fit a level, read from the rule set's own levels, routes and rules. Pure.

A referrer may decide on a different level and route from the recommendation. The pair should
still make sense in the rule set's terms: "level 4, universal services" does not. A route fits a
level when the engine could give that route at that level:

* the level's own route;
* a route that a gate or rule sets, at its minimum level and above (at any level when it sets no
  minimum level), wherever that route is at least as urgent as the level's own: the engine keeps
  the more urgent of the two, so a less urgent route is never given there;
* a route that a rule redirects to (an open case goes to its allocated worker), at its minimum
  level and above, because a redirect replaces whatever route the level has.

Only the rules' levels and routes are read, never their conditions, so a pair that fits is one the
rule set allows, not necessarily one a particular set of answers leads to. Nothing about level
numbers or route ids is assumed.

This module also describes a level and a route in the shape ``Recommendation.to_dict()`` uses, so
a record can keep the referrer's chosen level and route and print them without the rule set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .model import Level, Route, RuleSet


def routes_for_level(ruleset: RuleSet, number: int) -> tuple[Route, ...]:
    """The routes the rule set can give at level ``number``, in the rule set's order (least urgent first)."""
    own = ruleset.routes[ruleset.level(number).route]
    ids = {own.id}
    for rule in (*ruleset.gates, *ruleset.rules):
        reached = rule.minimum_level is None or rule.minimum_level <= number
        if not reached:
            continue
        if rule.route is not None and ruleset.routes[rule.route].urgency >= own.urgency:
            ids.add(rule.route)
        if rule.redirect is not None:
            ids.add(rule.redirect)
    return tuple(r for r in ruleset.routes.values() if r.id in ids)


def route_fits_level(ruleset: RuleSet, number: int, route_id: str) -> bool:
    """True when the rule set can give route ``route_id`` at level ``number`` (see the module's notes)."""
    return any(r.id == route_id for r in routes_for_level(ruleset, number))


def fit_warning(level_number: int, level_name: str, route_name: str, fitting: Sequence[str]) -> str:
    """The plain warning shown, and printed, when a chosen route does not fit the chosen level."""
    level = f"level {level_number}" + (f" ({level_name})" if level_name else "")
    text = f"Warning: the route chosen, {route_name}, is not one this rule set uses at {level}."
    if fitting:
        text += f" At level {level_number} it uses: " + "; ".join(fitting) + "."
    return text + " Check that the level and the route chosen go together."


def level_details(ruleset: RuleSet, level: Level) -> dict[str, Any]:
    """A level as ``Recommendation.to_dict()["level"]`` describes it."""
    return {"number": level.number, "of": ruleset.levels[-1].number, "id": level.id, "name": level.name,
            "short": level.short, "colour": level.colour}


def route_details(route: Route) -> dict[str, Any]:
    """A route as ``Recommendation.to_dict()["route"]`` describes it: everything needed to act on it."""
    contacts = [{k: v for k, v in (("id", c.id), ("name", c.name), ("phone", c.phone),
                                   ("secure_email", c.secure_email), ("email", c.email), ("hours", c.hours)) if v}
                for c in route.contacts]
    return {"id": route.id, "name": route.name, "summary": route.summary, "next_steps": list(route.next_steps),
            "consent": route.consent, "timescale": route.timescale, "contacts": contacts,
            "emergency": route.emergency}
