"""A household's record on paper: a summary of every child first, then each child's own record.

The summary is what a front door reads first: each child's minimal identifier, age band, the
recommended level and route, what the referrer decided and the consent position. Each child's pages
are that child's decision record exactly as it prints alone, in one document numbered throughout. The
household's JSON is attached, so the PDF alone reopens as the household, and every page prints the hash
of the record it shows (the summary: the household's), which reopening checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from .form import Form, load_form
from .household_record import HouseholdRecord
from .pdf import add_record, record_furniture, record_texts
from .printing import Cell, Report, missing_characters, now_stamp, when


@dataclass(frozen=True)
class RenderedHousehold:
    pdf: bytes
    pages: int
    missing_characters: tuple[str, ...]


def _decision(agrees: bool, level_name: str, route_name: str) -> str:
    """The referrer's decision for one child, in a table cell."""
    return "Agrees" if agrees else f"Differs: {level_name or 'same level'}; {route_name or 'same route'}"


def render_household(household: HouseholdRecord, form: Form | None = None, *,
                     generated: str | None = None) -> RenderedHousehold:
    form = form or load_form()
    generated = generated or now_stamp()
    first = household.children[0]
    count = len(household.children)
    r = Report(form.title, record_furniture(first, form, generated, household.household_hash),
               page_size=form.page_size)
    r.title(f"{form.title}: household of {count} {'child' if count == 1 else 'children'}",
            f"{first.ruleset['partnership']}. Made {when(household.created)}. Household "
            f"{household.household_id[:8]}. One outcome, decision and consent position for each child; each "
            "child's full record follows.", logo=form.logo)
    r.space(4)
    rows: list[list[Cell]] = [["Child", "Age band", "Recommended", "Referrer's decision", "Consent"]]
    for label, record in zip(household.labels, household.children, strict=True):
        rec = record.recommendation
        j = record.judgement
        emergency = "IMMEDIATE DANGER: CALL 999. " if rec.get("emergency") else ""
        rows.append([label, record.child.age_band or "not given",
                     f"{emergency}Level {rec['level']['number']} of {rec['level'].get('of', '')}, "
                     f"{rec['level']['name']}; {rec['route']['name']}",
                     _decision(j.agrees, j.level_name, j.route_name), record.consent.label])
    r.table(rows, ["17%", "13%", "30%", "22%", "18%"])
    r.space(4)
    if any(any("ask about each of them" in a for a in c.recommendation.get("advice", [])) for c in household.children):
        r.paragraph("One child here needs a referral to children's social care: the front door will consider "
                    "every child in the household. Name each of them on the referral.")
    r.paragraph(f"Household hash: {household.household_hash}. It covers every child's record and the family's "
                "answers; each child's pages carry that child's own record hash. " + form.texts["hash_note"],
                "small")
    texts: list[str] = list(household.labels)
    for number, (label, record) in enumerate(zip(household.labels, household.children, strict=True), 1):
        r.new_part(record_furniture(record, form, generated))
        add_record(r, record, form, who=f"{label}, child {number} of {count}")
        texts += record_texts(record)
    built = r.build(household.to_json().encode("utf-8"))
    return RenderedHousehold(built.pdf, built.pages, missing_characters(texts))
