"""The printed decision record, with the machine-readable record embedded in it.

Its sections are printed in the order its form (``forms/decision-record.yaml``) lists them, built with
the one printing layer (``printing.py``): escaping, fonts, marking and page furniture are done there.
Any character the bundled font cannot print is reported, never silently replaced.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.fit import fit_warning
from ..core.interview import NOT_WORRIED
from .form import Form, load_form
from .printing import (
    Furniture,
    Line,
    Report,
    Rich,
    Style,
    generated_line,
    missing_characters,
    prepare_printing,
    when,
)
from .record import DecisionRecord

#: The banner's title when the referrer's decision differs from the recommendation.
DECISION = "Referrer's decision"
#: The banner's colour when an older record does not hold the colour of the level decided on.
NEUTRAL = "#CFD8DC"
#: How much of the referrer's reason is shown beside the recommendation on page 1 (all of it is printed
#: under the judgement heading).
REASON_CHARS, REASON_LINES = 700, 8


@dataclass(frozen=True)
class Decision:
    """What the record leads with: the referrer's decision when it differs, else the recommendation."""

    agrees: bool
    level: Mapping[str, Any]
    route: Mapping[str, Any]
    #: False for an older record that holds only the names of the level and route decided on.
    has_guidance: bool
    #: The warning when the route decided on is not one the rule set uses at that level, else "".
    fit_warning: str


def decided_outcome(document: Mapping[str, Any]) -> Decision:
    """The decision a record document leads with, in the shape of the recommendation's level and route.

    Works from the record alone: a different judgement carries the level and route decided on (from
    record format 2); an older one has only their names, and a level or route left unchanged is the
    recommended one.
    """
    rec = document["recommendation"]
    j = document["judgement"]
    if j["agrees"]:
        return Decision(True, rec["level"], rec["route"], True, "")
    level = j.get("chosen_level") or (rec["level"] if j.get("level") is None else {
        "number": j["level"], "of": rec["level"].get("of"), "name": j.get("level_name", "")})
    route = j.get("chosen_route") or (rec["route"] if j.get("route") is None else {
        "id": j["route"], "name": j.get("route_name") or j["route"]})
    fitting = j.get("routes_for_level")
    warning = ""
    if fitting is not None and route.get("id") not in {r["id"] for r in fitting}:
        warning = fit_warning(level["number"], level.get("name", ""), route["name"], [r["name"] for r in fitting])
    return Decision(False, level, route, "next_steps" in route, warning)


def level_words(level: Mapping[str, Any]) -> str:
    """'Level 3 of 4, Complex needs', with what the record knows of it."""
    of = f" of {level['of']}" if level.get("of") else ""
    return f"Level {level['number']}{of}" + (f", {level['name']}" if level.get("name") else "")


