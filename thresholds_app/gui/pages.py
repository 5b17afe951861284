"""The wizard's pages. Each renders part of the assessment and forwards what the user does."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.assessment import Assessment
from ..core.fit import fit_warning, route_fits_level, routes_for_level
from ..core.interview import would_change
from ..core.model import Domain, Indicator, RuleSet
from ..core.questionnaire import AREA_DONT_KNOW, AREA_INSTRUCTIONS, STRENGTHS_HINT, STRENGTHS_TITLE
from ..records.record import CONSENT_LABELS
from .render import recommendation_html
from .widgets import ChoiceGroup, IndicatorRow, WheelSafeComboBox, focus_target, labelled, wrapped


def narrow_combo(accessible_name: str) -> QComboBox:
    """A drop-down that does not force the page wider than the window; its list shows full texts."""
    combo = WheelSafeComboBox()
    combo.setAccessibleName(accessible_name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(16)
    return combo


def title_label(text: str) -> QLabel:
    label = wrapped(text)
    label.setObjectName("pageTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label



CONSENT_NOT_CHOSEN = "Choose what happened about consent"
INTERVIEW_AREA_INSTRUCTIONS = (
    "Only the statements that could still change the outcome are shown, most serious first. Answer each "
    "one that is true; statements you leave unanswered are recorded as not applying when you press Next.")


class ScrollPage(QScrollArea):
    """A page whose content scrolls, so nothing is clipped at large font sizes."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        # Never scroll sideways: text wraps to the width available instead.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = QWidget()
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(18, 14, 18, 14)
        self.layout_.setSpacing(10)
        self.setWidget(self.body)
        # The page itself is no tab stop: focus goes to its first question (see first_field).
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def first_field(self) -> QWidget | None:
        """Where focus lands when the page is shown: its first control, in reading order."""
        widget = self.body.nextInFocusChain()
        while widget is not None and widget is not self.body and self.body.isAncestorOf(widget):
            if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(self.body)
                    and widget.isEnabled()):
                return widget
            widget = widget.nextInFocusChain()
        return None

    def clear(self) -> None:
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()


class StartPage(ScrollPage):
    start = Signal()
    open_record = Signal()
    choose_ruleset = Signal(str)
    browse_ruleset = Signal()
    details_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = self.layout_
        lay.addWidget(title_label("Is this worry about a child one for universal services, early help, or the MASH?"))
        lay.addWidget(wrapped(
            "Answer the questions about the child and what you have seen or heard. You will get a recommended "
            "level of need and route, what to do next, who to call, and a record to save or print. Nothing "
            "you enter leaves this computer. If a child is in immediate danger, call 999 now."))
        about = QGroupBox("About you")
        form = QFormLayout(about)
        form.addRow(wrapped("Your role and agency are remembered on this computer. While you work, a draft of "
                            "the assessment (including what you enter about the child) is kept on this "
                            "computer, readable by you only, until you save the record or discard it."))
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.role = narrow_combo("Your role")
        self.agency = QLineEdit()
        self.agency.setAccessibleName("Your agency or organisation")
        self.agency.setPlaceholderText("for example: Northside Primary School")
        form.addRow("Your &role:", self.role)
        form.addRow("Your &agency:", self.agency)
        lay.addWidget(about)
        rules = QGroupBox("Levels-of-need rule set")
        rules_layout = QVBoxLayout(rules)
        self.ruleset_choice = narrow_combo("Rule set to use")
        rules_layout.addWidget(self.ruleset_choice)
        self.browse = QPushButton("Open a rule-set file...")
        self.browse.setAccessibleName("Open a rule-set file")
        rules_layout.addWidget(self.browse, 0, Qt.AlignmentFlag.AlignLeft)
        self.ruleset_notice = wrapped("")
        self.ruleset_notice.setAccessibleName("About the rule set")
        rules_layout.addWidget(self.ruleset_notice)
        lay.addWidget(rules)
        self.walk = ChoiceGroup("How would you like to answer?", [
            ("interview", "Start from what I am worried about and answer only what matters (recommended)"),
            ("every_area", "Go through every area, one by one")])
        self.walk.set_value("interview")
        lay.addWidget(self.walk)
        buttons = QVBoxLayout()  # one above the other: side by side they widen the page at large text
        self.start_button = QPushButton("&Start a new assessment")
        self.start_button.setAccessibleName("Start a new assessment")
        self.open_button = QPushButton("&Open a saved record...")
        self.open_button.setAccessibleName("Open a saved record")
        buttons.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addLayout(buttons)
        lay.addStretch(1)
        self.start_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self.open_record)
        self.browse.clicked.connect(self.browse_ruleset)
        self.ruleset_choice.activated.connect(lambda _i: self.choose_ruleset.emit(self.ruleset_choice.currentData()))
        self.role.currentIndexChanged.connect(lambda _i: self.details_changed.emit())
        self.agency.textChanged.connect(lambda _t: self.details_changed.emit())

    def first_field(self) -> QWidget | None:
        return self.start_button


