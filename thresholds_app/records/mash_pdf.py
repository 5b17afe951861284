"""The printed MASH screening record: the referrer's view and the MASH view side by side."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.problems import InputError, Problem
from ..core.schema import build_validator, explain_errors
from ..core.yamlsource import load_yaml_file
from ..locations import data_dir
from .pdf import RenderedRecord
from .printing import REPORT, Furniture, Line, Report, Style, generated_line, missing_characters, when
from .record import DecisionRecord


@cache
def _validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "screening-form.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def load_screening_form(path: Path | str | None = None) -> dict[str, Any]:
    path = Path(path) if path is not None else data_dir("forms") / "mash-screening.yaml"
    data, smap = load_yaml_file(path)
    problems = explain_errors(_validator(), data, smap)
    if problems:
        raise InputError(problems)
    missing = [name for name in SCREENING_SECTIONS if name not in data.get("sections", SCREENING_SECTIONS)]
    if missing:
        raise InputError([Problem(f"the section(s) {', '.join(map(repr, missing))} are not listed", smap.locate(
            ("sections",)), ("sections",), "every section is printed once: list each where it should print "
            f"(the sections are {', '.join(SCREENING_SECTIONS)})")])
    if data.get("logo") and not (path.parent / data["logo"]).is_file():
        raise InputError([Problem(f"the logo file {data['logo']!r} does not exist", smap.locate(("logo",)),
                                  ("logo",), "give a PNG or JPEG path relative to the form's folder")])
    return {**data, "_source": str(path)}


#: The screening record's sections in their usual order (its form may list them in another).
SCREENING_SECTIONS = ("comparison", "reason", "feedback", "changes", "worry", "hashes")


def _outcome(rec: Mapping[str, Any]) -> str:
    level = rec["level"]
    of = f" of {level['of']}" if level.get("of") else ""
    return f"Level {level['number']}{of}, {level['name']}. Route: {rec['route']['name']}."


def render_screening(record: DecisionRecord, changes: list[str], form: dict[str, Any] | None = None,
                     *, generated: str | None = None) -> RenderedRecord:
    """Render the screening record of a reviewed referral, with the reviewed record embedded."""
    if record.mash is None:
        raise ValueError("the record has no MASH review to print")
    form = form or load_screening_form()
    heads, texts = form["headings"], form["texts"]
    mash = record.mash
    j = record.judgement
    judgement = texts["agrees"] if j.agrees else (
        f"Differs: level {j.level} ({j.level_name}), {j.route_name}. Reason: {j.reason}")
    additional = mash["additional_answers"]
    known = {i["id"]: i["text"] for i in mash["recommendation"].get("indicators_ticked", [])}
    known |= {g["id"]: g["text"] for g in mash["recommendation"].get("gaps", [])}
    known |= {q["id"]: q["question"] for q in mash["recommendation"].get("screening", [])}
    words = {"yes": "Applies", "no": "Does not apply", "dont_know": "Don't know", "no_concerns": "No concerns"}
    added = [f"{words.get(v, v)}: {known.get(k, k)}" for part in ("screening", "indicators", "domains")
             for k, v in additional.get(part, {}).items()]
    referrer_ind = [f"{i['text']} (level {i['level']})" for i in record.recommendation.get("indicators_ticked", [])]

    def cell(title: str, *lines: str) -> list[tuple[Line, Style]]:
        return [(title, "bold"), *((line, "body") for line in lines if line)]

    rs = mash["ruleset"]
    furniture = Furniture(form["security_marking"], record.ruleset["partnership"], form["title"], (
        f"Rule set: {rs['id']} {rs['version']} ({rs['content_hash'][:19]})   Record hash: {record.record_hash[:23]}",
        generated_line(generated)))
    r = Report(form["title"], furniture, theme=REPORT, page_size=form["page_size"])
    logo = (Path(form["_source"]).parent / form["logo"]).resolve() if form.get("logo") else None
    r.title(form["title"], f"Referral {record.record_id[:8]} made {when(record.created)}; reviewed "
            f"{when(mash['reviewed'])}" + (f" by {mash['reviewer'].get('name')}" if mash["reviewer"].get("name")
                                           else "") + ".", logo=logo)

    def comparison() -> None:
        r.space(3)
        r.table([[heads["referrer_view"], heads["mash_view"]],
                 [cell(heads["outcome"], _outcome(record.recommendation)),
                  cell(heads["outcome"], _outcome(mash["recommendation"]))],
                 [cell(heads["judgement"], judgement),
                  cell(heads["decision"], f"{mash['decision']['name']} (level {mash['decision']['level']})")
                  + cell(heads["urgency"], f"{mash['urgency']['name']}: {mash['urgency']['timescale']}")],
                 [cell(heads["information"], *referrer_ind or ["(no indicators ticked)"]),
                  cell(heads["information"], *(added or [texts["no_additional"]]))]], ["50%", "50%"])

    def text_section(key: str, value: str) -> Callable[[], None]:
        def show() -> None:
            r.heading(heads[key])
            r.paragraphs(value)
        return show

    def hashes() -> None:
        r.space(3)
        for line in (texts["hash_note"], f"Referrer's record hash: {record.record_hash}",
                     f"MASH review hash: {mash['mash_hash']}"):
            r.paragraph(line)

    sections = {"comparison": comparison, "reason": text_section("reason", mash["reason"]),
                "feedback": text_section("feedback", mash["feedback"] or "(none)"),
                "changes": text_section("changes", "\n".join(changes or [texts["no_changes"]])),
                "worry": text_section("worry", record.worry or "(nothing written)"), "hashes": hashes}
    for section in form.get("sections", SCREENING_SECTIONS):
        sections[section]()
    built = r.build(record.to_json().encode("utf-8"))
    texts_used = [record.worry, mash["reason"], mash["feedback"], *mash["reviewer"].values()]
    return RenderedRecord(built.pdf, built.pages, missing_characters(t for t in texts_used if t))
