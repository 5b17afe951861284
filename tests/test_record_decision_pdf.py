"""Page 1 of the printed record leads with what the referrer decided, and shows the tool's view beside it."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from thresholds_app.records.pdf import render_record
from thresholds_app.records.record import Judgement, parse_record

from .records_helpers import make_record
from .test_record_decision import HIGHER, LEVEL_2, LOWER, old_document


def pages(record) -> list[str]:
    pdf = render_record(record, generated="2026-11-21T08:00:00Z").pdf
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(pdf)).pages]


def fills(record) -> list[tuple[float, float, float]]:
    """Page 1's fill colours, in the order they are drawn."""
    pdf = render_record(record, generated="2026-11-21T08:00:00Z").pdf
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data().decode("latin-1")
    return [tuple(float(x) for x in m) for m in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", stream)]


def rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


def first(colours: list[tuple[float, float, float]], hex_colour: str) -> int:
    want = rgb(hex_colour)
    return next(i for i, c in enumerate(colours) if all(abs(a - b) < 0.002 for a, b in zip(c, want, strict=True)))


def in_order(text: str, *needles: str) -> None:
    """Every needle is in ``text``, each after the one before."""
    at = 0
    for needle in needles:
        found = text.find(needle, at)
        assert found >= 0, f"{needle!r} not found after position {at} in: {text[at:at + 400]!r}"
        at = found + len(needle)


def opening(text: str) -> str:
    """What page 1 says before anything else: the first words after the title and the record line."""
    return text.split(". Record id ", 1)[1].split(" ", 1)[1]


def test_a_higher_judgement_leads_page_1(model) -> None:
    record = make_record(model, indicators=LEVEL_2, judgement=HIGHER)
    page_1 = pages(record)[0]
    assert opening(page_1).startswith("Referrer's decision: Level 4 of 4, Acute or specialist")
    in_order(page_1,
             "Referrer's decision: Level 4 of 4, Acute or specialist",
             "Significant harm, or needs only statutory services can meet",
             "Route: Referral to the MASH for assessment (section 17)",
             "The tool recommended Level 2 of 4, Additional needs", "Single-agency early help",
             "Reason the referrer decided differently:", HIGHER.reason,
             "What to do next", "Talk with the family about the referral and seek their consent.",
             "Who to contact", "Children's Front Door and MASH (example)", "01632 960001",
             "Consent", "A child in need referral should be made with the informed consent",
             "Timescale", "Refer the same day.")
    # The recommended route's steps are not offered as what to do.
    assert "Offer support from your own agency" not in page_1
    assert "Warning" not in page_1
    # The banner is in the chosen level's colour, drawn before the recommendation's.
    colours = fills(record)
    assert first(colours, "#C62828") < first(colours, "#F9A825")


def test_a_lower_judgement_leads_page_1(model) -> None:
    record = make_record(model, judgement=LOWER)
    page_1 = pages(record)[0]
    assert opening(page_1).startswith("Referrer's decision: Level 3 of 4, Complex needs")
    in_order(page_1,
             "Referrer's decision: Level 3 of 4, Complex needs",
             "Several or deeper needs, multi-agency early help",
             "Route: Early help assessment and Team Around the Family",
             "The tool recommended Level 4 of 4, Acute or specialist", "Urgent MASH referral (section 47)",
             "Reason the referrer decided differently:", LOWER.reason,
             "What to do next", "Start the early help assessment, or ask the Early Help Hub who will lead it.",
             "Who to contact", "Early Help Hub (example)", "01632 960003",
             "Consent", "Early help needs the informed consent of the parents or carers",
             "Timescale", "Start the assessment within 10 working days of the family's agreement.")
    for recommended_only in ("Lack of consent must not delay the referral", "Telephone the front door now",
                             "Police non-emergency"):
        assert recommended_only not in page_1
    colours = fills(record)
    assert first(colours, "#EF6C00") < first(colours, "#C62828")


def test_agreement_prints_as_before(model) -> None:
    page_1 = pages(make_record(model))[0]
    assert opening(page_1).startswith("Recommended outcome: Level 4 of 4, Acute or specialist")
    in_order(page_1, "Route: Urgent MASH referral (section 47)", "What to do next",
             "Telephone the front door now", "Who to contact", "Police non-emergency", "Consent",
             "Lack of consent must not delay the referral", "Timescale", "Refer immediately.")
    assert "Referrer's decision" not in page_1 and "The tool recommended" not in page_1


def test_a_route_that_does_not_fit_the_level_is_warned_on_the_record(model) -> None:
    record = make_record(model, judgement=Judgement(agrees=False, level=4, route="universal",
                                                    reason="The family are already well supported."))
    page_1 = pages(record)[0]
    in_order(page_1, "Referrer's decision: Level 4 of 4", "Route: Universal services",
             "Warning: the route chosen, Universal services, is not one this rule set uses at level 4 "
             "(Acute or specialist). At level 4 it uses:", "Referral to the MASH for assessment (section 17)",
             "What to do next", "Carry on supporting the child and family within your service.")


def test_a_chosen_emergency_is_printed_first(model) -> None:
    record = make_record(model, indicators=LEVEL_2, judgement=Judgement(
        agrees=False, level=4, route="emergency", reason="She is locked out and afraid to go home."))
    page_1 = pages(record)[0]
    assert opening(page_1).startswith("THE CHILD IS IN IMMEDIATE DANGER - CALL 999 NOW")
    in_order(page_1, "Referrer's decision: Level 4 of 4", "Route: Emergency - call 999", "What to do next",
             "Call 999 now")


def test_an_old_version_1_record_still_prints(model) -> None:
    record = parse_record(old_document(make_record(model, judgement=LOWER)), "old.json")
    assert record.hash_ok and record.judgement.chosen_route is None
    page_1 = pages(record)[0]
    assert opening(page_1).startswith("Referrer's decision: Level 3 of 4, Complex needs")
    in_order(page_1, "Referrer's decision: Level 3 of 4, Complex needs",
             "Route: Early help assessment and Team Around the Family",
             "this record was made by an older version of thresholds-app and does not hold the steps, contacts, "
             "consent guidance or timescale of this route",
             "The tool recommended Level 4 of 4, Acute or specialist", "Urgent MASH referral (section 47)",
             "Reason the referrer decided differently:", LOWER.reason)
    # The recommended route's guidance is not printed as if it were the decision's.
    assert "What to do next" not in page_1 and "Telephone the front door now" not in page_1


def test_real_version_1_files_still_print() -> None:
    from thresholds_app.records.record import load_record

    from .test_record_decision import DATA

    lower = pages(load_record(DATA / "record-v1-lower-judgement.json"))[0]
    in_order(lower, "Referrer's decision: Level 3 of 4, Complex needs",
             "Route: Early help assessment and Team Around the Family",
             "does not hold the steps, contacts, consent guidance or timescale of this route",
             "The tool recommended Level 4 of 4, Acute or specialist", "Urgent MASH referral (section 47)",
             "Reason the referrer decided differently:", "The GP has explained the bruise")
    agrees = pages(load_record(DATA / "record-v1-agrees.json"))[0]
    assert opening(agrees).startswith("Recommended outcome: Level 4 of 4, Acute or specialist")
    in_order(agrees, "Route: Referral to the MASH for assessment (section 17)", "What to do next",
             "Discuss the referral with your designated safeguarding lead or manager.", "Who to contact",
             "Consent", "Timescale", "Refer the same day.")


def test_areas_not_chosen_as_worries_print_as_no_concerns_known(model) -> None:
    """The interview's 'no concerns known to the referrer' is its own answer on the record and the PDF,
    not 'not considered' and not 'don't know'."""
    from thresholds_app.core.answers import Answers
    from thresholds_app.core.evaluate import evaluate
    from thresholds_app.records.record import Child, Consent, Referrer, new_record

    answers = Answers.from_dict({
        "screening": {"immediate_danger": "no", "age_band": "age_5_11", "disability": "no", "open_case": "none"},
        "worries": ["domestic_abuse"], "indicators": {"da_low_level": "yes", "da_repeated": "dont_know"},
        "domains": {"education": "dont_know"}})
    record = new_record(model, evaluate(model, answers), answers, created="2026-11-20T09:30:00Z",
                        judgement=Judgement(agrees=True), consent=Consent("given", ""),
                        referrer=Referrer("P.C. Example", "Police", "Example Police", "", "", ""),
                        child=Child(initials="A.B."), worry="Domestic incident.", working_well="")
    assert record.answers["worries"] == ["domestic_abuse"]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(render_record(record).pdf)).pages).split())
    assert "No concerns known to the referrer" in text
    start = text.index("No concerns known to the referrer")
    assert "Housing" in text[start:start + 600] and "Education and learning" not in text[start:start + 600]
    assert "Areas not considered" not in text  # every area is either answered, a worry, or not a worry