class DangerPage(ScrollPage):
    answered = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.layout_.addWidget(title_label("First: is the child safe right now?"))
        self.choice: ChoiceGroup | None = None

    def show_question(self, ruleset: RuleSet, value: str | None) -> None:
        if self.choice is not None:
            self.choice.setParent(None)
        question = ruleset.question_with_role("immediate_danger")
        assert question is not None
        self.choice = ChoiceGroup(question.text, [(o.id, o.label) for o in question.options], question.help)
        font = self.choice.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.choice.setFont(font)
        self.choice.set_value(value)
        self.choice.changed.connect(self.answered)
        self.layout_.insertWidget(1, self.choice)
        if self.layout_.count() == 2:
            self.layout_.addStretch(1)

    def first_field(self) -> QWidget | None:
        return focus_target(self.choice.buttons) if self.choice is not None else None


class EmergencyPage(ScrollPage):
    record_it = Signal()
    go_back = Signal()

    def show_route(self, ruleset: RuleSet) -> None:
        self.clear()
        rec_route = next((r for r in ruleset.routes.values() if r.emergency), None)
        banner = QLabel("\u26a0  CALL 999 NOW  \u26a0")
        banner.setObjectName("emergencyBanner")
        banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        banner.setWordWrap(True)
        banner.setAccessibleName("Emergency: call 999 now")
        banner.setStyleSheet("QLabel#emergencyBanner { background: #B00020; color: white; padding: 14px; "
                             "font-weight: bold; font-size: 22pt; border-radius: 6px; }")
        self.layout_.addWidget(banner)
        self.layout_.addWidget(wrapped("You said the child is in immediate danger. Protect the child first: "
                                       "you do not need to answer any more questions before acting.", bold=True))
        if rec_route is not None:
            for n, step in enumerate(rec_route.next_steps, 1):
                self.layout_.addWidget(wrapped(f"{n}. {step}"))
            for contact in rec_route.contacts:
                line = ", ".join(x for x in (contact.phone, contact.secure_email, contact.hours) if x)
                label = wrapped(f"{contact.name}: {line}", bold=True, selectable=True)
                self.layout_.addWidget(label)
        buttons = QVBoxLayout()
        record = QPushButton("&Record this now")
        record.setAccessibleName("Record this emergency now")
        back = QPushButton("&Back: not in immediate danger")
        back.setAccessibleName("Go back to the immediate danger question")
        buttons.addWidget(record, 0, Qt.AlignmentFlag.AlignLeft)
        buttons.addWidget(back, 0, Qt.AlignmentFlag.AlignLeft)
        self.layout_.addLayout(buttons)
        self.layout_.addStretch(1)
        record.clicked.connect(self.record_it)
        back.clicked.connect(self.go_back)


class ScreeningPage(ScrollPage):
    answered = Signal(str, object)

    def show_questions(self, ruleset: RuleSet, assessment: Assessment) -> None:
        self.clear()
        self.layout_.addWidget(title_label("About the child"))
        self.groups: dict[str, ChoiceGroup] = {}
        for question in ruleset.screening:
            if question.role == "immediate_danger":
                continue
            group = ChoiceGroup(question.text, [(o.id, o.label) for o in question.options], question.help)
            group.set_value(assessment.screening.get(question.id))
            group.changed.connect(lambda value, qid=question.id: self.answered.emit(qid, value))
            self.layout_.addWidget(group)
            self.groups[question.id] = group
        self.layout_.addStretch(1)

    def first_field(self) -> QWidget | None:
        return focus_target(next(iter(self.groups.values())).buttons) if self.groups else super().first_field()


