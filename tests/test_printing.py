"""The one printing layer: every report is built the same way, carries the same furniture, and takes its
marking, title, logo and (for the record) the order of its sections from forms/."""

from __future__ import annotations

import ast
import io
import re
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

import thresholds_app
from thresholds_app.core.answers import Answers
from thresholds_app.core.evaluate import evaluate
from thresholds_app.core.problems import InputError
from thresholds_app.core.questionnaire import build_questionnaire
from thresholds_app.core.training import summarise_session
from thresholds_app.locations import data_dir
from thresholds_app.records.audit import scan, summarise
from thresholds_app.records.audit_pdf import render_audit
from thresholds_app.records.diff_pdf import render_comparison
from thresholds_app.records.form import load_form, load_report_form
from thresholds_app.records.grid_pdf import render_grid
from thresholds_app.records.household_pdf import render_household
from thresholds_app.records.mash import add_review
from thresholds_app.records.mash_pdf import render_screening
from thresholds_app.records.pdf import render_record
from thresholds_app.records.questionnaire_pdf import render_questionnaire
from thresholds_app.records.record import Referrer, save_record
from thresholds_app.records.training_pdf import render_session

from .conftest import MODEL
from .records_helpers import make_record
from .test_household_records import make_household_record

PACKAGE = Path(thresholds_app.__file__).parent


