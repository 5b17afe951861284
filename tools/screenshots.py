"""Render the app's main screens to PNG, offscreen, for the README and for looking at what we built.

    python tools/screenshots.py [OUTPUT_DIR]     (default: docs/screens)

Uses a temporary settings file and data folder: nothing of the user's own is read or written.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

if "QT_QPA_PLATFORM" not in os.environ:
    # A 1920x1080 offscreen screen, so windows open at the size a desktop gives them.
    _screen = Path(tempfile.mkdtemp()) / "screen.json"
    _screen.write_text('{"screens": [{"name": "s", "x": 0, "y": 0, "width": 1920, "height": 1080, '
                       '"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}')
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_screen}"

from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


def dark_palette() -> QPalette:
    p = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#1e1f22"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#2b2d30"), (QPalette.ColorRole.AlternateBase, "#313338"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#2b2d30"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7bd9"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"),
                         (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        p.setColor(role, QColor(colour))
    return p


def walk(window, out: Path, prefix: str = "") -> None:
    from thresholds_app.gui.mainwindow import MainWindow

    assert isinstance(window, MainWindow)
    app = QApplication.instance()

    def shot(name: str) -> None:
        app.processEvents()
        window.grab().save(str(out / f"{prefix}{name}.png"))

    window.start_page.role.setCurrentIndex(window.start_page.role.findData("health"))
    window.start_page.agency.setText("Example Community Health NHS Trust")
    shot("1-start")
    window.go("danger")
    shot("2-immediate-danger")
    window.danger_page.choice.buttons["yes"].click()
    shot("3-emergency")
    window.danger_page.choice.buttons["no"].click()
    window.go("screening")
    for qid, value in (("age_band", "under_1"), ("disability", "no"), ("open_case", "none")):
        window.screening_page.groups[qid].buttons[value].click()
    shot("4-about-the-child")
    window.go_next()  # the short interview: what are you worried about?
    for area in ("health", "basic_care"):
        window.worries_page.checks[area].click()
    shot("4b-worries")
    window.go_next()  # health: only the statements that could change the outcome
    if "hl_missed_checks" in window.domain_page.rows:
        window.domain_page.rows["hl_missed_checks"].buttons["yes"].click()
    window.go_next()
    rows = window.domain_page.rows
    if window.current == "basic_care":
        rows["bc_chronic_neglect"].buttons["yes"].click()
        rows["bc_severe_neglect"].buttons["dont_know"].click()
        rows["bc_chronic_neglect"].more.setChecked(True)
    shot("5-area")
    window.search.setText("bruise")
    shot("6-search")
    window.search.clear()
    window.go("review")
    shot("7-review")
    window.go("outcome")
    window.outcome_page.agree.buttons["agree"].click()
    shot("8-outcome")
    window.go("record")
    rp = window.record_page
    rp.fields["referrer_name"].setText("Zoë Łukasiewicz")
    rp.fields["initials"].setText("N.T.H.")
    rp.worry.setPlainText("At three visits the baby was in the same unwashed clothes and there was little food.")
    rp.working_well.setPlainText("Mother brings the baby to clinic and accepts advice.")
    rp.consent.setCurrentIndex(rp.consent.findData("given"))
    shot("9-record")


def mash_and_audit(out: Path, size: tuple[int, int] = (1320, 860)) -> None:
    """The MASH review of a referral and an audit of a folder of fictional records."""
    import random

    from PySide6.QtCore import Qt

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.records_helpers import make_record
    from thresholds_app.core.loader import load_ruleset
    from thresholds_app.gui.audit_window import AuditWindow
    from thresholds_app.gui.mash_window import INDICATOR, MashWindow
    from thresholds_app.locations import bundled_rulesets
    from thresholds_app.records.record import Referrer, save_record

    app = QApplication.instance()
    rs = load_ruleset(bundled_rulesets()["model-four-level"])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        record = make_record(rs, indicators={"ed_occasional_absence": "yes", "da_repeated": "dont_know"},
                             worry="Shouting heard from the flat most nights; the children were crying.")
        save_record(record, folder / "referral.json")
        mash = MashWindow(rs)
        mash.resize(*size)
        mash.show()
        mash.open_path(folder / "referral.json")
        for item in mash._items():
            if item.data(0, INDICATOR) in ("da_repeated", "sm_parent_problematic"):
                item.setCheckState(0, Qt.CheckState.Checked)
                item.parent().setExpanded(True)
        mash.decision.setCurrentIndex(mash.decision.findData("s17_assessment"))
        mash.urgency.buttons["amber"].click()
        mash.reason.setPlainText("Two previous police call-outs for domestic abuse.")
        for _ in range(3):  # the scrolling decision pane lays out in more than one pass
            app.processEvents()
        mash.grab().save(str(out / "10-mash-review.png"))
        records = folder / "audit"
        records.mkdir()
        rng = random.Random(1)
        cases = [{}, {"ed_occasional_absence": "yes"}, {"ed_persistent_absence": "yes"},
                 {"es_unexplained_injury": "yes"}]
        for n in range(40):
            role = rng.choice(["Police", "Education", "Health", "Early years"])
            save_record(make_record(rs, indicators=rng.choice(cases), referrer=Referrer(role=role)),
                        records / f"{n}.json")
        audit = AuditWindow()
        audit.resize(*size)
        audit.show()
        audit.audit(records)
        app.processEvents()
        audit.grab().save(str(out / "11-audit.png"))


def quick_check(out: Path, size: tuple[int, int] = (1280, 860)) -> None:
    """The quick check (View menu): the whole rule set on one screen."""
    from PySide6.QtCore import Qt

    from thresholds_app.gui.quickcheck import INDICATOR_ROLE, QuickCheckWindow

    app = QApplication.instance()
    window = QuickCheckWindow()
    window.resize(*size)
    window.show()
    for qid, option in {"immediate_danger": "no", "age_band": "under_1", "disability": "no",
                        "open_case": "none"}.items():
        window.combos[qid].setCurrentIndex(window.combos[qid].findData(option))
    states = {"bc_chronic_neglect": Qt.CheckState.Checked, "pm_mild": Qt.CheckState.Checked,
              "hl_missed_checks": Qt.CheckState.Checked, "da_repeated": Qt.CheckState.PartiallyChecked}
    for item in window._indicator_items():
        state = states.get(item.data(0, INDICATOR_ROLE))
        if state is not None:
            item.setCheckState(0, state)
            item.parent().setExpanded(True)
    app.processEvents()
    window.grab().save(str(out / "quick-check.png"))
    window.close()


def training(out: Path, size: tuple[int, int] = (1100, 820)) -> None:
    """A trainee comparing a case, and a facilitator's view of a small session (fictional nicknames)."""
    from thresholds_app.gui.mainwindow import MainWindow
    from thresholds_app.gui.training_window import TrainingWindow

    app = QApplication.instance()
    with tempfile.TemporaryDirectory() as tmp:
        main_window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), Path(tmp))
        main_window.show()
        main_window.open_training()
        t: TrainingWindow = main_window._training
        t.resize(*size)
        t.case_list.setCurrentRow([c.id for c in t.cases].index("slow-neglect-escalates"))
        t.answer_in_wizard()
        main_window.danger_page.choice.buttons["no"].click()
        main_window.assessment.set_screening("age_band", "age_5_11")
        main_window.assessment.set_indicator("bc_inconsistent_care", "yes")
        main_window.assessment.set_indicator("ed_persistent_absence", "yes")
        t.compare_answer()
        app.processEvents()
        t.grab().save(str(out / "12-training-trainee.png"))
        from thresholds_app.core.training import Hands, ParticipantAnswers

        rng = __import__("random").Random(4)
        rs = main_window.ruleset
        ref = {"id": rs.id, "version": rs.version, "content_hash": rs.content_hash}
        for n in range(6):  # fictional nicknames, as exported by participants
            choices = {}
            for case in t.cases[:6]:
                level = case.expected_level if rng.random() < 0.6 else rng.choice([1, 2, 3, 4])
                choices[case.id] = {"level": level, "route": rs.level(level).route}
            t.participants.append(ParticipantAnswers(f"p{n}", rng.choice(["Police", "Education", "Health"]),
                                                     ref, choices))
        t.hands += [Hands(t.cases[0].id, 2, 5), Hands(t.cases[0].id, 3, 2)]
        t.centralWidget().setCurrentIndex(1)
        t.refresh()
        app.processEvents()
        t.grab().save(str(out / "13-training-facilitator.png"))
        main_window.saved_snapshot = main_window.snapshot()
        main_window.close()