class DomainPage(ScrollPage):
    answered = Signal(str, object)
    area_unknown = Signal(str, bool)
    area_clear = Signal(str, bool)  # "no concerns here" (the interview)
    strength = Signal(str, bool)

    def show_domain(self, domain: Domain, ruleset: RuleSet, assessment: Assessment, role: str,
                    position: tuple[int, int], statements: list[Indicator] | None = None,
                    interview: bool = False) -> None:
        """An area's statements: all for the child's age, or (the interview) only those asked."""
        self.clear()
        self.domain = domain
        group = next((g.name for g in ruleset.domain_groups if g.id == domain.group), "")
        where = f"Area {position[0]} of {position[1]}  \u2022  " if position[0] else ""
        self.layout_.addWidget(wrapped(f"{where}{group}"))
        self.layout_.addWidget(title_label(domain.name))
        self.layout_.addWidget(wrapped(domain.summary))
        self.layout_.addWidget(wrapped(f"When needs here are met by universal services: {domain.level_1}"))
        if domain.help:
            self.layout_.addWidget(wrapped(domain.help, bold=True))
        self.clear_area: QCheckBox | None = None
        if interview:
            self.clear_area = QCheckBox()
            self.clear_area.setChecked(assessment.domains.get(domain.id) == "no_concerns")
            self.clear_area.toggled.connect(lambda on: self.area_clear.emit(domain.id, on))
            self.layout_.addWidget(labelled(self.clear_area, "No concerns here"))
            self.clear_area.setAccessibleName(f"No concerns about {domain.name}")
        self.unknown = QCheckBox()
        self.unknown.setChecked(assessment.domains.get(domain.id) == "dont_know")
        self.unknown.toggled.connect(lambda on: self.area_unknown.emit(domain.id, on))
        self.layout_.addWidget(labelled(self.unknown, AREA_DONT_KNOW))
        self.unknown.setAccessibleName(f"I don't know about {domain.name}")
        self.layout_.addWidget(wrapped(INTERVIEW_AREA_INSTRUCTIONS if interview else AREA_INSTRUCTIONS + (
            " If nothing here applies, press Next: the area is recorded as \"no concerns known to you\"; going "
            "back through it or jumping to it records nothing.")))
        self.rows: dict[str, IndicatorRow] = {}
        for ind in assessment.visible_indicators(domain) if statements is None else statements:
            row = IndicatorRow(ind, ruleset, role)
            row.set_value(assessment.indicators.get(ind.id))
            row.answered.connect(self.answered)
            self.layout_.addWidget(row)
            self.rows[ind.id] = row
        if domain.strengths:
            box = QGroupBox(STRENGTHS_TITLE)
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(wrapped(STRENGTHS_HINT))
            for strength in domain.strengths:
                check = QCheckBox()
                check.setChecked(strength.id in assessment.strengths)
                check.toggled.connect(lambda on, sid=strength.id: self.strength.emit(sid, on))
                box_layout.addWidget(labelled(check, strength.text))
                check.setAccessibleName(f"Strength: {strength.text}")
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)

    def first_field(self) -> QWidget | None:
        """The first statement's answer: the area's title and summary are its accessible description."""
        if self.rows:
            return focus_target(next(iter(self.rows.values())).buttons)
        return super().first_field()

    def focus_indicator(self, indicator_id: str) -> None:
        row = self.rows.get(indicator_id)
        if row is not None:
            self.ensureWidgetVisible(row)
            row.buttons["yes"].setFocus(Qt.FocusReason.OtherFocusReason)


