"""Which page comes next: the short interview, or every area in turn.

The wizard only renders pages and forwards answers; this decides the order. In the interview the
next page comes from ``interview.next_step`` (so the app asks exactly what ``thresholds-app next``
would); "every area" is the full walk, kept for training and for anyone who wants it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .assessment import Assessment
from .interview import next_step, remaining
from .model import Indicator

INTERVIEW = "interview"
EVERY_AREA = "every_area"
STEP_TITLES = {"danger": "Immediate danger", "screening": "About the child", "worries": "What are you worried about?",
               "before_finish": "Before you finish", "review": "Check your answers", "outcome": "Outcome",
               "record": "Record"}
FIXED = ("danger", "screening", "worries", "before_finish", "review", "outcome", "record")


@dataclass(frozen=True)
class NavStep:
    """One entry in the list of steps beside the wizard: a page key, its title, and its group heading."""

    key: str
    title: str
    group: str = ""


class Navigator:
    """The order of pages for one assessment, and what each interview page asks."""

    def __init__(self, assessment: Assessment, mode: str = INTERVIEW) -> None:
        self.assessment = assessment
        self.mode = mode
        self.history: list[str] = []
        #: The statements the interview asked on the area or "before you finish" page now shown.
        self.asked: dict[str, tuple[str, ...]] = {}

    # -- the list of steps ------------------------------------------------------------------------
    def sequence(self) -> list[str]:
        """Every page in order, for the full walk, progress and the list of steps."""
        a = self.assessment
        if self.mode == EVERY_AREA:
            return ["danger", "screening", *(d.id for d in a.visible_domains()), "review", "outcome", "record"]
        # The worried-about areas, and any other area with something to show (an area found by
        # search, a "yes" or "don't know" from "before you finish"), so every answer can be revisited.
        shown = {a.ruleset.indicators[i].domain for i, v in a.indicators.items() if v != "no"}
        shown |= {d for d, v in a.domains.items() if v != "no_concerns"} | set(a.worries or ())
        worried = [d.id for d in a.visible_domains() if d.id in shown]
        return ["danger", "screening", "worries", *worried, "before_finish", "review", "outcome", "record"]

    def steps(self) -> list[NavStep]:
        groups = {g.id: g.name for g in self.assessment.ruleset.domain_groups}
        out = []
        for key in self.sequence():
            if key in STEP_TITLES:
                out.append(NavStep(key, STEP_TITLES[key]))
            else:
                domain = self.assessment.ruleset.domain(key)
                out.append(NavStep(key, domain.name, groups.get(domain.group, "")))
        return out

    # -- moving -----------------------------------------------------------------------------------
    def statements(self, key: str) -> list[Indicator]:
        """The statements a page shows: what the interview asked, or (full walk, or an area the
        referrer went to themselves) every statement of the area for the child's age."""
        a = self.assessment
        if key in self.asked:
            return [a.ruleset.indicators[i] for i in self.asked[key]]
        if key == "before_finish":  # arrived without the interview choosing (a restored draft, the list)
            return remaining(a.ruleset, a.answers()).get("", [])
        if key in FIXED:
            return []
        shown = a.visible_indicators(a.ruleset.domain(key))
        # The interview shows an area most serious first, however the referrer arrived there.
        return sorted(shown, key=lambda i: -i.level) if self.mode == INTERVIEW else shown

    def arrive(self, key: str) -> None:
        """Going to a page by choice (the list of steps, a search): in the interview an area gone to is
        a worry, and shows all its statements."""
        if self.mode == INTERVIEW and key not in FIXED:
            self.assessment.add_worry(key)
            self.asked.pop(key, None)
        if not self.history or self.history[-1] != key:
            self.history.append(key)

    def leave(self, key: str) -> None:
        """Moving on with Next. In the interview, a statement shown and left unanswered does not
        apply; in the full walk, an area passed with nothing answered has no concerns known."""
        a = self.assessment
        if self.mode == INTERVIEW and key == "worries" and a.worries is None:
            a.set_worries([])  # moving on with none chosen: no concerns known to the referrer
        if self.mode == INTERVIEW and (key == "before_finish" or key not in FIXED):
            for ind in self.statements(key):
                if ind.id not in a.indicators and a.domains.get(ind.domain) is None:
                    a.set_indicator(ind.id, "no")
        elif self.mode == EVERY_AREA and key not in FIXED:
            a.pass_area(key)

    def next_key(self, current: str) -> str:
        """The page after ``current`` when the referrer presses Next (after ``leave``)."""
        if self.mode == EVERY_AREA or current in ("review", "outcome", "record"):
            order = self.sequence()
            if current in order and current != order[-1]:
                return order[order.index(current) + 1]
            return current
        step = next_step(self.assessment.ruleset, self.assessment.answers())
        if step.settled:
            return "review"
        if step.stage in ("danger", "worries"):
            return step.stage
        if step.stage == "about":
            return "screening"
        key = step.area if step.stage == "area" else "before_finish"
        self.asked[key] = tuple(item.id for item in step.statements)
        return key

    def go_next(self, current: str) -> str:
        self.leave(current)
        key = self.next_key(current)
        self.history.append(key)
        return key

    def go_back(self, current: str) -> str:
        """The page before, as the referrer met them."""
        while self.history and self.history[-1] == current:
            self.history.pop()
        if self.history:
            return self.history[-1]
        order = self.sequence()
        return order[order.index(current) - 1] if current in order and order.index(current) > 0 else "start"
