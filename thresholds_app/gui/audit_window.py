"""The audit view: figures, agreement and a chart of level by referrer role, on screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ..records.audit import (
    COMPARISONS,
    AuditResult,
    AuditSummary,
    _kappa,
    _pct,
    level_colour,
    scan,
    summarise,
    summary_text,
)
from . import dialogs
from .screen import fit_to_screen, scrolling
from .widgets import wrapped


class LevelChart(QWidget):
    """Grouped bars: for each referrer role, how many records at each level. Every bar is labelled."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, dict[int, int]] = {}
        self.setMinimumHeight(260)
        self.setAccessibleName("Chart: recommended level by referrer role")

    def set_data(self, data: dict[str, dict[int, int]]) -> None:
        self.data = data
        desc = "; ".join(f"{role}: " + ", ".join(f"level {lv} {n}" for lv, n in sorted(counts.items()))
                         for role, counts in sorted(data.items()))
        self.setAccessibleDescription(desc)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        if not self.data:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "No records audited yet.")
            return
        roles = sorted(self.data)
        levels = sorted({lv for counts in self.data.values() for lv in counts})
        top = max(max(c.values()) for c in self.data.values()) or 1
        metrics = painter.fontMetrics()
        line = float(metrics.height())
        # Room below for the group names and above for two lines of labels, whatever the font size.
        left, bottom = 10.0, self.height() - line - 10.0
        height = bottom - 2 * line - 10.0
        group = (self.width() - 20.0) / len(roles)
        bar = max(6.0, (group - 16) / max(1, len(levels)))
        for g, role in enumerate(roles):
            x0 = left + g * group + 8
            for i, level in enumerate(levels):
                n = self.data[role].get(level, 0)
                h = height * n / top
                rect = QRectF(x0 + i * bar, bottom - h, bar - 2, h)
                painter.fillRect(rect, QColor(level_colour(level)))
                painter.setPen(text)
                painter.drawText(QRectF(x0 + i * bar - 4, bottom - h - 2 * line - 2, bar + 8, 2 * line),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, f"L{level}\n{n}")
            label = metrics.elidedText(role, Qt.TextElideMode.ElideRight, int(group - 8))
            painter.drawText(QRectF(x0, bottom + 4, group - 8, line + 4), Qt.AlignmentFlag.AlignHCenter, label)
        painter.drawLine(int(left), int(bottom), int(self.width() - 10), int(bottom))


class AuditRun:
    """One audit on a worker thread: the window polls it, so reading 100,000 files never blocks input.

    Only plain values cross between threads: the worker writes ``progress`` and finally ``outcome``; the
    window sets ``stop``. ``scan`` asks ``stop`` between files."""

    def __init__(self, folder: Path, threshold: int) -> None:
        self.folder = folder
        self.progress = (0, 0)
        self.outcome: tuple[AuditResult, AuditSummary] | str | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._work, args=(threshold,), name="audit", daemon=True)
        self.thread.start()

    def _work(self, threshold: int) -> None:
        try:
            result = scan(self.folder, progress=self._count, cancelled=self.stop.is_set)
            self.outcome = (result, summarise(result, threshold))
        except Exception as exc:  # the folder vanished, no permission, ...: said in the window, never a crash
            self.outcome = f"The folder could not be audited ({type(exc).__name__}: {exc})."

    def _count(self, done: int, total: int) -> None:
        self.progress = (done, total)


class AuditWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("Thresholds - audit")
        fit_to_screen(self, 1200, 860)
        self.result: AuditResult | None = None
        self.summary: AuditSummary | None = None
        self.run: AuditRun | None = None
        self.choose = QPushButton("&Choose a folder of records...")
        self.choose.setAccessibleName("Choose a folder of records to audit")
        self.stop_button = QPushButton("&Stop the audit")
        self.stop_button.setAccessibleName("Stop the audit")
        self.stop_button.setEnabled(False)
        self.csv_button = QPushButton("Export &CSV...")
        self.csv_button.setAccessibleName("Export the audit as CSV")
        self.pdf_button = QPushButton("Save PDF &report...")
        self.pdf_button.setAccessibleName("Save the audit as a PDF report")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Files read")
        self.progress.setFormat("%v of %m files read")
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Audit status")
        self.intro = wrapped("Every record (.json, or PDF printed by Thresholds) in the folder and its sub-folders "
                             "is read. Records that cannot be read are listed with the reason.")
        self.chart = LevelChart()
        self.agreement = QTableWidget(0, 1 + len(COMPARISONS))
        self.agreement.setAccessibleName("Agreement on the level, by referrer role")
        self.agreement.setHorizontalHeaderLabels(["Referrers", "Referrer vs tool", "Tool vs MASH", "Referrer vs MASH"])
        self.agreement.horizontalHeader().setStretchLastSection(True)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Audit summary")
        buttons = QHBoxLayout()
        for b in (self.choose, self.stop_button, self.csv_button, self.pdf_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.intro)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.chart)
        layout.addWidget(self.agreement)
        layout.addWidget(self.text, 1)
        self.setCentralWidget(scrolling(central))
        self.poll = QTimer(self)
        self.poll.setInterval(50)
        self.poll.timeout.connect(self._follow)
        self.choose.clicked.connect(self.choose_folder)
        self.stop_button.clicked.connect(self.stop)
        self.csv_button.clicked.connect(self.export_csv)
        self.pdf_button.clicked.connect(self.export_pdf)
        self.csv_button.setEnabled(False)
        self.pdf_button.setEnabled(False)

    def choose_folder(self) -> None:
        folder = dialogs.ask_folder(self, "Choose a folder of records")
        if folder is not None:
            self.audit(folder)

    def audit(self, folder: Path, threshold: int = 4) -> None:
        """Start reading ``folder`` on a worker; the window stays usable and shows how far it has got."""
        if self.run is not None:
            return
        self.result = self.summary = None
        for button in (self.choose, self.csv_button, self.pdf_button):
            button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.stop_button.setFocus()  # Space stops it; the person's focus is not left on a disabled button
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.status.setText(f"Finding the records in {folder.name}...")
        self.run = AuditRun(folder, threshold)
        self.poll.start()

    def stop(self) -> None:
        if self.run is not None:
            self.run.stop.set()
            self.stop_button.setEnabled(False)
            self.status.setText("Stopping...")

    def _follow(self) -> None:
        run = self.run
        if run is None:
            return
        done, total = run.progress
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            if not run.stop.is_set():
                self.status.setText(f"Reading records: {done:,} of {total:,} files.")
        if run.outcome is None:
            return
        self.poll.stop()
        self.run = None
        self.stop_button.setEnabled(False)
        self.choose.setEnabled(True)
        self.choose.setFocus()
        outcome: Any = run.outcome
        if isinstance(outcome, str):
            self.status.setText(outcome)
            return
        result, summary = outcome
        if result.cancelled:
            self.status.setText(f"The audit was stopped after {done:,} of {total:,} files. No figures are shown: "
                                "part of a folder would give misleading ones. Choose the folder again to audit "
                                "all of it.")
            return
        self._show(result, summary, run.folder)

    def _show(self, result: AuditResult, summary: AuditSummary, folder: Path) -> None:
        self.result, self.summary = result, summary
        s = summary
        self.progress.setRange(0, max(1, result.files_seen))
        self.progress.setValue(result.files_seen)
        self.chart.set_data({role: dict(c) for role, c in s.level_by_role.items()})
        rows = [("All referrers", s.agreement_overall), *sorted(s.agreement_by_role.items())]
        self.agreement.setRowCount(len(rows))
        for r, (label, table) in enumerate(rows):
            self.agreement.setItem(r, 0, QTableWidgetItem(label))
            for c, comparison in enumerate(COMPARISONS, 1):
                a = table[comparison]
                self.agreement.setItem(r, c, QTableWidgetItem(f"{_pct(a.percent)}, kappa {_kappa(a.kappa)} "
                                                              f"(n={a.pairs})"))
        self.agreement.resizeColumnsToContents()
        self.text.setPlainText(summary_text(s, result))
        self.csv_button.setEnabled(True)
        self.pdf_button.setEnabled(True)
        self.status.setText(f"{s.records:,} {'record' if s.records == 1 else 'records'} audited from {folder.name}.")

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing stops a running audit and waits for its worker, so nothing reads on after the window."""
        if self.run is not None:
            self.run.stop.set()
            self.run.thread.join(30)
            self.poll.stop()
            self.run = None
        super().closeEvent(event)

    def export_csv(self) -> None:
        if self.result is None:
            return
        from ..records.audit import to_csv
        from .saving import save_bytes

        path = dialogs.ask_save_path(self, "Export CSV", "audit.csv", "CSV files (*.csv)")
        if path is not None and save_bytes(self, path, to_csv(self.result).encode("utf-8")):
            self.statusBar().showMessage(f"Saved {path.name}.", 8000)

    def export_pdf(self) -> None:
        if self.result is None or self.summary is None:
            return
        from ..records.audit_pdf import render_audit
        from .saving import save_bytes

        path = dialogs.ask_save_path(self, "Save PDF report", "audit-report.pdf", "PDF files (*.pdf)")
        if path is not None and save_bytes(self, path, render_audit(self.summary, self.result)):
            self.statusBar().showMessage(f"Saved {path.name}.", 8000)
