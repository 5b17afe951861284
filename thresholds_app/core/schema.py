"""The JSON Schemas that define valid rule sets, answers and test cases, and plain-language errors.

The schema files in ``schemas/`` are the single definition of what is valid; authors can point
their editor at ``ruleset.schema.json``. Validators are built once and reused.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from .problems import Problem
from .yamlsource import SourceMap

if TYPE_CHECKING:  # jsonschema is imported when something is first checked: about 50 ms of start-up otherwise
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError
    from referencing import Registry

SchemaName = Literal["ruleset", "answers", "casetests", "training"]
_NAMES: tuple[SchemaName, ...] = ("ruleset", "answers", "casetests", "training")
_MAX_REPORTED = 200


def _pattern_to_the_end(checker: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """JSON Schema's ``pattern`` with ``$`` meaning the very end, as in the JavaScript regular expressions
    the standard names. Python's ``$`` also matches before a final newline, so ``"mash\\n"`` would pass
    ``^[a-z]+$`` and then fail, or mislead, far from the file."""
    from jsonschema.exceptions import ValidationError

    if not checker.is_type(instance, "string"):
        return
    anchored = pattern[:-1] + r"\Z" if pattern.endswith("$") and not pattern.endswith(r"\$") else pattern
    if not re.search(anchored, instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator_class() -> Any:
    """Draft 2020-12, with ``pattern`` as the standard means it (see ``_pattern_to_the_end``)."""
    from jsonschema import Draft202012Validator
    from jsonschema.validators import extend

    return extend(Draft202012Validator, {"pattern": _pattern_to_the_end})  # type: ignore[no-untyped-call]


def schema_text(name: SchemaName) -> str:
    """The schema file's text, as shipped with the package."""
    return resources.files(__package__).joinpath("schemas", f"{name}.schema.json").read_text("utf-8")


@cache
def _registry() -> Registry:
    from referencing import Registry, Resource

    registry: Registry = Registry()
    for name in _NAMES:
        doc = json.loads(schema_text(name))
        registry = registry.with_resource(doc["$id"], Resource.from_contents(doc))
    return registry


@cache
def validator(name: SchemaName) -> Draft202012Validator:
    from jsonschema import FormatChecker

    schema = inline_local_refs(json.loads(schema_text(name)))
    validator: Draft202012Validator = _validator_class()(schema, registry=_registry(),
                                                         format_checker=FormatChecker())
    return validator


def _recursive_defs(defs: dict[str, Any]) -> set[str]:
    """Names of ``$defs`` entries that refer (directly or not) to themselves."""

    def refs(node: Any) -> set[str]:
        if isinstance(node, dict):
            found = {node["$ref"][len("#/$defs/"):]} if str(node.get("$ref", "")).startswith("#/$defs/") else set()
            return found.union(*(refs(v) for v in node.values()))
        if isinstance(node, list):
            return set().union(*(refs(v) for v in node))
        return set()

    direct = {name: refs(body) for name, body in defs.items()}
    recursive = set()
    for start in defs:
        seen: set[str] = set()
        todo = list(direct[start])
        while todo:
            nxt = todo.pop()
            if nxt == start:
                recursive.add(start)
                break
            if nxt not in seen and nxt in direct:
                seen.add(nxt)
                todo.extend(direct[nxt])
    return recursive