def excerpt(text: str, chars: int = REASON_CHARS, lines: int = REASON_LINES) -> tuple[str, bool]:
    """The start of ``text``, short enough for a box that cannot break over pages; True if cut."""
    kept = "\n".join(text.split("\n")[:lines])[:chars]
    if len(kept) == len(text):
        return text, False
    if kept[-1:].isalnum() and text[len(kept):len(kept) + 1].isalnum():
        kept = kept[:max(kept.rfind(" "), kept.rfind("\n"), chars // 2)]  # end on a whole word
    return kept.rstrip() + "\u2026", True


@dataclass(frozen=True)
class RenderedRecord:
    pdf: bytes
    pages: int
    missing_characters: tuple[str, ...]


__all__ = ["Decision", "RenderedRecord", "decided_outcome", "prepare_printing", "render_record"]

HASH_WARNING = ("WARNING: this record has been changed since it was made. Its content no longer matches its "
                "record hash, so what is printed here may not be what the referrer recorded. Treat it with "
                "caution and ask the referrer for the original.")


def _user_texts(record: DecisionRecord) -> list[str]:
    texts = [record.worry, record.working_well, record.judgement.reason, record.consent.reason,
             *vars(record.referrer).values(), *(v for v in vars(record.child).values() if isinstance(v, str))]
    return [t for t in texts if t]


class _RecordPages:
    """The decision record's sections; ``render_record`` prints them in the form's order."""

    def __init__(self, record: DecisionRecord, form: Form, report: Report) -> None:
        self.record, self.form, self.r = record, form, report
        self.rec: Mapping[str, Any] = record.recommendation
        self.decision = decided_outcome(record.body())

    def heading(self, key: str) -> None:
        self.r.heading(self.form.headings[key])

    def title(self, who: str) -> None:
        record, form = self.record, self.form
        self.r.title(f"{form.title}: {who}" if who else form.title,
                     f"{record.ruleset['partnership']}. Made {when(record.created)}"
                     + (f", amended {when(record.amended)}" if record.amended else "")
                     + f". Record id {record.record_id[:8]}.", logo=form.logo)
        if not record.hash_ok:
            self.r.paragraph(HASH_WARNING, "alarm")
        self.r.space(4)

    def outcome(self) -> None:
        """The referrer's decision when it differs, else the recommendation, on the level's colour."""
        rec, j, form, d = self.rec, self.record.judgement, self.form, self.decision
        level, route = d.level, d.route
        lines: list[tuple[Line, Style]] = []
        if route.get("emergency"):
            lines.append((form.headings["emergency"].upper(), "box_title"))
        lines.append((f"{form.headings['outcome'] if j.agrees else DECISION}: {level_words(level)}", "box_title"))
        if level.get("short"):
            lines.append((level["short"], "box"))
        lines.append((f"Route: {route['name']}", "box_route"))
        if route.get("summary"):
            lines.append((route["summary"], "box"))
        self.r.outcome_box(lines, level.get("colour") or NEUTRAL)
        if j.agrees:
            if rec.get("redirected_from"):
                self.r.paragraph(f"This replaces the usual route for this level: {rec['redirected_from']['name']}.",
                                 "small")
            if rec.get("provisional"):
                self.r.space(2)
                self.r.paragraph(form.headings["provisional"], "bold")
            return
        if d.fit_warning:
            self.r.space(2)
            self.r.paragraph(d.fit_warning, "warning")
        if not d.has_guidance:
            self.r.space(2)
            self.r.paragraph(Rich((("Note: ", "b"), (
                "this record was made by an older version of thresholds-app and does not hold the steps, "
                "contacts, consent guidance or timescale of this route. Look them up in the rule set this "
                f"record names ({self.record.ruleset['name']} {self.record.ruleset['version']}), or ask your "
                "designated safeguarding lead.", ""))))
        self.r.space(2.5)
        panel: list[tuple[Line, Style]] = [(f"The tool recommended {level_words(rec['level'])}", "bold"),
                                           (f"Route: {rec['route']['name']}", "body")]
        if rec.get("redirected_from"):
            panel.append((f"This replaced the usual route for that level: {rec['redirected_from']['name']}.",
                          "small"))
        if rec.get("provisional"):
            panel.append((form.headings["provisional"], "small"))
        shown, cut = excerpt(j.reason)
        panel += [("Reason the referrer decided differently:", "bold"), (shown, "body")]
        if cut:
            panel.append((f"The full reason is under '{form.headings['judgement']}'.", "small"))
        self.r.marked_panel(panel, rec["level"]["colour"])

    def next_steps(self) -> None:
        rec, agrees = self.rec, self.record.judgement.agrees
        if self.decision.has_guidance:
            self.heading("next_steps")
            self.r.bullets([*self.decision.route.get("next_steps", []), *(rec.get("advice", []) if agrees else [])],
                           numbered=True)
        if not agrees and rec.get("advice"):
            self.r.paragraph("The tool also advised, on these answers:", "bold")
            self.r.bullets(rec["advice"])

    def contacts(self) -> None:
        route = self.decision.route
        if self.decision.has_guidance and route.get("contacts"):
            self.heading("contacts")
            self.r.table([[[(c["name"], "bold")],
                           "  ".join(x for x in (c.get("phone", ""), c.get("secure_email") or c.get("email", "")) if x),
                           [(c.get("hours", ""), "small")]] for c in route["contacts"]],
                         ["38%", "38%", "24%"], header_rows=0, lines="below")

    def consent_guidance(self) -> None:
        if self.decision.has_guidance:
            self.heading("consent_guidance")
            self.r.paragraph(self.decision.route.get("consent", ""))

    def timescale(self) -> None:
        if self.decision.has_guidance:
            self.heading("timescale")
            self.r.paragraph(self.decision.route.get("timescale", ""))

    def side_routes(self) -> None:
        if not self.rec.get("side_routes"):
            return
        self.heading("side_routes")
        for side in self.rec["side_routes"]:
            with self.r.together():
                self.r.heading(side["name"] + (" (a legal duty)" if side.get("statutory") else ""), 3)
                self.r.paragraph(side.get("summary", ""))
                for step in side.get("next_steps", []):
                    self.r.paragraph("\u2022 " + step)
                for c in side.get("contacts", []):
                    self.r.paragraph(f"Contact: {c['name']} {c.get('phone', '')} {c.get('secure_email', '')}", "small")
                if side.get("timescale"):
                    self.r.paragraph(f"Timescale: {side['timescale']}", "small")

    def reasons(self) -> None:
        rec = self.rec
        if self.record.judgement.agrees:
            self.heading("reasons")
        else:  # the reasons are the tool's, not the referrer's
            self.r.heading(f"Why the tool recommended {level_words(rec['level'])}")
        texts = {i["id"]: i for i in rec.get("indicators_ticked", [])}
        for reason in rec.get("reasons", []):
            self.r.paragraph(reason["text"], "bold" if reason.get("decisive") else "body")
            if reason.get("decisive"):
                self.r.bullets([f"{texts[i]['text']} ({texts[i].get('domain_name', '')}, level {texts[i]['level']})"
                                for i in reason.get("indicators", []) if i in texts], style="small")
        if not rec.get("reasons"):
            self.r.paragraph(self.form.texts["nothing_ticked"])

    def gaps(self) -> None:
        if self.rec.get("gaps"):
            self.heading("gaps")
            self.r.bullets([g["text"] + (" - could change the outcome" if g.get("could_raise") else "")
                            for g in self.rec["gaps"]])

    def judgement(self) -> None:
        self.heading("judgement")
        j = self.record.judgement
        if j.agrees:
            self.r.paragraph(self.form.texts["agrees"])
        else:
            self.r.paragraph(self.form.texts["disagrees"], "bold")
            if j.level is not None:
                self.r.paragraph(f"Level in the referrer's judgement: {j.level}"
                                 + (f", {j.level_name}" if j.level_name else ""))
            if j.route:
                self.r.paragraph(f"Route in the referrer's judgement: {j.route_name or j.route}")
        if j.reason:
            self.r.paragraphs(f"Reason: {j.reason}")

    def consent(self) -> None:
        self.heading("consent")
        self.r.paragraph(self.record.consent.label)
        if self.record.consent.reason:
            self.r.paragraphs(f"Reason: {self.record.consent.reason}")

    def worry(self) -> None:
        self.heading("worry")
        self.r.paragraphs(self.record.worry or self.form.texts["no_text"])

    def working_well(self) -> None:
        self.heading("working_well")
        self.r.paragraphs(self.record.working_well or self.form.texts["no_text"])

    def screening(self) -> None:
        self.heading("screening")
        for s in self.rec.get("screening", []):
            self.r.paragraph(f"{s['question']} {s['answer']}.")

    def answers(self) -> None:
        rec = self.rec
        self.heading("answers")
        by_domain: dict[str, list[str]] = {}
        for ind in rec.get("indicators_ticked", []):
            by_domain.setdefault(ind.get("domain_name") or ind["domain"], []).append(
                f"Applies: {ind['text']} (level {ind['level']})")
        for gap in rec.get("gaps", []):
            if gap["kind"] == "indicator":
                by_domain.setdefault(gap.get("domain_name") or gap.get("domain", ""), []).append(
                    f"Don't know: {gap['text']} (level {gap['level']})")
            elif gap["kind"] == "domain":
                by_domain.setdefault(gap.get("domain_name") or gap["id"], []).append("Don't know about this area.")
        if not by_domain:
            self.r.paragraph(self.form.texts["nothing_ticked"])
        for domain_name, lines in by_domain.items():
            self.r.heading(domain_name, 3)
            self.r.bullets(lines)
        if rec.get("domains_not_worried"):
            self.r.heading(self.form.headings.get("not_worried", NOT_WORRIED))
            self.r.paragraph(", ".join(d["name"] for d in rec["domains_not_worried"]) + ".")

    def not_considered(self) -> None:
        if self.rec.get("domains_not_considered"):
            self.heading("not_considered")
            self.r.paragraph(", ".join(d["name"] for d in self.rec["domains_not_considered"]) + ".")

    def strengths(self) -> None:
        if self.rec.get("strengths"):
            self.heading("strengths")
            self.r.bullets([s["text"] for s in self.rec["strengths"]])

    def people(self) -> None:
        r, c, form = self.record.referrer, self.record.child, self.form
        cells = []
        for key, fields in (("referrer", (("Name", r.name), ("Role", r.role), ("Agency", r.agency),
                                          ("Team", r.team), ("Phone", r.phone), ("Email", r.email))),
                            ("child", (("Name", c.full_name), ("Initials", c.initials),
                                       ("Local reference", c.local_reference), ("Age band", c.age_band),
                                       ("Date of birth", c.date_of_birth or "")))):
            # One line each: newlines in a name or a phone number (from a hand-edited file) would make a
            # table row taller than a page, which cannot be printed at all.
            lines: list[tuple[Line, Style]] = [(form.headings[key], "h3")]
            lines += [(f"{label}: {' '.join(value.split())}", "body") for label, value in fields if value]
            cells.append(lines)
        self.r.space(3)
        self.r.table([cells], ["50%", "50%"], header_rows=0, lines="none")

    def notes(self) -> None:
        """What the reader must know about how this PDF prints the record: characters it cannot print."""
        missing = missing_characters(_user_texts(self.record))
        if missing:
            self.r.space(3)
            shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in missing[:20])
            self.r.paragraph(f"Note: some characters could not be printed in this font and appear as boxes: {shown}. "
                             "They are kept exactly in the record embedded in this PDF.", "warning")

    def signatures(self) -> None:
        self.heading("signatures")
        self.r.signatures(self.form.signature_lines)

    def about(self) -> None:
        self.r.space(4)
        self.r.rule()
        self.r.paragraph(self.form.texts["judgement_reminder"], "small")
        self.r.paragraph(self.form.texts["hash_note"], "small")
        self.r.paragraph(f"Record hash: {self.record.record_hash}", "small")


def record_furniture(record: DecisionRecord, form: Form, generated: str | None = None,
                     record_hash: str | None = None) -> Furniture:
    """Every page of a record: its marking, partnership and title, the rule set, the record hash (which
    reopening checks against the record inside), and when it was made."""
    ruleset = record.ruleset
    return Furniture(form.security_marking, ruleset["partnership"], form.title, (
        f"Rule set: {ruleset['name']} {ruleset['version']} ({ruleset['content_hash'][:19]})   "
        f"Record hash: {(record_hash or record.record_hash)[:23]}", generated_line(generated)))


def add_record(report: Report, record: DecisionRecord, form: Form, who: str = "") -> None:
    """A record's pages, in the form's order of sections, added to ``report``."""
    pages = _RecordPages(record, form, report)
    pages.title(who)
    for section in form.sections:
        getattr(pages, section)()


def render_record(record: DecisionRecord, form: Form | None = None, *, generated: str | None = None,
                  who: str = "") -> RenderedRecord:
    """Render ``record`` to PDF bytes, with the record's JSON embedded as an attachment. ``who``: in a
    household's PDF, which child these pages are about ("Eldest (9), child 1 of 3"), under the title."""
    form = form or load_form()
    report = Report(form.title, record_furniture(record, form, generated), page_size=form.page_size)
    add_record(report, record, form, who)
    built = report.build(record.to_json().encode("utf-8"))
    texts = _user_texts(record)
    return RenderedRecord(built.pdf, built.pages, missing_characters(texts))


def record_texts(record: DecisionRecord) -> list[str]:
    """What people wrote in a record (for the font and reading-order checks)."""
    return _user_texts(record)