class ReviewPage(ScrollPage):
    change = Signal(str)  # "screening" or a domain id

    def show_review(self, assessment: Assessment) -> None:
        self.clear()
        self.layout_.addWidget(title_label("Check your answers"))
        self.layout_.addWidget(wrapped("Everything you answered, by area. Use Change to go back to an area."))
        self.change_buttons: dict[str, QPushButton] = {}
        for section in assessment.review():
            box = QGroupBox(section.title)
            box.setAccessibleName(section.title)
            lay = QVBoxLayout(box)
            if section.note:
                lay.addWidget(wrapped(section.note))
            for item in section.items:
                if item.key:  # an area not looked at: its name (wrapping) and a button to go there
                    row = QHBoxLayout()
                    row.addWidget(wrapped(item.text), 1)
                    button = QPushButton("Go there")
                    button.setAccessibleName(f"Go to {item.text}, not looked at yet")
                    button.clicked.connect(lambda _c=False, key=item.key: self.change.emit(key))
                    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
                    lay.addLayout(row)
                    self.change_buttons[item.key] = button
                elif item.level is None:  # a screening question and its answer
                    lay.addWidget(wrapped(f"{item.text}  {item.answer}."))
                else:
                    lay.addWidget(wrapped(f"{item.answer}: {item.text} (level {item.level})"))
            if section.key != "not_looked_at":
                button = QPushButton("Change")
                button.setAccessibleName(f"Change {section.title}")
                button.clicked.connect(lambda _c=False, key=section.key: self.change.emit(key))
                lay.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
                self.change_buttons[section.key] = button
            self.layout_.addWidget(box)
        gaps = assessment.recommendation().gaps
        if gaps:
            box = QGroupBox("Information gaps")
            lay = QVBoxLayout(box)
            lay.addWidget(wrapped("Find these out if you can, or say in your referral that you don't know."))
            for gap in gaps:
                lay.addWidget(wrapped(gap.text + (" (could change the outcome)" if gap.could_raise else "")))
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)


class OutcomePage(ScrollPage):
    judgement_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.layout_.addWidget(title_label("Recommended outcome"))
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Recommended outcome and what to do next")
        self.summary.setOpenLinks(False)
        self.summary.setMinimumHeight(380)
        self.layout_.addWidget(self.summary, 1)
        box = QGroupBox("Your professional judgement")
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        lay = QVBoxLayout(box)
        self.agree = ChoiceGroup("Do you agree with the recommended outcome?",
                                 [("agree", "I agree with this outcome"),
                                  ("differ", "My professional judgement is different")])
        lay.addWidget(self.agree)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.level = narrow_combo("The level in your judgement")
        self.route = narrow_combo("The route in your judgement")
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Why your judgement is different (required)")
        self.reason.setPlaceholderText("Required: why your judgement differs from the recommendation")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(110)
        # A plain warning, in words, when the level and route chosen do not go together in the rule set.
        self.fit_warning = wrapped("", bold=True)
        self.fit_warning.setObjectName("fitWarning")
        self.fit_warning.setAccessibleName("Warning about the route chosen")
        warning_ink = self.fit_warning.palette()
        warning_ink.setColor(QPalette.ColorRole.WindowText, QColor("#B00020"))
        self.fit_warning.setPalette(warning_ink)
        self.fit_warning.setVisible(False)
        self._ruleset: RuleSet | None = None
        form.addRow("&Level:", self.level)
        form.addRow("&Route:", self.route)
        form.addRow(self.fit_warning)
        form.addRow("Reaso&n:", self.reason)
        self.differ_form = QWidget()
        self.differ_form.setLayout(form)
        lay.addWidget(self.differ_form)
        self.layout_.addWidget(box)
        self.agree.changed.connect(self._on_agree)
        self.level.currentIndexChanged.connect(lambda _i: self.judgement_changed.emit())
        self.route.currentIndexChanged.connect(lambda _i: self.judgement_changed.emit())
        self.judgement_changed.connect(self._check_fit)
        self.reason.textChanged.connect(self.judgement_changed)
        self.differ_form.setEnabled(False)

    def _on_agree(self, value: object) -> None:
        self.differ_form.setEnabled(value == "differ")
        self.judgement_changed.emit()

    def _check_fit(self) -> None:
        """Show the warning when the referrer's level and route do not go together in the rule set."""
        ruleset, level, route = self._ruleset, self.level.currentData(), self.route.currentData()
        if (ruleset is None or self.agree.value() != "differ" or level is None or route is None
                or route_fits_level(ruleset, level, route)):
            self.fit_warning.setVisible(False)
            self.fit_warning.clear()
            return
        self.fit_warning.setText(fit_warning(level, ruleset.level(level).name, ruleset.routes[route].name,
                                             [r.name for r in routes_for_level(ruleset, level)]))
        self.fit_warning.setVisible(True)

    def set_ruleset(self, ruleset: RuleSet) -> None:
        self._ruleset = ruleset
        for combo, items in ((self.level, [(lv.number, lv.label) for lv in ruleset.levels]),
                             (self.route, [(r.id, r.name) for r in ruleset.routes.values()])):
            combo.blockSignals(True)
            combo.clear()
            for data, label in items:
                combo.addItem(label, data)
            combo.blockSignals(False)

    def show_outcome(self, assessment: Assessment) -> None:
        rec = assessment.recommendation()
        changes = would_change(assessment.ruleset, assessment.answers()) if not rec.emergency else ()
        self.summary.setHtml(recommendation_html(rec, assessment.ruleset, changes))
        if self.agree.value() != "differ":
            self.level.setCurrentIndex(self.level.findData(rec.level.number))
            self.route.setCurrentIndex(self.route.findData((rec.redirected_from or rec.route).id))
        self._check_fit()


