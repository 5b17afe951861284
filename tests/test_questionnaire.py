"""The questionnaire prints every question the app asks, in its words, and nothing of the rules."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from thresholds_app.cli import run
from thresholds_app.core.questionnaire import build_questionnaire, questionnaire_markdown


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("which", ["model", "compact"])
def test_markdown_has_every_question_and_no_rule(request, which: str) -> None:
    ruleset = request.getfixturevalue(which)
    text = flat(questionnaire_markdown(build_questionnaire(ruleset), ids=True))
    for question in ruleset.screening:
        assert flat(question.text) in text
        for option in question.options:
            assert flat(option.label) in text
    for ind in ruleset.indicators.values():
        assert f"**{flat(ind.text)}** `{ind.id}`" in text
        assert flat(ind.help) in text
        for example in ind.examples.values():
            assert flat(example) in text
    for strength in ruleset.strengths.values():
        assert flat(strength.text) in text and strength.id in text
    for domain in ruleset.domains:
        assert flat(domain.level_1) in text
    for rule in ruleset.rules:
        assert rule.id not in text
        assert flat(rule.because) not in text


def test_statement_shows_its_level_and_ages(model) -> None:
    q = build_questionnaire(model)
    statements = {s.id: s for area in q.areas for s in area.statements}
    young_carer = statements["fs_young_carer"]
    assert young_carer.level == "Level 2: Additional needs"
    assert young_carer.ages.startswith("Asked for: 5 to 11 years")
    assert "1 to 4 years" not in young_carer.ages
    assert q.statement_count() == len(model.indicators)


def test_command_writes_pdf_with_every_statement(tmp_path, model) -> None:
    out = io.StringIO()
    assert run(["questionnaire", "model-four-level", "-o", str(tmp_path / "q.pdf")], out, io.StringIO()) == 0
    reader = PdfReader(tmp_path / "q.pdf")
    text = flat(" ".join(page.extract_text() for page in reader.pages))
    missing = [i.id for i in model.indicators.values() if flat(i.text) not in text]
    assert not missing
    assert f"{len(reader.pages)} pages" in out.getvalue()
    assert f"Page {len(reader.pages)} of {len(reader.pages)}" in text


def test_ids_only_when_asked(model) -> None:
    """The practitioners' paper copy has no ids; a study's copy has one beside every statement."""
    q = build_questionnaire(model)
    plain, with_ids = questionnaire_markdown(q), questionnaire_markdown(q, ids=True)
    assert "`" not in plain
    assert all(f"`{i}`" in with_ids for i in model.indicators)
    out = io.StringIO()
    assert run(["questionnaire", "model-four-level", "--ids"], out, io.StringIO()) == 0
    assert out.getvalue() == with_ids


def test_command_markdown_to_stdout_and_file(tmp_path) -> None:
    out = io.StringIO()
    assert run(["questionnaire", "compact-five-level"], out, io.StringIO()) == 0
    assert out.getvalue().startswith("# ")
    assert run(["questionnaire", "compact-five-level", "-o", str(tmp_path / "q.md")], io.StringIO(), io.StringIO()) == 0
    assert (tmp_path / "q.md").read_text(encoding="utf-8") == out.getvalue()


def test_command_refuses_unknown_file_type(tmp_path) -> None:
    err = io.StringIO()
    assert run(["questionnaire", "model-four-level", "-o", str(tmp_path / "q.docx")], io.StringIO(), err) == 2
    assert "q.docx" in err.getvalue() and ".pdf or .md" in err.getvalue()
    assert not (tmp_path / "q.docx").exists()
