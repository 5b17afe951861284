"""Several children assessed in one sitting: one child on screen at a time, the family's answers shared.

The app shows one child's assessment at a time. What is about the family (scope: family) is on screen
for whichever child is shown and is the same for all of them; this session keeps, for every child,
only what is theirs alone (their own answers) and what the referrer entered for them (their
identifier, the referrer's judgement and consent decision: opaque ``details`` kept for the window).
Switching children carries the family's answers over, so family pages are answered once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .answers import Answers
from .household import Child, Household, HouseholdOutcome, combined, evaluate_household, family_part, own_part
from .model import RuleSet

MAX_CHILDREN = 12


@dataclass
class ChildSlot:
    label: str
    own: Answers = field(default_factory=Answers)
    #: What the window entered for this child (record fields, judgement, the page they were on).
    details: dict[str, Any] = field(default_factory=dict)


class HouseholdSession:
    """The children of one assessment; ``current`` is the one on screen."""

    def __init__(self, ruleset: RuleSet, first_label: str = "Child 1") -> None:
        self.ruleset = ruleset
        self.slots: list[ChildSlot] = [ChildSlot(first_label)]
        self.current = 0
        #: The areas about the family chosen as worries (offered, already chosen, to the next child).
        self.family_worries: tuple[str, ...] | None = None

    @property
    def size(self) -> int:
        return len(self.slots)

    @property
    def labels(self) -> list[str]:
        return [slot.label for slot in self.slots]

    def label_problem(self, label: str, index: int | None = None) -> str:
        """Why ``label`` cannot name a child ("" when it can): it is a minimal identifier, unique here."""
        label = " ".join(label.split())
        if not label:
            return "Give the child a short label, such as initials, 'eldest' or an age."
        if len(label) > 40:
            return "Keep the label to 40 characters: initials, 'eldest' or an age, never a full name."
        if any(s.label.casefold() == label.casefold() for i, s in enumerate(self.slots) if i != index):
            return f"Another child is already labelled '{label}'."
        return ""

    def keep(self, on_screen: Answers, details: dict[str, Any]) -> Answers:
        """Remember the child on screen; return the family's answers (to show for the next child)."""
        slot = self.slots[self.current]
        slot.own = own_part(on_screen, self.ruleset)
        slot.details = details
        family = family_part(on_screen, self.ruleset)
        if family.worries is not None:
            self.family_worries = family.worries
        return family

    def add(self, label: str) -> int:
        if len(self.slots) >= MAX_CHILDREN:
            raise ValueError(f"at most {MAX_CHILDREN} children in one assessment")
        self.slots.append(ChildSlot(" ".join(label.split())))
        return len(self.slots) - 1

    def rename(self, index: int, label: str) -> None:
        self.slots[index].label = " ".join(label.split())

    def remove(self, index: int) -> None:
        del self.slots[index]
        self.current = min(self.current if self.current < index else max(0, self.current - 1), len(self.slots) - 1)

    def answers_for(self, index: int, family: Answers) -> Answers:
        return combined(family, self.slots[index].own)

    def household(self, on_screen: Answers) -> Household:
        """The household as it stands, the child on screen included as shown."""
        family = family_part(on_screen, self.ruleset)
        owns = [own_part(on_screen, self.ruleset) if i == self.current else s.own for i, s in enumerate(self.slots)]
        return Household(family, tuple(Child(s.label, own) for s, own in zip(self.slots, owns, strict=True)))

    def outcome(self, on_screen: Answers) -> HouseholdOutcome:
        return evaluate_household(self.ruleset, self.household(on_screen))
