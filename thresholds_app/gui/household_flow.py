"""Brothers and sisters in the main window: adding, showing and removing children, and saving, reopening
and restoring a household. A mixin of the main window, kept apart so the window class stays readable;
the children themselves are kept by core/household_session.py.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..core.answers import Answers, parse_answers
from ..core.household import own_part
from ..core.household_session import HouseholdSession
from ..core.navigation import EVERY_AREA, INTERVIEW
from ..core.problems import InputError, Location
from ..core.yamlsource import SourceMap
from ..records.details import RecordDetails
from ..records.draft import ChildDraft
from ..records.household_record import HouseholdRecord, household_of_records
from ..records.record import same_decision
from . import dialogs
from .saving import save_bytes

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from ..core.assessment import Assessment
    from ..core.model import RuleSet
    from ..core.navigation import Navigator
    from ..records.record import DecisionRecord
    from .drafts import DraftStore
    from .household import HouseholdBar
    from .pages import RecordPage

    _Window = QMainWindow
else:
    _Window = object


class HouseholdFlow(_Window):
    """The main window's household actions (``self`` is the MainWindow)."""

    if TYPE_CHECKING:  # what the main window provides, for the type checker (nothing here at run time)
        ruleset: RuleSet | None
        assessment: Assessment | None
        navigator: Navigator
        current: str
        record: DecisionRecord | None
        household: HouseholdSession | None
        household_saved: HouseholdRecord | None
        saved_snapshot: str
        drafts: DraftStore
        household_bar: HouseholdBar
        record_page: RecordPage

        def snapshot(self) -> str: ...
        def refresh_live(self) -> None: ...
        def reset_assessment(self, *, keep_household: bool = False) -> None: ...
        def go(self, key: str) -> None: ...
        def sequence(self) -> list[str]: ...
        def show_record(self, record: DecisionRecord) -> bool: ...
        def build_record(self, who: str = "") -> DecisionRecord | None: ...
        def _rebuild_nav(self) -> None: ...
        def _apply_details(self, details: RecordDetails) -> None: ...
        @staticmethod
        def _record_details(record: DecisionRecord) -> dict[str, Any]: ...

    def _child_details(self) -> dict[str, Any]:
        """What was entered for the child on screen alone: identifier, consent, judgement, where they were.
        Going to another child is moving on from this page, as Next is (statements shown and left
        unanswered in the short interview do not apply)."""
        assert self.assessment is not None
        if self.current not in ("start", "record", "outcome", "review"):
            self.navigator.leave(self.current)
        snap = json.loads(self.snapshot())
        return {"fields": snap["fields"], "consent": snap["consent"], "judgement": snap["judgement"],
                "visited": sorted(self.assessment.visited), "page": self.current, "mode": self.navigator.mode}

    def _keep_child(self, household: HouseholdSession) -> Answers:
        """Remember the child on screen (after moving on from the page shown); the family's answers."""
        assert self.assessment is not None
        details = self._child_details()
        return household.keep(self.assessment.answers(), details)

    def _ask_label(self, question: str, suggested: str, session: HouseholdSession, index: int | None) -> str | None:
        while True:
            text = dialogs.ask_text(self, "Children in this assessment", question, suggested)
            if text is None:
                return None
            problem = session.label_problem(text, index)
            if not problem:
                return " ".join(text.split())
            dialogs.inform(self, "Choose another label", problem)

    def add_child(self) -> None:
        """Assess a brother or sister with the family's answers already given: only their own are asked."""
        if self.assessment is None or self.ruleset is None:
            return
        session = self.household or HouseholdSession(self.ruleset)
        if self.household is None:
            first = self._ask_label("A short label for the child you have been assessing (initials, 'eldest' or an "
                                    "age; never a full name):",
                                    self.record_page.fields["initials"].text().strip() or "Child 1", session, 0)
            if first is None:
                return
            session.rename(0, first)
        label = self._ask_label("A short label for the next child (initials, 'youngest' or an age; never a full "
                                "name). Answers about the family are kept; you answer only this child's own.",
                                f"Child {session.size + 1}", session, None)
        if label is None:
            return
        self.household = session
        family = self._keep_child(session)
        self._show_child(session.add(label), family, fresh=True)

    def show_child(self, index: int) -> None:
        if self.household is None or self.assessment is None or index == self.household.current:
            return
        family = self._keep_child(self.household)
        self._show_child(index, family)

    def remove_child(self) -> None:
        household = self.household
        if household is None or household.size < 2 or self.assessment is None or self.ruleset is None:
            return
        label = household.labels[household.current]
        if not dialogs.confirm(self, "Remove this child", f"Remove {label} from this assessment, with the answers "
                               f"about {label} alone? Answers about the family are kept.", "Remove"):
            return
        family = self._keep_child(household)
        household.remove(household.current)
        self._show_child(household.current, family)
        if household.size == 1:
            self.household = None
            self.household_bar.show_children([], 0)
            self.refresh_live()

    def _show_child(self, index: int, family: Answers, *, fresh: bool = False) -> None:
        """Put one child of the household on screen: the family's answers, the child's own, their details."""
        household = self.household
        assert household is not None and self.ruleset is not None
        rp = self.record_page
        shared = {k: e.text() for k, e in rp.fields.items() if k.startswith("referrer_")}
        worry, working_well = rp.worry.toPlainText(), rp.working_well.toPlainText()
        mode = self.navigator.mode
        self.reset_assessment(keep_household=True)
        assert self.assessment is not None
        household.current = index
        slot = household.slots[index]
        self._loading = True
        self.assessment.load(household.answers_for(index, family))
        self.navigator.mode = slot.details.get("mode", mode)
        self.assessment.visited |= set(slot.details.get("visited", [])) & {d.id for d in self.ruleset.domains}
        for key, value in shared.items():
            rp.fields[key].setText(value)
        self._apply_details(RecordDetails.from_dict({
            "fields": slot.details.get("fields", {}), "worry": worry, "working_well": working_well,
            "consent": slot.details.get("consent", [None, ""]),
            "judgement": slot.details.get("judgement", [None, None, None, ""])}))
        self._loading = False
        self.saved_snapshot = ""  # several children: unsaved until the household is saved
        self.household_bar.show_children(household.labels, index)
        self._rebuild_nav()
        self.refresh_live()
        page = "danger" if fresh else slot.details.get("page") or "danger"
        self.go(page if page in (*self.sequence(), "emergency") else "danger")
        self.statusBar().showMessage(f"Showing {household.labels[index]}. Answers about the family are shared by "
                                     "every child.", 8000)

    def _household_record(self) -> HouseholdRecord | None:
        """Every child's record, made as each would be alone (each child shown in turn, so anything missing
        is shown on that child's own page), bound as the household's."""
        household = self.household
        assert household is not None and self.assessment is not None
        records = []
        start, page = household.current, self.current
        family = self._keep_child(household)
        for index in range(household.size):
            if index != household.current:
                family = self._keep_child(household)
                self._show_child(index, family)
            saved = self.household_saved
            if saved is not None and saved.labels == tuple(household.labels):
                self.record = saved.children[index]  # saving again amends this child's record, or keeps it
            record = self.build_record(household.labels[index])
            if record is None:
                return None  # this child, where something is missing, stays on screen
            records.append(record)
        if household.current != start:  # back where the referrer pressed Save
            family = self._keep_child(household)
            self._show_child(start, family)
            self.go(page)
        saved = self.household_saved
        if (saved is not None and saved.labels == tuple(household.labels)
                and all(same_decision(a, b) for a, b in zip(saved.children, records, strict=True))):
            return saved  # nothing new: the JSON and the PDF of one household are one record
        return household_of_records(records, household.labels, family.to_dict())

    def _save_household(self, suffix: str) -> bool:
        record = self._household_record()
        if record is None:
            return False
        name = f"household-record-{record.created[:10].replace('-', '')}-{record.household_id[:8]}{suffix}"
        what = "Decision records (*.json)" if suffix == ".json" else "PDF files (*.pdf)"
        path = dialogs.ask_save_path(self, "Save the household's record", name, what)
        if path is None:
            return False
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
            if path.exists() and not dialogs.confirm(self, "Replace the file?", f"{path.name} already exists. "
                                                     "Replace it with this record?", "Replace", "Cancel"):
                return False
        if suffix == ".json":
            data = record.to_json().encode("utf-8")
        else:
            from ..records.household_pdf import render_household

            data = render_household(record).pdf
        if not save_bytes(self, path, data):
            return False
        self.household_saved = record
        self.drafts.clear()
        self.saved_snapshot = self.snapshot()
        self.statusBar().showMessage(f"Household record saved to {path.name} ({len(record.children)} children).",
                                     10000)
        return True

    def show_household(self, household: HouseholdRecord) -> bool:
        """Reopen a household's record: every child, the first shown; saving again amends it."""
        if not self.show_record(household.children[0]):
            return False
        assert self.ruleset is not None
        session = HouseholdSession(self.ruleset, household.labels[0])
        try:
            for index, (label, record) in enumerate(zip(household.labels, household.children, strict=True)):
                if index:
                    session.add(label)
                answers = parse_answers(dict(record.answers), SourceMap(Location(f"{label}'s answers")), self.ruleset)
                slot = session.slots[index]
                slot.own = own_part(answers, self.ruleset)
                slot.details = {**self._record_details(record), "page": "outcome",
                                "mode": INTERVIEW if answers.worries is not None else EVERY_AREA}
        except InputError as exc:
            dialogs.show_problems(self, "Record not opened", exc.problems,
                                  "The current rule set does not accept this household's answers:")
            self.reset_assessment()
            return False
        self.household, self.household_saved, self.record = session, household, None
        self.household_bar.show_children(session.labels, 0)
        self.saved_snapshot = self.snapshot()
        self.refresh_live()
        if not household.hash_ok:
            dialogs.inform(self, "Record changed", "This household's record does not match its hash: it was changed "
                           "after it was made. Treat it with caution and ask the referrer for the original.")
        self.statusBar().showMessage(f"Opened the household record {household.household_id[:8]}: "
                                     f"{session.size} children.", 10000)
        return True

    def _restore_household(self, children: tuple[ChildDraft, ...], current: int) -> None:
        """The children a draft kept; the child on screen is already restored from the draft's snapshot."""
        assert self.ruleset is not None
        session = HouseholdSession(self.ruleset, children[0].label)
        for child in children[1:]:
            session.add(child.label)
        for slot, child in zip(session.slots, children, strict=True):
            slot.own = parse_answers(dict(child.own), SourceMap(Location("the draft")), self.ruleset)
            slot.details = dict(child.details)
        session.current = current
        self.household = session
        self.household_bar.show_children(session.labels, session.current)
