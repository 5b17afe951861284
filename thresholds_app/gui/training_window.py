"""Training mode: trainees practise cases in the normal wizard; facilitators see how the room decided."""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.jsonsource import parse_json
from ..core.model import RuleSet
from ..core.problems import InputError, Location, Problem
from ..core.training import (
    MAX_ANSWERS_BYTES,
    Hands,
    ParticipantAnswers,
    Session,
    TrainingCase,
    compare,
    participant_from_dict,
    summarise_session,
)
from ..core.yamlsource import read_regular
from . import dialogs
from .audit_window import LevelChart
from .pages import narrow_combo
from .saving import save_bytes
from .screen import fit_to_screen, scrolling
from .widgets import FOCUS_STYLE, WheelSafeComboBox, WheelSafeSpinBox, wrapped

if TYPE_CHECKING:
    from .mainwindow import MainWindow


class TrainingWindow(QMainWindow):
    def __init__(self, main: MainWindow, ruleset: RuleSet, cases: list[TrainingCase]) -> None:
        super().__init__()
        self.main = main
        self.ruleset = ruleset
        self.cases = cases
        self.my_answers: dict[str, dict[str, Any]] = {}
        self.participants: list[ParticipantAnswers] = []
        self.hands: list[Hands] = []
        self.setWindowTitle("Thresholds - training")
        fit_to_screen(self, 1100, 820)
        tabs = QTabWidget()
        # Each tab scrolls, so the window fits small screens and large text without hiding buttons.
        tabs.addTab(scrolling(self._practise_tab()), "&Practise a case")
        tabs.addTab(scrolling(self._facilitate_tab()), "&Facilitate a session")
        self.setCentralWidget(tabs)
        self.setStyleSheet(FOCUS_STYLE)
        self.refresh()

    # -- trainee ------------------------------------------------------------------------------------
    def _practise_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        form = QFormLayout()
        self.nickname = QLineEdit()
        self.nickname.setAccessibleName("Your nickname (no real names)")
        self.agency = QLineEdit()
        self.agency.setAccessibleName("Your agency")
        form.addRow("&Nickname:", self.nickname)
        form.addRow("&Agency:", self.agency)
        layout.addLayout(form)
        row = QHBoxLayout()
        self.case_list = QListWidget()
        self.case_list.setAccessibleName("Training cases")
        self.case_list.setWordWrap(True)
        for case in self.cases:
            item = QListWidgetItem(f"{case.title} ({self.ruleset.referrer_roles.get(case.role, case.role)})")
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            self.case_list.addItem(item)
        self.scenario = QTextBrowser()
        self.scenario.setAccessibleName("The case")
        row.addWidget(self.case_list, 1)
        row.addWidget(self.scenario, 2)
        layout.addLayout(row, 1)
        buttons = QHBoxLayout()
        self.answer_button = QPushButton("Answer this case in the &wizard")
        self.check_button = QPushButton("&Compare with the expected answer")
        self.export_button = QPushButton("&Export my answers...")
        for b in (self.answer_button, self.check_button, self.export_button):
            b.setAccessibleName(b.text().replace("&", "").rstrip("."))
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.result = QTextBrowser()
        self.result.setAccessibleName("Your answer beside the expected answer")
        layout.addWidget(self.result, 1)
        self.case_list.currentRowChanged.connect(self._show_case)
        self.answer_button.clicked.connect(self.answer_in_wizard)
        self.check_button.clicked.connect(self.compare_answer)
        self.export_button.clicked.connect(self.export_answers)
        if self.cases:
            self.case_list.setCurrentRow(0)
        return tab

    def current_case(self) -> TrainingCase | None:
        row = self.case_list.currentRow()
        return self.cases[row] if 0 <= row < len(self.cases) else None

    def _show_case(self, _row: int) -> None:
        case = self.current_case()
        if case is None:
            return
        role = self.ruleset.referrer_roles.get(case.role, case.role)
        self.scenario.setHtml(f"<h2>{escape(case.title)}</h2><p><i>Told by: {escape(role)}</i></p>"
                              + "".join(f"<p>{escape(line)}</p>" for line in case.scenario.splitlines() if line)
                              + f"<p><b>What is going well:</b> {escape(case.working_well)}</p>")
        self.result.clear()

    def answer_in_wizard(self) -> None:
        case = self.current_case()
        if case is not None:
            self.main.start_training_case(case)
            self.main.raise_()

    def compare_answer(self) -> None:
        case = self.current_case()
        if case is None:
            return
        if self.main.training_case is None or self.main.training_case.id != case.id or self.main.assessment is None:
            dialogs.inform(self, "Answer the case first", "Choose 'Answer this case in the wizard', go through "
                           "the questions, then come back to compare.")
            return
        trainee = self.main.assessment.answers()
        result = compare(self.ruleset, case, trainee)
        self.my_answers[case.id] = {"level": result.trainee_level, "route": result.trainee_route,
                                    "answers": trainee.to_dict()}
        texts = self.ruleset.indicators
        level = self.ruleset.level
        verdict = "You chose the expected level." if result.same_level else "Your level differs from the expected one."
        parts = [f"<h3>{escape(verdict)}</h3>",
                 f"<p>Your answers give <b>Level {result.trainee_level}: {escape(level(result.trainee_level).name)}"
                 f"</b>, {escape(self.ruleset.routes[result.trainee_route].name)}.<br>The expected answer is "
                 f"<b>Level {result.expected_level}: {escape(level(result.expected_level).name)}</b>, "
                 f"{escape(self.ruleset.routes[result.expected_route].name)}.</p>"]
        if result.ticked_not_expected:
            parts.append("<p><b>You ticked, the expected answer did not:</b></p><ul>" + "".join(
                f"<li>{escape(texts[i].text)} (level {texts[i].level})</li>" for i in result.ticked_not_expected)
                + "</ul>")
        if result.expected_not_ticked:
            parts.append("<p><b>The expected answer ticked, you did not:</b></p><ul>" + "".join(
                f"<li>{escape(texts[i].text)} (level {texts[i].level})</li>" for i in result.expected_not_ticked)
                + "</ul>")
        parts.append(f"<h3>Teaching notes</h3><p><b>The common mistake:</b> {escape(case.common_mistake)}</p>"
                     f"<p><b>Why:</b> {escape(case.why)}</p>"
                     f"<p><b>What would change it:</b> {escape(case.what_would_change)}</p>")
        self.result.setHtml("".join(parts))

    def export_answers(self) -> bool:
        nickname = self.nickname.text().strip()
        if not nickname or not self.my_answers:
            dialogs.show_problems(self, "Nothing to export", [Problem(
                "choose a nickname and compare at least one case first", Location("Practise a case"))],
                "Please do these first:")
            return False
        path = dialogs.ask_save_path(self, "Export my answers", "training-answers.json", "Training answers (*.json)")
        if path is None:
            return False
        answers = ParticipantAnswers(nickname, self.agency.text().strip(),
                                     {"id": self.ruleset.id, "version": self.ruleset.version,
                                      "content_hash": self.ruleset.content_hash}, self.my_answers)
        if not save_bytes(self, path, json.dumps(answers.to_dict(), ensure_ascii=False, indent=2).encode("utf-8")):
            return False
        self.statusBar().showMessage(f"Exported {path.name}.", 8000)
        return True

    # -- facilitator -----------------------------------------------------------------------------------
    def _facilitate_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(wrapped("Import the answers participants exported, or record a show of hands. Figures "
                                 "use nicknames only."))
        buttons = QHBoxLayout()
        self.import_button = QPushButton("&Import participants' files...")
        self.import_button.setAccessibleName("Import participants' answers files")
        self.summary_button = QPushButton("Save session &summary PDF...")
        self.summary_button.setAccessibleName("Save the session summary as a PDF")
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.summary_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self._hands_box())
        self.kappa_label = QLabel()
        self.kappa_label.setWordWrap(True)
        font = self.kappa_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.kappa_label.setFont(font)
        layout.addWidget(self.kappa_label)
        self.table = QTableWidget(0, 6)
        self.table.setAccessibleName("How the room decided, case by case")
        self.table.setHorizontalHeaderLabels(["Case", "Levels chosen", "Expected", "Most common level", "Correct",
                                              "Routes chosen"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.chart = LevelChart()
        self.chart.setAccessibleName("Chart: levels chosen for each case")
        big = self.chart.font()
        big.setPointSizeF(big.pointSizeF() * 1.5)  # readable on a projector
        self.chart.setFont(big)
        layout.addWidget(self.chart, 1)
        self.agencies = QTextBrowser()
        self.agencies.setAccessibleName("Levels chosen by agency")
        self.agencies.setMaximumHeight(140)
        layout.addWidget(self.agencies)
        self.import_button.clicked.connect(self.import_files)
        self.summary_button.clicked.connect(self.save_summary)
        return tab

    def _hands_box(self) -> QGroupBox:
        """A show of hands: one level on one case at a time, each entry listed so a slip can be taken back."""
        box = QGroupBox("Show of hands (levels only: routes are not asked)")
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.hands_case = narrow_combo("Show of hands: case")
        for case in self.cases:
            self.hands_case.addItem(case.title, case.id)
        self.hands_level = WheelSafeComboBox()
        self.hands_level.setAccessibleName("Show of hands: level")
        for lv in self.ruleset.levels:
            self.hands_level.addItem(lv.label, lv.number)
        self.hands_count = WheelSafeSpinBox()
        self.hands_count.setRange(1, 500)
        self.hands_count.setAccessibleName("Show of hands: number of hands raised")
        self.hands_button = QPushButton("Add &hands")
        self.hands_button.setAccessibleName("Add this show of hands")
        self.hands_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.room_size = WheelSafeSpinBox()
        self.room_size.setRange(0, 500)
        self.room_size.setSpecialValueText("not counted")
        self.room_size.setAccessibleName("People in the room")
        self.room_size.setToolTip("If not counted, the most hands raised on any one case is taken as the room.")
        self.hands_list = QListWidget()
        self.hands_list.setAccessibleName("Shows of hands recorded")
        self.hands_list.setMaximumHeight(90)
        self.remove_hands_button = QPushButton("&Remove selected")
        self.remove_hands_button.setAccessibleName("Remove the selected show of hands")
        self.remove_hands_button.setEnabled(False)
        self.remove_hands_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        # One question a row, so the box stays narrow at large text sizes.
        form.addRow("Case:", self.hands_case)
        form.addRow("Level:", self.hands_level)
        form.addRow("Hands:", self.hands_count)
        form.addRow(self.hands_button)
        form.addRow("People in the roo&m:", self.room_size)
        form.addRow(self.hands_list)
        form.addRow(self.remove_hands_button)
        self.hands_button.clicked.connect(self.add_hands)
        self.remove_hands_button.clicked.connect(self.remove_hands)
        self.hands_list.itemSelectionChanged.connect(
            lambda: self.remove_hands_button.setEnabled(bool(self.hands_list.selectedItems())))
        self.room_size.valueChanged.connect(self.refresh)
        return box

    def import_files(self) -> None:
        paths = dialogs.ask_open_paths(self, "Import participants' answers", "Training answers (*.json)")
        problems: list[Problem] = []
        for path in paths:
            try:
                raw = read_regular(Path(path), MAX_ANSWERS_BYTES, "a training answers file is far smaller")
                data = parse_json(raw.decode("utf-8-sig"), str(path), what="training answers file")
                self.participants.append(participant_from_dict(data, str(path)))
            except InputError as exc:
                problems.extend(exc.problems)
            except ValueError:
                problems.append(Problem("the file cannot be read as a training answers file", Location(str(path))))
        if problems:
            dialogs.show_problems(self, "Some files were not imported", problems, "These files were skipped:")
        self.refresh()

    def add_hands(self) -> None:
        self.hands.append(Hands(self.hands_case.currentData(), self.hands_level.currentData(),
                                self.hands_count.value()))
        self.refresh()

    def remove_hands(self) -> None:
        """Take back a mis-entered show of hands; every figure follows."""
        for row in sorted((self.hands_list.row(i) for i in self.hands_list.selectedItems()), reverse=True):
            del self.hands[row]
        self.refresh()

    def session(self) -> Session:
        return summarise_session(self.cases, self.participants, self.hands, self.room_size.value())

    def refresh(self) -> None:
        session = self.session()
        titles = {c.id: c.title for c in self.cases}
        self.hands_list.clear()
        for h in self.hands:
            self.hands_list.addItem(f"{titles.get(h.case_id, h.case_id)}: {self.ruleset.level(h.level).label}, "
                                    f"{h.count} {'hand' if h.count == 1 else 'hands'}")
        answered = [r for r in session.results if r.levels]
        self.kappa_label.setText(session.people.text() + (
            f" Agreement across cases (Fleiss' kappa): {session.agreement.text()}" if answered else ""))
        self.table.setRowCount(len(answered))
        for row, r in enumerate(answered):
            values = [titles[r.case_id], ", ".join(f"L{lv}: {n}" for lv, n in sorted(r.levels.items())),
                      f"Level {r.expected_level}", r.most_common_text(),
                      f"{r.correct:.0f}%" if r.correct is not None else "n/a", r.routes_text(self._route_names())]
            for col, value in enumerate(values):
                self.table.setItem(row, col, QTableWidgetItem(value))
        for col in range(self.table.columnCount() - 1):  # the last, routes, takes the rest and wraps
            self.table.resizeColumnToContents(col)
        # An empty chart would paint the audit window's "No records audited yet.": show it only with answers.
        self.chart.setVisible(bool(answered))
        self.chart.set_data({titles[r.case_id][:28]: dict(r.levels) for r in answered})
        self.agencies.setHtml("".join(
            f"<p><b>{escape(titles[r.case_id])}</b>: " + "; ".join(
                f"{escape(a)} " + ", ".join(f"L{lv} {n}" for lv, n in sorted(c.items()))
                for a, c in sorted(r.by_agency.items())) + "</p>" for r in answered))

    def _route_names(self) -> dict[str, str]:
        return {route_id: route.name for route_id, route in self.ruleset.routes.items()}

    def save_summary(self) -> bool:
        if not self.participants and not self.hands:
            return False
        path = dialogs.ask_save_path(self, "Save session summary", "session-summary.pdf", "PDF files (*.pdf)")
        if path is None:
            return False
        from ..records.training_pdf import render_session

        pdf, pages = render_session(self.cases, self.session(), self._route_names())
        if not save_bytes(self, path, pdf):
            return False
        self.statusBar().showMessage(
            f"Session summary saved to {path.name} ({pages} {'page' if pages == 1 else 'pages'}).", 8000)
        return True
