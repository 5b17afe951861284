"""Render the app's main screens to PNG, offscreen, for the README and for looking at what we built.

    python tools/screenshots.py [OUTPUT_DIR]     (default: docs/)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    from thresholds_app.gui.quickcheck import INDICATOR_ROLE, QuickCheckWindow

    out.mkdir(parents=True, exist_ok=True)
    window = QuickCheckWindow()
    window.resize(1280, 860)
    window.show()
    answers = {"immediate_danger": "no", "age_band": "under_1", "disability": "no", "open_case": "none"}
    for qid, option in answers.items():
        combo = window.combos[qid]
        combo.setCurrentIndex(combo.findData(option))
    states = {"bc_chronic_neglect": Qt.CheckState.Checked, "pm_mild": Qt.CheckState.Checked,
              "hl_missed_checks": Qt.CheckState.Checked, "da_repeated": Qt.CheckState.PartiallyChecked}
    for item in window._indicator_items():
        state = states.get(item.data(0, INDICATOR_ROLE))
        if state is not None:
            item.setCheckState(0, state)
            item.parent().setExpanded(True)
    app.processEvents()
    window.grab().save(str(out / "quick-check.png"))
    print(out / "quick-check.png")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs")
