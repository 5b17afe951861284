"""The printed levels-of-need grid comes from the same YAML as the app, and leaves nothing out."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from thresholds_app.cli import run
from thresholds_app.records.grid_pdf import render_grid


def flat_text(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())


@pytest.mark.parametrize("which", ["model", "compact"])
def test_grid_covers_every_indicator_route_and_level(request, which: str) -> None:
    ruleset = request.getfixturevalue(which)
    pdf, pages = render_grid(ruleset)
    text = flat_text(pdf)
    missing = [i.id for i in ruleset.indicators.values() if " ".join(i.text.split()) not in text]
    assert not missing
    for level in ruleset.levels:
        assert f"Level {level.number}: {level.name}" in text
    for route in ruleset.routes.values():
        assert route.name in text
    for domain in ruleset.domains:
        assert domain.name in text and " ".join(domain.level_1.split()) in text
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape


def test_grid_command_a3(tmp_path) -> None:
    out = io.StringIO()
    code = run(["grid", "model-four-level", "-o", str(tmp_path / "g.pdf"), "--page-size", "A3"], out, io.StringIO())
    assert code == 0
    assert "landscape A3" in out.getvalue()
    box = PdfReader(str(tmp_path / "g.pdf")).pages[0].mediabox
    assert round(float(box.width)) == 1191 and round(float(box.height)) == 842  # A3 landscape in points
