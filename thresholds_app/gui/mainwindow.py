"""The main window: a guided walk from worry to recommendation to saved and printed record."""

from __future__ import annotations

import json
import platform
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QAction,
    QCloseEvent,
    QIcon,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QStyle,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.answers import parse_answers
from ..core.assessment import Assessment
from ..core.household_session import HouseholdSession
from ..core.interview import worry_choices
from ..core.loader import inspect_ruleset
from ..core.model import RuleSet
from ..core.navigation import EVERY_AREA, INTERVIEW, STEP_TITLES, Navigator
from ..core.problems import InputError, Location, Problem
from ..core.yamlsource import SourceMap
from ..locations import bundled_match, bundled_rulesets
from ..records.details import RecordDetails
from ..records.draft import ChildDraft, Draft
from ..records.household_record import HouseholdRecord, load_any_record
from ..records.record import (
    Child,
    DecisionRecord,
    Referrer,
    new_record,
    same_decision,
)
from . import dialogs, printouts
from .drafts import DraftStore
from .household import HouseholdBar
from .household_flow import HouseholdFlow
from .pages import (
    DangerPage,
    DomainPage,
    EmergencyPage,
    FinishPage,
    OutcomePage,
    RecordPage,
    ReviewPage,
    ScreeningPage,
    ScrollPage,
    StartPage,
    WorriesPage,
)
from .preferences import Preferences
from .render import NO_ANSWERS_YET, household_html, live_html
from .saving import save_bytes
from .screen import CentreFirstSplitter, fit_to_screen, keep_on_screen_when_shown
from .widgets import FOCUS_STYLE, child_items, top_items
from .wrapping import WrappingDelegate, longest_word_width, wrap_rows

DEFAULT_RULESET = "model-four-level"
KEY_ROLE = Qt.ItemDataRole.UserRole


class RuleSetAway(Exception):
    """The rule set a draft was made with cannot be opened now."""

    def __init__(self, spec: str) -> None:
        super().__init__(spec)
        self.spec = spec


