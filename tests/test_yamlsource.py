"""The strict YAML reader: safe, bounded, and precise about where problems are."""

from __future__ import annotations

from pathlib import Path

import pytest

from thresholds_app.core.problems import InputError
from thresholds_app.core.yamlsource import MAX_DEPTH, load_json_text, load_yaml_text, read_text


def only_problem(text: str, name: str = "f.yaml"):
    with pytest.raises(InputError) as info:
        load_yaml_text(text, name)
    assert len(info.value.problems) == 1
    return info.value.problems[0]


def test_yaml_1_1_traps_stay_text() -> None:
    data, _ = load_yaml_text("a: no\nb: yes\nc: on\nd: 012\ne: 2015-03-04\nf: 12:30:00\ng: 1.10\n", "f")
    assert data == {"a": "no", "b": "yes", "c": "on", "d": "012", "e": "2015-03-04", "f": "12:30:00", "g": 1.1}


def test_core_scalars() -> None:
    data, _ = load_yaml_text("a: true\nb: false\nc: 7\nd: -2\ne: ~\nf: 'true'\ng: 1e3\n", "f")
    assert data == {"a": True, "b": False, "c": 7, "d": -2, "e": None, "f": "true", "g": 1000.0}


def test_locations_of_keys_and_items() -> None:
    _, smap = load_yaml_text("top:\n  list:\n    - a\n    - {k: v}\n", "doc.yaml")
    assert (smap.locate(("top", "list", 1, "k")).line, smap.locate(("top", "list", 1, "k")).column) == (4, 8)
    assert smap.locate(("top", "list", 0)).line == 3
    # An unrecorded path falls back to its nearest recorded ancestor.
    assert smap.locate(("top", "list", 1, "k", "deeper")).line == 4


def test_duplicate_key_is_located() -> None:
    problem = only_problem("a: 1\nb:\n  c: 1\n  c: 2\n")
    assert "duplicate key 'c'" in problem.message
    assert (problem.location.line, problem.location.column) == (4, 3)


def test_alias_and_anchor_rejected() -> None:
    problem = only_problem("a: &x [1, 2]\nb: *x\n")
    assert "anchors and aliases" in problem.message
    assert problem.location.line == 1


def test_alias_bomb_rejected_before_expansion() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8)
    )
    assert "anchors and aliases" in only_problem(bomb).message


def test_python_tags_rejected() -> None:
    problem = only_problem("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert "tags" in problem.message


def test_nesting_bounded_without_recursion_error() -> None:
    problem = only_problem("[" * 5000 + "]" * 5000)
    assert f"deeper than {MAX_DEPTH}" in problem.message


def test_syntax_error_located() -> None:
    problem = only_problem("a: [1, 2\nb: 3\n")
    assert problem.message.startswith("YAML syntax error")
    assert problem.location.line == 2
    assert problem.hint


def test_empty_and_comment_only() -> None:
    assert "empty" in only_problem("").message
    assert "empty" in only_problem("   \n\n").message
    assert "no YAML content" in only_problem("# just a comment\n").message


def test_two_documents_rejected() -> None:
    assert "more than one YAML document" in only_problem("a: 1\n---\nb: 2\n").message


def test_long_text_bounded() -> None:
    assert "characters long" in only_problem("a: " + "x" * 30_000 + "\n").message


def test_complex_keys_rejected() -> None:
    assert "plain text" in only_problem("? [a, b]\n: 1\n").message


def test_binary_and_encoding(tmp_path: Path) -> None:
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(b"a: 1\n\x00\x01\x02binary")
    with pytest.raises(InputError) as info:
        read_text(junk)
    assert "binary data" in info.value.problems[0].message
    assert info.value.problems[0].location.line == 2
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("name: Zo\u00eb\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_text(latin)
    assert "not valid UTF-8" in info.value.problems[0].message
    assert (info.value.problems[0].location.line, info.value.problems[0].location.column) == (1, 9)


def test_oversized_file_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.seek(50 * 1024 * 1024)
        fh.write(b"\n")
    with pytest.raises(InputError) as info:
        read_text(big)
    assert "the limit is" in info.value.problems[0].message


def test_json_errors_in_json_terms() -> None:
    with pytest.raises(InputError) as info:
        load_json_text('{"a": 1,\n "b": }', "answers.json")
    assert info.value.problems[0].message.startswith("JSON syntax error")
    assert info.value.problems[0].location.line == 2
    with pytest.raises(InputError) as info:
        load_json_text('{"a": 1, "a": 2}', "answers.json")
    assert "duplicate key" in info.value.problems[0].message


def test_unicode_text_preserved() -> None:
    data, _ = load_yaml_text("name: \"Zoë Łukasiewicz, Παναγιώτης, Алексей\"\n", "f")
    assert data["name"] == "Zoë Łukasiewicz, Παναγιώτης, Алексей"
