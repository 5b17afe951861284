"""Quick check: the whole rule set on one screen, with the recommendation updating on every click.

The window only renders state and forwards input: answers are collected into
:class:`~thresholds_app.core.answers.Answers` and everything shown comes from the engine.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core.answers import Answers
from ..core.evaluate import Recommendation, evaluate
from ..core.loader import inspect_ruleset
from ..core.model import DONT_KNOW, RuleSet
from ..locations import bundled_rulesets
from . import dialogs
from .pages import narrow_combo
from .render import NO_ANSWERS_YET, recommendation_html
from .screen import fit_to_screen, scrolling
from .tristate import HEADER_HINT
from .widgets import FOCUS_STYLE, child_items, top_items, wrapped
from .wrapping import WrappingTicks, wrap_rows

INDICATOR_ROLE = Qt.ItemDataRole.UserRole + 1
DEFAULT_RULESET = "model-four-level"


class QuickCheckWindow(QMainWindow):
    def __init__(self, ruleset: RuleSet | None = None) -> None:
        super().__init__()
        self.ruleset: RuleSet | None = None
        self.recommendation: Recommendation | None = None
        self._updating = False
        fit_to_screen(self, 1280, 820)

        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Rule set notice")
        self.screening_box = QGroupBox("First, about the child")
        # Each question's label sits above its field, at full width, so long questions wrap
        # without being clipped at large font sizes.
        self.screening_layout = QVBoxLayout(self.screening_box)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search indicators, e.g. bruise, missing, school")
        self.search.setAccessibleName("Search indicators")
        self.search.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Indicator", "Level"])
        self.tick_hint = wrapped(f"Each indicator's check box: {HEADER_HINT}.")
        wrap_rows(self.tree, WrappingTicks(self.tree))
        self.tree.setAccessibleName("Indicators of need by area")
        self.tree.setAccessibleDescription(
            f"Each indicator has a check box: {HEADER_HINT}. Checked means it applies, partly checked means "
            "you don't know.")
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setWordWrap(True)
        self.panel = QTextBrowser()
        self.panel.setAccessibleName("Recommendation")
        self.panel.setOpenLinks(False)

        about = QWidget()
        about_layout = QVBoxLayout(about)
        about_layout.addWidget(self.notice)
        about_layout.addWidget(self.screening_box)
        indicators = QWidget()
        indicators_layout = QVBoxLayout(indicators)
        indicators_layout.addWidget(self.search)
        indicators_layout.addWidget(self.tick_hint)
        indicators_layout.addWidget(self.tree, 1)
        # The child's details scroll above the indicators, so at large text neither is squeezed away.
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(scrolling(about))
        left.addWidget(indicators)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)
        left.handle(1).setAccessibleName("Resize the questions about the child and the indicators")
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.panel)
        splitter.setSizes([700, 580])
        splitter.handle(1).setAccessibleName("Resize the indicators and the recommendation")
        self.setCentralWidget(splitter)
        self.setStyleSheet(FOCUS_STYLE)

        self._build_menus()
        self.search.textChanged.connect(self._apply_filter)
        self.tree.itemChanged.connect(self._on_item_changed)
        if ruleset is None:
            report = inspect_ruleset(bundled_rulesets()[DEFAULT_RULESET])
            ruleset = report.ruleset
        if ruleset is not None:
            self.set_ruleset(ruleset)

    # -- building ------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        open_action = QAction("&Open rule set...", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._choose_ruleset)
        file_menu.addAction(open_action)
        clear_action = QAction("&Clear answers", self)
        clear_action.setShortcut(QKeySequence.StandardKey.New)
        clear_action.triggered.connect(self.clear_answers)
        file_menu.addAction(clear_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def set_ruleset(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        m = ruleset.metadata
        self.setWindowTitle(f"Thresholds - {m.name} {m.version}")
        self.notice.setText(m.notice if m.status != "adopted" else m.partnership)
        self.statusBar().showMessage(f"Rule set {m.id} {m.version} ({ruleset.short_hash}), {m.partnership}")
        while self.screening_layout.count():
            taken = self.screening_layout.takeAt(0)
            old = taken.widget() if taken is not None else None
            if old is not None:
                old.deleteLater()
        self.combos: dict[str, QComboBox] = {}
        for question in ruleset.screening:
            combo = narrow_combo(question.text)
            combo.addItem("Not answered yet", None)
            for option in question.options:
                combo.addItem(option.label, option.id)
            combo.setAccessibleName(question.text)
            if question.help:
                combo.setToolTip(question.help)
                combo.setAccessibleDescription(question.help)
            combo.currentIndexChanged.connect(self._on_screening_changed)
            label = QLabel(question.text)
            label.setWordWrap(True)
            label.setBuddy(combo)
            self.screening_layout.addWidget(label)
            self.screening_layout.addWidget(combo)
            self.combos[question.id] = combo
        self._updating = True
        self.tree.clear()
        groups = {g.id: g for g in ruleset.domain_groups}
        group_items: dict[str, QTreeWidgetItem] = {}
        for domain in ruleset.domains:
            if domain.group not in group_items:
                group_items[domain.group] = QTreeWidgetItem(self.tree, [groups[domain.group].name])
            domain_item = QTreeWidgetItem(group_items[domain.group], [domain.name])
            domain_item.setToolTip(0, f"{domain.summary}\nLevel 1 here: {domain.level_1}")
            for ind in domain.indicators:
                item = QTreeWidgetItem(domain_item, [ind.text, str(ind.level)])
                item.setData(0, INDICATOR_ROLE, ind.id)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsUserTristate)
                item.setCheckState(0, Qt.CheckState.Unchecked)
                examples = "\n".join(f"{ruleset.referrer_roles.get(r, r)}: {t}" for r, t in ind.examples.items())
                item.setToolTip(0, f"{ind.help}\n\n{examples}".strip())
        self.tree.expandToDepth(0)
        self._updating = False
        self._apply_filter()
        self.refresh()

    # -- state ---------------------------------------------------------------------------------
    def _indicator_items(self) -> list[QTreeWidgetItem]:
        items = []
        stack = top_items(self.tree)
        while stack:
            item = stack.pop()
            if item.data(0, INDICATOR_ROLE):
                items.append(item)
            stack.extend(child_items(item))
        return items

    def answers(self) -> Answers:
        screening = {qid: combo.currentData() for qid, combo in self.combos.items() if combo.currentData()}
        indicators = {}
        for item in self._indicator_items():
            state = item.checkState(0)
            if state == Qt.CheckState.Checked:
                indicators[item.data(0, INDICATOR_ROLE)] = "yes"
            elif state == Qt.CheckState.PartiallyChecked:
                indicators[item.data(0, INDICATOR_ROLE)] = DONT_KNOW
        return Answers.from_dict({"screening": screening, "indicators": indicators})

    def refresh(self) -> None:
        if self.ruleset is None:
            return
        answers = self.answers()
        self.recommendation = evaluate(self.ruleset, answers)
        scroll = self.panel.verticalScrollBar().value()
        if answers.screening or answers.indicators:
            self.panel.setHtml(recommendation_html(self.recommendation, self.ruleset))
        else:
            self.panel.setPlainText(NO_ANSWERS_YET)
        self.panel.verticalScrollBar().setValue(scroll)

    def clear_answers(self) -> None:
        self._updating = True
        for combo in self.combos.values():
            combo.setCurrentIndex(0)
        for item in self._indicator_items():
            item.setCheckState(0, Qt.CheckState.Unchecked)
        self._updating = False
        self.refresh()

    # -- input ---------------------------------------------------------------------------------
    def _on_item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if not self._updating and column == 0 and item.data(0, INDICATOR_ROLE):
            self.refresh()

    def _on_screening_changed(self) -> None:
        if not self._updating:
            self._apply_filter()
            self.refresh()

    def _apply_filter(self) -> None:
        if self.ruleset is None:
            return
        needle = self.search.text().strip().lower()
        age_q = self.ruleset.question_with_role("age_band")
        age = self.combos[age_q.id].currentData() if age_q else None
        for item in self._indicator_items():
            ind = self.ruleset.indicators[item.data(0, INDICATOR_ROLE)]
            haystack = " ".join([ind.text, ind.help, *ind.examples.values()]).lower()
            ticked = item.checkState(0) != Qt.CheckState.Unchecked
            item.setHidden(not ticked and (not ind.applies_to_age(age) or bool(needle and needle not in haystack)))
        for group in top_items(self.tree):
            for domain in child_items(group):
                visible = any(not row.isHidden() for row in child_items(domain))
                domain.setHidden(not visible)
                if needle and visible:
                    group.setExpanded(True)
                    domain.setExpanded(True)

    def open_ruleset(self, path: Path) -> bool:
        report = inspect_ruleset(path)
        if report.ruleset is None:
            dialogs.show_problems(self, "Rule set not opened", report.errors,
                                  f"The rule set has {len(report.errors)} problem(s) and was not opened. "
                                  "The previous rule set is still in use.")
            return False
        self.set_ruleset(report.ruleset)
        return True

    def _choose_ruleset(self) -> None:
        path = dialogs.ask_open_path(self, "Open rule set", "Rule sets (*.yaml *.yml)")
        if path is not None:
            self.open_ruleset(path)

    def _about(self) -> None:
        from PySide6 import __version__ as qt_version

        m = self.ruleset.metadata if self.ruleset else None
        details = f"<p>Rule set: {m.name} {m.version}<br>{self.ruleset.content_hash}</p>" if m and self.ruleset else ""
        QMessageBox.about(self, "About Thresholds",
                          f"<p><b>Thresholds</b> {__version__}<br>PySide6 {qt_version}</p>{details}"
                          "<p>Levels-of-need decision support. Nothing you enter leaves this computer.</p>")
