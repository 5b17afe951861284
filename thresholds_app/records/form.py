"""Printed templates from ``forms/``: wording, headings, security marking, logo and section order.

``decision-record.yaml`` shapes the decision record; ``reports.yaml`` gives every other report (grid,
questionnaire, audit, rule-set revision, training summary) its title and marking, and the logo for all.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from ..core.problems import InputError, Problem
from ..core.schema import build_validator, explain_errors
from ..core.yamlsource import load_yaml_file
from ..locations import data_dir

DEFAULT_FORM = "decision-record.yaml"
#: The decision record's sections in their usual order (a form may list them in another).
SECTIONS = ("outcome", "next_steps", "contacts", "consent_guidance", "timescale", "side_routes", "reasons", "gaps",
            "judgement", "consent", "worry", "working_well", "screening", "answers", "not_considered", "strengths",
            "people", "notes", "signatures", "about")


@dataclass(frozen=True)
class Form:
    title: str
    security_marking: str
    logo: Path | None
    page_size: str
    headings: Mapping[str, str]
    texts: Mapping[str, str]
    signature_lines: tuple[str, ...]
    source: Path
    #: The order the sections are printed in, after the title.
    sections: tuple[str, ...] = SECTIONS


@cache
def _validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "form.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def load_form(path: Path | str | None = None) -> Form:
    """Load a template (the bundled decision record by default), with located errors.

    Read again only when the file changes (its size or time), not for every PDF: the app reads it once
    on its printing worker, and each Save PDF after that uses it as read."""
    path = Path(path) if path is not None else data_dir("forms") / DEFAULT_FORM
    try:
        info = path.stat()
    except OSError:
        return _read_form(path, None)  # says why, located
    return _read_form(path, (info.st_mtime_ns, info.st_size))


@lru_cache(maxsize=8)
def _read_form(path: Path, stamp: tuple[int, int] | None) -> Form:
    data, smap = load_yaml_file(path)
    problems = explain_errors(_validator(), data, smap)
    if problems:
        raise InputError(problems)
    missing = [name for name in SECTIONS if name not in data.get("sections", SECTIONS)]
    if missing:
        raise InputError([Problem(f"the section(s) {', '.join(map(repr, missing))} are not listed", smap.locate(
            ("sections",)), ("sections",), "every section is printed once: list each where it should print "
            f"(the sections are {', '.join(SECTIONS)})")])
    logo = _logo(data, path, smap)
    return Form(data["title"], data["security_marking"], logo, data["page_size"], dict(data["headings"]),
                dict(data["texts"]), tuple(data["signature_lines"]), path, tuple(data.get("sections", SECTIONS)))


ReportKind = Literal["grid", "questionnaire", "audit", "revision", "training"]

#: Each report's sections in their usual order, with their usual headings. ``reports.yaml`` may reorder
#: them (every one prints once) and reword the headings.
REPORT_SECTIONS: dict[str, dict[str, str]] = {
    "grid": {"areas": "Areas of need, by level", "routes": "Routes: what to do at each level",
             "side_routes": "Alongside the level"},
    "questionnaire": {"levels": "The levels", "screening": "First questions",
                      "areas": "Areas of the child's life"},
    "audit": {"levels_by_role": "Recommended level by referrer role",
              "agreement": "Agreement on the level (plain agreement and Cohen's kappa)",
              "below_threshold": "Referrals below the referral threshold",
              "mash_decisions": "MASH decisions", "top_indicators": "Indicators most often ticked",
              "top_gaps": "Most common information gaps",
              "edited": "Records edited after they were made (counted, but check them)",
              "unreadable": "Records that could not be read"},
    "revision": {"changes": "What changed", "cases": "Cases whose outcome changes",
                 "records": "Saved records whose outcome would change",
                 "calibration": "Calibration (blind raters' answers to published cases)", "notes": "Notes"},
    "training": {"cases": "Cases"},
}


@dataclass(frozen=True)
class ReportForm:
    """A report's title, security marking, sections (in order) and their headings, and the partnership's
    logo, from ``forms/reports.yaml``."""

    title: str
    security_marking: str
    logo: Path | None
    sections: tuple[str, ...] = ()
    headings: Mapping[str, str] = field(default_factory=dict)

    def heading(self, section: str) -> str:
        return self.headings[section]


@cache
def _reports_validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "reports-form.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def _logo(data: Mapping[str, Any], path: Path, smap: Any) -> Path | None:
    if not data.get("logo"):
        return None
    logo: Path = (path.parent / str(data["logo"])).resolve()
    if not logo.is_file():
        raise InputError([Problem(f"the logo file {data['logo']!r} does not exist (looked for {logo})",
                                  smap.locate(("logo",)), ("logo",),
                                  "give a PNG or JPEG path relative to the form's folder")])
    return logo


def load_report_form(kind: ReportKind, path: Path | str | None = None) -> ReportForm:
    """One kind of report's form (from the bundled ``reports.yaml`` by default), with located errors."""
    path = Path(path) if path is not None else data_dir("forms") / "reports.yaml"
    data, smap = load_yaml_file(path)
    problems = explain_errors(_reports_validator(), data, smap)
    if problems:
        raise InputError(problems)
    report = data["reports"][kind]
    known = REPORT_SECTIONS[kind]
    sections = tuple(report.get("sections", known))
    missing = [name for name in known if name not in sections]
    if missing:
        where = ("reports", kind, "sections")
        raise InputError([Problem(f"the {kind} report's section(s) {', '.join(map(repr, missing))} are not listed",
                                  smap.locate(where), where, "every section is printed once: list each where it "
                                  f"should print (the {kind} report's sections are {', '.join(known)})")])
    return ReportForm(report["title"], report["security_marking"], _logo(data, path, smap), sections,
                      {**known, **report.get("headings", {})})
