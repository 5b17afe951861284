"""Rule-set printouts from the Training menu: the levels-of-need grid and the blank questionnaire.

Both come from the same rule set the app runs on; nothing about a child is in them.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ..core.model import RuleSet
from . import dialogs
from .saving import save_bytes


def save_grid(window: QMainWindow, ruleset: RuleSet | None) -> None:
    if ruleset is None:
        window.statusBar().showMessage("Open a rule set first (File menu).", 8000)
        return
    path = dialogs.ask_save_path(window, "Save the grid", "levels-of-need-grid.pdf", "PDF files (*.pdf)")
    if path is None:
        return
    from ..records.grid_pdf import render_grid

    pdf, pages = render_grid(ruleset)
    if not save_bytes(window, path, pdf):
        return
    window.statusBar().showMessage(f"Grid saved to {path.name} ({pages} pages).", 8000)


def save_questionnaire(window: QMainWindow, ruleset: RuleSet | None) -> None:
    """Every question the app asks, with boxes to tick: for paper use, roadshows and blind studies."""
    if ruleset is None:
        window.statusBar().showMessage("Open a rule set first (File menu).", 8000)
        return
    path = dialogs.ask_save_path(window, "Save the blank questionnaire", "blank-questionnaire.pdf",
                                 "PDF files (*.pdf)")
    if path is None:
        return
    from ..core.questionnaire import build_questionnaire
    from ..records.questionnaire_pdf import render_questionnaire

    pdf, pages = render_questionnaire(build_questionnaire(ruleset))
    if not save_bytes(window, path, pdf):
        return
    window.statusBar().showMessage(f"Questionnaire saved to {path.name} ({pages} pages).", 8000)