class MainWindow(HouseholdFlow, QMainWindow):
    outcome_announced = Signal(str)  # the emerging outcome in plain words, once each time it changes

    def __init__(self, settings: QSettings, data_folder: Path) -> None:
        super().__init__()
        self.settings = settings
        self.prefs = Preferences.load(settings)
        self.drafts = DraftStore(data_folder)
        self.ruleset: RuleSet | None = None
        self.ruleset_spec = ""
        self.assessment: Assessment | None = None
        self.current = "start"
        self.training_case: Any = None
        self.saved_snapshot = ""
        # The record this assessment has been saved or printed as: later outputs amend it.
        self.record: DecisionRecord | None = None
        #: Brothers and sisters assessed together (None: one child, as usual).
        self.household: HouseholdSession | None = None
        #: The household's record as last saved: saving the JSON and the PDF of one household gives one record.
        self.household_saved: HouseholdRecord | None = None
        self._loading = False
        # Arrow keys move focus between answers without scrolling: follow focus within the page.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._show_focus)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(700)
        self._draft_timer.timeout.connect(self.save_draft_now)
        self._build()
        self._build_menus()
        self._startup_problems: list[Problem] = []
        remembered = self.prefs.ruleset or DEFAULT_RULESET
        if not self.switch_ruleset(remembered, quiet=True):
            self._startup_problems = list(inspect_ruleset(self._resolve(remembered)).errors)
            self.switch_ruleset(DEFAULT_RULESET, quiet=True)
        geometry = settings.value("window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            fit_to_screen(self, 1280, 840)
        else:
            keep_on_screen_when_shown(self)  # a geometry saved on a larger screen, or at a smaller text size
        self.go("start")

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Find an indicator (e.g. bruise, missing)")
        self.search.setAccessibleName("Find an indicator in any area")
        self.search.setClearButtonEnabled(True)
        self.nav = QTreeWidget()
        self.nav.setAccessibleName("Steps and areas")
        self.nav.setHeaderHidden(True)
        self.nav.setRootIsDecorated(False)
        self.nav.setIndentation(14)
        wrap_rows(self.nav, WrappingDelegate(self.nav))  # long area names wrap, never "Emotional and ..."
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._looked_at_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton)
        self.results = QListWidget()
        self.results.setAccessibleName("Indicators found")
        self.results.setVisible(False)
        self.results.setWordWrap(True)
        self.results.setAlternatingRowColors(True)  # wrapped matches stay apart
        self.results.setSpacing(2)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Areas looked at")
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.progress_label = QLabel()
        self.progress_label.setWordWrap(True)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 6, 6)
        self.household_bar = HouseholdBar()
        left_layout.addWidget(self.household_bar)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.nav, 1)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.progress_label)
        left_layout.addWidget(self.progress)

        self.pages = QStackedWidget()
        self.start_page = StartPage()
        self.danger_page = DangerPage()
        self.emergency_page = EmergencyPage()
        self.screening_page = ScreeningPage()
        self.domain_page = DomainPage()
        self.worries_page = WorriesPage()
        self.finish_page = FinishPage()
        self.review_page = ReviewPage()
        self.outcome_page = OutcomePage()
        self.record_page = RecordPage()
        for page in (self.start_page, self.danger_page, self.emergency_page, self.screening_page, self.domain_page,
                     self.worries_page, self.finish_page, self.review_page, self.outcome_page, self.record_page):
            self.pages.addWidget(page)
        self.back_button = QPushButton("\u2190 &Back")
        self.back_button.setAccessibleName("Back")
        self.next_button = QPushButton("&Next \u2192")
        self.next_button.setAccessibleName("Next")
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.next_button)
        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 6)
        centre_layout.addWidget(self.pages, 1)
        centre_layout.addLayout(buttons)

        self.live = QTextBrowser()
        self.live.setAccessibleName("Emerging outcome")
        self.live.setAccessibleDescription("Updates after every answer")
        live_box = QWidget()
        self.live_box = live_box
        live_layout = QVBoxLayout(live_box)
        live_layout.setContentsMargins(6, 6, 6, 6)
        heading = QLabel("Emerging outcome")
        heading.setObjectName("liveHeading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        live_layout.addWidget(heading)
        live_layout.addWidget(self.live, 1)

        splitter = CentreFirstSplitter(preferred=(260, 680, 320))
        self.splitter = splitter
        splitter.addWidget(left)
        splitter.addWidget(centre)
        splitter.addWidget(live_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes(list(splitter.preferred))
        self.setCentralWidget(splitter)
        self.ruleset_label = QLabel()
        self.statusBar().addPermanentWidget(self.ruleset_label)

        self.nav.itemActivated.connect(self._nav_activated)
        self.nav.itemClicked.connect(self._nav_activated)
        for panel in (self.nav, self.live, self.outcome_page.summary):  # not the whole window: cheaper
            panel.setStyleSheet(FOCUS_STYLE)
        for index, name in ((1, "Resize the list of areas"), (2, "Resize the emerging outcome")):
            splitter.handle(index).setAccessibleName(name)
        self.results.itemActivated.connect(self._result_activated)
        self.results.itemClicked.connect(self._result_activated)
        self.search.textChanged.connect(self._on_search)
        self.search.installEventFilter(self)
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        sp = self.start_page
        sp.start.connect(self.start_assessment)
        sp.open_record.connect(self.open_record)
        sp.choose_ruleset.connect(lambda spec: self._ask_switch_ruleset(spec))
        sp.browse_ruleset.connect(self.browse_ruleset)
        sp.details_changed.connect(self._on_start_details)
        sp.walk.changed.connect(self._on_walk)
        self.danger_page.answered.connect(self._on_danger)
        self.emergency_page.record_it.connect(lambda: self.go("record"))
        self.emergency_page.go_back.connect(lambda: self.go("danger"))
        self.screening_page.answered.connect(self._on_screening)
        self.domain_page.answered.connect(self._on_indicator)
        self.domain_page.area_unknown.connect(self._on_area_unknown)
        self.domain_page.area_clear.connect(self._on_area_clear)
        self.worries_page.changed.connect(self._on_worries)
        self.finish_page.answered.connect(self._on_indicator)
        self.domain_page.strength.connect(self._on_strength)
        self.review_page.change.connect(lambda key: self.go(key))
        self.outcome_page.judgement_changed.connect(self._on_details)
        self.record_page.details_changed.connect(self._on_details)
        self.record_page.save_record.connect(self.save_record)
        self.record_page.save_pdf.connect(self.save_pdf)
        self.record_page.print_record.connect(self.print_record)
        self.household_bar.add_child.connect(self.add_child)
        self.household_bar.remove_child.connect(self.remove_child)
        self.household_bar.show_child.connect(self.show_child)

    def _build_menus(self) -> None:
        def action(menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
            act = QAction(text, self)
            if shortcut is not None:
                act.setShortcut(shortcut)
            act.triggered.connect(slot)
            menu.addAction(act)
            return act

        file_menu = self.menuBar().addMenu("&File")
        action(file_menu, "&New assessment", self.new_assessment, QKeySequence.StandardKey.New)
        action(file_menu, "&Open record...", self.open_record, QKeySequence.StandardKey.Open)
        action(file_menu, "Open &rule set...", self.browse_ruleset)
        file_menu.addSeparator()
        action(file_menu, "&Save record...", self.save_record, QKeySequence.StandardKey.Save)
        action(file_menu, "Save P&DF...", self.save_pdf, QKeySequence("Ctrl+Shift+S"))
        action(file_menu, "&Print...", self.print_record, QKeySequence.StandardKey.Print)
        file_menu.addSeparator()
        action(file_menu, "Co&mpare two versions of a rule set...", self.open_compare)
        file_menu.addSeparator()
        action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        go_menu = self.menuBar().addMenu("&Go")
        action(go_menu, "&Back", self.go_back, QKeySequence("Alt+Left"))
        action(go_menu, "&Next", self.go_next, QKeySequence("Alt+Right"))
        action(go_menu, "&Check your answers", lambda: self.go("review"))
        action(go_menu, "&Outcome", lambda: self.go("outcome"))
        action(go_menu, "&Find an indicator", self.search.setFocus, QKeySequence.StandardKey.Find)
        view_menu = self.menuBar().addMenu("&View")
        action(view_menu, "&Quick check: every indicator on one screen", self.open_quick_check)
        training_menu = self.menuBar().addMenu("&Training")
        action(training_menu, "&Practise cases and facilitate a session...", self.open_training)
        action(training_menu, "Print the levels-of-need &grid...", lambda: printouts.save_grid(self, self.ruleset))
        action(training_menu, "Print a blank &questionnaire...",
               lambda: printouts.save_questionnaire(self, self.ruleset))
        mash_menu = self.menuBar().addMenu("&MASH")
        action(mash_menu, "&Review a referral...", self.open_mash_review, QKeySequence("Ctrl+M"))
        action(mash_menu, "&Audit a folder of records...", self.open_audit)
        help_menu = self.menuBar().addMenu("&Help")
        action(help_menu, "&How to use Thresholds", self.show_help, QKeySequence.StandardKey.HelpContents)
        action(help_menu, "&About", self.show_about)

    # -- rule sets ----------------------------------------------------------------------------------
    def _resolve(self, spec: str) -> Path:
        bundled = bundled_rulesets()
        return bundled[spec] if spec in bundled else Path(spec)

    def switch_ruleset(self, spec: str, *, quiet: bool = False) -> bool:
        """Use another rule set. On errors, list them and keep the current one."""
        report = inspect_ruleset(self._resolve(spec))
        if report.ruleset is None:
            if not quiet:
                dialogs.show_problems(self, "Rule set not opened", report.errors,
                                      f"The rule set has {len(report.errors)} problem(s), so it was not opened. "
                                      "The rule set you were using is still in use.")
            return False
        self.ruleset = report.ruleset
        self.ruleset_spec = spec
        self.prefs.remember_ruleset(spec)
        self.prefs.save(self.settings)
        m = self.ruleset.metadata
        self.setWindowTitle(f"Thresholds - {m.name} {m.version}")
        self.ruleset_label.setText(f"Rule set: {m.name} {m.version} ({self.ruleset.short_hash})")
        self.outcome_page.set_ruleset(self.ruleset)
        self._fill_start_page()
        self.reset_assessment()
        return True

    def _ask_switch_ruleset(self, spec: str) -> None:
        if spec == self.ruleset_spec:
            return
        if self.is_dirty() and not dialogs.confirm(self, "Change rule set", "Changing the rule set starts a new "
                                                   "assessment. Discard the answers you have not saved?",
                                                   "Discard and change"):
            self._fill_start_page()
            return
        self.switch_ruleset(spec)

    def browse_ruleset(self) -> None:
        path = dialogs.ask_open_path(self, "Open rule set", "Rule sets (*.yaml *.yml)")
        if path is not None:
            self._ask_switch_ruleset(str(path))

    def _fill_start_page(self) -> None:
        assert self.ruleset is not None
        sp = self.start_page
        sp.role.blockSignals(True)
        sp.role.clear()
        sp.role.addItem("Choose your role", "")
        for role_id, name in self.ruleset.referrer_roles.items():
            sp.role.addItem(name, role_id)
        sp.role.setCurrentIndex(max(0, sp.role.findData(self.prefs.role)))
        sp.role.blockSignals(False)
        sp.agency.blockSignals(True)
        sp.agency.setText(self.prefs.agency)
        sp.agency.blockSignals(False)
        sp.ruleset_choice.clear()
        bundled = bundled_rulesets()
        for spec in [*bundled, *(r for r in self.prefs.recent_rulesets if r not in bundled)]:
            sp.ruleset_choice.addItem(spec if spec in bundled else Path(spec).name, spec)
        sp.ruleset_choice.setCurrentIndex(max(0, sp.ruleset_choice.findData(self.ruleset_spec)))
        m = self.ruleset.metadata
        status = "" if m.status == "adopted" else f" Status: {m.status}. {m.notice}"
        sp.ruleset_notice.setText(f"{m.name} {m.version}, {m.partnership}. Effective {m.effective_date}, review "
                                  f"by {m.review_date}.{status}")

    def _on_start_details(self) -> None:
        """Remember who the referrer is, and carry it into the record's referrer details."""
        sp = self.start_page
        role, agency = sp.role.currentData() or "", sp.agency.text()
        if (role, agency) != (self.prefs.role, self.prefs.agency):
            # Another role or agency is most likely another person at a shared computer: their name
            # and contact details must not go on this record.
            self.prefs.name = self.prefs.team = self.prefs.phone = self.prefs.email = ""
            for key in ("name", "team", "phone", "email"):
                self.record_page.fields[f"referrer_{key}"].clear()
        self.prefs.role, self.prefs.agency = role, agency
        self.prefs.save(self.settings)
        if self.ruleset is not None:
            self.record_page.fields["referrer_role"].setText(self.ruleset.referrer_roles.get(self.prefs.role, ""))
            self.record_page.fields["referrer_agency"].setText(self.prefs.agency)

    # -- the assessment ---------------------------------------------------------------------------
    def reset_assessment(self, *, keep_household: bool = False) -> None:
        assert self.ruleset is not None
        if not keep_household:
            self.household = None
            self.household_saved = None
            self.household_bar.show_children([], 0)
        self.training_case = None
        self.record = None
        self.live_box.setVisible(True)
        self._loading = True
        self.assessment = Assessment(self.ruleset)
        self.navigator = Navigator(self.assessment, self.start_page.walk.value() or INTERVIEW)
        rp = self.record_page
        for edit in rp.fields.values():
            edit.clear()
        role_name = self.ruleset.referrer_roles.get(self.prefs.role, "")
        for key, value in (("name", self.prefs.name), ("role", role_name), ("agency", self.prefs.agency),
                           ("team", self.prefs.team), ("phone", self.prefs.phone), ("email", self.prefs.email)):
            rp.fields[f"referrer_{key}"].setText(value)
        rp.include_name.setChecked(False)
        rp.worry.clear()
        rp.working_well.clear()
        rp.consent.setCurrentIndex(0)  # not chosen yet
        rp.consent_reason.clear()
        rp.status.clear()
        self.outcome_page.agree.set_value(None)
        self.outcome_page.differ_form.setEnabled(False)
        self.outcome_page.reason.clear()
        self._loading = False
        self.saved_snapshot = self.snapshot()
        self._rebuild_nav()
        self.refresh_live()

    def _on_walk(self, mode: object) -> None:
        """The short interview or every area: chosen on the start page, for the next pages shown."""
        if isinstance(mode, str) and self.assessment is not None:
            self.navigator.mode = mode
            self._rebuild_nav()

    def start_assessment(self) -> None:
        if self.assessment is not None and not self.assessment.is_empty and not self.is_dirty():
            self.reset_assessment()
        self.navigator.mode = self.start_page.walk.value() or INTERVIEW
        self.navigator.history = ["danger"]
        self._rebuild_nav()
        self.go("danger")

    def new_assessment(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, "New assessment", "Discard the answers and record you "
                                                   "have not saved?", "Discard"):
            return
        self.drafts.clear()
        self.reset_assessment()
        self.go("danger")

    def _changed(self) -> None:
        self.refresh_live()
        self._update_progress()
        if not self._loading:
            self._draft_timer.start()

    def _on_danger(self, value: object) -> None:
        assert self.assessment is not None and self.ruleset is not None
        question = self.ruleset.question_with_role("immediate_danger")
        assert question is not None
        self.assessment.set_screening(question.id, value if isinstance(value, str) else None)
        self._changed()
        if self.assessment.in_immediate_danger:
            self.go("emergency")

    def _on_screening(self, question_id: str, value: object) -> None:
        assert self.assessment is not None
        self.assessment.set_screening(question_id, value if isinstance(value, str) else None)
        self._rebuild_nav()
        self._changed()

    def _on_indicator(self, indicator_id: str, value: object) -> None:
        assert self.assessment is not None
        self.assessment.set_indicator(indicator_id, value if isinstance(value, str) else None)
        self._changed()

    def _on_area_unknown(self, domain_id: str, unknown: bool) -> None:
        assert self.assessment is not None
        if unknown and self.domain_page.clear_area is not None:
            self.domain_page.clear_area.setChecked(False)  # one whole-area answer at a time
        self.assessment.set_domain(domain_id, "dont_know" if unknown else None)
        if not unknown:
            self.assessment.mark_visited(domain_id)
        self._changed()

    def _on_area_clear(self, domain_id: str, clear: bool) -> None:
        assert self.assessment is not None
        applies = [i for i in self.assessment.answered_in(domain_id) if self.assessment.indicators[i] == "yes"]
        if clear and applies and self.domain_page.clear_area is not None:
            # "No concerns here" would contradict a statement marked as applying: say so, change nothing.
            self.domain_page.clear_area.blockSignals(True)
            self.domain_page.clear_area.setChecked(False)
            self.domain_page.clear_area.blockSignals(False)
            self.statusBar().showMessage("A statement here is marked as applying: change that answer first if "
                                         "there are no concerns in this area.", 10000)
            return
        if clear:
            self.domain_page.unknown.setChecked(False)
            self.assessment.set_domain(domain_id, "no_concerns")
        elif self.assessment.domains.get(domain_id) == "no_concerns":
            self.assessment.set_domain(domain_id, None)
        self._changed()

    def _on_worries(self, areas: object) -> None:
        assert self.assessment is not None and isinstance(areas, list)
        self.assessment.set_worries(areas)
        self._rebuild_nav()
        self._changed()

    def _on_strength(self, strength_id: str, present: bool) -> None:
        assert self.assessment is not None
        self.assessment.set_strength(strength_id, present)
        self._changed()

    def _on_details(self) -> None:
        if not self._loading:
            self._draft_timer.start()

    def refresh_live(self) -> None:
        if self.assessment is None or self.ruleset is None:
            return
        household = self.household if self.household is not None and self.household.size > 1 else None
        if household is not None:  # every child's outcome, worked out once per change
            outcome = household.outcome(self.assessment.answers())
            self.assessment.set_sibling_level(outcome.sibling_level(household.current))
        if self.assessment.is_empty and household is None:
            self.live.setPlainText(NO_ANSWERS_YET)
            sentence = NO_ANSWERS_YET
        else:
            rec = self.assessment.recommendation()
            html = live_html(rec, self.ruleset)
            sentence = rec.sentence()
            if household is not None:
                html = household_html(outcome, household.current) + html
                sentence = f"{household.labels[household.current]}: {sentence}"
            self.live.setHtml(html)
        self._announce(sentence)

    def _announce(self, sentence: str) -> None:
        """Tell a screen reader once when the emerging outcome changes (never during a training case,
        where the outcome is hidden until the trainee compares)."""
        if sentence == self.live.accessibleDescription():
            return
        self.live.setAccessibleDescription(sentence)
        if self.training_case is not None or sentence == NO_ANSWERS_YET:
            return
        QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.live, sentence))
        self.outcome_announced.emit(sentence)

    # -- navigation --------------------------------------------------------------------------------
    def sequence(self) -> list[str]:
        return self.navigator.sequence()

    def _rebuild_nav(self) -> None:
        """Steps at the top level, areas under their group's heading: a tree a screen reader can walk."""
        assert self.assessment is not None and self.ruleset is not None
        self.nav.blockSignals(True)
        self.nav.clear()
        groups = {g.id: g.name for g in self.ruleset.domain_groups}
        headings: dict[str, QTreeWidgetItem] = {}
        for key in self.sequence():
            if key in STEP_TITLES:
                item = QTreeWidgetItem(self.nav, [STEP_TITLES[key]])
            else:
                domain = self.ruleset.domain(key)
                if domain.group not in headings:
                    heading = QTreeWidgetItem(self.nav, [groups[domain.group]])
                    heading.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: readable, not selectable
                    font = heading.font(0)
                    font.setBold(True)
                    heading.setFont(0, font)
                    heading.setExpanded(True)
                    headings[domain.group] = heading
                item = QTreeWidgetItem(headings[domain.group], [domain.name])
            item.setData(0, KEY_ROLE, key)
        self.nav.expandAll()
        self.nav.blockSignals(False)
        self.splitter.left_words = longest_word_width(self.nav)
        self.splitter.balance()
        self._update_progress()

    def _nav_items(self) -> list[QTreeWidgetItem]:
        items: list[QTreeWidgetItem] = []
        for top in top_items(self.nav):
            items += [top, *child_items(top)]
        return items

    def _update_progress(self) -> None:
        if self.assessment is None:
            return
        domains = self.assessment.visible_domains()
        considered = {d.id for d in domains if self.assessment.considered(d.id)}
        if self.navigator.mode == INTERVIEW and self.assessment.worries is not None:
            # The interview: the areas chosen as worries are the ones to answer; the rest are "no
            # concerns known to the referrer", which is an answer, not an area left undone.
            domains = [d for d in domains if d.id in self.assessment.worries]
            label = "Worried-about areas answered"
        else:
            label = "Areas looked at"
        done = len([d for d in domains if d.id in considered])
        self.progress.setMaximum(max(1, len(domains)))
        self.progress.setValue(done)
        self.progress_label.setText(f"{label}: {done} of {len(domains)}")
        self.progress.setAccessibleDescription(self.progress_label.text())
        for item in self._nav_items():
            key = item.data(0, KEY_ROLE)
            if key and key not in STEP_TITLES:
                status = "looked at" if key in considered else "not looked at yet"
                # Only a changed row is touched: setting an icon re-measures the (wrapping) row.
                if item.toolTip(0) != status.capitalize():
                    name = self.assessment.ruleset.domain(key).name
                    # The tick is an icon beside the name, and the words are what a screen reader reads.
                    item.setIcon(0, self._looked_at_icon if key in considered else QIcon())
                    item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}, {status}")
                    item.setToolTip(0, status.capitalize())
            if key == self.current:
                self.nav.setCurrentItem(item)
        if self.current not in {item.data(0, KEY_ROLE) for item in self._nav_items()}:
            self.nav.setCurrentIndex(QModelIndex())  # the start page is no step: nothing highlighted

    def go(self, key: str) -> None:
        assert self.ruleset is not None and self.assessment is not None
        self.current = key
        role = self.prefs.role
        if key == "start":
            self.pages.setCurrentWidget(self.start_page)
        elif key == "danger":
            question = self.ruleset.question_with_role("immediate_danger")
            self.danger_page.show_question(self.ruleset, self.assessment.screening.get(question.id)
                                           if question else None)
            self.pages.setCurrentWidget(self.danger_page)
        elif key == "emergency":
            self.emergency_page.show_route(self.ruleset)
            self.pages.setCurrentWidget(self.emergency_page)
        elif key == "screening":
            self.screening_page.show_questions(self.ruleset, self.assessment)
            self.pages.setCurrentWidget(self.screening_page)
        elif key == "worries":
            chosen = self.assessment.worries
            if chosen is None and self.household is not None:  # a brother or sister: the family's, chosen
                chosen = list(self.household.family_worries or ())
            self.worries_page.show_choices(worry_choices(self.ruleset, self.assessment.age_band), chosen)
            self.pages.setCurrentWidget(self.worries_page)
        elif key == "before_finish":
            self.finish_page.show_statements(self.ruleset, self.assessment, role, self.navigator.statements(key))
            self.pages.setCurrentWidget(self.finish_page)
        elif key == "review":
            self.review_page.show_review(self.assessment)
            self.pages.setCurrentWidget(self.review_page)
        elif key == "outcome":
            self.outcome_page.show_outcome(self.assessment)
            self.pages.setCurrentWidget(self.outcome_page)
        elif key == "record":
            rec = self.assessment.recommendation()
            op = self.outcome_page
            chosen = op.route.currentData() if op.agree.value() == "differ" else None
            route = self.ruleset.routes.get(chosen, rec.route) if isinstance(chosen, str) else rec.route
            self.record_page.consent_guidance.setText(f"For this route: {route.consent}")
            age_band = next((s.answer for s in rec.screening if s.question_id == getattr(
                self.ruleset.question_with_role("age_band"), "id", None)), "")
            if not self.record_page.fields["age_band"].text() and age_band not in ("Not answered", ""):
                self.record_page.fields["age_band"].setText(age_band)
            self.pages.setCurrentWidget(self.record_page)
        else:
            domains = self.assessment.visible_domains()
            domain = self.ruleset.domain(key)
            position = (domains.index(domain) + 1 if domain in domains else 0, len(domains))
            self.assessment.mark_visited(key)
            interview = self.navigator.mode == INTERVIEW
            self.domain_page.show_domain(domain, self.ruleset, self.assessment, role,
                                         (0, 0) if interview else position,
                                         self.navigator.statements(key) if interview else None, interview)
            self.pages.setCurrentWidget(self.domain_page)
            self._changed()
        self.back_button.setEnabled(key != "start")
        self.next_button.setEnabled(key not in ("record", "emergency"))
        # On the start page the Start button already has Alt+S: this one takes no second shortcut.
        self.next_button.setText("Start \u2192" if key == "start" else "&Next \u2192")
        self._update_progress()
        page = self._page_shown()
        page.verticalScrollBar().setValue(0)  # every page opens at its top
        # The page never narrower than its widest line of answers: on a small screen or at large
        # text the side panes give way, instead of the page cutting its text off.
        self.pages.setMinimumWidth(page.body.minimumSizeHint().width() + page.verticalScrollBar().sizeHint().width())
        self.splitter.balance()
        first = page.first_field()
        if first is not None:
            # As if tabbed to: the focus frame shows where typing or an arrow key will go.
            self.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
            first.setFocus(Qt.FocusReason.TabFocusReason)
            # At large text a long help can push the first answer below the fold: bring it into view
            # once the page has been laid out at its new size.
            QTimer.singleShot(0, self._show_focus)

    def _page_shown(self) -> ScrollPage:
        page = self.pages.currentWidget()
        assert isinstance(page, ScrollPage)  # every page of the stack is one
        return page

    @Slot()
    def _show_focus(self) -> None:
        """Scroll the current page so the widget with focus is in view."""
        page, focus = self._page_shown(), QApplication.focusWidget()
        if focus is not None and page.isAncestorOf(focus):
            page.ensureWidgetVisible(focus)

    def go_next(self) -> None:
        if self.current == "start":
            self.start_assessment()
            return
        assert self.assessment is not None and self.ruleset is not None
        if self.current == "danger":
            question = self.ruleset.question_with_role("immediate_danger")
            if question is not None and question.id not in self.assessment.screening:
                # This one cannot be skipped: say so where the eye and a screen reader are.
                self.statusBar().showMessage("Please answer this first: is the child in immediate danger?", 8000)
                QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(
                    self.danger_page, "Please answer this first: is the child in immediate danger?"))
                field = self.danger_page.first_field()
                if field is not None:
                    field.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            if self.assessment.in_immediate_danger:
                self.go("emergency")
                return
        if self.current == "record":
            return
        worries = self.assessment.worries
        if self.current == "worries" and worries is None and self.household is not None:
            # A brother or sister: the family's worries were shown chosen; moving on chooses them.
            self.assessment.set_worries(self.worries_page.chosen())
        key = self.navigator.go_next(self.current)
        if key == self.current and key == "screening":  # the interview still needs these answered
            missing = [q.text for q in self.ruleset.screening if q.id not in self.assessment.screening]
            message = "Please answer (or choose \"I don't know\"): " + " ".join(missing)
            self.statusBar().showMessage(message, 10000)
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self.screening_page, message))
        if self.assessment.worries != worries or self.navigator.mode == INTERVIEW:
            self._rebuild_nav()
        self._changed()
        self.go(key)

    def go_back(self) -> None:
        if self.current == "emergency":
            self.go("danger")
            return
        self.go(self.navigator.go_back(self.current))

    def _nav_activated(self, item: QTreeWidgetItem) -> None:
        key = item.data(0, KEY_ROLE)
        if key:
            self._go_by_choice(key)

    def _go_by_choice(self, key: str) -> None:
        """The referrer chose a page (the list of steps, a search): in the interview, an area chosen
        is a worry, shown with all its statements."""
        worries = self.assessment.worries if self.assessment is not None else None
        self.navigator.arrive(key)
        if self.assessment is not None and self.assessment.worries != worries:
            self._rebuild_nav()
            self._changed()
        self.go(key)

    def _on_search(self, text: str) -> None:
        if self.assessment is None:
            return
        hits = self.assessment.search(text)
        searching = bool(text.strip())
        self.nav.setVisible(not searching)
        self.results.setVisible(searching)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(f"{hit.domain.name}: {hit.indicator.text}")
            item.setData(KEY_ROLE, (hit.domain.id, hit.indicator.id))
            self.results.addItem(item)
        if searching and not hits:
            empty = QListWidgetItem("No indicators match. Try another word.")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.results.addItem(empty)

    def _result_activated(self, item: QListWidgetItem) -> None:
        target = item.data(KEY_ROLE)
        if not target:
            return
        domain_id, indicator_id = target
        self.search.clear()  # the search is done: the list of areas comes back
        self._go_by_choice(domain_id)
        self.domain_page.focus_indicator(indicator_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In the search box: Down goes to the matches, Enter to the first one, Escape ends the search."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Down and self.results.isVisible() and self.results.count():
                self.results.setCurrentRow(0)
                self.results.setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.results.count():
                self._result_activated(self.results.item(0))
                return True
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
        return super().eventFilter(watched, event)

    # -- records ------------------------------------------------------------------------------------
    def details(self) -> RecordDetails:
        """What the referrer has entered beside the answers: the one place the pages are read."""
        rp, op = self.record_page, self.outcome_page
        f = {key: edit.text() for key, edit in rp.fields.items()}
        agreement = op.agree.value()
        level, route, consent = op.level.currentData(), op.route.currentData(), rp.consent.currentData()
        return RecordDetails(
            Referrer(f["referrer_name"], f["referrer_role"], f["referrer_agency"], f["referrer_team"],
                     f["referrer_phone"], f["referrer_email"]),
            Child(f["initials"], f["local_reference"], f["age_band"], f["date_of_birth"] or None,
                  f["full_name"] if rp.include_name.isChecked() else ""),
            "agree" if agreement == "agree" else "differ" if agreement == "differ" else None,
            level if isinstance(level, int) else None, route if isinstance(route, str) else None,
            op.reason.toPlainText(), consent if isinstance(consent, str) else None, rp.consent_reason.text(),
            rp.worry.toPlainText(), rp.working_well.toPlainText())

    def snapshot(self) -> str:
        """Everything the user has entered, as text: compared to know whether there is unsaved work."""
        if self.assessment is None:
            return ""
        return json.dumps({"answers": self.assessment.answers().to_dict(), **self.details().to_dict()},
                          sort_keys=True)

    def is_dirty(self) -> bool:
        return self.snapshot() != self.saved_snapshot

    def build_record(self, who: str = "") -> DecisionRecord | None:
        """The record from what is on screen, or None after telling the user what is missing (``who``:
        the child's label, in a household)."""
        assert self.assessment is not None and self.ruleset is not None
        details = self.details()
        missing = details.problems(emergency=self.assessment.in_immediate_danger)
        if missing:
            dialogs.show_problems(self, "Something is missing", missing,
                                  f"For {who}, please complete these first:" if who else "Please complete these first:")
            return None
        try:
            record = new_record(
                self.ruleset, self.assessment.recommendation(), self.assessment.answers(),
                judgement=details.judgement(), consent=details.consent_record(),
                referrer=details.trimmed_referrer(), child=details.trimmed_child(), worry=details.worry.strip(),
                working_well=details.working_well.strip(), amends=self.record)
        except InputError as exc:
            dialogs.show_problems(self, "The record cannot be made yet", exc.problems, "Please correct these:")
            return None
        if self.record is not None and same_decision(self.record, record):
            return self.record  # the JSON, the PDF and the paper of one assessment are one record
        return record

    def _remember_referrer(self) -> None:
        f = self.record_page.fields
        for key in ("name", "team", "phone", "email", "agency"):
            setattr(self.prefs, key, f[f"referrer_{key}"].text().strip())
        self.prefs.save(self.settings)

    @staticmethod
    def _suggested_name(record: DecisionRecord, suffix: str) -> str:
        """The record's date and short id: no names, and the JSON and PDF of one record pair up."""
        return f"decision-record-{record.created[:10].replace('-', '')}-{record.record_id[:8]}{suffix}"

    def _record_and_path(self, title: str, suffix: str, filters: str) -> tuple[DecisionRecord, Path] | None:
        """The record from the screen and where to save it, or None if either is not given."""
        record = self.build_record()
        if record is None:
            return None
        path = dialogs.ask_save_path(self, title, self._suggested_name(record, suffix), filters)
        if path is None:
            return None
        if path.suffix.lower() != suffix:
            # The dialog asked about the name as typed; the file is this name with the suffix added
            # (never swapped in: "A.B. 2026" stays whole), so ask again if that file is there.
            path = path.with_name(path.name + suffix)
            if path.exists() and not dialogs.confirm(
                    self, "Replace the file?", f"{path.name} already exists. Replace it with this record?",
                    "Replace", "Cancel"):
                return None
        return record, path

    def save_record(self) -> bool:
        if self.household is not None and self.household.size > 1:
            return self._save_household(".json")
        chosen = self._record_and_path("Save record", ".json", "Decision records (*.json)")
        if chosen is None:
            return False
        record, path = chosen
        if not save_bytes(self, path, record.to_json().encode("utf-8")):
            return False
        self._saved(record, f"Record saved to {path.name}.")
        return True

    def save_pdf(self) -> bool:
        if self.household is not None and self.household.size > 1:
            return self._save_household(".pdf")
        chosen = self._record_and_path("Save PDF", ".pdf", "PDF files (*.pdf)")
        if chosen is None:
            return False
        record, path = chosen
        from ..records.pdf import render_record

        self.statusBar().showMessage("Making the PDF...")
        rendered = render_record(record)
        if not save_bytes(self, path, rendered.pdf):
            self.statusBar().clearMessage()
            return False
        self._saved(record, f"PDF saved to {path.name} ({rendered.pages} pages).")
        self._pdf_notes(rendered)
        return True

    def _pdf_notes(self, rendered: Any) -> None:
        """What the person should know about a PDF just made: characters that print as boxes."""
        if rendered.missing_characters:
            dialogs.inform(self, "Some characters could not be printed",
                           "These characters have no glyph in the PDF font and print as boxes: "
                           + " ".join(rendered.missing_characters) + ". They are kept in the record inside the PDF.")

    def print_record(self) -> bool:
        """Print exactly the PDF "Save PDF" makes (a household's too): paper and PDF never differ."""
        from .paper import print_pdf

        if self.household is not None and self.household.size > 1:
            household = self._household_record()
            if household is None:
                return False
            from ..records.household_pdf import render_household

            rendered: Any = render_household(household)
        else:
            record = self.build_record()
            if record is None:
                return False
            from ..records.pdf import render_record

            rendered = render_record(record)
        if not print_pdf(self, rendered.pdf):
            return False
        if self.household is not None and self.household.size > 1:
            self.household_saved = household
        else:
            self.record = record
        self.statusBar().showMessage(f"Sent to the printer ({rendered.pages} pages).", 8000)
        self._pdf_notes(rendered)
        return True

    def _saved(self, record: DecisionRecord, message: str) -> None:
        self.record = record
        self.drafts.clear()
        self.saved_snapshot = self.snapshot()
        self._remember_referrer()
        self.record_page.status.setText(message)
        self.statusBar().showMessage(message, 8000)

    def open_record(self) -> None:
        if self.is_dirty() and not dialogs.confirm(self, "Open record", "Discard the answers you have not saved?",
                                                   "Discard and open"):
            return
        path = dialogs.ask_open_path(self, "Open record", "Decision records (*.json *.pdf)")
        if path is None:
            return
        try:
            record = load_any_record(path)
        except InputError as exc:
            dialogs.show_problems(self, "Record not opened", exc.problems, "The record could not be opened:")
            return
        if isinstance(record, HouseholdRecord):
            self.show_household(record)
        else:
            self.show_record(record)

    def show_record(self, record: DecisionRecord) -> bool:
        """Fill the wizard from a saved record, with the rule set it was made with when available."""
        assert self.ruleset is not None
        wanted = record.ruleset
        if self.ruleset.content_hash != wanted["content_hash"]:
            match = bundled_match(wanted["id"], wanted["content_hash"])
            if match is not None and match[2]:
                self.switch_ruleset(match[0], quiet=True)
            elif not dialogs.confirm(self, "Different rule set", f"This record was made with {wanted['name']} "
                                       f"{wanted['version']}, which is not the rule set in use. Open its answers "
                                       "with the current rule set? The outcome may differ.", "Open with current"):
                return False
        assert self.ruleset is not None
        try:
            answers = parse_answers(dict(record.answers), SourceMap(Location("the record's answers")), self.ruleset)
        except InputError as exc:
            dialogs.show_problems(self, "Record not opened", exc.problems,
                                  "The current rule set does not accept this record's answers:")
            return False
        self.reset_assessment()
        self._loading = True
        assert self.assessment is not None
        self.assessment.load(answers)
        # Answers from the interview carry the worries; others were made walking every area.
        self.navigator.mode = INTERVIEW if answers.worries is not None else EVERY_AREA
        for key, value in vars(record.referrer).items():
            self.record_page.fields[f"referrer_{key}"].setText(value)
        self._apply_details(RecordDetails.of_record(record))
        self._loading = False
        self.saved_snapshot = self.snapshot()
        self.record = record  # saving it again, changed, amends it
        self._rebuild_nav()
        self.refresh_live()
        self.go("outcome")
        verified = "hash verified" if record.hash_ok else "WARNING: the record was changed after it was made"
        self.statusBar().showMessage(f"Opened record {record.record_id[:8]} ({verified}).", 10000)
        if not record.hash_ok:
            dialogs.inform(self, "Record changed", "This record's contents do not match its hash: it was changed "
                           "after it was made. Treat it with caution and ask the referrer for the original.")
        return True

    @staticmethod
    def _record_details(record: DecisionRecord) -> dict[str, Any]:
        """What was entered for one child of a saved record (a household keeps the shared text apart)."""
        kept = RecordDetails.of_record(record).to_dict()
        return {key: kept[key] for key in ("fields", "consent", "judgement")}

    def _apply_details(self, details: RecordDetails) -> None:
        """Put entered details back on the pages (the referrer's own stay as they are)."""
        rp = self.record_page
        c = details.child
        for key, value in (("initials", c.initials), ("local_reference", c.local_reference),
                           ("age_band", c.age_band), ("date_of_birth", c.date_of_birth or "")):
            rp.fields[key].setText(value)
        rp.include_name.setChecked(bool(c.full_name))
        rp.fields["full_name"].setText(c.full_name)
        rp.worry.setPlainText(details.worry)
        rp.working_well.setPlainText(details.working_well)
        rp.consent.setCurrentIndex(max(0, rp.consent.findData(details.consent)))
        rp.consent_reason.setText(details.consent_reason)
        op = self.outcome_page
        op.agree.set_value(details.agreement)
        op.differ_form.setEnabled(details.agreement == "differ")
        if details.agreement == "differ":
            op.level.setCurrentIndex(max(0, op.level.findData(details.level)))
            op.route.setCurrentIndex(max(0, op.route.findData(details.route)))
        op.reason.setPlainText(details.reason)

    # -- drafts ---------------------------------------------------------------------------------------
    def draft_data(self) -> Draft:
        assert self.assessment is not None and self.ruleset is not None
        children: tuple[ChildDraft, ...] = ()
        current = 0
        if self.household is not None:  # every child, not only the one on screen
            self._keep_child(self.household)
            children = tuple(ChildDraft(slot.label, slot.own.to_dict(), slot.details)
                             for slot in self.household.slots)
            current = self.household.current
        return Draft(self.ruleset_spec, self.ruleset.content_hash, self.assessment.answers().to_dict(),
                     self.details(), tuple(sorted(self.assessment.visited)), self.current,
                     datetime.now().isoformat(timespec="minutes"), children, current)

    def save_draft_now(self) -> str:
        """Keep the work in progress in the user's data folder (after changes, and on a crash).

        Returns "kept", or "nothing" when there is no unsaved work to keep.
        """
        if self.assessment is None or not self.is_dirty():
            return "nothing"
        self.drafts.save(self.draft_data())
        return "kept"

    def offer_draft(self) -> None:
        """Once the window shows: report a remembered rule set that no longer loads, and offer back an
        assessment a crash or a quit left unsaved."""
        if self._startup_problems:
            problems, self._startup_problems = self._startup_problems, []
            dialogs.show_problems(self, "Rule set not opened", problems,
                                  f"The rule set you used last time has {len(problems)} problem(s), so the "
                                  "bundled model rule set is in use instead.")
        draft = self.drafts.load()
        if draft is None:
            return
        when = draft.saved_at.replace("T", " at ")
        if not dialogs.confirm(self, "Unsaved assessment", f"An assessment from {when} was not saved. "
                               "Carry on with it?", "Restore it", "Discard it"):
            self.drafts.clear()
            return
        try:
            self.restore_draft(draft)
        except RuleSetAway as away:
            # Perhaps a network share that is offline: the draft is kept, never restored into another rule set.
            dialogs.inform(self, "Draft kept for later", f"The draft was made with the rule set {away.spec}, "
                           "which cannot be opened now. The draft is kept and offered again the next time the "
                           "app starts; nothing in it has been changed.")
        except (InputError, KeyError, TypeError, ValueError):
            dialogs.inform(self, "Draft not restored", "The draft could not be restored with the current rule "
                           "set, so it has been discarded.")
            self.drafts.clear()

    def restore_draft(self, draft: Draft) -> None:
        spec = draft.ruleset_spec
        if spec != self.ruleset_spec and not self.switch_ruleset(spec, quiet=True):
            raise RuleSetAway(spec)
        assert self.ruleset is not None
        answers = parse_answers(dict(draft.answers), SourceMap(Location("the draft")), self.ruleset)
        self.reset_assessment()
        self._loading = True
        assert self.assessment is not None
        self.assessment.load(answers)
        # Answers from the interview carry the worries; others were made walking every area.
        self.navigator.mode = INTERVIEW if answers.worries is not None else EVERY_AREA
        self.assessment.visited |= {d for d in draft.visited if d in {x.id for x in self.ruleset.domains}}
        self._apply_details(draft.details)
        if draft.children:
            self._restore_household(draft.children, draft.current_child)
        self._loading = False
        self.saved_snapshot = ""
        self._rebuild_nav()
        self.refresh_live()
        page = draft.page
        self.go(page if page in (*self.sequence(), "start", "emergency") else "danger")

    # -- other windows and help ----------------------------------------------------------------------
    def open_quick_check(self) -> None:
        from .quickcheck import QuickCheckWindow

        self._quick = QuickCheckWindow(self.ruleset)
        self._quick.show()

    def open_training(self) -> None:
        from ..core.training import load_training_cases
        from .training_window import TrainingWindow

        assert self.ruleset is not None
        try:
            cases = load_training_cases(self._resolve(self.ruleset_spec), self.ruleset)
        except InputError as exc:
            dialogs.show_problems(self, "Training cases not opened", exc.problems)
            return
        if not cases:
            dialogs.inform(self, "No training cases", "This rule set has no training cases yet.")
            return
        self._training = TrainingWindow(self, self.ruleset, cases)
        self._training.show()

    def start_training_case(self, case: Any) -> None:
        """Answer a training case in the normal wizard, with the emerging outcome hidden until the end."""
        if self.is_dirty() and not dialogs.confirm(self, "Practise a case", "Discard the answers you have not "
                                                   "saved?", "Discard"):
            return
        self.drafts.clear()
        self.reset_assessment()
        self.navigator.mode = EVERY_AREA  # a training case walks every area, as the answer does
        self._rebuild_nav()
        self.training_case = case
        self.live_box.setVisible(False)
        self.statusBar().showMessage(f"Training case: {case.title}. The outcome is hidden until you compare.")
        self.go("danger")

    def open_mash_review(self) -> None:
        from .mash_window import MashWindow

        assert self.ruleset is not None
        self._mash = MashWindow(self.ruleset)
        self._mash.show()

    def open_compare(self) -> None:
        from .compare_window import CompareWindow

        self._compare = CompareWindow()
        self._compare.show()

    def open_audit(self) -> None:
        from .audit_window import AuditWindow

        self._audit = AuditWindow()
        self._audit.show()

    def show_help(self) -> None:
        dialogs.inform(self, "How to use Thresholds", (
            "1. Say whether the child is in immediate danger: if so, call 999 first.\n"
            "2. Answer the questions about the child, then go through each area. For each statement choose "
            "Applies, Does not apply or Don't know. 'More about this' shows help and examples.\n"
            "3. The emerging outcome on the right updates as you answer.\n"
            "4. Check your answers, read the outcome, and say whether you agree.\n"
            "5. Record the decision: save the record, and save or print the PDF.\n\n"
            "Keyboard: Alt+Right / Alt+Left for Next / Back, Ctrl+F to find an indicator, Ctrl+S to save."))

    def show_about(self) -> None:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        assert self.ruleset is not None
        m = self.ruleset.metadata
        dialogs.inform(self, "About Thresholds", (
            f"Thresholds {__version__}\nLevels-of-need decision support for children's safeguarding partnerships.\n\n"
            f"Python {platform.python_version()}, PySide6 {pyside_version}, Qt {qVersion()}\n\n"
            f"Rule set: {m.name} {m.version} ({m.status})\n{m.partnership}\n"
            f"Effective {m.effective_date}, review by {m.review_date}\n{self.ruleset.content_hash}\n\n"
            "Nothing you enter leaves this computer."))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty():
            if not dialogs.confirm(self, "Quit", "This record has not been saved. Your answers will be kept as a "
                                   "draft and offered next time you open Thresholds.", "Quit", "Cancel"):
                event.ignore()
                return
            self.save_draft_now()
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.sync()
        event.accept()

