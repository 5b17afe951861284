"""The draft of an assessment in progress, as a typed value: what a crash or a quit must not lose.

A draft is read back from the user's data folder, so it is data from outside: ``Draft.from_dict`` refuses
any shape it does not expect with a ValueError, and never lets a damaged file reach the window half-read.
The answers inside are checked against the rule set when the draft is restored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .details import RecordDetails

DRAFT_FORMAT = "thresholds-draft"


@dataclass(frozen=True)
class ChildDraft:
    """One child of a household: a minimal label, their own answers and what was entered for them."""

    label: str
    own: Mapping[str, Any]
    details: Mapping[str, Any]


@dataclass(frozen=True)
class Draft:
    ruleset_spec: str
    ruleset_hash: str
    #: The answers on screen, as an answers document.
    answers: Mapping[str, Any]
    details: RecordDetails
    visited: tuple[str, ...]
    page: str
    #: When it was kept, in local time to the minute (shown when it is offered back).
    saved_at: str
    #: Every child of a household, and which is on screen (None: one child).
    children: tuple[ChildDraft, ...] = ()
    current_child: int = 0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "format": DRAFT_FORMAT, "ruleset": {"spec": self.ruleset_spec, "content_hash": self.ruleset_hash},
            "snapshot": {"answers": dict(self.answers), **self.details.to_dict()},
            "visited": list(self.visited), "page": self.page, "saved_at": self.saved_at}
        if self.children:
            data["household"] = {"current": self.current_child, "children": [
                {"label": c.label, "own": dict(c.own), "details": dict(c.details)} for c in self.children]}
        return data

    @classmethod
    def from_dict(cls, data: Any) -> Draft:
        """A draft read back from its file (ValueError for anything that is not one)."""
        try:
            if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
                raise ValueError("not a draft")
            ruleset, snapshot = data["ruleset"], data["snapshot"]
            answers = snapshot["answers"]
            visited = data.get("visited", [])
            if not isinstance(answers, dict) or not all(isinstance(v, str) for v in visited):
                raise ValueError("the answers or the areas looked at have the wrong form")
            children: list[ChildDraft] = []
            current = 0
            household = data.get("household")
            if household is not None:
                current = household["current"]
                for child in household["children"]:
                    if not (isinstance(child["label"], str) and isinstance(child["own"], dict)
                            and isinstance(child["details"], dict)):
                        raise ValueError("a child of the household has the wrong form")
                    children.append(ChildDraft(child["label"], child["own"], child["details"]))
                if isinstance(current, bool) or not isinstance(current, int) or not 0 <= current < len(children):
                    raise ValueError("the draft's child on screen is not one of its children")
            return cls(_text(ruleset["spec"]), _text(ruleset.get("content_hash", "")), answers,
                       RecordDetails.from_dict(snapshot), tuple(visited), _text(data.get("page", "danger")),
                       _text(data.get("saved_at", "")), tuple(children), current)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"the draft cannot be read ({type(exc).__name__})") from None


def _text(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("a draft's text is not text")
    return value