def pages(pdf: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def every_report(model, tmp_path: Path) -> dict[str, tuple[bytes, str]]:
    """One of each report the app prints, with the marking its form gives it."""
    record = make_record(model, referrer=Referrer("Jo Bloggs", "Police", "Met"))
    reviewed = add_review(record, model, Answers(), evaluate(model, record.answers_object()),
                          decision="s17_assessment", urgency="amber", reason="Checks done.")
    folder = tmp_path / "records"
    folder.mkdir()
    save_record(record, folder / "one.json")
    result = scan(folder)
    from thresholds_app.core.ruleset_diff import compare_rulesets
    from thresholds_app.core.training import load_training_cases

    cases = load_training_cases(MODEL, model)[:2]
    session = summarise_session(cases, [], [], 0)
    reports = {name: load_report_form(name).security_marking  # type: ignore[arg-type]
               for name in ("grid", "questionnaire", "audit", "revision", "training")}
    record_marking = load_form().security_marking
    return {
        "record": (render_record(record).pdf, record_marking),
        "household": (render_household(make_household_record(model)).pdf, record_marking),
        "mash screening": (render_screening(reviewed, []).pdf, "OFFICIAL-SENSITIVE"),
        "grid": (render_grid(model)[0], reports["grid"]),
        "questionnaire": (render_questionnaire(build_questionnaire(model))[0], reports["questionnaire"]),
        "audit": (render_audit(summarise(result, 4), result), reports["audit"]),
        "revision": (render_comparison(compare_rulesets(MODEL, MODEL)), reports["revision"]),
        "training": (render_session(cases, session, {}, made=date(2026, 11, 24))[0], reports["training"]),
    }


def test_only_the_printing_layer_imports_reportlab() -> None:
    importers = []
    for source in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(name == "reportlab" or name.startswith("reportlab.") for name in names):
                importers.append(source.relative_to(PACKAGE).as_posix())
    assert sorted(set(importers)) == ["records/printing.py"]


def test_every_report_has_its_marking_page_numbers_and_no_personal_metadata(model, tmp_path: Path) -> None:
    for name, (pdf, marking) in every_report(model, tmp_path).items():
        texts = pages(pdf)
        total = len(texts)
        for number, page in enumerate(texts, 1):
            assert f"Page {number} of {total}" in page, (name, number)
            if marking:  # top and bottom of every page
                assert page.count(marking) >= 2, (name, number, marking)
            assert "Generated" in page or "Printed" in page, (name, number)
        info = PdfReader(io.BytesIO(pdf)).metadata
        assert info.get("/Author", "") == "" and info.get("/Subject", "") == "", name
        assert str(info.get("/Creator", "")).startswith("thresholds-app"), name
        assert "Jo Bloggs" not in str(dict(info)), name


def test_a_household_is_numbered_throughout_with_each_childs_record_on_its_pages(model) -> None:
    household = make_household_record(model)
    texts = pages(render_household(household).pdf)
    assert [f"Page {n} of {len(texts)}" in t for n, t in enumerate(texts, 1)] == [True] * len(texts)
    assert household.household_hash[:23] in texts[0]
    printed = {m.group(1) for t in texts[1:] for m in [re.search(r"Record hash: (sha256:[0-9a-f]{16})", t)] if m}
    assert printed == {child.record_hash[:23] for child in household.children}


def write_form(tmp_path: Path, old: str, new: str, name: str = "decision-record.yaml") -> Path:
    folder = tmp_path / "forms"
    folder.mkdir(exist_ok=True)
    source = data_dir("forms") / name
    text = source.read_text("utf-8")
    assert old in text
    path = folder / name
    path.write_text(text.replace(old, new), "utf-8")
    return path


def test_a_form_that_reorders_the_sections_reorders_the_record(model, tmp_path: Path) -> None:
    record = make_record(model)
    usual = " ".join(pages(render_record(record).pdf))
    assert usual.index("Recommended outcome") < usual.index("What I am worried about")
    moved = write_form(tmp_path, "sections:\n  - outcome\n", "sections:\n  - worry\n  - outcome\n")
    moved.write_text(moved.read_text("utf-8").replace("  - consent\n  - worry\n", "  - consent\n"), "utf-8")
    text = " ".join(pages(render_record(record, load_form(moved)).pdf))
    assert text.index("What I am worried about") < text.index("Recommended outcome")
    assert text.count("What I am worried about") == usual.count("What I am worried about")


def test_a_form_that_leaves_out_a_section_is_a_located_error(tmp_path: Path) -> None:
    path = write_form(tmp_path, "  - strengths\n", "")
    with pytest.raises(InputError) as caught:
        load_form(path)
    (problem,) = caught.value.problems
    assert "'strengths'" in problem.message and problem.location.file == str(path) and problem.location.line > 1
    assert "every section is printed once" in problem.hint
    bad = write_form(tmp_path, "  - strengths\n", "  - strenghts\n")
    with pytest.raises(InputError) as caught:
        load_form(bad)
    assert any("strenghts" in p.message for p in caught.value.problems)


def test_reports_take_their_title_marking_and_logo_from_the_reports_form(model, tmp_path: Path) -> None:
    logo = tmp_path / "forms" / "logo.png"
    logo.parent.mkdir()
    from PySide6.QtGui import QColor, QImage

    image = QImage(60, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("#336699"))
    assert image.save(str(logo))
    form_path = write_form(tmp_path, "logo: null", "logo: logo.png", "reports.yaml")
    form_path.write_text(form_path.read_text("utf-8").replace(
        "    title: Levels of need\n    security_marking: \"\"", "    title: Thresholds at a glance\n"
        "    security_marking: OFFICIAL-TEST"), "utf-8")
    form = load_report_form("grid", form_path)
    assert form.logo == logo.resolve()
    pdf, _ = render_grid(model, form=form)
    first = pages(pdf)[0]
    assert "Thresholds at a glance" in first and first.count("OFFICIAL-TEST") >= 2
    assert any("/XObject" in str(page.get("/Resources", {})) for page in PdfReader(io.BytesIO(pdf)).pages[:1])
    missing = form_path.with_name("missing-logo.yaml")
    missing.write_text(form_path.read_text("utf-8").replace("logo: logo.png", "logo: nowhere.png"), "utf-8")
    with pytest.raises(InputError) as caught:
        load_report_form("audit", missing)
    assert "nowhere.png" in caught.value.problems[0].message


def test_the_report_commands_take_a_reports_form(model, tmp_path: Path) -> None:
    """A partnership tries its own reports.yaml from the command line before replacing the bundled one."""
    from thresholds_app.cli import run

    form = write_form(tmp_path, "    title: Levels-of-need audit\n    security_marking: OFFICIAL-SENSITIVE",
                      "    title: Board audit, quarter 3\n    security_marking: OFFICIAL-BOARD", "reports.yaml")
    folder = tmp_path / "records"
    folder.mkdir()
    save_record(make_record(model), folder / "one.json")
    out, err = io.StringIO(), io.StringIO()
    assert run(["audit", str(folder), "-q", "--pdf", str(tmp_path / "audit.pdf"), "--form", str(form)], out, err) == 0
    first = pages((tmp_path / "audit.pdf").read_bytes())[0]
    assert "Board audit, quarter 3" in first and first.count("OFFICIAL-BOARD") >= 2
    broken = tmp_path / "forms" / "broken.yaml"
    broken.write_text(form.read_text("utf-8").replace("  grid:\n", "  gird:\n"), "utf-8")
    err = io.StringIO()
    assert run(["grid", "model-four-level", "-o", str(tmp_path / "grid.pdf"), "--form", str(broken)],
               io.StringIO(), err) == 1
    assert f"{broken}:" in err.getvalue() and "gird" in err.getvalue() and "Traceback" not in err.getvalue()
    assert not (tmp_path / "grid.pdf").exists()


def test_a_reports_form_reorders_and_rewords_a_reports_sections(model, tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    save_record(make_record(model), folder / "one.json")
    result = scan(folder)
    usual = " ".join(pages(render_audit(summarise(result, 4), result)))
    assert usual.index("Recommended level by referrer role") < usual.index("MASH decisions")
    form = write_form(tmp_path, "    sections: [levels_by_role, agreement, below_threshold, mash_decisions,",
                      "    sections: [mash_decisions, levels_by_role, agreement, below_threshold,", "reports.yaml")
    form.write_text(form.read_text("utf-8").replace("      mash_decisions: MASH decisions",
                                                    "      mash_decisions: What the front door decided"), "utf-8")
    text = " ".join(pages(render_audit(summarise(result, 4), result, form=load_report_form("audit", form))))
    assert "MASH decisions" not in text
    assert text.index("What the front door decided") < text.index("Recommended level by referrer role")
    dropped = form.with_name("dropped.yaml")
    dropped.write_text(form.read_text("utf-8").replace("[mash_decisions, levels_by_role,", "[levels_by_role,"),
                       "utf-8")
    with pytest.raises(InputError) as caught:
        load_report_form("audit", dropped)
    (problem,) = caught.value.problems
    assert "'mash_decisions'" in problem.message and problem.location.file == str(dropped)
    assert problem.location.line > 1 and "every section is printed once" in problem.hint


def test_the_screening_form_orders_the_mash_record_too(model, tmp_path: Path) -> None:
    from thresholds_app.records.mash_pdf import load_screening_form

    record = make_record(model, worry="Bruise on the arm.")
    reviewed = add_review(record, model, Answers(), evaluate(model, record.answers_object()),
                          decision="s17_assessment", urgency="amber", reason="Checks done.")
    form = write_form(tmp_path, "sections: [comparison, reason, feedback, changes, worry, hashes]",
                      "sections: [worry, comparison, reason, feedback, changes, hashes]", "mash-screening.yaml")
    text = " ".join(pages(render_screening(reviewed, [], load_screening_form(form)).pdf))
    usual = " ".join(pages(render_screening(reviewed, []).pdf))
    assert usual.index("The referrer's view") < usual.index("Bruise on the arm.")
    assert text.index("Bruise on the arm.") < text.index("The referrer's view")
    form.write_text(form.read_text("utf-8").replace("worry, comparison", "comparison"), "utf-8")
    with pytest.raises(InputError) as caught:
        load_screening_form(form)
    assert "'worry'" in caught.value.problems[0].message


def test_a_heading_and_the_block_kept_with_it_start_no_new_page_when_they_fit() -> None:
    """reportlab's KeepTogether inside another reports itself as too tall for any page: a heading waiting
    for a kept-together block (a questionnaire's first question, a record's side routes) went to a new
    page every time, leaving half a page blank."""
    from thresholds_app.records.printing import Furniture, Report

    report = Report("Test", Furniture("", "", ""))
    report.paragraph("A short first paragraph.")
    report.heading("Kept with its block")
    with report.together():
        report.paragraph("The block's first line.")
        report.paragraph("The block's second line.")
    built = report.build()
    assert built.pages == 1
    assert "Kept with its block The block's first line." in pages(built.pdf)[0]


def test_pdfs_printed_before_the_footer_said_record_hash_still_reopen() -> None:
    from thresholds_app.records.embedded import FOOTER_HASH

    for footer in ("Record: sha256:0123456789abcdef", "Record hash: sha256:0123456789abcdef"):
        match = FOOTER_HASH.search(f"Rule set: x 1 (sha256:aa)   {footer} Generated")
        assert match is not None and match.group(1) == "sha256:0123456789abcdef"


def test_a_pdf_is_written_with_its_record_attached_without_pypdf(tmp_path: Path) -> None:
    """The record is attached by the printing layer itself: writing a PDF no longer imports pypdf (80 ms),
    and pypdf, reading it back, finds exactly the record's JSON under the name the app looks for."""
    import subprocess
    import sys

    code = ("import sys\nfrom tests.records_helpers import make_record\n"
            "from thresholds_app.core.loader import load_ruleset\n"
            "from thresholds_app.locations import bundled_rulesets\n"
            "from thresholds_app.records.pdf import render_record\n"
            "record = make_record(load_ruleset(bundled_rulesets()['model-four-level']))\n"
            "open(sys.argv[1], 'wb').write(render_record(record).pdf)\n"
            "open(sys.argv[2], 'w', encoding='utf-8').write(record.to_json())\n"
            "print('pypdf' in sys.modules)\n")
    pdf, json_file = tmp_path / "r.pdf", tmp_path / "r.json"
    done = subprocess.run([sys.executable, "-c", code, str(pdf), str(json_file)], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent, timeout=120, check=True)
    assert done.stdout.strip() == "False"
    attached = PdfReader(io.BytesIO(pdf.read_bytes())).attachments
    assert list(attached) == ["decision-record.json"]
    assert attached["decision-record.json"] == [json_file.read_bytes()]


def test_a_form_is_read_once_until_its_file_changes(tmp_path: Path) -> None:
    path = write_form(tmp_path, "title: Levels-of-need decision record", "title: Our record")
    first = load_form(path)
    assert load_form(path) is first  # not parsed and checked again for every PDF
    path.write_text(path.read_text("utf-8").replace("title: Our record", "title: Our new record"), "utf-8")
    assert load_form(path).title == "Our new record"  # an edit is picked up at once