def test_newlines_in_one_line_fields_still_print(model) -> None:
    """A name or phone number with newlines (a hand-edited file) made a table row taller than a page,
    and printing failed; such fields print on one line, and the record keeps them as they were."""
    from thresholds_app.records.record import Referrer

    record = make_record(model, referrer=Referrer("Z\n" * 150, "Police", "A\n" * 150, "T\n" * 150, "1\n" * 15,
                                                  "e\n" * 100))
    rendered = render_record(record)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages).split())
    assert rendered.pages >= 1 and "Name: Z Z Z" in text
    assert record.referrer.name == "Z\n" * 150


def test_right_to_left_names_print_in_reading_order_and_joined(model) -> None:
    """Hebrew and Arabic are reordered for display and Arabic letters joined (reportlab does neither), so
    names print as they are read."""
    from thresholds_app.records.record import Referrer
    from thresholds_app.records.visual_order import visual

    assert visual("Name: דניאל כהן") == "Name: ןהכ לאינד"  # drawn left to right, read right to left
    assert {ord(ch) for ch in visual("محمد")} <= set(range(0xFE70, 0xFF00))  # joined presentation forms
    assert visual("Zoë Łukasiewicz") == "Zoë Łukasiewicz"
    for name in ("דניאל כהן", "محمد علي", "Zoë Łukasiewicz"):
        rendered = render_record(make_record(model, referrer=Referrer(name, "Police", "Agency")))
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(rendered.pdf)).pages).split())
        # pypdf reads right-to-left text back in reading order: the name reads as it was typed.
        assert f"Name: {name}" in text or name == "محمد علي", name
        if name == "محمد علي":
            joined = [ch for ch in text if 0xFE70 <= ord(ch) <= 0xFEFF]
            assert len(joined) >= 7, "Arabic letters are printed in their joined forms"


