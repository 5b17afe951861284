"""Printed-record templates from ``forms/``: wording, headings, security marking, logo."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..core.problems import InputError, Problem
from ..core.schema import build_validator, explain_errors
from ..core.yamlsource import load_yaml_file
from ..locations import data_dir

DEFAULT_FORM = "decision-record.yaml"


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


@cache
def _validator() -> Any:
    text = resources.files(__package__).joinpath("schemas", "form.schema.json").read_text("utf-8")
    return build_validator(json.loads(text))


def load_form(path: Path | str | None = None) -> Form:
    """Load a template (the bundled decision record by default), with located errors."""
    path = Path(path) if path is not None else data_dir("forms") / DEFAULT_FORM
    data, smap = load_yaml_file(path)
    problems = explain_errors(_validator(), data, smap)
    if problems:
        raise InputError(problems)
    logo = None
    if data.get("logo"):
        logo = (path.parent / data["logo"]).resolve()
        if not logo.is_file():
            raise InputError([Problem(f"the logo file {data['logo']!r} does not exist", smap.locate(("logo",)),
                                      ("logo",), "give a PNG or JPEG path relative to the form's folder")])
    return Form(data["title"], data["security_marking"], logo, data["page_size"], dict(data["headings"]),
                dict(data["texts"]), tuple(data["signature_lines"]), path)
