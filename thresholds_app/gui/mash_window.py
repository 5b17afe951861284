"""MASH mode: open a referral's record, re-check it, add what checks found, record the decision.

The referrer's record is shown as it was made and never changed; what the MASH worker adds is kept
in its own answers, and the outcome with both is shown beside the referrer's.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.answers import Answers, parse_answers
from ..core.evaluate import Recommendation, evaluate
from ..core.model import DONT_KNOW, RuleSet
from ..core.problems import InputError, Location
from ..core.yamlsource import SourceMap
from ..locations import bundled_match
from ..records.household_record import HouseholdRecord, load_any_record
from ..records.mash import add_review, changes_since, combined_answers, mash_hash_ok
from ..records.record import DecisionRecord
from . import dialogs
from .pages import narrow_combo
from .render import live_html
from .saving import save_bytes
from .screen import fit_to_screen, scrolling
from .tristate import HEADER_HINT
from .widgets import FOCUS_STYLE, ChoiceGroup, child_items, top_items, wrapped
from .wrapping import WrappingTicks, wrap_rows

INDICATOR = Qt.ItemDataRole.UserRole + 1


class MashWindow(QMainWindow):
    def __init__(self, ruleset: RuleSet) -> None:
        super().__init__()
        self.ruleset = ruleset
        self.record: DecisionRecord | None = None
        #: A household's referral: the front door reviews and decides for each child (one shown at a time).
        self.household: HouseholdRecord | None = None
        self.referrer_answers: Answers | None = None
        self.now: Recommendation | None = None
        self.setWindowTitle("Thresholds - MASH review")
        self.setAcceptDrops(True)
        fit_to_screen(self, 1320, 860)

        self.open_button = QPushButton("&Open a referral record...")
        self.open_button.setAccessibleName("Open a referral record")
        self.status = wrapped("Open a record (.json, or the PDF printed by Thresholds), or drop it on this window.")
        self.status.setAccessibleName("Record status")
        self.child_label = QLabel("C&hild reviewed:")
        self.child_choice = narrow_combo("Child reviewed")
        self.child_choice.setAccessibleDescription("A household's referral: decide for each child in turn")
        self.child_label.setBuddy(self.child_choice)
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.child_label)
        top.addWidget(self.child_choice)
        top.addWidget(self.status, 1)

        self.referrer_view = QTextBrowser()
        self.referrer_view.setAccessibleName("The referrer's record")
        self.checks = QTreeWidget()
        self.checks.setHeaderLabels(["What MASH checks found"])
        self.checks.setAccessibleDescription(f"Each statement has a check box: {HEADER_HINT}.")
        wrap_rows(self.checks, WrappingTicks(self.checks))
        self.checks.setAccessibleName("Information from MASH checks")
        self.checks.setWordWrap(True)
        self.mash_view = QTextBrowser()
        self.mash_view.setAccessibleName("Outcome with the MASH information")
        self.mash_view.setMaximumHeight(260)

        decide = QGroupBox("Front-door decision")
        form = QFormLayout(decide)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: fields get the pane's width
        self.decision = narrow_combo("Front-door decision")
        self.urgency: ChoiceGroup | None = None
        urgency_box = QWidget()  # a widget row, not a layout row: the form then keeps its full height
        self.urgency_holder = QVBoxLayout(urgency_box)
        self.urgency_holder.setContentsMargins(0, 0, 0, 0)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason for the decision (required)")
        self.reason.setTabChangesFocus(True)
        self.reason.setMinimumHeight(self.reason.fontMetrics().lineSpacing() * 4)
        self.feedback = QPlainTextEdit()
        self.feedback.setAccessibleName("Feedback for the referrer")
        self.feedback.setTabChangesFocus(True)
        self.feedback.setMinimumHeight(self.feedback.fontMetrics().lineSpacing() * 4)
        self.reviewer = QLineEdit()
        self.reviewer.setAccessibleName("Your name (MASH)")
        self.team = QLineEdit()
        self.team.setAccessibleName("Your team")
        # The worker's own name and team, as typed, carry from one referral to the next; a saved
        # review's reviewer is shown only with that review.
        self.own_name = self.own_team = ""
        self.reviewer.textEdited.connect(lambda text: setattr(self, "own_name", text))
        self.team.textEdited.connect(lambda text: setattr(self, "own_team", text))
        form.addRow("&Decision:", self.decision)
        form.addRow(urgency_box)
        form.addRow("&Reason:", self.reason)
        form.addRow("&Feedback:", self.feedback)
        form.addRow("Your &name:", self.reviewer)
        form.addRow("&Team:", self.team)
        self.save_button = QPushButton("&Save reviewed record...")
        self.save_button.setAccessibleName("Save the reviewed record")
        self.print_button = QPushButton("Save screening &PDF...")
        self.print_button.setAccessibleName("Save the MASH screening record as a PDF")
        form.addRow(self.save_button)  # one a row: side by side they set the pane's width at large text
        form.addRow(self.print_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(wrapped("The referrer's record (unchanged)", bold=True))
        left_layout.addWidget(self.referrer_view)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(wrapped(f"What MASH checks found: {HEADER_HINT}."))
        middle_layout.addWidget(self.checks, 1)
        middle_layout.addWidget(wrapped("Outcome with what MASH checks found", bold=True))
        middle_layout.addWidget(self.mash_view)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(middle)
        splitter.addWidget(scrolling(decide))
        splitter.setSizes([470, 470, 380])
        splitter.setChildrenCollapsible(False)
        splitter.handle(1).setAccessibleName("Resize the referrer's record and the MASH checks")
        splitter.handle(2).setAccessibleName("Resize the MASH checks and the decision")
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(FOCUS_STYLE)
        self.open_button.clicked.connect(self.choose_record)
        self.child_choice.activated.connect(self.review_child)
        self._show_household_choice()
        self.checks.itemChanged.connect(self._on_check)
        self.save_button.clicked.connect(self.save_reviewed)
        self.print_button.clicked.connect(self.save_screening_pdf)
        self.open_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self._set_enabled(False)

    def _set_enabled(self, enabled: bool) -> None:
        for widget in (self.checks, self.decision, self.reason, self.feedback, self.reviewer, self.team,
                       self.save_button, self.print_button):
            widget.setEnabled(enabled)

    # -- opening -------------------------------------------------------------------------------
    def choose_record(self) -> None:
        path = dialogs.ask_open_path(self, "Open a referral record", "Decision records (*.json *.pdf)")
        if path is not None:
            self.open_path(path)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith((".json", ".pdf")):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_path(Path(urls[0].toLocalFile()))

    def open_path(self, path: Path) -> bool:
        try:
            record = load_any_record(path)
        except InputError as exc:
            dialogs.show_problems(self, "Record not opened", exc.problems, "The record could not be opened:")
            return False
        if isinstance(record, HouseholdRecord):
            self.household = record
            self._show_household_choice()
            return self.show_record(record.children[0])
        self.household = None
        self._show_household_choice()
        return self.show_record(record)

    def _show_household_choice(self) -> None:
        household = self.household
        self.child_choice.blockSignals(True)
        self.child_choice.clear()
        if household is not None:
            for label, child in zip(household.labels, household.children, strict=True):
                reviewed = " (reviewed)" if child.mash is not None else ""
                self.child_choice.addItem(f"{label}{reviewed}")
        self.child_choice.blockSignals(False)
        for widget in (self.child_label, self.child_choice):
            widget.setVisible(household is not None)

    def _sibling_level(self) -> int:
        """In a household, the highest level recorded for the other children: the child shown is judged
        with their brothers' and sisters' outcomes known, as when the referral was made."""
        household = self.household
        if household is None or self.record is None:
            return 0
        return max((int(c.recommendation["level"]["number"]) for c in household.children
                    if c.record_hash != self.record.record_hash), default=0)

    def _child_index(self) -> int:
        return max(0, self.child_choice.currentIndex())

    def review_child(self, index: int) -> None:
        """Show another child of the household. A review begun and not saved for the child shown is
        discarded only when the worker says so."""
        household = self.household
        if household is None or self.record is None:
            return
        shown = household.children.index(self.record) if self.record in household.children else -1
        if index == shown:
            return
        begun = self.record.mash is None and (self.reason.toPlainText().strip() or self.decision.currentData())
        if begun and not dialogs.confirm(self, "Another child", "The review of the child shown is not saved yet. "
                                         "Save it first (it is kept in the household's record), or discard it?",
                                         "Discard it", "Keep reviewing"):
            self.child_choice.setCurrentIndex(shown)
            return
        self.show_record(household.children[index])

    def _ruleset_for(self, record: DecisionRecord) -> RuleSet:
        """The rule set the record names, if this installation has that exact one; otherwise the current."""
        if record.ruleset["content_hash"] != self.ruleset.content_hash:
            match = bundled_match(record.ruleset["id"], record.ruleset["content_hash"])
            if match is not None and match[2]:
                return match[1]
        return self.ruleset

    def show_record(self, record: DecisionRecord) -> bool:
        ruleset = self._ruleset_for(record)
        try:
            answers = parse_answers(dict(record.answers), SourceMap(Location("the record's answers")), ruleset)
        except InputError as exc:
            dialogs.show_problems(self, "Record not opened", exc.problems,
                                  "The rule set in use does not accept this record's answers:")
            return False
        self.ruleset = ruleset
        self.record = record
        self.referrer_answers = answers
        verified = ("Referrer's record hash verified." if record.hash_ok else
                    "WARNING: the referrer's record was changed after it was made.")
        same = record.ruleset["content_hash"] == ruleset.content_hash
        versions = ("Re-checked with the same rule set it was made with." if same else
                    f"Made with {record.ruleset['name']} {record.ruleset['version']}; re-checked with "
                    f"{ruleset.metadata.name} {ruleset.version}, a DIFFERENT rule set.")
        self.status.setText(f"Referral {record.record_id[:8]}. {verified} {versions}")
        self.referrer_view.setHtml(self._referrer_html(record, evaluate(ruleset, answers,
                                                                        sibling_level=self._sibling_level())))
        self._fill_decisions()
        self._fill_checks()
        self.reason.clear()
        self.feedback.clear()
        self.reviewer.setText(self.own_name)
        self.team.setText(self.own_team)
        self._set_enabled(ruleset.mash is not None)
        if record.mash is not None:
            self._show_existing_review(record)
        self.refresh()
        return True

    def _referrer_html(self, record: DecisionRecord, today: Recommendation) -> str:
        rec = record.recommendation
        j = record.judgement
        rows = [f"<h3>Outcome when referred</h3><p><b>Level {rec['level']['number']} of {rec['level'].get('of', '')}"
                f": {escape(rec['level']['name'])}</b><br>Route: {escape(rec['route']['name'])}</p>"]
        rows.append("<h3>Why</h3><ul>" + "".join(
            f"<li>{'<b>' if r.get('decisive') else ''}{escape(r['text'])}{'</b>' if r.get('decisive') else ''}</li>"
            for r in rec.get("reasons", [])) + "</ul>")
        rows.append("<h3>Referrer's judgement</h3><p>" + ("Agrees with the outcome." if j.agrees else
                    escape(f"Differs: level {j.level} ({j.level_name}), {j.route_name}. Reason: {j.reason}"))
                    + "</p>")
        rows.append("<h3>Answers</h3><ul>" + "".join(
            f"<li>{escape(i['text'])} (level {i['level']})</li>" for i in rec.get("indicators_ticked", []))
            + "".join(f"<li>Don't know: {escape(g['text'])}</li>" for g in rec.get("gaps", [])) + "</ul>")
        rows.append(f"<h3>What the referrer is worried about</h3><p>{escape(record.worry)}</p>")
        rows.append(f"<h3>What is working well</h3><p>{escape(record.working_well)}</p>")
        rows.append(f"<h3>Consent</h3><p>{escape(record.consent.label)}."
                    + (f"<br>Reason or details: {escape(record.consent.reason)}" if record.consent.reason else "")
                    + "</p>")
        r = record.referrer
        who = [f"{label}: {escape(value)}" for label, value in (
            ("Name", r.name), ("Role", r.role), ("Agency", r.agency), ("Team", r.team), ("Phone", r.phone),
            ("Email", r.email)) if value]
        rows.append(f"<h3>Referrer</h3><p>{'<br>'.join(who) or 'No details given.'}</p>")
        changes = changes_since(rec, today)
        rows.append("<h3>The same answers today</h3>" + (
            "<p>The outcome is the same today.</p>" if not changes else
            "<ul>" + "".join(f"<li>{escape(c)}</li>" for c in changes) + "</ul>"))
        return "".join(rows)

    def _fill_decisions(self) -> None:
        self.decision.clear()
        if self.urgency is not None:
            self.urgency.setParent(None)
            self.urgency = None
        mash = self.ruleset.mash
        if mash is None:
            self.status.setText(self.status.text() + " This rule set has no MASH decisions.")
            return
        self.decision.addItem("Choose a decision", "")  # no default: the worker decides
        for decision in mash.decisions:
            self.decision.addItem(decision.name, decision.id)
        self.urgency = ChoiceGroup("Urgency (RAG)", [(u.id, f"{u.name}: {u.timescale}") for u in mash.urgency])
        # The scrolling pane squeezes wrapped text to one line: keep room for each option on two.
        self.urgency.setMinimumHeight(self.urgency.fontMetrics().lineSpacing() * (2 * len(mash.urgency) + 3))
        self.urgency_holder.addWidget(self.urgency)

    def _fill_checks(self) -> None:
        assert self.referrer_answers is not None
        age_question = self.ruleset.question_with_role("age_band")
        age = self.referrer_answers.screening.get(age_question.id) if age_question else None
        self.checks.blockSignals(True)
        self.checks.clear()
        for domain in self.ruleset.domains:
            parent = QTreeWidgetItem(self.checks, [domain.name])
            for ind in domain.indicators:
                if not ind.applies_to_age(age):
                    continue
                said = self.referrer_answers.indicators.get(ind.id)
                note = {"yes": " [referrer: applies]", DONT_KNOW: " [referrer: don't know]"}.get(said or "", "")
                # The level first, so it shows however narrow the column is.
                item = QTreeWidgetItem(parent, [f"Level {ind.level}: {ind.text}{note}"])
                level = f"Level {ind.level}, {self.ruleset.level(ind.level).name}: {ind.text}{note}"
                item.setData(0, Qt.ItemDataRole.AccessibleTextRole, level)
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, ind.help)
                item.setToolTip(0, f"{level}\n\n{ind.help}")
                item.setData(0, INDICATOR, ind.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate)
                item.setCheckState(0, Qt.CheckState.Unchecked)
        self.checks.blockSignals(False)

    def _show_existing_review(self, record: DecisionRecord) -> None:
        assert record.mash is not None
        m = record.mash
        extra = m["additional_answers"].get("indicators", {})
        self.checks.blockSignals(True)
        for item in self._items():
            state = extra.get(item.data(0, INDICATOR))
            if state:
                item.setCheckState(0, Qt.CheckState.Checked if state == "yes" else Qt.CheckState.PartiallyChecked)
        self.checks.blockSignals(False)
        self.decision.setCurrentIndex(max(0, self.decision.findData(m["decision"]["id"])))
        if self.urgency is not None:
            self.urgency.set_value(m["urgency"]["id"])
        self.reason.setPlainText(m["reason"])
        self.feedback.setPlainText(m["feedback"])
        self.reviewer.setText(m["reviewer"].get("name", ""))
        self.team.setText(m["reviewer"].get("team", ""))
        note = "MASH review hash verified." if mash_hash_ok(record) else "WARNING: the MASH review was changed."
        self.status.setText(self.status.text() + f" Already reviewed. {note}")

    # -- the MASH view ---------------------------------------------------------------------------
    def _items(self) -> list[QTreeWidgetItem]:
        return [child for top in top_items(self.checks) for child in child_items(top)]

    def additional(self) -> Answers:
        indicators = {}
        for item in self._items():
            state = item.checkState(0)
            if state != Qt.CheckState.Unchecked:
                indicators[item.data(0, INDICATOR)] = "yes" if state == Qt.CheckState.Checked else DONT_KNOW
        return Answers.from_dict({"indicators": indicators})

    def _on_check(self, item: QTreeWidgetItem, column: int) -> None:
        if item.data(0, INDICATOR):
            self.refresh()

    def refresh(self) -> None:
        if self.referrer_answers is None:
            return
        self.now = evaluate(self.ruleset, combined_answers(self.referrer_answers, self.additional()),
                            sibling_level=self._sibling_level())
        self.mash_view.setHtml(live_html(self.now, self.ruleset))

    # -- deciding and saving -----------------------------------------------------------------------
    def reviewed_record(self) -> DecisionRecord | None:
        if self.record is None or self.now is None:
            return None
        try:
            return add_review(self.record, self.ruleset, self.additional(), self.now,
                              decision=self.decision.currentData() or "",
                              urgency=(self.urgency.value() if self.urgency else None) or "",
                              reason=self.reason.toPlainText(), feedback=self.feedback.toPlainText(),
                              reviewer=self.reviewer.text().strip(), team=self.team.text().strip())
        except InputError as exc:
            dialogs.show_problems(self, "Not saved", exc.problems, "The review was not saved. Please fix these:")
            return None

    def save_reviewed(self) -> bool:
        reviewed = self.reviewed_record()
        if reviewed is None:
            return False
        household = self.household
        if household is not None:
            index = self._child_index()
            household = household.with_child(index, reviewed)
            name, data = (f"reviewed-household-{household.household_id[:8]}.json",
                          household.to_json().encode("utf-8"))
        else:
            name, data = f"reviewed-{reviewed.record_id[:8]}.json", reviewed.to_json().encode("utf-8")
        path = dialogs.ask_save_path(self, "Save reviewed record", name, "Decision records (*.json)")
        if path is None:
            return False
        if not save_bytes(self, path.with_suffix(".json"), data):
            return False
        if household is not None:
            self.household = household  # the next child's review is added to this one
            self.record = reviewed
            self._show_household_choice()
            self.child_choice.setCurrentIndex(index)
        self.statusBar().showMessage(f"Saved {path.with_suffix('.json').name}.", 8000)
        return True

    def save_screening_pdf(self) -> bool:
        reviewed = self.reviewed_record()
        if reviewed is None or self.now is None:
            return False
        path = dialogs.ask_save_path(self, "Save screening record", f"screening-{reviewed.record_id[:8]}.pdf",
                                     "PDF files (*.pdf)")
        if path is None:
            return False
        from ..records.mash_pdf import render_screening

        rendered = render_screening(reviewed, changes_since(reviewed.recommendation, self.now))
        if not save_bytes(self, path.with_suffix(".pdf"), rendered.pdf):
            return False
        self.statusBar().showMessage(f"Saved {path.with_suffix('.pdf').name} ({rendered.pages} pages).", 8000)
        return True
