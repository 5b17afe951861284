"""Whatever a rule-set file holds, loading it either succeeds or reports problems: it never crashes."""

from __future__ import annotations

import copy
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thresholds_app.core.loader import inspect_ruleset, read_ruleset_document
from thresholds_app.core.problems import InputError
from thresholds_app.core.yamlsource import load_yaml_text

from .conftest import COMPACT

BASE, _ = read_ruleset_document(COMPACT)
fuzz = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@fuzz
@given(st.text(max_size=400))
def test_arbitrary_text_never_crashes_the_reader(text: str) -> None:
    try:
        load_yaml_text(text, "fuzz.yaml")
    except InputError as exc:
        assert exc.problems and all(p.location.file == "fuzz.yaml" for p in exc.problems)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


PATHS = [p for p in _paths(BASE) if p]
junk = st.one_of(st.none(), st.booleans(), st.integers(-5, 200), st.text(max_size=12),
                 st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=5), st.integers(), max_size=2))


@fuzz
@given(st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(st.just("DELETE"), junk)), min_size=1, max_size=4))
def test_mutated_rulesets_report_problems_never_crash(tmp_path_factory, mutations) -> None:
    doc = copy.deepcopy(BASE)
    for path, value in mutations:
        parent: Any = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            if value == "DELETE":
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue
    target = tmp_path_factory.mktemp("fuzz") / "mutated.yaml"
    target.write_text(yaml.safe_dump(doc, allow_unicode=True))
    report = inspect_ruleset(target)  # must not raise
    if report.ruleset is None:
        assert report.errors
        for problem in report.errors:
            assert problem.location.file == str(target)
            assert problem.message