def inline_local_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The same schema with non-recursive ``#/$defs/...`` references replaced by their content.

    Validation means the same thing; it only avoids thousands of reference look-ups per rule set,
    which were most of the load time. Recursive definitions (conditions) stay as references.
    """
    defs = schema.get("$defs", {})
    keep = _recursive_defs(defs)

    def expand(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[len("#/$defs/"):] not in keep:
                siblings = {k: expand(v) for k, v in node.items() if k != "$ref"}
                return {**expand(defs[ref[len("#/$defs/"):]]), **siblings}
            return {k: expand(v) for k, v in node.items()}
        if isinstance(node, list):
            return [expand(v) for v in node]
        return node

    out: dict[str, Any] = expand({k: v for k, v in schema.items() if k != "$defs"})
    out["$defs"] = {name: expand(defs[name]) for name in keep}
    return out


def validate(name: SchemaName, data: Any, smap: SourceMap) -> list[Problem]:
    """Every schema problem in ``data``, located through ``smap`` and explained in plain words."""
    return explain_errors(validator(name), data, smap)


def build_validator(schema: dict[str, Any]) -> Draft202012Validator:
    """A reusable validator for another layer's schema (with date and e-mail formats checked).

    The schema itself is not checked against the meta-schema here, at every start: the schemas ship with
    the app and tests/test_loader.py checks each one.
    """
    from jsonschema import FormatChecker

    validator: Draft202012Validator = _validator_class()(inline_local_refs(schema), format_checker=FormatChecker())
    return validator


def explain_errors(checker: Draft202012Validator, data: Any, smap: SourceMap, *,
                   redact: bool = False) -> list[Problem]:
    """Every problem ``checker`` finds, in plain words. ``redact`` keeps values (personal data) out."""
    problems: list[Problem] = []
    for error in _leaf_errors(checker.iter_errors(data)):
        problems.append(_explain(error, smap, redact))
        if len(problems) >= _MAX_REPORTED:
            break
    problems.sort(key=lambda p: (p.location.file, p.location.line, p.location.column))
    return problems


def _leaf_errors(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    for error in errors:
        alternatives: Any = error.validator_value
        if error.validator in ("anyOf", "oneOf") and error.context and alternatives and all(
            "required" not in alt for alt in alternatives
        ):
            # Report the deepest alternative's errors rather than "is not valid under any schema".
            best = max(error.context, key=lambda e: len(e.absolute_path))
            yield best
        else:
            yield error


def _describe(value: Any, redact: bool = False) -> str:
    if redact:
        kind = ("true/false" if isinstance(value, bool) else "a number" if isinstance(value, int | float)
                else "text" if isinstance(value, str) else "nothing" if value is None
                else "a list" if isinstance(value, list) else "a mapping of keys")
        return kind
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ({shown!r})"
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


_TYPE_WORDS = {
    "string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
    "array": "a list (lines starting with '- ')", "object": "a mapping of keys", "null": "nothing",
}


def _explain(error: ValidationError, smap: SourceMap, redact: bool = False) -> Problem:
    path = tuple(error.absolute_path)
    kind: Any = error.validator
    expected: Any = error.validator_value
    value = error.instance
    hint = ""
    where = path
    if kind == "additionalProperties" and isinstance(value, dict):
        allowed = sorted(error.schema.get("properties", {})) if isinstance(error.schema, dict) else []
        extras = [k for k in value if k not in allowed] if allowed else list(value)
        key = extras[0] if extras else "?"
        where = (*path, key)
        message = f"unknown field {key!r}"
        close = difflib.get_close_matches(str(key), allowed, n=1)
        if close:
            hint = f"did you mean {close[0]!r}?"
        elif allowed:
            hint = "allowed fields here: " + ", ".join(allowed)
        if len(extras) > 1:
            message += f" (and {len(extras) - 1} more: {', '.join(map(repr, extras[1:4]))})"
    elif kind == "required":
        missing = [k for k in expected if isinstance(value, dict) and k not in value]
        message = "missing required field " + ", ".join(repr(k) for k in missing)
        hint = f"add {missing[0]!r} here" if missing else ""
    elif kind == "type":
        types = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in types)
        message = f"expected {words} but found {_describe(value, redact)}"
        if expected == "string" and isinstance(value, bool | int | float):
            hint = "put the value in quotes so it is read as text"
    elif kind == "enum":
        choices = ", ".join(repr(v) for v in expected)
        message = f"{_describe(value, redact)} is not allowed here; use one of {choices}"
        close = difflib.get_close_matches(str(value), [str(v) for v in expected], n=1)
        hint = f"did you mean {close[0]!r}?" if close and not redact else ""
    elif kind == "const":
        message = f"must be {error.validator_value!r}, found {_describe(value, redact)}"
    elif kind == "pattern":
        message = f"{_describe(value, redact)} does not have the expected form"
        schema_node: Any = error.schema
        desc = schema_node.get("description") if isinstance(schema_node, dict) else None
        if (path and path[-1] in ("id", "group", "route", "redirect", "question", "ref")) or (
            isinstance(error.schema, dict) and "a-z" in str(error.validator_value)
        ):
            hint = "ids use lower-case letters, digits, '_' or '-', start with a letter, at most 64 characters"
        elif desc:
            hint = str(desc)
        elif "#" in str(error.validator_value):
            hint = "write a colour as '#RRGGBB', for example '#1f77b4'"
        elif "[0-9]{4}" in str(error.validator_value):
            hint = "write dates as YYYY-MM-DD in quotes, for example '2026-04-01'"
        elif "0-9+()" in str(error.validator_value):
            hint = "write phone numbers with digits, spaces, '+', '(' and ')' only"
    elif kind == "format":
        message = f"{_describe(value, redact)} is not a valid {error.validator_value}"
        hint = {"date": "write dates as YYYY-MM-DD, for example '2026-04-01'",
                "email": "write an address such as 'mash@example.gov.uk'"}.get(str(error.validator_value), "")
    elif kind in ("minItems", "maxItems"):
        count = len(value) if isinstance(value, list) else 0
        bound = error.validator_value
        message = f"has {count} item(s); {'at least' if kind == 'minItems' else 'at most'} {bound} allowed"
    elif kind in ("minLength", "maxLength"):
        message = "text is empty" if kind == "minLength" else f"text is longer than {error.validator_value} characters"
    elif kind in ("minProperties", "maxProperties"):
        if isinstance(value, dict) and kind == "maxProperties" and error.validator_value == 1:
            message = f"a condition has exactly one key, found {len(value)}: {', '.join(map(repr, value))}"
            hint = "combine several conditions with 'all:' or 'any:'"
        elif isinstance(value, dict) and not value:
            message = "is empty"
        else:
            message = f"has {len(value) if isinstance(value, dict) else 0} keys; the limit is {error.validator_value}"
    elif kind in ("minimum", "maximum"):
        side = "below the minimum" if kind == "minimum" else "above the maximum"
        message = f"{_describe(value, redact)} is {side} of {error.validator_value}"
    elif kind == "uniqueItems":
        message = "the list repeats an item"
        hint = "list each item once"
    elif kind == "anyOf" and isinstance(expected, list):
        needed = [next(iter(alt.get("required", ["?"]))) for alt in expected]
        message = "needs at least one of " + ", ".join(repr(o) for o in needed)
    else:
        message = f"is not valid here ({kind})" if redact else error.message
    return Problem(message, smap.locate(where), where, hint)