def main(out: Path) -> None:
    app = QApplication.instance() or QApplication([])
    from thresholds_app.gui import dialogs
    from thresholds_app.gui.mainwindow import MainWindow

    dialogs.confirm = lambda *args, **kwargs: True  # never stop on a modal question while rendering
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), Path(tmp))
        window.resize(1280, 860)
        window.show()
        walk(window, out)
        window.close()
        # Large text (200%) and a dark palette, on a busy page.

        def busy_page(name: str) -> None:
            other = MainWindow(QSettings(str(Path(tmp) / f"{name}.ini"), QSettings.Format.IniFormat),
                               Path(tmp) / name)
            other.resize(1280, 860)
            other.show()
            other.go("danger")
            other.danger_page.choice.buttons["no"].click()
            other.go("ensuring_safety")
            other.domain_page.rows["es_unexplained_injury"].buttons["yes"].click()
            app.processEvents()
            other.grab().save(str(out / f"{name}.png"))
            other.close()

        base = app.font()
        big = app.font()
        big.setPointSizeF(base.pointSizeF() * 2)
        app.setFont(big)
        busy_page("large-text-200")
        app.setFont(base)
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
        busy_page("dark-theme")
    mash_and_audit(out)
    training(out)
    quick_check(out)
    # The same windows at 200% text on a 1280x720 screen (windows keep to the screen; panes scroll).
    app.setPalette(app.style().standardPalette())
    app.setFont(big)
    large = out / "200pc"
    large.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat), Path(tmp))
        window.resize(1280, 720)
        window.show()
        walk(window, large)
        window.close()
    mash_and_audit(large, size=(1280, 720))
    training(large, size=(1280, 720))
    quick_check(large, size=(1280, 720))
    app.setFont(base)
    print("\n".join(sorted(str(p) for p in out.glob("*.png"))))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "docs" / "screens")
