"""The printed record: content, Unicode, literal markup, page furniture, embedded record, metadata."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from thresholds_app.records.embedded import EMBEDDED_NAME
from thresholds_app.records.form import load_form
from thresholds_app.records.pdf import render_record
from thresholds_app.records.record import Child, Judgement, Referrer, load_record

from .records_helpers import MARKUP, NAMES, make_record


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def unicode_record(model):
    return make_record(
        model, worry="Names: " + ", ".join(NAMES) + ".\nMarkup typed by a user: " + MARKUP,
        referrer=Referrer(NAMES[1], "Police constable", "Example Constabulary", "Public protection unit"),
        child=Child(initials="N.T.H.", full_name=NAMES[2], age_band="5 to 11 years"),
        judgement=Judgement(agrees=False, level=3, route="mash_consultation",
                            reason=f"{NAMES[3]} and {NAMES[4]} say the bruise has an innocent explanation."))


@pytest.fixture(scope="module")
def rendered(unicode_record):
    return render_record(unicode_record, generated="2026-11-21T08:00:00Z")


def test_outcome_and_guidance_are_printed(rendered) -> None:
    text = "\n".join(page_texts(rendered.pdf))
    flat = " ".join(text.split())
    # The referrer's judgement differs, so the record leads with it and its route's guidance.
    assert "Referrer's decision: Level 3 of 4, Complex needs" in flat and "Route: MASH consultation" in flat
    assert "The tool recommended Level 4 of 4, Acute or specialist" in flat
    assert "Route: Urgent MASH referral (section 47)" in flat
    assert "01632 960001" in flat and "mash@example.gov.uk" in flat
    assert "A consultation without names needs no consent" in flat
    assert "Why the tool recommended Level 4 of 4, Acute or specialist" in flat
    assert "reasonable cause to suspect" in flat
    assert "Don't know: Domestic abuse is repeated or escalating" in flat
    assert "Areas not considered" in flat
    assert "Consent not sought: seeking it would increase the risk to the child" in flat
    assert "Level in the referrer's judgement: 3, Complex needs" in flat
    assert "Route in the referrer's judgement: MASH consultation" in flat
    assert "Attends every day" in flat and "Signatures" in flat


def test_real_names_print_correctly(rendered) -> None:
    flat = " ".join("\n".join(page_texts(rendered.pdf)).split())
    for name in NAMES:
        assert name in flat, name
    assert rendered.missing_characters == ()


def test_user_markup_prints_literally(rendered) -> None:
    flat = " ".join("\n".join(page_texts(rendered.pdf)).split())
    assert " ".join(MARKUP.split()) in flat


def test_marking_and_page_numbers_on_every_page(rendered) -> None:
    pages = page_texts(rendered.pdf)
    assert rendered.pages == len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert text.count("OFFICIAL-SENSITIVE") == 2, number
        assert f"Page {number} of {len(pages)}" in text
        assert "Record hash: sha256:" in text and "Rule set: Model levels of need (four levels) 2.1.0" in text


def test_round_trip_through_the_embedded_record(unicode_record, rendered, tmp_path: Path) -> None:
    reader = PdfReader(io.BytesIO(rendered.pdf))
    assert list(reader.attachments) == [EMBEDDED_NAME]
    pdf_path = tmp_path / "record.pdf"
    pdf_path.write_bytes(rendered.pdf)
    again = load_record(pdf_path)
    assert again.to_dict() == unicode_record.to_dict()
    assert again.hash_ok
    full_hash = "".join("\n".join(page_texts(rendered.pdf)).split())
    assert unicode_record.record_hash in full_hash


def test_metadata_holds_no_personal_data(rendered) -> None:
    meta = PdfReader(io.BytesIO(rendered.pdf)).metadata
    values = " ".join(str(v) for v in meta.values())
    assert meta.title == "Levels-of-need decision record"
    assert not meta.author and not meta.subject
    for name in NAMES:
        for part in name.split():
            assert part not in values


def test_long_record_flows_over_pages(model) -> None:
    paragraph = ("At the visit the child said that nobody had made breakfast again and that the heating has "
                 "been off all week; she was wearing the same clothes as on Tuesday. ")
    worry = "\n".join(f"{n}. " + paragraph * 4 for n in range(1, 121))
    result = render_record(make_record(model, worry=worry))
    pages = page_texts(result.pdf)
    assert result.pages == len(pages) >= 10
    flat = " ".join(" ".join(pages).split())
    assert "120. At the visit" in flat  # nothing cut off: the last paragraph is there
    assert all(t.count("OFFICIAL-SENSITIVE") == 2 for t in pages)


def test_missing_glyphs_are_reported(model) -> None:
    result = render_record(make_record(model, child=Child(initials="李", age_band="5 to 11 years")))
    assert result.missing_characters == ("李",)
    flat = " ".join(" ".join(page_texts(result.pdf)).split())
    assert "could not be printed in this font" in flat and "U+674E" in flat


def test_template_controls_marking_and_headings(model, tmp_path: Path) -> None:
    form_text = Path(load_form().source).read_text(encoding="utf-8")
    custom = tmp_path / "ours.yaml"
    custom.write_text(form_text.replace("security_marking: OFFICIAL-SENSITIVE", "security_marking: OFFICIAL")
                      .replace("What I am worried about", "Our concerns"))
    result = render_record(make_record(model), load_form(custom))
    pages = page_texts(result.pdf)
    assert all(t.count("OFFICIAL") == 2 and "SENSITIVE" not in t for t in pages)
    assert "Our concerns" in " ".join(pages)


def test_bad_template_is_located(tmp_path: Path) -> None:
    from thresholds_app.core.problems import InputError

    bad = tmp_path / "bad.yaml"
    bad.write_text(Path(load_form().source).read_text().replace("page_size: A4", "page_size: A5")
                   .replace("logo: null", "logo: missing.png"))
    with pytest.raises(InputError) as info:
        load_form(bad)
    (problem,) = info.value.problems
    assert problem.path == ("page_size",) and problem.location.line > 1
    assert re.search(r"'A4', 'letter'", problem.message)


def _png(path: Path, width: int = 60, height: int = 20) -> None:
    """A small solid-colour PNG written with the standard library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes([30, 60, 120]) * width for _ in range(height))
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_partnership_logo_is_printed(model, tmp_path: Path) -> None:
    _png(tmp_path / "logo.png")
    form = tmp_path / "ours.yaml"
    form.write_text(Path(load_form().source).read_text().replace("logo: null", "logo: logo.png"))
    with_logo = render_record(make_record(model), load_form(form))
    first_page = PdfReader(io.BytesIO(with_logo.pdf)).pages[0]
    assert len(first_page.images) == 1
    without = PdfReader(io.BytesIO(render_record(make_record(model)).pdf)).pages[0]
    assert len(without.images) == 0