def test_a_right_to_left_passage_of_several_lines_prints_its_first_line_first(model) -> None:
    """A passage was put in display order before reportlab wrapped it, so its lines printed last line
    first. Now it is broken into lines first, each line then put in display order."""

    passage = ("הילד סיפר למורה שאביו צועק עליו כל ערב ושהוא מפחד לחזור הביתה אחרי בית הספר ולכן הוא נשאר "
               "בספרייה עד שהיא נסגרת ואז הולך לאט מאוד דרך הפארק")
    words = passage.split(" ")
    rendered = render_record(make_record(model, worry=" ".join(words * 3)))
    lines = [line for page in PdfReader(io.BytesIO(rendered.pdf)).pages
             for line in page.extract_text().splitlines() if any("\u0590" <= ch <= "\u05ff" for ch in line)]
    assert len(lines) >= 3
    # pypdf reads each line back in reading order: the first line printed holds the passage's first words.
    assert lines[0].strip().startswith(" ".join(words[:3])), lines[0]
    assert lines[-1].strip().endswith(" ".join(words[-3:])), lines[-1]
    read = " ".join(" ".join(line.split()) for line in lines)
    assert read == " ".join(words * 3)  # every word, once, in order


def test_a_record_prints_the_same_whether_or_not_the_italic_face_was_read_first(model) -> None:
    """The italic face is read only when the blank questionnaire needs it. A font mapping added before it
    was read made reportlab print every later record's text as nothing (seen as '\\x00' glyphs)."""
    import subprocess
    import sys

    code = ("import io, sys\n"
            "from pypdf import PdfReader\n"
            "from tests.records_helpers import make_record\n"
            "from thresholds_app.core.loader import load_ruleset\n"
            "from thresholds_app.locations import bundled_rulesets\n"
            "from thresholds_app.records.pdf import render_record\n"
            "from thresholds_app.records.record import Referrer\n"
            "rs = load_ruleset(bundled_rulesets()['model-four-level'])\n"
            "if sys.argv[1] == 'italic-first':\n"
            "    from thresholds_app.records.questionnaire_pdf import render_questionnaire\n"
            "    from thresholds_app.core.questionnaire import build_questionnaire\n"
            "    render_questionnaire(build_questionnaire(rs))\n"
            "r = render_record(make_record(rs, referrer=Referrer('Zoë محمد', 'Police', 'Agency')))\n"
            "print(' '.join(p.extract_text() for p in PdfReader(io.BytesIO(r.pdf)).pages))\n")
    root = Path(__file__).resolve().parent.parent
    texts = [subprocess.run([sys.executable, "-c", code, order], cwd=root, capture_output=True, text=True,
                            check=True, timeout=120).stdout for order in ("record-only", "italic-first")]
    assert "\x00" not in texts[1]
    assert "Name: Zoë" in texts[0] and "Name: Zoë" in texts[1]
    assert [line for line in texts[0].splitlines() if "Name:" in line] == \
        [line for line in texts[1].splitlines() if "Name:" in line]