class RecordPage(ScrollPage):
    save_record = Signal()
    save_pdf = Signal()
    print_record = Signal()
    details_changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        lay = self.layout_
        lay.addWidget(title_label("Record the decision"))
        lay.addWidget(wrapped("Keep the child's details to the minimum the front door needs. Save the record, "
                              "and save or print the PDF for your file or to attach to a referral."))
        self.fields: dict[str, QLineEdit] = {}

        def line(form: QFormLayout, key: str, label: str, accessible: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit()
            edit.setAccessibleName(accessible)
            edit.setPlaceholderText(placeholder)
            edit.textChanged.connect(lambda _t: self.details_changed.emit())
            form.addRow(label, edit)
            self.fields[key] = edit
            return edit

        you = QGroupBox("You (the referrer)")
        form = QFormLayout(you)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label in (("name", "Name"), ("role", "Role"), ("agency", "Agency"), ("team", "Team"),
                           ("phone", "Phone"), ("email", "Email")):
            line(form, f"referrer_{key}", f"{label}:", f"Your {label.lower()}")
        lay.addWidget(you)
        child = QGroupBox("The child (minimal details)")
        form = QFormLayout(child)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        line(form, "initials", "&Initials:", "Child's initials", "for example: A.B.")
        line(form, "local_reference", "Local &reference:", "Child's local reference", "your agency's reference")
        line(form, "age_band", "Age band:", "Child's age band")
        line(form, "date_of_birth", "Date of &birth:", "Child's date of birth (optional)", "optional, YYYY-MM-DD")
        self.include_name = QCheckBox()
        form.addRow(labelled(self.include_name, "Record the child's full name (only if the front door needs it)"))
        full = line(form, "full_name", "Full name:", "Child's full name")
        full.setEnabled(False)
        self.include_name.toggled.connect(full.setEnabled)
        self.include_name.toggled.connect(lambda on: full.clear() if not on else None)
        lay.addWidget(child)
        self.worry = QPlainTextEdit()
        self.worry.setAccessibleName("What I am worried about")
        self.worry.setPlaceholderText("What you saw or heard, when, and what the child said in their own words")
        self.working_well = QPlainTextEdit()
        self.working_well.setAccessibleName("What is working well")
        for edit in (self.worry, self.working_well):
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(90)
            edit.textChanged.connect(self.details_changed)
        lay.addWidget(wrapped("What I am worried about:", bold=True))
        lay.addWidget(self.worry)
        lay.addWidget(wrapped("What is working well:", bold=True))
        lay.addWidget(self.working_well)
        consent = QGroupBox("Consent")
        form = QFormLayout(consent)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.consent = narrow_combo("Consent")
        # No answer until the referrer gives one: the record must not state a consent nobody chose.
        self.consent.addItem(CONSENT_NOT_CHOSEN, None)
        for status, label in CONSENT_LABELS.items():
            self.consent.addItem(label, status)
        self.consent.setCurrentIndex(0)
        self.consent_reason = QLineEdit()
        self.consent_reason.setAccessibleName("Consent: details or reason")
        self.consent_reason.setPlaceholderText("required if consent was not sought because of risk")
        form.addRow("&Consent:", self.consent)
        form.addRow("Details or reason:", self.consent_reason)
        self.consent_guidance = wrapped("")
        self.consent_guidance.setAccessibleName("Consent guidance for this route")
        form.addRow(self.consent_guidance)
        self.consent.currentIndexChanged.connect(lambda _i: self.details_changed.emit())
        self.consent_reason.textChanged.connect(lambda _t: self.details_changed.emit())
        lay.addWidget(consent)
        buttons = QHBoxLayout()
        for text, accessible, signal in (("&Save record...", "Save the record", self.save_record),
                                         ("Save &PDF...", "Save the record as a PDF", self.save_pdf),
                                         ("Pr&int...", "Print the record", self.print_record)):
            button = QPushButton(text)
            button.setAccessibleName(accessible)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.status = wrapped("")
        self.status.setAccessibleName("Save status")
        lay.addWidget(self.status)
        lay.addStretch(1)


class WorriesPage(ScrollPage):
    """"What are you worried about?": areas in plain words, grouped; several can be chosen."""

    changed = Signal(object)  # the chosen area ids, in rule-set order

    def show_choices(self, groups: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...],
                     chosen: list[str] | None) -> None:
        self.clear()
        self.layout_.addWidget(title_label("What are you worried about?"))
        self.layout_.addWidget(wrapped(
            "Choose every area you have a worry about. Only those areas' statements are asked, most serious "
            "first, with a few that matter for every child before you finish. Areas you do not choose are "
            "recorded as \"no concerns known to me\". Up and Down move through the list, Space ticks; you can "
            "also find a statement with the search box."))
        self.checks: dict[str, QCheckBox] = {}
        for _group_id, name, areas in groups:
            box = QGroupBox(name)
            box_layout = QVBoxLayout(box)
            for area_id, area_name in areas:
                check = QCheckBox()
                check.setChecked(area_id in (chosen or []))
                check.toggled.connect(lambda _on: self.changed.emit(self.chosen()))
                box_layout.addWidget(labelled(check, area_name))
                check.setAccessibleName(f"Worried about: {area_name}")
                self.checks[area_id] = check
            self.layout_.addWidget(box)
        self.layout_.addStretch(1)

    def chosen(self) -> list[str]:
        return [area for area, check in self.checks.items() if check.isChecked()]

    def first_field(self) -> QWidget | None:
        return next(iter(self.checks.values()), None) or super().first_field()


class FinishPage(ScrollPage):
    """"Before you finish": the few statements the rule set always wants asked, from any area."""

    answered = Signal(str, object)

    def show_statements(self, ruleset: RuleSet, assessment: Assessment, role: str,
                        statements: list[Indicator]) -> None:
        self.clear()
        self.layout_.addWidget(title_label("Before you finish"))
        self.layout_.addWidget(wrapped(
            "These could still change the outcome, whatever the worry: please answer each. Statements you "
            "leave unanswered are recorded as not applying when you press Next."))
        self.rows: dict[str, IndicatorRow] = {}
        for ind in statements:
            self.layout_.addWidget(wrapped(ruleset.domain(ind.domain).name, bold=True))
            row = IndicatorRow(ind, ruleset, role)
            row.set_value(assessment.indicators.get(ind.id))
            row.answered.connect(self.answered)
            self.layout_.addWidget(row)
            self.rows[ind.id] = row
        self.layout_.addStretch(1)

    def first_field(self) -> QWidget | None:
        if self.rows:
            return focus_target(next(iter(self.rows.values())).buttons)
        return super().first_field()
