"""Comparing two versions of a rule set, for the person who maintains it: no YAML needed to read it.

Only renders and forwards: the comparison itself is core/ruleset_diff.py, the same as ``thresholds-app
diff``, and the board's PDF is records/diff_pdf.py.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..core.problems import InputError
from ..core.ruleset_diff import Comparison, compare_rulesets
from ..locations import bundled_rulesets
from . import dialogs
from .saving import save_bytes
from .screen import fit_to_screen
from .widgets import FOCUS_STYLE, wrapped


class VersionChoice(QWidget):
    """One version: a bundled rule set, or a rule-set file or folder chosen by the person."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.path: Path | None = None
        self.name = name
        self.shown = QLabel("not chosen yet")
        self.shown.setWordWrap(True)
        self.bundled = QPushButton("Bundled model")
        self.bundled.setAccessibleName(f"{name}: the bundled model rule set")
        self.choose = QPushButton("A file or folder...")
        self.choose.setAccessibleName(f"{name}: choose a rule-set file or folder")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.bundled)
        row.addWidget(self.choose)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.shown)
        self.bundled.clicked.connect(lambda: self.set_path(bundled_rulesets()["model-four-level"]))
        self.choose.clicked.connect(self._choose)

    def _choose(self) -> None:
        path = dialogs.ask_open_path(self, f"{self.name}: a rule set (its ruleset.yaml, or a single file)",
                                     "Rule sets (*.yaml *.yml)")
        if path is not None:
            self.set_path(path)

    def set_path(self, path: Path) -> None:
        self.path = path
        self.shown.setText(str(path))


def comparison_html(c: Comparison) -> str:
    """The comparison as the window shows it: the same content as the text report, as headed lists."""
    def items(lines: list[str]) -> str:
        return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>" if lines else "<p>none</p>"

    parts = [f"<p><b>{escape(c.old.metadata.name)} {escape(c.old.version)}</b> &rarr; "
             f"<b>{escape(c.new.metadata.name)} {escape(c.new.version)}</b></p>"]
    if c.old.content_hash == c.new.content_hash:
        parts.append("<p>The two rule sets are identical.</p>")
    parts += [f"<p><b>Warning:</b> {escape(warning)}.</p>" for warning in c.warnings()]
    parts.append(f"<h3>What changed ({len(c.changes)})</h3>" + items([x.line() for x in c.changes]))
    parts.append(f"<h3>Cases whose outcome changes ({len(c.case_changes)} of {c.cases_run})</h3>"
                 + items([x.line() for x in c.case_changes]))
    if c.records_run:
        parts.append(f"<h3>Saved records whose outcome would change ({len(c.record_changes)} of {c.records_run})"
                     "</h3>" + items([f"{n} x {a} -> {b}" for a, b, n in c.transitions()]))
    parts += [f"<p>Note: {escape(note)}</p>" for note in c.notes]
    return "".join(parts)


class CompareWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Thresholds - compare rule sets")
        fit_to_screen(self, 1000, 760)
        self.comparison: Comparison | None = None
        self.records: Path | None = None
        self.old = VersionChoice("Version in use")
        self.new = VersionChoice("Revised version")
        self.records_button = QPushButton("Saved &records to re-check (optional)...")
        self.records_button.setAccessibleName("Choose a folder of saved records to re-check with both versions")
        self.records_shown = QLabel("none")
        self.compare_button = QPushButton("&Compare")
        self.pdf_button = QPushButton("Save the &board's report (PDF)...")
        self.pdf_button.setEnabled(False)
        self.result = QTextBrowser()
        self.result.setAccessibleName("What changed, and whose outcome it changes")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        form.addRow("Version in use:", self.old)
        form.addRow("Revised version:", self.new)
        form.addRow(self.records_button, self.records_shown)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(wrapped("Before a revised levels-of-need document is adopted: what changed, in words, "
                                 "and which test and training cases (and saved records) would come out differently."))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.result, 1)
        self.setCentralWidget(central)
        self.setStyleSheet(FOCUS_STYLE)
        self.records_button.clicked.connect(self._choose_records)
        self.compare_button.clicked.connect(self.compare)
        self.pdf_button.clicked.connect(self.save_pdf)

    def _choose_records(self) -> None:
        folder = dialogs.ask_folder(self, "A folder of saved records")
        if folder is not None:
            self.records = folder
            self.records_shown.setText(str(folder))

    def compare(self) -> bool:
        if self.old.path is None or self.new.path is None:
            dialogs.inform(self, "Choose both versions", "Choose the version in use and the revised version first.")
            return False
        from ..records.saved_answers import children_answers

        notes: list[str] = []
        try:
            records = list(children_answers(self.records, notes)) if self.records else []
            self.comparison = compare_rulesets(self.old.path, self.new.path, records, notes)
        except InputError as exc:
            dialogs.show_problems(self, "Cannot compare", exc.problems, "A rule set or the records could not be read:")
            return False
        self.result.setHtml(comparison_html(self.comparison))
        self.pdf_button.setEnabled(True)
        self.statusBar().showMessage(f"{len(self.comparison.changes)} change(s); "
                                     f"{len(self.comparison.case_changes)} case(s) change outcome.", 10000)
        return True

    def save_pdf(self) -> bool:
        if self.comparison is None:
            return False
        from ..records.diff_pdf import render_comparison

        path = dialogs.ask_save_path(self, "Save the board's report", "rule-set-revision.pdf", "PDF files (*.pdf)")
        if path is None or not save_bytes(self, path, render_comparison(self.comparison)):
            return False
        self.statusBar().showMessage(f"Saved {path.name}.", 8000)
        return True
